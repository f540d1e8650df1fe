-- 004_progress: what trainees do with the modules. Every event keeps enough to rebuild the facilitator
-- statistics: who, which revision, which question and options, which attempt, which path, when.

-- A lesson counts as read when the trainee reaches its end and moves on. Kept by position, so that a
-- new revision of a module does not take back what was read.
CREATE TABLE lesson_reads (
	user_id bigint NOT NULL REFERENCES users (id),
	module_id bigint NOT NULL REFERENCES modules (id),
	position integer NOT NULL,
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	read_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (user_id, module_id, position)
);

-- Where the trainee was last, to continue there: 'lesson:N', 'precheck', 'quiz', 'scenario'.
CREATE TABLE module_places (
	user_id bigint NOT NULL REFERENCES users (id),
	module_id bigint NOT NULL REFERENCES modules (id),
	place text NOT NULL CHECK (place ~ '^(lesson:[0-9]{1,3}|precheck|quiz|scenario)$'),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (user_id, module_id)
);

-- Quiz and pre-check attempts, numbered per trainee, module and set. The unique number makes a form
-- posted twice (or from two tabs) count once.
CREATE TABLE attempts (
	id bigserial PRIMARY KEY,
	user_id bigint NOT NULL REFERENCES users (id),
	module_id bigint NOT NULL REFERENCES modules (id),
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	set text NOT NULL CHECK (set IN ('quiz', 'precheck')),
	number integer NOT NULL CHECK (number > 0),
	correct integer NOT NULL,
	total integer NOT NULL,
	score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
	passed boolean NOT NULL,
	submitted_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (user_id, module_id, set, number)
);

CREATE TABLE answers (
	attempt_id bigint NOT NULL REFERENCES attempts (id),
	question_id bigint NOT NULL REFERENCES questions (id),
	options integer[] NOT NULL,          -- chosen option positions (0 = A), as shown
	correct boolean NOT NULL,
	PRIMARY KEY (attempt_id, question_id)
);
CREATE INDEX answers_question ON answers (question_id);

-- Walks through a scenario: each run is one path; each move is a choice made at a step.
CREATE TABLE scenario_runs (
	id bigserial PRIMARY KEY,
	user_id bigint NOT NULL REFERENCES users (id),
	module_id bigint NOT NULL REFERENCES modules (id),
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	current_key text NOT NULL,           -- the step the trainee is at
	moves integer NOT NULL DEFAULT 0,
	started_at timestamptz NOT NULL DEFAULT now(),
	ended_at timestamptz,
	outcome text CHECK (outcome IN ('good', 'mixed', 'poor'))
);
CREATE INDEX scenario_runs_user ON scenario_runs (user_id, module_id);

CREATE TABLE scenario_moves (
	run_id bigint NOT NULL REFERENCES scenario_runs (id),
	seq integer NOT NULL,
	step_id bigint NOT NULL REFERENCES scenario_steps (id),
	choice_id bigint NOT NULL REFERENCES scenario_choices (id),
	at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (run_id, seq)
);

-- What a certificate shows is copied here when it is issued, so it reads the same forever.
CREATE TABLE certificates (
	code text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
	user_id bigint NOT NULL REFERENCES users (id),
	module_id bigint NOT NULL REFERENCES modules (id),
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	display_name text NOT NULL,
	module_title text NOT NULL,
	issued_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (user_id, module_id)
);
