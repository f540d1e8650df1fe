/* reports.c: cohort figures: status, the report grid, module figures, medians, histograms, completions
 * by week, learning gain, item analysis. */
#include "domain/reports.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Database ids sorted with their position, to find a row's trainee by binary search. */
struct id_index {
	long long id;
	int index;
};

static int id_index_cmp(const void *a, const void *b)
{
	long long x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
	return (x > y) - (x < y);
}

void report_keep_assigned(struct report *rp, struct cohort_module *all, int nall, long long module)
{
	rp->mods = all;
	rp->nmods = 0;
	for (int i = 0; i < nall; i++)
		if (all[i].assigned && (module <= 0 || all[i].m.id == module))
			rp->mods[rp->nmods++] = all[i];
}

static int module_index(const struct report *rp, long long module_id)
{
	int found = -1;
	for (int m = 0; m < rp->nmods; m++)
		if (rp->mods[m].m.id == module_id)
			found = m;
	return found;
}

bool report_index(struct report *rp, struct arena *a)
{
	size_t cells = (size_t)rp->ntrainees * (size_t)rp->nmods + 1;
	struct id_index *ix = arena_alloc(a, sizeof(*ix) * (size_t)(rp->ntrainees + 1));
	rp->grid = arena_alloc(a, sizeof(*rp->grid) * cells);
	if (ix == NULL || rp->grid == NULL)
		return false;
	memset(rp->grid, 0, sizeof(*rp->grid) * cells);
	for (int i = 0; i < rp->ntrainees; i++)
		ix[i] = (struct id_index){rp->trainees[i].id, i};
	qsort(ix, (size_t)rp->ntrainees, sizeof(*ix), id_index_cmp);
	for (int i = 0; i < rp->ncells; i++) {
		struct cell *x = &rp->cells[i];
		struct id_index key = {x->user_id, 0};
		struct id_index *f = bsearch(&key, ix, (size_t)rp->ntrainees, sizeof(*ix), id_index_cmp);
		x->user = -1;
		x->module = module_index(rp, x->module_id);
		if (f == NULL || x->module < 0)
			continue;   /* joined or left between the reads */
		x->user = f->index;
		rp->grid[(size_t)x->user * (size_t)rp->nmods + (size_t)x->module] = x;
	}
	return true;
}

long long report_last_active(const struct report *rp, int trainee)
{
	long long t = rp->trainees[trainee].joined;
	for (int m = 0; m < rp->nmods; m++) {
		const struct cell *x = report_cell(rp, trainee, m);
		if (x && x->last_at > t)
			t = x->last_at;
	}
	return t;
}

int report_inactive(const struct report *rp, long long cutoff)
{
	int n = 0;
	for (int t = 0; t < rp->ntrainees; t++)
		n += report_last_active(rp, t) < cutoff;
	return n;
}

int report_completed(const struct report *rp, int trainee)
{
	int done = 0;
	for (int m = 0; m < rp->nmods; m++)
		done += cell_status(report_cell(rp, trainee, m), &rp->mods[m].m) == CELL_COMPLETED;
	return done;
}

void report_module_figures(const struct report *rp, int m, struct arena *a, struct module_figures *f)
{
	memset(f, 0, sizeof(*f));
	int *scores = arena_alloc(a, sizeof(int) * (size_t)(rp->ntrainees + 1));
	const struct cohort_module *cm = &rp->mods[m];
	for (int t = 0; t < rp->ntrainees; t++) {
		const struct cell *x = report_cell(rp, t, m);
		enum cell_status st = cell_status(x, &cm->m);
		f->started += st != CELL_NOT_STARTED;
		f->completed += st == CELL_COMPLETED;
		f->overdue += cm->past_due && st != CELL_COMPLETED;
		if (x && x->best >= 0 && scores)
			scores[f->nscores++] = x->best;
	}
	if (!median(scores, (size_t)f->nscores, &f->median))
		f->median = NAN;
	f->rate = percent(f->completed, rp->ntrainees);
}

/* The bin of a whole-percent score: tens, with 100 (and anything above) in the top bin; -1 for none. */
static int score_bin(int score)
{
	if (score < 0)
		return -1;
	return score / 10 > 9 ? 9 : score / 10;
}

int report_score_bins(const struct report *rp, int m, int bins[10])
{
	int n = 0;
	for (int i = 0; i < 10; i++)
		bins[i] = 0;
	for (int i = 0; i < rp->ncells; i++) {
		const struct cell *x = &rp->cells[i];
		if (x->user < 0 || x->module != m || x->best < 0)
			continue;
		bins[score_bin(x->best)]++;
		n++;
	}
	return n;
}

#define DAY 86400LL
#define WEEK (7 * DAY)

long long week_start(long long now)
{
	long long day = now / DAY;
	return (day - ((day + 3) % 7)) * DAY;   /* 1970-01-01 was a Thursday */
}

int report_completions_by_week(const struct report *rp, int m, long long this_monday, int counts[REPORT_WEEKS + 1])
{
	int total = 0;
	for (int w = 0; w <= REPORT_WEEKS; w++)
		counts[w] = 0;
	for (int i = 0; i < rp->ncells; i++) {
		const struct cell *x = &rp->cells[i];
		long long t = x->user < 0 || x->module != m ? 0 : cell_completed_at(x, &rp->mods[m].m);
		if (t <= 0)
			continue;
		/* A completion one second before this Monday is in the week before: round the distance up. */
		long long w = t >= this_monday ? 0 : (this_monday - t + WEEK - 1) / WEEK;
		counts[w >= REPORT_WEEKS ? REPORT_WEEKS : w]++;
		total++;
	}
	return total;
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

bool item_report_build(struct item_report *out, const struct stored_question *qs, int nq, const struct item_row *rows,
                       int nrows, struct arena *a)
{
	*out = (struct item_report){.qs = qs, .nq = nq};
	struct item_answer *ans = arena_alloc(a, sizeof(*ans) * (size_t)(nrows + 1));
	struct id_index *users = arena_alloc(a, sizeof(*users) * (size_t)(nrows + 1));
	unsigned *mask = arena_alloc(a, sizeof(unsigned) * (size_t)(nq + 1));
	int *nopts = arena_alloc(a, sizeof(int) * (size_t)(nq + 1));
	out->st = arena_alloc(a, sizeof(*out->st) * (size_t)(nq + 1));
	if (!ans || !users || !mask || !nopts || !out->st)
		return false;
	for (int q = 0; q < nq; q++) {
		mask[q] = 0;
		nopts[q] = qs[q].q.nopts;
		for (int o = 0; o < qs[q].q.nopts; o++)
			if (qs[q].q.opts[o].correct)
				mask[q] |= 1u << o;
	}
	/* Number the trainees 0..n-1 in id order. */
	for (int i = 0; i < nrows; i++)
		users[i] = (struct id_index){rows[i].user_id, 0};
	qsort(users, (size_t)nrows, sizeof(*users), id_index_cmp);
	int nu = 0;
	for (int i = 0; i < nrows; i++)
		if (nu == 0 || users[nu - 1].id != users[i].id) {
			users[nu] = users[i];
			users[nu].index = nu;
			nu++;
		}
	int n = 0;
	for (int i = 0; i < nrows; i++) {
		int q = -1;
		for (int k = 0; k < nq; k++)
			if (qs[k].id == rows[i].question_id)
				q = k;
		struct id_index key = {rows[i].user_id, 0};
		struct id_index *u = bsearch(&key, users, (size_t)nu, sizeof(*users), id_index_cmp);
		if (q < 0 || u == NULL)
			continue;
		ans[n++] = (struct item_answer){u->index, q, rows[i].chosen, rows[i].correct};
	}
	int *totals = arena_alloc(a, sizeof(int) * (size_t)(nu + 1));
	if (totals == NULL)
		return false;
	item_analysis(ans, (size_t)n, nu, nq, mask, nopts, totals, out->st);
	out->ntrainees = nu;
	return true;
}

void item_shown(bool aggregate_only, long long cohort_size, const struct item_report *ir, int q, struct item_shown *out)
{
	const struct item_stats *s = &ir->st[q];
	int nopts = ir->qs[q].q.nopts < CONTENT_OPTIONS_MAX ? ir->qs[q].q.nopts : CONTENT_OPTIONS_MAX;
	out->answered = s->n > 0 && report_count_shown(aggregate_only, s->n, cohort_size);
	out->facility = out->answered && report_count_shown(aggregate_only, s->ncorrect, s->n);
	out->options = out->answered && report_counts_shown(aggregate_only, s->chose, (size_t)nopts, s->n);
	out->hidden = s->n > 0 && !(out->answered && out->facility && out->options);
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
