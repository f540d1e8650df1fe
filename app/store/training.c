/* training.c (store): the training statements, read into plain structs in the request's arena. */
#include "store/training.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"

static void num(char *buf, size_t n, long long v)
{
	snprintf(buf, n, "%lld", v);
}

/* Runs s; when it returns a row, copies its n columns (all of its shape's, cols indexed by their names)
 * into the arena. 1 when there was a row, 0 when none, -1 on error. */
static enum store_rc row_strings(struct db *db, struct arena *a, enum stmt s, int np, const char *const *p,
                                 const char *what, const char **cols[], int n)
{
	PGresult *r = db_query(db, s, np, p, what);
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	for (int i = 0; rc == STORE_OK && i < n; i++)
		*cols[i] = db_dup(a, r, 0, i);
	PQclear(r);
	return rc;
}

static void read_progress(struct arena *a, const PGresult *r, int i, struct progress *p)
{
	memset(p, 0, sizeof(*p));
	p->m.id = atoll(PQgetvalue(r, i, PROGRESS_MODULE_ID));
	p->m.revision_id = atoll(PQgetvalue(r, i, PROGRESS_REVISION_ID));
	snprintf(p->m.slug, sizeof(p->m.slug), "%s", PQgetvalue(r, i, PROGRESS_SLUG));
	p->m.title = db_dup(a, r, i, PROGRESS_TITLE);
	p->m.summary = db_dup(a, r, i, PROGRESS_SUMMARY);
	p->m.pass_mark = atoi(PQgetvalue(r, i, PROGRESS_PASS_MARK));
	p->m.attempts = atoi(PQgetvalue(r, i, PROGRESS_ATTEMPTS));
	p->m.nlessons = atoi(PQgetvalue(r, i, PROGRESS_LESSON_COUNT));
	p->m.nquiz = atoi(PQgetvalue(r, i, PROGRESS_QUIZ_COUNT));
	p->m.nprecheck = atoi(PQgetvalue(r, i, PROGRESS_PRECHECK_COUNT));
	p->m.scenario_title = db_dup(a, r, i, PROGRESS_SCENARIO_TITLE);
	p->m.scenario_start = db_dup(a, r, i, PROGRESS_SCENARIO_START);
	p->lessons_read = atoi(PQgetvalue(r, i, PROGRESS_LESSONS_READ));
	p->quiz_attempts = atoi(PQgetvalue(r, i, PROGRESS_QUIZ_ATTEMPTS));
	p->best_score = atoi(PQgetvalue(r, i, PROGRESS_BEST_SCORE));
	p->quiz_passed = db_flag(r, i, PROGRESS_QUIZ_PASSED);
	p->precheck_done = db_flag(r, i, PROGRESS_PRECHECK_DONE);
	p->scenario_done = db_flag(r, i, PROGRESS_SCENARIO_DONE);
	p->lessons_mask = (unsigned long long)strtoll(PQgetvalue(r, i, PROGRESS_LESSONS_MASK), NULL, 10);
	p->certificate = db_dup(a, r, i, PROGRESS_CERTIFICATE);
	p->best_attempt = atoi(PQgetvalue(r, i, PROGRESS_BEST_ATTEMPT));
	p->scenario_started = db_flag(r, i, PROGRESS_SCENARIO_STARTED);
	p->due_on = db_dup(a, r, i, PROGRESS_DUE_ON);
}

enum store_rc db_progress_all(struct db *db, struct arena *a, long long user, struct progress **out, int *n)
{
	char u[24];
	num(u, sizeof(u), user);
	const char *p[1] = {u};
	PGresult *r = db_query(db, STMT_PROGRESS_ALL, 1, p, "progress");
	if (r == NULL)
		return STORE_FAILED;
	*n = PQntuples(r);
	*out = arena_alloc(a, sizeof(struct progress) * (size_t)(*n ? *n : 1));
	for (int i = 0; *out && i < *n; i++)
		read_progress(a, r, i, &(*out)[i]);
	PQclear(r);
	return *out ? STORE_OK : STORE_FAILED;
}

enum store_rc db_progress_one(struct db *db, struct arena *a, long long user, const char *slug, struct progress *out)
{
	char u[24];
	num(u, sizeof(u), user);
	const char *p[2] = {u, slug};
	PGresult *r;
	enum store_rc rc = db_row(db, STMT_PROGRESS_ONE, 2, p, "progress", &r);
	if (rc == STORE_OK) {
		read_progress(a, r, 0, out);
		PQclear(r);
	}
	return rc;
}

enum store_rc db_progress_head(struct db *db, struct arena *a, long long user, const char *slug, bool lesson,
                               struct progress *out)
{
	char u[24];
	num(u, sizeof(u), user);
	const char *p[2] = {u, slug};
	PGresult *r;
	enum store_rc rc = db_row(db, lesson ? STMT_LESSON_HEAD : STMT_PROGRESS_HEAD, 2, p, "progress head", &r);
	if (rc == STORE_OK) {
		read_progress(a, r, 0, out);
		PQclear(r);
	}
	return rc;
}

/* ---- content that never changes within a revision, kept by each process ---- */

#define CACHE_SLOTS 1024

struct cached {
	long long rev;
	int pos;                      /* lesson position, 0 for a question set, -1 for the module's title and summary */
	char set[16];                 /* "quiz:fr" or "precheck:en" (pos 0), or a lesson's language asked for (pos > 0) */
	const char *title, *html;     /* a lesson, in the language `set` names; or the title and summary */
	const char *lang;             /* the language it came in: English where it is not translated; NULL for
	                                 a title and summary not translated into `set` */
	int words;                    /* its words, for the reading time */
	struct stored_question *qs;   /* a question set */
	int nq;
	bool used;
};

static struct cached cache[CACHE_SLOTS];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static unsigned cache_slot(long long rev, int pos, const char *set)
{
	unsigned long long h = (unsigned long long)rev * 1000003ULL + (unsigned)pos * 131ULL + (unsigned char)set[0];
	return (unsigned)(h % CACHE_SLOTS);
}

/* Copies out the entry for (rev, pos, set) under the lock; false when it is not cached. */
static bool cache_get(long long rev, int pos, const char *set, struct cached *out)
{
	pthread_mutex_lock(&cache_mu);
	struct cached *c = &cache[cache_slot(rev, pos, set)];
	bool hit = c->used && c->rev == rev && c->pos == pos && strcmp(c->set, set) == 0;
	if (hit)
		*out = *c;
	pthread_mutex_unlock(&cache_mu);
	return hit;
}

static void cache_put(struct cached e)
{
	e.used = true;
	pthread_mutex_lock(&cache_mu);
	cache[cache_slot(e.rev, e.pos, e.set)] = e;
	pthread_mutex_unlock(&cache_mu);
}

/* Copies into memory that lives as long as the process: revisions are immutable. A colliding slot's
 * old entry is left allocated (others may hold its pointers); slots are many and revisions few. */
static char *keep(const char *s)
{
	return s ? strdup(s) : NULL;
}

enum store_rc db_lesson(struct db *db, struct arena *a, long long rev, int pos, const char *lang, struct lesson_text *out)
{
	struct cached c;
	if (cache_get(rev, pos, lang, &c)) {   /* a lesson is kept for each language asked for */
		*out = (struct lesson_text){c.title, c.html, c.lang, c.words};
		return STORE_OK;
	}
	enum store_rc rc = db_lesson_uncached(db, a, rev, pos, lang, out);
	if (rc == STORE_OK && strlen(lang) < sizeof(c.set)) {
		char *t = keep(out->title), *h = keep(out->html), *l = keep(out->lang);
		if (t && h && l) {
			struct cached e = {.rev = rev, .pos = pos, .title = t, .html = h, .lang = l, .words = out->words};
			snprintf(e.set, sizeof(e.set), "%s", lang);
			cache_put(e);
		}
	}
	return rc;
}

enum store_rc db_lesson_uncached(struct db *db, struct arena *a, long long rev, int pos, const char *lang,
                                 struct lesson_text *out)
{
	char rv[24], ps[16];
	num(rv, sizeof(rv), rev);
	num(ps, sizeof(ps), pos);
	const char *p[3] = {rv, ps, lang}, *w = NULL;
	*out = (struct lesson_text){0};
	const char **cols[LESSON__NCOLS] = {[LESSON_TITLE] = &out->title, [LESSON_HTML] = &out->html,
	                                    [LESSON_WORDS] = &w, [LESSON_LANG] = &out->lang};
	enum store_rc rc = row_strings(db, a, STMT_LESSON, 3, p, "lesson", cols, LESSON__NCOLS);
	out->words = rc == STORE_OK && w ? atoi(w) : 0;
	return rc;
}

enum store_rc db_lesson_titles(struct db *db, struct arena *a, long long rev, long long user, long long module,
                               const char *lang, struct lesson_title **out, int *n)
{
	char rv[24], u[24], m[24];
	num(rv, sizeof(rv), rev);
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	const char *p[4] = {rv, u, m, lang};
	PGresult *r = db_query(db, STMT_LESSON_TITLES, 4, p, "lesson titles");
	if (r == NULL)
		return STORE_FAILED;
	*n = PQntuples(r);
	*out = arena_alloc(a, sizeof(struct lesson_title) * (size_t)(*n ? *n : 1));
	for (int i = 0; *out && i < *n; i++) {
		(*out)[i].position = atoi(PQgetvalue(r, i, TOC_POSITION));
		(*out)[i].title = db_dup(a, r, i, TOC_TITLE);
		(*out)[i].read = db_flag(r, i, TOC_READ);
		(*out)[i].words = atoi(PQgetvalue(r, i, TOC_WORDS));
		(*out)[i].lang = db_dup(a, r, i, TOC_LANG);
	}
	PQclear(r);
	return *out ? STORE_OK : STORE_FAILED;
}

enum store_rc db_revision_text(struct db *db, struct arena *a, long long rev, const char *lang, const char **title,
                               const char **summary)
{
	struct cached c;
	if (cache_get(rev, -1, lang, &c)) {   /* kept as a lesson is, at position -1; a missing one too */
		if (c.lang == NULL)
			return STORE_NONE;
		*title = c.title;
		*summary = c.html;
		return STORE_OK;
	}
	char rv[24];
	num(rv, sizeof(rv), rev);
	const char *p[2] = {rv, lang};
	const char **cols[REVTEXT__NCOLS] = {[REVTEXT_TITLE] = title, [REVTEXT_SUMMARY] = summary};
	enum store_rc rc = row_strings(db, a, STMT_REVISION_TEXT, 2, p, "revision text", cols, REVTEXT__NCOLS);
	if ((rc == STORE_OK || rc == STORE_NONE) && strlen(lang) < sizeof(c.set)) {
		struct cached e = {.rev = rev, .pos = -1};
		if (rc == STORE_OK) {
			e.title = keep(*title);
			e.html = keep(*summary);
			e.lang = keep(lang);
		}
		snprintf(e.set, sizeof(e.set), "%s", lang);
		if (rc == STORE_NONE || (e.title && e.html && e.lang))
			cache_put(e);
	}
	return rc;
}

enum store_rc db_mark_read(struct db *db, long long user, long long module, int pos, long long rev)
{
	char u[24], m[24], ps[16], rv[24];
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	num(ps, sizeof(ps), pos);
	num(rv, sizeof(rv), rev);
	const char *p[4] = {u, m, ps, rv};
	return db_exec(db, STMT_MARK_READ, 4, p, "mark read");
}

static struct stored_question *keep_questions(const struct stored_question *qs, int n)
{
	struct stored_question *copy = calloc((size_t)(n ? n : 1), sizeof(*copy));
	for (int i = 0; copy && i < n; i++) {
		copy[i] = qs[i];
		struct question *q = &copy[i].q;
		q->text = keep(q->text);
		q->explanation = keep(q->explanation);
		q->source = keep(q->source);
		for (int o = 0; o < q->nopts; o++) {
			q->opts[o].text = keep(q->opts[o].text);
			q->opts[o].feedback = keep(q->opts[o].feedback);
		}
	}
	return copy;
}

enum store_rc db_questions(struct db *db, struct arena *a, long long rev, const char *set, const char *lang,
                           struct stored_question **out, int *n)
{
	struct cached c;
	char key[sizeof(c.set)];
	snprintf(key, sizeof(key), "%s:%s", set, lang);   /* each set is kept for each language asked for */
	if (cache_get(rev, 0, key, &c)) {
		*out = c.qs;
		*n = c.nq;
		return STORE_OK;
	}
	enum store_rc rc = db_questions_uncached(db, a, rev, set, lang, out, n);
	if (rc == STORE_OK) {
		struct stored_question *copy = keep_questions(*out, *n);
		if (copy) {
			struct cached e = {.rev = rev, .qs = copy, .nq = *n};
			snprintf(e.set, sizeof(e.set), "%s", key);
			cache_put(e);
		}
	}
	return rc;
}

enum store_rc db_questions_uncached(struct db *db, struct arena *a, long long rev, const char *set, const char *lang,
                                    struct stored_question **out, int *n)
{
	char rv[24];
	num(rv, sizeof(rv), rev);
	const char *p[3] = {rv, set, lang};
	PGresult *r = db_query(db, STMT_QUESTIONS, 3, p, "questions");
	if (r == NULL)
		return STORE_FAILED;
	int rows = PQntuples(r), k = -1;
	*out = arena_alloc(a, sizeof(struct stored_question) * (size_t)(rows ? rows : 1));
	for (int i = 0; *out && i < rows; i++) {
		long long id = atoll(PQgetvalue(r, i, QUESTION_ID));
		if (k < 0 || (*out)[k].id != id) {
			struct stored_question *sq = &(*out)[++k];
			memset(sq, 0, sizeof(*sq));
			sq->id = id;
			snprintf(sq->q.id, sizeof(sq->q.id), "%s", PQgetvalue(r, i, QUESTION_KEY));
			const char *kind = PQgetvalue(r, i, QUESTION_KIND);
			sq->q.kind = strcmp(kind, "multiple") == 0 ? QK_MULTIPLE : strcmp(kind, "truefalse") == 0 ? QK_TRUEFALSE : QK_SINGLE;
			sq->q.text = db_dup(a, r, i, QUESTION_TEXT);
			sq->q.explanation = db_dup(a, r, i, QUESTION_EXPLANATION);
			sq->q.source = db_dup(a, r, i, QUESTION_SOURCE);
			snprintf(sq->lang, sizeof(sq->lang), "%s", PQgetvalue(r, i, QUESTION_LANG));
		}
		struct question *q = &(*out)[k].q;
		int pos = atoi(PQgetvalue(r, i, QUESTION_OPTION_POSITION));
		if (pos != q->nopts || q->nopts >= CONTENT_OPTIONS_MAX)
			continue;
		q->opts[q->nopts].text = db_dup(a, r, i, QUESTION_OPTION_TEXT);
		q->opts[q->nopts].feedback =
			PQgetvalue(r, i, QUESTION_OPTION_FEEDBACK)[0] ? db_dup(a, r, i, QUESTION_OPTION_FEEDBACK) : NULL;
		q->opts[q->nopts].correct = db_flag(r, i, QUESTION_OPTION_CORRECT);
		q->nopts++;
	}
	*n = k + 1;
	PQclear(r);
	return *out ? STORE_OK : STORE_FAILED;
}

enum store_rc db_attempt_insert(struct db *db, long long user, long long module, long long rev, const char *set,
                                int number, int correct, int total, int score, bool passed,
                                const struct answer_row *ans, int n, const char *lang)
{
	char u[24], m[24], rv[24], nb[16], c[16], t[16], sc[16];
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	num(rv, sizeof(rv), rev);
	num(nb, sizeof(nb), number);
	num(c, sizeof(c), correct);
	num(t, sizeof(t), total);
	num(sc, sizeof(sc), score);
	/* Array literals: {1,2}, {"{0,2}","{1}"}, {t,f}. Every element is a number we wrote. */
	struct buf qids, opts, oks;
	buf_init(&qids, 1 << 16);
	buf_init(&opts, 1 << 16);
	buf_init(&oks, 1 << 16);
	buf_putc(&qids, '{');
	buf_putc(&opts, '{');
	buf_putc(&oks, '{');
	for (int i = 0; i < n; i++) {
		buf_printf(&qids, "%s%lld", i ? "," : "", ans[i].question_id);
		buf_printf(&opts, "%s\"{", i ? "," : "");
		for (int j = 0; j < ans[i].nopts; j++)
			buf_printf(&opts, "%s%d", j ? "," : "", ans[i].options[j]);
		buf_puts(&opts, "}\"");
		buf_printf(&oks, "%s%c", i ? "," : "", ans[i].correct ? 't' : 'f');
	}
	buf_putc(&qids, '}');
	buf_putc(&opts, '}');
	buf_putc(&oks, '}');
	enum store_rc rc = STORE_FAILED;
	if (!qids.failed && !opts.failed && !oks.failed) {
		const char *p[13] = {u, m, rv, set, nb, c, t, sc, passed ? "t" : "f", qids.p, opts.p, oks.p, lang};
		PGresult *r = db_query(db, STMT_ATTEMPT_INSERT, 13, p, "attempt insert");
		if (r != NULL) {
			rc = PQgetisnull(r, 0, ATTEMPT_NEW_ID) ? 0 : 1;
			PQclear(r);
		}
	}
	buf_free(&qids);
	buf_free(&opts);
	buf_free(&oks);
	return rc;
}

enum store_rc db_attempt_get(struct db *db, struct arena *a, long long user, long long module, const char *set,
                             int number, struct attempt_info *out)
{
	char u[24], m[24], nb[16];
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	num(nb, sizeof(nb), number);
	const char *p[4] = {u, m, set, nb};
	PGresult *r;
	enum store_rc rc = db_row(db, STMT_ATTEMPT_GET, 4, p, "attempt", &r);
	if (rc == STORE_OK) {
		out->id = atoll(PQgetvalue(r, 0, ATTEMPT_ID));
		out->revision_id = atoll(PQgetvalue(r, 0, ATTEMPT_REVISION_ID));
		out->correct = atoi(PQgetvalue(r, 0, ATTEMPT_CORRECT));
		out->total = atoi(PQgetvalue(r, 0, ATTEMPT_TOTAL));
		out->score = atoi(PQgetvalue(r, 0, ATTEMPT_SCORE));
		out->passed = db_flag(r, 0, ATTEMPT_PASSED);
		out->when = db_dup(a, r, 0, ATTEMPT_WHEN);
		PQclear(r);
	}
	return rc;
}

enum store_rc db_attempt_answers(struct db *db, long long attempt, struct answer_row *out, int max, int *n)
{
	char at[24];
	num(at, sizeof(at), attempt);
	const char *p[1] = {at};
	PGresult *r = db_query(db, STMT_ATTEMPT_ANSWERS, 1, p, "attempt answers");
	if (r == NULL)
		return STORE_FAILED;
	*n = 0;
	for (int i = 0; i < PQntuples(r) && *n < max; i++) {
		struct answer_row *ar = &out[(*n)++];
		memset(ar, 0, sizeof(*ar));
		ar->question_id = atoll(PQgetvalue(r, i, ATTEMPT_ANSWER_QUESTION_ID));
		ar->correct = db_flag(r, i, ATTEMPT_ANSWER_CORRECT);
		for (const char *s = PQgetvalue(r, i, ATTEMPT_ANSWER_OPTIONS); *s && ar->nopts < CONTENT_OPTIONS_MAX;) {
			ar->options[ar->nopts++] = atoi(s);
			s = strchr(s, ',');
			if (s == NULL)
				break;
			s++;
		}
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_revision_quiz(struct db *db, long long rev, long long module, int *pass_mark, enum show_answers *show)
{
	char rv[24], m[24];
	num(rv, sizeof(rv), rev);
	num(m, sizeof(m), module);
	const char *p[2] = {rv, m};
	PGresult *r;
	enum store_rc rc = db_row(db, STMT_REVISION_QUIZ, 2, p, "revision quiz", &r);
	if (rc == STORE_OK) {
		*pass_mark = atoi(PQgetvalue(r, 0, QUIZ_PASS_MARK));
		if (!show_answers_parse(PQgetvalue(r, 0, QUIZ_SHOW_ANSWERS), show))
			*show = SHOW_AFTER_PASSING;
		PQclear(r);
	}
	return rc;
}

enum store_rc db_run_current(struct db *db, struct arena *a, long long user, long long module, struct run_info *out)
{
	char u[24], m[24];
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	const char *p[2] = {u, m};
	PGresult *r;
	enum store_rc rc = db_row(db, STMT_RUN_CURRENT, 2, p, "run", &r);
	if (rc == STORE_OK) {
		out->id = atoll(PQgetvalue(r, 0, RUN_ID));
		out->revision_id = atoll(PQgetvalue(r, 0, RUN_REVISION_ID));
		out->current_key = db_dup(a, r, 0, RUN_CURRENT_KEY);
		out->moves = atoi(PQgetvalue(r, 0, RUN_MOVES));
		out->ended = db_flag(r, 0, RUN_ENDED);
		out->outcome = db_dup(a, r, 0, RUN_OUTCOME);
		PQclear(r);
	}
	return rc;
}

enum store_rc db_run_start(struct db *db, long long user, long long module, long long rev, const char *start,
                           long long *id)
{
	char u[24], m[24], rv[24];
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	num(rv, sizeof(rv), rev);
	const char *p[4] = {u, m, rv, start};
	PGresult *r = db_query(db, STMT_RUN_START, 4, p, "run start");
	if (r == NULL)
		return STORE_FAILED;
	*id = atoll(PQgetvalue(r, 0, NEW_ID));
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_step(struct db *db, struct arena *a, long long rev, const char *key, struct step_view *out)
{
	char rv[24];
	num(rv, sizeof(rv), rev);
	const char *p[2] = {rv, key};
	PGresult *r = db_query(db, STMT_STEP, 2, p, "step");
	if (r == NULL)
		return STORE_FAILED;
	int rows = PQntuples(r);
	memset(out, 0, sizeof(*out));
	if (rows > 0) {
		out->id = atoll(PQgetvalue(r, 0, STEP_VIEW_ID));
		out->ending = db_flag(r, 0, STEP_VIEW_ENDING);
		out->outcome = db_dup(a, r, 0, STEP_VIEW_OUTCOME);
		out->title = db_dup(a, r, 0, STEP_VIEW_TITLE);
		out->text = db_dup(a, r, 0, STEP_VIEW_TEXT);
		for (int i = 0; i < rows && out->nchoices < CONTENT_CHOICES_MAX; i++) {
			if (PQgetisnull(r, i, STEP_VIEW_CHOICE_ID))
				continue;
			struct step_choice *c = &out->choices[out->nchoices++];
			c->id = atoll(PQgetvalue(r, i, STEP_VIEW_CHOICE_ID));
			c->position = atoi(PQgetvalue(r, i, STEP_VIEW_CHOICE_POSITION));
			c->label = db_dup(a, r, i, STEP_VIEW_CHOICE_LABEL);
			c->feedback = db_dup(a, r, i, STEP_VIEW_CHOICE_FEEDBACK);
			c->target = db_dup(a, r, i, STEP_VIEW_CHOICE_TARGET);
		}
	}
	PQclear(r);
	return rows > 0;
}

enum store_rc db_run_move(struct db *db, long long run, int seq, long long step, long long choice, const char *new_key,
                          const char *outcome)
{
	char rn[24], sq[16], st[24], ch[24];
	num(rn, sizeof(rn), run);
	num(sq, sizeof(sq), seq);
	num(st, sizeof(st), step);
	num(ch, sizeof(ch), choice);
	const char *p[6] = {rn, sq, st, ch, new_key, outcome};
	return db_exec(db, STMT_RUN_MOVE, 6, p, "run move");
}

enum store_rc db_cert_issue(struct db *db, struct arena *a, const char *code, long long user, long long module,
                            long long rev, const char *name, const char *title, const char **issued)
{
	char u[24], m[24], rv[24];
	num(u, sizeof(u), user);
	num(m, sizeof(m), module);
	num(rv, sizeof(rv), rev);
	const char *p[6] = {code, u, m, rv, name, title};
	const char **cols[CERT_ISSUE__NCOLS] = {[CERT_ISSUE_CODE] = issued};
	int rc = row_strings(db, a, STMT_CERT_ISSUE, 6, p, "certificate", cols, CERT_ISSUE__NCOLS);
	/* No row: another request (a double click) wrote the certificate after this statement's snapshot was
	 * taken. A second statement sees it. */
	if (rc == 0)
		rc = row_strings(db, a, STMT_CERT_ISSUE, 6, p, "certificate", cols, CERT_ISSUE__NCOLS);
	return rc;
}

enum store_rc db_cert_get(struct db *db, struct arena *a, const char *code, const char **name, const char **title,
                          const char **date, const char **slug)
{
	const char *p[1] = {code};
	const char **cols[CERT__NCOLS] = {[CERT_NAME] = name, [CERT_MODULE_TITLE] = title, [CERT_ISSUED_ON] = date,
	                                  [CERT_SLUG] = slug};
	return row_strings(db, a, STMT_CERT_GET, 1, p, "certificate", cols, CERT__NCOLS);
}

enum store_rc db_glossary(struct db *db, struct arena *a, const char *lang, struct glossary_row **out, int *n)
{
	const char *p[1] = {lang};
	PGresult *r = db_query(db, STMT_GLOSSARY, 1, p, "glossary");
	if (r == NULL)
		return STORE_FAILED;
	*n = PQntuples(r);
	*out = arena_alloc(a, sizeof(struct glossary_row) * (size_t)(*n ? *n : 1));
	for (int i = 0; *out && i < *n; i++) {
		(*out)[i].key = db_dup(a, r, i, GLOSSARY_KEY);
		(*out)[i].name = db_dup(a, r, i, GLOSSARY_NAME);
		(*out)[i].text = db_dup(a, r, i, GLOSSARY_TEXT);
		(*out)[i].lang = db_dup(a, r, i, GLOSSARY_LANG);
	}
	PQclear(r);
	return *out ? STORE_OK : STORE_FAILED;
}

enum store_rc db_page(struct db *db, struct arena *a, const char *key, const char *lang, const char **title,
                      const char **html, const char **page_lang)
{
	const char *p[2] = {key, lang};
	const char **cols[PAGE__NCOLS] = {[PAGE_TITLE] = title, [PAGE_HTML] = html, [PAGE_LANG] = page_lang};
	return row_strings(db, a, STMT_PAGE, 2, p, "page", cols, PAGE__NCOLS);
}

enum store_rc db_notes(struct db *db, struct arena *a, const char *slug, const char **title, const char **html)
{
	const char *p[1] = {slug};
	const char **cols[NOTES__NCOLS] = {[NOTES_TITLE] = title, [NOTES_HTML] = html};
	return row_strings(db, a, STMT_NOTES, 1, p, "notes", cols, NOTES__NCOLS);
}
