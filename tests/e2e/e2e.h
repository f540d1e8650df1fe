/* e2e.h: helpers for tests that drive the real stack (nginx over TLS, passage, PostgreSQL) started by
 * tests/run.sh, which passes its addresses in PASSAGE_TEST_* variables. */
#ifndef PASSAGE_E2E_H
#define PASSAGE_E2E_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <libpq-fe.h>

struct http_res {
	long status;
	char *body;
	size_t len;
	char *headers;     /* raw header block of the final response */
	double total_s;
};

const char *e2e_env(const char *name);   /* asserts it is set */
PGconn *e2e_db(void);                    /* a connection to the stack's database; asserts it works */
/* The first column of the first row of `sql` (one optional parameter) as a number; -1 for no row. */
long e2e_scalar(const char *sql, const char *param);
char *e2e_first_slug(void);      /* the first module's slug (caller frees) */
/* A shell command, formatted; returns its exit status. */
int e2e_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *e2e_top(void);       /* the repository's top folder */
const char *e2e_pg_args(void);   /* "-h DIR -U USER" for psql, pg_dump, ... from PASSAGE_TEST_DB */
void e2e_db_host_user(char host[256], char user[128]);   /* the same two, apart */
void e2e_scratch(char dir[256]); /* a new folder under /tmp, readable by the database's owner */
void e2e_rmtree(const char *dir);
/* A value of the stack's demo credentials (var/dev/credentials): JOIN_CODE, FACILITATOR_PASSWORD, ... */
char *e2e_cred(const char *key);

/* One request through nginx over verified TLS. method: "GET", "POST", ...; body may be NULL; extra is
 * a NULL-terminated list of header lines. Returns 0 when a response came back (any status). */
int http_do(const char *method, const char *path, const char *body, size_t body_len, const char *const *extra,
            struct http_res *res);
int http_get(const char *path, struct http_res *res);
void http_res_free(struct http_res *res);
/* The value of a header (case-insensitive name), copied; NULL when absent. */
char *http_res_header(const struct http_res *res, const char *name);
int http_plain(const char *path, struct http_res *res);   /* plain HTTP port */

/* A browser-like client: its own cookie jar, kept across requests (a "device"). */
struct client;
struct client *client_new(void);
/* A client whose connections come from another loopback address (127.0.0.2 and up): another household,
 * as far as nginx's limits and the app's throttles can tell. */
struct client *client_new_from(const char *addr);
void client_free(struct client *c);
/* Sends "Accept-Language: value" with every later request of the client (NULL or "": none). */
void client_accept_language(struct client *c, const char *value);
int client_do(struct client *c, const char *method, const char *path, const char *body, struct http_res *res);
/* GETs `path`, finds its form's CSRF token, and POSTs `fields` (urlencoded, without csrf) with it and
 * the site's Origin. nginx's rate limit on sign-in, join and resume (a 429 without Retry-After) and the
 * app's budget of password hashes (a 429 saying "just now") are waited out; the app's throttling of
 * guesses (a 429 with Retry-After) is returned. */
int client_post_form(struct client *c, const char *form_path, const char *action, const char *fields,
                     struct http_res *res);
/* For each question of the quiz (or pre-check) form the client is shown now (it GETs the form): the
 * form's revision, its correct options and one wrong one, as form fields holding the positions as shown
 * (found by the options' text): "&revision=5&q1=2&q2=0&q2=3" (right) and "&revision=5&q1=1&q2=1"
 * (wrong). Options are shuffled per attempt: ask again for each attempt. */
void e2e_quiz_fields(struct client *c, const char *slug, const char *set, char *right, char *wrong, size_t n);
/* The shown position of question q's option with this text in a form's HTML, or -1. */
int e2e_quiz_shown(const char *html, int q, const char *text);
/* Walks the module's case with the client, always taking the first choice, to an ending. */
void e2e_walk_case(struct client *c, const char *slug);
/* GET with the client; asserts a response came and that none of our markup arrived escaped. Returns
 * the status; the response goes to out (caller frees) when out is not NULL. */
long e2e_get(struct client *c, const char *path, struct http_res *out);
/* POSTs fields (urlencoded; a leading '&' is dropped) with the CSRF token of the page at form_path. */
long e2e_post(struct client *c, const char *form_path, const char *action, const char *fields, struct http_res *out);
/* Signs in with the sign-in form and asserts the status. */
void e2e_sign_in(struct client *c, const char *user, const char *pw, long want);
/* A new client signed in as one of the stack's demo staff: e2e_staff("admin", "ADMIN_PASSWORD"). */
struct client *e2e_staff(const char *user, const char *password_key);
/* Joins the demo cohort under `name` (urlencoded); returns the resume code shown (caller frees). */
char *e2e_join(struct client *c, const char *name);
/* The value of a cookie in the jar, or NULL (caller frees). */
char *client_cookie(struct client *c, const char *name);
/* Everything the jar holds, in Netscape format lines (caller frees). */
char *client_cookie_lines(struct client *c);
/* A conditional GET: If-None-Match with `etag`. */
int client_get_if(struct client *c, const char *path, const char *etag, struct http_res *res);
/* A new device holding the cookies of another (lines from client_cookie_lines): a phone that lost its
 * connection and comes back with only its cookie jar. */
struct client *client_with_cookies(const char *lines);
/* The value of the first <input name="NAME" value="..."> in html (caller frees). */
char *html_input_value(const char *html, const char *name);
/* The text of the first element with the given class (caller frees). */
char *html_class_text(const char *html, const char *cls);

/* A load of `threads` keep-alive clients hitting `path` for `seconds`. Counts answers by class: `ok`
 * are those with status `expect` (200 unless set). With `body`, each request is a POST of it. */
struct load {
	const char *path;
	const char *body;
	long expect;
	int threads;
	double seconds;
	long ok, fail, total;
	long statuses[6];   /* 1xx..5xx, [0] = no response */
};
void load_run(struct load *l);                       /* blocking */
void *load_start(struct load *l);                   /* in the background */
void load_wait(void *handle);

/* The stack's processes. */
pid_t stack_master_pid(void);
int stack_worker_pids(pid_t *out, int max);
int stack_cmd(const char *what);                    /* runs deploy/dev/stack.sh WHAT */

/* A passage server of a test's own (no nginx), on a socket under the stack's run/ folder, with the
 * stack's database and key and 2 threads, logging to log/NAME-PID.log; `env` adds NULL-terminated
 * "PASSAGE_X", "value" pairs (PASSAGE_LISTEN = 127.0.0.1:PORT for TCP: `sock` is then that).
 * Returns once the socket exists. */
struct own_server {
	pid_t pid;
	char sock[256];
	char log[256];   /* its standard error: the log */
};
void own_server_start(struct own_server *o, const char *name, const char *const *env);
void own_server_stop(struct own_server *o);   /* SIGTERM, then waits for it */

/* A FastCGI client on the app's own socket, for what nginx would never send. Returns the raw
 * CGI response (headers and body) of one request, or NULL. `stdin_data` may be split: the first
 * `first_part` bytes are sent, then `before_rest` is called, then the rest. */
char *fcgi_request(const char *sock, const char *const *params, const char *stdin_data, size_t stdin_len,
                   size_t first_part, void (*before_rest)(void *), void *arg);
int fcgi_raw(const char *sock, const void *bytes, size_t n);   /* connect, send, read until close */

#endif
