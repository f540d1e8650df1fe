/* db.c: one PostgreSQL connection per thread, prepared statements, reconnection, and the wait for a
 * database that is restarting. */
#include "core/metrics.h"
#include "store/db.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "store/migrations.h"
#include "store/internal.h"
#include "store/stmt.h"

struct db {
	PGconn *conn;
	char *conninfo;
	long retry_ms;
	long wait_ms;        /* how long a request may wait for the database to come back; 0: not at all */
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

void db_set_wait(struct db *db, long wait_ms)
{
	db->wait_ms = wait_ms;
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

/* The wait for a database that went away, shared by the threads of a process. While it is away, one
 * thread at a time tries to connect (its own connection), no more often than a backoff that grows from
 * 20 to 200 ms; the other waiting threads sleep until that thread succeeds, then connect once each. So a
 * restarting PostgreSQL sees one connection attempt per worker, not one per thread, and a waiting thread
 * wakes the moment the database is back, not at the end of a sleep. A wait is worth it only while a quick
 * return is likely: once the database has been away longer than the bound, requests no longer wait (each
 * would hold its thread for the whole bound) and are answered 503 at once until it is back. */
#define PROBE_BACKOFF_MIN_US 20000LL
#define PROBE_BACKOFF_MAX_US 200000LL
static struct {
	pthread_mutex_t mu;
	pthread_cond_t back;        /* broadcast when a connection succeeds */
	long long down_since_us;    /* 0: not known to be away */
	long long next_probe_us;
	long long backoff_us;
	bool probing;
} gate = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, false};

static void gate_up(void)
{
	pthread_mutex_lock(&gate.mu);
	if (gate.down_since_us != 0) {
		gate.down_since_us = 0;
		gate.backoff_us = 0;
		gate.next_probe_us = 0;
		pthread_cond_broadcast(&gate.back);
	}
	pthread_mutex_unlock(&gate.mu);
}

/* Sleeps on the gate until `until_us` (monotonic) or a broadcast. Called with gate.mu held. */
static void gate_sleep(long long until_us)
{
	long long left = until_us - clock_us();
	if (left <= 0)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);   /* the condition variable's clock */
	long long ns = (long long)ts.tv_nsec + left * 1000;
	ts.tv_sec += (time_t)(ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	pthread_cond_timedwait(&gate.back, &gate.mu, &ts);
}

static enum db_status wait_for_db(struct db *db)
{
	long long start = clock_us(), deadline = start + db->wait_ms * 1000;
	enum db_status st = DB_DOWN;
	pthread_mutex_lock(&gate.mu);
	if (gate.down_since_us == 0)
		gate.down_since_us = start;
	else if (start - gate.down_since_us > db->wait_ms * 1000) {
		pthread_mutex_unlock(&gate.mu);   /* away too long to be a restart: answer now */
		return DB_DOWN;
	}
	metrics_add(&metrics_get()->db_waits, 1);
	for (;;) {
		long long now = clock_us();
		if (gate.down_since_us == 0 || (!gate.probing && now >= gate.next_probe_us)) {
			/* Back (another thread connected: connect this one), or this thread's turn to try. */
			bool probe = gate.down_since_us != 0;
			if (probe)
				gate.probing = true;
			pthread_mutex_unlock(&gate.mu);
			db->last_attempt_us = 0;
			st = db_ensure(db);   /* success opens the gate for everyone (gate_up) */
			pthread_mutex_lock(&gate.mu);
			if (probe)
				gate.probing = false;
			if (st != DB_DOWN)
				break;
			if (gate.down_since_us == 0)
				gate.down_since_us = clock_us();   /* away again */
			gate.backoff_us = gate.backoff_us == 0 ? PROBE_BACKOFF_MIN_US
			                  : gate.backoff_us * 2 > PROBE_BACKOFF_MAX_US ? PROBE_BACKOFF_MAX_US : gate.backoff_us * 2;
			gate.next_probe_us = clock_us() + gate.backoff_us;
			continue;
		}
		if (now >= deadline)
			break;
		gate_sleep(gate.probing || gate.next_probe_us > deadline ? deadline : gate.next_probe_us);
	}
	pthread_mutex_unlock(&gate.mu);
	if (st != DB_OK)
		metrics_add(&metrics_get()->db_wait_timeouts, 1);
	return st;
}

enum db_status db_ready(struct db *db)
{
	enum db_status st = db_ensure(db);
	if (st != DB_DOWN || db->wait_ms <= 0)
		return st;
	return wait_for_db(db);
}

/* May statement s be sent again after its connection broke with it unanswered? */
static bool retry_safe(const struct stmt_def *d)
{
	return d->retry || strncmp(d->sql, "SELECT ", 7) == 0;
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

/* A statement run with another number of parameters than it declares is a bug in the store, never a
 * condition of the request: libpq would send what it was given and PostgreSQL would answer with an error
 * or, worse, read a NULL where a value was meant. It is refused before anything is sent: logged as an
 * error with a line the test run looks for (tests/run.sh fails on "statement misuse"), counted, and
 * answered as a failed statement (NULL, -1), so the request gets its error page and the server keeps
 * serving. Not abort(): that would take down every request of the process with it. */
static atomic_long misuses;

static bool params_ok(const struct stmt_def *d, int n)
{
	if (n == d->nparams)
		return true;
	atomic_fetch_add(&misuses, 1);
	metrics_add(&metrics_get()->db_errors, 1);
	log_error("database: statement misuse: %s run with %d parameter(s), declares %d", d->name, n, d->nparams);
	return false;
}

long db_statement_misuses(void)
{
	return atomic_load(&misuses);
}

/* Runs a statement, preparing it on this connection first if needed. Returns a result the caller must
 * PQclear, or NULL. A broken connection is noticed here. When no transaction was open, the statement is
 * sent again on a fresh connection (waiting for the database up to the handle's wait) if it never
 * reached the server (its prepare failed) or is safe to run twice (retry_safe); a write that may have
 * been done is not sent again: NULL, and the caller answers 503. */
PGresult *db_run(struct db *db, enum stmt s, int n, const char *const *params)
{
	const struct stmt_def *d = &stmt_defs[s];
	if (!params_ok(d, n))
		return NULL;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
			struct db *other = fall_back(db);
			return other ? db_run(other, s, n, params) : NULL;
		}
		bool in_tx = PQtransactionStatus(db->conn) != PQTRANS_IDLE;
		bool sent = false;
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
		sent = true;
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
		if (in_tx || db->in_ensure || (sent && !retry_safe(d)))
			return NULL;
		if (db_ready(db) != DB_OK) {
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
	if (!params_ok(d, n))
		return -1;
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
		int v = atoi(PQgetvalue(res, 0, SCHEMA_VERSION));
		int latest = db_latest_migration();
		st = v > latest ? DB_TOO_NEW : v < latest ? DB_UNMIGRATED : DB_OK;
		if (st == DB_TOO_NEW)
			log_error("%s: schema version %d is newer than this program's %d: refusing to use it", db->what, v, latest);
	}
	PQclear(res);
	return st;
}

/* An idle connection whose server went away (a restart, a failover) still reads CONNECTION_OK until it
 * is used: the server's goodbye (an error, then end of file) waits unread on the socket. Read what is
 * there; returns false when the connection turns out broken. One poll() when nothing is waiting. */
static bool idle_conn_alive(struct db *db)
{
	if (PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		return true;
	for (int i = 0; i < 4; i++) {
		struct pollfd pf = {.fd = PQsocket(db->conn), .events = POLLIN};
		if (pf.fd < 0 || poll(&pf, 1, 0) <= 0)
			break;
		if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK)
			return false;
		PGnotify *nf;
		while ((nf = PQnotifies(db->conn)) != NULL)
			PQfreemem(nf);
	}
	return PQstatus(db->conn) == CONNECTION_OK;
}

enum db_status db_ensure(struct db *db)
{
	long long now = clock_us();
	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK && !db->in_ensure && !idle_conn_alive(db)) {
		mark_down(db, "connection lost");
		db->last_attempt_us = 0;    /* reconnect at once */
	}
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
	if (db->fallback == NULL)
		gate_up();
	db->status = DB_OK;
	db->last_schema_check_us = now;
	db->in_ensure = true;
	db->status = check_schema(db);
	db->in_ensure = false;
	return db->status;
}

int db_purge(struct db *db, long throttle_forget_s, long known_for_s, long live_keep_days, struct db_purged *out)
{
	if (db_ensure(db) != DB_OK)
		return -1;
	char f[24], k[24], kf[24];
	snprintf(f, sizeof(f), "%ld", throttle_forget_s);
	snprintf(k, sizeof(k), "%ld", live_keep_days);
	snprintf(kf, sizeof(kf), "%ld", known_for_s);
	const char *p[3] = {f, k, kf};
	PGresult *res = db_run(db, STMT_PURGE, 3, p);
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_error("purge", res);
		PQclear(res);
		return -1;
	}
	int rc = PQgetvalue(res, 0, PURGE_LOCKED)[0] == 't' ? 1 : 0;
	out->sessions = atol(PQgetvalue(res, 0, PURGE_SESSIONS));
	out->throttle = atol(PQgetvalue(res, 0, PURGE_THROTTLE));
	out->participants = atol(PQgetvalue(res, 0, PURGE_PARTICIPANTS));
	PQclear(res);
	return rc;
}

enum db_status db_ping(struct db *db)
{
	enum db_status st = db_ensure(db);
	if (st != DB_OK)
		return st;
	long wait = db->wait_ms;   /* a probe says what is true now: it does not wait */
	db->wait_ms = 0;
	PGresult *res = db_run(db, STMT_PING, 0, NULL);
	db->wait_ms = wait;
	st = res != NULL && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : DB_DOWN;
	PQclear(res);
	return st;
}

/* Prepares each statement as the unnamed statement with no parameter types given, so PostgreSQL counts
 * the parameters from the SQL itself, and compares what it describes with the declaration. */
int db_check_statements(struct db *db, char *report, size_t len)
{
	int bad = 0;
	size_t used = 0;
	report[0] = '\0';
	if (db_ensure(db) != DB_OK) {
		snprintf(report, len, "database unavailable\n");
		return -1;
	}
	for (int s = 0; s < STMT__MAX; s++) {
		const struct stmt_def *d = &stmt_defs[s];
		char line[256] = "";
		PGresult *r = PQprepare(db->conn, "", d->sql, 0, NULL);
		PGresult *desc = NULL;
		if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK)
			snprintf(line, sizeof(line), "%s: %s", d->name, r ? PQresultErrorMessage(r) : PQerrorMessage(db->conn));
		else if ((desc = PQdescribePrepared(db->conn, "")) == NULL || PQresultStatus(desc) != PGRES_COMMAND_OK)
			snprintf(line, sizeof(line), "%s: cannot describe: %s", d->name, PQerrorMessage(db->conn));
		else if (PQnparams(desc) != d->nparams || PQnfields(desc) != d->ncols)
			snprintf(line, sizeof(line), "%s: declares %d parameter(s) and %d column(s); PostgreSQL counts %d and %d\n",
			         d->name, d->nparams, d->ncols, PQnparams(desc), PQnfields(desc));
		PQclear(desc);
		PQclear(r);
		if (line[0] != '\0' && used < len) {
			bad++;
			int w = snprintf(report + used, len - used, "%s", line);
			used = w < 0 || (size_t)w >= len - used ? len : used + (size_t)w;
		} else if (line[0] != '\0') {
			bad++;
		}
	}
	return bad;
}
