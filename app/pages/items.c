/* items.c: the item analysis both the module report and its CSV export show. */
#include "pages/cohort.h"
#include "store/training.h"

bool item_report_load(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                      struct item_report *out)
{
	struct stored_question *qs;
	struct item_row *rows;
	int nq, nrows;
	struct db *db = req_reports_db(r);
	if (db_questions(db, r->arena, cm->m.revision_id, set, &qs, &nq) < 0 ||
	    db_item_answers(db, r->arena, c->id, cm->m.id, cm->m.revision_id, set, &rows, &nrows) < 0) {
		http_error(r, 503, "database unavailable");
		return false;
	}
	if (!item_report_build(out, qs, nq, rows, nrows, r->arena)) {
		http_error(r, 500, "out of memory");
		return false;
	}
	return true;
}
