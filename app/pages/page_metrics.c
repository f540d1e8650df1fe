/* page_metrics.c: /metrics in Prometheus's text format, for the whole server (every worker adds to the
 * same shared counters). Readable from loopback, or elsewhere with `metrics_token` as a bearer token;
 * anyone else gets 404, as if there were no such page. */
#include <string.h>

#include "core/metrics.h"
#include "pages/pages.h"
#include "security/security.h"
#include "server/config.h"
#include "store/live.h"

static bool loopback(const char *addr)
{
	return strcmp(addr, "127.0.0.1") == 0 || strcmp(addr, "::1") == 0 || strncmp(addr, "127.", 4) == 0 ||
	       strcmp(addr, "::ffff:127.0.0.1") == 0;
}

static bool allowed(const struct req *r)
{
	if (loopback(r->remote_addr))
		return true;
	const char *token = r->cfg->metrics_token;
	size_t n = strlen(token);
	const char *auth = r->authorization;
	return n > 0 && auth != NULL && strncmp(auth, "Bearer ", 7) == 0 && strlen(auth + 7) == n &&
	       sec_equal(auth + 7, token, n);
}

/* The labels naming metrics slot i: the row's pattern, and its action when rows of one pattern are told
 * apart by one; NULL for a slot no row has. */
static const char *route_labels(struct req *r, size_t i)
{
	if (i == METRICS_ROUTES - 1)
		return "route=\"none\"";
	if (i >= r->site->nroutes)
		return NULL;
	const struct route *rt = &r->site->routes[i];
	return rt->action ? arena_printf(r->arena, "route=\"%s\",action=\"%s\"", rt->pattern, rt->action)
	                  : arena_printf(r->arena, "route=\"%s\"", rt->pattern);
}

static void counter(struct buf *b, const char *name, const char *help, unsigned long long v)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name, name, v);
}

void page_metrics(struct req *r)
{
	if (!allowed(r)) {
		http_error(r, 404, NULL);
		return;
	}
	struct metrics *m = metrics_get();
	struct buf *b = &r->resp.body;
	r->resp.ctype = "text/plain; version=0.0.4; charset=utf-8";
	buf_puts(b, "# HELP passage_requests_total Requests answered, by route (the dispatch table's pattern, with the "
	            "action of a row picked by one) and status class.\n"
	            "# TYPE passage_requests_total counter\n");
	static const char *const cls[6] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
	for (size_t i = 0; i < METRICS_ROUTES; i++) {
		const char *route = route_labels(r, i);
		if (route == NULL)
			continue;
		for (int c = 0; c < 6; c++) {
			unsigned long long v = atomic_load_explicit(&m->route[i].status[c], memory_order_relaxed);
			if (v > 0)
				buf_printf(b, "passage_requests_total{%s,status=\"%s\"} %llu\n", route, cls[c], v);
		}
	}
	buf_puts(b, "# HELP passage_request_duration_seconds Time from the request's arrival to its last byte, by route.\n"
	            "# TYPE passage_request_duration_seconds histogram\n");
	for (size_t i = 0; i < METRICS_ROUTES; i++) {
		const char *route = route_labels(r, i);
		if (route == NULL)
			continue;
		const struct metrics_route *mr = &m->route[i];
		unsigned long long cum = 0, count = 0;
		for (int k = 0; k <= METRICS_BUCKETS; k++)
			count += atomic_load_explicit(&mr->bucket[k], memory_order_relaxed);
		if (count == 0)
			continue;
		for (int k = 0; k < METRICS_BUCKETS; k++) {
			cum += atomic_load_explicit(&mr->bucket[k], memory_order_relaxed);
			buf_printf(b, "passage_request_duration_seconds_bucket{%s,le=\"%g\"} %llu\n", route,
			           metrics_bucket_seconds[k], cum);
		}
		buf_printf(b, "passage_request_duration_seconds_bucket{%s,le=\"+Inf\"} %llu\n", route, count);
		buf_printf(b, "passage_request_duration_seconds_sum{%s} %.6f\n", route,
		           (double)atomic_load_explicit(&mr->sum_us, memory_order_relaxed) / 1e6);
		buf_printf(b, "passage_request_duration_seconds_count{%s} %llu\n", route, count);
	}
	counter(b, "passage_db_errors_total", "Statements that failed.",
	        atomic_load_explicit(&m->db_errors, memory_order_relaxed));
	counter(b, "passage_db_down_total", "Times a database connection was found lost or could not be made.",
	        atomic_load_explicit(&m->db_down, memory_order_relaxed));
	counter(b, "passage_db_reconnects_total", "Database connections made again after one was lost.",
	        atomic_load_explicit(&m->db_reconnects, memory_order_relaxed));
	counter(b, "passage_db_waits_total", "Requests that found the database away and waited for it (db_wait_ms).",
	        atomic_load_explicit(&m->db_waits, memory_order_relaxed));
	counter(b, "passage_db_wait_timeouts_total", "Of those, the ones it did not come back for (answered 503).",
	        atomic_load_explicit(&m->db_wait_timeouts, memory_order_relaxed));
	counter(b, "passage_replica_reads_total", "Dashboards and exports read from the replica.",
	        atomic_load_explicit(&m->replica_reads, memory_order_relaxed));
	counter(b, "passage_replica_fallbacks_total",
	        "Dashboards and exports read from the database because the replica did not answer.",
	        atomic_load_explicit(&m->replica_fallbacks, memory_order_relaxed));
	counter(b, "passage_streamed_bytes_total", "Bytes of streamed responses (CSV exports).",
	        atomic_load_explicit(&m->stream_bytes, memory_order_relaxed));
	int64_t threads_busy, threads_total;
	metrics_threads(&threads_busy, &threads_total);
	buf_printf(b, "# HELP passage_threads Request threads of every worker process.\n# TYPE passage_threads gauge\n"
	              "passage_threads %lld\n"
	              "# HELP passage_threads_busy Threads answering a request now (this scrape included).\n"
	              "# TYPE passage_threads_busy gauge\npassage_threads_busy %lld\n",
	           (long long)threads_total, (long long)threads_busy);
	/* Live workshops come from the database (every server shares them); left out while it is down. */
	long long live = 0, people = 0;
	if (r->db && db_ensure(r->db) == DB_OK && db_live_stats(r->db, &live, &people) == STORE_OK)
		buf_printf(b, "# HELP passage_live_workshops Live workshops running now.\n# TYPE passage_live_workshops gauge\n"
		              "passage_live_workshops %lld\n"
		              "# HELP passage_live_participants Participants who joined the live workshops running now.\n"
		              "# TYPE passage_live_participants gauge\npassage_live_participants %lld\n",
		           live, people);
}
