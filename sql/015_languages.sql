-- 015_languages: the language of the interface and the content a person reads. A person's own choice
-- (made with the language switch while signed in); else their cohort's, which the facilitator sets and
-- the join sheet follows; a live workshop's, which the projector follows. NULL: no choice made, and the
-- browser's Accept-Language decides.
ALTER TABLE users ADD COLUMN lang text CHECK (lang ~ '^[a-z]{2,3}$');
ALTER TABLE cohorts ADD COLUMN lang text CHECK (lang ~ '^[a-z]{2,3}$');
ALTER TABLE workshops ADD COLUMN lang text CHECK (lang ~ '^[a-z]{2,3}$');
-- The language a pre-check or quiz was answered in (the questions' as shown): reports aggregate an item
-- across languages and can be filtered by one. NULL: answered before this was recorded.
ALTER TABLE attempts ADD COLUMN lang text CHECK (lang ~ '^[a-z]{2,3}$');
