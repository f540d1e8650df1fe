/* internal.h: for the store's own files only. */
#ifndef PASSAGE_STORE_INTERNAL_H
#define PASSAGE_STORE_INTERNAL_H

#include <libpq-fe.h>

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

#endif
