/* page_cohorts.c: the cohorts a facilitator runs (an administrator sees all), and a form to start one.
 * The person who starts a cohort becomes its first facilitator; it is offered every module. */
#include <string.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/cohort.h"

enum { IN_NAME };
const struct field cohorts_fields[] = {
	[IN_NAME] = {"name", FIELD_TEXT, 1, 120, true},
	{NULL},
};

static void list(struct req *r, const char *name_err)
{
	struct cohort *cs;
	int n;
	if (http_store_failed(r, db_cohorts(r->db, r->arena, r->me->id, r->me->role == ROLE_ADMIN, &cs, &n),
	                      "database unavailable"))
		return;
	layout_begin_wide(r, form_title(r, _("Cohorts"), name_err != NULL), true);
	html(r, "<h1>%s</h1>\n", _("Cohorts"));
	if (n == 0)
		html(r, "<p>%s</p>\n", _("You do not run any cohort yet. Start one below, or ask a colleague to add you to theirs."));
	else {
		html(r, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n<caption>%s</caption>\n"
		        "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		        "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		     _("Cohorts"), r->me->role == ROLE_ADMIN ? _("Every cohort") : _("The cohorts you run"), _("Cohort"),
		     _("Trainees"), _("Join code"), _("Status"));
		for (int i = 0; i < n; i++) {
			const struct cohort *c = &cs[i];
			const char *join = c->archived                       ? _p("join code", "closed")
			                   : !c->join_enabled || !c->join_code[0] ? _p("join code", "off")
			                   : c->join_expired                 ? _p("join code", "expired")
			                                                     : _p("join code", "open");
			const char *status = c->archived ? (c->aggregate_only ? _p("cohort", "archived, aggregate only") : _p("cohort", "archived"))
			                                 : (c->aggregate_only ? _p("cohort", "active, aggregate only") : _p("cohort", "active"));
			html(r, "<tr><td><a href=\"/cohorts/%lld\"><bdi>%s</bdi></a></td><td>%d</td><td>%s</td><td>%s</td></tr>\n", c->id,
			     c->name, c->trainees, join, status);
		}
		html(r, "</tbody></table></div>\n");
	}
	if (r->me->role == ROLE_ADMIN)
		html(r, "<p><a href=\"/reports/answers.csv\" download>%s</a></p>\n", _("Every answer of every cohort (CSV)"));
	html(r, "<h2>%s</h2>\n<form method=\"post\" action=\"/cohorts\" novalidate>\n", _("Start a cohort"));
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "name", .label = _("Name of the cohort"),
	                                   .value = r->in[IN_NAME].s, .error = name_err, .maxlength = 120,
	                                   .hint = _("For example: Community workers, Nairobi, March")});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _("Start the cohort"));
	layout_end(r);
}

void page_cohorts(struct req *r)
{
	if (r->method != METHOD_POST) {
		r->in[IN_NAME] = (struct field_val){0};
		list(r, NULL);
		return;
	}
	if (r->in[IN_NAME].state != FIELD_OK) {
		r->resp.status = 400;
		list(r, _("type a name of 1 to 120 characters"));
		return;
	}
	long long id;
	if (http_store_failed(r, cohort_new_code(r, 0, r->in[IN_NAME].s, &id), "could not start the cohort"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/cohorts/%lld/settings", id));
}
