/* test_recovery.c: a lost resume code is not a lost account, end to end through nginx over TLS. A trainee
 * makes a new code from My account and is asked before signing out; the facilitator of their cohort
 * issues a new code as a slip, renames them, gives fresh quiz attempts, merges two records of one person
 * (every record moved, the cohort's figures unchanged but for the merge) and prints a sheet of slips.
 * Every action answers 404 to another cohort's facilitator, a trainee and a stranger, and 400 with a
 * page saying what to do to bad input. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

static struct client *staff(const char *user, const char *cred)
{
	struct client *c = client_new();
	char *pw = e2e_cred(cred);
	e2e_sign_in(c, user, pw, 303);
	free(pw);
	return c;
}

/* A new cohort run by the demo facilitator; its id, and its join code (caller frees) to *code. */
static long new_cohort(struct client *f, const char *name, char **code)
{
	char fields[256], path[64];
	struct http_res r;
	snprintf(fields, sizeof(fields), "name=%s", name);
	cr_assert_eq(e2e_post(f, "/cohorts", "/cohorts", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/cohorts/%ld/settings", &id) == 1);
	free(loc);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld/settings", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	*code = html_class_text(r.body, "code-big");
	cr_assert_not_null(*code);
	http_res_free(&r);
	return id;
}

/* A trainee joining with `code` as `name` (urlencoded): their device, id and resume code (caller frees). */
static struct client *join(const char *code, const char *name, long *uid, char **resume)
{
	struct client *t = client_new();
	char fields[512];
	struct http_res r;
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, name);
	cr_assert_eq(e2e_post(t, "/join", "/join", fields, &r), 200, "join as %s", name);
	char *rc = html_class_text(r.body, "code-big");
	cr_assert_not_null(rc);
	if (resume)
		*resume = rc;
	else
		free(rc);
	http_res_free(&r);
	*uid = e2e_scalar("SELECT max(id) FROM users WHERE role = 'trainee'", NULL);
	return t;
}

/* A fresh device resuming with `code`: the status (303 signed in, 403 unknown), and the device when wanted. */
static long resume_with(const char *code, struct client **device)
{
	struct client *d = client_new();
	char fields[64];
	snprintf(fields, sizeof(fields), "code=%s", code);
	long s = e2e_post(d, "/resume", "/resume", fields, NULL);
	/* Wrong codes count against this address, which every test shares. */
	e2e_scalar("DELETE FROM throttle WHERE key LIKE 'code:resume:%' RETURNING 1", NULL);
	if (device)
		*device = d;
	else
		client_free(d);
	return s;
}

/* A fresh device signed in with `code`, on which My account names `name`. */
static struct client *resumes_as(const char *code, const char *name)
{
	struct client *d;
	cr_assert_eq(resume_with(code, &d), 303, "resume with %s", code);
	struct http_res r;
	cr_assert_eq(e2e_get(d, "/me", &r), 200);
	cr_expect_not_null(strstr(r.body, name), "signed in as %s", name);
	http_res_free(&r);
	return d;
}

static long post(struct client *c, const char *form, const char *action, const char *fields, char **body)
{
	struct http_res r;
	long s = e2e_post(c, form, action, fields, &r);
	if (body)
		*body = strdup(r.body);
	http_res_free(&r);
	return s;
}

/* The form that asks first, as the browser holds it: its `was` field names the code it replaces. */
static char *asked(struct client *c, const char *path)
{
	struct http_res r;
	cr_assert_eq(e2e_get(c, path, &r), 200);
	char *was = html_input_value(r.body, "was");
	cr_assert_not_null(was, "%s names the code it replaces", path);
	http_res_free(&r);
	return was;
}

static char *resume_hash(long uid)
{
	char ids[24], sql[128];
	snprintf(ids, sizeof(ids), "%ld", uid);
	snprintf(sql, sizeof(sql), "SELECT encode(resume_hash, 'hex') FROM users WHERE id = %s", ids);
	PGconn *c = e2e_db();
	PGresult *r = PQexec(c, sql);
	cr_assert_eq(PQntuples(r), 1);
	char *h = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return h;
}

Test(recovery, a_trainee_makes_a_new_resume_code, .timeout = 60)
{
	long uid;
	char *old;
	char *join_code = e2e_cred("JOIN_CODE");
	struct client *t = join(join_code, "Selam+Recovery", &uid, &old);
	char *hash = resume_hash(uid);
	char *body;

	cr_assert_eq(e2e_get(t, "/me", NULL), 200);
	/* Asked first: neither opening the page nor a POST without the confirmation changes the code. */
	cr_expect_eq(e2e_get(t, "/me/code", NULL), 200);
	cr_expect_eq(post(t, "/me", "/me/code", "", &body), 200);
	cr_expect_not_null(strstr(body, "stops working at once"));
	free(body);
	char *same = resume_hash(uid);
	cr_expect_str_eq(same, hash, "nothing changed before the trainee confirmed");
	free(same);

	char *was = asked(t, "/me/code"), fields[64];
	snprintf(fields, sizeof(fields), "confirm=yes&was=%s", was);
	free(was);
	cr_assert_eq(post(t, "/me", "/me/code", fields, &body), 200);
	char *fresh = html_class_text(body, "code-big");
	cr_assert_not_null(fresh);
	cr_expect_eq(strlen(fresh), 14u, "shown in groups: %s", fresh);
	cr_expect_str_neq(fresh, old);
	cr_expect_not_null(strstr(body, "/me/code/print"), "a print button that needs no script");
	free(body);
	char *now = resume_hash(uid);
	cr_expect_str_neq(now, hash, "a new hash is stored");
	cr_expect_null(strstr(now, fresh), "only the hash");
	free(now);

	/* The old code stops working at once; the new one signs in on another device. */
	cr_expect_eq(resume_with(old, NULL), 403);
	cr_expect_eq(resume_with(fresh, NULL), 303);
	cr_expect_eq(e2e_get(t, "/me", NULL), 200, "this device stays signed in");

	/* The printable slip: only for the trainee's current code. */
	snprintf(fields, sizeof(fields), "code=%s", fresh);
	cr_expect_eq(post(t, "/me", "/me/code/print", fields, &body), 200);
	cr_expect_not_null(strstr(body, fresh));
	cr_expect_not_null(strstr(body, "Selam Recovery"));
	cr_expect_not_null(strstr(body, "/resume</strong>"));
	cr_expect_not_null(strstr(body, "<svg"), "a QR code to /resume");
	free(body);
	snprintf(fields, sizeof(fields), "code=%s", old);
	cr_expect_eq(post(t, "/me", "/me/code/print", fields, &body), 400, "the old code is no longer theirs");
	cr_expect_not_null(strstr(body, "make a new one from My account"));
	free(body);
	cr_expect_eq(post(t, "/me", "/me/code/print", "code=not-a-code", NULL), 400);

	/* Staff have no resume code. */
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	cr_expect_eq(post(f, "/me", "/me/code", "confirm=yes", NULL), 404);
	client_free(f);
	client_free(t);
	free(hash);
	free(fresh);
	free(old);
	free(join_code);
}

Test(recovery, a_new_code_posted_again_replaces_nothing, .timeout = 60)
{
	/* Back or reload after the new code was shown posts the same form again: that must not make the
	 * code just written down stop working. */
	long uid;
	char *join_code = e2e_cred("JOIN_CODE");
	struct client *t = join(join_code, "Twice+Posted", &uid, NULL);
	char *was = asked(t, "/me/code"), fields[96], *body;
	snprintf(fields, sizeof(fields), "confirm=yes&was=%s", was);
	cr_assert_eq(post(t, "/me", "/me/code", fields, &body), 200);
	char *fresh = html_class_text(body, "code-big");
	free(body);
	cr_expect_eq(post(t, "/me", "/me/code", fields, &body), 409);
	cr_expect_not_null(strstr(body, "already"), "it says the code was already replaced");
	free(body);
	client_free(resumes_as(fresh, "Twice Posted"));

	/* The same for the facilitator's slip. */
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	char *code, path[128], action[160];
	long cid = new_cohort(f, "Recovery+Twice", &code);
	client_free(join(code, "Slip+Twice", &uid, NULL));
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", cid, uid);
	snprintf(action, sizeof(action), "%s/code", path);
	cr_assert_eq(post(f, path, action, "", &body), 200);
	char *fwas = html_input_value(body, "was");
	cr_assert_not_null(fwas);
	free(body);
	snprintf(fields, sizeof(fields), "confirm=yes&was=%s", fwas);
	cr_assert_eq(post(f, path, action, fields, &body), 200);
	char *slip = html_class_text(body, "code-big slip-code");
	free(body);
	cr_expect_eq(post(f, path, action, fields, NULL), 409);
	client_free(resumes_as(slip, "Slip Twice"));
	client_free(f);
	client_free(t);
	free(slip);
	free(fwas);
	free(code);
	free(fresh);
	free(was);
	free(join_code);
}

Test(recovery, sign_out_asks_a_trainee_who_has_only_a_code, .timeout = 60)
{
	long uid;
	char *join_code = e2e_cred("JOIN_CODE");
	struct client *t = join(join_code, "Tesfaye+Signout", &uid, NULL);
	char *body;
	/* One tap no longer signs out: the trainee is asked whether the code is written down. */
	cr_expect_eq(post(t, "/me", "/signout", "", &body), 200);
	cr_expect_not_null(strstr(body, "Is your resume code written down?"));
	cr_expect_not_null(strstr(body, "Make a new code first"));
	char *was = html_input_value(body, "was"), fields[160];
	cr_assert_not_null(was);
	free(body);
	cr_expect_eq(e2e_get(t, "/me", NULL), 200, "still signed in");
	/* "Make a new code first" makes it, and the trainee is still signed in. */
	snprintf(fields, sizeof(fields), "confirm=yes&was=%s", was);
	free(was);
	cr_expect_eq(post(t, "/me", "/me/code", fields, &body), 200);
	cr_expect_not_null(strstr(body, "sign out"));
	free(body);
	cr_expect_eq(post(t, "/me", "/signout", "confirm=yes", NULL), 303);
	cr_expect_eq(e2e_get(t, "/me", NULL), 303, "signed out");
	client_free(t);

	/* A trainee with a password, and staff, sign out at once as before. */
	struct client *p = join(join_code, "Tesfaye+Password", &uid, NULL);
	snprintf(fields, sizeof(fields), "username=tesfaye.%ld&new=copper+lantern+meadow&confirm=copper+lantern+meadow", uid);
	cr_assert_eq(post(p, "/me/password", "/me/password", fields, NULL), 303);
	cr_expect_eq(post(p, "/me", "/signout", "", NULL), 303);
	cr_expect_eq(e2e_get(p, "/me", NULL), 303);
	client_free(p);
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	cr_expect_eq(post(f, "/me", "/signout", "", NULL), 303);
	cr_expect_eq(e2e_get(f, "/me", NULL), 303);
	client_free(f);
	free(join_code);
}

Test(recovery, the_facilitator_issues_a_new_code_and_renames, .timeout = 90)
{
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	char *code, path[128], action[160], *body;
	long cid = new_cohort(f, "Recovery+Codes", &code);
	long uid;
	char *old;
	struct client *t = join(code, "Lost+Code", &uid, &old);
	char ids[24];
	snprintf(ids, sizeof(ids), "%ld", uid);
	e2e_scalar("INSERT INTO lesson_reads (user_id, module_id, position, revision_id)"
	           " SELECT $1::bigint, m.id, 1, m.current_revision FROM modules m ORDER BY m.position LIMIT 1 RETURNING 1",
	           ids);
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", cid, uid);
	cr_assert_eq(e2e_get(f, path, NULL), 200);

	/* Asked first; then a slip with the name, the code and a QR code to /resume. */
	char *hash = resume_hash(uid);
	snprintf(action, sizeof(action), "%s/code", path);
	cr_expect_eq(post(f, path, action, "", &body), 200);
	cr_expect_not_null(strstr(body, "stops working at once"));
	char *was = html_input_value(body, "was"), confirm[64];
	cr_assert_not_null(was);
	snprintf(confirm, sizeof(confirm), "confirm=yes&was=%s", was);
	free(was);
	free(body);
	char *same = resume_hash(uid);
	cr_expect_str_eq(same, hash);
	free(same);
	cr_assert_eq(post(f, path, action, confirm, &body), 200);
	char *fresh = html_class_text(body, "code-big slip-code");
	cr_assert_not_null(fresh);
	cr_expect_not_null(strstr(body, "class=\"slip-name\">Lost Code<"));
	cr_expect_not_null(strstr(body, "/resume</strong>"));
	cr_expect_not_null(strstr(body, "<svg"));
	free(body);

	/* The old code is dead; the new one opens the same account on a new device, progress and all. */
	cr_expect_eq(resume_with(old, NULL), 403);
	struct client *d = resumes_as(fresh, "Lost Code");
	struct http_res r;
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM lesson_reads WHERE user_id = $1", ids), 1);
	cr_expect_eq(e2e_get(t, "/me", NULL), 200, "the old device stays signed in");

	/* Renaming: characters are counted, not bytes; too long or empty is a 400 with the form again. */
	snprintf(action, sizeof(action), "%s/rename", path);
	const char *ethiopic = "%E1%88%B0%E1%88%8B%E1%88%9D"; /* ሰላም */
	char fields[1024] = "name=";
	for (int i = 0; i < 20; i++)
		strcat(fields, ethiopic);   /* 60 characters, 180 bytes */
	cr_expect_eq(post(f, path, action, fields, NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT length(display_name) FROM users WHERE id = $1", ids), 60);
	strcat(fields, "x");
	cr_expect_eq(post(f, path, action, fields, &body), 400);
	cr_expect_not_null(strstr(body, "up to 60"));
	free(body);
	cr_expect_eq(post(f, path, action, "name=+++", &body), 400);
	cr_expect_not_null(strstr(body, "type a name"));
	free(body);
	cr_expect_eq(post(f, path, action, "name=Found+Again", NULL), 303);
	cr_assert_eq(e2e_get(d, "/me", &r), 200);
	cr_expect_not_null(strstr(r.body, "Found Again"), "the trainee sees the new name");
	http_res_free(&r);

	/* An administrator may too. */
	struct client *a = staff("admin", "ADMIN_PASSWORD");
	snprintf(action, sizeof(action), "%s/code", path);
	cr_expect_eq(post(a, path, action, "", NULL), 200);
	client_free(a);
	client_free(d);
	client_free(t);
	client_free(f);
	free(fresh);
	free(hash);
	free(old);
	free(code);
}

/* The quiz of the first module, right or wrong, as attempt `n`. */
static long quiz(struct client *t, const char *slug, int n, bool right)
{
	char r[2048], w[2048], form[128], fields[4200];
	e2e_quiz_fields(t, slug, "quiz", r, w, sizeof(r));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=%d%s", n, right ? r : w);
	return post(t, form, form, fields, NULL);
}

Test(recovery, fresh_attempts_keep_every_recorded_one, .timeout = 90)
{
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	char *code, path[128], action[160], *body;
	long cid = new_cohort(f, "Recovery+Attempts", &code);
	long uid;
	struct client *t = join(code, "Two+Tries", &uid, NULL);
	char *slug = e2e_first_slug();
	char ids[24], mid[24];
	snprintf(ids, sizeof(ids), "%ld", uid);
	snprintf(mid, sizeof(mid), "%ld", e2e_scalar("SELECT id FROM modules WHERE slug = $1", slug));
	/* The module allows one attempt, for this test. */
	e2e_scalar("UPDATE module_revisions SET attempts = 1 WHERE id = (SELECT current_revision FROM modules WHERE id = $1)"
	           " RETURNING 1", mid);
	cr_expect_eq(quiz(t, slug, 1, false), 303);
	/* No attempt left: the quiz says so, and a form sent anyway is refused. */
	char form[128], fields2[256];
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields2, sizeof(fields2), "attempt=2&revision=%ld&q1=0",
	         e2e_scalar("SELECT current_revision FROM modules WHERE slug = $1", slug));
	cr_expect_eq(post(t, form, form, fields2, NULL), 409, "no attempt left");

	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", cid, uid);
	cr_assert_eq(e2e_get(f, path, NULL), 200);
	snprintf(action, sizeof(action), "%s/attempts", path);
	char fields[64];
	snprintf(fields, sizeof(fields), "module=%s", mid);
	cr_expect_eq(post(f, path, action, fields, NULL), 303);
	cr_expect_eq(quiz(t, slug, 2, true), 303, "a fresh attempt");
	snprintf(fields2, sizeof(fields2), "attempt=3&revision=%ld&q1=0",
	         e2e_scalar("SELECT current_revision FROM modules WHERE slug = $1", slug));
	cr_expect_eq(post(t, form, form, fields2, NULL), 409, "and only as many as the module allows");
	/* Both attempts and their answers stay recorded, in the summary too; the first attempt is still the first. */
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1 AND set = 'quiz'", ids), 2);
	cr_expect_eq(e2e_scalar("SELECT quiz_attempts FROM progress WHERE user_id = $1", ids), 2);
	cr_expect_eq(e2e_scalar("SELECT first_quiz FROM progress WHERE user_id = $1", ids),
	             e2e_scalar("SELECT score FROM attempts WHERE user_id = $1 AND number = 1 AND set = 'quiz'", ids));

	/* Bad input: a module without a limit, or no module at all. */
	e2e_scalar("UPDATE module_revisions SET attempts = 0 WHERE id = (SELECT current_revision FROM modules WHERE id = $1)"
	           " RETURNING 1", mid);
	cr_expect_eq(post(f, path, action, fields, &body), 400);
	cr_expect_not_null(strstr(body, "limits quiz attempts"));
	free(body);
	cr_expect_eq(post(f, path, action, "module=abc", NULL), 400);
	cr_expect_eq(post(f, path, action, "", NULL), 400);
	client_free(t);
	client_free(f);
	free(slug);
	free(code);
}

/* Cell `col` (from 0) of CSV line `line`, quoted cells allowed; caller frees. */
static char *csv_cell(const char *line, int col)
{
	char *out = calloc(1, strlen(line) + 1);
	int c = 0;
	size_t k = 0;
	bool quoted = false;
	for (const char *p = line; *p && *p != '\r' && *p != '\n'; p++) {
		if (quoted && *p == '"' && p[1] == '"') {
			if (c == col)
				out[k++] = '"';
			p++;
		} else if (*p == '"') {
			quoted = !quoted;
		} else if (*p == ',' && !quoted) {
			c++;
		} else if (c == col) {
			out[k++] = *p;
		}
	}
	return out;
}

/* The sum of column `col` over the data lines of a CSV file the facilitator downloads, and its rows. */
static long csv_sum(struct client *f, const char *path, int col, long *rows)
{
	struct http_res r;
	cr_assert_eq(e2e_get(f, path, &r), 200, "%s", path);
	long sum = 0;
	*rows = 0;
	const char *line = strstr(r.body, "\r\n");
	while (line && line[2]) {
		line += 2;
		char *cell = csv_cell(line, col);
		sum += atol(cell);
		free(cell);
		(*rows)++;
		line = strstr(line, "\r\n");
	}
	http_res_free(&r);
	return sum;
}

/* How many data lines of a CSV file have `value` in column `col`; those not "not started" go to *started. */
static long csv_count(struct client *f, const char *path, int col, const char *value, long *started)
{
	struct http_res r;
	cr_assert_eq(e2e_get(f, path, &r), 200, "%s", path);
	long n = 0;
	*started = 0;
	for (const char *line = strstr(r.body, "\r\n"); line && line[2]; line = strstr(line, "\r\n")) {
		line += 2;
		char *cell = csv_cell(line, col);
		n += strcmp(cell, value) == 0;
		*started += strcmp(cell, "not started") != 0;
		free(cell);
	}
	http_res_free(&r);
	return n;
}

Test(recovery, merging_two_records_of_one_person, .timeout = 120)
{
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	char *code, path[128], action[160], *body, fields[64];
	long cid = new_cohort(f, "Recovery+Merge", &code);
	char *slug = e2e_first_slug();
	char cids[24];
	snprintf(cids, sizeof(cids), "%ld", cid);

	/* Amina joined, read two lessons, took the pre-check and failed the quiz; lost her code, joined again,
	 * read every lesson, passed the quiz and finished the case: that record completed the module. Bilal
	 * took the quiz once. */
	long a1, a2, b;
	char *a2code;
	struct client *t1 = join(code, "Amina+Merge", &a1, NULL);
	struct client *t2 = join(code, "Amina+Again", &a2, &a2code);
	struct client *tb = join(code, "Bilal+Merge", &b, NULL);
	cr_assert_eq(a2, a1 + 1, "joined one after the other");
	char a1s[24], a2s[24];
	snprintf(a1s, sizeof(a1s), "%ld", a1);
	snprintf(a2s, sizeof(a2s), "%ld", a2);
	e2e_scalar("INSERT INTO lesson_reads (user_id, module_id, position, revision_id)"
	           " SELECT $1::bigint, m.id, p, m.current_revision FROM modules m, generate_series(1, 2) p"
	           " WHERE m.position = (SELECT min(position) FROM modules) RETURNING 1", a1s);
	e2e_scalar("INSERT INTO lesson_reads (user_id, module_id, position, revision_id)"
	           " SELECT $1::bigint, m.id, p, m.current_revision FROM modules m"
	           " JOIN module_revisions r ON r.id = m.current_revision, generate_series(1, r.lesson_count) p"
	           " WHERE m.position = (SELECT min(position) FROM modules) RETURNING 1", a2s);
	e2e_scalar("INSERT INTO scenario_runs (user_id, module_id, revision_id, current_key, ended_at, outcome)"
	           " SELECT $1::bigint, m.id, m.current_revision, 'end', now(), 'good' FROM modules m"
	           " WHERE m.position = (SELECT min(position) FROM modules) RETURNING 1", a2s);
	long lessons = e2e_scalar("SELECT r.lesson_count FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
	                          " ORDER BY m.position LIMIT 1", NULL);
	char right[2048], wrong[2048], pre[128], f2[4200];
	e2e_quiz_fields(t1, slug, "precheck", right, wrong, sizeof(right));
	snprintf(pre, sizeof(pre), "/modules/%s/precheck", slug);
	snprintf(f2, sizeof(f2), "attempt=1%s", wrong);
	cr_expect_eq(post(t1, pre, pre, f2, NULL), 303);
	cr_expect_eq(quiz(t1, slug, 1, false), 303);
	cr_expect_eq(quiz(t2, slug, 1, true), 303);
	cr_expect_eq(quiz(tb, slug, 1, true), 303);
	/* Both hold a certificate for another module, and both took part in one live workshop. */
	e2e_scalar("INSERT INTO certificates (code, user_id, module_id, revision_id, display_name, module_title, issued_at)"
	           " SELECT CASE WHEN u = $1::bigint THEN 'AAAAAAAAAAA1' ELSE 'AAAAAAAAAAA2' END, u, m.id,"
	           " m.current_revision, 'x', 'y', now() - CASE WHEN u = $1::bigint THEN interval '1 day' ELSE interval '0' END"
	           " FROM modules m, unnest(ARRAY[$1::bigint, $1::bigint + 1]) u"
	           " WHERE m.position = (SELECT max(position) FROM modules) RETURNING 1", a1s);
	e2e_scalar("WITH s AS (INSERT INTO workshops (code, title, owner_id) SELECT 'MRG001', 'Merge', id FROM users"
	           "  WHERE username = 'facilitator' RETURNING id)"
	           " INSERT INTO live_participants (workshop_id, token_hash, user_id, name)"
	           " SELECT s.id, sha256(u::text::bytea), u, 'p' FROM s, unnest(ARRAY[$1::bigint, $1::bigint + 1]) u"
	           " RETURNING 1", a1s);

	/* The cohort's figures before. */
	char roster[64], answers[64], items[128];
	snprintf(roster, sizeof(roster), "/cohorts/%ld/export/roster.csv", cid);
	snprintf(answers, sizeof(answers), "/cohorts/%ld/export/answers.csv", cid);
	snprintf(items, sizeof(items), "/cohorts/%ld/modules/%s/items.csv", cid, slug);
	long roster_rows0, answer_rows0, item_rows0;
	long attempts0 = csv_sum(f, roster, 8, &roster_rows0);   /* quiz_attempts */
	long started0, completed0 = csv_count(f, roster, 5, "completed", &started0);
	csv_sum(f, answers, 0, &answer_rows0);
	long answered0 = csv_sum(f, items, 5, &item_rows0);        /* answered, over first attempts */
	long right0 = csv_sum(f, items, 6, &item_rows0);           /* right_first_time */
	long events0 = e2e_scalar("SELECT (SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id AND u.cohort_id = $1)"
	                          " * 1000 + (SELECT count(*) FROM answers x JOIN attempts a ON a.id = x.attempt_id"
	                          " JOIN users u ON u.id = a.user_id AND u.cohort_id = $1)", cids);

	/* The facilitator picks the other record, is shown both, and confirms. */
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", cid, a1);
	snprintf(action, sizeof(action), "%s/merge", path);
	struct http_res r;
	cr_assert_eq(e2e_get(f, action, &r), 200);
	cr_expect_not_null(strstr(r.body, "Amina Again"));
	cr_expect_not_null(strstr(r.body, "Bilal Merge"));
	cr_expect_null(strstr(r.body, "Amina Merge, joined"), "not herself");
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "other=%ld", a2);
	cr_expect_eq(post(f, path, action, fields, &body), 200);
	cr_expect_not_null(strstr(body, "Merge <bdi>Amina Again</bdi> into <bdi>Amina Merge</bdi>?"));
	char row[96];
	snprintf(row, sizeof(row), "<th scope=\"row\">Lessons read</th><td>2</td><td>%ld</td>", lessons);
	cr_expect_not_null(strstr(body, row), "%s", row);
	cr_expect_not_null(strstr(body, "<th scope=\"row\">Quiz attempts</th><td>1</td><td>1</td>"));
	cr_expect_not_null(strstr(body, "their resume code stops working"));
	free(body);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE id = $1", a2s), 1, "nothing changed yet");
	/* Bad choices: oneself, someone of another cohort, nothing. */
	snprintf(fields, sizeof(fields), "other=%ld", a1);
	cr_expect_eq(post(f, path, action, fields, NULL), 400);
	cr_expect_eq(post(f, path, action, "other=1", NULL), 400);
	cr_expect_eq(post(f, path, action, "confirm=yes", &body), 400);
	cr_expect_not_null(strstr(body, "Choose the other record"));
	free(body);

	snprintf(fields, sizeof(fields), "other=%ld&confirm=yes", a2);
	cr_expect_eq(post(f, path, action, fields, NULL), 303);

	/* One person: the merged-away account is gone, signed out, and its code is dead. */
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE id = $1", a2s), 0);
	cr_expect_eq(e2e_get(t2, "/me", NULL), 303, "the merged-away device is signed out");
	cr_expect_eq(resume_with(a2code, NULL), 403);
	cr_expect_eq(e2e_get(t1, "/me", NULL), 200);
	/* Every record moved: reads collapsed (1, 2, 3), attempts numbered by when they were taken. */
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM lesson_reads WHERE user_id = $1", a1s), lessons);
	cr_expect_eq(e2e_scalar("SELECT (string_agg(number::text || CASE WHEN passed THEN 'p' ELSE 'f' END, ',' ORDER BY number)"
	                        " = '1f,2p')::int FROM attempts WHERE user_id = $1 AND set = 'quiz'", a1s), 1);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM certificates WHERE user_id = $1", a1s), 1, "one per module");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM certificates WHERE code = 'AAAAAAAAAAA1'", NULL), 1, "the earlier");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM live_participants p JOIN workshops s ON s.id = p.workshop_id"
	                        " WHERE s.code = 'MRG001'", NULL), 2, "the workshop's results keep both answers' places");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM live_participants WHERE user_id = $1", a1s), 1);
	cr_expect_eq(e2e_scalar("SELECT quiz_attempts * 1000 + best * 10 + (passed_at IS NOT NULL)::int FROM progress"
	                        " WHERE user_id = $1 AND module_id = (SELECT id FROM modules ORDER BY position LIMIT 1)", a1s),
	             2 * 1000 + 100 * 10 + 1);

	/* The figures after: nothing lost or counted twice. */
	long roster_rows1, answer_rows1, item_rows1;
	long attempts1 = csv_sum(f, roster, 8, &roster_rows1);
	long started1, completed1 = csv_count(f, roster, 5, "completed", &started1);
	csv_sum(f, answers, 0, &answer_rows1);
	long answered1 = csv_sum(f, items, 5, &item_rows1);
	long right1 = csv_sum(f, items, 6, &item_rows1);
	long events1 = e2e_scalar("SELECT (SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id AND u.cohort_id = $1)"
	                          " * 1000 + (SELECT count(*) FROM answers x JOIN attempts a ON a.id = x.attempt_id"
	                          " JOIN users u ON u.id = a.user_id AND u.cohort_id = $1)", cids);
	cr_expect_eq(events1, events0, "every attempt and answer kept");
	cr_expect_eq(attempts1, attempts0, "the roster counts every quiz attempt once");
	cr_expect_eq(roster_rows1 * 3, roster_rows0 * 2, "three people's rows become two people's");
	cr_expect_eq(completed1, 1, "the record that completed the module still counts, once");
	cr_expect_eq(completed0, 1);
	cr_expect_eq(started1, started0 - 1, "two records that had started are one person");
	cr_expect_eq(answer_rows1, answer_rows0, "every answer exported once");
	long nq = item_rows0;
	cr_expect_eq(item_rows1, nq);
	/* Item analysis reads each person's first attempt: Amina's second account's first attempt is now her
	 * second; her first (all wrong) and Bilal's (all right) remain. */
	cr_expect_eq(answered1, answered0 - nq, "answered %ld before, %ld after, %ld questions", answered0, answered1, nq);
	cr_expect_eq(right0, 2 * nq);
	cr_expect_eq(right1, nq);
	struct http_res o;
	snprintf(path, sizeof(path), "/cohorts/%ld", cid);
	cr_assert_eq(e2e_get(f, path, &o), 200);
	cr_expect_not_null(strstr(o.body, "2 trainees."), "the overview shows two people");
	cr_expect_null(strstr(o.body, "Amina Again"));
	http_res_free(&o);
	/* The summary table agrees with the events. */
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM progress p WHERE p.user_id = $1 AND p.lessons <>"
	                        " (SELECT bit_or(1::bigint << (x.position - 1)) FROM lesson_reads x"
	                        "  WHERE x.user_id = p.user_id AND x.module_id = p.module_id)", a1s), 0);
	e2e_scalar("DELETE FROM live_participants WHERE workshop_id = (SELECT id FROM workshops WHERE code = 'MRG001')"
	           " RETURNING 1", NULL);
	e2e_scalar("DELETE FROM workshops WHERE code = 'MRG001' RETURNING 1", NULL);
	client_free(t1);
	client_free(t2);
	client_free(tb);
	client_free(f);
	free(a2code);
	free(slug);
	free(code);
}

Test(recovery, a_sheet_of_slips, .timeout = 60)
{
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	char *code, path[64], *body;
	long cid = new_cohort(f, "Recovery+Slips", &code);
	char cids[24];
	snprintf(cids, sizeof(cids), "%ld", cid);
	snprintf(path, sizeof(path), "/cohorts/%ld/slips", cid);
	cr_assert_eq(e2e_get(f, path, NULL), 200);
	/* Asked first: it says how many trainees it makes, and makes none yet. */
	cr_expect_eq(post(f, path, path, "count=3&names=Hawa%0D%0A%0D%0A+Yonas+%0D%0A", &body), 200);
	cr_expect_not_null(strstr(body, "3 new trainees"));
	cr_expect_not_null(strstr(body, "<li>Yonas</li>"));
	free(body);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", cids), 0);
	cr_expect_eq(post(f, path, path, "count=3&names=Hawa%0D%0A%0D%0A+Yonas+%0D%0A&confirm=yes", &body), 200);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1 AND role = 'trainee'", cids), 3);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1 AND display_name IN ('Hawa', 'Yonas')", cids), 2);
	cr_expect_not_null(strstr(body, "shown only here"));
	/* Each slip's code signs its own trainee in. */
	int slips = 0;
	for (const char *p = strstr(body, "class=\"code-big slip-code\">"); p; p = strstr(p + 1, "class=\"code-big slip-code\">"))
		slips++;
	cr_expect_eq(slips, 3);
	char *first = html_class_text(body, "code-big slip-code");
	client_free(resumes_as(first, "Hawa"));
	free(first);
	free(body);

	/* Bad input: 400, the form again with what to do, and nobody made. */
	const char *bad[] = {"count=0", "count=61", "count=abc", "names=Hawa", "count=1&names=A%0AB",
	                     "count=2&names=1234567890123456789012345678901234567890123456789012345678901", NULL};
	for (int i = 0; bad[i]; i++) {
		cr_expect_eq(post(f, path, path, bad[i], &body), 400, "%s", bad[i]);
		cr_expect_not_null(strstr(body, "Please check the form"), "%s", bad[i]);
		free(body);
	}
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", cids), 3);
	client_free(f);
	free(code);
}

Test(recovery, only_the_cohorts_facilitators_may_act, .timeout = 90)
{
	struct client *f = staff("facilitator", "FACILITATOR_PASSWORD");
	char *code;
	long mine = new_cohort(f, "Recovery+Mine", &code);
	long uid;
	struct client *t = join(code, "Guarded", &uid, NULL);
	/* A cohort the demo facilitator does not run, with a trainee of its own. */
	long other = e2e_scalar("INSERT INTO cohorts (name) VALUES ('Not theirs') RETURNING id", NULL);
	char os[24];
	snprintf(os, sizeof(os), "%ld", other);
	long ouid = e2e_scalar("INSERT INTO users (role, display_name, cohort_id) VALUES ('trainee', 'Elsewhere', $1)"
	                       " RETURNING id", os);
	struct client *stranger = client_new();
	const char *actions[][2] = {
		{"code", "confirm=yes"}, {"rename", "name=Taken"}, {"attempts", "module=1"},
		{"merge", "other=1&confirm=yes"},
	};
	char path[160];
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		/* The facilitator, on a cohort that is not theirs, or on a trainee who is not in the cohort named. */
		snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/%s", other, ouid, actions[i][0]);
		cr_expect_eq(post(f, "/me", path, actions[i][1], NULL), 404, "another facilitator: %s", path);
		snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/%s", mine, ouid, actions[i][0]);
		cr_expect_eq(post(f, "/me", path, actions[i][1], NULL), 404, "not in this cohort: %s", path);
		/* A trainee (even of this cohort, on themselves) and a stranger. */
		snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/%s", mine, uid, actions[i][0]);
		cr_expect_eq(post(t, "/me", path, actions[i][1], NULL), 404, "a trainee: %s", path);
		cr_expect_eq(post(stranger, "/join", path, actions[i][1], NULL), 404, "a stranger: %s", path);
		/* Without a CSRF token, refused before anything. */
		struct http_res r;
		cr_assert_eq(client_do(f, "POST", path, actions[i][1], &r), 0);
		cr_expect_eq(r.status, 403, "no token: %s", path);
		http_res_free(&r);
	}
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/merge", other, ouid);
	cr_expect_eq(e2e_get(f, path, NULL), 404);
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/merge", mine, uid);
	cr_expect_eq(e2e_get(t, path, NULL), 404);
	cr_expect_eq(e2e_get(stranger, path, NULL), 404);
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/code", mine, uid);
	cr_expect_eq(e2e_get(f, path, NULL), 405, "actions are POSTs");
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld/nothing", mine, uid);
	cr_expect_eq(post(f, "/me", path, "", NULL), 404);
	/* The sheet of slips. */
	snprintf(path, sizeof(path), "/cohorts/%ld/slips", other);
	cr_expect_eq(e2e_get(f, path, NULL), 404);
	cr_expect_eq(post(f, "/me", path, "count=2&confirm=yes", NULL), 404);
	snprintf(path, sizeof(path), "/cohorts/%ld/slips", mine);
	cr_expect_eq(e2e_get(t, path, NULL), 404);
	cr_expect_eq(post(t, "/me", path, "count=2&confirm=yes", NULL), 404);
	cr_expect_eq(post(stranger, "/join", path, "count=2&confirm=yes", NULL), 404);
	/* Nothing changed. */
	char us[24];
	snprintf(us, sizeof(us), "%ld", ouid);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE id = $1 AND display_name = 'Elsewhere'"
	                        " AND resume_hash IS NULL", us), 1);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", os), 1);
	client_free(stranger);
	client_free(t);
	client_free(f);
	free(code);
}
