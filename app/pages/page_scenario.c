/* page_scenario.c: a branching case, one step per page. Each choice is recorded once (a run moves only
 * from the step it is at), its feedback is shown, and the case ends in one of several endings. */
#include <string.h>

#include "security/auth.h"
#include "domain/account.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "store/training.h"

/* A choice names the run and how many moves it had, so that a form from an older page moves nothing. */
enum { IN_RUN, IN_SEQ, IN_CHOICE };
const struct field scenario_choose_fields[] = {
	[IN_RUN] = {"run", FIELD_INT, 1, 999999999999LL, true},
	[IN_SEQ] = {"seq", FIELD_INT, 0, 10000, true},
	[IN_CHOICE] = {"choice", FIELD_INT, 1, CONTENT_CHOICES_MAX, true},
	{NULL},
};

/* Text with blank-line paragraphs, as authored. */
static void paragraphs(struct req *r, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *e = strstr(p, "\n\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		html(r, "<p>%.*s</p>\n", (int)n, p);
		p = e ? e + 2 : p + n;
	}
}

static void start_form(struct req *r, const struct progress *p, const char *label, bool secondary)
{
	html(r, "<form method=\"post\" action=\"/modules/%s/scenario\">\n", p->m.slug);
	auth_form_token(r);
	form_hidden(r, "action", "start");
	html(r, secondary ? "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n"
	                  : "<button type=\"submit\">%s</button>\n</form>\n",
	     label);
}

static const char *outcome_words(struct req *r, const char *o)
{
	return strcmp(o, "good") == 0 ? _("A good outcome") : strcmp(o, "mixed") == 0 ? _("A mixed outcome") : _("A poor outcome");
}

/* The case is written in English only so far: its text is marked so, and the page says so once. */
static void english_case(struct req *r)
{
	if (strcmp(page_lang(r)->code, "en") != 0)
		html(r, "<p class=\"notice\">%s</p>\n", _("This case is not translated into your language yet: it is shown in English."));
}

static void show(struct req *r, const struct progress *p)
{
	struct run_info run;
	enum store_rc rc = db_run_current(r->db, r->arena, r->me->id, p->m.id, &run);
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))   /* no run yet: the case's first page */
		return;
	layout_begin(r, arena_printf(r->arena, _("Case: %s"), p->m.scenario_title));
	module_crumbs(r, p, _("Case"));
	english_case(r);
	html(r, "<h1 lang=\"en\" dir=\"ltr\">%s</h1>\n", p->m.scenario_title);
	if (rc == STORE_NONE) {
		html(r, "<p>%s</p>\n", _("A story in several steps. At each step you choose what to do and see what follows, "
		                         "with what the seminar summary records about it. There are several endings; you can "
		                         "walk the case again and try another path."));
		start_form(r, p, _("Begin"), false);
		layout_end(r);
		return;
	}
	struct step_view st;
	if (http_store_failed(r, db_step(r->db, r->arena, run.revision_id, run.current_key, &st), NULL))
		return;
	if (st.ending) {
		html(r, "<div class=\"ending %s\">\n<p class=\"outcome\">%s</p>\n<div lang=\"en\" dir=\"ltr\">\n<h2>%s</h2>\n",
		     st.outcome, outcome_words(r, st.outcome), st.title);
		paragraphs(r, st.text);
		html(r, "</div>\n</div>\n");
		start_form(r, p, _("Try another path"), false);
		html(r, "<p><a href=\"/modules/%s\">%s</a></p>\n", p->m.slug, _("Back to the module"));
		layout_end(r);
		return;
	}
	html(r, "<p class=\"step-count\">");
	html(r, _("Step %d"), run.moves + 1);
	html(r, "</p>\n<div class=\"story\" lang=\"en\" dir=\"ltr\">\n");
	paragraphs(r, st.text);
	html(r, "</div>\n<form method=\"post\" action=\"/modules/%s/scenario\">\n", p->m.slug);
	auth_form_token(r);
	form_hidden(r, "action", "choose");
	form_hidden_number(r, "run", run.id);
	form_hidden_number(r, "seq", run.moves);
	html(r, "<fieldset>\n<legend>%s</legend>\n", _("What do you do?"));
	for (int i = 0; i < st.nchoices; i++)   /* one required radio button makes the group required */
		form_choice(r, &(struct form_choice){.name = "choice", .number = st.choices[i].position,
		                                     .label = st.choices[i].label, .required = i == 0,
		                                     .label_lang = "en", .label_dir = "ltr"});
	html(r, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n", _("Choose"));
	layout_end(r);
}

static void choose(struct req *r, const struct progress *p)
{
	struct run_info run;
	enum store_rc rc = db_run_current(r->db, r->arena, r->me->id, p->m.id, &run);
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))
		return;
	if (rc == STORE_NONE || run.id != r->in[IN_RUN].i || run.ended || run.moves != r->in[IN_SEQ].i) {
		/* Sent twice, from another tab, or after the case moved on: show where it is now. */
		http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/scenario", p->m.slug));
		return;
	}
	struct step_view st, next;
	if (http_store_failed(r, db_step(r->db, r->arena, run.revision_id, run.current_key, &st), NULL))
		return;
	const struct step_choice *ch = NULL;
	for (int i = 0; i < st.nchoices; i++)
		if (st.choices[i].position == r->in[IN_CHOICE].i)
			ch = &st.choices[i];
	if (ch == NULL) {
		http_error(r, 400, "that choice is not offered at this step");
		return;
	}
	if (http_store_failed(r, db_step(r->db, r->arena, run.revision_id, ch->target, &next), NULL))
		return;
	rc = db_run_move(r->db, run.id, run.moves, st.id, ch->id, ch->target, next.ending ? next.outcome : NULL);
	if (rc == STORE_NONE) {   /* the run moved on meanwhile (sent twice, another tab): show where it is */
		http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/scenario", p->m.slug));
		return;
	}
	if (http_store_failed(r, rc, "your choice could not be saved: please choose again"))
		return;
	layout_begin(r, arena_printf(r->arena, _("Case: %s"), p->m.scenario_title));
	module_crumbs(r, p, _("Case"));
	html(r, "<h1 lang=\"en\" dir=\"ltr\">%s</h1>\n<div class=\"notice\" role=\"status\">\n<p><strong>%s</strong> "
	        "<span lang=\"en\" dir=\"ltr\">%s</span></p>\n<p lang=\"en\" dir=\"ltr\">%s</p>\n"
	        "</div>\n<p><a class=\"btn\" href=\"/modules/%s/scenario\">%s</a></p>\n",
	     p->m.scenario_title, _("You chose:"), ch->label, ch->feedback[0] ? ch->feedback : "", p->m.slug, _("Continue"));
	layout_end(r);
}

/* The module named by the path, when it has a case; false after answering 404 or 503. */
static bool scenario_head(struct req *r, struct progress *p)
{
	if (!module_head(r, p))
		return false;
	if (p->m.scenario_start[0] == '\0') {
		http_error(r, 404, NULL);
		return false;
	}
	return true;
}

void page_scenario(struct req *r)
{
	struct progress p;
	if (scenario_head(r, &p))
		show(r, &p);
}

/* POST /modules/{slug}/scenario, action=start: a new run from the first step. */
void page_scenario_start(struct req *r)
{
	struct progress p;
	long long id;
	if (!scenario_head(r, &p))
		return;
	if (http_store_failed(r, db_run_start(r->db, r->me->id, p.m.id, p.m.revision_id, p.m.scenario_start, &id), NULL))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/modules/%s/scenario", p.m.slug));
}

/* POST /modules/{slug}/scenario, action=choose */
void page_scenario_choose(struct req *r)
{
	struct progress p;
	if (scenario_head(r, &p))
		choose(r, &p);
}
