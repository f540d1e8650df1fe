/* test_live.c: a live workshop end to end through nginx over TLS. A facilitator prepares a three-question
 * workshop (a quiz question, an open answer for the word cloud, and questions from the room), runs it from
 * the console while two anonymous phones and a signed-in trainee answer; answers change and then close,
 * results stay hidden until revealed, the word list and the facilitator hide posts, a phone that lost its
 * connection comes back with its cookie and finds its answers, and the trainee's answers land in their
 * record. Every bad input gets its status. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

static struct client *facilitator(void)
{
	struct client *c = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(c, "facilitator", pw, 303);
	free(pw);
	return c;
}

/* Prepares a workshop for the demo cohort; returns its id. */
static long prepare(struct client *f, const char *title)
{
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	cr_assert_gt(cohort, 0);
	char fields[256];
	snprintf(fields, sizeof(fields), "title=%s&module=&cohort=%ld", title, cohort);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/workshops", "/workshops", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/workshops/%ld", &id) == 1, "location %s", loc ? loc : "(none)");
	free(loc);
	http_res_free(&r);
	return id;
}

static long workshop_post(struct client *f, long id, const char *page, const char *fields)
{
	char path[128];
	snprintf(path, sizeof(path), "/workshops/%ld%s", id, page);
	return e2e_post(f, path, path, fields, NULL);
}

static char *workshop_code(long id)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT code FROM workshops WHERE id = %ld", id);
	PGconn *c = e2e_db();
	PGresult *r = PQexec(c, sql);
	cr_assert_eq(PQntuples(r), 1);
	char *code = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return code;
}

static long question_id(long workshop, int position)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT id FROM live_questions WHERE workshop_id = %ld ORDER BY position OFFSET %d LIMIT 1",
	         workshop, position - 1);
	return e2e_scalar(sql, NULL);
}

/* The scalar of `fmt` with two longs in it (a macro, so that the format stays a literal the compiler checks). */
static long count_sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static long count_sql(const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return e2e_scalar(sql, NULL);
}
#define count(fmt, a, b) count_sql(fmt, (long)(a), (long)(b))

/* Joins the workshop with `code` from the /live form (name may be ""). */
static void join(struct client *p, const char *code, const char *name)
{
	char fields[128];
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, name);
	struct http_res r;
	cr_assert_eq(e2e_post(p, "/live", "/live", fields, &r), 303, "join as '%s'", name);
	char *loc = http_res_header(&r, "location");
	char want[64];
	snprintf(want, sizeof(want), "/live/%s", code);
	cr_assert(loc && strcmp(loc, want) == 0);
	free(loc);
	http_res_free(&r);
}

/* The participant's page: status, body in out (caller frees) and its ETag (caller frees). */
static char *room(struct client *p, const char *code, struct http_res *out)
{
	char path[64];
	snprintf(path, sizeof(path), "/live/%s", code);
	cr_assert_eq(e2e_get(p, path, out), 200);
	char *etag = http_res_header(out, "etag");
	cr_assert_not_null(etag);
	return etag;
}

static long answer(struct client *p, const char *code, const char *fields)
{
	char path[64];
	snprintf(path, sizeof(path), "/live/%s", code);
	return e2e_post(p, path, path, fields, NULL);
}

/* A POST with a token taken earlier: for pages that no longer show a form. */
static long post_with(struct client *p, const char *code, const char *csrf, const char *fields)
{
	char path[64], body[1024];
	snprintf(path, sizeof(path), "/live/%s", code);
	snprintf(body, sizeof(body), "csrf=%s&%s", csrf, fields);
	struct http_res r;
	cr_assert_eq(client_do(p, "POST", path, body, &r), 0);
	long s = r.status;
	http_res_free(&r);
	return s;
}

static char *screen(struct client *f, long id, const char *want_in)
{
	char path[64];
	snprintf(path, sizeof(path), "/workshops/%ld/screen", id);
	struct http_res r;
	cr_assert_eq(e2e_get(f, path, &r), 200);
	if (want_in)
		cr_expect(strstr(r.body, want_in), "projector lacks '%s'", want_in);
	char *body = strdup(r.body);
	http_res_free(&r);
	return body;
}

Test(live, workshop_with_phones_and_projector, .timeout = 120)
{
	struct client *f = facilitator();
	long id = prepare(f, "Remittances+live");
	cr_assert_eq(workshop_post(f, id, "", "action=add&kind=quiz&prompt=Who+decides+how+a+remittance+is+spent%3F"
	                                     "&options=The+bank%0AThe+family+that+receives+it%0AThe+state&correct=2"),
	             303);
	cr_assert_eq(workshop_post(f, id, "", "action=add&kind=open&prompt=One+word+for+integration"), 303);
	cr_assert_eq(workshop_post(f, id, "", "action=add&kind=qa&prompt=Your+questions"), 303);
	cr_assert_eq(workshop_post(f, id, "", "action=settings&words=badword%2C+worse+thing"), 303);
	char *code = workshop_code(id);
	long q1 = question_id(id, 1), q2 = question_id(id, 2), q3 = question_id(id, 3);

	/* The projector shows the code and a QR code while people join. */
	free(screen(f, id, "<svg"));

	struct client *ana = client_new(), *anon = client_new(), *tr = client_new();
	join(ana, code, "Ana");
	join(anon, code, "");
	char *resume = e2e_join(tr, "Live+Trainee");
	free(resume);
	join(tr, code, "ignored");   /* a signed-in trainee joins under their own name */
	long tr_id = e2e_scalar("SELECT max(id) FROM users WHERE display_name = 'Live Trainee'", NULL);
	cr_expect_eq(count("SELECT count(*) FROM live_participants WHERE workshop_id = %ld AND user_id = %ld", id, tr_id), 1);
	cr_expect_eq(count("SELECT count(*) FROM live_participants WHERE workshop_id = %ld AND name IS NULL AND %ld = 0", id, 0),
	             1, "the phone without a name is anonymous");

	/* Before the start: waiting; an unchanged page answers 304. */
	struct http_res r;
	char *etag = room(ana, code, &r);
	cr_expect(strstr(r.body, "has not started"));
	http_res_free(&r);
	char path[64];
	snprintf(path, sizeof(path), "/live/%s", code);
	cr_assert_eq(client_get_if(ana, path, etag, &r), 0);
	cr_expect_eq(r.status, 304);
	cr_expect_eq(r.len, 0);
	http_res_free(&r);
	/* A forged ETag (another place, or a MAC that is not this phone's) gets the page, not 304. */
	char forged[128];
	snprintf(forged, sizeof(forged), "%.*s0\"", (int)strlen(etag) - 2, etag);
	if (strcmp(forged, etag) == 0)
		forged[strlen(forged) - 2] = '1';
	cr_assert_eq(client_get_if(ana, path, forged, &r), 0);
	cr_expect_eq(r.status, 200, "forged ETag %s", forged);
	http_res_free(&r);
	cr_assert_eq(client_get_if(anon, path, etag, &r), 0);
	cr_expect_eq(r.status, 200, "another phone's ETag");
	http_res_free(&r);

	/* Start, and show question 1: it opens, and the phone's ETag no longer matches (once each worker's
	 * copy of the workshop's version is renewed: within LIVE_VERSION_TTL_MS, 200 ms). */
	cr_assert_eq(workshop_post(f, id, "/console", "action=start"), 303);
	cr_assert_eq(workshop_post(f, id, "/console", "action=next"), 303);
	usleep(250 * 1000);
	cr_assert_eq(client_get_if(ana, path, etag, &r), 0);
	cr_expect_eq(r.status, 200);
	cr_expect(strstr(r.body, "Who decides how a remittance is spent?"));
	cr_expect(strstr(r.body, "data-poll"));
	http_res_free(&r);
	free(etag);

	char q[64];
	snprintf(q, sizeof(q), "action=answer&q=%ld&choice=", q1);
	char fields[256];
	snprintf(fields, sizeof(fields), "%s0", q);
	cr_expect_eq(answer(ana, code, fields), 303);
	snprintf(fields, sizeof(fields), "%s1", q);
	cr_expect_eq(answer(ana, code, fields), 303, "Ana changes her answer");
	snprintf(fields, sizeof(fields), "%s2", q);
	cr_expect_eq(answer(anon, code, fields), 303);
	snprintf(fields, sizeof(fields), "%s1", q);
	cr_expect_eq(answer(tr, code, fields), 303);
	cr_expect_eq(count("SELECT count(*) FROM live_answers WHERE question_id = %ld AND %ld = 0", q1, 0), 3,
	             "one answer per participant: a change replaces");
	cr_expect_eq(count("SELECT choice FROM live_answers a JOIN live_participants p ON p.id = a.participant_id "
	                   "WHERE a.question_id = %ld AND p.name = 'Ana' AND %ld = 0", q1, 0), 1);

	/* No results for the room before the reveal; the projector counts the answers. */
	etag = room(ana, code, &r);
	cr_expect(strstr(r.body, "Your answer: <strong>B. The family that receives it</strong>"));
	cr_expect_null(strstr(r.body, "bar-figure"), "results before the reveal");
	char *csrf = html_input_value(r.body, "csrf");
	http_res_free(&r);
	char *s = screen(f, id, "<span id=\"answered\">3</span>");
	cr_expect_null(strstr(s, "right answer"), "the projector marks no answer before the reveal");
	free(s);

	/* A participant cannot open the console or the projector. */
	snprintf(path, sizeof(path), "/workshops/%ld/console", id);
	cr_expect_eq(e2e_get(tr, path, NULL), 403);
	snprintf(path, sizeof(path), "/workshops/%ld/screen", id);
	cr_expect_eq(e2e_get(tr, path, NULL), 403);
	struct http_res red;
	cr_assert_eq(client_do(ana, "GET", path, NULL, &red), 0);
	cr_expect_eq(red.status, 303, "someone signed out is sent to sign in");
	http_res_free(&red);

	/* Lock: a late answer is refused with 409 and not counted. */
	snprintf(fields, sizeof(fields), "action=close&q=%ld", q1);
	cr_assert_eq(workshop_post(f, id, "/console", fields), 303);
	snprintf(fields, sizeof(fields), "%s0", q);
	cr_expect_eq(post_with(ana, code, csrf, fields), 409);
	cr_expect_eq(count("SELECT count(*) FROM live_answers WHERE question_id = %ld AND choice = 0 AND %ld = 0", q1, 0), 0);
	etag = (free(etag), room(ana, code, &r));
	cr_expect(strstr(r.body, "Answers are closed"));
	cr_expect_null(strstr(r.body, "bar-figure"));
	http_res_free(&r);

	/* Reveal: the room sees the figures and whether they were right. */
	snprintf(fields, sizeof(fields), "action=reveal&q=%ld", q1);
	cr_assert_eq(workshop_post(f, id, "/console", fields), 303);
	free(etag);
	etag = room(ana, code, &r);
	cr_expect(strstr(r.body, "is right"));
	cr_expect(strstr(r.body, "2 (67%)"), "two of three chose B");
	http_res_free(&r);
	free(screen(f, id, "(right answer)"));

	/* The phone loses its connection and comes back with only its cookie: same place, same answer. */
	char *jar = client_cookie_lines(ana);
	struct client *again = client_with_cookies(jar);
	free(jar);
	char *etag2 = room(again, code, &r);
	cr_expect(strstr(r.body, "You are <bdi>Ana</bdi>"));
	cr_expect(strstr(r.body, "Your answer, <strong>B. The family that receives it</strong>, is right."));
	cr_expect_str_eq(etag2, etag, "the same place gives the same version");
	http_res_free(&r);
	free(etag2);

	/* Question 2, open answers: the word list hides one, too long is refused, the cloud shows the rest. */
	cr_assert_eq(workshop_post(f, id, "/console", "action=next"), 303);
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&body=Dignity", q2);
	cr_expect_eq(answer(again, code, fields), 303);
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&body=that+BADWORD+again", q2);
	cr_expect_eq(answer(anon, code, fields), 303);
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&body=dignity", q2);
	cr_expect_eq(answer(tr, code, fields), 303);
	char longer[200];
	snprintf(longer, sizeof(longer), "action=answer&q=%ld&body=%081d", q2, 0);
	cr_expect_eq(answer(tr, code, longer), 400, "81 characters is over the limit");
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&choice=1", q2);
	cr_expect_eq(answer(tr, code, fields), 400, "an open question takes text");
	s = screen(f, id, "dignity (2)");
	cr_expect_null(strstr(s, "badword"), "the word list hid the post");
	free(s);
	cr_expect_eq(count("SELECT count(*) FROM live_answers WHERE question_id = %ld AND status = 'hidden' AND %ld = 0", q2, 0), 1);

	/* Question 3, questions from the room: posts, an upvote, the flood limit, moderation. */
	cr_assert_eq(workshop_post(f, id, "/console", "action=next"), 303);
	snprintf(fields, sizeof(fields), "action=post&q=%ld&body=Who+protects+undocumented+workers%%3F", q3);
	cr_expect_eq(answer(again, code, fields), 303);
	snprintf(fields, sizeof(fields), "action=post&q=%ld&body=Off+topic+remark", q3);
	cr_expect_eq(answer(anon, code, fields), 303);
	long ana_post = count("SELECT min(id) FROM live_posts WHERE question_id = %ld AND %ld = 0", q3, 0);
	long anon_post = count("SELECT max(id) FROM live_posts WHERE question_id = %ld AND %ld = 0", q3, 0);
	snprintf(fields, sizeof(fields), "action=vote&q=%ld&post=%ld", q3, ana_post);
	cr_expect_eq(answer(tr, code, fields), 303);
	cr_expect_eq(answer(tr, code, fields), 409, "one vote per post");
	cr_expect_eq(answer(again, code, fields), 409, "no vote for one's own post");
	cr_expect_eq(count("SELECT votes FROM live_posts WHERE id = %ld AND %ld = 0", ana_post, 0), 1);
	for (int i = 0; i < 4; i++) {
		snprintf(fields, sizeof(fields), "action=post&q=%ld&body=More+%d", q3, i);
		cr_expect_eq(answer(again, code, fields), 303);
	}
	snprintf(fields, sizeof(fields), "action=post&q=%ld&body=One+too+many", q3);
	cr_expect_eq(answer(again, code, fields), 429, "six posts in a minute");
	snprintf(fields, sizeof(fields), "action=hide&post=%ld", anon_post);
	cr_assert_eq(workshop_post(f, id, "/console", fields), 303);
	etag = (free(etag), room(tr, code, &r));
	cr_expect(strstr(r.body, "Who protects undocumented workers?"));
	cr_expect_null(strstr(r.body, "Off topic remark"), "a hidden post leaves every phone");
	http_res_free(&r);

	/* The end: every phone says so, and nothing more is taken. */
	cr_assert_eq(workshop_post(f, id, "/console", "action=end"), 303);
	free(etag);
	etag = room(anon, code, &r);
	cr_expect(strstr(r.body, "has ended"));
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "action=post&q=%ld&body=Late", q3);
	cr_expect_eq(post_with(ana, code, csrf, fields), 409);
	char join_fields[64];
	snprintf(join_fields, sizeof(join_fields), "code=%s&name=Late", code);
	cr_expect_eq(e2e_post(client_new(), "/live", "/live", join_fields, NULL), 410, "an ended workshop takes nobody");

	/* The trainee's record, and the facilitator's views of it. */
	cr_expect_eq(e2e_get(tr, "/me", &r), 200);
	cr_expect(strstr(r.body, "Live workshops"));
	cr_expect(strstr(r.body, "Who decides how a remittance is spent?"));
	cr_expect(strstr(r.body, "The family that receives it</td><td>Right"));
	http_res_free(&r);
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", cohort, tr_id);
	cr_expect_eq(e2e_get(f, path, &r), 200);
	cr_expect(strstr(r.body, "Remittances live"));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld", cohort);
	cr_expect_eq(e2e_get(f, path, &r), 200);
	snprintf(fields, sizeof(fields), "href=\"/workshops/%ld\"", id);
	cr_expect(strstr(r.body, fields), "the cohort overview lists the workshop");
	http_res_free(&r);

	/* The results file has a row for every answer and post. */
	snprintf(path, sizeof(path), "/workshops/%ld/results.csv", id);
	cr_expect_eq(e2e_get(f, path, &r), 200);
	long rows = 0;
	for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
		rows++;
	long want = count("SELECT (SELECT count(*) FROM live_answers a JOIN live_questions q ON q.id = a.question_id "
	                  "WHERE q.workshop_id = %ld) + (SELECT count(*) FROM live_posts x JOIN live_questions q "
	                  "ON q.id = x.question_id WHERE q.workshop_id = %ld)",
	                  id, id);
	cr_expect_eq(rows, want + 1, "CSV rows %ld, answers and posts %ld", rows - 1, want);
	cr_expect(strstr(r.body, "Live Trainee"));
	http_res_free(&r);

	free(csrf);
	free(etag);
	free(code);
	client_free(ana);
	client_free(anon);
	client_free(tr);
	client_free(again);
	client_free(f);
}

/* Bad input: wrong codes are throttled, forged or malformed answers are refused, other people's
 * workshops do not exist. */
Test(live, bad_input_statuses, .timeout = 60)
{
	struct client *f = facilitator();
	long id = prepare(f, "Bad+input");
	cr_assert_eq(workshop_post(f, id, "", "action=add&kind=poll&prompt=Pick&options=One%0ATwo"), 303);
	cr_expect_eq(workshop_post(f, id, "", "action=add&kind=quiz&prompt=Only+one&options=One&correct=1"), 400);
	cr_expect_eq(workshop_post(f, id, "", "action=add&kind=quiz&prompt=No+right&options=One%0ATwo"), 400);
	cr_expect_eq(workshop_post(f, id, "", "action=add&kind=sorting&prompt=What"), 400);
	cr_expect_eq(workshop_post(f, id, "", "action=add&kind=scale&prompt=Three&options=a%0Ab%0Ac"), 400);
	cr_expect_eq(workshop_post(f, id, "", "action=nothing"), 400);
	cr_expect_eq(workshop_post(f, id, "/console", "action=next"), 409, "not started");
	cr_expect_eq(workshop_post(f, id, "/console", "action=dance"), 400);
	cr_assert_eq(workshop_post(f, id, "/console", "action=start"), 303);
	cr_assert_eq(workshop_post(f, id, "/console", "action=next"), 303);
	cr_expect_eq(workshop_post(f, id, "/console", "action=next"), 409, "past the last question");
	char *code = workshop_code(id);
	long q1 = question_id(id, 1);

	struct client *p = client_new();
	join(p, code, "Bea");
	char fields[128];
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&choice=5", q1);
	cr_expect_eq(answer(p, code, fields), 400, "no such option");
	snprintf(fields, sizeof(fields), "action=answer&q=%ld&choice=99", q1);
	cr_expect_eq(answer(p, code, fields), 400, "out of the declared range");
	snprintf(fields, sizeof(fields), "action=answer&q=%ld", q1 + 1000);
	cr_expect_eq(answer(p, code, fields), 409, "not the question on screen");
	snprintf(fields, sizeof(fields), "action=shout&q=%ld&choice=0", q1);
	cr_expect_eq(answer(p, code, fields), 400);
	char path[64];
	snprintf(path, sizeof(path), "/live/%s", code);
	struct http_res r;
	cr_assert_eq(client_do(p, "POST", path, "action=answer&choice=0", &r), 0);
	cr_expect_eq(r.status, 403, "no CSRF token");
	http_res_free(&r);
	/* A phone that never joined cannot answer. */
	struct client *stranger = client_new();
	cr_expect_eq(e2e_get(stranger, path, NULL), 200, "the join form, with the code filled in");
	cr_assert_eq(client_do(stranger, "POST", path, "action=answer&choice=0", &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);
	/* Another facilitator's workshop is not there for a trainee or a stranger to run. */
	snprintf(path, sizeof(path), "/workshops/%ld", id + 100000);
	cr_expect_eq(e2e_get(f, path, NULL), 404);
	/* A code that is not there: 404 to the join form, then 429 once the guesses add up (counted afresh:
	 * other suites' wrong codes came from this address too). A GET of /live/CODE tells nothing about the
	 * code and counts nothing: the join form, whatever the code. */
	e2e_scalar("DELETE FROM throttle WHERE key LIKE 'code:live:%' RETURNING 1", NULL);
	e2e_scalar("INSERT INTO throttle (key, failures, window_start, last_failure) VALUES ('code:live:127.0.0.1', 119,"
	           " extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint - 60) RETURNING 1", NULL);
	long last = 0;
	int tries = 0;
	for (; tries < 10 && last != 429; tries++)
		last = e2e_post(stranger, "/live", "/live", "code=ZZZZ-ZZ&name=", NULL);
	cr_expect_eq(last, 429, "throttled after %d wrong codes", tries);
	cr_expect(tries == 3 || tries == 4, "120 wrong codes are free, the next wait: %d tries", tries);
	cr_expect_eq(e2e_get(stranger, "/live/ZZZZZZ", NULL), 200, "a GET neither answers nor is throttled");
	e2e_scalar("DELETE FROM throttle WHERE key LIKE 'code:live:%' RETURNING 1", NULL);
	cr_expect_eq(e2e_get(stranger, "/live/not-a-code!", NULL), 404);
	free(code);
	client_free(p);
	client_free(stranger);
	client_free(f);
}

/* Workshops were "live sessions" at /sessions...: a facilitator's bookmark of an old address is answered
 * 301 with the same page under /workshops, for anyone and without the database (the new page then asks
 * for a sign-in as it always does). A form posted to an old address is not carried over. */
Test(live, old_session_addresses_redirect_to_workshops, .timeout = 60)
{
	static const char *const pages[] = {"", "/console", "/screen", "/results.csv"};
	struct client *c = client_new();
	struct http_res r;
	cr_expect_eq(e2e_get(c, "/sessions", &r), 301);
	char *loc = http_res_header(&r, "location");
	cr_expect(loc && strcmp(loc, "/workshops") == 0, "location %s", loc ? loc : "(none)");
	free(loc);
	http_res_free(&r);
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char path[64], want[64];
		snprintf(path, sizeof(path), "/sessions/42%s?done=added", pages[i]);
		snprintf(want, sizeof(want), "/workshops/42%s", pages[i]);
		cr_expect_eq(e2e_get(c, path, &r), 301, "%s", path);
		loc = http_res_header(&r, "location");
		cr_expect(loc && strcmp(loc, want) == 0, "%s: location %s", path, loc ? loc : "(none)");
		free(loc);
		http_res_free(&r);
	}
	cr_expect_eq(e2e_get(c, "/sessions/not-a-number", NULL), 404);
	struct client *f = facilitator();
	cr_expect_eq(e2e_post(f, "/workshops", "/sessions", "title=Old+address", NULL), 405);
	client_free(f);
	client_free(c);
}
