/* test_reports.c: the facilitator's figures against cases worked out by hand: medians, percentages,
 * learning gain, facility and discrimination, the most common wrong option, completion, histograms,
 * dates; and CSV cells, including those a spreadsheet would run as formulas. */
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

Test(reports, histogram_bins)
{
	struct cell c[] = {{.best = 0}, {.best = 9}, {.best = 10}, {.best = 100}, {.best = 95}, {.best = 55}, {.best = -1}};
	struct report rp = {.cells = c, .ncells = 7};
	int b[10];
	cr_expect_eq(report_score_bins(&rp, 0, b), 6);
	cr_expect_eq(b[0], 2);
	cr_expect_eq(b[1], 1);
	cr_expect_eq(b[5], 1);
	cr_expect_eq(b[9], 2);
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
