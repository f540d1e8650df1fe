/* content.h: the training content, parsed from the plain-text authoring format documented in
 * web/modules/README.md. Pure: reads files, writes nothing, knows no HTTP and no database. Every string
 * lives in the arena given to content_read. */
#ifndef PASSAGE_CONTENT_H
#define PASSAGE_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define CONTENT_ID_MAX 40
#define CONTENT_OPTIONS_MAX 8
#define CONTENT_CHOICES_MAX 6
#define CONTENT_LESSONS_MAX 60   /* a trainee's lessons read fit in one 64-bit mask */

enum qkind { QK_SINGLE, QK_MULTIPLE, QK_TRUEFALSE };
enum outcome { OUTCOME_NONE, OUTCOME_GOOD, OUTCOME_MIXED, OUTCOME_POOR };

struct option {
	const char *text, *feedback;   /* feedback may be NULL */
	bool correct;
	int line;
};

struct question {
	char id[CONTENT_ID_MAX + 1];
	enum qkind kind;
	const char *text, *explanation, *source;
	struct option opts[CONTENT_OPTIONS_MAX];
	int nopts;
	int line;
};

struct choice {
	const char *label, *feedback;
	char target[CONTENT_ID_MAX + 1];
	int line;
};

struct step {
	char id[CONTENT_ID_MAX + 1];
	bool ending;
	enum outcome outcome;            /* endings only */
	const char *title, *text;        /* title: endings only */
	struct choice choices[CONTENT_CHOICES_MAX];
	int nchoices;
	int line;
};

struct scenario {
	const char *title;
	char start[CONTENT_ID_MAX + 1];
	struct step *steps;
	int nsteps;
};

struct lesson {
	const char *file;                /* e.g. "01-why.md" */
	const char *title;
	const char *html;                /* rendered once, here */
	int words;
};

struct module {
	char slug[CONTENT_ID_MAX + 1];
	const char *title, *summary;
	int pass_mark, attempts;
	struct lesson *lessons;
	int nlessons;
	struct question *quiz, *precheck;
	int nquiz, nprecheck;
	struct scenario scenario;
	bool has_scenario;
	const char *notes_html;          /* NULL when there are no notes */
	char hash[65];                   /* SHA-256 of every file of the module, for revisions */
};

struct term {
	char id[CONTENT_ID_MAX + 1];
	const char *name, *text;
	int line;
};

struct diag {
	const char *file;
	int line;
	bool warning;
	const char *msg;
	struct diag *next;
};

struct content {
	struct module *modules;
	int nmodules;
	struct term *terms;
	int nterms;
	struct diag *diags, *last_diag;
	int errors, warnings;
	struct arena *arena;
};

/* Reads every module folder under dir (each one holding module.txt) and dir/glossary.txt, in name
 * order, and checks everything. Diagnostics accumulate in c->diags; c->errors counts the errors. */
void content_read(struct arena *a, const char *dir, struct content *c);

/* For the unit tests: parses one file's text as questions or as a scenario. */
void content_parse_questions(struct content *c, const char *file, const char *text, struct question **out, int *n);
void content_parse_scenario(struct content *c, const char *file, const char *text, struct scenario *out);
void content_parse_module_file(struct content *c, const char *file, const char *text, struct module *m);
void content_parse_glossary(struct content *c, const char *file, const char *text);
/* Renders lesson Markdown (raw HTML refused, glossary: links rewritten and checked). */
const char *content_markdown(struct content *c, const char *file, const char *text, const char **title, int *words);

void content_diag(struct content *c, const char *file, int line, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

const char *qkind_name(enum qkind k);
const char *outcome_name(enum outcome o);

/* Scoring (scoring rules shared by pages and tests). A multiple-select answer is right only when the
 * chosen set equals the correct set. `chosen` holds option indexes. */
bool question_correct(const struct question *q, const int *chosen, int nchosen);

#endif
