/* page_signin.c: sign in with a user name and password (staff, and trainees who chose one); sign out. */
#include <string.h>

#include "pages/auth.h"
#include "pages/pages.h"
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
	layout_begin(r, form_title(r, "Sign in", errors));
	html(r, "<h1>Sign in</h1>\n");
	if (err)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n", err);
	html(r, "<form method=\"post\" action=\"/signin\" novalidate>\n");
	auth_form_token(r);
	auth_next_input(r, r->in[IN_NEXT].state == FIELD_OK ? r->in[IN_NEXT].s : NULL);
	form_input(r, &(struct form_input){.name = "username", .label = "User name", .type = "text",
	                                   .value = r->in[IN_USERNAME].s, .error = user_err, .autocomplete = "username",
	                                   .maxlength = 40, .extra = "autocapitalize=\"none\" spellcheck=\"false\""});
	form_input(r, &(struct form_input){.name = "password", .label = "Password", .type = "password",
	                                   .error = pass_err, .autocomplete = "current-password",
	                                   .maxlength = SEC_PASSWORD_MAX});
	html(r, "<button type=\"submit\">Sign in</button>\n</form>\n"
	        "<p>Trainees: <a href=\"/resume\">come back with your resume code</a>, or "
	        "<a href=\"/join\">join with a course code</a>.</p>\n");
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
	                           ? "type your user name (3 to 40 letters, numbers, dots, dashes or underscores)"
	                           : NULL;
	const char *pass_err = r->in[IN_PASSWORD].state != FIELD_OK ? "type your password" : NULL;
	if (user_err || pass_err) {
		r->resp.status = 400;
		form(r, NULL, user_err, pass_err);
		return;
	}
	char *user_key = arena_printf(r->arena, "signin:user:%s", name);
	char *addr_key = arena_printf(r->arena, "signin:addr:%s", r->remote_addr);
	if (auth_throttled(r, user_key, &throttle_signin_account) || auth_throttled(r, addr_key, &throttle_signin_address))
		return;
	if (!auth_hash_budget(r))
		return;
	struct account a;
	int rc = db_user_by_name(r->db, name, &a);
	if (rc < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	bool usable = rc == 1 && !a.disabled && a.password_hash[0] != '\0';
	bool ok = sec_password_verify(usable ? a.password_hash : auth_dummy_hash(), r->in[IN_PASSWORD].s) && usable;
	if (!ok) {
		auth_failed(r, user_key, &throttle_signin_account);
		auth_failed(r, addr_key, &throttle_signin_address);
		r->resp.status = 403;
		form(r, "The user name or the password is wrong.", NULL, NULL);
		return;
	}
	db_throttle_clear(r->db, user_key);
	if (auth_sign_in(r, &a) != 0)
		return;
	bool next = r->in[IN_NEXT].state == FIELD_OK && auth_next_ok(r->in[IN_NEXT].s);
	http_redirect(r, 303, next ? r->in[IN_NEXT].s : "/me");
}

void page_signout(struct req *r)
{
	auth_sign_out(r);
	http_redirect(r, 303, "/");
}
