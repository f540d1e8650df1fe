/* test_names.c: names that are not Latin, end to end through nginx over TLS. Trainees named in Arabic,
 * Ethiopic, Devanagari, emoji and combining marks join, resume on another device, take part in a live
 * workshop and appear byte for byte in every export (each with its byte order mark) and isolated on every
 * page; limits are counted in characters and a name at the limit is kept whole. And small things seen on
 * the way: one full stop after an answer, one heading on the notes page. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

/* A 14-character Ethiopic name (42 bytes): the live workshop once cut it at 40 bytes, in the middle of
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
	return e2e_staff("facilitator", "FACILITATOR_PASSWORD");
}

/* Whether `loc` is `location` with a number where it says "%ld"; the number goes in *id. */
static bool location_is(const char *loc, const char *location, long *id)
{
	const char *hole = strstr(location, "%ld");
	size_t pre = (size_t)(hole - location);
	if (loc == NULL || strncmp(loc, location, pre) != 0)
		return false;
	char *end;
	*id = strtol(loc + pre, &end, 10);
	return end > loc + pre && strcmp(end, hole + 3) == 0;
}

/* POSTs the form at `path` and reads the new thing's id from where it is sent (`location`, with "%ld" where
 * the id is). */
static long post_new(struct client *c, const char *path, const char *fields, const char *location)
{
	struct http_res r;
	cr_assert_eq(e2e_post(c, path, path, fields, &r), 303, "POST %s %s", path, fields);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(location_is(loc, location, &id), "sent to %s", loc ? loc : "(nowhere)");
	free(loc);
	http_res_free(&r);
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

/* A live workshop for `cohort` with one poll; returns its id and fills its code. */
static long new_workshop(struct client *f, long cohort, const char *title, char code[16])
{
	char fields[256], path[64];
	snprintf(fields, sizeof(fields), "title=%s&module=&cohort=%ld", title, cohort);
	long id = post_new(f, "/workshops", fields, "/workshops/%ld");
	snprintf(path, sizeof(path), "/workshops/%ld", id);
	cr_assert_eq(e2e_post(f, path, path, "action=add&kind=poll&prompt=Pick+one&options=One%0ATwo", NULL), 303);
	snprintf(fields, sizeof(fields), "%ld", id);
	char *c = text_of("SELECT code FROM workshops WHERE id = $1", fields);
	snprintf(code, 16, "%s", c);
	free(c);
	return id;
}

Test(names, signed_in_ethiopic_name_joins_a_live_workshop, .timeout = 60)
{
	struct client *f = facilitator(), *t = client_new();
	char code[16], fields[256];
	long id = new_workshop(f, e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL), "Ethiopic+names",
	                       code);
	char *name = enc(ETHIOPIC_14);
	free(e2e_join(t, name));
	snprintf(fields, sizeof(fields), "code=%s&name=", code);
	cr_expect_eq(e2e_post(t, "/live", "/live", fields, NULL), 303, "a signed-in trainee named " ETHIOPIC_14 " joins");
	char wid[32];
	snprintf(wid, sizeof(wid), "%ld", id);
	char *kept = text_of("SELECT name FROM live_participants WHERE workshop_id = $1", wid);
	cr_expect_str_eq(kept, ETHIOPIC_14, "the whole name, not cut");
	free(kept);
	free(name);
	client_free(t);
	client_free(f);
}

/* ---- every script, everywhere ---- */

#define ZOE_NFD "Zoe\xcc\x88"
#define NGUYEN_NFD "Nguye\xcc\x82\xcc\x83n"
static const char *const names[] = {
	"فاطمة الزهراء", "ሰላማዊት ገብረመድህን", "देवनागरी नाम", "Ana 🌍🧕🏽", ZOE_NFD, NGUYEN_NFD, "=1+2", NULL,
};
#define NNAMES 7

/* s repeated until it makes `chars` characters (s is one character). */
static char *repeat(const char *s, int chars)
{
	char *out = malloc(strlen(s) * (size_t)chars + 1);
	out[0] = '\0';
	for (int i = 0; i < chars; i++)
		strcat(out, s);
	return out;
}

/* The cells of one CSV row starting at *p (quoted cells unquoted), up to max; moves *p past the row's CRLF.
 * Returns the number of cells (0 at the end). Cells are malloc'd. */
static int csv_row(const char **p, char **cells, int max)
{
	int n = 0;
	const char *s = *p;
	if (*s == '\0')
		return 0;
	for (;;) {
		/* The cell's raw length bounds its unquoted one (strlen(s) here would make a big file quadratic). */
		const char *end = s;
		if (*end == '"') {
			for (end++; *end && !(*end == '"' && end[1] != '"'); end++)
				if (*end == '"')
					end++;
		} else {
			while (*end && *end != ',' && *end != '\r')
				end++;
		}
		char *cell = malloc((size_t)(end - s) + 1), *o = cell;
		if (*s == '"') {
			for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
				if (*s == '"')
					s++;
				*o++ = *s;
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && *s != ',' && *s != '\r')
				*o++ = *s++;
		}
		*o = '\0';
		if (n < max)
			cells[n++] = cell;
		else
			free(cell);
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] == '\r' && s[1] == '\n')
			s += 2;
		break;
	}
	*p = s;
	return n;
}

/* How many rows of a CSV body hold exactly `want` in the column named `col`. The body must begin with the
 * UTF-8 byte order mark. */
static int csv_count(const char *body, const char *col, const char *want)
{
	cr_assert_eq(strncmp(body, "\xef\xbb\xbf", 3), 0, "a CSV file begins with the UTF-8 byte order mark");
	const char *p = body + 3;
	char *cells[64];
	int n = csv_row(&p, cells, 64), k = -1, hits = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(cells[i], col) == 0)
			k = i;
		free(cells[i]);
	}
	cr_assert_geq(k, 0, "no column %s", col);
	while ((n = csv_row(&p, cells, 64)) > 0) {
		hits += k < n && strcmp(cells[k], want) == 0;
		for (int i = 0; i < n; i++)
			free(cells[i]);
	}
	return hits;
}

static char *csv_get(struct client *c, const char *path)
{
	struct http_res r;
	cr_assert_eq(e2e_get(c, path, &r), 200, "%s", path);
	char *ctype = http_res_header(&r, "content-type");
	cr_expect(ctype && strstr(ctype, "text/csv; charset=utf-8"), "%s: %s", path, ctype ? ctype : "");
	free(ctype);
	char *body = strdup(r.body);
	http_res_free(&r);
	return body;
}

static void expect_in(const char *body, const char *what, const char *where)
{
	cr_expect(strstr(body, what), "%s lacks [%s]", where, what);
}

/* A certificate for trainee `uid` in the first module, as the store would write it; returns its code. */
static char *certificate_for(long uid, const char *name, const char *code)
{
	PGconn *c = e2e_db();
	char id[32];
	snprintf(id, sizeof(id), "%ld", uid);
	const char *p[3] = {code, id, name};
	PGresult *r = PQexecParams(c, "INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, "
	                              "module_title) SELECT $1, $2, m.id, v.id, $3, v.title FROM modules m "
	                              "JOIN module_revisions v ON v.id = m.current_revision ORDER BY m.position LIMIT 1",
	                           3, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
	return strdup(code);
}

/* Takes the first module's quiz (wrong answers will do: every answer is a row of the answers file). */
static void take_quiz(struct client *t, const char *slug)
{
	char right[2048], wrong[2048], form[128], fields[4096];
	e2e_quiz_fields(t, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(t, form, form, fields, NULL), 303);
}

Test(names, every_script_joins_resumes_takes_part_and_is_exported_whole, .timeout = 240)
{
	struct client *f = facilitator();
	char fields[4096], path[256], ids[32];
	struct http_res r;

	/* A cohort named in Arabic at its limit, 120 characters (240 bytes). */
	char *cohort_name = repeat("ك", 120), *cohort_enc = enc(cohort_name);
	snprintf(fields, sizeof(fields), "name=%s", cohort_enc);
	long cohort = post_new(f, "/cohorts", fields, "/cohorts/%ld/settings");
	snprintf(ids, sizeof(ids), "%ld", cohort);
	char *stored = text_of("SELECT name FROM cohorts WHERE id = $1", ids);
	cr_expect_str_eq(stored, cohort_name, "the cohort's name is kept whole");
	free(stored);
	char *join = text_of("SELECT join_code FROM cohorts WHERE id = $1", ids);
	snprintf(path, sizeof(path), "/cohorts/%ld/sheet", cohort);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *sheet = malloc(strlen(cohort_name) + 64);
	sprintf(sheet, "Join “<bdi>%s</bdi>”", cohort_name);
	expect_in(r.body, sheet, "the join sheet");
	free(sheet);
	http_res_free(&r);
	char code[16];
	long live = new_workshop(f, cohort, "Every+script", code);
	char *slug = e2e_first_slug();

	/* Each trainee joins on a phone, comes back on a laptop with the resume code, joins the live workshop
	 * there and takes the quiz. */
	struct client *laptops[NNAMES];
	long uids[NNAMES];
	for (int i = 0; names[i]; i++) {
		struct client *phone = client_new();
		char *name = enc(names[i]);
		snprintf(fields, sizeof(fields), "code=%s&name=%s", join, name);
		cr_assert_eq(e2e_post(phone, "/join", "/join", fields, &r), 200, "join as %s", names[i]);
		char *resume = html_class_text(r.body, "code-big");
		cr_assert_not_null(resume);
		expect_in(r.body, cohort_name, "the welcome page");
		http_res_free(&r);
		uids[i] = e2e_scalar("SELECT max(id) FROM users", NULL);
		char uid[32];
		snprintf(uid, sizeof(uid), "%ld", uids[i]);
		char *kept = text_of("SELECT display_name FROM users WHERE id = $1", uid);
		cr_expect_str_eq(kept, names[i], "stored byte for byte");
		free(kept);

		laptops[i] = client_new();
		snprintf(fields, sizeof(fields), "code=%s", resume);
		cr_assert_eq(e2e_post(laptops[i], "/resume", "/resume", fields, NULL), 303, "resume as %s", names[i]);
		cr_assert_eq(e2e_get(laptops[i], "/me", &r), 200);
		expect_in(r.body, names[i], "/me after resuming");
		http_res_free(&r);
		snprintf(fields, sizeof(fields), "code=%s&name=", code);
		cr_expect_eq(e2e_post(laptops[i], "/live", "/live", fields, NULL), 303, "live join as %s", names[i]);
		take_quiz(laptops[i], slug);
		free(resume);
		free(name);
		client_free(phone);
	}

	/* The live workshop: every laptop answers the poll, and the room shows each their name. */
	snprintf(path, sizeof(path), "/workshops/%ld/console", live);
	cr_assert_eq(e2e_post(f, path, path, "action=start", NULL), 303);
	cr_assert_eq(e2e_post(f, path, path, "action=next", NULL), 303);
	usleep(250 * 1000);
	snprintf(ids, sizeof(ids), "%ld", live);
	long q = e2e_scalar("SELECT id FROM live_questions WHERE workshop_id = $1", ids);
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&choice=0", q);
	char room[64];
	snprintf(room, sizeof(room), "/live/%s", code);
	for (int i = 0; names[i]; i++) {
		cr_expect_eq(e2e_post(laptops[i], room, room, fields, NULL), 303, "%s answers", names[i]);
		cr_assert_eq(e2e_get(laptops[i], room, &r), 200);
		char want[256];
		snprintf(want, sizeof(want), "You are <bdi>%s</bdi>", names[i]);
		expect_in(r.body, want, "the live room");
		http_res_free(&r);
	}

	/* The facilitator's pages: the roster, the overview and each trainee's page isolate the name. */
	snprintf(path, sizeof(path), "/cohorts/%ld/roster", cohort);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *roster = strdup(r.body);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld", cohort);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *overview = strdup(r.body);
	http_res_free(&r);
	for (int i = 0; names[i]; i++) {
		char want[256];
		snprintf(want, sizeof(want), "<bdi>%s</bdi>", names[i]);
		expect_in(roster, want, "the roster");
		expect_in(overview, want, "the overview");
		snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", cohort, uids[i]);
		cr_assert_eq(e2e_get(f, path, &r), 200);
		expect_in(r.body, want, "the trainee's page");
		http_res_free(&r);
	}
	free(roster);
	free(overview);

	/* A certificate names its holder whole, isolated from the sentence around it. */
	char *cert = certificate_for(uids[0], names[0], "0123456789AB");
	cr_assert_eq(e2e_get(client_new(), "/certificates/0123-4567-89AB", &r), 200);
	char want[256];
	snprintf(want, sizeof(want), "<p class=\"cert-name\"><bdi>%s</bdi></p>", names[0]);
	expect_in(r.body, want, "the certificate");
	http_res_free(&r);
	free(cert);

	/* Every export: the byte order mark, and each name byte for byte (a formula gets its apostrophe). */
	snprintf(path, sizeof(path), "/cohorts/%ld/export/roster.csv", cohort);
	char *roster_csv = csv_get(f, path);
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", cohort);
	char *answers_csv = csv_get(f, path);
	snprintf(path, sizeof(path), "/workshops/%ld/results.csv", live);
	char *live_csv = csv_get(f, path);
	struct client *admin = e2e_staff("admin", "ADMIN_PASSWORD");
	char *all_csv = csv_get(admin, "/reports/answers.csv");
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s/items.csv", cohort, slug);
	char *items_csv = csv_get(f, path);
	snprintf(ids, sizeof(ids), "%ld", cohort);
	long nmods = e2e_scalar("SELECT count(*) FROM cohort_modules WHERE cohort_id = $1", ids);
	for (int i = 0; names[i]; i++) {
		const char *cell = names[i][0] == '=' ? "'=1+2" : names[i];
		cr_expect_eq(csv_count(roster_csv, "display_name", cell), nmods, "roster: %s", cell);
		cr_expect_gt(csv_count(answers_csv, "display_name", cell), 0, "answers: %s", cell);
		cr_expect_gt(csv_count(all_csv, "display_name", cell), 0, "all answers: %s", cell);
		cr_expect_eq(csv_count(live_csv, "display_name", cell), 1, "live results: %s", cell);
	}
	cr_expect_gt(csv_count(answers_csv, "cohort", cohort_name), 0, "the cohort's name in the answers");
	cr_expect_gt(csv_count(items_csv, "module", slug), 0, "the items file has its mark too");
	free(roster_csv);

	/* The module report quotes the most common wrong options without a second full stop. */
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s", cohort, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	int quoted = 0, ended = 0;
	for (const char *p = r.body; (p = strstr(p, "Most common wrong answer")) != NULL; p++) {
		const char *end = strstr(p, "</p>");
		cr_assert_not_null(end);
		char *note = strndup(p, (size_t)(end - p));
		cr_expect_null(strstr(note, ".”."), "a second full stop: %s", note);
		cr_expect_null(strstr(note, "?”."), "a full stop after a question mark: %s", note);
		quoted++;
		ended += strstr(note, ".”") != NULL;
		free(note);
	}
	cr_expect_gt(quoted, 0, "the report names wrong answers");
	cr_expect_gt(ended, 0, "some of them end with a full stop of their own");
	http_res_free(&r);
	free(answers_csv);
	free(live_csv);
	free(all_csv);
	free(items_csv);

	for (int i = 0; names[i]; i++)
		client_free(laptops[i]);
	client_free(admin);
	client_free(f);
	free(slug);
	free(join);
	free(cohort_name);
	free(cohort_enc);
}

/* Limits in characters: a name at the limit is kept whole in any script, one more is refused with 400 and
 * a message in characters, and text that is not UTF-8 is refused; nothing is saved from a refused form. */
Test(names, limits_count_characters_not_bytes, .timeout = 60)
{
	struct http_res r;
	char fields[2048];
	char *join = e2e_cred("JOIN_CODE");
	long users = e2e_scalar("SELECT count(*) FROM users", NULL);

	/* /join: 60 characters (59 Ethiopic letters and an emoji, 181 bytes) */
	char *letters = repeat("ሀ", 59), name60[256], name61[256];
	snprintf(name60, sizeof(name60), "%s🌍", letters);
	snprintf(name61, sizeof(name61), "%s🌍ሀ", letters);
	char *e60 = enc(name60), *e61 = enc(name61);
	struct client *over = client_new();
	snprintf(fields, sizeof(fields), "code=%s&name=%s", join, e61);
	cr_expect_eq(e2e_post(over, "/join", "/join", fields, &r), 400);
	expect_in(r.body, "it has 61 characters: use up to 60", "the join form");
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users", NULL), users, "nobody joined");
	snprintf(fields, sizeof(fields), "code=%s&name=%%FF", join);
	cr_expect_eq(e2e_post(over, "/join", "/join", fields, &r), 400);
	expect_in(r.body, "not valid UTF-8", "the page for text that is not UTF-8");
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users", NULL), users, "nobody joined");
	struct client *t = client_new();
	snprintf(fields, sizeof(fields), "code=%s&name=%s", join, e60);
	cr_expect_eq(e2e_post(t, "/join", "/join", fields, NULL), 200);
	char uid[32];
	snprintf(uid, sizeof(uid), "%ld", e2e_scalar("SELECT max(id) FROM users", NULL));
	char *kept = text_of("SELECT display_name FROM users WHERE id = $1", uid);
	cr_expect_str_eq(kept, name60, "60 characters kept whole");
	free(kept);

	/* /live: the signed-in trainee's 60 characters become the room's first 40; an anonymous name of 40
	 * characters is kept whole, 41 are refused. Decomposed letters count their marks. */
	struct client *f = facilitator();
	char code[16], wid[32];
	long live = new_workshop(f, e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL), "Limits", code);
	snprintf(wid, sizeof(wid), "%ld", live);
	snprintf(fields, sizeof(fields), "code=%s&name=", code);
	cr_expect_eq(e2e_post(t, "/live", "/live", fields, NULL), 303);
	char *cut = text_of("SELECT name FROM live_participants WHERE workshop_id = $1 AND user_id IS NOT NULL", wid);
	char *first40 = repeat("ሀ", 40);
	cr_expect_str_eq(cut, first40, "the first 40 characters, whole");
	free(cut);
	char nguyen5[128], nguyen5x[160];
	snprintf(nguyen5, sizeof(nguyen5), "%s%s%s%s%s", NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD);
	snprintf(nguyen5x, sizeof(nguyen5x), "%sx", nguyen5);
	char *e40 = enc(nguyen5), *e41 = enc(nguyen5x);
	struct client *phone = client_new();
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, e41);
	cr_expect_eq(e2e_post(phone, "/live", "/live", fields, &r), 400, "41 code points");
	expect_in(r.body, "it has 41 characters: use up to 40", "the live join form");
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "code=%s&name=%%C3", code);
	cr_expect_eq(e2e_post(phone, "/live", "/live", fields, NULL), 400, "half a character");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM live_participants WHERE workshop_id = $1", wid), 1, "nobody joined");
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, e40);
	cr_expect_eq(e2e_post(phone, "/live", "/live", fields, NULL), 303, "40 code points");
	kept = text_of("SELECT name FROM live_participants WHERE workshop_id = $1 AND user_id IS NULL", wid);
	cr_expect_str_eq(kept, nguyen5, "kept whole, marks and all");
	free(kept);

	/* A signed-in name whose 40th character carries marks loses the whole letter, not its marks. */
	struct client *u = client_new();
	char marked[256], want[256];
	snprintf(marked, sizeof(marked), "AB%s%s%s%s%s%s%sZ", NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD,
	         NGUYEN_NFD, NGUYEN_NFD);
	snprintf(want, sizeof(want), "AB%s%s%s%sNguy", NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD, NGUYEN_NFD);
	char *em = enc(marked);
	free(e2e_join(u, em));
	snprintf(fields, sizeof(fields), "code=%s&name=", code);
	cr_expect_eq(e2e_post(u, "/live", "/live", fields, NULL), 303);
	snprintf(uid, sizeof(uid), "%ld", e2e_scalar("SELECT max(id) FROM users", NULL));
	kept = text_of("SELECT name FROM live_participants WHERE user_id = $1", uid);
	cr_expect_str_eq(kept, want, "cut before the e that carries two marks");
	free(kept);

	free(em);
	free(e40);
	free(e41);
	free(first40);
	free(letters);
	free(e60);
	free(e61);
	free(join);
	client_free(u);
	client_free(phone);
	client_free(f);
	client_free(t);
	client_free(over);
}

/* Small things seen on the way: the live room adds no full stop after an answer that ends a sentence, and
 * the facilitator notes have one main heading. */
Test(names, one_full_stop_and_one_heading, .timeout = 60)
{
	struct client *f = facilitator(), *phone = client_new();
	char code[16], fields[512], path[64];
	struct http_res r;
	long live = new_workshop(f, e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL), "Stops", code);
	snprintf(path, sizeof(path), "/workshops/%ld", live);
	cr_assert_eq(e2e_post(f, path, path, "action=add&kind=poll&prompt=Which%3F&options=Yes%2C+always.%0AWhy+not%3F", NULL),
	             303);
	snprintf(fields, sizeof(fields), "code=%s&name=Ana", code);
	cr_assert_eq(e2e_post(phone, "/live", "/live", fields, NULL), 303);
	snprintf(path, sizeof(path), "/workshops/%ld/console", live);
	cr_assert_eq(e2e_post(f, path, path, "action=start", NULL), 303);
	cr_assert_eq(e2e_post(f, path, path, "action=next", NULL), 303);
	cr_assert_eq(e2e_post(f, path, path, "action=next", NULL), 303);
	usleep(250 * 1000);
	char wid[32], room[64];
	snprintf(wid, sizeof(wid), "%ld", live);
	long q = e2e_scalar("SELECT id FROM live_questions WHERE workshop_id = $1 ORDER BY position DESC LIMIT 1", wid);
	snprintf(room, sizeof(room), "/live/%s", code);
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&choice=0", q);
	cr_assert_eq(e2e_post(phone, room, room, fields, NULL), 303);
	cr_assert_eq(e2e_get(phone, room, &r), 200);
	expect_in(r.body, "Your answer: <strong>A. Yes, always.</strong> You can change", "the live room");
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&choice=1", q);
	cr_assert_eq(e2e_post(phone, room, room, fields, NULL), 303);
	cr_assert_eq(e2e_get(phone, room, &r), 200);
	expect_in(r.body, "Your answer: <strong>B. Why not?</strong> You can change", "the live room");
	http_res_free(&r);

	char *slug = e2e_first_slug();
	snprintf(path, sizeof(path), "/modules/%s/notes", slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	int h1 = 0;
	for (const char *p = r.body; (p = strstr(p, "<h1")) != NULL; p++)
		h1++;
	cr_expect_eq(h1, 1, "the notes page has %d main headings", h1);
	expect_in(r.body, "Facilitator notes:", "the notes page");
	http_res_free(&r);
	free(slug);
	client_free(phone);
	client_free(f);
}

/* The command line counts characters too: a cohort named with 120 Arabic letters (240 bytes) is made, 121
 * are refused, and so is a display name that is not UTF-8. */
Test(names, the_command_line_counts_characters, .timeout = 60)
{
	char *name120 = repeat("ك", 120), *name121 = repeat("ك", 121), cmd[2048];
	const char *var = e2e_env("PASSAGE_TEST_VAR"), *bin = e2e_env("PASSAGE_TEST_BIN");
	snprintf(cmd, sizeof(cmd), "PASSAGE_CONFIG=%s/etc/passage.conf %s cohort add '%s' >/dev/null 2>&1", var, bin, name121);
	cr_expect_neq(system(cmd), 0, "121 characters are refused");
	snprintf(cmd, sizeof(cmd), "PASSAGE_CONFIG=%s/etc/passage.conf %s cohort add '%s' >/dev/null 2>&1", var, bin, name120);
	cr_expect_eq(system(cmd), 0, "120 characters in 240 bytes are taken");
	char *kept = text_of("SELECT name FROM cohorts WHERE name = $1", name120);
	cr_expect_str_eq(kept, name120);
	free(kept);
	snprintf(cmd, sizeof(cmd), "echo 'violet harbour compass' | PASSAGE_CONFIG=%s/etc/passage.conf %s user add "
	                           "--role facilitator --display \"$(printf 'Caf\\351')\" latin.one >/dev/null 2>&1",
	         var, bin);
	cr_expect_eq(system(cmd) == 0, false, "a display name in Latin-1 is refused");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE username = 'latin.one'", NULL), 0);
	free(name120);
	free(name121);
}

/* A server whose environment asks libpq for another client encoding (PGCLIENTENCODING=LATIN1, as a
 * server's locale may) still reads names as UTF-8: Ethiopic has no Latin-1, and the page came back 503. */
Test(names, the_database_speaks_utf8_whatever_the_environment, .timeout = 60)
{
	free(certificate_for(e2e_scalar("SELECT min(id) FROM users", NULL), ETHIOPIC_14, "ABCDEFGHJKMN"));
	static const char *const env[] = {"PASSAGE_WORKERS", "1", "PGCLIENTENCODING", "LATIN1", NULL};
	struct own_server o;
	own_server_start(&o, "latin1", env);
	const char *params[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", "/certificates/ABCD-EFGH-JKMN", "HTTPS", "on",
	                        "REMOTE_ADDR", "127.0.0.9", "HTTP_HOST", "localhost", NULL};
	char *resp = fcgi_request(o.sock, params, "", 0, 0, NULL, NULL);
	own_server_stop(&o);
	cr_assert_not_null(resp);
	cr_expect(strstr(resp, "Status: 200") || strncmp(resp, "Status", 6) != 0, "%.80s", resp);
	cr_expect(strstr(resp, ETHIOPIC_14), "the name as UTF-8: %.300s", resp);
	free(resp);
}
