/* test_fastcgi.c: raw FastCGI records, sent straight to the app's socket, that nginx would never send:
 * bad versions, lengths past the content, unknown record types, huge name lengths, requests that stop
 * half way or are aborted, many requests on one connection, and a thousand connections held open. None
 * may take the server down: after each case /healthz answers 200 through nginx and every worker is the
 * one that was there before (none died and was replaced). */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

enum { BEGIN = 1, ABORT = 2, END = 3, PARAMS = 4, STDIN = 5, STDOUT = 6, STDERR = 7, GET_VALUES = 9,
       GET_VALUES_RESULT = 10, UNKNOWN_TYPE = 11 };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A connection to the app's socket; reads give up after `timeout_s`. -1 when it cannot connect. */
static int fc_connect(int timeout_s)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	strncpy(sa.sun_path, e2e_env("PASSAGE_TEST_SOCKET"), sizeof(sa.sun_path) - 1);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	struct timeval tv = {timeout_s, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

/* Bytes to send, built record by record. */
struct msg {
	unsigned char b[200000];
	size_t n;
};

/* A record whose header announces `announced` content bytes (and `pad` padding) but carries `n`. */
static void rec_raw(struct msg *m, int version, int type, int id, const void *data, size_t n, size_t announced,
                    int pad)
{
	unsigned char h[8] = {(unsigned char)version, (unsigned char)type, (unsigned char)(id >> 8), (unsigned char)id,
	                      (unsigned char)(announced >> 8), (unsigned char)announced, (unsigned char)pad, 0};
	memcpy(m->b + m->n, h, 8);
	memcpy(m->b + m->n + 8, data, n);
	m->n += 8 + n;
}

static void rec(struct msg *m, int type, int id, const void *data, size_t n)
{
	rec_raw(m, 1, type, id, data, n, n, 0);
}

static void begin(struct msg *m, int id, bool keep)
{
	unsigned char body[8] = {0, 1, keep ? 1 : 0, 0, 0, 0, 0, 0};   /* role responder */
	rec(m, BEGIN, id, body, 8);
}

static size_t put_len(unsigned char *p, uint32_t n, bool long_form)
{
	if (n < 128 && !long_form) {
		p[0] = (unsigned char)n;
		return 1;
	}
	p[0] = (unsigned char)((n >> 24) | 0x80);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	return 4;
}

/* The params of a request (NULL-terminated name, value pairs), then the empty record ending them. */
static void params(struct msg *m, int id, const char *const *kv)
{
	unsigned char p[16384];
	size_t n = 0;
	for (size_t i = 0; kv[i] && kv[i + 1]; i += 2) {
		size_t a = strlen(kv[i]), b = strlen(kv[i + 1]);
		n += put_len(p + n, (uint32_t)a, false);
		n += put_len(p + n, (uint32_t)b, false);
		memcpy(p + n, kv[i], a);
		memcpy(p + n + a, kv[i + 1], b);
		n += a + b;
	}
	rec(m, PARAMS, id, p, n);
	rec(m, PARAMS, id, "", 0);
}

static const char *const healthz[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", "/healthz", "HTTPS", "on",
                                      "REMOTE_ADDR", "127.0.0.1", NULL};

/* One whole GET /healthz as request `id`. */
static void get_healthz(struct msg *m, int id, bool keep)
{
	begin(m, id, keep);
	params(m, id, healthz);
	rec(m, STDIN, id, "", 0);
}

static void send_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n > 0) {
		ssize_t k = send(fd, s, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;   /* the server may close first: that is allowed */
		s += k;
		n -= (size_t)k;
	}
}

/* What came back on a connection. */
struct reply {
	int ends;            /* END_REQUEST records */
	int mgmt;            /* GET_VALUES_RESULT and UNKNOWN_TYPE records */
	int status200;       /* stdout records starting "Status: 200" */
	char first[64];      /* the start of the first stdout */
	bool closed;         /* the server closed the connection (rather than our timeout) */
};

/* Reads records until the server closes, `want_ends` END_REQUESTs came (0: until close), or the
 * connection's read timeout. */
static void read_reply(int fd, struct reply *r, int want_ends)
{
	memset(r, 0, sizeof(*r));
	static unsigned char buf[1 << 20];
	size_t have = 0;
	for (;;) {
		ssize_t k = recv(fd, buf + have, sizeof(buf) - have, 0);
		if (k == 0 || (k < 0 && errno == ECONNRESET)) {
			r->closed = true;
			return;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return;   /* timed out */
		have += (size_t)k;
		size_t at = 0;
		while (have - at >= 8) {
			unsigned char *h = buf + at;
			size_t len = (size_t)h[4] << 8 | h[5], total = 8 + len + h[6];
			if (have - at < total)
				break;
			if (h[1] == END)
				r->ends++;
			else if (h[1] == GET_VALUES_RESULT || h[1] == UNKNOWN_TYPE)
				r->mgmt++;
			else if (h[1] == STDOUT && len > 0) {
				if (r->first[0] == '\0')
					snprintf(r->first, sizeof(r->first), "%.*s", (int)(len < 60 ? len : 60), (char *)h + 8);
				r->status200 += len >= 11 && memcmp(h + 8, "Status: 200", 11) == 0;
			}
			at += total;
		}
		memmove(buf, buf + at, have - at);
		have -= at;
		if (want_ends > 0 && r->ends >= want_ends)
			return;
	}
}

/* Sends m on a new connection, says it has nothing more to send (unless `hold`), and reads the reply. */
static void exchange(const struct msg *m, bool hold, int want_ends, struct reply *r)
{
	int fd = fc_connect(10);
	cr_assert_geq(fd, 0, "cannot connect to the app's socket");
	send_all(fd, m->b, m->n);
	if (!hold)
		shutdown(fd, SHUT_WR);
	read_reply(fd, r, want_ends);
	close(fd);
}

static long status_of(const char *path)
{
	struct http_res r;
	long s = http_get(path, &r) == 0 ? r.status : 0;
	http_res_free(&r);
	return s;
}

static int cmp_pid(const void *a, const void *b)
{
	return *(const pid_t *)a - *(const pid_t *)b;
}

struct procs {
	pid_t master, workers[64];
	int n;
};

static void procs_now(struct procs *p)
{
	p->master = stack_master_pid();
	p->n = stack_worker_pids(p->workers, 64);
	qsort(p->workers, (size_t)p->n, sizeof(pid_t), cmp_pid);
}

/* After a case: /healthz answers 200 through nginx at once, and the master and every worker are the
 * ones from before (a worker that died would have been replaced under a new pid). */
static void still_healthy(const struct procs *before)
{
	double t0 = now_s();
	cr_expect_eq(status_of("/healthz"), 200, "/healthz through nginx did not answer 200");
	cr_expect_lt(now_s() - t0, 5.0, "/healthz took %.1f s", now_s() - t0);
	struct procs after;
	procs_now(&after);
	cr_expect_eq(after.master, before->master, "the master changed");
	cr_expect_eq(after.n, before->n, "%d workers before, %d after", before->n, after.n);
	for (int i = 0; i < after.n && i < before->n; i++)
		cr_expect_eq(after.workers[i], before->workers[i], "worker %d died and was replaced by %d",
		             (int)before->workers[i], (int)after.workers[i]);
	/* And a whole request straight on the socket still works. */
	struct msg *m = calloc(1, sizeof(*m));
	struct reply r;
	get_healthz(m, 1, false);
	exchange(m, false, 1, &r);
	cr_expect_eq(r.status200, 1, "GET /healthz on the socket: '%s'", r.first);
	free(m);
}

static struct procs before;
static struct msg *M;
static void setup(void)
{
	cr_assert_eq(status_of("/healthz"), 200);
	procs_now(&before);
	cr_assert_geq(before.n, 1);
	M = calloc(1, sizeof(*M));
}
static void teardown(void)
{
	free(M);
}

Test(fastcgi, bad_versions_are_refused, .init = setup, .fini = teardown, .timeout = 60)
{
	static const int versions[] = {0, 2, 255};
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		M->n = 0;
		unsigned char body[8] = {0, 1, 0, 0, 0, 0, 0, 0};
		rec_raw(M, versions[i], BEGIN, 1, body, 8, 8, 0);
		params(M, 1, healthz);
		rec(M, STDIN, 1, "", 0);
		struct reply r;
		exchange(M, false, 0, &r);
		cr_expect(r.closed, "version %d: the connection was left open", versions[i]);
		cr_expect_eq(r.status200, 0, "version %d was answered", versions[i]);
		/* A bad version in the middle of a request too. */
		M->n = 0;
		begin(M, 1, false);
		rec_raw(M, versions[i], PARAMS, 1, "\x04\x03HTTPSon", 9, 9, 0);
		exchange(M, false, 0, &r);
		cr_expect(r.closed, "version %d in params: the connection was left open", versions[i]);
	}
	still_healthy(&before);
}

Test(fastcgi, lengths_past_the_content, .init = setup, .fini = teardown, .timeout = 60)
{
	struct reply r;
	/* Params announcing 65535 bytes (and 255 of padding) of which 40 come, then the end of the stream
	 * (libfcgi takes the end for the end of the params, and answers). */
	begin(M, 1, false);
	rec_raw(M, 1, PARAMS, 1, "\x0e\x03REQUEST_METHODGET\x0b\x08REQUEST_URI/healthz", 40, 65535, 255);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	/* A name-value pair whose lengths run past its record, inside a record that is whole. */
	M->n = 0;
	begin(M, 1, false);
	rec(M, PARAMS, 1, "\x7f\x7fREQUEST_URI", 13);
	rec(M, PARAMS, 1, "", 0);
	rec(M, STDIN, 1, "", 0);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	/* A body announcing more than comes: the app reads to the end and refuses it. */
	static const char *const post[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/signin", "CONTENT_TYPE",
	                                   "application/x-www-form-urlencoded", "CONTENT_LENGTH", "500", "HTTPS", "on",
	                                   NULL};
	M->n = 0;
	begin(M, 1, false);
	params(M, 1, post);
	rec_raw(M, 1, STDIN, 1, "user=a&password=b", 17, 400, 0);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	cr_expect_eq(r.status200, 0, "an incomplete body was answered 200");
	/* Only the first 3 bytes of a header. */
	M->n = 0;
	memcpy(M->b, "\x01\x01\x00", 3);
	M->n = 3;
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	still_healthy(&before);
}

Test(fastcgi, unknown_record_types, .init = setup, .fini = teardown, .timeout = 60)
{
	struct reply r;
	/* Management records (request id 0): a query of the server's values, with names whose lengths are
	 * huge, and an unknown management type. */
	rec(M, GET_VALUES, 0, "\x0e\x00" "FCGI_MAX_CONNS\x0d\x00" "FCGI_MPXS_CONNS", 33);
	rec(M, GET_VALUES, 0, "\xff\xff\xff\xff\x00" "FCGI_MAX_CONNS", 19);
	rec(M, 200, 0, "\x01\x02\x03", 3);
	get_healthz(M, 1, false);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	/* Unknown types, and types that only the server sends, inside a request. */
	static const int types[] = {0, 3, 6, 7, 10, 11, 12, 99, 255};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		M->n = 0;
		begin(M, 1, false);
		rec(M, types[i], 1, "junk", 4);
		params(M, 1, healthz);
		rec(M, types[i], 1, "", 0);
		rec(M, STDIN, 1, "", 0);
		exchange(M, false, 0, &r);
		cr_expect(r.closed, "type %d: the connection was left open", types[i]);
	}
	/* A record for another request id in the middle of one (libfcgi does not multiplex). */
	M->n = 0;
	begin(M, 1, false);
	begin(M, 2, false);
	params(M, 2, healthz);
	params(M, 1, healthz);
	rec(M, STDIN, 2, "", 0);
	rec(M, STDIN, 1, "", 0);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	cr_expect_leq(r.status200, 1);
	still_healthy(&before);
}

Test(fastcgi, huge_name_value_lengths, .init = setup, .fini = teardown, .timeout = 60)
{
	/* The four-byte length form at its largest: name and value lengths that overflow an int when added,
	 * that ask for gigabytes, or that run past the record. */
	static const uint32_t lens[][2] = {
		{0x7fffffff, 0x7fffffff}, {0x7fffffff, 1}, {1, 0x7fffffff}, {0x7ffffffe, 0}, {0x40000000, 0x40000000},
		{0x00010000, 0x00010000}, {200, 0},
	};
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		unsigned char p[64];
		size_t n = put_len(p, lens[i][0], true);
		n += put_len(p + n, lens[i][1], true);
		memcpy(p + n, "REQUEST_METHODGET", 17);
		n += 17;
		M->n = 0;
		begin(M, 1, false);
		rec(M, PARAMS, 1, p, n);
		rec(M, PARAMS, 1, "", 0);
		rec(M, STDIN, 1, "", 0);
		struct reply r;
		exchange(M, false, 0, &r);
		cr_expect(r.closed, "lengths %#x, %#x: the connection was left open", lens[i][0], lens[i][1]);
		cr_expect_eq(r.status200, 0, "lengths %#x, %#x: answered", lens[i][0], lens[i][1]);
	}
	still_healthy(&before);
}

Test(fastcgi, requests_that_stop_half_way, .init = setup, .fini = teardown, .timeout = 60)
{
	struct reply r;
	/* A BEGIN_REQUEST and nothing after it. */
	begin(M, 1, false);
	exchange(M, false, 0, &r);
	cr_expect(r.closed && r.status200 == 0);
	/* A BEGIN_REQUEST with no params at all: the request has defaults (GET /) and is answered. */
	M->n = 0;
	begin(M, 1, false);
	rec(M, PARAMS, 1, "", 0);
	rec(M, STDIN, 1, "", 0);
	exchange(M, false, 1, &r);
	cr_expect_eq(r.ends, 1, "a request without params was not answered");
	/* Params with no STDIN: a GET needs none and is answered; a POST with a body to come is not. */
	M->n = 0;
	begin(M, 1, false);
	params(M, 1, healthz);
	exchange(M, false, 1, &r);
	cr_expect_eq(r.status200, 1, "GET without STDIN: '%s'", r.first);
	static const char *const post[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/signin", "CONTENT_TYPE",
	                                   "application/x-www-form-urlencoded", "CONTENT_LENGTH", "20", "HTTPS", "on",
	                                   NULL};
	M->n = 0;
	begin(M, 1, false);
	params(M, 1, post);
	exchange(M, false, 1, &r);
	cr_expect_eq(r.status200, 0, "POST without its body: '%s'", r.first);
	/* Roles other than responder, and a BEGIN_REQUEST body that is too short. */
	for (int role = 0; role < 5; role++) {
		unsigned char body[8] = {0, (unsigned char)role, 0, 0, 0, 0, 0, 0};
		M->n = 0;
		rec(M, BEGIN, 1, body, 8);
		params(M, 1, healthz);
		rec(M, STDIN, 1, "", 0);
		exchange(M, false, 0, &r);
		cr_expect(r.closed);
	}
	M->n = 0;
	rec(M, BEGIN, 1, "\x00\x01", 2);
	params(M, 1, healthz);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	still_healthy(&before);
}

Test(fastcgi, aborted_requests, .init = setup, .fini = teardown, .timeout = 60)
{
	struct reply r;
	/* Aborted before its params, after them, and after its body began; then a request on the same
	 * connection kept open. */
	begin(M, 1, false);
	rec(M, ABORT, 1, "", 0);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	M->n = 0;
	begin(M, 1, false);
	params(M, 1, healthz);
	rec(M, ABORT, 1, "", 0);
	rec(M, STDIN, 1, "", 0);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	static const char *const post[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/signin", "CONTENT_TYPE",
	                                   "application/x-www-form-urlencoded", "CONTENT_LENGTH", "20", "HTTPS", "on",
	                                   NULL};
	M->n = 0;
	begin(M, 1, true);
	params(M, 1, post);
	rec(M, STDIN, 1, "user=a&pa", 9);
	rec(M, ABORT, 1, "", 0);
	exchange(M, false, 0, &r);
	cr_expect(r.closed);
	/* An abort for a request that is not there (another id, and id 0). */
	M->n = 0;
	rec(M, ABORT, 7, "", 0);
	rec(M, ABORT, 0, "", 0);
	get_healthz(M, 1, false);
	exchange(M, false, 1, &r);
	cr_expect(r.status200 <= 1);
	still_healthy(&before);
}

Test(fastcgi, many_requests_on_one_connection, .init = setup, .fini = teardown, .timeout = 120)
{
	int fd = fc_connect(10);
	cr_assert_geq(fd, 0);
	/* One after the other, each waiting for its answer. */
	for (int i = 1; i <= 200; i++) {
		M->n = 0;
		get_healthz(M, i % 3 + 1, true);
		send_all(fd, M->b, M->n);
		struct reply r;
		read_reply(fd, &r, 1);
		cr_assert_eq(r.status200, 1, "request %d on the connection: '%s'", i, r.first);
		cr_assert_eq(r.ends, 1);
	}
	/* Then 100 sent at once without waiting, which FastCGI does not allow on a connection that does not
	 * multiplex (and nginx never does): libfcgi drops what it read ahead, so the first is answered and the
	 * rest may not be, but the connection ends rather than hang and nothing dies. */
	M->n = 0;
	for (int i = 1; i <= 100; i++)
		get_healthz(M, 1, true);
	send_all(fd, M->b, M->n);
	shutdown(fd, SHUT_WR);
	struct reply r;
	read_reply(fd, &r, 0);
	cr_expect(r.closed, "the connection hung after %d answers", r.ends);
	cr_expect_geq(r.status200, 1);
	close(fd);
	still_healthy(&before);
}

/* Raises the soft limit on open files so that the test itself can hold `n` connections. */
static void room_for(int n)
{
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < (rlim_t)n + 200) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)n + 200 ? rl.rlim_max : (rlim_t)n + 200;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* While `n` connections hold (each having sent `first` bytes of m), nginx's requests are answered, at
 * once, again and again; then they close and the server is as before. */
static void hold(int n, const struct msg *m, size_t first, const char *what)
{
	room_for(n);
	int *fds = calloc((size_t)n, sizeof(int));
	int open_ = 0;
	for (int i = 0; i < n; i++) {
		fds[i] = fc_connect(1);
		if (fds[i] < 0)
			break;
		open_++;
		if (first > 0)
			send_all(fds[i], m->b, first);
	}
	cr_expect_eq(open_, n, "only %d of %d connections opened (%s)", open_, n, what);
	usleep(300000);   /* the workers have seen them */
	for (int i = 0; i < 10; i++) {
		double t0 = now_s();
		long st = status_of("/healthz");
		double took = now_s() - t0;
		cr_expect_eq(st, 200, "with %d connections %s held: /healthz answered %ld", open_, what, st);
		cr_expect_lt(took, 3.0, "with %d connections %s held: /healthz took %.1f s", open_, what, took);
		if (st != 200 || took >= 3.0)
			break;
	}
	struct reply r;
	struct msg *g = calloc(1, sizeof(*g));
	get_healthz(g, 1, false);
	exchange(g, false, 1, &r);
	cr_expect_eq(r.status200, 1, "with %d connections %s held: GET on the socket: '%s'", open_, what, r.first);
	free(g);
	for (int i = 0; i < open_; i++)
		close(fds[i]);
	free(fds);
	usleep(300000);
	still_healthy(&before);
}

Test(fastcgi, a_thousand_idle_connections, .init = setup, .fini = teardown, .timeout = 120)
{
	hold(1000, M, 0, "that send nothing");
}

Test(fastcgi, connections_that_stop_half_way_hold_no_thread, .init = setup, .fini = teardown, .timeout = 120)
{
	/* More than every thread of every worker: a BEGIN_REQUEST and half a params record, then silence. */
	begin(M, 1, true);
	rec_raw(M, 1, PARAMS, 1, "\x0e\x03REQUEST_METHODGET", 19, 200, 0);
	hold(200, M, M->n, "that stopped inside their params");
	/* The same after whole params, with the body still to come. */
	static const char *const post[] = {"REQUEST_METHOD", "POST", "REQUEST_URI", "/signin", "CONTENT_TYPE",
	                                   "application/x-www-form-urlencoded", "CONTENT_LENGTH", "20", "HTTPS", "on",
	                                   NULL};
	M->n = 0;
	begin(M, 1, true);
	params(M, 1, post);
	hold(200, M, M->n, "waiting for their body");
}
