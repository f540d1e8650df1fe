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

static void list(struct req *r, const char *notice, const char *user_err, const char *name_err)
{
	struct account *staff = arena_alloc(r->arena, sizeof(struct account) * MAX_STAFF);
	int n = 0;
	if (http_store_failed(r, staff ? db_staff_list(r->db, staff, MAX_STAFF, &n) : STORE_FAILED, NULL))
		return;
	bool errors = user_err || name_err;
	layout_begin(r, form_title(r, "Users", errors));
	html(r, "<h1>Users</h1>\n");
	if (notice)
		html_trusted(r, notice);
	html(r, "<div class=\"table-wrap\"><table>\n<caption>Facilitators and administrators</caption>\n"
	        "<thead><tr><th scope=\"col\">User name</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
	        "<th scope=\"col\">Status</th><th scope=\"col\">Actions</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < n; i++) {
		const struct account *a = &staff[i];
		html(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", a->username, a->display_name,
		     role_name(a->role), a->disabled ? "disabled" : "active");
		if (a->id != r->me->id) {
			html(r, "<form method=\"post\" action=\"/admin/users/%lld/%s\" class=\"inline\">", a->id,
			     a->disabled ? "enable" : "disable");
			auth_form_token(r);
			html(r, "<button type=\"submit\" class=\"secondary\">%s <span class=\"visually-hidden\">%s</span></button>"
			        "</form> ",
			     a->disabled ? "Enable" : "Disable", a->username);
			html(r, "<form method=\"post\" action=\"/admin/users/%lld/password\" class=\"inline\">", a->id);
			auth_form_token(r);
			html(r, "<button type=\"submit\" class=\"secondary\">Reset password <span class=\"visually-hidden\">of "
			        "%s</span></button></form>",
			     a->username);
		} else {
			html(r, "(you)");
		}
		html(r, "</td></tr>\n");
	}
	html(r, "</tbody></table></div>\n<h2>Add a staff account</h2>\n"
	        "<form method=\"post\" action=\"/admin/users\" novalidate>\n");
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "username", .label = "User name",
	                                   .value = r->in[IN_USERNAME].s, .error = user_err,
	                                   .hint = "3 to 40 letters, numbers, dots, dashes or underscores",
	                                   .autocomplete = "off", .maxlength = 40,
	                                   .autocapitalize = FORM_CAPS_NONE, .no_spellcheck = true});
	form_input(r, &(struct form_input){.name = "display", .label = "Full name",
	                                   .value = r->in[IN_DISPLAY].s, .error = name_err, .maxlength = 60});
	html(r, "<fieldset class=\"field\"><legend>Role</legend>\n");
	form_choice(r, &(struct form_choice){.name = "role", .value = "facilitator", .label = "Facilitator", .checked = true});
	form_choice(r, &(struct form_choice){.name = "role", .value = "admin", .label = "Administrator"});
	html(r, "</fieldset>\n<button type=\"submit\">Add</button>\n</form>\n");
	layout_end(r);
}

static const char *password_notice(struct req *r, const char *who, const char *password)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "<div class=\"notice ok\" role=\"status\"><p>The password of <strong>");
	html_escape(&b, who, strlen(who));
	buf_puts(&b, "</strong> is <code class=\"code-big\">");
	html_escape(&b, password, strlen(password));
	buf_puts(&b, "</code></p><p>Give it to them privately. It is not shown again; they can change it after "
	             "signing in.</p></div>\n");
	const char *s = b.failed ? "" : arena_strdup(r->arena, b.p);
	buf_free(&b);
	return s;
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
	                           ? "use 3 to 40 letters, numbers, dots, dashes or underscores"
	                           : NULL;
	const char *name_err = r->in[IN_DISPLAY].state != FIELD_OK ? "type a name of up to 60 characters" : NULL;
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
		list(r, NULL, "this user name is taken", NULL);
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
