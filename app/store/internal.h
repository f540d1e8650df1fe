/* internal.h: for the store's own files only. */
#ifndef PASSAGE_STORE_INTERNAL_H
#define PASSAGE_STORE_INTERNAL_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/stmt.h"

/* Runs statement s with its n parameters (see db.c). n must be the number stmt.c declares: another is a
 * bug, refused (NULL) and logged as a statement misuse. Read the result's columns by their SHAPE_X names. */
PGresult *db_run(struct db *db, enum stmt s, int n, const char *const *params);

/* Result helpers: true when the statement succeeded. */
static inline bool db_ok(const PGresult *r)
{
	return r != NULL && (PQresultStatus(r) == PGRES_TUPLES_OK || PQresultStatus(r) == PGRES_COMMAND_OK);
}
bool db_unique_violation(const PGresult *r);
void db_log_error(const char *what, const PGresult *r);
/* Runs s; on success returns the result (the caller clears it), else logs and returns NULL. */
PGresult *db_query(struct db *db, enum stmt s, int n, const char *const *p, const char *what);
/* Runs s expecting a row: STORE_OK with *out the result (the caller clears it), STORE_NONE when there
 * is none, STORE_FAILED on an error (logged); *out is NULL unless STORE_OK. */
enum store_rc db_row(struct db *db, enum stmt s, int n, const char *const *p, const char *what, PGresult **out);
/* Runs a statement expected to change or return rows: STORE_OK when it did, STORE_NONE when not,
 * STORE_TAKEN on a unique violation, STORE_FAILED on another error (logged). */
enum store_rc db_exec(struct db *db, enum stmt s, int n, const char *const *p, const char *what);
/* A copy of one value in the arena ("" when out of memory). */
const char *db_dup(struct arena *a, const PGresult *r, int row, int col);
/* Runs a listing statement and allocates `size` zeroed bytes per row (at least one) for the caller to
 * fill; NULL (logged) on failure. */
PGresult *db_rows(struct db *db, struct arena *a, enum stmt s, int np, const char *const *p, const char *what,
                  size_t size, void **out, int *n);

static inline bool db_flag(const PGresult *r, int row, int col)
{
	return PQgetvalue(r, row, col)[0] == 't';
}

static inline long long db_lnum(const PGresult *r, int row, int col)
{
	return atoll(PQgetvalue(r, row, col));
}

/* A statement parameter from an integer: ID(buf, v) declares buf and prints v into it. */
#define ID(buf, v) char buf[24]; snprintf(buf, sizeof(buf), "%lld", (long long)(v))

#endif
