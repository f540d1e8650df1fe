-- 008_progress_rules: "Continue" goes to the first step not done, worked out from what the trainee did, so
-- the page a trainee last opened is no longer kept. Opening a page that records nothing (a quiz's form)
-- no longer counts as activity in the progress summary either.
DROP TRIGGER progress_places ON module_places;
DROP FUNCTION progress_from_place();
DROP TABLE module_places;
-- A trainee who only opened pages did nothing yet: their summary row goes, so they show as not started.
DELETE FROM progress p WHERE NOT EXISTS (SELECT 1 FROM lesson_reads x WHERE x.user_id = p.user_id AND x.module_id = p.module_id)
	AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.user_id = p.user_id AND a.module_id = p.module_id)
	AND NOT EXISTS (SELECT 1 FROM scenario_runs s WHERE s.user_id = p.user_id AND s.module_id = p.module_id);
