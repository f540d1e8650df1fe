/* readability.c: how hard the content's text is to read, in each language it is written in (see
 * readability.h for the formulas and the rules of counting). */
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

/* The code point at s (n bytes left, valid UTF-8) and its length in bytes. */
static unsigned decode(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80 || n < 2) {
		*len = 1;
		return u[0];
	}
	if (u[0] < 0xE0) {
		*len = 2;
		return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	}
	if (u[0] < 0xF0 || n < 4) {
		*len = n < 3 ? n : 3;
		return n < 3 ? 0 : ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
	}
	*len = 4;
	return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
}

/* A letter or digit of some script: ASCII ones, and any character past ASCII that is not punctuation,
 * a symbol or a space of the ranges the content uses (Latin-1, General Punctuation, Arabic marks). */
static bool is_letter(unsigned c)
{
	if (c < 0x80)
		return is_alpha((char)c) || is_digit((char)c);
	if (c < 0xC0)
		return c == 0xAA || c == 0xBA;   /* ª º */
	if (c == 0xD7 || c == 0xF7)
		return false;   /* × ÷ */
	if (c >= 0x2000 && c <= 0x2BFF)
		return false;   /* punctuation, arrows, symbols */
	if (c == 0x060C || c == 0x061B || c == 0x061F || c == 0x066A || c == 0x066B || c == 0x066C || c == 0x06D4)
		return false;   /* ، ؛ ؟ and the Arabic percent and separators */
	return true;
}

/* Vowels, by language, for counting syllables (lower case). */
static bool is_vowel(enum read_lang lang, unsigned c, bool first)
{
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u':
		return true;
	case 'y':
		return !first;
	case 0xE0: case 0xE2: case 0xE4: case 0xE8: case 0xEA: case 0xEB: case 0xEE: case 0xEF: case 0xF4: case 0xF6:
	case 0xF9: case 0xFB: case 0xFF: case 0x153: case 0xE6:   /* à â ä è ê ë î ï ô ö ù û ÿ œ æ */
		return lang == READ_FR;
	case 0xE1: case 0xED: case 0xF3: case 0xFA:               /* á í ó ú */
		return lang == READ_ES;
	case 0xE9: case 0xFC:                                     /* é ü */
		return lang == READ_FR || lang == READ_ES;
	default:
		return false;
	}
}

static unsigned lower_cp(unsigned c)
{
	if (c < 0x80)
		return (unsigned char)lower((char)c);
	if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 0x20;   /* Latin-1 capitals */
	if (c == 0x152)
		return 0x153;   /* Œ */
	return c;
}

/* Spanish: two strong vowels (a e o, accented or not), or an accented í or ú beside a vowel, are two
 * syllables (hiatus); other vowel pairs are one (diphthong). */
static bool strong_es(unsigned c)
{
	return c == 'a' || c == 'e' || c == 'o' || c == 0xE1 || c == 0xE9 || c == 0xF3;
}

/* The syllables of one run of letters (lower-case code points, at most 63 of them). */
static int letters_syllables(enum read_lang lang, const unsigned *w, size_t n)
{
	int count = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool v = is_vowel(lang, w[i], i == 0);
		if (v && in && lang == READ_ES &&
		    ((strong_es(w[i]) && strong_es(w[i - 1])) || w[i] == 0xED || w[i] == 0xFA || w[i - 1] == 0xED || w[i - 1] == 0xFA))
			count++;   /* a hiatus: le-ón, dí-a */
		else if (v && !in)
			count++;
		in = v;
	}
	if (count > 1 && n >= 3 && lang == READ_EN) {
		unsigned last = w[n - 1], prev = w[n - 2];
		if (last == 'e' && !is_vowel(lang, prev, false) && !(prev == 'l' && !is_vowel(lang, w[n - 3], false)))
			count--;   /* make, are; but people, table */
		else if (last == 's' && prev == 'e' && n >= 4 && !is_vowel(lang, w[n - 3], false) && w[n - 3] != 's' &&
		         w[n - 3] != 'x' && w[n - 3] != 'z' && !(w[n - 3] == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's')) &&
		         w[n - 3] != 'g' && w[n - 3] != 'c')
			count--;   /* makes, states; but boxes, changes, places */
		else if (last == 'd' && prev == 'e' && n >= 4 && !is_vowel(lang, w[n - 3], false) && w[n - 3] != 't' &&
		         w[n - 3] != 'd')
			count--;   /* worked; but wanted, needed, agreed */
	} else if (count > 1 && n >= 3 && lang == READ_FR) {
		/* A final mute e: "droite", "droites", "parlent". */
		size_t k = n;
		if (w[k - 1] == 's' || (k >= 4 && w[k - 1] == 't' && w[k - 2] == 'n'))
			k -= w[k - 1] == 's' ? 1 : 2;
		if (k >= 2 && w[k - 1] == 'e' && !is_vowel(lang, w[k - 2], false))
			count--;
	}
	return count > 0 ? count : 1;
}

int readability_syllables_in(enum read_lang lang, const char *word, size_t len)
{
	/* Each run of letters is read on its own (anti-migrant, migrants'); a number is read one syllable a
	 * digit (2009: four). */
	int total = 0;
	unsigned run[64];
	size_t n = 0, k;
	for (size_t i = 0; i <= len; i += k) {
		k = 1;
		unsigned c = i < len ? decode(word + i, len - i, &k) : 0;
		if (c != 0 && is_letter(c) && !(c < 0x80 && is_digit((char)c))) {
			if (n < sizeof(run) / sizeof(run[0]))
				run[n++] = lower_cp(c);
			continue;
		}
		if (n > 0)
			total += letters_syllables(lang, run, n);
		n = 0;
		if (c < 0x80 && is_digit((char)c))
			total++;
	}
	return total > 0 ? total : 1;
}

int readability_syllables(const char *word, size_t len)
{
	return readability_syllables_in(READ_EN, word, len);
}

enum read_lang readability_lang(const char *code)
{
	if (code == NULL || code[0] == '\0' || strcmp(code, "en") == 0)
		return READ_EN;
	if (strcmp(code, "fr") == 0)
		return READ_FR;
	if (strcmp(code, "es") == 0)
		return READ_ES;
	if (strcmp(code, "ar") == 0)
		return READ_AR;
	return READ_OTHER;
}

/* A full stop after these ends no sentence (compared in lower case, without the final stop). */
static bool abbreviation(const char *w, size_t n)
{
	static const char *const known[] = {"mr", "ms", "mrs", "dr", "no", "nos", "e.g", "i.e", "st", "vs", "cf", "art",
	                                    "para", "sr", "sra", "srta", "núm", "etc", NULL};
	char low[8];
	if (n == 0 || n >= sizeof(low))
		return false;
	if (n == 1 && w[0] >= 'A' && w[0] <= 'Z')
		return true;   /* an initial, or M. for Monsieur */
	for (size_t i = 0; i < n; i++)
		low[i] = lower(w[i]);
	low[n] = '\0';
	for (size_t i = 0; known[i]; i++)
		if (strcmp(low, known[i]) == 0)
			return true;
	return false;
}

/* The bytes of a closing quote or bracket that ends at t + e, or 0. */
static size_t closing(const char *t, size_t e)
{
	char c = t[e - 1];
	if (c == ')' || c == '"' || c == '\'' || c == ']')
		return 1;
	const unsigned char *u = (const unsigned char *)t;
	if (e >= 2 && u[e - 2] == 0xC2 && u[e - 1] == 0xBB)
		return 2;   /* » */
	if (e >= 3 && u[e - 3] == 0xE2 && u[e - 2] == 0x80 && (u[e - 1] == 0x9D || u[e - 1] == 0x99))
		return 3;   /* ” ’ */
	return 0;
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
			stop = stop || t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?' ||
			       (n >= 2 && (unsigned char)t[n - 2] == 0xD8 && (unsigned char)t[n - 1] == 0x9F);
		} else if (n > 0) {
			/* The word without the punctuation around it. */
			size_t a = 0, b = n, k;
			while (a < b && !is_letter(decode(t + a, b - a, &k)))
				a += k;
			while (b > a) {
				size_t s = b - 1;
				while (s > a && ((unsigned char)t[s] & 0xC0) == 0x80)
					s--;
				if (is_letter(decode(t + s, b - s, &k)) || t[b - 1] == '.')
					break;
				b = s;
			}
			if (a >= b) {
				/* Punctuation alone, as French sets it: "… « ceci » ." or "… ceci » ." ends the sentence. */
				size_t e = n, q;
				while (e > 0 && (q = closing(t, e)) > 0)
					e -= q;
				stop = stop || (e > 0 && (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?')) ||
				       (e >= 2 && (unsigned char)t[e - 2] == 0xD8 && (unsigned char)t[e - 1] == 0x9F);
			} else {
				if (words == 0)
					sentence = t;
				words++;
				r->words++;
				if (r->lang != READ_AR && r->lang != READ_OTHER)
					r->syllables += readability_syllables_in(r->lang, t + a, b - a);
				end = t + n;
				/* Ends a sentence: . ! ? or ؟ at its end (before closing quotes and brackets). */
				size_t e = n, q;
				while (e > 0 && (q = closing(t, e)) > 0)
					e -= q;
				if (e > 0 && (t[e - 1] == '!' || t[e - 1] == '?'))
					stop = true;
				else if (e >= 2 && (unsigned char)t[e - 2] == 0xD8 && (unsigned char)t[e - 1] == 0x9F)
					stop = true;   /* ؟ */
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

bool readability_score(const struct readability *r, double *score)
{
	if (r->words == 0 || r->sentences == 0)
		return false;
	double wps = (double)r->words / r->sentences, spw = (double)r->syllables / r->words;
	switch (r->lang) {
	case READ_EN:
		*score = 0.39 * wps + 11.8 * spw - 15.59;   /* Flesch-Kincaid grade level */
		return true;
	case READ_FR:
		*score = 207 - 1.015 * wps - 73.6 * spw;    /* Kandel and Moles (1958), reading ease */
		return true;
	case READ_ES:
		*score = 206.835 - 62.3 * spw - wps;        /* Szigriszt-Pazos (1993), perspicuity */
		return true;
	default:
		return false;                               /* Arabic and others: sentence length alone */
	}
}

double readability_grade(const struct readability *r)
{
	double g = 0;
	return r->lang == READ_EN && readability_score(r, &g) ? g : 0;
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
