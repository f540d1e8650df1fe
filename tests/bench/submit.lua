-- submit.lua: quiz submissions, each from a different signed-in trainee making a first attempt (one
-- durable commit each). BENCH_SUBMIT names a file of "token csrf" lines; BENCH_ANSWERS holds the answer
-- fields. The two wrk threads take alternate lines, so no trainee is used twice.
local users = {}
local index = 0
local nthreads = 2
setup = function(thread)
	thread:set("tid", index)
	index = index + 1
end
init = function(args)
	local i = 0
	for line in io.lines(os.getenv("BENCH_SUBMIT")) do
		local tok, csrf = line:match("^(%S+) (%S+)$")
		if tok then
			if i % nthreads == tid then users[#users + 1] = { tok = tok, csrf = csrf } end
			i = i + 1
		end
	end
	pos = 0
	answers = os.getenv("BENCH_ANSWERS")
	origin = os.getenv("BENCH_ORIGIN")
end
request = function()
	pos = pos % #users + 1   -- wraps only past 15,000 requests a thread: then a double post, answered 303
	local u = users[pos]
	return wrk.format("POST", wrk.path, {
		["Cookie"] = "__Host-passage=" .. u.tok,
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Origin"] = origin,
	}, "csrf=" .. u.csrf .. "&attempt=1" .. answers)
end
