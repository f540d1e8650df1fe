-- cookies.lua: each request carries the session cookie of a different signed-in trainee, taken in turn
-- from the file named by BENCH_TOKENS (one token a line), and the language cookie BENCH_LANG if set.
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local i = math.random(#tokens)
-- BENCH_LANG: the language cookie the switch sets ("ar"), sent with each session's.
local lang = os.getenv("BENCH_LANG")
local extra = (lang and lang ~= "") and ("; lang=" .. lang) or ""
request = function()
	i = i % #tokens + 1
	return wrk.format("GET", wrk.path, { ["Cookie"] = "__Host-passage=" .. tokens[i] .. extra })
end
