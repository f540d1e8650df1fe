-- signin.lua: the sign-in POST with valid credentials, a pre-session cookie and its CSRF token, all
-- taken from the environment (set up by run.sh).
wrk.method = "POST"
wrk.body = "csrf=" .. os.getenv("BENCH_CSRF") .. "&username=" .. os.getenv("BENCH_USER") .. "&password=" .. os.getenv("BENCH_PASSWORD")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "__Host-passage-pre=" .. os.getenv("BENCH_PRE")
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
