/* page_account.c: "My account": who you are signed in as, and choosing or changing a password. */
#include <string.h>

#include "pages/auth.h"
#include "pages/live.h"
#include "pages/pages.h"
#include "security/security.h"
#include "store/accounts.h"

void page_account(struct req *r)
{
	const struct account *me = r->me;
	char cohort[128] = "";
	if (me->cohort_id != 0 && db_cohort_name(r->db, me->cohort_id, cohort, sizeof(cohort)) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	layout_begin(r, "My account");
	html(r, "<h1>My account</h1>\n");
	const char *saved = http_kv_get(&r->query, "saved");
	if (saved != NULL && strcmp(saved, "password") == 0)
		html(r, "<div class=\"notice ok\" role=\"status\"><p>Your password is saved. Any other device you were "
		        "signed in on has been signed out.</p></div>\n");
	html(r, "<dl class=\"facts\">\n<dt>Name</dt><dd>%s</dd>\n<dt>Role</dt><dd>%s</dd>\n", me->display_name,
	     role_name(me->role));
	if (me->username[0])
		html(r, "<dt>User name</dt><dd>%s</dd>\n", me->username);
	if (cohort[0])
		html(r, "<dt>Course</dt><dd>%s</dd>\n", cohort);
	html(r, "</dl>\n");
	if (me->role == ROLE_TRAINEE)
		html(r, "<p>You come back with your resume code. If you like, you can also choose a user name and "
		        "password.</p>\n<p><a href=\"/me/password\">%s</a></p>\n",
		     me->username[0] ? "Change your password" : "Choose a user name and password");
	else
		html(r, "<p><a href=\"/me/password\">Change your password</a></p>\n");
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
	const char *title = choose_name ? "Choose a user name and password" : "Change your password";
	layout_begin(r, form_title(r, title, errors));
	html(r, "<h1>%s</h1>\n", title);
	if (errors)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n",
		     e->top ? e->top : "Please check the form: the problems are shown below.");
	html(r, "<form method=\"post\" action=\"/me/password\" novalidate>\n");
	auth_form_token(r);
	if (choose_name)
		form_input(r, &(struct form_input){.name = "username", .label = "User name", .type = "text",
		                                   .value = r->in[IN_USERNAME].s, .error = e ? e->username : NULL,
		                                   .hint = "3 to 40 letters, numbers, dots, dashes or underscores",
		                                   .autocomplete = "username", .maxlength = 40,
		                                   .extra = "autocapitalize=\"none\" spellcheck=\"false\""});
	if (need_current)
		form_input(r, &(struct form_input){.name = "current", .label = "Current password", .type = "password",
		                                   .error = e ? e->current : NULL, .autocomplete = "current-password",
		                                   .maxlength = SEC_PASSWORD_MAX});
	form_input(r, &(struct form_input){.name = "new", .label = "New password", .type = "password",
	                                   .error = e ? e->new : NULL,
	                                   .hint = "At least 12 characters. A few unrelated words make a good one.",
	                                   .autocomplete = "new-password", .maxlength = SEC_PASSWORD_MAX});
	form_input(r, &(struct form_input){.name = "confirm", .label = "New password again", .type = "password",
	                                   .error = e ? e->confirm : NULL, .autocomplete = "new-password",
	                                   .maxlength = SEC_PASSWORD_MAX});
	html(r, "<button type=\"submit\">Save</button>\n</form>\n<p><a href=\"/me\">Back to my account</a></p>\n");
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
		e.username = "use 3 to 40 letters, numbers, dots, dashes or underscores";
	const char *newpw = r->in[IN_NEW].state == FIELD_OK ? r->in[IN_NEW].s : NULL;
	if (newpw == NULL)
		e.new = r->in[IN_NEW].s ? "use letters, numbers and signs, without control characters" : "type a new password";
	else {
		const char *why = sec_password_policy(newpw, choose_name ? name : me->username);
		if (why)
			e.new = arena_printf(r->arena, "this password %s", why);
	}
	if (e.new == NULL && (r->in[IN_CONFIRM].s == NULL || strcmp(r->in[IN_CONFIRM].s, newpw) != 0))
		e.confirm = "the two new passwords are not the same";
	if (e.username || e.new || e.confirm) {
		r->resp.status = 400;
		form(r, &e);
		return;
	}
	if (me->username[0] != '\0') {
		/* Changing a password needs the current one, throttled like a sign-in. */
		char *user_key = arena_printf(r->arena, "signin:user:%s", me->username);
		if (auth_throttled(r, user_key, &throttle_signin_account) || !auth_hash_budget(r))
			return;
		struct account full;
		if (db_user_by_id(r->db, me->id, &full) != 1) {
			http_error(r, 503, "database unavailable");
			return;
		}
		if (r->in[IN_CURRENT].state != FIELD_OK || !sec_password_verify(full.password_hash, r->in[IN_CURRENT].s)) {
			auth_failed(r, user_key, &throttle_signin_account);
			e.current = "this is not your current password";
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
	int rc = choose_name ? db_user_set_login(r->db, me->id, name, hash) : db_user_set_password(r->db, me->id, hash);
	if (rc == -2) {
		e.username = "this user name is taken: choose another";
		r->resp.status = 409;
		form(r, &e);
		return;
	}
	if (rc != 1) {
		http_error(r, 503, "could not save the password");
		return;
	}
	/* A new token for this session; every other session of the account ends. */
	if (auth_rotate(r) != 0)
		return;
	http_redirect(r, 303, "/me?saved=password");
}
