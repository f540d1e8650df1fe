/* content.h: the training content, parsed from the plain-text authoring format documented in
 * web/modules/README.md. Pure: reads files, writes nothing, knows no HTTP and no database. Every string
 * lives in the arena given to content_read. */
#ifndef PASSAGE_CONTENT_H
#define PASSAGE_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "domain/readability.h"

#define CONTENT_ID_MAX 40
#define CONTENT_OPTIONS_MAX 8
#define CONTENT_CHOICES_MAX 6
#define CONTENT_LESSONS_MAX 60   /* a trainee's lessons read fit in one 64-bit mask */
#define CONTENT_LANGS_MAX 8      /* languages beside English */

enum qkind { QK_SINGLE, QK_MULTIPLE, QK_TRUEFALSE };
/* When a quiz's review shows the right answers (module.txt: show-answers). */
enum show_answers { SHOW_AFTER_PASSING, SHOW_ALWAYS, SHOW_NEVER };
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
	int words;                       /* read.words: what a reader reads, for the reading time */
	struct readability read;
};

/* A module in another language (SLUG/CODE/): what is NULL or 0 is not translated, and shown in English.
 * lessons[] follows the English lessons, one for one (html NULL where not translated). */
struct translation {
	const char *lang;
	const char *title, *summary;
	struct lesson *lessons;
	struct question *quiz, *precheck;
	int nquiz, nprecheck;
	struct scenario scenario;
	bool has_scenario;
	const char *notes_html;
	struct readability quiz_read, precheck_read, scenario_read;
};

struct module {
	char slug[CONTENT_ID_MAX + 1];
	const char *title, *summary;
	int pass_mark, attempts;
	enum show_answers show_answers;
	struct lesson *lessons;
	int nlessons;
	struct question *quiz, *precheck;
	int nquiz, nprecheck;
	struct scenario scenario;
	bool has_scenario;
	const char *notes_html;          /* NULL when there are no notes */
	struct readability quiz_read, precheck_read, scenario_read;
	struct translation tr[CONTENT_LANGS_MAX];   /* one for each of content.langs, in its order */
	int ntr;
	char hash[65];                   /* a fingerprint of every file of the module, translations too, for revisions */
	unsigned long long fp[2];        /* the fingerprint as it is summed (content_dir.c) */
};

struct term {
	char id[CONTENT_ID_MAX + 1];
	const char *name, *text;
	int line;
};

/* What a rendered lesson says besides its text: the labels of the Sources list and of a definition. English
 * by default; a language sets each in its terms.txt ("label: sources = Sources"). */
enum label {
	LABEL_GLOSSARY, LABEL_SOURCES, LABEL_SOURCES_INTRO, LABEL_ABOUT, LABEL_FROM, LABEL_TO, LABEL_BACK, LABEL_SOURCE,
	LABEL_QUOTE_OPEN, LABEL_QUOTE_CLOSE, LABELS_N
};
#define LABEL_KEYS "glossary, sources, sources-intro, about, from, to, back, source, quote-open, quote-close"
struct labels {
	const char *text[LABELS_N];
};
const char *labels_key(int k);
bool labels_set(struct labels *l, const char *key, const char *text);   /* false for an unknown key */
const char *labels_get(const struct labels *l, int k);                  /* NULL when not set */

/* A language the content is translated into (web/modules/CODE/). */
struct language {
	char code[8];
	const char **never;              /* words never to use (terms.txt), folded to lower case */
	int nnever;
	struct labels labels;
	struct term *terms;              /* CODE/glossary.txt: the same ids as the English */
	int nterms;
	const char *about_title, *about_html;
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
	const char *about_title, *about_html;   /* about-the-source.md, rendered; NULL when there is none */
	struct readability glossary_read;
	struct language langs[CONTENT_LANGS_MAX];
	int nlangs;
	/* The files every module's lessons are rendered with (the glossaries, each language's terms): part of
	 * every module's fingerprint, so a definition edited reaches the lessons that show it in place. */
	unsigned long long shared_fp[2];
	struct diag *diags, *last_diag;
	int errors, warnings;
	struct arena *arena;
};

/* Reads every module folder under dir (each one holding module.txt) and dir/glossary.txt, in name
 * order, and checks everything. Diagnostics accumulate in c->diags; c->errors counts the errors. */
void content_read(struct arena *a, const char *dir, struct content *c);

/* The mean grade of a module's lessons, quiz, pre-check and case (readability.h). */
double module_grade(const struct module *m);

/* For the unit tests: parses one file's text as questions or as a scenario. */
void content_parse_questions(struct content *c, const char *file, const char *text, struct question **out, int *n);
void content_parse_scenario(struct content *c, const char *file, const char *text, struct scenario *out);
void content_parse_module_file(struct content *c, const char *file, const char *text, struct module *m);
void content_parse_glossary(struct content *c, const char *file, const char *text);
/* Renders lesson Markdown (raw HTML refused; glossary: links checked and defined in place; citations
 * as source marks and a Sources list; see markdown.c) and measures it into *read (may be NULL). */
const char *content_markdown(struct content *c, const char *file, const char *text, const char **title,
                             struct readability *read);
/* The same in a language: its glossary and labels (l NULL: English); *read is measured in read->lang. */
const char *content_markdown_in(struct content *c, const struct language *l, const char *file, const char *text,
                                const char **title, struct readability *read);
/* A file of the content folder, as text (checked: at most 1 MiB, UTF-8, no NUL); NULL when it cannot be
 * read (a diagnostic unless it is missing and not required). */
const char *content_read_file(struct content *c, const char *path, const char *shown, bool required);
/* The same, adding the file to every module's fingerprint (c->shared_fp; read before the modules). */
const char *content_read_shared_file(struct content *c, const char *path, const char *shown, bool required);
/* The same, adding the file to a module's fingerprint (m->fp): a translation edited makes a new revision. */
const char *content_read_module_file(struct content *c, struct module *m, const char *path, const char *shown,
                                     bool required);
/* The languages beside English (content_translation.c), and one module in one of them. */
void content_read_languages(struct content *c, const char *dir);
void content_read_translation(struct content *c, const char *dir, struct module *m, const struct language *l,
                              struct translation *t);
/* Adds one block of text (from file, line) to *r, with a warning for each sentence too long. */
void content_measure(struct content *c, const char *file, int line, struct readability *r, const char *text, size_t len);
/* An error for a text that gives "the seminar" a view of its own ("the seminar said"). */
void content_check_voice(struct content *c, const char *file, int line, const char *text, size_t len);
/* Measures what a trainee reads of the glossary, of questions and of a case, into *r (in r->lang, kept). */
void content_read_terms(struct content *c, const char *file, const struct term *t, int n, struct readability *r);
void content_read_questions(struct content *c, const char *file, const struct question *qs, int n, struct readability *r);
void content_read_scenario(struct content *c, const char *file, const struct scenario *s, struct readability *r);

void content_diag(struct content *c, const char *file, int line, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

const char *qkind_name(enum qkind k);
const char *outcome_name(enum outcome o);
/* "after-passing", "always", "never", as written in module.txt and stored per revision. */
const char *show_answers_name(enum show_answers s);
/* false when s is none of those three. */
bool show_answers_parse(const char *s, enum show_answers *out);

/* Patterns in where the right answers are written that a trainee could learn instead of the content.
 * The checker warns (per question file) at these thresholds, kept here only. True/false questions
 * keep True before False and are left out. */
#define BALANCE_MIN_SINGLE 5        /* fewer one-answer questions: no position or length warning */
#define BALANCE_MIN_MULTIPLE 3      /* fewer multiple-answer questions: no "right options first" warning */
#define BALANCE_SHARE_PERCENT 60    /* a pattern in this share of the questions or more is warned about */
#define LENGTH_CUE_PERCENT 150      /* a right option this much longer than the wrong ones, on average */
struct balance {
	int single;                     /* one-answer questions */
	int top_position, at_top;       /* the written position (0 = A) holding the most right answers, and how many */
	int longest;                    /* one-answer questions whose right option is strictly the longest */
	int multiple, right_first;      /* multiple-answer questions, and those whose right options all come first */
	int first_line;                 /* the line of the first question counted, for the warning */
};
void content_balance(const struct question *qs, int n, struct balance *out);
bool balance_clustered(const struct balance *b);
bool balance_longest(const struct balance *b);
bool balance_right_first(const struct balance *b);

/* Scoring (scoring rules shared by pages and tests). A multiple-select answer is right only when the
 * chosen set equals the correct set. `chosen` holds option indexes. */
bool question_correct(const struct question *q, const int *chosen, int nchosen);

#endif
