/* layout.c: the page frame every page shares (header, navigation, footer), and the error page. */
#include "pages/pages.h"
#include <string.h>

#include "static_names.h"

/* A navigation link, marked as the current page when it is. */
static void nav_link(struct req *r, const char *href, const char *label)
{
	if (strcmp(r->path, href) == 0)
		html(r, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>\n", href, label);
	else
		html(r, "<li><a href=\"%s\">%s</a></li>\n", href, label);
}

void layout_begin(struct req *r, const char *title)
{
	html(r,
	     "<!doctype html>\n"
	     "<html lang=\"en\">\n"
	     "<head>\n"
	     "<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<title>%s · Passage</title>\n"
	     "<link rel=\"stylesheet\" href=\"%s\">\n"
	     "<link rel=\"icon\" href=\"data:,\">\n"
	     "</head>\n"
	     "<body>\n"
	     "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	     "<header class=\"site\">\n"
	     "<a class=\"brand\" href=\"/\">Passage</a>\n"
	     "<nav aria-label=\"Main\"><ul>\n",
	     title, STATIC_CSS);
	nav_link(r, "/", "Home");
	html(r, "</ul></nav>\n"
	        "</header>\n"
	        "<main id=\"main\">\n");
}

void layout_end(struct req *r)
{
	html(r, "</main>\n"
	        "<footer class=\"site\">\n"
	        "<p>Passage: training on migration and human rights, drawn from the 2009 expert seminar "
	        "\"Linking human rights and migrant empowerment for development\".</p>\n"
	        "</footer>\n"
	        "</body>\n"
	        "</html>\n");
}

/* Called by the server for every error status (http_error): the same frame, a plain title, what went
 * wrong in words, and a way back. */
void site_error_page(struct req *r, int status, const char *title, const char *detail)
{
	layout_begin(r, title);
	html(r, "<h1>%s</h1>\n", title);
	switch (status) {
	case 404:
		html(r, "<p>There is no page at this address. It may have moved, or the address may be mistyped.</p>\n");
		break;
	case 503:
		html(r, "<p>Passage cannot reach its database just now. Nothing you saved is lost. Please try "
		        "again in a moment.</p>\n");
		break;
	case 429:
		html(r, "<p>There were too many attempts in a short time. Please wait a little, then try again.</p>\n");
		break;
	default:
		if (status >= 500)
			html(r, "<p>The problem has been logged. Nothing you saved is lost. Please try again.</p>\n");
		else if (detail != NULL)
			html(r, "<p>The problem: %s.</p>\n", detail);
		break;
	}
	html(r, "<p class=\"code\">Error %d.</p>\n<p><a href=\"/\">Go to the home page</a></p>\n", status);
	layout_end(r);
}
