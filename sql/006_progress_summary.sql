-- 006_progress_summary: one row per trainee and module, kept up to date by triggers on the tables the
-- training pages write, so a cohort's dashboards read 1,000 trainees' records by index instead of
-- aggregating their every event. Any writer (the app, the demo generator, a restore) keeps it right.
-- The app never deletes events; deleting a user deletes their rows here.
CREATE TABLE progress (
	user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	module_id bigint NOT NULL REFERENCES modules (id),
	lessons bigint NOT NULL DEFAULT 0,   -- bit p-1 set: the lesson at position p was read (p = 1..63)
	lessons_at timestamptz,              -- the latest first reading of a lesson
	quiz_attempts integer NOT NULL DEFAULT 0,
	best integer,                        -- the best quiz score
	first_quiz integer,                  -- the score of quiz attempt 1
	first_pre integer,                   -- the score of the pre-check (attempt 1)
	passed_at timestamptz,               -- the first passing quiz attempt
	scenario_at timestamptz,             -- the first finished run of the case
	last_at timestamptz NOT NULL,        -- the latest event of any kind
	PRIMARY KEY (user_id, module_id)
);

-- Statement-level triggers read the rows a statement added as one table: one upsert per statement,
-- whether it added one row (the app) or a million (the generator).
CREATE FUNCTION progress_from_reads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO progress AS p (user_id, module_id, lessons, lessons_at, last_at)
	SELECT user_id, module_id, coalesce(bit_or(1::bigint << (position - 1)) FILTER (WHERE position BETWEEN 1 AND 63), 0),
		max(read_at), max(read_at)
	FROM new_rows GROUP BY user_id, module_id
	ON CONFLICT (user_id, module_id) DO UPDATE SET lessons = p.lessons | excluded.lessons,
		lessons_at = greatest(p.lessons_at, excluded.lessons_at), last_at = greatest(p.last_at, excluded.last_at);
	RETURN NULL;
END $$;

CREATE FUNCTION progress_from_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO progress AS p (user_id, module_id, quiz_attempts, best, first_quiz, first_pre, passed_at, last_at)
	SELECT user_id, module_id, count(*) FILTER (WHERE set = 'quiz'), max(score) FILTER (WHERE set = 'quiz'),
		min(score) FILTER (WHERE set = 'quiz' AND number = 1), min(score) FILTER (WHERE set = 'precheck' AND number = 1),
		min(submitted_at) FILTER (WHERE set = 'quiz' AND passed), max(submitted_at)
	FROM new_rows GROUP BY user_id, module_id
	ON CONFLICT (user_id, module_id) DO UPDATE SET quiz_attempts = p.quiz_attempts + excluded.quiz_attempts,
		best = greatest(p.best, excluded.best), first_quiz = coalesce(p.first_quiz, excluded.first_quiz),
		first_pre = coalesce(p.first_pre, excluded.first_pre), passed_at = least(p.passed_at, excluded.passed_at),
		last_at = greatest(p.last_at, excluded.last_at);
	RETURN NULL;
END $$;

CREATE FUNCTION progress_from_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO progress AS p (user_id, module_id, scenario_at, last_at)
	SELECT user_id, module_id, min(ended_at), max(greatest(started_at, ended_at, CASE WHEN TG_OP = 'UPDATE' THEN now() END))
	FROM new_rows GROUP BY user_id, module_id
	ON CONFLICT (user_id, module_id) DO UPDATE SET scenario_at = least(p.scenario_at, excluded.scenario_at),
		last_at = greatest(p.last_at, excluded.last_at);
	RETURN NULL;
END $$;

CREATE FUNCTION progress_from_places() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO progress AS p (user_id, module_id, last_at)
	SELECT user_id, module_id, max(updated_at) FROM new_rows GROUP BY user_id, module_id
	ON CONFLICT (user_id, module_id) DO UPDATE SET last_at = greatest(p.last_at, excluded.last_at);
	RETURN NULL;
END $$;

CREATE TRIGGER progress_reads AFTER INSERT ON lesson_reads REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION progress_from_reads();
CREATE TRIGGER progress_attempts AFTER INSERT ON attempts REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION progress_from_attempts();
CREATE TRIGGER progress_runs_insert AFTER INSERT ON scenario_runs REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION progress_from_runs();
CREATE TRIGGER progress_runs_update AFTER UPDATE ON scenario_runs REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION progress_from_runs();
CREATE TRIGGER progress_places_insert AFTER INSERT ON module_places REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION progress_from_places();
CREATE TRIGGER progress_places_update AFTER UPDATE ON module_places REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION progress_from_places();

-- What is already recorded.
INSERT INTO progress (user_id, module_id, lessons, lessons_at, quiz_attempts, best, first_quiz, first_pre, passed_at,
	scenario_at, last_at)
SELECT k.user_id, k.module_id,
	coalesce((SELECT bit_or(1::bigint << (x.position - 1)) FROM lesson_reads x WHERE x.user_id = k.user_id
		AND x.module_id = k.module_id AND x.position BETWEEN 1 AND 63), 0),
	(SELECT max(read_at) FROM lesson_reads x WHERE x.user_id = k.user_id AND x.module_id = k.module_id),
	(SELECT count(*) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'quiz'),
	(SELECT max(score) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'quiz'),
	(SELECT score FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'quiz'
		AND a.number = 1),
	(SELECT score FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'precheck'
		AND a.number = 1),
	(SELECT min(submitted_at) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id
		AND a.set = 'quiz' AND a.passed),
	(SELECT min(ended_at) FROM scenario_runs s WHERE s.user_id = k.user_id AND s.module_id = k.module_id),
	greatest(
		(SELECT max(read_at) FROM lesson_reads x WHERE x.user_id = k.user_id AND x.module_id = k.module_id),
		(SELECT max(submitted_at) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id),
		(SELECT max(coalesce(ended_at, started_at)) FROM scenario_runs s WHERE s.user_id = k.user_id
			AND s.module_id = k.module_id),
		(SELECT max(updated_at) FROM module_places p WHERE p.user_id = k.user_id AND p.module_id = k.module_id))
FROM (SELECT user_id, module_id FROM lesson_reads UNION SELECT user_id, module_id FROM attempts
	UNION SELECT user_id, module_id FROM scenario_runs UNION SELECT user_id, module_id FROM module_places) k;
