#!/bin/bash
# generate.sh: fills the database with synthetic cohorts, made through the same tables the app writes,
# so that the facilitator's dashboards and reports can be measured on realistic volumes.
#
#   tests/bench/generate.sh [--learners N] [--cohorts C] [--answers A] [--seed S] -- PSQL_ARGS...
#
# Defaults: 10000 learners, 50 cohorts, 1000000 answers, seed 1. Everything after `--` goes to psql
# (e.g. -h var/run -U passage -d passage). One psql session, set-based SQL: one transaction removes
# the earlier run's data, a second makes the new data, so a failed run leaves none half made.
#
# What it makes:
#   - cohorts named "Demo cohort NNN": cohort 001 "(large)" holds exactly 1,000 trainees (when there are
#     that many), the rest are spread unevenly over the others; the last one is small and aggregate only.
#     Each has a join code, every module (some with due dates, some already past) and one facilitator,
#     the staff account demo-facilitator (created when missing, with no password).
#   - trainees with pseudonymous names ("Amina K."), each with a hidden ability and pace. They work
#     through the modules in order, as the app leads them: pre-check, lessons 1..n, quiz attempts until
#     they pass (or give up, or run out of attempts), then the case, sometimes a second walk. Answers
#     come from an item-response model (trainee ability, question difficulty and slope, retakes improve,
#     the pre-check comes before the lessons and scores lower); a wrong answer prefers one distractor.
#   - how far each trainee got is one cut through everyone's activity, chosen so that the number of
#     answers comes out at --answers: fast and early trainees finished, others are in progress, some
#     (about 7%, and some late joiners) never started.
#   - certificates for about two thirds of the completed modules.
#   - the per-trainee summary (table progress) follows from the triggers of sql/006_progress_summary.sql.
#
# Rerunning first deletes everything an earlier run made (the cohorts whose names start "Demo cohort"
# followed by a number, and every trainee in them with all their rows). The same seed gives the same
# data (ids and absolute times aside: times are relative to now).
set -euo pipefail

usage() { sed -n '2,10p' "$0" >&2; exit "${1:-2}"; }
die() { printf 'generate: %s\n' "$*" >&2; exit 2; }

learners=10000 cohorts=50 answers=1000000 seed=1
while [ $# -gt 0 ]; do
	case $1 in
	--learners) learners=${2:-}; shift 2 || usage ;;
	--cohorts) cohorts=${2:-}; shift 2 || usage ;;
	--answers) answers=${2:-}; shift 2 || usage ;;
	--seed) seed=${2:-}; shift 2 || usage ;;
	--learners=*) learners=${1#*=}; shift ;;
	--cohorts=*) cohorts=${1#*=}; shift ;;
	--answers=*) answers=${1#*=}; shift ;;
	--seed=*) seed=${1#*=}; shift ;;
	-h | --help) usage 0 ;;
	--) shift; break ;;
	*) die "unknown argument '$1' (psql's arguments go after --)" ;;
	esac
done
int() {   # option value min max
	if ! [[ $2 =~ ^[0-9]{1,10}$ ]] || [ "$2" -lt "$3" ] || [ "$2" -gt "$4" ]; then
		die "$1 must be a whole number from $3 to $4"
	fi
}
int --learners "$learners" 1 1000000
int --cohorts "$cohorts" 1 9999
int --answers "$answers" 0 100000000
int --seed "$seed" 0 2147483647
[ "$cohorts" -le "$learners" ] || die "--cohorts must not exceed --learners"

start=$(date +%s%N)
psql -X -q -v ON_ERROR_STOP=1 -v learners="$learners" -v cohorts="$cohorts" -v answers="$answers" \
	-v seed="$seed" "$@" <<'SQL'
SET client_min_messages = warning;
SET synchronous_commit = off;
SET temp_buffers = '512MB';
SET work_mem = '256MB';
SET jit = off;

-- ---------------------------------------------------------------------------------------------------
-- Deterministic randomness: every draw hashes (seed, stream, key), so a row's values depend only on
-- what it is (trainee number, module position, attempt number...), never on the order rows are made.
-- u: uniform in [0, 1); z: standard normal; gumbel: for picking the best of several noisy scores.
-- ---------------------------------------------------------------------------------------------------
SELECT format($f$CREATE FUNCTION pg_temp.u(s integer, k bigint) RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
	'SELECT (hashint8extended(k, %s::bigint * 1000 + s) & 4503599627370495)::float8 / 4503599627370496.0'$f$,
	:seed) \gexec
CREATE FUNCTION pg_temp.z(s integer, k bigint) RETURNS double precision LANGUAGE sql IMMUTABLE AS
	$$ SELECT sqrt(-2 * ln(1 - pg_temp.u(s, k))) * cos(2 * pi() * pg_temp.u(s + 500, k)) $$;
CREATE FUNCTION pg_temp.gumbel(s integer, k bigint) RETURNS double precision LANGUAGE sql IMMUTABLE AS
	$$ SELECT -ln(-ln(1e-12 + pg_temp.u(s, k) * (1 - 2e-12))) $$;
-- n symbols of Crockford base32 from one 64-bit hash (at most 12 symbols: 5 bits each).
CREATE FUNCTION pg_temp.code(s integer, k bigint, n integer) RETURNS text LANGUAGE sql IMMUTABLE AS
	$$ SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
		1 + ((hashint8extended(k, 7777 + s) >> (5 * i)) & 31)::integer, 1), '' ORDER BY i)
	   FROM generate_series(0, n - 1) i $$;

-- Whether a trainee answers a question right: a two-parameter logistic model. The logit rises with the
-- trainee's ability times the question's slope, falls with its difficulty; the quiz comes after the
-- lessons (higher base than the pre-check) and each retake adds a little. A question nobody can get
-- wrong (a multiple choice with one option, say) is always right. The same function decides both the
-- attempts' outcomes in the plan and the answers written, so the two always agree.
CREATE FUNCTION pg_temp.ok(n bigint, p integer, quiz boolean, k integer, qi integer, ability float8,
	slope float8, difficulty float8, can_be_wrong boolean) RETURNS boolean LANGUAGE sql IMMUTABLE AS
	$$ SELECT NOT can_be_wrong OR pg_temp.u(31, (((n * 64 + p) * 2 + quiz::integer) * 128 + k) * 64 + qi)
		< 1 / (1 + exp(-(slope * ability - difficulty
			+ CASE WHEN quiz THEN 1.55 + 0.75 * least(k - 1, 4) ELSE 0.1 END))) $$;

-- ---------------------------------------------------------------------------------------------------
-- 1. Forget an earlier run: its cohorts, their trainees, and everything those trainees did.
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: removing earlier generated data'
BEGIN;
CREATE TEMP TABLE old_c AS SELECT id FROM cohorts WHERE name ~ '^Demo cohort [0-9]{3,}( |$)';
CREATE TEMP TABLE old_u AS SELECT id FROM users WHERE role = 'trainee' AND cohort_id IN (SELECT id FROM old_c);
CREATE TEMP TABLE old_a AS SELECT id FROM attempts WHERE user_id IN (SELECT id FROM old_u);
CREATE TEMP TABLE old_r AS SELECT id FROM scenario_runs WHERE user_id IN (SELECT id FROM old_u);
DELETE FROM answers WHERE attempt_id IN (SELECT id FROM old_a);
DELETE FROM attempts WHERE id IN (SELECT id FROM old_a);
DELETE FROM scenario_moves WHERE run_id IN (SELECT id FROM old_r);
DELETE FROM scenario_runs WHERE id IN (SELECT id FROM old_r);
DELETE FROM lesson_reads WHERE user_id IN (SELECT id FROM old_u);
DELETE FROM certificates WHERE user_id IN (SELECT id FROM old_u);
DELETE FROM sessions WHERE user_id IN (SELECT id FROM old_u);
DELETE FROM users WHERE id IN (SELECT id FROM old_u);
DELETE FROM cohort_facilitators WHERE cohort_id IN (SELECT id FROM old_c);
DELETE FROM cohort_modules WHERE cohort_id IN (SELECT id FROM old_c);
DELETE FROM cohorts WHERE id IN (SELECT id FROM old_c);
COMMIT;
-- Cleared space and index entries make the inserts below as fast as into fresh tables.
VACUUM answers, attempts, scenario_moves, scenario_runs, lesson_reads, certificates, progress, users;

BEGIN;

-- ---------------------------------------------------------------------------------------------------
-- 2. The content as it stands: each module's current revision, numbered p = 1, 2, ... in course order,
--    and each of its questions with what the model needs.
-- ---------------------------------------------------------------------------------------------------
CREATE TEMP TABLE gen_m AS
SELECT row_number() OVER (ORDER BY m.position, m.id)::integer AS p, m.id AS module_id, r.id AS rev_id,
	r.title, r.pass_mark, r.attempts AS max_attempts, r.lesson_count AS nlessons,
	(SELECT count(*) FROM questions q WHERE q.revision_id = r.id AND q.set = 'quiz')::integer AS nquiz,
	(SELECT count(*) FROM questions q WHERE q.revision_id = r.id AND q.set = 'precheck')::integer AS npre,
	CASE WHEN EXISTS (SELECT 1 FROM scenario_steps s WHERE s.revision_id = r.id AND s.key = r.scenario_start)
		THEN r.scenario_start END AS scen_start
FROM modules m JOIN module_revisions r ON r.id = m.current_revision;

CREATE TEMP TABLE gen_q AS
SELECT x.*, cardinality(right_opts) AS nright, cardinality(wrong_opts) AS nwrong,
	-- a wrong answer picks this distractor more often than the others
	wrong_opts[1 + floor(pg_temp.u(71, qkey) * cardinality(wrong_opts))::integer] AS fav,
	0.8 * pg_temp.z(72, qkey) + CASE kind WHEN 'multiple' THEN 0.5 WHEN 'truefalse' THEN -0.4 ELSE 0 END AS difficulty,
	-- about one question in 30 is flawed: the stronger trainees get it wrong more often
	CASE WHEN pg_temp.u(73, qkey) < 0.033 THEN -0.6 ELSE 0.6 + 0.8 * pg_temp.u(74, qkey) END AS slope,
	CASE WHEN kind = 'multiple' THEN cardinality(wrong_opts) > 0 OR cardinality(right_opts) >= 2
		ELSE cardinality(wrong_opts) > 0 END AS can_be_wrong
FROM (
	SELECT q.id AS qid, gm.p, q.set, q.set = 'quiz' AS quiz, q.kind,
		row_number() OVER (PARTITION BY gm.p, q.set ORDER BY q.position)::integer AS qi,
		(gm.p * 2 + (q.set = 'quiz')::integer) * 1000 + q.position AS qkey,
		coalesce((SELECT array_agg(o.position ORDER BY o.position) FROM options o WHERE o.question_id = q.id AND o.correct), '{}') AS right_opts,
		coalesce((SELECT array_agg(o.position ORDER BY o.position) FROM options o WHERE o.question_id = q.id AND NOT o.correct), '{}') AS wrong_opts
	FROM gen_m gm JOIN questions q ON q.revision_id = gm.rev_id
) x;

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM gen_m) THEN
		RAISE EXCEPTION 'no modules are loaded: run `passage content load` first';
	END IF;
	IF (SELECT max(p) FROM gen_m) > 60 OR (SELECT max(qi) FROM gen_q) > 60 THEN
		RAISE EXCEPTION 'more than 60 modules, or 60 questions in a set: the generator''s keys do not fit';
	END IF;
	IF EXISTS (SELECT 1 FROM gen_q WHERE (kind <> 'multiple' AND nright <> 1) OR nright = 0) THEN
		RAISE EXCEPTION 'a question without exactly one right option (or a multiple choice with none)';
	END IF;
END $$;

-- ---------------------------------------------------------------------------------------------------
-- 3. The facilitator and the cohorts (names, join codes, start dates, sizes).
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: cohorts and trainees'
INSERT INTO users (role, username, display_name) VALUES ('facilitator', 'demo-facilitator', 'Demo Facilitator')
ON CONFLICT (username) DO NOTHING;

-- Cohort 1 holds 1,000 trainees; the others share the rest by uneven weights (the last, aggregate-only
-- cohort gets a small share). Trainee numbers first_n..last_n belong to the cohort.
CREATE TEMP TABLE gen_c AS
WITH w AS (
	SELECT cn, CASE WHEN cn = 1 THEN 0 WHEN cn = :cohorts AND :cohorts > 2 THEN 0.15
		ELSE 0.3 + 1.4 * pg_temp.u(11, cn) END AS w
	FROM generate_series(1, :cohorts) cn
), big AS (
	SELECT CASE WHEN :cohorts = 1 THEN :learners ELSE least(1000, :learners) END AS n
), cum AS (
	SELECT cn, big.n AS big, sum(w) OVER (ORDER BY cn) AS cw, sum(w) OVER () AS tw FROM w, big
)
SELECT cn, nextval(pg_get_serial_sequence('cohorts', 'id')) AS cohort_id,
	'Demo cohort ' || lpad(cn::text, greatest(3, length(cn::text)), '0')
		|| CASE WHEN cn = 1 THEN ' (large)' WHEN cn = :cohorts AND :cohorts > 2 THEN ' (small, aggregate only)' ELSE '' END AS name,
	cn = :cohorts AND :cohorts > 2 AS aggregate_only,
	CASE WHEN cn = 1 THEN 1 ELSE big + round((:learners - big) * (cw - w) / nullif(tw, 0))::integer + 1 END AS first_n,
	CASE WHEN cn = 1 THEN big ELSE big + round((:learners - big) * cw / nullif(tw, 0))::integer END AS last_n,
	-- cohort 1 began 40 days ago, the others between 60 and 4 days ago
	now() - interval '1 day' * CASE WHEN cn = 1 THEN 40 ELSE 4 + 56 * pg_temp.u(12, cn) END AS created_at,
	cn = 1 OR pg_temp.u(13, cn) < 0.7 AS has_due,
	0.35 * pg_temp.z(14, cn) AS ability_shift
FROM cum JOIN w USING (cn);

-- A join code is 8 Crockford symbols: 5 from the hash, then 3 from a scrambling of the cohort number
-- (a permutation of 0..32767, so unique among these cohorts); when another cohort has the code
-- already, the next candidate.
INSERT INTO cohorts (id, name, join_code, created_at, aggregate_only)
SELECT c.cohort_id, c.name,
	(SELECT cand FROM (
		SELECT k, pg_temp.code(15, c.cn * 16 + k, 5)
			|| (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
					1 + (((c.cn * 20077 + (hashint8extended(0, :seed) & 32767)) & 32767) >> (5 * i) & 31)::integer, 1), '' ORDER BY i)
			    FROM generate_series(0, 2) i) AS cand
		FROM generate_series(0, 9) k) x
	 WHERE NOT EXISTS (SELECT 1 FROM cohorts o WHERE o.join_code = x.cand) ORDER BY k LIMIT 1),
	c.created_at, c.aggregate_only
FROM gen_c c ORDER BY c.cn;

-- Every cohort takes every module; most have due dates a week apart from their start (some past).
INSERT INTO cohort_modules (cohort_id, module_id, due_on)
SELECT c.cohort_id, m.module_id, CASE WHEN c.has_due THEN (c.created_at + interval '7 days' * (m.p + 1))::date END
FROM gen_c c CROSS JOIN gen_m m;

INSERT INTO cohort_facilitators (cohort_id, user_id, added_at)
SELECT c.cohort_id, (SELECT id FROM users WHERE username = 'demo-facilitator'), c.created_at FROM gen_c c;

-- ---------------------------------------------------------------------------------------------------
-- 4. The trainees: a name, a cohort, when they joined, and hidden traits: ability (normal, shifted by
--    the cohort), pace (log-normal; 7% never start) and persistence (quiz attempts before giving up).
-- ---------------------------------------------------------------------------------------------------
CREATE TEMP TABLE gen_t AS
SELECT n::bigint AS n, nextval(pg_get_serial_sequence('users', 'id')) AS uid, c.cn, c.cohort_id,
	c.ability_shift + 0.94 * pg_temp.z(21, n) AS ability,
	CASE WHEN pg_temp.u(22, n) < 0.07 THEN 0 ELSE exp(0.9 * pg_temp.z(23, n)) END AS pace,
	2 + floor(5 * pg_temp.u(24, n))::integer AS persistence,
	-- joined within 10 days of the cohort's start, and in its first half of life so far
	c.created_at + interval '1 day' * least(10, 0.5 * extract(epoch FROM now() - c.created_at) / 86400)
		* pg_temp.u(25, n) AS joined_at,
	(ARRAY['Amina', 'Omar', 'Fatima', 'Yusuf', 'Leila', 'Mateo', 'Sofia', 'Lucas', 'Chen', 'Mei', 'Hiroshi',
		'Yuki', 'Priya', 'Arjun', 'Ananya', 'Kwame', 'Ama', 'Chinedu', 'Ngozi', 'Tariq', 'Zainab', 'Ivan',
		'Olga', 'Mihai', 'Elena', 'Giulia', 'Marco', 'Lukas', 'Anna', 'Sven', 'Ingrid', 'Pierre', 'Camille',
		'Diego', 'Lucía', 'Carlos', 'João', 'Beatriz', 'Linh', 'Minh', 'Ahmed', 'Noor', 'Kofi', 'Aisha',
		'Dmitri', 'Kateryna', 'Sami', 'Hana', 'Emre', 'Elif', 'Rafael', 'Maya'])
		[1 + floor(52 * pg_temp.u(26, n))::integer]
	|| ' ' || substr('ABCDEFGHIJKLMNOPRSTVWZ', 1 + floor(22 * pg_temp.u(27, n))::integer, 1) || '.' AS display_name
FROM generate_series(1, :learners) n JOIN gen_c c ON n BETWEEN c.first_n AND c.last_n;
ALTER TABLE gen_t ADD PRIMARY KEY (n);
-- days between joining and now
ALTER TABLE gen_t ADD COLUMN days float8;
UPDATE gen_t SET days = extract(epoch FROM now() - joined_at) / 86400;

INSERT INTO users (id, role, display_name, cohort_id, created_at)
SELECT uid, 'trainee', display_name, cohort_id, joined_at FROM gen_t ORDER BY n;

-- ---------------------------------------------------------------------------------------------------
-- 5. The plan: for every trainee who ever starts, everything they would do if they had all the time,
--    in order. Quiz attempts are decided here, by the same model as the answers: they retake until
--    they pass, give up (persistence) or run out of attempts (the module's limit).
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: planning everyone''s path through the modules'
CREATE TEMP TABLE gen_cand AS
SELECT t.n, m.p, k,
	floor(100.0 * count(*) FILTER (WHERE pg_temp.ok(t.n, m.p, true, k, q.qi, t.ability, q.slope, q.difficulty, q.can_be_wrong))
		/ count(*)) >= m.pass_mark AS passed
FROM gen_t t CROSS JOIN gen_m m
	CROSS JOIN LATERAL generate_series(1, CASE WHEN m.max_attempts > 0 THEN least(t.persistence, m.max_attempts) ELSE t.persistence END) k
	JOIN gen_q q ON q.p = m.p AND q.quiz
WHERE t.pace > 0
GROUP BY t.n, m.p, k, m.pass_mark;

CREATE TEMP TABLE gen_tm AS
SELECT t.n, m.p, m.npre > 0 AND pg_temp.u(51, t.n * 64 + m.p) < 0.88 AS takes_pre,
	c.passed_k, coalesce(c.passed_k, c.last_k, 0) AS natural_k,
	CASE WHEN m.scen_start IS NULL THEN 0
		WHEN c.passed_k IS NULL AND pg_temp.u(52, t.n * 64 + m.p) >= 0.35 THEN 0
		WHEN pg_temp.u(53, t.n * 64 + m.p) < 0.3 THEN 2 ELSE 1 END AS nruns
FROM gen_t t CROSS JOIN gen_m m
	LEFT JOIN (SELECT n, p, min(k) FILTER (WHERE passed) AS passed_k, max(k) AS last_k FROM gen_cand GROUP BY n, p) c
		ON c.n = t.n AND c.p = m.p
WHERE t.pace > 0;

-- One row per step of the plan: block 0 holds the modules in order (phase 1 pre-check, 2 lessons,
-- 3 quiz attempts, 4 case walks); blocks 1, 2, ... are later rounds of quiz retakes, only added when the
-- answers asked for exceed what the modules alone give. cost is the step's share of the trainee's time.
CREATE TEMP TABLE gen_u AS
SELECT tm.n, 0 AS blk, tm.p, 1 AS phase, 1 AS k, 1 AS cost, m.npre AS nans
	FROM gen_tm tm JOIN gen_m m USING (p) WHERE tm.takes_pre
UNION ALL
SELECT tm.n, 0, tm.p, 2, g, 1, 0 FROM gen_tm tm JOIN gen_m m USING (p) CROSS JOIN generate_series(1, m.nlessons) g
UNION ALL
SELECT tm.n, 0, tm.p, 3, g, 2, m.nquiz FROM gen_tm tm JOIN gen_m m USING (p) CROSS JOIN generate_series(1, tm.natural_k) g
UNION ALL
SELECT tm.n, 0, tm.p, 4, g, 3, 0 FROM gen_tm tm JOIN gen_m m USING (p) CROSS JOIN generate_series(1, tm.nruns) g;

-- Retake rounds, when needed: enough of them for the cut below to reach the answers asked for.
INSERT INTO gen_u
SELECT tm.n, r, tm.p, 3, tm.natural_k + r, 2, m.nquiz
FROM (SELECT least(60, ceil(greatest(0, :answers * 1.02 - (SELECT coalesce(sum(nans), 0) FROM gen_u))
		/ nullif((SELECT count(*) FROM gen_t WHERE pace > 0) * (SELECT sum(nquiz) FROM gen_m), 0)))::integer AS rounds) x
	CROSS JOIN generate_series(1, x.rounds) r
	JOIN gen_tm tm ON true JOIN gen_m m USING (p)
WHERE m.nquiz > 0 AND tm.natural_k + r <= CASE WHEN m.max_attempts > 0 THEN m.max_attempts ELSE 100 END;

-- ---------------------------------------------------------------------------------------------------
-- 6. The cut. Trainee t gets through the steps whose running cost is within lambda * pace * days: one
--    lambda for everyone, chosen so that the answers written come closest to --answers.
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: choosing how far everyone got'
-- Work comes in sittings: each module starts a new one, and so does about a third of the other steps.
-- sit: the running cost where the step's sitting began.
CREATE TEMP TABLE gen_p AS
SELECT u.*, u.cum_after / (t.pace * t.days) AS thr,
	max(CASE WHEN u.first_of_module OR pg_temp.u(62, u.ukey) < 0.35 THEN u.cum_after - u.cost END)
		OVER (PARTITION BY u.n ORDER BY u.blk, u.p, u.phase, u.k) AS sit
FROM (SELECT u.*, sum(cost) OVER w AS cum_after, sum(cost) OVER (PARTITION BY n) AS cum_total,
		row_number() OVER (PARTITION BY n, blk, p ORDER BY phase, k) = 1 AS first_of_module,
		(((n * 64 + blk) * 64 + p) * 8 + phase) * 128 + k AS ukey
	FROM gen_u u WINDOW w AS (PARTITION BY n ORDER BY blk, p, phase, k)) u
	JOIN gen_t t USING (n);

CREATE TEMP TABLE gen_lambda AS
SELECT coalesce((SELECT thr FROM (
		SELECT thr, sum(nans) OVER (ORDER BY thr, n, blk, p, phase, k) AS cs FROM gen_p WHERE nans > 0) x
	ORDER BY abs(cs - :answers), thr LIMIT 1), 0) AS lam
WHERE :answers > 0
UNION ALL SELECT 0 WHERE :answers = 0;

-- Each trainee's budget (in cost units), days per cost unit between sittings (delta: their pace, but
-- not under 5 minutes unless the whole plan would not fit between joining and now) and within a sitting
-- (mu: 2 to 5 minutes, at most half of delta).
ALTER TABLE gen_t ADD COLUMN budget float8, ADD COLUMN delta float8, ADD COLUMN mu float8;
UPDATE gen_t t SET budget = l.lam * t.pace * t.days,
	delta = greatest(1 / nullif(l.lam * t.pace, 0), least(5.0 / 1440, t.days / c.cum_total))
FROM gen_lambda l, (SELECT n, max(cum_total) AS cum_total FROM gen_p GROUP BY n) c
WHERE c.n = t.n;
UPDATE gen_t SET mu = least(delta / 2, (2 + 3 * pg_temp.u(28, n)) / 1440) WHERE delta IS NOT NULL;

-- The steps taken, each with its time: a sitting begins at joined_at + delta * sit, its steps follow
-- minutes apart, each inside its own slot, so times follow the plan's order and stay before now.
-- A case walk cut short is kept as started (frac: the part of it done).
CREATE TEMP TABLE gen_k AS
SELECT p.n, p.blk, p.p, p.phase, p.k, p.cost, p.nans, p.cum_after,
	CASE WHEN p.thr <= l.lam THEN 1 ELSE (t.budget - (p.cum_after - p.cost)) / p.cost END AS frac,
	t.uid, t.delta, t.mu, t.ability,
	least(now(), t.joined_at + interval '1 day' * (t.delta * p.sit + t.mu * (p.cum_after - p.cost - p.sit
		+ p.cost * CASE WHEN p.phase = 4 THEN 0 ELSE 0.1 + 0.8 * pg_temp.u(61, p.ukey) END))) AS at
FROM gen_p p JOIN gen_t t USING (n) CROSS JOIN gen_lambda l
WHERE p.thr <= l.lam
	OR (p.phase = 4 AND p.cum_after - p.cost < t.budget AND (t.budget - (p.cum_after - p.cost)) / p.cost >= 0.15);

-- ---------------------------------------------------------------------------------------------------
-- 7. Lesson reads.
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: lesson reads, attempts and answers'
INSERT INTO lesson_reads (user_id, module_id, position, revision_id, read_at)
SELECT k.uid, m.module_id, k.k, m.rev_id, k.at FROM gen_k k JOIN gen_m m USING (p) WHERE k.phase = 2;


-- ---------------------------------------------------------------------------------------------------
-- 8. Attempts and their answers, in one statement as the app writes them. A right answer chooses
--    exactly the right options. A wrong single choice or true/false takes the question's favourite
--    distractor 60% of the time, another wrong option otherwise; a wrong multiple choice adds the
--    favourite distractor, leaves out one right option, or adds another distractor.
-- ---------------------------------------------------------------------------------------------------
WITH a AS (
	SELECT nextval(pg_get_serial_sequence('attempts', 'id')) AS aid, k.*,
		CASE k.phase WHEN 1 THEN 'precheck' ELSE 'quiz' END AS set
	FROM gen_k k WHERE k.phase IN (1, 3)
), ans AS (
	SELECT a.aid, q.qid, x.ok,
		CASE WHEN x.ok THEN q.right_opts
		WHEN q.kind <> 'multiple' THEN
			ARRAY[CASE WHEN x.u2 < 0.6 THEN q.fav ELSE q.wrong_opts[1 + floor(x.u3 * q.nwrong)::integer] END]
		WHEN q.nwrong > 0 AND x.u2 < 0.55 THEN ARRAY(SELECT o FROM unnest(q.right_opts || q.fav) o ORDER BY o)
		WHEN q.nright >= 2 AND (x.u2 < 0.85 OR q.nwrong = 0) THEN
			array_remove(q.right_opts, q.right_opts[1 + floor(x.u3 * q.nright)::integer])
		ELSE ARRAY(SELECT o FROM unnest(q.right_opts || q.wrong_opts[1 + floor(x.u3 * q.nwrong)::integer]) o ORDER BY o)
		END AS options
	FROM a JOIN gen_q q ON q.p = a.p AND q.set = a.set
		CROSS JOIN LATERAL (SELECT
			pg_temp.ok(a.n, a.p, q.quiz, a.k, q.qi, a.ability, q.slope, q.difficulty, q.can_be_wrong) AS ok,
			pg_temp.u(32, (((a.n * 64 + a.p) * 2 + q.quiz::integer) * 128 + a.k) * 64 + q.qi) AS u2,
			pg_temp.u(33, (((a.n * 64 + a.p) * 2 + q.quiz::integer) * 128 + a.k) * 64 + q.qi) AS u3) x
), att AS (
	INSERT INTO attempts (id, user_id, module_id, revision_id, set, number, correct, total, score, passed, submitted_at)
	SELECT a.aid, a.uid, m.module_id, m.rev_id, a.set, a.k, s.c, s.total,
		CASE WHEN s.c <= 0 THEN 0 WHEN s.c >= s.total THEN 100 ELSE s.c * 100 / s.total END,
		a.set = 'quiz' AND CASE WHEN s.c <= 0 THEN 0 WHEN s.c >= s.total THEN 100 ELSE s.c * 100 / s.total END >= m.pass_mark,
		a.at
	FROM a JOIN gen_m m USING (p)
		JOIN (SELECT aid, count(*) FILTER (WHERE ok)::integer AS c, count(*)::integer AS total FROM ans GROUP BY aid) s USING (aid)
)
INSERT INTO answers (attempt_id, question_id, options, correct) SELECT aid, qid, options, ok FROM ans;

-- ---------------------------------------------------------------------------------------------------
-- 9. Case walks along the real graph. Each step's value is the mean outcome reachable from it (good 1,
--    mixed 0.5, poor 0); a trainee picks among a step's choices by value times a taste for good paths
--    (ability, and more so on a second walk) plus noise.
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: case walks'
CREATE TEMP TABLE gen_sval AS
SELECT s.revision_id AS rev_id, s.key, s.is_ending,
	CASE s.outcome WHEN 'good' THEN 1.0 WHEN 'mixed' THEN 0.5 WHEN 'poor' THEN 0.0 ELSE 0.5 END::float8 AS val
FROM scenario_steps s WHERE s.revision_id IN (SELECT rev_id FROM gen_m);
DO $$
BEGIN
	FOR i IN 1..25 LOOP
		UPDATE gen_sval v SET val = x.val
		FROM (SELECT s.revision_id, s.key, avg(coalesce(t.val, 0.5)) AS val
			FROM scenario_steps s JOIN scenario_choices c ON c.step_id = s.id
				LEFT JOIN gen_sval t ON t.rev_id = s.revision_id AND t.key = c.target_key
			WHERE s.revision_id IN (SELECT rev_id FROM gen_m) GROUP BY 1, 2) x
		WHERE NOT v.is_ending AND v.rev_id = x.revision_id AND v.key = x.key;
	END LOOP;
END $$;

CREATE TEMP TABLE gen_r AS
SELECT nextval(pg_get_serial_sequence('scenario_runs', 'id')) AS run_id, k.n, k.p, k.k AS r, k.uid, k.at, k.frac,
	k.cost * k.mu AS span_days, (k.n * 64 + k.p) * 8 + k.k AS run_key, m.rev_id, m.module_id, m.scen_start,
	greatest(0, 1.2 + k.ability) + (k.k - 1) AS beta
FROM gen_k k JOIN gen_m m USING (p) WHERE k.phase = 4;

-- Each step's choices with the value of where they lead.
CREATE TEMP TABLE gen_ch AS
SELECT s.revision_id AS rev_id, s.key, s.id AS step_id, c.id AS choice_id, c.position, c.target_key,
	coalesce(v.val, 0.5) AS val
FROM scenario_steps s JOIN scenario_choices c ON c.step_id = s.id
	LEFT JOIN gen_sval v ON v.rev_id = s.revision_id AND v.key = c.target_key
WHERE s.revision_id IN (SELECT rev_id FROM gen_m) AND NOT s.is_ending;
CREATE INDEX ON gen_ch (rev_id, key);
ANALYZE gen_ch;

CREATE TEMP TABLE gen_w AS
WITH RECURSIVE walk (run_id, run_key, rev_id, beta, seq, key, step_id, choice_id) AS (
	SELECT run_id, run_key, rev_id, beta, 0, scen_start, NULL::bigint, NULL::bigint FROM gen_r
	UNION ALL
	SELECT w.run_id, w.run_key, w.rev_id, w.beta, w.seq + 1, ch.target_key, ch.step_id, ch.choice_id
	FROM walk w
		CROSS JOIN LATERAL (
			SELECT c.step_id, c.choice_id, c.target_key FROM gen_ch c
			WHERE c.rev_id = w.rev_id AND c.key = w.key
			ORDER BY w.beta * c.val + pg_temp.gumbel(41, (w.run_key * 64 + w.seq) * 16 + c.position) DESC, c.position
			LIMIT 1) ch
	WHERE w.seq < 40
)
SELECT * FROM walk;

-- A walk cut short keeps the moves made before the cut; one that reached an ending has ended then.
CREATE TEMP TABLE gen_rk AS
SELECT r.*, l.len, CASE WHEN r.frac >= 1 THEN l.len ELSE floor(l.len * r.frac)::integer END AS kept,
	CASE WHEN r.frac >= 1 THEN 1 ELSE r.frac END AS span
FROM gen_r r JOIN (SELECT run_id, max(seq) AS len FROM gen_w GROUP BY run_id) l USING (run_id);

CREATE TEMP TABLE gen_mv AS
SELECT w.run_id, w.seq, w.step_id, w.choice_id, w.key,
	least(now(), r.at + interval '1 day' * r.span_days * r.span * (0.1 + 0.8 * w.seq / (r.len + 1.0))) AS at
FROM gen_w w JOIN gen_rk r USING (run_id) WHERE w.seq BETWEEN 1 AND r.kept;

INSERT INTO scenario_runs (id, user_id, module_id, revision_id, current_key, moves, started_at, ended_at, outcome)
SELECT r.run_id, r.uid, r.module_id, r.rev_id, coalesce(w.key, r.scen_start), r.kept,
	least(now(), r.at + interval '1 day' * r.span_days * r.span * 0.05),
	CASE WHEN s.is_ending THEN mv.at END, CASE WHEN s.is_ending THEN s.outcome END
FROM gen_rk r
	LEFT JOIN gen_w w ON w.run_id = r.run_id AND w.seq = r.kept
	LEFT JOIN scenario_steps s ON s.revision_id = r.rev_id AND s.key = coalesce(w.key, r.scen_start)
	LEFT JOIN gen_mv mv ON mv.run_id = r.run_id AND mv.seq = r.kept;

INSERT INTO scenario_moves (run_id, seq, step_id, choice_id, at)
SELECT run_id, seq, step_id, choice_id, at FROM gen_mv;

-- ---------------------------------------------------------------------------------------------------
-- 10. Certificates: about two thirds of the completed modules (every lesson read, quiz passed, case
--     ended when there is one), issued just after completion.
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: certificates'
INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, module_title, issued_at)
SELECT pg_temp.code(91, c.n * 64 + c.p, 12), t.uid, m.module_id, m.rev_id, t.display_name, m.title,
	least(now(), greatest(c.read_at, c.passed_at, w.ended_at) + interval '1 day' * 0.1 * t.mu)
FROM (
	SELECT k.n, k.p, max(k.at) FILTER (WHERE k.phase = 2) AS read_at, count(*) FILTER (WHERE k.phase = 2) AS reads,
		max(k.at) FILTER (WHERE k.phase = 3 AND k.k = tm.passed_k) AS passed_at
	FROM gen_k k JOIN gen_tm tm USING (n, p) WHERE k.blk = 0 GROUP BY k.n, k.p
) c JOIN gen_t t USING (n) JOIN gen_m m USING (p)
	LEFT JOIN (SELECT r.n, r.p, min(s.ended_at) AS ended_at FROM gen_rk r JOIN scenario_runs s ON s.id = r.run_id
		GROUP BY r.n, r.p) w USING (n, p)
WHERE c.reads = m.nlessons AND c.passed_at IS NOT NULL AND (w.ended_at IS NOT NULL OR m.scen_start IS NULL)
	AND pg_temp.u(92, c.n * 64 + c.p) < 0.67
ON CONFLICT DO NOTHING;

-- More answers asked for than these trainees give, even retaking every quiz 60 more times: say so.
CREATE TEMP TABLE gen_ask AS SELECT :answers::bigint AS asked, (SELECT coalesce(sum(nans), 0) FROM gen_k) AS made;
DO $$
DECLARE a gen_ask;
BEGIN
	SELECT * INTO a FROM gen_ask;
	IF abs(a.made - a.asked) > 0.05 * a.asked THEN
		RAISE WARNING 'generate: % answers made, not the % asked for: too many per trainee', a.made, a.asked;
	END IF;
END $$;

COMMIT;

-- ---------------------------------------------------------------------------------------------------
-- 11. Fresh statistics for the planner, then the summary.
-- ---------------------------------------------------------------------------------------------------
\echo 'generate: vacuum and analyze'
VACUUM (ANALYZE) cohorts, users, cohort_modules, cohort_facilitators, lesson_reads, attempts, answers,
	scenario_runs, scenario_moves, certificates, progress;

\pset footer off
\echo 'generate: made'
WITH c AS (SELECT id FROM cohorts WHERE name ~ '^Demo cohort [0-9]{3,}( |$)'),
u AS (SELECT id FROM users WHERE role = 'trainee' AND cohort_id IN (SELECT id FROM c))
SELECT (SELECT count(*) FROM c) AS cohorts,
	(SELECT count(*) FROM u) AS trainees,
	(SELECT count(*) FROM attempts WHERE user_id IN (SELECT id FROM u)) AS attempts,
	(SELECT count(*) FROM answers WHERE attempt_id IN (SELECT id FROM attempts WHERE user_id IN (SELECT id FROM u))) AS answers,
	(SELECT count(*) FROM lesson_reads WHERE user_id IN (SELECT id FROM u)) AS lesson_reads,
	(SELECT count(*) FROM scenario_runs WHERE user_id IN (SELECT id FROM u)) AS scenario_runs,
	(SELECT count(*) FROM scenario_moves WHERE run_id IN (SELECT id FROM scenario_runs WHERE user_id IN (SELECT id FROM u))) AS scenario_moves,
	(SELECT count(*) FROM certificates WHERE user_id IN (SELECT id FROM u)) AS certificates;
SQL
ms=$((($(date +%s%N) - start) / 1000000))
printf 'generate: done in %d.%d s\n' $((ms / 1000)) $((ms % 1000 / 100))
