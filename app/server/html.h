/* html.h: writing HTML into the response. Escaping is the default: html() escapes every %s argument,
 * html_text() escapes its string. Markup that is already safe (a literal template, or HTML rendered from
 * Markdown at load time) goes through html_trusted(), whose name says what the caller promises. */
#ifndef PASSAGE_HTML_H
#define PASSAGE_HTML_H

#include <stddef.h>

#include "server/http.h"

/* Formats into the body. The format string is markup (a literal); %s arguments are escaped.
 * Supported: %s %.*s %d %i %u %ld %lu %lld %llu %zu %x %c %%. */
void html(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_text(struct req *r, const char *s);
void html_textn(struct req *r, const char *s, size_t n);
void html_trusted(struct req *r, const char *markup);

/* Escapes s into b (for callers building strings outside a response). */
void html_escape(struct buf *b, const char *s, size_t n);

#endif
