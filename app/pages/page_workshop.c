/* page_workshop.c: one live workshop as its facilitator prepares it: the code and where to join, the
 * questions (added one by one, any of the five kinds; removed while never shown), the moderation
 * settings, and, once answered, each question's figures and the results file. */
#include <string.h>

#include "security/auth.h"
#include "pages/lang.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"

/* The page shows the add form with what was typed, so the page and the add action declare its inputs at
 * the same places. */
enum { IN_KIND, IN_PROMPT, IN_OPTIONS, IN_CORRECT, IN_DONE };
#define QUESTION_FIELDS \
	[IN_KIND] = {"kind", FIELD_SLUG, 1, 10, false}, \
	[IN_PROMPT] = {"prompt", FIELD_TEXTAREA, 1, LIVE_PROMPT_MAX, false}, \
	[IN_OPTIONS] = {"options", FIELD_TEXTAREA, 0, LIVE_OPTIONS_MAX * (LIVE_OPTION_MAX + 2), false}, \
	[IN_CORRECT] = {"correct", FIELD_INT, 1, LIVE_OPTIONS_MAX, false}
const struct field workshop_fields[] = {
	QUESTION_FIELDS,
	[IN_DONE] = {"done", FIELD_SLUG, 1, 10, false},
	{NULL},
};
const struct field workshop_add_fields[] = {
	QUESTION_FIELDS,
	{NULL},
};

enum { IN_Q };
const struct field workshop_delete_fields[] = {
	[IN_Q] = {"q", FIELD_INT, 1, 1LL << 53, true},
	{NULL},
};

enum { IN_HOLD, IN_WORDS };
const struct field workshop_settings_fields[] = {
	[IN_HOLD] = {"hold", FIELD_INT, 0, 1, false},
	[IN_WORDS] = {"words", FIELD_TEXTAREA, 0, LIVE_WORDS_MAX, false},
	{NULL},
};

static void question_item(struct req *r, const struct workshop *s, const struct live_question *q,
                          const struct live_summary *sum)
{
	html(r, "<li><p><strong>%s</strong> <span class=\"kind\">(%s)</span></p>\n", q->prompt, live_kind_text(r, q->kind));
	if (q->kind == LIVE_QUIZ || q->kind == LIVE_POLL) {
		html(r, "<ol class=\"options\" type=\"A\">\n");
		for (int i = 0; i < q->nopt; i++)
			if (q->kind == LIVE_QUIZ && q->correct[i])
				html(r, "<li>%s <strong>(%s)</strong></li>\n", q->opt[i], _("right answer"));
			else
				html(r, "<li>%s</li>\n", q->opt[i]);
		html(r, "</ol>\n");
	} else if (q->kind == LIVE_SCALE && q->nopt == 2) {
		html(r, "<p>");
		/* TRANSLATORS: what a scale's ends mean; the last %s is a full stop, or nothing after one */
		html(r, _("1 means “%s”, 5 means “%s”%s"), q->opt[0], q->opt[1], full_stop(q->opt[1]));
		html(r, "</p>\n");
	}
	bool agg = s->aggregate_only;
	if (sum && (sum->answers > 0 || sum->posts > 0) &&
	    (!report_count_shown(agg, q->kind == LIVE_QA ? sum->posts : sum->answers, q->kind == LIVE_QA ? sum->posts : sum->answers) ||
	     (q->kind == LIVE_QUIZ && !report_count_shown(agg, sum->right, sum->answers)))) {
		html(r, "<p>");
		html(r, _n("Hidden: this workshop is for an aggregate-only cohort, and its figures would be about fewer "
		           "than %d person.",
		           "Hidden: this workshop is for an aggregate-only cohort, and its figures would be about fewer "
		           "than %d people.",
		           REPORT_MIN_GROUP),
		     REPORT_MIN_GROUP);
		html(r, "</p>\n");
	} else if (sum && (sum->answers > 0 || sum->posts > 0)) {
		html(r, "<p>");
		if (q->kind == LIVE_QA)
			html(r, _n("%d question posted.", "%d questions posted.", sum->posts), sum->posts);
		else if (q->kind == LIVE_QUIZ)
			/* TRANSLATORS: answers to a quiz question; how many were right, and their share in percent */
			html(r, _n("%d answer; %d right (%d%%).", "%d answers; %d right (%d%%).", sum->answers), sum->answers,
			     sum->right, (sum->right * 100 + sum->answers / 2) / sum->answers);
		else
			html(r, _n("%d answer.", "%d answers.", sum->answers), sum->answers);
		html(r, "</p>\n");
	}
	if (!q->opened && s->state != LIVE_ENDED) {
		html(r, "<form method=\"post\" action=\"/workshops/%lld\" class=\"inline\">", s->id);
		auth_form_token(r);
		form_hidden(r, "action", "delete");
		form_hidden_number(r, "q", q->id);
		html(r, "<button type=\"submit\" class=\"small secondary\">%s<span class=\"visually-hidden\"> %s"
		        "</span></button></form>\n",
		     _("Remove"), arena_printf(r->arena, _("question %d"), q->position));
	}
	html(r, "</li>\n");
}

static void add_form(struct req *r, const struct workshop *s, const char *err)
{
	html(r, "<h2 id=\"add\">%s</h2>\n", _("Add a question"));
	if (err) {
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>");
		/* TRANSLATORS: %s says what is wrong with the new question */
		html(r, _("Error: %s."), err);
		html(r, "</p></div>\n");
	}
	html(r, "<form method=\"post\" action=\"/workshops/%lld\" novalidate>\n", s->id);
	auth_form_token(r);
	form_hidden(r, "action", "add");
	html(r, "<div class=\"field\"><label for=\"f-kind\">%s</label>\n<select id=\"f-kind\" name=\"kind\">\n",
	     _p("question", "Kind"));
	const char *kind = r->in[IN_KIND].s;
	for (int k = 0; k < LIVE_NKINDS; k++)
		html(r, "<option value=\"%s\"%s>%s</option>\n", live_kind_name((enum live_kind)k),
		     kind && strcmp(kind, live_kind_name((enum live_kind)k)) == 0 ? " selected" : "",
		     live_kind_text(r, (enum live_kind)k));
	html(r, "</select></div>\n"
	        "<div class=\"field\"><label for=\"f-prompt\">%s</label>\n"
	        "<textarea id=\"f-prompt\" name=\"prompt\" rows=\"2\" maxlength=\"%d\" required>%s</textarea></div>\n"
	        "<div class=\"field\"><label for=\"f-options\">%s</label>\n"
	        "<p class=\"hint\" id=\"f-options-hint\">%s</p>\n"
	        "<textarea id=\"f-options\" name=\"options\" rows=\"5\" aria-describedby=\"f-options-hint\">%s</textarea></div>\n",
	     _("Question"), LIVE_PROMPT_MAX, r->in[IN_PROMPT].s ? r->in[IN_PROMPT].s : "", _("Answers to choose from"),
	     arena_printf(r->arena,
	                  /* TRANSLATORS: “Not at all” and “Completely” are the scale's default ends: translate them alike */
	                  _("One per line, 2 to %d, for a quiz question or a poll. For a scale, two lines may name its ends "
	                    "(1 and 5); leave it empty for “Not at all” and “Completely”. Open answers and questions from "
	                    "the room need none."),
	                  LIVE_OPTIONS_MAX),
	     r->in[IN_OPTIONS].s ? r->in[IN_OPTIONS].s : "");
	form_input(r, &(struct form_input){.name = "correct", .label = _("The right answer (quiz questions)"),
	                                   .type = FORM_NUMBER, .need = FORM_DEPENDS, .value = r->in[IN_CORRECT].s,
	                                   .hint = _("Its line number: 1 for the first line."), .min = "1",
	                                   .max = arena_printf(r->arena, "%d", LIVE_OPTIONS_MAX), .inputmode = "numeric"});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _("Add the question"));
}

static void settings_form(struct req *r, const struct workshop *s)
{
	html(r, "<h2 id=\"moderation\">%s</h2>\n<form method=\"post\" action=\"/workshops/%lld\">\n", _("Moderation"), s->id);
	auth_form_token(r);
	form_hidden(r, "action", "settings");
	form_choice(r, &(struct form_choice){.name = "hold", .checkbox = true, .value = "1", .id = "f-hold",
	                                     .label = _("Hold new open answers and questions from the room until I "
	                                                "approve them"),
	                                     .checked = s->hold_posts});
	html(r, "<div class=\"field\"><label for=\"f-words\">%s</label>\n"
	        "<p class=\"hint\" id=\"f-words-hint\">%s</p>\n"
	        "<textarea id=\"f-words\" name=\"words\" rows=\"3\" maxlength=\"%d\" aria-describedby=\"f-words-hint\">%s"
	        "</textarea></div>\n<button type=\"submit\">%s</button>\n</form>\n",
	     _("Hide posts with these words"),
	     _("One word or phrase per line, or separated by commas. A post that holds one is hidden at once; you can "
	       "still show it from the console."),
	     LIVE_WORDS_MAX, s->blocked_words, _("Save moderation settings"));
}

/* The workshop's language: the projector's. Each phone reads the interface in its own. */
static void lang_form(struct req *r, const struct workshop *s)
{
	html(r, "<h2 id=\"language\">%s</h2>\n<form method=\"post\" action=\"/workshops/%lld\">\n", _("Language"), s->id);
	auth_form_token(r);
	form_hidden(r, "action", "lang");
	html(r, "<div class=\"field\">\n<label for=\"f-workshop-lang\">%s</label>\n<p class=\"hint\" id=\"f-workshop-lang-hint\">%s</p>\n"
	        "<select id=\"f-workshop-lang\" name=\"lang\" aria-describedby=\"f-workshop-lang-hint\">\n"
	        "<option value=\"\"%s>%s</option>\n",
	     _("Language of the projector"),
	     _("Each phone shows the interface in its own language, and a question taken from a module in the module's "
	       "translation where it has one. Questions you wrote are shown as you wrote them."),
	     s->lang[0] ? "" : " selected", _("The same as my pages"));
	for (int i = 0; site_langs[i].code; i++)
		html(r, "<option value=\"%s\" lang=\"%s\"%s>%s</option>\n", site_langs[i].code, site_langs[i].code,
		     strcmp(s->lang, site_langs[i].code) == 0 ? " selected" : "", site_langs[i].name);
	html(r, "</select>\n</div>\n<button type=\"submit\">%s</button>\n</form>\n", _("Save the language"));
}

static void show(struct req *r, const struct workshop *s, const char *err, const char *done)
{
	struct live_question *qs;
	struct live_summary *sums;
	int n, ns;
	enum store_rc rc = db_live_questions(r->db, r->arena, s->id, &qs, &n);
	if (rc == STORE_OK)
		rc = db_live_summary(r->db, r->arena, s->id, &sums, &ns);
	if (http_store_failed(r, rc, "the questions could not be read"))
		return;
	layout_begin_wide(r, form_title(r, s->title, err != NULL), true);
	live_nav(r, s, "Questions");
	html(r, "<h1><bdi>%s</bdi></h1>\n", s->title);
	if (done)
		html(r, "<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n", done);
	html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd><strong>%s</strong></dd>\n<dt>%s</dt><dd>%s</dd>\n"
	        "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%d</dd>\n",
	     _("Code"), live_code_display(r, s->code), _("Join at"), live_address(r), _("Status"),
	     live_state_text(r, s->state), _("Participants"), s->participants);
	if (s->cohort_id)
		html(r, "<dt>%s</dt><dd><a href=\"/cohorts/%lld\"><bdi>%s</bdi></a></dd>\n", _("Cohort"), s->cohort_id, s->cohort_name);
	html(r, "</dl>\n<p><a class=\"btn\" href=\"/workshops/%lld/console\">%s</a> "
	        "<a href=\"/workshops/%lld/screen\">%s</a>",
	     s->id, _("Open the console"), s->id, _("Projector view"));
	if (s->participants > 0)
		html(r, " · <a href=\"/workshops/%lld/results.csv\" download>%s</a>", s->id, _("Results (CSV)"));
	html(r, "</p>\n<h2>%s</h2>\n", _("Questions"));
	if (n == 0)
		html(r, "<p>%s</p>\n", _("No questions yet: add the first below."));
	else {
		html(r, "<ol class=\"questions\">\n");
		for (int i = 0; i < n; i++)
			question_item(r, s, &qs[i], i < ns && sums[i].qid == qs[i].id ? &sums[i] : NULL);
		html(r, "</ol>\n");
	}
	if (s->state != LIVE_ENDED && n < LIVE_QUESTIONS_MAX)
		add_form(r, s, err);
	settings_form(r, s);
	lang_form(r, s);
	layout_end(r);
}

/* Checks a new question; returns what is wrong, or NULL with the options filled in. */
static const char *check_question(struct req *r, enum live_kind *kind, const char **opts, int *nopt, int *correct)
{
	int k = live_kind_parse(r->in[IN_KIND].s);
	if (k < 0)
		return _("choose the kind of question");
	*kind = (enum live_kind)k;
	if (r->in[IN_PROMPT].state != FIELD_OK)
		return _("write the question, in up to 500 characters");
	if (r->in[IN_OPTIONS].state == FIELD_INVALID)
		return _("the answers are too long");
	*nopt = live_lines(r->arena, r->in[IN_OPTIONS].s, opts, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX);
	if (*nopt < 0)
		return _("give at most 10 answers, each of up to 200 characters");
	*correct = -1;
	switch (*kind) {
	case LIVE_QUIZ:
		if (*nopt < 2)
			return _("a quiz question needs at least 2 answers, one per line");
		if (r->in[IN_CORRECT].state != FIELD_OK || r->in[IN_CORRECT].i > *nopt)
			return _("give the line number of the right answer");
		*correct = (int)r->in[IN_CORRECT].i - 1;
		break;
	case LIVE_POLL:
		if (*nopt < 2)
			return _("a poll needs at least 2 answers, one per line");
		break;
	case LIVE_SCALE:
		if (*nopt == 0) {
			/* the default ends are written in the facilitator's language, and are the question's content from then on */
			opts[0] = _("Not at all");
			opts[1] = _("Completely");
			*nopt = 2;
		} else if (*nopt != 2) {
			return _("a scale takes two lines (what 1 means, what 5 means) or none");
		}
		break;
	default:
		*nopt = 0;
	}
	return NULL;
}

void page_workshop(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	const char *done = r->in[IN_DONE].s;
	show(r, &s, NULL,
	     done == NULL                      ? NULL
	     : strcmp(done, "added") == 0      ? _("The question is added.")
	     : strcmp(done, "removed") == 0    ? _("The question is removed.")
	     : strcmp(done, "saved") == 0      ? _("The moderation settings are saved.")
	     : strcmp(done, "lang") == 0       ? _("The projector's language is saved.")
	                                       : NULL);
}

/* After a change: back to the page saying what was done (STORE_NONE, nothing to change, is done too), or
 * the store's failure. */
static void changed(struct req *r, const struct workshop *s, enum store_rc rc, const char *done)
{
	if (rc != STORE_NONE && http_store_failed(r, rc, "the change could not be saved"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/workshops/%lld?done=%s", s->id, done));
}

/* POST /workshops/{id}, action=add: a form that does not check out comes back with what was typed. */
void page_workshop_add(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	if (s.state == LIVE_ENDED) {
		http_error(r, 409, "this workshop has ended");
		return;
	}
	enum live_kind kind = LIVE_POLL;   /* set by check_question when it finds nothing wrong */
	const char *opts[LIVE_OPTIONS_MAX];
	int nopt = 0, correct = -1;
	const char *err = check_question(r, &kind, opts, &nopt, &correct);
	char *prompt = err ? NULL : arena_strdup(r->arena, r->in[IN_PROMPT].s);
	if (err == NULL && (prompt == NULL || live_squash(prompt) == 0))
		err = _("write the question");
	if (err) {
		r->resp.status = 400;
		show(r, &s, err, NULL);
		return;
	}
	enum store_rc rc = db_live_question_add(r->db, s.id, kind, prompt, opts, nopt, correct);
	if (rc == STORE_NONE) {
		r->resp.status = 409;
		show(r, &s, _("the workshop has its 100 questions already"), NULL);
		return;
	}
	changed(r, &s, rc, "added");
}

/* POST /workshops/{id}, action=delete: a question never shown. */
void page_workshop_delete(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	enum store_rc rc = db_live_question_delete(r->db, s.id, r->in[IN_Q].i);
	if (rc == STORE_NONE) {
		http_error(r, 409, "that question has been shown already, or is not in this workshop");
		return;
	}
	changed(r, &s, rc, "removed");
}

/* POST /workshops/{id}, action=settings: the moderation settings. */
enum { IN_LANG };
const struct field workshop_lang_fields[] = {
	[IN_LANG] = {"lang", FIELD_SLUG, 2, 3, false},   /* none: the projector follows the facilitator's pages */
	{NULL},
};

void page_workshop_lang(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	const char *lang = r->in[IN_LANG].state == FIELD_OK ? r->in[IN_LANG].s : NULL;
	if (lang && lang_find(lang) == NULL) {
		http_error(r, 400, "the site does not offer that language");
		return;
	}
	changed(r, &s, db_live_set_lang(r->db, s.id, lang), "lang");
}

void page_workshop_settings(struct req *r)
{
	struct workshop s;
	if (live_open(r, &s))
		changed(r, &s, db_live_settings(r->db, s.id, r->in[IN_HOLD].i == 1, r->in[IN_WORDS].s ? r->in[IN_WORDS].s : ""),
		        "saved");
}
