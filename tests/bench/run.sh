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
if [ -f "$top/var/run/passage.pid" ] && kill -0 "$(cat "$top/var/run/passage.pid")" 2>/dev/null &&
	curl -skf -o /dev/null "https://127.0.0.1:${HTTPS_PORT:-8443}/readyz"; then
	url="https://127.0.0.1:${HTTPS_PORT:-8443}"
	echo "bench: using the running stack at $url"
else
	export VAR_DIR HTTPS_PORT HTTP_PORT
	VAR_DIR=$(mktemp -d /tmp/passage-bench.XXXXXX)
	HTTPS_PORT=$((20000 + RANDOM % 20000)) HTTP_PORT=$((40001 + RANDOM % 20000))
	own=1
	trap '"$top/deploy/dev/stack.sh" stop >/dev/null 2>&1; rm -rf "$VAR_DIR"' EXIT
	"$top/deploy/dev/stack.sh" start "$bin" "$static" || exit 1
	url="https://127.0.0.1:$HTTPS_PORT"
fi

css=$(curl -sk "$url/" | grep -o '/static/passage\.[0-9a-f]*\.css' | head -n 1)
[ -n "$css" ] || { echo "bench: cannot find the stylesheet link on the home page" >&2; exit 1; }

results=()
declare -A RPS P50 P99
to_ms() {   # wrk prints 812.00us, 1.23ms, 2.01s
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
measure() {   # name path [lua-script]
	local name=$1 path=$2 script=${3:-} out
	local args=(-t 2 -c "$conns" -d "${secs}s" --latency)
	[ -n "$script" ] && args+=(-s "$script")
	curl -sk -o /dev/null "$url$path"   # warm
	out=$(wrk "${args[@]}" "$url$path" 2>&1)
	local rps p50 p99 bad
	rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
	p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
	p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
	bad=$(awk '/Non-2xx/ { print $NF } /Socket errors/ { print }' <<<"$out")
	[ -n "$bad" ] && echo "bench: $name: $bad" >&2
	RPS[$name]=$rps P50[$name]=$p50 P99[$name]=$p99
	results+=("$name|$path")
	printf 'bench: %-28s %8s req/s  p50 %6s ms  p99 %6s ms\n' "$name" "$rps" "$p50" "$p99"
}

measure "static file (nginx)" "$css"
measure "/healthz (FastCGI)" "/healthz"
measure "/readyz (1 DB round trip)" "/readyz"
measure "home page" "/"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }
pass() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { exit !(b > 0 && a / b >= t) }' && echo met || echo MISSED; }

static_rps=${RPS["static file (nginx)"]} health_rps=${RPS["/healthz (FastCGI)"]}
ready_rps=${RPS["/readyz (1 DB round trip)"]}
t1=$(pass "$health_rps" "$static_rps" 0.40)
t2=$(pass "$ready_rps" "$health_rps" 0.55)

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
} >"$top/tests/bench/RESULTS.md"

echo
table
echo
echo "targets: /healthz vs static $(ratio "$health_rps" "$static_rps") (>= 40%: $t1); /readyz vs /healthz $(ratio "$ready_rps" "$health_rps") (>= 55%: $t2)"
echo "bench: wrote tests/bench/RESULTS.md"
[ "$t1" = met ] && [ "$t2" = met ]
