-- 009_quiz: a quiz that measures learning. When the review shows the right answers is a module's
-- setting (module.txt: show-answers), kept per revision like the pass mark. Revisions loaded before
-- take the new default: after the trainee has passed.
ALTER TABLE module_revisions ADD COLUMN show_answers text NOT NULL DEFAULT 'after-passing'
	CHECK (show_answers IN ('after-passing', 'always', 'never'));

-- Options are shown in an order shuffled per attempt; answers keep the written positions, so every
-- report and export stays per written option.
COMMENT ON COLUMN answers.options IS
	'chosen option positions as written in the module (0 = A), whatever order they were shown in';
