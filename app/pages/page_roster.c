/* page_roster.c: a cohort's trainees, fifty to a page, with when each joined and was last active; the
 * facilitator removes trainees from the cohort or moves them to another of their cohorts. A trainee
 * removed keeps their account and records. */
#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/lang.h"
#include "pages/cohort.h"
#include "pages/cohort_report.h"

#define PAGE_ROWS 50

enum { IN_PAGE };
const struct field roster_fields[] = {
	[IN_PAGE] = {"page", FIELD_INT, 1, 100000, false},
	{NULL},
};

/* The selected trainees: one "user" per ticked box, each a database id (a page has fewer boxes than
 * HTTP_PARAMS_MAX). */
enum { IN_USER, IN_TO };
#define ROSTER_USER_FIELD [IN_USER] = {"user", FIELD_INT, 1, 1000000000000LL, false, .repeated = true}
const struct field roster_move_fields[] = {
	ROSTER_USER_FIELD,
	[IN_TO] = {"to", FIELD_INT, 1, 1000000000000LL, true},
	{NULL},
};
const struct field roster_remove_fields[] = {
	ROSTER_USER_FIELD,
	{NULL},
};

static void show(struct req *r, const struct cohort *c)
{
	struct report rp;
	struct cohort *others;
	int nothers;
	if (!report_load(r, r->db, c, 0, &rp))
		return;
	if (http_store_failed(r, db_cohorts(r->db, r->arena, r->me->id, r->me->role == ROLE_ADMIN, &others, &nothers),
	                      "database unavailable"))
		return;
	int pages = (rp.ntrainees + PAGE_ROWS - 1) / PAGE_ROWS, page = 1;
	if (r->in[IN_PAGE].state == FIELD_OK)
		page = (int)r->in[IN_PAGE].i;
	if (page > 1 && page > pages) {
		http_error(r, 404, "no such page of trainees");
		return;
	}
	/* TRANSLATORS: the page's title; %s is the cohort's name */
	layout_begin_wide(r, arena_printf(r->arena, _("Trainees: %s"), c->name), true);
	cohort_nav(r, c, "Trainees");   /* the tab's key, not a text shown */
	html(r, "<h1>%s</h1>\n<p>", _("Trainees"));
	html(r, _n("%d trainee.", "%d trainees.", rp.ntrainees), rp.ntrainees);
	html(r, " <a href=\"/cohorts/%lld/export/roster.csv\" download>%s</a></p>\n", c->id,
	     _("Download the roster with progress (CSV)"));
	if (rp.ntrainees == 0) {
		html(r, "<p>");
		html(r, _("Nobody has joined yet. <a href=\"%s\">Print the join sheet</a> for the room."),
		     arena_printf(r->arena, "/cohorts/%lld/sheet", c->id));
		html(r, "</p>\n");
		layout_end(r);
		return;
	}
	html(r, "<form method=\"post\" action=\"/cohorts/%lld/roster\">\n", c->id);
	auth_form_token(r);
	html(r, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n<caption>", _("Trainees"));
	/* TRANSLATORS: the table's caption: the first and the last row's numbers */
	html(r, _("Trainees %d to %d, by name"),
	     (page - 1) * PAGE_ROWS + 1, page * PAGE_ROWS < rp.ntrainees ? page * PAGE_ROWS : rp.ntrainees);
	html(r, "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	     /* TRANSLATORS: the heading of the column of check boxes */
	     _p("column", "Select"), _("Name"), _("Joined"), _("Last active"), _("Modules completed"));
	for (int i = (page - 1) * PAGE_ROWS; i < rp.ntrainees && i < page * PAGE_ROWS; i++) {
		const struct trainee_row *t = &rp.trainees[i];
		int done = report_completed(&rp, i);
		html(r, "<tr><td>");
		form_choice(r, &(struct form_choice){.name = "user", .checkbox = true, .number = t->id,
		                                     .id = arena_printf(r->arena, "u%lld", t->id),
		                                     /* TRANSLATORS: a check box's label for screen readers; %s is the
		                                      * trainee's name */
		                                     .aria_label = arena_printf(r->arena, _("Select %s"), t->name)});
		html(r, "</td><td><a href=\"/cohorts/%lld/trainees/%lld\"><bdi>%s</bdi></a></td><td>%s</td><td>%s</td><td>",
		     c->id, t->id, t->name, lang_date(r, t->joined), lang_date(r, report_last_active(&rp, i)));
		/* TRANSLATORS: modules completed of the modules assigned, such as "2 of 5" */
		html(r, _n("%d of %d", "%d of %d", (unsigned long)rp.nmods), done, rp.nmods);
		html(r, "</td></tr>\n");
	}
	html(r, "</tbody></table></div>\n<fieldset><legend>%s</legend>\n"
	        "<label for=\"f-to\">%s</label>\n<select id=\"f-to\" name=\"to\">\n",
	     _("With the selected trainees"), _("Move to cohort"));
	for (int i = 0; i < nothers; i++)
		if (others[i].id != c->id && !others[i].archived)
			html(r, "<option value=\"%lld\">%s</option>\n", others[i].id, others[i].name);
	html(r, "</select>\n<p><button type=\"submit\" name=\"action\" value=\"move\">%s</button> "
	        "<button type=\"submit\" name=\"action\" value=\"remove\" class=\"secondary\">%s</button></p>\n"
	        "<p class=\"hint\">%s</p>\n"
	        "</fieldset>\n</form>\n",
	     _p("verb", "Move"), _("Remove from the cohort"),
	     _("A trainee removed from the cohort keeps their account, progress and certificates."));
	report_pager(r, arena_printf(r->arena, "/cohorts/%lld/roster", c->id), "", page, pages);
	layout_end(r);
}

void page_roster(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c) && !cohort_refuse_rows(r, &c))
		show(r, &c);
}

/* Moves the selected trainees to cohort `to`, or out of any cohort (to = 0). Only trainees of this
 * cohort move: the statement checks it. */
static void move(struct req *r, const struct cohort *c, long long to)
{
	const struct field_val *users = &r->in[IN_USER];
	if (users->count == 0) {
		http_error(r, 400, "select at least one trainee");
		return;
	}
	for (size_t i = 0; i < users->count; i++) {
		/* STORE_NONE: not a trainee of this cohort (any more); the others still move. */
		enum store_rc rc = db_trainee_move(r->db, users->ints[i], c->id, to);
		if (rc != STORE_NONE && http_store_failed(r, rc, "could not move the trainees"))
			return;
	}
	http_redirect(r, 303, arena_printf(r->arena, "/cohorts/%lld/roster", c->id));
}

/* POST /cohorts/{id}/roster, action=move: to another of the facilitator's cohorts that is open. */
void page_roster_move(struct req *r)
{
	struct cohort c, dest;
	if (!cohort_open(r, &c) || cohort_refuse_rows(r, &c))
		return;
	enum store_rc rc = db_cohort_get(r->db, r->arena, r->in[IN_TO].i, r->me->id, r->me->role == ROLE_ADMIN, &dest);
	if (rc == STORE_OK && (dest.archived || dest.id == c.id))
		rc = STORE_NONE;   /* not a cohort they may be moved to: answered as one that does not exist */
	if (http_store_failed(r, rc, rc == STORE_NONE ? "no such cohort among yours" : "database unavailable"))
		return;
	move(r, &c, dest.id);
}

/* POST /cohorts/{id}/roster, action=remove: out of the cohort; they keep their account and records. */
void page_roster_remove(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c) && !cohort_refuse_rows(r, &c))
		move(r, &c, 0);
}
