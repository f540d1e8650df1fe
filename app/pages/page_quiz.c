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

/* The words of a true-or-false question's options, which the content writes in English. */
__attribute__((unused)) static const char *const truefalse_words[] = {NC_("answer", "True"), NC_("answer", "False")};

static void question_form(struct req *r, const struct progress *p, const struct quiz_form *f)
{
	bool quiz = is_quiz(f->set);
	const char *name = quiz ? _("Quiz") : _("What do you know already?");
	/* TRANSLATORS: a page's title: %1$s "Quiz", %2$s the module's title */
	layout_begin(r, form_title(r, arena_printf(r->arena, _("%1$s: %2$s"), name, p->m.title), f->unanswered > 0));
	module_crumbs(r, p, quiz ? _("Quiz") : _("Pre-check"));
	html(r, "<h1>%s</h1>\n", name);
	if (f->unanswered > 0) {
		/* The summary is focused on arrival (autofocus needs no script) and links to each question. */
		html(r, "<div class=\"notice bad\" role=\"alert\" id=\"unanswered\" tabindex=\"-1\" autofocus>\n<h2>");
		html(r, _n("%d question has no answer", "%d questions have no answer", (unsigned long)f->unanswered),
		     f->unanswered);
		html(r, "</h2>\n<p>%s</p>\n<ul>\n",
		     _n("Nothing has been recorded yet. Answer it, then submit again:",
		        "Nothing has been recorded yet. Answer them, then submit again:", (unsigned long)f->unanswered));
		for (int i = 0; i < f->n; i++)
			if (f->given[i].nopts == 0) {
				html(r, "<li><a href=\"#question-%d\">", i + 1);
				html(r, _("Question %d"), i + 1);
				html(r, "</a></li>\n");
			}
		html(r, "</ul>\n</div>\n");
	}
	html(r, "<p>");
	if (quiz) {
		html(r, _n("%d question. You pass with %d%% or more.", "%d questions. You pass with %d%% or more.",
		           (unsigned long)f->n), f->n, f->pass_mark);
		if (p->m.attempts) {
			html(r, " ");
			html(r, _("This is attempt %d of %d."), f->number, p->m.attempts);
		}
	} else
		html(r, "%s", _("A few questions before the lessons, to see what you know already. They are not marked: "
		                "answer as best you can."));
	html(r, "</p>\n");
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
		html(r, "<legend><span class=\"qnum\">");
		html(r, _("Question %d of %d"), i + 1, f->n);
		html(r, "</span> <span lang=\"%s\" dir=\"%s\">%s</span></legend>\n", ql, lang_dir(ql), q->text);
		if (missing)
			html(r, "<p class=\"error-msg\" id=\"question-%d-error\">%s</p>\n", i + 1,
			     _("Error: this question has no answer yet."));
		html(r, "<p class=\"hint\">%s</p>\n", multi ? _("Choose all that apply.") : _("Choose one answer."));
		int order[CONTENT_OPTIONS_MAX];
		shown_order(&f->key, q, order);
		const char *qname = arena_printf(r->arena, "q%d", i + 1);
		for (int s = 0; s < q->nopts; s++) {
			bool checked = false;
			for (int j = 0; f->given && j < f->given[i].nopts; j++)
				checked = checked || f->given[i].options[j] == order[s];
			/* True and False are the interface's words, in the page's language. */
			bool own = q->kind != QK_TRUEFALSE;
			form_choice(r, &(struct form_choice){.name = qname, .checkbox = multi, .number = s,
			                                     .label = own ? q->opts[order[s]].text : trp(r, "answer", q->opts[order[s]].text),
			                                     .checked = checked, .label_lang = own ? ql : NULL,
			                                     .label_dir = own ? lang_dir(ql) : NULL});
		}
		html(r, "</fieldset>\n");
	}
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _("Submit my answers"));
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
			*why = N_("an answer to a question that is not in this quiz");
			return 400;
		}
		const struct question *q = &f->qs[qi - 1].q;
		long s = strtol(kv->val, &end, 10);
		if (kv->val[0] < '0' || kv->val[0] > '9' || *end != '\0' || s < 0 || s >= q->nopts) {
			*why = N_("an option that is not in the question");
			return 400;
		}
		int order[CONTENT_OPTIONS_MAX];
		shown_order(&f->key, q, order);
		int o = order[s];
		struct answer_row *a = &rows[qi - 1];
		if (q->kind != QK_MULTIPLE && a->nopts > 0) {
			*why = N_("more than one answer to a one-answer question");
			return 400;
		}
		for (int j = 0; j < a->nopts; j++) {
			if (a->options[j] == o) {
				*why = N_("the same option twice");
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
	layout_begin(r, _("Quiz"));
	module_crumbs(r, p, _("Quiz"));
	html(r, "<h1>%s</h1>\n<p>", _("Quiz"));
	html(r, _("Your answers to attempt %d were sent and marked."), sent);
	html(r, "</p>\n<p><a class=\"btn%s\" href=\"/modules/%s/%s/%d\">", p->quiz_passed ? "" : " secondary", p->m.slug, set,
	     sent);
	html(r, _("See your answers to attempt %d"), sent);
	html(r, "</a></p>\n");
	html(r, "<p><a class=\"btn%s\" href=\"/modules/%s/%s?attempt=%d\">%s</a></p>\n", p->quiz_passed ? " secondary" : "",
	     p->m.slug, set, next,
	     p->quiz_passed ? _("Take the quiz again for practice") : arena_printf(r->arena, _("Start attempt %d"), next));
	html(r, "<p><a href=\"/modules/%s\">%s</a></p>\n", p->m.slug, _("Back to the module"));
	layout_end(r);
}

/* 409: the form names a revision that is not this module's, or one without these questions. */
static void changed(struct req *r, const struct progress *p, const char *set)
{
	bool quiz = is_quiz(set);
	r->resp.status = 409;
	const char *title = quiz ? _("The quiz has changed") : _("The pre-check has changed");
	layout_begin(r, title);
	module_crumbs(r, p, quiz ? _("Quiz") : _("Pre-check"));
	html(r, "<h1>%s</h1>\n<p>%s</p>\n<p><a class=\"btn\" href=\"/modules/%s/%s\">%s</a></p>\n", title,
	     _("This module was updated after the page with your answers was opened, and they cannot be matched to its "
	       "questions any more. Nothing has been recorded."),
	     p->m.slug, set, quiz ? _("Open the new quiz") : _("Open the new pre-check"));
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
			layout_begin(r, quiz ? _("Quiz") : _("Pre-check"));
			module_crumbs(r, &p, quiz ? _("Quiz") : _("Pre-check"));
			html(r, "<h1>%s</h1>\n<p>", quiz ? _("Quiz") : _("What do you know already?"));
			if (quiz)
				html(r, _n("You have used your %d attempt. Your best score is %d%%.",
				           "You have used all %d attempts. Your best score is %d%%.", (unsigned long)p.m.attempts),
				     p.m.attempts, p.best_score);
			else
				html(r, "%s", _("You have answered these questions already."));
			html(r, "</p>\n<p><a href=\"/modules/%s/%s/%d\">%s</a> · <a href=\"/modules/%s\">%s</a></p>\n",
			     p.m.slug, set, done_before, _("See your answers"), p.m.slug, _("Back to the module"));
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
	                                     quiz && score >= f.pass_mark, rows, f.n, f.n > 0 ? f.qs[0].lang : "en");
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
	layout_begin(r, arena_printf(r->arena, _("Your answers: %s"), p.m.title));
	module_crumbs(r, &p, quiz ? _("Quiz") : _("Pre-check"));
	html(r, "<h1>%s</h1>\n", _("Your answers"));
	if (quiz) {
		html(r, "<div class=\"notice %s\" role=\"status\"><p><strong>%s</strong> ", a.passed ? "ok" : "bad",
		     a.passed ? _("✓ You passed.") : _("✗ Not passed yet."));
		html(r, _n("You answered %d of %d question correctly: %d%%. %d%% is needed to pass.",
		           "You answered %d of %d questions correctly: %d%%. %d%% is needed to pass.", (unsigned long)a.total),
		     a.correct, a.total, a.score, p.m.pass_mark);
		html(r, "</p></div>\n");
	} else {
		html(r, "<div class=\"notice\" role=\"status\"><p>");
		html(r, _("You answered %d of %d correctly. The lessons cover all of it."), a.correct, a.total);
		html(r, "</p></div>\n");
	}
	if (!key)
		html(r, "<p>%s %s</p>\n",
		     setting == SHOW_NEVER ? _("This module does not show the right answers.")
		                           : _("The right answers are shown once you pass the quiz."),
		     _("Each question names the part of the seminar summary it comes from."));
	for (int i = 0; i < n; i++) {
		const struct question *q = &qs[i].q;
		const struct answer_row *mine = NULL;
		for (int j = 0; j < na; j++)
			if (ans[j].question_id == qs[i].id)
				mine = &ans[j];
		bool right = mine && mine->correct;
		const char *ql = qs[i].lang, *qd = lang_dir(ql);
		html(r, "<section class=\"review %s\">\n<h2><span class=\"qnum\">", right ? "right" : "wrong");
		html(r, _("Question %d"), i + 1);
		html(r, "</span> <span lang=\"%s\" dir=\"%s\">%s</span></h2>\n<p class=\"verdict\">%s</p>\n<ul class=\"options\">\n",
		     ql, qd, q->text, right ? _("✓ Correct") : _("✗ Not correct"));
		int order[CONTENT_OPTIONS_MAX];
		shown_order(&order_of, q, order);
		for (int s = 0; s < q->nopts; s++) {
			int o = order[s];
			bool chosen = false;
			for (int j = 0; mine && j < mine->nopts; j++)
				chosen = chosen || mine->options[j] == o;
			bool mark = key && q->opts[o].correct;
			bool own = q->kind != QK_TRUEFALSE;
			if (own)
				html(r, "<li class=\"%s%s\"><span lang=\"%s\" dir=\"%s\">%s</span>", chosen ? "chosen " : "",
				     mark ? "correct" : "", ql, qd, q->opts[o].text);
			else   /* True and False: the interface's words */
				html(r, "<li class=\"%s%s\">%s", chosen ? "chosen " : "", mark ? "correct" : "",
				     trp(r, "answer", q->opts[o].text));
			if (chosen)
				html(r, " <strong>%s</strong>", _("(your answer)"));
			if (mark)
				html(r, " <strong>%s</strong>", _("(a correct answer)"));
			if (key && (chosen || q->opts[o].correct) && q->opts[o].feedback)
				html(r, "<p class=\"feedback\" lang=\"%s\" dir=\"%s\">%s</p>", ql, qd, q->opts[o].feedback);
			html(r, "</li>\n");
		}
		html(r, "</ul>\n<p class=\"explanation\">");
		if (key)
			html(r, "<span lang=\"%s\" dir=\"%s\">%s</span> ", ql, qd, q->explanation);
		html(r, "<span class=\"source\">");
		/* TRANSLATORS: %s is a paragraph number of the summary, "¶26" */
		html(r, _("Source: seminar summary %s"), q->source);
		html(r, "</span></p>\n</section>\n");
	}
	html(r, "<nav class=\"pager\" aria-label=\"%s\">\n", _("Next steps"));
	if (quiz && !a.passed && attempts_left(&p))
		html(r, "<a class=\"btn\" href=\"/modules/%s/quiz?attempt=%d\">%s</a>\n", p.m.slug, p.quiz_attempts + 1,
		     _("Try the quiz again"));
	if (!quiz)
		html(r, "<a class=\"btn\" href=\"/modules/%s/lessons/1\">%s</a>\n", p.m.slug, _("Start the lessons"));
	else if (a.passed && p.m.scenario_start[0])
		html(r, "<a class=\"btn\" href=\"/modules/%s/scenario\">%s</a>\n", p.m.slug, _("Go on to the case"));
	html(r, "<a class=\"btn secondary\" href=\"/modules/%s\">%s</a>\n</nav>\n", p.m.slug, _("Back to the module"));
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
