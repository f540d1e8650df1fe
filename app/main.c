/* main.c: the passage binary: one program, several subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "pages/lang.h"
#include "pages/pages.h"
#include "security/auth.h"
#include "server/server.h"
#include "store/db.h"

#ifndef PASSAGE_VERSION
#define PASSAGE_VERSION "dev"
#endif

static int cli_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("passage %s (schema %d)\n", PASSAGE_VERSION, db_latest_migration());
	return 0;
}

/* The site: what the server serves. The dispatch table (every route and action, app/pages/routes.c), the
 * middleware run before each handler (sessions, roles, CSRF: app/security/auth.c), and the error page
 * (app/pages/layout.c). The server layer names none of these: it is handed this. */
static const struct site passage_site = {
	.routes = site_routes,
	.init = auth_init,
	.before = auth_before,
	.language = lang_choose,
	.error_page = page_error,
};

static const struct site *site(void)
{
	static struct site s;
	s = passage_site;
	s.nroutes = site_nroutes;   /* defined in another file, so not a constant expression here */
	return &s;
}

static int serve(int argc, char **argv)
{
	return cli_serve(argc, argv, site());
}

static int worker(int argc, char **argv)
{
	return cli_worker(argc, argv, site());
}

static int cli_help(int argc, char **argv);

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{"serve", serve, "run the FastCGI server (master and workers)"},
	{"migrate", cli_migrate, "apply pending database migrations (--status: report only)"},
	{"config", cli_config, "print the effective configuration (--help: every key)"},
	{"user", cli_user, "add|disable|passwd staff accounts (passage user add --role admin NAME)"},
	{"cohort", cli_cohort, "add a cohort and print its join code (passage cohort add \"NAME\")"},
	{"content", cli_content, "check|load DIR: check the training modules, or load them (new revisions)"},
	{"keygen", cli_keygen, "print a new random server key in hex, for secret_key_file"},
	{"doctor", cli_doctor, "check the deployment: config, keys, database role, migrations, socket, TLS"},
	{"version", cli_version, "print the version and schema version"},
	{"--help", cli_help, "this text"},
	{"worker", worker, NULL},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int cli_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("usage: passage COMMAND [--config FILE] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (commands[i].help != NULL)
			printf("  %-9s %s\n", commands[i].name, commands[i].help);
	printf("\nConfiguration comes from --config FILE or PASSAGE_CONFIG, then PASSAGE_* variables;\n"
	       "'passage config --help' lists every key.\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cli_help(0, NULL);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
		cmd = "--help";
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, cmd) == 0)
			return commands[i].fn(argc - 2, argv + 2);
	fprintf(stderr, "passage: unknown command '%s' (try 'passage --help')\n", argv[1]);
	return 2;
}
