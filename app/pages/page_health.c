/* page_health.c: probes for load balancers and supervisors. /healthz says the process answers and
 * touches nothing else; /readyz also makes one database round trip. */
#include "pages/pages.h"
#include "store/db.h"

void page_healthz(struct req *r)
{
	r->resp.ctype = "text/plain; charset=utf-8";
	html_trusted(r, "ok\n");
}

void page_readyz(struct req *r)
{
	r->resp.ctype = "text/plain; charset=utf-8";
	enum db_status st = db_ping(r->db);
	if (st != DB_OK) {
		/* Answered here, not by http_unavailable: a probe's answer is read by a machine, so it stays one line
		 * of plain text, and a load balancer asking every second while the database is away does not write
		 * an error page and an error log line each time. */
		r->resp.status = 503;
		http_header(r, "Retry-After: 2");
		html(r, "not ready: %s\n", db_status_text(st));
		return;
	}
	html_trusted(r, "ready\n");
}
