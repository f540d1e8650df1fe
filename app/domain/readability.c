/* readability.c: the Flesch-Kincaid grade level of the content's text (see readability.h for the rules
 * of counting). */
#include "domain/readability.h"

#include <string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_vowel(char c)
{
	return strchr("aeiouy", c) != NULL && c != '\0';
}

/* The syllables of one run of letters (lower case, at most 63 of them). */
static int letters_syllables(const char *w, size_t n)
{
	int count = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool v = is_vowel(w[i]) && !(w[i] == 'y' && i == 0);
		if (v && !in)
			count++;
		in = v;
	}
	if (count > 1 && n >= 3) {
		char last = w[n - 1], prev = w[n - 2];
		if (last == 'e' && !is_vowel(prev) && !(prev == 'l' && !is_vowel(w[n - 3])))
			count--;   /* make, are; but people, table */
		else if (last == 's' && prev == 'e' && n >= 4 && !is_vowel(w[n - 3]) && !strchr("sxz", w[n - 3]) &&
		         !(w[n - 3] == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's')) &&
		         !((w[n - 3] == 'g' || w[n - 3] == 'c')))
			count--;   /* makes, states; but boxes, changes, places */
		else if (last == 'd' && prev == 'e' && n >= 4 && !is_vowel(w[n - 3]) && w[n - 3] != 't' && w[n - 3] != 'd')
			count--;   /* worked; but wanted, needed, agreed */
	}
	return count > 0 ? count : 1;
}

int readability_syllables(const char *word, size_t len)
{
	/* Each run of letters is read on its own (anti-migrant, migrants'); a number is read one syllable a
	 * digit (2009: four). */
	int total = 0;
	char run[64];
	size_t n = 0;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? word[i] : '\0';
		if (is_alpha(c)) {
			if (n < sizeof(run))
				run[n++] = lower(c);
			continue;
		}
		if (n > 0)
			total += letters_syllables(run, n);
		n = 0;
		if (is_digit(c))
			total++;
	}
	return total > 0 ? total : 1;
}

/* A full stop after these ends no sentence (compared in lower case, without the final stop). */
static bool abbreviation(const char *w, size_t n)
{
	static const char *const known[] = {"mr", "ms", "mrs", "dr", "no", "nos", "e.g", "i.e", "st", "vs", "cf", "art", "para"};
	char low[8];
	if (n == 0 || n >= sizeof(low))
		return false;
	if (n == 1 && w[0] >= 'A' && w[0] <= 'Z')
		return true;   /* an initial: J. Smith */
	for (size_t i = 0; i < n; i++)
		low[i] = lower(w[i]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(low, known[i]) == 0)
			return true;
	return false;
}

void readability_add(struct readability *r, const char *text, size_t len, long_sentence_fn on_long, void *ctx)
{
	const char *sentence = NULL, *end = text;
	int words = 0;
	bool cite = false;   /* inside a citation's brackets */
	size_t i = 0;
	for (;;) {
		while (i < len && is_space(text[i]))
			i++;
		bool last = i >= len;
		size_t start = i;
		while (i < len && !is_space(text[i]))
			i++;
		const char *t = text + start;
		size_t n = i - start;
		bool stop = last;
		if (n > 0 && (cite || memmem(t, n, "\xC2\xB6", 2) != NULL)) {
			/* A citation is not read, to its closing bracket ("(¶7, footnote 2)"), but "(¶26)." still
			 * ends its sentence. */
			size_t e = n;
			while (e > 0 && (t[e - 1] == '.' || t[e - 1] == ',' || t[e - 1] == ';' || t[e - 1] == '!' || t[e - 1] == '?'))
				e--;
			int depth = 0;
			for (size_t k = 0; k < n; k++)
				depth += t[k] == '(' ? 1 : t[k] == ')' ? -1 : 0;
			cite = cite ? !(e > 0 && t[e - 1] == ')' && depth < 0) : depth > 0;
			stop = stop || t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?';
		} else if (n > 0) {
			/* The word without the punctuation around it. */
			size_t a = 0, b = n;
			while (a < b && !is_alpha(t[a]) && !is_digit(t[a]))
				a++;
			while (b > a && !is_alpha(t[b - 1]) && !is_digit(t[b - 1]) && t[b - 1] != '.')
				b--;
			bool has = false;
			for (size_t k = a; k < b && !has; k++)
				has = is_alpha(t[k]) || is_digit(t[k]);
			if (has) {
				if (words == 0)
					sentence = t;
				words++;
				r->words++;
				r->syllables += readability_syllables(t + a, b - a);
				end = t + n;
				/* Ends a sentence: . ! or ? at its end (before closing quotes and brackets). */
				size_t e = n;
				while (e > 0 && (t[e - 1] == ')' || t[e - 1] == '"' || t[e - 1] == '\'' || t[e - 1] == ']' ||
				                 (e >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80 &&
				                  ((unsigned char)t[e - 1] == 0x9D || (unsigned char)t[e - 1] == 0x99))))
					e -= (unsigned char)t[e - 1] >= 0x80 ? 3 : 1;
				if (e > 0 && (t[e - 1] == '!' || t[e - 1] == '?'))
					stop = true;
				else if (e > 0 && t[e - 1] == '.' && !abbreviation(t + a, e - 1 > a ? e - 1 - a : 0))
					stop = true;
			}
		}
		if (stop && words > 0) {
			r->sentences++;
			if (words > READ_SENTENCE_LONG && on_long)
				on_long(ctx, sentence, (size_t)(end - sentence), words);
			words = 0;
		}
		if (last)
			return;
	}
}

double readability_grade(const struct readability *r)
{
	if (r->words == 0 || r->sentences == 0)
		return 0;
	return 0.39 * r->words / r->sentences + 11.8 * r->syllables / r->words - 15.59;
}

double readability_sentence_avg(const struct readability *r)
{
	return r->sentences ? (double)r->words / r->sentences : 0;
}

int readability_minutes(int words)
{
	int m = (words + READ_WORDS_PER_MINUTE - 1) / READ_WORDS_PER_MINUTE;
	return m > 0 ? m : 1;
}
