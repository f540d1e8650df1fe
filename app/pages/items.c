/* items.c: the item analysis both the module report and its CSV export show. */
#include <stdlib.h>
#include <string.h>

#include "pages/cohort.h"
#include "store/training.h"

bool item_report_load(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                      struct item_report *out)
{
	memset(out, 0, sizeof(*out));
	struct stored_question *qs;
	struct item_row *rows;
	int nq, nrows;
	struct db *db = req_reports_db(r);
	if (db_questions(db, r->arena, cm->m.revision_id, set, &qs, &nq) < 0 ||
	    db_item_answers(db, r->arena, c->id, cm->m.id, cm->m.revision_id, set, &rows, &nrows) < 0) {
		http_error(r, 503, "database unavailable");
		return false;
	}
	out->qs = qs;
	out->nq = nq;
	struct item_answer *ans = arena_alloc(r->arena, sizeof(*ans) * (size_t)(nrows + 1));
	struct id_index *users = arena_alloc(r->arena, sizeof(*users) * (size_t)(nrows + 1));
	unsigned *mask = arena_alloc(r->arena, sizeof(unsigned) * (size_t)(nq + 1));
	int *nopts = arena_alloc(r->arena, sizeof(int) * (size_t)(nq + 1));
	out->st = arena_alloc(r->arena, sizeof(*out->st) * (size_t)(nq + 1));
	if (!ans || !users || !mask || !nopts || !out->st) {
		http_error(r, 500, "out of memory");
		return false;
	}
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
	int *totals = arena_alloc(r->arena, sizeof(int) * (size_t)(nu + 1));
	if (totals == NULL) {
		http_error(r, 500, "out of memory");
		return false;
	}
	item_analysis(ans, (size_t)n, nu, nq, mask, nopts, totals, out->st);
	out->ntrainees = nu;
	return true;
}

void item_shown(const struct cohort *c, const struct item_report *ir, int q, struct item_shown *out)
{
	const struct item_stats *s = &ir->st[q];
	int nopts = ir->qs[q].q.nopts < CONTENT_OPTIONS_MAX ? ir->qs[q].q.nopts : CONTENT_OPTIONS_MAX;
	out->answered = s->n > 0 && cohort_shown(c, s->n, c->trainees);
	out->facility = out->answered && cohort_shown(c, s->ncorrect, s->n);
	out->options = out->answered && cohort_counts_shown(c, s->chose, (size_t)nopts, s->n);
	out->hidden = s->n > 0 && !(out->answered && out->facility && out->options);
}
