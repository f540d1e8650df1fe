/* progress.h: a trainee's progress through a module, and the rules that judge it. Pure. */
#ifndef PASSAGE_PROGRESS_H
#define PASSAGE_PROGRESS_H

#include <stdbool.h>

#include "domain/content.h"

struct module_info {
	long long id, revision_id;
	char slug[CONTENT_ID_MAX + 1];
	const char *title, *summary, *scenario_title, *scenario_start;   /* scenario_*: "" when none */
	int pass_mark, attempts;          /* attempts: 0 = unlimited; in a trainee's progress, with any given back */
	int nlessons, nquiz, nprecheck;
};

struct progress {
	struct module_info m;
	int lessons_read;
	int quiz_attempts;
	int best_score;                   /* -1: no attempt */
	int best_attempt;                 /* the number of the best quiz attempt (the first with the best score); 0: none */
	bool quiz_passed, precheck_done, scenario_started, scenario_done;
	unsigned long long lessons_mask;  /* bit p-1 set: the lesson at position p was read
                                     (CONTENT_LESSONS_MAX keeps p within the mask) */
	const char *certificate;          /* "" or the code */
	const char *due_on;               /* "" or YYYY-MM-DD: the trainee's cohort asks for it by then */
};

/* A question as stored, with the database ids the pages need. */
struct stored_question {
	long long id;
	struct question q;
	char lang[4];        /* the language its text came in: "en" where it is not translated */
};

/* The step that stands next between a trainee and the module's certificate. */
enum step_kind {
	STEP_PRECHECK,      /* nothing done yet, and the module has a pre-check */
	STEP_LESSON,        /* the first lesson not read */
	STEP_QUIZ,          /* the quiz, not passed yet, with attempts left */
	STEP_NO_ATTEMPTS,   /* the quiz, not passed, and every attempt used: the facilitator can give more */
	STEP_SCENARIO,      /* the case, not finished yet */
	STEP_CERTIFICATE,   /* everything done */
};
struct next_step {
	enum step_kind kind;
	int lesson;         /* STEP_LESSON: its position */
};

/* Whole percent, rounded down: 79.9% is not 80%. */
int score_percent(int correct, int total);
bool attempts_left(const struct progress *p);
/* Whether a review shows the right options and their feedback, by the module's setting: `passed` is
 * whether the trainee has passed the quiz (in any attempt). */
bool review_shows_key(enum show_answers setting, bool passed);
bool module_complete(const struct progress *p);
/* The trainee did something in the module: read a lesson, answered, or began the case. Opening a page
 * that records nothing (the quiz's form, the module's overview) is not doing something. */
bool module_started(const struct progress *p);
bool lesson_read(const struct progress *p, int position);
/* Where "Continue" goes: the pre-check only before anything else, then the first lesson not read, the
 * quiz, the case, and the certificate. */
struct next_step module_next_step(const struct progress *p);
/* Steps done out of the module's total (lessons, the quiz, the scenario), for the progress bar. */
void progress_steps(const struct progress *p, int *done, int *total);

#endif
