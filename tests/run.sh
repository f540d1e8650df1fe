#!/bin/bash
# run.sh: the whole suite. Starts a throwaway stack (PostgreSQL, passage, nginx with TLS) on free
# loopback ports, runs every Criterion test against it, and stops everything it started, also on
# failure. Usage: tests/run.sh BIN STATIC_DIR TEST_BIN
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$1 static=$2 tests=$3

free_port() {
	local p
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 30000))
		if [ -z "$(ss -Hltn "( sport = :$p )" 2>/dev/null)" ]; then echo "$p"; return 0; fi
	done
	return 1
}

export VAR_DIR
VAR_DIR=$(mktemp -d /tmp/passage-test.XXXXXX)
export HTTPS_PORT HTTP_PORT
HTTPS_PORT=$(free_port) HTTP_PORT=$(free_port)
while [ "$HTTP_PORT" = "$HTTPS_PORT" ]; do HTTP_PORT=$(free_port); done

cleanup() {
	"$top/deploy/dev/stack.sh" stop >/dev/null 2>&1
	if [ -n "${KEEP_TEST_VAR:-}" ]; then echo "test stack kept in $VAR_DIR" >&2; else rm -rf "$VAR_DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "tests: starting a throwaway stack in $VAR_DIR (https $HTTPS_PORT, http $HTTP_PORT)"
if ! "$top/deploy/dev/stack.sh" start "$bin" "$static"; then
	echo "tests: the stack did not start" >&2
	tail -n 30 "$VAR_DIR"/log/*.log >&2
	exit 1
fi

runas=$(id -un)
[ "$(id -u)" = 0 ] && runas=passage
export PASSAGE_TEST_URL="https://127.0.0.1:$HTTPS_PORT"
export PASSAGE_TEST_HTTP_URL="http://127.0.0.1:$HTTP_PORT"
export PASSAGE_TEST_VAR=$VAR_DIR
export PASSAGE_TEST_DB="host=$VAR_DIR/run user=$runas"
export PASSAGE_TEST_SOCKET="$VAR_DIR/run/passage.sock"
export PASSAGE_TEST_STACK="$top/deploy/dev/stack.sh"
export PASSAGE_TEST_BIN="$VAR_DIR/bin/passage"
export PASSAGE_TEST_THREADS=8
export PASSAGE_TEST_CONTENT="${CONTENT_DIR:-$top/web/modules}"

# One process at a time: the resilience tests restart PostgreSQL and kill workers under everyone's feet.
"$tests" --jobs 1 --short-filename "${CRITERION_ARGS[@]:-}" 2>&1 | tee "$VAR_DIR/criterion.log"
rc=${PIPESTATUS[0]}
c_pass=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' "$VAR_DIR/criterion.log" | tail -n 1)
c_fail=$(sed -n 's/.*Failing: \([0-9]*\).*/\1/p' "$VAR_DIR/criterion.log" | tail -n 1)

# The fuzz harnesses (tests/fuzz): each for FUZZ_SECONDS (4) over its corpus; each counts as one test.
# Without clang they are skipped, and the summary says so. SKIP_FUZZ=1 leaves them out.
f_pass=0 f_fail=0
if [ -z "${SKIP_FUZZ:-}" ]; then
	"$top/tests/fuzz/run.sh" "${FUZZ_SECONDS:-4}" 2>&1 | tee "$VAR_DIR/fuzz.log"
	case ${PIPESTATUS[0]} in
	0|1)
		f_pass=$(sed -n 's/^fuzz: \([0-9]*\) harness(es) held, \([0-9]*\) failed$/\1/p' "$VAR_DIR/fuzz.log")
		f_fail=$(sed -n 's/^fuzz: \([0-9]*\) harness(es) held, \([0-9]*\) failed$/\2/p' "$VAR_DIR/fuzz.log")
		[ "${f_fail:-1}" = 0 ] || rc=1 ;;
	*) echo "tests: the fuzz harnesses were not run" ;;
	esac
fi

# The browser suite: Debian's Chromium driven by playwright-core (tests/browser), on the same stack: every
# *.test.js, the speed measurements last so that nothing else runs beside them (BROWSER_TESTS: only these).
b_pass=0 b_fail=0
if [ -z "${SKIP_BROWSER:-}" ]; then
	node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$node_major" -lt 20 ]; then
		echo "tests: the browser suite needs Node.js 20 or later (found: $(node --version 2>/dev/null || echo none))" >&2
		b_fail=1
	else
		(cd "$top/tests/browser" && { [ node_modules/.package-lock.json -nt package-lock.json ] ||
			npm ci --no-audit --no-fund --loglevel=error; }) || b_fail=1
		export PASSAGE_SCREENSHOTS="$top/build/screenshots"
		rm -rf "$PASSAGE_SCREENSHOTS"
		# Two journeys at a time: much of a journey is waiting (for a page, a poll, a reload), and two fill
		# the machine's two cores better than one. The speed measurements run alone, after them.
		(cd "$top/tests/browser" && node --test --test-concurrency="${BROWSER_CONCURRENCY:-2}" \
			${BROWSER_TESTS:-$(ls *.test.js | grep -v "^speed")}) 2>&1 | tee "$VAR_DIR/browser.log"
		node_rc=${PIPESTATUS[0]}
		if [ -z "${BROWSER_TESTS:-}" ]; then
			(cd "$top/tests/browser" && node --test speed.test.js) 2>&1 | tee -a "$VAR_DIR/browser.log"
			[ "${PIPESTATUS[0]}" = 0 ] || node_rc=1
		fi
		b_pass=$(awk '/^# pass [0-9]+$/ {n += $3} END {print n + 0}' "$VAR_DIR/browser.log")
		b_fail=$((b_fail + $(awk '/^# fail [0-9]+$/ {n += $3} END {print n + 0}' "$VAR_DIR/browser.log")))
		# A runner that failed without its summary (killed, or crashed) counts as a failure, never as none.
		if [ "$node_rc" != 0 ] && [ "$b_fail" = 0 ]; then
			echo "tests: the browser runner failed (exit $node_rc) without saying which test" >&2
			b_fail=1
		fi
		echo "tests: screenshots of every page the journeys visit are in $PASSAGE_SCREENSHOTS"
	fi
	[ "$b_fail" = 0 ] || rc=1
fi

# A sanitizer report in the server's log fails the run even when every request looked fine.
if grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$VAR_DIR/log/passage.log" >/dev/null 2>&1; then
	echo "tests: sanitizer reports in the server log:" >&2
	grep -E -A 20 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$VAR_DIR/log/passage.log" | head -60 >&2
	rc=1
fi
# So does a statement run with another number of parameters than it declares (app/store/db.c): the
# request only got an error page, but the code that ran it is wrong.
if grep -l 'statement misuse:' "$VAR_DIR"/log/*.log >/dev/null 2>&1; then
	echo "tests: statements run with the wrong number of parameters:" >&2
	grep -h 'statement misuse:' "$VAR_DIR"/log/*.log | sort | uniq -c | head -20 >&2
	rc=1
fi
echo "tests: $(( ${c_pass:-0} + ${b_pass:-0} + ${f_pass:-0} )) passed, $(( ${c_fail:-0} + ${b_fail:-0} + ${f_fail:-1} )) failed"
exit $rc
