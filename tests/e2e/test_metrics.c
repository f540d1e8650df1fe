/* test_metrics.c: /metrics counts every worker's requests in one place, in Prometheus's text format,
 * and answers only loopback or the configured token. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

/* The value of one sample line ("name{labels} value"), or -1. */
static long sample(const char *body, const char *series)
{
	char pat[256];
	snprintf(pat, sizeof(pat), "\n%s ", series);
	const char *p = strstr(body, pat);
	return p ? atol(p + strlen(pat)) : -1;
}

static long healthz_count(void)
{
	struct http_res r;
	cr_assert_eq(http_get("/metrics", &r), 0);
	cr_assert_eq(r.status, 200, "/metrics from loopback: %ld", r.status);
	char *ctype = http_res_header(&r, "content-type");
	cr_expect_not_null(strstr(ctype ? ctype : "", "text/plain; version=0.0.4"));
	free(ctype);
	long n = sample(r.body, "passage_requests_total{route=\"/healthz\",status=\"2xx\"}");
	cr_expect_not_null(strstr(r.body, "# TYPE passage_request_duration_seconds histogram"));
	cr_expect_not_null(strstr(r.body, "passage_threads "));
	http_res_free(&r);
	return n < 0 ? 0 : n;
}

Test(metrics, every_worker_counts_in_one_place)
{
	long before = healthz_count();
	/* Enough requests, on fresh connections, that every worker process answers some. */
	for (int i = 0; i < 200; i++) {
		struct http_res r;
		cr_assert_eq(http_get("/healthz", &r), 0);
		cr_assert_eq(r.status, 200);
		http_res_free(&r);
	}
	long after = healthz_count();
	cr_expect_geq(after - before, 200, "counted %ld of 200 /healthz requests", after - before);
	struct http_res r;
	cr_assert_eq(http_get("/metrics", &r), 0);
	char series[128];
	snprintf(series, sizeof(series), "passage_request_duration_seconds_count{route=\"/healthz\"}");
	cr_expect_geq(sample(r.body, series), after, "the histogram counts what the counter counts");
	cr_expect_not_null(strstr(r.body, "passage_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"));
	http_res_free(&r);
}

static char *scrape(const char *sock, const char *addr, const char *auth)
{
	const char *p[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", "/metrics", "HTTPS", "on", "REMOTE_ADDR", addr,
	                   "HTTP_HOST", "localhost", auth ? "HTTP_AUTHORIZATION" : NULL, auth, NULL};
	return fcgi_request(sock, p, "", 0, 0, NULL, NULL);
}

Test(metrics, only_loopback_or_the_token, .timeout = 60)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "1", "PASSAGE_METRICS_TOKEN", "a-long-scraper-token-123", NULL};
	struct own_server o;
	own_server_start(&o, "metrics", env);
	char *resp = scrape(o.sock, "203.0.113.7", NULL);
	cr_assert_not_null(resp);
	cr_expect_not_null(strstr(resp, "Status: 404"), "from elsewhere, without a token: %.60s", resp);
	free(resp);
	resp = scrape(o.sock, "203.0.113.7", "Bearer wrong-token-of-the-same-len");
	cr_expect_not_null(strstr(resp, "Status: 404"));
	free(resp);
	resp = scrape(o.sock, "203.0.113.7", "Bearer a-long-scraper-token-123");
	cr_expect_not_null(strstr(resp, "Status: 200"), "with the token: %.60s", resp);
	cr_expect_not_null(strstr(resp, "passage_requests_total{route=\"/metrics\",status=\"4xx\"} 2"),
	                   "the refusals are counted");
	free(resp);
	resp = scrape(o.sock, "127.0.0.1", NULL);
	cr_expect_not_null(strstr(resp, "Status: 200"), "from loopback");
	free(resp);
	own_server_stop(&o);
}

/* Rows of one path told apart by the form's action each count under their own name; a POST naming no
 * action of the path (400) counts under "none", as a request no row answers does. */
Test(metrics, action_rows_are_named, .timeout = 60)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "1", NULL};
	struct own_server o;
	own_server_start(&o, "metrics-actions", env);
	const char *p[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/live/K7QM4R", "HTTPS", "on", "REMOTE_ADDR", "127.0.0.1",
	                   "HTTP_HOST", "localhost", "CONTENT_TYPE", "application/x-www-form-urlencoded",
	                   "CONTENT_LENGTH", "15", NULL};
	char *resp = fcgi_request(o.sock, p, "action=answer&q", 15, 0, NULL, NULL);
	cr_assert_not_null(resp);
	cr_expect_null(strstr(resp, "Status: 400"), "an action of the path: %.60s", resp);
	free(resp);
	resp = fcgi_request(o.sock, p, "action=shout&qq", 15, 0, NULL, NULL);
	cr_expect_not_null(strstr(resp, "Status: 400"), "no such action: %.60s", resp);
	free(resp);
	resp = scrape(o.sock, "127.0.0.1", NULL);
	cr_expect_not_null(strstr(resp, "passage_requests_total{route=\"/live/{code}\",action=\"answer\",status=\"4xx\"} 1"),
	                   "the answer row counts its refusal: %s", strstr(resp, "passage_requests_total"));
	cr_expect_not_null(strstr(resp, "passage_requests_total{route=\"none\",status=\"4xx\"} 1"));
	cr_expect_not_null(strstr(resp, "passage_request_duration_seconds_count{route=\"/live/{code}\",action=\"answer\"} 1"));
	free(resp);
	own_server_stop(&o);
}
