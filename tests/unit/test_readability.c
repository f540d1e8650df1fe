/* test_readability.c: the Flesch-Kincaid grade of the content check (domain/readability.c), on texts
 * whose counts are known by hand. */
#include <criterion/criterion.h>
#include <string.h>

#include "domain/readability.h"

static int syl(const char *w)
{
	return readability_syllables(w, strlen(w));
}

Test(readability, syllables_by_the_rule_of_thumb)
{
	cr_expect_eq(syl("the"), 1);
	cr_expect_eq(syl("make"), 1, "a silent final e");
	cr_expect_eq(syl("people"), 2, "but not in -le after a consonant");
	cr_expect_eq(syl("states"), 1, "a silent -es");
	cr_expect_eq(syl("changes"), 2, "but not after g");
	cr_expect_eq(syl("worked"), 1, "a silent -ed");
	cr_expect_eq(syl("wanted"), 2, "but not after t");
	cr_expect_eq(syl("migration"), 3);
	cr_expect_eq(syl("discrimination"), 5);
	cr_expect_eq(syl("anti-migrant"), 4, "each part of a compound");
	cr_expect_eq(syl("Migrants'"), 2, "punctuation is not read");
	cr_expect_eq(syl("2009"), 4, "a number: a syllable a digit");
	cr_expect_eq(syl("yes"), 1, "y first is a consonant");
}

Test(readability, sentences_end_at_stops_and_blocks_not_at_titles)
{
	struct readability r = {0};
	const char *t = "Mr. Ndiaye spoke first. Ms. Li Rosi spoke about No. 143! Did it help? Yes (\xc2\xb6" "5).";
	readability_add(&r, t, strlen(t), NULL, NULL);
	cr_expect_eq(r.sentences, 4, "%d sentences", r.sentences);
	cr_expect_eq(r.words, 15, "%d words: the citation is not a word", r.words);
	const char *cited = "She said so (\xc2\xb6" "26). Then more (\xc2\xb6" "7, footnote 2).";
	struct readability c = {0};
	readability_add(&c, cited, strlen(cited), NULL, NULL);
	cr_expect_eq(c.sentences, 2, "a stop after a citation ends the sentence: %d", c.sentences);
	cr_expect_eq(c.words, 5);
	const char *item = "a list item without a stop";
	readability_add(&r, item, strlen(item), NULL, NULL);
	cr_expect_eq(r.sentences, 5, "a block ends its sentence");
	readability_add(&r, "  \n ", 4, NULL, NULL);
	cr_expect_eq(r.sentences, 5, "an empty block is no sentence");
}

/* Kincaid's formula by hand: 2 sentences, 10 words, 13 syllables. */
Test(readability, the_grade_is_kincaids_formula)
{
	struct readability r = {0};
	const char *t = "The cat sat on the mat. Migration is a human story.";
	readability_add(&r, t, strlen(t), NULL, NULL);
	cr_expect_eq(r.words, 11);
	cr_expect_eq(r.sentences, 2);
	cr_expect_eq(r.syllables, 15, "%d", r.syllables);
	double want = 0.39 * 11 / 2 + 11.8 * 15 / 11 - 15.59;
	cr_expect_float_eq(readability_grade(&r), want, 1e-9);
	struct readability none = {0};
	cr_expect_float_eq(readability_grade(&none), 0, 1e-9, "no words, no grade");
}

static int longs, long_words;
static void on_long(void *ctx, const char *start, size_t len, int words)
{
	(void)ctx;
	longs++;
	long_words = words;
	cr_expect_eq(strncmp(start, "One", 3), 0);
	cr_expect_eq(start[len - 1], '.');
}

Test(readability, a_long_sentence_is_reported_with_its_words)
{
	char t[1024] = "Short one. One";
	for (int i = 0; i < READ_SENTENCE_LONG; i++)
		strcat(t, " word");
	strcat(t, ". Short again.");
	struct readability r = {0};
	readability_add(&r, t, strlen(t), on_long, NULL);
	cr_expect_eq(longs, 1);
	cr_expect_eq(long_words, READ_SENTENCE_LONG + 1);
}

Test(readability, reading_time_rounds_up)
{
	cr_expect_eq(readability_minutes(0), 1);
	cr_expect_eq(readability_minutes(READ_WORDS_PER_MINUTE), 1);
	cr_expect_eq(readability_minutes(READ_WORDS_PER_MINUTE + 1), 2);
}

static int syl_in(enum read_lang l, const char *w)
{
	return readability_syllables_in(l, w, strlen(w));
}

Test(readability, syllables_in_french_and_spanish)
{
	cr_expect_eq(syl_in(READ_FR, "migration"), 3);
	cr_expect_eq(syl_in(READ_FR, "droite"), 1, "a mute final e");
	cr_expect_eq(syl_in(READ_FR, "travailleurs"), 3);
	cr_expect_eq(syl_in(READ_FR, "Été"), 2, "accented capitals are vowels too");
	cr_expect_eq(syl_in(READ_ES, "migración"), 3);
	cr_expect_eq(syl_in(READ_ES, "día"), 2, "an accented í is a hiatus");
	cr_expect_eq(syl_in(READ_ES, "leer"), 2, "two strong vowels: a hiatus");
	cr_expect_eq(syl_in(READ_ES, "ciudad"), 2, "two weak vowels: one syllable");
	cr_expect_eq(syl_in(READ_ES, "trabajadores"), 5);
}

/* Arabic has no syllable formula: words and sentences are counted (؟ ends one), and no score is given. */
Test(readability, arabic_counts_words_and_sentences)
{
	struct readability r = {.lang = readability_lang("ar")};
	const char *t = "قال السيد نداي إن الهجرة مهمة (\xc2\xb6" "5). هل هي مهمة؟ نعم.";
	readability_add(&r, t, strlen(t), NULL, NULL);
	cr_expect_eq(r.words, 10, "%d", r.words);
	cr_expect_eq(r.sentences, 3, "%d", r.sentences);
	double score;
	cr_expect_not(readability_score(&r, &score));
	cr_expect_eq(readability_lang("fr"), READ_FR);
	cr_expect_eq(readability_lang(""), READ_EN);
	cr_expect_eq(readability_lang("sw"), READ_OTHER);
}

/* French sets a space before ! ? and after «, before »: the stop after a closing » still ends the sentence. */
Test(readability, french_punctuation_ends_sentences)
{
	struct readability r = {.lang = READ_FR};
	const char *t = "Il a dit « non ». Elle a dit « oui » ! Et puis ?";
	readability_add(&r, t, strlen(t), NULL, NULL);
	cr_expect_eq(r.sentences, 3, "%d", r.sentences);
	cr_expect_eq(r.words, 10, "%d", r.words);
}

/* The scales: Kandel-Moles and Szigriszt-Pazos by hand. */
Test(readability, french_and_spanish_ease)
{
	struct readability fr = {.words = 10, .sentences = 1, .syllables = 15, .lang = READ_FR};
	double s;
	cr_assert(readability_score(&fr, &s));
	cr_expect_float_eq(s, 207 - 1.015 * 10 - 73.6 * 1.5, 1e-9);
	struct readability es = {.words = 10, .sentences = 1, .syllables = 20, .lang = READ_ES};
	cr_assert(readability_score(&es, &s));
	cr_expect_float_eq(s, 206.835 - 62.3 * 2 - 10, 1e-9);
}
