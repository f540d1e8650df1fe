/* stubs.c: the few functions that the parsers' files reference but that no harness reaches (the database
 * and the site's error page live in layers a parser does not need). Each aborts: reaching one is a bug. */
#include <stdlib.h>

#include "server/server.h"
#include "store/db.h"

enum db_status db_ensure(struct db *db)
{
	(void)db;
	abort();
}

void site_error_page(struct req *r, int status, const char *title, const char *detail)
{
	(void)r, (void)status, (void)title, (void)detail;
	abort();
}
