/* http.h: the request struct every handler receives, its limits, and the response it fills. */
#ifndef PASSAGE_HTTP_H
#define PASSAGE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "store/db.h"

/* Limits on every part of a request. A request past any of them is refused before a handler runs. */
#define HTTP_PATH_MAX     1024   /* decoded path bytes */
#define HTTP_URI_MAX      8192   /* raw REQUEST_URI bytes */
#define HTTP_PARAMS_MAX   64     /* query or form parameters */
#define HTTP_KEY_MAX      64     /* parameter name bytes */
#define HTTP_VALUE_MAX    16384  /* one parameter value, decoded */
#define HTTP_COOKIE_MAX   4096   /* Cookie header bytes */
#define HTTP_COOKIES_MAX  32     /* cookies in one header */
#define HTTP_ARGS_MAX     4      /* path captures, e.g. /modules/{slug} */
#define HTTP_N_MAX        9999   /* largest {n} capture */
#define HTTP_SLUG_MAX     40     /* longest {slug} capture: a content id (CONTENT_ID_MAX) */
#define HTTP_CODE_MAX     32     /* longest {code} capture: a code as typed, with room for dashes */
#define HTTP_HDRS_MAX     8      /* extra response headers */
#define HTTP_BODY_OUT_MAX (8u << 20) /* response body */
#define HTTP_ARENA_MAX    (16u << 20)

enum method {
	METHOD_GET = 1,
	METHOD_HEAD = 2,
	METHOD_POST = 4,
	METHOD_OTHER = 8,
};

struct kv {
	const char *key;
	const char *val;   /* decoded, NUL-terminated, valid UTF-8 without NUL */
	size_t vlen;
};

struct kvlist {
	struct kv *v;
	size_t n;
};

/* Declared inputs: a route lists the fields it reads; the server validates them before the handler
 * runs, and the handler reads only r->in[i] (kcgi's kvalid_* in spirit). */
enum field_kind {
	FIELD_TEXT,    /* one line of text: no control characters (C0, DEL, C1); min/max in characters (core/utf8.h) */
	FIELD_TEXTAREA,/* text that may hold newlines and tabs */
	FIELD_INT,     /* decimal integer in [min, max] */
	FIELD_SLUG,    /* [a-z0-9-], min/max in bytes */
	FIELD_TOKEN,   /* [A-Za-z0-9_-], min/max in bytes */
};

struct field {
	const char *name;
	enum field_kind kind;
	long long min, max;
	bool required;
	bool repeated;     /* may come several times (checkboxes): each value is checked; see field_val.ints */
};

enum field_state {
	FIELD_MISSING = 0,
	FIELD_OK,
	FIELD_INVALID,
};

struct field_val {
	enum field_state state;
	const char *s;     /* the value as sent (decoded); NULL when missing */
	size_t len;
	long long i;       /* FIELD_INT only */
	size_t count;      /* how many values came (more than one only for a repeated field) */
	const long long *ints;  /* a repeated FIELD_INT: all `count` values, in the order sent */
};

#define HTTP_FIELDS_MAX 32

/* Path captures. A pattern segment "{id}", "{n}", "{slug}" or "{code}" takes one path segment, which the
 * router checks: a segment that does not fit is no match (404), so a handler only sees valid values. */
enum arg_kind {
	ARG_ID,    /* {id}: a database id, 1 to INT64_MAX in decimal, no sign, no leading zero */
	ARG_N,     /* {n}: a lesson or attempt number, 1 to HTTP_N_MAX, no leading zero */
	ARG_SLUG,  /* {slug}: [a-z0-9-], 1 to HTTP_SLUG_MAX bytes, as a module's id in the content */
	ARG_CODE,  /* {code}: [A-Za-z0-9-], 1 to HTTP_CODE_MAX bytes; the page reads it with sec_code_parse */
};

struct path_arg {
	const char *s;     /* the segment as sent, NUL-terminated */
	long long i;       /* {id} and {n}: the value; 0 for the others */
};

struct route;
struct site;
struct db;
struct config;
struct account;

struct resp {
	int status;
	const char *ctype;           /* default "text/html; charset=utf-8" */
	const char *cache;           /* Cache-Control, default "no-store" */
	const char *hdrs[HTTP_HDRS_MAX]; /* extra "Name: value" lines, arena-owned */
	size_t nhdrs;
	struct buf body;
	/* Streaming (http_stream_begin): the server sets sink and io; the head goes out first and the body
	 * follows in pieces, so a large export needs no more memory than one piece. */
	int (*sink)(void *io, const char *p, size_t n);   /* 0, or -1 when the client has gone */
	void *io;
	bool streaming;
	/* The body was cut short: the client went away, or the handler met an error after the head went out
	 * (http_error). The server then drops the connection without ending the response, so the client
	 * sees a failed download rather than a complete-looking file with rows missing. */
	bool stream_failed;
	size_t streamed;
};

/* Everything a handler may touch. One per thread, reset for every request. */
struct req {
	enum method method;
	const char *method_name;
	const char *path;          /* decoded, starts with '/' */
	const char *raw_query;     /* as sent, may be "" */
	struct kvlist query, form, cookies;
	const char *remote_addr;
	const char *origin;        /* Origin header or NULL */
	const char *host;
	const char *authorization; /* Authorization header or NULL */
	const char *if_none_match; /* If-None-Match header or NULL (the live pages' polls) */
	const char *accept_language; /* Accept-Language header or NULL */
	bool https;
	struct path_arg arg[HTTP_ARGS_MAX];  /* path captures, in pattern order, checked by the router */
	size_t narg;
	const struct site *site;   /* what is served (server.h): its routes and its error page */
	const struct route *route;
	struct field_val in[HTTP_FIELDS_MAX];

	/* Who is asking (the site's before-hook, security/auth.c, fills these before the handler runs). */
	const struct account *me;     /* NULL when nobody is signed in */
	char session_hex[65];         /* SHA-256 of the session token in hex; "" when anonymous */
	bool session_unknown;         /* a session cookie came and the database could not say whose */
	char csrf[88];                /* the CSRF token for this request's forms (SEC_CSRF_CHARS); "" until made */
	const char *lang;             /* the language the site chose for this request; NULL until chosen */
	const struct catalog *cat;    /* its message catalog (core/msg.h); NULL for English */

	struct arena *arena;
	struct db *db;
	struct db *replica;           /* NULL unless a replica is configured: see req_reports_db() */
	const struct config *cfg;
	struct resp resp;
	long long t0_us;
};

/* Raw CGI-style values as handed over by the web server, before parsing. */
struct req_raw {
	const char *method;
	const char *request_uri;
	const char *content_type;
	const char *cookie;
	const char *https;
	const char *remote_addr;
	const char *origin;
	const char *host;
	const char *authorization;
	const char *if_none_match;
	const char *accept_language;
	const char *body;
	size_t body_len;
};

/* Parsing (request.c). Each returns 0 on success or an HTTP status (400, 405, 413) and, where given,
 * a short reason in err. All memory comes from the arena. */
int http_pct_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out, size_t *outlen);
int http_parse_urlencoded(struct arena *a, const char *s, size_t n, struct kvlist *out, const char **err);
int http_parse_cookies(struct arena *a, const char *s, struct kvlist *out, const char **err);
int http_parse(struct req *r, const struct req_raw *raw, const char **err);
const char *http_kv_get(const struct kvlist *l, const char *key);
int http_fields_validate(struct req *r, const struct field *fields, size_t n, const char **err);

/* Response helpers (response.c). */
const char *http_reason(int status);
void http_header(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void http_error(struct req *r, int status, const char *detail);
void http_redirect(struct req *r, int status, const char *location);
/* The one mapping from a store result to a response: STORE_NONE 404, STORE_TAKEN 409, STORE_LIMITED 429,
 * STORE_FAILED 503 with Retry-After. `what` says in words what could not be done ("your answers could not
 * be saved: send them again"), or NULL for the status's own words. Returns true when it answered, that
 * is when rc is not STORE_OK. */
bool http_store_failed(struct req *r, enum store_rc rc, const char *what);
/* A 503 with Retry-After for a database that is away (db_ready, db_ensure): the same page. */
void http_unavailable(struct req *r, const char *what);
/* body_len SIZE_MAX: a streamed body, sent without Content-Length. */
void http_head_block(const struct req *r, struct buf *out, size_t body_len);
/* Streaming: http_stream_begin sends the status and headers set so far; after it, whatever is written to
 * the body goes out whenever http_stream_flush finds a piece full (or always, with `all`). Both return 0,
 * or -1 once the client has gone: the handler should stop. */
int http_stream_begin(struct req *r);
int http_stream_flush(struct req *r, bool all);

/* The connection dashboards and exports read from: the replica when one is configured and answering
 * (checked at most every 10 s while it is away), else the database. Who may see a report is always
 * decided on the database; only what the report holds is read here. */
struct db *req_reports_db(struct req *r);

#endif
