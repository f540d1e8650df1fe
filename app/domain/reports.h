/* reports.h: the figures a facilitator reads about a cohort, computed from plain rows. Pure: no I/O, so
 * every figure can be checked against a hand-computed case. Screens and CSV exports format numbers with
 * the same functions, so a file always says what its screen says. */
#ifndef PASSAGE_REPORTS_H
#define PASSAGE_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "domain/content.h"
#include "domain/progress.h"

/* Under "aggregate only", no figure computed from fewer trainees than this is shown. */
#define REPORT_MIN_GROUP 5

/* The privacy rule of an "aggregate only" cohort, decided here and nowhere else: may a count of `count`
 * people out of a group of `of` be shown? Always, outside such a cohort. Inside one, only when neither
 * the count nor the rest of the group (of - count) is 1 to REPORT_MIN_GROUP - 1 people, so that a figure
 * is about nobody or about at least that many, and no few people can be singled out by subtracting it
 * from the group ("4 of 5 got it right" names a group of one as surely as "1 got it wrong"). A group's
 * own size is count == of. */
bool report_count_shown(bool aggregate_only, long long count, long long of);
/* A breakdown (the bars of a histogram, the options of a question, the choices at a step): shown whole
 * when every counts[i] out of `of` may be shown, else not at all, so that no hidden cell can be worked
 * out from the shown ones and the total. */
bool report_counts_shown(bool aggregate_only, const int *counts, size_t n, long long of);

/* One trainee's record in one module (what the cohort overview reads). Times are epoch seconds, 0 for
 * never. Scores are whole percent, -1 for none. */
struct cell {
	long long user_id, module_id;
	int user;                 /* index into the cohort's trainee list */
	int module;               /* index into the cohort's module list */
	int lessons_read, quiz_attempts;
	int best, first_quiz, first_pre;
	bool passed, scenario_done;
	long long passed_at, scenario_at, lessons_at, last_at;
};

enum cell_status { CELL_NOT_STARTED, CELL_IN_PROGRESS, CELL_COMPLETED };

/* A cell is completed by the same rule as the trainee's own pages (module_complete). NULL: not started. */
enum cell_status cell_status(const struct cell *c, const struct module_info *m);
/* When the module was completed (the last of: lessons read, quiz passed, case finished), or 0. */
long long cell_completed_at(const struct cell *c, const struct module_info *m);
const char *cell_status_name(enum cell_status s);

/* A module as a cohort has it: assigned or not, with its due date. */
struct cohort_module {
	struct module_info m;
	bool assigned;
	const char *due_on;           /* "" or YYYY-MM-DD */
	bool past_due;                /* the due date has passed (UTC) */
};

/* A trainee of a cohort, as its roster lists them. */
struct trainee_row {
	long long id;
	const char *name;
	long long joined;             /* epoch seconds */
	bool disabled;
};

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
/* Keeps, of the cohort's `nall` modules, those assigned to it (module > 0: that one only), as rp->mods,
 * reusing `all`'s memory. rp->nmods == 0 afterwards with module > 0: that module is not assigned. */
void report_keep_assigned(struct report *rp, struct cohort_module *all, int nall, long long module);
/* Files each of rp->cells under its trainee and module (setting cell.user and cell.module) in rp->grid,
 * from arena a. A cell of someone not on the roster (who joined or left between the reads) or of a
 * module not kept stays out of the grid, with user -1. false when the arena is full. */
bool report_index(struct report *rp, struct arena *a);
static inline const struct cell *report_cell(const struct report *rp, int trainee, int module)
{
	return rp->grid[(size_t)trainee * (size_t)rp->nmods + (size_t)module];
}
/* The last time anything happened in a trainee's record, or when they joined. */
long long report_last_active(const struct report *rp, int trainee);
/* How many trainees were last active before `cutoff` (epoch seconds). */
int report_inactive(const struct report *rp, long long cutoff);
/* How many of the report's modules the trainee has completed. */
int report_completed(const struct report *rp, int trainee);

/* One assigned module's figures over the whole cohort. */
struct module_figures {
	int started, completed, overdue;
	int nscores;                  /* trainees with a quiz score */
	double median;                /* of their best scores; NaN when none */
	int rate;                     /* completed, in whole percent of the cohort; -1 when nobody is in it */
};
/* Module m's figures; scratch space for the median comes from arena a (full: no scores are counted). */
void report_module_figures(const struct report *rp, int m, struct arena *a, struct module_figures *f);
/* Module m's best quiz scores, of trainees on the roster, in ten bins of whole percent: 0-9, 10-19, ...,
 * 80-89, 90-100. Returns how many scores were binned. */
int report_score_bins(const struct report *rp, int m, int bins[10]);

/* Completions by week, weeks starting on Monday 00:00 UTC. */
#define REPORT_WEEKS 12
/* The Monday 00:00 UTC that starts the week holding `now` (epoch seconds, not negative). */
long long week_start(long long now);
/* Module m's completions by trainees on the roster: counts[0] in the week starting this_monday (or
 * later), counts[w] in the week starting w weeks before it (w < REPORT_WEEKS), counts[REPORT_WEEKS] in
 * any week before those. Returns the total. */
int report_completions_by_week(const struct report *rp, int m, long long this_monday, int counts[REPORT_WEEKS + 1]);

/* The median of n values (sorted in place); false when n == 0. Even n: the mean of the middle two. */
bool median(int *v, size_t n, double *out);

/* 100 * num / den rounded half up to a whole percent; -1 when den == 0. */
int percent(long long num, long long den);

/* Formats a figure the one way screens and exports both use: whole numbers without decimals, others
 * with one ("65.5"); NaN gives "". */
void fmt_figure(double v, char out[32]);
/* A correlation with two decimals ("0.42", "-0.10"); NaN gives "". */
void fmt_index(double v, char out[32]);

/* Learning gain in one module: the first pre-check score against the first quiz score, for trainees
 * who took both. */
struct gain {
	int n;
	double pre, post, gain;   /* means; NaN when n == 0 */
};
void learning_gain(const struct cell *cells, size_t ncells, int module, struct gain *out);

/* Item analysis over each trainee's first attempt: one row per answer. */
struct item_answer {
	int user;            /* 0 .. nusers-1 */
	int question;        /* 0 .. nquestions-1 */
	unsigned chosen;     /* bit i: option i chosen */
	bool correct;
};
struct item_stats {
	int n;                          /* trainees who answered */
	int ncorrect;
	double facility;                /* share correct, 0..1; NaN when n == 0 */
	double discrimination;          /* correlation of the item with the rest of the attempt; NaN if undefined */
	int chose[CONTENT_OPTIONS_MAX]; /* trainees who chose each option */
	int common_wrong;               /* the wrong option chosen most (lowest on a tie), or -1 */
};
/* correct_mask[q]: the bits of question q's correct options; nopts[q]: its option count. out must hold
 * nquestions entries; totals is scratch space for nusers ints. */
void item_analysis(const struct item_answer *a, size_t n, int nusers, int nquestions, const unsigned *correct_mask,
                   const int *nopts, int *totals, struct item_stats *out);

/* A row of the store: one answer of a trainee's first attempt at a set. */
struct item_row {
	long long user_id, question_id;
	unsigned chosen;              /* bit i: option i chosen */
	bool correct;
};
/* Item analysis of one question set of a module's revision, over each trainee's first attempt. */
struct item_report {
	const struct stored_question *qs;
	int nq;
	struct item_stats *st;        /* one per question */
	int ntrainees;                /* trainees with a first attempt */
};
/* Numbers the trainees of `rows` in id order, leaves out rows about a question not among qs, and runs
 * item_analysis with each question's answer key. Memory from arena a; false when it is full. */
bool item_report_build(struct item_report *out, const struct stored_question *qs, int nq, const struct item_row *rows,
                       int nrows, struct arena *a);
/* Which of question q's figures the privacy rule lets the page and the file show, in a cohort of
 * `cohort_size` trainees: how many answered (out of the cohort), how many got it right (with the facility
 * and discrimination indexes: about those right and those wrong), and the options' shares (a breakdown,
 * shown whole or not at all). `hidden`: something answered is hidden. */
struct item_shown {
	bool answered, facility, options, hidden;
};
void item_shown(bool aggregate_only, long long cohort_size, const struct item_report *ir, int q, struct item_shown *out);
/* The option a share is about, as a letter: 'A' + position. */
static inline char option_letter(int o)
{
	return (char)('A' + o);
}

/* Plain words for the two indexes. */
const char *facility_words(double facility);
const char *discrimination_words(double d);

/* A calendar date written YYYY-MM-DD, between the years 2000 and 2199. */
bool iso_date_valid(const char *s);

#endif
