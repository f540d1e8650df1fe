/* server.h: the site the server is given (the dispatch table, the middleware, the error page) and what
 * it offers everyone (routing, logging, the worker entry points). */
#ifndef PASSAGE_SERVER_H
#define PASSAGE_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/log.h"
#include "core/metrics.h"
#include "server/http.h"

enum route_flags {
	ROUTE_DB = 1,       /* needs the database: 503 with Retry-After when it is unavailable */
	ROUTE_LENIENT = 2,  /* invalid declared fields reach the handler instead of a 400 */
	ROUTE_NOLOG = 4,    /* no access-log line (probes) */
	ROUTE_SIGNED_IN = 8,/* anyone signed in */
	ROUTE_STAFF = 16,   /* facilitators and administrators */
	ROUTE_ADMIN = 32,   /* administrators only */
	ROUTE_PROBE = 64,   /* no session lookup at all */
};

typedef void (*handler_fn)(struct req *r);

/* One row of the dispatch table. `pattern` is a path whose segments are literals or typed captures
 * ("{id}", "{n}", "{slug}", "{code}": see enum arg_kind), which the router checks and puts in r->arg[].
 * Rows of one pattern that change something are told apart by `action`: a POST row with an action
 * answers only a form whose one "action" field has that value (a form with several submit buttons names
 * its action on each button). The router reads that field; no row declares it among its inputs. */
struct route {
	const char *pattern;
	unsigned methods;          /* METHOD_GET | METHOD_POST ...; GET implies HEAD */
	const char *action;        /* NULL, or the form's "action" that picks this row (POST rows only) */
	handler_fn fn;
	const struct field *fields;   /* declared inputs, ending with an entry whose name is NULL */
	unsigned flags;
};

/* What the server serves: the site, built by app/main.c and handed to server_run and worker_main (as
 * kcgi's khttp_parse takes its pages). The server names nothing of the layers above it. */
struct site {
	const struct route *routes;   /* the dispatch table: every route and action */
	size_t nroutes;
	/* Once per process, after the configuration is loaded: returns 0, or -1 with a message. */
	int (*init)(const struct config *cfg, char *err, size_t errlen);
	/* Runs after routing and before the handler (sessions, roles, CSRF). Returns false when it has
	 * already answered. */
	bool (*before)(struct req *r);
	/* Chooses the request's language: sets r->lang and r->cat. Called on the first message the request
	 * translates (server/html.h); NULL serves English. */
	void (*language)(struct req *r);
	/* Writes the body of an error page; http_error has set the status and logged it. */
	void (*error_page)(struct req *r, int status, const char *title, const char *detail);
};

/* The checks a site must pass before the server runs it (its routes fit the metrics). Returns 0, or -1
 * with a message. */
int site_check(const struct site *site, char *err, size_t errlen);

/* router.c: finds the route for r->path, r->method and (POST) the form's action. Returns 0 and sets
 * r->route and r->arg[]; 404 when no pattern matches, a capture included; 405 when the path exists and
 * the method does not (*allow gets the allowed methods); 400 when the path and method have rows by
 * action and the form names none of them (or names an action twice). */
int router_match(struct req *r, const struct route *routes, size_t n, unsigned *allow);

/* access_log.c: the access log line. */
void log_access(const struct req *r, size_t bytes, long long us);

/* master.c / worker.c: the memory the master shares with its workers: a page for the session cache's
 * revocation counter, then the metrics. */
#define SHARED_SIZE (4096 + ((metrics_size() + 4095) / 4096) * 4096)

/* master.c / worker.c */
struct config;
int server_run(const struct site *site, const struct config *cfg, const char *config_path);
/* master_pid: the master that started this worker (which may be PID 1, in a container without init). */
int worker_main(const struct site *site, int listen_fd, int ready_fd, pid_t master_pid, int shm_fd, const char *config_path);

#endif
