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
		html(r, "<p>The posts cannot be read just now.</p>\n");
		return;
	}
	html(r, "<h2>Moderation</h2>\n");
	if (n == 0) {
		html(r, "<p>Nothing posted yet.</p>\n");
		return;
	}
	html(r, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Posts to moderate\"><table>\n"
	        "<thead><tr><th scope=\"col\">Post</th><th scope=\"col\">From</th><th scope=\"col\">Status</th>"
	        "<th scope=\"col\">Action</th></tr></thead><tbody>\n");
	for (int i = 0; i < n; i++) {
		html(r, "<tr><td dir=\"auto\">%s</td><td><bdi>%s</bdi></td><td>%s%s</td><td>", p[i].body, p[i].name[0] ? p[i].name : "Anonymous",
		     p[i].status == LIVE_HELD ? "waiting" : p[i].status == LIVE_HIDDEN ? "hidden" : "shown",
		     q->kind == LIVE_QA && p[i].status == LIVE_SHOWN ? arena_printf(r->arena, ", %d vote%s", p[i].votes,
		                                                                     plural_s(p[i].votes))
		                                                      : "");
		if (p[i].status != LIVE_SHOWN)
			moderate_button(r, s, &p[i], q->id, "approve", p[i].status == LIVE_HELD ? "Approve" : "Show");
		if (p[i].status != LIVE_HIDDEN)
			moderate_button(r, s, &p[i], q->id, "hide", "Hide");
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
	layout_open(r, &(struct layout){.title = arena_printf(r->arena, "Console: %s", s->title), .script = true,
	                                .refresh = 5});
	live_main(r, etag, cur >= 0 ? arena_printf(r->arena, "q%lld", qs[cur].id) : "none", "wide");
	live_nav(r, s, "Console");
	html(r, "<h1>Console: %s</h1>\n<p class=\"live-status\">Code <strong>%s</strong> · <span id=\"joined\">%d</span> "
	        "joined · %s</p>\n",
	     s->title, live_code_display(r, s->code), s->participants,
	     s->state == LIVE_DRAFT ? "not started" : s->state == LIVE_RUNNING ? "running" : "ended");
	if (s->state == LIVE_DRAFT) {
		html(r, "<p>Open the <a href=\"/workshops/%lld/screen\">projector view</a> on the big screen: it shows the code "
		        "and a QR code while people join. Start when you are ready: the room sees the join screen until you "
		        "show the first question.</p>\n",
		     s->id);
		if (n == 0)
			html(r, "<p>The workshop has no questions yet: <a href=\"/workshops/%lld#add\">add some</a>.</p>\n", s->id);
		button(r, s, "start", 0, "Start the workshop", NULL, NULL);
	} else if (s->state == LIVE_ENDED) {
		html(r, "<p>The workshop has ended. The answers are kept: see <a href=\"/workshops/%lld\">the questions and "
		        "their figures</a>.</p>\n",
		     s->id);
	} else {
		const struct live_question *q = cur >= 0 ? &qs[cur] : NULL;
		html(r, "<section class=\"current\" aria-labelledby=\"current-h\">\n<h2 id=\"current-h\">On screen now</h2>\n");
		if (q == NULL) {
			html(r, "<p>The join screen.</p>\n<div class=\"controls\">");
			if (n > 0)
				button(r, s, "next", 0, "Show question 1", NULL, NULL);
		} else {
			html(r, "<p><strong>Question %d of %d:</strong> %s <span class=\"kind\">(%s)</span></p>\n"
			        "<p>Answers are <strong>%s</strong>%s. <span id=\"answered\">%d</span> answer%s from %d joined.</p>\n"
			        "<div class=\"controls\">",
			     cur + 1, n, q->prompt, live_kind_label(q->kind), q->closed ? "locked" : "open",
			     q->revealed ? ", and the results are shown to the room" : "",
			     q->kind == LIVE_QA ? s->posts : s->answered, plural_s(q->kind == LIVE_QA ? s->posts : s->answered),
			     s->participants);
			if (q->closed)
				button(r, s, "open", q->id, "Open answers again", NULL, "secondary");
			else
				button(r, s, "close", q->id, "Lock answers", NULL, NULL);
			if (!q->revealed && q->kind != LIVE_QA)
				button(r, s, "reveal", q->id, "Reveal the results", NULL, NULL);
			if (cur > 0)
				button(r, s, "prev", 0, "Previous question", NULL, "secondary");
			if (cur + 1 < n)
				button(r, s, "next", 0, arena_printf(r->arena, "Next: question %d", cur + 2), NULL, NULL);
			button(r, s, "lobby", 0, "Show the join screen", NULL, "secondary");
		}
		button(r, s, "end", 0, "End the workshop", NULL, "secondary");
		html(r, "</div>\n");
		if (q) {
			html(r, "<h2>Results so far</h2>\n");
			live_results(r, q, true, -1, s->aggregate_only);
			if (q->kind == LIVE_OPEN || q->kind == LIVE_QA)
				moderation(r, s, q);
		}
		html(r, "</section>\n");
	}
	if (n > 0 && s->state == LIVE_RUNNING) {
		html(r, "<h2>All questions</h2>\n<ol class=\"questions\">\n");
		for (int i = 0; i < n; i++) {
			html(r, "<li>%s <span class=\"kind\">(%s%s)</span> ", qs[i].prompt, live_kind_label(qs[i].kind),
			     qs[i].revealed ? ", revealed" : qs[i].closed ? ", locked" : qs[i].opened ? ", open" : "");
			if (i != cur)
				button(r, s, "goto", qs[i].id, "Show", arena_printf(r->arena, "question %d", i + 1), "small secondary");
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
		http_error(r, 409, s->state == LIVE_ENDED ? "the workshop has ended" : "that cannot be done now");
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
		http_error(r, 409, by > 0 ? "that was the last question" : "that was the first question");
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
