/* test_msg.c: the message catalogs (core/msg.c): plural rules evaluated by hand, and every catalog the
 * binary carries held to the English it translates: the same markup, the plural forms its language
 * needs, one for every language the site offers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/msg.h"
#include "core/arena.h"
#include "pages/lang.h"

#define AR_RULE "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5"

Test(msg, plural_rules_by_hand)
{
	static const struct { unsigned long n; int form; } ar[] = {
		{0, 0}, {1, 1}, {2, 2}, {3, 3}, {10, 3}, {11, 4}, {99, 4}, {100, 5}, {101, 5}, {102, 5},
		{103, 3}, {111, 4}, {1000, 5},
	};
	for (size_t i = 0; i < sizeof(ar) / sizeof(ar[0]); i++)
		cr_expect_eq(msg_plural_eval(AR_RULE, ar[i].n), ar[i].form, "Arabic, n=%lu", ar[i].n);
	cr_expect_eq(msg_plural_eval("n > 1", 0), 0, "French: zero is singular");
	cr_expect_eq(msg_plural_eval("n > 1", 1), 0);
	cr_expect_eq(msg_plural_eval("n > 1", 2), 1);
	cr_expect_eq(msg_plural_eval("n != 1", 0), 1, "English and Spanish: zero is plural");
	cr_expect_eq(msg_plural_eval("(n != 1)", 1), 0);
	/* Russian's three forms, with parentheses and both kinds of comparison. */
	const char *ru = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";
	cr_expect_eq(msg_plural_eval(ru, 21), 0);
	cr_expect_eq(msg_plural_eval(ru, 22), 1);
	cr_expect_eq(msg_plural_eval(ru, 12), 2);
	cr_expect_eq(msg_plural_eval("0", 7), 0, "one form only (Chinese, Japanese)");
	cr_expect_eq(msg_plural_eval("!(n == 1)", 1), 0);
	cr_expect_eq(msg_plural_eval("n / 0", 4), 0, "a division by zero yields 0");
}

Test(msg, a_bad_rule_is_refused)
{
	const char *bad[] = {"", "n ==", "(n", "n ? 1", "n ? 1 : ", "m != 1", "n != 1;", "7", "n + + 1", "n != 1 )"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(msg_plural_eval(bad[i], 3), -1, "%s", bad[i]);
	char deep[400];
	memset(deep, '(', 200);
	strcpy(deep + 200, "n");
	cr_expect_eq(msg_plural_eval(deep, 1), -1, "nesting has a limit");
}

Test(msg, english_has_no_catalog_and_gets_its_own_words)
{
	cr_expect_null(msg_catalog("en"));
	cr_expect_null(msg_catalog("xx"));
	cr_expect_null(msg_catalog(NULL));
	cr_expect_str_eq(msg_get(NULL, NULL, "Home"), "Home");
	cr_expect_str_eq(msg_nget(NULL, NULL, "%d day", "%d days", 1), "%d day");
	cr_expect_str_eq(msg_nget(NULL, NULL, "%d day", "%d days", 0), "%d days");
}

/* The tags of s (each "<...>", attributes included) in sorted order, joined by newlines. */
static char *tags(const char *s)
{
	const char *list[64];
	size_t lens[64], n = 0;
	for (const char *p = strchr(s, '<'); p && n < 64; p = strchr(p + 1, '<')) {
		const char *e = strchr(p, '>');
		if (e == NULL)
			break;
		list[n] = p;
		lens[n++] = (size_t)(e - p + 1);
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			size_t k = lens[j] < lens[j - 1] ? lens[j] : lens[j - 1];
			int c = strncmp(list[j - 1], list[j], k);
			if (c < 0 || (c == 0 && lens[j - 1] <= lens[j]))
				break;
			const char *tp = list[j];
			size_t tl = lens[j];
			list[j] = list[j - 1], lens[j] = lens[j - 1];
			list[j - 1] = tp, lens[j - 1] = tl;
		}
	char *out = calloc(1, strlen(s) + n + 1);
	for (size_t i = 0; i < n; i++) {
		strncat(out, list[i], lens[i]);
		strcat(out, "\n");
	}
	return out;
}

Test(msg, every_language_offered_has_a_complete_catalog_with_the_same_markup)
{
	for (int l = 1; site_langs[l].code; l++) {
		const struct catalog *c = msg_catalog(site_langs[l].code);
		cr_expect_not_null(c, "%s has no catalog", site_langs[l].code);
		if (c == NULL)
			continue;
		cr_expect_eq(msg_nplurals(c), strcmp(site_langs[l].code, "ar") == 0 ? 6 : 2, "%s", site_langs[l].code);
		cr_expect_gt(msg_count(c), 100, "%s", site_langs[l].code);
		for (size_t i = 0; i < msg_count(c); i++) {
			const char *o, *t;
			size_t ol, tl;
			cr_assert(msg_entry(c, i, &o, &ol, &t, &tl));
			if (o[0] == '\0')
				continue;   /* the header */
			const char *id = strchr(o, '\004') ? strchr(o, '\004') + 1 : o;
			char *want = tags(id);
			/* every form of the translation carries the English's markup */
			for (const char *f = t; f < t + tl; f += strlen(f) + 1) {
				char *got = tags(f);
				cr_expect_str_eq(got, want, "%s: \"%s\" -> \"%s\"", site_langs[l].code, id, f);
				free(got);
			}
			free(want);
		}
	}
	for (size_t i = 0; i < nmsg_images; i++)
		cr_expect_not_null(lang_find(msg_images[i].code), "a catalog for %s, which the site does not offer",
		                   msg_images[i].code);
}

/* No web fonts (the weight budget): Arabic is set in the faces phones and computers already have. */
Test(msg, the_stylesheet_names_system_arabic_fonts_and_loads_none)
{
	FILE *f = fopen("web/static/passage.css", "r");
	cr_assert_not_null(f, "run from the repository's top folder");
	static char css[64 * 1024];
	size_t n = fread(css, 1, sizeof(css) - 1, f);
	fclose(f);
	css[n] = '\0';
	cr_expect_null(strstr(css, "@font-face"));
	cr_expect_null(strstr(css, "url("));
	const char *ar = strstr(css, ":lang(ar){font-family:");
	cr_assert_not_null(ar);
	const char *end = strchr(ar, ';');
	cr_assert_not_null(end);
	char stack[512];
	snprintf(stack, sizeof(stack), "%.*s", (int)(end - ar), ar);
	const char *want[] = {"\"Noto Naskh Arabic\"", "\"Geeza Pro\"", "\"Segoe UI\"", "Tahoma", "\"DejaVu Sans\""};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		cr_expect_not_null(strstr(stack, want[i]), "%s lacks %s", stack, want[i]);
	cr_expect_not_null(strstr(stack, ",sans-serif"), "a generic family last");
}

/* Dates and figures in the request's language: the catalog's month names, date order and decimal
 * separator (pages/lang.c). */
Test(msg, dates_and_figures_are_written_each_language_s_way)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	struct req r = {.arena = &a, .lang = "en"};
	cr_expect_str_eq(lang_date(&r, 1796731200), "8 Dec 2026");   /* 2026-12-08 12:00 UTC */
	cr_expect_str_eq(lang_day(&r, "2026-12-08"), "8 Dec 2026");
	cr_expect_str_eq(lang_day(&r, "not a date"), "not a date");
	cr_expect_str_eq(lang_figure(&r, 72.5), "72.5");
	cr_expect_str_eq(lang_figure(&r, 72.0), "72");
	r.lang = "fr";
	r.cat = msg_catalog("fr");
	cr_assert_not_null(r.cat);
	cr_expect_str_eq(lang_figure(&r, 72.5), "72,5");
	cr_expect_str_eq(lang_date(&r, 1796731200), "8 d\xc3\xa9" "c. 2026");
	r.lang = "ar";
	r.cat = msg_catalog("ar");
	cr_expect_str_eq(lang_figure(&r, 3.4), "3.4", "Western digits and a point, as the catalog says");
	cr_expect_not_null(strstr(lang_date(&r, 1796731200), "\xd8\xaf\xd9\x8a\xd8\xb3\xd9\x85\xd8\xa8\xd8\xb1"), "ديسمبر");
	arena_free(&a);
}
