/* auth.c: who is asking. Loads the session for every request that carries a cookie, enforces each
 * route's role, checks the CSRF token (and Origin) of every POST, and throttles guessers. The site hands
 * auth_init and auth_before to the server (app/main.c); the pages call the rest. */
#include "security/auth.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "security/security.h"
#include "server/config.h"
#include "server/form.h"
#include "server/html.h"
#include "server/server.h"
#include "store/accounts.h"

#define COOKIE_SESSION "__Host-passage"
#define COOKIE_PRE "__Host-passage-pre"
#define COOKIE_SESSION_PLAIN "passage"
#define COOKIE_PRE_PLAIN "passage-pre"

/* Argon2id costs about 25 ms of one core here. The limit keeps hashing under a quarter of a core for
 * the whole server under a guessing attack: 10 hashes a second, shared among the worker processes, with
 * a burst of 20 per process. One client address (an IPv6 /64) gets half of that (5 a second, a burst of
 * 10), so that it cannot spend the server's budget and keep everyone else from signing in. Addresses
 * share ADDR_SLOTS buckets chosen by a keyed hash: two that land in one slot share it, which no one can
 * arrange on purpose. */
#define HASHES_PER_SECOND 10.0
#define ADDR_SHARE 0.5
#define ADDR_BURST 10.0
#define ADDR_SLOTS 4096
static struct bucket hash_bucket, addr_buckets[ADDR_SLOTS];
static pthread_mutex_t hash_mu = PTHREAD_MUTEX_INITIALIZER;
static double hash_rate;
static uint64_t addr_seed;

static char dummy_hash[SEC_PWHASH_MAX];

int auth_init(const struct config *cfg, char *err, size_t errlen)
{
	hash_rate = HASHES_PER_SECOND / (double)(cfg->workers > 0 ? cfg->workers : 1);
	if (sec_random(&addr_seed, sizeof(addr_seed)) != 0) {
		snprintf(err, errlen, "no random numbers");
		return -1;
	}
	if (sec_init(cfg->secret_key_file, cfg->password_pepper_file, err, errlen) != 0)
		return -1;
	char pw[SEC_TOKEN_CHARS + 1];
	uint8_t ignored[SEC_HASH_BYTES];
	if (sec_token_new(pw, ignored) != 0 || sec_password_hash(pw, dummy_hash) != 0) {
		snprintf(err, errlen, "cannot compute a password hash");
		return -1;
	}
	return 0;
}

const char *auth_dummy_hash(void)
{
	return dummy_hash;
}

/* Sessions are for HTTPS only, unless the development switch says otherwise. */
static bool transport_ok(const struct req *r)
{
	return r->https || r->cfg->allow_plain_http;
}

static const char *session_cookie(const struct req *r)
{
	return r->https ? COOKIE_SESSION : COOKIE_SESSION_PLAIN;
}

static const char *pre_cookie(const struct req *r)
{
	return r->https ? COOKIE_PRE : COOKIE_PRE_PLAIN;
}

static void set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	/* __Host- cookies must be Secure, have Path=/ and no Domain. */
	if (max_age > 0)
		http_header(r, "Set-Cookie: %s=%s; Path=/; Max-Age=%ld; %sHttpOnly; SameSite=Lax", name, value, max_age,
		            r->https ? "Secure; " : "");
	else if (max_age == 0)
		http_header(r, "Set-Cookie: %s=; Path=/; Max-Age=0; %sHttpOnly; SameSite=Lax", name,
		            r->https ? "Secure; " : "");
	else
		http_header(r, "Set-Cookie: %s=%s; Path=/; %sHttpOnly; SameSite=Lax", name, value,
		            r->https ? "Secure; " : "");
}

static void load_session(struct req *r)
{
	const char *tok = http_kv_get(&r->cookies, session_cookie(r));
	if (tok == NULL || !transport_ok(r))
		return;
	uint8_t hash[SEC_HASH_BYTES];
	if (!sec_token_hash(tok, hash)) {
		set_cookie(r, session_cookie(r), "", 0);   /* malformed: forget it */
		return;
	}
	r->session_unknown = true;   /* until the database has answered */
	if (db_ensure(r->db) != DB_OK)
		return;
	struct account *a = arena_alloc(r->arena, sizeof(*a));
	char hex[65];
	sec_hex(hash, sizeof(hash), hex);
	if (a == NULL)
		return;
	enum store_rc rc = db_session_load(r->db, hex, a);
	r->session_unknown = rc != STORE_OK && rc != STORE_NONE;
	if (rc == STORE_OK) {
		r->me = a;
		memcpy(r->session_hex, hex, sizeof(hex));
	} else if (rc == STORE_NONE) {
		set_cookie(r, session_cookie(r), "", 0);   /* expired or ended: forget it */
	}
}

/* The value a CSRF token is bound to: the session, or the pre-session cookie (made when `create`). */
static bool csrf_binding(struct req *r, bool create, uint8_t out[SEC_HASH_BYTES])
{
	if (r->me != NULL) {
		/* session_hex is the token hash; binding to it ties forms to this session only */
		return sec_unhex(r->session_hex, out, SEC_HASH_BYTES);
	}
	const char *pre = http_kv_get(&r->cookies, pre_cookie(r));
	char fresh[SEC_TOKEN_CHARS + 1];
	if (pre == NULL || strlen(pre) != SEC_TOKEN_CHARS) {
		if (!create)
			return false;
		uint8_t ignored[SEC_HASH_BYTES];
		if (sec_token_new(fresh, ignored) != 0)
			return false;
		set_cookie(r, pre_cookie(r), fresh, -1);
		pre = fresh;
	}
	sec_sha256(pre, strlen(pre), out);
	return true;
}

const char *auth_csrf(struct req *r)
{
	if (r->csrf[0] == '\0') {
		uint8_t b[SEC_HASH_BYTES];
		if (csrf_binding(r, true, b))
			sec_csrf_make(b, r->csrf);
	}
	return r->csrf;
}

void auth_form_token(struct req *r)
{
	form_hidden(r, "csrf", auth_csrf(r));
}

/* The Origin a browser sends must be this site. A missing Origin is allowed: the token decides. */
static bool origin_ok(const struct req *r)
{
	if (r->origin == NULL)
		return true;
	if (r->host == NULL)
		return false;
	const char *scheme = r->https ? "https://" : "http://";
	size_t sl = strlen(scheme);
	return strncmp(r->origin, scheme, sl) == 0 && strcmp(r->origin + sl, r->host) == 0;
}

static bool csrf_ok(struct req *r)
{
	uint8_t b[SEC_HASH_BYTES];
	if (!origin_ok(r))
		return false;
	if (!csrf_binding(r, false, b))
		return false;
	return sec_csrf_check(b, http_kv_get(&r->form, "csrf"));
}

bool auth_next_ok(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || strlen(next) > 200)
		return false;
	for (const char *c = next; *c; c++) {
		bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		          *c == '_' || *c == '.' || *c == '/';
		if (!ok)
			return false;
	}
	return true;
}

void auth_next_input(struct req *r, const char *next)
{
	if (auth_next_ok(next))
		form_hidden(r, "next", next);
}

bool auth_before(struct req *r)
{
	const struct route *rt = r->route;
	if (rt->flags & ROUTE_PROBE)
		return true;
	if (r->cookies.n > 0)
		load_session(r);
	unsigned need = rt->flags & (ROUTE_SIGNED_IN | ROUTE_STAFF | ROUTE_ADMIN);
	if (r->session_unknown && (need != 0 || r->method == METHOD_POST || (rt->flags & ROUTE_DB))) {
		/* Not "you are not signed in" (a 403, or the sign-in page): who this is cannot be told just now. */
		http_unavailable(r, "the session could not be read");
		return false;
	}
	if (need != 0) {
		if (r->me == NULL) {
			enum db_status st = db_ensure(r->db);
			if (st != DB_OK) {
				http_unavailable(r, db_status_text(st));
				return false;
			}
			if (r->method == METHOD_POST) {
				http_error(r, 403, "you are not signed in, or your session has ended");
				return false;
			}
			/* Trainees come back with their resume code, staff with a password; both then return here. */
			const char *to = need == ROUTE_SIGNED_IN ? "/resume" : "/signin";
			http_redirect(r, 303, auth_next_ok(r->path) ? arena_printf(r->arena, "%s?next=%s", to, r->path) : to);
			return false;
		}
		bool allowed = (!(need & ROUTE_STAFF) || role_is_staff(r->me->role)) &&
		               (!(need & ROUTE_ADMIN) || r->me->role == ROLE_ADMIN);
		if (!allowed) {
			http_error(r, 403, "this page is for staff only");
			return false;
		}
	}
	if (r->method == METHOD_POST) {
		if (!transport_ok(r)) {
			http_error(r, 403, "Passage must be reached over HTTPS");
			return false;
		}
		if (!csrf_ok(r)) {
			http_error(r, 403, "the form has expired or did not come from this site; go back, reload the page "
			                   "and try again");
			return false;
		}
	}
	return true;
}

int auth_sign_in(struct req *r, const struct account *a)
{
	char token[SEC_TOKEN_CHARS + 1], hex[65];
	uint8_t hash[SEC_HASH_BYTES];
	if (!transport_ok(r)) {
		http_error(r, 403, "Passage must be reached over HTTPS");
		return -1;
	}
	if (sec_token_new(token, hash) != 0) {
		http_error(r, 500, "no random numbers");
		return -1;
	}
	sec_hex(hash, sizeof(hash), hex);
	bool staff = role_is_staff(a->role);
	long life = staff ? r->cfg->staff_lifetime : r->cfg->trainee_lifetime;
	long idle = staff ? r->cfg->staff_idle : r->cfg->trainee_idle;
	if (r->session_hex[0] != '\0')
		db_session_delete(r->db, r->session_hex);
	if (db_session_create(r->db, hex, a->id, life, idle) != STORE_OK) {
		http_unavailable(r, "could not start a session");
		return -1;
	}
	/* A trainee's phone keeps the cookie across restarts; a staff cookie lasts as long as the browser. */
	set_cookie(r, session_cookie(r), token, staff ? -1 : life);
	struct account *copy = arena_alloc(r->arena, sizeof(*copy));
	if (copy != NULL) {
		*copy = *a;
		copy->password_hash[0] = '\0';
		r->me = copy;
	}
	memcpy(r->session_hex, hex, sizeof(hex));
	r->csrf[0] = '\0';
	if (a->lang[0] != '\0')   /* the device follows the person now signed in on it */
		auth_lang_cookie(r, a->lang);
	return 0;
}

#define LANG_COOKIE_AGE (365L * 24 * 3600)

void auth_lang_cookie(struct req *r, const char *code)
{
	set_cookie(r, AUTH_LANG_COOKIE, code, LANG_COOKIE_AGE);
}

void auth_sign_out(struct req *r)
{
	if (r->session_hex[0] != '\0')
		db_session_delete(r->db, r->session_hex);
	set_cookie(r, session_cookie(r), "", 0);
	r->me = NULL;
	r->session_hex[0] = '\0';
	r->csrf[0] = '\0';
}

int auth_rotate(struct req *r)
{
	if (r->me == NULL)
		return -1;
	struct account a = *r->me;
	return auth_sign_in(r, &a);
}

const char *auth_addr(struct req *r)
{
	char *key = arena_alloc(r->arena, THROTTLE_ADDR_MAX);
	if (key == NULL)
		return "unknown";
	throttle_addr_key(r->remote_addr, key);
	return key;
}

static void too_many(struct req *r, const char *why, long wait)
{
	log_warn("429 %s %.64s from %s: %s, %ld s", r->method_name, r->path, auth_addr(r), why, wait);
	http_error(r, 429, NULL);
	http_header(r, "Retry-After: %ld", wait);
}

bool auth_hit(struct req *r, const char *key, const struct throttle_policy *p)
{
	struct throttle_state s;
	long wait;
	enum store_rc rc = db_throttle_hit(r->db, key, p, (long long)time(NULL), &s, &wait);
	if (rc == STORE_NONE) {   /* it must wait: a 429 that says how long */
		too_many(r, arena_printf(r->arena, "throttled on %.100s", key), wait);
		return false;
	}
	return !http_store_failed(r, rc, NULL);
}

void auth_refund(struct req *r, const char *key, int n)
{
	db_throttle_refund(r->db, key, n);
}

/* FNV-1a over the address key, from a secret starting point. */
static size_t addr_slot(const char *key)
{
	uint64_t h = addr_seed ^ 14695981039346656037ULL;
	for (const unsigned char *c = (const unsigned char *)key; *c; c++)
		h = (h ^ *c) * 1099511628211ULL;
	return (size_t)(h % ADDR_SLOTS);
}

bool auth_hash_budget(struct req *r)
{
	const char *addr = auth_addr(r);
	long long now = clock_us(), wait_us;
	bool global = false;
	pthread_mutex_lock(&hash_mu);
	/* The address's own budget first: a refused address takes nothing from everyone's. The server's
	 * burst of 20 (half a second of one core) absorbs a room signing in together; the sustained rate
	 * stays at the budget. */
	wait_us = bucket_take(&addr_buckets[addr_slot(addr)], hash_rate * ADDR_SHARE, ADDR_BURST, now);
	if (wait_us == 0) {
		wait_us = bucket_take(&hash_bucket, hash_rate, 20, now);
		global = true;
	}
	pthread_mutex_unlock(&hash_mu);
	if (wait_us > 0) {
		log_warn("429 %s %.64s from %s: the %s hashing budget is spent", r->method_name, r->path, addr,
		         global ? "server's" : "address's");
		http_error(r, 429, global ? "too many sign-in attempts on this server just now"
		                          : N_("too many sign-in attempts from your network just now"));
		http_header(r, "Retry-After: %lld", wait_us / 1000000 + 1);
		return false;
	}
	return true;
}

/* A live participant's cookie belongs to one session's address (/live/CODE), so a phone can be in two
 * sessions at once; __Secure- because a __Host- cookie must have Path=/. */
static const char *live_cookie(const struct req *r)
{
	return r->https ? "__Secure-passage-live" : "passage-live";
}

bool auth_live_token(struct req *r, char hex[65])
{
	const char *tok = http_kv_get(&r->cookies, live_cookie(r));
	uint8_t hash[SEC_HASH_BYTES];
	if (tok == NULL || !transport_ok(r) || !sec_token_hash(tok, hash))
		return false;
	sec_hex(hash, sizeof(hash), hex);
	return true;
}

int auth_live_issue(struct req *r, const char *code, long max_age, char hex[65])
{
	char token[SEC_TOKEN_CHARS + 1];
	uint8_t hash[SEC_HASH_BYTES];
	if (!transport_ok(r) || sec_token_new(token, hash) != 0)
		return -1;
	sec_hex(hash, sizeof(hash), hex);
	http_header(r, "Set-Cookie: %s=%s; Path=/live/%s; Max-Age=%ld; %sHttpOnly; SameSite=Lax", live_cookie(r), token,
	            code, max_age, r->https ? "Secure; " : "");
	return 0;
}
