/* stmt.h: every SQL statement the application runs, by index. The text lives in stmt.c. */
#ifndef PASSAGE_STMT_H
#define PASSAGE_STMT_H

#include <stdbool.h>

enum stmt {
	STMT_PING,              /* readiness probe */
	STMT_SCHEMA_VERSION,    /* highest applied migration */
	STMT_SESSION_LOAD,      /* the signed-in account for a token hash */
	STMT_SESSION_TOUCH,
	STMT_REVOKE_NOTIFY,     /* tells every server's session cache to forget */
	STMT_SESSION_CREATE,
	STMT_SESSION_DELETE,
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
	STMT_USER_SET_LANG,
	STMT_THROTTLE_GET,
	STMT_THROTTLE_PUT,
	STMT_THROTTLE_CLEAR,
	STMT_THROTTLE_HIT,      /* check and count one attempt, atomically */
	STMT_THROTTLE_REFUND,
	STMT_PROGRESS_ALL,      /* every module with one trainee's progress */
	STMT_PROGRESS_ONE,      /* one module by slug, with one trainee's progress */
	STMT_PROGRESS_HEAD,     /* the same, with only what the quiz and case pages need */
	STMT_LESSON_HEAD,       /* the same, with only what the lesson page needs: which lessons were read */
	STMT_LESSON,
	STMT_LESSON_TITLES,
	STMT_MARK_READ,
	STMT_QUESTIONS,         /* a revision's quiz or pre-check, with options */
	STMT_ATTEMPT_INSERT,    /* an attempt and all its answers, in one statement */
	STMT_ATTEMPT_GET,
	STMT_ATTEMPT_ANSWERS,
	STMT_REVISION_QUIZ,     /* a revision's quiz settings, when it is the module's */
	STMT_RUN_CURRENT,
	STMT_RUN_START,
	STMT_STEP,              /* a scenario step with its choices */
	STMT_RUN_MOVE,          /* one move; refused when the run moved on meanwhile */
	STMT_CERT_ISSUE,
	STMT_CERT_GET,
	STMT_GLOSSARY,
	STMT_PAGE,
	STMT_REVISION_TEXT,
	STMT_NOTES,
	/* ---- cohorts and reports ---- */
	STMT_COHORTS,           /* the cohorts someone may see */
	STMT_COHORT_GET,        /* one, when they may see it */
	STMT_COHORT_RENAME,
	STMT_COHORT_SET_LANG,
	STMT_LIVE_SET_LANG,
	STMT_COHORT_ARCHIVE,
	STMT_COHORT_JOIN,       /* join switch and expiry */
	STMT_COHORT_CODE,
	STMT_COHORT_PRIVACY,
	STMT_COHORT_STAFF,
	STMT_COHORT_STAFF_ADD,
	STMT_COHORT_STAFF_REMOVE,
	STMT_COHORT_MODULES,    /* every module, with the cohort's assignment and due date */
	STMT_COHORT_MODULE_SET,
	STMT_ROSTER,
	STMT_TRAINEE_MOVE,
	STMT_COHORT_CELLS,      /* each trainee's record in each assigned module */
	STMT_ITEM_ANSWERS,      /* answers of each trainee's first attempt */
	STMT_SCENARIO_STEPS,
	STMT_SCENARIO_COUNTS,
	STMT_TRAINEE_ANSWERS,
	STMT_TRAINEE_RUNS,
	STMT_EXPORT_ANSWERS,
	/* ---- live workshops ---- */
	STMT_LIVE_CREATE,       /* a workshop, with a module's quiz questions copied in */
	STMT_LIVE_LIST,
	STMT_LIVE_GET,          /* one, with the counts the console and projector show */
	STMT_LIVE_FOR_COHORT,
	STMT_LIVE_QUESTIONS,
	STMT_LIVE_QUESTION,
	STMT_LIVE_QUESTION_TEXT,
	STMT_LIVE_QUESTION_ADD,
	STMT_LIVE_QUESTION_DELETE,
	STMT_LIVE_SETTINGS,
	STMT_LIVE_START,
	STMT_LIVE_GOTO,
	STMT_LIVE_LOBBY,
	STMT_LIVE_SET,          /* open, close or reveal the current question */
	STMT_LIVE_END,
	STMT_LIVE_MODERATE_POST,
	STMT_LIVE_MODERATE_ANSWER,
	STMT_LIVE_BY_CODE,
	STMT_LIVE_JOIN,
	STMT_LIVE_VIEW,         /* a participant's poll: one round trip */
	STMT_LIVE_MODERATION,
	STMT_LIVE_ANSWER,
	STMT_LIVE_POST,
	STMT_LIVE_VOTE,
	STMT_LIVE_TALLY,
	STMT_LIVE_WORDS,
	STMT_LIVE_POSTS,
	STMT_LIVE_OPEN_ANSWERS,
	STMT_LIVE_SUMMARY,
	STMT_LIVE_RECORD,
	STMT_LIVE_STATS,
	STMT_LIVE_EXPORT,
	STMT_LIVE_VERSION,      /* a workshop's version by code, for the poll cache */
	/* ---- recovery: resume codes, names, attempts given back, merging (009_recovery) ---- */
	STMT_RESUME_SET,        /* a trainee's new resume code, when the old one is the one the form showed */
	STMT_RESUME_FINGERPRINT,
	STMT_TRAINEES_CREATE,   /* a sheet of slips: several trainees at once */
	STMT_TRAINEE_RENAME,
	STMT_ATTEMPTS_GIVE,     /* a module's quiz attempts given back to a trainee */
	STMT_TRAINEE_HOLDINGS,  /* what a trainee's record holds, for the merge's confirmation */
	STMT_TRAINEE_MERGE,
	STMT_PURGE,             /* the timer's clean-up: expired sign-in sessions, old throttle rows, idle phones */
	STMT__MAX
};

/* The channel STMT_REVOKE_NOTIFY notifies and the session cache's listener listens on. */
#define REVOKE_CHANNEL "passage_revoke"

struct stmt_def {
	const char *name;   /* prepared statement name */
	const char *sql;
	int nparams;        /* $1 to $nparams: db_run refuses a call with another count */
	int ncols;          /* SHAPE__NCOLS of the columns named above it in stmt.c; 0: returns no rows */
	/* A write that may run twice with the effect of once (ON CONFLICT DO NOTHING, an upsert that writes
	 * the same values, a delete): db_run sends it again on a fresh connection when the old one broke with
	 * it unanswered. Reads (SQL beginning with SELECT) are always sent again; other writes never are. */
	bool retry;
};

extern const struct stmt_def stmt_defs[STMT__MAX];

/* The column names of each statement's rows (see stmt.c): SHAPE_X, the index of column X in a result. */
#define STMT_COL(name) name,
#include "stmt_cols.h"
#undef STMT_COL

#endif
