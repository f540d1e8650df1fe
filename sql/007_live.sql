-- 007_live.sql: live workshops. A facilitator runs a session of questions; a room joins with a short
-- code from their phones and answers one question at a time. Participants are anonymous unless a
-- signed-in trainee joins, whose answers then belong to their record.

CREATE TABLE live_sessions (
	id bigserial PRIMARY KEY,
	code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z]{6}$'),   -- normalised, without the dash
	title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
	owner_id bigint NOT NULL REFERENCES users (id),
	cohort_id bigint REFERENCES cohorts (id),
	state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'running', 'ended')),
	current_id bigint,                  -- the question on screen; NULL: the join screen
	hold_posts boolean NOT NULL DEFAULT false,   -- new open answers and Q&A posts wait for approval
	blocked_words text NOT NULL DEFAULT '' CHECK (length(blocked_words) <= 2000),
	-- Bumped by every change a participant's page shows (the facilitator's moves, Q&A posts and votes,
	-- moderation): a phone's poll compares it with its ETag and gets 304 when nothing changed.
	version bigint NOT NULL DEFAULT 1,
	created_at timestamptz NOT NULL DEFAULT now(),
	started_at timestamptz,
	ended_at timestamptz
);
CREATE INDEX live_sessions_owner ON live_sessions (owner_id);
CREATE INDEX live_sessions_cohort ON live_sessions (cohort_id);

CREATE TABLE live_questions (
	id bigserial PRIMARY KEY,
	session_id bigint NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
	position integer NOT NULL,
	kind text NOT NULL CHECK (kind IN ('quiz', 'poll', 'scale', 'open', 'qa')),
	prompt text NOT NULL CHECK (length(prompt) BETWEEN 1 AND 500),
	source_question_id bigint REFERENCES questions (id),   -- copied from a module's quiz
	opened_at timestamptz,              -- answers are taken while opened_at is set and closed_at is not
	closed_at timestamptz,
	revealed_at timestamptz,            -- participants see the results (and the right answer)
	UNIQUE (session_id, position)
);
ALTER TABLE live_sessions ADD FOREIGN KEY (current_id) REFERENCES live_questions (id) ON DELETE SET NULL;

-- Choices of a quiz or poll; the two end labels of a 1-5 scale (positions 0 and 1).
CREATE TABLE live_options (
	question_id bigint NOT NULL REFERENCES live_questions (id) ON DELETE CASCADE,
	position smallint NOT NULL CHECK (position BETWEEN 0 AND 9),
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 200),
	correct boolean NOT NULL DEFAULT false,
	PRIMARY KEY (question_id, position)
);

CREATE TABLE live_participants (
	id bigserial PRIMARY KEY,
	session_id bigint NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
	token_hash bytea NOT NULL UNIQUE,   -- SHA-256 of the participant cookie
	user_id bigint REFERENCES users (id) ON DELETE CASCADE,   -- a signed-in trainee; NULL: anonymous
	name text CHECK (length(name) BETWEEN 1 AND 40),          -- NULL: anonymous
	joined_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (session_id, user_id)
);
CREATE INDEX live_participants_session ON live_participants (session_id);
CREATE INDEX live_participants_user ON live_participants (user_id) WHERE user_id IS NOT NULL;

-- One answer per participant per question: changing it replaces it (and counts the change).
CREATE TABLE live_answers (
	question_id bigint NOT NULL REFERENCES live_questions (id) ON DELETE CASCADE,
	participant_id bigint NOT NULL REFERENCES live_participants (id) ON DELETE CASCADE,
	choice smallint CHECK (choice BETWEEN 0 AND 9),   -- quiz and poll: option position; scale: 1-5
	body text CHECK (length(body) BETWEEN 1 AND 80),  -- open answers
	status text NOT NULL DEFAULT 'shown' CHECK (status IN ('shown', 'held', 'hidden')),
	changes integer NOT NULL DEFAULT 0,
	answered_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (question_id, participant_id),
	CHECK ((choice IS NULL) <> (body IS NULL))
);
CREATE INDEX live_answers_participant ON live_answers (participant_id);

-- The Q&A board: questions from the room, which others upvote.
CREATE TABLE live_posts (
	id bigserial PRIMARY KEY,
	question_id bigint NOT NULL REFERENCES live_questions (id) ON DELETE CASCADE,
	participant_id bigint NOT NULL REFERENCES live_participants (id) ON DELETE CASCADE,
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 280),
	status text NOT NULL DEFAULT 'shown' CHECK (status IN ('shown', 'held', 'hidden')),
	votes integer NOT NULL DEFAULT 0,
	posted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_posts_question ON live_posts (question_id, status);
CREATE INDEX live_posts_participant ON live_posts (participant_id, posted_at);

CREATE TABLE live_votes (
	post_id bigint NOT NULL REFERENCES live_posts (id) ON DELETE CASCADE,
	participant_id bigint NOT NULL REFERENCES live_participants (id) ON DELETE CASCADE,
	PRIMARY KEY (post_id, participant_id)
);
CREATE INDEX live_votes_participant ON live_votes (participant_id);
