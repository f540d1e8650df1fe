/* page_cohort_module.c: one module's report for a cohort: completion and scores, learning gain (pre-check
 * against quiz), the score histogram, completions by week, the analysis of each question, and the paths
 * trainees took through the case. */
#include <string.h>
#include <time.h>

#include "pages/lang.h"
#include "pages/module_page.h"
#include "pages/charts.h"
#include "pages/cohort.h"
#include "pages/cohort_report.h"

enum { IN_SET, IN_IN };
const struct field cohort_module_fields[] = {
	[IN_SET] = {"set", FIELD_SLUG, 4, 8, false},
	[IN_IN] = {"in", FIELD_SLUG, 2, 3, false},   /* only the attempts made in this language */
	{NULL},
};

/* "hidden (fewer than 5)", in place of a figure the privacy rule hides. */
static const char *hidden_figure(struct req *r)
{
	return arena_printf(r->arena, _n("hidden (fewer than %d)", "hidden (fewer than %d)", REPORT_MIN_GROUP),
	                    REPORT_MIN_GROUP);
}

/* Writes the note and returns true when the privacy rule hides a figure about n of `of` trainees. */
static bool hidden(struct req *r, const struct cohort *c, int n, int of)
{
	if (cohort_shown(c, n, of))
		return false;
	html(r, "<p>");
	html(r, _n("Hidden: this cohort is aggregate only, and this would show a figure about fewer than %d trainee.",
	           "Hidden: this cohort is aggregate only, and this would show a figure about fewer than %d trainees.",
	           REPORT_MIN_GROUP),
	     REPORT_MIN_GROUP);
	html(r, "</p>\n");
	return true;
}

/* The same for a breakdown of `of` trainees (bars, choices): shown whole or not at all. */
static bool hidden_breakdown(struct req *r, const struct cohort *c, const int *counts, int n, int of)
{
	if (cohort_counts_shown(c, counts, (size_t)n, of))
		return false;
	html(r, "<p>");
	html(r, _n("Hidden: this cohort is aggregate only, and some of these figures would be about fewer than %d trainee.",
	           "Hidden: this cohort is aggregate only, and some of these figures would be about fewer than %d trainees.",
	           REPORT_MIN_GROUP),
	     REPORT_MIN_GROUP);
	html(r, "</p>\n");
	return true;
}

/* The words facility_words() and discrimination_words() (domain/reports.c) return, marked here for the
 * catalog since the domain has no request to translate with; item_words() shows one translated. */
static const char *const item_word_list[] = {
	N_("no answers yet"),
	N_("very easy: almost everyone got it right"),
	N_("easy: most got it right"),
	N_("medium: many got it wrong"),
	N_("hard: most got it wrong"),
	N_("cannot tell yet"),
	N_("separates well: trainees who did well overall got it right more often"),
	N_("separates a little"),
	N_("does not separate stronger from weaker trainees"),
	N_("weaker trainees did better than stronger ones: check the question and its answer key"),
};

static const char *item_words(struct req *r, const char *english)
{
	for (size_t i = 0; i < sizeof(item_word_list) / sizeof(item_word_list[0]); i++)
		if (strcmp(item_word_list[i], english) == 0)
			return tr(r, item_word_list[i]);
	return english;
}

static void summary(struct req *r, const struct cohort *c, const struct report *rp)
{
	struct module_figures f;
	report_module_figures(rp, 0, r->arena, &f);
	const char *med = lang_figure(r, f.median);
	int n = rp->ntrainees;
	const char *hide = hidden_figure(r);
	html(r, "<dl class=\"facts\"><dt>%s</dt><dd>%d</dd>", _("Trainees"), n);
	html(r, "<dt>%s</dt><dd>%s</dd>", _("Started"),
	     cohort_shown(c, f.started, n) ? arena_printf(r->arena, "%d", f.started) : hide);
	html(r, "<dt>%s</dt><dd>%s</dd>", _("Completed"),
	     /* TRANSLATORS: how many completed the module, and what share of the cohort that is */
	     cohort_shown(c, f.completed, n) ? arena_printf(r->arena, _("%d (%d%%)"), f.completed, f.rate < 0 ? 0 : f.rate)
	                                     : hide);
	if (f.nscores)
		html(r, "<dt>%s</dt><dd>%s</dd>", _("Median best quiz score"),
		     cohort_shown(c, f.nscores, n)
		         /* TRANSLATORS: %s is the median score in percent, %d the number of trainees it is over */
		         ? arena_printf(r->arena, _n("%s%% (%d trainee)", "%s%% (%d trainees)", f.nscores), med, f.nscores)
		         : hide);
	html(r, "<dt>%s</dt><dd>%s</dd>", _("Due"), rp->mods[0].due_on[0] ? rp->mods[0].due_on : _("no due date"));
	if (rp->mods[0].past_due)
		html(r, "<dt>%s</dt><dd>%s</dd>", _("Overdue"),
		     cohort_shown(c, f.overdue, n) ? arena_printf(r->arena, "%d", f.overdue) : hide);
	html(r, "</dl>\n");
}

static void gain(struct req *r, const struct cohort *c, const struct report *rp)
{
	struct gain g;
	learning_gain(rp->cells, (size_t)rp->ncells, 0, &g);
	html(r, "<h2>%s</h2>\n", _("Learning gain"));
	if (rp->mods[0].m.nprecheck == 0) {
		html(r, "<p>%s</p>\n", _("This module has no pre-check, so there is nothing to compare the quiz with."));
		return;
	}
	if (g.n == 0) {
		html(r, "<p>%s</p>\n", _("No trainee has taken both the pre-check and the quiz yet."));
		return;
	}
	if (hidden(r, c, g.n, rp->ntrainees))
		return;
	const char *pre = lang_figure(r, g.pre), *post = lang_figure(r, g.post), *d = lang_figure(r, g.gain);
	html(r, "<p>");
	/* TRANSLATORS: %d trainees; then the average pre-check score, the average first quiz score (both in
	 * percent), and the change in percentage points, signed ("+12", "-3", "0") */
	html(r, _n("For the <strong>%d</strong> trainee who took both, the average pre-check score was "
	           "<strong>%s%%</strong> and the average score on the first quiz attempt was <strong>%s%%</strong>: a "
	           "change of <strong>%s points</strong>.",
	           "For the <strong>%d</strong> trainees who took both, the average pre-check score was "
	           "<strong>%s%%</strong> and the average score on the first quiz attempt was <strong>%s%%</strong>: a "
	           "change of <strong>%s points</strong>.",
	           g.n),
	     g.n, pre, post, arena_printf(r->arena, "%s%s", g.gain > 0 ? "+" : "", d));
	html(r, "</p>\n<p class=\"hint\">%s</p>\n",
	     _("The pre-check and the quiz ask different questions on the same topics, so this compares the topics, not "
	       "identical questions."));
}

static void histogram(struct req *r, const struct cohort *c, const struct report *rp)
{
	int bins[10], n = report_score_bins(rp, 0, bins);
	html(r, "<h2>%s</h2>\n", _("Best quiz scores"));
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("No quiz attempts yet."));
		return;
	}
	if (hidden(r, c, n, rp->ntrainees) || hidden_breakdown(r, c, bins, 10, n))
		return;
	static const char *const names[] = {"0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79",
	                                    "80-89", "90-100"};
	chart_bars(r,
	           arena_printf(r->arena, _n("Trainees by best quiz score (percent), %d trainee",
	                                     "Trainees by best quiz score (percent), %d trainees", n),
	                        n),
	           names, bins, 10);
}

/* A week's label on the chart: its Monday as MM-DD (UTC), digits only, whatever the language. */
static const char *week_label(struct req *r, long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(r->arena, "%02d-%02d", tm.tm_mon + 1, tm.tm_mday);
}

static void completions(struct req *r, const struct cohort *c, const struct report *rp)
{
	/* The last bar is this week. */
	long long this_monday = week_start((long long)time(NULL));
	int counts[REPORT_WEEKS + 1], total = report_completions_by_week(rp, 0, this_monday, counts);
	html(r, "<h2>%s</h2>\n", _("Completions by week"));
	if (total == 0) {
		html(r, "<p>%s</p>\n", _("Nobody has completed the module yet."));
		return;
	}
	if (hidden(r, c, total, rp->ntrainees) || hidden_breakdown(r, c, counts, REPORT_WEEKS + 1, total))
		return;
	const char *names[REPORT_WEEKS + 1];
	int values[REPORT_WEEKS + 1];
	/* TRANSLATORS: the first bar of the completions chart: the weeks before those shown */
	names[0] = _("earlier");
	values[0] = counts[REPORT_WEEKS];
	for (int k = 1; k <= REPORT_WEEKS; k++) {
		int w = REPORT_WEEKS - k;
		names[k] = week_label(r, this_monday - (long long)w * 7 * 86400);
		values[k] = counts[w];
	}
	chart_bars(r,
	           arena_printf(r->arena, _n("Completions per week (weeks starting on the date shown), %d in all",
	                                     "Completions per week (weeks starting on the date shown), %d in all", total),
	                        total),
	           names, values, REPORT_WEEKS + 1);
}

/* The items answered in one language, or in all: a form that works without JavaScript. */
static void language_filter(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                            const char *only)
{
	html(r, "<form method=\"get\" action=\"/cohorts/%lld/modules/%s#questions\" class=\"filter\">\n", c->id,
	     cm->m.slug);
	form_hidden(r, "set", set);
	html(r, "<label for=\"f-in\">%s</label>\n<select id=\"f-in\" name=\"in\">\n<option value=\"\"%s>%s</option>\n",
	     _("Answered in"), only ? "" : " selected", _("every language"));
	for (int i = 0; site_langs[i].code; i++)
		html(r, "<option value=\"%s\" lang=\"%s\"%s>%s</option>\n", site_langs[i].code, site_langs[i].code,
		     only && strcmp(only, site_langs[i].code) == 0 ? " selected" : "", site_langs[i].name);
	html(r, "</select>\n<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _p("verb", "Show"));
}

static void items(struct req *r, const struct cohort *c, const struct cohort_module *cm, const char *set,
                  const char *only, const struct item_report *irp)
{
	const struct item_report ir = *irp;
	bool quiz = strcmp(set, "quiz") == 0;
	html(r, "<h2 id=\"questions\">%s</h2>\n", quiz ? _("Questions of the quiz") : _("Questions of the pre-check"));
	language_filter(r, c, cm, set, only);
	html(r, "<p>");
	if (cohort_shown(c, ir.ntrainees, c->trainees))
		html(r, _n("Each trainee's <strong>first</strong> attempt counts: %d trainee.",
		           "Each trainee's <strong>first</strong> attempt counts: %d trainees.", ir.ntrainees),
		     ir.ntrainees);
	else
		html(r, _n("Each trainee's <strong>first</strong> attempt counts: hidden (fewer than %d) trainee.",
		           "Each trainee's <strong>first</strong> attempt counts: hidden (fewer than %d) trainees.",
		           REPORT_MIN_GROUP),
		     REPORT_MIN_GROUP);
	html(r, " ");
	html(r, _("<a href=\"%s\" download>Download this table (CSV)</a>."),
	     arena_printf(r->arena, "/cohorts/%lld/modules/%s/items.csv%s", c->id, cm->m.slug, quiz ? "" : "?set=precheck"));
	html(r, " ");
	const char *other = arena_printf(r->arena, "/cohorts/%lld/modules/%s?set=%s#questions", c->id, cm->m.slug,
	                                 quiz ? "precheck" : "quiz");
	html(r, quiz ? _("See the <a href=\"%s\">pre-check</a> instead.") : _("See the <a href=\"%s\">quiz</a> instead."),
	     other);
	html(r, "</p>\n");
	if (ir.nq == 0) {
		html(r, "<p>%s</p>\n", quiz ? _("This module has no quiz.") : _("This module has no pre-check."));
		return;
	}
	html(r, "<ol class=\"items\">\n");
	for (int q = 0; q < ir.nq; q++) {
		const struct question *qq = &ir.qs[q].q;
		const struct item_stats *s = &ir.st[q];
		html(r, "<li><h3");
		lang_attrs(r, ir.qs[q].lang);
		html(r, ">%s</h3>\n", qq->text);
		if (s->n == 0) {
			html(r, "<p>%s</p></li>\n", _("Nobody has answered it yet."));
			continue;
		}
		struct item_shown v;
		item_shown(c->aggregate_only, c->trainees, &ir, q, &v);
		if (!v.answered) {
			html(r, "<p>");
			html(r, _n("Hidden: answered by fewer than %d trainee, or by all but fewer than %d.",
			           "Hidden: answered by fewer than %d trainees, or by all but fewer than %d.", REPORT_MIN_GROUP),
			     REPORT_MIN_GROUP, REPORT_MIN_GROUP);
			html(r, "</p></li>\n");
			continue;
		}
		char disc[32];
		fmt_index(s->discrimination, disc);
		int fac = percent(s->ncorrect, s->n);
		html(r, "<p>");
		if (v.facility)
			/* TRANSLATORS: the share right (%d%%) of how many answered (%d); a description of how easy the
			 * question is, and the facility index (%d%%); then the discrimination index (a figure such as 0.35,
			 * or "not available") and a description of it */
			html(r, _n("<strong>%d%%</strong> of %d got it right (%s; facility index %d%%). Discrimination index "
			           "<strong>%s</strong>: %s.",
			           "<strong>%d%%</strong> of %d got it right (%s; facility index %d%%). Discrimination index "
			           "<strong>%s</strong>: %s.",
			           s->n),
			     fac, s->n, item_words(r, facility_words(s->facility)), fac, disc[0] ? disc : _("not available"),
			     item_words(r, discrimination_words(s->discrimination)));
		else {
			/* TRANSLATORS: %d trainees answered the question */
			html(r, _n("Answered by %d.", "Answered by %d.", s->n), s->n);
			html(r, " ");
			html(r, _n("Hidden: how many got it right, since fewer than %d got it right or fewer than %d got it wrong.",
			           "Hidden: how many got it right, since fewer than %d got it right or fewer than %d got it wrong.",
			           REPORT_MIN_GROUP),
			     REPORT_MIN_GROUP, REPORT_MIN_GROUP);
		}
		html(r, "</p>\n");
		if (!v.options) {
			html(r, "<p>");
			html(r, _n("Hidden: the share choosing each option, since some option was chosen by fewer than %d trainee.",
			           "Hidden: the share choosing each option, since some option was chosen by fewer than %d trainees.",
			           REPORT_MIN_GROUP),
			     REPORT_MIN_GROUP);
			html(r, "</p></li>\n");
			continue;
		}
		if (s->common_wrong >= 0) {
			const struct option *o = &qq->opts[s->common_wrong];
			html(r, "<p class=\"wrong-note\">");
			/* TRANSLATORS: the share (%d%%) who chose option %c, the option's text, and a full stop when the
			 * text does not end with one (or nothing) */
			html(r, _("Most common wrong answer: <strong>%d%% chose %c</strong>, “%s”%s"),
			     percent(s->chose[s->common_wrong], s->n), option_letter(s->common_wrong), o->text, full_stop(o->text));
			if (o->feedback && o->feedback[0]) {
				html(r, " ");
				/* TRANSLATORS: %s is the feedback the wrong option gives, quoted */
				html(r, _("Its feedback says: “%s”"), o->feedback);
			}
			html(r, "</p>\n");
		}
		html(r, "<ul class=\"options\" aria-label=\"%s\">\n", _("Share choosing each option"));
		for (int o = 0; o < qq->nopts; o++) {
			int p = percent(s->chose[o], s->n);
			html(r, "<li><strong>");
			html(r, _("%d%%"), p);
			html(r, "</strong> ");
			chart_meter(r, p);
			html(r, " <strong>%c</strong>", option_letter(o));
			if (qq->opts[o].correct)
				html(r, " %s", _("(correct)"));
			if (qq->kind == QK_TRUEFALSE)   /* True and False: the interface's words */
				html(r, " %s</li>\n", trp(r, "answer", qq->opts[o].text));
			else {
				html(r, " <span");
				lang_attrs(r, ir.qs[q].lang);
				html(r, ">%s</span></li>\n", qq->opts[o].text);
			}
		}
		html(r, "</ul></li>\n");
	}
	html(r, "</ol>\n<p class=\"hint\">%s</p>\n",
	     _("The facility index is the share right on the first attempt. The discrimination index (from -1 to 1) "
	       "compares each question with the rest of the attempt: above 0.3, the trainees who did well overall got "
	       "this one right more often."));
}

/* An ending's name with its outcome ("good", "mixed", "poor" in the content), as one message each. */
static const char *ending_label(struct req *r, const struct scen_step *s)
{
	const char *name = s->title[0] ? s->title : s->key;
	if (strcmp(s->outcome, "good") == 0)
		/* TRANSLATORS: %s is the name of an ending of the case */
		return arena_printf(r->arena, _("%s (good outcome)"), name);
	if (strcmp(s->outcome, "mixed") == 0)
		/* TRANSLATORS: %s is the name of an ending of the case */
		return arena_printf(r->arena, _("%s (mixed outcome)"), name);
	if (strcmp(s->outcome, "poor") == 0)
		/* TRANSLATORS: %s is the name of an ending of the case */
		return arena_printf(r->arena, _("%s (poor outcome)"), name);
	/* TRANSLATORS: the name of an ending of the case, and its outcome as the content names it */
	return arena_printf(r->arena, _("%s (%s outcome)"), name, s->outcome);
}

static void scenario(struct req *r, const struct cohort *c, const struct cohort_module *cm)
{
	if (!cm->m.scenario_start || !cm->m.scenario_start[0])
		return;
	struct scen_step *steps;
	int n;
	if (db_scenario_report(req_reports_db(r), r->arena, c->id, cm->m.id, cm->m.revision_id, &steps, &n) != STORE_OK) {
		html(r, "<p>%s</p>\n", _("The case figures could not be read just now."));
		return;
	}
	html(r, "<h2>%s</h2>\n<p>%s</p>\n", _("The case: paths taken"),
	     _("How many trainees were at each step, and what they chose there (a trainee who played the case more than "
	       "once counts once for each choice they made)."));
	for (int i = 0; i < n; i++) {
		const struct scen_step *s = &steps[i];
		if (s->ending)
			continue;
		if (s->title[0])
			html(r, "<h3>%s</h3>\n", s->title);
		else {
			html(r, "<h3>");
			/* TRANSLATORS: %s is the step's id in the content */
			html(r, _("Step “%s”"), s->key);
			html(r, "</h3>\n<p class=\"hint\">%s</p>\n", s->excerpt);
		}
		int counts[CONTENT_CHOICES_MAX];
		for (int k = 0; k < s->nchoices; k++)
			counts[k] = s->choices[k].n;
		if (!cohort_shown(c, s->reached, c->trainees) || !cohort_counts_shown(c, counts, (size_t)s->nchoices, s->reached)) {
			html(r, "<p>");
			html(r, _n("Hidden: this step was reached, or one of its choices made, by fewer than %d trainee.",
			           "Hidden: this step was reached, or one of its choices made, by fewer than %d trainees.",
			           REPORT_MIN_GROUP),
			     REPORT_MIN_GROUP);
			html(r, "</p>\n");
			continue;
		}
		html(r, "<p>");
		html(r, _n("Reached by %d trainee.", "Reached by %d trainees.", s->reached), s->reached);
		html(r, "</p>\n<ul>\n");
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
	html(r, "<h3>%s</h3>\n", _("Endings reached"));
	if (!ends_shown) {
		html(r, "<p>");
		html(r, _n("Hidden: some ending was reached by fewer than %d trainee.",
		           "Hidden: some ending was reached by fewer than %d trainees.", REPORT_MIN_GROUP),
		     REPORT_MIN_GROUP);
		html(r, "</p>\n");
	}
	html(r, "<ul>\n");
	for (int i = 0; i < n; i++)
		if (steps[i].ending) {
			if (ends_shown)
				html(r, "<li>%s: <strong>%d</strong></li>\n", ending_label(r, &steps[i]), steps[i].reached);
			else
				html(r, "<li>%s: %s</li>\n", ending_label(r, &steps[i]), _p("figure", "hidden"));
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
	const struct lang_info *only = r->in[IN_IN].state == FIELD_OK ? lang_find(r->in[IN_IN].s) : NULL;
	if (!item_report_load(r, &c, cm, set, page_lang(r)->code, only ? only->code : NULL, &ir))
		return;
	/* TRANSLATORS: the page's title: the module's title, then the cohort's name */
	const char *title_lang, *title = module_title(r, &cm->m, &title_lang);
	layout_begin_wide(r, arena_printf(r->arena, _("%s: %s"), title, c.name), true);
	cohort_nav(r, &c, "");
	html(r, "<h1");
	lang_attrs(r, title_lang);
	html(r, ">%s</h1>\n", title);
	summary(r, &c, &rp);
	gain(r, &c, &rp);
	histogram(r, &c, &rp);
	completions(r, &c, &rp);
	items(r, &c, cm, set, only ? only->code : NULL, &ir);
	scenario(r, &c, cm);
	layout_end(r);
}
