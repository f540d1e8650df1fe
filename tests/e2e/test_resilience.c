/* test_resilience.c: the server under trouble: PostgreSQL restarting, a worker killed mid-load, a
 * rolling reload, malformed FastCGI, and a graceful stop. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

static long status_of(const char *path)
{
	struct http_res r;
	long s = http_get(path, &r) == 0 ? r.status : 0;
	http_res_free(&r);
	return s;
}

static bool wait_status(const char *path, long want, double seconds)
{
	for (int i = 0; i < (int)(seconds * 20); i++) {
		if (status_of(path) == want)
			return true;
		usleep(50000);
	}
	return false;
}

static int threads_per_worker(void)
{
	const char *t = getenv("PASSAGE_TEST_THREADS");
	return t ? atoi(t) : 8;
}

Test(resilience, postgres_restart, .timeout = 120)
{
	pid_t master = stack_master_pid();
	cr_assert(wait_status("/readyz", 200, 10));
	cr_assert_eq(stack_cmd("pg-stop"), 0);

	/* While it is down: the database page says 503 with Retry-After; pages without it still work. */
	struct http_res r;
	cr_assert_eq(http_get("/readyz", &r), 0);
	cr_expect_eq(r.status, 503);
	char *ra = http_res_header(&r, "retry-after");
	cr_expect_not_null(ra);
	free(ra);
	http_res_free(&r);
	for (int i = 0; i < 20; i++)
		cr_expect_eq(status_of("/readyz"), 503);
	cr_expect_eq(status_of("/healthz"), 200);
	cr_expect_eq(status_of("/"), 200);

	cr_assert_eq(stack_cmd("pg-start"), 0);
	cr_expect(wait_status("/readyz", 200, 10), "readyz did not come back after PostgreSQL restarted");
	/* Every thread reconnects: many requests in a row all succeed. */
	for (int i = 0; i < 100; i++)
		cr_expect_eq(status_of("/readyz"), 200);
	cr_expect_eq(stack_master_pid(), master);
	cr_expect_eq(kill(master, 0), 0, "the master must still be running");
}

Test(resilience, worker_killed_under_load, .timeout = 120)
{
	pid_t before[64];
	int n = stack_worker_pids(before, 64);
	cr_assert_geq(n, 2, "need at least two workers, have %d", n);
	struct load l = {.path = "/readyz", .threads = 6, .seconds = 4};
	void *h = load_start(&l);
	usleep(1500000);
	cr_assert_eq(kill(before[0], SIGKILL), 0);
	load_wait(h);

	/* Only requests in flight on the killed worker may fail: at most one per thread. */
	cr_expect_gt(l.ok, 100, "load too small to mean anything: %ld", l.ok);
	cr_expect_leq(l.fail, threads_per_worker(), "%ld of %ld requests failed", l.fail, l.total);

	/* The master replaced it within a second. */
	pid_t after[64];
	int m = 0;
	for (int i = 0; i < 20 && m != n; i++) {
		m = stack_worker_pids(after, 64);
		usleep(50000);
	}
	cr_expect_eq(m, n);
	for (int i = 0; i < m; i++)
		cr_expect_neq(after[i], before[0], "the killed worker is still listed");
	cr_expect_eq(status_of("/readyz"), 200);
}

Test(resilience, reload_replaces_workers_without_dropping, .timeout = 120)
{
	pid_t before[64], after[64];
	int n = stack_worker_pids(before, 64);
	struct load l = {.path = "/readyz", .threads = 6, .seconds = 5};
	void *h = load_start(&l);
	usleep(1000000);
	cr_assert_eq(kill(stack_master_pid(), SIGHUP), 0);
	load_wait(h);
	cr_expect_eq(l.fail, 0, "%ld of %ld requests failed during the reload", l.fail, l.total);
	cr_expect_gt(l.ok, 100);
	int m = stack_worker_pids(after, 64);
	cr_expect_eq(m, n);
	for (int i = 0; i < m; i++)
		for (int j = 0; j < n; j++)
			cr_expect_neq(after[i], before[j], "worker %d was not replaced", (int)before[j]);
}

Test(resilience, malformed_fastcgi_cannot_stop_the_server, .timeout = 120)
{
	const char *sock = e2e_env("PASSAGE_TEST_SOCKET");
	struct load l = {.path = "/healthz", .threads = 2, .seconds = 3};
	void *h = load_start(&l);
	unsigned char junk[512];
	srand(42);
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof(junk); i++)
			junk[i] = (unsigned char)rand();
		if (round % 3 == 0) {
			/* A plausible header announcing a huge params record that never comes. */
			unsigned char hdr[8] = {1, 4, 0, 1, 0xff, 0xff, 0, 0};
			memcpy(junk, hdr, 8);
		}
		fcgi_raw(sock, junk, (size_t)(round % 7 == 0 ? 3 : sizeof(junk)));
	}
	load_wait(h);
	cr_expect_leq(l.fail, threads_per_worker(), "%ld of %ld failed", l.fail, l.total);
	cr_expect(wait_status("/healthz", 200, 5));
	pid_t w[64];
	cr_expect_geq(stack_worker_pids(w, 64), 2);
}

Test(resilience, app_refuses_oversized_body_itself)
{
	/* nginx stops large bodies first; the app's own limit holds for anything that reaches it. */
	const char *sock = e2e_env("PASSAGE_TEST_SOCKET");
	static char body[200000];
	memset(body, 'a', sizeof(body));
	const char *params[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/", "CONTENT_TYPE",
	                        "application/x-www-form-urlencoded", "CONTENT_LENGTH", "200000", "HTTPS", "on", NULL};
	char *resp = fcgi_request(sock, params, body, sizeof(body), sizeof(body), NULL, NULL);
	cr_assert_not_null(resp);
	cr_expect(strncmp(resp, "Status: 413", 11) == 0, "got: %.60s", resp);
	free(resp);
	/* A body shorter than its announced length is refused, not waited for forever. */
	const char *params2[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/", "CONTENT_TYPE",
	                         "application/x-www-form-urlencoded", "CONTENT_LENGTH", "100", NULL};
	resp = fcgi_request(sock, params2, "a=1", 3, 3, NULL, NULL);
	cr_assert_not_null(resp);
	cr_expect(strncmp(resp, "Status: 400", 11) == 0, "got: %.60s", resp);
	free(resp);
	const char *params3[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/", "CONTENT_LENGTH", "12x", NULL};
	resp = fcgi_request(sock, params3, "", 0, 0, NULL, NULL);
	cr_assert_not_null(resp);
	cr_expect(strncmp(resp, "Status: 400", 11) == 0, "got: %.60s", resp);
	free(resp);
}

/* A second server of our own, for a stop that must not disturb the shared stack. */
static void own_start(struct own_server *o)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "2", "PASSAGE_SOCKET_MODE", "0666", NULL};
	own_server_start(o, "own", env);
}

static pid_t stop_target;
static long long stop_sent_us;
static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
static void send_term(void *arg)
{
	(void)arg;
	kill(stop_target, SIGTERM);
	stop_sent_us = now_us();
	usleep(300000);   /* the request is in flight while the server is stopping */
}

Test(resilience, sigterm_finishes_requests_in_flight, .timeout = 60)
{
	struct own_server o;
	own_start(&o);
	stop_target = o.pid;
	/* Half the body, then SIGTERM, then the rest: the worker must finish this request. */
	const char *params[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/", "CONTENT_TYPE",
	                        "application/x-www-form-urlencoded", "CONTENT_LENGTH", "8", "HTTPS", "on", NULL};
	char *resp = fcgi_request(o.sock, params, "a=1&b=22", 8, 4, send_term, NULL);
	cr_assert_not_null(resp, "the request in flight was dropped");
	cr_expect(strncmp(resp, "Status: 405", 11) == 0, "got: %.60s", resp);
	free(resp);
	int st;
	pid_t w = 0;
	for (int i = 0; i < 100 && w == 0; i++) {
		w = waitpid(o.pid, &st, WNOHANG);
		if (w == 0)
			usleep(50000);
	}
	cr_assert_eq(w, o.pid, "the server did not exit");
	cr_expect_lt(now_us() - stop_sent_us, 5000000, "exit took too long");
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit status %d", st);
	cr_expect_neq(access(o.sock, F_OK), 0, "the socket file should be removed");
}

static void stall(void *arg)
{
	(void)arg;
	sleep(20);
}

Test(resilience, sigterm_with_a_stuck_request_still_exits_in_time, .timeout = 60)
{
	struct own_server o;
	own_start(&o);
	stop_target = o.pid;
	/* A client that never sends its body: the stop must not wait for it beyond the grace period. */
	int pid = fork();
	if (pid == 0) {
		const char *params[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/", "CONTENT_LENGTH", "100", NULL};
		char *r = fcgi_request(o.sock, params, "", 0, 0, stall, NULL);
		free(r);
		_exit(0);
	}
	usleep(300000);
	long long t0 = now_us();
	kill(o.pid, SIGTERM);
	int st;
	pid_t w = 0;
	for (int i = 0; i < 140 && w == 0; i++) {
		w = waitpid(o.pid, &st, WNOHANG);
		if (w == 0)
			usleep(50000);
	}
	cr_expect_eq(w, o.pid, "the server did not exit");
	cr_expect_lt(now_us() - t0, 5200000, "exit took %lld us", now_us() - t0);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
