/* test_e2e.c: the site through real nginx over verified TLS: pages, error statuses, headers, probes. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

static void expect_header(const struct http_res *r, const char *name, const char *contains)
{
	char *v = http_res_header(r, name);
	cr_expect_not_null(v, "header %s missing", name);
	if (v != NULL && contains != NULL)
		cr_expect_not_null(strstr(v, contains), "header %s: '%s' lacks '%s'", name, v, contains);
	free(v);
}

static void expect_security_headers(const struct http_res *r)
{
	expect_header(r, "content-security-policy", "default-src 'none'");
	expect_header(r, "content-security-policy", "frame-ancestors 'none'");
	expect_header(r, "x-content-type-options", "nosniff");
	expect_header(r, "referrer-policy", NULL);
	expect_header(r, "strict-transport-security", "max-age=");
	char *csp = http_res_header(r, "content-security-policy");
	if (csp != NULL)
		cr_expect_null(strstr(csp, "unsafe-inline"), "CSP allows inline code: %s", csp);
	free(csp);
	char *server = http_res_header(r, "server");
	if (server != NULL)
		cr_expect_null(strchr(server, '/'), "Server header shows a version: %s", server);
	free(server);
}

Test(e2e, home_page)
{
	struct http_res r;
	cr_assert_eq(http_get("/", &r), 0);
	cr_expect_eq(r.status, 200);
	expect_header(&r, "content-type", "text/html; charset=utf-8");
	expect_security_headers(&r);
	cr_expect_not_null(strstr(r.body, "<h1>"));
	cr_expect_not_null(strstr(r.body, "<html lang=\"en\" dir=\"ltr\">"));
	cr_expect_not_null(strstr(r.body, "name=\"viewport\""));
	cr_expect_not_null(strstr(r.body, "<main id=\"main\">"));
	cr_expect_null(strstr(r.body, "<script"), "the page needs no JavaScript");

	/* The stylesheet it links is served, cacheable for a year, and page + stylesheet stay under 30 KB. */
	char *link = strstr(r.body, "href=\"/static/passage.");
	cr_assert_not_null(link);
	char href[128];
	cr_assert_eq(sscanf(link, "href=\"%127[^\"]\"", href), 1);
	struct http_res css;
	cr_assert_eq(http_get(href, &css), 0);
	cr_expect_eq(css.status, 200);
	expect_header(&css, "content-type", "text/css");
	expect_header(&css, "cache-control", "immutable");
	cr_expect_lt(r.len + css.len, 30 * 1024, "page %zu + css %zu bytes", r.len, css.len);
	http_res_free(&css);
	http_res_free(&r);
}

Test(e2e, head_has_no_body)
{
	struct http_res r;
	cr_assert_eq(http_do("HEAD", "/", NULL, 0, NULL, &r), 0);
	cr_expect_eq(r.status, 200);
	cr_expect_eq(r.len, 0u);
	expect_header(&r, "content-length", NULL);
	http_res_free(&r);
}

Test(e2e, probes)
{
	struct http_res r;
	cr_assert_eq(http_get("/healthz", &r), 0);
	cr_expect_eq(r.status, 200);
	cr_expect_str_eq(r.body, "ok\n");
	http_res_free(&r);
	cr_assert_eq(http_get("/readyz", &r), 0);
	cr_expect_eq(r.status, 200);
	cr_expect_str_eq(r.body, "ready\n");
	http_res_free(&r);
}

Test(e2e, plain_http_redirects_to_https)
{
	struct http_res r;
	cr_assert_eq(http_plain("/some/page?x=1", &r), 0);
	cr_expect_eq(r.status, 301);
	char *loc = http_res_header(&r, "location");
	cr_assert_not_null(loc);
	cr_expect(strncmp(loc, "https://", 8) == 0, "redirects to %s", loc);
	cr_expect_not_null(strstr(loc, "/some/page?x=1"));
	free(loc);
	cr_expect_null(http_res_header(&r, "set-cookie"));
	http_res_free(&r);
}

/* Every refusal: its status, the site's own page, and the security headers. */
struct bad_vec {
	const char *method, *path, *ctype;
	size_t body_len;   /* body of 'a=aaaa...' of this length, or 0 */
	long status;
	const char *page_says;
};
ParameterizedTestParameters(e2e, refusals)
{
	static struct bad_vec v[] = {
		{"GET", "/no/such/page", NULL, 0, 404, "Page not found"},
		{"GET", "/%zz", NULL, 0, 400, "could not be understood"},
		{"GET", "/%C3%28", NULL, 0, 400, "could not be understood"},        /* invalid UTF-8 */
		{"GET", "/?q=%ED%A0%80", NULL, 0, 400, "could not be understood"},  /* surrogate */
		{"GET", "/?a=%00", NULL, 0, 400, "could not be understood"},
		{"POST", "/", "application/x-www-form-urlencoded", 10, 405, "not allowed"},
		{"DELETE", "/", NULL, 0, 405, "not allowed"},
		{"POST", "/", "application/x-www-form-urlencoded", 20000, 400, "parameter value too long"},
		{"POST", "/", "application/x-www-form-urlencoded", 70000, 413, "too much"},
		{"POST", "/", "text/plain", 10, 415, "could not be read"},
	};
	return cr_make_param_array(struct bad_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct bad_vec *v, e2e, refusals)
{
	char *body = NULL;
	char ct[128];
	const char *extra[2] = {NULL, NULL};
	if (v->body_len > 0) {
		body = malloc(v->body_len + 1);
		memset(body, 'a', v->body_len);
		memcpy(body, "a=", 2);
		body[v->body_len] = '\0';
	}
	if (v->ctype) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", v->ctype);
		extra[0] = ct;
	}
	struct http_res r;
	cr_assert_eq(http_do(v->method, v->path, body, v->body_len, extra, &r), 0);
	cr_expect_eq(r.status, v->status, "%s %s: %ld, want %ld", v->method, v->path, r.status, v->status);
	cr_expect_not_null(strstr(r.body, v->page_says), "%s %s: page lacks '%s'", v->method, v->path, v->page_says);
	cr_expect_not_null(strstr(r.body, "Go to the home page"));
	expect_header(&r, "x-content-type-options", "nosniff");
	expect_header(&r, "strict-transport-security", NULL);
	if (v->status == 405) {
		char *allow = http_res_header(&r, "allow");
		cr_expect_not_null(allow);
		free(allow);
	}
	if (v->status != 413)   /* nginx's own 413 page is static */
		expect_security_headers(&r);
	http_res_free(&r);
	free(body);

	/* And the server carries on. */
	cr_assert_eq(http_get("/healthz", &r), 0);
	cr_expect_eq(r.status, 200);
	http_res_free(&r);
}

Test(e2e, too_many_parameters)
{
	char path[2048] = "/?";
	for (int i = 0; i < 70; i++)
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "p%d=1&", i);
	struct http_res r;
	cr_assert_eq(http_get(path, &r), 0);
	cr_expect_eq(r.status, 400);
	cr_expect_not_null(strstr(r.body, "too many parameters"));
	http_res_free(&r);
}
