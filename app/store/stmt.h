/* stmt.h: every SQL statement the application runs, by index. The text lives in stmt.c. */
#ifndef PASSAGE_STMT_H
#define PASSAGE_STMT_H

enum stmt {
	STMT_PING,              /* readiness probe */
	STMT_SCHEMA_VERSION,    /* highest applied migration */
	STMT__MAX
};

struct stmt_def {
	const char *name;   /* prepared statement name */
	const char *sql;
	int nparams;
};

extern const struct stmt_def stmt_defs[STMT__MAX];

#endif
