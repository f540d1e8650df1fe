#!/bin/bash
# run.sh: `make bench`. Measures, in one run and with the same tools, the machine's ceilings (nginx
# serving a static file; the smallest FastCGI answer, /healthz) and Passage's pages, then prints requests/s,
# p50 and p99 with each rate's ratio to the ceilings, checks the targets the issues name, and writes
# tests/bench/RESULTS.md. Uses the stack from `make start` when it runs, or starts a throwaway one.
# Usage: tests/bench/run.sh BIN STATIC_DIR        Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (64)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1 static=$2
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "bench: wrk is missing (deploy/deps.sh installs it)" >&2; exit 1; }

own=""
url=""
VAR=$top/var
if [ -f "$top/var/run/passage.pid" ] && kill -0 "$(cat "$top/var/run/passage.pid")" 2>/dev/null &&
	curl -skf -o /dev/null "https://127.0.0.1:${HTTPS_PORT:-8443}/readyz"; then
	url="https://127.0.0.1:${HTTPS_PORT:-8443}"
	echo "bench: using the running stack at $url"
else
	export VAR_DIR HTTPS_PORT HTTP_PORT
	VAR_DIR=$(mktemp -d /tmp/passage-bench.XXXXXX)
	HTTPS_PORT=$((20000 + RANDOM % 20000)) HTTP_PORT=$((40001 + RANDOM % 20000))
	own=1
	VAR=$VAR_DIR
	trap '"$top/deploy/dev/stack.sh" stop >/dev/null 2>&1; rm -rf "$VAR_DIR"' EXIT
	"$top/deploy/dev/stack.sh" start "$bin" "$static" || exit 1
	url="https://127.0.0.1:$HTTPS_PORT"
fi

css=$(curl -sk "$url/" | grep -o '/static/passage\.[0-9a-f]*\.css' | head -n 1)
[ -n "$css" ] || { echo "bench: cannot find the stylesheet link on the home page" >&2; exit 1; }

results=()
declare -A RPS P50 P99 BAD TOTAL
to_ms() {   # wrk prints 812.00us, 1.23ms, 2.01s
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
measure() {   # name path [lua-script] [connections]
	local name=$1 path=$2 script=${3:-} out
	local args=(-t 2 -c "${4:-$conns}" -d "${secs}s" --latency)
	[ "${4:-$conns}" = 1 ] && args[1]=1
	[ -n "$script" ] && args+=(-s "$script")
	curl -sk -o /dev/null "$url$path"   # warm
	out=$(wrk "${args[@]}" "$url$path" 2>&1)
	local rps p50 p99 bad
	rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
	p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
	p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
	bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
	total=$(awk '/requests in/ { print $1 }' <<<"$out")
	awk '/Socket errors/' <<<"$out" >&2
	RPS[$name]=$rps P50[$name]=$p50 P99[$name]=$p99 BAD[$name]=${bad:-0} TOTAL[$name]=$total
	results+=("$name|$path")
	printf 'bench: %-28s %8s req/s  p50 %6s ms  p99 %6s ms\n' "$name" "$rps" "$p50" "$p99"
}

measure "static file (nginx)" "$css"
measure "/healthz (FastCGI)" "/healthz"
measure "/readyz (1 DB round trip)" "/readyz"
measure "home page" "/"

# Signed in: 200 trainees, each with a session, made through the app's own tables; every request
# carries a different one of their cookies.
PSQL=(psql -X -q -h "$VAR/run" -U "$(stat -c %U "$VAR/pg/data")" -d passage -v ON_ERROR_STOP=1)
tokens=$(mktemp)
sql=$(mktemp)
{
	echo "BEGIN;"
	echo "DELETE FROM users WHERE cohort_id IN (SELECT id FROM cohorts WHERE name = 'Benchmark cohort');"
	echo "DELETE FROM cohorts WHERE name = 'Benchmark cohort';"
	echo "INSERT INTO cohorts (name) VALUES ('Benchmark cohort');"
	bin=$(mktemp)
	for i in $(seq 1 200); do
		openssl rand 32 >"$bin"
		raw=$(od -An -tx1 -v "$bin" | tr -d ' \n')
		base64 -w0 "$bin" | tr '+/' '-_' | tr -d '=' >>"$tokens"
		echo >>"$tokens"
		echo "WITH u AS (INSERT INTO users (role, display_name, cohort_id) SELECT 'trainee', 'Bench $i', id FROM cohorts WHERE name = 'Benchmark cohort' RETURNING id)"
		echo " INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds) SELECT sha256(decode('$raw', 'hex')), id, now() + interval '1 day', 86400 FROM u;"
	done
	echo "COMMIT;"
	rm -f "$bin"
} >"$sql"
"${PSQL[@]}" -f "$sql" >/dev/null || { echo "bench: could not create the benchmark sessions" >&2; exit 1; }
check=$(curl -sk -o /dev/null -w '%{http_code}' -H "Cookie: __Host-passage=$(head -n 1 "$tokens")" "$url/me")
[ "$check" = 200 ] || { echo "bench: a benchmark session does not sign in (/me answered $check)" >&2; exit 1; }
export BENCH_TOKENS=$tokens
measure "home page, signed in" "/" "$top/tests/bench/cookies.lua"

# The sign-in POST with good credentials, as one client would send it. nginx (60 POSTs a minute per
# address, burst 40) and the app's hashing budget (10 Argon2id hashes a second) limit it by design.
pw="bench sign-in $(openssl rand -hex 6)"
"${PSQL[@]}" -c "DELETE FROM users WHERE username = 'bench-signin'" >/dev/null
printf '%s\n' "$pw" | PASSAGE_CONFIG=$VAR/etc/passage.conf "$VAR/bin/passage" user add --role facilitator bench-signin >/dev/null 2>&1 ||
	{ echo "bench: could not create the sign-in user" >&2; exit 1; }
jar=$(mktemp)
form=$(curl -sk -c "$jar" "$url/signin")
export BENCH_CSRF BENCH_PRE BENCH_USER=bench-signin BENCH_PASSWORD BENCH_ORIGIN=$url
BENCH_CSRF=$(grep -o 'name="csrf" value="[^"]*"' <<<"$form" | head -n 1 | sed 's/.*value="//; s/"$//')
BENCH_PRE=$(awk '$6 == "__Host-passage-pre" { print $7 }' "$jar")
BENCH_PASSWORD=$(printf '%s' "$pw" | sed 's/ /+/g')
rm -f "$jar"
secs_saved=$secs
secs=5
measure "sign-in POST (1 client)" "/signin" "$top/tests/bench/signin.lua" 1
secs=$secs_saved
signin=${TOTAL["sign-in POST (1 client)"]} signin_bad=${BAD["sign-in POST (1 client)"]}
signin_ok=$(( ${signin:-0} - ${signin_bad:-0} ))
"${PSQL[@]}" -c "DELETE FROM users WHERE cohort_id IN (SELECT id FROM cohorts WHERE name = 'Benchmark cohort') OR username = 'bench-signin'; DELETE FROM cohorts WHERE name = 'Benchmark cohort'; DELETE FROM throttle;" >/dev/null
rm -f "$tokens" "$sql"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }
pass() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { exit !(b > 0 && a / b >= t) }' && echo met || echo MISSED; }

static_rps=${RPS["static file (nginx)"]} health_rps=${RPS["/healthz (FastCGI)"]}
ready_rps=${RPS["/readyz (1 DB round trip)"]}
home_rps=${RPS["home page"]} signed_rps=${RPS["home page, signed in"]}
t1=$(pass "$health_rps" "$static_rps" 0.40)
t2=$(pass "$ready_rps" "$health_rps" 0.55)
t3=$(pass "$signed_rps" "$home_rps" 0.80)

table() {
	echo "| what | path | requests/s | p50 ms | p99 ms | vs static | vs /healthz |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
	for row in "${results[@]}"; do
		local name=${row%%|*} path=${row#*|}
		echo "| $name | \`$path\` | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | $(ratio "${RPS[$name]}" "$static_rps") | $(ratio "${RPS[$name]}" "$health_rps") |"
	done
}

{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'), on a machine with $(nproc) cores;"
	echo "wrk over HTTPS (TLS 1.3, keep-alive), 2 threads, $conns connections, ${secs} s per row, all on this machine."
	echo
	table
	echo
	echo "## Targets"
	echo
	echo "- /healthz at least 40% of the static file's rate: $(ratio "$health_rps" "$static_rps") ($t1)"
	echo "- /readyz at least 55% of /healthz: $(ratio "$ready_rps" "$health_rps") ($t2)"
	echo "- the home page signed in (one extra round trip: the session statement) at least 80% of signed out:" \
		"$(ratio "$signed_rps" "$home_rps") ($t3)"
	echo
	echo "The sign-in POST answered $signin requests in 5 s from one client; $signin_ok signed in (303), the rest"
	echo "were held back with 429 by the limits that keep password hashing under a quarter of a core."
} >"$top/tests/bench/RESULTS.md"

echo
table
echo
echo "targets: /healthz vs static $(ratio "$health_rps" "$static_rps") (>= 40%: $t1); /readyz vs /healthz $(ratio "$ready_rps" "$health_rps") (>= 55%: $t2)"
echo "         signed-in home vs signed-out $(ratio "$signed_rps" "$home_rps") (>= 80%: $t3)"
echo "         sign-in POST: $signin answered in 5 s, $signin_ok signed in, the rest 429 by design"
echo "bench: wrote tests/bench/RESULTS.md"
[ "$t1" = met ] && [ "$t2" = met ] && [ "$t3" = met ]
