/* test_integration.c: migrations against the real PostgreSQL of the test stack, each test in a fresh
 * database of its own. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"
#include "store/db.h"

static char conninfo[1024];
static char dbname[64];

static PGconn *admin(void)
{
	char ci[1024];
	snprintf(ci, sizeof(ci), "%s dbname=postgres", e2e_env("PASSAGE_TEST_DB"));
	PGconn *c = PQconnectdb(ci);
	cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
	return c;
}

static void exec_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
	          PQresultErrorMessage(r));
	PQclear(r);
}

static void fresh_db(void)
{
	snprintf(dbname, sizeof(dbname), "passage_it_%d", (int)getpid());
	PGconn *c = admin();
	char sql[256];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", dbname);
	exec_ok(c, sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", dbname);
	exec_ok(c, sql);
	PQfinish(c);
	snprintf(conninfo, sizeof(conninfo), "%s dbname=%s", e2e_env("PASSAGE_TEST_DB"), dbname);
}

static void drop_db(void)
{
	PGconn *c = admin();
	char sql[256];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
	exec_ok(c, sql);
	PQfinish(c);
}

static long count(const char *sql)
{
	PGconn *c = PQconnectdb(conninfo);
	PGresult *r = PQexec(c, sql);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", sql, PQresultErrorMessage(r));
	long n = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return n;
}

static char *run_migrate(int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	*rc = db_migrate(conninfo, out);
	fclose(out);
	return text;
}

Test(integration, migrate_from_empty_then_again, .init = fresh_db, .fini = drop_db)
{
	int rc, v;
	char *out = run_migrate(&rc);
	cr_expect_eq(rc, 0, "%s", out);
	cr_expect_not_null(strstr(out, "applied 001_init"), "%s", out);
	free(out);
	cr_assert_eq(db_schema_version(conninfo, &v), 0);
	cr_expect_eq(v, db_latest_migration());
	long applied = count("SELECT count(*) FROM schema_migrations");
	cr_expect_eq(applied, (long)db_latest_migration());
	cr_expect_eq(count("SELECT count(*) FROM instance"), 1);

	/* Twice: nothing changes. */
	out = run_migrate(&rc);
	cr_expect_eq(rc, 0);
	cr_expect_not_null(strstr(out, "up to date"), "%s", out);
	free(out);
	cr_expect_eq(count("SELECT count(*) FROM schema_migrations"), applied);
	cr_expect_eq(count("SELECT count(*) FROM instance"), 1);
}

Test(integration, newer_schema_is_refused, .init = fresh_db, .fini = drop_db)
{
	int rc;
	free(run_migrate(&rc));
	cr_assert_eq(rc, 0);
	PGconn *c = PQconnectdb(conninfo);
	char sql[256];
	snprintf(sql, sizeof(sql), "INSERT INTO schema_migrations (version, name) VALUES (%d, '999_future')",
	         db_latest_migration() + 1);
	exec_ok(c, sql);
	PQfinish(c);
	char *out = run_migrate(&rc);
	cr_expect_eq(rc, 2);
	cr_expect_not_null(strstr(out, "newer than this program"), "%s", out);
	free(out);

	/* A server on that database refuses it too. */
	struct db *db = db_new(conninfo, 10);
	cr_expect_eq(db_ensure(db), DB_TOO_NEW);
	cr_expect_eq(db_ping(db), DB_TOO_NEW);
	db_free(db);
}

Test(integration, unmigrated_database_is_reported, .init = fresh_db, .fini = drop_db)
{
	struct db *db = db_new(conninfo, 10);
	cr_expect_eq(db_ensure(db), DB_UNMIGRATED);
	int rc;
	free(run_migrate(&rc));
	cr_assert_eq(rc, 0);
	usleep(20000);   /* past db_retry_ms: the handle looks again */
	cr_expect_eq(db_ensure(db), DB_OK);
	cr_expect_eq(db_ping(db), DB_OK);
	db_free(db);
}

Test(integration, failed_migration_rolls_back)
{
	/* A database where 001 cannot apply (its table already exists) stays at version 0. */
	fresh_db();
	PGconn *c = PQconnectdb(conninfo);
	exec_ok(c, "CREATE TABLE instance (x int)");
	PQfinish(c);
	int rc, v = -1;
	char *out = run_migrate(&rc);
	cr_expect_eq(rc, 1);
	cr_expect_not_null(strstr(out, "rolled back"), "%s", out);
	free(out);
	cr_expect_eq(db_schema_version(conninfo, &v), 0);
	cr_expect_eq(v, 0);
	drop_db();
}

/* ---- content loading and revisions ---- */

#include "domain/content.h"
#include "store/content_load.h"

static int load_dir(const char *dir, char **out)
{
	struct arena a;
	arena_init(&a, 64u << 20);
	struct content c;
	content_read(&a, dir, &c);
	cr_assert_eq(c.errors, 0, "%s does not check", dir);
	size_t len;
	FILE *f = open_memstream(out, &len);
	int rc = db_content_load(conninfo, &c, f);
	fclose(f);
	arena_free(&a);
	return rc;
}

Test(integration, content_revisions_keep_old_answers, .init = fresh_db, .fini = drop_db, .timeout = 60)
{
	int rc;
	free(run_migrate(&rc));
	cr_assert_eq(rc, 0);
	char *out;
	const char *fixture = "tests/fixtures/modules";
	cr_assert_eq(load_dir(fixture, &out), 0, "%s", out);
	cr_expect_not_null(strstr(out, "sample: revision 1"), "%s", out);
	free(out);
	cr_expect_eq(count("SELECT count(*) FROM lessons"), 2);
	cr_expect_eq(count("SELECT count(*) FROM questions WHERE set = 'quiz'"), 3);
	cr_expect_eq(count("SELECT count(*) FROM scenario_steps"), 4);
	cr_expect_eq(count("SELECT count(*) FROM glossary"), 1);
	cr_expect_eq(count("SELECT count(*) FROM lessons WHERE html LIKE '%href=\"#g-mwc\"%<details class=\"term\">%<p id=\"g-mwc\">%'"
	                   " AND html LIKE '%<section class=\"sources\"%'"), 1,
	             "Markdown rendered once, at load, with glossary words defined in place and a Sources list");

	/* An answer on revision 1. */
	PGconn *c = PQconnectdb(conninfo);
	exec_ok(c, "INSERT INTO users (role, display_name) VALUES ('trainee', 'T')");
	exec_ok(c, "INSERT INTO attempts (user_id, module_id, revision_id, set, number, correct, total, score, passed)"
	           " SELECT u.id, m.id, m.current_revision, 'quiz', 1, 0, 3, 0, false FROM users u, modules m");
	exec_ok(c, "INSERT INTO answers (attempt_id, question_id, options, correct) SELECT a.id, q.id, '{0}', false"
	           " FROM attempts a, questions q WHERE q.key = 'status'");
	long q1 = count("SELECT question_id FROM answers");

	/* Loading again changes nothing. */
	cr_assert_eq(load_dir(fixture, &out), 0);
	cr_expect_not_null(strstr(out, "0 module(s) loaded as new revisions, 1 unchanged"), "%s", out);
	free(out);
	cr_expect_eq(count("SELECT count(*) FROM module_revisions"), 1);

	/* An edited copy loads as revision 2; the old answer still points at the question it answered. */
	char tmp[] = "/tmp/passage-fixture-XXXXXX", cmd[512];
	cr_assert_not_null(mkdtemp(tmp));
	snprintf(cmd, sizeof(cmd), "cp -r %s/. %s/ && sed -i 's/Who keeps/Who still keeps/' %s/sample/quiz.txt", fixture, tmp, tmp);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(load_dir(tmp, &out), 0, "%s", out);
	cr_expect_not_null(strstr(out, "sample: revision 2"), "%s", out);
	free(out);
	cr_expect_eq(count("SELECT count(*) FROM module_revisions"), 2);
	cr_expect_eq(count("SELECT question_id FROM answers"), q1);
	cr_expect_eq(count("SELECT count(*) FROM questions q JOIN answers a ON a.question_id = q.id"
	                   " WHERE q.text LIKE 'Who keeps%'"), 1, "the answer keeps the wording the trainee saw");
	cr_expect_eq(count("SELECT count(*) FROM modules m JOIN questions q ON q.revision_id = m.current_revision"
	                   " WHERE q.text LIKE 'Who still keeps%'"), 1);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	cr_expect_eq(system(cmd), 0);
	PQfinish(c);
}

Test(integration, content_check_cli_reports_file_and_line)
{
	char tmp[] = "/tmp/passage-broken-XXXXXX", cmd[1024];
	cr_assert_not_null(mkdtemp(tmp));
	snprintf(cmd, sizeof(cmd), "cp -r tests/fixtures/modules/. %s/ && printf '[question x]\\nkind: single\\n' >> %s/sample/quiz.txt",
	         tmp, tmp);
	cr_assert_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s content check %s 2>%s/out; echo $? > %s/rc", e2e_env("PASSAGE_TEST_BIN"), tmp, tmp, tmp);
	cr_assert_eq(system(cmd), 0);
	char path[256], buf[4096] = "";
	snprintf(path, sizeof(path), "%s/rc", tmp);
	FILE *f = fopen(path, "r");
	int code = -1;
	cr_assert_eq(fscanf(f, "%d", &code), 1);
	fclose(f);
	cr_expect_eq(code, 1, "content check exits non-zero on an error");
	snprintf(path, sizeof(path), "%s/out", tmp);
	f = fopen(path, "r");
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	cr_expect_not_null(strstr(buf, "sample/quiz.txt:32: error: question x has no 'text'"), "%s", buf);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	cr_expect_eq(system(cmd), 0);
}
