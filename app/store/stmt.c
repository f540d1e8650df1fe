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
	[STMT_COHORT_CREATE] = {"cohort_create", "INSERT INTO cohorts (name, join_code) VALUES ($1, $2) RETURNING id", 2},
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
};
