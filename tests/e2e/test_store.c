/* test_store.c: the statement table agrees with the database. PostgreSQL prepares and describes every
 * statement, and its parameters and columns are the ones stmt.c declares (so the column names readers use
 * index what the SQL returns); a statement run with another number of parameters is refused before
 * anything is sent. */
#include <criterion/criterion.h>
#include <stdio.h>

#include "e2e/e2e.h"
#include "store/db.h"
#include "store/internal.h"

static struct db *connect_test_db(void)
{
	char ci[1024];
	snprintf(ci, sizeof(ci), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	struct db *db = db_new(ci, 100);
	cr_assert_not_null(db);
	cr_assert_eq(db_ensure(db), DB_OK);
	return db;
}

Test(store, every_statement_has_the_parameters_and_columns_it_declares, .timeout = 60)
{
	struct db *db = connect_test_db();
	char report[8192];
	int bad = db_check_statements(db, report, sizeof(report));
	cr_assert_eq(bad, 0, "%d statement(s) differ from their declaration:\n%s", bad, report);
	db_free(db);
}

Test(store, every_statement_that_returns_rows_names_its_columns)
{
	for (int s = 0; s < STMT__MAX; s++) {
		const struct stmt_def *d = &stmt_defs[s];
		cr_assert_not_null(d->name, "statement %d has no entry", s);
		cr_assert(d->nparams >= 0 && d->ncols >= 0, "%s", d->name);
		cr_assert(d->ncols <= DB_STREAM_COLS || (s != STMT_EXPORT_ANSWERS && s != STMT_LIVE_EXPORT),
		          "%s: streamed with more columns than a row callback gets", d->name);
	}
}

Test(store, a_statement_run_with_another_number_of_parameters_is_refused, .timeout = 60)
{
	struct db *db = connect_test_db();
	long before = db_statement_misuses();
	const char *one[] = {"1"};

	PGresult *r = db_run(db, STMT_PING, 1, one);           /* declares none */
	cr_expect_null(r);
	PQclear(r);
	r = db_run(db, STMT_COHORT_NAME, 0, NULL);             /* declares one */
	cr_expect_null(r);
	PQclear(r);
	cr_expect_eq(db_stream(db, STMT_LIVE_EXPORT, 2, (const char *[]){"1", "2"}, NULL, NULL), -1);
	cr_expect_eq(db_statement_misuses(), before + 3);

	/* Refused before anything was sent: the connection serves the next statement as before. */
	r = db_run(db, STMT_PING, 0, NULL);
	cr_expect(db_ok(r));
	PQclear(r);
	r = db_run(db, STMT_COHORT_NAME, 1, one);
	cr_expect(db_ok(r));
	PQclear(r);
	cr_expect_eq(db_statement_misuses(), before + 3);
	db_free(db);
}
