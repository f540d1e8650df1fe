/* content_dir.c: reads the module folders and the glossary from disk and checks what spans files. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/utf8.h"
#include "domain/content.h"

#define FILE_MAX (1 << 20)

/* A content fingerprint (two 64-bit FNV-1a lanes): tells an edited module from an unchanged one. */
struct fp {
	uint64_t a, b;
};

static void fp_add(struct fp *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		f->a = (f->a ^ (unsigned char)s[i]) * 0x100000001b3ULL;
		f->b = (f->b ^ (unsigned char)s[i]) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
	}
}

static const char *read_file(struct content *c, const char *path, const char *shown, bool required, struct fp *f)
{
	FILE *fh = fopen(path, "rb");
	if (fh == NULL) {
		if (required || errno != ENOENT)
			content_diag(c, shown, 0, false, "cannot read: %s", strerror(errno));
		return NULL;
	}
	char *buf = arena_alloc(c->arena, FILE_MAX + 1);
	size_t n = buf ? fread(buf, 1, FILE_MAX + 1, fh) : 0;
	fclose(fh);
	if (buf == NULL)
		return NULL;
	if (n > FILE_MAX) {
		content_diag(c, shown, 0, false, "larger than 1 MiB");
		return NULL;
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		content_diag(c, shown, 0, false, "holds a NUL byte: is it a text file?");
		return NULL;
	}
	if (!utf8_valid(buf, n)) {
		int line = 1;
		for (const char *p = buf, *e; (e = strchr(p, '\n')) != NULL && utf8_valid(p, (size_t)(e - p)); p = e + 1)
			line++;
		content_diag(c, shown, line, false, "is not valid UTF-8: save the file as UTF-8");
		return NULL;
	}
	if (f != NULL) {
		fp_add(f, shown, strlen(shown) + 1);
		fp_add(f, buf, n + 1);
	}
	return buf;
}

const char *content_read_file(struct content *c, const char *path, const char *shown, bool required)
{
	return read_file(c, path, shown, required, NULL);
}

const char *content_read_shared_file(struct content *c, const char *path, const char *shown, bool required)
{
	struct fp f = {c->shared_fp[0], c->shared_fp[1]};
	const char *text = read_file(c, path, shown, required, &f);
	c->shared_fp[0] = f.a;
	c->shared_fp[1] = f.b;
	return text;
}

const char *content_read_module_file(struct content *c, struct module *m, const char *path, const char *shown,
                                     bool required)
{
	struct fp f = {m->fp[0], m->fp[1]};
	const char *text = read_file(c, path, shown, required, &f);
	m->fp[0] = f.a;
	m->fp[1] = f.b;
	return text;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of a folder, sorted, that pass `keep`. */
static char **list_dir(struct content *c, const char *dir, bool (*keep)(const char *dir, const char *name), int *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return NULL;
	int cap = 64;
	char **names = arena_alloc(c->arena, sizeof(char *) * (size_t)cap);
	struct dirent *e;
	while (names && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !keep(dir, e->d_name))
			continue;
		if (*n == cap) {
			char **more = arena_alloc(c->arena, sizeof(char *) * (size_t)cap * 2);
			if (more == NULL)
				break;
			memcpy(more, names, sizeof(char *) * (size_t)cap);
			names = more;
			cap *= 2;
		}
		names[(*n)++] = arena_strdup(c->arena, e->d_name);
	}
	closedir(d);
	if (names)
		qsort(names, (size_t)*n, sizeof(char *), cmp_names);
	return names;
}

static bool is_module_dir(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s/module.txt", dir, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_markdown(const char *dir, const char *name)
{
	(void)dir;
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* One file's readability against the limits (readability.h). */
static void check_readability(struct content *c, const char *file, const struct readability *r)
{
	if (readability_grade(r) > READ_GRADE_MAX)
		content_diag(c, file, 0, false, "reads at grade %.1f: plain language is %.1f or below (shorter sentences, "
		             "shorter words)", readability_grade(r), READ_GRADE_MAX);
	if (readability_sentence_avg(r) > READ_SENTENCE_AVG_MAX)
		content_diag(c, file, 0, false, "%.1f words a sentence on average: plain language is %.0f or fewer",
		             readability_sentence_avg(r), READ_SENTENCE_AVG_MAX);
}

static void read_glossary(struct content *c, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/glossary.txt", dir);
	const char *text = content_read_shared_file(c, path, "glossary.txt", false);
	if (text == NULL)
		return;
	content_parse_glossary(c, "glossary.txt", text);
	struct readability r = {0};
	content_read_terms(c, "glossary.txt", c->terms, c->nterms, &r);
	if (readability_sentence_avg(&r) > READ_SENTENCE_AVG_MAX)
		content_diag(c, "glossary.txt", 0, false, "%.1f words a sentence on average: plain language is %.0f or fewer",
		             readability_sentence_avg(&r), READ_SENTENCE_AVG_MAX);
	c->glossary_read = r;
}

/* What the source is and how to read it: one page for every module (optional; measured like a lesson). */
static void read_about(struct content *c, const char *dir)
{
	char path[4096];
	struct readability r = {0};
	snprintf(path, sizeof(path), "%s/about-the-source.md", dir);
	const char *text = read_file(c, path, "about-the-source.md", false, NULL);
	if (text == NULL)
		return;
	c->about_html = content_markdown(c, "about-the-source.md", text, &c->about_title, &r);
	check_readability(c, "about-the-source.md", &r);
}

double module_grade(const struct module *m)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < m->nlessons; i++, n++)
		sum += readability_grade(&m->lessons[i].read);
	const struct readability *sets[] = {&m->quiz_read, &m->precheck_read, &m->scenario_read};
	for (int i = 0; i < 3; i++)
		if (sets[i]->words > 0) {
			sum += readability_grade(sets[i]);
			n++;
		}
	return n ? sum / n : 0;
}

static void read_module(struct content *c, const char *dir, const char *slug, struct module *m)
{
	char path[4096];
	struct fp f = {c->shared_fp[0], c->shared_fp[1]};   /* the glossaries and terms its lessons show */
	memset(m, 0, sizeof(*m));
	snprintf(m->slug, sizeof(m->slug), "%s", slug);
	const char *mf = arena_printf(c->arena, "%s/module.txt", slug);
	bool slug_ok = strlen(slug) <= CONTENT_ID_MAX;
	for (const char *s = slug; *s && slug_ok; s++)
		slug_ok = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-';
	if (!slug_ok)
		content_diag(c, mf, 0, false, "the folder name '%s' must be 1 to 40 of a-z, 0-9 and -", slug);

	snprintf(path, sizeof(path), "%s/%s/module.txt", dir, slug);
	const char *text = read_file(c, path, mf, true, &f);
	m->pass_mark = 80;
	if (text != NULL)
		content_parse_module_file(c, mf, text, m);

	/* Lessons, in file-name order. */
	snprintf(path, sizeof(path), "%s/%s/lessons", dir, slug);
	int n;
	char **files = list_dir(c, path, is_markdown, &n);
	if (n == 0)
		content_diag(c, arena_printf(c->arena, "%s/lessons", slug), 0, false, "a module needs at least one lesson");
	if (n > CONTENT_LESSONS_MAX)
		content_diag(c, arena_printf(c->arena, "%s/lessons", slug), 0, false, "a module has at most %d lessons",
		             CONTENT_LESSONS_MAX);
	m->lessons = arena_alloc(c->arena, sizeof(struct lesson) * (size_t)(n ? n : 1));
	for (int i = 0; i < n && m->lessons; i++) {
		const char *shown = arena_printf(c->arena, "%s/lessons/%s", slug, files[i]);
		snprintf(path, sizeof(path), "%s/%s/lessons/%s", dir, slug, files[i]);
		const char *md = read_file(c, path, shown, true, &f);
		struct lesson *l = &m->lessons[m->nlessons];
		memset(l, 0, sizeof(*l));
		l->file = files[i];
		if (md == NULL)
			continue;
		l->html = content_markdown(c, shown, md, &l->title, &l->read);
		l->words = l->read.words;
		check_readability(c, shown, &l->read);
		if (l->html != NULL)
			m->nlessons++;
	}

	snprintf(path, sizeof(path), "%s/%s/quiz.txt", dir, slug);
	const char *qf = arena_printf(c->arena, "%s/quiz.txt", slug);
	text = read_file(c, path, qf, true, &f);
	if (text) {
		content_parse_questions(c, qf, text, &m->quiz, &m->nquiz);
		content_read_questions(c, qf, m->quiz, m->nquiz, &m->quiz_read);
		check_readability(c, qf, &m->quiz_read);
	}
	if (text && m->nquiz == 0)
		content_diag(c, qf, 0, false, "the quiz has no questions");

	snprintf(path, sizeof(path), "%s/%s/precheck.txt", dir, slug);
	const char *pf = arena_printf(c->arena, "%s/precheck.txt", slug);
	text = read_file(c, path, pf, false, &f);
	if (text) {
		content_parse_questions(c, pf, text, &m->precheck, &m->nprecheck);
		content_read_questions(c, pf, m->precheck, m->nprecheck, &m->precheck_read);
		check_readability(c, pf, &m->precheck_read);
	}

	snprintf(path, sizeof(path), "%s/%s/scenario.txt", dir, slug);
	const char *sf = arena_printf(c->arena, "%s/scenario.txt", slug);
	text = read_file(c, path, sf, true, &f);
	if (text) {
		content_parse_scenario(c, sf, text, &m->scenario);
		content_read_scenario(c, sf, &m->scenario, &m->scenario_read);
		check_readability(c, sf, &m->scenario_read);
		m->has_scenario = true;
	}

	snprintf(path, sizeof(path), "%s/%s/notes.md", dir, slug);
	const char *nf = arena_printf(c->arena, "%s/notes.md", slug);
	text = read_file(c, path, nf, false, &f);
	if (text)
		m->notes_html = content_markdown(c, nf, text, NULL, NULL);   /* for facilitators: not measured */
	double grade = module_grade(m);
	if (grade > READ_GRADE_MODULE_MAX)
		content_diag(c, mf, 0, false, "the lessons, quizzes and case read at grade %.1f on average: plain language is "
		             "%.1f or below (see web/modules/README.md, \"Plain language\")", grade, READ_GRADE_MODULE_MAX);
	m->fp[0] = f.a;
	m->fp[1] = f.b;
}

void content_read(struct arena *a, const char *dir, struct content *c)
{
	memset(c, 0, sizeof(*c));
	c->arena = a;
	c->shared_fp[0] = 0xcbf29ce484222325ULL;
	c->shared_fp[1] = 0x84222325cbf29ce4ULL;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		content_diag(c, "", 0, false, "not a folder");
		return;
	}
	read_glossary(c, dir);
	read_about(c, dir);
	content_read_languages(c, dir);
	int n;
	char **slugs = list_dir(c, dir, is_module_dir, &n);
	if (n == 0)
		content_diag(c, "", 0, false, "no module folders (each holds a module.txt)");
	c->modules = arena_alloc(a, sizeof(struct module) * (size_t)(n ? n : 1));
	for (int i = 0; i < n && c->modules; i++) {
		struct module *m = &c->modules[c->nmodules++];
		read_module(c, dir, slugs[i], m);
		for (int k = 0; k < c->nlangs; k++)
			content_read_translation(c, dir, m, &c->langs[k], &m->tr[m->ntr++]);
		snprintf(m->hash, sizeof(m->hash), "%016llx%016llx", m->fp[0], m->fp[1]);
	}
}
