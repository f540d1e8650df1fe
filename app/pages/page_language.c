/* page_language.c: the language switch's action. The choice is kept in a cookie for a year, for anyone,
 * signed in or not; then back to the page the switch was on. */
#include "pages/lang.h"
#include "pages/pages.h"
#include "security/auth.h"

enum { IN_LANG, IN_NEXT };
const struct field language_fields[] = {
	[IN_LANG] = {"lang", FIELD_TEXT, 2, 3, true},
	[IN_NEXT] = {"next", FIELD_TEXT, 1, 200, false},   /* the page to go back to: auth_next_ok */
	{NULL},
};

#define LANG_COOKIE_AGE (365L * 24 * 3600)

void page_language(struct req *r)
{
	const struct lang_info *l = lang_find(r->in[IN_LANG].s);
	if (l == NULL) {
		http_error(r, 400, "The site does not offer that language.");
		return;
	}
	http_header(r, "Set-Cookie: %s=%s; Path=/; Max-Age=%ld; %sHttpOnly; SameSite=Lax", LANG_COOKIE, l->code,
	            LANG_COOKIE_AGE, r->https ? "Secure; " : "");
	bool next = r->in[IN_NEXT].state == FIELD_OK && auth_next_ok(r->in[IN_NEXT].s);
	http_redirect(r, 303, next ? r->in[IN_NEXT].s : "/");
}
