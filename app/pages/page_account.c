/* page_account.c: "My account": who you are signed in as, choosing or changing a password, and a
 * trainee's new resume code (the old one stops working), shown once and printable as a slip. */
#include <string.h>

#include "security/auth.h"
#include "pages/workshop_view.h"
#include "pages/pages.h"
#include "pages/page_slips.h"
#include "security/security.h"
#include "store/accounts.h"

/* ?saved=password after a password change, for the notice. */
enum { IN_SAVED };
const struct field account_fields[] = {
	[IN_SAVED] = {"saved", FIELD_SLUG, 1, 20, false},
	{NULL},
};

void page_account(struct req *r)
{
	const struct account *me = r->me;
	char cohort[128] = "";
	enum store_rc rc = me->cohort_id != 0 ? db_cohort_name(r->db, me->cohort_id, cohort, sizeof(cohort)) : STORE_NONE;
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))   /* no cohort: the page says none */
		return;
	layout_begin(r, _("My account"));
	html(r, "<h1>%s</h1>\n", _("My account"));
	const struct field_val *saved = &r->in[IN_SAVED];
	if (saved->state == FIELD_OK && strcmp(saved->s, "password") == 0)
		html(r, "<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n",
		     _("Your password is saved. Any other device you were signed in on has been signed out."));
	const char *role = me->role == ROLE_ADMIN ? _p("role", "administrator")
	                   : me->role == ROLE_FACILITATOR ? _p("role", "facilitator") : _p("role", "trainee");
	html(r, "<dl class=\"facts\">\n<dt>%s</dt><dd><bdi>%s</bdi></dd>\n<dt>%s</dt><dd>%s</dd>\n", _("Name"),
	     me->display_name, _("Role"), role);
	if (me->username[0])
		html(r, "<dt>%s</dt><dd><bdi>%s</bdi></dd>\n", _("User name"), me->username);
	if (cohort[0])
		html(r, "<dt>%s</dt><dd><bdi>%s</bdi></dd>\n", _("Course"), cohort);
	html(r, "</dl>\n");
	if (me->role == ROLE_TRAINEE) {
		html(r, "<p>%s</p>\n<p><a href=\"/me/password\">%s</a></p>\n",
		     _("You come back with your resume code. If you like, you can also choose a user name and password."),
		     me->username[0] ? _("Change your password") : _("Choose a user name and password"));
		html(r, "<h2>%s</h2>\n<p>%s</p>\n<p><a href=\"/me/code\">%s</a></p>\n", _("Your resume code"),
		     _("Lost it, or not sure you wrote it down? Make a new one: the old code stops working at once."),
		     _("Make a new resume code"));
	} else
		html(r, "<p><a href=\"/me/password\">%s</a></p>\n", _("Change your password"));
	live_record(r, me->id, true);
	layout_end(r);
}

enum { IN_USERNAME, IN_CURRENT, IN_NEW, IN_CONFIRM };
const struct field password_fields[] = {
	[IN_USERNAME] = {"username", FIELD_TEXT, 1, 40, false},
	[IN_CURRENT] = {"current", FIELD_TEXT, 1, SEC_PASSWORD_MAX, false},
	[IN_NEW] = {"new", FIELD_TEXT, 1, SEC_PASSWORD_MAX + 1, true},
	[IN_CONFIRM] = {"confirm", FIELD_TEXT, 1, SEC_PASSWORD_MAX + 1, true},
	{NULL},
};

struct errs {
	const char *top, *username, *current, *new, *confirm;
};

static void form(struct req *r, const struct errs *e)
{
	const struct account *me = r->me;
	bool choose_name = me->role == ROLE_TRAINEE && me->username[0] == '\0';
	bool need_current = me->username[0] != '\0';
	bool errors = e && (e->top || e->username || e->current || e->new || e->confirm);
	const char *title = choose_name ? _("Choose a user name and password") : _("Change your password");
	layout_begin(r, form_title(r, title, errors));
	html(r, "<h1>%s</h1>\n", title);
	if (errors)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n",
		     e->top ? e->top : _("Please check the form: the problems are shown below."));
	html(r, "<form method=\"post\" action=\"/me/password\" novalidate>\n");
	auth_form_token(r);
	if (choose_name)
		form_input(r, &(struct form_input){.name = "username", .label = _("User name"),
		                                   .value = r->in[IN_USERNAME].s, .error = e ? e->username : NULL,
		                                   .hint = _("3 to 40 letters, numbers, dots, dashes or underscores"),
		                                   .autocomplete = "username", .maxlength = 40,
		                                   .autocapitalize = FORM_CAPS_NONE, .no_spellcheck = true});
	if (need_current)
		form_input(r, &(struct form_input){.name = "current", .label = _("Current password"), .type = FORM_PASSWORD,
		                                   .error = e ? e->current : NULL, .autocomplete = "current-password",
		                                   .maxlength = SEC_PASSWORD_MAX});
	form_input(r, &(struct form_input){.name = "new", .label = _("New password"), .type = FORM_PASSWORD,
	                                   .error = e ? e->new : NULL,
	                                   .hint = _("At least 12 characters. A few unrelated words make a good one."),
	                                   .autocomplete = "new-password", .maxlength = SEC_PASSWORD_MAX});
	form_input(r, &(struct form_input){.name = "confirm", .label = _("New password again"), .type = FORM_PASSWORD,
	                                   .error = e ? e->confirm : NULL, .autocomplete = "new-password",
	                                   .maxlength = SEC_PASSWORD_MAX});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<p><a href=\"/me\">%s</a></p>\n", _("Save"),
	     _("Back to my account"));
	layout_end(r);
}

void page_password(struct req *r)
{
	if (r->method != METHOD_POST) {
		form(r, NULL);
		return;
	}
	const struct account *me = r->me;
	bool choose_name = me->role == ROLE_TRAINEE && me->username[0] == '\0';
	struct errs e = {0};
	char name[41] = "";
	if (choose_name && (r->in[IN_USERNAME].state != FIELD_OK || !username_normalise(r->in[IN_USERNAME].s, name)))
		e.username = _("use 3 to 40 letters, numbers, dots, dashes or underscores");
	const char *newpw = r->in[IN_NEW].state == FIELD_OK ? r->in[IN_NEW].s : NULL;
	if (newpw == NULL)
		e.new = r->in[IN_NEW].s ? _("use letters, numbers and signs, without control characters") : _("type a new password");
	else {
		const char *why = sec_password_policy(newpw, choose_name ? name : me->username);
		if (why)
			/* TRANSLATORS: %s says what is wrong: "is shorter than 12 characters", "contains the user name" */
			e.new = arena_printf(r->arena, _("this password %s"), tr(r, why));
	}
	if (e.new == NULL && (r->in[IN_CONFIRM].s == NULL || strcmp(r->in[IN_CONFIRM].s, newpw) != 0))
		e.confirm = _("the two new passwords are not the same");
	if (e.username || e.new || e.confirm) {
		r->resp.status = 400;
		form(r, &e);
		return;
	}
	/* Changing a password needs the current one, throttled like a sign-in from this address; choosing a
	 * user name is throttled per address too, so that "not available" cannot list the accounts. */
	char *key = me->username[0] != '\0' ? arena_printf(r->arena, "signin:pair:%s:%s", me->username, auth_addr(r))
	                                    : arena_printf(r->arena, "name:addr:%s", auth_addr(r));
	if (!auth_hit(r, key, choose_name ? &throttle_name_choice : &throttle_signin_account))
		return;
	if (!auth_hash_budget(r)) {
		auth_refund(r, key, 1);
		return;
	}
	if (me->username[0] != '\0') {
		struct account full;
		if (http_store_failed(r, db_user_by_id(r->db, me->id, &full), NULL))
			return;
		if (r->in[IN_CURRENT].state != FIELD_OK || !sec_password_verify(full.password_hash, r->in[IN_CURRENT].s)) {
			e.current = _("this is not your current password");
			r->resp.status = 403;
			form(r, &e);
			return;
		}
	}
	char hash[SEC_PWHASH_MAX];
	if (sec_password_hash(newpw, hash) != 0) {
		http_error(r, 500, "could not hash the password");
		return;
	}
	/* A name kept for staff is answered as a taken one (after the same hashing), and neither answer says
	 * which it was: "not available" does not tell a trainee that an account called admin exists. The
	 * change ends every other session of the account in the same statement; then this session gets a
	 * new token (so a change that fails leaves this device signed in as it was). */
	enum store_rc rc = STORE_TAKEN;
	if (!choose_name || !username_reserved(name))
		rc = choose_name ? db_user_set_login(r->db, me->id, name, hash, r->session_hex)
		                 : db_user_set_password(r->db, me->id, hash, r->session_hex);
	if (rc == STORE_TAKEN) {
		e.username = _("this user name is not available: choose another");
		r->resp.status = 409;
		form(r, &e);
		return;
	}
	if (http_store_failed(r, rc, "could not save the password"))
		return;
	auth_refund(r, key, 1);
	if (auth_rotate(r) != 0)
		return;
	http_redirect(r, 303, "/me?saved=password");
}

/* ---- a new resume code ---- */

enum { IN_CODE_CONFIRM, IN_CODE_CODE, IN_CODE_WAS };
const struct field resume_code_fields[] = {
	[IN_CODE_CONFIRM] = {"confirm", FIELD_SLUG, 1, 3, false},
	[IN_CODE_CODE] = {"code", FIELD_TEXT, 1, 40, false},
	[IN_CODE_WAS] = {"was", FIELD_SLUG, 1, 16, false},
	{NULL},
};

/* Asks first: the old code stops working at once. */
static void code_confirm(struct req *r)
{
	layout_begin(r, _("Make a new resume code?"));
	html(r, "<h1>%s</h1>\n<p>", _("Make a new resume code?"));
	html(r, _("Your current resume code <strong>stops working at once</strong>, on every device. This phone or "
	          "computer stays signed in. The new code is shown once: have a pen ready, or print it."));
	html(r, "</p>\n<form method=\"post\" action=\"/me/code\">\n");
	auth_form_token(r);
	if (!slip_was_input(r, r->me->id))
		return;
	form_hidden(r, "confirm", "yes");
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<p><a href=\"/me\">%s</a></p>\n", _("Make a new code"),
	     _("Keep my code"));
	layout_end(r);
}

void page_resume_code(struct req *r)
{
	const struct account *me = r->me;
	if (me->role != ROLE_TRAINEE) {
		http_error(r, 404, "staff sign in with a password: there is no resume code");
		return;
	}
	if (r->method != METHOD_POST || r->in[IN_CODE_CONFIRM].state != FIELD_OK ||
	    strcmp(r->in[IN_CODE_CONFIRM].s, "yes") != 0) {
		code_confirm(r);
		return;
	}
	char display[SLIP_CODE_MAX];
	enum store_rc rc =
		slip_code_set(r->db, me->id, r->in[IN_CODE_WAS].state == FIELD_OK ? r->in[IN_CODE_WAS].s : "", display);
	if (rc == STORE_NONE) {
		http_error(r, 409, "your resume code was already replaced from this form, and the code shown then is the one "
		                   "that works; if you did not write it down, make a new one from My account");
		return;
	}
	if (http_store_failed(r, rc, "could not save the new code; your old code still works"))
		return;
	layout_begin(r, _("Write down your new resume code"));
	html(r, "<h1>%s</h1>\n<div class=\"notice\">\n"
	        "<p class=\"code-big\" aria-label=\"%s\" dir=\"ltr\">%s</p>\n<p>%s</p>\n</div>\n"
	        "<form method=\"post\" action=\"/me/code/print\">\n",
	     _("Your new resume code"), _("Resume code, read one character at a time"), display,
	     _("Write this code down now, or print it, and keep it safe. Your old code no longer works. Passage will "
	       "not show this one again."));
	auth_form_token(r);
	form_hidden(r, "code", display);
	html(r, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _("Print it as a slip"));
	if (me->username[0] == '\0') {
		html(r, "<form method=\"post\" action=\"/signout\">\n");
		auth_form_token(r);
		form_hidden(r, "confirm", "yes");
		html(r, "<p><a class=\"btn\" href=\"/modules\">%s</a> <button type=\"submit\" class=\"secondary\">%s</button>"
		        "</p>\n</form>\n", _("I have written it down: continue"), _("I have written it down: sign out"));
	} else {
		html(r, "<p><a class=\"btn\" href=\"/modules\">%s</a></p>\n", _("I have written it down: continue"));
	}
	layout_end(r);
}

/* The slip of the trainee's current code, to print: the code comes back in the form (Passage keeps only its
 * hash) and is shown only when it is this trainee's. */
void page_resume_code_print(struct req *r)
{
	const struct account *me = r->me;
	char norm[SEC_RESUME_SYMBOLS + 1], hex[65];
	if (me->role != ROLE_TRAINEE) {
		http_error(r, 404, "staff sign in with a password: there is no resume code");
		return;
	}
	if (r->in[IN_CODE_CODE].state != FIELD_OK ||
	    !sec_code_parse(r->in[IN_CODE_CODE].s, SEC_RESUME_SYMBOLS, norm, sizeof(norm))) {
		http_error(r, 400, "a resume code has 12 letters and numbers; go back to the page that showed it");
		return;
	}
	sec_resume_hex(norm, hex);
	struct account owner;
	enum store_rc rc = db_user_by_resume(r->db, hex, &owner);
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))
		return;
	if (rc == STORE_NONE || owner.id != me->id) {
		http_error(r, 400, "this is not your current resume code; make a new one from My account");
		return;
	}
	char display[SLIP_CODE_MAX];
	snprintf(display, sizeof(display), "%.4s-%.4s-%.4s", norm, norm + 4, norm + 8);
	layout_begin(r, _("Your resume code, to print"));
	html(r, "<div class=\"no-print\"><h1>%s</h1>\n<p>%s</p></div>\n<div class=\"slips\">\n",
	     _("Your resume code, to print"), _("Use your browser's Print command. Then keep the slip somewhere safe."));
	slip_write(r, me->display_name, display, slip_qr(r));
	html(r, "</div>\n<p class=\"no-print\"><a href=\"/modules\">%s</a></p>\n", _("Continue to my modules"));
	layout_end(r);
}
