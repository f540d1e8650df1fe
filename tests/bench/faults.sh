#!/bin/bash
# faults.sh: the fault test of the suite (tests/e2e/test_faults.c), run longer: quiz submissions and live
# answers from 24 clients over HTTPS while PostgreSQL is restarted fast, crashed (immediate mode), a worker
# is killed and the server reloaded, each fault followed by FAULT_SECONDS (default 10) of load. It runs on
# a throwaway stack of its own (tests/run.sh), never on one a person is using, and writes
# tests/bench/faults.md: the 5xx share per fault, and every acknowledged write looked up in the database.
# Usage: tests/bench/faults.sh BIN STATIC_DIR TEST_BIN
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$1 static=$2 tests=$3
report=$(mktemp /tmp/passage-faults.XXXXXX)
trap 'rm -f "$report"' EXIT
secs=${FAULT_SECONDS:-10}
echo "bench: the fault test, ${secs} s of load after each fault"
PASSAGE_TEST_FAULTS_SECONDS=$secs PASSAGE_TEST_FAULTS_REPORT=$report SKIP_BROWSER=1 \
	CRITERION_ARGS=--filter=faults/acknowledged_writes_survive_restarts_kills_and_reloads \
	"$top/tests/run.sh" "$bin" "$static" "$tests" >"$report.log" 2>&1
rc=$?
grep '^faults:' "$report.log" | sed 's/^/bench: /'
rm -f "$report.log"
fast=$(awk -F'|' '$1 == "phase" && $2 ~ /fast restart/ { print $7 }' "$report")
{
	echo "## Faults under load"
	echo
	echo "24 clients (16 trainees submitting quizzes, 8 sending live answers for many phones) over HTTPS through"
	echo "nginx; each fault followed by ${secs} s of load (\`tests/bench/faults.sh\`, the suite's \`faults\` test run"
	echo "longer). An answer without acknowledgement is sent again, the same, as a person would. A request that"
	echo "finds the database away waits for it up to \`db_wait_ms\` (5 s), then answers 503."
	echo
	echo "| fault | requests | 5xx | no answer | 5xx % |"
	echo "| --- | ---: | ---: | ---: | ---: |"
	awk -F'|' '$1 == "phase" { printf "| %s | %s | %s | %s | %s%% |\n", $2, $4, $5, $6, $7 }' "$report"
	echo
	echo "| acknowledged quiz attempts | acknowledged live answers | lost | partial | doubled | never acknowledged |"
	echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
	awk -F'|' '$1 == "writes" { printf "| %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7 }' "$report"
	echo
	echo "Target: nothing lost, half-written or doubled, and at most 1% 5xx through a fast restart: ${fast:-?}%" \
		"($( [ "$rc" = 0 ] && echo met || echo MISSED ))."
} >"$top/tests/bench/faults.md"
echo "bench: wrote tests/bench/faults.md"
exit $rc
