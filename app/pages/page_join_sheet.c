/* page_join_sheet.c: a page to print or project for the room: where to go, the join code in large type,
 * and a QR code that opens the join form with the code filled in. */
#include "pages/cohort.h"
#include "pages/lang.h"
#include "pages/qr.h"

void page_join_sheet(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c))
		return;
	bool open = c.join_code[0] && c.join_enabled && !c.join_expired && !c.archived;
	if (c.lang[0])   /* the sheet is for the room: in the cohort's language, when it has one */
		lang_use(r, c.lang);
	const char *address = arena_printf(r->arena, "%s/join", site_url(r));
	/* TRANSLATORS: the page's title; %s is the cohort's name */
	layout_begin_wide(r, arena_printf(r->arena, _("Join sheet: %s"), c.name), true);
	html(r, "<div class=\"no-print\">");
	cohort_nav(r, &c, "Join sheet");   /* the tab's key, not a text shown */
	html(r, "</div>\n<div class=\"sheet\">\n<h1>");
	/* TRANSLATORS: the heading of the sheet printed for the room; %s is the cohort's name */
	html(r, _("Join “<bdi>%s</bdi>”"), c.name);
	html(r, "</h1>\n");
	if (!open) {
		html(r, "<p class=\"notice bad\">");
		html(r, _("Joining is closed for this cohort. Open it in the <a href=\"%s\">settings</a> before printing this "
		          "sheet."),
		     arena_printf(r->arena, "/cohorts/%lld/settings", c.id));
		html(r, "</p>\n");
	}
	html(r, "<ol class=\"sheet-steps\">\n<li>");
	/* TRANSLATORS: %s is the web address of the join page, such as https://example.org/join */
	html(r, _("On your phone, open <strong class=\"sheet-address\">%s</strong>"), address);
	html(r, "</li>\n<li>%s<br><span class=\"sheet-code\">%s</span></li>\n<li>%s</li>\n</ol>\n",
	     _("Type this code:"), join_code_display(r, &c),
	     _("Choose a name for yourself. You do not need an email address."));
	html(r, "<p>%s</p>\n<div class=\"qr\">", _("Or scan this code with the phone's camera:"));
	struct buf svg;
	buf_init(&svg, 1 << 20);
	const char *target = arena_printf(r->arena, "%s?code=%s", address, c.join_code);
	/* TRANSLATORS: the QR code's description for screen readers; %s is the join page's web address */
	if (qr_svg(&svg, target, 280, arena_printf(r->arena, _("QR code opening %s with the code filled in"), address)) == 0)
		html_trusted(r, svg.p);
	buf_free(&svg);
	html(r, "</div>\n");
	if (c.join_last_day[0]) {
		html(r, "<p>");
		/* TRANSLATORS: %s is a date, such as 31 Dec 2026 */
		html(r, _("The code works until the end of %s (UTC)."), lang_day(r, c.join_last_day));
		html(r, "</p>\n");
	}
	html(r, "</div>\n<p class=\"no-print\">");
	html(r, _("For people without a phone: <a href=\"%s\">a sheet of slips</a>, each a new trainee with their own "
	          "resume code."),
	     arena_printf(r->arena, "/cohorts/%lld/slips", c.id));
	html(r, "</p>\n<p class=\"no-print\"><a href=\"/cohorts/%lld\">%s</a></p>\n", c.id, _("Back to the cohort"));
	layout_end(r);
}
