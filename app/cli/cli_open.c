/* cli_open.c: opening what a subcommand works on: the configuration (--config FILE or PASSAGE_CONFIG),
 * the database with the server's keys, and checking a name given on the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "security/security.h"
#include "server/config.h"
#include "store/db.h"

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

struct db *cli_open_db(const struct config *cfg)
{
	char err[512];
	if (sec_init(cfg->secret_key_file, cfg->password_pepper_file, err, sizeof(err)) != 0) {
		fprintf(stderr, "passage: %s\n", err);
		return NULL;
	}
	struct db *db = db_new(cfg->database, cfg->db_retry_ms);
	enum db_status st = db ? db_ensure(db) : DB_DOWN;
	if (st != DB_OK) {
		fprintf(stderr, "passage: %s\n", db_status_text(st));
		db_free(db);
		return NULL;
	}
	return db;
}

bool cli_text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	return utf8_valid(s, n) && !utf8_has_control(s, n, false) && utf8_chars(s, n) >= 1 && utf8_chars(s, n) <= max;
}
