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

struct metrics_proc *metrics_proc_claim(int32_t pid)
{
	for (size_t i = 0; i < METRICS_PROCS; i++) {
		int32_t free_slot = 0;
		struct metrics_proc *p = &current->procs[i];
		if (atomic_compare_exchange_strong(&p->pid, &free_slot, pid)) {
			atomic_store(&p->threads_busy, 0);
			atomic_store(&p->threads_total, 0);
			return p;
		}
	}
	return NULL;
}

void metrics_proc_release(int32_t pid)
{
	for (size_t i = 0; i < METRICS_PROCS; i++) {
		struct metrics_proc *p = &current->procs[i];
		if (atomic_load(&p->pid) == pid) {
			atomic_store(&p->threads_busy, 0);
			atomic_store(&p->threads_total, 0);
			atomic_store(&p->pid, 0);
		}
	}
}

void metrics_threads(int64_t *busy, int64_t *total)
{
	*busy = *total = 0;
	for (size_t i = 0; i < METRICS_PROCS; i++) {
		struct metrics_proc *p = &current->procs[i];
		if (atomic_load_explicit(&p->pid, memory_order_relaxed) == 0)
			continue;
		*busy += atomic_load_explicit(&p->threads_busy, memory_order_relaxed);
		*total += atomic_load_explicit(&p->threads_total, memory_order_relaxed);
	}
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
