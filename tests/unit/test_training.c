/* test_training.c: scoring, attempts and completion rules. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "domain/training.h"

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
