/* page_join.c: a trainee joins a cohort with its code and a name of their choice, and is shown, once,
 * the resume code that lets them back in from any device. No email, no phone number. Someone already
 * signed in (a re-scanned QR code, the next workshop) is offered to continue as themselves first: a
 * second account is made only when they choose "join as someone else". */
#include <string.h>

#include "security/auth.h"
#include "pages/lang.h"
#include "pages/pages.h"
#include "security/security.h"
#include "store/accounts.h"

enum { IN_CODE, IN_NAME, IN_NEW };
const struct field join_fields[] = {
	[IN_CODE] = {"code", FIELD_TEXT, 1, 40, true},
	[IN_NAME] = {"name", FIELD_TEXT, 1, 60, true},
	[IN_NEW] = {"new", FIELD_INT, 1, 1, false},   /* 1: signed in, and chose to join as someone else */
	{NULL},
};

/* Trims spaces around a name; refuses one that is empty after trimming. */
static const char *trimmed(struct req *r, const char *s)
{
	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n > 0 ? arena_strndup(r->arena, s, n) : NULL;
}

static void form(struct req *r, const char *code_err, const char *name_err)
{
	bool errors = code_err || name_err;
	layout_begin(r, form_title(r, _("Join a course"), errors));
	html(r, "<h1>%s</h1>\n<p>%s</p>\n", _("Join a course"),
	     _("Type the code your trainer gave you and a name for yourself. You do not need an email address, "
	       "and the name can be a nickname: it is what your trainer will see."));
	if (errors)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n",
		     _("Please check the form: the problems are shown below."));
	html(r, "<form method=\"post\" action=\"/join\" novalidate>\n");
	auth_form_token(r);
	if (r->me != NULL)
		form_hidden(r, "new", "1");
	form_input(r, &(struct form_input){.name = "code", .label = _("Join code"),
	                                   .value = r->in[IN_CODE].s, .error = code_err,
	                                   .hint = _("8 letters and numbers, like K7QM-4RTX"), .autocomplete = "off",
	                                   .maxlength = 40,
	                                   .autocapitalize = FORM_CAPS_CHARACTERS, .no_spellcheck = true});
	form_input(r, &(struct form_input){.name = "name", .label = _("Your name"),
	                                   .value = r->in[IN_NAME].s, .error = name_err,
	                                   .hint = _("Up to 60 characters. Any name you like."), .autocomplete = "nickname",
	                                   .maxlength = 60});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<p>", _p("button", "Join"));
	html(r, _("Been here before? <a href=\"%s\">Use your resume code</a>."), "/resume");
	html(r, "</p>\n");
	layout_end(r);
}

static void welcome(struct req *r, const char *cohort, const char *resume)
{
	layout_begin(r, _("Write down your resume code"));
	html(r, "<h1>");
	html(r, _("Welcome, <bdi>%s</bdi>"), r->me ? r->me->display_name : "");
	html(r, "</h1>\n<p>");
	html(r, _("You have joined <strong><bdi>%s</bdi></strong>."), cohort);
	html(r, "</p>\n<div class=\"notice\">\n<h2>%s</h2>\n"
	        "<p class=\"code-big\" aria-label=\"%s\" dir=\"ltr\">%s</p>\n<p>%s</p>\n</div>\n"
	        "<p><a class=\"btn\" href=\"/modules\">%s</a></p>\n",
	     _("Your resume code"), _("Resume code, read one character at a time"), resume,
	     _("Write this code down now and keep it safe. It is the only way back to your progress on another "
	       "phone or computer, or if this browser forgets you. Passage will not show it again."),
	     _("I have written it down: continue"));
	layout_end(r);
}

/* The page a signed-in person sees at /join unless they chose to join as someone else. */
static void signed_in(struct req *r)
{
	bool staff = role_is_staff(r->me->role);
	char code[SEC_JOIN_SYMBOLS + 1];
	bool has_code = r->in[IN_CODE].state == FIELD_OK &&
	                sec_code_parse(r->in[IN_CODE].s, SEC_JOIN_SYMBOLS, code, sizeof(code));
	const char *name = r->me->display_name;
	layout_begin(r, _("You are already signed in"));
	html(r, "<h1>%s</h1>\n<p>", _("You are already signed in"));
	html(r, _("You are signed in as <strong><bdi>%s</bdi></strong>. Your progress is kept under this name."), name);
	html(r, "</p>\n<p><a class=\"btn\" href=\"%s\">", staff ? "/cohorts" : "/modules");
	html(r, _("Continue as <bdi>%s</bdi>"), name);
	html(r, "</a></p>\n<h2>");
	html(r, _("Not <bdi>%s</bdi>?"), name);
	html(r, "</h2>\n<p>");
	if (staff)
		html(r, _("If you are someone else using this phone or computer, join as a new person. <bdi>%s</bdi> "
		          "will be signed out here; their account is not changed."), name);
	else
		html(r, _("If you are someone else using this phone or computer, join as a new person. <bdi>%s</bdi> "
		          "will be signed out here; their progress stays safe, and they come back with their resume code."),
		     name);
	html(r, "</p>\n");
	if (has_code)   /* letters and digits only, once parsed */
		html(r, "<p><a class=\"btn secondary\" href=\"/join?new=1&amp;code=%s\">%s</a></p>\n", code,
		     _("Join as someone else"));
	else
		html(r, "<p><a class=\"btn secondary\" href=\"/join?new=1\">%s</a></p>\n", _("Join as someone else"));
	layout_end(r);
}

void page_join(struct req *r)
{
	if (r->me != NULL && r->in[IN_NEW].state != FIELD_OK) {
		/* A form posted from a page loaded before signing in (another tab) is not the explicit choice. */
		if (r->method == METHOD_POST)
			r->resp.status = 409;
		signed_in(r);
		return;
	}
	if (r->method != METHOD_POST) {
		form(r, NULL, NULL);
		return;
	}
	const char *name = trimmed(r, r->in[IN_NAME].s);
	const char *code_err = field_error(r, IN_CODE, N_("type the join code"));
	const char *name_err = r->in[IN_NAME].state == FIELD_INVALID
	                           ? (r->in[IN_NAME].s ? field_chars_error(r, IN_NAME, 60) : _("type a name"))
	                           : name == NULL ? _("type a name") : NULL;
	char code[SEC_JOIN_SYMBOLS + 1];
	if (code_err == NULL && !sec_code_parse(r->in[IN_CODE].s, SEC_JOIN_SYMBOLS, code, sizeof(code)))
		code_err = _("a join code has 8 letters and numbers");
	if (code_err || name_err) {
		r->resp.status = 400;
		form(r, code_err, name_err);
		return;
	}
	/* Each kind of code has its own key per address: a room's typos of join codes do not count against
	 * its resume codes. A correct code gives back its count and forgives one typo more. */
	char *key = arena_printf(r->arena, "code:join:%s", auth_addr(r));
	if (!auth_hit(r, key, &throttle_code_address))
		return;
	long long cohort_id;
	char cohort[4 * 120 + 1];   /* a cohort's name: up to 120 characters */
	enum store_rc rc = db_cohort_by_code(r->db, code, &cohort_id, cohort, sizeof(cohort));
	if (rc == STORE_NONE) {
		r->resp.status = 403;
		form(r, _("no open course has this code: check it with your trainer"), NULL);
		return;
	}
	if (http_store_failed(r, rc, NULL))
		return;
	auth_refund(r, key, 1 + THROTTLE_SUCCESS_FORGIVES);
	char resume[SEC_RESUME_DISPLAY_MAX], hex[65];
	long long uid = 0;
	rc = STORE_FAILED;   /* until an account is made: no random numbers is a failure too */
	for (int tries = 0; tries < 3; tries++) {
		if (sec_resume_new(resume, hex) != 0)
			break;
		rc = db_trainee_create(r->db, name, hex, cohort_id, &uid);
		if (rc != STORE_TAKEN)
			break;
	}
	/* A resume code taken three times running is this server's bad luck, not the trainee's conflict: like a
	 * database that failed, it is a 503 to send again, never a 409. */
	if (rc != STORE_OK) {
		http_unavailable(r, "could not create the account");
		return;
	}
	struct account a = {.id = uid, .role = ROLE_TRAINEE, .cohort_id = cohort_id};
	snprintf(a.display_name, sizeof(a.display_name), "%s", name);
	/* A language chosen on this device before joining is the new account's own choice. */
	const struct lang_info *chosen = lang_find(http_kv_get(&r->cookies, AUTH_LANG_COOKIE));
	if (chosen && db_user_set_lang(r->db, uid, chosen->code) == STORE_OK)
		snprintf(a.lang, sizeof(a.lang), "%s", chosen->code);
	if (auth_sign_in(r, &a) != 0)
		return;
	welcome(r, cohort, resume);
}
