-- 010_recovery: what a facilitator needs when a trainee loses their way back in: fresh quiz attempts
-- given back, and two accounts of one person made one.

-- Quiz attempts a facilitator gave back: a module that limits attempts allows this many more to this
-- trainee. Every attempt and answer stays recorded, so the cohort's figures do not change.
CREATE TABLE attempt_allowances (
	user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	module_id bigint NOT NULL REFERENCES modules (id),
	extra integer NOT NULL CHECK (extra >= 0),
	PRIMARY KEY (user_id, module_id)
);

-- Moves every record of trainee `gone` to trainee `keep` (both of one cohort) in one statement, so in
-- one transaction: lesson reads (a lesson read by both counts once, at its first reading), attempts
-- (renumbered by when they were submitted, so numbers stay unique per module and set; answers follow
-- their attempt), case runs and their moves, certificates (the earlier of two for one module is kept),
-- allowances, live participation (a session both took part in keeps gone's answers under an anonymous
-- place, so its results do not change), and a user name and password when only gone had one. Then the summary of 006_progress_summary is rebuilt for keep, and gone, with its
-- sessions and resume code, is deleted. Returns false, changing nothing, when the two are not distinct
-- trainees of one cohort.
CREATE FUNCTION trainee_merge(keep bigint, gone bigint) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	n integer;
	uname text;
	pwhash text;
BEGIN
	SELECT count(*) INTO n FROM (SELECT 1 FROM users WHERE id IN (keep, gone) AND role = 'trainee'
		AND cohort_id IS NOT NULL ORDER BY id FOR UPDATE) x;
	IF keep = gone OR n <> 2
		OR (SELECT count(DISTINCT cohort_id) FROM users WHERE id IN (keep, gone)) <> 1 THEN
		RETURN false;
	END IF;

	INSERT INTO lesson_reads AS l (user_id, module_id, position, revision_id, read_at)
		SELECT keep, module_id, position, revision_id, read_at FROM lesson_reads WHERE user_id = gone
		ON CONFLICT (user_id, module_id, position) DO UPDATE SET read_at = least(l.read_at, excluded.read_at);
	DELETE FROM lesson_reads WHERE user_id = gone;

	-- Out of the way first: the unique number is checked row by row.
	UPDATE attempts SET number = number + 1000000 WHERE user_id IN (keep, gone);
	UPDATE attempts a SET user_id = keep, number = o.n
		FROM (SELECT id, row_number() OVER (PARTITION BY module_id, set ORDER BY submitted_at, id)::integer AS n
			FROM attempts WHERE user_id IN (keep, gone)) o
		WHERE a.id = o.id;

	UPDATE scenario_runs SET user_id = keep WHERE user_id = gone;

	DELETE FROM certificates c USING certificates o
		WHERE c.user_id IN (keep, gone) AND o.user_id IN (keep, gone) AND o.user_id <> c.user_id
		AND o.module_id = c.module_id AND (o.issued_at, o.code) < (c.issued_at, c.code);
	UPDATE certificates SET user_id = keep WHERE user_id = gone;

	INSERT INTO attempt_allowances AS w (user_id, module_id, extra)
		SELECT keep, module_id, extra FROM attempt_allowances WHERE user_id = gone
		ON CONFLICT (user_id, module_id) DO UPDATE SET extra = w.extra + excluded.extra;
	DELETE FROM attempt_allowances WHERE user_id = gone;

	UPDATE live_participants g SET user_id = NULL WHERE g.user_id = gone
		AND EXISTS (SELECT 1 FROM live_participants k WHERE k.session_id = g.session_id AND k.user_id = keep);
	UPDATE live_participants SET user_id = keep WHERE user_id = gone;

	SELECT username, password_hash INTO uname, pwhash FROM users WHERE id = gone;
	DELETE FROM sessions WHERE user_id = gone;
	DELETE FROM progress WHERE user_id IN (keep, gone);
	DELETE FROM users WHERE id = gone;
	UPDATE users SET username = uname, password_hash = pwhash
		WHERE id = keep AND username IS NULL AND uname IS NOT NULL;

	-- The summary, rebuilt for keep as 006_progress_summary first filled it.
	INSERT INTO progress (user_id, module_id, lessons, lessons_at, quiz_attempts, best, first_quiz, first_pre,
		passed_at, scenario_at, last_at)
	SELECT keep, k.module_id,
		coalesce((SELECT bit_or(1::bigint << (x.position - 1)) FROM lesson_reads x WHERE x.user_id = keep
			AND x.module_id = k.module_id AND x.position BETWEEN 1 AND 63), 0),
		(SELECT max(read_at) FROM lesson_reads x WHERE x.user_id = keep AND x.module_id = k.module_id),
		(SELECT count(*) FROM attempts a WHERE a.user_id = keep AND a.module_id = k.module_id AND a.set = 'quiz'),
		(SELECT max(score) FROM attempts a WHERE a.user_id = keep AND a.module_id = k.module_id AND a.set = 'quiz'),
		(SELECT score FROM attempts a WHERE a.user_id = keep AND a.module_id = k.module_id AND a.set = 'quiz'
			AND a.number = 1),
		(SELECT score FROM attempts a WHERE a.user_id = keep AND a.module_id = k.module_id AND a.set = 'precheck'
			AND a.number = 1),
		(SELECT min(submitted_at) FROM attempts a WHERE a.user_id = keep AND a.module_id = k.module_id
			AND a.set = 'quiz' AND a.passed),
		(SELECT min(ended_at) FROM scenario_runs s WHERE s.user_id = keep AND s.module_id = k.module_id),
		greatest(
			(SELECT max(read_at) FROM lesson_reads x WHERE x.user_id = keep AND x.module_id = k.module_id),
			(SELECT max(submitted_at) FROM attempts a WHERE a.user_id = keep AND a.module_id = k.module_id),
			(SELECT max(coalesce(ended_at, started_at)) FROM scenario_runs s WHERE s.user_id = keep
				AND s.module_id = k.module_id))
	FROM (SELECT module_id FROM lesson_reads WHERE user_id = keep UNION SELECT module_id FROM attempts
		WHERE user_id = keep UNION SELECT module_id FROM scenario_runs WHERE user_id = keep) k;
	RETURN true;
END $$;
