/* auth.h: sessions, CSRF and throttling: the middleware the server runs before every handler (given to
 * it as part of the site, app/main.c), and what the pages call. */
#ifndef PASSAGE_AUTH_H
#define PASSAGE_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/account.h"
#include "domain/throttle.h"
#include "server/http.h"

struct config;
/* Once per process, after the configuration is loaded: the keys, the hashing budget's share for this
 * worker, the dummy hash. Returns 0, or -1 with a message in err. */
int auth_init(const struct config *cfg, char *err, size_t errlen);
/* Runs after routing and before the handler: loads the session, checks the route's role flags and the
 * CSRF token (and Origin) of every POST. Returns false when it has already answered (a redirect or an
 * error page). */
bool auth_before(struct req *r);

/* The token for this request's forms (bound to the session, or to a pre-session cookie that this
 * call sets when it is missing). */
const char *auth_csrf(struct req *r);
/* Writes the hidden CSRF input of a form. */
void auth_form_token(struct req *r);

/* Signs `a` in: a new session token (the old session, if any, ends), the cookie, r->me. Returns 0, or
 * -1 after answering with an error page. */
/* The language cookie: the language switch's choice on this device, for a year; also set at sign-in to
 * the person's saved language. */
#define AUTH_LANG_COOKIE "lang"
void auth_lang_cookie(struct req *r, const char *code);
int auth_sign_in(struct req *r, const struct account *a);
void auth_sign_out(struct req *r);
/* After a password change (which ends every other session): a new token for this session. */
int auth_rotate(struct req *r);

/* Live workshops: the participant cookie of the session at /live/CODE. auth_live_token gives the hash
 * (hex) of the token this request carries, or false; auth_live_issue makes a new token, sets its cookie
 * and gives its hash, or -1. */
bool auth_live_token(struct req *r, char hex[65]);
int auth_live_issue(struct req *r, const char *code, long max_age, char hex[65]);

/* Where to go back to after signing in (?next= on /resume and /signin): true only for a path of this
 * site made of letters, digits and - _ . / (every page a sign-in can lead back to), never "//host". */
bool auth_next_ok(const char *next);
/* The hidden input carrying a valid `next` through a sign-in form; nothing when it is not valid. */
void auth_next_input(struct req *r, const char *next);

/* Throttling. Keys are built from auth_addr, never from a client header. auth_hit checks and counts
 * one attempt on `key` at once (throttle_hit): true when it may go on; false after answering 429 with
 * Retry-After (and logging it), or 503. The attempt counts as a failure unless it succeeds and
 * auth_refund gives back `n` (its own, and any failures a success forgives). */
bool auth_hit(struct req *r, const char *key, const struct throttle_policy *p);
void auth_refund(struct req *r, const char *key, int n);
/* The client's address as throttles see it (throttle_addr_key of REMOTE_ADDR: IPv6 by its /64). */
const char *auth_addr(struct req *r);
/* The password-hashing budget: per client address (auth_addr) and for this whole process, so one
 * address cannot spend all of it. Returns false (after a 429 with Retry-After) when either is spent. */
bool auth_hash_budget(struct req *r);
/* A real Argon2id hash of a random password: checked against when a user name is unknown, so a wrong
 * name costs as long as a wrong password and names cannot be told apart by timing. */
const char *auth_dummy_hash(void);

#endif
