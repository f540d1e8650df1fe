/* shuffle.h: the order a quiz question's options are shown in. Pure: the caller supplies the seed (the
 * quiz page derives it from a keyed hash, so a trainee cannot predict it). */
#ifndef PASSAGE_SHUFFLE_H
#define PASSAGE_SHUFFLE_H

#include <stdint.h>

/* Fills order[0..n) with a permutation of 0..n-1 drawn uniformly by the seed: order[shown] = written.
 * The same seed and n give the same order. n is at most 64. */
void shuffle_order(uint64_t seed, int n, int *order);
/* A question's seed: from an attempt's secret key (two words of a keyed hash, made once a page) and the
 * question's id, so that each question of the attempt gets its own order. */
uint64_t shuffle_seed(uint64_t key_a, uint64_t key_b, const char *id);
/* The inverse of order: shown[written] = the position where the written option is shown. */
void shuffle_invert(const int *order, int n, int *shown);

#endif
