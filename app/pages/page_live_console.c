/* page_live_console.c: the facilitator runs a live workshop: start it, show each question (it opens the
 * first time), lock answers, reveal the results, go back or on, show the join screen again, end. Open
 * answers and questions from the room are moderated here: approve what is held, hide anything. The
 * page follows the room by itself (live.js), as the projector does. */
#include <string.h>

#include "security/auth.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"

/* The question a button acts on, and what a moderation button names: a post on the board, or one
 * participant's open answer to a question. */
enum { IN_Q, IN_POST, IN_PID };
const struct field console_q_fields[] = {
	[IN_Q] = {"q", FIELD_INT, 1, 1LL << 53, true},
	{NULL},
};
const struct field console_moderate_fields[] = {
	[IN_Q] = {"q", FIELD_INT, 1, 1LL << 53, false},
	[IN_POST] = {"post", FIELD_INT, 1, 1LL << 53, false},
	[IN_PID] = {"pid", FIELD_INT, 1, 1LL << 53, false},
	{NULL},
};

/* A one-button form; `more` (may be NULL) finishes the label for screen readers only. */
static void button(struct req *r, const struct workshop *s, const char *action, long long q, const char *label,
                   const char *more, const char *cls)
{
	html(r, "<form method=\"post\" action=\"/workshops/%lld/console\" class=\"inline\">", s->id);
	auth_form_token(r);
	form_hidden(r, "action", action);
	if (q > 0)
		form_hidden_number(r, "q", q);
	if (cls)
		html(r, "<button type=\"submit\" class=\"%s\">%s", cls, label);
	else
		html(r, "<button type=\"submit\">%s", label);
	if (more)
		html(r, "<span class=\"visually-hidden\"> %s</span>", more);
	html(r, "</button></form>\n");
}

static void moderate_button(struct req *r, const struct workshop *s, const struct live_post *p, long long qid,
                            const char *action, const char *label)
{
	html(r, "<form method=\"post\" action=\"/workshops/%lld/console\" class=\"inline\">", s->id);
	auth_form_token(r);
	form_hidden(r, "action", action);
	if (p->id > 0) {
		form_hidden_number(r, "post", p->id);
	} else {
		form_hidden_number(r, "q", qid);
		form_hidden_number(r, "pid", p->pid);
	}
	html(r, "<button type=\"submit\" class=\"small secondary\">%s<span class=\"visually-hidden\">: %s</span></button>"
	        "</form>",
	     label, p->body);
}

static void moderation(struct req *r, const struct workshop *s, const struct live_question *q)
{
	struct live_post *p;
	int n;
	enum store_rc rc = q->kind == LIVE_QA ? db_live_posts(r->db, r->arena, q->id, 0, true, &p, &n)
	                                      : db_live_open_answers(r->db, r->arena, q->id, &p, &n);
	if (rc != STORE_OK) {
		html(r, "<p>%s</p>\n", _("The posts cannot be read just now."));
		return;
	}
	html(r, "<h2>%s</h2>\n", _("Moderation"));
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("Nothing posted yet."));
		return;
	}
	html(r, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"%s\"><table>\n"
	        "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	     _("Posts to moderate"), _p("noun", "Post"), _p("sender", "From"), _("Status"), _("Action"));
	for (int i = 0; i < n; i++) {
		/* TRANSLATORS: the state of a post or an answer from the room */
		const char *status = p[i].status == LIVE_HELD ? _p("post", "waiting")
		                   : p[i].status == LIVE_HIDDEN ? _p("post", "hidden") : _p("post", "shown");
		if (q->kind == LIVE_QA && p[i].status == LIVE_SHOWN)
			/* TRANSLATORS: a post's state ("shown"), then how many upvoted it */
			status = arena_printf(r->arena, _n("%s, %d vote", "%s, %d votes", p[i].votes), status, p[i].votes);
		html(r, "<tr><td dir=\"auto\">%s</td><td><bdi>%s</bdi></td><td>%s</td><td>", p[i].body,
		     p[i].name[0] ? p[i].name : _("Anonymous"), status);
		if (p[i].status != LIVE_SHOWN)
			moderate_button(r, s, &p[i], q->id, "approve", p[i].status == LIVE_HELD ? _("Approve") : _p("verb", "Show"));
		if (p[i].status != LIVE_HIDDEN)
			moderate_button(r, s, &p[i], q->id, "hide", _p("verb", "Hide"));
		html(r, "</td></tr>\n");
	}
	html(r, "</tbody></table></div>\n");
}

static void console(struct req *r, const struct workshop *s, const char *etag)
{
	struct live_question *qs;
	int n;
	if (http_store_failed(r, db_live_questions(r->db, r->arena, s->id, &qs, &n), "the questions could not be read"))
		return;
	int cur = -1;
	for (int i = 0; i < n; i++)
		if (qs[i].id == s->current_id)
			cur = i;
	/* TRANSLATORS: %s is the live workshop's title */
	layout_open(r, &(struct layout){.title = arena_printf(r->arena, _("Console: %s"), s->title), .script = true,
	                                .refresh = 5});
	live_main(r, etag, cur >= 0 ? arena_printf(r->arena, "q%lld", qs[cur].id) : "none", "wide");
	live_nav(r, s, "Console");
	html(r, "<h1>");
	html(r, _("Console: <bdi>%s</bdi>"), s->title);
	html(r, "</h1>\n<p class=\"live-status\">");
	/* TRANSLATORS: %s is the workshop's code, "K7QM-4R" */
	html(r, _("Code <strong>%s</strong>"), live_code_display(r, s->code));
	html(r, " · ");
	html(r, _n("<span id=\"joined\">%d</span> joined", "<span id=\"joined\">%d</span> joined", s->participants),
	     s->participants);
	html(r, " · %s</p>\n", live_state_text(r, s->state));
	if (s->state == LIVE_DRAFT) {
		html(r, "<p>");
		html(r, _("Open the <a href=\"%s\">projector view</a> on the big screen: it shows the code and a QR code while "
		          "people join. Start when you are ready: the room sees the join screen until you show the first "
		          "question."),
		     arena_printf(r->arena, "/workshops/%lld/screen", s->id));
		html(r, "</p>\n");
		if (n == 0) {
			html(r, "<p>");
			html(r, _("The workshop has no questions yet: <a href=\"%s\">add some</a>."),
			     arena_printf(r->arena, "/workshops/%lld#add", s->id));
			html(r, "</p>\n");
		}
		button(r, s, "start", 0, _("Start the workshop"), NULL, NULL);
	} else if (s->state == LIVE_ENDED) {
		html(r, "<p>");
		html(r, _("The workshop has ended. The answers are kept: see <a href=\"%s\">the questions and their "
		          "figures</a>."),
		     arena_printf(r->arena, "/workshops/%lld", s->id));
		html(r, "</p>\n");
	} else {
		const struct live_question *q = cur >= 0 ? &qs[cur] : NULL;
		html(r, "<section class=\"current\" aria-labelledby=\"current-h\">\n<h2 id=\"current-h\">%s</h2>\n",
		     _("On screen now"));
		if (q == NULL) {
			html(r, "<p>%s</p>\n<div class=\"controls\">", _("The join screen."));
			if (n > 0)
				button(r, s, "next", 0, _("Show question 1"), NULL, NULL);
		} else {
			int count = q->kind == LIVE_QA ? s->posts : s->answered;
			html(r, "<p><strong>");
			html(r, _("Question %d of %d:"), cur + 1, n);
			html(r, "</strong> %s <span class=\"kind\">(%s)</span></p>\n<p>", q->prompt, live_kind_text(r, q->kind));
			html(r, q->closed ? q->revealed ? _("Answers are <strong>locked</strong>, and the results are shown to the room.")
			                                : _("Answers are <strong>locked</strong>.")
			                  : q->revealed ? _("Answers are <strong>open</strong>, and the results are shown to the room.")
			                                : _("Answers are <strong>open</strong>."));
			html(r, " ");
			/* TRANSLATORS: answers (or questions posted) to the question on screen, from how many joined */
			html(r, _n("<span id=\"answered\">%d</span> answer from %d joined.",
			           "<span id=\"answered\">%d</span> answers from %d joined.", count),
			     count, s->participants);
			html(r, "</p>\n<div class=\"controls\">");
			if (q->closed)
				button(r, s, "open", q->id, _("Open answers again"), NULL, "secondary");
			else
				button(r, s, "close", q->id, _("Lock answers"), NULL, NULL);
			if (!q->revealed && q->kind != LIVE_QA)
				button(r, s, "reveal", q->id, _("Reveal the results"), NULL, NULL);
			if (cur > 0)
				button(r, s, "prev", 0, _("Previous question"), NULL, "secondary");
			if (cur + 1 < n)
				button(r, s, "next", 0, arena_printf(r->arena, _("Next: question %d"), cur + 2), NULL, NULL);
			button(r, s, "lobby", 0, _("Show the join screen"), NULL, "secondary");
		}
		button(r, s, "end", 0, _("End the workshop"), NULL, "secondary");
		html(r, "</div>\n");
		if (q) {
			html(r, "<h2>%s</h2>\n", _("Results so far"));
			live_results(r, q, true, -1, s->aggregate_only);
			if (q->kind == LIVE_OPEN || q->kind == LIVE_QA)
				moderation(r, s, q);
		}
		html(r, "</section>\n");
	}
	if (n > 0 && s->state == LIVE_RUNNING) {
		html(r, "<h2>%s</h2>\n<ol class=\"questions\">\n", _("All questions"));
		for (int i = 0; i < n; i++) {
			const char *kind = live_kind_text(r, qs[i].kind);
			/* TRANSLATORS: %s is the kind of question ("Poll"), then its state */
			html(r, "<li>%s <span class=\"kind\">(%s)</span> ", qs[i].prompt,
			     qs[i].revealed ? arena_printf(r->arena, _("%s, revealed"), kind)
			     : qs[i].closed ? arena_printf(r->arena, _("%s, locked"), kind)
			     : qs[i].opened ? arena_printf(r->arena, _("%s, open"), kind)
			                    : kind);
			if (i != cur) {
				/* TRANSLATORS: read by screen readers after a button's word: "Show question 3", "Remove question 3" */
				const char *which = arena_printf(r->arena, _("question %d"), i + 1);
				button(r, s, "goto", qs[i].id, _p("verb", "Show"), which, "small secondary");
			}
			html(r, "</li>\n");
		}
		html(r, "</ol>\n");
	}
	layout_close(r, false);
}

void page_live_console(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	const char *etag = live_counts_etag(r, &s, 'c');
	if (!live_not_modified(r, etag))
		console(r, &s, etag);
}

/* Every action ends here: rc is the store's answer (STORE_OK done, STORE_NONE not possible now: 409). */
static void acted(struct req *r, const struct workshop *s, enum store_rc rc)
{
	if (rc == STORE_NONE) {
		http_error(r, 409, s->state == LIVE_ENDED ? N_("the workshop has ended") : N_("that cannot be done now"));
		return;
	}
	if (http_store_failed(r, rc, "the console could not do that"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/workshops/%lld/console", s->id));
}

static void move(struct req *r, enum live_move m, long long q)
{
	struct workshop s;
	if (live_open(r, &s))
		acted(r, &s, db_live_move(r->db, s.id, m, q));
}

/* The question after (by = 1) or before (by = -1) the one on screen. */
static void step(struct req *r, int by)
{
	struct workshop s;
	struct live_question *qs;
	int n, cur = -1;
	if (!live_open(r, &s))
		return;
	if (http_store_failed(r, db_live_questions(r->db, r->arena, s.id, &qs, &n), "the questions could not be read"))
		return;
	for (int i = 0; i < n; i++)
		if (qs[i].id == s.current_id)
			cur = i;
	if (cur + by < 0 || cur + by >= n) {
		http_error(r, 409, by > 0 ? N_("that was the last question") : N_("that was the first question"));
		return;
	}
	acted(r, &s, db_live_move(r->db, s.id, MOVE_GOTO, qs[cur + by].id));
}

static void moderate(struct req *r, enum live_status to)
{
	struct workshop s;
	bool post = r->in[IN_POST].state == FIELD_OK;
	if (!live_open(r, &s))
		return;
	if (!post && (r->in[IN_Q].state != FIELD_OK || r->in[IN_PID].state != FIELD_OK)) {
		http_error(r, 400, "name a post, or a question and a participant");
		return;
	}
	acted(r, &s, db_live_moderate(r->db, s.id, post ? r->in[IN_POST].i : 0, r->in[IN_Q].i,
	                              post ? 0 : r->in[IN_PID].i, to));
}

void page_live_console_start(struct req *r)
{
	move(r, MOVE_START, 0);
}

void page_live_console_next(struct req *r)
{
	step(r, 1);
}

void page_live_console_prev(struct req *r)
{
	step(r, -1);
}

void page_live_console_goto(struct req *r)
{
	move(r, MOVE_GOTO, r->in[IN_Q].i);
}

void page_live_console_lobby(struct req *r)
{
	move(r, MOVE_LOBBY, 0);
}

void page_live_console_open(struct req *r)
{
	move(r, MOVE_OPEN, r->in[IN_Q].i);
}

void page_live_console_close(struct req *r)
{
	move(r, MOVE_CLOSE, r->in[IN_Q].i);
}

void page_live_console_reveal(struct req *r)
{
	move(r, MOVE_REVEAL, r->in[IN_Q].i);
}

void page_live_console_end(struct req *r)
{
	move(r, MOVE_END, 0);
}

void page_live_console_approve(struct req *r)
{
	moderate(r, LIVE_SHOWN);
}

void page_live_console_hide(struct req *r)
{
	moderate(r, LIVE_HIDDEN);
}
