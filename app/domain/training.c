/* training.c: scoring and completion rules. */
#include "domain/training.h"

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

bool review_shows_key(enum show_answers setting, bool passed)
{
	return setting == SHOW_ALWAYS || (setting == SHOW_AFTER_PASSING && passed);
}

bool module_complete(const struct progress *p)
{
	bool has_scenario = p->m.scenario_start != 0 && p->m.scenario_start[0] != '\0';
	return p->lessons_read >= p->m.nlessons && p->quiz_passed && (p->scenario_done || !has_scenario);
}

void progress_steps(const struct progress *p, int *done, int *total)
{
	bool has_scenario = p->m.scenario_start != 0 && p->m.scenario_start[0] != '\0';
	*total = p->m.nlessons + 1 + (has_scenario ? 1 : 0);
	*done = (p->lessons_read < p->m.nlessons ? p->lessons_read : p->m.nlessons) + (p->quiz_passed ? 1 : 0) +
	        (has_scenario && p->scenario_done ? 1 : 0);
}
