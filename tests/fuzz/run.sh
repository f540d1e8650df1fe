#!/bin/bash
# run.sh: runs each libFuzzer harness (build/fuzz/fuzz_*, from `make fuzz`) over its seed corpus in
# tests/fuzz/corpus for SECONDS (default 5), and prints one line per harness with libFuzzer's final
# figures. New inputs go to FUZZ_WORK/<harness> (default: a scratch folder removed afterwards), never to
# the tree; an input that breaks a property is saved in build/fuzz/findings/ and reported.
# Usage: tests/fuzz/run.sh [SECONDS] [HARNESS...]. Exit: 0 all held, 1 one broke, 2 nothing to run.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-5}
shift || true
bins=$top/build/fuzz
if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
	echo "fuzz: skipped: clang is not installed (deploy/deps.sh installs it)"
	exit 2
fi
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=($(cd "$top/tests/fuzz" && ls fuzz_*.c | sed 's/\.c$//'))
work=${FUZZ_WORK:-}
if [ -z "$work" ]; then
	work=$(mktemp -d /tmp/passage-fuzz.XXXXXX)
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$top/build/fuzz/findings"
rc=0 pass=0 fail=0
for h in "${harnesses[@]}"; do
	if [ ! -x "$bins/$h" ]; then
		echo "fuzz: $h: not built (make fuzz)" >&2
		fail=$((fail + 1)) rc=1
		continue
	fi
	# Long enough for the inputs that test the request limits (a value of HTTP_VALUE_MAX bytes).
	case $h in fuzz_request|fuzz_urlencoded) maxlen=-max_len=20000 ;; fuzz_cookies) maxlen=-max_len=8192 ;; *) maxlen= ;; esac
	mkdir -p "$work/$h"
	log=$work/$h.log
	nice -n 19 "$bins/$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 $maxlen \
		-artifact_prefix="$top/build/fuzz/findings/$h-" "$work/$h" "$top/tests/fuzz/corpus/$h" >"$log" 2>&1
	st=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -a -E '^#[0-9]+.*(DONE|INITED|pulse|NEW|REDUCE)' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p')
	if [ $st = 0 ]; then
		echo "fuzz: $h: held for ${secs}s: ${runs:-?} runs, ${cov:-no coverage figures}"
		pass=$((pass + 1))
	else
		echo "fuzz: $h: FAILED after ${runs:-?} runs:" >&2
		grep -a -E 'property broken|ERROR: |runtime error|SUMMARY|Test unit written' "$log" | head -8 >&2
		fail=$((fail + 1)) rc=1
	fi
done
echo "fuzz: $pass harness(es) held, $fail failed"
exit $rc
