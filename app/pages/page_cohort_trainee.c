/* page_cohort_trainee.c: one trainee of a cohort as their facilitator sees them: progress in each
 * module, every attempt with each answer and the option chosen, and each path through the cases, with
 * the forms of what the facilitator can do for them (page_trainee_actions.c). Not shown for an
 * aggregate-only cohort. */
#include <string.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"
#include "store/accounts.h"
#include "store/training.h"

static void progress_table(struct req *r, const struct progress *ps, int n)
{
	html(r, "<h2>Progress</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Progress\"><table>\n<thead><tr><th scope=\"col\">Module</th>"
	        "<th scope=\"col\">Status</th><th scope=\"col\">Lessons read</th><th scope=\"col\">Quiz attempts</th>"
	        "<th scope=\"col\">Best score</th><th scope=\"col\">Case</th><th scope=\"col\">Certificate</th></tr></thead>\n"
	        "<tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct progress *p = &ps[i];
		bool started = module_started(p);
		html(r, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%d of %d</td><td>%d</td><td>%s</td><td>%s</td><td>",
		     p->m.title, module_complete(p) ? "completed" : started ? "in progress" : "not started",
		     p->lessons_read < p->m.nlessons ? p->lessons_read : p->m.nlessons, p->m.nlessons, p->quiz_attempts,
		     p->best_score >= 0 ? arena_printf(r->arena, "%d%%", p->best_score) : "",
		     !p->m.scenario_start[0] ? "none" : p->scenario_done ? "finished" : "not finished");
		if (p->certificate[0])
			html(r, "<a href=\"/certificates/%s\">%s</a>", p->certificate, p->certificate);
		html(r, "</td></tr>\n");
	}
	html(r, "</tbody></table></div>\n");
}

static void answers(struct req *r, const struct answer_line *ls, int n)
{
	html(r, "<h2>Answers</h2>\n");
	if (n == 0) {
		html(r, "<p>No quiz or pre-check attempt yet.</p>\n");
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct answer_line *l = &ls[i];
		bool first = i == 0 || strcmp(ls[i - 1].slug, l->slug) != 0 || strcmp(ls[i - 1].set, l->set) != 0 ||
		             ls[i - 1].number != l->number;
		if (first) {
			if (i > 0)
				html(r, "</tbody></table></div>\n");
			html(r, "<h3>%s: %s attempt %d</h3>\n<p>%s UTC · score %d%%%s</p>\n"
			        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Answers\"><table>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Question</th>"
			        "<th scope=\"col\">Answer</th><th scope=\"col\">Result</th></tr></thead>\n<tbody>\n",
			     l->module_title, strcmp(l->set, "quiz") == 0 ? "quiz" : "pre-check", l->number, l->when, l->score,
			     strcmp(l->set, "quiz") == 0 ? (l->passed ? " · passed" : " · not passed") : "");
		}
		html(r, "<tr><td>%d</td><td>%s</td><td>%s %s</td><td>%s</td></tr>\n", l->position, l->question, l->letters,
		     l->chosen_text, l->correct ? "right" : "wrong");
	}
	html(r, "</tbody></table></div>\n");
}

static void runs(struct req *r, const struct run_line *ls, int n)
{
	html(r, "<h2>Paths through the cases</h2>\n");
	if (n == 0) {
		html(r, "<p>No case started yet.</p>\n");
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct run_line *l = &ls[i];
		if (i == 0 || ls[i - 1].run != l->run) {
			if (i > 0)
				html(r, "</ol>\n");
			html(r, "<h3>%s, started %s UTC: %s</h3>\n<ol>\n", l->slug, l->started,
			     l->ended ? arena_printf(r->arena, "finished, %s outcome", l->outcome) : "not finished");
		}
		if (l->step[0])
			html(r, "<li>At “%s”, chose “%s”</li>\n", l->step, l->choice);
	}
	html(r, "</ol>\n");
}

/* A new resume code, a new name, fresh quiz attempts, and merging with another record. */
static void actions(struct req *r, const struct cohort *c, const struct account *a, const struct progress *ps, int n)
{
	const char *base = arena_printf(r->arena, "/cohorts/%lld/trainees/%lld", c->id, a->id);
	html(r, "<h2 id=\"help\">Help %s back in</h2>\n<div class=\"actions\">\n"
	        "<form method=\"post\" action=\"%s/code\">\n",
	     a->display_name, base);
	auth_form_token(r);
	html(r, "<p>Lost their resume code? Issue a new one and print it as a slip; the old code stops working (you "
	        "are asked first).</p>\n<button type=\"submit\">Issue a new resume code</button>\n</form>\n"
	        "<form method=\"post\" action=\"%s/rename\">\n",
	     base);
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "name", .label = "Name", .value = a->display_name,
	                                   .hint = "Up to 60 characters", .autocomplete = "off", .maxlength = 60});
	html(r, "<button type=\"submit\">Rename</button>\n</form>\n");
	int limited = 0;
	for (int i = 0; i < n; i++)
		limited += ps[i].m.attempts > 0;
	if (limited > 0) {
		html(r, "<form method=\"post\" action=\"%s/attempts\">\n", base);
		auth_form_token(r);
		html(r, "<label for=\"f-module\">Fresh quiz attempts at</label>\n<select id=\"f-module\" name=\"module\">\n");
		for (int i = 0; i < n; i++)
			if (ps[i].m.attempts > 0)
				html(r, "<option value=\"%lld\">%s (%d of %d used)</option>\n", ps[i].m.id, ps[i].m.title,
				     ps[i].quiz_attempts, ps[i].m.attempts);
		html(r, "</select>\n<p class=\"hint\">Their attempts so far stay recorded and in your figures; the module's "
		        "limit counts again from now.</p>\n<button type=\"submit\">Give fresh attempts</button>\n</form>\n");
	}
	html(r, "<p><a href=\"%s/merge\">Merge with another record of this person</a> (someone who joined twice)</p>\n"
	        "</div>\n",
	     base);
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
	layout_begin_wide(r, arena_printf(r->arena, "%s: %s", a.display_name, c.name), true);
	cohort_nav(r, &c, "");
	html(r, "<h1><bdi>%s</bdi></h1>\n<p><a href=\"#help\">Lost code, new name, fresh attempts or a second record: help them "
	        "back in</a></p>\n",
	     a.display_name);
	if (a.disabled)
		html(r, "<p class=\"notice\">This account is disabled.</p>\n");
	const char *done = r->in[IN_DONE].state == FIELD_OK ? r->in[IN_DONE].s : NULL;
	static const char *const dones[][2] = {
		{"renamed", "The trainee is renamed."},
		{"attempts", "The trainee has fresh quiz attempts at the module."},
		{"merged", "The two records are now one: everything is shown below."},
	};
	for (size_t i = 0; done != NULL && i < sizeof(dones) / sizeof(dones[0]); i++)
		if (strcmp(done, dones[i][0]) == 0)
			html(r, "<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n", dones[i][1]);
	progress_table(r, ps, np);
	answers(r, ls, nl);
	runs(r, rs, nr);
	actions(r, &c, &a, ps, np);
	live_record(r, uid, false);
	layout_end(r);
}
