/* msg.h: the interface's message catalogs. Each is a gettext catalog (po/CODE.po, compiled by msgfmt at
 * build time into a .mo image the binary carries), read here without the C library's gettext, so that no
 * process-wide locale is involved and every thread can serve a different language at once.
 *
 * English is the source language and has no catalog: a NULL catalog returns the English it is given. An
 * entry missing from a catalog falls back to the English too (the PO check in `make test` fails first). */
#ifndef PASSAGE_MSG_H
#define PASSAGE_MSG_H

#include <stdbool.h>
#include <stddef.h>

struct catalog;

/* The catalog compiled for a language code ("fr"), or NULL (English, or a code without one). */
const struct catalog *msg_catalog(const char *code);

/* The translation of id (in context ctx, or none when NULL), or id itself. */
const char *msg_get(const struct catalog *c, const char *ctx, const char *id);
/* The plural form for n of id / plural, chosen by the catalog's Plural-Forms rule (English: id for 1,
 * plural otherwise). */
const char *msg_nget(const struct catalog *c, const char *ctx, const char *id, const char *plural,
                     unsigned long n);

/* The rule of a catalog's Plural-Forms header ("nplurals=6; plural=n==0 ? 0 : ...;") for n: the index of
 * the form, or -1 when expr is not a valid rule. Exposed for the tests. */
int msg_plural_eval(const char *expr, unsigned long n);

/* For the tests: walking a catalog. msg_entry gives entry i's original (context, "\004", id, and for a
 * plural "\0" and the plural) and translation (forms separated by "\0"), with their lengths. */
size_t msg_count(const struct catalog *c);
bool msg_entry(const struct catalog *c, size_t i, const char **orig, size_t *olen, const char **trans,
               size_t *tlen);
int msg_nplurals(const struct catalog *c);

/* The compiled images (build/gen/catalogs.c, from each po/CODE.po). */
struct msg_image {
	const char *code;
	const unsigned char *data;
	size_t len;
};
extern const struct msg_image msg_images[];
extern const size_t nmsg_images;

#endif
