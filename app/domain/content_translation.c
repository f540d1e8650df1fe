/* content_translation.c: the content in other languages. A language is a folder beside the modules,
 * web/modules/CODE/, holding its terms.txt (the terminology translators follow, with the words never used
 * and the few labels a rendered lesson carries), and its glossary.txt and about-the-source.md. A module's
 * translation sits beside its English in SLUG/CODE/, the same files with the same names and ids. Each is
 * parsed as the English is and compared with it: a question, option, step, choice, citation or glossary
 * link missing or extra is an error; a file not translated yet is a warning (the English is shown). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "domain/content.h"

/* ---- citations, compared as sorted lists ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The citations "(¶…)" in s, each once, sorted and joined by "|" (the same for the same citations in any
 * order and number). */
static const char *citations(struct content *c, const char *s)
{
	const char *list[256];
	int n = 0;
	for (const char *p = s ? strstr(s, "(\xC2\xB6") : NULL; p && n < 256; p = strstr(p + 1, "(\xC2\xB6")) {
		int depth = 0;
		size_t len = 0;
		for (size_t i = 0; p[i] && i < 200; i++) {
			depth += p[i] == '(' ? 1 : p[i] == ')' ? -1 : 0;
			if (depth == 0) {
				len = i + 1;
				break;
			}
		}
		/* The citation with its spaces and line breaks as one space: files wrap their lines differently. */
		char *one = len ? arena_printf(c->arena, "%.*s", (int)len, p) : NULL;
		if (one == NULL)
			continue;
		char *w = one;
		for (const char *r = one; *r; r++)
			if (!(*r == ' ' || *r == '\n') || (w > one && w[-1] != ' '))
				*w++ = *r == '\n' ? ' ' : *r;
		*w = '\0';
		list[n++] = one;
	}
	qsort(list, (size_t)n, sizeof(list[0]), cmp_str);
	struct buf b;
	buf_init(&b, 1u << 16);
	for (int i = 0; i < n; i++)   /* each once: a translation may repeat a citation where its sentences split */
		if (i == 0 || strcmp(list[i], list[i - 1]) != 0)
			buf_printf(&b, "%s%s", i ? "|" : "", list[i]);
	const char *out = arena_strdup(c->arena, b.p ? b.p : "");
	buf_free(&b);
	return out;
}

static void same_citations(struct content *c, const char *file, int line, const char *what, const char *en,
                           const char *tr)
{
	const char *a = citations(c, en), *b = citations(c, tr);
	if (a && b && strcmp(a, b) != 0)
		content_diag(c, file, line, false, "%s: the citations are %s, but the English has %s", what,
		             b[0] ? b : "none", a[0] ? a : "none");
}

/* The glossary ids linked in Markdown, sorted and joined. */
static const char *glossary_links(struct content *c, const char *md)
{
	const char *list[256];
	int n = 0;
	for (const char *p = strstr(md, "](glossary:"); p && n < 256; p = strstr(p + 1, "](glossary:")) {
		size_t len = strcspn(p + 11, ")");
		list[n++] = arena_printf(c->arena, "%.*s", (int)len, p + 11);
	}
	qsort(list, (size_t)n, sizeof(list[0]), cmp_str);
	struct buf b;
	buf_init(&b, 1u << 16);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", list[i]);
	const char *out = arena_strdup(c->arena, b.p ? b.p : "");
	buf_free(&b);
	return out;
}

/* ---- the words never used ---- */

/* Lower case for ASCII and Latin-1 letters, in place (other scripts compare as written). */
static void fold(char *s)
{
	for (unsigned char *u = (unsigned char *)s; *u; u++) {
		if (*u >= 'A' && *u <= 'Z')
			*u = (unsigned char)(*u + 32);
		else if (*u == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97)
			u[1] = (unsigned char)(u[1] + 32), u++;
	}
}

static void check_never(struct content *c, const struct language *l, const char *file, const char *text)
{
	if (l->nnever == 0 || text == NULL)
		return;
	char *low = arena_strdup(c->arena, text);
	if (low == NULL)
		return;
	fold(low);
	for (int i = 0; i < l->nnever; i++) {
		const char *hit = strstr(low, l->never[i]);
		if (hit == NULL)
			continue;
		int line = 1;
		for (const char *p = low; p < hit; p++)
			line += *p == '\n';
		content_diag(c, file, line, false, "\"%s\": %s/terms.txt says never to use it", l->never[i], l->code);
	}
}

/* ---- readability in the language ---- */

static void check_read(struct content *c, const char *file, const struct readability *r)
{
	double score;
	double min = r->lang == READ_FR ? READ_EASE_MIN_FR : READ_EASE_MIN_ES;
	if (readability_score(r, &score) && score < min)
		content_diag(c, file, 0, false, "reads at %.0f on the %s scale: plain language is %.0f or more (shorter "
		             "sentences, shorter words)", score, r->lang == READ_FR ? "Kandel-Moles" : "Szigriszt-Pazos", min);
	if (readability_sentence_avg(r) > READ_SENTENCE_AVG_MAX)
		content_diag(c, file, 0, false, "%.1f words a sentence on average: plain language is %.0f or fewer",
		             readability_sentence_avg(r), READ_SENTENCE_AVG_MAX);
}

/* ---- a language ---- */

/* terms.txt: "term: English = translation" (for translators), "never: words" (checked), "label: key =
 * text" (what a rendered lesson says in this language; see struct labels). */
static void read_terms(struct content *c, struct language *l, const char *text, const char *file)
{
	int cap = 64, line = 0;
	l->never = arena_alloc(c->arena, sizeof(char *) * (size_t)cap);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		line++;
		size_t n = strcspn(p, "\n");
		char *ln = arena_printf(c->arena, "%.*s", (int)n, p);
		if (ln == NULL || ln[0] == '#' || ln[0] == '\0')
			continue;
		if (strncmp(ln, "never: ", 7) == 0 && l->never && l->nnever < cap) {
			fold(ln + 7);
			l->never[l->nnever++] = ln + 7;
		} else if (strncmp(ln, "label: ", 7) == 0) {
			char *eq = strstr(ln, " = ");
			if (eq == NULL || !labels_set(&l->labels, arena_printf(c->arena, "%.*s", (int)(eq - ln - 7), ln + 7), eq + 3))
				content_diag(c, file, line, false, "a label is 'label: KEY = text', KEY one of %s", LABEL_KEYS);
		} else if (strncmp(ln, "term: ", 6) != 0) {
			content_diag(c, file, line, false, "a line is 'term: English = translation', 'never: words' or "
			             "'label: KEY = text'");
		}
	}
	for (int k = 0; k < LABELS_N; k++)
		if (labels_get(&l->labels, k) == NULL)
			content_diag(c, file, 0, false, "no 'label: %s = ...': lessons need it", labels_key(k));
}

static bool is_lang_dir(const char *dir, const char *name)
{
	size_t n = strlen(name);
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (name[i] < 'a' || name[i] > 'z')
			return false;
	char path[4096];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s/terms.txt", dir, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void content_read_languages(struct content *c, const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	char *names[CONTENT_LANGS_MAX + 1];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && is_lang_dir(dir, e->d_name)) {
			if (n == CONTENT_LANGS_MAX) {
				content_diag(c, "", 0, false, "more than %d languages", CONTENT_LANGS_MAX);
				break;
			}
			names[n++] = arena_strdup(c->arena, e->d_name);
		}
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), cmp_str);
	char path[4096];
	for (int i = 0; i < n; i++) {
		struct language *l = &c->langs[c->nlangs++];
		memset(l, 0, sizeof(*l));
		snprintf(l->code, sizeof(l->code), "%s", names[i]);
		const char *tf = arena_printf(c->arena, "%s/terms.txt", l->code);
		snprintf(path, sizeof(path), "%s/%s/terms.txt", dir, l->code);
		const char *text = content_read_shared_file(c, path, tf, true);
		if (text)
			read_terms(c, l, text, tf);

		/* The glossary, parsed as the English is, then set beside it. */
		const char *gf = arena_printf(c->arena, "%s/glossary.txt", l->code);
		snprintf(path, sizeof(path), "%s/%s/glossary.txt", dir, l->code);
		text = content_read_shared_file(c, path, gf, false);
		if (text == NULL) {
			content_diag(c, gf, 0, true, "not translated yet: the English glossary is shown");
		} else {
			struct term *en = c->terms;
			int nen = c->nterms;
			c->terms = NULL;
			c->nterms = 0;
			content_parse_glossary(c, gf, text);
			l->terms = c->terms;
			l->nterms = c->nterms;
			c->terms = en;
			c->nterms = nen;
			check_never(c, l, gf, text);
			struct readability r = {.lang = readability_lang(l->code)};
			content_read_terms(c, gf, l->terms, l->nterms, &r);
			check_read(c, gf, &r);
			for (int k = 0; k < nen; k++) {
				const struct term *t = NULL;
				for (int j = 0; j < l->nterms && !t; j++)
					t = strcmp(l->terms[j].id, en[k].id) == 0 ? &l->terms[j] : NULL;
				if (t == NULL)
					content_diag(c, gf, 0, false, "term '%s' is missing", en[k].id);
				else
					same_citations(c, gf, t->line, arena_printf(c->arena, "term %s", t->id), en[k].text, t->text);
			}
			for (int j = 0; j < l->nterms; j++) {
				bool known = false;
				for (int k = 0; k < nen && !known; k++)
					known = strcmp(l->terms[j].id, en[k].id) == 0;
				if (!known)
					content_diag(c, gf, l->terms[j].line, false, "term '%s' is not in the English glossary", l->terms[j].id);
			}
		}

		const char *af = arena_printf(c->arena, "%s/about-the-source.md", l->code);
		snprintf(path, sizeof(path), "%s/%s/about-the-source.md", dir, l->code);
		text = content_read_file(c, path, af, false);
		if (text == NULL && c->about_html != NULL) {
			content_diag(c, af, 0, true, "not translated yet: the English page is shown");
		} else if (text != NULL) {
			struct readability r = {.lang = readability_lang(l->code)};
			l->about_html = content_markdown_in(c, l, af, text, &l->about_title, &r);
			check_read(c, af, &r);
			check_never(c, l, af, text);
		}
	}
}

/* ---- a module in a language ---- */

static void compare_questions(struct content *c, const char *file, const struct question *en, int nen,
                              const struct question *tr, int ntr)
{
	if (ntr != nen)
		content_diag(c, file, 0, false, "%d questions, but the English has %d", ntr, nen);
	for (int i = 0; i < ntr && i < nen; i++) {
		const struct question *a = &en[i], *b = &tr[i];
		if (strcmp(a->id, b->id) != 0) {
			content_diag(c, file, b->line, false, "question %d is '%s', but the English one is '%s'", i + 1, b->id, a->id);
			continue;
		}
		if (a->kind != b->kind || a->nopts != b->nopts)
			content_diag(c, file, b->line, false, "question %s: %s with %d options, but the English is %s with %d",
			             b->id, qkind_name(b->kind), b->nopts, qkind_name(a->kind), a->nopts);
		if (a->source && b->source && strcmp(a->source, b->source) != 0)
			content_diag(c, file, b->line, false, "question %s: source '%s' must stay '%s'", b->id, b->source, a->source);
		same_citations(c, file, b->line, arena_printf(c->arena, "question %s", b->id), a->text, b->text);
		same_citations(c, file, b->line, arena_printf(c->arena, "question %s, explanation", b->id), a->explanation,
		               b->explanation);
		for (int o = 0; o < a->nopts && o < b->nopts; o++) {
			if (a->opts[o].correct != b->opts[o].correct)
				content_diag(c, file, b->opts[o].line, false, "question %s: option %c is %s in English", b->id, 'A' + o,
				             a->opts[o].correct ? "right" : "wrong");
			same_citations(c, file, b->opts[o].line, arena_printf(c->arena, "question %s, option %c", b->id, 'A' + o),
			               a->opts[o].feedback, b->opts[o].feedback);
		}
	}
}

static void compare_scenario(struct content *c, const char *file, const struct scenario *en, const struct scenario *tr)
{
	if (strcmp(en->start, tr->start) != 0)
		content_diag(c, file, 0, false, "start '%s' must stay '%s'", tr->start, en->start);
	if (tr->nsteps != en->nsteps)
		content_diag(c, file, 0, false, "%d steps and endings, but the English has %d", tr->nsteps, en->nsteps);
	for (int i = 0; i < tr->nsteps && i < en->nsteps; i++) {
		const struct step *a = &en->steps[i], *b = &tr->steps[i];
		if (strcmp(a->id, b->id) != 0 || a->ending != b->ending || a->outcome != b->outcome) {
			content_diag(c, file, b->line, false, "'%s' must be the English's %s '%s'%s", b->id, a->ending ? "ending" : "step",
			             a->id, a->ending ? ", with its outcome" : "");
			continue;
		}
		same_citations(c, file, b->line, arena_printf(c->arena, "step %s", b->id), a->text, b->text);
		if (a->nchoices != b->nchoices)
			content_diag(c, file, b->line, false, "step %s: %d choices, but the English has %d", b->id, b->nchoices,
			             a->nchoices);
		for (int k = 0; k < a->nchoices && k < b->nchoices; k++) {
			if (strcmp(a->choices[k].target, b->choices[k].target) != 0)
				content_diag(c, file, b->choices[k].line, false, "step %s: choice %d leads to '%s', in English to '%s'",
				             b->id, k + 1, b->choices[k].target, a->choices[k].target);
			same_citations(c, file, b->choices[k].line, arena_printf(c->arena, "step %s, choice %d", b->id, k + 1),
			               a->choices[k].feedback, b->choices[k].feedback);
		}
	}
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void content_read_translation(struct content *c, const char *dir, struct module *m, const struct language *l,
                              struct translation *t)
{
	char path[4096];
	const char *base = arena_printf(c->arena, "%s/%s", m->slug, l->code);
	memset(t, 0, sizeof(*t));
	t->lang = l->code;
	snprintf(path, sizeof(path), "%s/%s", dir, base);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		content_diag(c, base, 0, true, "not translated yet: shown in English");
		return;
	}
	enum read_lang rl = readability_lang(l->code);

	const char *mf = arena_printf(c->arena, "%s/module.txt", base);
	snprintf(path, sizeof(path), "%s/%s/module.txt", dir, base);
	const char *text = content_read_module_file(c, m, path, mf, false);
	if (text) {
		struct module tm = {0};
		content_parse_module_file(c, mf, text, &tm);
		t->title = tm.title;
		t->summary = tm.summary;
		for (const char *p = text; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
			if (strncmp(p, "pass-mark:", 10) == 0 || strncmp(p, "attempts:", 9) == 0 || strncmp(p, "show-answers:", 13) == 0)
				content_diag(c, mf, 0, false, "'%.*s' is set in the English module.txt only", (int)strcspn(p, ":"), p);
		check_never(c, l, mf, text);
	} else {
		content_diag(c, mf, 0, true, "not translated yet: the English title and summary are shown");
	}

	/* Lessons: the English's files, by name. */
	t->lessons = arena_alloc(c->arena, sizeof(struct lesson) * (size_t)(m->nlessons ? m->nlessons : 1));
	for (int i = 0; i < m->nlessons && t->lessons; i++) {
		struct lesson *tl = &t->lessons[i];
		memset(tl, 0, sizeof(*tl));
		tl->file = m->lessons[i].file;
		tl->read.lang = rl;
		const char *shown = arena_printf(c->arena, "%s/lessons/%s", base, tl->file);
		snprintf(path, sizeof(path), "%s/%s", dir, shown);
		const char *md = content_read_module_file(c, m, path, shown, false);
		if (md == NULL) {
			content_diag(c, shown, 0, true, "not translated yet: the English lesson is shown");
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s/lessons/%s", dir, m->slug, tl->file);
		const char *en = content_read_file(c, path, shown, false);
		tl->html = content_markdown_in(c, l, shown, md, &tl->title, &tl->read);
		tl->words = tl->read.words;
		check_read(c, shown, &tl->read);
		check_never(c, l, shown, md);
		if (en) {
			same_citations(c, shown, 0, "the lesson", en, md);
			const char *a = glossary_links(c, en), *b = glossary_links(c, md);
			if (a && b && strcmp(a, b) != 0)
				content_diag(c, shown, 0, false, "glossary links [%s], but the English has [%s]", b, a);
		}
	}
	/* A lesson the English does not have. */
	snprintf(path, sizeof(path), "%s/%s/lessons", dir, base);
	DIR *d = opendir(path);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		bool known = false;
		for (int i = 0; i < m->nlessons && !known; i++)
			known = strcmp(m->lessons[i].file, e->d_name) == 0;
		if (!known)
			content_diag(c, arena_printf(c->arena, "%s/lessons/%s", base, e->d_name), 0, false,
			             "the English module has no lesson of this name");
	}
	if (d)
		closedir(d);

	static const char *const sets[] = {"quiz.txt", "precheck.txt"};
	for (int k = 0; k < 2; k++) {
		const char *qf = arena_printf(c->arena, "%s/%s", base, sets[k]);
		snprintf(path, sizeof(path), "%s/%s", dir, qf);
		bool english = k == 0 || m->nprecheck > 0;
		text = english ? content_read_module_file(c, m, path, qf, false) : NULL;
		if (text == NULL) {
			if (english)
				content_diag(c, qf, 0, true, "not translated yet: the English questions are shown");
			else if (is_file(path))
				content_diag(c, qf, 0, false, "the English module has no pre-check");
			continue;
		}
		struct question **qs = k == 0 ? &t->quiz : &t->precheck;
		int *nq = k == 0 ? &t->nquiz : &t->nprecheck;
		content_parse_questions(c, qf, text, qs, nq);
		compare_questions(c, qf, k == 0 ? m->quiz : m->precheck, k == 0 ? m->nquiz : m->nprecheck, *qs, *nq);
		struct readability *r = k == 0 ? &t->quiz_read : &t->precheck_read;
		r->lang = rl;
		content_read_questions(c, qf, *qs, *nq, r);
		check_read(c, qf, r);
		check_never(c, l, qf, text);
	}

	const char *sf = arena_printf(c->arena, "%s/scenario.txt", base);
	snprintf(path, sizeof(path), "%s/%s", dir, sf);
	text = content_read_module_file(c, m, path, sf, false);
	if (text == NULL) {
		content_diag(c, sf, 0, true, "not translated yet: the English case is shown");
	} else {
		content_parse_scenario(c, sf, text, &t->scenario);
		t->has_scenario = true;
		compare_scenario(c, sf, &m->scenario, &t->scenario);
		t->scenario_read.lang = rl;
		content_read_scenario(c, sf, &t->scenario, &t->scenario_read);
		check_read(c, sf, &t->scenario_read);
		check_never(c, l, sf, text);
	}

	const char *nf = arena_printf(c->arena, "%s/notes.md", base);
	snprintf(path, sizeof(path), "%s/%s", dir, nf);
	text = content_read_module_file(c, m, path, nf, false);
	if (text == NULL && m->notes_html != NULL) {
		content_diag(c, nf, 0, true, "not translated yet: the English notes are shown");
	} else if (text != NULL) {
		t->notes_html = content_markdown_in(c, l, nf, text, NULL, NULL);
		check_never(c, l, nf, text);
	}
}
