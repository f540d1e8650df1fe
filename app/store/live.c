/* live.c (store): live workshops, questions, participants, answers, posts. */
#include "store/live.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/internal.h"

static const char *status_name(enum live_status st)
{
	return st == LIVE_HELD ? "held" : st == LIVE_HIDDEN ? "hidden" : "shown";
}

static void read_workshop(struct arena *a, const PGresult *r, int i, struct workshop *s)
{
	s->id = db_lnum(r, i, WORKSHOP_ID);
	s->code = db_dup(a, r, i, WORKSHOP_CODE);
	s->title = db_dup(a, r, i, WORKSHOP_TITLE);
	s->owner_id = db_lnum(r, i, WORKSHOP_OWNER_ID);
	s->cohort_id = db_lnum(r, i, WORKSHOP_COHORT_ID);
	s->cohort_name = db_dup(a, r, i, WORKSHOP_COHORT_NAME);
	int st = live_state_parse(PQgetvalue(r, i, WORKSHOP_STATE));
	s->state = st < 0 ? LIVE_ENDED : (enum live_state)st;
	s->current_id = db_lnum(r, i, WORKSHOP_CURRENT_ID);
	s->hold_posts = db_flag(r, i, WORKSHOP_HOLD_POSTS);
	s->blocked_words = db_dup(a, r, i, WORKSHOP_BLOCKED_WORDS);
	s->version = db_lnum(r, i, WORKSHOP_VERSION);
	s->created_on = db_dup(a, r, i, WORKSHOP_CREATED_ON);
	s->participants = atoi(PQgetvalue(r, i, WORKSHOP_PARTICIPANTS));
	s->questions = atoi(PQgetvalue(r, i, WORKSHOP_QUESTIONS));
	s->aggregate_only = db_flag(r, i, WORKSHOP_AGGREGATE_ONLY);
	s->lang = db_dup(a, r, i, WORKSHOP_LANG);
	s->answered = atoi(PQgetvalue(r, i, WORKSHOP_ANSWERED));   /* the counts: 0 but from STMT_LIVE_GET */
	s->changes = atoi(PQgetvalue(r, i, WORKSHOP_CHANGES));
	s->posts = atoi(PQgetvalue(r, i, WORKSHOP_POSTS));
	s->held = atoi(PQgetvalue(r, i, WORKSHOP_HELD));
}

enum store_rc db_live_create(struct db *db, const char *code, const char *title, long long owner, long long cohort,
                             const char *slug, long long *id)
{
	ID(o, owner);
	ID(c, cohort);
	const char *p[] = {code, title, o, cohort > 0 ? c : NULL, slug};
	PGresult *r = db_run(db, STMT_LIVE_CREATE, 5, p);
	if (!db_ok(r)) {
		enum store_rc rc = db_unique_violation(r) ? STORE_TAKEN : STORE_FAILED;
		if (rc == STORE_FAILED)
			db_log_error("live create", r);
		PQclear(r);
		return rc;
	}
	*id = db_lnum(r, 0, NEW_ID);
	PQclear(r);
	return STORE_OK;
}

static enum store_rc workshops(struct db *db, struct arena *a, enum stmt s, int np, const char *const *p,
                              struct workshop **out, int *n)
{
	PGresult *r = db_rows(db, a, s, np, p, "live workshops", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		read_workshop(a, r, i, &(*out)[i]);
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_live_list(struct db *db, struct arena *a, long long user, bool admin, struct workshop **out,
                           int *n)
{
	ID(u, user);
	const char *p[] = {u, admin ? "t" : "f"};
	return workshops(db, a, STMT_LIVE_LIST, 2, p, out, n);
}

enum store_rc db_live_for_cohort(struct db *db, struct arena *a, long long cohort, struct workshop **out, int *n)
{
	ID(c, cohort);
	const char *p[] = {c};
	return workshops(db, a, STMT_LIVE_FOR_COHORT, 1, p, out, n);
}

enum store_rc db_live_get(struct db *db, struct arena *a, long long id, long long user, bool admin,
                          struct workshop *out)
{
	ID(s, id);
	ID(u, user);
	const char *p[] = {s, u, admin ? "t" : "f"};
	PGresult *r = db_query(db, STMT_LIVE_GET, 3, p, "live get");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK)
		read_workshop(a, r, 0, out);
	PQclear(r);
	return rc;
}

static void read_question(struct arena *a, const PGresult *r, int i, struct live_question *q)
{
	memset(q, 0, sizeof(*q));
	q->id = db_lnum(r, i, LIVE_Q_ID);
	q->position = atoi(PQgetvalue(r, i, LIVE_Q_POSITION));
	int k = live_kind_parse(PQgetvalue(r, i, LIVE_Q_KIND));
	q->kind = k < 0 ? LIVE_POLL : (enum live_kind)k;
	q->prompt = db_dup(a, r, i, LIVE_Q_PROMPT);
	q->opened = db_flag(r, i, LIVE_Q_OPENED);
	q->closed = db_flag(r, i, LIVE_Q_CLOSED);
	q->revealed = db_flag(r, i, LIVE_Q_REVEALED);
	const char *opts = PQgetvalue(r, i, LIVE_Q_OPTIONS), *correct = PQgetvalue(r, i, LIVE_Q_CORRECT);
	size_t nc = strlen(correct);
	while (nc > 0 && q->nopt < LIVE_OPTIONS_MAX) {   /* one flag per option, so nc counts them */
		size_t len = strcspn(opts, "\x1f");
		q->opt[q->nopt] = arena_strndup(a, opts, len);
		if (q->opt[q->nopt] == NULL)
			q->opt[q->nopt] = "";
		q->correct[q->nopt] = correct[q->nopt] == '1';
		q->nopt++;
		nc--;
		opts += len;
		if (*opts)
			opts++;
	}
}

enum store_rc db_live_questions(struct db *db, struct arena *a, long long workshop, struct live_question **out, int *n)
{
	ID(s, workshop);
	const char *p[] = {s};
	PGresult *r = db_rows(db, a, STMT_LIVE_QUESTIONS, 1, p, "live questions", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++)
		read_question(a, r, i, &(*out)[i]);
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_live_question(struct db *db, struct arena *a, long long qid, struct live_question *out)
{
	ID(q, qid);
	const char *p[] = {q};
	PGresult *r = db_query(db, STMT_LIVE_QUESTION, 1, p, "live question");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK)
		read_question(a, r, 0, out);
	PQclear(r);
	return rc;
}

enum store_rc db_live_question_add(struct db *db, long long workshop, enum live_kind kind, const char *prompt,
                                   const char *const *opts, int nopt, int correct)
{
	struct buf all;
	buf_init(&all, 1 << 16);
	for (int i = 0; i < nopt; i++) {
		if (i > 0)
			buf_puts(&all, "\x1f");
		buf_puts(&all, opts[i]);
	}
	ID(s, workshop);
	ID(c, correct);
	const char *p[] = {s, live_kind_name(kind), prompt, all.failed ? "" : all.p ? all.p : "", c};
	enum store_rc rc = all.failed ? STORE_FAILED : db_exec(db, STMT_LIVE_QUESTION_ADD, 5, p, "live question add");
	buf_free(&all);
	return rc;
}

enum store_rc db_live_question_delete(struct db *db, long long workshop, long long qid)
{
	ID(s, workshop);
	ID(q, qid);
	const char *p[] = {s, q};
	return db_exec(db, STMT_LIVE_QUESTION_DELETE, 2, p, "live question delete");
}

enum store_rc db_live_settings(struct db *db, long long workshop, bool hold, const char *words)
{
	ID(s, workshop);
	const char *p[] = {s, hold ? "t" : "f", words};
	return db_exec(db, STMT_LIVE_SETTINGS, 3, p, "live settings");
}

enum store_rc db_live_move(struct db *db, long long workshop, enum live_move m, long long qid)
{
	ID(s, workshop);
	ID(q, qid);
	switch (m) {
	case MOVE_START:
		return db_exec(db, STMT_LIVE_START, 1, (const char *[]){s}, "live start");
	case MOVE_GOTO:
		return db_exec(db, STMT_LIVE_GOTO, 2, (const char *[]){s, q}, "live goto");
	case MOVE_LOBBY:
		return db_exec(db, STMT_LIVE_LOBBY, 1, (const char *[]){s}, "live lobby");
	case MOVE_OPEN:
		return db_exec(db, STMT_LIVE_SET, 3, (const char *[]){s, q, "open"}, "live open");
	case MOVE_CLOSE:
		return db_exec(db, STMT_LIVE_SET, 3, (const char *[]){s, q, "close"}, "live close");
	case MOVE_REVEAL:
		return db_exec(db, STMT_LIVE_SET, 3, (const char *[]){s, q, "reveal"}, "live reveal");
	case MOVE_END:
		return db_exec(db, STMT_LIVE_END, 1, (const char *[]){s}, "live end");
	}
	return STORE_NONE;
}

enum store_rc db_live_moderate(struct db *db, long long workshop, long long post, long long qid, long long pid,
                               enum live_status st)
{
	ID(s, workshop);
	if (post > 0) {
		ID(o, post);
		return db_exec(db, STMT_LIVE_MODERATE_POST, 3, (const char *[]){s, o, status_name(st)}, "live moderate");
	}
	ID(q, qid);
	ID(u, pid);
	return db_exec(db, STMT_LIVE_MODERATE_ANSWER, 4, (const char *[]){s, q, u, status_name(st)}, "live moderate");
}

enum store_rc db_live_by_code(struct db *db, struct arena *a, const char *code, struct workshop *out)
{
	const char *p[] = {code};
	PGresult *r = db_query(db, STMT_LIVE_BY_CODE, 1, p, "live by code");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK) {
		memset(out, 0, sizeof(*out));
		out->id = db_lnum(r, 0, LIVE_FOUND_ID);
		out->title = db_dup(a, r, 0, LIVE_FOUND_TITLE);
		int st = live_state_parse(PQgetvalue(r, 0, LIVE_FOUND_STATE));
		out->state = st < 0 ? LIVE_ENDED : (enum live_state)st;
		out->code = arena_strdup(a, code);
	}
	PQclear(r);
	return rc;
}

enum store_rc db_live_join(struct db *db, long long workshop, const char *token_hex, long long user, const char *name,
                           int anonymous_max, long long *pid)
{
	ID(s, workshop);
	ID(u, user);
	char cap[16];
	snprintf(cap, sizeof(cap), "%d", anonymous_max);
	const char *p[] = {s, token_hex, user > 0 ? u : NULL, name, cap};
	PGresult *r = db_query(db, STMT_LIVE_JOIN, 5, p, "live join");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK)
		*pid = db_lnum(r, 0, NEW_ID);
	PQclear(r);
	return rc;
}

enum store_rc db_live_view(struct db *db, struct arena *a, const char *token_hex, const char *code,
                           struct live_view *out)
{
	const char *p[] = {token_hex, code};
	PGresult *r = db_query(db, STMT_LIVE_VIEW, 2, p, "live view");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK) {
		out->pid = db_lnum(r, 0, LIVE_VIEW_PID);
		out->workshop = db_lnum(r, 0, LIVE_VIEW_WORKSHOP_ID);
		int st = live_state_parse(PQgetvalue(r, 0, LIVE_VIEW_STATE));
		out->state = st < 0 ? LIVE_ENDED : (enum live_state)st;
		out->version = db_lnum(r, 0, LIVE_VIEW_VERSION);
		out->current_id = db_lnum(r, 0, LIVE_VIEW_CURRENT_ID);
		out->changes = atoi(PQgetvalue(r, 0, LIVE_VIEW_CHANGES));
		out->title = db_dup(a, r, 0, LIVE_VIEW_TITLE);
		out->name = db_dup(a, r, 0, LIVE_VIEW_NAME);
		out->signed_in = db_flag(r, 0, LIVE_VIEW_SIGNED_IN);
		out->choice = atoi(PQgetvalue(r, 0, LIVE_VIEW_CHOICE));
		out->body = db_dup(a, r, 0, LIVE_VIEW_BODY);
		int ss = live_status_parse(PQgetvalue(r, 0, LIVE_VIEW_STATUS));
		out->status = ss < 0 ? LIVE_SHOWN : (enum live_status)ss;
		out->aggregate_only = db_flag(r, 0, LIVE_VIEW_AGGREGATE_ONLY);
	}
	PQclear(r);
	return rc;
}

enum store_rc db_live_moderation(struct db *db, struct arena *a, long long workshop, bool *hold, const char **words)
{
	ID(s, workshop);
	const char *p[] = {s};
	PGresult *r = db_query(db, STMT_LIVE_MODERATION, 1, p, "live moderation");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK) {
		*hold = db_flag(r, 0, MODERATION_HOLD_POSTS);
		*words = db_dup(a, r, 0, MODERATION_BLOCKED_WORDS);
	}
	PQclear(r);
	return rc;
}

enum store_rc db_live_answer(struct db *db, long long qid, long long pid, int choice, const char *body,
                             enum live_status st, int cap)
{
	ID(q, qid);
	ID(u, pid);
	ID(c, choice);
	ID(k, cap);
	const char *p[] = {q, u, body ? NULL : c, body, status_name(st), k};
	return db_exec(db, STMT_LIVE_ANSWER, 6, p, "live answer");
}

enum store_rc db_live_post(struct db *db, long long workshop, long long qid, long long pid, const char *body,
                           enum live_status st, int per_minute)
{
	ID(s, workshop);
	ID(q, qid);
	ID(u, pid);
	ID(k, per_minute);
	const char *p[] = {s, q, u, body, status_name(st), k};
	PGresult *r = db_query(db, STMT_LIVE_POST, 6, p, "live post");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) == 0 || atoi(PQgetvalue(r, 0, LIVE_POSTED_OPEN)) == 0 ? STORE_NONE
	                   : atoi(PQgetvalue(r, 0, LIVE_POSTED_ADDED)) == 0 ? STORE_LIMITED : STORE_OK;
	PQclear(r);
	return rc;
}

enum store_rc db_live_vote(struct db *db, long long workshop, long long qid, long long pid, long long post)
{
	ID(s, workshop);
	ID(q, qid);
	ID(u, pid);
	ID(o, post);
	const char *p[] = {s, q, u, o};
	PGresult *r = db_query(db, STMT_LIVE_VOTE, 4, p, "live vote");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 && atoi(PQgetvalue(r, 0, LIVE_VOTED_ADDED)) > 0 ? STORE_OK : STORE_NONE;
	PQclear(r);
	return rc;
}

enum store_rc db_live_tally(struct db *db, long long qid, int counts[LIVE_OPTIONS_MAX + 1])
{
	ID(q, qid);
	const char *p[] = {q};
	memset(counts, 0, sizeof(int) * (LIVE_OPTIONS_MAX + 1));
	PGresult *r = db_query(db, STMT_LIVE_TALLY, 1, p, "live tally");
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < PQntuples(r); i++) {
		int c = atoi(PQgetvalue(r, i, TALLY_CHOICE));
		if (c >= 0 && c <= LIVE_OPTIONS_MAX)
			counts[c] = atoi(PQgetvalue(r, i, TALLY_COUNT));
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_live_words(struct db *db, struct arena *a, long long qid, struct live_word **out, int *n)
{
	ID(q, qid);
	const char *p[] = {q};
	PGresult *r = db_rows(db, a, STMT_LIVE_WORDS, 1, p, "live words", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		(*out)[i].text = db_dup(a, r, i, WORDS_TEXT);
		(*out)[i].count = atoi(PQgetvalue(r, i, WORDS_COUNT));
	}
	PQclear(r);
	return STORE_OK;
}

static enum store_rc posts(struct db *db, struct arena *a, enum stmt s, int np, const char *const *p,
                           struct live_post **out, int *n)
{
	PGresult *r = db_rows(db, a, s, np, p, "live posts", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		struct live_post *o = &(*out)[i];
		o->id = db_lnum(r, i, LIVE_POST_ID);
		o->pid = db_lnum(r, i, LIVE_POST_PID);
		o->body = db_dup(a, r, i, LIVE_POST_BODY);
		o->name = db_dup(a, r, i, LIVE_POST_NAME);
		int st = live_status_parse(PQgetvalue(r, i, LIVE_POST_STATUS));
		o->status = st < 0 ? LIVE_SHOWN : (enum live_status)st;
		o->votes = atoi(PQgetvalue(r, i, LIVE_POST_VOTES));
		o->mine = db_flag(r, i, LIVE_POST_MINE);
		o->voted = db_flag(r, i, LIVE_POST_VOTED);
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_live_posts(struct db *db, struct arena *a, long long qid, long long pid, bool staff,
                            struct live_post **out, int *n)
{
	ID(q, qid);
	ID(u, pid);
	const char *p[] = {q, u, staff ? "t" : "f"};
	return posts(db, a, STMT_LIVE_POSTS, 3, p, out, n);
}

enum store_rc db_live_open_answers(struct db *db, struct arena *a, long long qid, struct live_post **out, int *n)
{
	ID(q, qid);
	const char *p[] = {q};
	return posts(db, a, STMT_LIVE_OPEN_ANSWERS, 1, p, out, n);
}

enum store_rc db_live_summary(struct db *db, struct arena *a, long long workshop, struct live_summary **out, int *n)
{
	ID(s, workshop);
	const char *p[] = {s};
	PGresult *r = db_rows(db, a, STMT_LIVE_SUMMARY, 1, p, "live summary", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		(*out)[i].qid = db_lnum(r, i, SUMMARY_QID);
		(*out)[i].answers = atoi(PQgetvalue(r, i, SUMMARY_ANSWERS));
		(*out)[i].right = atoi(PQgetvalue(r, i, SUMMARY_RIGHT));
		(*out)[i].posts = atoi(PQgetvalue(r, i, SUMMARY_POSTS));
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_live_record(struct db *db, struct arena *a, long long user, struct live_record **out, int *n)
{
	ID(u, user);
	const char *p[] = {u};
	PGresult *r = db_rows(db, a, STMT_LIVE_RECORD, 1, p, "live record", sizeof(**out), (void **)out, n);
	if (r == NULL)
		return STORE_FAILED;
	for (int i = 0; i < *n; i++) {
		struct live_record *o = &(*out)[i];
		o->workshop = db_lnum(r, i, RECORD_WORKSHOP);
		o->title = db_dup(a, r, i, RECORD_TITLE);
		o->day = db_dup(a, r, i, RECORD_DAY);
		o->position = atoi(PQgetvalue(r, i, RECORD_POSITION));
		int k = live_kind_parse(PQgetvalue(r, i, RECORD_KIND));
		o->kind = k < 0 ? LIVE_POLL : (enum live_kind)k;
		o->prompt = db_dup(a, r, i, RECORD_PROMPT);
		o->answer = db_dup(a, r, i, RECORD_ANSWER);
		o->right = atoi(PQgetvalue(r, i, RECORD_RIGHT));
	}
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_live_stats(struct db *db, long long *workshops_running, long long *participants)
{
	PGresult *r = db_query(db, STMT_LIVE_STATS, 0, NULL, "live stats");
	if (r == NULL)
		return STORE_FAILED;
	*workshops_running = db_lnum(r, 0, STATS_WORKSHOPS);
	*participants = db_lnum(r, 0, STATS_PARTICIPANTS);
	PQclear(r);
	return STORE_OK;
}

long db_live_export(struct db *db, long long workshop, db_row_fn row, void *ctx)
{
	ID(s, workshop);
	const char *p[] = {s};
	return db_stream(db, STMT_LIVE_EXPORT, 1, p, row, ctx);
}

/* The per-process cache of workshop versions: a few slots, the oldest replaced. Shared by the threads. */
#define VERSION_SLOTS 32
static struct {
	char code[LIVE_CODE_SYMBOLS + 1];
	long long version, fetched_us;
} slots[VERSION_SLOTS];
static pthread_mutex_t slots_mu = PTHREAD_MUTEX_INITIALIZER;

static long long mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

enum store_rc db_live_version_cached(struct db *db, const char *code, long long *version)
{
	if (strlen(code) != LIVE_CODE_SYMBOLS)
		return STORE_NONE;
	long long now = mono_us();
	pthread_mutex_lock(&slots_mu);
	for (int i = 0; i < VERSION_SLOTS; i++)
		if (strcmp(slots[i].code, code) == 0 && now - slots[i].fetched_us < LIVE_VERSION_TTL_MS * 1000) {
			*version = slots[i].version;
			pthread_mutex_unlock(&slots_mu);
			return STORE_OK;
		}
	pthread_mutex_unlock(&slots_mu);
	const char *p[] = {code};
	PGresult *r = db_query(db, STMT_LIVE_VERSION, 1, p, "live version");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK)
		*version = db_lnum(r, 0, LIVE_VERSION_VALUE);
	PQclear(r);
	if (rc != STORE_OK)
		return rc;
	pthread_mutex_lock(&slots_mu);
	int slot = 0;
	for (int i = 0; i < VERSION_SLOTS; i++) {
		if (strcmp(slots[i].code, code) == 0) {
			slot = i;
			break;
		}
		if (slots[i].fetched_us < slots[slot].fetched_us)
			slot = i;
	}
	memcpy(slots[slot].code, code, LIVE_CODE_SYMBOLS + 1);
	slots[slot].version = *version;
	slots[slot].fetched_us = now;
	pthread_mutex_unlock(&slots_mu);
	return STORE_OK;
}

/* Questions as phones see them, by (question, workshop version): when a question opens, every phone of
 * the room asks for its page within a second; this saves a query on each. Entries hold their own copies
 * of the strings; a hit copies them into the request's arena under the lock, so an entry may be replaced
 * at any time. */
#define QUESTION_SLOTS 16
static struct {
	long long qid, version, used_us;
	struct live_question q;
	char *text;               /* prompt and options, each NUL-terminated, in order */
} qslots[QUESTION_SLOTS];
static pthread_mutex_t qslots_mu = PTHREAD_MUTEX_INITIALIZER;

static void copy_out(struct arena *a, int i, struct live_question *out)
{
	*out = qslots[i].q;
	const char *p = qslots[i].text;
	out->prompt = arena_strdup(a, p);
	p += strlen(p) + 1;
	for (int k = 0; k < out->nopt; k++) {
		out->opt[k] = arena_strdup(a, p);
		p += strlen(p) + 1;
	}
	qslots[i].used_us = mono_us();
}

static void keep(long long qid, long long version, const struct live_question *q)
{
	size_t n = strlen(q->prompt) + 1;
	for (int k = 0; k < q->nopt; k++)
		n += strlen(q->opt[k]) + 1;
	char *text = malloc(n), *p = text;
	if (text == NULL)
		return;
	p = stpcpy(p, q->prompt) + 1;
	for (int k = 0; k < q->nopt; k++)
		p = stpcpy(p, q->opt[k]) + 1;
	pthread_mutex_lock(&qslots_mu);
	int slot = 0;
	for (int i = 0; i < QUESTION_SLOTS; i++) {
		if (qslots[i].qid == qid) {
			slot = i;
			break;
		}
		if (qslots[i].used_us < qslots[slot].used_us)
			slot = i;
	}
	free(qslots[slot].text);
	qslots[slot].qid = qid;
	qslots[slot].version = version;
	qslots[slot].q = *q;
	qslots[slot].text = text;
	qslots[slot].used_us = mono_us();
	pthread_mutex_unlock(&qslots_mu);
}

enum store_rc db_live_question_at(struct db *db, struct arena *a, long long qid, long long version,
                                  struct live_question *out)
{
	pthread_mutex_lock(&qslots_mu);
	for (int i = 0; i < QUESTION_SLOTS; i++)
		if (qslots[i].qid == qid && qslots[i].version == version && qslots[i].text) {
			copy_out(a, i, out);
			pthread_mutex_unlock(&qslots_mu);
			return out->prompt ? STORE_OK : STORE_FAILED;
		}
	pthread_mutex_unlock(&qslots_mu);
	enum store_rc rc = db_live_question(db, a, qid, out);
	if (rc == STORE_OK)
		keep(qid, version, out);
	return rc;
}

enum store_rc db_live_set_lang(struct db *db, long long id, const char *lang)
{
	char wid[24];
	snprintf(wid, sizeof(wid), "%lld", id);
	const char *p[2] = {wid, lang && lang[0] ? lang : NULL};
	return db_exec(db, STMT_LIVE_SET_LANG, 2, p, "set workshop language");
}

enum store_rc db_live_question_text(struct db *db, struct arena *a, struct live_question *q, const char *lang)
{
	char qid[24];
	snprintf(qid, sizeof(qid), "%lld", q->id);
	const char *p[2] = {qid, lang};
	PGresult *r = db_query(db, STMT_LIVE_QUESTION_TEXT, 2, p, "live question text");
	if (r == NULL)
		return STORE_FAILED;
	enum store_rc rc = STORE_NONE;
	if (PQntuples(r) == 1 && atoi(PQgetvalue(r, 0, LIVE_Q_TEXT_NOPT)) == q->nopt) {
		const char *opts = PQgetvalue(r, 0, LIVE_Q_TEXT_OPTIONS);
		const char *opt[LIVE_OPTIONS_MAX];
		int n = 0;
		while (n < q->nopt) {
			size_t len = strcspn(opts, "\x1f");
			opt[n++] = arena_strndup(a, opts, len);
			opts += len;
			if (*opts)
				opts++;
		}
		const char *prompt = db_dup(a, r, 0, LIVE_Q_TEXT_PROMPT);
		bool ok = prompt != NULL;
		for (int i = 0; i < n; i++)
			ok = ok && opt[i] != NULL;
		if (ok) {
			q->prompt = prompt;
			for (int i = 0; i < n; i++)
				q->opt[i] = opt[i];
			q->lang = lang;
			rc = STORE_OK;
		}
	}
	PQclear(r);
	return rc;
}
