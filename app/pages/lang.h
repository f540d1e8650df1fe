/* lang.h: the languages the content is offered in, and which one a request is served in. The interface
 * itself is English for now (issue 21): a page keeps lang="en", and what comes from the content (a
 * lesson, a module's title and summary, the glossary, the page on the source) carries its own lang and
 * dir, with a note where it is shown in English because it is not translated yet. */
#ifndef PASSAGE_LANG_H
#define PASSAGE_LANG_H

#include <stdbool.h>

#include "server/http.h"

struct lang_info {
	const char *code;   /* "fr" */
	const char *name;   /* in the language itself: "Français" */
	bool rtl;
};

extern const struct lang_info site_langs[];   /* English first; ends with a NULL code */

/* The language of a code, or NULL when the site does not offer it. */
const struct lang_info *lang_find(const char *code);

/* The language this request is served in, interface and content alike: the choice made on this device
 * (the cookie the language switch sets, and sign-in sets to the person's saved language), then the
 * signed-in person's saved language or, without one, their cohort's, then the best of the browser's
 * Accept-Language, then English. Chosen once per request (r->lang, r->cat). */
const struct lang_info *page_lang(struct req *r);

/* Serves this request in `code` instead (a page for others to read: the join sheet in its cohort's
 * language, the projector in its workshop's). Nothing when the site does not offer it. */
void lang_use(struct req *r, const char *code);

/* page_lang as the site's `language` hook (server/server.h). */
void lang_choose(struct req *r);

/* "rtl" or "ltr": the direction content in code runs in. */
const char *lang_dir(const char *code);

/* ` lang="fr" dir="ltr"` for content in code (English: ` lang="en" dir="ltr"`), to put inside a tag. */
void lang_attrs(struct req *r, const char *code);

/* A date as the request's language writes it ("8 Dec 2026", "8 déc. 2026"); "" for none (epoch <= 0).
 * Files that other programs read (the CSV exports) keep ISO dates. */
const char *lang_date(struct req *r, long long epoch);
/* The same for a day written YYYY-MM-DD (as the database gives it); anything else as it is. */
const char *lang_day(struct req *r, const char *iso);
/* A report's figure (fmt_figure: one decimal at most, "" for none) with the language's decimal separator
 * ("72.5", "72,5"). */
const char *lang_figure(struct req *r, double v);

/* The language switch, a small form (works without JavaScript) at the foot of every page. */
void lang_switch(struct req *r);

#endif
