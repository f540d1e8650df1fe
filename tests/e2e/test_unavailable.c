/* test_unavailable.c: with the database away, every route of the dispatch table that needs it answers 503
 * with Retry-After (the site's error page, not a blank or a 500), and the routes that do not need it
 * still answer. Walks the table itself, so a route added later is walked too. A server of the test's own
 * points at a database that does not exist, and does not wait for it (db_wait_ms 0). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"
#include "pages/pages.h"

/* A value each kind of path capture accepts, so that the router matches and the database is asked. */
static const char *capture_value(const char *name, size_t len)
{
	if (len == 4 && strncmp(name, "slug", 4) == 0)
		return "welcome";
	if (len == 4 && strncmp(name, "code", 4) == 0)
		return "ABCDEF";
	return "1";   /* {id}, {n} */
}

/* The pattern with each {capture} filled in. */
static void fill(const char *pattern, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = pattern; *p && o + 1 < n;) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			cr_assert_not_null(end, "pattern %s", pattern);
			o += (size_t)snprintf(out + o, n - o, "%s", capture_value(p + 1, (size_t)(end - p - 1)));
			p = end + 1;
		} else {
			out[o++] = *p++;
		}
	}
	out[o < n ? o : n - 1] = '\0';
}

/* A form body the row's declared inputs accept: its action, and a valid value for each required field
 * (the router answers 400 to a form missing one, database or not). */
static void form_for(const struct route *rt, char *out, size_t n)
{
	size_t o = 0;
	out[0] = '\0';
	if (rt->action != NULL)
		o += (size_t)snprintf(out + o, n - o, "action=%s", rt->action);
	for (const struct field *f = rt->fields; f != NULL && f->name != NULL && o < n; f++) {
		if (!f->required)
			continue;
		o += (size_t)snprintf(out + o, n - o, "%s%s=", o ? "&" : "", f->name);
		if (f->kind == FIELD_INT)
			o += (size_t)snprintf(out + o, n - o, "%lld", f->min);
		else
			for (long long k = 0; k < (f->min > 1 ? f->min : 1) && o + 1 < n; k++)
				out[o++] = 'a';
		out[o < n ? o : n - 1] = '\0';
	}
}

static int status_of(const char *resp)
{
	const char *s = resp ? strstr(resp, "Status: ") : NULL;
	return s ? atoi(s + 8) : 200;   /* a CGI response without Status: is a 200 */
}

static char *ask(const char *sock, const char *method, const char *path, const char *body)
{
	char len[16];
	snprintf(len, sizeof(len), "%zu", strlen(body));
	const char *p[] = {"REQUEST_METHOD", method, "REQUEST_URI", path, "HTTPS", "on", "REMOTE_ADDR", "127.0.0.1",
	                   "HTTP_HOST", "localhost", "CONTENT_TYPE", "application/x-www-form-urlencoded",
	                   "CONTENT_LENGTH", len, NULL};
	return fcgi_request(sock, p, body, strlen(body), 0, NULL, NULL);
}

Test(unavailable, every_route_that_needs_the_database_answers_503_with_retry_after, .timeout = 180)
{
	static const char *const env[] = {"PASSAGE_DATABASE", "host=/nonexistent dbname=passage connect_timeout=1",
	                                  "PASSAGE_DB_WAIT_MS", "0", "PASSAGE_WORKERS", "1", NULL};
	struct own_server o;
	own_server_start(&o, "nodb", env);
	int asked = 0;
	for (size_t i = 0; i < site_nroutes; i++) {
		const struct route *rt = &site_routes[i];
		char path[512];
		fill(rt->pattern, path, sizeof(path));
		for (int m = 0; m < 2; m++) {
			unsigned method = m == 0 ? METHOD_GET : METHOD_POST;
			if (!(rt->methods & method))
				continue;
			char body[1024] = "";
			if (method == METHOD_POST)
				form_for(rt, body, sizeof(body));
			char *resp = ask(o.sock, m == 0 ? "GET" : "POST", path, body);
			cr_assert_not_null(resp, "%s %s: no answer", m == 0 ? "GET" : "POST", path);
			int st = status_of(resp);
			asked++;
			if (rt->flags & ROUTE_DB) {
				cr_expect_eq(st, 503, "%s %s: %d, not 503:\n%.300s", m == 0 ? "GET" : "POST", path, st, resp);
				cr_expect_not_null(strstr(resp, "Retry-After: "), "%s %s: no Retry-After", m == 0 ? "GET" : "POST",
				                   path);
				cr_expect_not_null(strstr(resp, "<h1>"), "%s %s: not the error page", m == 0 ? "GET" : "POST", path);
			} else if (strcmp(rt->pattern, "/readyz") == 0) {
				cr_expect_eq(st, 503, "/readyz says the database is away");
				cr_expect_not_null(strstr(resp, "Retry-After: "));
			} else {
				cr_expect_lt(st, 500, "%s %s needs no database, yet answered %d", m == 0 ? "GET" : "POST", path, st);
			}
			free(resp);
		}
	}
	cr_expect_gt(asked, 60, "walked only %d route and method pairs", asked);
	own_server_stop(&o);
}
