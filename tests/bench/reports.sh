#!/bin/bash
# reports.sh: the facilitator's reports at scale, part of `make bench`. Fills the database with
# generate.sh (10,000 trainees in 50 cohorts, about 1,000,000 answers), then measures, as a signed-in
# facilitator and administrator over HTTPS: the overview of the 1,000-trainee cohort and the item
# analysis of a module for it (p95 under 100 ms), and the export of every answer (under 15 s, with the
# server's memory flat). Writes tests/bench/reports.md; exits non-zero when a target is missed.
# Usage: reports.sh URL VAR_DIR    Environment: REPORT_LEARNERS (10000), REPORT_ANSWERS (1000000),
# REPORT_KEEP_DATA (set: measure the data already there)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
url=$1 VAR=$2
secs=${BENCH_SECONDS:-10}
learners=${REPORT_LEARNERS:-10000} answers=${REPORT_ANSWERS:-1000000}
PSQL=(psql -X -q -h "$VAR/run" -U "$(stat -c %U "$VAR/pg/data")" -d passage -v ON_ERROR_STOP=1)

gen_s="(earlier: REPORT_KEEP_DATA was set)"
if [ -z "${REPORT_KEEP_DATA:-}" ]; then
	echo "bench: generating $learners trainees in 50 cohorts with about $answers answers"
	t0=$(date +%s.%N)
	"$top/tests/bench/generate.sh" --learners "$learners" --cohorts 50 --answers "$answers" -- "${PSQL[@]:1}" >/dev/null ||
		{ echo "bench: generate.sh failed" >&2; exit 1; }
	gen_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
fi
read -r n_answers n_trainees n_cohorts < <("${PSQL[@]}" -Atc "SELECT (SELECT count(*) FROM answers),
	(SELECT count(*) FROM users WHERE role = 'trainee'), (SELECT count(*) FROM cohorts)" | tr '|' ' ')
large=$("${PSQL[@]}" -Atc "SELECT id FROM cohorts WHERE name = 'Demo cohort 001 (large)'")
large_n=$("${PSQL[@]}" -Atc "SELECT count(*) FROM users WHERE cohort_id = $large")
slug=$("${PSQL[@]}" -Atc "SELECT slug FROM modules ORDER BY position LIMIT 1")
echo "bench: $n_answers answers, $n_trainees trainees, $n_cohorts cohorts, in ${gen_s} s; large cohort $large ($large_n trainees)"

# Sessions for the generated facilitator and the stack's administrator, made as the app makes them.
tokens=$("$top/tests/bench/sessions.pl" "$VAR/etc/secret.key" 2)
fac_raw=$(sed -n 1p <<<"$tokens" | cut -d' ' -f1) fac_tok=$(sed -n 1p <<<"$tokens" | cut -d' ' -f2)
adm_raw=$(sed -n 2p <<<"$tokens" | cut -d' ' -f1) adm_tok=$(sed -n 2p <<<"$tokens" | cut -d' ' -f2)
"${PSQL[@]}" >/dev/null <<SQL || { echo "bench: could not create the staff sessions" >&2; exit 1; }
INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds)
SELECT sha256(decode('$fac_raw', 'hex')), id, now() + interval '1 hour', 3600 FROM users WHERE username = 'demo-facilitator';
INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds)
SELECT sha256(decode('$adm_raw', 'hex')), id, now() + interval '1 hour', 3600 FROM users WHERE username = 'admin';
SQL

declare -A P50 P95 P99 RPS BAD
rows=()
staff_measure() {   # name path connections
	local name=$1 path=$2 c=$3 out
	curl -sk -o /dev/null -H "Cookie: __Host-passage=$fac_tok" "$url$path"
	out=$(BENCH_COOKIE=$fac_tok wrk -t 1 -c "$c" -d "${secs}s" --timeout 5s -s "$top/tests/bench/staff.lua" "$url$path" 2>&1)
	RPS[$name]=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
	BAD[$name]=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
	read -r _ _ p50 _ p95 _ p99 < <(grep '^percentiles_us' <<<"$out")
	P50[$name]=$(awk -v v="$p50" 'BEGIN { printf "%.1f", v / 1000 }')
	P95[$name]=$(awk -v v="$p95" 'BEGIN { printf "%.1f", v / 1000 }')
	P99[$name]=$(awk -v v="$p99" 'BEGIN { printf "%.1f", v / 1000 }')
	rows+=("$name|$path")
	printf 'bench: %-44s %6s req/s  p50 %6s ms  p95 %6s ms  p99 %6s ms\n' "$name" "${RPS[$name]}" "${P50[$name]}" \
		"${P95[$name]}" "${P99[$name]}"
}
status=$(curl -sk -o /dev/null -w '%{http_code}' -H "Cookie: __Host-passage=$fac_tok" "$url/cohorts/$large")
[ "$status" = 200 ] || { echo "bench: the overview answered $status" >&2; exit 1; }
staff_measure "overview, 1 facilitator" "/cohorts/$large" 1
staff_measure "overview, 4 facilitators at once" "/cohorts/$large" 4
staff_measure "item analysis, 1 facilitator" "/cohorts/$large/modules/$slug" 1
staff_measure "item analysis, 4 facilitators at once" "/cohorts/$large/modules/$slug" 4

# The export of every answer, as the administrator, while the workers' memory is sampled.
workers() { pgrep -f "passage worker" | tr '\n' ' '; }
rss() { local t=0; for p in $(workers); do t=$((t + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo "$t"; }
rss_before=$(rss)
peak=$rss_before
csv=$(mktemp)
t0=$(date +%s.%N)
curl -sk -H "Cookie: __Host-passage=$adm_tok" -o "$csv" -w '%{http_code}' "$url/reports/answers.csv" >"$csv.status" &
cpid=$!
while kill -0 "$cpid" 2>/dev/null; do
	now=$(rss)
	[ "$now" -gt "$peak" ] && peak=$now
	sleep 0.2
done
wait "$cpid"
export_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
export_status=$(cat "$csv.status")
export_rows=$(($(wc -l <"$csv") - 1))
export_mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.0f", b / 1048576 }')
expected_rows=$("${PSQL[@]}" -Atc "SELECT count(*) FROM answers x JOIN attempts a ON a.id = x.attempt_id JOIN users u
	ON u.id = a.user_id JOIN cohorts c ON c.id = u.cohort_id WHERE u.role = 'trainee' AND NOT c.aggregate_only")
rm -f "$csv" "$csv.status"
growth_mb=$(awk -v a="$rss_before" -v b="$peak" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
echo "bench: export of every answer: $export_rows rows ($export_mb MB) in $export_s s, status $export_status;" \
	"workers' memory $((rss_before / 1024)) MB before, peak $((peak / 1024)) MB (+$growth_mb MB)"
"${PSQL[@]}" -c "DELETE FROM sessions WHERE token_hash IN (sha256(decode('$fac_raw', 'hex')), sha256(decode('$adm_raw', 'hex')))" >/dev/null

under() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a < b) }' && echo met || echo MISSED; }
r1=$(under "${P95["overview, 1 facilitator"]}" 100)
r2=$(under "${P95["item analysis, 1 facilitator"]}" 100)
r3=$(awk -v s="$export_s" -v st="$export_status" -v n="$export_rows" -v e="$expected_rows" -v g="$growth_mb" \
	'BEGIN { print (s < 15 && st == 200 && n == e && g < 64) ? "met" : "MISSED" }')
{
	echo "## The facilitator's reports at scale"
	echo
	echo "Data made by \`tests/bench/generate.sh\` through the app's own tables in ${gen_s} s: $n_trainees trainees in"
	echo "$n_cohorts cohorts, $n_answers answers. The overview and item analysis are of the $large_n-trainee cohort"
	echo "(\`$slug\` for the item analysis), as its signed-in facilitator, over HTTPS, ${secs} s per row."
	echo
	echo "| what | requests/s | p50 ms | p95 ms | p99 ms |"
	echo "| --- | ---: | ---: | ---: | ---: |"
	for row in "${rows[@]}"; do
		name=${row%%|*}
		echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P95[$name]} | ${P99[$name]} |"
	done
	echo
	echo "- overview of the $large_n-trainee cohort, p95 under 100 ms: ${P95["overview, 1 facilitator"]} ms ($r1)"
	echo "- item analysis of a module for that cohort, p95 under 100 ms: ${P95["item analysis, 1 facilitator"]} ms ($r2)"
	echo "- export of every answer under 15 s with the server's memory flat: $export_rows rows ($export_mb MB;"\
		"$expected_rows expected: every cohort not marked aggregate-only) in $export_s s, status $export_status;"\
		"the workers' resident memory went from $((rss_before / 1024)) MB to a peak of $((peak / 1024)) MB"\
		"(+$growth_mb MB) ($r3)"
} >"$top/tests/bench/reports.md"
[ "$r1" = met ] && [ "$r2" = met ] && [ "$r3" = met ]
