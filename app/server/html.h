/* html.h: writing HTML into the response. Escaping is the default: html() escapes every %s argument,
 * html_text() escapes its string. Markup that is already safe (a literal template, or HTML rendered from
 * Markdown at load time) goes through html_trusted(), whose name says what the caller promises. */
#ifndef PASSAGE_HTML_H
#define PASSAGE_HTML_H

#include <stddef.h>

#include "server/http.h"

/* Formats into the body as printf does, with every conversion the format attribute accepts (flags, widths,
 * precisions, '*', n$ numbering, every length modifier). The format is markup (a literal); the result of
 * each conversion is text, escaped. A NULL %s prints nothing; %n fails the response (b->failed). */
void html(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_text(struct req *r, const char *s);
void html_textn(struct req *r, const char *s, size_t n);
void html_trusted(struct req *r, const char *markup);

/* The interface in the request's language (core/msg.h). The language is chosen on first use by the site's
 * `language` hook (or is English without one), so a handler needs no set-up. Each returns a string of
 * the catalog (or the English given) and is marked format_arg, so that html(r, _("%d left"), n) is
 * checked against the English at compile time; the build's msgfmt --check holds each translation to the
 * same directives.
 *
 *   _("text")                 a message; `make pot` finds the calls by these names
 *   _p("context", "text")     the same text meaning something else ("May" the month, "May" the verb)
 *   _n("one", "many", n)      the form for n, by the language's plural rule
 *   N_("text")                marks a string in a table for `make pot`; translate it with tr() where
 *                             it is shown
 *   NC_("context", "text")    the same for trp()
 * The macros use the request in scope, named r; elsewhere call tr(), trp(), trn(). */
const char *tr(struct req *r, const char *id) __attribute__((format_arg(2)));
const char *trp(struct req *r, const char *ctx, const char *id) __attribute__((format_arg(3)));
const char *trn(struct req *r, const char *id, const char *plural, unsigned long n)
	__attribute__((format_arg(2), format_arg(3)));
#define _(s) tr(r, s)
#define _p(c, s) trp(r, c, s)
#define _n(s, p, n) trn(r, s, p, n)
#define N_(s) (s)
#define NC_(c, s) (s)

/* Escapes s into b (for callers building strings outside a response). */
void html_escape(struct buf *b, const char *s, size_t n);

#endif
