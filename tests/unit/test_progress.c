/* test_progress.c: scoring, attempts and completion rules. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "domain/progress.h"

struct score_vec { int correct, total, want; };
ParameterizedTestParameters(training_rules, score)
{
	static struct score_vec v[] = {
		{0, 10, 0}, {10, 10, 100}, {8, 10, 80}, {7, 9, 77}, {4, 5, 80}, {79, 100, 79}, {1, 3, 33}, {2, 3, 66},
		{0, 0, 0}, {5, 0, 0}, {-1, 5, 0}, {12, 10, 100},
	};
	return cr_make_param_array(struct score_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct score_vec *v, training_rules, score)
{
	cr_expect_eq(score_percent(v->correct, v->total), v->want, "%d/%d", v->correct, v->total);
}

static struct progress base(void)
{
	struct progress p = {0};
	p.m.nlessons = 4;
	p.m.pass_mark = 80;
	p.m.scenario_start = "begin";
	p.certificate = "";
	return p;
}

Test(training_rules, completion_needs_lessons_quiz_and_case)
{
	struct progress p = base();
	cr_expect_not(module_complete(&p));
	p.lessons_read = 4;
	p.quiz_passed = true;
	cr_expect_not(module_complete(&p), "the case is still to do");
	p.scenario_done = true;
	cr_expect(module_complete(&p));
	p.lessons_read = 3;
	cr_expect_not(module_complete(&p), "one lesson unread");
	p.lessons_read = 4;
	p.quiz_passed = false;
	cr_expect_not(module_complete(&p), "quiz not passed");
	p.quiz_passed = true;
	p.scenario_done = false;
	p.m.scenario_start = "";
	cr_expect(module_complete(&p), "a module without a case needs none");
}

Test(training_rules, attempts_and_steps)
{
	struct progress p = base();
	p.m.attempts = 3;
	p.quiz_attempts = 2;
	cr_expect(attempts_left(&p));
	p.quiz_attempts = 3;
	cr_expect_not(attempts_left(&p));
	p.m.attempts = 0;
	p.quiz_attempts = 50;
	cr_expect(attempts_left(&p), "0 means unlimited");
	int done, total;
	p.lessons_read = 2;
	p.quiz_passed = true;
	progress_steps(&p, &done, &total);
	cr_expect_eq(total, 6);
	cr_expect_eq(done, 3);
	p.lessons_read = 9;   /* reads of a longer, older revision never count past today's lessons */
	progress_steps(&p, &done, &total);
	cr_expect_eq(done, 5);
}

/* Marks lesson `pos` read, as the store fills the mask and the count. */
static void read_lesson(struct progress *p, int pos)
{
	if (!(p->lessons_mask >> (pos - 1) & 1))
		p->lessons_read++;
	p->lessons_mask |= 1ULL << (pos - 1);
}

Test(training_rules, continue_goes_to_the_first_step_not_done)
{
	struct progress p = base();
	p.m.nprecheck = 3;
	p.m.attempts = 2;
	struct next_step s = module_next_step(&p);
	cr_expect_eq(s.kind, STEP_PRECHECK, "nothing done: the pre-check first");
	cr_expect_not(module_started(&p));

	/* A lesson read out of order: the pre-check is skipped for good, and the first gap is next. */
	read_lesson(&p, 3);
	cr_expect(module_started(&p));
	s = module_next_step(&p);
	cr_expect_eq(s.kind, STEP_LESSON);
	cr_expect_eq(s.lesson, 1);
	read_lesson(&p, 1);
	read_lesson(&p, 4);
	read_lesson(&p, 4);   /* read twice, counted once */
	cr_expect_eq(p.lessons_read, 3);
	s = module_next_step(&p);
	cr_expect_eq(s.kind, STEP_LESSON);
	cr_expect_eq(s.lesson, 2, "the one lesson missing, not the last place");
	cr_expect(lesson_read(&p, 3));
	cr_expect_not(lesson_read(&p, 2));
	cr_expect_not(lesson_read(&p, 0));
	cr_expect_not(lesson_read(&p, 65));

	read_lesson(&p, 2);
	cr_expect_eq(module_next_step(&p).kind, STEP_QUIZ);
	p.quiz_attempts = 2;
	cr_expect_eq(module_next_step(&p).kind, STEP_NO_ATTEMPTS, "every attempt used, not passed");
	p.quiz_passed = true;
	cr_expect_eq(module_next_step(&p).kind, STEP_SCENARIO);
	p.scenario_started = true;
	cr_expect_eq(module_next_step(&p).kind, STEP_SCENARIO, "a case begun is still to finish");
	p.scenario_done = true;
	cr_expect_eq(module_next_step(&p).kind, STEP_CERTIFICATE);
}

Test(training_rules, doing_something_is_starting)
{
	struct progress p = base();
	cr_expect_not(module_started(&p), "a new trainee, or one who only opened pages");
	p.precheck_done = true;
	cr_expect(module_started(&p));
	p = base();
	p.quiz_attempts = 1;
	cr_expect(module_started(&p));
	p = base();
	p.scenario_started = true;
	cr_expect(module_started(&p));
	/* Without a pre-check, a new trainee starts with lesson 1. */
	p = base();
	struct next_step s = module_next_step(&p);
	cr_expect_eq(s.kind, STEP_LESSON);
	cr_expect_eq(s.lesson, 1);
}
