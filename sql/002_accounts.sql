-- 002_accounts: cohorts, people, sessions, and throttling state.

CREATE TABLE cohorts (
	id bigserial PRIMARY KEY,
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
	-- normalised join code (8 Crockford base32 symbols), unique among all cohorts
	join_code text UNIQUE CHECK (join_code ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
	join_enabled boolean NOT NULL DEFAULT true,
	join_expires_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	archived_at timestamptz
);

CREATE TABLE users (
	id bigserial PRIMARY KEY,
	role text NOT NULL CHECK (role IN ('trainee', 'facilitator', 'admin')),
	-- staff sign in with a user name; a trainee may choose one when setting a password
	username text UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
	display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
	password_hash text,
	-- HMAC of the trainee's resume code under the server key: a database dump cannot be replayed
	resume_hash bytea UNIQUE,
	cohort_id bigint REFERENCES cohorts (id),
	created_at timestamptz NOT NULL DEFAULT now(),
	disabled_at timestamptz,
	CHECK (role = 'trainee' OR username IS NOT NULL)
);
CREATE INDEX users_cohort ON users (cohort_id);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
	token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	idle_seconds integer NOT NULL CHECK (idle_seconds > 0)
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed attempts per key ('signin:user:NAME', 'signin:addr:ADDR', 'code:addr:ADDR'); times in epoch s.
CREATE TABLE throttle (
	key text PRIMARY KEY,
	failures integer NOT NULL,
	window_start bigint NOT NULL,
	last_failure bigint NOT NULL,
	locked_until bigint NOT NULL DEFAULT 0
);
