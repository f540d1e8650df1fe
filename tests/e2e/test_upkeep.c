/* test_upkeep.c: what an administrator relies on. A database holding data from the first migrations is
 * upgraded to the latest without losing a row; a backup is taken with pg_dump, the database wiped and
 * restored with pg_restore, and every row (trainees, answers, certificates, live workshops) is found again
 * and served; `passage doctor` passes a correct setup and names each fault of a broken one; the socket
 * refuses a process outside nginx's group; the shipped systemd units verify and are hardened; the
 * shipped nginx site passes `nginx -t`; no log holds a password, a token or a resume code.
 * The suite is named so that it runs after the suites that make trainees, answers, certificates and
 * workshops (Criterion runs suites by name): its backup holds what they made. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e/e2e.h"

static char tmp[256];

static void scratch(void)
{
	e2e_scratch(tmp);
}

static void cleanup(void)
{
	e2e_rmtree(tmp);
}

static PGconn *db_named(const char *name)
{
	char ci[512];
	snprintf(ci, sizeof(ci), "%s dbname=%s", e2e_env("PASSAGE_TEST_DB"), name);
	PGconn *c = PQconnectdb(ci);
	cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s: %s", name, PQerrorMessage(c));
	return c;
}

static void exec_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, "%.80s: %s", sql,
	          PQerrorMessage(c));
	PQclear(r);
}

/* Drops database `name` if it exists and, when `create`, makes it again, empty. */
static void reset_db(const char *name, bool create)
{
	PGconn *c = db_named("postgres");
	char sql[256];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	exec_ok(c, sql);
	if (create) {
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
		exec_ok(c, sql);
	}
	PQfinish(c);
}

static void fresh_db(const char *name)
{
	reset_db(name, true);
}

static void drop_db(const char *name)
{
	reset_db(name, false);
}

/* Every table of the public schema with its columns (as one comma-separated list), by name. */
struct table {
	char name[64];
	char cols[2048];
	long rows;
	char sum[33];
	bool dropped;   /* a later migration drops it: the running stack has no such table */
};

static int tables(PGconn *c, struct table *t, int max)
{
	PGresult *r = PQexec(c, "SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)"
	                        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	                        " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
	                        " WHERE n.nspname = 'public' AND c.relkind = 'r' GROUP BY c.relname ORDER BY c.relname");
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	int n = PQntuples(r) < max ? PQntuples(r) : max;
	for (int i = 0; i < n; i++) {
		snprintf(t[i].name, sizeof(t[i].name), "%s", PQgetvalue(r, i, 0));
		snprintf(t[i].cols, sizeof(t[i].cols), "%s", PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return n;
}

/* The row count and a checksum of table t's rows, over t's columns as recorded. */
static void measure(PGconn *c, const struct table *t, long *rows, char sum[33])
{
	char sql[4096];
	snprintf(sql, sizeof(sql),
	         "SELECT count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM (SELECT %s FROM %s) x",
	         t->cols, t->name);
	PGresult *r = PQexec(c, sql);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", t->name, PQerrorMessage(c));
	*rows = atol(PQgetvalue(r, 0, 0));
	snprintf(sum, 33, "%s", PQgetvalue(r, 0, 1));
	PQclear(r);
}

static long table_rows(const struct table *t, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].rows;
	return -1;
}

Test(upkeep, upgrade_from_the_first_migrations_keeps_every_row, .timeout = 120)
{
	scratch();
	fresh_db("passage_upgrade");
	PGconn *c = db_named("passage_upgrade");
	exec_ok(c, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,"
	           " applied_at timestamptz NOT NULL DEFAULT now())");
	/* The schema as the first release had it: migrations 001 to 004, applied as `passage migrate` does. */
	char dir[1100];
	snprintf(dir, sizeof(dir), "%s/sql", e2e_top());
	struct dirent **files;
	int nf = scandir(dir, &files, NULL, alphasort), applied = 0;
	cr_assert_gt(nf, 0);
	for (int i = 0; i < nf; i++) {
		const char *f = files[i]->d_name;
		int v = atoi(f);
		if (v >= 1 && v <= 4 && strstr(f, ".sql")) {
			char path[1400];
			snprintf(path, sizeof(path), "%s/%s", dir, f);
			FILE *fp = fopen(path, "r");
			cr_assert_not_null(fp);
			static char sql[1 << 20];
			size_t len = fread(sql, 1, sizeof(sql) - 1, fp);
			sql[len] = '\0';
			fclose(fp);
			exec_ok(c, "BEGIN");
			exec_ok(c, sql);
			char rec[256];
			snprintf(rec, sizeof(rec), "INSERT INTO schema_migrations (version, name) VALUES (%d, '%.*s')", v,
			         (int)(strlen(f) - 4), f);
			exec_ok(c, rec);
			exec_ok(c, "COMMIT");
			applied++;
		}
		free(files[i]);
	}
	free(files);
	cr_assert_eq(applied, 4);

	/* Fill it with what the suite has made in the running stack, over the old schema's columns. */
	struct table t[64];
	int n = tables(c, t, 64);
	PGconn *live = db_named("passage");
	static char copy[1 << 16];
	snprintf(copy, sizeof(copy), "SET session_replication_role = replica;\n");
	size_t used = strlen(copy);
	for (int i = 0; i < n; i++) {
		if (strcmp(t[i].name, "schema_migrations") == 0 || strcmp(t[i].name, "instance") == 0)
			continue;
		const char *p[1] = {t[i].name};
		PGresult *q = PQexecParams(live, "SELECT to_regclass($1) IS NULL", 1, NULL, p, NULL, NULL, 0);
		t[i].dropped = PQresultStatus(q) == PGRES_TUPLES_OK && PQgetvalue(q, 0, 0)[0] == 't';
		PQclear(q);
		if (t[i].dropped)
			continue;
		char file[512];
		snprintf(file, sizeof(file), "%s/%.63s.copy", tmp, t[i].name);
		cr_assert_eq(e2e_sh("psql -X -q %s -d passage -c \"\\copy (SELECT %s FROM %s) TO '%s'\"", e2e_pg_args(), t[i].cols,
		                t[i].name, file),
		             0, "copy out %s", t[i].name);
		used += (size_t)snprintf(copy + used, sizeof(copy) - used, "\\copy %s (%s) FROM '%s'\n", t[i].name, t[i].cols, file);
	}
	PQfinish(live);
	char script[512];
	snprintf(script, sizeof(script), "%s/load.sql", tmp);
	FILE *fp = fopen(script, "w");
	cr_assert_not_null(fp);
	fputs(copy, fp);
	fclose(fp);
	cr_assert_eq(e2e_sh("psql -X -q -v ON_ERROR_STOP=1 %s -d passage_upgrade -f %s", e2e_pg_args(), script), 0);
	for (int i = 0; i < n; i++)
		measure(c, &t[i], &t[i].rows, t[i].sum);
	cr_assert_gt(table_rows(t, n, "users"), 0);
	cr_assert_gt(table_rows(t, n, "answers"), 0);
	cr_assert_gt(table_rows(t, n, "lesson_reads"), 0);
	cr_expect_gt(table_rows(t, n, "certificates"), 0, "the training suite makes one");

	/* Upgrade with the program, as deploy/README.md says. */
	char out[512];
	snprintf(out, sizeof(out), "%s/migrate.log", tmp);
	cr_assert_eq(e2e_sh("PASSAGE_DATABASE='%s dbname=passage_upgrade' %s migrate > %s 2>&1", e2e_env("PASSAGE_TEST_DB"),
	                e2e_env("PASSAGE_TEST_BIN"), out),
	             0, "passage migrate failed: see %s", out);
	cr_expect_eq(e2e_sh("grep -q 'applied 007_live' %s", out), 0);
	cr_expect_eq(e2e_sh("PASSAGE_DATABASE='%s dbname=passage_upgrade' %s migrate --status >/dev/null 2>&1",
	                e2e_env("PASSAGE_TEST_DB"), e2e_env("PASSAGE_TEST_BIN")),
	             0, "current after the upgrade");
	for (int i = 0; i < n; i++) {
		long rows;
		char sum[33];
		if (strcmp(t[i].name, "schema_migrations") == 0)   /* it gains a row per migration, as it should */
			continue;
		if (t[i].dropped) {
			const char *p[1] = {t[i].name};
			PGresult *q = PQexecParams(c, "SELECT to_regclass($1) IS NULL", 1, NULL, p, NULL, NULL, 0);
			cr_expect_str_eq(PQgetvalue(q, 0, 0), "t", "%s: dropped by the upgrade", t[i].name);
			PQclear(q);
			continue;
		}
		measure(c, &t[i], &rows, sum);
		cr_expect_eq(rows, t[i].rows, "%s: %ld rows before, %ld after", t[i].name, t[i].rows, rows);
		cr_expect_str_eq(sum, t[i].sum, "%s: its rows changed", t[i].name);
	}
	/* The new summary table was filled from the old events. */
	PGresult *r = PQexec(c, "SELECT (SELECT count(*) FROM progress), (SELECT count(DISTINCT (user_id, module_id)) FROM "
	                        "(SELECT user_id, module_id FROM lesson_reads UNION SELECT user_id, module_id FROM attempts UNION "
	                        "SELECT user_id, module_id FROM scenario_runs) e)");
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	cr_expect_eq(atol(PQgetvalue(r, 0, 0)), atol(PQgetvalue(r, 0, 1)), "one summary row per trainee and module");
	PQclear(r);
	PQfinish(c);
	drop_db("passage_upgrade");
	cleanup();
}

Test(upkeep, backup_wipe_restore_finds_every_row, .timeout = 180)
{
	scratch();
	char dump[512];
	snprintf(dump, sizeof(dump), "%s/passage.dump", tmp);
	/* The backup, as deploy/README.md takes it. */
	cr_assert_eq(e2e_sh("pg_dump -Fc %s -d passage -f %s", e2e_pg_args(), dump), 0);
	PGconn *src = db_named("passage");
	struct table t[64];
	int n = tables(src, t, 64);
	for (int i = 0; i < n; i++)
		measure(src, &t[i], &t[i].rows, t[i].sum);
	PQfinish(src);
	cr_assert_gt(table_rows(t, n, "users"), 0);
	cr_assert_gt(table_rows(t, n, "answers"), 0);
	cr_expect_gt(table_rows(t, n, "certificates"), 0, "the training suite makes one");
	cr_expect_gt(table_rows(t, n, "live_answers"), 0, "the live suite makes some");

	/* Restored once, wiped, restored again: every table holds exactly what it held. */
	fresh_db("passage_restore");
	cr_assert_eq(e2e_sh("pg_restore --no-owner %s -d passage_restore %s", e2e_pg_args(), dump), 0);
	fresh_db("passage_restore");
	PGconn *c = db_named("passage_restore");
	PGresult *r = PQexec(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
	cr_expect_eq(atol(PQgetvalue(r, 0, 0)), 0, "wiped");
	PQclear(r);
	cr_assert_eq(e2e_sh("pg_restore --no-owner %s -d passage_restore %s", e2e_pg_args(), dump), 0);
	for (int i = 0; i < n; i++) {
		long rows;
		char sum[33];
		measure(c, &t[i], &rows, sum);
		cr_expect_eq(rows, t[i].rows, "%s: %ld rows backed up, %ld restored", t[i].name, t[i].rows, rows);
		cr_expect_str_eq(sum, t[i].sum, "%s: its rows differ", t[i].name);
	}
	/* And the program serves it: a certificate verifies from the restored database. */
	r = PQexec(c, "SELECT code, display_name FROM certificates ORDER BY issued_at LIMIT 1");
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	if (PQntuples(r) == 1) {
		char db[512], query[128];
		snprintf(db, sizeof(db), "%s dbname=passage_restore", e2e_env("PASSAGE_TEST_DB"));
		const char *env[] = {"PASSAGE_DATABASE", db, NULL};
		struct own_server o;
		own_server_start(&o, "restored", env);
		snprintf(query, sizeof(query), "code=%s", PQgetvalue(r, 0, 0));
		const char *params[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", "/verify", "QUERY_STRING", query, "HTTPS", "on",
		                        "REMOTE_ADDR", "127.0.0.1", NULL};
		char uri[160];
		snprintf(uri, sizeof(uri), "/verify?%s", query);
		params[3] = uri;
		char *resp = fcgi_request(o.sock, params, "", 0, 0, NULL, NULL);
		cr_assert_not_null(resp);
		cr_expect_not_null(strstr(resp, "Status: 200"), "%.200s", resp);
		cr_expect_not_null(strstr(resp, PQgetvalue(r, 0, 1)), "the certificate's name");
		free(resp);
		own_server_stop(&o);
	}
	PQclear(r);
	PQfinish(c);
	drop_db("passage_restore");
	cleanup();
}

/* Runs `passage doctor` with a configuration file's text; returns its exit status and its output. */
static int doctor(const char *conf, const char *extra, char *out, size_t n)
{
	char cfg[512], log[512];
	snprintf(cfg, sizeof(cfg), "%s/doctor.conf", tmp);
	snprintf(log, sizeof(log), "%s/doctor.out", tmp);
	FILE *f = fopen(cfg, "w");
	cr_assert_not_null(f);
	fputs(conf, f);
	fclose(f);
	int rc = e2e_sh("%s doctor --config %s %s > %s 2>&1", e2e_env("PASSAGE_TEST_BIN"), cfg, extra, log);
	f = fopen(log, "r");
	cr_assert_not_null(f);
	size_t len = fread(out, 1, n - 1, f);
	out[len] = '\0';
	fclose(f);
	return rc;
}

/* A configuration like the test stack's, with database `db`. */
static void stack_conf(char *conf, size_t n, const char *db)
{
	const char *var = e2e_env("PASSAGE_TEST_VAR");
	snprintf(conf, n, "listen = %s/run/passage.sock\ndatabase = %s dbname=%s\nsecret_key_file = %s/etc/secret.key\n", var,
	         e2e_env("PASSAGE_TEST_DB"), db, var);
}

Test(upkeep, doctor_passes_a_correct_setup_and_names_each_fault, .timeout = 60)
{
	scratch();
	const char *var = e2e_env("PASSAGE_TEST_VAR");
	char conf[2048], extra[600], out[8192];
	/* The test stack's own configuration and nginx site. */
	stack_conf(conf, sizeof(conf), "passage");
	snprintf(extra, sizeof(extra), "--nginx %s/nginx/passage.conf", var);
	cr_expect_eq(doctor(conf, extra, out, sizeof(out)), 0, "%s", out);
	cr_expect_not_null(strstr(out, "ok    migrations are current"), "%s", out);
	cr_expect_not_null(strstr(out, "ok    the role may read and write every table"), "%s", out);
	cr_expect_not_null(strstr(out, "serves the app over TLS, and sends plain HTTP to HTTPS"), "%s", out);
	cr_expect_not_null(strstr(out, "TLS: the certificate"), "%s", out);
	cr_expect_not_null(strstr(out, "0 problems"), "%s", out);

	/* A broken one: a key others can read, no such database, a file where the socket should be, plain
	 * HTTP allowed, a site without TLS. */
	char key[512], sock[512], site[512];
	snprintf(key, sizeof(key), "%s/open.key", tmp);
	snprintf(sock, sizeof(sock), "%s/not-a-socket", tmp);
	snprintf(site, sizeof(site), "%s/site.conf", tmp);
	cr_assert_eq(e2e_sh("cp %s/etc/secret.key %s && chmod 644 %s && touch %s", var, key, key, sock), 0);
	FILE *f = fopen(site, "w");
	fprintf(f, "server {\n\tlisten 80;\n\tlocation / { fastcgi_pass unix:%s; }\n}\n", sock);
	fclose(f);
	snprintf(conf, sizeof(conf), "listen = %s\ndatabase = %s dbname=no_such_database\nsecret_key_file = %s\n"
	                             "allow_plain_http = on\n",
	         sock, e2e_env("PASSAGE_TEST_DB"), key);
	snprintf(extra, sizeof(extra), "--nginx %s", site);
	cr_expect_eq(doctor(conf, extra, out, sizeof(out)), 1, "%s", out);
	cr_expect_not_null(strstr(out, "can be read by other users (mode 644)"), "%s", out);
	cr_expect_not_null(strstr(out, "fix: chmod 600"), "%s", out);
	cr_expect_not_null(strstr(out, "FAIL  database:"), "%s", out);
	cr_expect_not_null(strstr(out, "no_such_database"), "%s", out);
	cr_expect_not_null(strstr(out, "is not a socket"), "%s", out);
	cr_expect_not_null(strstr(out, "allow_plain_http is on"), "%s", out);
	cr_expect_not_null(strstr(out, "passes to the app without TLS"), "%s", out);
	cr_expect_not_null(strstr(out, "5 problems"), "%s", out);

	/* A database with no schema yet. */
	fresh_db("passage_doctor");
	stack_conf(conf, sizeof(conf), "passage_doctor");
	cr_expect_eq(doctor(conf, "", out, sizeof(out)), 1, "%s", out);
	cr_expect_not_null(strstr(out, "the database has no schema yet"), "%s", out);
	cr_expect_not_null(strstr(out, "fix: run `passage migrate`"), "%s", out);
	drop_db("passage_doctor");

	/* A database that stores text as SQL_ASCII: its limits would count bytes. */
	cr_assert_eq(e2e_sh("createdb %s -E SQL_ASCII -T template0 --locale=C passage_ascii", e2e_pg_args()), 0);
	stack_conf(conf, sizeof(conf), "passage_ascii");
	cr_expect_eq(doctor(conf, "", out, sizeof(out)), 1, "%s", out);
	cr_expect_not_null(strstr(out, "the database stores text as SQL_ASCII, not UTF-8"), "%s", out);
	drop_db("passage_ascii");
	cleanup();
}

/* A connected socket to `path`, or -1 with errno set. */
static int connect_to(const char *path)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Connects to `path` from a child process running as nobody with the given supplementary groups:
 * 0 when it got in, else the errno of its refusal (-1 when the child could not become nobody). */
static int connect_as(const char *path, size_t ngroups, const gid_t *groups)
{
	pid_t pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		if (setgroups(ngroups, groups) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
			_exit(255);
		_exit(connect_to(path) >= 0 ? 0 : errno & 0x7f);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) != 255 ? WEXITSTATUS(status) : -1;
}

/* Only the socket's owner and group may connect: a process of another user is refused by the kernel. */
Test(upkeep, the_socket_refuses_other_users)
{
	const char *sock = e2e_env("PASSAGE_TEST_SOCKET");
	struct stat st;
	cr_assert_eq(stat(sock, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0660, "socket mode %o", st.st_mode & 0777);
	if (geteuid() != 0) {
		cr_skip_test("needs root to become another user");
		return;
	}
	/* Let anyone reach the socket's folder (the throwaway stack's folder is private), so that only the
	 * socket's own permissions decide. */
	char dir[600];
	snprintf(dir, sizeof(dir), "%s", sock);
	*strrchr(dir, '/') = '\0';
	cr_assert_eq(e2e_sh("chmod go+x %s %s", e2e_env("PASSAGE_TEST_VAR"), dir), 0);
	/* nobody: neither the socket's owner nor in its group */
	cr_expect_eq(connect_as(sock, 0, NULL), EACCES, "another user got in, or failed otherwise");
	/* The same user given the socket's group gets in: the group, not the path, decides. */
	gid_t g = st.st_gid;
	cr_expect_eq(connect_as(sock, 1, &g), 0, "a member of the socket's group");
	/* The socket's owner does get in (the test stack's nginx runs as that user). */
	int fd = connect_to(sock);
	cr_expect_geq(fd, 0, "root connects");
	if (fd >= 0)
		close(fd);
}

/* The shipped units: systemd accepts them, and rates the service's exposure 1.5 or better. */
Test(upkeep, systemd_units_verify_and_are_hardened)
{
	if (e2e_sh("command -v systemd-analyze >/dev/null") != 0) {
		cr_skip_test("systemd-analyze is not installed");
		return;
	}
	scratch();
	cr_assert_eq(e2e_sh("sed 's|/usr/local/bin/passage|%s|' %s/deploy/systemd/passage.service > %s/passage.service && "
	                "cp %s/deploy/systemd/passage.socket %s/",
	                e2e_env("PASSAGE_TEST_BIN"), e2e_top(), tmp, e2e_top(), tmp),
	             0);
	cr_expect_eq(e2e_sh("systemd-analyze verify %s/passage.socket %s/passage.service", tmp, tmp), 0);
	cr_expect_eq(e2e_sh("systemd-analyze security --offline=true --threshold=15 %s/passage.service >/dev/null", tmp), 0,
	             "exposure above 1.5");
	cr_expect_eq(e2e_sh("grep -q '^SocketMode=0660' %s/passage.socket && grep -q '^SocketGroup=www-data' %s/passage.socket",
	                tmp, tmp),
	             0);
	cleanup();
}

/* The production site as render.sh writes it with its defaults passes `nginx -t`. */
Test(upkeep, the_shipped_nginx_site_passes_nginx_t)
{
	scratch();
	const char *var = e2e_env("PASSAGE_TEST_VAR");
	cr_assert_eq(e2e_sh("CERT=%s/tls/localhost.crt KEY=%s/tls/localhost.key %s/deploy/nginx/render.sh > %s/site.conf", var, var,
	                e2e_top(), tmp),
	             0);
	FILE *f = fopen(strcat(strcpy((char[512]){0}, tmp), "/nginx.conf"), "w");
	cr_assert_not_null(f);
	fprintf(f, "pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n\tinclude /etc/nginx/mime.types;\n"
	           "\taccess_log off;\n\tinclude %s/site.conf;\n}\n",
	        tmp, tmp, tmp);
	fclose(f);
	cr_expect_eq(e2e_sh("nginx -t -q -p %s -c %s/nginx.conf", tmp, tmp), 0);
	cr_expect_eq(e2e_sh("grep -q 'server_tokens off' %s/site.conf && grep -q 'ssl_protocols TLSv1.2 TLSv1.3' %s/site.conf",
	                tmp, tmp),
	             0);
	cleanup();
}

/* The first file under the stack's log folder that holds `secret`, or NULL. */
static const char *log_holding(const char *secret)
{
	static char found[1024];
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/log", e2e_env("PASSAGE_TEST_VAR"));
	DIR *d = opendir(dir);
	cr_assert_not_null(d);
	struct dirent *e;
	const char *hit = NULL;
	while (hit == NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(found, sizeof(found), "%s/%s", dir, e->d_name);
		FILE *f = fopen(found, "r");
		if (f == NULL)
			continue;
		char line[8192];
		while (hit == NULL && fgets(line, sizeof(line), f))
			if (strstr(line, secret))
				hit = found;
		fclose(f);
	}
	closedir(d);
	return hit;
}

/* Every log the stack writes (the app's, nginx's access and error logs, PostgreSQL's, the test servers'),
 * after the whole suite and a few fresh secrets of this test's own: no password (right or wrong), no
 * session token, no CSRF token, no resume code. */
Test(upkeep, logs_carry_no_password_token_or_resume_code, .timeout = 60)
{
	char *pw = e2e_cred("FACILITATOR_PASSWORD"), *admin_pw = e2e_cred("ADMIN_PASSWORD");
	const char *wrong = "Wrong-Horse-Battery-7Q";
	struct client *f = client_new();
	char fields[256];
	snprintf(fields, sizeof(fields), "username=facilitator&password=%s", wrong);
	cr_expect_eq(e2e_post(f, "/signin", "/signin", fields, NULL), 403);
	e2e_sign_in(f, "facilitator", pw, 303);
	char *session = client_cookie(f, "__Host-passage");
	cr_assert_not_null(session);
	struct http_res r;
	cr_assert_eq(e2e_get(f, "/cohorts", &r), 200);
	char *csrf = html_input_value(r.body, "csrf");
	http_res_free(&r);

	struct client *t = client_new();
	char *resume = e2e_join(t, "Log+Watcher");
	client_free(t);
	t = client_new();
	snprintf(fields, sizeof(fields), "code=%s", resume);
	cr_expect_eq(e2e_post(t, "/resume", "/resume", fields, NULL), 303);
	char bare[64];
	size_t k = 0;
	for (const char *p = resume; *p && k < sizeof(bare) - 1; p++)
		if (*p != '-')
			bare[k++] = *p;
	bare[k] = '\0';
	usleep(1500000);   /* nginx writes its access log every second */
	cr_assert_not_null(log_holding("POST /resume"), "the logs hold the requests just made (the scan reads them)");

	const char *secrets[][2] = {{"the facilitator's password", pw}, {"the administrator's password", admin_pw},
	                            {"a wrong password", wrong},         {"a session token", session},
	                            {"a CSRF token", csrf},              {"a resume code", resume},
	                            {"a resume code without dashes", bare}};
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++) {
		cr_assert(secrets[i][1] && strlen(secrets[i][1]) >= 8, "%s is missing", secrets[i][0]);
		const char *file = log_holding(secrets[i][1]);
		cr_expect_null(file, "%s is in %s", secrets[i][0], file);
	}
	free(pw);
	free(admin_pw);
	free(session);
	free(csrf);
	free(resume);
	client_free(t);
	client_free(f);
}

/* `make install` lays out what deploy/README.md names: the program (which runs), the built static files,
 * the modules, the migrations, the nginx template and its renderer, the units pointing at the program,
 * and a private example configuration, which a second install leaves alone once edited. */
Test(upkeep, make_install_lays_out_what_the_guide_names, .timeout = 120)
{
	scratch();
	cr_assert_eq(e2e_sh("make -s -C %s install DESTDIR=%s/root > %s/install.log 2>&1", e2e_top(), tmp, tmp), 0,
	             "make install failed: see %s/install.log", tmp);
	const char *files[] = {"usr/local/bin/passage",
	                       "usr/local/share/passage/modules",
	                       "usr/local/share/passage/sql/001_init.sql",
	                       "usr/local/share/passage/nginx/passage.conf.in",
	                       "usr/local/share/passage/nginx/render.sh",
	                       "usr/local/share/passage/passage.conf.example",
	                       "usr/local/share/doc/passage/deploy/README.md",
	                       "etc/systemd/system/passage.service",
	                       "etc/systemd/system/passage.socket",
	                       "etc/passage/passage.conf"};
	char path[1024];
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/root/%s", tmp, files[i]);
		cr_expect_eq(access(path, F_OK), 0, "%s is not installed", files[i]);
	}
	cr_expect_eq(e2e_sh("ls %s/root/usr/local/share/passage/static/ | grep -q '^passage\\.[0-9a-f]*\\.css$'", tmp), 0,
	             "the hashed stylesheet");
	cr_expect_eq(e2e_sh("%s/root/usr/local/bin/passage version >/dev/null", tmp), 0, "the installed program runs");
	cr_expect_eq(e2e_sh("grep -q '^ExecStart=/usr/local/bin/passage' %s/root/etc/systemd/system/passage.service", tmp), 0);
	struct stat st;
	snprintf(path, sizeof(path), "%s/root/etc/passage/passage.conf", tmp);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0640, "the configuration is private: %o", st.st_mode & 0777);
	/* The installed renderer writes a site nginx accepts. */
	const char *var = e2e_env("PASSAGE_TEST_VAR");
	cr_expect_eq(e2e_sh("CERT=%s/tls/localhost.crt KEY=%s/tls/localhost.key %s/root/usr/local/share/passage/nginx/render.sh "
	                    "> %s/site.conf && printf 'pid %s/nginx.pid;\\nerror_log %s/error.log;\\nevents {}\\nhttp {\\n"
	                    "include /etc/nginx/mime.types;\\naccess_log off;\\ninclude %s/site.conf;\\n}\\n' > %s/nginx.conf && "
	                    "nginx -t -q -p %s -c %s/nginx.conf",
	                    var, var, tmp, tmp, tmp, tmp, tmp, tmp, tmp, tmp),
	             0, "the installed render.sh");
	/* An edited configuration survives the next install. */
	cr_assert_eq(e2e_sh("echo '# edited' >> %s && make -s -C %s install DESTDIR=%s/root >> %s/install.log 2>&1 && "
	                    "grep -q '^# edited' %s",
	                    path, e2e_top(), tmp, tmp, path),
	             0, "a second install replaced the edited configuration");
	cleanup();
}
