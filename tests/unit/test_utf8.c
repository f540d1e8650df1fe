/* test_utf8.c: counting characters and cutting text between them (core/utf8.h), with names in Arabic,
 * Ethiopic, Devanagari, emoji and combining marks; the declared fields that count with them; ending a
 * sentence after text in any script. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "pages/pages.h"
#include "server/http.h"

#define ETHIOPIC_14 "ሐረገወይን፡ገብረመድህን"
#define ZOE_NFD "Zoe\xcc\x88"                 /* e + U+0308 COMBINING DIAERESIS */
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n"   /* e + U+0302 circumflex + U+0303 tilde */
#define FAMILY "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"   /* woman ZWJ woman ZWJ girl */

struct count_vec { const char *s; size_t chars; };
ParameterizedTestParameters(utf8, counts_code_points)
{
	static struct count_vec v[] = {
		{"", 0},
		{"Ana", 3},
		{"Égalité", 7},
		{ETHIOPIC_14, 14},
		{"فاطمة الزهراء", 13},
		{"देवनागरी नाम", 12},            /* vowel signs are marks, and count */
		{"Ana 🌍🧕🏽", 7},                 /* the skin tone is a code point of its own */
		{ZOE_NFD, 4},                     /* decomposed: the diaeresis counts */
		{"Zo\xc3\xab", 3},                /* composed */
		{NGUYEN_NFD, 8},
		{FAMILY, 5},
	};
	return cr_make_param_array(struct count_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct count_vec *v, utf8, counts_code_points)
{
	cr_expect_eq(utf8_chars(v->s, strlen(v->s)), v->chars, "[%s]", v->s);
}

struct cut_vec { const char *s; size_t max; const char *want; };
ParameterizedTestParameters(utf8, cuts_between_characters)
{
	static struct cut_vec v[] = {
		{"abcdef", 3, "abc"},
		{"abc", 3, "abc"},
		{"abc", 40, "abc"},
		{"abc", 0, ""},
		{"", 5, ""},
		{ETHIOPIC_14, 14, ETHIOPIC_14},
		{ETHIOPIC_14, 13, "ሐረገወይን፡ገብረመድህ"},   /* 39 bytes: 40 would split the 14th character */
		{"فاطمة الزهراء", 5, "فاطمة"},
		{"Ana 🌍🧕🏽", 7, "Ana 🌍🧕🏽"},
		{"Ana 🌍🧕🏽", 6, "Ana 🌍"},             /* the modifier does not leave its emoji */
		{"Ana 🌍🧕🏽", 5, "Ana 🌍"},
		{ZOE_NFD, 4, ZOE_NFD},
		{ZOE_NFD, 3, "Zo"},                     /* not an e without its diaeresis */
		{NGUYEN_NFD, 7, "Nguye\xcc\x82\xcc\x83"},
		{NGUYEN_NFD, 6, "Nguy"},
		{NGUYEN_NFD, 5, "Nguy"},
		{"देवनागरी नाम", 2, "दे"},
		{"देवनागरी नाम", 1, ""},                  /* the first letter carries a mark: nothing fits */
		{"Ana " FAMILY, 9, "Ana " FAMILY},
		{"Ana " FAMILY, 8, "Ana "},            /* no family cut at a joiner */
		{"Ana " FAMILY, 6, "Ana "},
	};
	return cr_make_param_array(struct cut_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct cut_vec *v, utf8, cuts_between_characters)
{
	size_t n = utf8_cut(v->s, strlen(v->s), v->max);
	cr_expect_eq(n, strlen(v->want), "cut [%s] at %zu: %zu bytes, want [%s]", v->s, v->max, n, v->want);
	cr_expect_eq(strncmp(v->s, v->want, strlen(v->want)), 0);
}

/* Every cut of every name, at every limit: valid UTF-8, within the limit, growing with it, and the whole
 * name once the limit reaches its length. */
Test(utf8, every_cut_is_valid_and_within_the_limit)
{
	const char *names[] = {ETHIOPIC_14, "فاطمة الزهراء", "देवनागरी नाम", "Ana 🌍🧕🏽", ZOE_NFD, NGUYEN_NFD,
	                       "Ana " FAMILY, "x\xcc\x81\xcc\x82\xcc\x83y", NULL};
	for (int i = 0; names[i]; i++) {
		size_t len = strlen(names[i]), chars = utf8_chars(names[i], len), last = 0;
		for (size_t max = 0; max <= chars + 2; max++) {
			size_t n = utf8_cut(names[i], len, max);
			cr_assert_leq(n, len);
			cr_expect(utf8_valid(names[i], n), "[%s] at %zu: %zu bytes are not valid UTF-8", names[i], max, n);
			cr_expect_leq(utf8_chars(names[i], n), max, "[%s] at %zu", names[i], max);
			cr_expect_geq(n, last, "[%s]: a larger limit keeps more", names[i]);
			if (max >= chars)
				cr_expect_eq(n, len, "[%s] fits whole at %zu", names[i], max);
			last = n;
		}
	}
}

Test(utf8, prefix_copies_into_the_arena)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	char *p = utf8_prefix(&a, ETHIOPIC_14, 13);
	cr_assert_not_null(p);
	cr_expect_str_eq(p, "ሐረገወይን፡ገብረመድህ");
	cr_expect_str_eq(utf8_prefix(&a, "Ana", 40), "Ana");
	arena_free(&a);
}

/* Declared fields count characters: a name of exactly the limit passes whatever its script, one more is
 * refused with a reason in characters. */
Test(utf8, declared_fields_count_characters)
{
	static const struct field f[] = {{"name", FIELD_TEXT, 1, 14, true, false}, {NULL}};
	struct arena a;
	arena_init(&a, 1 << 16);
	struct kv kv = {"name", ETHIOPIC_14, strlen(ETHIOPIC_14)};
	struct req r = {.method = METHOD_POST, .form = {&kv, 1}, .arena = &a};
	const char *err = NULL;
	cr_expect_eq(http_fields_validate(&r, f, 1, &err), 0, "14 characters in 42 bytes: %s", err ? err : "");
	cr_expect_eq(r.in[0].state, FIELD_OK);
	kv.val = ETHIOPIC_14 "ን";
	kv.vlen = strlen(kv.val);
	cr_expect_eq(http_fields_validate(&r, f, 1, &err), 400);
	cr_expect_str_eq(err, "field 'name' is too long: 15 characters, at most 14");
	kv.val = NGUYEN_NFD "Ana Zo";
	kv.vlen = strlen(kv.val);
	cr_expect_eq(http_fields_validate(&r, f, 1, &err), 0, "combining marks count: 14 code points");
	kv.val = NGUYEN_NFD "Ana Zoe";
	kv.vlen = strlen(kv.val);
	cr_expect_eq(http_fields_validate(&r, f, 1, &err), 400, "15 code points");
	kv.val = "Ana\xc2\x85";   /* U+0085, a control character of Latin-1's upper half */
	kv.vlen = strlen(kv.val);
	cr_expect_eq(http_fields_validate(&r, f, 1, &err), 400);
	cr_expect_str_eq(err, "field 'name' contains a control character");
	kv.val = "Zo\xc3\xab \xc2\xa0\xc2\xbb";   /* ë, a no-break space, » */
	kv.vlen = strlen(kv.val);
	cr_expect_eq(http_fields_validate(&r, f, 1, &err), 0, "letters and signs of Latin-1's upper half");
	arena_free(&a);
}

/* Text that is not UTF-8 is refused with a reason that says so, told apart from a broken escape. */
Test(utf8, invalid_text_in_a_form_is_named)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	struct kvlist l;
	const char *err = NULL;
	cr_expect_eq(http_parse_urlencoded(&a, "name=Caf%E9", 11, &l, &err), 400, "Latin-1");
	cr_expect(err && strstr(err, "not valid UTF-8"), "%s", err ? err : "");
	err = NULL;
	cr_expect_eq(http_parse_urlencoded(&a, "name=%E1%88", 12, &l, &err), 400, "a character cut short");
	cr_expect(err && strstr(err, "not valid UTF-8"), "%s", err ? err : "");
	err = NULL;
	cr_expect_eq(http_parse_urlencoded(&a, "name=%E", 7, &l, &err), 400);
	cr_expect(err && strstr(err, "bad percent-encoding"), "%s", err ? err : "");
	err = NULL;
	cr_expect_eq(http_parse_urlencoded(&a, "name=a%00", 9, &l, &err), 400);
	cr_expect(err && strstr(err, "bad percent-encoding"), "%s", err ? err : "");
	cr_expect_eq(http_parse_urlencoded(&a, "name=%E1%88%90", 14, &l, &err), 0, "one Ethiopic letter");
	arena_free(&a);
}

/* A full stop after quoted text, unless the text ends a sentence itself. */
struct stop_vec { const char *text; const char *want; };
ParameterizedTestParameters(utf8, full_stop_only_where_none_is)
{
	static struct stop_vec v[] = {
		{"Yes", "."}, {"Yes.", ""}, {"Why not?", ""}, {"Never!", ""}, {"and so on…", ""},
		{"He said “go.”", ""}, {"He said \"go.\"", ""}, {"(see ¶12.)", ""}, {"“quoted”", "."},
		{"(see ¶12)", "."}, {"", "."}, {"لماذا؟", ""}, {"नमस्ते।", ""}, {"ሰላም።", ""}, {"你好。", ""},
		{"3.5 km", "."}, {"e.g", "."},
	};
	return cr_make_param_array(struct stop_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct stop_vec *v, utf8, full_stop_only_where_none_is)
{
	cr_expect_str_eq(full_stop(v->text), v->want, "after [%s]", v->text);
}
