/* cohort_report.h (pages): a cohort's report data, read for the dashboards and the CSV exports. The
 * figures themselves are computed in domain/reports.h. */
#ifndef PASSAGE_PAGES_COHORT_REPORT_H
#define PASSAGE_PAGES_COHORT_REPORT_H

#include "domain/reports.h"
#include "pages/pages.h"
#include "store/cohorts.h"

/* Loads a cohort's report data from db: req_reports_db(r) for what only reports, r->db for a page whose
 * forms change what it shows (the roster). module > 0 keeps that module only. Returns false after
 * answering 404 (module not assigned), 503 or 500. */
bool report_load(struct req *r, struct db *db, const struct cohort *c, long long module, struct report *out);

/* Loads the item analysis of one set ("quiz" or "precheck") of a module's current revision, over each
 * trainee's first attempt at it. Returns false after answering 503 or 500. */
/* lang: the language the questions' texts are wanted in (each comes in English where not translated);
 * answered_in: only the attempts made in that language ("" or NULL: every one). */
bool item_report_load(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                      const char *lang, const char *answered_in, struct item_report *out);

#endif
