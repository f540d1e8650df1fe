/* cli_user.c: `passage user add|disable|passwd`, for administrators at the shell and for the development
 * stack's first start. Passwords come from standard input when it is not
 * a terminal, or are generated and printed (alone on standard output, for scripts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "security/security.h"
#include "server/config.h"
#include "store/accounts.h"

/* The new password: read from standard input (one line) or generated. Returns 1 when generated. */
static int new_password(char *out, size_t n, const char *username)
{
	if (!isatty(STDIN_FILENO)) {
		if (fgets(out, (int)n, stdin) != NULL) {
			out[strcspn(out, "\r\n")] = '\0';
			if (out[0] != '\0') {
				const char *why = sec_password_policy(out, username);
				if (why != NULL) {
					fprintf(stderr, "passage: that password %s\n", why);
					return -1;
				}
				return 0;
			}
		}
	}
	if (sec_code_new(20, out, n) != 0)
		return -1;
	return 1;
}

/* A name typed on the command line: valid UTF-8 without control characters, 1 to max characters, as the
 * forms take it. */
static int user_add(struct db *db, int argc, char **argv)
{
	enum role role = ROLE__MAX;
	const char *name = NULL, *display = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role_parse(argv[++i], &role);
		else if (strcmp(argv[i], "--display") == 0 && i + 1 < argc)
			display = argv[++i];
		else if (name == NULL)
			name = argv[i];
		else {
			fprintf(stderr, "passage user add: unexpected '%s'\n", argv[i]);
			return 2;
		}
	}
	char uname[41];
	if (role == ROLE__MAX || !role_is_staff(role) || name == NULL || !username_normalise(name, uname)) {
		fprintf(stderr, "usage: passage user add --role facilitator|admin [--display \"Full Name\"] NAME\n"
		                "NAME: 3 to 40 of a-z 0-9 . _ -\n");
		return 2;
	}
	if (display != NULL && !cli_text_ok(display, 60)) {
		fprintf(stderr, "passage user add: --display takes 1 to 60 characters of UTF-8 text\n");
		return 2;
	}
	char pw[SEC_PASSWORD_MAX * 4 + 2], hash[SEC_PWHASH_MAX];
	int gen = new_password(pw, sizeof(pw), uname);
	if (gen < 0 || sec_password_hash(pw, hash) != 0)
		return 1;
	long long id;
	int rc = db_staff_create(db, role, uname, display ? display : uname, hash, &id);
	if (rc == -2) {
		fprintf(stderr, "passage: user '%s' exists already\n", uname);
		return 1;
	}
	if (rc != 1)
		return 1;
	fprintf(stderr, "passage: added %s '%s'%s\n", role_name(role), uname, gen ? "; password:" : "");
	if (gen)
		printf("%s\n", pw);
	return 0;
}

static int user_change(struct db *db, const char *what, int argc, char **argv)
{
	char uname[41];
	struct account a;
	if (argc != 1 || !username_normalise(argv[0], uname)) {
		fprintf(stderr, "usage: passage user %s NAME\n", what);
		return 2;
	}
	int rc = db_user_by_name(db, uname, &a);
	if (rc != 1) {
		fprintf(stderr, "passage: no user '%s'\n", uname);
		return 1;
	}
	if (strcmp(what, "disable") == 0) {
		if (db_user_disable(db, a.id) < 0)
			return 1;
		fprintf(stderr, "passage: disabled '%s' and ended their sessions\n", uname);
		return 0;
	}
	char pw[SEC_PASSWORD_MAX * 4 + 2], hash[SEC_PWHASH_MAX];
	int gen = new_password(pw, sizeof(pw), uname);
	if (gen < 0 || sec_password_hash(pw, hash) != 0)
		return 1;
	if (db_user_set_password(db, a.id, hash, "") != 1)
		return 1;
	fprintf(stderr, "passage: new password for '%s'; their sessions are ended%s\n", uname, gen ? "; password:" : "");
	if (gen)
		printf("%s\n", pw);
	return 0;
}

int cli_user(int argc, char **argv)
{
	static struct config cfg;
	const char *path;
	if (cli_load_config(&argc, argv, &cfg, &path) != 0)
		return 2;
	if (argc < 1) {
		fprintf(stderr, "usage: passage user add|disable|passwd ...\n");
		return 2;
	}
	struct db *db = cli_open_db(&cfg);
	if (db == NULL)
		return 1;
	int rc;
	if (strcmp(argv[0], "add") == 0)
		rc = user_add(db, argc - 1, argv + 1);
	else if (strcmp(argv[0], "disable") == 0 || strcmp(argv[0], "passwd") == 0)
		rc = user_change(db, argv[0], argc - 1, argv + 1);
	else {
		fprintf(stderr, "passage user: unknown '%s' (add, disable, passwd)\n", argv[0]);
		rc = 2;
	}
	db_free(db);
	return rc;
}
