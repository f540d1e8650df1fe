/* page_quiz.c: the quiz and the pre-check: the questions, the submission (recorded once, in one
 * statement, against the revision the trainee saw), and the review of an attempt. */
#include <stdlib.h>
#include <string.h>

#include "pages/auth.h"
#include "domain/account.h"
#include "pages/training.h"
#include "store/training.h"

enum { IN_ATTEMPT };
const struct field quiz_fields[] = {
	/* GET: the attempt the form is for (its address, so Back after sending finds it sent); POST: the one
	 * it answers */
	[IN_ATTEMPT] = {"attempt", FIELD_INT, 1, 1000, false},
	{NULL},
};

static bool is_quiz(const char *set)
{
	return strcmp(set, "quiz") == 0;
}

static void question_form(struct req *r, const struct progress *p, const char *set, int number,
                          const struct stored_question *qs, int n)
{
	const char *name = is_quiz(set) ? "Quiz" : "What do you know already?";
	layout_begin(r, arena_printf(r->arena, "%s: %s", name, p->m.title));
	module_crumbs(r, p, is_quiz(set) ? "Quiz" : "Pre-check");
	html(r, "<h1>%s</h1>\n", name);
	if (is_quiz(set))
		html(r, "<p>%d questions. You pass with %d%% or more.%s</p>\n", n, p->m.pass_mark,
		     p->m.attempts ? arena_printf(r->arena, " This is attempt %d of %d.", number, p->m.attempts) : "");
	else
		html(r, "<p>A few questions before the lessons, to see what you know already. They are not marked: "
		        "answer as best you can.</p>\n");
	html(r, "<form method=\"post\" action=\"/modules/%s/%s\" class=\"quiz\">\n", p->m.slug, set);
	auth_form_token(r);
	html(r, "<input type=\"hidden\" name=\"attempt\" value=\"%d\">\n", number);
	for (int i = 0; i < n; i++) {
		const struct question *q = &qs[i].q;
		bool multi = q->kind == QK_MULTIPLE;
		html(r, "<fieldset class=\"question\">\n<legend><span class=\"qnum\">Question %d of %d</span> %s</legend>\n"
		        "<p class=\"hint\">%s</p>\n",
		     i + 1, n, q->text, multi ? "Choose all that apply." : "Choose one answer.");
		for (int o = 0; o < q->nopts; o++)
			html(r, "<label class=\"choice\"><input type=\"%s\" name=\"q%d\" value=\"%d\"> %s</label>\n",
			     multi ? "checkbox" : "radio", i + 1, o, q->opts[o].text);
		html(r, "</fieldset>\n");
	}
	html(r, "<button type=\"submit\">Submit my answers</button>\n</form>\n");
	layout_end(r);
}

/* Reads and checks the posted answers. Returns 0, or 400 with *why. */
static int read_answers(struct req *r, const struct stored_question *qs, int n, struct answer_row *rows,
                        const char **why)
{
	for (int i = 0; i < n; i++)
		rows[i] = (struct answer_row){.question_id = qs[i].id};
	for (size_t k = 0; k < r->form.n; k++) {
		const struct kv *f = &r->form.v[k];
		if (strcmp(f->key, "csrf") == 0 || strcmp(f->key, "attempt") == 0)
			continue;
		char *end;
		long qi = f->key[0] == 'q' ? strtol(f->key + 1, &end, 10) : 0;
		if (f->key[0] != 'q' || *end != '\0' || qi < 1 || qi > n || f->key[1] == '0' || f->key[1] == '+' || f->key[1] == '-') {
			*why = "an answer to a question that is not in this quiz";
			return 400;
		}
		const struct question *q = &qs[qi - 1].q;
		long o = strtol(f->val, &end, 10);
		if (f->val[0] < '0' || f->val[0] > '9' || *end != '\0' || o < 0 || o >= q->nopts) {
			*why = "an option that is not in the question";
			return 400;
		}
		struct answer_row *a = &rows[qi - 1];
		if (q->kind != QK_MULTIPLE && a->nopts > 0) {
			*why = "more than one answer to a one-answer question";
			return 400;
		}
		for (int j = 0; j < a->nopts; j++) {
			if (a->options[j] == (int)o) {
				*why = "the same option twice";
				return 400;
			}
		}
		a->options[a->nopts++] = (int)o;
	}
	for (int i = 0; i < n; i++)
		rows[i].correct = question_correct(&qs[i].q, rows[i].options, rows[i].nopts);
	return 0;
}

static void sent_already(struct req *r, const struct progress *p, const char *set, int sent, int next)
{
	layout_begin(r, "Quiz");
	module_crumbs(r, p, "Quiz");
	html(r, "<h1>Quiz</h1>\n<p>Your answers to attempt %d were sent and marked.</p>\n"
	        "<p><a class=\"btn%s\" href=\"/modules/%s/%s/%d\">See your answers to attempt %d</a></p>\n",
	     sent, p->quiz_passed ? "" : " secondary", p->m.slug, set, sent, sent);
	html(r, "<p><a class=\"btn%s\" href=\"/modules/%s/%s?attempt=%d\">%s</a></p>\n", p->quiz_passed ? " secondary" : "",
	     p->m.slug, set, next, p->quiz_passed ? "Take the quiz again for practice" : arena_printf(r->arena, "Start attempt %d", next));
	html(r, "<p><a href=\"/modules/%s\">Back to the module</a></p>\n", p->m.slug);
	layout_end(r);
}

static void take(struct req *r, const char *set)
{
	struct progress p;
	if (!module_head(r, &p))
		return;
	bool quiz = is_quiz(set);
	if (!quiz && p.m.nprecheck == 0) {
		http_error(r, 404, NULL);
		return;
	}
	int done_before = quiz ? p.quiz_attempts : (p.precheck_done ? 1 : 0);
	int next = done_before + 1;
	bool exhausted = quiz ? !attempts_left(&p) : p.precheck_done;
	struct stored_question *qs;
	int n;
	if (db_questions(r->db, r->arena, p.m.revision_id, set, &qs, &n) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	if (r->method != METHOD_POST) {
		/* Back after sending an attempt, or the quiz opened again after one: what was sent is never a
		 * blank form that would spend another attempt; a new attempt is its own choice. */
		int asked = r->in[IN_ATTEMPT].state == FIELD_OK ? (int)r->in[IN_ATTEMPT].i : 0;
		if ((asked > 0 && asked < next) || (asked == 0 && done_before > 0 && !exhausted)) {
			sent_already(r, &p, set, asked > 0 ? asked : done_before, next);
			return;
		}
		if (exhausted) {
			layout_begin(r, quiz ? "Quiz" : "Pre-check");
			module_crumbs(r, &p, quiz ? "Quiz" : "Pre-check");
			html(r, "<h1>%s</h1>\n", quiz ? "Quiz" : "What do you know already?");
			if (quiz)
				html(r, "<p>You have used all %d attempts. Your best score is %d%%.</p>\n", p.m.attempts, p.best_score);
			else
				html(r, "<p>You have answered these questions already.</p>\n");
			html(r, "<p><a href=\"/modules/%s/%s/%d\">See your answers</a> · <a href=\"/modules/%s\">Back to the module</a></p>\n",
			     p.m.slug, set, done_before, p.m.slug);
			layout_end(r);
			return;
		}
		question_form(r, &p, set, next, qs, n);
		return;
	}

	if (r->in[IN_ATTEMPT].state != FIELD_OK) {
		http_error(r, 400, "the form has no attempt number");
		return;
	}
	long number = (long)r->in[IN_ATTEMPT].i;
	if (number < next) {
		/* Posted twice, or from another tab: that attempt is recorded already; show it. */
		http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/%s/%ld", p.m.slug, set, number));
		return;
	}
	if (number > next) {
		http_error(r, 400, "the attempt number does not match");
		return;
	}
	if (exhausted) {
		http_error(r, 409, "no attempts are left");
		return;
	}
	struct answer_row *rows = arena_alloc(r->arena, sizeof(struct answer_row) * (size_t)(n ? n : 1));
	const char *why = NULL;
	if (rows == NULL || read_answers(r, qs, n, rows, &why) != 0) {
		http_error(r, 400, why ? why : "out of memory");
		return;
	}
	int correct = 0;
	for (int i = 0; i < n; i++)
		correct += rows[i].correct;
	int score = score_percent(correct, n);
	int rc = db_attempt_insert(r->db, r->me->id, p.m.id, p.m.revision_id, set, (int)number, correct, n, score,
	                           quiz && score >= p.m.pass_mark, rows, n);
	if (rc < 0) {
		http_error(r, 503, "your answers could not be saved: please send them again");
		return;
	}
	http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/%s/%ld", p.m.slug, set, number));
}

void page_quiz(struct req *r)
{
	take(r, "quiz");
}

void page_precheck(struct req *r)
{
	take(r, "precheck");
}

/* GET /modules/{slug}/{quiz|precheck}/{n}: one attempt, question by question, with what was right. */
static void review(struct req *r, const char *set)
{
	struct progress p;
	if (!module_load(r, &p))
		return;
	int number = arg_int(r, 1, 1000);
	struct attempt_info a;
	int rc = number < 0 ? 0 : db_attempt_get(r->db, r->arena, r->me->id, p.m.id, set, number, &a);
	if (rc <= 0) {
		http_error(r, rc < 0 ? 503 : 404, NULL);
		return;
	}
	struct stored_question *qs;
	int n, na;
	struct answer_row *ans = arena_alloc(r->arena, sizeof(struct answer_row) * 200);
	/* The questions of the revision this attempt answered, which may be older than today's. */
	if (ans == NULL || db_questions(r->db, r->arena, a.revision_id, set, &qs, &n) < 0 ||
	    db_attempt_answers(r->db, a.id, ans, 200, &na) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	bool quiz = is_quiz(set);
	layout_begin(r, arena_printf(r->arena, "Your answers: %s", p.m.title));
	module_crumbs(r, &p, quiz ? "Quiz" : "Pre-check");
	html(r, "<h1>Your answers</h1>\n");
	if (quiz)
		html(r, "<div class=\"notice %s\" role=\"status\"><p><strong>%s</strong> You answered %d of %d questions "
		        "correctly: %d%%. %d%% is needed to pass.</p></div>\n",
		     a.passed ? "ok" : "bad", a.passed ? "✓ You passed." : "✗ Not passed yet.", a.correct, a.total, a.score,
		     p.m.pass_mark);
	else
		html(r, "<div class=\"notice\" role=\"status\"><p>You answered %d of %d correctly. The lessons cover all of "
		        "it.</p></div>\n",
		     a.correct, a.total);
	for (int i = 0; i < n; i++) {
		const struct question *q = &qs[i].q;
		const struct answer_row *mine = NULL;
		for (int j = 0; j < na; j++)
			if (ans[j].question_id == qs[i].id)
				mine = &ans[j];
		bool right = mine && mine->correct;
		html(r, "<section class=\"review %s\">\n<h2><span class=\"qnum\">Question %d</span> %s</h2>\n"
		        "<p class=\"verdict\">%s</p>\n<ul class=\"options\">\n",
		     right ? "right" : "wrong", i + 1, q->text, right ? "✓ Correct" : "✗ Not correct");
		for (int o = 0; o < q->nopts; o++) {
			bool chosen = false;
			for (int j = 0; mine && j < mine->nopts; j++)
				chosen = chosen || mine->options[j] == o;
			html(r, "<li class=\"%s%s\">%s", chosen ? "chosen " : "", q->opts[o].correct ? "correct" : "",
			     q->opts[o].text);
			if (chosen)
				html(r, " <strong>(your answer)</strong>");
			if (q->opts[o].correct)
				html(r, " <strong>(a correct answer)</strong>");
			if ((chosen || q->opts[o].correct) && q->opts[o].feedback)
				html(r, "<p class=\"feedback\">%s</p>", q->opts[o].feedback);
			html(r, "</li>\n");
		}
		html(r, "</ul>\n<p class=\"explanation\">%s <span class=\"source\">Source: seminar summary %s</span></p>\n"
		        "</section>\n",
		     q->explanation, q->source);
	}
	html(r, "<nav class=\"pager\" aria-label=\"Next steps\">\n");
	if (quiz && !a.passed && attempts_left(&p))
		html(r, "<a class=\"btn\" href=\"/modules/%s/quiz?attempt=%d\">Try the quiz again</a>\n", p.m.slug,
		     p.quiz_attempts + 1);
	if (!quiz)
		html(r, "<a class=\"btn\" href=\"/modules/%s/lessons/1\">Start the lessons</a>\n", p.m.slug);
	else if (a.passed && p.m.scenario_start[0])
		html(r, "<a class=\"btn\" href=\"/modules/%s/scenario\">Go on to the case</a>\n", p.m.slug);
	html(r, "<a class=\"btn secondary\" href=\"/modules/%s\">Back to the module</a>\n</nav>\n", p.m.slug);
	layout_end(r);
}

void page_quiz_review(struct req *r)
{
	review(r, "quiz");
}

void page_precheck_review(struct req *r)
{
	review(r, "precheck");
}
