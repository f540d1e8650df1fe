/* stmt.c: the statement table. All SQL the server runs is here, parameterised with $n.
 *
 * A statement that returns rows names its columns just above it: `#define SHAPE_COLS(C) C(SHAPE_X) ...`,
 * in the order of its select list. The build copies these macros into stmt_cols.h (stmt_cols.awk), which
 * makes of each an enum (SHAPE_X = 0, ..., SHAPE__NCOLS), so readers write PQgetvalue(r, i, SHAPE_X),
 * never a number. Statements that share a reader share a shape. tests/e2e/test_store.c prepares every
 * statement and checks its columns and parameters against what PostgreSQL reports. */
#include "store/stmt.h"

const struct stmt_def stmt_defs[STMT__MAX] = {
#define PING_COLS(C) C(PING_ONE)
	[STMT_PING] = {"ping", "SELECT 1", 0, PING__NCOLS},
#define SCHEMA_COLS(C) C(SCHEMA_VERSION)
	[STMT_SCHEMA_VERSION] = {"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations",
		0, SCHEMA__NCOLS},

#define SESSION_COLS(C) C(SESSION_USER_ID) C(SESSION_ROLE) C(SESSION_DISPLAY_NAME) C(SESSION_USERNAME) \
	C(SESSION_COHORT_ID) C(SESSION_SECONDS_LEFT) C(SESSION_IDLE_SECONDS) C(SESSION_SINCE_SEEN) C(SESSION_LANG)
	/* The signed-in account for a token, with what the session cache needs: seconds left before the
	 * absolute limit, the idle limit, and seconds since last_seen_at. */
	[STMT_SESSION_LOAD] = {"session_load",
		"SELECT u.id, u.role, u.display_name, coalesce(u.username, ''), coalesce(u.cohort_id, 0),"
		" extract(epoch FROM s.expires_at - now())::bigint, s.idle_seconds,"
		" extract(epoch FROM now() - s.last_seen_at)::float8, coalesce(u.lang, c.lang, '')"
		" FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN cohorts c ON c.id = u.cohort_id"
		" WHERE s.token_hash = decode($1, 'hex') AND s.expires_at > now()"
		" AND s.last_seen_at + s.idle_seconds * interval '1 second' > now() AND u.disabled_at IS NULL",
		1, SESSION__NCOLS},
	/* last_seen_at is written only when stale by a tenth of the idle limit (at most a minute). */
	[STMT_SESSION_TOUCH] = {"session_touch",
		"UPDATE sessions SET last_seen_at = now() WHERE token_hash = decode($1, 'hex')", 1, .retry = true},
#define REVOKE_COLS(C) C(REVOKE_NOTIFIED)
	[STMT_REVOKE_NOTIFY] = {"revoke_notify", "SELECT pg_notify('" REVOKE_CHANNEL "', '')", 0, REVOKE__NCOLS},
	[STMT_SESSION_CREATE] = {"session_create",
		"INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds)"
		" VALUES (decode($1, 'hex'), $2, now() + $3 * interval '1 second', $4)", 4},
	[STMT_SESSION_DELETE] = {"session_delete", "DELETE FROM sessions WHERE token_hash = decode($1, 'hex')", 1,
		.retry = true},

#define JOINING_COLS(C) C(JOINING_COHORT_ID) C(JOINING_COHORT_NAME)
	[STMT_COHORT_BY_CODE] = {"cohort_by_code",
		"SELECT id, name FROM cohorts WHERE join_code = $1 AND join_enabled AND archived_at IS NULL"
		" AND (join_expires_at IS NULL OR join_expires_at > now())", 1, JOINING__NCOLS},
#define NEW_COLS(C) C(NEW_ID)
	/* A new cohort is offered every module; $3 (a facilitator, or NULL) runs it. */
	[STMT_COHORT_CREATE] = {"cohort_create",
		"WITH c AS (INSERT INTO cohorts (name, join_code) VALUES ($1, $2) RETURNING id),"
		" m AS (INSERT INTO cohort_modules (cohort_id, module_id) SELECT c.id, modules.id FROM c, modules),"
		" f AS (INSERT INTO cohort_facilitators (cohort_id, user_id) SELECT c.id, $3::bigint FROM c WHERE $3 IS NOT NULL)"
		" SELECT id FROM c", 3, NEW__NCOLS},
#define NAME_COLS(C) C(NAME_TEXT)
	[STMT_COHORT_NAME] = {"cohort_name", "SELECT name FROM cohorts WHERE id = $1", 1, NAME__NCOLS},

	[STMT_TRAINEE_CREATE] = {"trainee_create",
		"INSERT INTO users (role, display_name, resume_hash, cohort_id)"
		" VALUES ('trainee', $1, decode($2, 'hex'), $3) RETURNING id", 3, NEW__NCOLS},
#define ACCOUNT_COLS(C) C(ACCOUNT_ID) C(ACCOUNT_ROLE) C(ACCOUNT_DISPLAY_NAME) C(ACCOUNT_USERNAME) \
	C(ACCOUNT_COHORT_ID) C(ACCOUNT_DISABLED) C(ACCOUNT_PASSWORD_HASH) C(ACCOUNT_LANG)
	[STMT_USER_BY_RESUME] = {"user_by_resume",
		"SELECT id, role, display_name, coalesce(username, ''), coalesce(cohort_id, 0), disabled_at IS NOT NULL, '',"
		" coalesce(lang, (SELECT lang FROM cohorts c WHERE c.id = cohort_id), '')"
		" FROM users WHERE resume_hash = decode($1, 'hex')", 1, ACCOUNT__NCOLS},
	[STMT_USER_BY_NAME] = {"user_by_name",
		"SELECT id, role, display_name, coalesce(username, ''), coalesce(cohort_id, 0), disabled_at IS NOT NULL,"
		" coalesce(password_hash, ''), coalesce(lang, (SELECT lang FROM cohorts c WHERE c.id = cohort_id), '')"
		" FROM users WHERE username = $1", 1, ACCOUNT__NCOLS},
	[STMT_USER_BY_ID] = {"user_by_id",
		"SELECT id, role, display_name, coalesce(username, ''), coalesce(cohort_id, 0), disabled_at IS NOT NULL,"
		" coalesce(password_hash, ''), coalesce(lang, (SELECT lang FROM cohorts c WHERE c.id = cohort_id), '')"
		" FROM users WHERE id = $1", 1, ACCOUNT__NCOLS},
	[STMT_STAFF_CREATE] = {"staff_create",
		"INSERT INTO users (role, username, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id",
		4, NEW__NCOLS},
	/* A new password ends every session of the account but the one with token hash $3 ("": every one),
	 * in the same statement: both happen, or neither. */
	[STMT_USER_SET_PASSWORD] = {"user_set_password",
		"WITH d AS (DELETE FROM sessions WHERE user_id = $1 AND token_hash <> decode($3, 'hex'))"
		" UPDATE users SET password_hash = $2 WHERE id = $1", 3},
	[STMT_USER_SET_LOGIN] = {"user_set_login",
		"WITH d AS (DELETE FROM sessions WHERE user_id = $1 AND token_hash <> decode($4, 'hex'))"
		" UPDATE users SET username = $2, password_hash = $3 WHERE id = $1 AND role = 'trainee'", 4},
	/* Disabling ends every session of the account in the same statement. */
	[STMT_USER_DISABLE] = {"user_disable",
		"WITH d AS (DELETE FROM sessions WHERE user_id = $1)"
		" UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1", 1},
	[STMT_USER_ENABLE] = {"user_enable", "UPDATE users SET disabled_at = NULL WHERE id = $1", 1},
	[STMT_STAFF_LIST] = {"staff_list",
		"SELECT id, role, display_name, username, 0, disabled_at IS NOT NULL, '', coalesce(lang, '')"
		" FROM users WHERE role <> 'trainee' ORDER BY username", 0, ACCOUNT__NCOLS},
	/* A person's own choice of language ($2 NULL: none, the cohort's or the browser's decides). */
	[STMT_USER_SET_LANG] = {"user_set_lang", "UPDATE users SET lang = $2 WHERE id = $1", 2, .retry = true},

#define THROTTLE_COLS(C) C(THROTTLE_FAILURES) C(THROTTLE_WINDOW_START) C(THROTTLE_LAST_FAILURE) \
	C(THROTTLE_LOCKED_UNTIL)
	[STMT_THROTTLE_GET] = {"throttle_get",
		"SELECT failures, window_start, last_failure, locked_until FROM throttle WHERE key = $1", 1, THROTTLE__NCOLS},
	[STMT_THROTTLE_PUT] = {"throttle_put",
		"INSERT INTO throttle (key, failures, window_start, last_failure, locked_until) VALUES ($1, $2, $3, $4, $5)"
		" ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, last_failure = $4, locked_until = $5", 5},
	[STMT_THROTTLE_CLEAR] = {"throttle_clear", "DELETE FROM throttle WHERE key = $1", 1},
	/* throttle_hit (domain/throttle.c) in one statement, so that attempts at the same time are each
	 * counted: $1 key, $2 now, then the policy ($3 free failures, $4 max delay, $5 lock after, $6 lock
	 * for, $7 window). A key that must wait is left alone and no row comes back; otherwise the attempt
	 * is counted as a failure and the new state comes back. FRESH: the old failures are forgotten. */
#define FRESH "(t.failures = 0 OR $2::bigint - t.window_start >= $7::int)"
#define COUNT "(CASE WHEN " FRESH " THEN 1 ELSE t.failures + 1 END)"
#define LOCKS "($5::int > 0 AND " COUNT " >= $5::int)"
	[STMT_THROTTLE_HIT] = {"throttle_hit",
		"INSERT INTO throttle AS t (key, failures, window_start, last_failure, locked_until)"
		" VALUES ($1, CASE WHEN $5::int = 1 THEN 0 ELSE 1 END, $2::bigint, $2::bigint,"
		"   CASE WHEN $5::int = 1 THEN $2::bigint + $6::int ELSE 0 END)"
		" ON CONFLICT (key) DO UPDATE SET"
		"  failures = CASE WHEN " LOCKS " THEN 0 ELSE " COUNT " END,"
		"  window_start = CASE WHEN " FRESH " THEN $2::bigint ELSE t.window_start END,"
		"  last_failure = $2::bigint,"
		"  locked_until = CASE WHEN " LOCKS " THEN $2::bigint + $6::int ELSE t.locked_until END"
		" WHERE t.locked_until <= $2::bigint AND (" FRESH " OR t.failures <= $3::int"
		"  OR t.last_failure + least($4::int::bigint, 1::bigint << greatest(least(t.failures - $3::int, 21) - 1, 0)) <= $2::bigint)"
		" RETURNING failures, window_start, last_failure, locked_until", 7, THROTTLE__NCOLS},
#undef LOCKS
#undef COUNT
#undef FRESH
	/* A success gives back its own failure and may forgive more ($2); a lock stays. */
	[STMT_THROTTLE_REFUND] = {"throttle_refund",
		"UPDATE throttle SET failures = greatest(failures - $2::int, 0) WHERE key = $1", 2},

	/* ---- training ---- */
/* A module's attempt limit for trainee $1, with the attempts a facilitator gave back (010_recovery). */
#define ATTEMPTS_ALLOWED \
	"CASE WHEN r.attempts = 0 THEN 0 ELSE r.attempts + coalesce((SELECT w.extra FROM attempt_allowances w" \
	" WHERE w.user_id = $1 AND w.module_id = m.id), 0) END"
/* PROGRESS_LESSONS_MASK: the lessons read as a mask (bit p-1: position p). */
#define LESSONS_MASK \
	" (SELECT coalesce(bit_or(1::bigint << (x.position - 1)), 0) FROM lesson_reads x WHERE x.user_id = $1" \
	"   AND x.module_id = m.id AND x.position <= least(r.lesson_count, 64))"
#define PROGRESS_COLUMNS \
	"SELECT m.id, r.id, m.slug, r.title, r.summary, r.pass_mark, " ATTEMPTS_ALLOWED "," \
	" r.lesson_count, r.quiz_count, r.precheck_count, coalesce(r.scenario_title, ''), coalesce(r.scenario_start, '')," \
	" (SELECT count(*) FROM lesson_reads x WHERE x.user_id = $1 AND x.module_id = m.id AND x.position <= r.lesson_count)," \
	" (SELECT count(*) FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz')," \
	" coalesce((SELECT max(score) FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz'), -1)," \
	" EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz' AND a.passed)," \
	" EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'precheck')," \
	" EXISTS (SELECT 1 FROM scenario_runs s WHERE s.user_id = $1 AND s.module_id = m.id AND s.ended_at IS NOT NULL)," \
	LESSONS_MASK "," \
	" coalesce((SELECT code FROM certificates c WHERE c.user_id = $1 AND c.module_id = m.id), '')," \
	" coalesce((SELECT number FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz'" \
	"   ORDER BY score DESC, number LIMIT 1), 0)," \
	" EXISTS (SELECT 1 FROM scenario_runs s WHERE s.user_id = $1 AND s.module_id = m.id)," \
	" coalesce((SELECT to_char(cm.due_on, 'YYYY-MM-DD') FROM users u JOIN cohort_modules cm ON cm.cohort_id = u.cohort_id" \
	"   WHERE u.id = $1 AND cm.module_id = m.id), '')" \
	" FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
#define PROGRESS_COLS(C) C(PROGRESS_MODULE_ID) C(PROGRESS_REVISION_ID) C(PROGRESS_SLUG) C(PROGRESS_TITLE) \
	C(PROGRESS_SUMMARY) C(PROGRESS_PASS_MARK) C(PROGRESS_ATTEMPTS) C(PROGRESS_LESSON_COUNT) C(PROGRESS_QUIZ_COUNT) \
	C(PROGRESS_PRECHECK_COUNT) C(PROGRESS_SCENARIO_TITLE) C(PROGRESS_SCENARIO_START) C(PROGRESS_LESSONS_READ) \
	C(PROGRESS_QUIZ_ATTEMPTS) C(PROGRESS_BEST_SCORE) C(PROGRESS_QUIZ_PASSED) C(PROGRESS_PRECHECK_DONE) \
	C(PROGRESS_SCENARIO_DONE) C(PROGRESS_LESSONS_MASK) C(PROGRESS_CERTIFICATE) C(PROGRESS_BEST_ATTEMPT) \
	C(PROGRESS_SCENARIO_STARTED) C(PROGRESS_DUE_ON)
	[STMT_PROGRESS_ALL] = {"progress_all", PROGRESS_COLUMNS " ORDER BY m.position", 1, PROGRESS__NCOLS},
	[STMT_PROGRESS_ONE] = {"progress_one", PROGRESS_COLUMNS " WHERE m.slug = $2", 2, PROGRESS__NCOLS},
	/* The cheap columns only: the rest are constants, so that the shape is PROGRESS_COLS's. */
	[STMT_PROGRESS_HEAD] = {"progress_head",
		"SELECT m.id, r.id, m.slug, r.title, r.summary, r.pass_mark, " ATTEMPTS_ALLOWED ","
		" r.lesson_count, r.quiz_count, r.precheck_count, coalesce(r.scenario_title, ''), coalesce(r.scenario_start, ''), 0,"
		" q.n, coalesce(q.best, -1), coalesce(q.passed, false),"
		" EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'precheck'), false,"
		" 0, '', 0, false, ''"
		" FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
		" CROSS JOIN LATERAL (SELECT count(*) AS n, max(score) AS best, bool_or(passed) AS passed FROM attempts a"
		"   WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz') q WHERE m.slug = $2", 2, PROGRESS__NCOLS},
	/* What the lesson page needs: the names, the lesson count, and which lessons were read. */
	[STMT_LESSON_HEAD] = {"lesson_head",
		"SELECT m.id, r.id, m.slug, r.title, '', 0, 0, r.lesson_count, 0, 0, '', '', 0, 0, -1, false, false, false,"
		LESSONS_MASK ", '', 0, false, ''"
		" FROM modules m JOIN module_revisions r ON r.id = m.current_revision WHERE m.slug = $2", 2, PROGRESS__NCOLS},
/* A lesson in a language ($3), or in English where it is not translated: the language it comes in too. */
#define LESSON_COLS(C) C(LESSON_TITLE) C(LESSON_HTML) C(LESSON_WORDS) C(LESSON_LANG)
	[STMT_LESSON] = {"lesson",
		"SELECT coalesce(t.title, l.title), coalesce(t.html, l.html), coalesce(t.words, l.words), coalesce(t.lang, 'en')"
		" FROM lessons l LEFT JOIN lesson_translations t ON t.revision_id = l.revision_id AND t.position = l.position"
		" AND t.lang = $3 WHERE l.revision_id = $1 AND l.position = $2", 3, LESSON__NCOLS},
#define TOC_COLS(C) C(TOC_POSITION) C(TOC_TITLE) C(TOC_READ) C(TOC_WORDS) C(TOC_LANG)
	[STMT_LESSON_TITLES] = {"lesson_titles",
		"SELECT l.position, coalesce(t.title, l.title), EXISTS (SELECT 1 FROM lesson_reads x WHERE x.user_id = $2"
		" AND x.module_id = $3 AND x.position = l.position), coalesce(t.words, l.words), coalesce(t.lang, 'en')"
		" FROM lessons l LEFT JOIN lesson_translations t ON t.revision_id = l.revision_id AND t.position = l.position"
		" AND t.lang = $4 WHERE l.revision_id = $1 ORDER BY l.position", 4, TOC__NCOLS},
/* A module revision's title and summary in a language: no row where it is not translated. */
#define REVTEXT_COLS(C) C(REVTEXT_TITLE) C(REVTEXT_SUMMARY)
	[STMT_REVISION_TEXT] = {"revision_text",
		"SELECT title, summary FROM revision_translations WHERE revision_id = $1 AND lang = $2", 2, REVTEXT__NCOLS},
	/* A lesson counts as read when its page is shown to the trainee (once: the page asks only when the
	 * head said it was not read yet). */
	[STMT_MARK_READ] = {"mark_read",
		"INSERT INTO lesson_reads (user_id, module_id, position, revision_id) VALUES ($1, $2, $3, $4)"
		" ON CONFLICT DO NOTHING", 4},
/* A set's questions and options in a language ($3), each in English where it is not translated; the
 * language each question's text comes in. Positions and right marks are the English ones: one item. */
#define QUESTION_COLS(C) C(QUESTION_ID) C(QUESTION_KEY) C(QUESTION_KIND) C(QUESTION_TEXT) \
	C(QUESTION_EXPLANATION) C(QUESTION_SOURCE) C(QUESTION_OPTION_POSITION) C(QUESTION_OPTION_TEXT) \
	C(QUESTION_OPTION_FEEDBACK) C(QUESTION_OPTION_CORRECT) C(QUESTION_LANG)
	[STMT_QUESTIONS] = {"questions",
		"SELECT q.id, q.key, q.kind, coalesce(qt.text, q.text), coalesce(qt.explanation, q.explanation), q.source,"
		" o.position, coalesce(ot.text, o.text),"
		" coalesce(CASE WHEN ot.option_id IS NULL THEN o.feedback ELSE ot.feedback END, ''), o.correct,"
		" coalesce(qt.lang, 'en')"
		" FROM questions q JOIN options o ON o.question_id = q.id"
		" LEFT JOIN question_translations qt ON qt.question_id = q.id AND qt.lang = $3"
		" LEFT JOIN option_translations ot ON ot.option_id = o.id AND ot.lang = $3"
		" WHERE q.revision_id = $1 AND q.set = $2 ORDER BY q.position, o.position", 3, QUESTION__NCOLS},
#define ATTEMPT_NEW_COLS(C) C(ATTEMPT_NEW_ID) C(ATTEMPT_NEW_ANSWERS)
	[STMT_ATTEMPT_INSERT] = {"attempt_insert",
		"WITH a AS (INSERT INTO attempts (user_id, module_id, revision_id, set, number, correct, total, score, passed, lang)"
		"   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $13) ON CONFLICT DO NOTHING RETURNING id),"
		" ins AS (INSERT INTO answers (attempt_id, question_id, options, correct)"
		"   SELECT a.id, x.q, x.o::integer[], x.c FROM a, unnest($10::bigint[], $11::text[], $12::boolean[]) AS x (q, o, c)"
		"   RETURNING 1)"
		" SELECT (SELECT id FROM a), (SELECT count(*) FROM ins)", 13, ATTEMPT_NEW__NCOLS, .retry = true},
#define ATTEMPT_COLS(C) C(ATTEMPT_ID) C(ATTEMPT_REVISION_ID) C(ATTEMPT_CORRECT) C(ATTEMPT_TOTAL) \
	C(ATTEMPT_SCORE) C(ATTEMPT_PASSED) C(ATTEMPT_WHEN)
	[STMT_ATTEMPT_GET] = {"attempt_get",
		"SELECT id, revision_id, correct, total, score, passed, to_char(submitted_at, 'YYYY-MM-DD HH24:MI')"
		" FROM attempts WHERE user_id = $1 AND module_id = $2 AND set = $3 AND number = $4", 4, ATTEMPT__NCOLS},
#define ATTEMPT_ANSWER_COLS(C) C(ATTEMPT_ANSWER_QUESTION_ID) C(ATTEMPT_ANSWER_OPTIONS) C(ATTEMPT_ANSWER_CORRECT)
	[STMT_ATTEMPT_ANSWERS] = {"attempt_answers",
		"SELECT question_id, array_to_string(options, ','), correct FROM answers WHERE attempt_id = $1",
		1, ATTEMPT_ANSWER__NCOLS},
#define QUIZ_COLS(C) C(QUIZ_PASS_MARK) C(QUIZ_SHOW_ANSWERS)
	[STMT_REVISION_QUIZ] = {"revision_quiz",
		"SELECT pass_mark, show_answers FROM module_revisions WHERE id = $1 AND module_id = $2", 2, QUIZ__NCOLS},
#define RUN_COLS(C) C(RUN_ID) C(RUN_REVISION_ID) C(RUN_CURRENT_KEY) C(RUN_MOVES) C(RUN_ENDED) C(RUN_OUTCOME)
	[STMT_RUN_CURRENT] = {"run_current",
		"SELECT id, revision_id, current_key, moves, ended_at IS NOT NULL, coalesce(outcome, '') FROM scenario_runs"
		" WHERE user_id = $1 AND module_id = $2 ORDER BY id DESC LIMIT 1", 2, RUN__NCOLS},
	[STMT_RUN_START] = {"run_start",
		"INSERT INTO scenario_runs (user_id, module_id, revision_id, current_key) VALUES ($1, $2, $3, $4) RETURNING id",
		4, NEW__NCOLS},
#define STEP_VIEW_COLS(C) C(STEP_VIEW_ID) C(STEP_VIEW_ENDING) C(STEP_VIEW_OUTCOME) C(STEP_VIEW_TITLE) \
	C(STEP_VIEW_TEXT) C(STEP_VIEW_CHOICE_ID) C(STEP_VIEW_CHOICE_POSITION) C(STEP_VIEW_CHOICE_LABEL) \
	C(STEP_VIEW_CHOICE_FEEDBACK) C(STEP_VIEW_CHOICE_TARGET)
	[STMT_STEP] = {"step",
		"SELECT s.id, s.is_ending, coalesce(s.outcome, ''), coalesce(s.title, ''), s.text,"
		" c.id, c.position, c.label, coalesce(c.feedback, ''), c.target_key"
		" FROM scenario_steps s LEFT JOIN scenario_choices c ON c.step_id = s.id"
		" WHERE s.revision_id = $1 AND s.key = $2 ORDER BY c.position", 2, STEP_VIEW__NCOLS},
#define RUN_MOVE_COLS(C) C(RUN_MOVE_SEQ)
	[STMT_RUN_MOVE] = {"run_move",
		"WITH u AS (UPDATE scenario_runs SET current_key = $5, moves = moves + 1,"
		"   ended_at = CASE WHEN $6::text IS NULL THEN NULL ELSE now() END, outcome = $6"
		"   WHERE id = $1 AND moves = $2 AND ended_at IS NULL RETURNING id)"
		" INSERT INTO scenario_moves (run_id, seq, step_id, choice_id) SELECT id, $2 + 1, $3, $4 FROM u RETURNING seq",
		6, RUN_MOVE__NCOLS},
#define CERT_ISSUE_COLS(C) C(CERT_ISSUE_CODE)
	[STMT_CERT_ISSUE] = {"cert_issue",
		"WITH i AS (INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, module_title)"
		"   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, module_id) DO NOTHING RETURNING code)"
		" SELECT code FROM i UNION ALL SELECT code FROM certificates WHERE user_id = $2 AND module_id = $3",
		6, CERT_ISSUE__NCOLS},
#define CERT_COLS(C) C(CERT_NAME) C(CERT_MODULE_TITLE) C(CERT_ISSUED_ON) C(CERT_SLUG)
	[STMT_CERT_GET] = {"cert_get",
		"SELECT c.display_name, c.module_title, to_char(c.issued_at, 'FMDD Month YYYY'), m.slug"
		" FROM certificates c JOIN modules m ON m.id = c.module_id WHERE c.code = $1", 1, CERT__NCOLS},
/* The glossary in a language ($1), each term in English where it is not translated. */
#define GLOSSARY_COLS(C) C(GLOSSARY_KEY) C(GLOSSARY_NAME) C(GLOSSARY_TEXT) C(GLOSSARY_LANG)
	[STMT_GLOSSARY] = {"glossary",
		"SELECT g.key, coalesce(t.name, g.name), coalesce(t.text, g.text), coalesce(t.lang, 'en') FROM glossary g"
		" LEFT JOIN glossary_translations t ON t.key = g.key AND t.lang = $1 ORDER BY lower(coalesce(t.name, g.name))",
		1, GLOSSARY__NCOLS},
/* A page of content outside the modules (about-the-source), by key, in a language or else in English. */
#define PAGE_COLS(C) C(PAGE_TITLE) C(PAGE_HTML) C(PAGE_LANG)
	[STMT_PAGE] = {"page",
		"SELECT title, html, lang FROM content_pages WHERE key = $1 AND lang IN ($2, 'en') ORDER BY lang = $2 DESC"
		" LIMIT 1", 2, PAGE__NCOLS},
#define NOTES_COLS(C) C(NOTES_TITLE) C(NOTES_HTML)
	[STMT_NOTES] = {"notes",
		"SELECT r.title, coalesce(r.notes_html, '') FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
		" WHERE m.slug = $1", 1, NOTES__NCOLS},

	/* ---- cohorts and reports ---- */
#define COHORT_COLUMNS \
	"SELECT c.id, c.name, coalesce(c.join_code, ''), c.join_enabled," \
	" coalesce(to_char((c.join_expires_at AT TIME ZONE 'UTC') - interval '1 day', 'YYYY-MM-DD'), '')," \
	" coalesce(c.join_expires_at <= now(), false), c.archived_at IS NOT NULL, c.aggregate_only," \
	" (SELECT count(*) FROM users u WHERE u.cohort_id = c.id AND u.role = 'trainee'), coalesce(c.lang, '')" \
	" FROM cohorts c"
#define COHORT_VISIBLE(user, admin) \
	" (" admin " OR EXISTS (SELECT 1 FROM cohort_facilitators f WHERE f.cohort_id = c.id AND f.user_id = " user "))"
#define COHORT_COLS(C) C(COHORT_ID) C(COHORT_NAME) C(COHORT_JOIN_CODE) C(COHORT_JOIN_ENABLED) \
	C(COHORT_JOIN_LAST_DAY) C(COHORT_JOIN_EXPIRED) C(COHORT_ARCHIVED) C(COHORT_AGGREGATE_ONLY) C(COHORT_TRAINEES) \
	C(COHORT_LANG)
	[STMT_COHORTS] = {"cohorts",
		COHORT_COLUMNS " WHERE" COHORT_VISIBLE("$1", "$2")
		" ORDER BY c.archived_at IS NOT NULL, lower(c.name), c.id LIMIT 1000", 2, COHORT__NCOLS},
	[STMT_COHORT_GET] = {"cohort_get", COHORT_COLUMNS " WHERE c.id = $1 AND" COHORT_VISIBLE("$2", "$3"), 3, COHORT__NCOLS},
	[STMT_COHORT_RENAME] = {"cohort_rename", "UPDATE cohorts SET name = $2 WHERE id = $1", 2},
	/* The cohort's language ($2 NULL: none): its trainees' default and its join sheet's. */
	[STMT_COHORT_SET_LANG] = {"cohort_set_lang", "UPDATE cohorts SET lang = $2 WHERE id = $1", 2, .retry = true},
	/* A new version: the projector's page (its ETag) changes language at once. */
	[STMT_LIVE_SET_LANG] = {"live_set_lang", "UPDATE workshops SET lang = $2, version = version + 1 WHERE id = $1", 2,
		.retry = true},
	[STMT_COHORT_ARCHIVE] = {"cohort_archive",
		"UPDATE cohorts SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END WHERE id = $1", 2},
	/* A join code expires at the end of the given day, UTC. */
	[STMT_COHORT_JOIN] = {"cohort_join",
		"UPDATE cohorts SET join_enabled = $2, join_expires_at = ($3::date + 1)::timestamp AT TIME ZONE 'UTC'"
		" WHERE id = $1", 3},
	[STMT_COHORT_CODE] = {"cohort_code", "UPDATE cohorts SET join_code = $2 WHERE id = $1", 2},
	[STMT_COHORT_PRIVACY] = {"cohort_privacy", "UPDATE cohorts SET aggregate_only = $2 WHERE id = $1", 2},
#define STAFF_COLS(C) C(STAFF_ID) C(STAFF_USERNAME) C(STAFF_DISPLAY_NAME)
	[STMT_COHORT_STAFF] = {"cohort_staff",
		"SELECT u.id, u.username, u.display_name FROM cohort_facilitators f JOIN users u ON u.id = f.user_id"
		" WHERE f.cohort_id = $1 ORDER BY u.username", 1, STAFF__NCOLS},
#define STAFF_ADD_COLS(C) C(STAFF_ADD_FOUND)
	/* 1 when the name belongs to an active staff account (added now or before), else 0. */
	[STMT_COHORT_STAFF_ADD] = {"cohort_staff_add",
		"WITH u AS (SELECT id FROM users WHERE username = $2 AND role IN ('facilitator', 'admin') AND disabled_at IS NULL),"
		" i AS (INSERT INTO cohort_facilitators (cohort_id, user_id) SELECT $1, id FROM u ON CONFLICT DO NOTHING)"
		" SELECT count(*) FROM u", 2, STAFF_ADD__NCOLS},
	/* A cohort keeps at least one facilitator. The others' rows are locked: a removal of one of them under
	 * way (two facilitators removing each other) is waited for, and a row it removed no longer counts. */
	[STMT_COHORT_STAFF_REMOVE] = {"cohort_staff_remove",
		"DELETE FROM cohort_facilitators WHERE cohort_id = $1 AND user_id = $2"
		" AND EXISTS (SELECT 1 FROM cohort_facilitators o WHERE o.cohort_id = $1 AND o.user_id <> $2 FOR UPDATE)", 2},
#define COHORT_MODULE_COLS(C) C(COHORT_MODULE_ID) C(COHORT_MODULE_REVISION_ID) C(COHORT_MODULE_SLUG) \
	C(COHORT_MODULE_TITLE) C(COHORT_MODULE_PASS_MARK) C(COHORT_MODULE_LESSON_COUNT) C(COHORT_MODULE_QUIZ_COUNT) \
	C(COHORT_MODULE_PRECHECK_COUNT) C(COHORT_MODULE_SCENARIO_START) C(COHORT_MODULE_ASSIGNED) \
	C(COHORT_MODULE_DUE_ON) C(COHORT_MODULE_PAST_DUE)
	[STMT_COHORT_MODULES] = {"cohort_modules",
		"SELECT m.id, r.id, m.slug, r.title, r.pass_mark, r.lesson_count, r.quiz_count, r.precheck_count,"
		" coalesce(r.scenario_start, ''), cm.module_id IS NOT NULL, coalesce(to_char(cm.due_on, 'YYYY-MM-DD'), ''),"
		" coalesce(cm.due_on < (now() AT TIME ZONE 'UTC')::date, false)"
		" FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
		" LEFT JOIN cohort_modules cm ON cm.module_id = m.id AND cm.cohort_id = $1 ORDER BY m.position",
		1, COHORT_MODULE__NCOLS},
	[STMT_COHORT_MODULE_SET] = {"cohort_module_set",
		"WITH d AS (DELETE FROM cohort_modules WHERE cohort_id = $1 AND module_id = $2 AND NOT $3)"
		" INSERT INTO cohort_modules (cohort_id, module_id, due_on) SELECT $1, $2, $4::date WHERE $3"
		" ON CONFLICT (cohort_id, module_id) DO UPDATE SET due_on = excluded.due_on", 4},
#define ROSTER_COLS(C) C(ROSTER_ID) C(ROSTER_NAME) C(ROSTER_JOINED) C(ROSTER_DISABLED)
	[STMT_ROSTER] = {"roster",
		"SELECT id, display_name, extract(epoch FROM created_at)::bigint, disabled_at IS NOT NULL FROM users"
		" WHERE cohort_id = $1 AND role = 'trainee' ORDER BY lower(display_name), id", 1, ROSTER__NCOLS},
	[STMT_TRAINEE_MOVE] = {"trainee_move",
		"UPDATE users SET cohort_id = $3 WHERE id = $1 AND cohort_id = $2 AND role = 'trainee'", 3},
#define COHORT_CELL_COLS(C) C(COHORT_CELL_USER_ID) C(COHORT_CELL_MODULE_ID) C(COHORT_CELL_LESSONS_READ) \
	C(COHORT_CELL_QUIZ_ATTEMPTS) C(COHORT_CELL_BEST) C(COHORT_CELL_FIRST_QUIZ) C(COHORT_CELL_FIRST_PRE) \
	C(COHORT_CELL_PASSED) C(COHORT_CELL_SCENARIO_DONE) C(COHORT_CELL_PASSED_AT) C(COHORT_CELL_SCENARIO_AT) \
	C(COHORT_CELL_LESSONS_AT) C(COHORT_CELL_LAST_AT)
	/* Each trainee's record in each assigned module ($2: one module, or 0 for all), from the summary the
	 * triggers of 006_progress_summary keep; lessons count up to the current revision's lesson count. */
	[STMT_COHORT_CELLS] = {"cohort_cells",
		"SELECT p.user_id, p.module_id,"
		" bit_count((p.lessons & ((1::bigint << least(r.lesson_count, 62)) - 1))::bit(64))::int,"
		" p.quiz_attempts, coalesce(p.best, -1), coalesce(p.first_quiz, -1), coalesce(p.first_pre, -1),"
		" p.passed_at IS NOT NULL, p.scenario_at IS NOT NULL,"
		" coalesce(extract(epoch FROM p.passed_at)::bigint, 0), coalesce(extract(epoch FROM p.scenario_at)::bigint, 0),"
		" coalesce(extract(epoch FROM p.lessons_at)::bigint, 0), extract(epoch FROM p.last_at)::bigint"
		" FROM users u JOIN progress p ON p.user_id = u.id"
		" JOIN cohort_modules cm ON cm.cohort_id = $1 AND cm.module_id = p.module_id"
		" JOIN modules m ON m.id = p.module_id JOIN module_revisions r ON r.id = m.current_revision"
		" WHERE u.cohort_id = $1 AND u.role = 'trainee' AND ($2 = 0 OR p.module_id = $2)", 2, COHORT_CELL__NCOLS},
#define ITEM_COLS(C) C(ITEM_USER_ID) C(ITEM_QUESTION_ID) C(ITEM_OPTIONS) C(ITEM_CORRECT)
	/* The answers of each trainee's first attempt at a set on a revision. */
	[STMT_ITEM_ANSWERS] = {"item_answers",
		"WITH f AS (SELECT DISTINCT ON (a.user_id) a.id, a.user_id FROM attempts a"
		"   JOIN users u ON u.id = a.user_id AND u.cohort_id = $1 AND u.role = 'trainee'"
		"   WHERE a.module_id = $2 AND a.revision_id = $3 AND a.set = $4 AND ($5 = '' OR a.lang = $5)"
		"   ORDER BY a.user_id, a.number)"
		" SELECT f.user_id, x.question_id, array_to_string(x.options, ','), x.correct"
		" FROM f JOIN answers x ON x.attempt_id = f.id", 5, ITEM__NCOLS},
#define SCEN_STEP_COLS(C) C(SCEN_STEP_ID) C(SCEN_STEP_KEY) C(SCEN_STEP_ENDING) C(SCEN_STEP_OUTCOME) \
	C(SCEN_STEP_TITLE) C(SCEN_STEP_CHOICE_ID) C(SCEN_STEP_CHOICE_LABEL) C(SCEN_STEP_CHOICE_TARGET) \
	C(SCEN_STEP_EXCERPT)
	[STMT_SCENARIO_STEPS] = {"scenario_steps",
		"SELECT s.id, s.key, s.is_ending, coalesce(s.outcome, ''), coalesce(s.title, ''), coalesce(c.id, 0),"
		" coalesce(c.label, ''), coalesce(c.target_key, ''),"
		" left(s.text, 140) || CASE WHEN length(s.text) > 140 THEN '…' ELSE '' END"
		" FROM scenario_steps s LEFT JOIN scenario_choices c ON c.step_id = s.id WHERE s.revision_id = $1"
		" ORDER BY s.id, c.position", 1, SCEN_STEP__NCOLS},
#define SCEN_COUNT_COLS(C) C(SCEN_COUNT_KIND) C(SCEN_COUNT_ID) C(SCEN_COUNT_N)
	/* How many of the cohort's trainees were ever at each step, and made each choice. */
	[STMT_SCENARIO_COUNTS] = {"scenario_counts",
		"WITH r AS (SELECT s.id, s.user_id, s.current_key FROM scenario_runs s"
		"   JOIN users u ON u.id = s.user_id AND u.cohort_id = $1 AND u.role = 'trainee'"
		"   WHERE s.module_id = $2 AND s.revision_id = $3)"
		" SELECT 'step', step_id, count(DISTINCT user_id) FROM ("
		"   SELECT mv.step_id, r.user_id FROM r JOIN scenario_moves mv ON mv.run_id = r.id"
		"   UNION SELECT st.id, r.user_id FROM r JOIN scenario_steps st ON st.revision_id = $3 AND st.key = r.current_key"
		" ) v GROUP BY step_id"
		" UNION ALL SELECT 'choice', mv.choice_id, count(DISTINCT r.user_id) FROM r"
		"   JOIN scenario_moves mv ON mv.run_id = r.id GROUP BY mv.choice_id", 3, SCEN_COUNT__NCOLS},
#define ANSWER_LINE_COLS(C) C(ANSWER_LINE_SLUG) C(ANSWER_LINE_MODULE_TITLE) C(ANSWER_LINE_SET) \
	C(ANSWER_LINE_NUMBER) C(ANSWER_LINE_SCORE) C(ANSWER_LINE_PASSED) C(ANSWER_LINE_WHEN) C(ANSWER_LINE_POSITION) \
	C(ANSWER_LINE_QUESTION) C(ANSWER_LINE_OPTIONS) C(ANSWER_LINE_CORRECT) C(ANSWER_LINE_CHOSEN_TEXT)
	[STMT_TRAINEE_ANSWERS] = {"trainee_answers",
		"SELECT m.slug, r.title, a.set, a.number, a.score, a.passed, to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'),"
		" q.position, q.text, array_to_string(x.options, ','), x.correct,"
		" coalesce((SELECT string_agg(o.text, ' / ' ORDER BY o.position) FROM options o"
		"   WHERE o.question_id = q.id AND o.position = ANY (x.options)), '')"
		" FROM attempts a JOIN modules m ON m.id = a.module_id JOIN module_revisions r ON r.id = a.revision_id"
		" JOIN answers x ON x.attempt_id = a.id JOIN questions q ON q.id = x.question_id"
		" WHERE a.user_id = $1 ORDER BY m.position, a.set DESC, a.number, q.position LIMIT 5000",
		1, ANSWER_LINE__NCOLS},
#define RUN_LINE_COLS(C) C(RUN_LINE_ID) C(RUN_LINE_SLUG) C(RUN_LINE_STARTED) C(RUN_LINE_OUTCOME) \
	C(RUN_LINE_ENDED) C(RUN_LINE_STEP) C(RUN_LINE_CHOICE)
	[STMT_TRAINEE_RUNS] = {"trainee_runs",
		"SELECT s.id, m.slug, to_char(s.started_at, 'YYYY-MM-DD HH24:MI'), coalesce(s.outcome, ''),"
		" s.ended_at IS NOT NULL, coalesce(st.title, st.key, ''), coalesce(ch.label, '')"
		" FROM scenario_runs s JOIN modules m ON m.id = s.module_id"
		" LEFT JOIN scenario_moves mv ON mv.run_id = s.id LEFT JOIN scenario_steps st ON st.id = mv.step_id"
		" LEFT JOIN scenario_choices ch ON ch.id = mv.choice_id"
		" WHERE s.user_id = $1 ORDER BY m.position, s.id, mv.seq LIMIT 5000", 1, RUN_LINE__NCOLS},
#define EXPORT_COLS(C) C(EXPORT_USER_ID) C(EXPORT_NAME) C(EXPORT_COHORT) C(EXPORT_SLUG) C(EXPORT_SET) \
	C(EXPORT_NUMBER) C(EXPORT_SUBMITTED) C(EXPORT_LANG) C(EXPORT_POSITION) C(EXPORT_QUESTION_KEY) C(EXPORT_OPTIONS) \
	C(EXPORT_CORRECT) C(EXPORT_SCORE)
	/* Every answer of one cohort ($1), or of every cohort not marked aggregate-only ($1 = 0), in the
	 * order given: streamed, never held. */
	[STMT_EXPORT_ANSWERS] = {"export_answers",
		"SELECT u.id, u.display_name, c.name, m.slug, a.set, a.number,"
		" to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), coalesce(a.lang, ''), q.position, q.key,"
		" array_to_string(x.options, ','), x.correct, a.score"
		" FROM answers x JOIN attempts a ON a.id = x.attempt_id JOIN users u ON u.id = a.user_id"
		" JOIN cohorts c ON c.id = u.cohort_id JOIN modules m ON m.id = a.module_id"
		" JOIN questions q ON q.id = x.question_id"
		" WHERE u.role = 'trainee' AND CASE WHEN $1 = 0 THEN NOT c.aggregate_only ELSE u.cohort_id = $1 END"
		" ORDER BY a.id, q.position", 1, EXPORT__NCOLS},

	/* ---- live workshops (007_live, 011_workshop_names) ---- */
#define LIVE_VISIBLE(user, admin) \
	" (" admin " OR s.owner_id = " user " OR EXISTS (SELECT 1 FROM cohort_facilitators f" \
	" WHERE f.cohort_id = s.cohort_id AND f.user_id = " user "))"
#define LIVE_COLUMNS \
	"SELECT s.id, s.code, s.title, s.owner_id, coalesce(s.cohort_id, 0), coalesce(c.name, ''), s.state," \
	" coalesce(s.current_id, 0), s.hold_posts, s.blocked_words, s.version, to_char(s.created_at, 'YYYY-MM-DD')," \
	" (SELECT count(*) FROM live_participants p WHERE p.workshop_id = s.id)," \
	" (SELECT count(*) FROM live_questions q WHERE q.workshop_id = s.id), coalesce(c.aggregate_only, false)," \
	" coalesce(s.lang, '')"
	[STMT_LIVE_CREATE] = {"live_create",
		"WITH s AS (INSERT INTO workshops (code, title, owner_id, cohort_id) VALUES ($1, $2, $3, $4) RETURNING id),"
		" q AS (INSERT INTO live_questions (workshop_id, position, kind, prompt, source_question_id)"
		"   SELECT s.id, row_number() OVER (ORDER BY qu.position), 'quiz', left(qu.text, 500), qu.id"
		"   FROM s, modules m JOIN questions qu ON qu.revision_id = m.current_revision AND qu.set = 'quiz'"
		"   AND qu.kind IN ('single', 'truefalse') WHERE m.slug = $5 RETURNING id, source_question_id),"
		" o AS (INSERT INTO live_options (question_id, position, body, correct)"
		"   SELECT q.id, op.position, left(op.text, 200), op.correct FROM q JOIN options op"
		"   ON op.question_id = q.source_question_id WHERE op.position < 10)"
		" SELECT id FROM s", 5, NEW__NCOLS},
#define WORKSHOP_COLS(C) C(WORKSHOP_ID) C(WORKSHOP_CODE) C(WORKSHOP_TITLE) \
	C(WORKSHOP_OWNER_ID) C(WORKSHOP_COHORT_ID) C(WORKSHOP_COHORT_NAME) C(WORKSHOP_STATE) \
	C(WORKSHOP_CURRENT_ID) C(WORKSHOP_HOLD_POSTS) C(WORKSHOP_BLOCKED_WORDS) C(WORKSHOP_VERSION) \
	C(WORKSHOP_CREATED_ON) C(WORKSHOP_PARTICIPANTS) C(WORKSHOP_QUESTIONS) \
	C(WORKSHOP_AGGREGATE_ONLY) C(WORKSHOP_LANG) C(WORKSHOP_ANSWERED) C(WORKSHOP_CHANGES) C(WORKSHOP_POSTS) \
	C(WORKSHOP_HELD)
	/* The last four columns, the current question's counts, are LIVE_GET's: the lists have 0 there. */
	[STMT_LIVE_LIST] = {"live_list",
		LIVE_COLUMNS ", 0, 0, 0, 0 FROM workshops s LEFT JOIN cohorts c ON c.id = s.cohort_id WHERE"
		LIVE_VISIBLE("$1", "$2")
		" ORDER BY s.state = 'ended', s.id DESC LIMIT 200", 2, WORKSHOP__NCOLS},
	/* The console's and projector's poll: the counts of the current question make their ETag. */
	[STMT_LIVE_GET] = {"live_get",
		LIVE_COLUMNS ","
		" (SELECT count(*) FROM live_answers a WHERE a.question_id = s.current_id),"
		" (SELECT coalesce(sum(a.changes), 0) FROM live_answers a WHERE a.question_id = s.current_id),"
		" (SELECT count(*) FROM live_posts o WHERE o.question_id = s.current_id),"
		" (SELECT count(*) FROM live_answers a WHERE a.question_id = s.current_id AND a.status = 'held')"
		"  + (SELECT count(*) FROM live_posts o WHERE o.question_id = s.current_id AND o.status = 'held')"
		" FROM workshops s LEFT JOIN cohorts c ON c.id = s.cohort_id WHERE s.id = $1 AND" LIVE_VISIBLE("$2", "$3"),
		3, WORKSHOP__NCOLS},
	[STMT_LIVE_FOR_COHORT] = {"live_for_cohort",
		LIVE_COLUMNS ", 0, 0, 0, 0 FROM workshops s LEFT JOIN cohorts c ON c.id = s.cohort_id WHERE s.cohort_id = $1"
		" ORDER BY s.id DESC LIMIT 100", 1, WORKSHOP__NCOLS},
#define LIVE_QUESTION_COLUMNS \
	"SELECT q.id, q.position, q.kind, q.prompt, q.opened_at IS NOT NULL, q.closed_at IS NOT NULL," \
	" q.revealed_at IS NOT NULL, coalesce(string_agg(o.body, E'\\x1f' ORDER BY o.position), '')," \
	" coalesce(string_agg(CASE WHEN o.correct THEN '1' ELSE '0' END, '' ORDER BY o.position), '')" \
	" FROM live_questions q LEFT JOIN live_options o ON o.question_id = q.id"
#define LIVE_Q_COLS(C) C(LIVE_Q_ID) C(LIVE_Q_POSITION) C(LIVE_Q_KIND) C(LIVE_Q_PROMPT) C(LIVE_Q_OPENED) \
	C(LIVE_Q_CLOSED) C(LIVE_Q_REVEALED) C(LIVE_Q_OPTIONS) C(LIVE_Q_CORRECT)
	[STMT_LIVE_QUESTIONS] = {"live_questions",
		LIVE_QUESTION_COLUMNS " WHERE q.workshop_id = $1 GROUP BY q.id ORDER BY q.position", 1, LIVE_Q__NCOLS},
	[STMT_LIVE_QUESTION] = {"live_question", LIVE_QUESTION_COLUMNS " WHERE q.id = $1 GROUP BY q.id", 1, LIVE_Q__NCOLS},
	/* A question copied from a module's quiz, in language $2: its translated text and options (in the
	 * copied order, separated by U+001F), when the module has that translation; no row otherwise. */
#define LIVE_Q_TEXT_COLS(C) C(LIVE_Q_TEXT_PROMPT) C(LIVE_Q_TEXT_OPTIONS) C(LIVE_Q_TEXT_NOPT)
	[STMT_LIVE_QUESTION_TEXT] = {"live_question_text",
		"SELECT left(qt.text, 500), coalesce(string_agg(left(coalesce(ot.text, o.text), 200), E'\\x1f' ORDER BY o.position), ''),"
		" count(o.id) FROM live_questions lq"
		" JOIN question_translations qt ON qt.question_id = lq.source_question_id AND qt.lang = $2"
		" JOIN options o ON o.question_id = lq.source_question_id AND o.position < 10"
		" LEFT JOIN option_translations ot ON ot.option_id = o.id AND ot.lang = $2"
		" WHERE lq.id = $1 GROUP BY qt.text", 2, LIVE_Q_TEXT__NCOLS},
	/* $4: the options, separated by U+001F; $5: the right one's position, or -1. */
	[STMT_LIVE_QUESTION_ADD] = {"live_question_add",
		"WITH q AS (INSERT INTO live_questions (workshop_id, position, kind, prompt)"
		"   SELECT $1, coalesce(max(position), 0) + 1, $2, $3 FROM live_questions WHERE workshop_id = $1"
		"   HAVING count(*) < 100 RETURNING id),"
		" o AS (INSERT INTO live_options (question_id, position, body, correct)"
		"   SELECT q.id, x.n - 1, x.body, x.n - 1 = $5 FROM q,"
		"   unnest(string_to_array(nullif($4, ''), E'\\x1f')) WITH ORDINALITY AS x (body, n))"
		" SELECT id FROM q", 5, NEW__NCOLS},
	[STMT_LIVE_QUESTION_DELETE] = {"live_question_delete",
		"DELETE FROM live_questions WHERE id = $2 AND workshop_id = $1 AND opened_at IS NULL", 2},
	[STMT_LIVE_SETTINGS] = {"live_settings",
		"UPDATE workshops SET hold_posts = $2, blocked_words = $3, version = version + 1 WHERE id = $1", 3},
	[STMT_LIVE_START] = {"live_start",
		"UPDATE workshops SET state = 'running', started_at = coalesce(started_at, now()), version = version + 1"
		" WHERE id = $1 AND state = 'draft'", 1},
	/* Shows a question; the first time it is shown, it opens. */
	[STMT_LIVE_GOTO] = {"live_goto",
		"WITH q AS (UPDATE live_questions SET opened_at = coalesce(opened_at, now()) WHERE id = $2 AND workshop_id = $1"
		"   AND EXISTS (SELECT 1 FROM workshops WHERE id = $1 AND state = 'running') RETURNING id)"
		" UPDATE workshops SET current_id = q.id, version = version + 1 FROM q WHERE workshops.id = $1", 2},
	[STMT_LIVE_LOBBY] = {"live_lobby",
		"UPDATE workshops SET current_id = NULL, version = version + 1 WHERE id = $1 AND state = 'running'", 1},
	/* $3: 'open' (again: results hidden again), 'close' (answers locked), 'reveal' (locks, then shows). */
	[STMT_LIVE_SET] = {"live_set",
		"WITH q AS (UPDATE live_questions SET"
		"   opened_at = coalesce(opened_at, now()),"
		"   closed_at = CASE WHEN $3 = 'open' THEN NULL ELSE coalesce(closed_at, now()) END,"
		"   revealed_at = CASE $3 WHEN 'open' THEN NULL WHEN 'reveal' THEN coalesce(revealed_at, now()) ELSE revealed_at END"
		"   WHERE id = $2 AND workshop_id = $1"
		"   AND EXISTS (SELECT 1 FROM workshops WHERE id = $1 AND state = 'running') RETURNING id)"
		" UPDATE workshops SET version = version + 1 FROM q WHERE workshops.id = $1", 3},
	[STMT_LIVE_END] = {"live_end",
		"WITH q AS (UPDATE live_questions SET closed_at = coalesce(closed_at, now())"
		"   WHERE workshop_id = $1 AND opened_at IS NOT NULL)"
		" UPDATE workshops SET state = 'ended', ended_at = now(), version = version + 1"
		" WHERE id = $1 AND state <> 'ended'", 1},
	[STMT_LIVE_MODERATE_POST] = {"live_moderate_post",
		"WITH p AS (UPDATE live_posts SET status = $3 WHERE id = $2"
		"   AND question_id IN (SELECT id FROM live_questions WHERE workshop_id = $1) RETURNING id)"
		" UPDATE workshops SET version = version + 1 FROM p WHERE workshops.id = $1", 3},
	[STMT_LIVE_MODERATE_ANSWER] = {"live_moderate_answer",
		"WITH a AS (UPDATE live_answers SET status = $4 WHERE question_id = $2 AND participant_id = $3 AND body IS NOT NULL"
		"   AND question_id IN (SELECT id FROM live_questions WHERE workshop_id = $1) RETURNING 1)"
		" UPDATE workshops SET version = version + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM a)", 4},
#define LIVE_FOUND_COLS(C) C(LIVE_FOUND_ID) C(LIVE_FOUND_TITLE) C(LIVE_FOUND_STATE)
	[STMT_LIVE_BY_CODE] = {"live_by_code",
		"SELECT id, title, state FROM workshops WHERE code = $1", 1, LIVE_FOUND__NCOLS},
	/* A signed-in user keeps one place per workshop: joining again gives it the new token. */
	/* An anonymous place ($3 NULL) only while the workshop has fewer than $5. */
	[STMT_LIVE_JOIN] = {"live_join",
		"INSERT INTO live_participants (workshop_id, token_hash, user_id, name)"
		" SELECT $1::bigint, decode($2::text, 'hex'), $3::bigint, $4::text"
		" WHERE $3::bigint IS NOT NULL OR (SELECT count(*) FROM live_participants"
		"   WHERE workshop_id = $1::bigint AND user_id IS NULL) < $5::int"
		" ON CONFLICT (workshop_id, user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, name = EXCLUDED.name"
		" RETURNING id", 5, NEW__NCOLS},
#define LIVE_VIEW_COLS(C) C(LIVE_VIEW_PID) C(LIVE_VIEW_WORKSHOP_ID) C(LIVE_VIEW_STATE) C(LIVE_VIEW_VERSION) \
	C(LIVE_VIEW_CURRENT_ID) C(LIVE_VIEW_CHANGES) C(LIVE_VIEW_TITLE) C(LIVE_VIEW_NAME) C(LIVE_VIEW_SIGNED_IN) \
	C(LIVE_VIEW_CHOICE) C(LIVE_VIEW_BODY) C(LIVE_VIEW_STATUS) C(LIVE_VIEW_AGGREGATE_ONLY)
	[STMT_LIVE_VIEW] = {"live_view",
		"SELECT p.id, s.id, s.state, s.version, coalesce(s.current_id, 0), coalesce(a.changes, -1), s.title,"
		" coalesce(p.name, ''), p.user_id IS NOT NULL, coalesce(a.choice, -1), coalesce(a.body, ''), coalesce(a.status, ''),"
		" coalesce((SELECT c.aggregate_only FROM cohorts c WHERE c.id = s.cohort_id), false)"
		" FROM live_participants p JOIN workshops s ON s.id = p.workshop_id"
		" LEFT JOIN live_answers a ON a.question_id = s.current_id AND a.participant_id = p.id"
		" WHERE p.token_hash = decode($1, 'hex') AND s.code = $2", 2, LIVE_VIEW__NCOLS},
#define MODERATION_COLS(C) C(MODERATION_HOLD_POSTS) C(MODERATION_BLOCKED_WORDS)
	[STMT_LIVE_MODERATION] = {"live_moderation",
		"SELECT hold_posts, blocked_words FROM workshops WHERE id = $1", 1, MODERATION__NCOLS},
#define LIVE_ANSWERED_COLS(C) C(LIVE_ANSWERED_CHANGES)
	/* Counted only while the question is current and open; a change replaces the answer, up to $6 times. The
	 * question's row is locked FOR SHARE: an answer waits for a lock (or a close) under way, then sees it. */
	[STMT_LIVE_ANSWER] = {"live_answer",
		"INSERT INTO live_answers (question_id, participant_id, choice, body, status)"
		" SELECT q.id, $2, $3, $4, $5 FROM live_questions q"
		" JOIN workshops s ON s.current_id = q.id AND s.state = 'running'"
		" WHERE q.id = $1 AND q.opened_at IS NOT NULL AND q.closed_at IS NULL FOR SHARE OF q"
		" ON CONFLICT (question_id, participant_id) DO UPDATE SET choice = EXCLUDED.choice, body = EXCLUDED.body,"
		" status = EXCLUDED.status, answered_at = now(), changes = live_answers.changes +"
		"   CASE WHEN (live_answers.choice, live_answers.body) IS NOT DISTINCT FROM (EXCLUDED.choice, EXCLUDED.body)"
		"   THEN 0 ELSE 1 END"   /* the same answer sent again is no change: sending twice is sending once */
		" WHERE live_answers.changes < $6 OR (live_answers.choice, live_answers.body) IS NOT DISTINCT FROM"
		"   (EXCLUDED.choice, EXCLUDED.body) RETURNING changes", 6, LIVE_ANSWERED__NCOLS, .retry = true},
#define LIVE_POSTED_COLS(C) C(LIVE_POSTED_OPEN) C(LIVE_POSTED_ADDED)
	[STMT_LIVE_POST] = {"live_post",
		"WITH ok AS (SELECT 1 FROM live_questions q JOIN workshops s ON s.current_id = q.id AND s.state = 'running'"
		"   WHERE q.id = $2 AND s.id = $1 AND q.kind = 'qa' AND q.opened_at IS NOT NULL AND q.closed_at IS NULL"
		"   FOR SHARE OF q),"
		" i AS (INSERT INTO live_posts (question_id, participant_id, body, status) SELECT $2, $3, $4, $5 FROM ok"
		"   WHERE (SELECT count(*) FROM live_posts WHERE participant_id = $3 AND posted_at > now() - interval '1 minute') < $6"
		"   RETURNING id),"
		" b AS (UPDATE workshops SET version = version + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM i))"
		" SELECT (SELECT count(*) FROM ok), (SELECT count(*) FROM i)", 6, LIVE_POSTED__NCOLS},
#define LIVE_VOTED_COLS(C) C(LIVE_VOTED_ADDED)
	[STMT_LIVE_VOTE] = {"live_vote",
		"WITH v AS (INSERT INTO live_votes (post_id, participant_id) SELECT p.id, $3 FROM live_posts p"
		"   JOIN live_questions q ON q.id = p.question_id AND q.opened_at IS NOT NULL AND q.closed_at IS NULL"
		"   JOIN workshops s ON s.current_id = q.id AND s.id = $1 AND s.state = 'running'"
		"   WHERE p.id = $4 AND p.question_id = $2 AND p.status = 'shown' AND p.participant_id <> $3 FOR SHARE OF q"
		"   ON CONFLICT DO NOTHING RETURNING post_id),"
		" u AS (UPDATE live_posts SET votes = votes + 1 WHERE id IN (SELECT post_id FROM v)),"
		" b AS (UPDATE workshops SET version = version + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM v))"
		" SELECT count(*) FROM v", 4, LIVE_VOTED__NCOLS},
#define TALLY_COLS(C) C(TALLY_CHOICE) C(TALLY_COUNT)
	[STMT_LIVE_TALLY] = {"live_tally",
		"SELECT choice, count(*) FROM live_answers WHERE question_id = $1 AND choice IS NOT NULL GROUP BY choice",
		1, TALLY__NCOLS},
#define WORDS_COLS(C) C(WORDS_TEXT) C(WORDS_COUNT)
	[STMT_LIVE_WORDS] = {"live_words",
		"SELECT lower(body), count(*) FROM live_answers WHERE question_id = $1 AND body IS NOT NULL AND status = 'shown'"
		" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 60", 1, WORDS__NCOLS},
#define LIVE_POST_COLS(C) C(LIVE_POST_ID) C(LIVE_POST_PID) C(LIVE_POST_BODY) C(LIVE_POST_NAME) \
	C(LIVE_POST_STATUS) C(LIVE_POST_VOTES) C(LIVE_POST_MINE) C(LIVE_POST_VOTED)
	[STMT_LIVE_POSTS] = {"live_posts",
		"SELECT p.id, p.participant_id, p.body, coalesce(pp.name, ''), p.status, p.votes, p.participant_id = $2,"
		" EXISTS (SELECT 1 FROM live_votes v WHERE v.post_id = p.id AND v.participant_id = $2)"
		" FROM live_posts p JOIN live_participants pp ON pp.id = p.participant_id"
		" WHERE p.question_id = $1 AND (p.status = 'shown' OR (p.participant_id = $2 AND p.status = 'held') OR $3)"
		" ORDER BY p.status = 'held' AND $3 DESC, p.votes DESC, p.id LIMIT 200", 3, LIVE_POST__NCOLS},
	[STMT_LIVE_OPEN_ANSWERS] = {"live_open_answers",
		"SELECT 0, a.participant_id, a.body, coalesce(p.name, ''), a.status, 0, false, false"
		" FROM live_answers a JOIN live_participants p ON p.id = a.participant_id"
		" WHERE a.question_id = $1 AND a.body IS NOT NULL ORDER BY a.status = 'held' DESC, a.answered_at DESC LIMIT 200",
		1, LIVE_POST__NCOLS},
#define SUMMARY_COLS(C) C(SUMMARY_QID) C(SUMMARY_ANSWERS) C(SUMMARY_RIGHT) C(SUMMARY_POSTS)
	[STMT_LIVE_SUMMARY] = {"live_summary",
		"SELECT q.id, (SELECT count(*) FROM live_answers a WHERE a.question_id = q.id),"
		" (SELECT count(*) FROM live_answers a JOIN live_options o ON o.question_id = a.question_id"
		"   AND o.position = a.choice AND o.correct WHERE a.question_id = q.id AND q.kind = 'quiz'),"
		" (SELECT count(*) FROM live_posts p WHERE p.question_id = q.id)"
		" FROM live_questions q WHERE q.workshop_id = $1 ORDER BY q.position", 1, SUMMARY__NCOLS},
#define LIVE_ANSWER_TEXT \
	"CASE WHEN q.kind = 'scale' THEN a.choice::text WHEN a.body IS NOT NULL THEN a.body ELSE coalesce(o.body, '') END"
#define RECORD_COLS(C) C(RECORD_WORKSHOP) C(RECORD_TITLE) C(RECORD_DAY) C(RECORD_POSITION) C(RECORD_KIND) \
	C(RECORD_PROMPT) C(RECORD_ANSWER) C(RECORD_RIGHT)
	/* Right or wrong shows only once the facilitator has revealed the question. */
	[STMT_LIVE_RECORD] = {"live_record",
		"SELECT s.id, s.title, to_char(coalesce(s.started_at, s.created_at), 'YYYY-MM-DD'), q.position, q.kind, q.prompt,"
		" " LIVE_ANSWER_TEXT ","
		" CASE WHEN q.kind = 'quiz' AND q.revealed_at IS NOT NULL THEN CASE WHEN o.correct THEN 1 ELSE 0 END ELSE -1 END"
		" FROM live_participants p JOIN workshops s ON s.id = p.workshop_id"
		" JOIN live_answers a ON a.participant_id = p.id JOIN live_questions q ON q.id = a.question_id"
		" LEFT JOIN live_options o ON o.question_id = q.id AND o.position = a.choice AND q.kind IN ('quiz', 'poll')"
		" WHERE p.user_id = $1 ORDER BY s.id DESC, q.position LIMIT 1000", 1, RECORD__NCOLS},
#define STATS_COLS(C) C(STATS_WORKSHOPS) C(STATS_PARTICIPANTS)
	[STMT_LIVE_STATS] = {"live_stats",
		"SELECT count(DISTINCT s.id), count(p.id) FROM workshops s"
		" LEFT JOIN live_participants p ON p.workshop_id = s.id WHERE s.state = 'running'", 0, STATS__NCOLS},
#define LIVE_EXPORT_COLS(C) C(LIVE_EXPORT_POSITION) C(LIVE_EXPORT_KIND) C(LIVE_EXPORT_PROMPT) C(LIVE_EXPORT_PID) \
	C(LIVE_EXPORT_NAME) C(LIVE_EXPORT_USER_ID) C(LIVE_EXPORT_ANSWER) C(LIVE_EXPORT_CORRECT) C(LIVE_EXPORT_STATUS) \
	C(LIVE_EXPORT_VOTES) C(LIVE_EXPORT_WHEN) C(LIVE_EXPORT_CHANGES)
	[STMT_LIVE_EXPORT] = {"live_export",
		"SELECT q.position, q.kind, q.prompt, a.participant_id, coalesce(p.name, ''), coalesce(p.user_id, 0),"
		" " LIVE_ANSWER_TEXT ","
		" CASE WHEN q.kind = 'quiz' THEN CASE WHEN o.correct THEN 'yes' ELSE 'no' END ELSE '' END, a.status, '',"
		" to_char(a.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), a.changes"
		" FROM live_answers a JOIN live_questions q ON q.id = a.question_id JOIN live_participants p ON p.id = a.participant_id"
		" LEFT JOIN live_options o ON o.question_id = q.id AND o.position = a.choice AND q.kind IN ('quiz', 'poll')"
		" WHERE q.workshop_id = $1"
		" UNION ALL SELECT q.position, q.kind, q.prompt, x.participant_id, coalesce(p.name, ''), coalesce(p.user_id, 0),"
		" x.body, '', x.status, x.votes::text, to_char(x.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 0"
		" FROM live_posts x JOIN live_questions q ON q.id = x.question_id JOIN live_participants p ON p.id = x.participant_id"
		" WHERE q.workshop_id = $1 ORDER BY 1, 4", 1, LIVE_EXPORT__NCOLS},
#define LIVE_VERSION_COLS(C) C(LIVE_VERSION_VALUE)
	[STMT_LIVE_VERSION] = {"live_version", "SELECT version FROM workshops WHERE code = $1", 1, LIVE_VERSION__NCOLS},

	/* ---- recovery (010_recovery) ---- */
	/* $3: the fingerprint of the code the form was shown for (see STMT_RESUME_FINGERPRINT), so a form
	 * posted again (Back, reload) does not replace the code it just made. */
	[STMT_RESUME_SET] = {"resume_set",
		"UPDATE users SET resume_hash = decode($2, 'hex') WHERE id = $1 AND role = 'trainee'"
		" AND coalesce(left(encode(resume_hash, 'hex'), 16), 'none') = $3", 3},
#define FINGERPRINT_COLS(C) C(FINGERPRINT_VALUE)
	/* 64 bits of the keyed hash: names a code without helping anyone find it. */
	[STMT_RESUME_FINGERPRINT] = {"resume_fingerprint",
		"SELECT coalesce(left(encode(resume_hash, 'hex'), 16), 'none') FROM users WHERE id = $1 AND role = 'trainee'",
		1, FINGERPRINT__NCOLS},
	/* $1: names separated by U+001F, $2: their resume code hashes (hex) separated by commas; all or none. */
	[STMT_TRAINEES_CREATE] = {"trainees_create",
		"INSERT INTO users (role, display_name, resume_hash, cohort_id)"
		" SELECT 'trainee', x.name, decode(x.hash, 'hex'), $3::bigint"
		" FROM unnest(string_to_array($1, E'\\x1f'), string_to_array($2, ',')) WITH ORDINALITY AS x (name, hash, n)"
		" ORDER BY x.n RETURNING id", 3, NEW__NCOLS},
	[STMT_TRAINEE_RENAME] = {"trainee_rename",
		"UPDATE users SET display_name = $2 WHERE id = $1 AND role = 'trainee'", 2},
#define GIVEN_COLS(C) C(GIVEN_EXTRA)
	/* As many more attempts as the trainee has used: the module's limit counts afresh. */
	[STMT_ATTEMPTS_GIVE] = {"attempts_give",
		"INSERT INTO attempt_allowances (user_id, module_id, extra)"
		" SELECT $1::bigint, $2::bigint, count(*) FROM attempts WHERE user_id = $1 AND module_id = $2 AND set = 'quiz'"
		" ON CONFLICT (user_id, module_id) DO UPDATE SET extra = excluded.extra RETURNING extra", 2, GIVEN__NCOLS},
#define HOLDINGS_COLS(C) C(HOLDINGS_ID) C(HOLDINGS_NAME) C(HOLDINGS_JOINED) C(HOLDINGS_HAS_PASSWORD) \
	C(HOLDINGS_LESSONS) C(HOLDINGS_QUIZ_ATTEMPTS) C(HOLDINGS_PRECHECKS) C(HOLDINGS_RUNS) C(HOLDINGS_CERTIFICATES) \
	C(HOLDINGS_LIVE)
	[STMT_TRAINEE_HOLDINGS] = {"trainee_holdings",
		"SELECT u.id, u.display_name, to_char(u.created_at, 'YYYY-MM-DD'), u.username IS NOT NULL,"
		" (SELECT count(*) FROM lesson_reads x WHERE x.user_id = u.id),"
		" (SELECT count(*) FROM attempts a WHERE a.user_id = u.id AND a.set = 'quiz'),"
		" (SELECT count(*) FROM attempts a WHERE a.user_id = u.id AND a.set = 'precheck'),"
		" (SELECT count(*) FROM scenario_runs s WHERE s.user_id = u.id),"
		" (SELECT count(*) FROM certificates c WHERE c.user_id = u.id),"
		" (SELECT count(*) FROM live_participants p WHERE p.user_id = u.id)"
		" FROM users u WHERE u.id = $1 AND u.role = 'trainee' AND u.cohort_id = $2", 2, HOLDINGS__NCOLS},
#define MERGE_COLS(C) C(MERGE_DONE)
	/* One statement, so one transaction: see trainee_merge() in 010_recovery. */
	[STMT_TRAINEE_MERGE] = {"trainee_merge", "SELECT trainee_merge($1, $2)", 2, MERGE__NCOLS},
#define PURGE_COLS(C) C(PURGE_LOCKED) C(PURGE_SESSIONS) C(PURGE_THROTTLE) C(PURGE_PARTICIPANTS)
	/* One worker does this (the one whose purge connection holds the advisory lock, kept for the
	 * connection's life). Sessions past their lifetime or idle limit; throttle rows with no failure and
	 * no lock for $1 seconds (longer than any policy's window; a known address's mark, for $3), by their
	 * time columns; and the
	 * anonymous phones of workshops ended more than $2 days ago that never answered, posted or
	 * voted (what a workshop's results and a record show is kept: only its count of people who joined
	 * drops to those who took part). */
	[STMT_PURGE] = {"purge",
		"WITH go AS (SELECT pg_try_advisory_lock(7407, 1) AS ok),"
		" s AS (DELETE FROM sessions WHERE (SELECT ok FROM go) AND (expires_at < now()"
		"   OR last_seen_at + idle_seconds * interval '1 second' < now()) RETURNING 1),"
		" t AS (DELETE FROM throttle WHERE (SELECT ok FROM go) AND locked_until < extract(epoch FROM now())"
		"   AND greatest(window_start, last_failure) < extract(epoch FROM now())"
		"     - CASE WHEN key LIKE 'signin:known:%' THEN $3::bigint ELSE $1::bigint END RETURNING 1),"
		" p AS (DELETE FROM live_participants lp WHERE (SELECT ok FROM go) AND lp.user_id IS NULL"
		"   AND lp.workshop_id IN (SELECT id FROM workshops WHERE state = 'ended'"
		"     AND ended_at < now() - $2 * interval '1 day')"
		"   AND NOT EXISTS (SELECT 1 FROM live_answers a WHERE a.participant_id = lp.id)"
		"   AND NOT EXISTS (SELECT 1 FROM live_posts x WHERE x.participant_id = lp.id)"
		"   AND NOT EXISTS (SELECT 1 FROM live_votes v WHERE v.participant_id = lp.id) RETURNING 1)"
		" SELECT (SELECT ok FROM go), (SELECT count(*) FROM s), (SELECT count(*) FROM t), (SELECT count(*) FROM p)",
		3, PURGE__NCOLS, .retry = true},
};
