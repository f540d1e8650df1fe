/* cli_migrate.c: `passage migrate` applies pending schema migrations; `--status` only reports. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "server/config.h"
#include "store/db.h"

int cli_migrate(int argc, char **argv)
{
	static struct config cfg;
	const char *path;
	if (cli_load_config(&argc, argv, &cfg, &path) != 0)
		return 2;
	if (argc == 1 && strcmp(argv[0], "--status") == 0) {
		int v;
		if (db_schema_version(cfg.database, &v) != 0) {
			printf("schema version: none (not migrated); this program: %d\n", db_latest_migration());
			return 1;
		}
		printf("schema version: %d; this program: %d\n", v, db_latest_migration());
		return v == db_latest_migration() ? 0 : 1;
	}
	if (argc > 0) {
		fprintf(stderr, "passage migrate: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	return db_migrate(cfg.database, stdout);
}
