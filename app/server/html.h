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

/* Escapes s into b (for callers building strings outside a response). */
void html_escape(struct buf *b, const char *s, size_t n);

#endif
