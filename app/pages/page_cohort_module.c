/* page_cohort_module.c: one module's report for a cohort: completion and scores, learning gain (pre-check
 * against quiz), the score histogram, completions by week, the analysis of each question, and the paths
 * trainees took through the case. */
#include <string.h>
#include <time.h>

#include "pages/charts.h"
#include "pages/cohort.h"
#include "pages/cohort_report.h"

enum { IN_SET };
const struct field cohort_module_fields[] = {
	[IN_SET] = {"set", FIELD_SLUG, 4, 8, false},
	{NULL},
};

/* Writes the note and returns true when the privacy rule hides a figure about n of `of` trainees. */
static bool hidden(struct req *r, const struct cohort *c, int n, int of)
{
	if (cohort_shown(c, n, of))
		return false;
	html(r, "<p>Hidden: this cohort is aggregate only, and this would show a figure about fewer than %d "
	        "trainees.</p>\n",
	     REPORT_MIN_GROUP);
	return true;
}

/* The same for a breakdown of `of` trainees (bars, choices): shown whole or not at all. */
static bool hidden_breakdown(struct req *r, const struct cohort *c, const int *counts, int n, int of)
{
	if (cohort_counts_shown(c, counts, (size_t)n, of))
		return false;
	html(r, "<p>Hidden: this cohort is aggregate only, and some of these figures would be about fewer than %d "
	        "trainees.</p>\n",
	     REPORT_MIN_GROUP);
	return true;
}

static void summary(struct req *r, const struct cohort *c, const struct report *rp)
{
	struct module_figures f;
	char med[32];
	report_module_figures(rp, 0, r->arena, &f);
	fmt_figure(f.median, med);
	int n = rp->ntrainees;
	const char *hide = arena_printf(r->arena, "hidden (fewer than %d)", REPORT_MIN_GROUP);
	html(r, "<dl class=\"facts\"><dt>Trainees</dt><dd>%d</dd>", n);
	if (cohort_shown(c, f.started, n))
		html(r, "<dt>Started</dt><dd>%d</dd>", f.started);
	else
		html(r, "<dt>Started</dt><dd>%s</dd>", hide);
	if (cohort_shown(c, f.completed, n))
		html(r, "<dt>Completed</dt><dd>%d (%d%%)</dd>", f.completed, f.rate < 0 ? 0 : f.rate);
	else
		html(r, "<dt>Completed</dt><dd>%s</dd>", hide);
	if (f.nscores && cohort_shown(c, f.nscores, n))
		html(r, "<dt>Median best quiz score</dt><dd>%s%% (%d trainee%s)</dd>", med, f.nscores, plural_s(f.nscores));
	else if (f.nscores)
		html(r, "<dt>Median best quiz score</dt><dd>%s</dd>", hide);
	html(r, "<dt>Due</dt><dd>%s</dd>", rp->mods[0].due_on[0] ? rp->mods[0].due_on : "no due date");
	if (rp->mods[0].past_due && cohort_shown(c, f.overdue, n))
		html(r, "<dt>Overdue</dt><dd>%d</dd>", f.overdue);
	else if (rp->mods[0].past_due)
		html(r, "<dt>Overdue</dt><dd>%s</dd>", hide);
	html(r, "</dl>\n");
}

static void gain(struct req *r, const struct cohort *c, const struct report *rp)
{
	struct gain g;
	learning_gain(rp->cells, (size_t)rp->ncells, 0, &g);
	html(r, "<h2>Learning gain</h2>\n");
	if (rp->mods[0].m.nprecheck == 0) {
		html(r, "<p>This module has no pre-check, so there is nothing to compare the quiz with.</p>\n");
		return;
	}
	if (g.n == 0) {
		html(r, "<p>No trainee has taken both the pre-check and the quiz yet.</p>\n");
		return;
	}
	if (hidden(r, c, g.n, rp->ntrainees))
		return;
	char pre[32], post[32], d[32];
	fmt_figure(g.pre, pre);
	fmt_figure(g.post, post);
	fmt_figure(g.gain, d);
	html(r, "<p>For the <strong>%d</strong> trainee%s who took both, the average pre-check score was <strong>%s%%</strong> "
	        "and the average score on the first quiz attempt was <strong>%s%%</strong>: a change of <strong>%s%s "
	        "points</strong>.</p>\n<p class=\"hint\">The pre-check and the quiz ask different questions on the same "
	        "topics, so this compares the topics, not identical questions.</p>\n",
	     g.n, g.n == 1 ? "" : "s", pre, post, g.gain > 0 ? "+" : "", d);
}

static void histogram(struct req *r, const struct cohort *c, const struct report *rp)
{
	int bins[10], n = report_score_bins(rp, 0, bins);
	html(r, "<h2>Best quiz scores</h2>\n");
	if (n == 0) {
		html(r, "<p>No quiz attempts yet.</p>\n");
		return;
	}
	if (hidden(r, c, n, rp->ntrainees) || hidden_breakdown(r, c, bins, 10, n))
		return;
	static const char *const names[] = {"0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79",
	                                    "80-89", "90-100"};
	chart_bars(r, arena_printf(r->arena, "Trainees by best quiz score (percent), %d trainee%s", n, plural_s(n)), names, bins, 10);
}

static void completions(struct req *r, const struct cohort *c, const struct report *rp)
{
	/* The last bar is this week. */
	long long this_monday = week_start((long long)time(NULL));
	int counts[REPORT_WEEKS + 1], total = report_completions_by_week(rp, 0, this_monday, counts);
	html(r, "<h2>Completions by week</h2>\n");
	if (total == 0) {
		html(r, "<p>Nobody has completed the module yet.</p>\n");
		return;
	}
	if (hidden(r, c, total, rp->ntrainees) || hidden_breakdown(r, c, counts, REPORT_WEEKS + 1, total))
		return;
	const char *names[REPORT_WEEKS + 1];
	int values[REPORT_WEEKS + 1];
	names[0] = "earlier";
	values[0] = counts[REPORT_WEEKS];
	for (int k = 1; k <= REPORT_WEEKS; k++) {
		int w = REPORT_WEEKS - k;
		const char *d = report_date(r, this_monday - (long long)w * 7 * 86400);
		names[k] = d + 5;   /* MM-DD */
		values[k] = counts[w];
	}
	chart_bars(r, arena_printf(r->arena, "Completions per week (weeks starting on the date shown), %d in all", total),
	           names, values, REPORT_WEEKS + 1);
}

static void items(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                  const struct item_report *irp)
{
	const struct item_report ir = *irp;
	bool quiz = strcmp(set, "quiz") == 0;
	html(r, "<h2 id=\"questions\">Questions of the %s</h2>\n<p>Each trainee's <strong>first</strong> attempt counts: "
	        "%s trainee%s. <a href=\"/cohorts/%lld/modules/%s/items.csv%s\" download>Download this table (CSV)</a>. "
	        "See the <a href=\"/cohorts/%lld/modules/%s?set=%s#questions\">%s</a> instead.</p>\n",
	     quiz ? "quiz" : "pre-check",
	     cohort_shown(c, ir.ntrainees, c->trainees) ? arena_printf(r->arena, "%d", ir.ntrainees)
	                                                : arena_printf(r->arena, "hidden (fewer than %d)", REPORT_MIN_GROUP),
	     ir.ntrainees == 1 ? "" : "s", c->id, cm->m.slug,
	     quiz ? "" : "?set=precheck", c->id, cm->m.slug, quiz ? "precheck" : "quiz", quiz ? "pre-check" : "quiz");
	if (ir.nq == 0) {
		html(r, "<p>This module has no %s.</p>\n", quiz ? "quiz" : "pre-check");
		return;
	}
	html(r, "<ol class=\"items\">\n");
	for (int q = 0; q < ir.nq; q++) {
		const struct question *qq = &ir.qs[q].q;
		const struct item_stats *s = &ir.st[q];
		html(r, "<li><h3>%s</h3>\n", qq->text);
		if (s->n == 0) {
			html(r, "<p>Nobody has answered it yet.</p></li>\n");
			continue;
		}
		struct item_shown v;
		item_shown(c->aggregate_only, c->trainees, &ir, q, &v);
		if (!v.answered) {
			html(r, "<p>Hidden: answered by fewer than %d trainees, or by all but fewer than %d.</p></li>\n",
			     REPORT_MIN_GROUP, REPORT_MIN_GROUP);
			continue;
		}
		char disc[32];
		fmt_index(s->discrimination, disc);
		int fac = percent(s->ncorrect, s->n);
		if (v.facility)
			html(r, "<p><strong>%d%%</strong> of %d got it right (%s; facility index %d%%). Discrimination index "
			        "<strong>%s</strong>: %s.</p>\n",
			     fac, s->n, facility_words(s->facility), fac, disc[0] ? disc : "not available",
			     discrimination_words(s->discrimination));
		else
			html(r, "<p>Answered by %d. Hidden: how many got it right, since fewer than %d got it right or fewer "
			        "than %d got it wrong.</p>\n",
			     s->n, REPORT_MIN_GROUP, REPORT_MIN_GROUP);
		if (!v.options) {
			html(r, "<p>Hidden: the share choosing each option, since some option was chosen by fewer than %d "
			        "trainees.</p></li>\n",
			     REPORT_MIN_GROUP);
			continue;
		}
		if (s->common_wrong >= 0) {
			const struct option *o = &qq->opts[s->common_wrong];
			html(r, "<p class=\"wrong-note\">Most common wrong answer: <strong>%d%% chose %c</strong>, “%s”%s",
			     percent(s->chose[s->common_wrong], s->n), option_letter(s->common_wrong), o->text, full_stop(o->text));
			if (o->feedback && o->feedback[0])
				html(r, " Its feedback says: “%s”", o->feedback);
			html(r, "</p>\n");
		}
		html(r, "<ul class=\"options\" aria-label=\"Share choosing each option\">\n");
		for (int o = 0; o < qq->nopts; o++) {
			int p = percent(s->chose[o], s->n);
			html(r, "<li><strong>%d%%</strong> ", p);
			chart_meter(r, p);
			html(r, " <strong>%c</strong>%s %s</li>\n", option_letter(o), qq->opts[o].correct ? " (correct)" : "",
			     qq->opts[o].text);
		}
		html(r, "</ul></li>\n");
	}
	html(r, "</ol>\n<p class=\"hint\">The facility index is the share right on the first "
	        "attempt. The discrimination index (from -1 to 1) compares each question with the rest of the attempt: "
	        "above 0.3, the trainees who did well overall got this one right more often.</p>\n");
}

static void scenario(struct req *r, const struct cohort *c, const struct cohort_module *cm)
{
	if (!cm->m.scenario_start || !cm->m.scenario_start[0])
		return;
	struct scen_step *steps;
	int n;
	if (db_scenario_report(req_reports_db(r), r->arena, c->id, cm->m.id, cm->m.revision_id, &steps, &n) != STORE_OK) {
		html(r, "<p>The case figures could not be read just now.</p>\n");
		return;
	}
	html(r, "<h2>The case: paths taken</h2>\n<p>How many trainees were at each step, and what they chose there "
	        "(a trainee who played the case more than once counts once for each choice they made).</p>\n");
	for (int i = 0; i < n; i++) {
		const struct scen_step *s = &steps[i];
		if (s->ending)
			continue;
		if (s->title[0])
			html(r, "<h3>%s</h3>\n", s->title);
		else
			html(r, "<h3>Step “%s”</h3>\n<p class=\"hint\">%s</p>\n", s->key, s->excerpt);
		int counts[CONTENT_CHOICES_MAX];
		for (int k = 0; k < s->nchoices; k++)
			counts[k] = s->choices[k].n;
		if (!cohort_shown(c, s->reached, c->trainees) || !cohort_counts_shown(c, counts, (size_t)s->nchoices, s->reached)) {
			html(r, "<p>Hidden: this step was reached, or one of its choices made, by fewer than %d trainees.</p>\n",
			     REPORT_MIN_GROUP);
			continue;
		}
		html(r, "<p>Reached by %d trainee%s.</p>\n<ul>\n", s->reached, s->reached == 1 ? "" : "s");
		for (int k = 0; k < s->nchoices; k++)
			html(r, "<li>%s: <strong>%d</strong></li>\n", s->choices[k].label, s->choices[k].n);
		html(r, "</ul>\n");
	}
	/* The endings are one breakdown of those who finished. */
	int *ends = arena_alloc(r->arena, sizeof(int) * (size_t)(n + 1)), nends = 0, finished = 0;
	for (int i = 0; ends && i < n; i++)
		if (steps[i].ending) {
			ends[nends++] = steps[i].reached;
			finished += steps[i].reached;
		}
	bool ends_shown = ends && cohort_counts_shown(c, ends, (size_t)nends, finished) &&
	                  cohort_shown(c, finished, c->trainees);
	html(r, "<h3>Endings reached</h3>\n");
	if (!ends_shown)
		html(r, "<p>Hidden: some ending was reached by fewer than %d trainees.</p>\n", REPORT_MIN_GROUP);
	html(r, "<ul>\n");
	for (int i = 0; i < n; i++)
		if (steps[i].ending) {
			if (ends_shown)
				html(r, "<li>%s (%s outcome): <strong>%d</strong></li>\n", steps[i].title[0] ? steps[i].title : steps[i].key,
				     steps[i].outcome, steps[i].reached);
			else
				html(r, "<li>%s (%s outcome): hidden</li>\n", steps[i].title[0] ? steps[i].title : steps[i].key,
				     steps[i].outcome);
		}
	html(r, "</ul>\n");
}

void page_cohort_module(struct req *r)
{
	struct cohort c;
	struct report rp;
	if (!cohort_open(r, &c))
		return;
	const struct cohort_module *named = cohort_module_named(r, &c);
	if (named == NULL || !report_load(r, req_reports_db(r), &c, named->m.id, &rp))
		return;
	const char *set = r->in[IN_SET].state == FIELD_OK && strcmp(r->in[IN_SET].s, "precheck") == 0 ? "precheck" : "quiz";
	const struct cohort_module *cm = &rp.mods[0];
	struct item_report ir;
	if (!item_report_load(r, &c, cm, set, &ir))
		return;
	layout_begin_wide(r, arena_printf(r->arena, "%s: %s", cm->m.title, c.name), true);
	cohort_nav(r, &c, "");
	html(r, "<h1>%s</h1>\n", cm->m.title);
	summary(r, &c, &rp);
	gain(r, &c, &rp);
	histogram(r, &c, &rp);
	completions(r, &c, &rp);
	items(r, &c, cm, set, &ir);
	scenario(r, &c, cm);
	layout_end(r);
}
