/* reports.c: cohort figures: status, medians, learning gain, item analysis. */
#include "domain/reports.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static struct progress as_progress(const struct cell *c, const struct module_info *m)
{
	struct progress p = {.m = *m,
	                     .lessons_read = c->lessons_read,
	                     .quiz_attempts = c->quiz_attempts,
	                     .best_score = c->best,
	                     .quiz_passed = c->passed,
	                     .scenario_done = c->scenario_done,
	                     .certificate = ""};
	return p;
}

enum cell_status cell_status(const struct cell *c, const struct module_info *m)
{
	if (c == NULL)
		return CELL_NOT_STARTED;
	struct progress p = as_progress(c, m);
	return module_complete(&p) ? CELL_COMPLETED : CELL_IN_PROGRESS;
}

long long cell_completed_at(const struct cell *c, const struct module_info *m)
{
	if (cell_status(c, m) != CELL_COMPLETED)
		return 0;
	long long t = c->passed_at;
	if (m->nlessons > 0 && c->lessons_at > t)
		t = c->lessons_at;
	if (m->scenario_start != NULL && m->scenario_start[0] != '\0' && c->scenario_at > t)
		t = c->scenario_at;
	return t;
}

const char *cell_status_name(enum cell_status s)
{
	switch (s) {
	case CELL_COMPLETED: return "completed";
	case CELL_IN_PROGRESS: return "in progress";
	default: return "not started";
	}
}

bool report_count_shown(bool aggregate_only, long long count, long long of)
{
	if (!aggregate_only)
		return true;
	long long rest = of - count;
	return (count == 0 || count >= REPORT_MIN_GROUP) && (rest <= 0 || rest >= REPORT_MIN_GROUP);
}

bool report_counts_shown(bool aggregate_only, const int *counts, size_t n, long long of)
{
	for (size_t i = 0; i < n; i++)
		if (!report_count_shown(aggregate_only, counts[i], of))
			return false;
	return true;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

bool median(int *v, size_t n, double *out)
{
	if (n == 0)
		return false;
	qsort(v, n, sizeof(int), cmp_int);
	*out = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	return true;
}

int percent(long long num, long long den)
{
	if (den <= 0)
		return -1;
	return (int)((200 * num + den) / (2 * den));
}

void fmt_figure(double v, char out[32])
{
	if (isnan(v)) {
		out[0] = '\0';
		return;
	}
	double r = round(v * 10) / 10;
	if (r == floor(r))
		snprintf(out, 32, "%.0f", r);
	else
		snprintf(out, 32, "%.1f", r);
	if (out[0] == '-' && out[1] == '0' && out[2] == '\0')
		snprintf(out, 32, "0");
}

void fmt_index(double v, char out[32])
{
	if (isnan(v)) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 32, "%.2f", round(v * 100) / 100);
	if (out[0] == '-' && atof(out) == 0)   /* "-0.00" */
		snprintf(out, 32, "0.00");
}

void learning_gain(const struct cell *cells, size_t ncells, int module, struct gain *out)
{
	long long pre = 0, post = 0;
	out->n = 0;
	for (size_t i = 0; i < ncells; i++) {
		const struct cell *c = &cells[i];
		if (c->module != module || c->first_pre < 0 || c->first_quiz < 0)
			continue;
		out->n++;
		pre += c->first_pre;
		post += c->first_quiz;
	}
	if (out->n == 0) {
		out->pre = out->post = out->gain = NAN;
		return;
	}
	out->pre = (double)pre / out->n;
	out->post = (double)post / out->n;
	out->gain = (double)(post - pre) / out->n;
}

void item_analysis(const struct item_answer *a, size_t n, int nusers, int nquestions, const unsigned *correct_mask,
                   const int *nopts, int *totals, struct item_stats *out)
{
	for (int u = 0; u < nusers; u++)
		totals[u] = 0;
	for (size_t i = 0; i < n; i++)
		if (a[i].correct)
			totals[a[i].user]++;
	for (int q = 0; q < nquestions; q++) {
		struct item_stats *s = &out[q];
		*s = (struct item_stats){.common_wrong = -1};
		double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		for (size_t i = 0; i < n; i++) {
			if (a[i].question != q)
				continue;
			double x = a[i].correct ? 1 : 0;
			double y = totals[a[i].user] - x;   /* the rest of the attempt */
			s->n++;
			s->ncorrect += a[i].correct;
			sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
			for (int o = 0; o < nopts[q] && o < CONTENT_OPTIONS_MAX; o++)
				if (a[i].chosen & (1u << o))
					s->chose[o]++;
		}
		s->facility = s->n ? (double)s->ncorrect / s->n : NAN;
		double cov = s->n * sxy - sx * sy;
		double vx = s->n * sxx - sx * sx, vy = s->n * syy - sy * sy;
		s->discrimination = s->n >= 2 && vx > 0 && vy > 0 ? cov / sqrt(vx * vy) : NAN;
		for (int o = 0; o < nopts[q] && o < CONTENT_OPTIONS_MAX; o++)
			if (!(correct_mask[q] & (1u << o)) && s->chose[o] > 0 &&
			    (s->common_wrong < 0 || s->chose[o] > s->chose[s->common_wrong]))
				s->common_wrong = o;
	}
}

const char *facility_words(double f)
{
	if (isnan(f))
		return "no answers yet";
	if (f >= 0.9)
		return "very easy: almost everyone got it right";
	if (f >= 0.7)
		return "easy: most got it right";
	if (f >= 0.3)
		return "medium: many got it wrong";
	return "hard: most got it wrong";
}

const char *discrimination_words(double d)
{
	if (isnan(d))
		return "cannot tell yet";
	if (d >= 0.3)
		return "separates well: trainees who did well overall got it right more often";
	if (d >= 0.1)
		return "separates a little";
	if (d > -0.1)
		return "does not separate stronger from weaker trainees";
	return "weaker trainees did better than stronger ones: check the question and its answer key";
}

void score_histogram(const int *scores, size_t n, int bins[10])
{
	for (int i = 0; i < 10; i++)
		bins[i] = 0;
	for (size_t i = 0; i < n; i++) {
		int b = scores[i] / 10;
		if (scores[i] < 0)
			continue;
		bins[b > 9 ? 9 : b]++;
	}
}

bool iso_date_valid(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	if (s[10] != '\0')
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}
