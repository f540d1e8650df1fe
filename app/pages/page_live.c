/* page_live.c: the room's side of a live workshop. A participant opens /live, types the code (or scans
 * the QR code, which fills it in), picks a name or none, and follows the workshop at /live/CODE: the
 * current question, their answer (which they may change until the question closes), and the results
 * once the facilitator reveals them. A cookie for /live/CODE keeps their place across reloads, lost
 * connections and sleeping phones; a signed-in trainee keeps one place per workshop, so their answers
 * belong to their record. Polls are answered 304 from one indexed query until something changed. */
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/account.h"
#include "security/auth.h"
#include "pages/lang.h"
#include "pages/cohort.h"
#include "pages/workshop_view.h"
#include "security/security.h"

enum { J_CODE, J_NAME };
const struct field live_join_fields[] = {
	[J_CODE] = {"code", FIELD_TEXT, 1, 20, false},
	[J_NAME] = {"name", FIELD_TEXT, 0, LIVE_NAME_MAX, false},
	{NULL},
};

enum { L_STILL };
const struct field live_fields[] = {
	[L_STILL] = {"still", FIELD_INT, 1, 1, false},
	{NULL},
};

/* Every form of the room names the question it was on (L_Q), so that an answer meant for one question
 * never counts for the next. It is not declared required: a form without it is refused as one for a
 * question no longer on screen (409), after the CSRF check, as any other stale form is. */
enum { L_Q, L_BODY, L_CHOICE };
enum { L_VOTE = L_BODY };
#define LIVE_Q_FIELD [L_Q] = {"q", FIELD_INT, 1, 1LL << 53, false}
const struct field live_answer_fields[] = {
	LIVE_Q_FIELD,
	[L_BODY] = {"body", FIELD_TEXTAREA, 1, LIVE_POST_MAX, false},
	[L_CHOICE] = {"choice", FIELD_INT, 0, LIVE_OPTIONS_MAX - 1, false},
	{NULL},
};
const struct field live_post_fields[] = {
	LIVE_Q_FIELD,
	[L_BODY] = {"body", FIELD_TEXTAREA, 1, LIVE_POST_MAX, false},
	{NULL},
};
const struct field live_vote_fields[] = {
	LIVE_Q_FIELD,
	[L_VOTE] = {"post", FIELD_INT, 1, 1LL << 53, true},
	{NULL},
};

#define ANSWER_CHANGES_MAX 50   /* changes of one answer to a choice question */
#define OPEN_CHANGES_MAX 10     /* changes of one open answer */

/* ---- joining ---- */

/* The workshop with `code`, for someone who posted the join form: true, with *found false when no workshop
 * has it (counted as a wrong guess from this address, on a key of live codes alone); false after answering
 * 429 (too many wrong guesses) or 503. Only this POST tells whether a code exists: a GET of /live/CODE shows
 * the join form whatever the code, so a link or an <img> elsewhere neither learns nor counts anything. */
static bool lookup(struct req *r, const char *code, struct workshop *s, bool *found)
{
	char *key = arena_printf(r->arena, "code:live:%s", auth_addr(r));
	if (!auth_hit(r, key, &throttle_code_address))
		return false;
	enum store_rc rc = db_live_by_code(r->db, r->arena, code, s);
	*found = rc == STORE_OK;
	if (*found)
		auth_refund(r, key, 1 + THROTTLE_SUCCESS_FORGIVES);
	return rc == STORE_NONE || !http_store_failed(r, rc, "the workshop could not be looked up");
}

static void join_form(struct req *r, const char *code, const char *code_err, const char *name_err)
{
	bool errors = code_err || name_err;
	layout_begin(r, form_title(r, _("Join a live workshop"), errors));
	html(r, "<h1>%s</h1>\n<p>%s</p>\n", _("Join a live workshop"),
	     _("Type the code on the screen in front of you. You do not need an account."));
	if (errors)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n",
		     _("Please check the form: the problems are shown below."));
	html(r, "<form method=\"post\" action=\"/live\" novalidate>\n");
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "code", .label = _("Workshop code"), .value = code,
	                                   .error = code_err, .hint = _("6 letters and numbers, like K7QM-4R"),
	                                   .autocomplete = "off", .maxlength = 20,
	                                   .autocapitalize = FORM_CAPS_CHARACTERS, .no_spellcheck = true});
	if (r->me) {
		html(r, "<p>");
		html(r, _("You join as <strong><bdi>%s</bdi></strong>, and your answers are kept in your record."),
		     r->me->display_name);
		html(r, "</p>\n");
	} else {
		form_input(r, &(struct form_input){.name = "name", .label = _("Your name"), .need = FORM_OPTIONAL,
		                                   .value = r->in[J_NAME].s, .error = name_err,
		                                   .hint = arena_printf(r->arena,
		                                                        _n("Up to %d character. Leave it empty to stay "
		                                                           "anonymous: the facilitator then sees only “Anonymous”.",
		                                                           "Up to %d characters. Leave it empty to stay "
		                                                           "anonymous: the facilitator then sees only “Anonymous”.",
		                                                           LIVE_NAME_MAX),
		                                                        LIVE_NAME_MAX),
		                                   .maxlength = LIVE_NAME_MAX, .autocomplete = "nickname"});
	}
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _p("verb", "Join"));
	layout_end(r);
}

void page_live_join(struct req *r)
{
	if (r->method != METHOD_POST) {
		join_form(r, r->in[J_CODE].state == FIELD_OK ? r->in[J_CODE].s : NULL, NULL, NULL);
		return;
	}
	char code[LIVE_CODE_SYMBOLS + 1];
	const char *code_err = NULL, *name_err = NULL;
	if (r->in[J_CODE].state != FIELD_OK)
		code_err = _("type the code on the screen");
	else if (!sec_code_parse(r->in[J_CODE].s, LIVE_CODE_SYMBOLS, code, sizeof(code)))
		code_err = _("a workshop code has 6 letters and numbers");
	if (r->in[J_NAME].state == FIELD_INVALID)
		name_err = field_chars_error(r, J_NAME, LIVE_NAME_MAX);
	if (code_err || name_err) {
		r->resp.status = 400;
		join_form(r, r->in[J_CODE].s, code_err, name_err);
		return;
	}
	struct workshop s;
	bool found;
	if (!lookup(r, code, &s, &found))
		return;
	if (!found) {
		r->resp.status = 404;
		join_form(r, r->in[J_CODE].s, _("no live workshop has this code: check it on the screen"), NULL);
		return;
	}
	if (s.state == LIVE_ENDED) {
		http_error(r, 410, "this live workshop has ended");
		return;
	}
	/* A trainee's display name may hold 60 characters: the room sees its first 40, cut between characters. */
	char *name = NULL;
	if (r->me)
		name = arena_strdup(r->arena, r->me->display_name);
	else if (r->in[J_NAME].s)
		name = arena_strdup(r->arena, r->in[J_NAME].s);
	if (name && live_squash(name) > 0 && (name = utf8_prefix(r->arena, name, LIVE_NAME_MAX)) != NULL)
		live_squash(name);
	if (name && name[0] == '\0')
		name = NULL;
	/* Anonymous places are capped per client address (throttle_live_joins) and per workshop. */
	char *joins_key = arena_printf(r->arena, "live:joins:%s", auth_addr(r));
	if (r->me == NULL && !auth_hit(r, joins_key, &throttle_live_joins))
		return;
	char hex[65];
	long long pid;
	if (auth_live_issue(r, code, LIVE_COOKIE_AGE, hex) != 0) {
		http_error(r, 403, "Passage must be reached over HTTPS");
		return;
	}
	enum store_rc rc = db_live_join(r->db, s.id, hex, r->me ? r->me->id : 0, name, LIVE_ANONYMOUS_MAX, &pid);
	if (rc == STORE_NONE) {   /* full: a wait of its own, longer than http_store_failed's */
		log_warn("429 %s %.64s from %s: workshop %lld has %d anonymous places", r->method_name, r->path,
		         auth_addr(r), s.id, LIVE_ANONYMOUS_MAX);
		auth_refund(r, joins_key, 1);
		http_error(r, 429, "this live workshop has as many anonymous participants as it can take: sign in, or ask "
		                   "the facilitator");
		http_header(r, "Retry-After: 600");
		return;
	}
	if (http_store_failed(r, rc, "could not join the workshop"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/live/%s", code));
}

/* ---- the room ---- */

static const char *state_name(struct req *r, const struct live_view *v, const struct live_question *q)
{
	if (v->state == LIVE_DRAFT)
		return "wait";
	if (v->state == LIVE_ENDED)
		return "ended";
	if (q == NULL)
		return "lobby";
	return arena_printf(r->arena, "q%lld-%s", q->id, q->revealed ? "revealed" : q->closed ? "closed" : "open");
}

static void hidden_fields(struct req *r, const char *action, long long qid)
{
	auth_form_token(r);
	form_hidden(r, "action", action);
	form_hidden_number(r, "q", qid);
}

static void answer_form(struct req *r, const char *code, const struct live_view *v, const struct live_question *q)
{
	bool answered = v->changes >= 0;
	html(r, "<form method=\"post\" action=\"/live/%s\" class=\"live-answer\">\n", code);
	hidden_fields(r, "answer", q->id);
	if (q->kind == LIVE_OPEN) {
		form_input(r, &(struct form_input){.name = "body", .label = _("Your answer"),
		                                   .hint = arena_printf(r->arena,
		                                                        _n("A few words, up to %d character.",
		                                                           "A few words, up to %d characters.", LIVE_OPEN_MAX),
		                                                        LIVE_OPEN_MAX),
		                                   .maxlength = LIVE_OPEN_MAX, .autocomplete = "off"});
	} else {
		html(r, "<fieldset>\n<legend>%s</legend>\n",
		     q->kind == LIVE_SCALE ? _("Choose a number from 1 to 5") : _("Choose one answer"));
		int from = q->kind == LIVE_SCALE ? 1 : 0, to = q->kind == LIVE_SCALE ? LIVE_SCALE_POINTS : q->nopt - 1;
		for (int i = from; i <= to; i++) {
			const char *label = live_answer_text(r, q, i, NULL);
			if (q->kind == LIVE_SCALE && i == 1 && q->nopt > 0)
				/* TRANSLATORS: a point of the scale and what it means, "1: Not at all" */
				label = arena_printf(r->arena, _("%d: %s"), 1, q->opt[0]);
			else if (q->kind == LIVE_SCALE && i == LIVE_SCALE_POINTS && q->nopt > 1)
				label = arena_printf(r->arena, _("%d: %s"), i, q->opt[1]);
			else if (q->kind == LIVE_SCALE)
				label = arena_printf(r->arena, "%d", i);
			form_choice(r, &(struct form_choice){.name = "choice", .number = i, .label = label,
			                                     .id = arena_printf(r->arena, "c%d", i),
			                                     .checked = answered && v->choice == i, .required = true,
			                                     .label_lang = q->lang, .label_dir = q->lang ? lang_dir(q->lang) : NULL});
		}
		html(r, "</fieldset>\n");
	}
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", answered ? _("Change my answer") : _("Send my answer"));
}

static void qa_board(struct req *r, const char *code, const struct live_view *v, const struct live_question *q,
                     bool open)
{
	if (open) {
		html(r, "<form method=\"post\" action=\"/live/%s\" class=\"live-answer\">\n", code);
		hidden_fields(r, "post", q->id);
		html(r, "<div class=\"field\">\n<label for=\"f-post\">%s</label>\n"
		        "<p class=\"hint\" id=\"f-post-hint\">%s</p>\n"
		        "<textarea id=\"f-post\" name=\"body\" rows=\"3\" maxlength=\"%d\" aria-describedby=\"f-post-hint\" "
		        "required></textarea>\n</div>\n<button type=\"submit\">%s</button>\n</form>\n",
		     _("Your question for the facilitator"),
		     arena_printf(r->arena, _n("Up to %d character. Others can upvote it.",
		                               "Up to %d characters. Others can upvote it.", LIVE_POST_MAX),
		                  LIVE_POST_MAX),
		     LIVE_POST_MAX, _("Post my question"));
	}
	struct live_post *p;
	int n;
	if (db_live_posts(r->db, r->arena, q->id, v->pid, false, &p, &n) != STORE_OK) {
		html(r, "<p>%s</p>\n", _("The questions cannot be read just now."));
		return;
	}
	html(r, "<h2>%s</h2>\n", _("Questions from the room"));
	if (n == 0) {
		html(r, "<p>%s</p>\n", _("No questions yet."));
		return;
	}
	html(r, "<ol class=\"board\">\n");
	for (int i = 0; i < n; i++) {
		html(r, "<li><span class=\"votes\" aria-label=\"%s\">%d</span> %s",
		     arena_printf(r->arena, _n("%d vote", "%d votes", p[i].votes), p[i].votes), p[i].votes, p[i].body);
		if (p[i].status == LIVE_HELD)
			html(r, " <em>(%s)</em>", _("yours: waiting for the facilitator's approval"));
		else if (p[i].mine)
			html(r, " <em>(%s)</em>", _("yours"));
		else if (p[i].voted)
			html(r, " <em>(%s)</em>", _("you upvoted this"));
		else if (open) {
			html(r, "<form method=\"post\" action=\"/live/%s\" class=\"inline\">", code);
			hidden_fields(r, "vote", q->id);
			form_hidden_number(r, "post", p[i].id);
			html(r, "<button type=\"submit\" class=\"small\">%s<span class=\"visually-hidden\">: %s</span>"
			        "</button></form>",
			     _("Upvote"), p[i].body);
		}
		html(r, "</li>\n");
	}
	html(r, "</ol>\n");
}

/* The participant's page; `notice` (with the status already set) reports a refused answer. */
static void room(struct req *r, const char *code, const struct live_view *v, const char *etag, const char *notice)
{
	struct live_question qq, *q = NULL;
	if (v->state == LIVE_RUNNING && v->current_id > 0) {
		enum store_rc rc = db_live_question_at(r->db, r->arena, v->current_id, v->version, &qq);
		if (rc != STORE_NONE && http_store_failed(r, rc, "the question on screen could not be read"))
			return;
		if (rc == STORE_OK)
			q = &qq;
		/* A question taken from a module: in the module's translation into this phone's language, if any */
		const char *lang = page_lang(r)->code;
		if (q && strcmp(lang, "en") != 0 && db_live_question_text(r->db, r->arena, q, lang) == STORE_FAILED) {
			http_unavailable(r, "the question on screen could not be read");
			return;
		}
	}
	bool accepting = q && q->opened && !q->closed;
	bool still = r->method != METHOD_POST && r->in[L_STILL].state == FIELD_OK;   /* only GET declares it */
	/* Without JavaScript, waiting pages reload themselves every 5 seconds (unless asked to stay still);
	 * a page with a form to fill in does not, so nothing typed is lost. */
	bool typing = q && (q->kind == LIVE_OPEN || q->kind == LIVE_QA);
	int refresh = still || v->state == LIVE_ENDED ? 0 : !accepting ? 5 : v->changes >= 0 && !typing ? 10 : 0;
	/* TRANSLATORS: the page's title: the question's number, then the workshop's title */
	const char *title = q ? arena_printf(r->arena, _("Question %d: %s"), q->position, v->title) : v->title;
	layout_open(r, &(struct layout){.title = title, .script = true, .refresh = refresh});
	live_main(r, etag, state_name(r, v, q), "live");
	html(r, "<p class=\"crumbs\">");
	/* TRANSLATORS: %s is the live workshop's title */
	html(r, _("Live: <bdi>%s</bdi>"), v->title);
	html(r, " · ");
	if (v->name[0])
		/* TRANSLATORS: %s is the name the participant joined with */
		html(r, _("You are <bdi>%s</bdi>"), v->name);
	else
		html(r, _("You are <bdi>anonymous</bdi>"));
	html(r, "</p>\n");
	if (notice)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n", notice);
	if (v->state == LIVE_DRAFT) {
		html(r, "<h1 data-announce>%s</h1>\n<p>%s</p>\n", _("You are in"),
		     _("The workshop has not started yet. The first question will appear here by itself."));
	} else if (v->state == LIVE_ENDED) {
		html(r, "<h1 data-announce>%s</h1>\n<p>%s</p>\n", _("The workshop has ended"), _("Thank you for taking part."));
		if (v->signed_in) {
			html(r, "<p>");
			html(r, _("Your answers are kept in your record: see <a href=\"%s\">My account</a>."), "/me");
			html(r, "</p>\n");
		}
	} else if (q == NULL) {
		html(r, "<h1 data-announce>%s</h1>\n<p>%s</p>\n", _("You are in"),
		     _("Wait for the facilitator: the next question will appear here by itself."));
	} else {
		html(r, "<p class=\"kind\">");
		html(r, _("Question %d"), q->position);
		html(r, " · %s</p>\n<h1 class=\"prompt\" data-announce", live_kind_text(r, q->kind));
		if (q->lang)
			lang_attrs(r, q->lang);
		html(r, ">%s</h1>\n", q->prompt);
		const char *mine = v->changes >= 0 ? live_answer_text(r, q, v->choice, v->body) : NULL;
		if (q->kind == LIVE_QA) {
			qa_board(r, code, v, q, accepting);
			if (!accepting)
				html(r, "<p>%s</p>\n", _("The facilitator has closed this board."));
		} else if (accepting) {
			if (mine) {
				html(r, "<div class=\"notice ok\" role=\"status\"><p>");
				if (v->status == LIVE_HELD)
					html(r, _("Your answer: <strong>%s</strong> (waiting for the facilitator's approval). You can "
					          "change it until the question closes."),
					     mine);
				else
					/* TRANSLATORS: the second %s is a full stop, or nothing when the answer ends with one */
					html(r, _("Your answer: <strong>%s</strong>%s You can change it until the question closes."), mine,
					     full_stop(mine));
				html(r, "</p></div>\n");
			}
			answer_form(r, code, v, q);
		} else if (!q->revealed) {
			html(r, "<p>");
			if (mine)
				/* TRANSLATORS: the second %s is a full stop, or nothing when the answer ends with one */
				html(r, _("Answers are closed. Your answer: <strong>%s</strong>%s"), mine, full_stop(mine));
			else
				html(r, _("Answers are closed. You did not answer this one."));
			html(r, "</p>\n<p>%s</p>\n", _("The results will appear here when the facilitator shows them."));
		} else {
			if (q->kind == LIVE_QUIZ && mine) {
				bool right = v->choice >= 0 && v->choice < q->nopt && q->correct[v->choice];
				html(r, "<div class=\"notice %s\" role=\"status\"><p>", right ? "ok" : "bad");
				html(r, right ? _("Your answer, <strong>%s</strong>, is right.")
				              : _("Your answer, <strong>%s</strong>, is not right."),
				     mine);
				html(r, "</p></div>\n");
			} else if (mine) {
				html(r, "<p>");
				/* TRANSLATORS: the second %s is a full stop, or nothing when the answer ends with one */
				html(r, _("Your answer: <strong>%s</strong>%s"), mine, full_stop(mine));
				html(r, "</p>\n");
			}
			html(r, "<h2>%s</h2>\n", _("What the room answered"));
			live_results(r, q, true, v->changes >= 0 && q->kind != LIVE_OPEN ? v->choice : -1, v->aggregate_only);
		}
	}
	if (refresh > 0)
		html(r, "<noscript><p class=\"small\">%s <a href=\"/live/%s?still=1\">%s</a></p></noscript>\n",
		     arena_printf(r->arena, _n("This page reloads every %d second.", "This page reloads every %d seconds.", refresh),
		                  refresh),
		     code, _("Stop reloading"));
	else if (accepting || still)
		html(r, "<noscript><p class=\"small\"><a href=\"/live/%s%s\">%s</a></p></noscript>\n", code,
		     still ? "?still=1" : "", _("Check for the results or the next question"));
	layout_close(r, false);
}

static bool load_view(struct req *r, const char *code, struct live_view *v, enum store_rc *rc)
{
	*rc = STORE_NONE;
	if (!auth_live_token(r, v->token_hex))
		return false;
	*rc = db_live_view(r->db, r->arena, v->token_hex, code, v);
	return *rc == STORE_OK;
}

/* A phone's ETag: its place, the workshop's version, how often it changed its answer, and a MAC binding
 * them to its cookie's token, so that a poll carrying it can be answered 304 without a query. */
static const char *etag_mac(struct req *r, const char *token_hex, long long pid, int changes)
{
	char msg[128], hex[65];
	uint8_t mac[SEC_HASH_BYTES];
	int n = snprintf(msg, sizeof(msg), "%s.%lld.%d", token_hex, pid, changes);
	sec_mac("live-etag", msg, (size_t)n, mac);
	sec_hex(mac, 8, hex);
	return arena_strdup(r->arena, hex);
}

static const char *view_etag(struct req *r, const struct live_view *v)
{
	return arena_printf(r->arena, "\"p%lld.%lld.%d.%s\"", v->pid, v->version, v->changes,
	                    etag_mac(r, v->token_hex, v->pid, v->changes));
}

/* The poll of a phone whose page has not changed: its ETag is its own (the MAC checks out against its
 * cookie) and the workshop's version, as this process read it within the last LIVE_VERSION_TTL_MS, is the
 * one in the ETag. Answers 304 and returns true; else the caller answers in full. */
static bool unchanged(struct req *r, const char *code, const char *token_hex)
{
	const char *inm = r->if_none_match;
	long long pid, version, current;
	int changes, used = 0;
	char mac[17];
	if (inm != NULL && strncmp(inm, "W/", 2) == 0)   /* nginx weakens the ETag of what it compresses */
		inm += 2;
	if (inm == NULL || r->method != METHOD_GET ||
	    sscanf(inm, "\"p%lld.%lld.%d.%16[0-9a-f]\"%n", &pid, &version, &changes, mac, &used) != 4 || used == 0)
		return false;
	if (strcmp(etag_mac(r, token_hex, pid, changes), mac) != 0)
		return false;
	if (db_live_version_cached(r->db, code, &current) != STORE_OK || current != version)
		return false;
	http_header(r, "ETag: %s", inm);
	r->resp.status = 304;
	buf_clear(&r->resp.body);
	return true;
}

/* Someone without a place in this workshop: the join form, with the code filled in. Whether a workshop
 * has the code is told by the form's POST (lookup), which is throttled; here, nothing is looked up. */
static void stranger(struct req *r, const char *code)
{
	if (r->method == METHOD_POST)
		http_error(r, 403, "you have not joined this workshop, or this browser has forgotten it: join again");
	else
		join_form(r, live_code_display(r, code), NULL, NULL);
}

/* Moderation of what a participant writes: the word list hides it, the hold switch holds it. */
static enum store_rc moderated(struct req *r, long long workshop, const char *text, enum live_status *st)
{
	bool hold;
	const char *words;
	enum store_rc rc = db_live_moderation(r->db, r->arena, workshop, &hold, &words);
	if (rc == STORE_OK)
		*st = live_blocked(text, words) ? LIVE_HIDDEN : hold ? LIVE_HELD : LIVE_SHOWN;
	return rc;
}

/* `why` is an English literal marked N_(): the log keeps it in English, the room reads it translated. */
static void refuse(struct req *r, const char *code, struct live_view *v, int status, const char *why)
{
	log_warn("%d %s %.64s: %s", status, r->method_name, r->path, why);
	r->resp.status = status;
	if (status == 429)
		http_header(r, "Retry-After: 60");
	room(r, code, v, view_etag(r, v), tr(r, why));
}

/* What an answer, a post and a vote check first: the workshop runs, the form's question is the one on
 * screen, and it takes answers. Fills *q; false after answering. */
static bool question_open(struct req *r, const char *code, struct live_view *v, struct live_question *q)
{
	if (v->state != LIVE_RUNNING) {
		refuse(r, code, v, 409, N_("The workshop is not running, so nothing was sent."));
		return false;
	}
	if (r->in[L_Q].state != FIELD_OK || r->in[L_Q].i != v->current_id) {
		refuse(r, code, v, 409, N_("That question is no longer on screen, so your answer was not counted."));
		return false;
	}
	if (http_store_failed(r, db_live_question_at(r->db, r->arena, v->current_id, v->version, q),
	                      "the question on screen could not be read"))
		return false;
	if (!q->opened || q->closed) {
		refuse(r, code, v, 409, N_("Answers to this question are closed, so yours was not counted."));
		return false;
	}
	return true;
}

/* The text the participant typed, squashed; NULL when there is none. */
static char *typed(struct req *r)
{
	char *body = r->in[L_BODY].s ? arena_strdup(r->arena, r->in[L_BODY].s) : NULL;
	return body && live_squash(body) > 0 ? body : NULL;
}

static void answer(struct req *r, const char *code, struct live_view *v, const struct live_question *q)
{
	char *body = typed(r);
	enum live_status st = LIVE_SHOWN;
	int choice = -1, cap = ANSWER_CHANGES_MAX;
	if (q->kind == LIVE_OPEN) {
		if (body == NULL) {
			refuse(r, code, v, 400, N_("Type an answer first."));
			return;
		}
		if (utf8_chars(body, strlen(body)) > LIVE_OPEN_MAX) {
			refuse(r, code, v, 400, N_("That answer is too long: use up to 80 characters."));
			return;
		}
		if (http_store_failed(r, moderated(r, v->workshop, body, &st), "your answer could not be checked"))
			return;
		cap = OPEN_CHANGES_MAX;
	} else {
		choice = r->in[L_CHOICE].state == FIELD_OK ? (int)r->in[L_CHOICE].i : -1;
		bool ok = q->kind == LIVE_SCALE ? choice >= 1 && choice <= LIVE_SCALE_POINTS : choice >= 0 && choice < q->nopt;
		if (!ok) {
			refuse(r, code, v, 400, N_("Choose one of the answers first."));
			return;
		}
		body = NULL;
	}
	enum store_rc rc = db_live_answer(r->db, q->id, v->pid, choice, body, st, cap);
	if (rc == STORE_NONE) {
		if (v->changes >= cap)
			refuse(r, code, v, 429, N_("You have changed this answer too many times."));
		else
			refuse(r, code, v, 409, N_("Answers to this question are closed, so yours was not counted."));
		return;
	}
	if (http_store_failed(r, rc, "your answer could not be saved: send it again"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/live/%s", code));
}

static void post(struct req *r, const char *code, struct live_view *v, const struct live_question *q)
{
	char *body = typed(r);
	if (body == NULL) {
		refuse(r, code, v, 400, N_("Type your question first."));
		return;
	}
	enum live_status st = LIVE_SHOWN;   /* set by moderated() when it answers STORE_OK */
	if (http_store_failed(r, moderated(r, v->workshop, body, &st), "your question could not be checked"))
		return;
	/* Refusals re-show the room with a notice, not an error page. */
	enum store_rc rc = db_live_post(r->db, v->workshop, q->id, v->pid, body, st, LIVE_POSTS_PER_MINUTE);
	if (rc == STORE_LIMITED) {
		refuse(r, code, v, 429, N_("You have posted 5 questions in the last minute: wait a little before the next."));
		return;
	}
	if (rc == STORE_NONE) {
		refuse(r, code, v, 409, N_("The board is closed, so your question was not posted."));
		return;
	}
	if (http_store_failed(r, rc, "your question could not be posted: send it again"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/live/%s", code));
}

static void vote(struct req *r, const char *code, struct live_view *v, const struct live_question *q)
{
	enum store_rc rc = db_live_vote(r->db, v->workshop, q->id, v->pid, r->in[L_VOTE].i);
	if (rc == STORE_NONE) {
		refuse(r, code, v, 409, N_("That vote was not counted: you have voted for it already, or it is yours."));
		return;
	}
	if (http_store_failed(r, rc, "your vote could not be counted: send it again"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "/live/%s", code));
}

/* The workshop code in the path, normalised into code; false after answering 404, or 301 to the one
 * address of the workshop (/live/k7qm-4r goes to /live/K7QM4R). */
static bool room_code(struct req *r, char code[LIVE_CODE_SYMBOLS + 1])
{
	if (!sec_code_parse(r->arg[0].s, LIVE_CODE_SYMBOLS, code, LIVE_CODE_SYMBOLS + 1)) {
		http_error(r, 404, "no live workshop has this code");
		return false;
	}
	if (strcmp(code, r->arg[0].s) != 0) {
		http_redirect(r, 301, arena_printf(r->arena, "/live/%s", code));
		return false;
	}
	return true;
}

/* This browser's place in the workshop; false after answering 503, or the join form to a stranger. */
static bool room_view(struct req *r, const char *code, struct live_view *v)
{
	enum store_rc rc;
	if (load_view(r, code, v, &rc))
		return true;
	if (rc == STORE_NONE)
		stranger(r, code);
	else
		http_store_failed(r, rc, "your place in the workshop could not be read");
	return false;
}

typedef void (*act_fn)(struct req *r, const char *code, struct live_view *v, const struct live_question *q);

/* POST /live/{code}: the participant's action, on the open question of the kind it is for. */
static void act(struct req *r, act_fn fn, bool for_qa)
{
	char code[LIVE_CODE_SYMBOLS + 1];
	struct live_view v;
	struct live_question q;
	if (!room_code(r, code) || !room_view(r, code, &v) || !question_open(r, code, &v, &q))
		return;
	if ((q.kind == LIVE_QA) != for_qa) {
		refuse(r, code, &v, 400, N_("That request could not be understood."));
		return;
	}
	fn(r, code, &v, &q);
}

void page_live_answer(struct req *r)
{
	act(r, answer, false);
}

void page_live_post(struct req *r)
{
	act(r, post, true);
}

void page_live_vote(struct req *r)
{
	act(r, vote, true);
}

void page_live(struct req *r)
{
	char code[LIVE_CODE_SYMBOLS + 1];
	struct live_view v;
	if (!room_code(r, code))
		return;
	if (r->if_none_match && auth_live_token(r, v.token_hex) && unchanged(r, code, v.token_hex))
		return;
	if (!room_view(r, code, &v))
		return;
	const char *etag = view_etag(r, &v);
	if (live_not_modified(r, etag))
		return;
	room(r, code, &v, etag, NULL);
}
