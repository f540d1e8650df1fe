/* pages.h: the page handlers and the shared layout. Pages read the request, call the store and the
 * domain, and write HTML through the escaping helpers; they know no SQL and no libfcgi. */
#ifndef PASSAGE_PAGES_H
#define PASSAGE_PAGES_H

#include "server/html.h"
#include "server/http.h"
#include "server/server.h"

/* layout.c */
void layout_begin(struct req *r, const char *title);
void layout_end(struct req *r);

/* One handler per page. */
void page_home(struct req *r);
void page_healthz(struct req *r);
void page_readyz(struct req *r);

#endif
