/* page_join_sheet.c: a page to print or project for the room: where to go, the join code in large type,
 * and a QR code that opens the join form with the code filled in. */
#include "pages/cohort.h"
#include "pages/qr.h"

void page_join_sheet(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c))
		return;
	bool open = c.join_code[0] && c.join_enabled && !c.join_expired && !c.archived;
	const char *address = arena_printf(r->arena, "%s/join", site_url(r));
	layout_begin_wide(r, arena_printf(r->arena, "Join sheet: %s", c.name), true);
	html(r, "<div class=\"no-print\">");
	cohort_nav(r, &c, "Join sheet");
	html(r, "</div>\n<div class=\"sheet\">\n<h1>Join “<bdi>%s</bdi>”</h1>\n", c.name);
	if (!open) {
		html(r, "<p class=\"notice bad\">Joining is closed for this cohort. Open it in the <a href=\"/cohorts/%lld/settings\">"
		        "settings</a> before printing this sheet.</p>\n",
		     c.id);
	}
	html(r, "<ol class=\"sheet-steps\">\n<li>On your phone, open <strong class=\"sheet-address\">%s</strong></li>\n"
	        "<li>Type this code:<br><span class=\"sheet-code\">%s</span></li>\n"
	        "<li>Choose a name for yourself. You do not need an email address.</li>\n</ol>\n",
	     address, join_code_display(r, &c));
	html(r, "<p>Or scan this code with the phone's camera:</p>\n<div class=\"qr\">");
	struct buf svg;
	buf_init(&svg, 1 << 20);
	const char *target = arena_printf(r->arena, "%s?code=%s", address, c.join_code);
	if (qr_svg(&svg, target, 280, arena_printf(r->arena, "QR code opening %s with the code filled in", address)) == 0)
		html_trusted(r, svg.p);
	buf_free(&svg);
	html(r, "</div>\n");
	if (c.join_last_day[0])
		html(r, "<p>The code works until the end of %s (UTC).</p>\n", c.join_last_day);
	html(r, "</div>\n<p class=\"no-print\">For people without a phone: <a href=\"/cohorts/%lld/slips\">a sheet of "
	        "slips</a>, each a new trainee with their own resume code.</p>\n", c.id);
	html(r, "<p class=\"no-print\"><a href=\"/cohorts/%lld\">Back to the cohort</a></p>\n", c.id);
	layout_end(r);
}
