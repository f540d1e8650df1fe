/* test_throttle.c: throttles a classroom can live with. A GET counts nothing; each kind of code has its
 * own key; a room of 60 behind one address joins despite its typos; guesses sent together are each
 * counted; an IPv6 /64 is one client (in the app and in nginx); one address cannot spend the server's
 * hashing budget; an account is locked per address and only slowed from everywhere else; a taken user
 * name is not told apart; the access log keeps no codes; anonymous live places are capped.
 *
 * Many clients here talk to the app's own socket (as nginx does) with a REMOTE_ADDR of their own, so a
 * test can be a room behind one address or a thousand addresses without leaving loopback. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "domain/throttle.h"
#include "e2e/e2e.h"
#include "store/accounts.h"
#include "store/db.h"

/* ---- a device talking FastCGI to the app with an address of its choosing ---- */

struct dev {
	const char *addr;
	char cookie[256];
	char *csrf;
};

static char *dev_raw(struct dev *d, const char *method, const char *uri, const char *body)
{
	char len[24];
	snprintf(len, sizeof(len), "%zu", body ? strlen(body) : 0);
	const char *p[] = {"REQUEST_METHOD", method, "REQUEST_URI", uri, "HTTPS", "on", "REMOTE_ADDR", d->addr,
	                   "HTTP_HOST", "localhost", "HTTP_ORIGIN", "https://localhost", "HTTP_COOKIE", d->cookie,
	                   "CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", len, NULL};
	const char *sock = e2e_env("PASSAGE_TEST_SOCKET");
	return fcgi_request(sock, p, body ? body : "", body ? strlen(body) : 0, body ? strlen(body) : 0, NULL, NULL);
}

static long status_of_raw(const char *resp)
{
	long s = 200;
	if (resp && strncmp(resp, "Status: ", 8) == 0)
		s = atol(resp + 8);
	return s;
}

/* Retry-After of a raw response, or -1. */
static long retry_after(const char *resp)
{
	const char *p = resp ? strstr(resp, "Retry-After: ") : NULL;
	return p ? atol(p + 13) : -1;
}

/* A new device at `addr`: it opens `form` for its pre-session cookie and CSRF token. */
static void dev_open(struct dev *d, const char *addr, const char *form)
{
	memset(d, 0, sizeof(*d));
	d->addr = addr;
	char *resp = dev_raw(d, "GET", form, NULL);
	cr_assert_not_null(resp);
	const char *c = strstr(resp, "Set-Cookie: __Host-passage-pre=");
	cr_assert_not_null(c, "no pre-session cookie from %s", form);
	c += strlen("Set-Cookie: ");
	snprintf(d->cookie, sizeof(d->cookie), "%.*s", (int)strcspn(c, ";\r"), c);
	d->csrf = html_input_value(resp, "csrf");
	cr_assert_not_null(d->csrf);
	free(resp);
}

static void dev_close(struct dev *d)
{
	free(d->csrf);
}

/* POSTs fields with the device's token; returns the status, and Retry-After in *ra when wanted. */
static long dev_post(struct dev *d, const char *path, const char *fields, long *ra)
{
	char body[1024];
	snprintf(body, sizeof(body), "csrf=%s&%s", d->csrf, fields);
	char *resp = dev_raw(d, "POST", path, body);
	cr_assert_not_null(resp);
	long s = status_of_raw(resp);
	if (ra)
		*ra = retry_after(resp);
	if (s == 429)
		cr_expect_geq(retry_after(resp), 1, "a 429 from the app says when to come back");
	free(resp);
	return s;
}

static long failures_of(const char *key)
{
	return e2e_scalar("SELECT failures FROM throttle WHERE key = $1", key);
}

static long rows_like(const char *pattern)
{
	return e2e_scalar("SELECT count(*) FROM throttle WHERE key LIKE $1", pattern);
}

static void forget(const char *pattern)
{
	e2e_scalar("WITH d AS (DELETE FROM throttle WHERE key LIKE $1 RETURNING 1) SELECT count(*) FROM d", pattern);
}

/* ---- 1. A GET counts nothing; each kind of code has its own key ---- */

Test(throttle, a_get_of_any_live_code_counts_nothing)
{
	struct client *img = client_new_from("127.0.0.21");
	char path[64];
	/* 30 well-formed codes no workshop has, as an <img> on another site would send them. */
	for (int i = 0; i < 30; i++) {
		snprintf(path, sizeof(path), "/live/ZZ%04d", i);
		for (char *c = path + 8; *c; c++)
			*c = "ABCDEFGHJK"[*c - '0'];   /* letters of the codes' alphabet (no I, L, O, U): well formed */
		long s = e2e_get(img, path, NULL);
		cr_expect_eq(s, 200, "GET %s: the join form with the code filled in, not an answer about it (%ld)", path, s);
	}
	cr_expect_eq(rows_like("%127.0.0.21%"), 0, "no GET was counted against the address");
	/* A POST of the join form is what tells, and counts, on the key of live codes alone. */
	cr_expect_eq(e2e_post(img, "/live", "/live", "code=ZZZZ-ZZ&name=", NULL), 404);
	cr_expect_eq(failures_of("code:live:127.0.0.21"), 1);
	cr_expect_eq(rows_like("code:join:127.0.0.21"), 0, "join codes are counted apart");
	cr_expect_eq(rows_like("code:resume:127.0.0.21"), 0, "resume codes are counted apart");
	client_free(img);
}

/* ---- 2. A room of 60 behind one address ---- */

Test(throttle, a_room_of_60_behind_one_address_joins_despite_its_typos, .timeout = 120)
{
	const char *addr = "198.51.100.60";
	forget("%198.51.100.60%");
	char *code = e2e_cred("JOIN_CODE");
	struct dev d;
	dev_open(&d, addr, "/join");
	/* The worst order: every one of the 60 mistypes the code twice before anyone gets it right. */
	int refused = 0;
	for (int i = 0; i < 120; i++) {
		long s = dev_post(&d, "/join", "code=AAAA-AAAA&name=Typo", NULL);
		refused += s == 429;
		cr_expect(s == 403 || s == 429, "typo %d: %ld", i, s);
	}
	cr_expect_eq(refused, 0, "120 typos from one room are free");
	/* Their resume codes and live codes are not affected. */
	cr_expect_eq(dev_post(&d, "/resume", "code=AAAA-AAAA-AAAA", NULL), 403);
	int joined = 0;
	char fields[128];
	for (int i = 0; i < 60; i++) {
		snprintf(fields, sizeof(fields), "code=%s&name=Room+member+%d", code, i);
		long s = dev_post(&d, "/join", fields, NULL);
		joined += s == 200;
	}
	cr_expect_eq(joined, 60, "all 60 joined (%d)", joined);
	/* Each correct code gave back its count and forgave one typo: 120 typos, 60 joins. */
	cr_expect_eq(failures_of("code:join:198.51.100.60"), 60);
	dev_close(&d);
	forget("%198.51.100.60%");
	free(code);
}

Test(throttle, guessing_codes_is_still_stopped)
{
	const char *addr = "198.51.100.61";
	forget("%198.51.100.61%");
	/* A guesser well past a room's typos: seeded with the room's worth, then it waits, then it is locked. */
	e2e_scalar("INSERT INTO throttle (key, failures, window_start, last_failure) VALUES"
	           " ('code:resume:198.51.100.61', 138, extract(epoch FROM now())::bigint - 60,"
	           " extract(epoch FROM now())::bigint - 60) RETURNING 1", NULL);
	struct dev d;
	dev_open(&d, addr, "/resume");
	long ra = 0;
	cr_expect_eq(dev_post(&d, "/resume", "code=AAAA-AAAA-AAAA", &ra), 403, "the 139th: the 30 s delay had passed");
	cr_expect_eq(dev_post(&d, "/resume", "code=AAAA-AAAA-AAAB", &ra), 429);
	cr_expect(ra >= 1 && ra <= 30, "waits %ld s", ra);
	e2e_scalar("UPDATE throttle SET last_failure = last_failure - 60 WHERE key = 'code:resume:198.51.100.61'"
	           " RETURNING 1", NULL);
	cr_expect_eq(dev_post(&d, "/resume", "code=AAAA-AAAA-AAAC", &ra), 403, "the 140th");
	cr_expect_eq(dev_post(&d, "/resume", "code=AAAA-AAAA-AAAD", &ra), 429);
	cr_expect_gt(ra, 800, "locked for 15 minutes (%ld s)", ra);
	cr_expect_eq(dev_post(&d, "/join", "code=AAAA-AAAA&name=x", NULL), 403, "join codes are another key");
	dev_close(&d);
	forget("%198.51.100.61%");
}

/* ---- 3. Guesses sent together are each counted ---- */

struct guess {
	struct client *c;
	const char *body;
	pthread_barrier_t *go;
	long status;
	bool app;   /* the 429 came from the app (Retry-After), not nginx */
};

static void *guess_run(void *arg)
{
	struct guess *g = arg;
	struct http_res r;
	pthread_barrier_wait(g->go);
	if (client_do(g->c, "POST", "/signin", g->body, &r) == 0) {
		g->status = r.status;
		char *ra = http_res_header(&r, "retry-after");
		g->app = ra != NULL;
		free(ra);
		http_res_free(&r);
	}
	return NULL;
}

Test(throttle, sixty_four_wrong_sign_ins_at_once_are_each_counted, .timeout = 120)
{
	enum { N = 64 };
	const char *addr = "127.0.0.23";
	forget("%127.0.0.23%");
	forget("signin:user:ghost-at-once");
	struct guess g[N];
	pthread_t t[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++) {
		g[i] = (struct guess){.c = client_new_from(addr), .go = &go};
		struct http_res f;
		cr_assert_eq(client_do(g[i].c, "GET", "/signin", NULL, &f), 0);
		char *csrf = html_input_value(f.body, "csrf");
		http_res_free(&f);
		cr_assert_not_null(csrf);
		char *body = malloc(256);
		snprintf(body, 256, "csrf=%s&username=ghost-at-once&password=wrong-guess-%d", csrf, i);
		g[i].body = body;
		free(csrf);
	}
	for (int i = 0; i < N; i++)
		pthread_create(&t[i], NULL, guess_run, &g[i]);
	int judged = 0, app429 = 0, nginx429 = 0, other = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		if (g[i].status == 403)
			judged++;
		else if (g[i].status == 429 && g[i].app)
			app429++;
		else if (g[i].status == 429)
			nginx429++;
		else
			other++;
		client_free(g[i].c);
		free((char *)g[i].body);
	}
	pthread_barrier_destroy(&go);
	fprintf(stderr, "throttle: 64 at once: %d judged, %d refused by the app, %d by nginx\n", judged, app429, nginx429);
	cr_expect_eq(other, 0);
	cr_expect_eq(nginx429, 0, "a burst of 64 from one address passes nginx (burst 120)");
	/* 3 free, the 4th counted at once; the rest wait (one more per second the burst lasts). */
	cr_expect_geq(judged, 4);
	cr_expect_leq(judged, 7, "only the free tries (and one a second after) were judged: %d", judged);
	cr_expect_eq(failures_of("signin:pair:ghost-at-once:127.0.0.23"), judged, "every judged guess was counted");
	cr_expect_eq(failures_of("signin:user:ghost-at-once"), judged);
	forget("%127.0.0.23%");
	forget("signin:user:ghost-at-once");
}

/* The statement the store runs does what throttle_hit does, step by step, for every policy shape. */
Test(throttle, the_statement_does_what_throttle_hit_does, .timeout = 60)
{
	char ci[1024];
	snprintf(ci, sizeof(ci), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	struct db *db = db_new(ci, 100);
	cr_assert_eq(db_ensure(db), DB_OK);
	const struct throttle_policy policies[] = {
		{3, 30, 10, 900, 900}, {10, 30, 0, 0, 900}, {200, 0, 200, 900, 3600}, {0, 5, 1, 60, 100}, {2, 4, 6, 50, 40},
	};
	unsigned seed = 18;
	for (size_t k = 0; k < sizeof(policies) / sizeof(policies[0]); k++) {
		const struct throttle_policy *p = &policies[k];
		char key[64];
		snprintf(key, sizeof(key), "test:model:%zu", k);
		forget(key);
		struct throttle_state model = {0}, got;
		long long now = 1000000;
		for (int step = 0; step < 400; step++) {
			now += rand_r(&seed) % 4 == 0 ? rand_r(&seed) % 40 : 0;
			if (rand_r(&seed) % 10 == 0) {
				throttle_refund(&model, 2);
				cr_assert_eq(db_throttle_refund(db, key, 2), 1);
				continue;
			}
			long wait = 0, want = throttle_hit(p, &model, now);
			int rc = db_throttle_hit(db, key, p, now, &got, &wait);
			cr_assert_eq(rc, want == 0 ? 1 : 0, "policy %zu step %d at %lld: hit %d, model waits %ld", k, step, now, rc,
			             want);
			if (want > 0)
				cr_assert_eq(wait, want, "policy %zu step %d: wait", k, step);
			cr_assert(got.failures == model.failures && got.window_start == model.window_start &&
			              got.last_failure == model.last_failure && got.locked_until == model.locked_until,
			          "policy %zu step %d: store (%d %lld %lld %lld), model (%d %lld %lld %lld)", k, step, got.failures,
			          got.window_start, got.last_failure, got.locked_until, model.failures, model.window_start,
			          model.last_failure, model.locked_until);
		}
		forget(key);
	}
	db_free(db);
}

struct store_hit {
	const char *key;
	int allowed;
};

static void *store_hits(void *arg)
{
	struct store_hit *h = arg;
	char ci[1024];
	snprintf(ci, sizeof(ci), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	struct db *db = db_new(ci, 100);
	if (db_ensure(db) == DB_OK) {
		static const struct throttle_policy p = {3, 30, 10, 900, 900};
		struct throttle_state s;
		long wait;
		for (int i = 0; i < 8; i++)
			h->allowed += db_throttle_hit(db, h->key, &p, 5000, &s, &wait) == 1;
	}
	db_free(db);
	return NULL;
}

Test(throttle, hits_from_many_connections_at_once_lock_exactly)
{
	/* 32 connections, 8 hits each, all in one second: 3 free and the 4th allowed, never more. */
	enum { N = 32 };
	const char *key = "test:at-once";
	forget(key);
	pthread_t t[N];
	struct store_hit h[N];
	for (int i = 0; i < N; i++) {
		h[i] = (struct store_hit){key, 0};
		pthread_create(&t[i], NULL, store_hits, &h[i]);
	}
	int allowed = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		allowed += h[i].allowed;
	}
	cr_expect_eq(allowed, 4);
	cr_expect_eq(failures_of(key), 4);
	forget(key);
}

/* ---- 4. IPv6: a /64 is one client ---- */

Test(throttle, the_addresses_of_one_ipv6_64_are_one_client)
{
	forget("%2001:db8:7:7::/64%");
	char addr[64];
	long last = 0;
	int tries = 0;
	/* A fresh address each time, all in one /64: the 4th wrong password for one account is counted, and
	 * the next waits, as from one address. */
	for (; tries < 8 && last != 429; tries++) {
		struct dev d;
		snprintf(addr, sizeof(addr), "2001:db8:7:7:%x::%x", tries * 17 + 1, tries + 1);
		dev_open(&d, addr, "/signin");
		last = dev_post(&d, "/signin", "username=ghost-v6&password=wrong-guess-v6", NULL);
		dev_close(&d);
	}
	cr_expect_eq(last, 429, "no wait after %d addresses of one /64", tries);
	cr_expect_leq(tries, 6);
	cr_expect_eq(rows_like("signin:pair:ghost-v6:2001:db8:7:7::/64"), 1);
	/* The next /64 is someone else. */
	struct dev other;
	dev_open(&other, "2001:db8:7:8::1", "/signin");
	cr_expect_eq(dev_post(&other, "/signin", "username=ghost-v6&password=wrong-guess-v6", NULL), 403);
	dev_close(&other);
	forget("%2001:db8:7:%");
	forget("signin:user:ghost-v6");
}

struct spender {
	int from, to;
	int refused;
};

static void *spend(void *arg)
{
	struct spender *s = arg;
	for (int i = s->from; i < s->to; i++) {
		char addr[64], fields[128];
		snprintf(addr, sizeof(addr), "2001:db8:9:9:%x:%x::1", i, i * 7);
		snprintf(fields, sizeof(fields), "username=ghost-budget-%d&password=wrong-guess-%d", i, i);
		struct dev d;
		dev_open(&d, addr, "/signin");
		s->refused += dev_post(&d, "/signin", fields, NULL) == 429;
		dev_close(&d);
	}
	return NULL;
}

Test(throttle, one_address_cannot_spend_the_servers_hashing_budget, .timeout = 120)
{
	/* 100 wrong sign-ins, each for another name and from another address of one /64, 8 at a time:
	 * without a budget of its own, that /64 takes the server's 10 hashes a second (and its bursts), and
	 * staff cannot sign in. */
	enum { T = 8, N = 100 };
	pthread_t t[T];
	struct spender s[T];
	for (int i = 0; i < T; i++) {
		s[i] = (struct spender){i * N / T, (i + 1) * N / T, 0};
		pthread_create(&t[i], NULL, spend, &s[i]);
	}
	int refused = 0;
	for (int i = 0; i < T; i++) {
		pthread_join(t[i], NULL);
		refused += s[i].refused;
	}
	fprintf(stderr, "throttle: %d of %d hashing attempts from one /64 refused\n", refused, N);
	cr_expect_gt(refused, 0, "the /64 was held to its own budget and throttle");
	/* At once, from elsewhere: staff sign in (the server's budget was not spent). */
	struct client *c = client_new_from("127.0.0.31");
	char *pw = e2e_cred("ADMIN_PASSWORD");
	e2e_sign_in(c, "admin", pw, 303);
	free(pw);
	client_free(c);
	forget("%2001:db8:9:9::/64%");
	forget("signin:user:ghost-budget-%");
}

/* ---- 5. Locked per address, slowed from everywhere, never locked out ---- */

Test(throttle, guesses_from_many_addresses_slow_an_account_but_do_not_lock_its_owner_out, .timeout = 120)
{
	forget("signin:%:admin%");
	forget("signin:user:admin");
	char *pw = e2e_cred("ADMIN_PASSWORD");
	/* The owner signs in from their own address. */
	struct client *owner = client_new_from("127.0.0.32");
	e2e_sign_in(owner, "admin", pw, 303);
	/* 40 guesses, each from another address: the account slows them, with a delay, never a lock. */
	int waited = 0;
	long max_wait = 0;
	char addr[64];
	for (int i = 0; i < 40; i++) {
		snprintf(addr, sizeof(addr), "203.0.113.%d", i + 1);
		struct dev d;
		dev_open(&d, addr, "/signin");
		long ra = -1, s = dev_post(&d, "/signin", "username=admin&password=not-the-password", &ra);
		dev_close(&d);
		cr_expect(s == 403 || s == 429, "guess %d: %ld", i, s);
		if (s == 429) {
			waited++;
			max_wait = ra > max_wait ? ra : max_wait;
		}
	}
	cr_expect_gt(waited, 0, "guesses from everywhere are slowed");
	cr_expect_leq(max_wait, 30, "by a delay of at most 30 s, not a lock (%ld s)", max_wait);
	cr_expect_eq(e2e_scalar("SELECT locked_until FROM throttle WHERE key = 'signin:user:admin'", NULL), 0,
	             "the account as a whole is never locked");
	/* The owner, from their own address, is not slowed at all. */
	struct client *again = client_new_from("127.0.0.32");
	e2e_sign_in(again, "admin", pw, 303);
	client_free(again);
	/* One address that keeps guessing locks the account for itself only. (The slowdown from everywhere
	 * is forgotten first, so that it does not answer in the lock's place.) */
	forget("signin:user:admin");
	e2e_scalar("INSERT INTO throttle (key, failures, window_start, last_failure) VALUES"
	           " ('signin:pair:admin:203.0.113.200', 9, extract(epoch FROM now())::bigint - 100,"
	           " extract(epoch FROM now())::bigint - 100) RETURNING 1", NULL);
	struct dev g;
	dev_open(&g, "203.0.113.200", "/signin");
	cr_expect_eq(dev_post(&g, "/signin", "username=admin&password=not-the-password", NULL), 403);
	long ra = 0;
	char fields[256];
	snprintf(fields, sizeof(fields), "username=admin&password=%s", pw);
	cr_expect_eq(dev_post(&g, "/signin", fields, &ra), 429, "locked for that address, even with the password");
	cr_expect_gt(ra, 800);
	dev_close(&g);
	struct client *third = client_new_from("127.0.0.32");
	e2e_sign_in(third, "admin", pw, 303);
	client_free(third);
	client_free(owner);
	free(pw);
	forget("signin:%:admin%");
	forget("signin:user:admin");
	forget("signin:%203.0.113.%");
}

/* ---- 6. A taken user name is not told apart ---- */

Test(throttle, a_trainee_cannot_tell_which_user_names_exist)
{
	struct client *t = client_new_from("127.0.0.33");
	free(e2e_join(t, "Name+Chooser"));
	const char *names[] = {"admin", "facilitator", "trainer", "root"};   /* two exist, two do not */
	char fields[256];
	for (size_t i = 0; i < 4; i++) {
		struct http_res r;
		snprintf(fields, sizeof(fields), "username=%s&new=correct-horse-battery-77&confirm=correct-horse-battery-77",
		         names[i]);
		cr_assert_eq(e2e_post(t, "/me/password", "/me/password", fields, &r), 409, "%s", names[i]);
		cr_expect_not_null(strstr(r.body, "this user name is not available"), "%s", names[i]);
		cr_expect_null(strstr(r.body, "taken"), "%s", names[i]);
		http_res_free(&r);
	}
	char name[64];
	snprintf(name, sizeof(name), "chooser-%ld", (long)time(NULL) % 100000);
	snprintf(fields, sizeof(fields), "username=%s&new=correct-horse-battery-77&confirm=correct-horse-battery-77", name);
	cr_expect_eq(e2e_post(t, "/me/password", "/me/password", fields, NULL), 303, "a free name is taken at once");
	client_free(t);
	forget("name:addr:127.0.0.33");
}

/* ---- 7. The access log keeps no codes ---- */

Test(throttle, the_access_log_keeps_no_codes)
{
	struct http_res r;
	cr_assert_eq(http_get("/join?code=QX7K-M4RT", &r), 0);
	http_res_free(&r);
	cr_assert_eq(http_get("/resume?next=/modules&CODE=QX7KM4RTQX7K", &r), 0);
	http_res_free(&r);
	cr_assert_eq(http_get("/live?code=Q%58%37K-M4", &r), 0);
	http_res_free(&r);
	cr_assert_eq(http_get("/live/QX7KMR?still=1", &r), 0);
	http_res_free(&r);
	cr_assert_eq(http_get("/join?new=1", &r), 0);
	http_res_free(&r);
	usleep(1500 * 1000);   /* the log is flushed every second */
	char path[512];
	snprintf(path, sizeof(path), "%s/log/nginx-access.log", e2e_env("PASSAGE_TEST_VAR"));
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f, "no %s", path);
	static char log[1 << 22];
	/* The end of the log: what came before (a suite's worth of load) does not matter here. */
	if (fseek(f, 0, SEEK_END) == 0 && ftell(f) > (long)sizeof(log) - 1)
		fseek(f, -(long)(sizeof(log) - 1), SEEK_END);
	else
		rewind(f);
	size_t n = fread(log, 1, sizeof(log) - 1, f);
	log[n] = '\0';
	fclose(f);
	cr_expect_null(strstr(log, "QX7K"), "a code is in the access log");
	cr_expect_null(strstr(log, "%58%37"), "an escaped code is in the access log");
	cr_expect_not_null(strstr(log, "\"GET /join?- HTTP"), "the request is logged, its code is not");
	cr_expect_not_null(strstr(log, "\"GET /live/-?still=1 HTTP"));
	cr_expect_not_null(strstr(log, "\"GET /join?new=1 HTTP"), "other query strings are kept");
}

/* ---- 8. Anonymous live places ---- */

static long new_workshop(void)
{
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	char fields[256];
	snprintf(fields, sizeof(fields), "title=Capped&module=&cohort=%ld", cohort);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/workshops", "/workshops", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/workshops/%ld", &id) == 1);
	free(loc);
	http_res_free(&r);
	client_free(f);
	return id;
}

Test(throttle, anonymous_live_places_are_capped_per_address_and_per_workshop, .timeout = 60)
{
	long id = new_workshop();
	char wid[24], fields[64];
	snprintf(wid, sizeof(wid), "%ld", id);
	PGconn *db = e2e_db();
	const char *p[1] = {wid};
	PGresult *res = PQexecParams(db, "SELECT code FROM workshops WHERE id = $1", 1, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQntuples(res), 1);
	snprintf(fields, sizeof(fields), "code=%s&name=", PQgetvalue(res, 0, 0));
	PQclear(res);

	/* Per address: 200 anonymous joins an hour; the 201st waits. */
	forget("live:joins:198.51.100.70");
	e2e_scalar("INSERT INTO throttle (key, failures, window_start, last_failure) VALUES ('live:joins:198.51.100.70',"
	           " 199, extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint) RETURNING 1", NULL);
	struct dev d;
	dev_open(&d, "198.51.100.70", "/live");
	cr_expect_eq(dev_post(&d, "/live", fields, NULL), 303, "the 200th");
	long ra = 0;
	cr_expect_eq(dev_post(&d, "/live", fields, &ra), 429, "the 201st");
	cr_expect_gt(ra, 0);
	dev_close(&d);

	/* Per workshop: 500 anonymous places. */
	res = PQexecParams(db,
	                   "INSERT INTO live_participants (workshop_id, token_hash)"
	                   " SELECT $1::bigint, sha256(convert_to('capped-' || $1::text || '-' || g, 'UTF8'))"
	                   " FROM generate_series(1, 498) g",
	                   1, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(res), PGRES_COMMAND_OK, "%s", PQerrorMessage(db));
	PQclear(res);
	struct dev e;
	dev_open(&e, "198.51.100.71", "/live");
	cr_expect_eq(dev_post(&e, "/live", fields, NULL), 303, "the 500th place");
	cr_expect_eq(dev_post(&e, "/live", fields, &ra), 429, "no 501st");
	cr_expect_gt(ra, 0);
	dev_close(&e);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM live_participants WHERE workshop_id = $1", wid), 500);
	/* A signed-in trainee still has a place. */
	struct client *tr = client_new_from("127.0.0.34");
	free(e2e_join(tr, "Capped+Trainee"));
	cr_expect_eq(e2e_post(tr, "/live", "/live", fields, NULL), 303, "a trainee is not anonymous");
	client_free(tr);
	PQfinish(db);
	forget("live:joins:198.51.100.7%");
}

/* ---- 9. nginx counts an IPv6 client by its /64 ---- */

Test(throttle, nginx_counts_ipv6_clients_by_64_as_the_app_does, .timeout = 30)
{
	/* The site's own map, in an nginx of this test's that takes the client address from a header
	 * (realip), answering with the key it derived. */
	char dir[256];
	e2e_scratch(dir);
	cr_assert_eq(e2e_sh("mkdir -p %s/tmp && sed -n '/^map $binary_remote_addr/,/^}/p' %s/deploy/nginx/passage.conf.in"
	                    " > %s/map.conf && grep -q net64 %s/map.conf",
	                    dir, e2e_top(), dir, dir),
	             0);
	char conf[512];
	snprintf(conf, sizeof(conf), "%s/nginx.conf", dir);
	FILE *f = fopen(conf, "w");
	cr_assert_not_null(f);
	fprintf(f,
	        "worker_processes 1; pid %s/nginx.pid; error_log %s/error.log warn;\n"
	        "events {}\nhttp {\n access_log off;\n client_body_temp_path %s/tmp; fastcgi_temp_path %s/tmp;"
	        " proxy_temp_path %s/tmp; uwsgi_temp_path %s/tmp; scgi_temp_path %s/tmp;\n include %s/map.conf;\n"
	        " server {\n  listen unix:%s/nginx.sock;\n  set_real_ip_from unix:; real_ip_header X-Real-IP;\n"
	        "  location / { return 200 $passage_client; }\n }\n}\n",
	        dir, dir, dir, dir, dir, dir, dir, dir, dir);
	fclose(f);
	cr_assert_eq(e2e_sh("nginx -p %s -c %s -e %s/error.log 2>%s/start.log", dir, conf, dir, dir), 0);
	usleep(300 * 1000);
	struct {
		const char *addr, *hex;
	} cases[] = {
		{"192.0.2.7", "c0000207"},
		{"2001:db8:1:2::5", "20010db800010002"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "20010db800010002"},
		{"2001:db8:1:3::5", "20010db800010003"},
		{"2001:db8::1", "20010db800000000"},
		{"::ffff:192.0.2.7", "c0000207"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[300];
		snprintf(out, sizeof(out), "%s/key", dir);
		e2e_sh("curl -s --unix-socket %s/nginx.sock -H 'X-Real-IP: %s' http://localhost/ | xxd -p | tr -d '\\n' > %s",
		       dir, cases[i].addr, out);
		char got[128] = "";
		FILE *k = fopen(out, "r");
		if (k) {
			if (fgets(got, sizeof(got), k) == NULL)
				got[0] = '\0';
			fclose(k);
		}
		cr_expect_str_eq(got, cases[i].hex, "%s", cases[i].addr);
	}
	e2e_sh("kill $(cat %s/nginx.pid)", dir);
	usleep(200 * 1000);
	e2e_rmtree(dir);
}
