/* metrics.h: counters every worker process adds to, in memory the master shares with all of them, so
 * that /metrics reports the whole server whichever worker answers. Without shared memory (tests, the
 * CLI) the counters are process-local. Reads and writes are relaxed atomics: a scrape may see one
 * request counted and its duration not yet, never a torn number. */
#ifndef PASSAGE_METRICS_H
#define PASSAGE_METRICS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define METRICS_ROUTES 128         /* dispatch-table rows; the last slot counts unrouted requests */
#define METRICS_BUCKETS 11         /* request duration upper bounds, below; plus +Inf */

extern const double metrics_bucket_seconds[METRICS_BUCKETS];

struct metrics_route {
	_Atomic uint64_t status[6];                 /* by class: [1] 1xx .. [5] 5xx, [0] other */
	_Atomic uint64_t bucket[METRICS_BUCKETS + 1];/* not cumulative; the last is over every bound */
	_Atomic uint64_t sum_us;
};

/* The thread gauges of one worker process, kept apart so that the master can take back what a worker that
 * died (SIGKILL, a crash) could not: its threads, and those it had busy. */
#define METRICS_PROCS 256
struct metrics_proc {
	_Atomic int32_t pid;    /* 0: free */
	_Atomic int64_t threads_busy, threads_total;
};

struct metrics {
	struct metrics_route route[METRICS_ROUTES];
	struct metrics_proc procs[METRICS_PROCS];
	_Atomic uint64_t db_errors, db_reconnects, db_down;
	_Atomic uint64_t db_waits, db_wait_timeouts;   /* requests that waited for the database; in vain */
	_Atomic uint64_t replica_reads, replica_fallbacks;
	_Atomic uint64_t stream_bytes;
};

/* The shared block's size, for the master to allocate. */
size_t metrics_size(void);
/* Uses `shared` (metrics_size() zeroed bytes) from now on; NULL keeps the process-local block. */
void metrics_attach(void *shared);
struct metrics *metrics_get(void);

void metrics_request(size_t route, int status, long long us);
/* This process's gauges (a worker's), taken for `pid`; NULL when every slot is taken. */
struct metrics_proc *metrics_proc_claim(int32_t pid);
/* Forgets what process `pid` counted (the master, once it has reaped it; a worker, as it exits). */
void metrics_proc_release(int32_t pid);
/* The sums over every process. */
void metrics_threads(int64_t *busy, int64_t *total);
static inline void metrics_add(_Atomic uint64_t *c, uint64_t n)
{
	atomic_fetch_add_explicit(c, n, memory_order_relaxed);
}
static inline void metrics_gauge(_Atomic int64_t *g, int64_t d)
{
	atomic_fetch_add_explicit(g, d, memory_order_relaxed);
}

#endif
