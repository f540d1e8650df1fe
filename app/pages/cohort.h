/* cohort.h (pages): what every page about a cohort starts from: opening a cohort the signed-in person
 * may see (and its trainee, its module), its navigation and pager, its privacy rule, and how its dates and
 * join code read. Its report data: cohort_report.h. */
#ifndef PASSAGE_PAGES_COHORT_H
#define PASSAGE_PAGES_COHORT_H

#include "domain/reports.h"
#include "domain/progress.h"
#include "pages/pages.h"
#include "store/cohorts.h"

/* Opens the cohort named by r->arg[0] ({id}). A cohort the signed-in person may not see answers 404, as one
 * that does not exist does, so ids cannot be probed. Returns false after answering. */
bool cohort_open(struct req *r, struct cohort *c);
/* The same for a route open to anyone (a facilitator's actions on trainees): a trainee or a stranger is
 * answered 404, as another facilitator is, so nobody learns what exists. */
bool cohort_open_staff(struct req *r, struct cohort *c);
/* The trainee named by r->arg[1] ({id}), who must be in cohort c; false after answering 404 or 503. */
bool cohort_trainee_open(struct req *r, const struct cohort *c, struct account *a);
/* The cohort's own navigation; `here` is the current entry's label. */
void cohort_nav(struct req *r, const struct cohort *c, const char *here);
/* The cohort's privacy rule (report_count_shown): may a count of `count` trainees out of `of` be shown?
 * A group's own size is count == of. */
bool cohort_shown(const struct cohort *c, long long count, long long of);
/* A breakdown of `of` (report_counts_shown): shown whole or not at all. */
bool cohort_counts_shown(const struct cohort *c, const int *counts, size_t n, long long of);
/* Answers 403 and returns true when the cohort shows no individual rows. */
bool cohort_refuse_rows(struct req *r, const struct cohort *c);

/* The module named by r->arg[1] ({slug}), among those assigned to the cohort; NULL after answering 404 (not
 * assigned, or no such module) or 503. */
const struct cohort_module *cohort_module_named(struct req *r, const struct cohort *c);

/* A fresh join code for cohort `id`, or (id 0) a new cohort named `name` run by the signed-in person,
 * whose id goes to *created. Retries the rare collision. STORE_OK; STORE_NONE when cohort `id` is gone;
 * STORE_FAILED when the database failed or no free code was found. Answers nothing itself. */
enum store_rc cohort_new_code(struct req *r, long long id, const char *name, long long *created);

/* A join code as people read it: "XXXX-XXXX" ("" when the cohort has none). */
const char *join_code_display(struct req *r, const struct cohort *c);

/* Previous and next links between pages of trainees: `base`?page=N`anchor`. */
void report_pager(struct req *r, const char *base, const char *anchor, int page, int pages);

#endif
