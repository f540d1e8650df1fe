/* cohorts.c (store): cohort management and report rows. */
#include "store/cohorts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/accounts.h"
#include "store/internal.h"

static void read_cohort(struct arena *a, const PGresult *r, int i, struct cohort *c)
{
	c->id = db_lnum(r, i, COHORT_ID);
	c->name = db_dup(a, r, i, COHORT_NAME);
	c->join_code = db_dup(a, r, i, COHORT_JOIN_CODE);
	c->join_enabled = db_flag(r, i, COHORT_JOIN_ENABLED);
	c->join_last_day = db_dup(a, r, i, COHORT_JOIN_LAST_DAY);
	c->join_expired = db_flag(r, i, COHORT_JOIN_EXPIRED);
	c->archived = db_flag(r, i, COHORT_ARCHIVED);
	c->aggregate_only = db_flag(r, i, COHORT_AGGREGATE_ONLY);
	c->trainees = atoi(PQgetvalue(r, i, COHORT_TRAINEES));
	c->lang = db_dup(a, r, i, COHORT_LANG);
}

enum store_rc db_cohorts(struct db *db, struct arena *a, long long user, bool admin, struct cohort **out, int *n)
{
	ID(u, user);
	const char *p[] = {u, admin ? "t" : "f"};
	PGresult *r = db_rows(db, a, STMT_COHORTS, 2, p, "cohorts", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		read_cohort(a, r, i, &(*out)[i]);
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_cohort_get(struct db *db, struct arena *a, long long id, long long user, bool admin,
                            struct cohort *out)
{
	ID(c, id);
	ID(u, user);
	const char *p[] = {c, u, admin ? "t" : "f"};
	PGresult *r;
	enum store_rc rc = db_row(db, STMT_COHORT_GET, 3, p, "cohort get", &r);
	if (rc == STORE_OK) {
		read_cohort(a, r, 0, out);
		PQclear(r);
	}
	return rc;
}

enum store_rc db_cohort_rename(struct db *db, long long id, const char *name)
{
	ID(c, id);
	const char *p[] = {c, name};
	return db_exec(db, STMT_COHORT_RENAME, 2, p, "cohort rename");
}

enum store_rc db_cohort_archive(struct db *db, long long id, bool archived)
{
	ID(c, id);
	const char *p[] = {c, archived ? "t" : "f"};
	return db_exec(db, STMT_COHORT_ARCHIVE, 2, p, "cohort archive");
}

enum store_rc db_cohort_join(struct db *db, long long id, bool enabled, const char *last_day)
{
	ID(c, id);
	const char *p[] = {c, enabled ? "t" : "f", last_day};
	return db_exec(db, STMT_COHORT_JOIN, 3, p, "cohort join");
}

enum store_rc db_cohort_code(struct db *db, long long id, const char *code)
{
	ID(c, id);
	const char *p[] = {c, code};
	return db_exec(db, STMT_COHORT_CODE, 2, p, "cohort code");
}

enum store_rc db_cohort_privacy(struct db *db, long long id, bool aggregate_only)
{
	ID(c, id);
	const char *p[] = {c, aggregate_only ? "t" : "f"};
	return db_exec(db, STMT_COHORT_PRIVACY, 2, p, "cohort privacy");
}

enum store_rc db_cohort_staff(struct db *db, struct arena *a, long long id, struct staff_row **out, int *n)
{
	ID(c, id);
	const char *p[] = {c};
	PGresult *r = db_rows(db, a, STMT_COHORT_STAFF, 1, p, "cohort staff", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct staff_row){db_lnum(r, i, STAFF_ID), db_dup(a, r, i, STAFF_USERNAME),
		                               db_dup(a, r, i, STAFF_DISPLAY_NAME)};
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_cohort_staff_add(struct db *db, long long id, const char *username)
{
	ID(c, id);
	const char *p[] = {c, username};
	PGresult *r = db_query(db, STMT_COHORT_STAFF_ADD, 2, p, "cohort staff add");
	if (r == NULL)
		return STORE_FAILED;
	int rc = PQntuples(r) > 0 && atoi(PQgetvalue(r, 0, STAFF_ADD_FOUND)) > 0;
	PQclear(r);
	return rc;
}

enum store_rc db_cohort_staff_remove(struct db *db, long long id, long long user)
{
	ID(c, id);
	ID(u, user);
	const char *p[] = {c, u};
	return db_exec(db, STMT_COHORT_STAFF_REMOVE, 2, p, "cohort staff remove");
}

enum store_rc db_cohort_modules(struct db *db, struct arena *a, long long id, struct cohort_module **out, int *n)
{
	ID(c, id);
	const char *p[] = {c};
	PGresult *r = db_rows(db, a, STMT_COHORT_MODULES, 1, p, "cohort modules", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		struct cohort_module *cm = &(*out)[i];
		cm->m.id = db_lnum(r, i, COHORT_MODULE_ID);
		cm->m.revision_id = db_lnum(r, i, COHORT_MODULE_REVISION_ID);
		snprintf(cm->m.slug, sizeof(cm->m.slug), "%s", PQgetvalue(r, i, COHORT_MODULE_SLUG));
		cm->m.title = db_dup(a, r, i, COHORT_MODULE_TITLE);
		cm->m.summary = cm->m.scenario_title = "";
		cm->m.pass_mark = atoi(PQgetvalue(r, i, COHORT_MODULE_PASS_MARK));
		cm->m.nlessons = atoi(PQgetvalue(r, i, COHORT_MODULE_LESSON_COUNT));
		cm->m.nquiz = atoi(PQgetvalue(r, i, COHORT_MODULE_QUIZ_COUNT));
		cm->m.nprecheck = atoi(PQgetvalue(r, i, COHORT_MODULE_PRECHECK_COUNT));
		cm->m.scenario_start = db_dup(a, r, i, COHORT_MODULE_SCENARIO_START);
		cm->assigned = db_flag(r, i, COHORT_MODULE_ASSIGNED);
		cm->due_on = db_dup(a, r, i, COHORT_MODULE_DUE_ON);
		cm->past_due = db_flag(r, i, COHORT_MODULE_PAST_DUE);
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_cohort_module_set(struct db *db, long long cohort, long long module, bool assigned, const char *due_on)
{
	ID(c, cohort);
	ID(m, module);
	const char *p[] = {c, m, assigned ? "t" : "f", due_on};
	return db_exec(db, STMT_COHORT_MODULE_SET, 4, p, "cohort module set") < 0 ? STORE_FAILED : STORE_OK;
}

enum store_rc db_roster(struct db *db, struct arena *a, long long cohort, struct trainee_row **out, int *n)
{
	ID(c, cohort);
	const char *p[] = {c};
	PGresult *r = db_rows(db, a, STMT_ROSTER, 1, p, "roster", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct trainee_row){db_lnum(r, i, ROSTER_ID), db_dup(a, r, i, ROSTER_NAME),
		                                 db_lnum(r, i, ROSTER_JOINED), db_flag(r, i, ROSTER_DISABLED)};
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_trainee_move(struct db *db, long long user, long long from, long long to)
{
	ID(u, user);
	ID(f, from);
	ID(t, to);
	const char *p[] = {u, f, to > 0 ? t : NULL};
	return db_exec(db, STMT_TRAINEE_MOVE, 3, p, "trainee move");
}

enum store_rc db_trainees_create(struct db *db, struct arena *a, long long cohort, const char *const *names,
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
		return STORE_FAILED;
	PGresult *r = db_run(db, STMT_TRAINEES_CREATE, 3, p);
	int rc;
	if (db_ok(r) && PQntuples(r) == n) {
		for (int i = 0; i < n; i++)
			ids[i] = db_lnum(r, i, NEW_ID);
		rc = 1;
	} else if (db_unique_violation(r)) {
		rc = STORE_TAKEN;
	} else {
		db_log_error("trainees create", r);
		rc = STORE_FAILED;
	}
	PQclear(r);
	return rc;
}

enum store_rc db_attempts_give(struct db *db, long long user, long long module)
{
	ID(u, user);
	ID(m, module);
	const char *p[] = {u, m};
	return db_exec(db, STMT_ATTEMPTS_GIVE, 2, p, "attempts give");
}

enum store_rc db_trainee_holdings(struct db *db, struct arena *a, long long user, long long cohort,
                                  struct trainee_holdings *out)
{
	ID(u, user);
	ID(c, cohort);
	const char *p[] = {u, c};
	PGresult *r;
	enum store_rc rc = db_row(db, STMT_TRAINEE_HOLDINGS, 2, p, "trainee holdings", &r);
	if (rc == STORE_OK) {
		*out = (struct trainee_holdings){
			.id = db_lnum(r, 0, HOLDINGS_ID), .name = db_dup(a, r, 0, HOLDINGS_NAME),
			.joined = db_dup(a, r, 0, HOLDINGS_JOINED), .has_password = db_flag(r, 0, HOLDINGS_HAS_PASSWORD),
			.lessons = atoi(PQgetvalue(r, 0, HOLDINGS_LESSONS)),
			.quiz_attempts = atoi(PQgetvalue(r, 0, HOLDINGS_QUIZ_ATTEMPTS)),
			.prechecks = atoi(PQgetvalue(r, 0, HOLDINGS_PRECHECKS)), .runs = atoi(PQgetvalue(r, 0, HOLDINGS_RUNS)),
			.certificates = atoi(PQgetvalue(r, 0, HOLDINGS_CERTIFICATES)),
			.live = atoi(PQgetvalue(r, 0, HOLDINGS_LIVE)),
		};
		PQclear(r);
	}
	return rc;
}

enum store_rc db_trainee_merge(struct db *db, long long keep, long long gone)
{
	ID(k, keep);
	ID(g, gone);
	const char *p[] = {k, g};
	PGresult *r = db_query(db, STMT_TRAINEE_MERGE, 2, p, "trainee merge");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) == 1 && db_flag(r, 0, MERGE_DONE) ? STORE_OK : STORE_NONE;
	PQclear(r);
	if (rc == STORE_OK)
		db_cache_revoke(db);
	return rc;
}

enum store_rc db_cohort_cells(struct db *db, struct arena *a, long long cohort, long long module, struct cell **out,
                              int *n)
{
	ID(c, cohort);
	ID(m, module);
	const char *p[] = {c, m};
	PGresult *r = db_rows(db, a, STMT_COHORT_CELLS, 2, p, "cohort cells", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		struct cell *x = &(*out)[i];
		x->user_id = db_lnum(r, i, COHORT_CELL_USER_ID);
		x->module_id = db_lnum(r, i, COHORT_CELL_MODULE_ID);
		x->user = x->module = -1;
		x->lessons_read = atoi(PQgetvalue(r, i, COHORT_CELL_LESSONS_READ));
		x->quiz_attempts = atoi(PQgetvalue(r, i, COHORT_CELL_QUIZ_ATTEMPTS));
		x->best = atoi(PQgetvalue(r, i, COHORT_CELL_BEST));
		x->first_quiz = atoi(PQgetvalue(r, i, COHORT_CELL_FIRST_QUIZ));
		x->first_pre = atoi(PQgetvalue(r, i, COHORT_CELL_FIRST_PRE));
		x->passed = db_flag(r, i, COHORT_CELL_PASSED);
		x->scenario_done = db_flag(r, i, COHORT_CELL_SCENARIO_DONE);
		x->passed_at = db_lnum(r, i, COHORT_CELL_PASSED_AT);
		x->scenario_at = db_lnum(r, i, COHORT_CELL_SCENARIO_AT);
		x->lessons_at = db_lnum(r, i, COHORT_CELL_LESSONS_AT);
		x->last_at = db_lnum(r, i, COHORT_CELL_LAST_AT);
	}
	PQclear(r);
	return STORE_OK;
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

enum store_rc db_item_answers(struct db *db, struct arena *a, long long cohort, long long module, long long rev,
                              const char *set, const char *answered_in, struct item_row **out, int *n)
{
	ID(c, cohort);
	ID(m, module);
	ID(v, rev);
	const char *p[] = {c, m, v, set, answered_in ? answered_in : ""};
	PGresult *r = db_rows(db, a, STMT_ITEM_ANSWERS, 5, p, "item answers", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct item_row){db_lnum(r, i, ITEM_USER_ID), db_lnum(r, i, ITEM_QUESTION_ID),
		                              db_option_bits(PQgetvalue(r, i, ITEM_OPTIONS)), db_flag(r, i, ITEM_CORRECT)};
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_scenario_report(struct db *db, struct arena *a, long long cohort, long long module, long long rev,
                                 struct scen_step **out, int *n)
{
	ID(c, cohort);
	ID(m, module);
	ID(v, rev);
	const char *ps[] = {v};
	PGresult *r = db_query(db, STMT_SCENARIO_STEPS, 1, ps, "scenario steps");
	*n = 0;
	if (r == NULL)
		return STORE_FAILED;
	int nr = PQntuples(r);
	*out = arena_alloc(a, sizeof(**out) * (size_t)(nr > 0 ? nr : 1));
	if (*out == NULL) {
		PQclear(r);
		return STORE_FAILED;
	}
	for (int i = 0; i < nr; i++) {
		long long id = db_lnum(r, i, SCEN_STEP_ID);
		if (*n == 0 || (*out)[*n - 1].id != id) {
			struct scen_step *s = &(*out)[(*n)++];
			*s = (struct scen_step){.id = id, .key = db_dup(a, r, i, SCEN_STEP_KEY),
			                        .ending = db_flag(r, i, SCEN_STEP_ENDING),
			                        .outcome = db_dup(a, r, i, SCEN_STEP_OUTCOME), .title = db_dup(a, r, i, SCEN_STEP_TITLE),
			                        .excerpt = db_dup(a, r, i, SCEN_STEP_EXCERPT)};
		}
		struct scen_step *s = &(*out)[*n - 1];
		if (db_lnum(r, i, SCEN_STEP_CHOICE_ID) > 0 && s->nchoices < CONTENT_CHOICES_MAX)
			s->choices[s->nchoices++] = (struct scen_choice){db_lnum(r, i, SCEN_STEP_CHOICE_ID),
			                                                 db_dup(a, r, i, SCEN_STEP_CHOICE_LABEL),
			                                                 db_dup(a, r, i, SCEN_STEP_CHOICE_TARGET), 0};
	}
	PQclear(r);
	const char *pc[] = {c, m, v};
	r = db_query(db, STMT_SCENARIO_COUNTS, 3, pc, "scenario counts");
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < PQntuples(r); i++) {
		bool step = strcmp(PQgetvalue(r, i, SCEN_COUNT_KIND), "step") == 0;
		long long id = db_lnum(r, i, SCEN_COUNT_ID);
		int count = atoi(PQgetvalue(r, i, SCEN_COUNT_N));
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
	return STORE_OK;
}

enum store_rc db_trainee_answers(struct db *db, struct arena *a, long long user, struct answer_line **out, int *n)
{
	ID(u, user);
	const char *p[] = {u};
	PGresult *r = db_rows(db, a, STMT_TRAINEE_ANSWERS, 1, p, "trainee answers", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		struct answer_line *l = &(*out)[i];
		l->slug = db_dup(a, r, i, ANSWER_LINE_SLUG);
		l->module_title = db_dup(a, r, i, ANSWER_LINE_MODULE_TITLE);
		l->set = db_dup(a, r, i, ANSWER_LINE_SET);
		l->number = atoi(PQgetvalue(r, i, ANSWER_LINE_NUMBER));
		l->score = atoi(PQgetvalue(r, i, ANSWER_LINE_SCORE));
		l->passed = db_flag(r, i, ANSWER_LINE_PASSED);
		l->when = db_dup(a, r, i, ANSWER_LINE_WHEN);
		l->position = atoi(PQgetvalue(r, i, ANSWER_LINE_POSITION));
		l->question = db_dup(a, r, i, ANSWER_LINE_QUESTION);
		unsigned bits = db_option_bits(PQgetvalue(r, i, ANSWER_LINE_OPTIONS));
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
		l->correct = db_flag(r, i, ANSWER_LINE_CORRECT);
		l->chosen_text = db_dup(a, r, i, ANSWER_LINE_CHOSEN_TEXT);
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_trainee_runs(struct db *db, struct arena *a, long long user, struct run_line **out, int *n)
{
	ID(u, user);
	const char *p[] = {u};
	PGresult *r = db_rows(db, a, STMT_TRAINEE_RUNS, 1, p, "trainee runs", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		(*out)[i] = (struct run_line){.run = db_lnum(r, i, RUN_LINE_ID), .slug = db_dup(a, r, i, RUN_LINE_SLUG),
		                              .started = db_dup(a, r, i, RUN_LINE_STARTED),
		                              .outcome = db_dup(a, r, i, RUN_LINE_OUTCOME),
		                              .step = db_dup(a, r, i, RUN_LINE_STEP), .choice = db_dup(a, r, i, RUN_LINE_CHOICE),
		                              .ended = db_flag(r, i, RUN_LINE_ENDED)};
	PQclear(r);
	return STORE_OK;
}

long db_export_answers(struct db *db, long long cohort, db_row_fn row, void *ctx)
{
	ID(c, cohort);
	const char *p[] = {c};
	return db_stream(db, STMT_EXPORT_ANSWERS, 1, p, row, ctx);
}

enum store_rc db_cohort_set_lang(struct db *db, long long id, const char *lang)
{
	char cid[24];
	snprintf(cid, sizeof(cid), "%lld", id);
	const char *p[2] = {cid, lang && lang[0] ? lang : NULL};
	return db_exec(db, STMT_COHORT_SET_LANG, 2, p, "set cohort language");
}
