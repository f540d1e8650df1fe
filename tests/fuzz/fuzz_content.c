/* fuzz_content.c: the content format (domain/content.c, markdown.c): one module's files as the loader
 * reads them. The first byte chooses the file: module.txt, a quiz or pre-check, scenario.txt,
 * glossary.txt, a lesson or notes.md; the rest is its text. The loader only hands the parsers text that
 * is valid UTF-8 without NUL (content_dir.c refuses the rest), so other inputs are skipped.
 * Properties: the error and warning counts match the diagnostics; every diagnostic has a line within
 * the file and a message that is valid UTF-8 (a cut name never splits a character); every string the
 * parsers return is valid UTF-8, ids are at most CONTENT_ID_MAX bytes, options and choices within
 * their maximum; a file with no errors is one the pages can trust: questions with 2 to 8 options and
 * the right number correct, scenario links that land on the step written, numbers within their ranges.
 * Lesson HTML is valid UTF-8 and holds only the tags cmark writes, never raw HTML or a script link. */
#include <ctype.h>

#include "domain/content.h"
#include "fuzz.h"

static struct arena A;

static const char glossary[] = "[term asylum]\nname: Asylum\ntext: Protection a state gives.\n\n"
                               "[term refugee]\nname: Refugee\ntext: A person who fled.\n";

static void check_str(const char *s, const char *what)
{
	if (s != NULL)
		FUZZ_CHECK(utf8_valid(s, strlen(s)), "%s is not UTF-8", what);
}

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CONTENT_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!id_char(s[i]))
			return false;
	return true;
}

/* True when text has `before`, then blanks, then exactly id followed by something that cannot continue
 * an id: the id as written, not a longer one cut to fit. */
static bool written_id(const char *text, const char *before, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = strstr(text, before); p != NULL; p = strstr(p + 1, before)) {
		const char *q = p + strlen(before);
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (strncmp(q, id, n) == 0 && !id_char(q[n]))
			return true;
	}
	return false;
}

static void check_questions(const struct content *c, const struct question *qs, int n)
{
	for (int i = 0; i < n; i++) {
		const struct question *q = &qs[i];
		FUZZ_CHECK(strlen(q->id) <= CONTENT_ID_MAX, "question id of %zu bytes", strlen(q->id));
		FUZZ_CHECK(q->nopts >= 0 && q->nopts <= CONTENT_OPTIONS_MAX, "%d options", q->nopts);
		check_str(q->id, "question id");
		check_str(q->text, "question text");
		check_str(q->explanation, "explanation");
		check_str(q->source, "source");
		int correct = 0;
		for (int j = 0; j < q->nopts; j++) {
			FUZZ_CHECK(q->opts[j].text != NULL, "option without text");
			check_str(q->opts[j].text, "option");
			check_str(q->opts[j].feedback, "feedback");
			correct += q->opts[j].correct;
		}
		if (c->errors == 0) {
			FUZZ_CHECK(valid_id(q->id), "accepted question id '%s'", q->id);
			FUZZ_CHECK(q->text && q->explanation && q->source, "accepted question %s without its parts", q->id);
			FUZZ_CHECK(q->nopts >= 2, "accepted question %s with %d options", q->id, q->nopts);
			FUZZ_CHECK(correct >= 1 && (q->kind != QK_SINGLE || correct == 1), "accepted question %s: %d correct",
			           q->id, correct);
			for (int j = 0; j < q->nopts; j++)
				FUZZ_CHECK(q->opts[j].text[0] != '\0', "accepted an empty option");
		}
	}
}

static void check_scenario(const struct content *c, const struct scenario *s, const char *text)
{
	check_str(s->title, "scenario title");
	FUZZ_CHECK(strlen(s->start) <= CONTENT_ID_MAX, "start of %zu bytes", strlen(s->start));
	for (int i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		FUZZ_CHECK(strlen(st->id) <= CONTENT_ID_MAX, "step id of %zu bytes", strlen(st->id));
		FUZZ_CHECK(st->nchoices >= 0 && st->nchoices <= CONTENT_CHOICES_MAX, "%d choices", st->nchoices);
		check_str(st->id, "step id");
		check_str(st->title, "step title");
		check_str(st->text, "step text");
		for (int j = 0; j < st->nchoices; j++) {
			const struct choice *ch = &st->choices[j];
			FUZZ_CHECK(strlen(ch->target) <= CONTENT_ID_MAX, "target of %zu bytes", strlen(ch->target));
			check_str(ch->label, "choice");
			check_str(ch->feedback, "choice feedback");
			check_str(ch->target, "choice target");
		}
	}
	if (c->errors != 0 || s->nsteps == 0)
		return;
	bool start = false;
	for (int i = 0; i < s->nsteps; i++) {
		const struct step *st = &s->steps[i];
		FUZZ_CHECK(valid_id(st->id), "accepted step id '%s'", st->id);
		start = start || strcmp(st->id, s->start) == 0;
		FUZZ_CHECK(st->ending || st->nchoices > 0, "accepted step %s without choices", st->id);
		for (int j = 0; j < st->nchoices; j++) {
			const struct choice *ch = &st->choices[j];
			bool lands = false;
			for (int k = 0; k < s->nsteps; k++)
				lands = lands || strcmp(s->steps[k].id, ch->target) == 0;
			FUZZ_CHECK(lands, "accepted a choice to '%s', no step", ch->target);
			FUZZ_CHECK(written_id(text, "->", ch->target), "accepted a choice to '%s', which is not what was written",
			           ch->target);
			FUZZ_CHECK(ch->label[0] != '\0', "accepted a choice without words");
		}
	}
	FUZZ_CHECK(start, "accepted a scenario whose start '%s' is no step", s->start);
	FUZZ_CHECK(written_id(text, "start:", s->start), "accepted start '%s', which is not what was written", s->start);
}

/* Every '<' in cmark's safe HTML opens or closes one of the tags it writes, or is its placeholder, or one
 * of the tags markdown.c adds around it (source marks, the Sources list, definitions in place). */
static void check_html(const char *html)
{
	static const char *const tags[] = {"p>", "h1>", "h2>", "h3>", "h4>", "h5>", "h6>", "a href=\"", "a>",
	                                   "img src=\"", "em>", "strong>", "code>", "code class=\"", "pre>",
	                                   "blockquote>", "ul>", "ol>", "ol start=\"", "li>", "hr />", "br />",
	                                   "!-- raw HTML omitted -->", "sup class=\"src\">", "a id=\"ref-", "sup>",
	                                   "section class=\"sources\" aria-labelledby=\"sources\">", "section>",
	                                   "h2 id=\"sources\">", "li id=\"src-", "details class=\"term\">", "details>",
	                                   "summary>", "p id=\"g-", NULL};
	FUZZ_CHECK(utf8_valid(html, strlen(html)), "lesson HTML is not UTF-8");
	for (const char *p = strchr(html, '<'); p != NULL; p = strchr(p + 1, '<')) {
		const char *t = p + 1 + (p[1] == '/');
		bool ok = false;
		for (int i = 0; tags[i] && !ok; i++)
			ok = strncmp(t, tags[i], strlen(tags[i])) == 0;
		FUZZ_CHECK(ok, "unexpected markup: %.40s", p);
	}
	for (const char *p = strstr(html, "href=\""); p != NULL; p = strstr(p + 1, "href=\"")) {
		char scheme[12] = "";
		for (size_t i = 0; i < sizeof(scheme) - 1 && p[6 + i] && p[6 + i] != '"'; i++)
			scheme[i] = (char)tolower((unsigned char)p[6 + i]);
		FUZZ_CHECK(strncmp(scheme, "javascript:", 11) != 0 && strncmp(scheme, "vbscript:", 9) != 0 &&
		           strncmp(scheme, "data:", 5) != 0, "a script link: %.40s", p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (A.cap == 0)
		arena_init(&A, HTTP_ARENA_MAX);
	char *text = fuzz_cstr(data + 1, size - 1);
	size_t n = size - 1;
	if (strlen(text) != n || !utf8_valid(text, n)) {
		free(text);
		return -1;   /* content_dir.c never passes this on: not worth keeping */
	}
	arena_reset(&A);
	struct content c;
	memset(&c, 0, sizeof(c));
	c.arena = &A;
	int kind = data[0] % 7;
	if (kind != 4)
		content_parse_glossary(&c, "glossary.txt", glossary);
	int lines = 1;   /* Markdown (CommonMark) also ends a line at a lone CR; the line format does not */
	for (const char *p = text; *p; p++)
		lines += *p == '\n' || (kind >= 5 && *p == '\r' && p[1] != '\n');
	const char *file = "f";
	switch (kind) {
	case 0: {
		struct module m;
		memset(&m, 0, sizeof(m));
		content_parse_module_file(&c, file, text, &m);
		check_str(m.title, "title");
		check_str(m.summary, "summary");
		FUZZ_CHECK(m.pass_mark >= 1 && m.pass_mark <= 100, "pass mark %d", m.pass_mark);
		FUZZ_CHECK(m.attempts >= 0 && m.attempts <= 20, "attempts %d", m.attempts);
		if (c.errors == 0)
			FUZZ_CHECK(m.title && m.summary && utf8_chars(m.title, strlen(m.title)) <= 80 &&
			           utf8_chars(m.summary, strlen(m.summary)) <= 300, "accepted module.txt breaks its limits");
		break;
	}
	case 1:
	case 2: {
		struct question *qs;
		int nq;
		content_parse_questions(&c, file, text, &qs, &nq);
		FUZZ_CHECK(nq >= 0 && nq <= lines, "%d questions in %d lines", nq, lines);
		check_questions(&c, qs, nq);
		break;
	}
	case 3: {
		struct scenario s;
		content_parse_scenario(&c, file, text, &s);
		check_scenario(&c, &s, text);
		break;
	}
	case 4:
		content_parse_glossary(&c, file, text);
		for (int i = 0; i < c.nterms; i++) {
			FUZZ_CHECK(strlen(c.terms[i].id) <= CONTENT_ID_MAX, "term id of %zu bytes", strlen(c.terms[i].id));
			check_str(c.terms[i].id, "term id");
			check_str(c.terms[i].name, "term name");
			check_str(c.terms[i].text, "term text");
		}
		break;
	case 5:
	case 6: {
		const char *title = NULL;
		struct readability read = {.words = -1};
		const char *html = content_markdown(&c, file, text, kind == 5 ? &title : NULL, kind == 5 ? &read : NULL);
		int words = read.words;
		FUZZ_CHECK(html != NULL, "no HTML");
		check_html(html);
		check_str(title, "lesson title");
		if (kind == 5)
			FUZZ_CHECK(words >= 0 && (size_t)words <= n, "%d words in %zu bytes", words, n);
		break;
	}
	}
	int errors = 0, warnings = 0;
	for (const struct diag *d = c.diags; d != NULL; d = d->next) {
		FUZZ_CHECK(d->msg != NULL, "a diagnostic without a message");
		FUZZ_CHECK(utf8_valid(d->msg, strlen(d->msg)), "diagnostic not UTF-8: %s", d->msg);
		if (strcmp(d->file, "glossary.txt") == 0)
			FUZZ_CHECK(false, "the fixed glossary has a problem: %s", d->msg);
		FUZZ_CHECK(d->line >= 0 && d->line <= lines, "diagnostic on line %d of %d: %s", d->line, lines, d->msg);
		errors += !d->warning;
		warnings += d->warning;
	}
	FUZZ_CHECK(errors == c.errors && warnings == c.warnings, "counted %d/%d, diags %d/%d", c.errors, c.warnings,
	           errors, warnings);
	free(text);
	return 0;
}
