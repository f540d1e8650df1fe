/* page_trainee_actions.c: what a facilitator does for one trainee of their cohort when a way back in is
 * lost or doubled: issue a new resume code (printed as a slip), rename, give fresh quiz attempts, and merge
 * two records of one person. Every action is a POST; each answers 404 to anyone who is not a facilitator
 * of the trainee's cohort (or an administrator), as for a trainee who does not exist. */
#include <string.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/lang.h"
#include "pages/cohort.h"
#include "pages/page_slips.h"
#include "store/accounts.h"
#include "store/training.h"

#define NAME_MAX_CHARS 60
#define PICK_ROWS 50

/* A new code and a merge ask first: the form that asks sends confirm=yes. */
enum { IN_CONFIRM };
#define CONFIRM_FIELD [IN_CONFIRM] = {"confirm", FIELD_SLUG, 1, 3, false}
enum { IN_WAS = IN_CONFIRM + 1 };
const struct field trainee_code_fields[] = {
	CONFIRM_FIELD,
	[IN_WAS] = {"was", FIELD_SLUG, 1, 16, false},   /* slip_was_input: which code the form replaces */
	{NULL},
};
enum { IN_OTHER = IN_CONFIRM + 1, IN_PAGE };
const struct field trainee_merge_fields[] = {
	CONFIRM_FIELD,
	[IN_OTHER] = {"other", FIELD_INT, 1, 1000000000000LL, false},
	[IN_PAGE] = {"page", FIELD_INT, 1, 100000, false},
	{NULL},
};
enum { IN_NAME };
const struct field trainee_rename_fields[] = {
	[IN_NAME] = {"name", FIELD_TEXT, 1, NAME_MAX_CHARS, false},
	{NULL},
};
enum { IN_MODULE };
const struct field trainee_attempts_fields[] = {
	[IN_MODULE] = {"module", FIELD_INT, 1, 1000000000000LL, true},
	{NULL},
};

static bool confirmed(const struct req *r)
{
	return r->in[IN_CONFIRM].state == FIELD_OK && strcmp(r->in[IN_CONFIRM].s, "yes") == 0;
}

static const char *trainee_path(struct req *r, const struct cohort *c, const struct account *a)
{
	return arena_printf(r->arena, "/cohorts/%lld/trainees/%lld", c->id, a->id);
}

/* ---- a new resume code ---- */

static void code(struct req *r, const struct cohort *c, const struct account *a)
{
	if (!confirmed(r)) {
		layout_begin(r, _("Issue a new resume code?"));
		html(r, "<h1>");
		/* TRANSLATORS: %s is the trainee's name */
		html(r, _("Issue a new resume code for %s?"), a->display_name);
		html(r, "</h1>\n<p>%s</p>\n<form method=\"post\" action=\"%s/code\">\n",
		     _("Their current resume code stops working at once. Devices where they are signed in stay signed in. "
		       "The new code is shown once, on a slip to print or to read out to them."),
		     trainee_path(r, c, a));
		auth_form_token(r);
		if (!slip_was_input(r, a->id))
			return;
		form_hidden(r, "confirm", "yes");
		html(r, "<button type=\"submit\">%s</button>\n</form>\n<p><a href=\"%s\">%s</a></p>\n", _("Issue a new code"),
		     trainee_path(r, c, a), _("Cancel"));
		layout_end(r);
		return;
	}
	char display[SLIP_CODE_MAX];
	enum store_rc rc = slip_code_set(r->db, a->id, r->in[IN_WAS].state == FIELD_OK ? r->in[IN_WAS].s : "", display);
	if (rc == STORE_NONE) {
		http_error(r, 409, "this trainee's resume code was already replaced from this form, and the slip made then "
		                   "is the one that works; to make another, start again from the trainee's page");
		return;
	}
	if (http_store_failed(r, rc, "database unavailable"))
		return;
	/* TRANSLATORS: the page's title; %s is the trainee's name */
	layout_begin_wide(r, arena_printf(r->arena, _("New resume code: %s"), a->display_name), true);
	html(r, "<div class=\"no-print\">\n");
	cohort_nav(r, c, "");
	html(r, "<h1>");
	/* TRANSLATORS: %s is the trainee's name */
	html(r, _("A new resume code for %s"), a->display_name);
	html(r, "</h1>\n<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n</div>\n<div class=\"slips\">\n",
	     _("The old code no longer works. Print this slip now (your browser's Print command) or read the code out: "
	       "it is shown only here."));
	slip_write(r, a->display_name, display, slip_qr(r));
	html(r, "</div>\n<p class=\"no-print\"><a href=\"%s\">", trainee_path(r, c, a));
	/* TRANSLATORS: a link to the trainee's page; %s is the trainee's name */
	html(r, _("Back to %s"), a->display_name);
	html(r, "</a></p>\n");
	layout_end(r);
}

/* ---- renaming ---- */

/* Trims spaces around a name; NULL when nothing is left. */
static const char *trimmed(struct req *r, const char *s)
{
	if (s == NULL)
		return NULL;
	s += strspn(s, " ");
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n > 0 ? arena_strndup(r->arena, s, n) : NULL;
}

static void rename_form(struct req *r, const struct cohort *c, const struct account *a, const char *err)
{
	/* TRANSLATORS: %s is the trainee's name */
	const char *title = arena_printf(r->arena, _("Rename %s"), a->display_name);
	layout_begin(r, form_title(r, title, err != NULL));
	html(r, "<h1>%s</h1>\n<form method=\"post\" action=\"%s/rename\" novalidate>\n", title, trainee_path(r, c, a));
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "name", .label = _("New name"),
	                                   .value = r->in[IN_NAME].s ? r->in[IN_NAME].s : a->display_name, .error = err,
	                                   .hint = _("Up to 60 characters"), .autocomplete = "off",
	                                   .maxlength = NAME_MAX_CHARS});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<p><a href=\"%s\">%s</a></p>\n", _p("verb", "Rename"),
	     trainee_path(r, c, a), _("Cancel"));
	layout_end(r);
}

static void rename_trainee(struct req *r, const struct cohort *c, const struct account *a)
{
	const char *name = r->in[IN_NAME].state == FIELD_OK ? trimmed(r, r->in[IN_NAME].s) : NULL;
	if (name == NULL) {
		r->resp.status = 400;
		rename_form(r, c, a, r->in[IN_NAME].state == FIELD_INVALID && r->in[IN_NAME].s
		                         ? _("use up to 60 letters, numbers or signs, without special characters")
		                         : _("type a name"));
		return;
	}
	/* STORE_NONE: the trainee went meanwhile (merged); their page, redirected to, says so. */
	enum store_rc rc = db_trainee_rename(r->db, a->id, name);
	if (rc != STORE_NONE && http_store_failed(r, rc, "could not rename the trainee"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "%s?done=renamed", trainee_path(r, c, a)));
}

/* ---- fresh quiz attempts ---- */

static void attempts(struct req *r, const struct cohort *c, const struct account *a)
{
	struct progress *ps;
	int np;
	if (http_store_failed(r, db_progress_all(r->db, r->arena, a->id, &ps, &np), "database unavailable"))
		return;
	long long module = r->in[IN_MODULE].i;
	const struct progress *p = NULL;
	for (int i = 0; i < np && p == NULL; i++)
		if (ps[i].m.id == module && ps[i].m.attempts > 0)
			p = &ps[i];
	if (p == NULL) {
		http_error(r, 400, "choose a module that limits quiz attempts, on the trainee's page, and try again");
		return;
	}
	if (http_store_failed(r, db_attempts_give(r->db, a->id, module), "could not give the attempts"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "%s?done=attempts", trainee_path(r, c, a)));
}

/* ---- merging two records of one person ---- */

static void pick(struct req *r, const struct cohort *c, const struct account *a, const char *err)
{
	struct trainee_row *ts;
	int nt;
	if (http_store_failed(r, db_roster(r->db, r->arena, c->id, &ts, &nt), "database unavailable"))
		return;
	int others = nt - 1, pages = (others + PICK_ROWS - 1) / PICK_ROWS;
	int page = r->in[IN_PAGE].state == FIELD_OK ? (int)r->in[IN_PAGE].i : 1;
	if (page > 1 && page > pages) {
		http_error(r, 404, "no such page of trainees");
		return;
	}
	/* TRANSLATORS: %s is the trainee's name */
	const char *title = arena_printf(r->arena, _("Merge %s with another record"), a->display_name);
	layout_begin(r, form_title(r, title, err != NULL));
	html(r, "<h1>");
	html(r, _("Merge <bdi>%s</bdi> with another record"), a->display_name);
	html(r, "</h1>\n<p>");
	/* TRANSLATORS: %s is the trainee's name */
	html(r, _("When one person joined twice, choose their other record: everything it holds moves to <bdi>%s</bdi>, and you are "
	          "shown both before anything changes."),
	     a->display_name);
	html(r, "</p>\n");
	if (err)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n", err);
	if (others <= 0) {
		html(r, "<p>");
		/* TRANSLATORS: %s is the trainee's name */
		html(r, _("%s is the only trainee of this cohort."), a->display_name);
		html(r, "</p>\n<p><a href=\"%s\">%s</a></p>\n", trainee_path(r, c, a), _("Back"));
		layout_end(r);
		return;
	}
	html(r, "<form method=\"post\" action=\"%s/merge\">\n", trainee_path(r, c, a));
	auth_form_token(r);
	html(r, "<fieldset><legend>%s</legend>\n", _("The other record"));
	int shown = 0;
	for (int i = 0; i < nt; i++) {
		if (ts[i].id == a->id)
			continue;
		if (shown++ / PICK_ROWS != page - 1)
			continue;
		form_choice(r, &(struct form_choice){.name = "other", .number = ts[i].id,
		                                     .id = arena_printf(r->arena, "o%lld", ts[i].id),
		                                     /* TRANSLATORS: a trainee's name, and the date they joined */
		                                     .label = arena_printf(r->arena, _("%s, joined %s"), ts[i].name,
		                                                           lang_date(r, ts[i].joined)),
		                                     .label_isolated = true});
	}
	html(r, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n", _("Continue"));
	report_pager(r, arena_printf(r->arena, "%s/merge", trainee_path(r, c, a)), "", page, pages);
	html(r, "<p><a href=\"%s\">%s</a></p>\n", trainee_path(r, c, a), _("Cancel"));
	layout_end(r);
}

static void holdings_row(struct req *r, const char *label, int a, int b)
{
	html(r, "<tr><th scope=\"row\">%s</th><td>%d</td><td>%d</td></tr>\n", label, a, b);
}

static void merge(struct req *r, const struct cohort *c, const struct account *a)
{
	if (r->method != METHOD_POST) {
		pick(r, c, a, NULL);
		return;
	}
	long long other = r->in[IN_OTHER].state == FIELD_OK ? r->in[IN_OTHER].i : 0;
	struct trainee_holdings keep, gone;
	enum store_rc rk = db_trainee_holdings(r->db, r->arena, a->id, c->id, &keep);
	if (http_store_failed(r, rk, rk == STORE_NONE ? "no such trainee in this cohort" : "database unavailable"))
		return;
	enum store_rc rg = other > 0 && other != a->id ? db_trainee_holdings(r->db, r->arena, other, c->id, &gone)
	                                               : STORE_NONE;
	if (rg == STORE_NONE) {
		r->resp.status = 400;
		pick(r, c, a, _("Choose the other record of this person among the cohort's trainees."));
		return;
	}
	if (http_store_failed(r, rg, "database unavailable"))
		return;
	if (!confirmed(r)) {
		layout_begin(r, _("Merge these two records?"));
		html(r, "<h1>");
		/* TRANSLATORS: the names of the record merged in, then of the record kept */
		html(r, _("Merge <bdi>%s</bdi> into <bdi>%s</bdi>?"), gone.name, keep.name);
		html(r, "</h1>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
		        "aria-label=\"%s\"><table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">",
		     _("Both records"), _("Record"));
		/* TRANSLATORS: a column's heading; %s is a trainee's name */
		html(r, _("%s (kept)"), keep.name);
		html(r, "</th><th scope=\"col\">");
		/* TRANSLATORS: a column's heading; %s is a trainee's name */
		html(r, _("%s (merged in)"), gone.name);
		html(r, "</th></tr></thead>\n<tbody>\n"
		        "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n"
		        "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>\n",
		     _("Joined"), keep.joined, gone.joined,
		     _("Password"), keep.has_password ? _("yes") : _("no"), gone.has_password ? _("yes") : _("no"));
		holdings_row(r, _("Lessons read"), keep.lessons, gone.lessons);
		holdings_row(r, _("Quiz attempts"), keep.quiz_attempts, gone.quiz_attempts);
		holdings_row(r, _("Pre-checks"), keep.prechecks, gone.prechecks);
		holdings_row(r, _("Case runs"), keep.runs, gone.runs);
		holdings_row(r, _("Certificates"), keep.certificates, gone.certificates);
		holdings_row(r, _("Live workshops"), keep.live, gone.live);
		html(r, "</tbody></table></div>\n<p>");
		if (!keep.has_password && gone.has_password)
			/* TRANSLATORS: %s are the names of the record merged in, the record kept, the record merged in,
			 * and the record kept */
			html(r, _("Everything <bdi>%s</bdi> holds moves to <bdi>%s</bdi>: a lesson read by both counts once, quiz attempts are numbered "
			          "again in the order they were taken, and of two certificates for one module the earlier is kept. "
			          "Then <bdi>%s</bdi>'s account is removed: <strong>their resume code stops working</strong> and their devices "
			          "are signed out; <bdi>%s</bdi> keeps their name and resume code, and takes the user name and password. This "
			          "cannot be undone."),
			     gone.name, keep.name, gone.name, keep.name);
		else
			/* TRANSLATORS: %s are the names of the record merged in, the record kept, the record merged in,
			 * and the record kept */
			html(r, _("Everything <bdi>%s</bdi> holds moves to <bdi>%s</bdi>: a lesson read by both counts once, quiz attempts are numbered "
			          "again in the order they were taken, and of two certificates for one module the earlier is kept. "
			          "Then <bdi>%s</bdi>'s account is removed: <strong>their resume code stops working</strong> and their devices "
			          "are signed out; <bdi>%s</bdi> keeps their name and resume code. This cannot be undone."),
			     gone.name, keep.name, gone.name, keep.name);
		html(r, "</p>\n<form method=\"post\" action=\"%s/merge\">\n", trainee_path(r, c, a));
		auth_form_token(r);
		form_hidden_number(r, "other", gone.id);
		form_hidden(r, "confirm", "yes");
		html(r, "<button type=\"submit\">%s</button>\n</form>\n<p><a href=\"%s\">%s</a></p>\n",
		     _("Merge the two records"), trainee_path(r, c, a), _("Cancel"));
		layout_end(r);
		return;
	}
	enum store_rc rc = db_trainee_merge(r->db, a->id, gone.id);
	if (rc == STORE_NONE) {
		http_error(r, 409, "these two records cannot be merged any more (one of them moved or was merged already)");
		return;
	}
	if (http_store_failed(r, rc, "could not merge the records; nothing was changed"))
		return;
	http_redirect(r, 303, arena_printf(r->arena, "%s?done=merged", trainee_path(r, c, a)));
}

typedef void (*trainee_fn)(struct req *r, const struct cohort *c, const struct account *a);

/* Opens the cohort and the trainee of the path, for one of the cohort's facilitators, then acts. */
static void for_trainee(struct req *r, trainee_fn fn)
{
	struct cohort c;
	struct account a;
	if (cohort_open_staff(r, &c) && !cohort_refuse_rows(r, &c) && cohort_trainee_open(r, &c, &a))
		fn(r, &c, &a);
}

/* POST /cohorts/{id}/trainees/{id}/code */
void page_trainee_code(struct req *r)
{
	for_trainee(r, code);
}

/* POST /cohorts/{id}/trainees/{id}/rename */
void page_trainee_rename(struct req *r)
{
	for_trainee(r, rename_trainee);
}

/* POST /cohorts/{id}/trainees/{id}/attempts */
void page_trainee_attempts(struct req *r)
{
	for_trainee(r, attempts);
}

/* GET and POST /cohorts/{id}/trainees/{id}/merge */
void page_trainee_merge(struct req *r)
{
	for_trainee(r, merge);
}
