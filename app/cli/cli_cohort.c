/* cli_cohort.c: `passage cohort add "NAME" [--facilitator USER]`, which prints the new cohort's join code
 * (the development stack's first start uses it). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/account.h"
#include "security/security.h"
#include "server/config.h"
#include "store/accounts.h"
#include "store/cohorts.h"

int cli_cohort(int argc, char **argv)
{
	static struct config cfg;
	const char *path;
	if (cli_load_config(&argc, argv, &cfg, &path) != 0)
		return 2;
	const char *staff = NULL;
	if (argc == 4 && strcmp(argv[2], "--facilitator") == 0)
		staff = argv[3], argc = 2;
	if (argc != 2 || strcmp(argv[0], "add") != 0 || !cli_text_ok(argv[1], 120)) {
		fprintf(stderr, "usage: passage cohort add \"NAME\" [--facilitator USER]   (prints the join code)\n"
		                "NAME: 1 to 120 characters\n");
		return 2;
	}
	struct db *db = cli_open_db(&cfg);
	if (db == NULL)
		return 1;
	struct account fac = {0};
	if (staff != NULL && (db_user_by_name(db, staff, &fac) != 1 || !role_is_staff(fac.role))) {
		fprintf(stderr, "passage: no facilitator or administrator named '%s'\n", staff);
		db_free(db);
		return 1;
	}
	char display[16], code[SEC_JOIN_SYMBOLS + 1];
	long long id;
	int rc = -2;
	for (int tries = 0; tries < 5 && rc == -2; tries++) {
		if (sec_code_new(SEC_JOIN_SYMBOLS, display, sizeof(display)) != 0 ||
		    !sec_code_parse(display, SEC_JOIN_SYMBOLS, code, sizeof(code)))
			break;
		rc = db_cohort_create(db, argv[1], code, fac.id, &id);
	}
	db_free(db);
	if (rc != 1)
		return 1;
	fprintf(stderr, "passage: created cohort '%s'; join code:\n", argv[1]);
	printf("%s\n", display);
	return 0;
}
