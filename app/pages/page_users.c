/* page_users.c: administrators manage staff accounts: add, disable, enable, reset a password. A new or
 * reset password is generated and shown once. */
#include <string.h>

#include "security/auth.h"
#include "pages/pages.h"
#include "security/security.h"
#include "store/accounts.h"

enum { IN_ROLE, IN_USERNAME, IN_DISPLAY };
const struct field users_fields[] = {
	[IN_ROLE] = {"role", FIELD_SLUG, 5, 11, false},
	[IN_USERNAME] = {"username", FIELD_TEXT, 1, 40, false},
	[IN_DISPLAY] = {"display", FIELD_TEXT, 1, 60, false},
	{NULL},
};

#define MAX_STAFF 500

/* A generated password: 20 base32 symbols (100 bits), easy to copy. */
static int generate(char out[32])
{
	return sec_code_new(20, out, 32);
}

/* The role in words, as the table shows it. */
static const char *role_label(struct req *r, enum role role)
{
	switch (role) {
	case ROLE_FACILITATOR:
		return _p("role", "facilitator");
	case ROLE_ADMIN:
		return _p("role", "admin");
	default:
		return role_name(role);
	}
}

static void list(struct req *r, const char *notice, const char *user_err, const char *name_err)
{
	struct account *staff = arena_alloc(r->arena, sizeof(struct account) * MAX_STAFF);
	int n = 0;
	if (http_store_failed(r, staff ? db_staff_list(r->db, staff, MAX_STAFF, &n) : STORE_FAILED, NULL))
		return;
	bool errors = user_err || name_err;
	layout_begin(r, form_title(r, _("Users"), errors));
	html(r, "<h1>%s</h1>\n", _("Users"));
	if (notice)
		html_trusted(r, notice);
	html(r, "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n"
	        "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	     _("Facilitators and administrators"), _("User name"), _("Name"), _("Role"), _("Status"), _("Actions"));
	for (int i = 0; i < n; i++) {
		const struct account *a = &staff[i];
		html(r, "<tr><td><bdi>%s</bdi></td><td><bdi>%s</bdi></td><td>%s</td><td>%s</td><td>", a->username, a->display_name,
		     role_label(r, a->role), a->disabled ? _p("account", "disabled") : _p("account", "active"));
		if (a->id != r->me->id) {
			html(r, "<form method=\"post\" action=\"/admin/users/%lld/%s\" class=\"inline\">", a->id,
			     a->disabled ? "enable" : "disable");
			auth_form_token(r);
			html(r, "<button type=\"submit\" class=\"secondary\">");
			/* TRANSLATORS: a button; %s, the user name, is read by screen readers only */
			html(r, a->disabled ? _("Enable <span class=\"visually-hidden\"><bdi>%s</bdi></span>")
			                    /* TRANSLATORS: a button; %s, the user name, is read by screen readers only */
			                    : _("Disable <span class=\"visually-hidden\"><bdi>%s</bdi></span>"),
			     a->username);
			html(r, "</button></form> ");
			html(r, "<form method=\"post\" action=\"/admin/users/%lld/password\" class=\"inline\">", a->id);
			auth_form_token(r);
			html(r, "<button type=\"submit\" class=\"secondary\">");
			/* TRANSLATORS: a button; "of %s", the user name, is read by screen readers only */
			html(r, _("Reset password <span class=\"visually-hidden\">of <bdi>%s</bdi></span>"), a->username);
			html(r, "</button></form>");
		} else {
			html(r, "%s", _("(you)"));
		}
		html(r, "</td></tr>\n");
	}
	html(r, "</tbody></table></div>\n<h2>%s</h2>\n"
	        "<form method=\"post\" action=\"/admin/users\" novalidate>\n", _("Add a staff account"));
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "username", .label = _("User name"),
	                                   .value = r->in[IN_USERNAME].s, .error = user_err,
	                                   .hint = _("3 to 40 letters, numbers, dots, dashes or underscores"),
	                                   .autocomplete = "off", .maxlength = 40,
	                                   .autocapitalize = FORM_CAPS_NONE, .no_spellcheck = true});
	form_input(r, &(struct form_input){.name = "display", .label = _("Full name"),
	                                   .value = r->in[IN_DISPLAY].s, .error = name_err, .maxlength = 60});
	html(r, "<fieldset class=\"field\"><legend>%s</legend>\n", _("Role"));
	form_choice(r, &(struct form_choice){.name = "role", .value = "facilitator", .label = _("Facilitator"), .checked = true});
	form_choice(r, &(struct form_choice){.name = "role", .value = "admin", .label = _("Administrator")});
	html(r, "</fieldset>\n<button type=\"submit\">%s</button>\n</form>\n", _p("verb", "Add"));
	layout_end(r);
}

/* s escaped for HTML, in the arena ("" when out of memory). */
static const char *escaped(struct req *r, const char *s)
{
	struct buf b;
	buf_init(&b, 4096);
	html_escape(&b, s, strlen(s));
	const char *out = b.failed ? "" : arena_strdup(r->arena, b.p);
	buf_free(&b);
	return out ? out : "";
}

/* The notice showing a new password, as markup in the arena: the message's markup is the catalog's, the
 * name and the password are escaped. */
static const char *password_notice(struct req *r, const char *who, const char *password)
{
	const char *s = arena_printf(r->arena, "<div class=\"notice ok\" role=\"status\"><p>%s</p><p>%s</p></div>\n",
	                             /* TRANSLATORS: %s is a user name, then their new password */
	                             arena_printf(r->arena, _("The password of <strong>%s</strong> is <code class=\"code-big\">%s</code>"),
	                                          escaped(r, who), escaped(r, password)),
	                             escaped(r, _("Give it to them privately. It is not shown again; they can change it "
	                                          "after signing in.")));
	return s ? s : "";
}

void page_users(struct req *r)
{
	if (r->method != METHOD_POST) {
		list(r, NULL, NULL, NULL);
		return;
	}
	char name[41];
	enum role role = ROLE_FACILITATOR;
	const char *user_err = r->in[IN_USERNAME].state != FIELD_OK || !username_normalise(r->in[IN_USERNAME].s, name)
	                           ? _("use 3 to 40 letters, numbers, dots, dashes or underscores")
	                           : NULL;
	const char *name_err = r->in[IN_DISPLAY].state != FIELD_OK ? _("type a name of up to 60 characters") : NULL;
	if (r->in[IN_ROLE].state == FIELD_OK && (!role_parse(r->in[IN_ROLE].s, &role) || !role_is_staff(role))) {
		http_error(r, 400, "unknown role");
		return;
	}
	if (user_err || name_err) {
		r->resp.status = 400;
		list(r, NULL, user_err, name_err);
		return;
	}
	char pw[32], hash[SEC_PWHASH_MAX];
	long long id;
	if (generate(pw) != 0 || sec_password_hash(pw, hash) != 0) {
		http_error(r, 500, "could not make a password");
		return;
	}
	enum store_rc rc = db_staff_create(r->db, role, name, r->in[IN_DISPLAY].s, hash, &id);
	if (rc == STORE_TAKEN) {
		r->resp.status = 409;
		list(r, NULL, _("this user name is taken"), NULL);
		return;
	}
	if (http_store_failed(r, rc, "could not add the account"))
		return;
	r->in[IN_USERNAME] = (struct field_val){0};
	r->in[IN_DISPLAY] = (struct field_val){0};
	list(r, password_notice(r, name, pw), NULL, NULL);
}

/* The staff account named by r->arg[0], other than the administrator's own; false after answering. */
static bool other_staff(struct req *r, struct account *a)
{
	enum store_rc rc = db_user_by_id(r->db, r->arg[0].i, a);
	if (rc == STORE_OK && !role_is_staff(a->role))
		rc = STORE_NONE;   /* a trainee: not an account this page manages */
	if (http_store_failed(r, rc, rc == STORE_NONE ? NULL : "database unavailable"))
		return false;
	if (a->id == r->me->id) {
		http_error(r, 409, "you cannot change your own account here");
		return false;
	}
	return true;
}

/* STORE_NONE (the account is not there any more) is answered as done: the list shows what is. */
static void switched(struct req *r, enum store_rc rc)
{
	if (rc == STORE_NONE || !http_store_failed(r, rc, "database unavailable"))
		http_redirect(r, 303, "/admin/users");
}

/* POST /admin/users/{id}/disable: ends the account's sessions at once. */
void page_user_disable(struct req *r)
{
	struct account a;
	if (other_staff(r, &a))
		switched(r, db_user_disable(r->db, a.id));
}

/* POST /admin/users/{id}/enable */
void page_user_enable(struct req *r)
{
	struct account a;
	if (other_staff(r, &a))
		switched(r, db_user_enable(r->db, a.id));
}

/* POST /admin/users/{id}/password: a new password, shown once. */
void page_user_password(struct req *r)
{
	struct account a;
	char pw[32], hash[SEC_PWHASH_MAX];
	if (!other_staff(r, &a))
		return;
	if (generate(pw) != 0 || sec_password_hash(pw, hash) != 0) {
		http_error(r, 500, "could not make a password");
		return;
	}
	if (http_store_failed(r, db_user_set_password(r->db, a.id, hash, ""), "could not save the password"))
		return;
	list(r, password_notice(r, a.username, pw), NULL, NULL);
}
