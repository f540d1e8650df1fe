/* throttle.c: growing delays, temporary locks, and a token bucket. */
#include "domain/throttle.h"

#include <stdbool.h>

/* Sign-in per account: 3 free tries, then 1, 2, 4 ... 30 s apart; 10 failures lock it for 15 minutes. */
const struct throttle_policy throttle_signin_account = {3, 30, 10, 900, 900};
/* Sign-in per client address: more room (a shared office), same shape. */
const struct throttle_policy throttle_signin_address = {10, 30, 50, 900, 900};
/* Join and resume codes per client address: guessing a code is the threat. */
const struct throttle_policy throttle_code_address = {5, 30, 20, 900, 900};

static bool expired(const struct throttle_policy *p, const struct throttle_state *s, long long now)
{
	return s->failures == 0 || now - s->window_start >= p->window;
}

long throttle_wait(const struct throttle_policy *p, const struct throttle_state *s, long long now)
{
	if (s->locked_until > now)
		return (long)(s->locked_until - now);
	if (expired(p, s, now) || s->failures <= p->free_failures)
		return 0;
	int over = s->failures - p->free_failures;   /* >= 1 */
	long delay = over > 20 ? p->max_delay : 1L << (over - 1);
	if (delay > p->max_delay)
		delay = p->max_delay;
	long long ready = s->last_failure + delay;
	return ready > now ? (long)(ready - now) : 0;
}

void throttle_fail(const struct throttle_policy *p, struct throttle_state *s, long long now)
{
	if (expired(p, s, now)) {
		s->failures = 0;
		s->window_start = now;
	}
	s->failures++;
	s->last_failure = now;
	if (s->failures >= p->lock_after) {
		s->locked_until = now + p->lock_for;
		/* The lock ends the window: afterwards the count starts again. */
		s->failures = 0;
	}
}

long long bucket_take(struct bucket *b, double rate, double burst, long long now_us)
{
	if (b->last_us == 0) {
		b->tokens = burst;
		b->last_us = now_us;
	}
	b->tokens += (double)(now_us - b->last_us) * rate / 1e6;
	if (b->tokens > burst)
		b->tokens = burst;
	b->last_us = now_us;
	if (b->tokens >= 1.0) {
		b->tokens -= 1.0;
		return 0;
	}
	return (long long)((1.0 - b->tokens) * 1e6 / rate) + 1;
}
