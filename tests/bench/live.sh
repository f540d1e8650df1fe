#!/bin/bash
# live.sh: a live workshop under load. For each N: a facilitator (the stack's administrator, signed in
# through a session made as the app makes them) creates a live workshop with one poll question and
# starts it; tests/bench/live.js brings N participants (each its own TLS connection and cookies) who
# join, poll every second, and answer within a 10-second window while the projector polls; then the
# database is checked (N participants, N answers from N different participants) and the workshop ended.
# Targets at N = 2,000: no errors, answer p99 under 100 ms, every answer counted exactly once, the
# projector right within 2 s of the last answer. Without Ns it runs 2000, then larger N while the targets
# hold (stopping at the first miss or when LIVE_BUDGET seconds are spent), and reports the largest N
# within the targets. Writes tests/bench/live.md; exits non-zero when N = 2,000 misses.
# Usage: live.sh URL VAR_DIR [N ...]
# Environment: LIVE_BUDGET (300: seconds after which no further N is started), LIVE_TARGET_N (2000),
# LIVE_RAMP (15: seconds over which the joins are spread), LIVE_KEEP (set: keep the load-test workshops),
# LIVE_OUT (tests/bench/live.md)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
url=${1:?usage: live.sh URL VAR_DIR [N ...]} VAR=${2:?usage: live.sh URL VAR_DIR [N ...]}
shift 2
explicit=$#
ns=("$@")
[ ${#ns[@]} -gt 0 ] || ns=(2000 2500 3000 3500 4000 5000 6000)
budget=${LIVE_BUDGET:-300} target_n=${LIVE_TARGET_N:-2000} ramp=${LIVE_RAMP:-15}
out=${LIVE_OUT:-$top/tests/bench/live.md}
PSQL=(psql -X -q -h "$VAR/run" -U "$(stat -c %U "$VAR/pg/data")" -d passage -v ON_ERROR_STOP=1)
command -v node >/dev/null || { echo "live: node is missing" >&2; exit 1; }

# A socket per participant: Node needs as many descriptors as N, and more.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "live: open files limit $(ulimit -n)"

# The facilitator: the stack's administrator, with a session made as the app makes them.
read -r adm_raw adm_tok adm_csrf < <("$top/tests/bench/sessions.pl" "$VAR/etc/secret.key" 1)
[ -n "${adm_csrf:-}" ] || { echo "live: sessions.pl failed" >&2; exit 1; }
"${PSQL[@]}" >/dev/null <<SQL || { echo "live: could not create the facilitator's session" >&2; exit 1; }
INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds)
SELECT sha256(decode('$adm_raw', 'hex')), id, now() + interval '1 hour', 3600 FROM users WHERE username = 'admin';
SQL
signout() { "${PSQL[@]}" -c "DELETE FROM sessions WHERE token_hash = sha256(decode('$adm_raw', 'hex'))" >/dev/null 2>&1; }
trap signout EXIT

# staff_post PATH BODY: POSTs as the facilitator; prints "STATUS LOCATION".
staff_post() {
	curl -sk -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: __Host-passage=$adm_tok" -H "Origin: $url" \
		--data "csrf=$adm_csrf&$2" "$url$1"
}
# console ID ACTION [MORE]: one of the console's buttons (MORE: "&q=QID" for close); 303 expected.
console() {
	local r
	r=$(staff_post "/workshops/$1/console" "action=$2${3:-}")
	[ "${r%% *}" = 303 ] || { echo "live: console action=$2 on workshop $1 answered ${r%% *}" >&2; return 1; }
}
# new_workshop N: a live workshop with one four-choice poll question, started; sets wid, code, qid.
new_workshop() {
	local r
	r=$(staff_post /workshops "title=Load+test+$1+participants&source=scratch")
	wid=$(sed -n 's|^303 .*/workshops/\([0-9][0-9]*\)$|\1|p' <<<"$r")
	[ -n "$wid" ] || { echo "live: POST /workshops answered '$r'" >&2; return 1; }
	r=$(staff_post "/workshops/$wid" "action=add&kind=poll&prompt=Which+colour+do+you+pick%3F&options=Red%0AGreen%0ABlue%0AYellow")
	[ "${r%% *}" = 303 ] || { echo "live: adding the question to workshop $wid answered '$r'" >&2; return 1; }
	console "$wid" start || return 1
	code=$("${PSQL[@]}" -Atc "SELECT code FROM workshops WHERE id = $wid")
	qid=$("${PSQL[@]}" -Atc "SELECT id FROM live_questions WHERE workshop_id = $wid ORDER BY position LIMIT 1")
	[ -n "$code" ] && [ -n "$qid" ] || { echo "live: workshop $wid has no code or no question" >&2; return 1; }
}
# Removes a load-test workshop (its questions, participants and answers go with it), unless LIVE_KEEP is set.
drop_workshop() {
	[ -n "${LIVE_KEEP:-}" ] && return 0
	"${PSQL[@]}" -c "DELETE FROM workshops WHERE id = $1" >/dev/null 2>&1 || echo "live: could not delete workshop $1 (kept)" >&2
}
jget() { node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8")); let v = j;
	for (const k of process.argv[1].split(".")) v = v == null ? v : v[k];
	console.log(v === null || v === undefined ? "-" : typeof v === "object" ? JSON.stringify(v) : v)' "$1" <<<"$json"; }

ca=()
[ -f "$VAR/tls/localhost.crt" ] && case $url in https://127.0.0.1:* | https://localhost:*) ca=(--ca "$VAR/tls/localhost.crt") ;; esac
rows=() tried=()
largest="" first_miss="" target_result="" started=$(date +%s) last_run=0 prev_met=1
for n in "${ns[@]}"; do
	elapsed=$(($(date +%s) - started))
	if [ "$prev_met" = 0 ]; then break; fi
	if [ "$explicit" = 0 ] && [ "$n" != "${ns[0]}" ] && [ $((elapsed + last_run)) -gt "$budget" ]; then
		echo "live: $elapsed s spent, a run takes about $last_run s: not starting N = $n (LIVE_BUDGET $budget)"
		break
	fi
	t0=$(date +%s)
	tried+=("$n")
	# Start each run from a quiet machine and database: write out what earlier runs (or benchmarks) left
	# dirty, then wait (at most 90 s) for the 1-minute load average to fall under 1, so that the figures
	# are the live workshop's own and not the tail of what ran before.
	"${PSQL[@]}" -c "CHECKPOINT" >/dev/null 2>&1 || true
	settle=0
	while [ "$settle" -lt 90 ] && awk '{ exit !($1 >= 1.0) }' /proc/loadavg; do sleep 5; settle=$((settle + 5)); done
	[ "$settle" = 0 ] || echo "live: waited $settle s for the load average to settle"
	load=$(cut -d' ' -f1 /proc/loadavg)
	echo "live: N = $n (load average $load)"
	new_workshop "$n" || { rows+=("$n|setup failed|-|-|-|-|-|-|-|-|-|-|$load|MISSED"); prev_met=0; [ -n "$first_miss" ] || first_miss=$n; continue; }
	echo "live: workshop $wid, code $code, question $qid"
	jsonf=$(mktemp)
	node "$top/tests/bench/live.js" --url "$url" --n "$n" --code "$code" --workshop "$wid" --question "$qid" \
		--staff-cookie "$adm_tok" --staff-csrf "$adm_csrf" --ramp "$ramp" --json "$jsonf" "${ca[@]}" | grep -v '^{'
	rc=${PIPESTATUS[0]}
	json=$(cat "$jsonf" 2>/dev/null)
	rm -f "$jsonf"
	console "$wid" close "&q=$qid"
	# Exactly once: N rows, from N participants, none of them changed (an answer sent twice would be).
	read -r db_answers db_distinct db_people db_changes < <("${PSQL[@]}" -Atc "SELECT
		(SELECT count(*) FROM live_answers WHERE question_id = $qid),
		(SELECT count(DISTINCT participant_id) FROM live_answers WHERE question_id = $qid),
		(SELECT count(*) FROM live_participants WHERE workshop_id = $wid),
		(SELECT coalesce(sum(changes), 0) FROM live_answers WHERE question_id = $qid)" | tr '|' ' ')
	console "$wid" end
	db_ok=no
	[ "$db_answers" = "$n" ] && [ "$db_distinct" = "$n" ] && [ "$db_people" = "$n" ] && [ "$db_changes" = 0 ] && db_ok=yes
	echo "live: database: $db_people participants, $db_answers answers from $db_distinct participants (expected $n each)," \
		"$db_changes changed: $db_ok"
	if [ -z "$json" ]; then
		rows+=("$n|live.js failed (exit $rc)|-|-|-|-|-|-|-|$db_answers / $db_distinct / $db_people ($db_ok)|-|-|$load|MISSED")
		met=MISSED
	else
		met=MISSED
		[ "$rc" = 0 ] && [ "$db_ok" = yes ] && met=met
		share=$(awk -v s="$(jget polls.share_304)" 'BEGIN { if (s == "-") print "-"; else printf "%.1f%%", 100 * s }')
		delay=$(jget projector.delay_ms)
		[ "$delay" = - ] && delay="never (shows $(jget projector.answered))" || delay="$(awk -v d="$delay" 'BEGIN { printf "%.1f s", d / 1000 }')"
		errs=$(jget errors)
		[ "$errs" != 0 ] && errs="$errs: $(jget error_kinds | tr -d '{}"' | sed 's/,/, /g')"
		rows+=("$n|$(jget answers.accepted)/$(jget answers.sent)|$(jget answers.p50)|$(jget answers.p99)|$(jget answers.max)|$(jget polls.per_second)|$(jget polls.p99)|$share|$errs|$db_answers / $db_distinct / $db_people ($db_ok)|$delay|$(jget client.cpu_cores), loop p99 $(jget client.loop_delay_p99_ms) ms|$load|$met")
	fi
	drop_workshop "$wid"
	last_run=$(($(date +%s) - t0))
	echo "live: N = $n: $met ($last_run s)"
	if [ "$met" = met ]; then largest=$n; else prev_met=0; [ -n "$first_miss" ] || first_miss=$n; fi
	[ "$n" = "$target_n" ] && target_result=$met
	sleep 2   # let the last connections close
done

{
	echo "## A live workshop under load"
	echo
	echo "\`tests/bench/live.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared by the client, nginx, the app and"
	echo "PostgreSQL. N participants, each with its own TLS connection and cookies, join over ${ramp} s through nginx"
	echo "(form, POST, page), then poll their page every second with If-None-Match; the facilitator opens a"
	echo "four-choice poll and each participant answers once at a random moment of the next 10 s; the projector polls"
	echo "its screen every second. Latencies in ms, as the client saw them. The database check is answers / distinct"
	echo "participants among them / participants joined, each expected to be N, with no answer changed. The client"
	echo "runs on the same cores: its CPU and event-loop delay (which adds to every latency it measures) and the"
	echo "machine's 1-minute load average when the run began (each run first waits, at most 90 s, for it to fall under 1) are in the last columns."
	echo
	echo "| N | answers accepted/sent | answer p50 | answer p99 | answer max | polls/s | poll p99 | 304 share | errors | database | projector right after the last answer | client CPU (cores) | load before | targets |"
	echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- |"
	for row in "${rows[@]}"; do echo "| ${row//|/ | } |"; done
	echo
	echo "Targets: no errors, answer p99 under 100 ms, every answer counted exactly once in the database, the"
	echo "projector's count right within 2 s of the last answer (it polls once a second)."
	if [ -n "$largest" ]; then
		echo "Largest N within the targets: **$largest**${first_miss:+ (N = $first_miss missed)}."
	else
		echo "Largest N within the targets: none of those tried (${tried[*]:-none})."
	fi
} >"$out"
echo "live: wrote ${out#"$top"/}"
cat "$out"
[ "$target_result" != MISSED ] && { [ -n "$target_result" ] || [ -n "$largest" ]; }
