/* cohort.h (pages): what the facilitator's pages share: opening a cohort the signed-in person may see,
 * its navigation, the privacy rule, and the report data every dashboard starts from. */
#ifndef PASSAGE_PAGES_COHORT_H
#define PASSAGE_PAGES_COHORT_H

#include "domain/reports.h"
#include "domain/training.h"
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

/* A cohort's report data: its assigned modules, its trainees by name, and their records. */
struct report {
	struct cohort_module *mods;   /* assigned modules only */
	int nmods;
	struct trainee_row *trainees;
	int ntrainees;
	struct cell *cells;
	int ncells;
	const struct cell **grid;     /* ntrainees x nmods, NULL where not started */
};
/* Loads it from db: req_reports_db(r) for what only reports, r->db for a page whose forms change what it
 * shows (the roster). module > 0 keeps that module only. Returns false after answering 404 (module not
 * assigned) or 503. */
bool report_load(struct req *r, struct db *db, const struct cohort *c, long long module, struct report *out);
static inline const struct cell *report_cell(const struct report *rp, int trainee, int module)
{
	return rp->grid[(size_t)trainee * (size_t)rp->nmods + (size_t)module];
}

/* A fresh join code for cohort `id`, or (id 0) a new cohort named `name` run by the signed-in person,
 * whose id goes to *created. Retries the rare collision. 1, or -1/-2 as the store answers. */
int cohort_new_code(struct req *r, long long id, const char *name, long long *created);

/* The last time anything happened in a trainee's record, or when they joined. */
long long report_last_active(const struct report *rp, int trainee);

/* One assigned module's figures over the whole cohort. */
struct module_figures {
	int started, completed, overdue;
	int nscores;                  /* trainees with a quiz score */
	double median;                /* of their best scores; NaN when none */
	int rate;                     /* completed, in whole percent of the cohort; -1 when nobody is in it */
};
void report_module_figures(struct req *r, const struct report *rp, int m, struct module_figures *f);
/* The symbol and class a matrix cell shows, and the words the CSV uses. */
void report_cell_html(struct req *r, const struct report *rp, int trainee, int m);

/* Item analysis of one set ("quiz" or "precheck") of a module's current revision, over each trainee's
 * first attempt at it. */
struct item_report {
	const struct stored_question *qs;
	int nq;
	struct item_stats *st;        /* one per question */
	int ntrainees;                /* trainees with a first attempt */
};
bool item_report_load(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                      struct item_report *out);
/* Which of question q's figures the privacy rule lets the page and the file show: how many answered
 * (out of the cohort), how many got it right (with the facility and discrimination indexes: about those
 * right and those wrong), and the options' shares (a breakdown, shown whole or not at all). `hidden`:
 * something answered is hidden. */
struct item_shown {
	bool answered, facility, options, hidden;
};
void item_shown(const struct cohort *c, const struct item_report *ir, int q, struct item_shown *out);
/* The option a share is about, as a letter: 'A' + position. */
static inline char option_letter(int o)
{
	return (char)('A' + o);
}

/* A join code as people read it: "XXXX-XXXX" ("" when the cohort has none). */
const char *join_code_display(struct req *r, const struct cohort *c);

/* Previous and next links between pages of trainees: `base`?page=N`anchor`. */
void report_pager(struct req *r, const char *base, const char *anchor, int page, int pages);

/* Sorting and finding database ids. */
struct id_index {
	long long id;
	int index;
};
int id_index_cmp(const void *a, const void *b);

/* "s" unless n is one: "%d trainee%s". */
static inline const char *plural_s(long long n)
{
	return n == 1 ? "" : "s";
}

/* Dates as the reports show them (UTC): "2026-12-02", or "" for 0. */
const char *report_date(struct req *r, long long epoch);

#endif
