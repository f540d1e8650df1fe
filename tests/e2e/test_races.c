/* test_races.c: two things happening at once, end to end through nginx over TLS. Each test holds one
 * side of a race open in its own database transaction (the other person's click, not yet committed),
 * sends the request that races with it, then commits: the outcome must be the one a person would expect
 * whichever commits first. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

/* A request sent from another thread, while the test holds its transaction open. */
struct pending {
	struct client *c;
	const char *method, *path;
	char body[2048];
	struct http_res res;
	int rc;
	pthread_t t;
};

static void *send_it(void *arg)
{
	struct pending *p = arg;
	p->rc = client_do(p->c, p->method, p->path, p->body, &p->res);
	return NULL;
}

static void pending_start(struct pending *p, struct client *c, const char *path, const char *body)
{
	p->c = c;
	p->method = "POST";
	p->path = path;
	snprintf(p->body, sizeof(p->body), "%s", body);
	cr_assert_eq(pthread_create(&p->t, NULL, send_it, p), 0);
	usleep(600 * 1000);   /* long enough for the request to reach the database */
}

static long pending_wait(struct pending *p)
{
	pthread_join(p->t, NULL);
	cr_assert_eq(p->rc, 0, "no response to %s", p->path);
	return p->res.status;
}

static void run(PGconn *db, const char *sql)
{
	PGresult *r = PQexec(db, sql);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
	          PQresultErrorMessage(r));
	PQclear(r);
}

/* The CSRF token of the form at path. */
static char *token(struct client *c, const char *path)
{
	struct http_res r;
	cr_assert_eq(e2e_get(c, path, &r), 200, "%s", path);
	char *t = html_input_value(r.body, "csrf");
	cr_assert_not_null(t);
	http_res_free(&r);
	return t;
}

/* A password change and the end of the account's other sessions land together or not at all: here the
 * end of the other sessions fails (a trigger refuses it), and the password must not have changed. */
Test(races, a_password_change_that_cannot_end_other_sessions_changes_nothing, .timeout = 60)
{
	struct client *a = client_new(), *b = client_new(), *c = client_new();
	free(e2e_join(a, "Racer"));
	struct http_res r;
	cr_assert_eq(client_post_form(a, "/me/password", "/me/password",
	                              "username=racer.pw&new=river+stone+lantern&confirm=river+stone+lantern", &r), 0);
	cr_assert_eq(r.status, 303, "%s", r.body);
	http_res_free(&r);
	e2e_sign_in(b, "racer.pw", "river+stone+lantern", 303);
	long uid = e2e_scalar("SELECT id FROM users WHERE username = 'racer.pw'", NULL);

	PGconn *db = e2e_db();
	char sql[512];
	run(db, "CREATE OR REPLACE FUNCTION test_refuse_session_end() RETURNS trigger LANGUAGE plpgsql AS"
	        " $$BEGIN RAISE EXCEPTION 'test: sessions cannot end now'; END$$");
	snprintf(sql, sizeof(sql), "CREATE TRIGGER test_refuse_session_end BEFORE DELETE ON sessions FOR EACH ROW"
	                           " WHEN (OLD.user_id = %ld) EXECUTE FUNCTION test_refuse_session_end()", uid);
	run(db, sql);
	cr_assert_eq(client_post_form(b, "/me/password", "/me/password",
	                              "current=river+stone+lantern&new=amber+field+compass&confirm=amber+field+compass", &r), 0);
	long status = r.status;
	http_res_free(&r);
	run(db, "DROP TRIGGER test_refuse_session_end ON sessions");
	run(db, "DROP FUNCTION test_refuse_session_end()");
	PQfinish(db);

	cr_expect_eq(status, 503, "the change could not be made whole, so it is refused");
	/* Nothing changed: the old password still works, the new one does not, and a is still signed in. */
	e2e_sign_in(c, "racer.pw", "amber+field+compass", 403);
	e2e_sign_in(c, "racer.pw", "river+stone+lantern", 303);
	cr_expect_eq(e2e_get(a, "/me", NULL), 200, "the other session goes on with the old password");
	client_free(a);
	client_free(b);
	client_free(c);
}

/* A live answer sent while the facilitator is locking the question is counted only if it came first. */
Test(races, a_live_answer_racing_the_lock_is_not_counted_after_it, .timeout = 60)
{
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	char fields[256], path[64];
	snprintf(fields, sizeof(fields), "title=Race&module=&cohort=%ld", cohort);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/workshops", "/workshops", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/workshops/%ld", &id) == 1);
	free(loc);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/workshops/%ld", id);
	cr_assert_eq(e2e_post(f, path, path, "action=add&kind=quiz&prompt=Pick+one&options=Yes%0ANo&correct=1", NULL), 303);
	snprintf(path, sizeof(path), "/workshops/%ld/console", id);
	cr_assert_eq(e2e_post(f, path, path, "action=start", NULL), 303);
	cr_assert_eq(e2e_post(f, path, path, "action=next", NULL), 303);
	snprintf(fields, sizeof(fields), "SELECT code FROM workshops WHERE id = %ld", id);
	PGconn *db = e2e_db();
	PGresult *res = PQexec(db, fields);
	cr_assert_eq(PQntuples(res), 1);
	char code[32];
	snprintf(code, sizeof(code), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	snprintf(fields, sizeof(fields), "SELECT id FROM live_questions WHERE workshop_id = %ld", id);
	long q = e2e_scalar(fields, NULL);

	struct client *p = client_new();
	snprintf(fields, sizeof(fields), "code=%s&name=Quick", code);
	cr_assert_eq(e2e_post(p, "/live", "/live", fields, NULL), 303);
	char room[64];
	snprintf(room, sizeof(room), "/live/%s", code);
	usleep(250 * 1000);   /* the worker's copy of the workshop's version */
	char *csrf = token(p, room);

	/* The facilitator's "lock answers" is under way (not committed) when the answer arrives. */
	run(db, "BEGIN");
	snprintf(fields, sizeof(fields), "UPDATE live_questions SET closed_at = now() WHERE id = %ld", q);
	run(db, fields);
	struct pending send;
	char body[256];
	snprintf(body, sizeof(body), "csrf=%s&action=answer&q=%ld&choice=0", csrf, q);
	pending_start(&send, p, room, body);
	run(db, "COMMIT");
	long status = pending_wait(&send);
	http_res_free(&send.res);
	PQfinish(db);

	snprintf(fields, sizeof(fields), "SELECT count(*) FROM live_answers WHERE question_id = %ld", q);
	cr_expect_eq(e2e_scalar(fields, NULL), 0, "an answer landed after the question was locked");
	cr_expect_eq(status, 409, "the phone is told its answer was not counted");
	free(csrf);
	client_free(p);
	client_free(f);
}

/* Two clicks on "Get your certificate" (or two tabs) both land on the same certificate. */
Test(races, a_double_click_on_get_your_certificate_gets_one_certificate, .timeout = 120)
{
	struct client *c = client_new();
	free(e2e_join(c, "Double+Clicker"));
	char *slug = e2e_first_slug();
	char sql[256], path[512], form[512], fields[8400], right[8192], wrong[8192];
	snprintf(sql, sizeof(sql), "SELECT r.lesson_count FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
	                           " WHERE m.slug = $1");
	long n = e2e_scalar(sql, slug);
	for (long i = 1; i <= n; i++) {
		snprintf(path, sizeof(path), "/modules/%s/lessons/%ld", slug, i);
		cr_assert_eq(e2e_get(c, path, NULL), 200);
	}
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", right);
	cr_assert_eq(e2e_post(c, form, form, fields, NULL), 303);
	e2e_walk_case(c, slug);
	long uid = e2e_scalar("SELECT max(id) FROM users WHERE display_name = 'Double Clicker'", NULL);

	/* The first click's certificate is being written (not committed) when the second arrives. */
	snprintf(path, sizeof(path), "/modules/%s", slug);
	char *csrf = token(c, path);
	PGconn *db = e2e_db();
	run(db, "BEGIN");
	char id[32];
	snprintf(id, sizeof(id), "%ld", uid);
	const char *p[2] = {id, slug};
	PGresult *res = PQexecParams(db, "INSERT INTO certificates (code, user_id, module_id, revision_id, display_name,"
	                                 " module_title) SELECT 'FRSTCKDE2345', $1, m.id, v.id, 'Double Clicker', v.title"
	                                 " FROM modules m JOIN module_revisions v ON v.id = m.current_revision WHERE m.slug = $2",
	                             2, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(res), PGRES_COMMAND_OK, "%s", PQresultErrorMessage(res));
	PQclear(res);
	struct pending second;
	snprintf(form, sizeof(form), "/modules/%s/certificate", slug);
	snprintf(fields, sizeof(fields), "csrf=%s", csrf);
	pending_start(&second, c, form, fields);
	run(db, "COMMIT");
	PQfinish(db);
	cr_expect_eq(pending_wait(&second), 303, "the second click is not an error: %s", second.res.body);
	char *where = http_res_header(&second.res, "location");
	cr_expect_str_eq(where ? where : "", "/certificates/FRSTCKDE2345", "both clicks lead to one certificate");
	free(where);
	http_res_free(&second.res);
	free(csrf);
	free(slug);
	client_free(c);
}

/* Two facilitators removing each other at once leave the cohort with one of them, never with none. */
Test(races, facilitators_removing_each_other_leave_one, .timeout = 60)
{
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/cohorts", "/cohorts", "name=Race+cohort", &r), 303);
	char *loc = http_res_header(&r, "location");
	long cohort = 0;
	cr_assert(loc && sscanf(loc, "/cohorts/%ld/settings", &cohort) == 1);
	free(loc);
	http_res_free(&r);
	long a = e2e_scalar("SELECT id FROM users WHERE username = 'facilitator'", NULL);
	long b = e2e_scalar("INSERT INTO users (role, username, display_name) VALUES ('facilitator', 'race.b', 'Race B')"
	                    " RETURNING id", NULL);
	char sql[256], id[32];
	snprintf(id, sizeof(id), "%ld", cohort);
	snprintf(sql, sizeof(sql), "INSERT INTO cohort_facilitators (cohort_id, user_id) VALUES ($1, %ld) RETURNING cohort_id", b);
	cr_assert_eq(e2e_scalar(sql, id), cohort);

	/* B's removal of A is under way (not committed) when A removes B. */
	char path[64], body[256];
	snprintf(path, sizeof(path), "/cohorts/%ld/settings", cohort);
	char *csrf = token(f, path);
	PGconn *db = e2e_db();
	run(db, "BEGIN");
	snprintf(sql, sizeof(sql), "DELETE FROM cohort_facilitators WHERE cohort_id = %ld AND user_id = %ld"
	                           " AND (SELECT count(*) FROM cohort_facilitators WHERE cohort_id = %ld) > 1", cohort, a, cohort);
	run(db, sql);
	struct pending mine;
	snprintf(body, sizeof(body), "csrf=%s&action=staff-remove&user=%ld", csrf, b);
	pending_start(&mine, f, path, body);
	run(db, "COMMIT");
	PQfinish(db);
	long status = pending_wait(&mine);
	http_res_free(&mine.res);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cohort_facilitators WHERE cohort_id = %ld", cohort);
	cr_expect_eq(e2e_scalar(sql, NULL), 1, "the cohort keeps a facilitator");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM cohort_facilitators WHERE cohort_id = %ld AND user_id = %ld", cohort, b);
	cr_expect_eq(e2e_scalar(sql, NULL), 1, "the one who was not removed first stays");
	cr_expect(status == 400 || status == 404, "A is told: status %ld", status);
	free(csrf);
	client_free(f);
}
