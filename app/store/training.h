/* training.h (store): modules, lessons, quizzes, scenarios and certificates as a trainee meets them.
 * Each returns an enum store_rc (store/db.h): STORE_OK (found, done), STORE_NONE (not found, or nothing
 * recorded because it already was), STORE_FAILED (database error). Strings come from the arena. */
#ifndef PASSAGE_STORE_TRAINING_H
#define PASSAGE_STORE_TRAINING_H

#include "core/arena.h"
#include "domain/progress.h"
#include "store/db.h"

enum store_rc db_progress_all(struct db *db, struct arena *a, long long user, struct progress **out, int *n);
enum store_rc db_progress_one(struct db *db, struct arena *a, long long user, const char *slug, struct progress *out);
/* Only what the quiz and case pages need: lessons_read, the lessons' mask, scenario_done and the
 * certificate are left empty. With `lesson`, only what the lesson page needs: the module's names, its
 * lesson count and which lessons were read. */
enum store_rc db_progress_head(struct db *db, struct arena *a, long long user, const char *slug, bool lesson,
                               struct progress *out);

struct lesson_title {
	int position;
	const char *title;
	bool read;
	int words;
	const char *lang;   /* the title's language: "en" where not translated */
};
/* Lessons and question sets never change within a revision: each process keeps them once read. The
 * returned memory is the cache's (read only) or the arena's. */
/* A lesson as it is shown: in the language asked for, or in English where it is not translated (lang
 * says which). */
struct lesson_text {
	const char *title, *html, *lang;
	int words;
};
enum store_rc db_lesson(struct db *db, struct arena *a, long long rev, int pos, const char *lang, struct lesson_text *out);
enum store_rc db_lesson_uncached(struct db *db, struct arena *a, long long rev, int pos, const char *lang,
                                 struct lesson_text *out);
enum store_rc db_lesson_titles(struct db *db, struct arena *a, long long rev, long long user, long long module,
                               const char *lang, struct lesson_title **out, int *n);
/* A revision's title and summary in a language: STORE_NONE where it is not translated. */
enum store_rc db_revision_text(struct db *db, struct arena *a, long long rev, const char *lang, const char **title,
                               const char **summary);
enum store_rc db_mark_read(struct db *db, long long user, long long module, int pos, long long rev);

/* A set's questions in a language (lang: "en" for the English), each in English where not translated. */
enum store_rc db_questions(struct db *db, struct arena *a, long long rev, const char *set, const char *lang,
                           struct stored_question **out, int *n);
enum store_rc db_questions_uncached(struct db *db, struct arena *a, long long rev, const char *set, const char *lang,
                                    struct stored_question **out, int *n);

struct answer_row {
	long long question_id;
	int options[CONTENT_OPTIONS_MAX];    /* written positions (0 = A), whatever order they were shown in */
	int nopts;
	bool correct;
};
enum store_rc db_attempt_insert(struct db *db, long long user, long long module, long long rev, const char *set,
                                int number, int correct, int total, int score, bool passed,
                                const struct answer_row *ans, int n, const char *lang);

struct attempt_info {
	long long id, revision_id;
	int correct, total, score;
	bool passed;
	const char *when;
};
enum store_rc db_attempt_get(struct db *db, struct arena *a, long long user, long long module, const char *set,
                             int number, struct attempt_info *out);
enum store_rc db_attempt_answers(struct db *db, long long attempt, struct answer_row *out, int max, int *n);
/* The quiz settings of revision rev, when it is one of module's (0 when it is not). */
enum store_rc db_revision_quiz(struct db *db, long long rev, long long module, int *pass_mark, enum show_answers *show);

struct run_info {
	long long id, revision_id;
	const char *current_key, *outcome;
	int moves;
	bool ended;
};
enum store_rc db_run_current(struct db *db, struct arena *a, long long user, long long module, struct run_info *out);
enum store_rc db_run_start(struct db *db, long long user, long long module, long long rev, const char *start,
                           long long *id);

struct step_choice {
	long long id;
	int position;
	const char *label, *feedback, *target;
};
struct step_view {
	long long id;
	bool ending;
	const char *outcome, *title, *text;
	struct step_choice choices[CONTENT_CHOICES_MAX];
	int nchoices;
};
enum store_rc db_step(struct db *db, struct arena *a, long long rev, const char *key, struct step_view *out);
/* Moves run from its step (seq = moves made so far) by choice to new_key; outcome non-NULL ends it.
 * 0 when the run had already moved on (a form posted twice, another tab). */
enum store_rc db_run_move(struct db *db, long long run, int seq, long long step, long long choice, const char *new_key,
                          const char *outcome);

enum store_rc db_cert_issue(struct db *db, struct arena *a, const char *code, long long user, long long module,
                            long long rev, const char *name, const char *title, const char **issued);
enum store_rc db_cert_get(struct db *db, struct arena *a, const char *code, const char **name, const char **title,
                          const char **date, const char **slug);

struct glossary_row {
	const char *key, *name, *text, *lang;   /* lang: the language the term comes in ("en" where not translated) */
};
enum store_rc db_glossary(struct db *db, struct arena *a, const char *lang, struct glossary_row **out, int *n);
/* A content page (content_pages) by key, in lang or else English (*page_lang says which): STORE_NONE when
 * none is loaded. */
enum store_rc db_page(struct db *db, struct arena *a, const char *key, const char *lang, const char **title,
                      const char **html, const char **page_lang);
enum store_rc db_notes(struct db *db, struct arena *a, const char *slug, const char **title, const char **html);

#endif
