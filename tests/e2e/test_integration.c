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
