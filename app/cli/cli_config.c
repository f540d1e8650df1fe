/* cli_config.c: `passage config` prints the effective configuration; `--help` documents every key. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "server/config.h"

int cli_config(int argc, char **argv)
{
	static struct config cfg;
	const char *path;
	if (argc == 1 && strcmp(argv[0], "--help") == 0) {
		config_help();
		return 0;
	}
	if (cli_load_config(&argc, argv, &cfg, &path) != 0)
		return 2;
	config_print(&cfg);
	return 0;
}
