/* test_shuffle.c: the order a quiz question's options are shown in. The same seed gives the same order
 * (an attempt reloads and is reviewed as it was shown), every order is equally likely over many seeds
 * (a chi-square test at p = 0.001, on fixed seeds so it never flakes), and the mapping from a shown
 * position back to the written option is the inverse. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "domain/shuffle.h"

/* Seeds spread like the keyed hashes the quiz page uses. */
static uint64_t seed_at(uint64_t i)
{
	return i * 0x2545f4914f6cdd1dULL + 0x1234567ULL;
}

static bool is_permutation(const int *order, int n)
{
	bool seen[64] = {false};
	for (int i = 0; i < n; i++) {
		if (order[i] < 0 || order[i] >= n || seen[order[i]])
			return false;
		seen[order[i]] = true;
	}
	return true;
}

Test(shuffle, the_same_seed_gives_the_same_order)
{
	for (uint64_t i = 0; i < 1000; i++) {
		int a[8], b[8];
		shuffle_order(seed_at(i), 8, a);
		shuffle_order(seed_at(i), 8, b);
		cr_assert(is_permutation(a, 8), "seed %llu", (unsigned long long)i);
		cr_assert_arr_eq(a, b, sizeof(a), "seed %llu gave two orders", (unsigned long long)i);
	}
}

Test(shuffle, another_seed_gives_another_order_as_often_as_chance_says)
{
	/* Four options: two independent orders agree with probability 1/24. */
	int same = 0, trials = 24000;
	for (int i = 0; i < trials; i++) {
		int a[4], b[4];
		shuffle_order(seed_at((uint64_t)i), 4, a);
		shuffle_order(seed_at((uint64_t)i + 1000003), 4, b);
		same += memcmp(a, b, sizeof(a)) == 0;
	}
	cr_expect(same > 800 && same < 1200, "%d of %d pairs agree; about 1000 expected", same, trials);
}

Test(shuffle, short_lists)
{
	int one[1] = {7}, none[1] = {7};
	shuffle_order(42, 1, one);
	cr_expect_eq(one[0], 0);
	shuffle_order(42, 0, none);
	cr_expect_eq(none[0], 7, "nothing written for no options");
	/* Two options: both orders happen, about equally. */
	int swapped = 0;
	for (uint64_t i = 0; i < 10000; i++) {
		int two[2];
		shuffle_order(seed_at(i), 2, two);
		swapped += two[0] == 1;
	}
	cr_expect(swapped > 4800 && swapped < 5200, "%d of 10000 swapped", swapped);
}

/* Chi-square critical values at p = 0.001 by degrees of freedom. */
static double critical(int df)
{
	static const double v[] = {0, 10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59,
	                           31.26, 32.91, 34.53, 36.12, 37.70, 39.25, 40.79, 42.31, 43.82, 45.31,
	                           46.80, 48.27, 49.73};
	return v[df];
}

Test(shuffle, each_option_lands_in_each_place_uniformly)
{
	const int trials = 48000;
	for (int n = 2; n <= 8; n++) {
		long count[8][8] = {{0}};
		for (int i = 0; i < trials; i++) {
			int order[8];
			shuffle_order(seed_at((uint64_t)i * 7 + (uint64_t)n), n, order);
			for (int s = 0; s < n; s++)
				count[s][order[s]]++;
		}
		double expect = (double)trials / n;
		for (int s = 0; s < n; s++) {
			double chi = 0;
			for (int w = 0; w < n; w++)
				chi += (count[s][w] - expect) * (count[s][w] - expect) / expect;
			cr_expect_lt(chi, critical(n - 1), "%d options, shown place %d: chi-square %.1f", n, s, chi);
		}
	}
}

Test(shuffle, every_whole_order_is_equally_likely)
{
	/* Four options: 24 orders, each counted by its rank. */
	const int trials = 48000;
	long count[24] = {0};
	for (int i = 0; i < trials; i++) {
		int o[4];
		shuffle_order(seed_at((uint64_t)i), 4, o);
		int rank = 0, used[4] = {0};
		for (int k = 0; k < 4; k++) {
			int smaller = 0;
			for (int v = 0; v < o[k]; v++)
				smaller += !used[v];
			used[o[k]] = 1;
			rank = rank * (4 - k) + smaller;
		}
		count[rank]++;
	}
	double expect = trials / 24.0, chi = 0;
	for (int k = 0; k < 24; k++) {
		cr_expect_gt(count[k], 0, "order %d never drawn", k);
		chi += (count[k] - expect) * (count[k] - expect) / expect;
	}
	cr_expect_lt(chi, critical(23), "chi-square %.1f over the 24 orders", chi);
}

Test(shuffle, the_way_back_to_the_written_option_is_the_inverse)
{
	for (uint64_t i = 0; i < 2000; i++) {
		int n = 2 + (int)(i % 7), order[8], shown[8];
		shuffle_order(seed_at(i), n, order);
		shuffle_invert(order, n, shown);
		cr_assert(is_permutation(shown, n));
		for (int s = 0; s < n; s++)
			cr_assert_eq(shown[order[s]], s, "seed %llu: shown %d is written %d, shown again at %d",
			             (unsigned long long)i, s, order[s], shown[order[s]]);
		for (int w = 0; w < n; w++)
			cr_assert_eq(order[shown[w]], w);
	}
}

Test(shuffle, each_question_of_an_attempt_has_its_own_seed)
{
	uint64_t a = seed_at(1), b = seed_at(2);
	cr_expect_eq(shuffle_seed(a, b, "mwc-scope"), shuffle_seed(a, b, "mwc-scope"), "the same attempt and question");
	cr_expect_neq(shuffle_seed(a, b, "mwc-scope"), shuffle_seed(a, b, "mwc-scope-2"), "another question");
	cr_expect_neq(shuffle_seed(a, b, "mwc-scope"), shuffle_seed(a + 1, b, "mwc-scope"), "another attempt's key");
	cr_expect_neq(shuffle_seed(a, b, "mwc-scope"), shuffle_seed(a, b + 1, "mwc-scope"));
	/* Over many attempts' keys, one question's three options come in each of the 6 orders equally. */
	const int trials = 30000;
	long count[6] = {0};
	for (int i = 0; i < trials; i++) {
		int o[3];
		shuffle_order(shuffle_seed(seed_at((uint64_t)i), seed_at((uint64_t)i + 77777), "remittances"), 3, o);
		count[o[0] * 2 + (o[1] > o[2])]++;
	}
	double expect = trials / 6.0, chi = 0;
	for (int k = 0; k < 6; k++)
		chi += (count[k] - expect) * (count[k] - expect) / expect;
	cr_expect_lt(chi, critical(5), "chi-square %.1f over the 6 orders", chi);
}
