-- 001_init: the instance's own facts. schema_migrations itself is created by `passage migrate`.
CREATE TABLE instance (
	id boolean PRIMARY KEY DEFAULT true CHECK (id),
	created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO instance DEFAULT VALUES;
