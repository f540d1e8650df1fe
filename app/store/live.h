/* live.h (store): live workshops, their questions, the room's participants and answers.
 * Each returns an enum store_rc (store/db.h): STORE_OK (found, done), STORE_NONE (not found, refused,
 * nothing changed), STORE_FAILED (database error), STORE_TAKEN (a code already taken), STORE_LIMITED (too
 * many posts in a minute). Strings come from the arena. */
#ifndef PASSAGE_STORE_LIVE_H
#define PASSAGE_STORE_LIVE_H

#include "core/arena.h"
#include "domain/live.h"
#include "store/db.h"

struct workshop {
	long long id, owner_id, cohort_id, current_id, version;
	const char *code, *title, *cohort_name, *blocked_words, *created_on;
	enum live_state state;
	bool hold_posts;
	bool aggregate_only;      /* the workshop is for an aggregate-only cohort: its results follow that rule */
	const char *lang;         /* "" or a language code: the projector's */
	/* what the console and the projector count */
	int participants, answered, changes, posts, held, questions;
};

struct live_question {
	long long id;
	int position;
	enum live_kind kind;
	const char *prompt;
	bool opened, closed, revealed;
	int nopt;
	const char *opt[LIVE_OPTIONS_MAX];
	bool correct[LIVE_OPTIONS_MAX];
	const char *lang;         /* NULL: as the facilitator wrote it; else the module's translation shown */
};

/* A new workshop with a fresh code: empty, or with the quiz questions of module `slug` (NULL: none). */
enum store_rc db_live_create(struct db *db, const char *code, const char *title, long long owner, long long cohort,
                             const char *slug, long long *id);
/* The workshops `user` may run: their own, their cohorts', or every one for an administrator. */
enum store_rc db_live_list(struct db *db, struct arena *a, long long user, bool admin, struct workshop **out,
                           int *n);
/* One workshop when `user` may run it, with the counts of its current question. */
enum store_rc db_live_get(struct db *db, struct arena *a, long long id, long long user, bool admin,
                          struct workshop *out);
/* The workshops held for a cohort, newest first. */
enum store_rc db_live_for_cohort(struct db *db, struct arena *a, long long cohort, struct workshop **out, int *n);
enum store_rc db_live_questions(struct db *db, struct arena *a, long long workshop, struct live_question **out, int *n);
enum store_rc db_live_question(struct db *db, struct arena *a, long long qid, struct live_question *out);
/* A question that came from a module's quiz, shown in `lang` where the module has it translated: its
 * prompt and options replaced and q->lang set (STORE_OK); as written otherwise (STORE_NONE). */
enum store_rc db_live_question_text(struct db *db, struct arena *a, struct live_question *q, const char *lang);
/* The same, as it stood at the workshop's `version`: from this process's copy when it has one (a question's
 * state changes only with the version, its text never once shown), else read and kept. */
enum store_rc db_live_question_at(struct db *db, struct arena *a, long long qid, long long version,
                                  struct live_question *out);
/* Appends a question; correct: the right option's position for a quiz, else -1. 0 when the workshop is full. */
enum store_rc db_live_question_add(struct db *db, long long workshop, enum live_kind kind, const char *prompt,
                                   const char *const *opts, int nopt, int correct);
/* Deletes a question that was never opened. */
enum store_rc db_live_question_delete(struct db *db, long long workshop, long long qid);
enum store_rc db_live_settings(struct db *db, long long workshop, bool hold, const char *words);

/* The facilitator's moves. Each changes what phones show, so each bumps the workshop's version. */
enum live_move { MOVE_START, MOVE_GOTO, MOVE_LOBBY, MOVE_OPEN, MOVE_CLOSE, MOVE_REVEAL, MOVE_END };
enum store_rc db_live_move(struct db *db, long long workshop, enum live_move m, long long qid);
/* Shows, holds or hides a Q&A post (post > 0) or an open answer (question qid, participant pid). */
enum store_rc db_live_moderate(struct db *db, long long workshop, long long post, long long qid, long long pid,
                               enum live_status st);

/* ---- the room ---- */
enum store_rc db_live_by_code(struct db *db, struct arena *a, const char *code, struct workshop *out);
/* A participant: anonymous (user 0, name NULL for "Anonymous"), or a signed-in user, who keeps one place
 * per workshop (joining again gives that place a new token). 1 joined; 0 when the workshop has
 * `anonymous_max` anonymous places already (an anonymous join only); -1 on error. */
enum store_rc db_live_join(struct db *db, long long workshop, const char *token_hex, long long user, const char *name,
                           int anonymous_max, long long *pid);

/* What one participant's poll needs, in one round trip. */
struct live_view {
	char token_hex[65];       /* the hash of the phone's token (filled by the caller) */
	long long pid, workshop, version, current_id;
	enum live_state state;
	const char *title, *name;
	bool signed_in;
	int changes;              /* -1: no answer to the current question yet */
	int choice;               /* -1 when none */
	const char *body;         /* "" when none */
	enum live_status status;
	bool aggregate_only;      /* the workshop is for an aggregate-only cohort */
};
enum store_rc db_live_view(struct db *db, struct arena *a, const char *token_hex, const char *code,
                           struct live_view *out);
/* A workshop's version as this process last read it, at most LIVE_VERSION_TTL_MS old: what lets a
 * phone's unchanged poll be answered 304 without a query. 1, 0 (no such code), -1. */
#define LIVE_VERSION_TTL_MS 200
/* lang "" or NULL: none (the facilitator's own language). */
enum store_rc db_live_set_lang(struct db *db, long long id, const char *lang);
enum store_rc db_live_version_cached(struct db *db, const char *code, long long *version);
/* The hold switch and word list, for posts. */
enum store_rc db_live_moderation(struct db *db, struct arena *a, long long workshop, bool *hold, const char **words);

/* Records (or replaces) an answer while `qid` is current and open and the participant has changed it fewer
 * than `cap` times: 1 counted, 0 refused. */
enum store_rc db_live_answer(struct db *db, long long qid, long long pid, int choice, const char *body,
                             enum live_status st, int cap);
/* A Q&A post: STORE_OK posted, STORE_NONE when the question is not open, STORE_LIMITED when the
 * participant has posted `per_minute` times in the last minute. */
enum store_rc db_live_post(struct db *db, long long workshop, long long qid, long long pid, const char *body,
                           enum live_status st, int per_minute);
/* An upvote of someone else's shown post: 1, or 0 (already voted, own post, not open). */
enum store_rc db_live_vote(struct db *db, long long workshop, long long qid, long long pid, long long post);

/* Results. */
enum store_rc db_live_tally(struct db *db, long long qid, int counts[LIVE_OPTIONS_MAX + 1]);
struct live_word {
	const char *text;
	int count;
};
enum store_rc db_live_words(struct db *db, struct arena *a, long long qid, struct live_word **out, int *n);
struct live_post {
	long long id, pid;
	const char *body, *name;
	enum live_status status;
	int votes;
	bool mine, voted;
};
/* The board as `pid` sees it (shown posts and their own held ones), or all posts for staff. */
enum store_rc db_live_posts(struct db *db, struct arena *a, long long qid, long long pid, bool staff,
                            struct live_post **out, int *n);
/* Open answers for moderation, held ones first. */
enum store_rc db_live_open_answers(struct db *db, struct arena *a, long long qid, struct live_post **out, int *n);
struct live_summary {
	long long qid;
	int answers, right, posts;
};
enum store_rc db_live_summary(struct db *db, struct arena *a, long long workshop, struct live_summary **out, int *n);

/* One trainee's live answers, for their record. */
struct live_record {
	long long workshop;
	const char *title, *day, *prompt, *answer;
	enum live_kind kind;
	int position;
	int right;                /* -1: not a quiz question, or not revealed yet; 0 or 1 */
};
enum store_rc db_live_record(struct db *db, struct arena *a, long long user, struct live_record **out, int *n);
/* Running workshops and their participants, for /metrics. */
enum store_rc db_live_stats(struct db *db, long long *workshops, long long *participants);

/* Every answer and post of a workshop, streamed row by row (store/db.h's db_stream). */
long db_live_export(struct db *db, long long workshop, db_row_fn row, void *ctx);

#endif
