/* cohort_common.c: opening a cohort, its navigation, the privacy rule and the report data. */
#include "pages/cohort.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>

#include "domain/account.h"
#include "store/accounts.h"

bool cohort_open(struct req *r, struct cohort *c)
{
	int rc = db_cohort_get(r->db, r->arena, r->arg[0].i, r->me->id, r->me->role == ROLE_ADMIN, c);
	if (rc < 0)
		http_error(r, 503, "database unavailable");
	else if (rc == 0)
		http_error(r, 404, "no such cohort among yours");
	return rc == 1;
}

bool cohort_open_staff(struct req *r, struct cohort *c)
{
	if (r->me == NULL || !role_is_staff(r->me->role)) {
		http_error(r, 404, NULL);
		return false;
	}
	return cohort_open(r, c);
}

bool cohort_trainee_open(struct req *r, const struct cohort *c, struct account *a)
{
	int rc = db_user_by_id(r->db, r->arg[1].i, a);
	if (rc < 0)
		http_error(r, 503, "database unavailable");
	else if (rc == 0 || a->role != ROLE_TRAINEE || a->cohort_id != c->id)
		http_error(r, 404, "no such trainee in this cohort");
	return rc == 1 && a->role == ROLE_TRAINEE && a->cohort_id == c->id;
}

void cohort_nav(struct req *r, const struct cohort *c, const char *here)
{
	static const struct {
		const char *label, *suffix;
	} items[] = {
		{"Overview", ""}, {"Trainees", "/roster"}, {"Settings", "/settings"}, {"Join sheet", "/sheet"},
	};
	html(r, "<p class=\"crumbs\"><a href=\"/cohorts\">Cohorts</a> › %s</p>\n"
	        "<nav aria-label=\"Cohort\" class=\"tabs\"><ul>\n", c->name);
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (strcmp(items[i].label, here) == 0)
			html(r, "<li><a href=\"/cohorts/%lld%s\" aria-current=\"page\">%s</a></li>\n", c->id, items[i].suffix,
			     items[i].label);
		else
			html(r, "<li><a href=\"/cohorts/%lld%s\">%s</a></li>\n", c->id, items[i].suffix, items[i].label);
	}
	html(r, "</ul></nav>\n");
	if (c->archived)
		html(r, "<p class=\"notice\">This cohort is archived: nobody can join it.</p>\n");
}

bool cohort_shown(const struct cohort *c, long long count, long long of)
{
	return report_count_shown(c->aggregate_only, count, of);
}

bool cohort_counts_shown(const struct cohort *c, const int *counts, size_t n, long long of)
{
	return report_counts_shown(c->aggregate_only, counts, n, of);
}

bool cohort_refuse_rows(struct req *r, const struct cohort *c)
{
	if (!c->aggregate_only)
		return false;
	http_error(r, 403, "this cohort is marked aggregate only: it shows no individual trainees");
	return true;
}

int id_index_cmp(const void *a, const void *b)
{
	long long x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
	return (x > y) - (x < y);
}

void report_pager(struct req *r, const char *base, const char *anchor, int page, int pages)
{
	if (pages <= 1)
		return;
	html(r, "<nav aria-label=\"Pages of trainees\" class=\"pager\">");
	if (page > 1)
		html(r, "<a href=\"%s?page=%d%s\">Previous page</a>", base, page - 1, anchor);
	html(r, "<span>Page %d of %d</span>", page, pages);
	if (page < pages)
		html(r, "<a href=\"%s?page=%d%s\">Next page</a>", base, page + 1, anchor);
	html(r, "</nav>\n");
}

bool report_load(struct req *r, struct db *db, const struct cohort *c, long long module, struct report *out)
{
	memset(out, 0, sizeof(*out));
	struct cohort_module *all;
	int nall;
	if (db_cohort_modules(db, r->arena, c->id, &all, &nall) < 0 ||
	    db_roster(db, r->arena, c->id, &out->trainees, &out->ntrainees) < 0 ||
	    db_cohort_cells(db, r->arena, c->id, module > 0 ? module : 0, &out->cells, &out->ncells) < 0) {
		http_error(r, 503, "database unavailable");
		return false;
	}
	out->mods = all;
	for (int i = 0; i < nall; i++)
		if (all[i].assigned && (module <= 0 || all[i].m.id == module))
			out->mods[out->nmods++] = all[i];
	if (module > 0 && out->nmods == 0) {
		http_error(r, 404, "this module is not assigned to the cohort");
		return false;
	}
	struct id_index *ix = arena_alloc(r->arena, sizeof(*ix) * (size_t)(out->ntrainees + 1));
	out->grid = arena_alloc(r->arena, sizeof(*out->grid) * (size_t)(out->ntrainees * out->nmods + 1));
	if (ix == NULL || out->grid == NULL) {
		http_error(r, 500, "out of memory");
		return false;
	}
	memset(out->grid, 0, sizeof(*out->grid) * (size_t)(out->ntrainees * out->nmods + 1));
	for (int i = 0; i < out->ntrainees; i++)
		ix[i] = (struct id_index){out->trainees[i].id, i};
	qsort(ix, (size_t)out->ntrainees, sizeof(*ix), id_index_cmp);
	for (int i = 0; i < out->ncells; i++) {
		struct cell *x = &out->cells[i];
		struct id_index key = {x->user_id, 0};
		struct id_index *f = bsearch(&key, ix, (size_t)out->ntrainees, sizeof(*ix), id_index_cmp);
		for (int m = 0; m < out->nmods; m++)
			if (out->mods[m].m.id == x->module_id)
				x->module = m;
		if (f == NULL || x->module < 0)
			continue;   /* joined or left between the two reads */
		x->user = f->index;
		out->grid[(size_t)x->user * (size_t)out->nmods + (size_t)x->module] = x;
	}
	return true;
}

const char *report_date(struct req *r, long long epoch)
{
	if (epoch <= 0)
		return "";
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(r->arena, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The last time anything happened in the trainee's record, or when they joined. */
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

void report_module_figures(struct req *r, const struct report *rp, int m, struct module_figures *f)
{
	memset(f, 0, sizeof(*f));
	int *scores = arena_alloc(r->arena, sizeof(int) * (size_t)(rp->ntrainees + 1));
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

void report_cell_html(struct req *r, const struct report *rp, int trainee, int m)
{
	const struct cell *x = report_cell(rp, trainee, m);
	const struct cohort_module *cm = &rp->mods[m];
	enum cell_status st = cell_status(x, &cm->m);
	const char *late = cm->past_due && st != CELL_COMPLETED ? " !" : "";
	if (st == CELL_COMPLETED)
		html(r, "<td class=\"c-done\">✓ %d%s</td>", x->best, late);
	else if (st == CELL_IN_PROGRESS && x->best >= 0)
		html(r, "<td class=\"c-part\">◐ %d%s</td>", x->best, late);
	else if (st == CELL_IN_PROGRESS)
		html(r, "<td class=\"c-part\">◐%s</td>", late);
	else
		html(r, "<td class=\"c-none\">–%s</td>", late);
}

const char *join_code_display(struct req *r, const struct cohort *c)
{
	return c->join_code[0] ? arena_printf(r->arena, "%.4s-%.4s", c->join_code, c->join_code + 4) : "";
}

const struct cohort_module *cohort_module_named(struct req *r, const struct cohort *c)
{
	struct cohort_module *mods;
	int n;
	if (db_cohort_modules(r->db, r->arena, c->id, &mods, &n) < 0) {
		http_error(r, 503, "database unavailable");
		return NULL;
	}
	for (int i = 0; i < n; i++)
		if (mods[i].assigned && strcmp(mods[i].m.slug, r->arg[1].s) == 0)
			return &mods[i];
	http_error(r, 404, "this module is not assigned to the cohort");
	return NULL;
}
