/* test_reports.c: the facilitator's figures against cases worked out by hand: medians, percentages,
 * learning gain, facility and discrimination, the most common wrong option, the item report from store
 * rows and what the privacy rule lets it show, the report grid, module figures, last activity,
 * completion, histograms, completions by week, dates; and CSV cells, including those a spreadsheet would run as formulas. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <string.h>

#include "domain/reports.h"
#include "server/csv.h"

Test(reports, median_of_none_one_odd_and_even)
{
	double m;
	int none[1];
	cr_expect_not(median(none, 0, &m));
	int one[] = {70};
	cr_expect(median(one, 1, &m));
	cr_expect_float_eq(m, 70, 1e-9);
	int odd[] = {80, 60, 70};
	cr_expect(median(odd, 3, &m));
	cr_expect_float_eq(m, 70, 1e-9);
	int even[] = {71, 60};
	cr_expect(median(even, 2, &m));
	cr_expect_float_eq(m, 65.5, 1e-9);
	char s[32];
	fmt_figure(m, s);
	cr_expect_str_eq(s, "65.5");
}

Test(reports, percent_rounds_half_up_and_knows_no_denominator)
{
	cr_expect_eq(percent(1, 3), 33);
	cr_expect_eq(percent(2, 3), 67);
	cr_expect_eq(percent(1, 8), 13);   /* 12.5 */
	cr_expect_eq(percent(0, 5), 0);
	cr_expect_eq(percent(5, 5), 100);
	cr_expect_eq(percent(0, 0), -1);
}

Test(reports, figures_format_one_way)
{
	char s[32];
	fmt_figure(65, s);
	cr_expect_str_eq(s, "65");
	fmt_figure(65.25, s);
	cr_expect_str_eq(s, "65.3");
	fmt_figure(-0.01, s);
	cr_expect_str_eq(s, "0");
	fmt_figure(NAN, s);
	cr_expect_str_eq(s, "");
	fmt_index(0.70710678, s);
	cr_expect_str_eq(s, "0.71");
	fmt_index(-0.001, s);
	cr_expect_str_eq(s, "0.00");
	fmt_index(-0.25, s);
	cr_expect_str_eq(s, "-0.25");
	fmt_index(NAN, s);
	cr_expect_str_eq(s, "");
}

Test(reports, learning_gain_counts_only_trainees_who_took_both)
{
	struct cell c[] = {
		{.module = 0, .first_pre = 40, .first_quiz = 80},
		{.module = 0, .first_pre = 60, .first_quiz = 70},
		{.module = 0, .first_pre = -1, .first_quiz = 90},   /* no pre-check */
		{.module = 0, .first_pre = 50, .first_quiz = -1},   /* no quiz */
		{.module = 1, .first_pre = 0, .first_quiz = 100},   /* another module */
	};
	struct gain g;
	learning_gain(c, 5, 0, &g);
	cr_expect_eq(g.n, 2);
	cr_expect_float_eq(g.pre, 50, 1e-9);
	cr_expect_float_eq(g.post, 75, 1e-9);
	cr_expect_float_eq(g.gain, 25, 1e-9);
	learning_gain(c, 0, 0, &g);
	cr_expect_eq(g.n, 0);
	cr_expect(isnan(g.gain));
	learning_gain(c, 1, 0, &g);   /* one trainee */
	cr_expect_eq(g.n, 1);
	cr_expect_float_eq(g.gain, 40, 1e-9);
}

/* Four trainees, three questions (correct options: Q0 A, Q1 B, Q2 A):
 *          Q0        Q1        Q2      total
 *   t0   A right   B right   A right     3
 *   t1   A right   B right   B wrong     2
 *   t2   B wrong   A wrong   A right     1
 *   t3   C wrong   A wrong   C wrong     0
 * Q0: right 2 of 4 (50%); rest-of-attempt scores 2,1,1,0 against item scores 1,1,0,0: r = 1/sqrt(2) = 0.71.
 * Q1: the same shape: 0.71. Q2: item 1,0,1,0, rest 2,2,0,0: r = 0. Q0's wrong answers: B once, C once:
 * the tie goes to B. Q1's: A twice (50%). */
Test(reports, item_analysis_by_hand)
{
	struct item_answer a[] = {
		{0, 0, 1u << 0, true},  {0, 1, 1u << 1, true},  {0, 2, 1u << 0, true},
		{1, 0, 1u << 0, true},  {1, 1, 1u << 1, true},  {1, 2, 1u << 1, false},
		{2, 0, 1u << 1, false}, {2, 1, 1u << 0, false}, {2, 2, 1u << 0, true},
		{3, 0, 1u << 2, false}, {3, 1, 1u << 0, false}, {3, 2, 1u << 2, false},
	};
	unsigned mask[] = {1u << 0, 1u << 1, 1u << 0};
	int nopts[] = {3, 3, 3}, totals[4];
	struct item_stats s[3];
	item_analysis(a, 12, 4, 3, mask, nopts, totals, s);
	cr_expect_eq(s[0].n, 4);
	cr_expect_eq(s[0].ncorrect, 2);
	cr_expect_float_eq(s[0].facility, 0.5, 1e-9);
	cr_expect_float_eq(s[0].discrimination, 1 / sqrt(2), 1e-9);
	cr_expect_eq(s[0].chose[0], 2);
	cr_expect_eq(s[0].chose[1], 1);
	cr_expect_eq(s[0].chose[2], 1);
	cr_expect_eq(s[0].common_wrong, 1);
	cr_expect_float_eq(s[1].discrimination, 1 / sqrt(2), 1e-9);
	cr_expect_eq(s[1].common_wrong, 0);
	cr_expect_eq(percent(s[1].chose[0], s[1].n), 50);
	cr_expect_float_eq(s[2].discrimination, 0, 1e-9);
	cr_expect_eq(totals[0], 3);
	cr_expect_eq(totals[3], 0);
}

Test(reports, item_analysis_of_nobody_and_of_one_trainee)
{
	unsigned mask[] = {1u};
	int nopts[] = {2}, totals[2];
	struct item_stats s[1];
	item_analysis(NULL, 0, 0, 1, mask, nopts, totals, s);
	cr_expect_eq(s[0].n, 0);
	cr_expect(isnan(s[0].facility));
	cr_expect(isnan(s[0].discrimination));
	cr_expect_eq(s[0].common_wrong, -1);
	struct item_answer one[] = {{0, 0, 2u, false}};
	item_analysis(one, 1, 1, 1, mask, nopts, totals, s);
	cr_expect_eq(s[0].n, 1);
	cr_expect_float_eq(s[0].facility, 0, 1e-9);
	cr_expect(isnan(s[0].discrimination), "one trainee cannot separate anyone");
	cr_expect_eq(s[0].common_wrong, 1);
	/* Everyone right: no wrong option, and no spread to correlate. */
	struct item_answer all[] = {{0, 0, 1u, true}, {1, 0, 1u, true}};
	item_analysis(all, 2, 2, 1, mask, nopts, totals, s);
	cr_expect_float_eq(s[0].facility, 1, 1e-9);
	cr_expect_eq(s[0].common_wrong, -1);
	cr_expect(isnan(s[0].discrimination));
}

Test(reports, completion_follows_the_trainee_rule)
{
	struct module_info m = {.nlessons = 2, .pass_mark = 80, .scenario_start = "start"};
	struct cell c = {.lessons_read = 2, .passed = true, .scenario_done = true, .passed_at = 100, .lessons_at = 50,
	                 .scenario_at = 300};
	cr_expect_eq(cell_status(NULL, &m), CELL_NOT_STARTED);
	cr_expect_eq(cell_status(&c, &m), CELL_COMPLETED);
	cr_expect_eq(cell_completed_at(&c, &m), 300);
	c.scenario_done = false;
	cr_expect_eq(cell_status(&c, &m), CELL_IN_PROGRESS);
	cr_expect_eq(cell_completed_at(&c, &m), 0);
	m.scenario_start = "";   /* no case: lessons and quiz are enough */
	cr_expect_eq(cell_status(&c, &m), CELL_COMPLETED);
	cr_expect_eq(cell_completed_at(&c, &m), 100);
	cr_expect_str_eq(cell_status_name(CELL_IN_PROGRESS), "in progress");
}

/* Score bins are tens: 9 and 10 fall either side of an edge, 100 joins 90-99 in the top bin, and a
 * cell with no score, of another module, or of someone not on the roster (user -1) is left out. */
Test(reports, score_bins_edges)
{
	struct cell c[] = {
		{.best = 0},  {.best = 9},  {.best = 10}, {.best = 19}, {.best = 20}, {.best = 89}, {.best = 90},
		{.best = 99}, {.best = 100}, {.best = 55}, {.best = -1}, {.best = 50, .module = 1},
		{.best = 50, .user = -1},
	};
	struct report rp = {.cells = c, .ncells = 13};
	int b[10];
	cr_expect_eq(report_score_bins(&rp, 0, b), 10);
	int want[10] = {2, 2, 1, 0, 0, 1, 0, 0, 1, 3};
	for (int i = 0; i < 10; i++)
		cr_expect_eq(b[i], want[i], "bin %d: %d, not %d", i, b[i], want[i]);
	cr_expect_eq(report_score_bins(&rp, 1, b), 1, "module 1 has one score");
	cr_expect_eq(b[5], 1);
	struct report none = {0};
	cr_expect_eq(report_score_bins(&none, 0, b), 0, "no answers: no scores, every bin empty");
	for (int i = 0; i < 10; i++)
		cr_expect_eq(b[i], 0);
}

Test(reports, percent_rounds_half_up_at_every_half)
{
	cr_expect_eq(percent(1, 200), 1);     /* 0.5 */
	cr_expect_eq(percent(1, 400), 0);     /* 0.25 */
	cr_expect_eq(percent(3, 8), 38);      /* 37.5 */
	cr_expect_eq(percent(5, 8), 63);      /* 62.5 */
	cr_expect_eq(percent(199, 200), 100); /* 99.5: rounds up to all */
	cr_expect_eq(percent(1, 1), 100, "one trainee, right");
	cr_expect_eq(percent(0, 1), 0, "one trainee, wrong");
	cr_expect_eq(percent(7, -3), -1, "no sensible denominator");
}

/* Each share is rounded alone, so a breakdown's shares sum to 100 give or take half a point per share:
 * three thirds show 99, two halves of an eighth 101. Never further: any split of up to 60 trainees into
 * three options sums to 99, 100 or 101. */
Test(reports, shares_of_a_breakdown_sum_within_rounding)
{
	cr_expect_eq(percent(1, 3) + percent(1, 3) + percent(1, 3), 99);
	cr_expect_eq(percent(1, 8) + percent(7, 8), 101);            /* 12.5 + 87.5 */
	cr_expect_eq(percent(1, 6) + percent(1, 6) + percent(4, 6), 101); /* 16.7 + 16.7 + 66.7 */
	cr_expect_eq(percent(1, 4) + percent(3, 4), 100);
	for (int n = 1; n <= 60; n++)
		for (int a = 0; a <= n; a++)
			for (int b = 0; a + b <= n; b++) {
				int sum = percent(a, n) + percent(b, n) + percent(n - a - b, n);
				cr_assert(sum >= 99 && sum <= 101, "%d, %d, %d of %d sum to %d", a, b, n - a - b, n, sum);
			}
}

Test(reports, medians_of_ties_and_of_all_the_same)
{
	double m;
	int same[] = {70, 70, 70, 70};
	cr_expect(median(same, 4, &m));
	cr_expect_float_eq(m, 70, 1e-9);
	int ties[] = {90, 50, 90, 50};
	cr_expect(median(ties, 4, &m));
	cr_expect_float_eq(m, 70, 1e-9, "the mean of the middle two, 50 and 90");
	int unsorted[] = {100, 0, 35, 35, 80};
	cr_expect(median(unsorted, 5, &m));
	cr_expect_float_eq(m, 35, 1e-9);
	int half[] = {0, 1};
	cr_expect(median(half, 2, &m));
	char s[32];
	fmt_figure(m, s);
	cr_expect_str_eq(s, "0.5");
}

Test(reports, figures_round_half_away_from_zero)
{
	char s[32];
	fmt_figure(12.5, s);
	cr_expect_str_eq(s, "12.5");
	fmt_figure(2.25, s);
	cr_expect_str_eq(s, "2.3");
	fmt_figure(-2.25, s);
	cr_expect_str_eq(s, "-2.3");
	fmt_figure(99.96, s);
	cr_expect_str_eq(s, "100");
	fmt_figure(-12.5, s);
	cr_expect_str_eq(s, "-12.5");
	fmt_index(0.125, s);
	cr_expect_str_eq(s, "0.13");
	fmt_index(-0.125, s);
	cr_expect_str_eq(s, "-0.13");
	fmt_index(1, s);
	cr_expect_str_eq(s, "1.00");
	fmt_index(-1, s);
	cr_expect_str_eq(s, "-1.00");
}

/* Three trainees, each missing something, and a fall: 60 to 45, 80 to 70, 55 to 40: the means are
 * 65 and 51.67, a change of -13.33 points. */
Test(reports, learning_gain_can_be_negative)
{
	struct cell c[] = {
		{.module = 0, .first_pre = 60, .first_quiz = 45},
		{.module = 0, .first_pre = 80, .first_quiz = 70},
		{.module = 0, .first_pre = 55, .first_quiz = 40},
		{.module = 0, .first_pre = -1, .first_quiz = -1},   /* took neither */
	};
	struct gain g;
	learning_gain(c, 4, 0, &g);
	cr_expect_eq(g.n, 3);
	cr_expect_float_eq(g.pre, 65, 1e-9);
	cr_expect_float_eq(g.post, 155 / 3.0, 1e-9);
	cr_expect_float_eq(g.gain, -40 / 3.0, 1e-9);
	char s[32];
	fmt_figure(g.gain, s);
	cr_expect_str_eq(s, "-13.3");
	fmt_figure(g.post, s);
	cr_expect_str_eq(s, "51.7");
}

Test(reports, learning_gain_without_a_pair)
{
	/* Some took the pre-check and others the quiz, but nobody both: no gain at all, not a gain of 0. */
	struct cell c[] = {
		{.module = 0, .first_pre = 40, .first_quiz = -1},
		{.module = 0, .first_pre = -1, .first_quiz = 90},
	};
	struct gain g;
	learning_gain(c, 2, 0, &g);
	cr_expect_eq(g.n, 0);
	cr_expect(isnan(g.pre) && isnan(g.post) && isnan(g.gain));
	char s[32];
	fmt_figure(g.gain, s);
	cr_expect_str_eq(s, "");
	/* Everyone the same, before and after: a gain of exactly 0. */
	struct cell same[] = {
		{.module = 0, .first_pre = 70, .first_quiz = 70},
		{.module = 0, .first_pre = 70, .first_quiz = 70},
	};
	learning_gain(same, 2, 0, &g);
	cr_expect_eq(g.n, 2);
	cr_expect_float_eq(g.gain, 0, 1e-9);
	fmt_figure(g.gain, s);
	cr_expect_str_eq(s, "0");
}

/* Four trainees; Q0 is right only for the two who get everything else wrong (t2, t3), the other two
 * questions only for t0 and t1. Q0: items 0,0,1,1 against rests 2,2,0,0: r = -1, and the words say to
 * check the key. Q1: items 1,1,0,0, rests 1,1,1,1: no spread in the rest, so no index. */
Test(reports, discrimination_negative_and_undefined)
{
	struct item_answer a[] = {
		{0, 0, 1u << 1, false}, {0, 1, 1u << 0, true}, {0, 2, 1u << 0, true},
		{1, 0, 1u << 1, false}, {1, 1, 1u << 0, true}, {1, 2, 1u << 0, true},
		{2, 0, 1u << 0, true},  {2, 1, 1u << 1, false}, {2, 2, 1u << 2, false},
		{3, 0, 1u << 0, true},  {3, 1, 1u << 2, false}, {3, 2, 1u << 1, false},
	};
	unsigned mask[] = {1u << 0, 1u << 0, 1u << 0};
	int nopts[] = {3, 3, 3}, totals[4];
	struct item_stats s[3];
	item_analysis(a, 12, 4, 3, mask, nopts, totals, s);
	cr_expect_float_eq(s[0].facility, 0.5, 1e-9);
	cr_expect_float_eq(s[0].discrimination, -1, 1e-9);
	cr_expect_str_eq(discrimination_words(s[0].discrimination),
	                 "weaker trainees did better than stronger ones: check the question and its answer key");
	cr_expect(isnan(s[1].discrimination));
	cr_expect_str_eq(discrimination_words(s[1].discrimination), "cannot tell yet");
	cr_expect_eq(s[1].common_wrong, 1, "B and C once each: the tie goes to the first");
	cr_expect_eq(s[2].common_wrong, 1, "C then B: still the first by position");
}

Test(reports, index_words_at_their_edges)
{
	cr_expect_str_eq(facility_words(0.9), "very easy: almost everyone got it right");
	cr_expect_str_eq(facility_words(0.89), "easy: most got it right");
	cr_expect_str_eq(facility_words(0.7), "easy: most got it right");
	cr_expect_str_eq(facility_words(0.3), "medium: many got it wrong");
	cr_expect_str_eq(facility_words(0.29), "hard: most got it wrong");
	cr_expect_str_eq(facility_words(NAN), "no answers yet");
	cr_expect_str_eq(discrimination_words(0.3), "separates well: trainees who did well overall got it right more often");
	cr_expect_str_eq(discrimination_words(0.1), "separates a little");
	cr_expect_str_eq(discrimination_words(0.09), "does not separate stronger from weaker trainees");
	cr_expect_str_eq(discrimination_words(-0.09), "does not separate stronger from weaker trainees");
	cr_expect_str_eq(discrimination_words(-0.1),
	                 "weaker trainees did better than stronger ones: check the question and its answer key");
}

static struct stored_question question(long long id, int nopts, unsigned correct)
{
	struct stored_question q = {.id = id, .q = {.nopts = nopts}};
	for (int o = 0; o < nopts; o++)
		q.q.opts[o].correct = correct & (1u << o);
	return q;
}

/* Rows as the store returns them: trainees 30, 10 and 20 (numbered 0, 1, 2 in id order: 10, 20, 30), a
 * one-answer question 11 (A right) and a two-answer question 12 (B and C both needed), and a row about a
 * question not in the set, left out.
 *            Q11        Q12           total
 *   10 (0)   B wrong    B wrong         0
 *   20 (1)   A right    C wrong         1
 *   30 (2)   A right    B+C right       2
 * Q11: items 0,1,1 against rests 0,0,1: r = 1 / sqrt(2 * 2) = 0.5; facility 2 of 3 (67%); B the common
 * wrong answer. Q12: items 0,0,1, rests 0,1,1: r = 0.5; facility 1 of 3 (33%); B and C chosen twice each,
 * both part of the key, and A by nobody: no common wrong answer. */
Test(reports, item_report_from_store_rows)
{
	struct stored_question qs[] = {question(11, 3, 1u << 0), question(12, 3, 1u << 1 | 1u << 2)};
	struct item_row rows[] = {
		{30, 11, 1u << 0, true}, {30, 12, 1u << 1 | 1u << 2, true}, {10, 11, 1u << 1, false},
		{10, 12, 1u << 1, false}, {10, 99, 1u << 0, true},           {20, 11, 1u << 0, true},
		{20, 12, 1u << 2, false},
	};
	struct arena a;
	arena_init(&a, 1 << 20);
	struct item_report ir;
	cr_assert(item_report_build(&ir, qs, 2, rows, 7, &a));
	cr_expect_eq(ir.ntrainees, 3);
	cr_expect_eq(ir.nq, 2);
	cr_expect_eq(ir.st[0].n, 3);
	cr_expect_eq(ir.st[0].ncorrect, 2);
	cr_expect_eq(percent(ir.st[0].ncorrect, ir.st[0].n), 67);
	cr_expect_float_eq(ir.st[0].discrimination, 0.5, 1e-9);
	cr_expect_eq(ir.st[0].common_wrong, 1);
	cr_expect_eq(percent(ir.st[0].chose[ir.st[0].common_wrong], ir.st[0].n), 33);
	cr_expect_eq(ir.st[1].ncorrect, 1);
	cr_expect_eq(percent(ir.st[1].ncorrect, ir.st[1].n), 33);
	cr_expect_float_eq(ir.st[1].discrimination, 0.5, 1e-9);
	cr_expect_eq(ir.st[1].chose[0], 0);
	cr_expect_eq(ir.st[1].chose[1], 2);
	cr_expect_eq(ir.st[1].chose[2], 2);
	cr_expect_eq(ir.st[1].common_wrong, -1, "B and C are both in the key");
	cr_assert(item_report_build(&ir, qs, 2, NULL, 0, &a), "no answers yet");
	cr_expect_eq(ir.ntrainees, 0);
	cr_expect_eq(ir.st[0].n, 0);
	cr_expect(isnan(ir.st[0].facility));
	arena_free(&a);
}

/* What the privacy rule lets a question show, in a cohort of 10 (and of 9). */
Test(reports, item_figures_shown_by_the_rule)
{
	struct stored_question qs[] = {question(1, 3, 1u)};
	struct item_stats st[1] = {{.n = 5, .ncorrect = 5, .chose = {5, 0, 0}}};
	struct item_report ir = {.qs = qs, .nq = 1, .st = st, .ntrainees = 5};
	struct item_shown v;
	item_shown(true, 10, &ir, 0, &v);
	cr_expect(v.answered && v.facility && v.options && !v.hidden, "5 of 10, all right, all chose A");
	st[0] = (struct item_stats){.n = 5, .ncorrect = 4, .chose = {4, 1, 0}};
	item_shown(true, 10, &ir, 0, &v);
	cr_expect(v.answered && !v.facility && !v.options && v.hidden, "one wrong answer would single someone out");
	item_shown(false, 10, &ir, 0, &v);
	cr_expect(v.answered && v.facility && v.options && !v.hidden, "outside aggregate only, everything shows");
	st[0] = (struct item_stats){.n = 5, .ncorrect = 5, .chose = {5, 0, 0}};
	item_shown(true, 9, &ir, 0, &v);
	cr_expect(!v.answered && !v.facility && !v.options && v.hidden, "5 of 9: the 4 who did not answer");
	st[0] = (struct item_stats){.n = 10, .ncorrect = 5, .chose = {5, 5, 0}};
	item_shown(true, 10, &ir, 0, &v);
	cr_expect(v.answered && v.facility && v.options && !v.hidden, "halves of ten");
	st[0] = (struct item_stats){0};
	item_shown(true, 10, &ir, 0, &v);
	cr_expect(!v.answered && !v.hidden, "nobody answered: nothing to hide");
}

/* A module with one lesson and no case: complete when the lesson is read and the quiz passed. */
static const struct module_info one_lesson = {.id = 7, .nlessons = 1, .scenario_start = ""};

static struct cell done_cell(long long user, long long module, int best, long long at)
{
	return (struct cell){.user_id = user, .module_id = module, .lessons_read = 1, .passed = true, .best = best,
	                     .first_pre = -1, .first_quiz = -1, .passed_at = at, .lessons_at = at - 10, .last_at = at};
}

static struct cell started_cell(long long user, long long module, int best, long long at)
{
	return (struct cell){.user_id = user, .module_id = module, .quiz_attempts = best >= 0, .best = best,
	                     .first_pre = -1, .first_quiz = -1, .last_at = at};
}

/* Trainees by name: Ada (id 30), Ben (10), Cy (20), Dee (40). Modules: 7 assigned, 8 not, 9 assigned.
 * Cells: Ben and Ada completed 7, Cy started 7 and completed 9, a cell of 8 (not assigned), and one of
 * trainee 99, who left between the reads. */
struct fixture {
	struct cohort_module mods[3];
	struct trainee_row trainees[4];
	struct cell cells[6];
	struct report rp;
	struct arena a;
};

static void fixture(struct fixture *f, long long module)
{
	*f = (struct fixture){
		.mods = {{.m = one_lesson, .assigned = true, .due_on = ""},
		         {.m = {.id = 8, .nlessons = 1, .scenario_start = ""}, .assigned = false, .due_on = ""},
		         {.m = {.id = 9, .nlessons = 1, .scenario_start = ""}, .assigned = true, .due_on = "2026-01-01",
		          .past_due = true}},
		.trainees = {{30, "Ada", 1000, false}, {10, "Ben", 2000, false}, {20, "Cy", 3000, false},
		             {40, "Dee", 4000, false}},
		.cells = {done_cell(10, 7, 80, 5000), done_cell(30, 7, 90, 6000), started_cell(20, 7, 40, 7000),
		          done_cell(20, 9, 100, 8000), started_cell(10, 8, 50, 9000), done_cell(99, 7, 70, 9500)},
	};
	f->rp.trainees = f->trainees;
	f->rp.ntrainees = 4;
	f->rp.cells = f->cells;
	f->rp.ncells = 6;
	arena_init(&f->a, 1 << 20);
	report_keep_assigned(&f->rp, f->mods, 3, module);
}

Test(reports, report_grid_files_cells_under_trainee_and_module)
{
	struct fixture f;
	fixture(&f, 0);
	cr_assert_eq(f.rp.nmods, 2, "modules 7 and 9, not 8");
	cr_expect_eq(f.rp.mods[0].m.id, 7);
	cr_expect_eq(f.rp.mods[1].m.id, 9);
	cr_assert(report_index(&f.rp, &f.a));
	cr_expect_eq(report_cell(&f.rp, 1, 0), &f.cells[0], "Ben (second by name) in 7");
	cr_expect_eq(report_cell(&f.rp, 0, 0), &f.cells[1], "Ada in 7");
	cr_expect_eq(report_cell(&f.rp, 2, 0), &f.cells[2], "Cy in 7");
	cr_expect_eq(report_cell(&f.rp, 2, 1), &f.cells[3], "Cy in 9");
	cr_expect_null(report_cell(&f.rp, 3, 0), "Dee has not started");
	cr_expect_null(report_cell(&f.rp, 1, 1));
	cr_expect_eq(f.cells[4].user, -1, "module 8 is not assigned");
	cr_expect_eq(f.cells[4].module, -1);
	cr_expect_eq(f.cells[5].user, -1, "trainee 99 is not on the roster");
	cr_expect_eq(f.cells[5].module, 0);
	arena_free(&f.a);
}

Test(reports, report_of_one_module)
{
	struct fixture f;
	fixture(&f, 9);
	cr_assert_eq(f.rp.nmods, 1);
	cr_expect_eq(f.rp.mods[0].m.id, 9);
	arena_free(&f.a);
	fixture(&f, 8);
	cr_expect_eq(f.rp.nmods, 0, "8 is not assigned: the page answers 404");
	arena_free(&f.a);
}

Test(reports, last_activity_and_modules_completed)
{
	struct fixture f;
	fixture(&f, 0);
	cr_assert(report_index(&f.rp, &f.a));
	cr_expect_eq(report_last_active(&f.rp, 0), 6000, "Ada");
	cr_expect_eq(report_last_active(&f.rp, 1), 5000, "Ben: his cell of module 8 is not counted");
	cr_expect_eq(report_last_active(&f.rp, 2), 8000, "Cy: the later of her two");
	cr_expect_eq(report_last_active(&f.rp, 3), 4000, "Dee: when she joined");
	cr_expect_eq(report_inactive(&f.rp, 6000), 2, "Ben and Dee before 6000");
	cr_expect_eq(report_inactive(&f.rp, 4000), 0, "nobody before 4000");
	cr_expect_eq(report_inactive(&f.rp, 8001), 4);
	cr_expect_eq(report_completed(&f.rp, 0), 1);
	cr_expect_eq(report_completed(&f.rp, 2), 1, "Cy: 9, not 7");
	cr_expect_eq(report_completed(&f.rp, 3), 0);
	arena_free(&f.a);
}

Test(reports, module_figures)
{
	struct fixture f;
	fixture(&f, 0);
	cr_assert(report_index(&f.rp, &f.a));
	struct module_figures m;
	report_module_figures(&f.rp, 0, &f.a, &m);
	cr_expect_eq(m.started, 3);
	cr_expect_eq(m.completed, 2);
	cr_expect_eq(m.overdue, 0, "no due date");
	cr_expect_eq(m.nscores, 3);
	cr_expect_float_eq(m.median, 80, 1e-9, "of 40, 80 and 90");
	cr_expect_eq(m.rate, 50, "2 of 4");
	report_module_figures(&f.rp, 1, &f.a, &m);
	cr_expect_eq(m.started, 1);
	cr_expect_eq(m.completed, 1);
	cr_expect_eq(m.overdue, 3, "past due: everyone but Cy, started or not");
	cr_expect_eq(m.nscores, 1);
	cr_expect_float_eq(m.median, 100, 1e-9);
	cr_expect_eq(m.rate, 25);
	arena_free(&f.a);
}

Test(reports, module_figures_of_nobody_and_of_one)
{
	struct arena a;
	arena_init(&a, 1 << 20);
	struct cohort_module mods[] = {{.m = one_lesson, .assigned = true, .due_on = ""}};
	struct report rp = {0};
	report_keep_assigned(&rp, mods, 1, 0);
	cr_assert(report_index(&rp, &a));
	struct module_figures m;
	report_module_figures(&rp, 0, &a, &m);
	cr_expect_eq(m.started + m.completed + m.overdue + m.nscores, 0);
	cr_expect(isnan(m.median));
	cr_expect_eq(m.rate, -1, "nobody in the cohort: no rate, not 0%%");
	struct trainee_row one[] = {{5, "Solo", 100, false}};
	struct cell c[] = {started_cell(5, 7, 65, 200)};
	rp = (struct report){.trainees = one, .ntrainees = 1, .cells = c, .ncells = 1};
	report_keep_assigned(&rp, mods, 1, 0);
	cr_assert(report_index(&rp, &a));
	report_module_figures(&rp, 0, &a, &m);
	cr_expect_eq(m.started, 1);
	cr_expect_eq(m.completed, 0);
	cr_expect_eq(m.rate, 0);
	cr_expect_float_eq(m.median, 65, 1e-9);
	arena_free(&a);
}

/* 2024-01-01 was a Monday. */
#define MONDAY 1704067200LL
#define DAY 86400LL

Test(reports, weeks_start_on_monday_utc)
{
	cr_expect_eq(week_start(MONDAY), MONDAY);
	cr_expect_eq(week_start(MONDAY + 3 * DAY + 5), MONDAY, "Thursday");
	cr_expect_eq(week_start(MONDAY + 7 * DAY - 1), MONDAY, "the last second of Sunday");
	cr_expect_eq(week_start(MONDAY + 7 * DAY), MONDAY + 7 * DAY);
	cr_expect_eq(week_start(MONDAY - 1), MONDAY - 7 * DAY, "Sunday belongs to the week before");
	cr_expect_eq(week_start(4 * DAY), 4 * DAY, "1970-01-05");
}

/* Completions against a Monday: at it or later, this week (0); a second before, and a whole week before,
 * the week before (1); a second earlier still, two weeks (2); eleven weeks before, the last bar; twelve,
 * "earlier". Completions of someone not on the roster or of another module do not count. */
Test(reports, completions_by_week_edges)
{
	long long at[] = {MONDAY + 2 * DAY, MONDAY, MONDAY - 1, MONDAY - 7 * DAY, MONDAY - 7 * DAY - 1,
	                  MONDAY - 11 * 7 * DAY, MONDAY - 12 * 7 * DAY, MONDAY - 400 * DAY};
	struct cell c[10];
	for (int i = 0; i < 8; i++) {
		c[i] = done_cell(1, 7, 90, at[i]);
		c[i].user = c[i].module = 0;
	}
	c[8] = done_cell(2, 7, 90, MONDAY);
	c[8].user = -1, c[8].module = 0;
	c[9] = started_cell(1, 7, 50, MONDAY);
	c[9].user = c[9].module = 0;
	struct cohort_module mods[] = {{.m = one_lesson, .assigned = true, .due_on = ""}};
	struct report rp = {.mods = mods, .nmods = 1, .cells = c, .ncells = 10};
	int counts[REPORT_WEEKS + 1];
	cr_expect_eq(report_completions_by_week(&rp, 0, MONDAY, counts), 8);
	int want[REPORT_WEEKS + 1] = {2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
	for (int w = 0; w <= REPORT_WEEKS; w++)
		cr_expect_eq(counts[w], want[w], "week %d: %d, not %d", w, counts[w], want[w]);
	rp.ncells = 0;
	cr_expect_eq(report_completions_by_week(&rp, 0, MONDAY, counts), 0);
	for (int w = 0; w <= REPORT_WEEKS; w++)
		cr_expect_eq(counts[w], 0);
}

Test(reports, dates)
{
	cr_expect(iso_date_valid("2026-12-31"));
	cr_expect(iso_date_valid("2028-02-29"));
	cr_expect_not(iso_date_valid("2026-02-29"));
	cr_expect_not(iso_date_valid("2100-02-29"));
	cr_expect(iso_date_valid("2000-02-29"));
	cr_expect_not(iso_date_valid("2026-13-01"));
	cr_expect_not(iso_date_valid("2026-1-01"));
	cr_expect_not(iso_date_valid("2026-01-011"));
	cr_expect_not(iso_date_valid(""));
	cr_expect_not(iso_date_valid("1999-01-01"));
}

static void expect_csv(const char *in, const char *want)
{
	struct buf b;
	buf_init(&b, 1024);
	csv_escape(&b, in);
	cr_expect_str_eq(b.p, want, "csv of [%s]", in);
	buf_free(&b);
}

Test(reports, csv_cells_are_quoted_and_formulas_neutralised)
{
	expect_csv("plain", "plain");
	expect_csv("Amina K.", "Amina K.");
	expect_csv("a,b", "\"a,b\"");
	expect_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_csv("two\nlines", "\"two\nlines\"");
	expect_csv("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
	expect_csv("+1", "\"'+1\"");
	expect_csv("-2+3", "\"'-2+3\"");
	expect_csv("@SUM(A1)", "\"'@SUM(A1)\"");
	expect_csv("\tx", "\"'\tx\"");
	expect_csv("", "");
}

/* The privacy rule of "aggregate only": a count is shown when it and the rest of its group are each
 * nobody or at least REPORT_MIN_GROUP people. */
struct shown_case {
	bool aggregate;
	long long count, of;
	bool shown;
};

static const struct shown_case shown_cases[] = {
	{false, 1, 1, true},  {false, 1, 5, true},  {false, 4, 5, true},  {false, 0, 0, true},
	{true, 0, 0, true},   {true, 0, 5, true},   {true, 5, 5, true},   {true, 5, 10, true},
	{true, 12, 20, true}, {true, 1, 5, false},  {true, 4, 5, false},  {true, 4, 4, false},
	{true, 1, 1, false},  {true, 5, 6, false},  {true, 6, 10, false}, {true, 4, 100, false},
	{true, 96, 100, false}, {true, 95, 100, true}, {true, 5, 9, false}, {true, 2, 0, false},
};

ParameterizedTestParameters(reports, count_shown_by_the_rule)
{
	return cr_make_param_array(struct shown_case, shown_cases, sizeof(shown_cases) / sizeof(shown_cases[0]));
}

ParameterizedTest(const struct shown_case *c, reports, count_shown_by_the_rule)
{
	cr_expect_eq(report_count_shown(c->aggregate, c->count, c->of), c->shown, "aggregate %d, %lld of %lld",
	             c->aggregate, c->count, c->of);
}

Test(reports, a_breakdown_is_shown_whole_or_not_at_all)
{
	int even[] = {5, 0, 5}, odd[] = {4, 0, 1}, one_odd[] = {10, 0, 1}, none[] = {0};
	cr_expect(report_counts_shown(true, even, 3, 10));
	cr_expect_not(report_counts_shown(true, odd, 3, 5));
	cr_expect_not(report_counts_shown(true, one_odd, 3, 11), "the odd one hides the whole breakdown");
	cr_expect(report_counts_shown(false, one_odd, 3, 11), "outside aggregate only, everything shows");
	cr_expect(report_counts_shown(true, none, 1, 0));
	cr_expect(report_counts_shown(true, none, 0, 7), "an empty breakdown hides nothing");
}
