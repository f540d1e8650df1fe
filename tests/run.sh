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
export PASSAGE_TEST_CONTENT="$top/web/modules"

# One process at a time: the resilience tests restart PostgreSQL and kill workers under everyone's feet.
"$tests" --jobs 1 --short-filename "${CRITERION_ARGS[@]:-}"
rc=$?

# A sanitizer report in the server's log fails the run even when every request looked fine.
if grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$VAR_DIR/log/passage.log" >/dev/null 2>&1; then
	echo "tests: sanitizer reports in the server log:" >&2
	grep -E -A 20 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$VAR_DIR/log/passage.log" | head -60 >&2
	rc=1
fi
exit $rc
