/* shuffle.c: a seeded Fisher-Yates shuffle for the quiz's options. */
#include "domain/shuffle.h"

/* splitmix64: a stream of well-mixed 64-bit values from any seed, zero included. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A value in [0, bound), without the modulo's bias: draws that fall in the short last stretch are
 * drawn again. */
static uint64_t below(uint64_t *s, uint64_t bound)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
	uint64_t v;
	do
		v = next(s);
	while (v >= limit);
	return v % bound;
}

uint64_t shuffle_seed(uint64_t key_a, uint64_t key_b, const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;   /* FNV-1a of the id, then mixed with the key */
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 0x100000001b3ULL;
	uint64_t s = h ^ key_a;
	return next(&s) ^ key_b;
}

void shuffle_order(uint64_t seed, int n, int *order)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)below(&seed, (uint64_t)i + 1);
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

void shuffle_invert(const int *order, int n, int *shown)
{
	for (int i = 0; i < n; i++)
		shown[order[i]] = i;
}
