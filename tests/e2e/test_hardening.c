/* test_hardening.c: small promises a review found broken, end to end through nginx over TLS: the CSRF
 * token differs on every page (BREACH), and what is printed for a room to type comes from the
 * configuration, never from the Host header a request happened to carry. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

/* A secret repeated in every compressed page can be read out by its length (BREACH): the same signed-in
 * page, fetched twice with gzip, carries two different tokens, and each one works. */
Test(hardening, the_csrf_token_differs_on_every_page, .timeout = 60)
{
	struct client *c = client_new();
	free(e2e_join(c, "Breach"));
	struct http_res r1, r2;
	cr_assert_eq(e2e_get(c, "/me/password", &r1), 200);
	cr_assert_eq(e2e_get(c, "/me/password", &r2), 200);
	char *t1 = html_input_value(r1.body, "csrf"), *t2 = html_input_value(r2.body, "csrf");
	cr_assert(t1 && t2);
	cr_expect_str_neq(t1, t2, "the same token on two pages");
	http_res_free(&r1);
	http_res_free(&r2);
	/* Both are accepted (the older page's form still works), and a forged one is not. */
	char body[512];
	struct http_res r;
	snprintf(body, sizeof(body), "csrf=%s&username=breach.one&new=x&confirm=y", t1);
	cr_assert_eq(client_do(c, "POST", "/me/password", body, &r), 0);
	cr_expect_eq(r.status, 400, "the form's own complaint, not a refused token: %ld", r.status);
	http_res_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&username=breach.one&new=x&confirm=y", t2);
	cr_assert_eq(client_do(c, "POST", "/me/password", body, &r), 0);
	cr_expect_eq(r.status, 400);
	http_res_free(&r);
	t1[10] = t1[10] == 'A' ? 'B' : 'A';
	snprintf(body, sizeof(body), "csrf=%s&username=breach.one&new=x&confirm=y", t1);
	cr_assert_eq(client_do(c, "POST", "/me/password", body, &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);
	free(t1);
	free(t2);
	client_free(c);
}

/* The join sheet and the projector print the configured base_url (the stack sets it to its own address),
 * whatever Host the request came with: here one nginx would pass on from a client or a proxy. */
Test(hardening, printed_addresses_come_from_the_configuration, .timeout = 60)
{
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	char path[64], want[128], cookie[256];
	char *session = client_cookie(f, "__Host-passage");
	cr_assert_not_null(session);
	snprintf(cookie, sizeof(cookie), "__Host-passage=%s", session);
	free(session);
	snprintf(want, sizeof(want), "%s/join", e2e_env("PASSAGE_TEST_URL"));
	snprintf(path, sizeof(path), "/cohorts/%ld/sheet", cohort);
	struct http_res r;
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, want), "the sheet prints %s", want);
	http_res_free(&r);
	const char *params[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", path, "HTTPS", "on", "HTTP_HOST", "evil.example",
	                        "HTTP_COOKIE", cookie, "REMOTE_ADDR", "127.0.0.1", "SERVER_PROTOCOL", "HTTP/1.1", NULL};
	char *raw = fcgi_request(e2e_env("PASSAGE_TEST_SOCKET"), params, NULL, 0, 0, NULL, NULL);
	cr_assert_not_null(raw);
	cr_expect_not_null(strstr(raw, "Join sheet"), "%.300s", raw);
	cr_expect_not_null(strstr(raw, want), "the sheet prints %s", want);
	cr_expect_null(strstr(raw, "evil.example"), "the foreign host is printed");
	free(raw);
	client_free(f);
}
