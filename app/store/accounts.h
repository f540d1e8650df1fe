/* accounts.h: cohorts, people, sessions and throttling state in the database. Unless said otherwise,
 * each returns an enum store_rc (store/db.h): STORE_OK (found or done), STORE_NONE (not found or nothing
 * changed), STORE_FAILED (database error), or STORE_TAKEN where a name or code is already taken. Hashes
 * are passed as lower-case hex. */
#ifndef PASSAGE_STORE_ACCOUNTS_H
#define PASSAGE_STORE_ACCOUNTS_H

#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#include "domain/account.h"
#include "domain/throttle.h"
#include "store/db.h"

/* The signed-in account for a session token hash, from this process's cache when it may be trusted
 * (session_cache.c), else from the database. */
enum store_rc db_session_load(struct db *db, const char *hash_hex, struct account *out);
/* Turns the cache on with a counter shared by every worker process of this server. */
void db_cache_attach(_Atomic uint64_t *shared_counter);
/* Called by every change that ends sessions, before its response goes out: forgets this server's
 * cached sessions and notifies every other listener. */
void db_cache_revoke(struct db *db);
/* The worker's NOTIFY listener thread; it stops when wake_fd becomes readable. */
int db_listener_start(const char *conninfo, long retry_ms, int wake_fd);
void db_listener_stop(void);
enum store_rc db_session_create(struct db *db, const char *hash_hex, long long user_id, long lifetime_s, long idle_s);
enum store_rc db_session_delete(struct db *db, const char *hash_hex);

enum store_rc db_cohort_by_code(struct db *db, const char *code, long long *id, char *name, size_t namelen);
/* A new cohort, offered every module; `facilitator` (0: none) is its first facilitator. */
enum store_rc db_cohort_create(struct db *db, const char *name, const char *code, long long facilitator, long long *id);
enum store_rc db_cohort_name(struct db *db, long long id, char *name, size_t namelen);

enum store_rc db_trainee_create(struct db *db, const char *display, const char *resume_hex, long long cohort,
                                long long *id);
enum store_rc db_user_by_resume(struct db *db, const char *resume_hex, struct account *out);
enum store_rc db_user_by_name(struct db *db, const char *username, struct account *out);
enum store_rc db_user_by_id(struct db *db, long long id, struct account *out);
enum store_rc db_staff_create(struct db *db, enum role role, const char *username, const char *display,
                              const char *pwhash, long long *id);
/* A new password (and user name) ends, in the same statement, every session of the account but the one
 * whose token hash is keep_hex ("": every one). */
enum store_rc db_user_set_password(struct db *db, long long id, const char *pwhash, const char *keep_hex);
enum store_rc db_user_set_login(struct db *db, long long id, const char *username, const char *pwhash,
                                const char *keep_hex);
enum store_rc db_user_disable(struct db *db, long long id);
enum store_rc db_user_enable(struct db *db, long long id);
/* A person's own language ("" or NULL: none). */
enum store_rc db_user_set_lang(struct db *db, long long id, const char *lang);
/* Staff accounts, by user name: *n of them (at most max) are written to out. */
enum store_rc db_staff_list(struct db *db, struct account *out, int max, int *n);
/* A trainee's new resume code (the old one stops working at once), when their current one still has the
 * fingerprint `was` (db_resume_fingerprint); STORE_NONE when it changed meanwhile, STORE_TAKEN when the
 * hash is taken. */
enum store_rc db_resume_set(struct db *db, long long user, const char *resume_hex, const char *was);
/* The fingerprint of a trainee's current resume code: 16 hex digits, or "none". */
enum store_rc db_resume_fingerprint(struct db *db, long long user, char out[17]);
enum store_rc db_trainee_rename(struct db *db, long long user, const char *display);

/* Throttle state by key: 1 found, 0 not (out zeroed), -1 error. */
enum store_rc db_throttle_get(struct db *db, const char *key, struct throttle_state *out);
enum store_rc db_throttle_put(struct db *db, const char *key, const struct throttle_state *s);
enum store_rc db_throttle_clear(struct db *db, const char *key);
/* One attempt on `key` under policy p at `now` (throttle_hit, in one statement): STORE_OK when it may go
 * on (it is counted; *out is the new state), STORE_NONE when it must wait (*wait seconds, at least 1; *out
 * the state), STORE_FAILED on a database error. */
enum store_rc db_throttle_hit(struct db *db, const char *key, const struct throttle_policy *p, long long now,
                              struct throttle_state *out, long *wait);
/* Gives back n failures of `key` (throttle_refund). */
enum store_rc db_throttle_refund(struct db *db, const char *key, int n);

#endif
