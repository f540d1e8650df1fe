/* page_live_screen.c: the projector view. Large type, high contrast, no navigation: while people join,
 * the address, the code and a QR code; then the current question with the live results (bars, a word
 * cloud or the board), the number of answers and of people joined. A quiz question's answer is marked
 * only once revealed. It follows the workshop by itself (live.js), within about a second. */
#include "pages/cohort.h"
#include "pages/workshop_view.h"
#include "pages/qr.h"

static void join_panel(struct req *r, const struct workshop *s, bool big)
{
	const char *address = live_address(r);
	if (!big) {
		html(r, "<p class=\"screen-join\">Join at <strong>%s</strong> with code <strong>%s</strong></p>\n", address,
		     live_code_display(r, s->code));
		return;
	}
	html(r, "<div class=\"screen-lobby\">\n<div>\n<p>On your phone, open</p>\n<p class=\"screen-address\">%s</p>\n"
	        "<p>and type the code</p>\n<p class=\"screen-code\">%s</p>\n</div>\n<div class=\"qr\">",
	     address, live_code_display(r, s->code));
	struct buf svg;
	buf_init(&svg, 1 << 20);
	if (qr_svg(&svg, arena_printf(r->arena, "%s?code=%s", address, s->code), 320,
	           arena_printf(r->arena, "QR code opening %s with the code filled in", address)) == 0)
		html_trusted(r, svg.p);
	buf_free(&svg);
	html(r, "</div>\n</div>\n");
}

void page_live_screen(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	const char *etag = live_counts_etag(r, &s, 's');
	if (live_not_modified(r, etag))
		return;
	struct live_question q;
	bool has_q = false;
	if (s.state == LIVE_RUNNING && s.current_id > 0) {
		enum store_rc rc = db_live_question(r->db, r->arena, s.current_id, &q);
		if (rc != STORE_NONE && http_store_failed(r, rc, "the question on screen could not be read"))
			return;
		has_q = rc == STORE_OK;   /* none: the join screen */
	}
	layout_open(r, &(struct layout){.title = arena_printf(r->arena, "Projector: %s", s.title), .bare = true,
	                                .script = true, .refresh = 3, .body_class = "screen"});
	live_main(r, etag, has_q ? arena_printf(r->arena, "q%lld", q.id) : s.state == LIVE_ENDED ? "ended" : "lobby", NULL);
	if (s.state == LIVE_ENDED) {
		html(r, "<h1 data-announce>Thank you</h1>\n<p class=\"screen-count\"><span id=\"joined\">%d</span> took part.</p>\n",
		     s.participants);
	} else if (!has_q) {
		html(r, "<h1 data-announce>%s</h1>\n", s.title);
		join_panel(r, &s, true);
		html(r, "<p class=\"screen-count\"><span id=\"joined\">%d</span> joined</p>\n", s.participants);
	} else {
		int count = q.kind == LIVE_QA ? s.posts : s.answered;
		html(r, "<p class=\"screen-kind\">Question %d · %s%s</p>\n<h1 data-announce>%s</h1>\n", q.position,
		     live_kind_label(q.kind), q.revealed ? " · results" : q.closed ? " · answers locked" : "", q.prompt);
		if (q.kind == LIVE_QUIZ && !q.revealed) {
			/* the options without their figures, so the room is not swayed before the reveal */
			html(r, "<ol class=\"screen-options\" type=\"A\">\n");
			for (int i = 0; i < q.nopt; i++)
				html(r, "<li>%s</li>\n", q.opt[i]);
			html(r, "</ol>\n");
		} else {
			live_results(r, &q, q.revealed, -1, s.aggregate_only);
		}
		html(r, "<p class=\"screen-count\"><span id=\"answered\">%d</span> %s · <span id=\"joined\">%d</span> joined</p>\n",
		     count, q.kind == LIVE_QA ? (count == 1 ? "question" : "questions") : (count == 1 ? "answer" : "answers"),
		     s.participants);
		join_panel(r, &s, false);
	}
	layout_close(r, true);
}
