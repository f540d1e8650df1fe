/* cli_content.c: `passage content check DIR` reports every authoring mistake with file and line;
 * `passage content load DIR` checks, then loads every module in one transaction. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/content.h"
#include "server/config.h"
#include "store/content_load.h"

static void print_score(const struct readability *r, const char *file)
{
	double score;
	if (readability_score(r, &score))
		printf("  %5.0f %5.1f %5d words  %s\n", score, readability_sentence_avg(r), r->words, file);
	else
		printf("      - %5.1f %5d words  %s\n", readability_sentence_avg(r), r->words, file);
}

/* The readability of every file a trainee reads, to stdout (check only): the grade and the words a
 * sentence, against the limits the check enforces. */
static void report_readability(const struct content *c)
{
	printf("Readability: Flesch-Kincaid grade (at most %.1f a file, %.1f a module on average), words a sentence "
	       "(at most %.0f on average)\n", READ_GRADE_MAX, READ_GRADE_MODULE_MAX, READ_SENTENCE_AVG_MAX);
	for (int i = 0; i < c->nmodules; i++) {
		const struct module *m = &c->modules[i];
		for (int l = 0; l < m->nlessons; l++)
			printf("  %5.1f %5.1f %5d words  %s/lessons/%s\n", readability_grade(&m->lessons[l].read),
			       readability_sentence_avg(&m->lessons[l].read), m->lessons[l].read.words, m->slug, m->lessons[l].file);
		const struct readability *sets[] = {&m->precheck_read, &m->quiz_read, &m->scenario_read};
		static const char *const names[] = {"precheck.txt", "quiz.txt", "scenario.txt"};
		for (int k = 0; k < 3; k++)
			if (sets[k]->words > 0)
				printf("  %5.1f %5.1f %5d words  %s/%s\n", readability_grade(sets[k]), readability_sentence_avg(sets[k]),
				       sets[k]->words, m->slug, names[k]);
		printf("  %5.1f             module  %s\n", module_grade(m), m->slug);
	}
	if (c->nlangs > 0)
		printf("Translations: reading ease (French: Kandel-Moles, Spanish: Szigriszt-Pazos; at least %.0f and %.0f), "
		       "words a sentence (Arabic: that alone)\n", READ_EASE_MIN_FR, READ_EASE_MIN_ES);
	for (int i = 0; i < c->nmodules; i++)
		for (int k = 0; k < c->modules[i].ntr; k++) {
			const struct module *m = &c->modules[i];
			const struct translation *t = &m->tr[k];
			for (int l = 0; t->lessons && l < m->nlessons; l++)
				if (t->lessons[l].html)
					print_score(&t->lessons[l].read, arena_printf(c->arena, "%s/%s/lessons/%s", m->slug, t->lang,
					                                                t->lessons[l].file));
			const struct readability *sets[] = {&t->precheck_read, &t->quiz_read, &t->scenario_read};
			static const char *const names[] = {"precheck.txt", "quiz.txt", "scenario.txt"};
			for (int s = 0; s < 3; s++)
				if (sets[s]->words > 0)
					print_score(sets[s], arena_printf(c->arena, "%s/%s/%s", m->slug, t->lang, names[s]));
		}
}

static int report(const struct content *c, const char *dir)
{
	for (const struct diag *d = c->diags; d; d = d->next) {
		const char *kind = d->warning ? "warning" : "error";
		if (d->file[0] == '\0')
			fprintf(stderr, "%s: %s: %s\n", dir, kind, d->msg);
		else if (d->line > 0)
			fprintf(stderr, "%s/%s:%d: %s: %s\n", dir, d->file, d->line, kind, d->msg);
		else
			fprintf(stderr, "%s/%s: %s: %s\n", dir, d->file, kind, d->msg);
	}
	int q = 0, l = 0;
	for (int i = 0; i < c->nmodules; i++) {
		q += c->modules[i].nquiz + c->modules[i].nprecheck;
		l += c->modules[i].nlessons;
	}
	fprintf(stderr, "content: %d module(s), %d lesson(s), %d question(s), %d glossary term(s): %d error(s), %d warning(s)\n",
	        c->nmodules, l, q, c->nterms, c->errors, c->warnings);
	return c->errors ? 1 : 0;
}

int cli_content(int argc, char **argv)
{
	static struct config cfg;
	const char *path;
	if (cli_load_config(&argc, argv, &cfg, &path) != 0)
		return 2;
	if (argc != 2 || (strcmp(argv[0], "check") != 0 && strcmp(argv[0], "load") != 0)) {
		fprintf(stderr, "usage: passage content check|load DIR\n");
		return 2;
	}
	struct arena a;
	arena_init(&a, 512u << 20);
	struct content c;
	content_read(&a, argv[1], &c);
	if (strcmp(argv[0], "check") == 0)
		report_readability(&c);
	int rc = report(&c, argv[1]);
	if (rc == 0 && strcmp(argv[0], "load") == 0)
		rc = db_content_load(cfg.database, &c, stdout);
	arena_free(&a);
	return rc;
}
