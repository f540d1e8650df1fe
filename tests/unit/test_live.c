/* test_live.c: the live workshop's rules without a database: kinds, white space, the blocked-word list
 * (whole words, any ASCII case, commas or lines), option lines and their limits, and the word cloud's
 * rows (inside the width, largest first, no overlap within a row). */
#include <criterion/criterion.h>
#include <string.h>

#include "core/utf8.h"
#include "domain/live.h"

Test(live_rules, kinds_round_trip_and_unknown_ones_are_refused)
{
	for (int k = 0; k < LIVE_NKINDS; k++)
		cr_expect_eq(live_kind_parse(live_kind_name((enum live_kind)k)), k);
	cr_expect_eq(live_kind_parse("sorting"), -1);
	cr_expect_eq(live_kind_parse(NULL), -1);
	cr_expect_eq(live_kind_parse("Quiz"), -1);
	cr_expect_eq(live_state_parse("running"), LIVE_RUNNING);
	cr_expect_eq(live_status_parse("held"), LIVE_HELD);
	cr_expect_eq(live_status_parse(""), -1);
}

Test(live_rules, squash_trims_and_joins_white_space)
{
	char a[] = "  Dignity \t and\n\n rights  ";
	cr_expect_eq(live_squash(a), strlen("Dignity and rights"));
	cr_expect_str_eq(a, "Dignity and rights");
	char b[] = " \t\n ";
	cr_expect_eq(live_squash(b), 0);
	cr_expect_str_eq(b, "");
	}

Test(live_rules, blocked_words_match_whole_words_in_any_case)
{
	const char *list = "badword, worse thing\n  rude  ";
	cr_expect(live_blocked("that BADWORD again", list));
	cr_expect(live_blocked("badword", list));
	cr_expect(live_blocked("a worse thing indeed", list), "phrases match");
	cr_expect(live_blocked("so Rude!", list), "punctuation ends a word");
	cr_expect_not(live_blocked("badwords are plural", list), "not inside a longer word");
	cr_expect_not(live_blocked("crude oil", list), "not at the end of a longer word");
	cr_expect_not(live_blocked("worse things", list));
	cr_expect_not(live_blocked("anything", ""), "an empty list hides nothing");
	cr_expect_not(live_blocked("anything", ", ,\n\n"), "nor does a list of separators");
	cr_expect_not(live_blocked("rudeé", "rude"), "letters outside ASCII belong to the word");
}

Test(live_rules, option_lines_are_trimmed_counted_and_limited)
{
	struct arena ar, *a = &ar;
	arena_init(a, 1 << 16);
	const char *out[LIVE_OPTIONS_MAX];
	cr_expect_eq(live_lines(a, " Red \n\n Green\r\nBlue", out, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX), 3);
	cr_expect_str_eq(out[0], "Red");
	cr_expect_str_eq(out[1], "Green");
	cr_expect_str_eq(out[2], "Blue");
	cr_expect_eq(live_lines(a, "", out, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX), 0);
	cr_expect_eq(live_lines(a, NULL, out, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX), 0);
	cr_expect_eq(live_lines(a, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11", out, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX), -1,
	             "eleven options");
	char longline[300];
	memset(longline, 'x', 201);
	longline[201] = '\0';
	cr_expect_eq(live_lines(a, longline, out, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX), -1, "201 characters");
	longline[200] = '\0';
	cr_expect_eq(live_lines(a, longline, out, LIVE_OPTIONS_MAX, LIVE_OPTION_MAX), 1, "200 characters");
	arena_free(a);
}

Test(live_rules, the_word_cloud_keeps_inside_its_width)
{
	struct cloud_word w[] = {
		{.text = "dignity", .count = 9}, {.text = "rights", .count = 4}, {.text = "work", .count = 4},
		{.text = "family and home", .count = 1}, {.text = "a very long answer that needs most of the row", .count = 1},
		{.text = "x", .count = 1},
	};
	int n = (int)(sizeof(w) / sizeof(w[0])), width = 1000;
	int h = live_cloud_layout(w, n, width);
	cr_expect_gt(h, 0);
	cr_expect_eq(w[0].size, 64, "the most given answer is largest");
	cr_expect_eq(w[3].size, 18 + (int)(46 * 0.3333 + 0.5), "size grows with the square root of the count");
	for (int i = 0; i < n; i++) {
		int half = (int)(utf8_chars(w[i].text, strlen(w[i].text)) * w[i].size * 0.6) / 2;
		cr_expect_geq(w[i].x - half, -1, "%s starts inside", w[i].text);
		cr_expect_leq(w[i].x + half, width + 1, "%s ends inside", w[i].text);
		cr_expect_leq(w[i].y, h);
		for (int j = 0; j < i; j++)
			if (w[j].y == w[i].y) {
				int hj = (int)(utf8_chars(w[j].text, strlen(w[j].text)) * w[j].size * 0.6) / 2;
				cr_expect(w[j].x + hj <= w[i].x - half || w[i].x + half <= w[j].x - hj, "%s and %s overlap", w[j].text,
				          w[i].text);
			}
	}
	cr_expect_eq(live_cloud_layout(w, 0, width), 0);
}
