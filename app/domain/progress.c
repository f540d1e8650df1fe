/* progress.c: scoring and completion rules. */
#include "domain/progress.h"

int score_percent(int correct, int total)
{
	if (total <= 0 || correct <= 0)
		return 0;
	if (correct >= total)
		return 100;
	return correct * 100 / total;
}

bool attempts_left(const struct progress *p)
{
	return p->m.attempts == 0 || p->quiz_attempts < p->m.attempts;
}

static bool has_scenario(const struct progress *p)
{
	return p->m.scenario_start != 0 && p->m.scenario_start[0] != '\0';
}

bool review_shows_key(enum show_answers setting, bool passed)
{
	return setting == SHOW_ALWAYS || (setting == SHOW_AFTER_PASSING && passed);
}

bool module_complete(const struct progress *p)
{
	return p->lessons_read >= p->m.nlessons && p->quiz_passed && (p->scenario_done || !has_scenario(p));
}

bool module_started(const struct progress *p)
{
	return p->lessons_read > 0 || p->lessons_mask != 0 || p->quiz_attempts > 0 || p->precheck_done ||
	       p->scenario_started || p->scenario_done;
}

bool lesson_read(const struct progress *p, int position)
{
	return position >= 1 && position <= 64 && (p->lessons_mask >> (position - 1) & 1);
}

struct next_step module_next_step(const struct progress *p)
{
	if (module_complete(p))
		return (struct next_step){STEP_CERTIFICATE, 0};
	if (!module_started(p) && p->m.nprecheck > 0)
		return (struct next_step){STEP_PRECHECK, 0};
	for (int i = 1; i <= p->m.nlessons; i++)
		if (!lesson_read(p, i))
			return (struct next_step){STEP_LESSON, i};
	if (!p->quiz_passed)
		return (struct next_step){attempts_left(p) ? STEP_QUIZ : STEP_NO_ATTEMPTS, 0};
	return (struct next_step){STEP_SCENARIO, 0};
}

void progress_steps(const struct progress *p, int *done, int *total)
{
	*total = p->m.nlessons + 1 + (has_scenario(p) ? 1 : 0);
	*done = (p->lessons_read < p->m.nlessons ? p->lessons_read : p->m.nlessons) + (p->quiz_passed ? 1 : 0) +
	        (has_scenario(p) && p->scenario_done ? 1 : 0);
}
