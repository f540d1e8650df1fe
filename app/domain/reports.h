/* reports.h: the figures a facilitator reads about a cohort, computed from plain rows. Pure: no I/O, so
 * every figure can be checked against a hand-computed case. Screens and CSV exports format numbers with
 * the same functions, so a file always says what its screen says. */
#ifndef PASSAGE_REPORTS_H
#define PASSAGE_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

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

/* Plain words for the two indexes. */
const char *facility_words(double facility);
const char *discrimination_words(double d);

/* A calendar date written YYYY-MM-DD, between the years 2000 and 2199. */
bool iso_date_valid(const char *s);

/* Ten bins of whole-percent scores: 0-9, 10-19, ..., 90-100. */
void score_histogram(const int *scores, size_t n, int bins[10]);

#endif
