/* cohort_report.c: a cohort's report data, read from the store for the dashboards and the CSV exports;
 * domain/reports.c indexes and analyses it. Only the reading and its errors are here. */
#include "pages/cohort_report.h"

#include <string.h>

#include "store/training.h"

bool report_load(struct req *r, struct db *db, const struct cohort *c, long long module, struct report *out)
{
	memset(out, 0, sizeof(*out));
	struct cohort_module *all;
	int nall;
	enum store_rc rc = db_cohort_modules(db, r->arena, c->id, &all, &nall);
	if (rc == STORE_OK)
		rc = db_roster(db, r->arena, c->id, &out->trainees, &out->ntrainees);
	if (rc == STORE_OK)
		rc = db_cohort_cells(db, r->arena, c->id, module > 0 ? module : 0, &out->cells, &out->ncells);
	if (http_store_failed(r, rc, "database unavailable"))
		return false;
	report_keep_assigned(out, all, nall, module);
	if (module > 0 && out->nmods == 0) {
		http_error(r, 404, "this module is not assigned to the cohort");
		return false;
	}
	if (!report_index(out, r->arena)) {
		http_error(r, 500, "out of memory");
		return false;
	}
	return true;
}

bool item_report_load(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                      const char *lang, const char *answered_in, struct item_report *out)
{
	struct stored_question *qs;
	struct item_row *rows;
	int nq, nrows;
	struct db *db = req_reports_db(r);
	enum store_rc rc = db_questions(db, r->arena, cm->m.revision_id, set, lang, &qs, &nq);
	if (rc == STORE_OK)
		rc = db_item_answers(db, r->arena, c->id, cm->m.id, cm->m.revision_id, set, answered_in, &rows, &nrows);
	if (http_store_failed(r, rc, "database unavailable"))
		return false;
	if (!item_report_build(out, qs, nq, rows, nrows, r->arena)) {
		http_error(r, 500, "out of memory");
		return false;
	}
	return true;
}
