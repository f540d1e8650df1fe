/* migrate.c: applies the embedded sql/NNN_name.sql files in order, each in its own transaction, and
 * records each in schema_migrations. Runs under an advisory lock so two migrators cannot interleave.
 *
 * Its SQL is not in the statement table (stmt.c), on purpose: it runs on a connection of its own, before
 * the tables the table's statements name exist, and is mostly what no prepared statement can be (BEGIN,
 * CREATE TABLE, the migration files themselves). The version it reads is the table's text. */
#include "store/db.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/stmt.h"

#define MIGRATE_LOCK "7061737361676501"   /* any constant, shared by all migrators */

static PGconn *connect_db(const char *conninfo, FILE *out)
{
	const char *const keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding", NULL};
	const char *const vals[] = {"5", "passage-migrate", conninfo, "UTF8", NULL};
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	if (c == NULL || PQstatus(c) != CONNECTION_OK) {
		fprintf(out, "migrate: cannot connect: %s", c ? PQerrorMessage(c) : "out of memory\n");
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, NULL, NULL);
	return c;
}

/* Runs one command; returns 0 or -1 with the error written to out. */
static int cmd(PGconn *c, FILE *out, const char *what, const char *sql, int n, const char *const *params)
{
	PGresult *r = n ? PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0) : PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
	if (rc != 0)
		fprintf(out, "migrate: %s: %s", what, PQresultErrorMessage(r));
	PQclear(r);
	return rc;
}

static int current_version(PGconn *c, int *version)
{
	PGresult *r = PQexec(c, stmt_defs[STMT_SCHEMA_VERSION].sql);
	int rc = -1;
	if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		*version = atoi(PQgetvalue(r, 0, SCHEMA_VERSION));
		rc = 0;
	}
	PQclear(r);
	return rc;
}

int db_schema_version(const char *conninfo, int *version)
{
	PGconn *c = connect_db(conninfo, stderr);
	if (c == NULL)
		return -1;
	int rc = current_version(c, version);
	if (rc != 0)
		*version = 0;
	PQfinish(c);
	return rc;
}

int db_migrate(const char *conninfo, FILE *out)
{
	PGconn *c = connect_db(conninfo, out);
	if (c == NULL)
		return 1;
	int rc = 1, version = 0;
	if (cmd(c, out, "lock", "SELECT pg_advisory_lock(" MIGRATE_LOCK ")", 0, NULL) != 0)
		goto done;
	if (cmd(c, out, "bootstrap",
	        "CREATE TABLE IF NOT EXISTS schema_migrations ("
	        " version integer PRIMARY KEY,"
	        " name text NOT NULL,"
	        " applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL) != 0)
		goto done;
	if (current_version(c, &version) != 0) {
		fprintf(out, "migrate: cannot read schema_migrations: %s", PQerrorMessage(c));
		goto done;
	}
	int latest = db_latest_migration();
	if (version > latest) {
		fprintf(out,
		        "migrate: the database is at schema version %d, newer than this program (%d).\n"
		        "migrate: refusing to touch it: install the newer passage, or restore a matching backup.\n",
		        version, latest);
		rc = 2;
		goto done;
	}
	int applied = 0;
	for (size_t i = 0; i < nmigrations; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= version)
			continue;
		char vbuf[16];
		snprintf(vbuf, sizeof(vbuf), "%d", m->version);
		const char *params[2] = {vbuf, m->name};
		if (cmd(c, out, "begin", "BEGIN", 0, NULL) != 0)
			goto done;
		if (cmd(c, out, m->name, m->sql, 0, NULL) != 0 ||
		    cmd(c, out, "record", "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", 2, params) != 0 ||
		    cmd(c, out, "commit", "COMMIT", 0, NULL) != 0) {
			PQclear(PQexec(c, "ROLLBACK"));
			fprintf(out, "migrate: %s rolled back; the database stays at version %d\n", m->name, version);
			goto done;
		}
		fprintf(out, "migrate: applied %s\n", m->name);
		version = m->version;
		applied++;
	}
	if (applied == 0)
		fprintf(out, "migrate: up to date at version %d\n", version);
	rc = 0;
done:
	PQclear(PQexec(c, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")"));
	PQfinish(c);
	return rc;
}
