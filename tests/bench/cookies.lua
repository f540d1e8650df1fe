-- cookies.lua: each request carries the session cookie of a different signed-in trainee, taken in turn
-- from the file named by BENCH_TOKENS (one token a line).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local i = math.random(#tokens)
request = function()
	i = i % #tokens + 1
	return wrk.format("GET", wrk.path, { ["Cookie"] = "__Host-passage=" .. tokens[i] })
end
