/* page_workshops.c: the live workshops a facilitator runs, and a form to prepare a new one: from scratch,
 * or with a module's quiz questions copied in, and for a cohort (whose dashboards then list it) or for
 * anyone with the code. */
#include <string.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"
#include "security/security.h"
#include "store/training.h"

enum { IN_TITLE, IN_SOURCE, IN_MODULE, IN_COHORT };
const struct field workshops_fields[] = {
	[IN_TITLE] = {"title", FIELD_TEXT, 1, LIVE_TITLE_MAX, true},
	[IN_SOURCE] = {"source", FIELD_SLUG, 1, 10, false},
	[IN_MODULE] = {"module", FIELD_SLUG, 1, 40, false},
	[IN_COHORT] = {"cohort", FIELD_INT, 0, 1LL << 53, false},
	{NULL},
};

static void list(struct req *r, const char *title_err, const char *other_err)
{
	struct workshop *ws;
	struct cohort *cs;
	struct progress *ms;
	int n, nc, nm;
	bool admin = r->me->role == ROLE_ADMIN;
	enum store_rc rc = db_live_list(r->db, r->arena, r->me->id, admin, &ws, &n);
	if (rc == STORE_OK)
		rc = db_cohorts(r->db, r->arena, r->me->id, admin, &cs, &nc);
	if (rc == STORE_OK)
		rc = db_progress_all(r->db, r->arena, r->me->id, &ms, &nm);
	if (http_store_failed(r, rc, "the workshops could not be read"))
		return;
	bool errors = title_err || other_err;
	layout_begin_wide(r, form_title(r, _("Live workshops"), errors), true);
	html(r, "<h1>%s</h1>\n<p>%s</p>\n", _("Live workshops"),
	     _("A live workshop is a set of questions a room answers from their phones, one at a time, while the results "
	       "appear on the projector."));
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("You have no live workshop yet. Prepare one below."));
	} else {
		html(r, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n"
		        "<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		     _("Live workshops"), admin ? _("Every live workshop") : _("Your live workshops and your cohorts'"),
		     _("Workshop"), _("Code"), _("Cohort"), _("Questions"), _("Participants"), _("Status"), _("Created"));
		for (int i = 0; i < n; i++)
			html(r, "<tr><td><a href=\"/workshops/%lld\"><bdi>%s</bdi></a></td><td>%s</td><td><bdi>%s</bdi></td><td>%d</td><td>%d</td>"
			        "<td>%s</td><td>%s</td></tr>\n",
			     ws[i].id, ws[i].title, live_code_display(r, ws[i].code), ws[i].cohort_name[0] ? ws[i].cohort_name : "—",
			     ws[i].questions, ws[i].participants, live_state_text(r, ws[i].state), lang_day(r, ws[i].created_on));
		html(r, "</tbody></table></div>\n");
	}
	html(r, "<h2>%s</h2>\n", _("Prepare a live workshop"));
	if (errors) {
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>");
		/* TRANSLATORS: %s says what is wrong in the form */
		html(r, _("Please check the form: %s."), title_err ? title_err : other_err);
		html(r, "</p></div>\n");
	}
	html(r, "<form method=\"post\" action=\"/workshops\" novalidate>\n");
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "title", .label = _("Title"), .value = r->in[IN_TITLE].s,
	                                   .error = title_err, .maxlength = LIVE_TITLE_MAX,
	                                   .hint = _("What the room sees, for example: Remittances, morning workshop")});
	html(r, "<div class=\"field\"><label for=\"f-module\">%s</label>\n"
	        "<select id=\"f-module\" name=\"module\">\n<option value=\"\">%s</option>\n",
	     _("Start with the quiz questions of"), _("No module: I will write the questions"));
	for (int i = 0; i < nm; i++) {
		const char *lang, *title = module_title(r, &ms[i].m, &lang);
		html(r, "<option value=\"%s\" lang=\"%s\">%s</option>\n", ms[i].m.slug, lang, title);
	}
	html(r, "</select></div>\n<div class=\"field\"><label for=\"f-cohort\">%s</label>\n"
	        "<p class=\"hint\" id=\"f-cohort-hint\">%s</p>\n"
	        "<select id=\"f-cohort\" name=\"cohort\" aria-describedby=\"f-cohort-hint\">\n"
	        "<option value=\"0\">%s</option>\n",
	     _("For the cohort"),
	     _("The cohort's dashboards list the workshop, and its trainees who join while signed in find their answers "
	       "in their record."),
	     _("No cohort"));
	for (int i = 0; i < nc; i++)
		if (!cs[i].archived)
			html(r, "<option value=\"%lld\">%s</option>\n", cs[i].id, cs[i].name);
	html(r, "</select></div>\n<button type=\"submit\">%s</button>\n</form>\n", _("Prepare the workshop"));
	layout_end(r);
}

void page_workshops(struct req *r)
{
	if (r->method != METHOD_POST) {
		list(r, NULL, NULL);
		return;
	}
	const char *title_err = r->in[IN_TITLE].state != FIELD_OK ? _("give the workshop a title of up to 120 characters") : NULL;
	const char *other_err = NULL;
	const char *slug = r->in[IN_MODULE].state == FIELD_OK ? r->in[IN_MODULE].s : NULL;
	long long cohort = r->in[IN_COHORT].state == FIELD_OK ? r->in[IN_COHORT].i : 0;
	if (r->in[IN_MODULE].state == FIELD_INVALID || r->in[IN_COHORT].state == FIELD_INVALID ||
	    r->in[IN_SOURCE].state == FIELD_INVALID)
		other_err = _("choose a module and a cohort from the lists");
	struct cohort c;
	if (!title_err && !other_err && cohort > 0) {
		enum store_rc rc = db_cohort_get(r->db, r->arena, cohort, r->me->id, r->me->role == ROLE_ADMIN, &c);
		if (rc == STORE_NONE)
			other_err = _("that cohort is not one of yours");
		else if (http_store_failed(r, rc, "the cohort could not be read"))
			return;
	}
	struct progress m;
	if (!title_err && !other_err && slug) {
		enum store_rc rc = db_progress_one(r->db, r->arena, r->me->id, slug, &m);
		if (rc == STORE_NONE)
			other_err = _("there is no module by that name");
		else if (http_store_failed(r, rc, "the module could not be read"))
			return;
	}
	if (title_err || other_err) {
		r->resp.status = 400;
		list(r, title_err, other_err);
		return;
	}
	long long id = 0;
	enum store_rc rc = STORE_TAKEN;
	for (int tries = 0; tries < 5 && rc == STORE_TAKEN; tries++) {
		char display[16], code[LIVE_CODE_SYMBOLS + 1];
		if (sec_code_new(LIVE_CODE_SYMBOLS, display, sizeof(display)) != 0 ||
		    !sec_code_parse(display, LIVE_CODE_SYMBOLS, code, sizeof(code)))
			break;
		rc = db_live_create(r->db, code, r->in[IN_TITLE].s, r->me->id, cohort, slug, &id);
	}
	if (rc == STORE_TAKEN)   /* five fresh codes all taken, or none could be made: the server's fault */
		rc = STORE_FAILED;
	if (http_store_failed(r, rc, "could not create the workshop"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/workshops/%lld", id));
}

/* GET /sessions, /sessions/{id} and its console, screen and results.csv: the addresses workshops had while
 * they were called live sessions. A facilitator's bookmark still finds its page (301, so the bookmark can
 * be updated); the query is dropped, as no old link carried one that matters. Forms are not carried over:
 * a POST to an old address is refused (405). */
void page_workshops_moved(struct req *r)
{
	static const char old[] = "/sessions";
	size_t n = sizeof(old) - 1;
	const char *rest = strncmp(r->path, old, n) == 0 ? r->path + n : "";
	http_redirect(r, 301, arena_printf(r->arena, "/workshops%s", rest));
}
