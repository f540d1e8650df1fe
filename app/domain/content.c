/* content.c: the authoring format's parser and checker. Every problem is reported with its file and
 * line, and parsing goes on, so one run shows every mistake. */
#include "domain/content.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/utf8.h"



/* Copies src into dst (cap bytes), cut if it must be at a character boundary: a name too long for its
 * field is still shown in a diagnostic, and a cut in the middle of a character would make the message
 * invalid UTF-8. */
static void copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;   /* src[n] would start the next character: cut before it */
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void content_diag(struct content *c, const char *file, int line, bool warning, const char *fmt, ...)
{
	struct diag *d = arena_alloc(c->arena, sizeof(*d));
	char msg[512], full[sizeof(msg) + 8];   /* room past msg, so copy_cut sees a message too long */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(full, sizeof(full), fmt, ap);
	va_end(ap);
	copy_cut(msg, sizeof(msg), full);   /* a long message loses its last character whole, not in part */
	if (d == NULL)
		return;
	*d = (struct diag){.file = file, .line = line, .warning = warning, .msg = arena_strdup(c->arena, msg)};
	if (c->last_diag)
		c->last_diag->next = d;
	else
		c->diags = d;
	c->last_diag = d;
	if (warning)
		c->warnings++;
	else
		c->errors++;
}

const char *qkind_name(enum qkind k)
{
	return k == QK_SINGLE ? "single" : k == QK_MULTIPLE ? "multiple" : "truefalse";
}

const char *outcome_name(enum outcome o)
{
	return o == OUTCOME_GOOD ? "good" : o == OUTCOME_MIXED ? "mixed" : o == OUTCOME_POOR ? "poor" : "";
}

const char *show_answers_name(enum show_answers s)
{
	return s == SHOW_ALWAYS ? "always" : s == SHOW_NEVER ? "never" : "after-passing";
}

bool show_answers_parse(const char *s, enum show_answers *out)
{
	static const enum show_answers all[] = {SHOW_AFTER_PASSING, SHOW_ALWAYS, SHOW_NEVER};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(s, show_answers_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	return false;
}

/* ---- the line format: [kind id] blocks of key: value lines ---- */

struct item {
	char key[24];
	char *value;
	int line;
};

struct block {
	char kind[16];
	char id[64];
	int line;
	struct item *items;
	int n, cap;
};

struct doc {
	struct block *blocks;   /* blocks[0] is the preamble (kind "") */
	int n;
};

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CONTENT_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static void add_item(struct content *c, struct block *b, const char *key, const char *value, int line)
{
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 16;
		struct item *items = arena_alloc(c->arena, sizeof(*items) * (size_t)cap);
		if (items == NULL)
			return;
		if (b->n)
			memcpy(items, b->items, sizeof(*items) * (size_t)b->n);
		b->items = items;
		b->cap = cap;
	}
	struct item *it = &b->items[b->n++];
	snprintf(it->key, sizeof(it->key), "%s", key);
	it->value = arena_strdup(c->arena, value);
	it->line = line;
}

/* Appends a continuation line to the last item: joined with a space, or a paragraph break for a line
 * holding only spaces. */
static void continue_item(struct content *c, struct block *b, const char *text, bool paragraph)
{
	struct item *it = &b->items[b->n - 1];
	const char *sep = paragraph ? "\n\n" : (strlen(it->value) >= 2 && strcmp(it->value + strlen(it->value) - 2, "\n\n") == 0) ? "" : " ";
	it->value = arena_printf(c->arena, "%s%s%s", it->value, sep, text);
}

static bool parse_doc(struct content *c, const char *file, const char *text, struct doc *d)
{
	int cap = 64;
	d->blocks = arena_alloc(c->arena, sizeof(struct block) * (size_t)cap);
	if (d->blocks == NULL)
		return false;
	memset(&d->blocks[0], 0, sizeof(struct block));
	d->n = 1;
	bool can_continue = false;
	int lineno = 0;
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *line = arena_strndup(c->arena, p, len);
		p = e ? e + 1 : p + len;
		lineno++;
		if (line == NULL)
			return false;
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		struct block *b = &d->blocks[d->n - 1];
		if (line[0] == '#')
			continue;
		if (line[0] == ' ' || line[0] == '\t') {
			char *t = trim(line);
			if (!can_continue) {
				if (*t != '\0')
					content_diag(c, file, lineno, false, "an indented line continues a value, but there is none above it");
				continue;
			}
			continue_item(c, b, t, *t == '\0');
			continue;
		}
		if (line[0] == '\0') {
			can_continue = false;
			continue;
		}
		if (line[0] == '[') {
			char *close = strchr(line, ']');
			char kind[32] = "", id[80] = "";
			can_continue = false;
			if (close == NULL || close[1] != '\0' || sscanf(line + 1, "%31s %79[^]]", kind, id) != 2) {
				content_diag(c, file, lineno, false, "a block line reads [kind id], like [question rights-1]");
				continue;
			}
			char *tid = trim(id);
			if (d->n == cap) {
				struct block *nb = arena_alloc(c->arena, sizeof(struct block) * (size_t)cap * 2);
				if (nb == NULL)
					return false;
				memcpy(nb, d->blocks, sizeof(struct block) * (size_t)cap);
				d->blocks = nb;
				cap *= 2;
			}
			b = &d->blocks[d->n++];
			memset(b, 0, sizeof(*b));
			copy_cut(b->kind, sizeof(b->kind), kind);
			copy_cut(b->id, sizeof(b->id), tid);
			b->line = lineno;
			continue;
		}
		char *colon = strchr(line, ':');
		bool keyok = colon != NULL && colon != line && colon - line < 20;
		for (char *k = line; keyok && k < colon; k++)
			keyok = (*k >= 'a' && *k <= 'z') || *k == '-' || *k == '*';
		if (!keyok) {
			content_diag(c, file, lineno, false,
			             "expected 'key: value', a [block] line, an indented continuation or a # comment");
			can_continue = false;
			continue;
		}
		*colon = '\0';
		add_item(c, b, line, trim(colon + 1), lineno);
		can_continue = true;
	}
	return true;
}

static const char *need(struct content *c, const char *file, const struct block *b, const char *key)
{
	for (int i = 0; i < b->n; i++)
		if (strcmp(b->items[i].key, key) == 0 && b->items[i].value[0] != '\0')
			return b->items[i].value;
	content_diag(c, file, b->line, false, "%s%s%s has no '%s'", b->kind[0] ? b->kind : "the file",
	             b->kind[0] ? " " : "", b->id, key);
	return NULL;
}

/* Refuses keys a block does not know (a typo would otherwise be silently ignored) and repeats. */
static void known_keys(struct content *c, const char *file, const struct block *b, const char *const *keys,
                       const char *const *repeatable)
{
	for (int i = 0; i < b->n; i++) {
		bool known = false, rep = false;
		for (int k = 0; keys[k]; k++)
			known = known || strcmp(keys[k], b->items[i].key) == 0;
		for (int k = 0; repeatable && repeatable[k]; k++)
			rep = rep || strcmp(repeatable[k], b->items[i].key) == 0;
		if (!known) {
			content_diag(c, file, b->items[i].line, false, "unknown key '%s'", b->items[i].key);
			continue;
		}
		for (int j = 0; j < i && !rep; j++)
			if (strcmp(b->items[j].key, b->items[i].key) == 0)
				content_diag(c, file, b->items[i].line, false, "'%s' is given twice", b->items[i].key);
	}
}

static bool cites(const char *s)
{
	return s != NULL && strstr(s, "\xc2\xb6") != NULL;   /* ¶ */
}

/* ---- readability ---- */

struct read_ctx {
	struct content *c;
	const char *file;
	int line;
};

static void long_sentence(void *ctx, const char *start, size_t len, int words)
{
	struct read_ctx *x = ctx;
	size_t cut = utf8_cut(start, len, 60);   /* whole characters: the message stays UTF-8 */
	content_diag(x->c, x->file, x->line, true, "a sentence of %d words (plain language: %d at most): \"%.*s%s\"",
	             words, READ_SENTENCE_LONG, (int)cut, start, cut < len ? "…" : "");
}

/* "The seminar said": the summary is informal and records no agreed view (¶3, ¶58), so a text that gives
 * the seminar a voice gives one speaker's view, or the Chairperson's list, as everyone's. */
void content_check_voice(struct content *c, const char *file, int line, const char *text, size_t len)
{
	static const char *const verbs[] = {"said", "says", "say", "stressed", "agreed", "heard", "saw", "called", "warned",
	                                    "recognised", "recognized", "found", "noted", "concluded", "asked", "urged",
	                                    "named", "described", "highlighted", "emphasised", "believed", "felt", "wanted",
	                                    "recommended", "listed", "argued", NULL};
	static const char *const places[] = {"at", "in", "to", "during", "of", "from", "before", "after", "by", "for",
	                                     "about", NULL};
	for (size_t i = 0; i + 12 < len; i++) {
		if (strncasecmp(text + i, "the seminar ", 12) != 0 || (i > 0 && isalpha((unsigned char)text[i - 1])))
			continue;
		/* Not "... at the seminar said" (a speaker there), nor "the seminar said" in quotes. */
		size_t e = i;
		while (e > 0 && text[e - 1] == ' ')
			e--;
		if (e > 0 && (text[e - 1] == '"' || text[e - 1] == '\'' || (e >= 3 && (unsigned char)text[e - 3] == 0xE2)))
			continue;
		size_t b = e;
		while (b > 0 && isalpha((unsigned char)text[b - 1]))
			b--;
		bool place = false;
		for (int k = 0; places[k] && !place; k++)
			place = e - b == strlen(places[k]) && strncasecmp(text + b, places[k], e - b) == 0;
		if (place)
			continue;
		const char *w = text + i + 12;
		size_t rest = len - i - 12;
		for (int v = 0; verbs[v]; v++) {
			size_t n = strlen(verbs[v]);
			if (rest >= n && strncasecmp(w, verbs[v], n) == 0 && (rest == n || !isalpha((unsigned char)w[n]))) {
				content_diag(c, file, line, false, "\"seminar %s\": the summary records no view of the seminar as a "
				             "whole (\xc2\xb6" "3, \xc2\xb6" "58): name the speaker, \"participants\" or \"the "
				             "Chairperson's closing summary\"", verbs[v]);
				return;
			}
		}
	}
}

void content_measure(struct content *c, const char *file, int line, struct readability *r, const char *text, size_t len)
{
	struct read_ctx x = {c, file, line};
	readability_add(r, text, len, long_sentence, &x);
	content_check_voice(c, file, line, text, len);
}

static void read_text(struct read_ctx *x, struct readability *r, const char *text, int line)
{
	if (text != NULL)
		content_measure(x->c, x->file, line, r, text, strlen(text));
}

void content_read_questions(struct content *c, const char *file, const struct question *qs, int n, struct readability *r)
{
	struct read_ctx x = {c, file, 0};
	*r = (struct readability){.lang = r->lang};
	for (int i = 0; i < n; i++) {
		read_text(&x, r, qs[i].text, qs[i].line);
		for (int o = 0; o < qs[i].nopts; o++) {
			if (qs[i].kind != QK_TRUEFALSE)
				read_text(&x, r, qs[i].opts[o].text, qs[i].opts[o].line);
			read_text(&x, r, qs[i].opts[o].feedback, qs[i].opts[o].line);
		}
		read_text(&x, r, qs[i].explanation, qs[i].line);
	}
}

void content_read_terms(struct content *c, const char *file, const struct term *t, int n, struct readability *r)
{
	struct read_ctx x = {c, file, 0};
	*r = (struct readability){.lang = r->lang};
	for (int i = 0; i < n; i++)   /* the voice is checked as the glossary is parsed */
		for (int k = 0; k < 2; k++) {
			const char *s = k ? t[i].text : t[i].name;
			x.line = t[i].line;
			if (s)
				readability_add(r, s, strlen(s), long_sentence, &x);
		}
}

void content_read_scenario(struct content *c, const char *file, const struct scenario *s, struct readability *r)
{
	struct read_ctx x = {c, file, 0};
	*r = (struct readability){.lang = r->lang};
	read_text(&x, r, s->title, 1);
	for (int i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		read_text(&x, r, st->title, st->line);
		read_text(&x, r, st->text, st->line);
		for (int k = 0; k < st->nchoices; k++) {
			read_text(&x, r, st->choices[k].label, st->choices[k].line);
			read_text(&x, r, st->choices[k].feedback, st->choices[k].line);
		}
	}
}

/* ---- questions ---- */

/* Characters, not bytes: a UTF-8 continuation byte does not start one. */
static int chars(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void content_balance(const struct question *qs, int n, struct balance *b)
{
	memset(b, 0, sizeof(*b));
	int at[CONTENT_OPTIONS_MAX] = {0};
	for (int i = 0; i < n; i++) {
		const struct question *q = &qs[i];
		if (q->kind == QK_TRUEFALSE)
			continue;
		if (b->first_line == 0)
			b->first_line = q->line;
		if (q->kind == QK_MULTIPLE) {
			int right = 0;
			for (int o = 0; o < q->nopts; o++)
				right += q->opts[o].correct;
			bool first = right < q->nopts;   /* all right: no order to give away */
			for (int o = 0; o < q->nopts; o++)
				first = first && q->opts[o].correct == (o < right);
			b->multiple++;
			b->right_first += first;
			continue;
		}
		int k = -1;
		for (int o = 0; o < q->nopts; o++)
			if (q->opts[o].correct)
				k = o;
		if (k < 0)
			continue;
		b->single++;
		at[k]++;
		bool longest = true;
		for (int o = 0; o < q->nopts; o++)
			longest = longest && (o == k || chars(q->opts[o].text) < chars(q->opts[k].text));
		b->longest += longest;
	}
	for (int o = 0; o < CONTENT_OPTIONS_MAX; o++)
		if (at[o] > b->at_top) {
			b->at_top = at[o];
			b->top_position = o;
		}
}

static bool share(int some, int of)
{
	return some * 100 >= BALANCE_SHARE_PERCENT * of;
}

bool balance_clustered(const struct balance *b)
{
	return b->single >= BALANCE_MIN_SINGLE && share(b->at_top, b->single);
}

bool balance_longest(const struct balance *b)
{
	return b->single >= BALANCE_MIN_SINGLE && share(b->longest, b->single);
}

bool balance_right_first(const struct balance *b)
{
	return b->multiple >= BALANCE_MIN_MULTIPLE && share(b->right_first, b->multiple);
}

/* Warnings, not errors: the quiz shuffles its options, but live workshops and printouts do not. */
static void check_balance(struct content *c, const char *file, const struct question *qs, int n)
{
	struct balance b;
	content_balance(qs, n, &b);
	if (balance_clustered(&b))
		content_diag(c, file, b.first_line, true,
		             "the right answer is option %c in %d of %d one-answer questions: spread the right answers "
		             "over the positions", 'A' + b.top_position, b.at_top, b.single);
	if (balance_longest(&b))
		content_diag(c, file, b.first_line, true,
		             "the right answer is the longest option in %d of %d one-answer questions: make the wrong "
		             "options as full as the right one", b.longest, b.single);
	if (balance_right_first(&b))
		content_diag(c, file, b.first_line, true,
		             "the right options come first in %d of %d multiple-answer questions: mix them among the others",
		             b.right_first, b.multiple);
}


/* A one-answer question whose right option is much longer than the wrong ones gives itself away. */
static void check_length_cue(struct content *c, const char *file, const struct question *q)
{
	int right = -1, wrong = 0, nwrong = 0;
	for (int o = 0; o < q->nopts; o++) {
		if (q->opts[o].correct)
			right = chars(q->opts[o].text);
		else {
			wrong += chars(q->opts[o].text);
			nwrong++;
		}
	}
	if (q->kind != QK_SINGLE || right < 0 || nwrong == 0)
		return;
	if (right * 100 * nwrong >= LENGTH_CUE_PERCENT * wrong)
		content_diag(c, file, q->line, true,
		             "question %s: the right option is %d characters, the others %d on average: a length cue "
		             "(make the wrong options as full as the right one)", q->id, right, wrong / nwrong);
}

void content_parse_questions(struct content *c, const char *file, const char *text, struct question **out, int *n)
{
	struct doc d;
	*out = NULL;
	*n = 0;
	if (!parse_doc(c, file, text, &d))
		return;
	if (d.blocks[0].n > 0)
		content_diag(c, file, d.blocks[0].items[0].line, false, "'%s' before the first [question] block",
		             d.blocks[0].items[0].key);
	struct question *qs = arena_alloc(c->arena, sizeof(*qs) * (size_t)(d.n > 1 ? d.n - 1 : 1));
	if (qs == NULL)
		return;
	int k = 0;
	static const char *const keys[] = {"kind", "text", "option", "option*", "feedback", "explanation", "source", NULL};
	static const char *const rep[] = {"option", "option*", "feedback", NULL};
	for (int bi = 1; bi < d.n; bi++) {
		const struct block *b = &d.blocks[bi];
		if (strcmp(b->kind, "question") != 0) {
			content_diag(c, file, b->line, false, "unknown block [%s]: this file holds [question] blocks", b->kind);
			continue;
		}
		struct question *q = &qs[k];
		memset(q, 0, sizeof(*q));
		q->line = b->line;
		if (!valid_id(b->id))
			content_diag(c, file, b->line, false, "question id '%s' must be 1 to 40 of a-z, 0-9 and -", b->id);
		copy_cut(q->id, sizeof(q->id), b->id);
		for (int j = 0; j < k; j++)
			if (strcmp(qs[j].id, q->id) == 0)
				content_diag(c, file, b->line, false, "question id '%s' is used twice (first on line %d)", q->id,
				             qs[j].line);
		known_keys(c, file, b, keys, rep);
		const char *kind = need(c, file, b, "kind");
		if (kind && strcmp(kind, "single") == 0)
			q->kind = QK_SINGLE;
		else if (kind && strcmp(kind, "multiple") == 0)
			q->kind = QK_MULTIPLE;
		else if (kind && strcmp(kind, "truefalse") == 0)
			q->kind = QK_TRUEFALSE;
		else if (kind)
			content_diag(c, file, b->line, false, "question %s: kind '%s' is not single, multiple or truefalse", q->id,
			             kind);
		q->text = need(c, file, b, "text");
		q->explanation = need(c, file, b, "explanation");
		q->source = need(c, file, b, "source");
		if (q->source && !cites(q->source))
			content_diag(c, file, b->line, false, "question %s: source must cite a paragraph, like \xc2\xb6" "12",
			             q->id);
		for (int i = 0; i < b->n; i++) {
			const struct item *it = &b->items[i];
			if (strcmp(it->key, "option") == 0 || strcmp(it->key, "option*") == 0) {
				if (q->nopts == CONTENT_OPTIONS_MAX) {
					content_diag(c, file, it->line, false, "question %s: more than %d options", q->id,
					             CONTENT_OPTIONS_MAX);
					continue;
				}
				if (it->value[0] == '\0')
					content_diag(c, file, it->line, false, "question %s: an empty option", q->id);
				q->opts[q->nopts++] = (struct option){.text = it->value, .correct = it->key[6] == '*', .line = it->line};
			} else if (strcmp(it->key, "feedback") == 0) {
				if (q->nopts == 0)
					content_diag(c, file, it->line, false, "feedback belongs after the option it is about");
				else if (q->opts[q->nopts - 1].feedback != NULL)
					content_diag(c, file, it->line, false, "question %s: two feedbacks for one option", q->id);
				else
					q->opts[q->nopts - 1].feedback = it->value;
			}
		}
		int correct = 0;
		for (int i = 0; i < q->nopts; i++) {
			correct += q->opts[i].correct;
			if (q->opts[i].feedback == NULL)
				content_diag(c, file, q->opts[i].line, true, "question %s: option %c has no feedback", q->id, 'A' + i);
			for (int j = 0; j < i; j++)
				if (strcmp(q->opts[i].text, q->opts[j].text) == 0)
					content_diag(c, file, q->opts[i].line, false, "question %s: two options say the same", q->id);
		}
		if (q->nopts < 2)
			content_diag(c, file, b->line, false, "question %s: needs at least 2 options", q->id);
		if (correct == 0)
			content_diag(c, file, b->line, false, "question %s: no correct answer (mark one with option*:)", q->id);
		else if (q->kind == QK_SINGLE && correct != 1)
			content_diag(c, file, b->line, false, "question %s: a single-choice question has exactly one correct option",
			             q->id);
		if (q->kind == QK_TRUEFALSE &&
		    (q->nopts != 2 || correct != 1 || strcmp(q->opts[0].text, "True") != 0 || strcmp(q->opts[1].text, "False") != 0))
			content_diag(c, file, b->line, false,
			             "question %s: a true/false question has the options True and False, in that order, one correct",
			             q->id);
		check_length_cue(c, file, q);
		k++;
	}
	check_balance(c, file, qs, k);
	*out = qs;
	*n = k;
}

bool question_correct(const struct question *q, const int *chosen, int nchosen)
{
	bool pick[CONTENT_OPTIONS_MAX] = {false};
	for (int i = 0; i < nchosen; i++) {
		if (chosen[i] < 0 || chosen[i] >= q->nopts || pick[chosen[i]])
			return false;
		pick[chosen[i]] = true;
	}
	for (int i = 0; i < q->nopts; i++)
		if (pick[i] != q->opts[i].correct)
			return false;
	return true;
}

/* ---- scenarios ---- */

static int step_index(const struct scenario *s, const char *id)
{
	for (int i = 0; i < s->nsteps; i++)
		if (strcmp(s->steps[i].id, id) == 0)
			return i;
	return -1;
}

void content_parse_scenario(struct content *c, const char *file, const char *text, struct scenario *s)
{
	struct doc d;
	memset(s, 0, sizeof(*s));
	if (!parse_doc(c, file, text, &d))
		return;
	static const char *const pre_keys[] = {"title", "start", NULL};
	static const char *const step_keys[] = {"text", "choice", "feedback", NULL};
	static const char *const step_rep[] = {"choice", "feedback", NULL};
	static const char *const end_keys[] = {"outcome", "title", "text", NULL};
	struct block *pre = &d.blocks[0];
	pre->line = 1;
	known_keys(c, file, pre, pre_keys, NULL);
	s->title = need(c, file, pre, "title");
	const char *start = need(c, file, pre, "start");
	if (start != NULL && strlen(start) > CONTENT_ID_MAX) {
		/* Longer than any step id: cut to fit, it could name one. */
		content_diag(c, file, 1, false, "start '%s' is not a step", start);
		start = NULL;
	}
	copy_cut(s->start, sizeof(s->start), start ? start : "");
	s->steps = arena_alloc(c->arena, sizeof(struct step) * (size_t)(d.n > 1 ? d.n - 1 : 1));
	if (s->steps == NULL)
		return;
	for (int bi = 1; bi < d.n; bi++) {
		const struct block *b = &d.blocks[bi];
		bool ending = strcmp(b->kind, "ending") == 0;
		if (!ending && strcmp(b->kind, "step") != 0) {
			content_diag(c, file, b->line, false, "unknown block [%s]: a scenario holds [step] and [ending] blocks",
			             b->kind);
			continue;
		}
		struct step *st = &s->steps[s->nsteps];
		memset(st, 0, sizeof(*st));
		st->line = b->line;
		st->ending = ending;
		if (!valid_id(b->id))
			content_diag(c, file, b->line, false, "step id '%s' must be 1 to 40 of a-z, 0-9 and -", b->id);
		copy_cut(st->id, sizeof(st->id), b->id);
		int dup = step_index(s, st->id);
		if (dup >= 0)
			content_diag(c, file, b->line, false, "step id '%s' is used twice (first on line %d)", st->id,
			             s->steps[dup].line);
		st->text = need(c, file, b, "text");
		if (ending) {
			known_keys(c, file, b, end_keys, NULL);
			st->title = need(c, file, b, "title");
			const char *o = need(c, file, b, "outcome");
			st->outcome = o == NULL ? OUTCOME_NONE
			              : strcmp(o, "good") == 0 ? OUTCOME_GOOD
			              : strcmp(o, "mixed") == 0 ? OUTCOME_MIXED
			              : strcmp(o, "poor") == 0 ? OUTCOME_POOR : OUTCOME_NONE;
			if (o && st->outcome == OUTCOME_NONE)
				content_diag(c, file, b->line, false, "ending %s: outcome '%s' is not good, mixed or poor", st->id, o);
		} else {
			known_keys(c, file, b, step_keys, step_rep);
			for (int i = 0; i < b->n; i++) {
				const struct item *it = &b->items[i];
				if (strcmp(it->key, "choice") == 0) {
					if (st->nchoices == CONTENT_CHOICES_MAX) {
						content_diag(c, file, it->line, false, "step %s: more than %d choices", st->id,
						             CONTENT_CHOICES_MAX);
						continue;
					}
					char *arrow = strstr(it->value, "->");
					struct choice *ch = &st->choices[st->nchoices++];
					ch->line = it->line;
					if (arrow == NULL) {
						content_diag(c, file, it->line, false, "a choice reads 'choice: what the person does -> step-id'");
						ch->label = it->value;
						continue;
					}
					*arrow = '\0';
					ch->label = trim(it->value);
					/* A target longer than any step id is no step: cut to fit, it could name one. */
					const char *target = trim(arrow + 2);
					if (target[0] == '\0')
						content_diag(c, file, it->line, false, "step %s: a choice leads nowhere: write the id of its "
						             "step after '->'", st->id);
					else if (strlen(target) > CONTENT_ID_MAX)
						content_diag(c, file, it->line, false, "step %s: choice leads to '%s', which is not a step",
						             st->id, target);
					else
						copy_cut(ch->target, sizeof(ch->target), target);
					if (ch->label[0] == '\0')
						content_diag(c, file, it->line, false, "step %s: a choice without words", st->id);
				} else if (strcmp(it->key, "feedback") == 0) {
					if (st->nchoices == 0)
						content_diag(c, file, it->line, false, "feedback belongs after the choice it is about");
					else if (st->choices[st->nchoices - 1].feedback != NULL)
						content_diag(c, file, it->line, false, "step %s: two feedbacks for one choice", st->id);
					else
						st->choices[st->nchoices - 1].feedback = it->value;
				}
			}
			if (st->nchoices == 0)
				content_diag(c, file, b->line, false, "step %s offers no choice (an [ending] has none)", st->id);
			for (int i = 0; i < st->nchoices; i++)
				if (st->choices[i].feedback == NULL)
					content_diag(c, file, st->choices[i].line, true, "step %s: choice %d has no feedback", st->id, i + 1);
		}
		s->nsteps++;
	}

	/* The graph: every link lands, the start exists, every step is reachable, an ending exists and can
	 * be reached from every step. */
	if (s->nsteps == 0)
		return;
	int start_i = step_index(s, s->start);
	if (start && start_i < 0)
		content_diag(c, file, 1, false, "start '%s' is not a step", s->start);
	bool any_end = false;
	for (int i = 0; i < s->nsteps; i++) {
		any_end = any_end || s->steps[i].ending;
		for (int j = 0; j < s->steps[i].nchoices; j++) {
			const struct choice *ch = &s->steps[i].choices[j];
			if (ch->target[0] && step_index(s, ch->target) < 0)
				content_diag(c, file, ch->line, false, "step %s: choice leads to '%s', which is not a step", s->steps[i].id,
				             ch->target);
		}
	}
	if (!any_end)
		content_diag(c, file, 1, false, "the scenario has no [ending]");
	bool *reach = arena_alloc(c->arena, (size_t)s->nsteps), *ends = arena_alloc(c->arena, (size_t)s->nsteps);
	int *queue = arena_alloc(c->arena, sizeof(int) * (size_t)s->nsteps);
	if (reach == NULL || ends == NULL || queue == NULL || start_i < 0)
		return;
	memset(reach, 0, (size_t)s->nsteps);
	int head = 0, tail = 0;
	reach[start_i] = true;
	queue[tail++] = start_i;
	while (head < tail) {
		const struct step *st = &s->steps[queue[head++]];
		for (int j = 0; j < st->nchoices; j++) {
			int t = step_index(s, st->choices[j].target);
			if (t >= 0 && !reach[t]) {
				reach[t] = true;
				queue[tail++] = t;
			}
		}
	}
	/* Which steps can still reach an ending: iterate to a fixed point (scenarios are small). */
	for (int i = 0; i < s->nsteps; i++)
		ends[i] = s->steps[i].ending;
	for (bool changed = true; changed;) {
		changed = false;
		for (int i = 0; i < s->nsteps; i++) {
			for (int j = 0; j < s->steps[i].nchoices && !ends[i]; j++) {
				int t = step_index(s, s->steps[i].choices[j].target);
				if (t >= 0 && ends[t]) {
					ends[i] = true;
					changed = true;
				}
			}
		}
	}
	for (int i = 0; i < s->nsteps; i++) {
		if (!reach[i])
			content_diag(c, file, s->steps[i].line, false, "%s %s cannot be reached from the start",
			             s->steps[i].ending ? "ending" : "step", s->steps[i].id);
		else if (!ends[i] && any_end)
			content_diag(c, file, s->steps[i].line, false, "from step %s no path leads to an ending", s->steps[i].id);
	}
}

/* ---- module.txt and glossary.txt ---- */

static int number(struct content *c, const char *file, int line, const char *v, int lo, int hi, int def)
{
	if (v == NULL)
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < lo || n > hi) {
		content_diag(c, file, line, false, "'%s' is not a whole number from %d to %d", v, lo, hi);
		return def;
	}
	return (int)n;
}

void content_parse_module_file(struct content *c, const char *file, const char *text, struct module *m)
{
	struct doc d;
	m->pass_mark = 80;
	if (!parse_doc(c, file, text, &d))
		return;
	static const char *const keys[] = {"title", "summary", "pass-mark", "attempts", "show-answers", NULL};
	struct block *b = &d.blocks[0];
	b->line = 1;
	known_keys(c, file, b, keys, NULL);
	for (int i = 1; i < d.n; i++)
		content_diag(c, file, d.blocks[i].line, false, "module.txt holds no [blocks]");
	m->title = need(c, file, b, "title");
	m->summary = need(c, file, b, "summary");
	if (m->summary)
		content_check_voice(c, file, b->line, m->summary, strlen(m->summary));
	if (m->title && utf8_chars(m->title, strlen(m->title)) > 80)
		content_diag(c, file, 1, false, "the title is longer than 80 characters");
	if (m->summary && utf8_chars(m->summary, strlen(m->summary)) > 300)
		content_diag(c, file, 1, false, "the summary is longer than 300 characters");
	for (int i = 0; i < b->n; i++) {
		if (strcmp(b->items[i].key, "pass-mark") == 0)
			m->pass_mark = number(c, file, b->items[i].line, b->items[i].value, 1, 100, 80);
		else if (strcmp(b->items[i].key, "attempts") == 0)
			m->attempts = number(c, file, b->items[i].line, b->items[i].value, 0, 20, 0);
		else if (strcmp(b->items[i].key, "show-answers") == 0 &&
		         !show_answers_parse(b->items[i].value, &m->show_answers))
			content_diag(c, file, b->items[i].line, false, "show-answers '%s' is not after-passing, always or never",
			             b->items[i].value);
	}
}

void content_parse_glossary(struct content *c, const char *file, const char *text)
{
	struct doc d;
	if (!parse_doc(c, file, text, &d))
		return;
	if (d.blocks[0].n > 0)
		content_diag(c, file, d.blocks[0].items[0].line, false, "'%s' before the first [term] block",
		             d.blocks[0].items[0].key);
	c->terms = arena_alloc(c->arena, sizeof(struct term) * (size_t)(d.n > 1 ? d.n - 1 : 1));
	if (c->terms == NULL)
		return;
	static const char *const keys[] = {"name", "text", NULL};
	for (int bi = 1; bi < d.n; bi++) {
		const struct block *b = &d.blocks[bi];
		if (strcmp(b->kind, "term") != 0) {
			content_diag(c, file, b->line, false, "unknown block [%s]: the glossary holds [term] blocks", b->kind);
			continue;
		}
		struct term *t = &c->terms[c->nterms];
		memset(t, 0, sizeof(*t));
		t->line = b->line;
		if (!valid_id(b->id))
			content_diag(c, file, b->line, false, "term id '%s' must be 1 to 40 of a-z, 0-9 and -", b->id);
		copy_cut(t->id, sizeof(t->id), b->id);
		for (int i = 0; i < c->nterms; i++)
			if (strcmp(c->terms[i].id, t->id) == 0)
				content_diag(c, file, b->line, false, "term '%s' is defined twice", t->id);
		known_keys(c, file, b, keys, NULL);
		t->name = need(c, file, b, "name");
		t->text = need(c, file, b, "text");
		if (t->text)
			content_check_voice(c, file, b->line, t->text, strlen(t->text));
		c->nterms++;
	}
}
