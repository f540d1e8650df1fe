/* accounts.c: the account statements, run and read into plain structs. */
#include "store/accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/internal.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Reads a row of the account statements (ACCOUNT_COLS). */
static void read_account(const PGresult *r, int row, struct account *a)
{
	memset(a, 0, sizeof(*a));
	a->id = atoll(PQgetvalue(r, row, ACCOUNT_ID));
	if (!role_parse(PQgetvalue(r, row, ACCOUNT_ROLE), &a->role))
		a->role = ROLE_TRAINEE;
	copy(a->display_name, sizeof(a->display_name), PQgetvalue(r, row, ACCOUNT_DISPLAY_NAME));
	copy(a->username, sizeof(a->username), PQgetvalue(r, row, ACCOUNT_USERNAME));
	a->cohort_id = atoll(PQgetvalue(r, row, ACCOUNT_COHORT_ID));
	a->disabled = db_flag(r, row, ACCOUNT_DISABLED);
	snprintf(a->lang, sizeof(a->lang), "%s", PQgetvalue(r, row, ACCOUNT_LANG));
	copy(a->password_hash, sizeof(a->password_hash), PQgetvalue(r, row, ACCOUNT_PASSWORD_HASH));
}

static enum store_rc one_account(struct db *db, enum stmt s, const char *param, struct account *out, const char *what)
{
	const char *p[1] = {param};
	PGresult *r = db_run(db, s, 1, p);
	enum store_rc rc = STORE_FAILED;
	if (db_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
		if (rc == STORE_OK)
			read_account(r, 0, out);
	} else {
		db_log_error(what, r);
	}
	PQclear(r);
	return rc;
}

enum store_rc db_session_create(struct db *db, const char *hash_hex, long long user_id, long lifetime_s, long idle_s)
{
	char uid[24], life[24], idle[24];
	snprintf(uid, sizeof(uid), "%lld", user_id);
	snprintf(life, sizeof(life), "%ld", lifetime_s);
	snprintf(idle, sizeof(idle), "%ld", idle_s);
	const char *p[4] = {hash_hex, uid, life, idle};
	return db_exec(db, STMT_SESSION_CREATE, 4, p, "session create");
}

enum store_rc db_session_delete(struct db *db, const char *hash_hex)
{
	const char *p[1] = {hash_hex};
	enum store_rc rc = db_exec(db, STMT_SESSION_DELETE, 1, p, "session delete");
	db_cache_revoke(db);
	return rc;
}

enum store_rc db_cohort_by_code(struct db *db, const char *code, long long *id, char *name, size_t namelen)
{
	const char *p[1] = {code};
	PGresult *r = db_run(db, STMT_COHORT_BY_CODE, 1, p);
	enum store_rc rc = STORE_FAILED;
	if (db_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
		if (rc == STORE_OK) {
			*id = atoll(PQgetvalue(r, 0, JOINING_COHORT_ID));
			copy(name, namelen, PQgetvalue(r, 0, JOINING_COHORT_NAME));
		}
	} else {
		db_log_error("cohort by code", r);
	}
	PQclear(r);
	return rc;
}

/* Runs an INSERT ... RETURNING id (NEW_COLS). */
static enum store_rc insert_id(struct db *db, enum stmt s, int n, const char *const *p, long long *id, const char *what)
{
	PGresult *r = db_run(db, s, n, p);
	int rc;
	if (db_ok(r) && PQntuples(r) == 1) {
		*id = atoll(PQgetvalue(r, 0, NEW_ID));
		rc = STORE_OK;
	} else if (db_unique_violation(r)) {
		rc = STORE_TAKEN;
	} else {
		db_log_error(what, r);
		rc = STORE_FAILED;
	}
	PQclear(r);
	return rc;
}

enum store_rc db_cohort_create(struct db *db, const char *name, const char *code, long long facilitator, long long *id)
{
	char fid[24];
	snprintf(fid, sizeof(fid), "%lld", facilitator);
	const char *p[3] = {name, code, facilitator > 0 ? fid : NULL};
	return insert_id(db, STMT_COHORT_CREATE, 3, p, id, "cohort create");
}

enum store_rc db_cohort_name(struct db *db, long long id, char *name, size_t namelen)
{
	char cid[24];
	snprintf(cid, sizeof(cid), "%lld", id);
	const char *p[1] = {cid};
	PGresult *r = db_run(db, STMT_COHORT_NAME, 1, p);
	enum store_rc rc = STORE_FAILED;
	if (db_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
		if (rc == STORE_OK)
			copy(name, namelen, PQgetvalue(r, 0, NAME_TEXT));
	}
	PQclear(r);
	return rc;
}

enum store_rc db_trainee_create(struct db *db, const char *display, const char *resume_hex, long long cohort,
                                long long *id)
{
	char cid[24];
	snprintf(cid, sizeof(cid), "%lld", cohort);
	const char *p[3] = {display, resume_hex, cid};
	return insert_id(db, STMT_TRAINEE_CREATE, 3, p, id, "trainee create");
}

enum store_rc db_user_by_resume(struct db *db, const char *resume_hex, struct account *out)
{
	return one_account(db, STMT_USER_BY_RESUME, resume_hex, out, "user by resume code");
}

enum store_rc db_user_by_name(struct db *db, const char *username, struct account *out)
{
	return one_account(db, STMT_USER_BY_NAME, username, out, "user by name");
}

enum store_rc db_user_by_id(struct db *db, long long id, struct account *out)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", id);
	return one_account(db, STMT_USER_BY_ID, uid, out, "user by id");
}

enum store_rc db_staff_create(struct db *db, enum role role, const char *username, const char *display,
                              const char *pwhash, long long *id)
{
	const char *p[4] = {role_name(role), username, display, pwhash};
	return insert_id(db, STMT_STAFF_CREATE, 4, p, id, "staff create");
}

enum store_rc db_user_set_password(struct db *db, long long id, const char *pwhash, const char *keep_hex)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", id);
	const char *p[3] = {uid, pwhash, keep_hex};
	enum store_rc rc = db_exec(db, STMT_USER_SET_PASSWORD, 3, p, "set password");
	if (rc == STORE_OK)
		db_cache_revoke(db);
	return rc;
}

enum store_rc db_user_set_login(struct db *db, long long id, const char *username, const char *pwhash,
                                const char *keep_hex)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", id);
	const char *p[4] = {uid, username, pwhash, keep_hex};
	enum store_rc rc = db_exec(db, STMT_USER_SET_LOGIN, 4, p, "set login");
	if (rc == STORE_OK)
		db_cache_revoke(db);
	return rc;
}

enum store_rc db_user_disable(struct db *db, long long id)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", id);
	const char *p[1] = {uid};
	enum store_rc rc = db_exec(db, STMT_USER_DISABLE, 1, p, "disable user");
	db_cache_revoke(db);
	return rc;
}

enum store_rc db_user_enable(struct db *db, long long id)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", id);
	const char *p[1] = {uid};
	return db_exec(db, STMT_USER_ENABLE, 1, p, "enable user");
}

enum store_rc db_staff_list(struct db *db, struct account *out, int max, int *n)
{
	PGresult *r = db_query(db, STMT_STAFF_LIST, 0, NULL, "staff list");
	if (r == NULL)
		return STORE_FAILED;
	*n = PQntuples(r) < max ? PQntuples(r) : max;
	for (int i = 0; i < *n; i++)
		read_account(r, i, &out[i]);
	PQclear(r);
	return STORE_OK;
}

enum store_rc db_resume_set(struct db *db, long long user, const char *resume_hex, const char *was)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", user);
	const char *p[3] = {uid, resume_hex, was};
	return db_exec(db, STMT_RESUME_SET, 3, p, "resume code set");
}

enum store_rc db_resume_fingerprint(struct db *db, long long user, char out[17])
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", user);
	const char *p[1] = {uid};
	PGresult *r = db_run(db, STMT_RESUME_FINGERPRINT, 1, p);
	enum store_rc rc = STORE_FAILED;
	if (db_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
		copy(out, 17, rc == STORE_OK ? PQgetvalue(r, 0, FINGERPRINT_VALUE) : "");
	} else {
		db_log_error("resume fingerprint", r);
	}
	PQclear(r);
	return rc;
}

enum store_rc db_trainee_rename(struct db *db, long long user, const char *display)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", user);
	const char *p[2] = {uid, display};
	enum store_rc rc = db_exec(db, STMT_TRAINEE_RENAME, 2, p, "trainee rename");
	db_cache_revoke(db);   /* cached sessions carry the name */
	return rc;
}

static void read_state(PGresult *r, struct throttle_state *out);

enum store_rc db_throttle_get(struct db *db, const char *key, struct throttle_state *out)
{
	const char *p[1] = {key};
	PGresult *r = db_run(db, STMT_THROTTLE_GET, 1, p);
	enum store_rc rc = STORE_FAILED;
	memset(out, 0, sizeof(*out));
	if (db_ok(r)) {
		rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
		if (rc == STORE_OK)
			read_state(r, out);
	} else {
		db_log_error("throttle get", r);
	}
	PQclear(r);
	return rc;
}

enum store_rc db_throttle_put(struct db *db, const char *key, const struct throttle_state *s)
{
	char f[16], w[24], l[24], u[24];
	snprintf(f, sizeof(f), "%d", s->failures);
	snprintf(w, sizeof(w), "%lld", s->window_start);
	snprintf(l, sizeof(l), "%lld", s->last_failure);
	snprintf(u, sizeof(u), "%lld", s->locked_until);
	const char *p[5] = {key, f, w, l, u};
	return db_exec(db, STMT_THROTTLE_PUT, 5, p, "throttle put");
}

enum store_rc db_throttle_clear(struct db *db, const char *key)
{
	const char *p[1] = {key};
	enum store_rc rc = db_exec(db, STMT_THROTTLE_CLEAR, 1, p, "throttle clear");
	return rc < 0 ? rc : STORE_OK;
}

static void read_state(PGresult *r, struct throttle_state *out)
{
	out->failures = atoi(PQgetvalue(r, 0, THROTTLE_FAILURES));
	out->window_start = atoll(PQgetvalue(r, 0, THROTTLE_WINDOW_START));
	out->last_failure = atoll(PQgetvalue(r, 0, THROTTLE_LAST_FAILURE));
	out->locked_until = atoll(PQgetvalue(r, 0, THROTTLE_LOCKED_UNTIL));
}

enum store_rc db_throttle_hit(struct db *db, const char *key, const struct throttle_policy *p, long long now,
                              struct throttle_state *out, long *wait)
{
	char t[24], f[16], m[16], la[16], lf[16], w[16];
	snprintf(t, sizeof(t), "%lld", now);
	snprintf(f, sizeof(f), "%d", p->free_failures);
	snprintf(m, sizeof(m), "%d", p->max_delay);
	snprintf(la, sizeof(la), "%d", p->lock_after);
	snprintf(lf, sizeof(lf), "%d", p->lock_for);
	snprintf(w, sizeof(w), "%d", p->window);
	const char *params[7] = {key, t, f, m, la, lf, w};
	memset(out, 0, sizeof(*out));
	*wait = 0;
	PGresult *r = db_run(db, STMT_THROTTLE_HIT, 7, params);
	if (!db_ok(r)) {
		db_log_error("throttle hit", r);
		PQclear(r);
		return STORE_FAILED;
	}
	enum store_rc rc = PQntuples(r) > 0 ? STORE_OK : STORE_NONE;
	if (rc == STORE_OK)
		read_state(r, out);
	PQclear(r);
	if (rc == STORE_OK)
		return STORE_OK;
	/* Refused: how long for, from the state as it is now (it may have moved on meanwhile). */
	if (db_throttle_get(db, key, out) < 0)
		return STORE_FAILED;
	*wait = throttle_wait(p, out, now);
	if (*wait < 1)
		*wait = 1;
	return STORE_NONE;
}

enum store_rc db_throttle_refund(struct db *db, const char *key, int n)
{
	char k[16];
	snprintf(k, sizeof(k), "%d", n);
	const char *p[2] = {key, k};
	enum store_rc rc = db_exec(db, STMT_THROTTLE_REFUND, 2, p, "throttle refund");
	return rc < 0 ? rc : STORE_OK;
}

enum store_rc db_user_set_lang(struct db *db, long long id, const char *lang)
{
	char uid[24];
	snprintf(uid, sizeof(uid), "%lld", id);
	const char *p[2] = {uid, lang && lang[0] ? lang : NULL};
	return db_exec(db, STMT_USER_SET_LANG, 2, p, "set language");
}
