/* db.c: one PostgreSQL connection per thread, prepared statements, reconnection. */
#include "core/metrics.h"
#include "store/db.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/migrations.h"
#include "store/internal.h"
#include "store/stmt.h"

struct db {
	PGconn *conn;
	char *conninfo;
	long retry_ms;
	long long last_attempt_us;
	long long last_schema_check_us;
	enum db_status status;
	bool prepared[STMT__MAX];
	bool ever_connected;
	bool down_logged;
	bool in_ensure;      /* no reconnect from inside a reconnect */
	long reconnects;
	struct db *fallback; /* a replica's: where a statement goes when the replica is away */
	const char *what;    /* in log lines: "database" or "replica" */
};

struct db *db_new(const char *conninfo, long retry_ms)
{
	struct db *db = calloc(1, sizeof(*db));
	if (db == NULL)
		return NULL;
	db->conninfo = strdup(conninfo);
	if (db->conninfo == NULL) {
		free(db);
		return NULL;
	}
	db->retry_ms = retry_ms;
	db->status = DB_DOWN;
	db->what = "database";
	return db;
}

void db_set_fallback(struct db *db, struct db *fallback)
{
	db->fallback = fallback;
	db->what = "replica";
}

/* The replica is away: the statement runs on the database instead. */
static struct db *fall_back(struct db *db)
{
	if (db->fallback == NULL)
		return NULL;
	metrics_add(&metrics_get()->replica_fallbacks, 1);
	return db_ensure(db->fallback) == DB_OK ? db->fallback : NULL;
}

void db_free(struct db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->conninfo);
	free(db);
}

const char *db_status_text(enum db_status s)
{
	switch (s) {
	case DB_OK: return "ok";
	case DB_DOWN: return "database unavailable";
	case DB_UNMIGRATED: return "database schema is older than this program: run 'passage migrate'";
	case DB_TOO_NEW: return "database schema is newer than this program: upgrade passage";
	}
	return "unknown";
}

long db_reconnects(const struct db *db)
{
	return db->reconnects;
}

int db_latest_migration(void)
{
	return nmigrations ? migrations[nmigrations - 1].version : 0;
}

static void mark_down(struct db *db, const char *why)
{
	if (!db->down_logged) {
		log_warn("%s: %s", db->what, why);
		metrics_add(&metrics_get()->db_down, 1);
	}
	db->down_logged = true;
	db->status = DB_DOWN;
}

/* Runs a statement, preparing it on this connection first if needed. Returns a result the caller must
 * PQclear, or NULL. A broken connection is noticed here: the statement is retried once on a fresh
 * connection when no transaction was open. */
PGresult *db_run(struct db *db, enum stmt s, int n, const char *const *params)
{
	const struct stmt_def *d = &stmt_defs[s];
	for (int attempt = 0; attempt < 2; attempt++) {
		if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
			struct db *other = fall_back(db);
			return other ? db_run(other, s, n, params) : NULL;
		}
		bool in_tx = PQtransactionStatus(db->conn) != PQTRANS_IDLE;
		PGresult *res;
		if (!db->prepared[s]) {
			res = PQprepare(db->conn, d->name, d->sql, d->nparams, NULL);
			if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
				db->prepared[s] = true;
				PQclear(res);
			} else {
				if (PQstatus(db->conn) != CONNECTION_OK) {
					PQclear(res);
					goto broken;
				}
				return res;   /* a statement error (say, a missing table): the caller reads it */
			}
		}
		res = PQexecPrepared(db->conn, d->name, n, params, NULL, NULL, 0);
		ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
			return res;
		if (PQstatus(db->conn) == CONNECTION_OK)
			return res;   /* a query error: the caller reads it */
		PQclear(res);
	broken:
		mark_down(db, "connection lost");
		db->last_attempt_us = 0;    /* reconnect at once */
		if (in_tx || db->in_ensure)
			return NULL;
		if (db_ensure(db) != DB_OK) {
			struct db *other = fall_back(db);
			return other ? db_run(other, s, n, params) : NULL;
		}
	}
	return NULL;
}

/* Rows one at a time (libpq's single-row mode), so memory stays flat however many there are. */
long db_stream(struct db *db, enum stmt s, int n, const char *const *params, db_row_fn row, void *ctx)
{
	const struct stmt_def *d = &stmt_defs[s];
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		struct db *other = fall_back(db);
		return other ? db_stream(other, s, n, params, row, ctx) : -1;
	}
	if (!db->prepared[s]) {
		PGresult *res = PQprepare(db->conn, d->name, d->sql, d->nparams, NULL);
		bool ok = res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok && PQstatus(db->conn) != CONNECTION_OK && db->fallback != NULL) {
			/* The replica went away since it last answered: nothing was sent to the reader yet. */
			PQclear(res);
			mark_down(db, "connection lost");
			struct db *other = fall_back(db);
			return other ? db_stream(other, s, n, params, row, ctx) : -1;
		}
		if (!ok)
			db_log_error(d->name, res);
		PQclear(res);
		if (!ok)
			return -1;
		db->prepared[s] = true;
	}
	if (!PQsendQueryPrepared(db->conn, d->name, n, params, NULL, NULL, 0) || !PQsetSingleRowMode(db->conn)) {
		log_error("%s: %s: %s", db->what, d->name, PQerrorMessage(db->conn));
		while (PQgetResult(db->conn) != NULL)   /* cannot happen after a good send; keeps the connection usable */
			;
		return -1;
	}
	long rows = 0;
	bool stopped = false, failed = false;
	const char *vals[DB_STREAM_COLS];
	PGresult *res;
	while ((res = PQgetResult(db->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_SINGLE_TUPLE && !stopped) {
			int nc = PQnfields(res) < DB_STREAM_COLS ? PQnfields(res) : DB_STREAM_COLS;
			for (int i = 0; i < nc; i++)
				vals[i] = PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i);
			rows++;
			if (row(ctx, vals, nc) != 0) {
				/* The reader is gone: ask the server to stop, then drain what is already on its way. */
				stopped = true;
				PGcancel *c = PQgetCancel(db->conn);
				char err[256];
				if (c != NULL) {
					(void)PQcancel(c, err, sizeof(err));
					PQfreeCancel(c);
				}
			}
		} else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && !stopped) {
			db_log_error(d->name, res);
			failed = true;
		}
		PQclear(res);
	}
	if (PQstatus(db->conn) != CONNECTION_OK)
		mark_down(db, "connection lost");
	return failed || stopped ? -1 : rows;
}

static enum db_status check_schema(struct db *db)
{
	PGresult *res = db_run(db, STMT_SCHEMA_VERSION, 0, NULL);
	enum db_status st;
	if (res == NULL)
		return DB_DOWN;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		st = code && strcmp(code, "42P01") == 0 ? DB_UNMIGRATED : DB_DOWN;
		if (st == DB_DOWN)
			log_error("%s: schema check: %s", db->what, PQresultErrorMessage(res));
		/* The failed prepare must be retried once migrations exist. */
		db->prepared[STMT_SCHEMA_VERSION] = false;
	} else {
		int v = atoi(PQgetvalue(res, 0, 0));
		int latest = db_latest_migration();
		st = v > latest ? DB_TOO_NEW : v < latest ? DB_UNMIGRATED : DB_OK;
		if (st == DB_TOO_NEW)
			log_error("%s: schema version %d is newer than this program's %d: refusing to use it", db->what, v, latest);
	}
	PQclear(res);
	return st;
}

enum db_status db_ensure(struct db *db)
{
	long long now = clock_us();
	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK) {
		if (db->status == DB_OK)
			return DB_OK;
		/* Connected but the schema was wrong: look again now and then (someone may run migrate). */
		if (now - db->last_schema_check_us < db->retry_ms * 1000)
			return db->status;
		db->last_schema_check_us = now;
		db->status = DB_OK;   /* lets run() through for the check */
		db->in_ensure = true;
		db->status = check_schema(db);
		db->in_ensure = false;
		return db->status;
	}
	if (db->last_attempt_us != 0 && now - db->last_attempt_us < db->retry_ms * 1000)
		return db->status == DB_OK ? DB_DOWN : db->status;
	db->last_attempt_us = now;
	if (db->conn != NULL)
		PQfinish(db->conn);
	memset(db->prepared, 0, sizeof(db->prepared));
	/* client_encoding after dbname wins over the connection string and PGCLIENTENCODING: text is UTF-8. */
	const char *const keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding", NULL};
	const char *const vals[] = {"3", "passage", db->conninfo, "UTF8", NULL};
	db->conn = PQconnectdbParams(keys, vals, 1);
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		mark_down(db, db->conn ? PQerrorMessage(db->conn) : "out of memory");
		return DB_DOWN;
	}
	if (db->ever_connected) {
		db->reconnects++;
		metrics_add(&metrics_get()->db_reconnects, 1);
		log_info("%s: reconnected", db->what);
	}
	db->ever_connected = true;
	db->down_logged = false;
	db->status = DB_OK;
	db->last_schema_check_us = now;
	db->in_ensure = true;
	db->status = check_schema(db);
	db->in_ensure = false;
	return db->status;
}

enum db_status db_ping(struct db *db)
{
	enum db_status st = db_ensure(db);
	if (st != DB_OK)
		return st;
	PGresult *res = db_run(db, STMT_PING, 0, NULL);
	st = res != NULL && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : DB_DOWN;
	PQclear(res);
	return st;
}
