/* page_cohort.c: a cohort's overview: each assigned module's figures (started, completed, completion
 * rate, median best score, overdue), who has not been active lately, and the trainees-by-modules matrix,
 * fifty trainees to a page. Everything is computed from one read of the cohort's records. */
#include <string.h>
#include <time.h>

#include "pages/module_page.h"
#include "pages/lang.h"
#include "pages/cohort.h"
#include "pages/cohort_report.h"
#include "pages/workshop_view.h"

#define PAGE_ROWS 50
#define INACTIVE_SHOWN 50

enum { IN_PAGE, IN_INACTIVE };
const struct field cohort_fields[] = {
	[IN_PAGE] = {"page", FIELD_INT, 1, 100000, false},
	[IN_INACTIVE] = {"inactive", FIELD_INT, 1, 365, false},
	{NULL},
};

/* A figure about `n` of the cohort's `of` trainees, or a note when the privacy rule hides it. */
static void figure_cell(struct req *r, const struct cohort *c, int n, int of, const char *text)
{
	if (!cohort_shown(c, n, of))
		html(r, "<td>%s</td>", arena_printf(r->arena, _n("hidden (fewer than %d)", "hidden (fewer than %d)", REPORT_MIN_GROUP),
		                                     REPORT_MIN_GROUP));
	else
		html(r, "<td>%s</td>", text);
}

static void modules_table(struct req *r, const struct cohort *c, const struct report *rp)
{
	html(r, "<h2>%s</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n<caption>",
	     _("Modules"), _("Modules"));
	html(r, _n("Assigned modules, over all %d trainee", "Assigned modules, over all %d trainees", rp->ntrainees),
	     rp->ntrainees);
	html(r, "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	     _("Module"), _("Due"), _("Started"), _("Completed"), _("Completion rate"), _("Median best quiz score"),
	     _("Overdue"));
	for (int m = 0; m < rp->nmods; m++) {
		struct module_figures f;
		report_module_figures(rp, m, r->arena, &f);
		const char *med = lang_figure(r, f.median);
		html(r, "<tr><th scope=\"row\"><a href=\"/cohorts/%lld/modules/%s\">", c->id, rp->mods[m].m.slug);
		module_title_html(r, &rp->mods[m].m);
		html(r, "</a></th><td>%s</td>", rp->mods[m].due_on[0] ? lang_day(r, rp->mods[m].due_on) : _p("due date", "none"));
		int n = rp->ntrainees;
		figure_cell(r, c, f.started, n, arena_printf(r->arena, "%d", f.started));
		figure_cell(r, c, f.completed, n, arena_printf(r->arena, "%d", f.completed));
		figure_cell(r, c, f.completed, n, f.rate < 0 ? _("no trainees") : arena_printf(r->arena, _("%d%%"), f.rate));
		figure_cell(r, c, f.nscores, n,
		            /* TRANSLATORS: %s is the median score in percent, %d the number of trainees it is over */
		            f.nscores ? arena_printf(r->arena, _n("%s%% (%d trainee)", "%s%% (%d trainees)", f.nscores), med, f.nscores)
		                      : _("no scores yet"));
		figure_cell(r, c, f.overdue, n, arena_printf(r->arena, "%d", f.overdue));
		html(r, "</tr>\n");
	}
	html(r, "</tbody></table></div>\n");
	if (rp->nmods == 0)
		html(r, "<p>%s <a href=\"/cohorts/%lld/settings#modules\">%s</a>.</p>\n", _("No module is assigned."), c->id,
		     _("Assign modules"));
}

static void inactive_list(struct req *r, const struct cohort *c, const struct report *rp, int days)
{
	long long cutoff = (long long)time(NULL) - (long long)days * 86400;
	int n = report_inactive(rp, cutoff);
	html(r, "<h2 id=\"inactive\">");
	html(r, _n("Not active for %d day", "Not active for %d days", days), days);
	html(r, "</h2>\n"
	        "<form method=\"get\" action=\"/cohorts/%lld#inactive\" class=\"row\">"
	        "<label for=\"f-inactive\">%s</label>"
	        "<select id=\"f-inactive\" name=\"inactive\">",
	     c->id, _("Days without activity"));
	static const int choices[] = {3, 7, 14, 30, 60};
	for (size_t i = 0; i < sizeof(choices) / sizeof(choices[0]); i++)
		html(r, "<option value=\"%d\"%s>%d</option>", choices[i], choices[i] == days ? " selected" : "", choices[i]);
	html(r, "</select> <button type=\"submit\" class=\"secondary\">%s</button></form>\n", _p("verb", "Show"));
	if (n == 0) {
		html(r, "<p>");
		html(r, _n("Everyone has been active in the last %d day.", "Everyone has been active in the last %d days.", days),
		     days);
		html(r, "</p>\n");
		return;
	}
	html(r, "<p>");
	if (c->aggregate_only) {
		if (cohort_shown(c, n, rp->ntrainees))
			html(r, _n("%d trainee.", "%d trainees.", n), n);
		else
			html(r, _n("Hidden: fewer than %d trainee, or all but fewer than %d.",
			           "Hidden: fewer than %d trainees, or all but fewer than %d.", REPORT_MIN_GROUP),
			     REPORT_MIN_GROUP, REPORT_MIN_GROUP);
		html(r, "</p>\n");
		return;
	}
	/* TRANSLATORS: introduces the list of the trainees not active lately */
	html(r, _n("%d trainee:", "%d trainees:", n), n);
	html(r, "</p>\n<ul class=\"columns\">\n");
	int shown = 0;
	for (int t = 0; t < rp->ntrainees && shown < INACTIVE_SHOWN; t++)
		if (report_last_active(rp, t) < cutoff) {
			html(r, "<li><a href=\"/cohorts/%lld/trainees/%lld\"><bdi>%s</bdi></a> ", c->id, rp->trainees[t].id,
			     rp->trainees[t].name);
			/* TRANSLATORS: %s is a date */
			html(r, _("(last active %s)"), lang_date(r, report_last_active(rp, t)));
			html(r, "</li>\n");
			shown++;
		}
	html(r, "</ul>\n");
	if (n > shown) {
		html(r, "<p>");
		/* TRANSLATORS: %d is a number of trainees not listed; %s is the link to the list of trainees */
		html(r, _n("And %d more: the <a href=\"%s\">trainee list</a> shows everyone's last activity.",
		           "And %d more: the <a href=\"%s\">trainee list</a> shows everyone's last activity.", n - shown),
		     n - shown, arena_printf(r->arena, "/cohorts/%lld/roster", c->id));
		html(r, "</p>\n");
	}
}

/* The symbol and class a matrix cell shows. */
static void cell_html(struct req *r, const struct report *rp, int trainee, int m)
{
	const struct cell *x = report_cell(rp, trainee, m);
	const struct cohort_module *cm = &rp->mods[m];
	enum cell_status st = cell_status(x, &cm->m);
	const char *late = cm->past_due && st != CELL_COMPLETED ? " !" : "";
	if (st == CELL_COMPLETED)
		html(r, "<td class=\"c-done\">✓ %d%s</td>", x->best, late);
	else if (st == CELL_IN_PROGRESS && x->best >= 0)
		html(r, "<td class=\"c-part\">◐ %d%s</td>", x->best, late);
	else if (st == CELL_IN_PROGRESS)
		html(r, "<td class=\"c-part\">◐%s</td>", late);
	else
		html(r, "<td class=\"c-none\">–%s</td>", late);
}

static void matrix(struct req *r, const struct cohort *c, const struct report *rp, int page, int pages)
{
	int first = (page - 1) * PAGE_ROWS, last = first + PAGE_ROWS < rp->ntrainees ? first + PAGE_ROWS : rp->ntrainees;
	html(r, "<h2 id=\"progress\">%s</h2>\n<p class=\"legend\">%s</p>\n"
	        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table class=\"matrix\">\n<caption>",
	     _("Progress"),
	     /* TRANSLATORS: the key to the symbols of the progress matrix; keep the symbols ✓ ◐ – ! */
	     _("✓ completed, with the best quiz score · ◐ in progress, with the best quiz score so far · – not started · "
	       "! past the due date"),
	     _("Progress matrix"));
	/* TRANSLATORS: the rows shown of the matrix: first, last, and how many trainees in all */
	html(r, _n("Trainees %d to %d of %d, by name", "Trainees %d to %d of %d, by name", rp->ntrainees), first + 1, last,
	     rp->ntrainees);
	html(r, "</caption>\n<thead><tr><th scope=\"col\">%s</th>", _("Trainee"));
	for (int m = 0; m < rp->nmods; m++) {
		html(r, "<th scope=\"col\">");
		module_title_html(r, &rp->mods[m].m);
		html(r, "</th>");
	}
	html(r, "</tr></thead>\n<tbody>\n");
	for (int t = first; t < last; t++) {
		html(r, "<tr><th scope=\"row\"><a href=\"/cohorts/%lld/trainees/%lld\"><bdi>%s</bdi></a></th>", c->id, rp->trainees[t].id,
		     rp->trainees[t].name);
		for (int m = 0; m < rp->nmods; m++)
			cell_html(r, rp, t, m);
		html(r, "</tr>\n");
	}
	html(r, "</tbody></table></div>\n");
	report_pager(r, arena_printf(r->arena, "/cohorts/%lld", c->id), "#progress", page, pages);
}

void page_cohort(struct req *r)
{
	struct cohort c;
	struct report rp;
	if (!cohort_open(r, &c) || !report_load(r, req_reports_db(r), &c, 0, &rp))
		return;
	int pages = (rp.ntrainees + PAGE_ROWS - 1) / PAGE_ROWS;
	int page = r->in[IN_PAGE].state == FIELD_OK ? (int)r->in[IN_PAGE].i : 1;
	int days = r->in[IN_INACTIVE].state == FIELD_OK ? (int)r->in[IN_INACTIVE].i : 7;
	if (page > 1 && page > pages) {
		http_error(r, 404, "no such page of trainees");
		return;
	}
	layout_begin_wide(r, c.name, true);
	cohort_nav(r, &c, "Overview");
	html(r, "<h1><bdi>%s</bdi></h1>\n<p>", c.name);
	html(r, _n("%d trainee.", "%d trainees.", rp.ntrainees), rp.ntrainees);
	if (c.join_code[0] && c.join_enabled && !c.join_expired && !c.archived) {
		html(r, " ");
		/* TRANSLATORS: %s is the join code (XXXX-XXXX); the second %s is the link to the join sheet */
		html(r, _("Join code <strong>%s</strong>: <a href=\"%s\">print the join sheet</a>."), join_code_display(r, &c),
		     arena_printf(r->arena, "/cohorts/%lld/sheet", c.id));
	}
	if (c.aggregate_only) {
		html(r, " ");
		html(r, _n("This cohort is <strong>aggregate only</strong>: no individual trainee is shown, nor any figure "
		           "about fewer than %d trainee.",
		           "This cohort is <strong>aggregate only</strong>: no individual trainee is shown, nor any figure "
		           "about fewer than %d trainees.",
		           REPORT_MIN_GROUP),
		     REPORT_MIN_GROUP);
	}
	html(r, "</p>\n");
	modules_table(r, &c, &rp);
	inactive_list(r, &c, &rp, days);
	if (!c.aggregate_only && rp.ntrainees > 0 && rp.nmods > 0)
		matrix(r, &c, &rp, page, pages);
	html(r, "<h2>%s</h2>\n<ul>\n", _("Downloads"));
	if (!c.aggregate_only)
		html(r, "<li><a href=\"/cohorts/%lld/export/roster.csv\" download>%s</a></li>\n"
		        "<li><a href=\"/cohorts/%lld/export/answers.csv\" download>%s</a></li>\n",
		     c.id, _("Roster with progress (CSV)"), c.id, _("Every answer (CSV)"));
	html(r, "<li>%s</li>\n</ul>\n", _("Question analysis: on each module's report"));
	live_cohort_workshops(r, c.id, c.aggregate_only);
	layout_end(r);
}
