/* stmt.c: the statement table. All SQL the server runs is here, parameterised with $n. */
#include "store/stmt.h"

const struct stmt_def stmt_defs[STMT__MAX] = {
	[STMT_PING] = {"ping", "SELECT 1", 0},
	[STMT_SCHEMA_VERSION] = {"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations", 0},
};
