/* cohorts.h (store): cohorts as their facilitators manage them, and the rows their reports are made of.
 * Each returns an enum store_rc (store/db.h): STORE_OK (found, done), STORE_NONE (not found, nothing
 * changed), STORE_FAILED (database error), STORE_TAKEN (a code or name already taken). Strings come from
 * the arena. */
#ifndef PASSAGE_STORE_COHORTS_H
#define PASSAGE_STORE_COHORTS_H

#include "core/arena.h"
#include "domain/reports.h"
#include "store/db.h"

struct cohort {
	long long id;
	const char *name, *join_code;
	const char *join_last_day;    /* "" (no expiry) or YYYY-MM-DD: the code works until that day ends, UTC */
	bool join_enabled, join_expired, archived, aggregate_only;
	int trainees;
	const char *lang;             /* "" or a language code: the trainees' default and the join sheet's */
};

/* The cohorts `user` may see: all of them for an administrator, else those they facilitate. */
enum store_rc db_cohorts(struct db *db, struct arena *a, long long user, bool admin, struct cohort **out, int *n);
/* One cohort, when `user` may see it (0 otherwise: the same answer as for a cohort that does not exist). */
enum store_rc db_cohort_get(struct db *db, struct arena *a, long long id, long long user, bool admin,
                            struct cohort *out);
enum store_rc db_cohort_rename(struct db *db, long long id, const char *name);
/* lang "" or NULL: none (each trainee's browser decides). */
enum store_rc db_cohort_set_lang(struct db *db, long long id, const char *lang);
enum store_rc db_cohort_archive(struct db *db, long long id, bool archived);
/* last_day: NULL for no expiry, else YYYY-MM-DD. */
enum store_rc db_cohort_join(struct db *db, long long id, bool enabled, const char *last_day);
enum store_rc db_cohort_code(struct db *db, long long id, const char *code);
enum store_rc db_cohort_privacy(struct db *db, long long id, bool aggregate_only);

struct staff_row {
	long long id;
	const char *username, *name;
};
enum store_rc db_cohort_staff(struct db *db, struct arena *a, long long id, struct staff_row **out, int *n);
/* 1 when `username` is an active staff account (now a facilitator of the cohort), 0 when not. */
enum store_rc db_cohort_staff_add(struct db *db, long long id, const char *username);
/* 0 when the user was not one, or is the last. */
enum store_rc db_cohort_staff_remove(struct db *db, long long id, long long user);

/* Every current module, with the cohort's assignment (struct cohort_module: domain/reports.h). */
enum store_rc db_cohort_modules(struct db *db, struct arena *a, long long id, struct cohort_module **out, int *n);
/* due_on: NULL for none. */
enum store_rc db_cohort_module_set(struct db *db, long long cohort, long long module, bool assigned,
                                   const char *due_on);

/* The cohort's trainees by name (struct trainee_row: domain/reports.h). */
enum store_rc db_roster(struct db *db, struct arena *a, long long cohort, struct trainee_row **out, int *n);
/* Moves a trainee of cohort `from` to `to` (0: out of any cohort). */
enum store_rc db_trainee_move(struct db *db, long long user, long long from, long long to);

/* Recovery (009_recovery). n trainees of `cohort` at once, all or none: names[i] with the hash (hex) of
 * their resume code hexes[i]; their ids go to ids, in the same order. STORE_TAKEN when a code was taken. */
enum store_rc db_trainees_create(struct db *db, struct arena *a, long long cohort, const char *const *names,
                                 const char *const *hexes, int n, long long *ids);
/* Gives a trainee fresh quiz attempts at a module that limits them: as many more as they have used.
 * Every attempt stays recorded. */
enum store_rc db_attempts_give(struct db *db, long long user, long long module);
/* What a trainee of `cohort` has, for the merge's confirmation (0: no such trainee in the cohort). */
struct trainee_holdings {
	long long id;
	const char *name, *joined;    /* joined: YYYY-MM-DD */
	bool has_password;
	int lessons, quiz_attempts, prechecks, runs, certificates, live;
};
enum store_rc db_trainee_holdings(struct db *db, struct arena *a, long long user, long long cohort,
                                  struct trainee_holdings *out);
/* Moves every record of trainee `gone` to `keep` and deletes `gone`, in one transaction (trainee_merge()
 * in 009_recovery); gone's sessions end on every server. 0 when they are not two trainees of one cohort. */
enum store_rc db_trainee_merge(struct db *db, long long keep, long long gone);

/* Each trainee's record in each assigned module, or in `module` only (0: all); cells with nothing in
 * them are left out. user and module indexes are left for the caller (-1). */
enum store_rc db_cohort_cells(struct db *db, struct arena *a, long long cohort, long long module, struct cell **out,
                              int *n);

/* The answers of each trainee's first attempt at `set` of revision `rev`, among those made in language
 * `answered_in` when it is not "" or NULL (struct item_row: domain/reports.h). */
enum store_rc db_item_answers(struct db *db, struct arena *a, long long cohort, long long module, long long rev,
                              const char *set, const char *answered_in, struct item_row **out, int *n);

struct scen_choice {
	long long id;
	const char *label, *target;
	int n;                        /* trainees who made this choice */
};
struct scen_step {
	long long id;
	const char *key, *title, *outcome;
	const char *excerpt;          /* the start of the step's text */
	bool ending;
	int reached;                  /* trainees who were ever at this step */
	struct scen_choice choices[CONTENT_CHOICES_MAX];
	int nchoices;
};
/* A revision's case steps, with how many of the cohort's trainees reached each and chose each choice. */
enum store_rc db_scenario_report(struct db *db, struct arena *a, long long cohort, long long module, long long rev,
                                 struct scen_step **out, int *n);

struct answer_line {
	const char *slug, *module_title, *set, *when, *question, *letters, *chosen_text;
	int number, score, position;
	bool passed, correct;
};
/* Every answer of one trainee (at most 5,000), by module, set, attempt and question. */
enum store_rc db_trainee_answers(struct db *db, struct arena *a, long long user, struct answer_line **out, int *n);

struct run_line {
	long long run;
	const char *slug, *started, *outcome, *step, *choice;   /* step/choice "" for a run with no moves */
	bool ended;
};
enum store_rc db_trainee_runs(struct db *db, struct arena *a, long long user, struct run_line **out, int *n);

/* Every answer of a cohort (0: of every cohort not marked aggregate-only), streamed to row() with the
 * columns: trainee id, name, cohort, module, set, attempt, submitted (UTC), question position, question
 * key, options (positions, comma-separated), correct (t/f), attempt score. Returns rows, or -1. */
long db_export_answers(struct db *db, long long cohort, db_row_fn row, void *ctx);

/* Option positions "0,2" as a bit set. */
unsigned db_option_bits(const char *list);

#endif
