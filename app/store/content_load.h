/* content_load.h: loading parsed modules into the database as revisions. */
#ifndef PASSAGE_STORE_CONTENT_LOAD_H
#define PASSAGE_STORE_CONTENT_LOAD_H

#include <stdio.h>

#include "domain/content.h"

/* Loads every module of c in one transaction. A module whose fingerprint matches its current revision
 * is not touched; an edited one gets a new revision; the glossary is replaced. Returns 0, or 1 with
 * the reason written to out. */
int db_content_load(const char *conninfo, const struct content *c, FILE *out);

#endif
