/* response.c: the one place that writes status lines, headers and error pages. */
#include "server/server.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "server/html.h"

static const struct {
	int status;
	const char *reason;
	const char *title;   /* what a person sees on the error page */
} statuses[] = {
	{200, "OK", NULL},
	{201, "Created", NULL},
	{204, "No Content", NULL},
	{301, "Moved Permanently", NULL},
	{303, "See Other", NULL},
	{304, "Not Modified", NULL},
	{400, "Bad Request", N_("That request could not be understood")},
	{403, "Forbidden", N_("You cannot do that here")},
	{404, "Not Found", N_("Page not found")},
	{405, "Method Not Allowed", N_("That action is not allowed on this page")},
	{409, "Conflict", N_("That was already done")},
	{410, "Gone", N_("This has ended")},
	{413, "Content Too Large", N_("That was too much to send")},
	{415, "Unsupported Media Type", N_("That form could not be read")},
	{429, "Too Many Requests", N_("Too many tries: please wait")},
	{500, "Internal Server Error", N_("Something went wrong on our side")},
	{503, "Service Unavailable", N_("Passage is briefly unavailable")},
};

static int status_index(int status)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].status == status)
			return (int)i;
	return -1;
}

const char *http_reason(int status)
{
	int i = status_index(status);
	return i >= 0 ? statuses[i].reason : "Unknown";
}

void http_header(struct req *r, const char *fmt, ...)
{
	if (r->resp.nhdrs >= HTTP_HDRS_MAX)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line) || strpbrk(line, "\r\n") != NULL) {
		log_error("refused a malformed response header");
		return;
	}
	const char *copy = arena_strdup(r->arena, line);
	if (copy != NULL)
		r->resp.hdrs[r->resp.nhdrs++] = copy;
}

/* Replaces whatever the handler wrote with the site's error page for `status`. */
void http_error(struct req *r, int status, const char *detail)
{
	if (r->resp.streaming) {   /* the status went out already: the body just ends */
		log_error("%.16s %.200s: stream ended early: %s", r->method_name ? r->method_name : "-",
		          r->path ? r->path : "-", detail ? detail : http_reason(status));
		r->resp.stream_failed = true;
		buf_clear(&r->resp.body);
		return;
	}
	int i = status_index(status);
	const char *title = i >= 0 && statuses[i].title ? statuses[i].title : N_("Error");
	r->resp.status = status;
	r->resp.ctype = NULL;
	r->resp.cache = "no-store";
	r->resp.nhdrs = 0;   /* headers the handler set (a cookie, say) do not belong on an error page */
	buf_clear(&r->resp.body);
	if (status >= 500)
		log_error("%d %.16s %.200s: %s", status, r->method_name ? r->method_name : "-", r->path ? r->path : "-",
		          detail ? detail : title);
	else
		log_warn("%d %.16s %.200s: %s", status, r->method_name ? r->method_name : "-", r->path ? r->path : "-",
		         detail ? detail : title);
	if (r->site != NULL && r->site->error_page != NULL)
		r->site->error_page(r, status, title, detail);
	else   /* before a site is given (unit tests, a harness): a plain page, still escaped */
		html(r, "<!doctype html>\n<title>%s</title>\n<h1>%s</h1>\n<p>%s</p>\n", title, title, detail ? detail : "");
}

/* How long a client should wait before trying again when the database is away: a restart or a failover
 * (db_wait_ms has already been waited) takes a few seconds. */
#define RETRY_AFTER_S 2

void http_unavailable(struct req *r, const char *what)
{
	http_error(r, 503, what ? what : N_("the database is not available just now"));
	http_header(r, "Retry-After: %d", RETRY_AFTER_S);
}

bool http_store_failed(struct req *r, enum store_rc rc, const char *what)
{
	switch (rc) {
	case STORE_OK:
		return false;
	case STORE_NONE:
		http_error(r, 404, what);
		return true;
	case STORE_TAKEN:
		http_error(r, 409, what);
		return true;
	case STORE_LIMITED:
		http_error(r, 429, what);
		http_header(r, "Retry-After: 60");
		return true;
	case STORE_FAILED:
		break;
	}
	http_unavailable(r, what);
	return true;
}

#define STREAM_PIECE (64u << 10)

int http_stream_begin(struct req *r)
{
	if (r->resp.sink == NULL || r->resp.streaming)
		return -1;
	struct buf head;
	buf_init(&head, 1 << 16);
	http_head_block(r, &head, SIZE_MAX);
	r->resp.streaming = true;
	buf_clear(&r->resp.body);
	if (head.failed || r->resp.sink(r->resp.io, head.p, head.len) != 0)
		r->resp.stream_failed = true;
	buf_free(&head);
	return r->resp.stream_failed ? -1 : 0;
}

int http_stream_flush(struct req *r, bool all)
{
	struct resp *s = &r->resp;
	if (!s->streaming || s->stream_failed || s->body.failed) {
		s->stream_failed = true;
		return -1;
	}
	if (s->body.len == 0 || (!all && s->body.len < STREAM_PIECE))
		return 0;
	if (r->method != METHOD_HEAD && s->sink(s->io, s->body.p, s->body.len) != 0) {
		s->stream_failed = true;
		return -1;
	}
	if (r->method != METHOD_HEAD)
		s->streamed += s->body.len;
	buf_clear(&s->body);
	return 0;
}

void http_redirect(struct req *r, int status, const char *location)
{
	r->resp.status = status;
	buf_clear(&r->resp.body);
	http_header(r, "Location: %s", location);
}

/* The CGI response head: status, content type, length, the security headers every response carries, then
 * the handler's extra headers. HSTS is added by nginx, which knows the connection is TLS. */
void http_head_block(const struct req *r, struct buf *out, size_t body_len)
{
	const struct resp *s = &r->resp;
	buf_printf(out, "Status: %d %s\r\n", s->status, http_reason(s->status));
	buf_printf(out, "Content-Type: %s\r\n", s->ctype ? s->ctype : "text/html; charset=utf-8");
	if (body_len != SIZE_MAX)
		buf_printf(out, "Content-Length: %zu\r\n", body_len);
	buf_printf(out, "Cache-Control: %s\r\n", s->cache ? s->cache : "no-store");
	buf_puts(out,
	         "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; "
	         "script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
	         "frame-ancestors 'none'\r\n"
	         "X-Content-Type-Options: nosniff\r\n"
	         "Referrer-Policy: same-origin\r\n"
	         "X-Frame-Options: DENY\r\n"
	         "Cross-Origin-Opener-Policy: same-origin\r\n"
	         "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n");
	bool retry_after = false;
	for (size_t i = 0; i < s->nhdrs; i++) {
		buf_printf(out, "%s\r\n", s->hdrs[i]);
		retry_after = retry_after || strncasecmp(s->hdrs[i], "Retry-After:", 12) == 0;
	}
	if (s->status == 503 && !retry_after)   /* every 503 says when to come back */
		buf_printf(out, "Retry-After: %d\r\n", RETRY_AFTER_S);
	buf_puts(out, "\r\n");
}
