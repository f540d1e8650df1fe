/* result.c: reading libpq results the same way in every store file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/metrics.h"
#include "store/internal.h"

bool db_unique_violation(const PGresult *r)
{
	const char *code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	return code != NULL && strcmp(code, "23505") == 0;
}

void db_log_error(const char *what, const PGresult *r)
{
	metrics_add(&metrics_get()->db_errors, 1);
	if (r != NULL)
		log_error("database: %s: %s", what, PQresultErrorMessage(r));
}

PGresult *db_query(struct db *db, enum stmt s, int n, const char *const *p, const char *what)
{
	PGresult *r = db_run(db, s, n, p);
	if (db_ok(r))
		return r;
	db_log_error(what, r);
	PQclear(r);
	return NULL;
}

enum store_rc db_row(struct db *db, enum stmt s, int n, const char *const *p, const char *what, PGresult **out)
{
	*out = db_query(db, s, n, p, what);
	if (*out == NULL)
		return STORE_FAILED;
	if (PQntuples(*out) > 0)
		return STORE_OK;
	PQclear(*out);
	*out = NULL;
	return STORE_NONE;
}

enum store_rc db_exec(struct db *db, enum stmt s, int n, const char *const *p, const char *what)
{
	PGresult *r = db_run(db, s, n, p);
	int rc;
	if (db_ok(r))
		rc = (PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) : atoi(PQcmdTuples(r))) > 0 ? STORE_OK : STORE_NONE;
	else if (db_unique_violation(r))
		rc = STORE_TAKEN;
	else {
		db_log_error(what, r);
		rc = STORE_FAILED;
	}
	PQclear(r);
	return rc;
}

const char *db_dup(struct arena *a, const PGresult *r, int row, int col)
{
	const char *s = arena_strdup(a, PQgetvalue(r, row, col));
	return s ? s : "";
}

PGresult *db_rows(struct db *db, struct arena *a, enum stmt s, int np, const char *const *p, const char *what,
                  size_t size, void **out, int *n)
{
	PGresult *r = db_query(db, s, np, p, what);
	*n = 0;
	*out = NULL;
	if (r == NULL)
		return NULL;
	*n = PQntuples(r);
	*out = arena_alloc(a, size * (size_t)(*n > 0 ? *n : 1));
	if (*out == NULL) {
		PQclear(r);
		return NULL;
	}
	memset(*out, 0, size * (size_t)(*n > 0 ? *n : 1));
	return r;
}
