-- 005_facilitation: who runs which cohort, which modules a cohort is asked to take and by when, and how
-- its reports may be shown.

-- "Aggregate only": facilitators see no individual rows and no figure computed from fewer than five
-- trainees.
ALTER TABLE cohorts ADD COLUMN aggregate_only boolean NOT NULL DEFAULT false;

-- A cohort can have several facilitators; administrators see every cohort without being listed here.
CREATE TABLE cohort_facilitators (
	cohort_id bigint NOT NULL REFERENCES cohorts (id),
	user_id bigint NOT NULL REFERENCES users (id),
	added_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_facilitators_user ON cohort_facilitators (user_id);

-- The modules a cohort is asked to take, each with an optional due date.
CREATE TABLE cohort_modules (
	cohort_id bigint NOT NULL REFERENCES cohorts (id),
	module_id bigint NOT NULL REFERENCES modules (id),
	due_on date,
	PRIMARY KEY (cohort_id, module_id)
);

-- Cohorts made before this migration keep offering every module.
INSERT INTO cohort_modules (cohort_id, module_id) SELECT c.id, m.id FROM cohorts c CROSS JOIN modules m;

-- The reports read a cohort's trainees' events by trainee and module.
CREATE INDEX scenario_runs_module ON scenario_runs (module_id, user_id);
CREATE INDEX users_cohort_trainee ON users (cohort_id, id) WHERE role = 'trainee';
