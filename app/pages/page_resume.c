/* page_resume.c: a trainee signs in again, on any device, with their resume code, and goes back to the
 * page they asked for (?next=) or to their modules. */
#include <string.h>

#include "security/auth.h"
#include "pages/pages.h"
#include "security/security.h"
#include "store/accounts.h"

enum { IN_CODE, IN_NEXT };
const struct field resume_fields[] = {
	[IN_CODE] = {"code", FIELD_TEXT, 1, 40, true},
	[IN_NEXT] = {"next", FIELD_TEXT, 1, 200, false},   /* checked by auth_next_ok */
	{NULL},
};

static void form(struct req *r, const char *err)
{
	layout_begin(r, form_title(r, _("Come back with your resume code"), err != NULL));
	const char *next = r->in[IN_NEXT].state == FIELD_OK && auth_next_ok(r->in[IN_NEXT].s) ? r->in[IN_NEXT].s : NULL;
	html(r, "<h1>%s</h1>\n", _("Come back with your resume code"));
	if (next != NULL && r->method != METHOD_POST)
		html(r, "<p>%s</p>\n", _("You need to be signed in to see that page."));
	html(r, "<p>%s</p>\n", _("Type the resume code you wrote down when you joined. Your progress is waiting."));
	if (err)
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>%s</p></div>\n", _("That did not work: see below."));
	html(r, "<form method=\"post\" action=\"/resume\" novalidate>\n");
	auth_form_token(r);
	auth_next_input(r, next);
	form_input(r, &(struct form_input){.name = "code", .label = _("Resume code"), .error = err,
	                                   .hint = _("12 letters and numbers, like 7KQM-4RTX-9PZD"), .autocomplete = "off",
	                                   .maxlength = 40,
	                                   .autocapitalize = FORM_CAPS_CHARACTERS, .no_spellcheck = true});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n<p>", _("Continue"));
	html(r, _("New here? <a href=\"%s\">Join with a course code</a>. Trainers and trainees with a password: "
	          "<a href=\"%s\">sign in</a>."),
	     "/join", next ? arena_printf(r->arena, "/signin?next=%s", next) : "/signin");
	html(r, "</p>\n");
	layout_end(r);
}

void page_resume(struct req *r)
{
	if (r->method != METHOD_POST) {
		form(r, NULL);
		return;
	}
	char code[SEC_RESUME_SYMBOLS + 1];
	if (r->in[IN_CODE].state != FIELD_OK || !sec_code_parse(r->in[IN_CODE].s, SEC_RESUME_SYMBOLS, code, sizeof(code))) {
		r->resp.status = 400;
		form(r, _("a resume code has 12 letters and numbers"));
		return;
	}
	/* Each kind of code has its own key per address: a room's typos of join codes do not count against
	 * its resume codes. A correct code gives back its count and forgives one typo more. */
	char *key = arena_printf(r->arena, "code:resume:%s", auth_addr(r));
	if (!auth_hit(r, key, &throttle_code_address))
		return;
	char hex[65];
	sec_resume_hex(code, hex);
	struct account a;
	enum store_rc rc = db_user_by_resume(r->db, hex, &a);
	if (rc != STORE_NONE && http_store_failed(r, rc, NULL))
		return;
	if (rc == STORE_NONE || a.disabled) {
		r->resp.status = 403;
		form(r, _("this code is not known: check each letter and number"));
		return;
	}
	auth_refund(r, key, 1 + THROTTLE_SUCCESS_FORGIVES);
	if (auth_sign_in(r, &a) != 0)
		return;
	bool next = r->in[IN_NEXT].state == FIELD_OK && auth_next_ok(r->in[IN_NEXT].s);
	http_redirect(r, 303, next ? r->in[IN_NEXT].s : "/modules");
}
