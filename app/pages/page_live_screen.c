/* page_live_screen.c: the projector view. Large type, high contrast, no navigation: while people join,
 * the address, the code and a QR code; then the current question with the live results (bars, a word
 * cloud or the board), the number of answers and of people joined. A quiz question's answer is marked
 * only once revealed. It follows the workshop by itself (live.js), within about a second. */
#include <string.h>

#include "pages/lang.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"
#include "pages/qr.h"

static void join_panel(struct req *r, const struct workshop *s, bool big)
{
	const char *address = live_address(r);
	if (!big) {
		html(r, "<p class=\"screen-join\">");
		/* TRANSLATORS: the join address, then the workshop's code */
		html(r, _("Join at <strong>%s</strong> with code <strong>%s</strong>"), address, live_code_display(r, s->code));
		html(r, "</p>\n");
		return;
	}
	/* The sentence is cut in two by the address, shown large: "On your phone, open / ADDRESS / and type the
	 * code / CODE". */
	html(r, "<div class=\"screen-lobby\">\n<div>\n<p>%s</p>\n<p class=\"screen-address\">%s</p>\n"
	        "<p>%s</p>\n<p class=\"screen-code\">%s</p>\n</div>\n<div class=\"qr\">",
	     /* TRANSLATORS: the projector shows the join address, large, after this, then "and type the code" */
	     _("On your phone, open"), address,
	     /* TRANSLATORS: after "On your phone, open" and the address; the code follows, large */
	     _("and type the code"), live_code_display(r, s->code));
	struct buf svg;
	buf_init(&svg, 1 << 20);
	if (qr_svg(&svg, arena_printf(r->arena, "%s?code=%s", address, s->code), 320,
	           arena_printf(r->arena, _("QR code opening %s with the code filled in"), address)) == 0)
		html_trusted(r, svg.p);
	buf_free(&svg);
	html(r, "</div>\n</div>\n");
}

void page_live_screen(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	if (s.lang[0])   /* the projector speaks the workshop's language, when it has one */
		lang_use(r, s.lang);
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
		if (has_q && strcmp(page_lang(r)->code, "en") != 0 &&
		    db_live_question_text(r->db, r->arena, &q, page_lang(r)->code) == STORE_FAILED) {
			http_unavailable(r, "the question on screen could not be read");
			return;
		}
	}
	/* TRANSLATORS: %s is the live workshop's title */
	layout_open(r, &(struct layout){.title = arena_printf(r->arena, _("Projector: %s"), s.title), .bare = true,
	                                .script = true, .refresh = 3, .body_class = "screen"});
	live_main(r, etag, has_q ? arena_printf(r->arena, "q%lld", q.id) : s.state == LIVE_ENDED ? "ended" : "lobby", NULL);
	if (s.state == LIVE_ENDED) {
		html(r, "<h1 data-announce>%s</h1>\n<p class=\"screen-count\">", _("Thank you"));
		html(r, _n("<span id=\"joined\">%d</span> took part.", "<span id=\"joined\">%d</span> took part.",
		           s.participants),
		     s.participants);
		html(r, "</p>\n");
	} else if (!has_q) {
		html(r, "<h1 data-announce><bdi>%s</bdi></h1>\n", s.title);
		join_panel(r, &s, true);
		html(r, "<p class=\"screen-count\">");
		html(r, _n("<span id=\"joined\">%d</span> joined", "<span id=\"joined\">%d</span> joined", s.participants),
		     s.participants);
		html(r, "</p>\n");
	} else {
		int count = q.kind == LIVE_QA ? s.posts : s.answered;
		html(r, "<p class=\"screen-kind\">");
		html(r, _("Question %d"), q.position);
		html(r, " · %s", live_kind_text(r, q.kind));
		if (q.revealed)
			html(r, " · %s", _("results"));
		else if (q.closed)
			html(r, " · %s", _("answers locked"));
		html(r, "</p>\n<h1 data-announce");
		if (q.lang)
			lang_attrs(r, q.lang);
		html(r, ">%s</h1>\n", q.prompt);
		if (q.kind == LIVE_QUIZ && !q.revealed) {
			/* the options without their figures, so the room is not swayed before the reveal */
			html(r, "<ol class=\"screen-options\" type=\"A\">\n");
			for (int i = 0; i < q.nopt; i++)
				html(r, "<li>%s</li>\n", q.opt[i]);
			html(r, "</ol>\n");
		} else {
			live_results(r, &q, q.revealed, -1, s.aggregate_only);
		}
		html(r, "<p class=\"screen-count\">");
		if (q.kind == LIVE_QA)
			html(r, _n("<span id=\"answered\">%d</span> question", "<span id=\"answered\">%d</span> questions", count),
			     count);
		else
			html(r, _n("<span id=\"answered\">%d</span> answer", "<span id=\"answered\">%d</span> answers", count),
			     count);
		html(r, " · ");
		html(r, _n("<span id=\"joined\">%d</span> joined", "<span id=\"joined\">%d</span> joined", s.participants),
		     s.participants);
		html(r, "</p>\n");
		join_panel(r, &s, false);
	}
	layout_close(r, true);
}
