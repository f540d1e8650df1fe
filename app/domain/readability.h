/* readability.h: how hard a text is to read, by the Flesch-Kincaid grade level (Kincaid et al., 1975):
 *
 *     grade = 0.39 * words per sentence + 11.8 * syllables per word - 15.59
 *
 * the school grade (US) at which a reader follows the text. Syllables are counted by the usual English
 * rule of thumb (groups of vowels, a silent final e, a silent -es and -ed), which is close enough for a
 * whole text. Words are runs of letters and digits; a citation (from a word with ¶ in it to its closing
 * bracket: "(¶7, footnote 2)") is not read and not counted, but a stop after it ends the sentence. A sentence ends at . ! or ? followed by a space, except after a title or abbreviation
 * (Mr. Ms. No. e.g.), and at the end of every block (a heading, a list item, an option): a line a reader
 * reads as one unit is one sentence. Pure: no allocation, no I/O. */
#ifndef PASSAGE_READABILITY_H
#define PASSAGE_READABILITY_H

#include <stdbool.h>
#include <stddef.h>

/* The limits the content check enforces (web/modules/README.md, "Plain language"). Readers: basic
 * schooling, often English as a second language (grade 6-8, CEFR B1). */
#define READ_GRADE_MAX 8.0          /* no lesson, quiz or case above this grade */
#define READ_GRADE_MODULE_MAX 7.0   /* a module's lessons, quizzes and case, on average */
#define READ_SENTENCE_AVG_MAX 15.0  /* words per sentence, on average, in every file */
#define READ_SENTENCE_LONG 25       /* a sentence longer than this many words is warned about */
#define READ_WORDS_PER_MINUTE 120   /* a second-language reader's pace, for "about N minutes to read" */

struct readability {
	int words, sentences, syllables;
};

/* Called for each sentence of more than READ_SENTENCE_LONG words: its start (in the text given) and
 * its length in bytes and in words. */
typedef void (*long_sentence_fn)(void *ctx, const char *start, size_t len, int words);

/* Adds one block of text (UTF-8) to r: it ends a sentence, whatever its last character. */
void readability_add(struct readability *r, const char *text, size_t len, long_sentence_fn on_long, void *ctx);

/* The grade of what was added (0 for no words), and the words per sentence. */
double readability_grade(const struct readability *r);
double readability_sentence_avg(const struct readability *r);

/* English syllables in one word (ASCII letters; any other byte counts as no vowel), at least 1. */
int readability_syllables(const char *word, size_t len);

/* Minutes to read so many words at READ_WORDS_PER_MINUTE, rounded up, at least 1. */
int readability_minutes(int words);

#endif
