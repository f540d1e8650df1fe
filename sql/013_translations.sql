-- 013_translations: the content in other languages, loaded with the English by `passage content load`
-- (web/modules/CODE/ and web/modules/SLUG/CODE/). A translation belongs to a revision, as the English does:
-- an edited translation makes a new revision. What is not translated is shown in English.
CREATE TABLE revision_translations (
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	lang text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
	title text NOT NULL,
	summary text NOT NULL,
	PRIMARY KEY (revision_id, lang)
);

CREATE TABLE lesson_translations (
	revision_id bigint NOT NULL REFERENCES module_revisions (id),
	position integer NOT NULL,
	lang text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
	title text NOT NULL,
	html text NOT NULL,                 -- rendered at load time, with the language's glossary and labels
	words integer NOT NULL,
	PRIMARY KEY (revision_id, position, lang),
	FOREIGN KEY (revision_id, position) REFERENCES lessons (revision_id, position)
);

CREATE TABLE glossary_translations (
	key text NOT NULL REFERENCES glossary (key) ON DELETE CASCADE,
	lang text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
	name text NOT NULL,
	text text NOT NULL,
	PRIMARY KEY (key, lang)
);

ALTER TABLE content_pages ADD COLUMN lang text NOT NULL DEFAULT 'en' CHECK (lang ~ '^[a-z]{2,3}$');
ALTER TABLE content_pages DROP CONSTRAINT content_pages_pkey;
ALTER TABLE content_pages ADD PRIMARY KEY (key, lang);
