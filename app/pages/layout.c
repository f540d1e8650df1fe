/* layout.c: the page frame every page shares (header, navigation, footer), and the error page. */
#include "pages/pages.h"

#include <string.h>

#include "core/utf8.h"
#include "domain/account.h"
#include "pages/lang.h"
#include "security/auth.h"
#include "server/config.h"

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
	layout_begin_wide(r, title, false);
}

void layout_begin_wide(struct req *r, const char *title, bool wide)
{
	layout_open(r, &(struct layout){.title = title});
	html(r, wide ? "<main id=\"main\" class=\"wide\">\n" : "<main id=\"main\">\n");
}

void layout_open(struct req *r, const struct layout *l)
{
	const struct lang_info *lang = page_lang(r);
	html(r,
	     "<!doctype html>\n"
	     "<html lang=\"%s\" dir=\"%s\">\n"
	     "<head>\n"
	     "<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<title>%s · Passage</title>\n"
	     "<link rel=\"stylesheet\" href=\"%s\">\n"
	     "<link rel=\"icon\" href=\"data:,\">\n",
	     lang->code, lang->rtl ? "rtl" : "ltr", l->title, STATIC_CSS);
	if (l->script)
		html(r, "<script src=\"%s\" defer></script>\n", STATIC_JS);
	if (l->listen)
		html(r, "<script src=\"%s\" defer></script>\n", STATIC_LISTEN_JS);
	if (l->refresh > 0)   /* without JavaScript only: with it, live.js fetches what changed */
		html(r, "<noscript><meta http-equiv=\"refresh\" content=\"%d\"></noscript>\n", l->refresh);
	html(r, "</head>\n");
	if (l->body_class)
		html(r, "<body class=\"%s\">\n", l->body_class);
	else
		html(r, "<body>\n");
	html(r, "<a class=\"skip\" href=\"#main\">%s</a>\n", _("Skip to content"));
	if (l->bare)
		return;
	html(r, "<header class=\"site\">\n"
	        "<a class=\"brand\" href=\"/\">Passage</a>\n"
	        "<nav aria-label=\"%s\"><ul>\n", _("Main"));
	nav_link(r, "/", _("Home"));
	if (r->me == NULL) {
		nav_link(r, "/join", _("Join"));
		nav_link(r, "/live", _("Live workshop"));
		nav_link(r, "/signin", _("Sign in"));
	} else {
		nav_link(r, "/modules", _("My modules"));
		nav_link(r, "/me", _("My account"));
		if (role_is_staff(r->me->role)) {
			nav_link(r, "/cohorts", _("Cohorts"));
			nav_link(r, "/workshops", _("Live workshops"));
		} else {
			nav_link(r, "/live", _("Live workshop"));
		}
		if (r->me->role == ROLE_ADMIN)
			nav_link(r, "/admin/users", _("Users"));
		html(r, "<li><form method=\"post\" action=\"/signout\" class=\"inline\">");
		auth_form_token(r);
		html(r, "<button type=\"submit\" class=\"link\">%s</button></form></li>\n", _("Sign out"));
	}
	html(r, "</ul></nav>\n"
	        "</header>\n");
}

const char *form_title(struct req *r, const char *title, bool has_errors)
{
	return has_errors ? arena_printf(r->arena, _("Error: %s"), title) : title;
}

const char *field_error(struct req *r, size_t i, const char *what)
{
	return r->in[i].state == FIELD_INVALID ? tr(r, what) : NULL;
}

const char *field_chars_error(struct req *r, size_t i, int max)
{
	size_t n = r->in[i].s ? utf8_chars(r->in[i].s, r->in[i].len) : 0;
	const char *why = n > (size_t)max ? arena_printf(r->arena, _n("it has %zu character: use up to %d", "it has %zu characters: use up to %d", n), n, max) : NULL;
	return why ? why : _("use letters, numbers and signs, without control characters");
}

const char *full_stop(const char *text)
{
	static const char *const closers[] = {"\"", "'", ")", "]", "”", "’", "»", NULL};
	static const char *const enders[] = {".", "?", "!", "…", "؟", "۔", "।", "።", "፧", "。", "？", "！", NULL};
	size_t n = strlen(text);
	for (bool again = true; again;) {
		again = false;
		for (int i = 0; closers[i]; i++) {
			size_t k = strlen(closers[i]);
			if (n >= k && memcmp(text + n - k, closers[i], k) == 0) {
				n -= k;
				again = true;
			}
		}
	}
	for (int i = 0; enders[i]; i++) {
		size_t k = strlen(enders[i]);
		if (n >= k && memcmp(text + n - k, enders[i], k) == 0)
			return "";
	}
	return ".";
}

void layout_close(struct req *r, bool bare)
{
	if (bare) {
		html(r, "</main>\n</body>\n</html>\n");
		return;
	}
	layout_end(r);
}

void layout_end(struct req *r)
{
	html(r, "</main>\n"
	        "<footer class=\"site\">\n");
	lang_switch(r);
	html(r, "<p>%s</p>\n", _("Passage: training on migration and human rights, drawn from the 2009 expert seminar "
	                         "“Linking human rights and migrant empowerment for development”."));
	html(r, "</footer>\n"
	        "</body>\n"
	        "</html>\n");
}

/* "The problem: ..." */
static void problem(struct req *r, const char *detail)
{
	html(r, "<p>");
	html(r, _("The problem: %s."), detail);
	html(r, "</p>\n");
}

/* Called by the server for every error status (http_error): the same frame, a plain title, what went
 * wrong in words, and a way back. */
void page_error(struct req *r, int status, const char *title, const char *detail)
{
	title = tr(r, title);
	layout_begin(r, title);
	html(r, "<h1>%s</h1>\n", title);
	if (detail != NULL)
		detail = tr(r, detail);
	switch (status) {
	case 404:
		html(r, "<p>%s</p>\n", _("There is no page at this address. It may have moved, or the address may be mistyped."));
		break;
	case 503:
		html(r, "<p>%s</p>\n", _("Passage cannot reach its database just now. Nothing you saved is lost. Please try "
		                         "again in a moment."));
		break;
	case 429:
		if (detail != NULL)
			problem(r, detail);
		html(r, "<p>%s</p>\n", _("There were too many attempts in a short time. Please wait a little, then try again."));
		break;
	default:
		if (status >= 500)
			html(r, "<p>%s</p>\n", _("The problem has been logged. Nothing you saved is lost. Please try again."));
		else if (detail != NULL)
			problem(r, detail);
		break;
	}
	html(r, "<p class=\"code\">");
	html(r, _("Error %d."), status);
	html(r, "</p>\n<p><a href=\"/\">%s</a></p>\n", _("Go to the home page"));
	layout_end(r);
}

const char *site_url(struct req *r)
{
	if (r->cfg->base_url[0] != '\0')
		return r->cfg->base_url;
	if (r->host != NULL && config_host_ok(r->host, strlen(r->host)))
		return arena_printf(r->arena, "%s://%s", r->https ? "https" : "http", r->host);
	return "https://localhost";
}
