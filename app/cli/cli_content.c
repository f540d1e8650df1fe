/* cli_content.c: `passage content check DIR` reports every authoring mistake with file and line;
 * `passage content load DIR` checks, then loads every module in one transaction. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/content.h"
#include "server/config.h"
#include "store/content_load.h"

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
	int rc = report(&c, argv[1]);
	if (rc == 0 && strcmp(argv[0], "load") == 0)
		rc = db_content_load(cfg.database, &c, stdout);
	arena_free(&a);
	return rc;
}
