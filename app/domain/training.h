/* training.h: a trainee's progress through a module, and the rules that judge it. Pure. */
#ifndef PASSAGE_TRAINING_H
#define PASSAGE_TRAINING_H

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
	bool quiz_passed, precheck_done, scenario_done;
	const char *place;                /* "" or 'lesson:N', 'precheck', 'quiz', 'scenario' */
	const char *certificate;          /* "" or the code */
	const char *due_on;               /* "" or YYYY-MM-DD: the trainee's cohort asks for it by then */
};

/* A question as stored, with the database ids the pages need. */
struct stored_question {
	long long id;
	struct question q;
};

/* Whole percent, rounded down: 79.9% is not 80%. */
int score_percent(int correct, int total);
bool attempts_left(const struct progress *p);
bool module_complete(const struct progress *p);
/* Steps done out of the module's total (lessons, the quiz, the scenario), for the progress bar. */
void progress_steps(const struct progress *p, int *done, int *total);

#endif
