/* access_log.c: the access log, one line per request: time, method, path, status, bytes, microseconds. The
 * query string is not logged: later pages carry codes in it. */
#include "server/server.h"

#include <stdio.h>
#include <unistd.h>

void log_access(const struct req *r, size_t bytes, long long us)
{
	char line[1400];
	size_t k = log_stamp(line, sizeof(line));
	int m = snprintf(line + k, sizeof(line) - k, " [%d] access: %.16s %.1024s %d %zu %lldus", log_pid(),
	                 r->method_name ? r->method_name : "-", r->path ? r->path : "-", r->resp.status, bytes, us);
	if (m > 0)
		k += (size_t)m;
	log_line(line, k, sizeof(line));
}
