/* test_journey.c: the trainee's journey as people really take it, not in the order the links suggest:
 * lessons opened from the step list in any order and left by the breadcrumb, "Continue" after every
 * kind of progress, a completed module's review, a re-scanned join code while signed in, a second tab's
 * stale join form, and a page asked for while signed out that is shown again after the resume code. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

/* The module's lesson count, and the new trainee's id as text. */
static long lessons_of(const char *slug)
{
	return e2e_scalar("SELECT r.lesson_count FROM modules m JOIN module_revisions r ON r.id = m.current_revision "
	                  "WHERE m.slug = $1",
	                  slug);
}

static void user_id(const char *name, char out[32])
{
	snprintf(out, 32, "%ld", e2e_scalar("SELECT max(id) FROM users WHERE display_name = $1", name));
}

/* The href of the first "btn" link in the page's main content. */
static char *first_button(const char *html)
{
	const char *main = strstr(html, "<main");
	const char *a = main ? strstr(main, "<a class=\"btn\" href=\"") : NULL;
	if (a == NULL)
		return NULL;
	a += strlen("<a class=\"btn\" href=\"");
	return strndup(a, strcspn(a, "\""));
}

static long progress_rows(const char *uid)
{
	return e2e_scalar("SELECT count(*) FROM progress WHERE user_id = $1", uid);
}

Test(journey, lessons_count_however_they_are_reached, .timeout = 120)
{
	struct client *c = client_new();
	free(e2e_join(c, "Out+Of+Order"));
	char uid[32];
	user_id("Out Of Order", uid);
	char *slug = e2e_first_slug();
	long n = lessons_of(slug);
	cr_assert_geq(n, 3, "the first module has at least three lessons");
	char path[512];
	struct http_res r;

	/* Opening the quiz, the pre-check and the module's page does nothing: still not started. */
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 200);
	snprintf(path, sizeof(path), "/modules/%s", slug);
	cr_expect_eq(e2e_get(c, path, &r), 200);
	cr_expect_eq(progress_rows(uid), 0, "opening pages is not progress");
	char *go = first_button(r.body);
	cr_expect_not_null(strstr(go ? go : "", "/precheck"), "a new trainee starts with the pre-check: %s", go);
	free(go);
	http_res_free(&r);

	/* The last lesson first, from the step list, then the others backwards, leaving each by the
	 * breadcrumb: each counts once it is shown. */
	for (long i = n; i >= 2; i--) {
		snprintf(path, sizeof(path), "/modules/%s/lessons/%ld", slug, i);
		cr_assert_eq(e2e_get(c, path, NULL), 200);
		snprintf(path, sizeof(path), "/modules/%s", slug);
		cr_assert_eq(e2e_get(c, path, NULL), 200);
	}
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM lesson_reads WHERE user_id = $1", uid), n - 1);
	cr_expect_eq(progress_rows(uid), 1, "reading is progress");

	/* The module names the lesson still missing, and Continue goes there, not to the pre-check. */
	snprintf(path, sizeof(path), "/modules/%s", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "you still need to:"));
	snprintf(path, sizeof(path), "read lesson 1, <a href=\"/modules/%s/lessons/1\">", slug);
	cr_expect_not_null(strstr(r.body, path), "the missing lesson is named and linked");
	snprintf(path, sizeof(path), "read lesson 2,");
	cr_expect_null(strstr(r.body, path), "a lesson read is not listed");
	cr_expect_not_null(strstr(r.body, "not read yet"));
	go = first_button(r.body);
	snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
	cr_expect_str_eq(go ? go : "", path, "Continue goes to the one unread lesson");
	free(go);
	http_res_free(&r);
	cr_assert_eq(e2e_get(c, "/modules", &r), 200);
	cr_expect_not_null(strstr(r.body, "Continue: lesson 1"));
	http_res_free(&r);

	/* Reading it again and again records it once. */
	snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
	cr_assert_eq(e2e_get(c, path, NULL), 200);
	cr_assert_eq(e2e_get(c, path, NULL), 200);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM lesson_reads WHERE user_id = $1", uid), n);

	/* Every lesson read: Continue goes to the quiz; the steps say "read" for each. */
	snprintf(path, sizeof(path), "/modules/%s", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	go = first_button(r.body);
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	cr_expect_str_eq(go ? go : "", path);
	free(go);
	cr_expect_null(strstr(r.body, "not read yet"));
	cr_expect_not_null(strstr(r.body, "pass the quiz"));
	http_res_free(&r);
	free(slug);
	client_free(c);
}

Test(journey, a_completed_module_offers_its_certificate_and_the_best_attempt, .timeout = 120)
{
	struct client *c = client_new();
	free(e2e_join(c, "Completer"));
	char *slug = e2e_first_slug();
	long n = lessons_of(slug);
	char path[512], form[512], fields[8400], right[8192], wrong[8192];
	struct http_res r;
	for (long i = 1; i <= n; i++) {
		snprintf(path, sizeof(path), "/modules/%s/lessons/%ld", slug, i);
		cr_assert_eq(e2e_get(c, path, NULL), 200);
	}
	/* Passed at the second attempt after a failed first: the review goes to attempt 2. */
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303);
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));   /* attempt 2 shows its own order */
	snprintf(fields, sizeof(fields), "attempt=2%s", right);
	cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303);
	snprintf(path, sizeof(path), "/modules/%s", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	char *go = first_button(r.body);
	snprintf(path, sizeof(path), "/modules/%s/scenario", slug);
	cr_expect_str_eq(go ? go : "", path, "after the quiz, the case");
	free(go);
	http_res_free(&r);
	e2e_walk_case(c, slug);

	/* Done: My modules offers the certificate and the review of the best attempt, never a blank quiz. */
	cr_assert_eq(e2e_get(c, "/modules", &r), 200);
	const char *card = strstr(r.body, slug);
	cr_assert_not_null(card);
	snprintf(path, sizeof(path), "href=\"/modules/%s/quiz/2\"", slug);
	cr_expect_not_null(strstr(card, path), "Review opens the best attempt");
	snprintf(path, sizeof(path), "href=\"/modules/%s/quiz\"", slug);
	cr_expect_null(strstr(card, path), "no link to a new attempt");
	snprintf(path, sizeof(path), "href=\"/modules/%s#certificate\"", slug);
	cr_expect_not_null(strstr(card, path), "Get your certificate");
	cr_expect_not_null(strstr(card, "Get your certificate"));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/modules/%s", slug);
	snprintf(form, sizeof(form), "/modules/%s/certificate", slug);
	cr_expect_eq(e2e_post(c, path, form, "", &r), 303);
	char *loc = http_res_header(&r, "location");
	http_res_free(&r);
	cr_assert_eq(e2e_get(c, "/modules", &r), 200);
	cr_expect_not_null(strstr(r.body, "See your certificate"));
	snprintf(path, sizeof(path), "href=\"%s\"", loc ? loc : "?");
	cr_expect_not_null(strstr(r.body, path), "the card links the certificate itself");
	http_res_free(&r);
	free(loc);
	free(slug);
	client_free(c);
}

Test(journey, joining_again_while_signed_in_asks_first, .timeout = 60)
{
	struct client *c = client_new();
	free(e2e_join(c, "Rescanner"));
	char *code = e2e_cred("JOIN_CODE");
	char path[256], fields[256];
	struct http_res r;
	long before = e2e_scalar("SELECT count(*) FROM users WHERE display_name LIKE 'Rescanner%'", NULL);
	cr_expect_eq(before, 1);

	/* The home page goes on, and no longer offers to join. */
	cr_assert_eq(e2e_get(c, "/", &r), 200);
	cr_expect_null(strstr(r.body, "Join with a code"));
	cr_expect_not_null(strstr(r.body, ">Continue</a>"));
	http_res_free(&r);

	/* The cohort's QR code again: who they are, and Continue first. */
	snprintf(path, sizeof(path), "/join?code=%s", code);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "You are already signed in"));
	cr_expect_not_null(strstr(r.body, "Continue as <bdi>Rescanner</bdi>"));
	cr_expect_not_null(strstr(r.body, "/join?new=1&amp;code="), "joining as someone else is a separate choice");
	cr_expect_null(strstr(r.body, "name=\"name\""), "no join form yet");
	http_res_free(&r);

	/* A join form posted without the choice (a tab left open on the form, a bookmark): refused, and no
	 * second account. */
	snprintf(fields, sizeof(fields), "code=%s&name=Rescanner+Again", code);
	cr_expect_eq(e2e_post(c, "/join", "/join", fields, &r), 409);
	cr_expect_not_null(strstr(r.body, "You are already signed in"));
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE display_name LIKE 'Rescanner%'", NULL), 1);

	/* The explicit choice: the form carries it, and a new person joins. */
	snprintf(path, sizeof(path), "/join?new=1&code=%s", code);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "name=\"new\" value=\"1\""));
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "new=1&code=%s&name=Rescanner+Friend", code);
	cr_expect_eq(e2e_post(c, path, "/join", fields, &r), 200);
	cr_expect_not_null(strstr(r.body, "Welcome, <bdi>Rescanner Friend</bdi>"));
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE display_name LIKE 'Rescanner%'", NULL), 2);
	free(code);
	client_free(c);
}

Test(journey, a_page_asked_for_while_signed_out_comes_back_after_resuming, .timeout = 60)
{
	struct client *phone = client_new(), *laptop = client_new();
	char *resume = e2e_join(phone, "Bookmarker");
	char *slug = e2e_first_slug();
	char path[256], fields[600];
	struct http_res r;

	/* A trainee's page: to the resume form, which carries the page along. */
	snprintf(path, sizeof(path), "/modules/%s/lessons/2", slug);
	cr_assert_eq(client_do(laptop, "GET", path, NULL, &r), 0);
	cr_expect_eq(r.status, 303);
	char *loc = http_res_header(&r, "location");
	http_res_free(&r);
	char want[300];
	snprintf(want, sizeof(want), "/resume?next=%s", path);
	cr_assert_str_eq(loc ? loc : "", want);
	cr_assert_eq(e2e_get(laptop, loc, &r), 200);
	snprintf(want, sizeof(want), "name=\"next\" value=\"%s\"", path);
	cr_expect_not_null(strstr(r.body, want));
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "code=%s&next=%s", resume, path);
	cr_expect_eq(e2e_post(laptop, loc, "/resume", fields, &r), 303);
	char *back = http_res_header(&r, "location");
	cr_expect_str_eq(back ? back : "", path, "back to the page asked for");
	http_res_free(&r);
	cr_expect_eq(e2e_get(laptop, path, NULL), 200);
	free(back);
	free(loc);

	/* Another site is never a place to go back to. */
	static const char *const evil[] = {"//evil.example/x", "https://evil.example/", "/%0d%0aSet-Cookie:x", "/a+b"};
	for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		struct client *x = client_new();
		snprintf(fields, sizeof(fields), "code=%s&next=%s", resume, evil[i]);
		cr_expect_eq(e2e_post(x, "/resume", "/resume", fields, &r), 303);
		back = http_res_header(&r, "location");
		cr_expect_str_eq(back ? back : "", "/modules", "next=%s", evil[i]);
		free(back);
		http_res_free(&r);
		client_free(x);
	}

	/* A staff page: to the staff sign-in, and back after it. */
	struct client *staff = client_new();
	cr_assert_eq(client_do(staff, "GET", "/cohorts", NULL, &r), 0);
	loc = http_res_header(&r, "location");
	cr_expect_str_eq(loc ? loc : "", "/signin?next=/cohorts");
	http_res_free(&r);
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	snprintf(fields, sizeof(fields), "username=facilitator&password=%s&next=/cohorts", pw);
	cr_expect_eq(e2e_post(staff, loc, "/signin", fields, &r), 303);
	back = http_res_header(&r, "location");
	cr_expect_str_eq(back ? back : "", "/cohorts");
	http_res_free(&r);
	free(back);
	free(loc);
	free(pw);
	free(resume);
	free(slug);
	client_free(staff);
	client_free(phone);
	client_free(laptop);
}

Test(journey, back_after_sending_the_quiz_spends_no_attempt, .timeout = 60)
{
	struct client *c = client_new();
	free(e2e_join(c, "Back+Button"));
	char uid[32];
	user_id("Back Button", uid);
	char *slug = e2e_first_slug();
	char path[512], form[512], fields[8400], right[8192], wrong[8192];
	struct http_res r;
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	cr_assert_eq(e2e_get(c, form, &r), 200);
	cr_expect_not_null(strstr(r.body, "name=\"attempt\" value=\"1\""));
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303);

	/* Back to the form's address, with or without its attempt number: what was sent, not a new form. */
	const char *again[] = {"", "?attempt=1"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/modules/%s/quiz%s", slug, again[i]);
		cr_assert_eq(e2e_get(c, path, &r), 200);
		cr_expect_null(strstr(r.body, "class=\"quiz\""), "%s: no form", path);
		cr_expect_not_null(strstr(r.body, "attempt 1 were sent"), "%s", path);
		snprintf(path, sizeof(path), "href=\"/modules/%s/quiz?attempt=2\"", slug);
		cr_expect_not_null(strstr(r.body, path), "a new attempt is a choice of its own");
		http_res_free(&r);
	}
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1", uid), 1);

	/* The new attempt's form, which the review's "Try again" opens too. */
	snprintf(path, sizeof(path), "/modules/%s/quiz/1", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	snprintf(path, sizeof(path), "href=\"/modules/%s/quiz?attempt=2\"", slug);
	cr_expect_not_null(strstr(r.body, path));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/modules/%s/quiz?attempt=2", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "name=\"attempt\" value=\"2\""));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/modules/%s/quiz?attempt=x", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 400);
	free(slug);
	client_free(c);
}
