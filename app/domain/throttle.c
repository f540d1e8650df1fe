/* throttle.c: growing delays, temporary locks, client address keys, and a token bucket. */
#include "domain/throttle.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The numbers. A workshop room is the case to serve: 60 people behind one address (a venue's NAT, a
 * mobile carrier's shared address), joining within minutes, each making a typo or two. Guessing is the
 * threat: join codes have 40 bits, resume codes 60, live codes 30, so a few hundred guesses in a
 * quarter of an hour from one address change nothing, and nginx allows one POST a second per address
 * (after a burst of 120) before any of this.
 *
 * Sign-in per account and client address: 3 free tries, then 1, 2, 4 ... 30 s apart; 10 failures in
 * 15 minutes lock the account for that address (only) for 15 minutes. */
const struct throttle_policy throttle_signin_account = {3, 30, 10, 900, 900};
/* Sign-in per account from every address together: 10 free failures in 15 minutes, then delays of 1,
 * 2, 4 ... 30 s, and never a lock, so that guessers from many addresses are slowed but cannot lock the
 * owner out; an address the account signed in from in the last THROTTLE_KNOWN_FOR is not slowed. */
const struct throttle_policy throttle_signin_global = {10, 30, 0, 0, 900};
/* Sign-in per client address, every account together: a room of 60 signing in with passwords, each
 * with a typo, passes freely; then delays up to 30 s, and the 80th failure in 15 minutes locks the
 * address for 15 minutes. */
const struct throttle_policy throttle_signin_address = {60, 30, 80, 900, 900};
/* Join, resume and live codes, per client address, each kind on its own key: 120 free failures in 15
 * minutes (60 people, two typos each), then delays of 1, 2, 4 ... 30 s; the 140th locks the address
 * for that kind of code for 15 minutes (the delays let a guesser reach it in about 10 minutes: at most
 * 140 guesses in half an hour). A correct code gives back its own count and forgives one failure more. */
const struct throttle_policy throttle_code_address = {120, 30, 140, 900, 900};
/* Anonymous joins of live workshops per client address (each join is counted, none is a failure): 200 in
 * an hour (a room of 60, some joining again from a second device or after losing the cookie), then 15
 * minutes without new anonymous places from that address. */
const struct throttle_policy throttle_live_joins = {200, 0, 200, 900, 3600};
/* A trainee's choice of a user name that is not available, per client address: 30 in an hour are free
 * (a room choosing names), then delays up to a minute, and 100 lock the address's name choices for an
 * hour, so the answer cannot be used to list the accounts there are. */
const struct throttle_policy throttle_name_choice = {30, 60, 100, 3600, 3600};

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
	if (p->lock_after > 0 && s->failures >= p->lock_after) {
		s->locked_until = now + p->lock_for;
		/* The lock ends the window: afterwards the count starts again. */
		s->failures = 0;
	}
}

long throttle_hit(const struct throttle_policy *p, struct throttle_state *s, long long now)
{
	long wait = throttle_wait(p, s, now);
	if (wait > 0)
		return wait;
	throttle_fail(p, s, now);
	return 0;
}

void throttle_refund(struct throttle_state *s, int n)
{
	s->failures = s->failures > n ? s->failures - n : 0;
}

bool throttle_addr_key(const char *addr, char out[THROTTLE_ADDR_MAX])
{
	unsigned char b[16];
	snprintf(out, THROTTLE_ADDR_MAX, "unknown");
	if (addr == NULL)
		return false;
	if (inet_pton(AF_INET, addr, b) == 1) {
		inet_ntop(AF_INET, b, out, THROTTLE_ADDR_MAX);   /* written back: one spelling per address */
		return true;
	}
	if (inet_pton(AF_INET6, addr, b) != 1)
		return false;
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(b, mapped, sizeof(mapped)) == 0) {
		inet_ntop(AF_INET, b + 12, out, THROTTLE_ADDR_MAX);
		return true;
	}
	memset(b + 8, 0, 8);
	char net[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, b, net, sizeof(net));
	snprintf(out, THROTTLE_ADDR_MAX, "%s/64", net);
	return true;
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
