/* db.h: the store. Each thread owns one `struct db` (one PostgreSQL connection); every statement is
 * declared in stmt.c and run prepared, with parameters only. This layer is the only one that includes
 * libpq-fe.h: callers see plain values. */
#ifndef PASSAGE_DB_H
#define PASSAGE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct db;

enum db_status {
	DB_OK = 0,
	DB_DOWN,          /* cannot connect, or the connection broke */
	DB_UNMIGRATED,    /* schema older than this binary: run `passage migrate` */
	DB_TOO_NEW,       /* schema newer than this binary: refuse to touch it */
};

/* What a store call that finds, makes or changes one thing returns, the same in every store file. The
 * pages turn it into a response in one place (http_store_failed, server/http.h). */
enum store_rc {
	STORE_LIMITED = -3,   /* refused for now: too many in a short time (429) */
	STORE_TAKEN = -2,     /* a code or name already taken (409) */
	STORE_FAILED = -1,    /* the database failed or is away; nothing changed (503 with Retry-After) */
	STORE_NONE = 0,       /* not found, or nothing to change (404, unless the page says why itself) */
	STORE_OK = 1,         /* found, or done */
};

/* Makes a handle; does not connect. */
struct db *db_new(const char *conninfo, long retry_ms);
/* How long a request may wait for the database to come back after it went away (a restart, a
 * failover): db_ready, and a statement whose connection broke, wait up to this long. 0 (the default):
 * not at all, as the command line wants. */
void db_set_wait(struct db *db, long wait_ms);
/* For a replica's handle: a statement that finds the replica away runs on `fallback` instead. */
void db_set_fallback(struct db *db, struct db *fallback);
void db_free(struct db *db);

/* Connects if needed (at most once per retry_ms while the database is away) and checks the schema
 * version once per connection. Cheap when connected. */
enum db_status db_ensure(struct db *db);
/* db_ensure, and when the database is away, waits for it up to the handle's wait (see db.c: the
 * threads of a process share one connection attempt at a time). For the start of a request. */
enum db_status db_ready(struct db *db);
const char *db_status_text(enum db_status s);
long db_reconnects(const struct db *db);

/* The timer's clean-up (STMT_PURGE). Returns 1 when this connection did it (it holds the purge lock),
 * 0 when another server's purge connection does, -1 on error; the counts of what went on success. */
struct db_purged {
	long sessions, throttle, participants;
};
int db_purge(struct db *db, long throttle_forget_s, long known_for_s, long live_keep_days, struct db_purged *out);

/* /readyz: one round trip. Returns DB_OK or why not. */
enum db_status db_ping(struct db *db);

/* Runs statement s and hands each row to row() as it arrives (values are NULL for SQL NULL, and valid
 * only during the call); a non-zero return stops the query. Memory stays flat however many rows there
 * are. Returns the number of rows, or -1 (database error, stopped, or n not the statement's number of
 * parameters). */
#define DB_STREAM_COLS 24
typedef int (*db_row_fn)(void *ctx, const char *const *vals, int ncols);
enum stmt;
long db_stream(struct db *db, enum stmt s, int n, const char *const *params, db_row_fn row, void *ctx);

/* How many times a statement was run with another number of parameters than it declares (a bug: see
 * db.c), in this process. */
long db_statement_misuses(void);
/* Checks the statement table against the database: PostgreSQL prepares and describes each statement, and
 * its parameter and column counts must be the declared ones. Returns how many differ (each described on
 * a line of report), or -1 when the database is unavailable. For the tests: it prepares every statement. */
int db_check_statements(struct db *db, char *report, size_t len);

/* Migrations (migrate.c). db_migrate applies every pending migration, each in its own transaction,
 * and writes what it did to out. Returns 0 on success, 1 on error (message on out), 2 when the database
 * is newer than this binary. */
int db_migrate(const char *conninfo, FILE *out);
int db_schema_version(const char *conninfo, int *version);  /* 0, or -1 on error */
int db_latest_migration(void);

/* For `passage doctor` (doctor.c): one connection with the configured string, and what it finds. */
struct db_doctor {
	bool connected, superuser, can_create;
	bool in_recovery;                   /* a standby: a replica that replays the primary's changes */
	int schema_version;                 /* 0: not migrated; -1: unknown */
	char role[64], server_version[32];
	char encoding[32];                  /* the database's: UTF8, or a limit in characters counts bytes */
	char missing_tables[1024];          /* tables the role may not read and write, comma-separated */
	char missing_sequences[1024];
	char error[512];
};
int db_doctor(const char *conninfo, struct db_doctor *out);   /* 0, or -1 with out->error */

#endif
