/* workshop_view.c: what the live workshop's pages share (pages/workshop_view.h). */
#include "pages/workshop_view.h"

#include <string.h>

#include "domain/account.h"
#include "pages/charts.h"
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
	} items[] = {{"Questions", ""}, {"Console", "/console"}, {"Projector", "/screen"}};
	html(r, "<p class=\"crumbs\"><a href=\"/workshops\">Live workshops</a> › %s</p>\n"
	        "<nav aria-label=\"Live workshop\" class=\"tabs\"><ul>\n", s->title);
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		html(r, strcmp(items[i].label, here) == 0 ? "<li><a href=\"/workshops/%lld%s\" aria-current=\"page\">%s</a></li>\n"
		                                          : "<li><a href=\"/workshops/%lld%s\">%s</a></li>\n",
		     s->id, items[i].suffix, items[i].label);
	html(r, "</ul></nav>\n");
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
		return choice >= 1 ? arena_printf(r->arena, "%d of %d", choice, LIVE_SCALE_POINTS) : "";
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
		html(r, " <strong>(right answer)</strong>");
	if (mine)
		html(r, " <em>(your answer)</em>");
	html(r, "</span> ");
	chart_meter(r, pct);
	html(r, " <span class=\"bar-figure\">%d (%d%%)</span></li>\n", count, pct);
}

#define LIVE_HIDDEN_NOTE "<p class=\"hint\">Hidden: this workshop is for an aggregate-only cohort, and %s would be " \
	"about fewer than %d people.</p>\n"

static void cloud(struct req *r, long long qid, bool aggregate)
{
	struct live_word *w;
	int n;
	if (db_live_words(r->db, r->arena, qid, &w, &n) != STORE_OK) {
		html(r, "<p>The answers cannot be read just now.</p>\n");
		return;
	}
	if (n == 0) {
		html(r, "<p>No answers to show yet.</p>\n");
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
	if (kept < n)
		html(r, LIVE_HIDDEN_NOTE, "the other words", REPORT_MIN_GROUP);
	n = kept;
	if (n == 0)
		return;
	buf_init(&aria, 8192);
	buf_puts(&aria, "Word cloud of the answers:");
	for (int i = 0; i < n; i++) {
		cw[i] = (struct cloud_word){.text = w[i].text, .count = w[i].count};
		buf_printf(&aria, "%s %s (%d)", i ? "," : "", w[i].text, w[i].count);
	}
	int width = 1000, height = live_cloud_layout(cw, n, width);
	html(r, "<figure class=\"cloud\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height,
	     aria.failed ? "Word cloud" : aria.p);
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
		html(r, "<p>The questions cannot be read just now.</p>\n");
		return;
	}
	if (n == 0) {
		html(r, "<p>No questions yet.</p>\n");
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
		html(r, "<p>The results cannot be read just now.</p>\n");
		return;
	}
	for (int i = 0; i <= LIVE_OPTIONS_MAX; i++)
		total += counts[i];
	bool scale = q->kind == LIVE_SCALE;
	if (!report_count_shown(aggregate, total, total) ||
	    !report_counts_shown(aggregate, scale ? counts + 1 : counts, (size_t)(scale ? LIVE_SCALE_POINTS : q->nopt), total)) {
		html(r, LIVE_HIDDEN_NOTE, "the results", REPORT_MIN_GROUP);
		return;
	}
	html(r, "<ul class=\"bars\" aria-label=\"Results: %d answer%s\">\n", total, plural_s(total));
	if (q->kind == LIVE_SCALE) {
		long sum = 0;
		for (int v = 1; v <= LIVE_SCALE_POINTS; v++) {
			const char *label = v == 1 && q->nopt > 0 ? arena_printf(r->arena, "1 (%s)", q->opt[0])
			                    : v == LIVE_SCALE_POINTS && q->nopt > 1
			                        ? arena_printf(r->arena, "%d (%s)", v, q->opt[1])
			                        : arena_printf(r->arena, "%d", v);
			bar_row(r, label, counts[v], total, false, mine == v);
			sum += (long)v * counts[v];
		}
		html(r, "</ul>\n");
		if (total > 0) {
			char avg[32];
			fmt_figure((double)sum / total, avg);
			html(r, "<p>Average: %s out of %d.</p>\n", avg, LIVE_SCALE_POINTS);
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
	html(r, "<h2>Live workshops</h2>\n<p>%s</p>\n",
	     own ? "Your answers in live workshops you joined while signed in."
	         : "Their answers in live workshops they joined while signed in.");
	long long cur = 0;
	for (int i = 0; i < n; i++) {
		if (rec[i].workshop != cur) {
			if (cur)
				html(r, "</tbody></table></div>\n");
			cur = rec[i].workshop;
			html(r, "<h3>%s <small>(%s)</small></h3>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
			        "aria-label=\"Answers in %s\"><table>\n<thead><tr><th scope=\"col\">Question</th>"
			        "<th scope=\"col\">Answer</th><th scope=\"col\">Result</th></tr></thead><tbody>\n",
			     rec[i].title, rec[i].day, rec[i].title);
		}
		html(r, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", rec[i].prompt, rec[i].answer,
		     rec[i].right == 1 ? "Right" : rec[i].right == 0 ? "Not right" : "—");
	}
	html(r, "</tbody></table></div>\n");
}

void live_cohort_workshops(struct req *r, long long cohort, bool aggregate)
{
	struct workshop *s;
	int n;
	if (db_live_for_cohort(r->db, r->arena, cohort, &s, &n) != STORE_OK || n == 0)
		return;
	html(r, "<h2>Live workshops</h2>\n<ul>\n");
	for (int i = 0; i < n; i++)
		html(r, "<li><a href=\"/workshops/%lld\">%s</a> (%s, %s, %s)</li>\n", s[i].id, s[i].title,
		     s[i].created_on, s[i].state == LIVE_ENDED ? "ended" : s[i].state == LIVE_RUNNING ? "running" : "not started",
		     report_count_shown(aggregate, s[i].participants, s[i].participants)
		         ? arena_printf(r->arena, "%d participant%s", s[i].participants, plural_s(s[i].participants))
		         : arena_printf(r->arena, "participants hidden: fewer than %d", REPORT_MIN_GROUP));
	html(r, "</ul>\n");
}
