/* cohorts.c (store): cohort management and report rows. */
#include "store/cohorts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/accounts.h"
#include "store/internal.h"

static void read_cohort(struct arena *a, const PGresult *r, int i, struct cohort *c)
{
	c->id = db_lnum(r, i, 0);
	c->name = db_dup(a, r, i, 1);
	c->join_code = db_dup(a, r, i, 2);
	c->join_enabled = db_flag(r, i, 3);
	c->join_last_day = db_dup(a, r, i, 4);
	c->join_expired = db_flag(r, i, 5);
	c->archived = db_flag(r, i, 6);
	c->aggregate_only = db_flag(r, i, 7);
	c->trainees = atoi(PQgetvalue(r, i, 8));
}

int db_cohorts(struct db *db, struct arena *a, long long user, bool admin, struct cohort **out, int *n)
{
	ID(u, user);
	const char *p[] = {u, admin ? "t" : "f"};
	PGresult *r = db_rows(db, a, STMT_COHORTS, 2, p, "cohorts", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++)
		read_cohort(a, r, i, &(*out)[i]);
	PQclear(r);
	return 1;
}

int db_cohort_get(struct db *db, struct arena *a, long long id, long long user, bool admin, struct cohort *out)
{
	ID(c, id);
	ID(u, user);
	const char *p[] = {c, u, admin ? "t" : "f"};
	PGresult *r = db_query(db, STMT_COHORT_GET, 3, p, "cohort get");
	if (r == NULL)
		return -1;
	int rc = PQntuples(r) > 0;
	if (rc)
		read_cohort(a, r, 0, out);
	PQclear(r);
	return rc;
}

int db_cohort_rename(struct db *db, long long id, const char *name)
{
	ID(c, id);
	const char *p[] = {c, name};
	return db_exec(db, STMT_COHORT_RENAME, 2, p, "cohort rename");
}

int db_cohort_archive(struct db *db, long long id, bool archived)
{
	ID(c, id);
	const char *p[] = {c, archived ? "t" : "f"};
	return db_exec(db, STMT_COHORT_ARCHIVE, 2, p, "cohort archive");
}

int db_cohort_join(struct db *db, long long id, bool enabled, const char *last_day)
{
	ID(c, id);
	const char *p[] = {c, enabled ? "t" : "f", last_day};
	return db_exec(db, STMT_COHORT_JOIN, 3, p, "cohort join");
}

int db_cohort_code(struct db *db, long long id, const char *code)
{
	ID(c, id);
	const char *p[] = {c, code};
	return db_exec(db, STMT_COHORT_CODE, 2, p, "cohort code");
}

int db_cohort_privacy(struct db *db, long long id, bool aggregate_only)
{
	ID(c, id);
	const char *p[] = {c, aggregate_only ? "t" : "f"};
	return db_exec(db, STMT_COHORT_PRIVACY, 2, p, "cohort privacy");
}

int db_cohort_staff(struct db *db, struct arena *a, long long id, struct staff_row **out, int *n)
{
	ID(c, id);
	const char *p[] = {c};
	PGresult *r = db_rows(db, a, STMT_COHORT_STAFF, 1, p, "cohort staff", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct staff_row){db_lnum(r, i, 0), db_dup(a, r, i, 1), db_dup(a, r, i, 2)};
	PQclear(r);
	return 1;
}

int db_cohort_staff_add(struct db *db, long long id, const char *username)
{
	ID(c, id);
	const char *p[] = {c, username};
	PGresult *r = db_query(db, STMT_COHORT_STAFF_ADD, 2, p, "cohort staff add");
	if (r == NULL)
		return -1;
	int rc = PQntuples(r) > 0 && atoi(PQgetvalue(r, 0, 0)) > 0;
	PQclear(r);
	return rc;
}

int db_cohort_staff_remove(struct db *db, long long id, long long user)
{
	ID(c, id);
	ID(u, user);
	const char *p[] = {c, u};
	return db_exec(db, STMT_COHORT_STAFF_REMOVE, 2, p, "cohort staff remove");
}

int db_cohort_modules(struct db *db, struct arena *a, long long id, struct cohort_module **out, int *n)
{
	ID(c, id);
	const char *p[] = {c};
	PGresult *r = db_rows(db, a, STMT_COHORT_MODULES, 1, p, "cohort modules", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++) {
		struct cohort_module *cm = &(*out)[i];
		cm->m.id = db_lnum(r, i, 0);
		cm->m.revision_id = db_lnum(r, i, 1);
		snprintf(cm->m.slug, sizeof(cm->m.slug), "%s", PQgetvalue(r, i, 2));
		cm->m.title = db_dup(a, r, i, 3);
		cm->m.summary = cm->m.scenario_title = "";
		cm->m.pass_mark = atoi(PQgetvalue(r, i, 4));
		cm->m.nlessons = atoi(PQgetvalue(r, i, 5));
		cm->m.nquiz = atoi(PQgetvalue(r, i, 6));
		cm->m.nprecheck = atoi(PQgetvalue(r, i, 7));
		cm->m.scenario_start = db_dup(a, r, i, 8);
		cm->assigned = db_flag(r, i, 9);
		cm->due_on = db_dup(a, r, i, 10);
		cm->past_due = db_flag(r, i, 11);
	}
	PQclear(r);
	return 1;
}

int db_cohort_module_set(struct db *db, long long cohort, long long module, bool assigned, const char *due_on)
{
	ID(c, cohort);
	ID(m, module);
	const char *p[] = {c, m, assigned ? "t" : "f", due_on};
	return db_exec(db, STMT_COHORT_MODULE_SET, 4, p, "cohort module set") < 0 ? -1 : 1;
}

int db_roster(struct db *db, struct arena *a, long long cohort, struct trainee_row **out, int *n)
{
	ID(c, cohort);
	const char *p[] = {c};
	PGresult *r = db_rows(db, a, STMT_ROSTER, 1, p, "roster", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct trainee_row){db_lnum(r, i, 0), db_dup(a, r, i, 1), db_lnum(r, i, 2), db_flag(r, i, 3)};
	PQclear(r);
	return 1;
}

int db_trainee_move(struct db *db, long long user, long long from, long long to)
{
	ID(u, user);
	ID(f, from);
	ID(t, to);
	const char *p[] = {u, f, to > 0 ? t : NULL};
	return db_exec(db, STMT_TRAINEE_MOVE, 3, p, "trainee move");
}

int db_trainees_create(struct db *db, struct arena *a, long long cohort, const char *const *names,
                       const char *const *hexes, int n, long long *ids)
{
	struct buf nb, hb;
	buf_init(&nb, 1 << 16);
	buf_init(&hb, 1 << 16);
	for (int i = 0; i < n; i++) {
		buf_printf(&nb, "%s%s", i ? "\x1f" : "", names[i]);
		buf_printf(&hb, "%s%s", i ? "," : "", hexes[i]);
	}
	ID(c, cohort);
	const char *p[] = {arena_strdup(a, nb.p ? nb.p : ""), arena_strdup(a, hb.p ? hb.p : ""), c};
	bool failed = nb.failed || hb.failed || p[0] == NULL || p[1] == NULL;
	buf_free(&nb);
	buf_free(&hb);
	if (failed)
		return -1;
	PGresult *r = db_run(db, STMT_TRAINEES_CREATE, 3, p);
	int rc;
	if (db_ok(r) && PQntuples(r) == n) {
		for (int i = 0; i < n; i++)
			ids[i] = db_lnum(r, i, 0);
		rc = 1;
	} else if (db_unique_violation(r)) {
		rc = -2;
	} else {
		db_log_error("trainees create", r);
		rc = -1;
	}
	PQclear(r);
	return rc;
}

int db_attempts_give(struct db *db, long long user, long long module)
{
	ID(u, user);
	ID(m, module);
	const char *p[] = {u, m};
	return db_exec(db, STMT_ATTEMPTS_GIVE, 2, p, "attempts give");
}

int db_trainee_holdings(struct db *db, struct arena *a, long long user, long long cohort, struct trainee_holdings *out)
{
	ID(u, user);
	ID(c, cohort);
	const char *p[] = {u, c};
	PGresult *r = db_query(db, STMT_TRAINEE_HOLDINGS, 2, p, "trainee holdings");
	if (r == NULL)
		return -1;
	int rc = PQntuples(r) > 0;
	if (rc)
		*out = (struct trainee_holdings){
			.id = db_lnum(r, 0, 0), .name = db_dup(a, r, 0, 1), .joined = db_dup(a, r, 0, 2),
			.has_password = db_flag(r, 0, 3), .lessons = atoi(PQgetvalue(r, 0, 4)),
			.quiz_attempts = atoi(PQgetvalue(r, 0, 5)), .prechecks = atoi(PQgetvalue(r, 0, 6)),
			.runs = atoi(PQgetvalue(r, 0, 7)), .certificates = atoi(PQgetvalue(r, 0, 8)),
			.live = atoi(PQgetvalue(r, 0, 9)),
		};
	PQclear(r);
	return rc;
}

int db_trainee_merge(struct db *db, long long keep, long long gone)
{
	ID(k, keep);
	ID(g, gone);
	const char *p[] = {k, g};
	PGresult *r = db_query(db, STMT_TRAINEE_MERGE, 2, p, "trainee merge");
	if (r == NULL)
		return -1;
	int rc = PQntuples(r) == 1 && db_flag(r, 0, 0);
	PQclear(r);
	if (rc)
		db_cache_revoke(db);
	return rc;
}

int db_cohort_cells(struct db *db, struct arena *a, long long cohort, long long module, struct cell **out, int *n)
{
	ID(c, cohort);
	ID(m, module);
	const char *p[] = {c, m};
	PGresult *r = db_rows(db, a, STMT_COHORT_CELLS, 2, p, "cohort cells", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++) {
		struct cell *x = &(*out)[i];
		x->user_id = db_lnum(r, i, 0);
		x->module_id = db_lnum(r, i, 1);
		x->user = x->module = -1;
		x->lessons_read = atoi(PQgetvalue(r, i, 2));
		x->quiz_attempts = atoi(PQgetvalue(r, i, 3));
		x->best = atoi(PQgetvalue(r, i, 4));
		x->first_quiz = atoi(PQgetvalue(r, i, 5));
		x->first_pre = atoi(PQgetvalue(r, i, 6));
		x->passed = db_flag(r, i, 7);
		x->scenario_done = db_flag(r, i, 8);
		x->passed_at = db_lnum(r, i, 9);
		x->scenario_at = db_lnum(r, i, 10);
		x->lessons_at = db_lnum(r, i, 11);
		x->last_at = db_lnum(r, i, 12);
	}
	PQclear(r);
	return 1;
}

unsigned db_option_bits(const char *list)
{
	unsigned bits = 0;
	for (const char *s = list; *s;) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s)
			break;
		if (v >= 0 && v < 32)
			bits |= 1u << v;
		s = *end == ',' ? end + 1 : end;
	}
	return bits;
}

int db_item_answers(struct db *db, struct arena *a, long long cohort, long long module, long long rev, const char *set,
                    struct item_row **out, int *n)
{
	ID(c, cohort);
	ID(m, module);
	ID(v, rev);
	const char *p[] = {c, m, v, set};
	PGresult *r = db_rows(db, a, STMT_ITEM_ANSWERS, 4, p, "item answers", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct item_row){db_lnum(r, i, 0), db_lnum(r, i, 1), db_option_bits(PQgetvalue(r, i, 2)), db_flag(r, i, 3)};
	PQclear(r);
	return 1;
}

int db_scenario_report(struct db *db, struct arena *a, long long cohort, long long module, long long rev,
                       struct scen_step **out, int *n)
{
	ID(c, cohort);
	ID(m, module);
	ID(v, rev);
	const char *ps[] = {v};
	PGresult *r = db_query(db, STMT_SCENARIO_STEPS, 1, ps, "scenario steps");
	*n = 0;
	if (r == NULL)
		return -1;
	int nr = PQntuples(r);
	*out = arena_alloc(a, sizeof(**out) * (size_t)(nr > 0 ? nr : 1));
	if (*out == NULL) {
		PQclear(r);
		return -1;
	}
	for (int i = 0; i < nr; i++) {
		long long id = db_lnum(r, i, 0);
		if (*n == 0 || (*out)[*n - 1].id != id) {
			struct scen_step *s = &(*out)[(*n)++];
			*s = (struct scen_step){.id = id, .key = db_dup(a, r, i, 1), .ending = db_flag(r, i, 2),
			                        .outcome = db_dup(a, r, i, 3), .title = db_dup(a, r, i, 4),
			                        .excerpt = db_dup(a, r, i, 8)};
		}
		struct scen_step *s = &(*out)[*n - 1];
		if (db_lnum(r, i, 5) > 0 && s->nchoices < CONTENT_CHOICES_MAX)
			s->choices[s->nchoices++] = (struct scen_choice){db_lnum(r, i, 5), db_dup(a, r, i, 6), db_dup(a, r, i, 7), 0};
	}
	PQclear(r);
	const char *pc[] = {c, m, v};
	r = db_query(db, STMT_SCENARIO_COUNTS, 3, pc, "scenario counts");
	if (r == NULL)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		bool step = strcmp(PQgetvalue(r, i, 0), "step") == 0;
		long long id = db_lnum(r, i, 1);
		int count = atoi(PQgetvalue(r, i, 2));
		for (int k = 0; k < *n; k++) {
			struct scen_step *s = &(*out)[k];
			if (step && s->id == id)
				s->reached = count;
			for (int j = 0; !step && j < s->nchoices; j++)
				if (s->choices[j].id == id)
					s->choices[j].n = count;
		}
	}
	PQclear(r);
	return 1;
}

int db_trainee_answers(struct db *db, struct arena *a, long long user, struct answer_line **out, int *n)
{
	ID(u, user);
	const char *p[] = {u};
	PGresult *r = db_rows(db, a, STMT_TRAINEE_ANSWERS, 1, p, "trainee answers", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++) {
		struct answer_line *l = &(*out)[i];
		l->slug = db_dup(a, r, i, 0);
		l->module_title = db_dup(a, r, i, 1);
		l->set = db_dup(a, r, i, 2);
		l->number = atoi(PQgetvalue(r, i, 3));
		l->score = atoi(PQgetvalue(r, i, 4));
		l->passed = db_flag(r, i, 5);
		l->when = db_dup(a, r, i, 6);
		l->position = atoi(PQgetvalue(r, i, 7));
		l->question = db_dup(a, r, i, 8);
		unsigned bits = db_option_bits(PQgetvalue(r, i, 9));
		char letters[2 * CONTENT_OPTIONS_MAX + 1] = "";
		size_t k = 0;
		for (int o = 0; o < CONTENT_OPTIONS_MAX; o++)
			if (bits & (1u << o)) {
				if (k)
					letters[k++] = ',';
				letters[k++] = (char)('A' + o);
			}
		letters[k] = '\0';
		l->letters = arena_strdup(a, letters);
		l->correct = db_flag(r, i, 10);
		l->chosen_text = db_dup(a, r, i, 11);
	}
	PQclear(r);
	return 1;
}

int db_trainee_runs(struct db *db, struct arena *a, long long user, struct run_line **out, int *n)
{
	ID(u, user);
	const char *p[] = {u};
	PGresult *r = db_rows(db, a, STMT_TRAINEE_RUNS, 1, p, "trainee runs", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return -1;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct run_line){db_lnum(r, i, 0), db_dup(a, r, i, 1), db_dup(a, r, i, 2), db_dup(a, r, i, 3),
		                              db_dup(a, r, i, 5), db_dup(a, r, i, 6), db_flag(r, i, 4)};
	PQclear(r);
	return 1;
}

long db_export_answers(struct db *db, long long cohort, db_row_fn row, void *ctx)
{
	ID(c, cohort);
	const char *p[] = {c};
	return db_stream(db, STMT_EXPORT_ANSWERS, 1, p, row, ctx);
}
