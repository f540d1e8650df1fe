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
	layout_begin_wide(r, form_title(r, "Cohorts", name_err != NULL), true);
	html(r, "<h1>Cohorts</h1>\n");
	if (n == 0)
		html(r, "<p>You do not run any cohort yet. Start one below, or ask a colleague to add you to theirs.</p>\n");
	else {
		html(r, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Cohorts\"><table>\n<caption>%s</caption>\n"
		        "<thead><tr><th scope=\"col\">Cohort</th><th scope=\"col\">Trainees</th><th scope=\"col\">Join code</th>"
		        "<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
		     r->me->role == ROLE_ADMIN ? "Every cohort" : "The cohorts you run");
		for (int i = 0; i < n; i++) {
			const struct cohort *c = &cs[i];
			const char *join = c->archived                       ? "closed"
			                   : !c->join_enabled || !c->join_code[0] ? "off"
			                   : c->join_expired                 ? "expired"
			                                                     : "open";
			html(r, "<tr><td><a href=\"/cohorts/%lld\">%s</a></td><td>%d</td><td>%s</td><td>%s%s</td></tr>\n", c->id,
			     c->name, c->trainees, join, c->archived ? "archived" : "active",
			     c->aggregate_only ? ", aggregate only" : "");
		}
		html(r, "</tbody></table></div>\n");
	}
	if (r->me->role == ROLE_ADMIN)
		html(r, "<p><a href=\"/reports/answers.csv\" download>Every answer of every cohort (CSV)</a></p>\n");
	html(r, "<h2>Start a cohort</h2>\n<form method=\"post\" action=\"/cohorts\" novalidate>\n");
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "name", .label = "Name of the cohort",
	                                   .value = r->in[IN_NAME].s, .error = name_err, .maxlength = 120,
	                                   .hint = "For example: Community workers, Nairobi, March"});
	html(r, "<button type=\"submit\">Start the cohort</button>\n</form>\n");
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
		list(r, "type a name of 1 to 120 characters");
		return;
	}
	long long id;
	if (http_store_failed(r, cohort_new_code(r, 0, r->in[IN_NAME].s, &id), "could not start the cohort"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/cohorts/%lld/settings", id));
}
