/* test_scaling.c: the path a growing deployment takes, each step with the real software. Two passage
 * servers behind one nginx upstream, one stopped under load: no request fails. */
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

/* A free TCP port on loopback. */
static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

/* An nginx of the test's own, with the shipped site (deploy/nginx/render.sh) passing to `sockets`, and
 * an access log naming the server that answered each request. PASSAGE_TEST_URL points at it for the
 * rest of the test (each test runs in a process of its own). */
struct front {
	char dir[256];
	char url[64];
};

static void front_start(struct front *f, const char *sockets)
{
	e2e_scratch(f->dir);
	const char *var = e2e_env("PASSAGE_TEST_VAR");
	int port = free_port(), plain = free_port();
	cr_assert_eq(e2e_sh("SERVER_NAME=localhost BIND=127.0.0.1 HTTPS_PORT=%d HTTP_PORT=%d CERT=%s/tls/localhost.crt "
	                    "KEY=%s/tls/localhost.key SOCKET='%s' STATIC_DIR=%s/static %s/deploy/nginx/render.sh > %s/site.conf",
	                    port, plain, var, var, sockets, var, e2e_top(), f->dir),
	             0);
	char path[512];
	snprintf(path, sizeof(path), "%s/nginx.conf", f->dir);
	FILE *c = fopen(path, "w");
	cr_assert_not_null(c);
	fprintf(c,
	        "%sworker_processes 2;\npid %s/nginx.pid;\nerror_log %s/error.log info;\nevents { worker_connections 1024; }\n"
	        "http {\n\tinclude /etc/nginx/mime.types;\n\tlog_format up '$upstream_addr $status';\n"
	        "\taccess_log %s/access.log up;\n\tclient_body_temp_path %s/body;\n\tfastcgi_temp_path %s/fastcgi;\n"
	        "\tinclude %s/site.conf;\n}\n",
	        geteuid() == 0 ? "user root;\n" : "", f->dir, f->dir, f->dir, f->dir, f->dir, f->dir);
	fclose(c);
	cr_assert_eq(e2e_sh("nginx -q -p %s -c %s/nginx.conf", f->dir, f->dir), 0, "nginx did not start");
	snprintf(f->url, sizeof(f->url), "https://127.0.0.1:%d", port);
	setenv("PASSAGE_TEST_URL", f->url, 1);
	struct http_res r = {0};
	for (int i = 0; i < 50; i++) {
		if (http_get("/healthz", &r) == 0 && r.status == 200)
			break;
		http_res_free(&r);
		usleep(100000);
	}
	cr_assert_eq(r.status, 200, "the front nginx does not answer");
	http_res_free(&r);
}

static void front_stop(struct front *f)
{
	e2e_sh("nginx -q -p %s -c %s/nginx.conf -s stop", f->dir, f->dir);
	usleep(200000);
	e2e_rmtree(f->dir);
}

/* Lines of `file` that contain `needle` but not `except`; the first of them is kept in `first_line`. */
static char first_line[2048];
static long count_lines_but(const char *file, const char *needle, const char *except)
{
	FILE *f = fopen(file, "r");
	if (f == NULL)
		return -1;
	char line[2048];
	long n = 0;
	first_line[0] = '\0';
	while (fgets(line, sizeof(line), f))
		if (strstr(line, needle) && !(except && strstr(line, except)) && n++ == 0)
			snprintf(first_line, sizeof(first_line), "%s", line);
	fclose(f);
	return n;
}

static long count_lines(const char *file, const char *needle)
{
	return count_lines_but(file, needle, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Two servers behind one nginx; one is stopped (SIGTERM, as systemd does) in the middle of a load of
 * pages and POSTs. nginx does not retry a POST it has already sent, so a POST that failed would show:
 * none may. The stopped server answers what reached it, then exits; the other takes the rest. */
Test(scaling, two_servers_one_stopped_under_load_loses_no_request, .timeout = 120)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "2", "PASSAGE_SOCKET_MODE", "0666", NULL};
	struct own_server a, b;
	own_server_start(&a, "two-a", env);
	own_server_start(&b, "two-b", env);
	char sockets[600], log[300];
	snprintf(sockets, sizeof(sockets), "%s %s", a.sock, b.sock);
	struct front f;
	front_start(&f, sockets);

	/* Pages that read the database, and POSTs without a CSRF token, which the app answers 403. */
	struct load pages = {.path = "/", .threads = 4, .seconds = 6};
	struct load posts = {.path = "/live", .body = "code=ABCDEF", .expect = 403, .threads = 2, .seconds = 6};
	void *hp = load_start(&pages), *hq = load_start(&posts);
	sleep(2);
	snprintf(log, sizeof(log), "%s/access.log", f.dir);
	long a_before = count_lines(log, a.sock);
	long long t0 = now_ms();
	cr_assert_eq(kill(a.pid, SIGTERM), 0);
	int st = 0;
	cr_assert_eq(waitpid(a.pid, &st, 0), a.pid);
	long long stop_ms = now_ms() - t0;
	load_wait(hp);
	load_wait(hq);

	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the stopped server's exit status: %d", st);
	cr_expect_lt(stop_ms, 5000, "the stop took %lld ms", stop_ms);
	cr_expect_gt(pages.total, 200, "load too small to mean anything: %ld", pages.total);
	cr_expect_gt(posts.total, 50, "load too small to mean anything: %ld", posts.total);
	cr_expect_eq(pages.fail, 0, "%ld of %ld pages failed (no answer: %ld, 5xx: %ld)", pages.fail, pages.total,
	             pages.statuses[0], pages.statuses[5]);
	cr_expect_eq(posts.fail, 0, "%ld of %ld POSTs failed (no answer: %ld, 5xx: %ld)", posts.fail, posts.total,
	             posts.statuses[0], posts.statuses[5]);

	/* Both servers answered before the stop; only the other one after it. */
	cr_expect_gt(a_before, 20, "the first server answered %ld requests before its stop", a_before);
	cr_expect_gt(count_lines(log, b.sock), 20);
	long a_after = count_lines(log, a.sock);
	cr_expect_lt(a_after - a_before, pages.threads + posts.threads + 64,
	             "the stopped server went on answering: %ld requests after its stop", a_after - a_before);
	/* Nothing reached the stopped server only to be cut off: the only trouble nginx had with an upstream
	 * was while connecting, finding the stopped one's socket gone (and then it went to the other). */
	snprintf(log, sizeof(log), "%s/error.log", f.dir);
	long gone = count_lines(log, "failed (2: No such file or directory) while connecting to upstream");
	cr_expect_eq(count_lines_but(log, "upstream", "while connecting to upstream"), 0, "%s",
	             first_line);
	cr_log_info("nginx found the stopped server's socket gone %ld time(s)", gone);
	cr_expect_eq(count_lines(a.log, "master: stopped"), 1, "see %s", a.log);
	cr_expect_eq(count_lines(a.log, "killed"), 0, "see %s", a.log);

	front_stop(&f);
	own_server_stop(&b);
}
