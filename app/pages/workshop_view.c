/* workshop_view.c: what the live workshop's pages share (pages/workshop_view.h). */
#include "pages/workshop_view.h"

#include <string.h>

#include "domain/account.h"
#include "pages/charts.h"
#include "pages/lang.h"
#include "pages/cohort.h"

bool live_open(struct req *r, struct workshop *s)
{
	enum store_rc rc = db_live_get(r->db, r->arena, r->arg[0].i, r->me->id, r->me->role == ROLE_ADMIN, s);
	return !http_store_failed(r, rc, "no such live workshop among yours");
}

void live_nav(struct req *r, const struct workshop *s, const char *here)
{
	static const struct {
		const char *label, *suffix;
	} items[] = {{N_("Questions"), ""}, {N_("Console"), "/console"}, {N_("Projector"), "/screen"}};
	html(r, "<p class=\"crumbs\"><a href=\"/workshops\">%s</a> <span class=\"dir-arrow\" aria-hidden=\"true\">›</span> "
	        "<bdi>%s</bdi></p>\n"
	        "<nav aria-label=\"%s\" class=\"tabs\"><ul>\n", _("Live workshops"), s->title, _("Live workshop"));
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		html(r, strcmp(items[i].label, here) == 0 ? "<li><a href=\"/workshops/%lld%s\" aria-current=\"page\">%s</a></li>\n"
		                                          : "<li><a href=\"/workshops/%lld%s\">%s</a></li>\n",
		     s->id, items[i].suffix, tr(r, items[i].label));
	html(r, "</ul></nav>\n");
}

/* A kind's name as people read it ("Quiz question", "Poll", ...), in the request's language. */
const char *live_kind_text(struct req *r, enum live_kind k)
{
	static const char *const labels[LIVE_NKINDS] = {
		N_("Quiz question"), N_("Poll"), N_("Scale from 1 to 5"), N_("Open answer (word cloud)"),
		N_("Questions from the room"),
	};
	return (unsigned)k < LIVE_NKINDS ? tr(r, labels[k]) : "";
}

const char *live_state_text(struct req *r, enum live_state s)
{
	/* TRANSLATORS: the state of a live workshop */
	return s == LIVE_DRAFT ? _p("workshop", "not started") : s == LIVE_RUNNING ? _p("workshop", "running")
	                                                                           : _p("workshop", "ended");
}

const char *live_code_display(struct req *r, const char *code)
{
	if (strlen(code) != LIVE_CODE_SYMBOLS)
		return code;
	return arena_printf(r->arena, "%.4s-%s", code, code + 4);
}

const char *live_address(struct req *r)
{
	return arena_printf(r->arena, "%s/live", site_url(r));
}

const char *live_counts_etag(struct req *r, const struct workshop *s, char prefix)
{
	return arena_printf(r->arena, "\"%c%lld.%lld.%d.%d.%d.%d.%d\"", prefix, s->id, s->version, s->participants,
	                    s->answered, s->changes, s->posts, s->held);
}

bool live_not_modified(struct req *r, const char *etag)
{
	http_header(r, "ETag: %s", etag);
	if (r->if_none_match == NULL || r->method != METHOD_GET || strstr(r->if_none_match, etag) == NULL)
		return false;
	r->resp.status = 304;
	buf_clear(&r->resp.body);
	return true;
}

void live_main(struct req *r, const char *etag, const char *state, const char *cls)
{
	html(r, "<main id=\"main\" data-poll data-etag=\"%s\" data-state=\"%s\"", etag, state);
	if (cls)
		html(r, " class=\"%s\"", cls);
	html(r, ">\n");
}

static char letter(int i)
{
	return (char)('A' + i);
}

const char *live_answer_text(struct req *r, const struct live_question *q, int choice, const char *body)
{
	switch (q->kind) {
	case LIVE_SCALE:
		/* TRANSLATORS: a point chosen on a scale, "4 of 5" */
		return choice >= 1 ? arena_printf(r->arena, _n("%d of %d", "%d of %d", LIVE_SCALE_POINTS), choice, LIVE_SCALE_POINTS) : "";
	case LIVE_OPEN:
	case LIVE_QA:
		return body ? body : "";
	default:
		if (choice >= 0 && choice < q->nopt)
			return arena_printf(r->arena, "%c. %s", letter(choice), q->opt[choice]);
		return "";
	}
}

/* One row of the bars: the label, a bar, the count and share. */
static void bar_row(struct req *r, const char *label, int count, int total, bool right, bool mine)
{
	int pct = total > 0 ? (count * 100 + total / 2) / total : 0;
	html(r, right ? "<li class=\"right\"><span class=\"bar-label\">%s" : "<li><span class=\"bar-label\">%s", label);
	if (right)
		html(r, " <strong>(%s)</strong>", _("right answer"));
	if (mine)
		html(r, " <em>(%s)</em>", _("your answer"));
	html(r, "</span> ");
	chart_meter(r, pct);
	html(r, " <span class=\"bar-figure\">");
	/* TRANSLATORS: how many chose an answer, and their share in percent */
	html(r, _("%d (%d%%)"), count, pct);
	html(r, "</span></li>\n");
}

static void cloud(struct req *r, long long qid, bool aggregate)
{
	struct live_word *w;
	int n;
	if (db_live_words(r->db, r->arena, qid, &w, &n) != STORE_OK) {
		html(r, "<p>%s</p>\n", _("The answers cannot be read just now."));
		return;
	}
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("No answers to show yet."));
		return;
	}
	struct cloud_word *cw = arena_alloc(r->arena, sizeof(*cw) * (size_t)n);
	struct buf aria;
	if (cw == NULL)
		return;
	int kept = 0;
	for (int i = 0; i < n; i++)
		if (report_count_shown(aggregate, w[i].count, w[i].count))
			w[kept++] = w[i];
	if (kept < n) {
		html(r, "<p class=\"hint\">");
		html(r, _n("Hidden: this workshop is for an aggregate-only cohort, and the other words would be about fewer "
		           "than %d person.",
		           "Hidden: this workshop is for an aggregate-only cohort, and the other words would be about fewer "
		           "than %d people.",
		           REPORT_MIN_GROUP),
		     REPORT_MIN_GROUP);
		html(r, "</p>\n");
	}
	n = kept;
	if (n == 0)
		return;
	buf_init(&aria, 8192);
	buf_puts(&aria, _("Word cloud of the answers:"));
	for (int i = 0; i < n; i++) {
		cw[i] = (struct cloud_word){.text = w[i].text, .count = w[i].count};
		buf_printf(&aria, "%s %s (%d)", i ? "," : "", w[i].text, w[i].count);
	}
	int width = 1000, height = live_cloud_layout(cw, n, width);
	html(r, "<figure class=\"cloud\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height,
	     aria.failed ? _("Word cloud") : aria.p);
	buf_free(&aria);
	for (int i = 0; i < n; i++)
		html(r, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" class=\"w%d\">%s</text>", cw[i].x,
		     cw[i].y, cw[i].size, i % 3, cw[i].text);
	html(r, "</svg></figure>\n");
}

static void board(struct req *r, long long qid)
{
	struct live_post *p;
	int n;
	if (db_live_posts(r->db, r->arena, qid, 0, false, &p, &n) != STORE_OK) {
		html(r, "<p>%s</p>\n", _("The questions cannot be read just now."));
		return;
	}
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("No questions yet."));
		return;
	}
	html(r, "<ol class=\"board\">\n");
	for (int i = 0; i < n && i < 20; i++)
		html(r, "<li><span class=\"votes\">%d</span> <bdi>%s</bdi></li>\n", p[i].votes, p[i].body);
	html(r, "</ol>\n");
}

void live_results(struct req *r, const struct live_question *q, bool mark, int mine, bool aggregate)
{
	if (q->kind == LIVE_OPEN) {
		cloud(r, q->id, aggregate);
		return;
	}
	if (q->kind == LIVE_QA) {
		board(r, q->id);
		return;
	}
	int counts[LIVE_OPTIONS_MAX + 1], total = 0;
	if (db_live_tally(r->db, q->id, counts) != STORE_OK) {
		html(r, "<p>%s</p>\n", _("The results cannot be read just now."));
		return;
	}
	for (int i = 0; i <= LIVE_OPTIONS_MAX; i++)
		total += counts[i];
	bool scale = q->kind == LIVE_SCALE;
	if (!report_count_shown(aggregate, total, total) ||
	    !report_counts_shown(aggregate, scale ? counts + 1 : counts, (size_t)(scale ? LIVE_SCALE_POINTS : q->nopt), total)) {
		html(r, "<p class=\"hint\">");
		html(r, _n("Hidden: this workshop is for an aggregate-only cohort, and the results would be about fewer than "
		           "%d person.",
		           "Hidden: this workshop is for an aggregate-only cohort, and the results would be about fewer than "
		           "%d people.",
		           REPORT_MIN_GROUP),
		     REPORT_MIN_GROUP);
		html(r, "</p>\n");
		return;
	}
	html(r, "<ul class=\"bars\" aria-label=\"%s\">\n",
	     arena_printf(r->arena, _n("Results: %d answer", "Results: %d answers", total), total));
	if (q->kind == LIVE_SCALE) {
		long sum = 0;
		for (int v = 1; v <= LIVE_SCALE_POINTS; v++) {
			/* TRANSLATORS: a point of the scale and what it means, "1 (Not at all)" */
			const char *label = v == 1 && q->nopt > 0 ? arena_printf(r->arena, _("%d (%s)"), 1, q->opt[0])
			                    : v == LIVE_SCALE_POINTS && q->nopt > 1
			                        ? arena_printf(r->arena, _("%d (%s)"), v, q->opt[1])
			                        : arena_printf(r->arena, "%d", v);
			bar_row(r, label, counts[v], total, false, mine == v);
			sum += (long)v * counts[v];
		}
		html(r, "</ul>\n");
		if (total > 0) {
			const char *avg = lang_figure(r, (double)sum / total);
			html(r, "<p>");
			/* TRANSLATORS: the average of a scale's answers, "3.4 out of 5" */
			html(r, _("Average: %s out of %d."), avg, LIVE_SCALE_POINTS);
			html(r, "</p>\n");
		}
		return;
	}
	for (int i = 0; i < q->nopt; i++)
		bar_row(r, live_answer_text(r, q, i, NULL), counts[i], total, mark && q->kind == LIVE_QUIZ && q->correct[i],
		        mine == i);
	html(r, "</ul>\n");
}

void live_record(struct req *r, long long user, bool own)
{
	struct live_record *rec;
	int n;
	if (db_live_record(r->db, r->arena, user, &rec, &n) != STORE_OK || n == 0)
		return;
	html(r, "<h2>%s</h2>\n<p>%s</p>\n", _("Live workshops"),
	     own ? _("Your answers in live workshops you joined while signed in.")
	         : _("Their answers in live workshops they joined while signed in."));
	long long cur = 0;
	for (int i = 0; i < n; i++) {
		if (rec[i].workshop != cur) {
			if (cur)
				html(r, "</tbody></table></div>\n");
			cur = rec[i].workshop;
			html(r, "<h3>%s <small>(%s)</small></h3>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
			        "aria-label=\"%s\"><table>\n<thead><tr><th scope=\"col\">%s</th>"
			        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
			     rec[i].title, rec[i].day,
			     /* TRANSLATORS: %s is a live workshop's title */
			     arena_printf(r->arena, _("Answers in %s"), rec[i].title), _("Question"), _("Answer"), _("Result"));
		}
		html(r, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", rec[i].prompt, rec[i].answer,
		     rec[i].right == 1 ? _("Right") : rec[i].right == 0 ? _("Not right") : "—");
	}
	html(r, "</tbody></table></div>\n");
}

void live_cohort_workshops(struct req *r, long long cohort, bool aggregate)
{
	struct workshop *s;
	int n;
	if (db_live_for_cohort(r->db, r->arena, cohort, &s, &n) != STORE_OK || n == 0)
		return;
	html(r, "<h2>%s</h2>\n<ul>\n", _("Live workshops"));
	for (int i = 0; i < n; i++) {
		html(r, "<li><a href=\"/workshops/%lld\"><bdi>%s</bdi></a> ", s[i].id, s[i].title);
		/* TRANSLATORS: after a workshop's title: the day it was made, its state, how many took part */
		html(r, _("(%s, %s, %s)"), lang_day(r, s[i].created_on), live_state_text(r, s[i].state),
		     report_count_shown(aggregate, s[i].participants, s[i].participants)
		         ? arena_printf(r->arena, _n("%d participant", "%d participants", s[i].participants), s[i].participants)
		         : arena_printf(r->arena, _n("participants hidden: fewer than %d", "participants hidden: fewer than %d",
		                                     REPORT_MIN_GROUP),
		                        REPORT_MIN_GROUP));
		html(r, "</li>\n");
	}
	html(r, "</ul>\n");
}
