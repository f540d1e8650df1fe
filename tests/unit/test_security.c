/* test_security.c: tokens, encodings, CSRF, passwords, codes, throttling arithmetic. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "domain/account.h"
#include "domain/throttle.h"
#include "security/security.h"

static void keyed(void)
{
	char path[] = "/tmp/passage-key-XXXXXX";
	int fd = mkstemp(path);
	const char *hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
	cr_assert_eq(write(fd, hex, strlen(hex)), (ssize_t)strlen(hex));
	close(fd);
	char err[256];
	cr_assert_eq(sec_init(path, NULL, err, sizeof(err)), 0, "%s", err);
	unlink(path);
}

Test(security, key_file_refusals)
{
	char path[] = "/tmp/passage-key-XXXXXX", err[256];
	int fd = mkstemp(path);
	cr_assert_eq(write(fd, "abcd\n", 5), 5);
	close(fd);
	cr_expect_eq(sec_init(path, NULL, err, sizeof(err)), -1);
	cr_expect_not_null(strstr(err, "at least 32 bytes"), "%s", err);
	cr_expect_eq(sec_init("/nonexistent/key", NULL, err, sizeof(err)), -1);
	cr_expect_eq(sec_init("", NULL, err, sizeof(err)), -1);
	unlink(path);
}

struct b64_vec { const char *raw; size_t n; const char *enc; };
ParameterizedTestParameters(security, b64url_vectors)
{
	/* RFC 4648 test vectors, in the URL alphabet without padding. */
	static struct b64_vec v[] = {
		{"", 0, ""}, {"f", 1, "Zg"}, {"fo", 2, "Zm8"}, {"foo", 3, "Zm9v"}, {"foob", 4, "Zm9vYg"},
		{"fooba", 5, "Zm9vYmE"}, {"foobar", 6, "Zm9vYmFy"}, {"\xfb\xff", 2, "-_8"}, {"\xff\xff\xff", 3, "____"},
	};
	return cr_make_param_array(struct b64_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct b64_vec *v, security, b64url_vectors)
{
	char out[64];
	uint8_t back[64];
	sec_b64url_encode((const uint8_t *)v->raw, v->n, out, sizeof(out));
	cr_expect_str_eq(out, v->enc);
	cr_expect_eq(sec_b64url_decode(v->enc, strlen(v->enc), back, sizeof(back)), (long)v->n);
	cr_expect(memcmp(back, v->raw, v->n) == 0);
}

Test(security, b64url_refusals)
{
	uint8_t out[64];
	cr_expect_eq(sec_b64url_decode("Zm9v+", 5, out, sizeof(out)), -1);   /* standard alphabet */
	cr_expect_eq(sec_b64url_decode("Zm9v=", 5, out, sizeof(out)), -1);
	cr_expect_eq(sec_b64url_decode("Z", 1, out, sizeof(out)), -1);       /* impossible length */
	cr_expect_eq(sec_b64url_decode("Zh", 2, out, sizeof(out)), -1);      /* non-zero leftover bits */
	cr_expect_eq(sec_b64url_decode("Zm9vYmFy", 8, out, 5), -1);          /* too long for the buffer */
}

Test(security, tokens_are_random_and_hashed, .init = keyed)
{
	char a[SEC_TOKEN_CHARS + 1], b[SEC_TOKEN_CHARS + 1];
	uint8_t ha[SEC_HASH_BYTES], hb[SEC_HASH_BYTES], again[SEC_HASH_BYTES];
	cr_assert_eq(sec_token_new(a, ha), 0);
	cr_assert_eq(sec_token_new(b, hb), 0);
	cr_expect_eq(strlen(a), SEC_TOKEN_CHARS);
	cr_expect_str_neq(a, b);
	cr_expect(sec_token_hash(a, again));
	cr_expect(memcmp(again, ha, SEC_HASH_BYTES) == 0, "the stored hash is the token's SHA-256");
	cr_expect(memcmp(ha, hb, SEC_HASH_BYTES) != 0);
	/* Anything that is not exactly a token is refused. */
	cr_expect_not(sec_token_hash("", again));
	cr_expect_not(sec_token_hash("short", again));
	char bad[SEC_TOKEN_CHARS + 2];
	memcpy(bad, a, sizeof(a));
	bad[5] = '+';
	cr_expect_not(sec_token_hash(bad, again));
	memcpy(bad, a, sizeof(a));
	bad[SEC_TOKEN_CHARS] = 'A';
	bad[SEC_TOKEN_CHARS + 1] = '\0';
	cr_expect_not(sec_token_hash(bad, again));
}

Test(security, csrf_is_bound, .init = keyed)
{
	uint8_t s1[SEC_HASH_BYTES] = {1}, s2[SEC_HASH_BYTES] = {2};
	char t1[SEC_CSRF_CHARS + 1], t2[SEC_CSRF_CHARS + 1];
	sec_csrf_make(s1, t1);
	sec_csrf_make(s2, t2);
	cr_expect(sec_csrf_check(s1, t1));
	cr_expect_not(sec_csrf_check(s2, t1), "a token from another session is refused");
	cr_expect_not(sec_csrf_check(s1, t2));
	cr_expect_not(sec_csrf_check(s1, NULL));
	cr_expect_not(sec_csrf_check(s1, ""));
	t1[3] ^= 1;
	cr_expect_not(sec_csrf_check(s1, t1));
}

/* BREACH: a secret repeated in every compressed response can be read out by length. The token is masked
 * afresh each time it is made, so no two pages carry the same bytes; every one of them is accepted. */
Test(security, csrf_is_masked_per_response, .init = keyed)
{
	uint8_t s1[SEC_HASH_BYTES] = {1};
	char t1[SEC_CSRF_CHARS + 1], t2[SEC_CSRF_CHARS + 1];
	sec_csrf_make(s1, t1);
	sec_csrf_make(s1, t2);
	cr_expect_str_neq(t1, t2, "two pages, two different tokens");
	cr_expect_eq(strlen(t1), SEC_CSRF_CHARS);
	cr_expect(sec_csrf_check(s1, t1));
	cr_expect(sec_csrf_check(s1, t2));
	/* Half a token (the mask, or the masked MAC, alone) is refused, and so is a token with its halves
	 * swapped. */
	char half[SEC_CSRF_CHARS + 1];
	snprintf(half, sizeof(half), "%.*s", SEC_CSRF_CHARS / 2, t1);
	cr_expect_not(sec_csrf_check(s1, half));
	char swapped[SEC_CSRF_CHARS + 1];
	snprintf(swapped, sizeof(swapped), "%s%.*s", t1 + SEC_CSRF_CHARS / 2, SEC_CSRF_CHARS / 2, t1);
	cr_expect_not(sec_csrf_check(s1, swapped));
}

Test(security, password_hash_and_verify, .init = keyed, .timeout = 30)
{
	char h1[SEC_PWHASH_MAX], h2[SEC_PWHASH_MAX];
	cr_assert_eq(sec_password_hash("correct horse battery", h1), 0);
	cr_assert_eq(sec_password_hash("correct horse battery", h2), 0);
	cr_expect(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0, "parameters: %s", h1);
	cr_expect_str_neq(h1, h2, "a random salt per hash");
	cr_expect(sec_password_verify(h1, "correct horse battery"));
	cr_expect_not(sec_password_verify(h1, "correct horse batterY"));
	cr_expect_not(sec_password_verify(h1, ""));
	cr_expect_not(sec_password_verify("not a hash", "x"));
	cr_expect_not(sec_password_verify(NULL, "x"));
}

struct policy_vec { const char *pw, *user; bool ok; };
ParameterizedTestParameters(security, password_policy)
{
	static struct policy_vec v[] = {
		{"correct horse battery", "ana", true},
		{"tres palabras sueltas", NULL, true},
		{"short", NULL, false},
		{"elevenchars", NULL, false},
		{"twelve chars", NULL, true},
		{"Password1234", NULL, false},          /* on the list, whatever the case */
		{"QWERTYUIOP12", NULL, false},
		{"aaaaaaaaaaaaaaaa", NULL, false},
		{"123456789012345", NULL, false},      /* a run */
		{"abcdefghijklmnop", NULL, false},
		{"facilitator-rocks", "facilitator", false},
		{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", NULL, false}, /* 11 chars */
	};
	return cr_make_param_array(struct policy_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct policy_vec *v, security, password_policy)
{
	const char *why = sec_password_policy(v->pw, v->user);
	cr_expect_eq(why == NULL, v->ok, "'%s': %s", v->pw, why ? why : "accepted");
}

Test(security, password_length_limits)
{
	char pw[300];
	memset(pw, 'x', sizeof(pw));
	for (int i = 0; i < 129; i++)
		pw[i] = (char)('a' + (i * 7) % 26);
	pw[128] = '\0';
	cr_expect_null(sec_password_policy(pw, NULL));
	pw[128] = 'q';
	pw[129] = '\0';
	cr_expect_not_null(sec_password_policy(pw, NULL), "129 characters is over the limit");
}

struct code_vec { const char *typed; size_t symbols; bool ok; const char *norm; };
ParameterizedTestParameters(security, code_parsing)
{
	static struct code_vec v[] = {
		{"K7QM-4RTX", 8, true, "K7QM4RTX"},
		{"k7qm 4rtx", 8, true, "K7QM4RTX"},
		{" K7QM-4RTX ", 8, true, "K7QM4RTX"},
		{"O1IL-0000", 8, true, "01110000"},       /* O reads as 0, I and L as 1 */
		{"K7QM-4RT", 8, false, NULL},
		{"K7QM-4RTXX", 8, false, NULL},
		{"K7QM-4RTU", 8, false, NULL},           /* U is not in the alphabet */
		{"K7QM_4RTX", 8, false, NULL},
		{"", 8, false, NULL},
		{"7KQM-4RTX-9PZD", 12, true, "7KQM4RTX9PZD"},
		{"7kqm4rtx9pzd", 12, true, "7KQM4RTX9PZD"},
		{"7KQM-4RTX-9PZ", 12, false, NULL},
		{"7KQM-4RTX-9PZ\xc3\xa9", 12, false, NULL},
	};
	return cr_make_param_array(struct code_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct code_vec *v, security, code_parsing)
{
	char out[32];
	bool ok = sec_code_parse(v->typed, v->symbols, out, sizeof(out));
	cr_expect_eq(ok, v->ok, "'%s'", v->typed);
	if (ok)
		cr_expect_str_eq(out, v->norm);
}

Test(security, codes_generated_have_the_format)
{
	char code[32], norm[32];
	for (int i = 0; i < 200; i++) {
		cr_assert_eq(sec_code_new(SEC_RESUME_SYMBOLS, code, sizeof(code)), 0);
		cr_expect_eq(strlen(code), 14u, "%s", code);
		cr_expect(code[4] == '-' && code[9] == '-', "%s", code);
		cr_expect(sec_code_parse(code, SEC_RESUME_SYMBOLS, norm, sizeof(norm)), "%s", code);
	}
	cr_assert_eq(sec_code_new(SEC_JOIN_SYMBOLS, code, sizeof(code)), 0);
	cr_expect_eq(strlen(code), 9u);
	char small[10];
	cr_expect_eq(sec_code_new(SEC_RESUME_SYMBOLS, small, sizeof(small)), -1);
}

Test(security, resume_hash_is_keyed, .init = keyed)
{
	uint8_t plain[SEC_HASH_BYTES];
	char a[65], plain_hex[65], again[65];
	sec_resume_hex("7KQM4RTX9PZD", a);
	sec_sha256("7KQM4RTX9PZD", 12, plain);
	sec_hex(plain, sizeof(plain), plain_hex);
	cr_expect_str_neq(a, plain_hex, "not a bare SHA-256: a dump cannot be looked up");
	sec_resume_hex("7KQM4RTX9PZD", again);
	cr_expect_str_eq(a, again);
}

Test(security, a_new_resume_code_is_stored_as_the_hash_of_what_is_shown, .init = keyed)
{
	char display[SEC_RESUME_DISPLAY_MAX], hex[65], norm[SEC_RESUME_SYMBOLS + 1], again[65];
	cr_assert_eq(sec_resume_new(display, hex), 0);
	cr_expect_eq(strlen(display), 14, "XXXX-XXXX-XXXX: %s", display);
	cr_assert(sec_code_parse(display, SEC_RESUME_SYMBOLS, norm, sizeof(norm)));
	sec_resume_hex(norm, again);
	cr_expect_str_eq(hex, again);
}

/* ---- throttling ---- */
static const struct throttle_policy P = {3, 30, 10, 900, 900};

Test(throttle, free_then_doubling_then_lock)
{
	struct throttle_state s = {0};
	long long t = 1000000;
	for (int i = 0; i < 3; i++) {
		cr_expect_eq(throttle_wait(&P, &s, t), 0);
		throttle_fail(&P, &s, t);
	}
	cr_expect_eq(throttle_wait(&P, &s, t), 0, "three failures are free");
	throttle_fail(&P, &s, t);               /* 4th: 1 s */
	cr_expect_eq(throttle_wait(&P, &s, t), 1);
	cr_expect_eq(throttle_wait(&P, &s, t + 1), 0);
	throttle_fail(&P, &s, t + 1);           /* 5th: 2 s */
	cr_expect_eq(throttle_wait(&P, &s, t + 1), 2);
	throttle_fail(&P, &s, t + 3);           /* 6th: 4 s */
	cr_expect_eq(throttle_wait(&P, &s, t + 3), 4);
	throttle_fail(&P, &s, t + 7);           /* 7th: 8 */
	throttle_fail(&P, &s, t + 15);          /* 8th: 16 */
	throttle_fail(&P, &s, t + 31);          /* 9th: 32, capped at 30 */
	cr_expect_eq(throttle_wait(&P, &s, t + 31), 30);
	throttle_fail(&P, &s, t + 61);          /* 10th: locked for 900 s */
	cr_expect_eq(throttle_wait(&P, &s, t + 61), 900);
	cr_expect_eq(throttle_wait(&P, &s, t + 961), 0, "the lock ends");
}

Test(throttle, window_forgets)
{
	struct throttle_state s = {0};
	for (int i = 0; i < 5; i++)
		throttle_fail(&P, &s, 100);
	cr_expect_gt(throttle_wait(&P, &s, 100), 0);
	cr_expect_eq(throttle_wait(&P, &s, 100 + 900), 0, "a window later the failures are forgotten");
	throttle_fail(&P, &s, 100 + 900);
	cr_expect_eq(s.failures, 1);
}

Test(throttle, hit_counts_first_and_refund_gives_back)
{
	struct throttle_state s = {0};
	long long t = 5000;
	for (int i = 0; i < 4; i++)
		cr_expect_eq(throttle_hit(&P, &s, t), 0, "hit %d goes on", i + 1);
	cr_expect_eq(s.failures, 4, "each was counted before it was judged");
	cr_expect_eq(throttle_hit(&P, &s, t), 1, "the 5th waits 1 s");
	cr_expect_eq(s.failures, 4, "a refused hit is not counted");
	throttle_refund(&s, 2);
	cr_expect_eq(s.failures, 2, "a success gives back its own and forgives one");
	throttle_refund(&s, 5);
	cr_expect_eq(s.failures, 0, "never below zero");
	/* A refund does not lift a lock. */
	struct throttle_state l = {.failures = 9, .window_start = t, .last_failure = t - 100};
	cr_expect_eq(throttle_hit(&P, &l, t), 0);
	cr_expect_eq(l.locked_until, t + 900);
	throttle_refund(&l, 2);
	cr_expect_eq(throttle_hit(&P, &l, t + 1), 899);
}

Test(throttle, delays_only_policy_never_locks)
{
	const struct throttle_policy slow = {10, 30, 0, 0, 900};
	struct throttle_state s = {0};
	long long t = 1000;
	for (int i = 0; i < 500; i++) {
		long w = throttle_hit(&slow, &s, t);
		cr_assert_leq(w, 30, "a delay, never more than 30 s");
		t += w > 0 ? w : 0;
	}
	cr_expect_eq(s.locked_until, 0, "never locked");
}

Test(throttle, the_policies_leave_room_for_a_class_of_60)
{
	/* 60 people behind one address, two typos each, all before anyone is right: nobody waits. */
	struct throttle_state s = {0};
	for (int i = 0; i < 120; i++)
		cr_expect_eq(throttle_hit(&throttle_code_address, &s, 1000 + i), 0, "typo %d", i + 1);
	for (int i = 0; i < 60; i++) {
		cr_expect_eq(throttle_hit(&throttle_code_address, &s, 1200 + i), 0, "join %d", i + 1);
		throttle_refund(&s, 1 + THROTTLE_SUCCESS_FORGIVES);
	}
	cr_expect_eq(s.failures, 60);
	/* 60 sign-ins with a typo each from one address: free. */
	struct throttle_state a = {0};
	for (int i = 0; i < 60; i++)
		cr_expect_eq(throttle_hit(&throttle_signin_address, &a, 1000), 0);
	/* A guesser of codes is still stopped: the 140th failure in 15 minutes locks. */
	struct throttle_state g = {0};
	long long t = 1000;
	int hits = 0;
	while (g.locked_until == 0 && hits < 1000) {
		long w = throttle_hit(&throttle_code_address, &g, t);
		hits += w == 0;
		t += w > 0 ? w : 1;
	}
	cr_expect_eq(hits, 140);
	cr_expect_lt(t - 1000, 900, "within one window");
}

struct addr_case {
	const char *in, *key;
	bool ok;
};

static struct addr_case addr_cases[] = {
	{"192.0.2.7", "192.0.2.7", true},
	{"10.0.0.1", "10.0.0.1", true},
	{"255.255.255.255", "255.255.255.255", true},
	{"2001:db8:1:2::5", "2001:db8:1:2::/64", true},
	{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64", true},
	{"2001:DB8:1:2:0:0:0:1", "2001:db8:1:2::/64", true},
	{"2001:0db8:0001:0002:0003:0004:0005:0006", "2001:db8:1:2::/64", true},
	{"2001:db8::1", "2001:db8::/64", true},
	{"2001:db8:1:3::5", "2001:db8:1:3::/64", true},
	{"fe80::1", "fe80::/64", true},
	{"::1", "::/64", true},
	{"::", "::/64", true},
	{"::ffff:192.0.2.7", "192.0.2.7", true},
	{"::FFFF:10.1.2.3", "10.1.2.3", true},
	{"::ffff:c000:0207", "192.0.2.7", true},
	{"", "unknown", false},
	{"unix:", "unknown", false},
	{"192.0.2", "unknown", false},
	{"192.0.2.256", "unknown", false},
	{"192.0.2.7 ", "unknown", false},
	{"2001:db8:::1", "unknown", false},
	{"2001:db8::1%eth0", "unknown", false},
	{"2001:db8::1/64", "unknown", false},
	{"[2001:db8::1]", "unknown", false},
	{"localhost", "unknown", false},
	{"1.2.3.4:80", "unknown", false},
	{"\xff\xfe", "unknown", false},
};

ParameterizedTestParameters(throttle, addr_key)
{
	return cr_make_param_array(struct addr_case, addr_cases, sizeof(addr_cases) / sizeof(addr_cases[0]));
}

ParameterizedTest(struct addr_case *c, throttle, addr_key)
{
	char out[THROTTLE_ADDR_MAX];
	cr_expect_eq(throttle_addr_key(c->in, out), c->ok, "%s", c->in);
	cr_expect_str_eq(out, c->key, "%s", c->in);
}

Test(throttle, addr_key_of_null)
{
	char out[THROTTLE_ADDR_MAX];
	cr_expect_not(throttle_addr_key(NULL, out));
	cr_expect_str_eq(out, "unknown");
}

Test(account, reserved_usernames)
{
	cr_expect(username_reserved("admin"));
	cr_expect(username_reserved("facilitator"));
	cr_expect(username_reserved("root"));
	cr_expect_not(username_reserved("ana.maria_2"));
	cr_expect_not(username_reserved("admin2"));
}

Test(throttle, bucket)
{
	struct bucket b = {0};
	long long t = 1000000;
	/* burst 3 at 2 per second */
	cr_expect_eq(bucket_take(&b, 2, 3, t), 0);
	cr_expect_eq(bucket_take(&b, 2, 3, t), 0);
	cr_expect_eq(bucket_take(&b, 2, 3, t), 0);
	long long wait = bucket_take(&b, 2, 3, t);
	cr_expect(wait > 400000 && wait <= 500001, "wait %lld us", wait);
	cr_expect_eq(bucket_take(&b, 2, 3, t + 500001), 0);
}

Test(account, usernames)
{
	char out[41];
	cr_expect(username_normalise("Ana.Maria_2", out));
	cr_expect_str_eq(out, "ana.maria_2");
	cr_expect_not(username_normalise("ab", out));
	cr_expect_not(username_normalise(".ana", out));
	cr_expect_not(username_normalise("ana maria", out));
	cr_expect_not(username_normalise("an\xc3\xa1", out));
	cr_expect_not(username_normalise("a12345678901234567890123456789012345678901", out));
	enum role r;
	cr_expect(role_parse("admin", &r) && r == ROLE_ADMIN);
	cr_expect_not(role_parse("root", &r));
	cr_expect(role_is_staff(ROLE_FACILITATOR) && !role_is_staff(ROLE_TRAINEE));
}

Test(security, hex_round_trip_and_refusals)
{
	uint8_t in[SEC_HASH_BYTES], back[SEC_HASH_BYTES];
	for (int i = 0; i < SEC_HASH_BYTES; i++)
		in[i] = (uint8_t)(i * 37 + 5);
	char hex[2 * SEC_HASH_BYTES + 1];
	sec_hex(in, sizeof(in), hex);
	cr_assert(sec_unhex(hex, back, sizeof(back)));
	cr_expect_eq(memcmp(in, back, sizeof(in)), 0);
	cr_expect(sec_unhex("00FFa0", back, 3), "upper case is hex too");
	cr_expect_eq(back[1], 0xff);
	cr_expect_not(sec_unhex("0g", back, 1));
	cr_expect_not(sec_unhex("0", back, 1), "a digit short");
}
