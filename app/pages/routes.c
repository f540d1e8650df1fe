/* routes.c: the dispatch table. Every route the program answers is on this page. */
#include "pages/pages.h"

#define NF(a) (a), (sizeof(a) / sizeof((a)[0]))

const struct route site_routes[] = {
	/* pattern      methods      handler        fields    flags */
	{"/",           METHOD_GET,  page_home,     NULL, 0,  0},
	{"/healthz",    METHOD_GET,  page_healthz,  NULL, 0,  ROUTE_NOLOG},
	{"/readyz",     METHOD_GET,  page_readyz,   NULL, 0,  ROUTE_NOLOG},
};
const size_t site_nroutes = sizeof(site_routes) / sizeof(site_routes[0]);
