/* stmt.h: every SQL statement the application runs, by index. The text lives in stmt.c. */
#ifndef PASSAGE_STMT_H
#define PASSAGE_STMT_H

enum stmt {
	STMT_PING,              /* readiness probe */
	STMT_SCHEMA_VERSION,    /* highest applied migration */
	STMT_SESSION_LOAD,      /* the signed-in account for a token hash */
	STMT_SESSION_TOUCH,
	STMT_REVOKE_NOTIFY,     /* tells every server's session cache to forget */
	STMT_SESSION_CREATE,
	STMT_SESSION_DELETE,
	STMT_SESSION_END_OTHERS,
	STMT_COHORT_BY_CODE,
	STMT_COHORT_CREATE,
	STMT_COHORT_NAME,
	STMT_TRAINEE_CREATE,
	STMT_USER_BY_RESUME,
	STMT_USER_BY_NAME,
	STMT_USER_BY_ID,
	STMT_STAFF_CREATE,
	STMT_USER_SET_PASSWORD,
	STMT_USER_SET_LOGIN,    /* a trainee's chosen user name and password */
	STMT_USER_DISABLE,
	STMT_USER_ENABLE,
	STMT_STAFF_LIST,
	STMT_THROTTLE_GET,
	STMT_THROTTLE_PUT,
	STMT_THROTTLE_CLEAR,
	STMT__MAX
};

struct stmt_def {
	const char *name;   /* prepared statement name */
	const char *sql;
	int nparams;
};

extern const struct stmt_def stmt_defs[STMT__MAX];

#endif
