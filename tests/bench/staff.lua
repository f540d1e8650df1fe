-- staff.lua: every request carries one staff member's session cookie (BENCH_COOKIE); at the end, the
-- latency percentiles wrk does not print by itself (p95), in microseconds.
local cookie = "__Host-passage=" .. os.getenv("BENCH_COOKIE")
request = function()
	return wrk.format("GET", wrk.path, { ["Cookie"] = cookie })
end
done = function(summary, latency, requests)
	io.write(string.format("percentiles_us p50 %d p95 %d p99 %d\n", latency:percentile(50), latency:percentile(95),
		latency:percentile(99)))
end
