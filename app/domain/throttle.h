/* throttle.h: the arithmetic of slowing down guessers. Pure functions over plain structs; the store
 * keeps the state and the pages apply the result. Times are in seconds. */
#ifndef PASSAGE_THROTTLE_H
#define PASSAGE_THROTTLE_H

#include <stdbool.h>
#include <stddef.h>

struct throttle_policy {
	int free_failures;   /* failures allowed with no delay */
	int max_delay;       /* delays double after that, up to this */
	int lock_after;      /* failures in one window that lock the key; 0: never locks (delays only) */
	int lock_for;        /* how long a lock lasts */
	int window;          /* failures older than this are forgotten */
};

struct throttle_state {
	int failures;
	long long window_start, last_failure, locked_until;
};

/* Seconds before another attempt is allowed: 0 means now. */
long throttle_wait(const struct throttle_policy *p, const struct throttle_state *s, long long now);
/* The state after one more failure at `now`. */
void throttle_fail(const struct throttle_policy *p, struct throttle_state *s, long long now);
/* One attempt, checked and counted at once: when the key must wait, returns the seconds and leaves the
 * state alone; otherwise counts the attempt as a failure in advance (so that attempts running at the
 * same time are all counted before any of them is judged) and returns 0. An attempt that then succeeds
 * gives its failure back with throttle_refund. The store runs the same arithmetic in one SQL statement
 * (STMT_THROTTLE_HIT), which a test compares with this function. */
long throttle_hit(const struct throttle_policy *p, struct throttle_state *s, long long now);
/* Forgets up to n failures (never below zero); a lock stays. */
void throttle_refund(struct throttle_state *s, int n);

/* The key a client address is throttled by: an IPv4 address as it is; an IPv6 address by its /64 (one
 * household, phone or server gets a /64, so its 2^64 addresses are one client), written
 * "2001:db8:1:2::/64"; an IPv4-mapped IPv6 address (::ffff:192.0.2.1) as the IPv4 address it maps.
 * Returns false for anything else (out is then "unknown": every such client shares one key). */
#define THROTTLE_ADDR_MAX 64
bool throttle_addr_key(const char *addr, char out[THROTTLE_ADDR_MAX]);

/* A token bucket: `rate` tokens a second, at most `burst` saved. Times in microseconds. */
struct bucket {
	double tokens;
	long long last_us;
};
/* Takes one token; returns 0, or the microseconds until one is available. */
long long bucket_take(struct bucket *b, double rate, double burst, long long now_us);

/* The policies, with their numbers and reasons in throttle.c. */
extern const struct throttle_policy throttle_signin_account, throttle_signin_global, throttle_signin_address,
	throttle_code_address, throttle_live_joins, throttle_name_choice;
/* Failures a correct code or password forgives besides its own (see throttle.c). */
#define THROTTLE_SUCCESS_FORGIVES 1
/* How long an address that signed in to an account is exempt from that account's global slowdown. */
#define THROTTLE_KNOWN_FOR (30 * 24 * 3600)
/* A throttle row with no lock and no failure for this long is forgotten by the server's purge: longer than
 * any policy's window. Rows marking a known address ("signin:known:...") are kept THROTTLE_KNOWN_FOR. */
#define THROTTLE_FORGET_S 86400

#endif
