/* internal.h: for the store's own files only. */
#ifndef PASSAGE_STORE_INTERNAL_H
#define PASSAGE_STORE_INTERNAL_H

#include <libpq-fe.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/stmt.h"

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
/* Runs a statement expected to change or return rows: 1 when it did, 0 when not, -2 on a unique
 * violation, -1 on another error (logged). */
int db_exec(struct db *db, enum stmt s, int n, const char *const *p, const char *what);
/* A copy of one value in the arena ("" when out of memory). */
const char *db_dup(struct arena *a, const PGresult *r, int row, int col);

#endif
