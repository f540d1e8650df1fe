/* readability.h: how hard a text is to read, in the language it is written in.
 *
 * English: the Flesch-Kincaid grade level (Kincaid et al., 1975), the school grade (US) at which a reader
 * follows the text:        grade = 0.39 x words a sentence + 11.8 x syllables a word - 15.59
 * French: Kandel and Moles' adaptation of Flesch's reading ease (1958), 0 (hard) to 100 (easy):
 *                          ease = 207 - 1.015 x words a sentence - 73.6 x syllables a word
 * Spanish: Szigriszt-Pazos' perspicuity (1993, the INFLESZ scale), 0 (hard) to 100 (easy):
 *                          ease = 206.835 - 62.3 x syllables a word - words a sentence
 * Arabic: no syllable formula is established; words a sentence alone is measured and limited.
 *
 * Syllables are counted by each language's rule of thumb (groups of vowels; English's silent final e, -es
 * and -ed; French's mute final e; Spanish hiatus), which is close enough for a whole text. Words are runs
 * of letters and digits of any script; a citation (from a word with ¶ in it to its closing bracket:
 * "(¶7, footnote 2)") is not read and not counted, but a stop after it ends the sentence. A sentence ends
 * at . ! ? or ؟ followed by a space, except after a title or abbreviation (Mr. Ms. No. Sr. e.g.), and at
 * the end of every block (a heading, a list item, an option): a line a reader reads as one unit is one
 * sentence. Pure: no allocation, no I/O. */
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
/* The same limits in the other languages' scales (ease: higher is easier), set where the translations of
 * the English written to the limits above fall (web/modules/README.md, "Languages"). */
#define READ_EASE_MIN_FR 60.0       /* no file below this */
#define READ_EASE_MIN_ES 60.0

enum read_lang { READ_EN, READ_FR, READ_ES, READ_AR, READ_OTHER };

struct readability {
	int words, sentences, syllables;
	enum read_lang lang;             /* READ_EN, the zero value, unless set before adding */
};

/* The language a content language code ("fr") is measured as; READ_EN for NULL, "" and "en". */
enum read_lang readability_lang(const char *code);

/* Called for each sentence of more than READ_SENTENCE_LONG words: its start (in the text given) and
 * its length in bytes and in words. */
typedef void (*long_sentence_fn)(void *ctx, const char *start, size_t len, int words);

/* Adds one block of text (UTF-8) to r: it ends a sentence, whatever its last character. */
void readability_add(struct readability *r, const char *text, size_t len, long_sentence_fn on_long, void *ctx);

/* The language's score of what was added (the grade in English, the ease in French and Spanish): false
 * for no words, or a language measured by sentence length alone. */
bool readability_score(const struct readability *r, double *score);
/* The English grade (0 for no words or another language), and the words per sentence. */
double readability_grade(const struct readability *r);
double readability_sentence_avg(const struct readability *r);

/* Syllables in one word (UTF-8), at least 1: in English, and in a language. */
int readability_syllables(const char *word, size_t len);
int readability_syllables_in(enum read_lang lang, const char *word, size_t len);

/* Minutes to read so many words at READ_WORDS_PER_MINUTE, rounded up, at least 1. */
int readability_minutes(int words);

#endif
