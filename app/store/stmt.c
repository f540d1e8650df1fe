/* stmt.c: the statement table. All SQL the server runs is here, parameterised with $n. */
#include "store/stmt.h"

const struct stmt_def stmt_defs[STMT__MAX] = {
	[STMT_PING] = {"ping", "SELECT 1", 0},
	[STMT_SCHEMA_VERSION] = {"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations", 0},

	/* The signed-in account for a token, with what the session cache needs: seconds left before the
	 * absolute limit, the idle limit, and seconds since last_seen_at. */
	[STMT_SESSION_LOAD] = {"session_load",
		"SELECT u.id, u.role, u.display_name, coalesce(u.username, ''), coalesce(u.cohort_id, 0),"
		" extract(epoch FROM s.expires_at - now())::bigint, s.idle_seconds,"
		" extract(epoch FROM now() - s.last_seen_at)::float8"
		" FROM sessions s JOIN users u ON u.id = s.user_id"
		" WHERE s.token_hash = decode($1, 'hex') AND s.expires_at > now()"
		" AND s.last_seen_at + s.idle_seconds * interval '1 second' > now() AND u.disabled_at IS NULL", 1},
	/* last_seen_at is written only when stale by a tenth of the idle limit (at most a minute). */
	[STMT_SESSION_TOUCH] = {"session_touch",
		"UPDATE sessions SET last_seen_at = now() WHERE token_hash = decode($1, 'hex')", 1},
	[STMT_REVOKE_NOTIFY] = {"revoke_notify", "SELECT pg_notify('passage_revoke', '')", 0},
	[STMT_SESSION_CREATE] = {"session_create",
		"INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds)"
		" VALUES (decode($1, 'hex'), $2, now() + $3 * interval '1 second', $4)", 4},
	[STMT_SESSION_DELETE] = {"session_delete", "DELETE FROM sessions WHERE token_hash = decode($1, 'hex')", 1},
	[STMT_SESSION_END_OTHERS] = {"session_end_others",
		"DELETE FROM sessions WHERE user_id = $1 AND token_hash <> decode($2, 'hex')", 2},

	[STMT_COHORT_BY_CODE] = {"cohort_by_code",
		"SELECT id, name FROM cohorts WHERE join_code = $1 AND join_enabled AND archived_at IS NULL"
		" AND (join_expires_at IS NULL OR join_expires_at > now())", 1},
	/* A new cohort is offered every module; $3 (a facilitator, or NULL) runs it. */
	[STMT_COHORT_CREATE] = {"cohort_create",
		"WITH c AS (INSERT INTO cohorts (name, join_code) VALUES ($1, $2) RETURNING id),"
		" m AS (INSERT INTO cohort_modules (cohort_id, module_id) SELECT c.id, modules.id FROM c, modules),"
		" f AS (INSERT INTO cohort_facilitators (cohort_id, user_id) SELECT c.id, $3::bigint FROM c WHERE $3 IS NOT NULL)"
		" SELECT id FROM c", 3},
	[STMT_COHORT_NAME] = {"cohort_name", "SELECT name FROM cohorts WHERE id = $1", 1},

	[STMT_TRAINEE_CREATE] = {"trainee_create",
		"INSERT INTO users (role, display_name, resume_hash, cohort_id)"
		" VALUES ('trainee', $1, decode($2, 'hex'), $3) RETURNING id", 3},
	[STMT_USER_BY_RESUME] = {"user_by_resume",
		"SELECT id, role, display_name, coalesce(username, ''), coalesce(cohort_id, 0), disabled_at IS NOT NULL, ''"
		" FROM users WHERE resume_hash = decode($1, 'hex')", 1},
	[STMT_USER_BY_NAME] = {"user_by_name",
		"SELECT id, role, display_name, coalesce(username, ''), coalesce(cohort_id, 0), disabled_at IS NOT NULL,"
		" coalesce(password_hash, '') FROM users WHERE username = $1", 1},
	[STMT_USER_BY_ID] = {"user_by_id",
		"SELECT id, role, display_name, coalesce(username, ''), coalesce(cohort_id, 0), disabled_at IS NOT NULL,"
		" coalesce(password_hash, '') FROM users WHERE id = $1", 1},
	[STMT_STAFF_CREATE] = {"staff_create",
		"INSERT INTO users (role, username, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id", 4},
	[STMT_USER_SET_PASSWORD] = {"user_set_password", "UPDATE users SET password_hash = $2 WHERE id = $1", 2},
	[STMT_USER_SET_LOGIN] = {"user_set_login",
		"UPDATE users SET username = $2, password_hash = $3 WHERE id = $1 AND role = 'trainee'", 3},
	/* Disabling ends every session of the account in the same statement. */
	[STMT_USER_DISABLE] = {"user_disable",
		"WITH d AS (DELETE FROM sessions WHERE user_id = $1)"
		" UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1", 1},
	[STMT_USER_ENABLE] = {"user_enable", "UPDATE users SET disabled_at = NULL WHERE id = $1", 1},
	[STMT_STAFF_LIST] = {"staff_list",
		"SELECT id, role, display_name, username, 0, disabled_at IS NOT NULL, ''"
		" FROM users WHERE role <> 'trainee' ORDER BY username", 0},

	[STMT_THROTTLE_GET] = {"throttle_get",
		"SELECT failures, window_start, last_failure, locked_until FROM throttle WHERE key = $1", 1},
	[STMT_THROTTLE_PUT] = {"throttle_put",
		"INSERT INTO throttle (key, failures, window_start, last_failure, locked_until) VALUES ($1, $2, $3, $4, $5)"
		" ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, last_failure = $4, locked_until = $5", 5},
	[STMT_THROTTLE_CLEAR] = {"throttle_clear", "DELETE FROM throttle WHERE key = $1", 1},

	/* ---- training ---- */
#define PROGRESS_COLUMNS \
	"SELECT m.id, r.id, m.slug, r.title, r.summary, r.pass_mark, r.attempts, r.lesson_count, r.quiz_count," \
	" r.precheck_count, coalesce(r.scenario_title, ''), coalesce(r.scenario_start, '')," \
	" (SELECT count(*) FROM lesson_reads x WHERE x.user_id = $1 AND x.module_id = m.id AND x.position <= r.lesson_count)," \
	" (SELECT count(*) FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz')," \
	" coalesce((SELECT max(score) FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz'), -1)," \
	" EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz' AND a.passed)," \
	" EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'precheck')," \
	" EXISTS (SELECT 1 FROM scenario_runs s WHERE s.user_id = $1 AND s.module_id = m.id AND s.ended_at IS NOT NULL)," \
	" coalesce((SELECT place FROM module_places p WHERE p.user_id = $1 AND p.module_id = m.id), '')," \
	" coalesce((SELECT code FROM certificates c WHERE c.user_id = $1 AND c.module_id = m.id), '')," \
	" coalesce((SELECT to_char(cm.due_on, 'YYYY-MM-DD') FROM users u JOIN cohort_modules cm ON cm.cohort_id = u.cohort_id" \
	"   WHERE u.id = $1 AND cm.module_id = m.id), '')" \
	" FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
	[STMT_PROGRESS_ALL] = {"progress_all", PROGRESS_COLUMNS " ORDER BY m.position", 1},
	[STMT_PROGRESS_ONE] = {"progress_one", PROGRESS_COLUMNS " WHERE m.slug = $2", 2},
	/* The cheap columns only: the rest are constants, so read_progress reads both shapes. */
	[STMT_PROGRESS_HEAD] = {"progress_head",
		"SELECT m.id, r.id, m.slug, r.title, r.summary, r.pass_mark, r.attempts, r.lesson_count, r.quiz_count,"
		" r.precheck_count, coalesce(r.scenario_title, ''), coalesce(r.scenario_start, ''), 0,"
		" (SELECT count(*) FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'quiz'), -1, false,"
		" EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = $1 AND a.module_id = m.id AND a.set = 'precheck'), false,"
		" coalesce((SELECT place FROM module_places p WHERE p.user_id = $1 AND p.module_id = m.id), ''), ''"
		" FROM modules m JOIN module_revisions r ON r.id = m.current_revision WHERE m.slug = $2", 2},
	[STMT_LESSON_HEAD] = {"lesson_head",
		"SELECT m.id, r.id, m.slug, r.title, '', 0, 0, r.lesson_count, 0, 0, '', '', 0, 0, -1, false, false, false,"
		" coalesce((SELECT place FROM module_places p WHERE p.user_id = $1 AND p.module_id = m.id), ''), ''"
		" FROM modules m JOIN module_revisions r ON r.id = m.current_revision WHERE m.slug = $2", 2},
	[STMT_LESSON] = {"lesson", "SELECT title, html FROM lessons WHERE revision_id = $1 AND position = $2", 2},
	[STMT_LESSON_TITLES] = {"lesson_titles",
		"SELECT l.position, l.title, EXISTS (SELECT 1 FROM lesson_reads x WHERE x.user_id = $2 AND x.module_id = $3"
		" AND x.position = l.position) FROM lessons l WHERE l.revision_id = $1 ORDER BY l.position", 3},
	[STMT_MARK_READ] = {"mark_read",
		"INSERT INTO lesson_reads (user_id, module_id, position, revision_id) VALUES ($1, $2, $3, $4)"
		" ON CONFLICT DO NOTHING", 4},
	[STMT_SET_PLACE] = {"set_place",
		"INSERT INTO module_places (user_id, module_id, place) VALUES ($1, $2, $3)"
		" ON CONFLICT (user_id, module_id) DO UPDATE SET place = excluded.place, updated_at = now()", 3},
	[STMT_QUESTIONS] = {"questions",
		"SELECT q.id, q.key, q.kind, q.text, q.explanation, q.source, o.position, o.text, coalesce(o.feedback, ''),"
		" o.correct FROM questions q JOIN options o ON o.question_id = q.id"
		" WHERE q.revision_id = $1 AND q.set = $2 ORDER BY q.position, o.position", 2},
	[STMT_ATTEMPT_INSERT] = {"attempt_insert",
		"WITH a AS (INSERT INTO attempts (user_id, module_id, revision_id, set, number, correct, total, score, passed)"
		"   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id),"
		" ins AS (INSERT INTO answers (attempt_id, question_id, options, correct)"
		"   SELECT a.id, x.q, x.o::integer[], x.c FROM a, unnest($10::bigint[], $11::text[], $12::boolean[]) AS x (q, o, c)"
		"   RETURNING 1)"
		" SELECT (SELECT id FROM a), (SELECT count(*) FROM ins)", 12},
	[STMT_ATTEMPT_GET] = {"attempt_get",
		"SELECT id, revision_id, correct, total, score, passed, to_char(submitted_at, 'YYYY-MM-DD HH24:MI')"
		" FROM attempts WHERE user_id = $1 AND module_id = $2 AND set = $3 AND number = $4", 4},
	[STMT_ATTEMPT_ANSWERS] = {"attempt_answers",
		"SELECT question_id, array_to_string(options, ','), correct FROM answers WHERE attempt_id = $1", 1},
	[STMT_RUN_CURRENT] = {"run_current",
		"SELECT id, revision_id, current_key, moves, ended_at IS NOT NULL, coalesce(outcome, '') FROM scenario_runs"
		" WHERE user_id = $1 AND module_id = $2 ORDER BY id DESC LIMIT 1", 2},
	[STMT_RUN_START] = {"run_start",
		"INSERT INTO scenario_runs (user_id, module_id, revision_id, current_key) VALUES ($1, $2, $3, $4) RETURNING id", 4},
	[STMT_STEP] = {"step",
		"SELECT s.id, s.is_ending, coalesce(s.outcome, ''), coalesce(s.title, ''), s.text,"
		" c.id, c.position, c.label, coalesce(c.feedback, ''), c.target_key"
		" FROM scenario_steps s LEFT JOIN scenario_choices c ON c.step_id = s.id"
		" WHERE s.revision_id = $1 AND s.key = $2 ORDER BY c.position", 2},
	[STMT_RUN_MOVE] = {"run_move",
		"WITH u AS (UPDATE scenario_runs SET current_key = $5, moves = moves + 1,"
		"   ended_at = CASE WHEN $6::text IS NULL THEN NULL ELSE now() END, outcome = $6"
		"   WHERE id = $1 AND moves = $2 AND ended_at IS NULL RETURNING id)"
		" INSERT INTO scenario_moves (run_id, seq, step_id, choice_id) SELECT id, $2 + 1, $3, $4 FROM u RETURNING seq", 6},
	[STMT_CERT_ISSUE] = {"cert_issue",
		"WITH i AS (INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, module_title)"
		"   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, module_id) DO NOTHING RETURNING code)"
		" SELECT code FROM i UNION ALL SELECT code FROM certificates WHERE user_id = $2 AND module_id = $3", 6},
	[STMT_CERT_GET] = {"cert_get",
		"SELECT c.display_name, c.module_title, to_char(c.issued_at, 'FMDD Month YYYY'), m.slug"
		" FROM certificates c JOIN modules m ON m.id = c.module_id WHERE c.code = $1", 1},
	[STMT_GLOSSARY] = {"glossary", "SELECT key, name, text FROM glossary ORDER BY lower(name)", 0},
	[STMT_NOTES] = {"notes",
		"SELECT r.title, coalesce(r.notes_html, '') FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
		" WHERE m.slug = $1", 1},

	/* ---- cohorts and reports ---- */
#define COHORT_COLUMNS \
	"SELECT c.id, c.name, coalesce(c.join_code, ''), c.join_enabled," \
	" coalesce(to_char((c.join_expires_at AT TIME ZONE 'UTC') - interval '1 day', 'YYYY-MM-DD'), '')," \
	" coalesce(c.join_expires_at <= now(), false), c.archived_at IS NOT NULL, c.aggregate_only," \
	" (SELECT count(*) FROM users u WHERE u.cohort_id = c.id AND u.role = 'trainee')" \
	" FROM cohorts c"
#define COHORT_VISIBLE(user, admin) \
	" (" admin " OR EXISTS (SELECT 1 FROM cohort_facilitators f WHERE f.cohort_id = c.id AND f.user_id = " user "))"
	[STMT_COHORTS] = {"cohorts",
		COHORT_COLUMNS " WHERE" COHORT_VISIBLE("$1", "$2")
		" ORDER BY c.archived_at IS NOT NULL, lower(c.name), c.id LIMIT 1000", 2},
	[STMT_COHORT_GET] = {"cohort_get", COHORT_COLUMNS " WHERE c.id = $1 AND" COHORT_VISIBLE("$2", "$3"), 3},
	[STMT_COHORT_RENAME] = {"cohort_rename", "UPDATE cohorts SET name = $2 WHERE id = $1", 2},
	[STMT_COHORT_ARCHIVE] = {"cohort_archive",
		"UPDATE cohorts SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END WHERE id = $1", 2},
	/* A join code expires at the end of the given day, UTC. */
	[STMT_COHORT_JOIN] = {"cohort_join",
		"UPDATE cohorts SET join_enabled = $2, join_expires_at = ($3::date + 1)::timestamp AT TIME ZONE 'UTC'"
		" WHERE id = $1", 3},
	[STMT_COHORT_CODE] = {"cohort_code", "UPDATE cohorts SET join_code = $2 WHERE id = $1", 2},
	[STMT_COHORT_PRIVACY] = {"cohort_privacy", "UPDATE cohorts SET aggregate_only = $2 WHERE id = $1", 2},
	[STMT_COHORT_STAFF] = {"cohort_staff",
		"SELECT u.id, u.username, u.display_name FROM cohort_facilitators f JOIN users u ON u.id = f.user_id"
		" WHERE f.cohort_id = $1 ORDER BY u.username", 1},
	/* 1 when the name belongs to an active staff account (added now or before), else 0. */
	[STMT_COHORT_STAFF_ADD] = {"cohort_staff_add",
		"WITH u AS (SELECT id FROM users WHERE username = $2 AND role IN ('facilitator', 'admin') AND disabled_at IS NULL),"
		" i AS (INSERT INTO cohort_facilitators (cohort_id, user_id) SELECT $1, id FROM u ON CONFLICT DO NOTHING)"
		" SELECT count(*) FROM u", 2},
	/* A cohort keeps at least one facilitator. */
	[STMT_COHORT_STAFF_REMOVE] = {"cohort_staff_remove",
		"DELETE FROM cohort_facilitators WHERE cohort_id = $1 AND user_id = $2"
		" AND (SELECT count(*) FROM cohort_facilitators WHERE cohort_id = $1) > 1", 2},
	[STMT_COHORT_MODULES] = {"cohort_modules",
		"SELECT m.id, r.id, m.slug, r.title, r.pass_mark, r.lesson_count, r.quiz_count, r.precheck_count,"
		" coalesce(r.scenario_start, ''), cm.module_id IS NOT NULL, coalesce(to_char(cm.due_on, 'YYYY-MM-DD'), ''),"
		" coalesce(cm.due_on < (now() AT TIME ZONE 'UTC')::date, false)"
		" FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
		" LEFT JOIN cohort_modules cm ON cm.module_id = m.id AND cm.cohort_id = $1 ORDER BY m.position", 1},
	[STMT_COHORT_MODULE_SET] = {"cohort_module_set",
		"WITH d AS (DELETE FROM cohort_modules WHERE cohort_id = $1 AND module_id = $2 AND NOT $3)"
		" INSERT INTO cohort_modules (cohort_id, module_id, due_on) SELECT $1, $2, $4::date WHERE $3"
		" ON CONFLICT (cohort_id, module_id) DO UPDATE SET due_on = excluded.due_on", 4},
	[STMT_ROSTER] = {"roster",
		"SELECT id, display_name, extract(epoch FROM created_at)::bigint, disabled_at IS NOT NULL FROM users"
		" WHERE cohort_id = $1 AND role = 'trainee' ORDER BY lower(display_name), id", 1},
	[STMT_TRAINEE_MOVE] = {"trainee_move",
		"UPDATE users SET cohort_id = $3 WHERE id = $1 AND cohort_id = $2 AND role = 'trainee'", 3},
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
		" WHERE u.cohort_id = $1 AND u.role = 'trainee' AND ($2 = 0 OR p.module_id = $2)", 2},
	/* The answers of each trainee's first attempt at a set on a revision. */
	[STMT_ITEM_ANSWERS] = {"item_answers",
		"WITH f AS (SELECT DISTINCT ON (a.user_id) a.id, a.user_id FROM attempts a"
		"   JOIN users u ON u.id = a.user_id AND u.cohort_id = $1 AND u.role = 'trainee'"
		"   WHERE a.module_id = $2 AND a.revision_id = $3 AND a.set = $4 ORDER BY a.user_id, a.number)"
		" SELECT f.user_id, x.question_id, array_to_string(x.options, ','), x.correct"
		" FROM f JOIN answers x ON x.attempt_id = f.id", 4},
	[STMT_SCENARIO_STEPS] = {"scenario_steps",
		"SELECT s.id, s.key, s.is_ending, coalesce(s.outcome, ''), coalesce(s.title, ''), coalesce(c.id, 0),"
		" coalesce(c.label, ''), coalesce(c.target_key, ''),"
		" left(s.text, 140) || CASE WHEN length(s.text) > 140 THEN '…' ELSE '' END"
		" FROM scenario_steps s LEFT JOIN scenario_choices c ON c.step_id = s.id WHERE s.revision_id = $1"
		" ORDER BY s.id, c.position", 1},
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
		"   JOIN scenario_moves mv ON mv.run_id = r.id GROUP BY mv.choice_id", 3},
	[STMT_TRAINEE_ANSWERS] = {"trainee_answers",
		"SELECT m.slug, r.title, a.set, a.number, a.score, a.passed, to_char(a.submitted_at, 'YYYY-MM-DD HH24:MI'),"
		" q.position, q.text, array_to_string(x.options, ','), x.correct,"
		" coalesce((SELECT string_agg(o.text, ' / ' ORDER BY o.position) FROM options o"
		"   WHERE o.question_id = q.id AND o.position = ANY (x.options)), '')"
		" FROM attempts a JOIN modules m ON m.id = a.module_id JOIN module_revisions r ON r.id = a.revision_id"
		" JOIN answers x ON x.attempt_id = a.id JOIN questions q ON q.id = x.question_id"
		" WHERE a.user_id = $1 ORDER BY m.position, a.set DESC, a.number, q.position LIMIT 5000", 1},
	[STMT_TRAINEE_RUNS] = {"trainee_runs",
		"SELECT s.id, m.slug, to_char(s.started_at, 'YYYY-MM-DD HH24:MI'), coalesce(s.outcome, ''),"
		" s.ended_at IS NOT NULL, coalesce(st.title, st.key, ''), coalesce(ch.label, '')"
		" FROM scenario_runs s JOIN modules m ON m.id = s.module_id"
		" LEFT JOIN scenario_moves mv ON mv.run_id = s.id LEFT JOIN scenario_steps st ON st.id = mv.step_id"
		" LEFT JOIN scenario_choices ch ON ch.id = mv.choice_id"
		" WHERE s.user_id = $1 ORDER BY m.position, s.id, mv.seq LIMIT 5000", 1},
	/* Every answer of one cohort ($1), or of every cohort not marked aggregate-only ($1 = 0), in the
	 * order given: streamed, never held. */
	[STMT_EXPORT_ANSWERS] = {"export_answers",
		"SELECT u.id, u.display_name, c.name, m.slug, a.set, a.number,"
		" to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), q.position, q.key,"
		" array_to_string(x.options, ','), x.correct, a.score"
		" FROM answers x JOIN attempts a ON a.id = x.attempt_id JOIN users u ON u.id = a.user_id"
		" JOIN cohorts c ON c.id = u.cohort_id JOIN modules m ON m.id = a.module_id"
		" JOIN questions q ON q.id = x.question_id"
		" WHERE u.role = 'trainee' AND CASE WHEN $1 = 0 THEN NOT c.aggregate_only ELSE u.cohort_id = $1 END"
		" ORDER BY a.id, q.position", 1},
};