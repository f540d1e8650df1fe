-- 003_content: training modules, loaded as revisions, and everything a trainee does with them.
-- Loading an edited module adds a revision; rows of older revisions stay, so every answer keeps
-- pointing at the very question (and options) the trainee saw.

CREATE TABLE modules (
	id bigserial PRIMARY KEY,
	slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{1,40}$'),
	position integer NOT NULL,
	current_revision bigint
);

CREATE TABLE module_revisions (
	id bigserial PRIMARY KEY,
	module_id bigint NOT NULL REFERENCES modules (id),
	number integer NOT NULL,
	fingerprint text NOT NULL,
	title text NOT NULL,
	summary text NOT NULL,
	pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 1 AND 100),
	attempts integer NOT NULL CHECK (attempts BETWEEN 0 AND 20),
	scenario_title text,
	scenario_start text,
	notes_html text,
	lesson_count integer NOT NULL,      -- counted at load time, for the pages
	quiz_count integer NOT NULL,
	precheck_count integer NOT NULL,
	loaded_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (module_id, number)
);
ALTER TABLE modules ADD FOREIGN KEY (current_revision) REFERENCES module_revisions (id);

CREATE TABLE lessons (
	id bigserial PRIMARY KEY,
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	position integer NOT NULL,          -- 1, 2, ...
	file text NOT NULL,
	title text NOT NULL,
	html text NOT NULL,                 -- rendered at load time
	words integer NOT NULL,
	UNIQUE (revision_id, position)
);

CREATE TABLE questions (
	id bigserial PRIMARY KEY,
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	set text NOT NULL CHECK (set IN ('quiz', 'precheck')),
	position integer NOT NULL,
	key text NOT NULL,                  -- the author's id
	kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'truefalse')),
	text text NOT NULL,
	explanation text NOT NULL,
	source text NOT NULL,
	UNIQUE (revision_id, set, position),
	UNIQUE (revision_id, set, key)
);

CREATE TABLE options (
	id bigserial PRIMARY KEY,
	question_id bigint NOT NULL REFERENCES questions (id),
	position integer NOT NULL,          -- 0 = A
	text text NOT NULL,
	feedback text,
	correct boolean NOT NULL,
	UNIQUE (question_id, position)
);

CREATE TABLE scenario_steps (
	id bigserial PRIMARY KEY,
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	key text NOT NULL,
	is_ending boolean NOT NULL,
	outcome text CHECK (outcome IN ('good', 'mixed', 'poor')),
	title text,
	text text NOT NULL,
	UNIQUE (revision_id, key)
);

CREATE TABLE scenario_choices (
	id bigserial PRIMARY KEY,
	step_id bigint NOT NULL REFERENCES scenario_steps (id),
	position integer NOT NULL,
	label text NOT NULL,
	feedback text,
	target_key text NOT NULL,
	UNIQUE (step_id, position)
);

CREATE TABLE glossary (
	key text PRIMARY KEY,
	name text NOT NULL,
	text text NOT NULL
);
