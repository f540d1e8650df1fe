-- 012_content_pages: content that belongs to no module, loaded with the modules by `passage content load`.
-- Today one page: what the seminar summary is and how to read it (web/modules/about-the-source.md), which
-- every lesson's Sources list links to. Rendered from Markdown at load, like the lessons.
CREATE TABLE content_pages (
	key text PRIMARY KEY CHECK (key ~ '^[a-z0-9-]{1,40}$'),
	title text NOT NULL,
	html text NOT NULL
);
