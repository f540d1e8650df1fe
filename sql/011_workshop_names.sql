-- 011_workshop_names: one word per concept. A live workshop was a "live session" in the schema, and
-- "session" is also the word for a sign-in (the table sessions); from here on the live kind is a workshop
-- in the schema as in the code, the addresses and the pages. Only names change: no row, type or rule.

ALTER TABLE live_sessions RENAME TO workshops;
ALTER SEQUENCE live_sessions_id_seq RENAME TO workshops_id_seq;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_pkey TO workshops_pkey;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_code_key TO workshops_code_key;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_code_check TO workshops_code_check;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_title_check TO workshops_title_check;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_state_check TO workshops_state_check;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_blocked_words_check TO workshops_blocked_words_check;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_owner_id_fkey TO workshops_owner_id_fkey;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_cohort_id_fkey TO workshops_cohort_id_fkey;
ALTER TABLE workshops RENAME CONSTRAINT live_sessions_current_id_fkey TO workshops_current_id_fkey;
ALTER INDEX live_sessions_owner RENAME TO workshops_owner;
ALTER INDEX live_sessions_cohort RENAME TO workshops_cohort;

ALTER TABLE live_questions RENAME COLUMN session_id TO workshop_id;
ALTER TABLE live_questions RENAME CONSTRAINT live_questions_session_id_fkey TO live_questions_workshop_id_fkey;
ALTER TABLE live_questions RENAME CONSTRAINT live_questions_session_id_position_key
	TO live_questions_workshop_id_position_key;

ALTER TABLE live_participants RENAME COLUMN session_id TO workshop_id;
ALTER TABLE live_participants RENAME CONSTRAINT live_participants_session_id_fkey TO live_participants_workshop_id_fkey;
ALTER TABLE live_participants RENAME CONSTRAINT live_participants_session_id_user_id_key
	TO live_participants_workshop_id_user_id_key;
ALTER INDEX live_participants_session RENAME TO live_participants_workshop;

-- trainee_merge (010_recovery) names live_participants.session_id in its PL/pgSQL body, which PostgreSQL
-- reads only when the function runs, so the rename above would break it then. It is made again from its
-- own text with the column's new name (the only place that text says session_id), rather than copied here.
DO $$
DECLARE
	def text := pg_get_functiondef('trainee_merge(bigint, bigint)'::regprocedure);
BEGIN
	IF position('session_id' IN def) = 0 THEN
		RAISE EXCEPTION 'trainee_merge no longer names session_id: 011_workshop_names needs looking at';
	END IF;
	EXECUTE replace(def, 'session_id', 'workshop_id');
END $$;
