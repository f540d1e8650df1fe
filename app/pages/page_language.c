/* page_language.c: the language switch's action. The choice is kept in a cookie for a year on this
 * device, and saved with the account of a person signed in, so that their other devices follow it; then
 * back to the page the switch was on. */
#include "pages/lang.h"
#include "pages/pages.h"
#include "security/auth.h"
#include "store/accounts.h"

enum { IN_LANG, IN_NEXT };
const struct field language_fields[] = {
	[IN_LANG] = {"lang", FIELD_TEXT, 2, 3, true},
	[IN_NEXT] = {"next", FIELD_TEXT, 1, 200, false},   /* the page to go back to: auth_next_ok */
	{NULL},
};

void page_language(struct req *r)
{
	const struct lang_info *l = lang_find(r->in[IN_LANG].s);
	if (l == NULL) {
		http_error(r, 400, "The site does not offer that language.");
		return;
	}
	if (r->me != NULL && http_store_failed(r, db_user_set_lang(r->db, r->me->id, l->code),
	                                       "your choice of language could not be saved"))
		return;
	auth_lang_cookie(r, l->code);
	bool next = r->in[IN_NEXT].state == FIELD_OK && auth_next_ok(r->in[IN_NEXT].s);
	http_redirect(r, 303, next ? r->in[IN_NEXT].s : "/");
}
