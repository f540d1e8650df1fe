/* throttle.h: the arithmetic of slowing down guessers. Pure functions over plain structs; the store
 * keeps the state and the pages apply the result. Times are in seconds. */
#ifndef PASSAGE_THROTTLE_H
#define PASSAGE_THROTTLE_H

#include <stdbool.h>

struct throttle_policy {
	int free_failures;   /* failures allowed with no delay */
	int max_delay;       /* delays double after that, up to this */
	int lock_after;      /* failures in one window that lock the key */
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

/* A token bucket: `rate` tokens a second, at most `burst` saved. Times in microseconds. */
struct bucket {
	double tokens;
	long long last_us;
};
/* Takes one token; returns 0, or the microseconds until one is available. */
long long bucket_take(struct bucket *b, double rate, double burst, long long now_us);

extern const struct throttle_policy throttle_signin_account, throttle_signin_address, throttle_code_address;

#endif
