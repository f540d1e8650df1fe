/* cli_common.c: what every subcommand shares: finding and loading the configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "server/config.h"

int cli_load_config(int *argc, char **argv, struct config *cfg, const char **path)
{
	*path = getenv("PASSAGE_CONFIG");
	if (*path != NULL && **path == '\0')
		*path = NULL;
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < *argc) {
			*path = argv[++i];
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	char err[512];
	if (config_load(cfg, *path, err, sizeof(err)) != 0) {
		fprintf(stderr, "passage: configuration: %s\n", err);
		return -1;
	}
	return 0;
}
