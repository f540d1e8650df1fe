/* page_signin.c: sign in with a user name and password (staff, and trainees who chose one); sign out (a
 * trainee who has only a resume code is asked first whether it is written down). */
#include <string.h>
#include <time.h>

#include "security/auth.h"
#include "pages/pages.h"
#include "pages/page_slips.h"
#include "security/security.h"
#include "store/accounts.h"

enum { IN_USERNAME, IN_PASSWORD, IN_NEXT };
const struct field signin_fields[] = {
	[IN_USERNAME] = {"username", FIELD_TEXT, 1, 40, true},
	[IN_PASSWORD] = {"password", FIELD_TEXT, 1, SEC_PASSWORD_MAX, true},
	[IN_NEXT] = {"next", FIELD_TEXT, 1, 200, false},   /* the page to go back to: auth_next_ok */
	{NULL},
};

static void form(struct req *r, const char *err, const char *user_err, const char *pass_err)
{
	bool errors = err || user_err || pass_err;
	layout_begin(r, form_title(r, _("Sign in"), errors));
	html(r, "<h1>%s</h1>\n", _("Sign in"));
	if (err)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n", err);
	html(r, "<form method=\"post\" action=\"/signin\" novalidate>\n");
	auth_form_token(r);
	auth_next_input(r, r->in[IN_NEXT].state == FIELD_OK ? r->in[IN_NEXT].s : NULL);
	form_input(r, &(struct form_input){.name = "username", .label = _("User name"),
	                                   .value = r->in[IN_USERNAME].s, .error = user_err, .autocomplete = "username",
	                                   .maxlength = 40, .autocapitalize = FORM_CAPS_NONE, .no_spellcheck = true});
	form_input(r, &(struct form_input){.name = "password", .label = _("Password"), .type = FORM_PASSWORD,
	                                   .error = pass_err, .autocomplete = "current-password",
	                                   .maxlength = SEC_PASSWORD_MAX});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<p>", _("Sign in"));
	html(r, _("Trainees: <a href=\"%s\">come back with your resume code</a>, or <a href=\"%s\">join with a "
	          "course code</a>."), "/resume", "/join");
	html(r, "</p>\n");
	layout_end(r);
}

void page_signin(struct req *r)
{
	if (r->method != METHOD_POST) {
		form(r, NULL, NULL, NULL);
		return;
	}
	char name[41];
	const char *user_err = r->in[IN_USERNAME].state != FIELD_OK || !username_normalise(r->in[IN_USERNAME].s, name)
	                           ? _("type your user name (3 to 40 letters, numbers, dots, dashes or underscores)")
	                           : NULL;
	const char *pass_err = r->in[IN_PASSWORD].state != FIELD_OK ? _("type your password") : NULL;
	if (user_err || pass_err) {
		r->resp.status = 400;
		form(r, NULL, user_err, pass_err);
		return;
	}
	/* Three keys: this account from this address (the only one that locks), this address whatever the
	 * account, and this account from everywhere (delays only, and not for an address the account signed
	 * in from lately: its owner). Each attempt is counted before the password is checked, so attempts
	 * sent together are all counted; one that is refused gives back what it was counted on before. */
	const char *addr = auth_addr(r);
	char *pair_key = arena_printf(r->arena, "signin:pair:%s:%s", name, addr);
	char *addr_key = arena_printf(r->arena, "signin:addr:%s", addr);
	char *user_key = arena_printf(r->arena, "signin:user:%s", name);
	char *known_key = arena_printf(r->arena, "signin:known:%s:%s", name, addr);
	struct throttle_state known;
	long long now = (long long)time(NULL);
	enum store_rc rc = db_throttle_get(r->db, known_key, &known);
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))   /* not known: `known` is zeroed */
		return;
	bool owner = known.window_start + THROTTLE_KNOWN_FOR > now;
	if (!auth_hit(r, pair_key, &throttle_signin_account))
		return;
	if (!auth_hit(r, addr_key, &throttle_signin_address)) {
		auth_refund(r, pair_key, 1);
		return;
	}
	if (!owner && !auth_hit(r, user_key, &throttle_signin_global)) {
		auth_refund(r, pair_key, 1);
		auth_refund(r, addr_key, 1);
		return;
	}
	if (!auth_hash_budget(r)) {
		auth_refund(r, pair_key, 1);
		auth_refund(r, addr_key, 1);
		if (!owner)
			auth_refund(r, user_key, 1);
		return;
	}
	struct account a;
	rc = db_user_by_name(r->db, name, &a);
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))
		return;
	bool usable = rc == STORE_OK && !a.disabled && a.password_hash[0] != '\0';
	bool ok = sec_password_verify(usable ? a.password_hash : auth_dummy_hash(), r->in[IN_PASSWORD].s) && usable;
	if (!ok) {
		r->resp.status = 403;
		form(r, _("The user name or the password is wrong."), NULL, NULL);
		return;
	}
	db_throttle_clear(r->db, pair_key);
	auth_refund(r, addr_key, 1 + THROTTLE_SUCCESS_FORGIVES);
	if (!owner)
		auth_refund(r, user_key, 1);
	db_throttle_put(r->db, known_key, &(struct throttle_state){.window_start = now, .last_failure = now});
	if (auth_sign_in(r, &a) != 0)
		return;
	bool next = r->in[IN_NEXT].state == FIELD_OK && auth_next_ok(r->in[IN_NEXT].s);
	http_redirect(r, 303, next ? r->in[IN_NEXT].s : "/me");
}

enum { IN_SIGNOUT_CONFIRM };
const struct field signout_fields[] = {
	[IN_SIGNOUT_CONFIRM] = {"confirm", FIELD_SLUG, 1, 3, false},
	{NULL},
};

/* A trainee with neither user name nor password comes back only with their resume code: before signing
 * out they are asked whether it is written down, and offered a new one. */
static void signout_confirm(struct req *r)
{
	layout_begin(r, _("Is your resume code written down?"));
	html(r, "<h1>%s</h1>\n<p>%s</p>\n<form method=\"post\" action=\"/signout\">\n", _("Is your resume code written down?"),
	     _("After signing out, your resume code is the only way back to your progress, on this device or any "
	       "other. Without it your progress cannot be reached."));
	auth_form_token(r);
	form_hidden(r, "confirm", "yes");
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<form method=\"post\" action=\"/me/code\">\n",
	     _("Yes: sign out"));
	auth_form_token(r);
	if (!slip_was_input(r, r->me->id))
		return;
	form_hidden(r, "confirm", "yes");
	html(r, "<p>%s</p>\n<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n"
	        "<p><a href=\"/modules\">%s</a></p>\n",
	     _("Not sure? Make a new code, write it down, then sign out. The old code stops working."),
	     _("Make a new code first"), _("Stay signed in"));
	layout_end(r);
}

void page_signout(struct req *r)
{
	bool code_only = r->me->role == ROLE_TRAINEE && r->me->username[0] == '\0';
	const struct field_val *confirm = &r->in[IN_SIGNOUT_CONFIRM];
	if (code_only && (confirm->state != FIELD_OK || strcmp(confirm->s, "yes") != 0)) {
		signout_confirm(r);
		return;
	}
	auth_sign_out(r);
	http_redirect(r, 303, "/");
}
