/* page_cohort_trainee.c: one trainee of a cohort as their facilitator sees them: progress in each
 * module, every attempt with each answer and the option chosen, and each path through the cases, with
 * the forms of what the facilitator can do for them (page_trainee_actions.c). Not shown for an
 * aggregate-only cohort. */
#include <string.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/module_page.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"
#include "store/accounts.h"
#include "store/training.h"

static void progress_table(struct req *r, const struct progress *ps, int n)
{
	html(r, "<h2>%s</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
	        "<tbody>\n",
	     _("Progress"), _("Progress"), _("Module"), _("Status"), _("Lessons read"), _("Quiz attempts"), _("Best score"),
	     _("Case"), _("Certificate"));
	for (int i = 0; i < n; i++) {
		const struct progress *p = &ps[i];
		bool started = module_started(p);
		html(r, "<tr><th scope=\"row\">");
		module_title_html(r, &p->m);
		html(r, "</th><td>%s</td><td>",
		     module_complete(p) ? _p("module", "completed") : started ? _p("module", "in progress") : _p("module", "not started"));
		/* TRANSLATORS: lessons read, of how many lessons the module has */
		html(r, _n("%d of %d", "%d of %d", p->m.nlessons), p->lessons_read < p->m.nlessons ? p->lessons_read : p->m.nlessons,
		     p->m.nlessons);
		html(r, "</td><td>%d</td><td>%s</td><td>%s</td><td>", p->quiz_attempts,
		     p->best_score >= 0 ? arena_printf(r->arena, _("%d%%"), p->best_score) : "",
		     !p->m.scenario_start[0] ? _p("case", "none") : p->scenario_done ? _p("case", "finished") : _p("case", "not finished"));
		if (p->certificate[0])
			html(r, "<a href=\"/certificates/%s\">%s</a>", p->certificate, p->certificate);
		html(r, "</td></tr>\n");
	}
	html(r, "</tbody></table></div>\n");
}

static void answers(struct req *r, const struct answer_line *ls, int n)
{
	html(r, "<h2>%s</h2>\n", _("Answers"));
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("No quiz or pre-check attempt yet."));
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct answer_line *l = &ls[i];
		bool first = i == 0 || strcmp(ls[i - 1].slug, l->slug) != 0 || strcmp(ls[i - 1].set, l->set) != 0 ||
		             ls[i - 1].number != l->number;
		if (first) {
			if (i > 0)
				html(r, "</tbody></table></div>\n");
			bool quiz = strcmp(l->set, "quiz") == 0;
			html(r, "<h3>");
			/* TRANSLATORS: the module's title, then the attempt's number */
			html(r, quiz ? _("%s: quiz attempt %d") : _("%s: pre-check attempt %d"), l->module_title, l->number);
			html(r, "</h3>\n<p>");
			/* TRANSLATORS: when the attempt was sent (a date and time), and its score in percent */
			html(r, quiz ? (l->passed ? _("%s UTC · score %d%% · passed") : _("%s UTC · score %d%% · not passed"))
			             : _("%s UTC · score %d%%"),
			     l->when, l->score);
			html(r, "</p>\n"
			        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">%s</th>"
			        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			     _("Answers"), _("Question"), _("Answer"), _("Result"));
		}
		/* The questions and options as written, in English (the content's first language) */
		html(r, "<tr><td>%d</td><td lang=\"en\" dir=\"ltr\">%s</td><td>%s <span lang=\"en\" dir=\"ltr\">%s</span></td><td>%s</td></tr>\n",
		     l->position, l->question, l->letters, l->chosen_text, l->correct ? _p("answer", "right") : _p("answer", "wrong"));
	}
	html(r, "</tbody></table></div>\n");
}

static void runs(struct req *r, const struct run_line *ls, int n)
{
	html(r, "<h2>%s</h2>\n", _("Paths through the cases"));
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("No case started yet."));
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct run_line *l = &ls[i];
		if (i == 0 || ls[i - 1].run != l->run) {
			if (i > 0)
				html(r, "</ol>\n");
			html(r, "<h3>");
			if (!l->ended)
				/* TRANSLATORS: the module's id, then when the case was started (a date and time) */
				html(r, _("%s, started %s UTC: not finished"), l->slug, l->started);
			else if (strcmp(l->outcome, "good") == 0)
				html(r, _("%s, started %s UTC: finished, good outcome"), l->slug, l->started);
			else if (strcmp(l->outcome, "mixed") == 0)
				html(r, _("%s, started %s UTC: finished, mixed outcome"), l->slug, l->started);
			else if (strcmp(l->outcome, "poor") == 0)
				html(r, _("%s, started %s UTC: finished, poor outcome"), l->slug, l->started);
			else
				/* TRANSLATORS: the module's id, when the case was started, and its outcome as the content names it */
				html(r, _("%s, started %s UTC: finished, %s outcome"), l->slug, l->started, l->outcome);
			html(r, "</h3>\n<ol>\n");
		}
		if (l->step[0]) {
			html(r, "<li>");
			/* TRANSLATORS: the step of the case, and the choice the trainee made there */
			html(r, _("At “%s”, chose “%s”"), l->step, l->choice);
			html(r, "</li>\n");
		}
	}
	html(r, "</ol>\n");
}

/* A new resume code, a new name, fresh quiz attempts, and merging with another record. */
static void actions(struct req *r, const struct cohort *c, const struct account *a, const struct progress *ps, int n)
{
	const char *base = arena_printf(r->arena, "/cohorts/%lld/trainees/%lld", c->id, a->id);
	html(r, "<h2 id=\"help\">");
	/* TRANSLATORS: %s is the trainee's name */
	html(r, _("Help <bdi>%s</bdi> back in"), a->display_name);
	html(r, "</h2>\n<div class=\"actions\">\n"
	        "<form method=\"post\" action=\"%s/code\">\n",
	     base);
	auth_form_token(r);
	html(r, "<p>%s</p>\n<button type=\"submit\">%s</button>\n</form>\n"
	        "<form method=\"post\" action=\"%s/rename\">\n",
	     _("Lost their resume code? Issue a new one and print it as a slip; the old code stops working (you are asked "
	       "first)."),
	     _("Issue a new resume code"), base);
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "name", .label = _("Name"), .value = a->display_name,
	                                   .hint = arena_printf(r->arena, _n("Up to %d character", "Up to %d characters", 60), 60),
	                                   .autocomplete = "off", .maxlength = 60});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _p("verb", "Rename"));
	int limited = 0;
	for (int i = 0; i < n; i++)
		limited += ps[i].m.attempts > 0;
	if (limited > 0) {
		html(r, "<form method=\"post\" action=\"%s/attempts\">\n", base);
		auth_form_token(r);
		html(r, "<label for=\"f-module\">%s</label>\n<select id=\"f-module\" name=\"module\">\n",
		     _("Fresh quiz attempts at"));
		for (int i = 0; i < n; i++)
			if (ps[i].m.attempts > 0) {
				html(r, "<option value=\"%lld\">", ps[i].m.id);
				/* TRANSLATORS: the module's title, the quiz attempts used, and how many the module allows */
				html(r, _n("%s (%d of %d used)", "%s (%d of %d used)", ps[i].m.attempts), module_title(r, &ps[i].m, NULL),
				     ps[i].quiz_attempts, ps[i].m.attempts);
				html(r, "</option>\n");
			}
		html(r, "</select>\n<p class=\"hint\">%s</p>\n<button type=\"submit\">%s</button>\n</form>\n",
		     _("Their attempts so far stay recorded and in your figures; the module's limit counts again from now."),
		     _("Give fresh attempts"));
	}
	html(r, "<p>");
	html(r, _("<a href=\"%s\">Merge with another record of this person</a> (someone who joined twice)"),
	     arena_printf(r->arena, "%s/merge", base));
	html(r, "</p>\n</div>\n");
}

/* ?done=renamed|attempts|merged after one of the recovery actions, for the notice. */
enum { IN_DONE };
const struct field cohort_trainee_fields[] = {
	[IN_DONE] = {"done", FIELD_SLUG, 1, 20, false},
	{NULL},
};

void page_cohort_trainee(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c) || cohort_refuse_rows(r, &c))
		return;
	struct account a;
	if (!cohort_trainee_open(r, &c, &a))
		return;
	long long uid = a.id;
	struct progress *ps;
	struct answer_line *ls;
	struct run_line *rs;
	int np, nl, nr;
	struct db *db = req_reports_db(r);
	enum store_rc rc = db_progress_all(db, r->arena, uid, &ps, &np);
	if (rc == STORE_OK)
		rc = db_trainee_answers(db, r->arena, uid, &ls, &nl);
	if (rc == STORE_OK)
		rc = db_trainee_runs(db, r->arena, uid, &rs, &nr);
	if (http_store_failed(r, rc, "database unavailable"))
		return;
	/* TRANSLATORS: the page's title: the trainee's name, then the cohort's name */
	layout_begin_wide(r, arena_printf(r->arena, _("%s: %s"), a.display_name, c.name), true);
	cohort_nav(r, &c, "");
	html(r, "<h1><bdi>%s</bdi></h1>\n<p><a href=\"#help\">%s</a></p>\n", a.display_name,
	     _("Lost code, new name, fresh attempts or a second record: help them back in"));
	if (a.disabled)
		html(r, "<p class=\"notice\">%s</p>\n", _("This account is disabled."));
	const char *done = r->in[IN_DONE].state == FIELD_OK ? r->in[IN_DONE].s : NULL;
	static const char *const dones[][2] = {
		{"renamed", N_("The trainee is renamed.")},
		{"attempts", N_("The trainee has fresh quiz attempts at the module.")},
		{"merged", N_("The two records are now one: everything is shown below.")},
	};
	for (size_t i = 0; done != NULL && i < sizeof(dones) / sizeof(dones[0]); i++)
		if (strcmp(done, dones[i][0]) == 0)
			html(r, "<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n", tr(r, dones[i][1]));
	progress_table(r, ps, np);
	answers(r, ls, nl);
	runs(r, rs, nr);
	actions(r, &c, &a, ps, np);
	live_record(r, uid, false);
	layout_end(r);
}
