/* doctor.c (store): what `passage doctor` asks the database: can the configured role connect, is it a
 * superuser (it should not be), may it read and write every table and use every sequence, and which
 * migration the schema is at. */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/stmt.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
	size_t l = strlen(dst);
	while (l > 0 && (dst[l - 1] == '\n' || dst[l - 1] == ' '))
		dst[--l] = '\0';
}

int db_doctor(const char *conninfo, struct db_doctor *out)
{
	memset(out, 0, sizeof(*out));
	out->schema_version = -1;
	PGconn *c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK) {
		copy(out->error, sizeof(out->error), PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	out->connected = true;
	/* Not in the statement table: the doctor asks the catalogs, not the application's tables, on a
	 * connection of its own made with the configured string as given, before anything says the schema is
	 * there (the table's statements are prepared on the server's connections, which refuse a schema they
	 * do not match). Its columns, in order: */
	enum { DOC_ROLE, DOC_SUPERUSER, DOC_SERVER_VERSION, DOC_MISSING_TABLES, DOC_MISSING_SEQUENCES, DOC_CAN_CREATE,
	       DOC_MIGRATED, DOC_IN_RECOVERY, DOC_ENCODING };
	PGresult *r = PQexec(c,
		"SELECT current_user, r.rolsuper, current_setting('server_version'),"
		" coalesce((SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c"
		"   JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
		"   AND CASE WHEN c.relkind = 'r' THEN NOT (has_table_privilege(c.oid, 'SELECT')"
		"   AND has_table_privilege(c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE')"
		"   AND has_table_privilege(c.oid, 'DELETE')) ELSE false END), ''),"
		" coalesce((SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c"
		"   JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
		"   AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege(c.oid, 'USAGE') ELSE false END), ''),"
		" has_schema_privilege('public', 'CREATE'),"
		" to_regclass('public.schema_migrations') IS NOT NULL, pg_is_in_recovery(), current_setting('server_encoding')"
		" FROM pg_roles r WHERE r.rolname = current_user");
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		copy(out->error, sizeof(out->error), PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
		return -1;
	}
	copy(out->role, sizeof(out->role), PQgetvalue(r, 0, DOC_ROLE));
	out->superuser = PQgetvalue(r, 0, DOC_SUPERUSER)[0] == 't';
	copy(out->server_version, sizeof(out->server_version), PQgetvalue(r, 0, DOC_SERVER_VERSION));
	copy(out->missing_tables, sizeof(out->missing_tables), PQgetvalue(r, 0, DOC_MISSING_TABLES));
	copy(out->missing_sequences, sizeof(out->missing_sequences), PQgetvalue(r, 0, DOC_MISSING_SEQUENCES));
	out->can_create = PQgetvalue(r, 0, DOC_CAN_CREATE)[0] == 't';
	bool migrated = PQgetvalue(r, 0, DOC_MIGRATED)[0] == 't';
	out->in_recovery = PQgetvalue(r, 0, DOC_IN_RECOVERY)[0] == 't';
	copy(out->encoding, sizeof(out->encoding), PQgetvalue(r, 0, DOC_ENCODING));
	PQclear(r);
	if (migrated) {
		r = PQexec(c, stmt_defs[STMT_SCHEMA_VERSION].sql);   /* the table's text, unprepared on this connection */
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
			out->schema_version = atoi(PQgetvalue(r, 0, SCHEMA_VERSION));
		PQclear(r);
	} else {
		out->schema_version = 0;
	}
	PQfinish(c);
	return 0;
}
