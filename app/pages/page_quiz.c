/* page_quiz.c: the quiz and the pre-check: the questions, their options in an order shuffled per
 * attempt, the submission (recorded once, in one statement, against the revision the form was made
 * from), and the review of an attempt, which shows the right answers as the module's setting says. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "security/auth.h"
#include "domain/account.h"
#include "domain/shuffle.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "security/security.h"
#include "store/training.h"

enum { IN_ATTEMPT, IN_REVISION };
const struct field quiz_fields[] = {
	/* GET: the attempt the form is for (its address, so Back after sending finds it sent); POST: the one
	 * it answers */
	[IN_ATTEMPT] = {"attempt", FIELD_INT, 1, 1000, false},
	[IN_REVISION] = {"revision", FIELD_INT, 1, 999999999999999999LL, false},
	{NULL},
};

static bool is_quiz(const char *set)
{
	return strcmp(set, "quiz") == 0;
}

/* The secret behind the order of an attempt's options: a keyed hash of the trainee, the module, the set
 * and the attempt's number, made once a page, so a trainee cannot work out an order and each attempt has
 * its own (the same on every reload and in the review). */
struct order_key {
	uint64_t a, b;
};

static struct order_key attempt_key(const struct req *r, long long module, const char *set, int number)
{
	char msg[128];
	int len = snprintf(msg, sizeof(msg), "%lld|%lld|%s|%d", r->me->id, module, set, number);
	uint8_t mac[SEC_HASH_BYTES];
	sec_mac("quiz-order", msg, (size_t)len, mac);
	struct order_key k;
	memcpy(&k.a, mac, sizeof(k.a));
	memcpy(&k.b, mac + sizeof(k.a), sizeof(k.b));
	return k;
}

/* The order question q's options are shown in: order[shown] = written. True/false questions keep True
 * before False. */
static void shown_order(const struct order_key *k, const struct question *q, int *order)
{
	if (q->kind == QK_TRUEFALSE) {
		for (int o = 0; o < q->nopts; o++)
			order[o] = o;
		return;
	}
	shuffle_order(shuffle_seed(k->a, k->b, q->id), q->nopts, order);
}

/* What the form is made from: a revision's questions, and, when it comes back, what was chosen. */
struct quiz_form {
	const char *set;
	int number, pass_mark;
	struct order_key key;             /* the attempt's, for the order of its options */
	long long revision;
	struct stored_question *qs;       /* the cache's: read only */
	int n;
	const struct answer_row *given;   /* NULL, or one row per question (written positions) */
	int unanswered;                   /* how many of given are empty */
};

static void question_form(struct req *r, const struct progress *p, const struct quiz_form *f)
{
	bool quiz = is_quiz(f->set);
	const char *name = quiz ? "Quiz" : "What do you know already?";
	layout_begin(r, form_title(r, arena_printf(r->arena, "%s: %s", name, p->m.title), f->unanswered > 0));
	module_crumbs(r, p, quiz ? "Quiz" : "Pre-check");
	html(r, "<h1>%s</h1>\n", name);
	if (f->unanswered > 0) {
		/* The summary is focused on arrival (autofocus needs no script) and links to each question. */
		html(r, "<div class=\"notice bad\" role=\"alert\" id=\"unanswered\" tabindex=\"-1\" autofocus>\n"
		        "<h2>%s</h2>\n<p>Nothing has been recorded yet. Answer %s, then submit again:</p>\n<ul>\n",
		     f->unanswered == 1 ? "One question has no answer"
		                        : arena_printf(r->arena, "%d questions have no answer", f->unanswered),
		     f->unanswered == 1 ? "it" : "them");
		for (int i = 0; i < f->n; i++)
			if (f->given[i].nopts == 0)
				html(r, "<li><a href=\"#question-%d\">Question %d</a></li>\n", i + 1, i + 1);
		html(r, "</ul>\n</div>\n");
	}
	if (quiz)
		html(r, "<p>%d questions. You pass with %d%% or more.%s</p>\n", f->n, f->pass_mark,
		     p->m.attempts ? arena_printf(r->arena, " This is attempt %d of %d.", f->number, p->m.attempts) : "");
	else
		html(r, "<p>A few questions before the lessons, to see what you know already. They are not marked: "
		        "answer as best you can.</p>\n");
	html(r, "<form method=\"post\" action=\"/modules/%s/%s\" class=\"quiz\">\n", p->m.slug, f->set);
	auth_form_token(r);
	form_hidden_number(r, "attempt", f->number);
	form_hidden_number(r, "revision", f->revision);
	for (int i = 0; i < f->n; i++) {
		const struct question *q = &f->qs[i].q;
		bool multi = q->kind == QK_MULTIPLE;
		bool missing = f->given && f->given[i].nopts == 0;
		if (missing)
			html(r, "<fieldset class=\"question missing\" id=\"question-%d\" aria-describedby=\"question-%d-error\">\n",
			     i + 1, i + 1);
		else
			html(r, "<fieldset class=\"question\" id=\"question-%d\">\n", i + 1);
		const char *ql = f->qs[i].lang;
		html(r, "<legend><span class=\"qnum\">Question %d of %d</span> <span lang=\"%s\" dir=\"%s\">%s</span></legend>\n",
		     i + 1, f->n, ql, lang_dir(ql), q->text);
		if (missing)
			html(r, "<p class=\"error-msg\" id=\"question-%d-error\">Error: this question has no answer yet.</p>\n",
			     i + 1);
		html(r, "<p class=\"hint\">%s</p>\n", multi ? "Choose all that apply." : "Choose one answer.");
		int order[CONTENT_OPTIONS_MAX];
		shown_order(&f->key, q, order);
		const char *qname = arena_printf(r->arena, "q%d", i + 1);
		for (int s = 0; s < q->nopts; s++) {
			bool checked = false;
			for (int j = 0; f->given && j < f->given[i].nopts; j++)
				checked = checked || f->given[i].options[j] == order[s];
			/* True and False are the interface's words (English until the message catalog). */
			bool own = q->kind != QK_TRUEFALSE;
			form_choice(r, &(struct form_choice){.name = qname, .checkbox = multi, .number = s,
			                                     .label = q->opts[order[s]].text, .checked = checked,
			                                     .label_lang = own ? ql : "en", .label_dir = own ? lang_dir(ql) : "ltr"});
		}
		html(r, "</fieldset>\n");
	}
	html(r, "<button type=\"submit\">Submit my answers</button>\n</form>\n");
	layout_end(r);
}

/* Reads and checks the posted answers: each value is a position as shown, mapped back to the written
 * option. Returns 0, or 400 with *why. Unanswered questions are left with no options. */
static int read_answers(struct req *r, const struct quiz_form *f, struct answer_row *rows, const char **why)
{
	for (int i = 0; i < f->n; i++)
		rows[i] = (struct answer_row){.question_id = f->qs[i].id};
	for (size_t k = 0; k < r->form.n; k++) {
		const struct kv *kv = &r->form.v[k];
		if (strcmp(kv->key, "csrf") == 0 || strcmp(kv->key, "attempt") == 0 || strcmp(kv->key, "revision") == 0)
			continue;
		char *end;
		long qi = kv->key[0] == 'q' ? strtol(kv->key + 1, &end, 10) : 0;
		if (kv->key[0] != 'q' || *end != '\0' || qi < 1 || qi > f->n || kv->key[1] == '0' || kv->key[1] == '+' ||
		    kv->key[1] == '-') {
			*why = "an answer to a question that is not in this quiz";
			return 400;
		}
		const struct question *q = &f->qs[qi - 1].q;
		long s = strtol(kv->val, &end, 10);
		if (kv->val[0] < '0' || kv->val[0] > '9' || *end != '\0' || s < 0 || s >= q->nopts) {
			*why = "an option that is not in the question";
			return 400;
		}
		int order[CONTENT_OPTIONS_MAX];
		shown_order(&f->key, q, order);
		int o = order[s];
		struct answer_row *a = &rows[qi - 1];
		if (q->kind != QK_MULTIPLE && a->nopts > 0) {
			*why = "more than one answer to a one-answer question";
			return 400;
		}
		for (int j = 0; j < a->nopts; j++) {
			if (a->options[j] == o) {
				*why = "the same option twice";
				return 400;
			}
		}
		a->options[a->nopts++] = o;
	}
	for (int i = 0; i < f->n; i++)
		rows[i].correct = question_correct(&f->qs[i].q, rows[i].options, rows[i].nopts);
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

/* 409: the form names a revision that is not this module's, or one without these questions. */
static void changed(struct req *r, const struct progress *p, const char *set)
{
	bool quiz = is_quiz(set);
	r->resp.status = 409;
	layout_begin(r, quiz ? "The quiz has changed" : "The pre-check has changed");
	module_crumbs(r, p, quiz ? "Quiz" : "Pre-check");
	html(r, "<h1>%s</h1>\n<p>This module was updated after the page with your answers was opened, and they cannot "
	        "be matched to its questions any more. Nothing has been recorded.</p>\n"
	        "<p><a class=\"btn\" href=\"/modules/%s/%s\">Open the %s</a></p>\n",
	     quiz ? "The quiz has changed" : "The pre-check has changed", p->m.slug, set,
	     quiz ? "new quiz" : "new pre-check");
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
	struct quiz_form f = {.set = set, .number = next, .pass_mark = p.m.pass_mark, .revision = p.m.revision_id};
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
		if (http_store_failed(r, db_questions(r->db, r->arena, p.m.revision_id, set, page_lang(r)->code, &f.qs, &f.n),
		                      NULL))
			return;
		f.key = attempt_key(r, p.m.id, set, f.number);
		question_form(r, &p, &f);
		return;
	}

	if (r->in[IN_ATTEMPT].state != FIELD_OK) {
		http_error(r, 400, "the form has no attempt number");
		return;
	}
	f.number = (int)r->in[IN_ATTEMPT].i;
	if (f.number < next) {
		/* Posted twice, or from another tab: that attempt is recorded already; show it. */
		http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/%s/%d", p.m.slug, set, f.number));
		return;
	}
	if (f.number > next) {
		http_error(r, 400, "the attempt number does not match");
		return;
	}
	if (exhausted) {
		http_error(r, 409, "no attempts are left");
		return;
	}
	/* Scored against the revision the form was made from, which may be older than today's. */
	if (r->in[IN_REVISION].state != FIELD_OK) {
		http_error(r, 400, "the form does not say which questions it shows");
		return;
	}
	f.revision = r->in[IN_REVISION].i;
	if (f.revision != p.m.revision_id) {
		enum show_answers ignored;
		enum store_rc rc = db_revision_quiz(r->db, f.revision, p.m.id, &f.pass_mark, &ignored);
		if (rc == STORE_NONE) {
			changed(r, &p, set);
			return;
		}
		if (http_store_failed(r, rc, NULL))
			return;
	}
	if (http_store_failed(r, db_questions(r->db, r->arena, f.revision, set, page_lang(r)->code, &f.qs, &f.n), NULL))
		return;   /* the texts only matter when the form comes back: scoring reads positions and marks */
	if (f.n == 0) {
		changed(r, &p, set);
		return;
	}
	f.key = attempt_key(r, p.m.id, set, f.number);
	struct answer_row *rows = arena_alloc(r->arena, sizeof(struct answer_row) * (size_t)f.n);
	const char *why = NULL;
	if (rows == NULL || read_answers(r, &f, rows, &why) != 0) {
		http_error(r, 400, why ? why : "out of memory");
		return;
	}
	int correct = 0;
	for (int i = 0; i < f.n; i++) {
		correct += rows[i].correct;
		f.unanswered += rows[i].nopts == 0;
	}
	if (f.unanswered > 0) {
		/* Nothing is recorded: the form again, with what was chosen, and the questions left open. */
		f.given = rows;
		r->resp.status = 400;
		question_form(r, &p, &f);
		return;
	}
	int score = score_percent(correct, f.n);
	enum store_rc rc = db_attempt_insert(r->db, r->me->id, p.m.id, f.revision, set, f.number, correct, f.n, score,
	                                     quiz && score >= f.pass_mark, rows, f.n);
	/* STORE_NONE: this attempt was recorded already (sent twice): it is shown all the same. */
	if (rc != STORE_NONE && http_store_failed(r, rc, "your answers could not be saved: please send them again"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/%s/%d", p.m.slug, set, f.number));
}

void page_quiz(struct req *r)
{
	take(r, "quiz");
}

void page_precheck(struct req *r)
{
	take(r, "precheck");
}

/* GET /modules/{slug}/{quiz|precheck}/{n}: one attempt, question by question, in the order it was
 * shown, with the right answers when the module's setting allows. */
static void review(struct req *r, const char *set)
{
	struct progress p;
	if (!module_load(r, &p))
		return;
	int number = (int)r->arg[1].i;   /* {n}: 1 to HTTP_N_MAX */
	struct attempt_info a;
	if (http_store_failed(r, db_attempt_get(r->db, r->arena, r->me->id, p.m.id, set, number, &a), NULL))
		return;
	struct stored_question *qs;
	int n, na, pass_mark;
	enum show_answers setting = SHOW_AFTER_PASSING;
	struct answer_row *ans = arena_alloc(r->arena, sizeof(struct answer_row) * 200);
	/* The questions of the revision this attempt answered, which may be older than today's; the setting
	 * of today's revision, which is what the author wants now (not found, it stays the default). No
	 * memory is answered as a failure too: sending again may find some. */
	enum store_rc rc = ans != NULL ? db_questions(r->db, r->arena, a.revision_id, set, page_lang(r)->code, &qs, &n) : STORE_FAILED;
	if (rc == STORE_OK)
		rc = db_attempt_answers(r->db, a.id, ans, 200, &na);
	if (rc == STORE_OK && db_revision_quiz(r->db, p.m.revision_id, p.m.id, &pass_mark, &setting) == STORE_FAILED)
		rc = STORE_FAILED;
	if (http_store_failed(r, rc, NULL))
		return;
	bool quiz = is_quiz(set);
	bool key = review_shows_key(setting, p.quiz_passed);
	struct order_key order_of = attempt_key(r, p.m.id, set, number);
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
	if (!key)
		html(r, "<p>%s Each question names the part of the seminar summary it comes from.</p>\n",
		     setting == SHOW_NEVER ? "This module does not show the right answers."
		                           : "The right answers are shown once you pass the quiz.");
	for (int i = 0; i < n; i++) {
		const struct question *q = &qs[i].q;
		const struct answer_row *mine = NULL;
		for (int j = 0; j < na; j++)
			if (ans[j].question_id == qs[i].id)
				mine = &ans[j];
		bool right = mine && mine->correct;
		const char *ql = qs[i].lang, *qd = lang_dir(ql);
		html(r, "<section class=\"review %s\">\n<h2><span class=\"qnum\">Question %d</span> <span lang=\"%s\" dir=\"%s\">%s</span></h2>\n"
		        "<p class=\"verdict\">%s</p>\n<ul class=\"options\">\n",
		     right ? "right" : "wrong", i + 1, ql, qd, q->text, right ? "✓ Correct" : "✗ Not correct");
		int order[CONTENT_OPTIONS_MAX];
		shown_order(&order_of, q, order);
		for (int s = 0; s < q->nopts; s++) {
			int o = order[s];
			bool chosen = false;
			for (int j = 0; mine && j < mine->nopts; j++)
				chosen = chosen || mine->options[j] == o;
			bool mark = key && q->opts[o].correct;
			bool own = q->kind != QK_TRUEFALSE;
			html(r, "<li class=\"%s%s\"><span lang=\"%s\" dir=\"%s\">%s</span>", chosen ? "chosen " : "",
			     mark ? "correct" : "", own ? ql : "en", own ? qd : "ltr", q->opts[o].text);
			if (chosen)
				html(r, " <strong>(your answer)</strong>");
			if (mark)
				html(r, " <strong>(a correct answer)</strong>");
			if (key && (chosen || q->opts[o].correct) && q->opts[o].feedback)
				html(r, "<p class=\"feedback\" lang=\"%s\" dir=\"%s\">%s</p>", ql, qd, q->opts[o].feedback);
			html(r, "</li>\n");
		}
		if (key)
			html(r, "</ul>\n<p class=\"explanation\"><span lang=\"%s\" dir=\"%s\">%s</span> <span class=\"source\">"
			        "Source: seminar summary %s</span></p>\n</section>\n",
			     ql, qd, q->explanation, q->source);
		else
			html(r, "</ul>\n<p class=\"explanation\"><span class=\"source\">Source: seminar summary %s</span></p>\n"
			        "</section>\n",
			     q->source);
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
