/* lang.c: which language a request is served in, and the switch that chooses it. */
#include "pages/lang.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/msg.h"
#include "domain/reports.h"
#include "pages/pages.h"
#include "security/auth.h"
#include "server/form.h"

const struct lang_info site_langs[] = {
	{"en", "English", false},
	{"fr", "Fran\xC3\xA7" "ais", false},
	{"es", "Espa\xC3\xB1ol", false},
	{"ar", "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9", true},   /* العربية */
	{NULL, NULL, false},
};

const struct lang_info *lang_find(const char *code)
{
	for (int i = 0; code && site_langs[i].code; i++)
		if (strcmp(site_langs[i].code, code) == 0)
			return &site_langs[i];
	return NULL;
}

/* The best language of an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"): the highest q among
 * those the site offers, the first on a tie; NULL for none. */
static const struct lang_info *accepted(const char *h)
{
	const struct lang_info *best = NULL;
	int best_q = 0;
	while (h && *h) {
		while (*h == ' ' || *h == ',')
			h++;
		char code[4] = "";
		size_t n = 0;
		while (((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z')) && n < 3)
			code[n++] = (char)(*h++ | 0x20);
		code[n] = '\0';
		while (*h && *h != ';' && *h != ',')
			h++;   /* a region ("-CH") or a longer tag */
		int q = 1000;
		if (*h == ';') {
			const char *qs = strstr(h, "q=");
			const char *end = strchr(h, ',');
			if (qs && (end == NULL || qs < end)) {
				q = qs[2] == '1' ? 1000 : 0;
				if (qs[2] == '0' && qs[3] == '.')
					for (int i = 4, scale = 100; i < 7 && qs[i] >= '0' && qs[i] <= '9'; i++, scale /= 10)
						q += (qs[i] - '0') * scale;
			}
			h = end ? end : h + strlen(h);
		}
		const struct lang_info *l = lang_find(code);
		if (l && q > best_q) {
			best = l;
			best_q = q;
		}
	}
	return best;
}

const struct lang_info *page_lang(struct req *r)
{
	const struct lang_info *l = lang_find(r->lang);
	if (l)
		return l;
	http_header(r, "Vary: Cookie, Accept-Language");   /* what a page says depends on them */
	l = lang_find(http_kv_get(&r->cookies, AUTH_LANG_COOKIE));
	if (l == NULL && r->me != NULL)
		l = lang_find(r->me->lang);
	if (l == NULL)
		l = accepted(r->accept_language);
	if (l == NULL)
		l = &site_langs[0];
	r->lang = l->code;
	r->cat = msg_catalog(l->code);
	return l;
}

void lang_use(struct req *r, const char *code)
{
	const struct lang_info *l = lang_find(code);
	if (l == NULL)
		return;
	(void)page_lang(r);   /* the Vary header, as for any page that depends on the choice */
	r->lang = l->code;
	r->cat = msg_catalog(l->code);
}

void lang_choose(struct req *r)
{
	(void)page_lang(r);
}

const char *lang_dir(const char *code)
{
	const struct lang_info *l = lang_find(code);
	return l && l->rtl ? "rtl" : "ltr";
}

void lang_attrs(struct req *r, const char *code)
{
	const struct lang_info *l = lang_find(code);
	if (l == NULL)
		l = &site_langs[0];
	html(r, " lang=\"%s\" dir=\"%s\"", l->code, l->rtl ? "rtl" : "ltr");
}

void lang_switch(struct req *r)
{
	const struct lang_info *cur = page_lang(r);
	html(r, "<form method=\"post\" action=\"/language\" class=\"lang-switch\">\n");
	auth_form_token(r);
	auth_next_input(r, r->path);
	html(r, "<label for=\"f-lang\">%s</label>\n<select id=\"f-lang\" name=\"lang\">\n", _("Language"));
	for (int i = 0; site_langs[i].code; i++)
		html(r, "<option value=\"%s\" lang=\"%s\"%s>%s</option>\n", site_langs[i].code, site_langs[i].code,
		     &site_langs[i] == cur ? " selected" : "", site_langs[i].name);
	html(r, "</select>\n<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _("Change"));
}

const char *lang_date(struct req *r, long long epoch)
{
	static const char *const months[12] = {
		NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"), NC_("month", "May"), NC_("month", "Jun"),
		NC_("month", "Jul"), NC_("month", "Aug"), NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
	};
	if (epoch <= 0)
		return "";
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	/* TRANSLATORS: a date: %1$d the day, %2$s the month's short name, %3$d the year ("8 Dec 2026"). */
	return arena_printf(r->arena, _("%1$d %2$s %3$d"), tm.tm_mday, trp(r, "month", months[tm.tm_mon]),
	                    tm.tm_year + 1900);
}

const char *lang_day(struct req *r, const char *iso)
{
	struct tm tm = {0};
	int y, m, d;
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return iso ? iso : "";
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return lang_date(r, (long long)timegm(&tm));
}

const char *lang_figure(struct req *r, double v)
{
	char plain[32];
	fmt_figure(v, plain);
	/* TRANSLATORS: the decimal separator: "." in English, "," in French and Spanish. */
	const char *sep = _p("decimal separator", ".");
	char *dot = strchr(plain, '.');
	if (dot == NULL || strcmp(sep, ".") == 0)
		return arena_strdup(r->arena, plain);
	*dot = '\0';
	return arena_printf(r->arena, "%s%s%s", plain, sep, dot + 1);
}
