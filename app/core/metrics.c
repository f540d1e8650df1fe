/* metrics.c: the shared counters. */
#include "core/metrics.h"

const double metrics_bucket_seconds[METRICS_BUCKETS] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1,    2.5};

static struct metrics local;
static struct metrics *current = &local;

size_t metrics_size(void)
{
	return sizeof(struct metrics);
}

void metrics_attach(void *shared)
{
	current = shared ? shared : &local;
}

struct metrics *metrics_get(void)
{
	return current;
}

void metrics_request(size_t route, int status, long long us)
{
	if (route >= METRICS_ROUTES)
		route = METRICS_ROUTES - 1;
	struct metrics_route *m = &current->route[route];
	int cls = status / 100;
	metrics_add(&m->status[cls >= 1 && cls <= 5 ? cls : 0], 1);
	double s = (double)us / 1e6;
	int b = 0;
	while (b < METRICS_BUCKETS && s > metrics_bucket_seconds[b])
		b++;
	metrics_add(&m->bucket[b], 1);
	metrics_add(&m->sum_us, us > 0 ? (uint64_t)us : 0);
}
