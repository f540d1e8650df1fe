/* utf8.h: counting and cutting UTF-8 text in characters. Every length limit on text people type is counted
 * with these, never in bytes. A character is a Unicode code point, as PostgreSQL's length() counts it in the
 * database's CHECK constraints: a combining mark counts as one (a decomposed "Zoë" is 4 characters, a
 * composed one 3), and so does an emoji's skin-tone modifier. A cut never splits a code point, and never
 * separates a letter from the marks that follow it. */
#ifndef PASSAGE_UTF8_H
#define PASSAGE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF, no stray continuation byte. */
bool utf8_valid(const char *s, size_t n);
/* Characters (code points) in the n bytes of valid UTF-8 at s. */
size_t utf8_chars(const char *s, size_t n);
/* The length in bytes of the longest start of s (n bytes of valid UTF-8) that holds at most max characters
 * and ends where a character begins that is not a combining mark, a zero-width joiner or a skin-tone
 * modifier (n itself when s is short enough). May be 0 for a first letter carrying more than max marks. */
size_t utf8_cut(const char *s, size_t n, size_t max);
/* s (NUL-terminated, valid UTF-8), cut to at most max characters as utf8_cut does: a copy in the arena,
 * or NULL when the arena is full. */
char *utf8_prefix(struct arena *a, const char *s, size_t max);
/* True when the n bytes of valid UTF-8 at s hold a control character: C0, DEL or C1 (U+0080 to U+009F).
 * With `multiline`, newline, carriage return and tab are allowed. The rule for every text a person types
 * (FIELD_TEXT and FIELD_TEXTAREA; the command line's names). */
bool utf8_has_control(const char *s, size_t n, bool multiline);

#endif
