/* test_scaling.c: the path a growing deployment takes, each step with the real software. Two passage
 * servers behind one nginx upstream, one stopped under load (on a unix socket, or on TCP as on another
 * machine): no request fails; doctor accepts TCP on a private address only. PgBouncer in session
 * pooling between the app and PostgreSQL. Dashboards read from a streaming replica. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
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
 * its access log, which names the server that answered each request, written at once (not buffered as
 * on a server). PASSAGE_TEST_URL points at it for the rest of the test (each test runs in a process of
 * its own). */
struct front {
	char dir[256];
	char url[64];
	pid_t pid;
};

/* Runs a program in the foreground of a child that dies with the test (so a test that fails half-way
 * leaves nothing running). */
static pid_t spawn(const char *const *argv)
{
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

static void front_start(struct front *f, const char *sockets)
{
	e2e_scratch(f->dir);
	const char *var = e2e_env("PASSAGE_TEST_VAR");
	int port = free_port(), plain = free_port();
	cr_assert_eq(e2e_sh("SERVER_NAME=localhost BIND=127.0.0.1 HTTPS_PORT=%d HTTP_PORT=%d CERT=%s/tls/localhost.crt "
	                    "KEY=%s/tls/localhost.key SOCKET='%s' STATIC_DIR=%s/static ACCESS_LOG=%s/access.log "
	                    "%s/deploy/nginx/render.sh | sed 's/ buffer=[0-9a-z]* flush=[0-9a-z]*;/;/' > %s/site.conf",
	                    port, plain, var, var, sockets, var, f->dir, e2e_top(), f->dir),
	             0);
	char path[512];
	snprintf(path, sizeof(path), "%s/nginx.conf", f->dir);
	FILE *c = fopen(path, "w");
	cr_assert_not_null(c);
	fprintf(c,
	        "%sdaemon off;\nworker_processes 2;\npid %s/nginx.pid;\nerror_log %s/error.log info;\nevents { worker_connections 1024; }\n"
	        "http {\n\tinclude /etc/nginx/mime.types;\n"
	        "\tclient_body_temp_path %s/body;\n\tfastcgi_temp_path %s/fastcgi;\n"
	        "\tinclude %s/site.conf;\n}\n",
	        geteuid() == 0 ? "user root;\n" : "", f->dir, f->dir, f->dir, f->dir, f->dir);
	fclose(c);
	snprintf(path, sizeof(path), "%s/nginx.conf", f->dir);
	f->pid = spawn((const char *const[]){"nginx", "-q", "-p", f->dir, "-c", path, NULL});
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
	reap(f->pid);
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
 * none may. The stopped server answers what reached it, then exits; the other takes the rest. The
 * stopped one listens on a unix socket, or on TCP as a server on another machine would. */
static void two_servers_one_stopped(bool tcp)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "2", "PASSAGE_SOCKET_MODE", "0666", NULL};
	char addr[32];
	snprintf(addr, sizeof(addr), "127.0.0.1:%d", free_port());
	const char *env_tcp[] = {"PASSAGE_WORKERS", "2", "PASSAGE_LISTEN", addr, NULL};
	struct own_server a, b;
	own_server_start(&a, "two-a", tcp ? env_tcp : env);
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
	/* Nothing reached the stopped server only to be cut off: nginx's only errors were while connecting,
	 * finding the stopped one's socket gone (and then it went to the other). */
	snprintf(log, sizeof(log), "%s/error.log", f.dir);
	long gone = count_lines(log, "failed (2: No such file or directory) while connecting to upstream");
	cr_expect_eq(count_lines_but(log, "[error]", "while connecting to upstream"), 0, "%s", first_line);
	cr_log_info("nginx found the stopped server's socket gone %ld time(s)", gone);
	cr_expect_eq(count_lines(a.log, "master: stopped"), 1, "see %s", a.log);
	cr_expect_eq(count_lines(a.log, "killed"), 0, "see %s", a.log);

	front_stop(&f);
	own_server_stop(&b);
}

Test(scaling, two_servers_one_stopped_under_load_loses_no_request, .timeout = 120)
{
	two_servers_one_stopped(false);
}

Test(scaling, two_servers_one_on_tcp_stopped_under_load_loses_no_request, .timeout = 120)
{
	two_servers_one_stopped(true);
}


/* PgBouncer (Debian's 1.18) in session pooling in front of the database, as deploy/README.md sets it
 * up: a trainee joins, reads, fails and passes a quiz, and comes back on another device with the
 * resume code; a load of readiness checks meets no error; and PgBouncer's own figures show the traffic went
 * through it, in session pooling. */
Test(scaling, pgbouncer_in_session_pooling, .timeout = 120)
{
	if (e2e_sh("test -x /usr/sbin/pgbouncer") != 0) {
		cr_skip_test("pgbouncer is not installed (deploy/deps.sh installs it)");
		return;
	}
	char dir[256], host[256], user[128], path[600];
	e2e_scratch(dir);
	e2e_db_host_user(host, user);
	if (geteuid() == 0)
		cr_assert_eq(e2e_sh("chown %s: %s", user, dir), 0);
	int port = free_port();
	snprintf(path, sizeof(path), "%s/pgbouncer.ini", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f,
	        "[databases]\npassage = host=%s dbname=passage\n\n[pgbouncer]\nlisten_addr =\nlisten_port = %d\n"
	        "unix_socket_dir = %s\nauth_type = trust\nauth_file = %s/users.txt\nadmin_users = %s\n"
	        "pool_mode = session\ndefault_pool_size = 6\nmax_client_conn = 100\n"
	        "logfile = %s/pgbouncer.log\n",
	        host, port, dir, dir, user, dir);
	fclose(f);
	snprintf(path, sizeof(path), "%s/users.txt", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "\"%s\" \"\"\n", user);
	fclose(f);
	cr_assert_eq(e2e_sh("chmod 644 %s/*", dir), 0);
	char ini[600];
	snprintf(ini, sizeof(ini), "%s/pgbouncer.ini", dir);
	pid_t bouncer = geteuid() == 0 ? spawn((const char *const[]){"pgbouncer", "-q", "-u", user, ini, NULL})
	                               : spawn((const char *const[]){"pgbouncer", "-q", ini, NULL});
	snprintf(path, sizeof(path), "%s/.s.PGSQL.%d", dir, port);
	for (int i = 0; i < 50 && access(path, F_OK) != 0; i++)
		usleep(100000);

	/* One server of 2 workers x 2 threads, each thread's connection and each worker's session listener
	 * through PgBouncer: a pool of 6 holds them all (deploy/README.md: at least the threads plus one a
	 * worker). */
	char database[700];
	snprintf(database, sizeof(database), "host=%s port=%d dbname=passage user=%s", dir, port, user);
	const char *env[] = {"PASSAGE_WORKERS", "2", "PASSAGE_SOCKET_MODE", "0666", "PASSAGE_DATABASE", database, NULL};
	struct own_server o;
	own_server_start(&o, "bouncer", env);
	struct front fr;
	front_start(&fr, o.sock);

	struct http_res r;
	cr_assert_eq(http_get("/readyz", &r), 0);
	cr_expect_eq(r.status, 200, "readyz through PgBouncer: %ld", r.status);
	http_res_free(&r);

	/* A trainee's journey: join, read, a failed and a passed quiz (prepared statements run again and
	 * again on the same server connection), a resume code after signing out. */
	struct client *c = client_new();
	char *resume = e2e_join(c, "Bouncer+Tester");
	char *slug = e2e_first_slug();
	char form[512], right[8192], wrong[8192], fields[8300];
	snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 200);
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303);
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	snprintf(fields, sizeof(fields), "attempt=2%s", right);
	cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303);
	snprintf(path, sizeof(path), "/modules/%s/quiz/2", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "You passed"));
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id "
	                        "WHERE u.display_name = 'Bouncer Tester' AND a.set = 'quiz'",
	                        NULL),
	             2);
	client_free(c);
	c = client_new();
	snprintf(fields, sizeof(fields), "code=%s", resume);
	cr_expect_eq(e2e_post(c, "/resume", "/resume", fields, NULL), 303);
	cr_assert_eq(e2e_get(c, "/me", &r), 200);
	cr_expect_not_null(strstr(r.body, "Bouncer Tester"));
	http_res_free(&r);
	client_free(c);

	/* /readyz asks the database each time. */
	struct load l = {.path = "/readyz", .threads = 6, .seconds = 3};
	load_run(&l);
	cr_expect_gt(l.total, 100);
	cr_expect_eq(l.fail, 0, "%ld of %ld failed through PgBouncer", l.fail, l.total);

	/* PgBouncer's figures: the queries went through it, in session pooling. */
	char cmd[1200], out[4096] = "";
	snprintf(cmd, sizeof(cmd), "psql -X -At -h %s -p %d -U %s -c 'SHOW POOLS' pgbouncer 2>&1", dir, port, user);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	size_t n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	cr_expect_not_null(strstr(out, "passage|"), "SHOW POOLS: %s", out);
	cr_expect_not_null(strstr(out, "|session"), "SHOW POOLS: %s", out);
	snprintf(cmd, sizeof(cmd), "psql -X -At -h %s -p %d -U %s -c 'SHOW STATS' pgbouncer | grep '^passage|' | cut -d'|' -f3",
	         dir, port, user);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	long queries = 0;
	cr_expect_eq(fscanf(p, "%ld", &queries), 1);
	pclose(p);
	cr_expect_gt(queries, l.total, "PgBouncer carried %ld queries for %ld requests", queries, l.total);
	free(resume);
	free(slug);

	front_stop(&fr);
	own_server_stop(&o);
	reap(bouncer);
	e2e_rmtree(dir);
}


/* A shell command run as the database's owner (PostgreSQL's programs refuse root), with PostgreSQL's
 * programs on the path. Returns its exit status. */
static int as_owner(const char *user, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int as_owner(const char *user, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	char as[320] = "";
	if (geteuid() == 0)
		snprintf(as, sizeof(as), "setpriv --reuid=%s --regid=%s --init-groups --", user, user);
	return e2e_sh("PATH=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1):$PATH %s sh -c '%s'", as, cmd);
}

/* One value from the standby (psql -At), or "" when it does not answer. */
static void standby_value(const char *dir, const char *user, const char *sql, char *out, size_t n)
{
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "psql -X -At -h %s -U %s -d passage -c \"%s\" 2>/dev/null", dir, user, sql);
	out[0] = '\0';
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		return;
	if (fgets(out, (int)n, p) == NULL)
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	pclose(p);
}

static long body_has(struct client *c, const char *path, const char *needle)
{
	struct http_res r;
	long st = e2e_get(c, path, &r);
	long has = st == 200 && strstr(r.body, needle) != NULL;
	http_res_free(&r);
	return st == 200 ? has : -st;
}

/* What `passage doctor` says, with the test stack's configuration and the `extra` environment. */
static void doctor_says(const char *extra, char *out, size_t n)
{
	char cmd[2048];
	snprintf(cmd, sizeof(cmd),
	         "PASSAGE_DATABASE='%s dbname=passage' PASSAGE_SECRET_KEY_FILE=%s/etc/secret.key PASSAGE_LISTEN=%s %s %s "
	         "doctor 2>&1",
	         e2e_env("PASSAGE_TEST_DB"), e2e_env("PASSAGE_TEST_VAR"), e2e_env("PASSAGE_TEST_SOCKET"), extra,
	         e2e_env("PASSAGE_TEST_BIN"));
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p);
	size_t len = fread(out, 1, n - 1, p);
	out[len] = '\0';
	pclose(p);
}

static void doctor_replica(const char *replica, char *out, size_t n)
{
	char extra[700];
	snprintf(extra, sizeof(extra), "PASSAGE_REPLICA='%s'", replica);
	doctor_says(extra, out, n);
}

/* A server on TCP speaks FastCGI to whoever reaches it: doctor accepts a private address only. */
Test(scaling, doctor_accepts_tcp_on_a_private_address_only)
{
	char out[8192];
	doctor_says("PASSAGE_LISTEN=10.0.0.12:9000", out, sizeof(out));
	cr_expect_not_null(strstr(out, "ok    socket: TCP on the private address 10.0.0.12:9000"), "%s", out);
	doctor_says("PASSAGE_LISTEN=0.0.0.0:9000", out, sizeof(out));
	cr_expect_not_null(strstr(out, "FAIL  socket: TCP on 0.0.0.0:9000, which is not a private address"), "%s", out);
}

/* A TCP address that is not one (a name, a port out of range, no address) stops the server at start-up
 * with a message naming it. */
Test(scaling, a_bad_tcp_address_stops_the_server_with_its_reason)
{
	const char *bad[] = {"localhost:9000", "127.0.0.1:99999", ":9000", "[::1:9000"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char cmd[1024], out[2048] = "";
		snprintf(cmd, sizeof(cmd),
		         "PASSAGE_LISTEN='%s' PASSAGE_DATABASE='%s dbname=passage' PASSAGE_SECRET_KEY_FILE=%s/etc/secret.key "
		         "timeout 10 %s serve 2>&1; echo \"exit $?\"",
		         bad[i], e2e_env("PASSAGE_TEST_DB"), e2e_env("PASSAGE_TEST_VAR"), e2e_env("PASSAGE_TEST_BIN"));
		FILE *p = popen(cmd, "r");
		cr_assert_not_null(p);
		size_t n = fread(out, 1, sizeof(out) - 1, p);
		out[n] = '\0';
		pclose(p);
		cr_expect_not_null(strstr(out, "listen: "), "%s: %s", bad[i], out);
		cr_expect_not_null(strstr(out, "exit 1"), "%s: %s", bad[i], out);
	}
}

/* A streaming replica made as deploy/README.md says (pg_basebackup -R), and a server configured to
 * read its dashboards from it. With the replica's replay paused, a trainee who joins is in the
 * database but not on the cohort's overview: proof that the overview reads the replica. Once replay
 * resumes, they appear. With the replica stopped, the overview reads the database and still answers.
 * The pages that change what they show (the roster) read the database throughout. */
static char standby_dir[256], standby_user[128];

/* After the test, pass or fail: the standby stops and its folder goes. */
static void standby_gone(void)
{
	if (standby_dir[0]) {
		as_owner(standby_user, "pg_ctl -D %s/standby -m immediate -w -t 30 stop >/dev/null 2>&1", standby_dir);
		e2e_rmtree(standby_dir);
	}
}

Test(scaling, dashboards_read_from_a_streaming_replica, .timeout = 180, .fini = standby_gone)
{
	char *dir = standby_dir, host[256], *user = standby_user;
	e2e_scratch(dir);
	e2e_db_host_user(host, user);
	if (geteuid() == 0)
		cr_assert_eq(e2e_sh("chown %s: %s", user, dir), 0);
	cr_assert_eq(as_owner(user, "pg_basebackup -h %s -U %s -D %s/standby -R -X stream -c fast", host, user, dir), 0,
	             "pg_basebackup failed");
	char conf[512];
	snprintf(conf, sizeof(conf), "%s/standby/postgresql.conf", dir);
	FILE *cf = fopen(conf, "a");
	cr_assert_not_null(cf);
	fprintf(cf, "# the test's standby\nunix_socket_directories = '%s'\nshared_buffers = 32MB\n", dir);
	fclose(cf);
	cr_assert_eq(as_owner(user, "pg_ctl -D %s/standby -l %s/standby.log -w -t 60 start >/dev/null", dir, dir), 0,
	             "the standby did not start: see %s/standby.log", dir);
	char v[256];
	standby_value(dir, user, "SELECT pg_is_in_recovery()", v, sizeof(v));
	cr_assert_str_eq(v, "t", "the replica is not a standby");

	char replica[600];
	snprintf(replica, sizeof(replica), "host=%s dbname=passage user=%s application_name=passage-replica", dir, user);
	const char *env[] = {"PASSAGE_WORKERS", "1", "PASSAGE_SOCKET_MODE", "0666", "PASSAGE_REPLICA", replica, NULL};
	struct own_server o;
	own_server_start(&o, "replica", env);
	struct front fr;
	front_start(&fr, o.sock);

	struct client *f = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(f, "facilitator", pw, 303);
	free(pw);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/cohorts", "/cohorts", "name=Replica+Watch", &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/cohorts/%ld/settings", &id) == 1);
	free(loc);
	http_res_free(&r);
	char path[128], sql[256];
	snprintf(path, sizeof(path), "/cohorts/%ld/settings", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *code = html_class_text(r.body, "code-big");
	cr_assert_not_null(code);
	http_res_free(&r);

	/* The standby has the cohort; then its replay stops. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cohorts WHERE id = %ld", id);
	for (int i = 0; i < 100 && (standby_value(dir, user, sql, v, sizeof(v)), strcmp(v, "1") != 0); i++)
		usleep(50000);
	cr_assert_str_eq(v, "1", "the standby did not receive the cohort");
	standby_value(dir, user, "SELECT pg_wal_replay_pause()", v, sizeof(v));

	struct client *t = client_new();
	char fields[256];
	snprintf(fields, sizeof(fields), "code=%s&name=Replica+Probe", code);
	cr_assert_eq(e2e_post(t, "/join", "/join", fields, NULL), 200);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM users WHERE cohort_id = %ld", id);
	char ids[32];
	snprintf(ids, sizeof(ids), "%ld", id);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", ids), 1, "the trainee is in the database");

	char overview[64], roster[64];
	snprintf(overview, sizeof(overview), "/cohorts/%ld", id);
	snprintf(roster, sizeof(roster), "/cohorts/%ld/roster", id);
	cr_expect_eq(body_has(f, overview, "Replica Probe"), 0, "the overview read the database, not the paused replica");
	cr_expect_eq(body_has(f, roster, "Replica Probe"), 1, "the roster reads the database");
	standby_value(dir, user, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'passage-replica'", v,
	              sizeof(v));
	cr_expect_gt(atoi(v), 0, "the server's connection to the replica");

	/* Replay resumes: the overview catches up. */
	standby_value(dir, user, "SELECT pg_wal_replay_resume()", v, sizeof(v));
	long seen = 0;
	for (int i = 0; i < 100 && seen != 1; i++) {
		seen = body_has(f, overview, "Replica Probe");
		if (seen != 1)
			usleep(50000);
	}
	cr_expect_eq(seen, 1, "the overview shows the trainee once the replica has them");

	/* `passage doctor` vouches for the replica, and warns of one that is not a standby. */
	char out[8192];
	doctor_replica(replica, out, sizeof(out));
	cr_expect_not_null(strstr(out, "ok    replica: a standby with the current schema"), "%s", out);
	char primary[600];
	snprintf(primary, sizeof(primary), "host=%s dbname=passage user=%s", host, user);
	doctor_replica(primary, out, sizeof(out));
	cr_expect_not_null(strstr(out, "is not a standby"), "%s", out);

	/* The replica goes away: the overview reads the database. */
	cr_assert_eq(as_owner(user, "pg_ctl -D %s/standby -m fast -w -t 30 stop >/dev/null", dir), 0);
	cr_expect_eq(body_has(f, overview, "Replica Probe"), 1, "the overview with the replica stopped");
	cr_assert_eq(http_get("/metrics", &r), 0);
	cr_expect_eq(r.status, 200);
	long reads = 0, fallbacks = 0;
	char *p = strstr(r.body, "\npassage_replica_reads_total ");
	if (p)
		reads = atol(p + strlen("\npassage_replica_reads_total "));
	p = strstr(r.body, "\npassage_replica_fallbacks_total ");
	if (p)
		fallbacks = atol(p + strlen("\npassage_replica_fallbacks_total "));
	http_res_free(&r);
	cr_expect_geq(reads, 2, "reads from the replica: %ld", reads);
	cr_expect_geq(fallbacks, 1, "reads from the database while the replica was away: %ld", fallbacks);

	free(code);
	client_free(t);
	client_free(f);
	front_stop(&fr);
	own_server_stop(&o);
}
