/* page_certificate.c: issuing a completion certificate, showing it (printable), and /verify, which
 * shows for a code exactly what the certificate shows and nothing more. */
#include <string.h>

#include "security/auth.h"
#include "domain/account.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "security/security.h"
#include "store/training.h"

/* "K7QM4RTX9PZD" as "K7QM-4RTX-9PZD". */
static const char *grouped(struct req *r, const char *code)
{
	return arena_printf(r->arena, "%.4s-%.4s-%.4s", code, code + 4, code + 8);
}

void page_certificate_issue(struct req *r)
{
	struct progress p;
	if (!module_load(r, &p))
		return;
	if (!module_complete(&p)) {
		http_error(r, 409, "the module is not complete yet");
		return;
	}
	char display[20], code[SEC_RESUME_SYMBOLS + 1];
	const char *issued;
	if (sec_code_new(SEC_RESUME_SYMBOLS, display, sizeof(display)) != 0 ||
	    !sec_code_parse(display, SEC_RESUME_SYMBOLS, code, sizeof(code))) {
		http_error(r, 500, "no random numbers");
		return;
	}
	enum store_rc rc = db_cert_issue(r->db, r->arena, code, r->me->id, p.m.id, p.m.revision_id, r->me->display_name,
	                                 p.m.title, &issued);
	/* Not found even on the second look db_cert_issue takes is a race with another request, which sending
	 * again settles: like a failed database, a 503, not a 404. */
	if (rc != STORE_OK) {
		http_unavailable(r, "the certificate could not be issued");
		return;
	}
	http_redirect(r, 303, arena_printf(r->arena, "/certificates/%s", issued));
}

static void certificate_body(struct req *r, const char *name, const char *title, const char *date, const char *code)
{
	html(r, "<div class=\"certificate\">\n<p class=\"cert-kind\">%s</p>\n"
	        "<p>%s</p>\n<p class=\"cert-name\"><bdi>%s</bdi></p>\n<p>%s</p>\n"
	        "<p class=\"cert-module\" dir=\"auto\">%s</p>\n<p>",
	     _("Certificate of completion"), _("This certifies that"), name, _("completed the Passage training module"),
	     title);
	/* TRANSLATORS: %s is the date the module was completed, "8 Dec 2026" */
	html(r, _("on %s."), lang_day(r, date));
	html(r, "</p>\n<p class=\"cert-code\">");
	html(r, _("Verification code: <strong dir=\"ltr\">%s</strong><br>Check it at <strong>%s</strong> on this site."),
	     grouped(r, code), "/verify");
	html(r, "</p>\n</div>\n");
}

void page_certificate(struct req *r)
{
	char code[SEC_RESUME_SYMBOLS + 1];
	const char *name, *title, *date, *slug;
	if (!sec_code_parse(r->arg[0].s, SEC_RESUME_SYMBOLS, code, sizeof(code))) {
		http_error(r, 404, NULL);
		return;
	}
	if (http_store_failed(r, db_cert_get(r->db, r->arena, code, &name, &title, &date, &slug), NULL))
		return;
	layout_begin(r, _("Certificate"));
	certificate_body(r, name, title, date, code);
	html(r, "<p class=\"no-print\">%s <a href=\"/modules/%s\">%s</a></p>\n",
	     _("To keep a copy, use your browser's Print command (it can save a PDF)."), slug, _("Back to the module"));
	layout_end(r);
}

const struct field verify_fields[] = {
	{.name = "code", .kind = FIELD_TEXT, .min = 1, .max = 40},
	{NULL},
};

void page_verify(struct req *r)
{
	layout_begin(r, _("Check a certificate"));
	html(r, "<h1>%s</h1>\n", _("Check a certificate"));
	char code[SEC_RESUME_SYMBOLS + 1];
	bool asked = r->in[0].state != FIELD_MISSING;
	if (asked) {
		const char *name, *title, *date, *slug;
		enum store_rc rc =
			r->in[0].state == FIELD_OK && sec_code_parse(r->in[0].s, SEC_RESUME_SYMBOLS, code, sizeof(code))
				? db_cert_get(r->db, r->arena, code, &name, &title, &date, &slug)
				: STORE_NONE;
		if (rc != STORE_NONE && http_store_failed(r, rc, NULL))   /* none: the page says so */
			return;
		if (rc == STORE_OK) {
			html(r, "<div class=\"notice ok\" role=\"status\"><p>✓ %s</p></div>\n", _("This certificate is genuine."));
			certificate_body(r, name, title, date, code);
		} else {
			r->resp.status = 404;
			html(r, "<div class=\"notice bad\" role=\"alert\"><p>✗ %s</p></div>\n",
			     _("No certificate has this code. Check each letter and number."));
		}
	}
	html(r, "<form method=\"get\" action=\"/verify\">\n");
	form_input(r, &(struct form_input){.name = "code", .label = _("Verification code"),
	                                   .value = asked ? r->in[0].s : NULL, .hint = _("12 letters and numbers, like 7KQM-4RTX-9PZD"),
	                                   .autocomplete = "off", .maxlength = 40,
	                                   .autocapitalize = FORM_CAPS_CHARACTERS, .no_spellcheck = true});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _p("button", "Check"));
	layout_end(r);
}
