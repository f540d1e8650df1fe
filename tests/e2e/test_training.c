/* test_training.c: a trainee takes a module from start to certificate through nginx over TLS: reads
 * every lesson, fails the quiz, retakes it and passes, walks the case to an ending, gets a certificate
 * whose code verifies. Double posts count once; tampered ids are refused and nothing is recorded. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"


Test(training, from_start_to_certificate, .timeout = 120)
{
	struct client *c = client_new();
	free(e2e_join(c, "Journey+Tester"));
	char *slug = e2e_first_slug();
	char path[512], form[512];
	struct http_res r;
	long uid = e2e_scalar("SELECT max(id) FROM users WHERE display_name = 'Journey Tester'", NULL);
	char uids[32];
	snprintf(uids, sizeof(uids), "%ld", uid);

	cr_assert_eq(e2e_get(c, "/modules", &r), 200);
	cr_expect_not_null(strstr(r.body, "My modules"));
	cr_expect_not_null(strstr(r.body, slug));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/modules/%s", slug);
	cr_assert_eq(e2e_get(c, path, NULL), 200);

	/* The pre-check, answered wrong, is recorded and reviewed. */
	char right[8192], wrong[8192];
	e2e_quiz_fields(c, slug, "precheck", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/precheck", slug);
	char fields[8300];
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(c, form, form, fields, &r), 303);
	http_res_free(&r);

	/* Every lesson, by its address: each counts as read once shown (old links with ?done= still work). */
	long nlessons = e2e_scalar("SELECT r.lesson_count FROM modules m JOIN module_revisions r ON r.id = m.current_revision "
	                       "WHERE m.slug = $1", slug);
	cr_assert_gt(nlessons, 0);
	for (long i = 1; i <= nlessons; i++) {
		if (i == 1)
			snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
		else
			snprintf(path, sizeof(path), "/modules/%s/lessons/%ld?done=%ld", slug, i, i - 1);
		cr_assert_eq(e2e_get(c, path, &r), 200, "%s", path);
		cr_expect_not_null(strstr(r.body, "<article class=\"lesson"));
		/* The only script: Listen's (listen.js, deferred), which the page works without. */
		const char *script = strstr(r.body, "<script");
		static const char listen[] = "<script src=\"/static/listen.";
		cr_expect(script && strncmp(script, listen, sizeof(listen) - 1) == 0 && !strstr(script + 1, "<script"),
		          "%s: one script, listen.js", path);
		http_res_free(&r);
	}
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "name=\"attempt\" value=\"1\""));
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM lesson_reads WHERE user_id = $1", uids), nlessons, "every lesson read");

	/* Fail the quiz, posting the same form twice: one attempt recorded. */
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(c, form, form, fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	cr_expect_not_null(strstr(loc ? loc : "", "/quiz/1"));
	free(loc);
	http_res_free(&r);
	cr_expect_eq(e2e_post(c, form, form, fields, &r), 303, "the same attempt again: shown, not recorded");
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1 AND set = 'quiz'", uids), 1);
	snprintf(path, sizeof(path), "/modules/%s/quiz/1", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "Not passed yet"));
	cr_expect_not_null(strstr(r.body, "✗ Not correct"), "wrong answers are marked in words");
	cr_expect_not_null(strstr(r.body, "(your answer)"));
	cr_expect_not_null(strstr(r.body, "Source: seminar summary"));
	http_res_free(&r);

	/* Tampered submissions: refused, nothing recorded. */
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));   /* attempt 2 shows another order */
	/* Each: the attempt, whether the revision follows, the answers. */
	const struct { const char *attempt; bool revision; const char *answers; } tampered[] = {
		{"attempt=2", true, "&q999=0"}, {"attempt=2", true, "&q1=9"}, {"attempt=2", true, "&q1=0&q1=1&q1=2"},
		{"attempt=7", true, "&q1=0"}, {"attempt=x", true, ""}, {"attempt=2", false, ""},
	};
	int revlen = (int)strcspn(right + 1, "&") + 1;   /* "&revision=N" */
	for (size_t i = 0; i < sizeof(tampered) / sizeof(tampered[0]); i++) {
		snprintf(fields, sizeof(fields), "%s%.*s%s", tampered[i].attempt, tampered[i].revision ? revlen : 0, right,
		         tampered[i].answers);
		cr_expect_eq(e2e_post(c, form, form, fields, NULL), 400, "%s", fields);
	}
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1", uids), 2, "pre-check and one quiz attempt");

	/* Pass it. */
	snprintf(fields, sizeof(fields), "attempt=2%s", right);
	cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303);
	snprintf(path, sizeof(path), "/modules/%s/quiz/2", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "You passed"));
	cr_expect_not_null(strstr(r.body, "100%"));
	http_res_free(&r);

	/* No certificate before the case is finished. */
	snprintf(form, sizeof(form), "/modules/%s", slug);
	snprintf(path, sizeof(path), "/modules/%s/certificate", slug);
	cr_expect_eq(e2e_post(c, form, path, "", NULL), 409);

	/* Walk the case, always taking the first choice, to an ending. */
	snprintf(form, sizeof(form), "/modules/%s/scenario", slug);
	cr_expect_eq(e2e_post(c, form, form, "action=start", NULL), 303);
	bool ended = false;
	for (int moves = 0; moves < 40 && !ended; moves++) {
		cr_assert_eq(e2e_get(c, form, &r), 200);
		if (strstr(r.body, "class=\"ending") != NULL) {
			ended = true;
			cr_expect_not_null(strstr(r.body, "outcome</p>") ? strstr(r.body, "outcome</p>") : strstr(r.body, "outcome"));
			http_res_free(&r);
			break;
		}
		char *run = html_input_value(r.body, "run"), *seq = html_input_value(r.body, "seq");
		cr_assert(run && seq, "no step form");
		http_res_free(&r);
		if (moves == 0) {
			snprintf(fields, sizeof(fields), "action=choose&run=%s&seq=%s&choice=6", run, seq);
			long s = e2e_post(c, form, form, fields, NULL);
			cr_expect(s == 400 || s == 200, "a choice the step does not offer: %ld", s);
		}
		snprintf(fields, sizeof(fields), "action=choose&run=%s&seq=%s&choice=1", run, seq);
		cr_expect_eq(e2e_post(c, form, form, fields, &r), 200);
		cr_expect_not_null(strstr(r.body, "You chose:"));
		http_res_free(&r);
		cr_expect_eq(e2e_post(c, form, form, fields, NULL), 303, "the same choice twice: recorded once");
		free(run);
		free(seq);
	}
	cr_assert(ended, "the case did not end");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM scenario_runs WHERE user_id = $1 AND ended_at IS NOT NULL", uids), 1);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM scenario_moves m JOIN scenario_runs r ON r.id = m.run_id WHERE r.user_id = $1", uids),
	             e2e_scalar("SELECT moves FROM scenario_runs WHERE user_id = $1", uids), "each move once");

	/* The certificate, and its code verifies. */
	snprintf(form, sizeof(form), "/modules/%s", slug);
	cr_expect_eq(e2e_post(c, form, path, "", &r), 303);
	loc = http_res_header(&r, "location");
	http_res_free(&r);
	cr_assert_not_null(loc);
	cr_assert_eq(e2e_get(c, loc, &r), 200);
	cr_expect_not_null(strstr(r.body, "Journey Tester"));
	cr_expect_not_null(strstr(r.body, "Certificate of completion"));
	http_res_free(&r);
	char verify[128];
	snprintf(verify, sizeof(verify), "/verify?code=%s", strrchr(loc, '/') + 1);
	struct client *stranger = client_new();
	cr_assert_eq(e2e_get(stranger, verify, &r), 200);
	cr_expect_not_null(strstr(r.body, "genuine"));
	cr_expect_not_null(strstr(r.body, "Journey Tester"));
	http_res_free(&r);
	cr_expect_eq(e2e_get(stranger, "/verify?code=0000-0000-0000", NULL), 404);
	/* Issuing again gives the same certificate. */
	cr_expect_eq(e2e_post(c, form, path, "", &r), 303);
	char *loc2 = http_res_header(&r, "location");
	cr_expect_str_eq(loc2, loc);
	http_res_free(&r);
	free(loc2);
	free(loc);
	free(slug);
	client_free(c);
	client_free(stranger);
}

Test(training, pages_need_a_session_and_a_real_module)
{
	struct client *anon = client_new(), *c = client_new();
	cr_expect_eq(e2e_get(anon, "/modules", NULL), 303);
	free(e2e_join(c, "Prober"));
	char *slug = e2e_first_slug();
	char path[256];
	cr_expect_eq(e2e_get(c, "/modules/no-such-module", NULL), 404);
	snprintf(path, sizeof(path), "/modules/%s/lessons/999", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 404);
	snprintf(path, sizeof(path), "/modules/%s/lessons/0", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 404);
	snprintf(path, sizeof(path), "/modules/%s/lessons/abc", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 404);
	snprintf(path, sizeof(path), "/modules/%s/quiz/1", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 404, "nobody else's attempts");
	snprintf(path, sizeof(path), "/modules/%s/notes", slug);
	cr_expect_eq(e2e_get(c, path, NULL), 403, "facilitator notes are for staff");
	cr_expect_eq(e2e_get(anon, "/glossary", NULL), 200);
	free(slug);
	client_free(anon);
	client_free(c);
}
