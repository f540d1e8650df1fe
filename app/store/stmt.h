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
	STMT_PROGRESS_ALL,      /* every module with one trainee's progress */
	STMT_PROGRESS_ONE,      /* one module by slug, with one trainee's progress */
	STMT_PROGRESS_HEAD,     /* the same, with only what the quiz and case pages need */
	STMT_LESSON_HEAD,       /* the same, with only what the lesson page needs */
	STMT_LESSON,
	STMT_LESSON_TITLES,
	STMT_MARK_READ,
	STMT_SET_PLACE,
	STMT_QUESTIONS,         /* a revision's quiz or pre-check, with options */
	STMT_ATTEMPT_INSERT,    /* an attempt and all its answers, in one statement */
	STMT_ATTEMPT_GET,
	STMT_ATTEMPT_ANSWERS,
	STMT_RUN_CURRENT,
	STMT_RUN_START,
	STMT_STEP,              /* a scenario step with its choices */
	STMT_RUN_MOVE,          /* one move; refused when the run moved on meanwhile */
	STMT_CERT_ISSUE,
	STMT_CERT_GET,
	STMT_GLOSSARY,
	STMT_NOTES,
	STMT__MAX
};

struct stmt_def {
	const char *name;   /* prepared statement name */
	const char *sql;
	int nparams;
};

extern const struct stmt_def stmt_defs[STMT__MAX];

#endif
