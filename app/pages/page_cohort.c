/* page_cohort.c: a cohort's overview: each assigned module's figures (started, completed, completion
 * rate, median best score, overdue), who has not been active lately, and the trainees-by-modules matrix,
 * fifty trainees to a page. Everything is computed from one read of the cohort's records. */
#include <string.h>
#include <time.h>

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
		html(r, "<td>hidden (fewer than %d)</td>", REPORT_MIN_GROUP);
	else
		html(r, "<td>%s</td>", text);
}

static void modules_table(struct req *r, const struct cohort *c, const struct report *rp)
{
	html(r, "<h2>Modules</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Modules\"><table>\n<caption>Assigned modules, over all %d trainee%s"
	        "</caption>\n<thead><tr><th scope=\"col\">Module</th><th scope=\"col\">Due</th><th scope=\"col\">Started</th>"
	        "<th scope=\"col\">Completed</th><th scope=\"col\">Completion rate</th>"
	        "<th scope=\"col\">Median best quiz score</th><th scope=\"col\">Overdue</th></tr></thead>\n<tbody>\n",
	     rp->ntrainees, plural_s(rp->ntrainees));
	for (int m = 0; m < rp->nmods; m++) {
		struct module_figures f;
		char med[32];
		report_module_figures(rp, m, r->arena, &f);
		fmt_figure(f.median, med);
		html(r, "<tr><th scope=\"row\"><a href=\"/cohorts/%lld/modules/%s\">%s</a></th><td>%s</td>", c->id,
		     rp->mods[m].m.slug, rp->mods[m].m.title, rp->mods[m].due_on[0] ? rp->mods[m].due_on : "none");
		int n = rp->ntrainees;
		figure_cell(r, c, f.started, n, arena_printf(r->arena, "%d", f.started));
		figure_cell(r, c, f.completed, n, arena_printf(r->arena, "%d", f.completed));
		figure_cell(r, c, f.completed, n, f.rate < 0 ? "no trainees" : arena_printf(r->arena, "%d%%", f.rate));
		figure_cell(r, c, f.nscores, n,
		            f.nscores ? arena_printf(r->arena, "%s%% (%d trainee%s)", med, f.nscores, plural_s(f.nscores)) : "no scores yet");
		figure_cell(r, c, f.overdue, n, arena_printf(r->arena, "%d", f.overdue));
		html(r, "</tr>\n");
	}
	html(r, "</tbody></table></div>\n");
	if (rp->nmods == 0)
		html(r, "<p>No module is assigned. <a href=\"/cohorts/%lld/settings#modules\">Assign modules</a>.</p>\n", c->id);
}

static void inactive_list(struct req *r, const struct cohort *c, const struct report *rp, int days)
{
	long long cutoff = (long long)time(NULL) - (long long)days * 86400;
	int n = report_inactive(rp, cutoff);
	html(r, "<h2 id=\"inactive\">Not active for %d days</h2>\n"
	        "<form method=\"get\" action=\"/cohorts/%lld#inactive\" class=\"row\">"
	        "<label for=\"f-inactive\">Days without activity</label>"
	        "<select id=\"f-inactive\" name=\"inactive\">",
	     days, c->id);
	static const int choices[] = {3, 7, 14, 30, 60};
	for (size_t i = 0; i < sizeof(choices) / sizeof(choices[0]); i++)
		html(r, "<option value=\"%d\"%s>%d</option>", choices[i], choices[i] == days ? " selected" : "", choices[i]);
	html(r, "</select> <button type=\"submit\" class=\"secondary\">Show</button></form>\n");
	if (n == 0) {
		html(r, "<p>Everyone has been active in the last %d days.</p>\n", days);
		return;
	}
	if (c->aggregate_only) {
		if (cohort_shown(c, n, rp->ntrainees))
			html(r, "<p>%d trainee%s.</p>\n", n, plural_s(n));
		else
			html(r, "<p>Hidden: fewer than %d trainees, or all but fewer than %d.</p>\n", REPORT_MIN_GROUP,
			     REPORT_MIN_GROUP);
		return;
	}
	html(r, "<p>%d trainee%s:</p>\n<ul class=\"columns\">\n", n, plural_s(n));
	int shown = 0;
	for (int t = 0; t < rp->ntrainees && shown < INACTIVE_SHOWN; t++)
		if (report_last_active(rp, t) < cutoff) {
			html(r, "<li><a href=\"/cohorts/%lld/trainees/%lld\"><bdi>%s</bdi></a> (last active %s)</li>\n", c->id,
			     rp->trainees[t].id, rp->trainees[t].name, report_date(r, report_last_active(rp, t)));
			shown++;
		}
	html(r, "</ul>\n");
	if (n > shown)
		html(r, "<p>And %d more: the <a href=\"/cohorts/%lld/roster\">trainee list</a> shows everyone's last "
		        "activity.</p>\n",
		     n - shown, c->id);
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
	html(r, "<h2 id=\"progress\">Progress</h2>\n<p class=\"legend\">✓ completed, with the best quiz score · "
	        "◐ in progress, with the best quiz score so far · – not started · ! past the due date</p>\n"
	        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Progress matrix\"><table class=\"matrix\">\n<caption>Trainees %d to %d of %d, by name</caption>\n"
	        "<thead><tr><th scope=\"col\">Trainee</th>",
	     first + 1, last, rp->ntrainees);
	for (int m = 0; m < rp->nmods; m++)
		html(r, "<th scope=\"col\">%s</th>", rp->mods[m].m.title);
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
	html(r, "<h1>%s</h1>\n<p>%d trainee%s.", c.name, rp.ntrainees, plural_s(rp.ntrainees));
	if (c.join_code[0] && c.join_enabled && !c.join_expired && !c.archived)
		html(r, " Join code <strong>%s</strong>: <a href=\"/cohorts/%lld/sheet\">print the join sheet</a>.",
		     join_code_display(r, &c), c.id);
	if (c.aggregate_only)
		html(r, " This cohort is <strong>aggregate only</strong>: no individual trainee is shown, nor any figure "
		        "about fewer than %d trainees.",
		     REPORT_MIN_GROUP);
	html(r, "</p>\n");
	modules_table(r, &c, &rp);
	inactive_list(r, &c, &rp, days);
	if (!c.aggregate_only && rp.ntrainees > 0 && rp.nmods > 0)
		matrix(r, &c, &rp, page, pages);
	html(r, "<h2>Downloads</h2>\n<ul>\n");
	if (!c.aggregate_only)
		html(r, "<li><a href=\"/cohorts/%lld/export/roster.csv\" download>Roster with progress (CSV)</a></li>\n"
		        "<li><a href=\"/cohorts/%lld/export/answers.csv\" download>Every answer (CSV)</a></li>\n",
		     c.id, c.id);
	html(r, "<li>Question analysis: on each module's report</li>\n</ul>\n");
	live_cohort_workshops(r, c.id, c.aggregate_only);
	layout_end(r);
}
