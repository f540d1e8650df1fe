/* test_quiz.c: the quiz as a measure of learning, through nginx over TLS. Options are shown in an
 * order shuffled per attempt (the same on a reload and in the review, another in the next attempt) and
 * stored by their written position; a shown position out of range is refused; a blank or half-answered
 * form records nothing and comes back marked; the review shows the right answers as the module's
 * setting says; a form from an older revision is scored against that revision, and one naming a
 * revision that is not the module's is refused with a page offering the new form. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

#define OPTS 8
#define TEXT 400

/* The option texts of question q as a form shows them (escaped, as sent), in order; returns how many. */
/* An option's text inside the <span lang dir> that says its language, or as it is. */
static const char *unwrap(const char *t, const char **end)
{
	if (strncmp(t, "<span lang=", 11) != 0)
		return t;
	const char *in = strchr(t, '>') + 1, *close = strstr(in, "</span>");
	if (close && close < *end)
		*end = close;
	return in;
}

static int form_order(const char *html, int q, char out[OPTS][TEXT])
{
	char pat[32];
	snprintf(pat, sizeof(pat), "name=\"q%d\" value=\"", q);
	int n = 0;
	for (const char *p = strstr(html, pat); p && n < OPTS; p = strstr(p + 1, pat)) {
		const char *t = strchr(p, '>'), *e = t ? strstr(t, "</label>") : NULL;
		cr_assert(t && e);
		const char *text = unwrap(t + 2, &e);
		snprintf(out[n++], TEXT, "%.*s", (int)(e - text), text);
	}
	return n;
}

/* The option texts of question q as a review shows them, in order. */
static int review_order(const char *html, int q, char out[OPTS][TEXT])
{
	char pat[64];
	snprintf(pat, sizeof(pat), "<span class=\"qnum\">Question %d</span>", q);
	const char *p = strstr(html, pat), *end = p ? strstr(p, "</section>") : NULL;
	cr_assert(p && end, "no question %d in the review", q);
	int n = 0;
	for (p = strstr(p, "<li class=\""); p && p < end && n < OPTS; p = strstr(p + 1, "<li class=\"")) {
		const char *t = strchr(p, '>') + 1, *e = t + strlen(t);
		t = unwrap(t, &e);
		snprintf(out[n++], TEXT, "%.*s", (int)strcspn(t, "<"), t);
		/* " <strong>(your answer)</strong>" follows the text: trim the space before it. */
		size_t l = strlen(out[n - 1]);
		if (l > 0 && out[n - 1][l - 1] == ' ')
			out[n - 1][l - 1] = '\0';
	}
	return n;
}

/* The whole form of a page, from <form to </form>, copied. */
static char *form_of(const char *html)
{
	const char *s = strstr(html, "<form method=\"post\" action=\"/modules/"), *e = s ? strstr(s, "</form>") : NULL;
	cr_assert(s && e, "no quiz form");
	char *form = strndup(s, (size_t)(e - s));
	/* The CSRF token is masked afresh on every page: blanked, so that two forms compare by what they ask. */
	char *t = strstr(form, "name=\"csrf\" value=\"");
	if (t != NULL)
		for (t += strlen("name=\"csrf\" value=\""); *t && *t != '"'; t++)
			*t = '-';
	return form;
}

static long questions_in(const char *rev, const char *set)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM questions WHERE revision_id = $1 AND set = '%s'", set);
	return e2e_scalar(sql, rev);
}

/* A new trainee of the demo cohort (name urlencoded, '+' for a space); uid gets their id. */
static struct client *trainee(const char *name, char uid[32])
{
	struct client *c = client_new();
	free(e2e_join(c, name));
	char shown[128];
	snprintf(shown, sizeof(shown), "%s", name);
	for (char *p = shown; *p; p++)
		*p = *p == '+' ? ' ' : *p;
	snprintf(uid, 32, "%ld", e2e_scalar("SELECT max(id) FROM users WHERE display_name = $1", shown));
	return c;
}

/* Sends attempt `number` of a module's quiz as its form shows it now, every answer right or each wrong. */
static long send_quiz(struct client *c, const char *slug, int number, bool right)
{
	char path[256], r[8192], w[8192], fields[8300];
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	e2e_quiz_fields(c, slug, "quiz", r, w, sizeof(r));
	snprintf(fields, sizeof(fields), "attempt=%d%s", number, right ? r : w);
	return e2e_post(c, path, path, fields, NULL);
}

Test(quiz, options_are_shuffled_per_attempt_and_stored_as_written, .timeout = 120)
{
	char uid[32], *slug = e2e_first_slug(), path[256], review[256];
	struct client *c = trainee("Quiz+Order", uid);
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	struct http_res r;

	/* A reload shows the same order. */
	cr_assert_eq(e2e_get(c, path, &r), 200);
	char *first = form_of(r.body);
	http_res_free(&r);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	char *again = form_of(r.body);
	http_res_free(&r);
	cr_expect_str_eq(first, again, "the same attempt, reloaded, in another order");
	char *rev = html_input_value(first, "revision");
	long n = questions_in(rev, "quiz");
	cr_assert_gt(n, 3);

	/* The order is not the written one: the values are shown positions, 0, 1, 2... in page order,
	 * and the texts come in another order for some question. */
	int moved = 0;
	for (int q = 1; q <= n; q++) {
		char shown[OPTS][TEXT];
		int k = form_order(first, q, shown);
		char pat[48];
		for (int s = 0; s < k; s++) {
			snprintf(pat, sizeof(pat), "name=\"q%d\" value=\"%d\"", q, s);
			cr_expect_not_null(strstr(first, pat), "question %d: shown position %d", q, s);
		}
		char qn[16];
		snprintf(qn, sizeof(qn), "%d", q);
		PGconn *db = e2e_db();
		const char *p[2] = {rev, qn};
		PGresult *w = PQexecParams(db, "SELECT o.text FROM questions q JOIN options o ON o.question_id = q.id WHERE "
		                               "q.revision_id = $1 AND q.set = 'quiz' AND q.position = $2 ORDER BY o.position",
		                           2, NULL, p, NULL, NULL, 0);
		cr_assert_eq(PQntuples(w), k, "question %d: every option shown once", q);
		for (int s = 0; s < k; s++)
			if (e2e_quiz_shown(first, q, PQgetvalue(w, s, 0)) != s) {
				moved++;
				break;
			}
		PQclear(w);
		PQfinish(db);
	}
	cr_expect_gt(moved, 0, "no question of %ld shows its options in another order than written", n);

	/* The first option shown of every question: stored as the written position of that text. */
	char fields[4096];
	snprintf(fields, sizeof(fields), "attempt=1&revision=%s", rev);
	for (int q = 1; q <= n; q++)
		snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "&q%d=0", q);
	cr_expect_eq(e2e_post(c, path, path, fields, NULL), 303);
	for (int q = 1; q <= n; q++) {
		char shown[OPTS][TEXT], qn[16];
		form_order(first, q, shown);
		snprintf(qn, sizeof(qn), "%d", q);
		PGconn *db = e2e_db();
		const char *p[2] = {uid, qn};
		/* The option's text, escaped as the page escapes it. */
		PGresult *w = PQexecParams(db,
		                           "SELECT replace(replace(replace(replace(replace(o.text, '&', '&amp;'), '<', '&lt;'),"
		                           " '>', '&gt;'), '\"', '&quot;'), '''', '&#39;') FROM attempts a JOIN answers x"
		                           " ON x.attempt_id = a.id JOIN questions q ON q.id = x.question_id JOIN options o"
		                           " ON o.question_id = q.id AND o.position = x.options[1] WHERE a.user_id = $1"
		                           " AND a.set = 'quiz' AND a.number = 1 AND q.position = $2"
		                           " AND cardinality(x.options) = 1",
		                           2, NULL, p, NULL, NULL, 0);
		cr_assert_eq(PQntuples(w), 1, "question %d: one option stored", q);
		cr_expect_str_eq(PQgetvalue(w, 0, 0), shown[0], "question %d: stored as the written option that was shown", q);
		PQclear(w);
		PQfinish(db);
	}

	/* The review lists the options in the order of that attempt. */
	snprintf(review, sizeof(review), "/modules/%s/quiz/1", slug);
	cr_assert_eq(e2e_get(c, review, &r), 200);
	for (int q = 1; q <= n; q++) {
		char shown[OPTS][TEXT], reviewed[OPTS][TEXT];
		int k = form_order(first, q, shown);
		cr_expect_eq(review_order(r.body, q, reviewed), k);
		for (int s = 0; s < k; s++)
			cr_expect_str_eq(reviewed[s], shown[s], "question %d, place %d", q, s + 1);
	}
	http_res_free(&r);

	/* The next attempt (its own address): another order, stable on a reload too. */
	char path2[300];
	snprintf(path2, sizeof(path2), "%s?attempt=2", path);
	cr_assert_eq(e2e_get(c, path2, &r), 200);
	char *second = form_of(r.body);
	http_res_free(&r);
	cr_expect_not_null(strstr(second, "name=\"attempt\" value=\"2\""));
	cr_assert_eq(e2e_get(c, path2, &r), 200);
	char *second_again = form_of(r.body);
	http_res_free(&r);
	cr_expect_str_eq(second, second_again);
	int differ = 0;
	for (int q = 1; q <= n; q++) {
		char a[OPTS][TEXT], b[OPTS][TEXT];
		int k = form_order(first, q, a);
		form_order(second, q, b);
		for (int s = 0; s < k; s++)
			if (strcmp(a[s], b[s]) != 0) {
				differ++;
				break;
			}
	}
	cr_expect_gt(differ, 0, "attempt 2 shows every question as attempt 1 did");

	/* Another trainee's first attempt is in another order too: the seed is the trainee's. */
	char other_uid[32];
	struct client *other = trainee("Quiz+Order+Two", other_uid);
	cr_assert_eq(e2e_get(other, path, &r), 200);
	char *theirs = form_of(r.body);
	http_res_free(&r);
	differ = 0;
	for (int q = 1; q <= n; q++) {
		char a[OPTS][TEXT], b[OPTS][TEXT];
		int k = form_order(first, q, a);
		form_order(theirs, q, b);
		for (int s = 0; s < k; s++)
			differ += strcmp(a[s], b[s]) != 0;
	}
	cr_expect_gt(differ, 0, "two trainees' first attempts in the same order");

	/* Shown positions out of range: 400, nothing recorded. */
	char opts1[OPTS][TEXT];
	int k1 = form_order(second, 1, opts1);
	char bad[4][32];
	snprintf(bad[0], sizeof(bad[0]), "&q1=%d", k1);
	snprintf(bad[1], sizeof(bad[1]), "&q1=-1");
	snprintf(bad[2], sizeof(bad[2]), "&q1=%d0", k1);
	snprintf(bad[3], sizeof(bad[3]), "&q1=1x");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *one = bad[i];
		snprintf(fields, sizeof(fields), "attempt=2&revision=%s%s", rev, one);
		for (int q = 2; q <= n; q++)
			snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "&q%d=0", q);
		cr_expect_eq(e2e_post(c, path, path, fields, NULL), 400, "%s", one);
	}
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1", uid), 1);
	free(first);
	free(again);
	free(second);
	free(second_again);
	free(theirs);
	free(rev);
	free(slug);
	client_free(c);
	client_free(other);
}

Test(quiz, a_blank_or_half_answered_form_records_nothing_and_comes_back_marked, .timeout = 120)
{
	char uid[32], *slug = e2e_first_slug(), path[256], fields[8300];
	struct client *c = trainee("Quiz+Blank", uid);
	struct http_res r;

	/* The pre-check, sent empty: 400, every question listed, nothing recorded. */
	snprintf(path, sizeof(path), "/modules/%s/precheck", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	char *rev = html_input_value(r.body, "revision");
	http_res_free(&r);
	long np = questions_in(rev, "precheck");
	snprintf(fields, sizeof(fields), "attempt=1&revision=%s", rev);
	cr_expect_eq(e2e_post(c, path, path, fields, &r), 400);
	cr_expect_not_null(strstr(r.body, "<title>Error: "), "the title announces the error");
	char want[128];
	snprintf(want, sizeof(want), "%ld questions have no answer", np);
	cr_expect_not_null(strstr(r.body, want), "%s", want);
	cr_expect_not_null(strstr(r.body, "Nothing has been recorded yet"));
	for (long q = 1; q <= np; q++) {
		snprintf(want, sizeof(want), "<a href=\"#question-%ld\">Question %ld</a>", q, q);
		cr_expect_not_null(strstr(r.body, want), "the summary links to question %ld", q);
		snprintf(want, sizeof(want), "<fieldset class=\"question missing\" id=\"question-%ld\""
		         " aria-describedby=\"question-%ld-error\">\n", q, q);
		cr_expect_not_null(strstr(r.body, want), "question %ld is marked", q);
	}
	cr_expect_not_null(strstr(r.body, "name=\"attempt\" value=\"1\""), "the same attempt, to send again");
	cr_expect_null(strstr(r.body, "=&quot;"), "no markup of ours escaped");
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1", uid), 0,
	             "an empty pre-check is not recorded as 0%");

	/* The quiz with only question 2 answered: the answer stays checked, the others are listed. */
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	free(rev);
	rev = html_input_value(r.body, "revision");
	http_res_free(&r);
	long n = questions_in(rev, "quiz");
	snprintf(fields, sizeof(fields), "attempt=1&revision=%s&q2=1", rev);
	cr_expect_eq(e2e_post(c, path, path, fields, &r), 400);
	snprintf(want, sizeof(want), "%ld questions have no answer", n - 1);
	cr_expect_not_null(strstr(r.body, want), "%s", want);
	cr_expect_null(strstr(r.body, "<a href=\"#question-2\">"), "question 2 was answered");
	cr_expect_not_null(strstr(r.body, "<a href=\"#question-1\">"));
	cr_expect_not_null(strstr(r.body, "name=\"q2\" value=\"1\" checked"), "the answer given is kept");
	cr_expect_not_null(strstr(r.body, "<fieldset class=\"question\" id=\"question-2\">"), "question 2 is not marked");
	http_res_free(&r);

	/* One question left: said in the singular. Then all answered: recorded. */
	char right[8192], wrong[8192];
	e2e_quiz_fields(c, slug, "quiz", right, wrong, sizeof(right));
	char *last = strrchr(right, '&');
	snprintf(fields, sizeof(fields), "attempt=1%.*s", (int)(last - right), right);
	char lastq[16];
	snprintf(lastq, sizeof(lastq), "q%ld=", n);
	if (strstr(fields, lastq) == NULL) {   /* the last question had a single right option */
		cr_expect_eq(e2e_post(c, path, path, fields, &r), 400);
		cr_expect_not_null(strstr(r.body, "1 question has no answer"));
		http_res_free(&r);
	}
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1", uid), 0);
	cr_expect_eq(send_quiz(c, slug, 1, true), 303);
	cr_expect_eq(e2e_scalar("SELECT score FROM attempts WHERE user_id = $1 AND set = 'quiz'", uid), 100);
	free(rev);
	free(slug);
	client_free(c);
}

Test(quiz, the_review_shows_the_key_only_after_passing_by_default, .timeout = 120)
{
	char uid[32], *slug = e2e_first_slug(), review[256];
	struct client *c = trainee("Quiz+Key", uid);
	struct http_res r;

	cr_expect_eq(send_quiz(c, slug, 1, false), 303);
	snprintf(review, sizeof(review), "/modules/%s/quiz/1", slug);
	cr_assert_eq(e2e_get(c, review, &r), 200);
	cr_expect_not_null(strstr(r.body, "Not passed yet"));
	cr_expect_not_null(strstr(r.body, "✗ Not correct"), "which questions were wrong");
	cr_expect_not_null(strstr(r.body, "(your answer)"));
	cr_expect_null(strstr(r.body, "(a correct answer)"), "no right option before passing");
	cr_expect_null(strstr(r.body, "class=\"chosen correct\""));
	cr_expect_null(strstr(r.body, "class=\"feedback\""), "no feedback, which would name the right option");
	cr_expect_not_null(strstr(r.body, "The right answers are shown once you pass the quiz."));
	cr_expect_not_null(strstr(r.body, "Source: seminar summary"), "where to read again");
	http_res_free(&r);

	/* Passed: every review shows the key, the failed one too. */
	cr_expect_eq(send_quiz(c, slug, 2, true), 303);
	cr_assert_eq(e2e_get(c, review, &r), 200);
	cr_expect_not_null(strstr(r.body, "(a correct answer)"));
	cr_expect_not_null(strstr(r.body, "class=\"feedback\""));
	cr_expect_null(strstr(r.body, "shown once you pass"));
	http_res_free(&r);
	free(slug);
	client_free(c);
}

/* Loads the stack's content again, from `dir`, with its own passage binary and configuration. */
static void load_content(const char *dir)
{
	cr_assert_eq(e2e_sh("PASSAGE_CONFIG=%s/etc/passage.conf %s content load %s >/dev/null 2>&1",
	                    e2e_env("PASSAGE_TEST_VAR"), e2e_env("PASSAGE_TEST_BIN"), dir),
	             0, "content load %s", dir);
}

static char *current_revision(const char *slug)
{
	char *s = malloc(32);
	snprintf(s, 32, "%ld", e2e_scalar("SELECT current_revision FROM modules WHERE slug = $1", slug));
	return s;
}

Test(quiz, a_form_is_scored_against_the_revision_it_was_made_from, .timeout = 180)
{
	/* The last module, changed for this test and loaded back as it was at the end. */
	char slug[64], content[512], dir[256];
	PGconn *db = e2e_db();
	PGresult *m = PQexec(db, "SELECT slug FROM modules ORDER BY position DESC LIMIT 1");
	snprintf(slug, sizeof(slug), "%s", PQgetvalue(m, 0, 0));
	PQclear(m);
	PQfinish(db);
	snprintf(content, sizeof(content), "%s/content", e2e_env("PASSAGE_TEST_VAR"));
	e2e_scratch(dir);

	char ua[32], ub[32], path[256], review[256], right[8192], wrong[8192], fields[8300];
	struct client *a = trainee("Quiz+Revision+A", ua), *b = trainee("Quiz+Revision+B", ub);
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	snprintf(review, sizeof(review), "/modules/%s/quiz/1", slug);
	struct http_res r;

	/* A opens the quiz of revision 1. */
	e2e_quiz_fields(a, slug, "quiz", right, wrong, sizeof(right));
	char *r1 = current_revision(slug);
	long n1 = questions_in(r1, "quiz");

	/* The module changes: one more question (in its translations too, which must keep step with the
	 * English), and the right answers always shown. */
	cr_assert_eq(e2e_sh("cp -r %s/. %s/ && printf 'show-answers: always\\n' >> %s/%s/module.txt && for q in %s/%s/quiz.txt"
	                    " %s/%s/*/quiz.txt; do printf '\\n"
	                    "[question quiz-test-extra]\\nkind: single\\ntext: One more?\\noption: No\\nfeedback: No.\\n"
	                    "option*: Yes\\nfeedback: Yes.\\nexplanation: Added.\\nsource: \\302\\2661\\n'"
	                    " >> $q; done",
	                    content, dir, dir, slug, dir, slug, dir, slug),
	             0);
	load_content(dir);
	char *r2 = current_revision(slug);
	cr_assert_str_neq(r1, r2, "a new revision");
	cr_expect_eq(questions_in(r2, "quiz"), n1 + 1);

	/* A's answers, to revision 1's questions, are scored against them: all right, n1 questions. */
	snprintf(fields, sizeof(fields), "attempt=1%s", right);
	cr_expect_eq(e2e_post(a, path, path, fields, NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT revision_id FROM attempts WHERE user_id = $1 AND set = 'quiz'", ua), atol(r1));
	cr_expect_eq(e2e_scalar("SELECT score FROM attempts WHERE user_id = $1 AND set = 'quiz'", ua), 100);
	cr_expect_eq(e2e_scalar("SELECT total FROM attempts WHERE user_id = $1 AND set = 'quiz'", ua), n1);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM answers x JOIN attempts a ON a.id = x.attempt_id JOIN questions q ON "
	                        "q.id = x.question_id WHERE a.user_id = $1 AND q.revision_id = a.revision_id",
	                        ua),
	             n1, "each answer attached to revision 1's question");
	cr_assert_eq(e2e_get(a, review, &r), 200);
	cr_expect_not_null(strstr(r.body, ": 100%"));
	cr_expect_null(strstr(r.body, "One more?"), "the review shows the questions answered");
	http_res_free(&r);

	/* B fails revision 2's quiz; with "always", the review shows the key at once. */
	e2e_quiz_fields(b, slug, "quiz", right, wrong, sizeof(right));
	cr_expect_not_null(strstr(right, r2), "the form is revision 2's");
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(b, path, path, fields, NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT revision_id FROM attempts WHERE user_id = $1 AND set = 'quiz'", ub), atol(r2));
	cr_assert_eq(e2e_get(b, review, &r), 200);
	cr_expect_not_null(strstr(r.body, "Not passed yet"));
	cr_expect_not_null(strstr(r.body, "(a correct answer)"), "show-answers: always");
	http_res_free(&r);

	/* A revision that is not this module's, or none at all: 409, a page offering the new form. */
	char other[32];
	long other_rev = e2e_scalar("SELECT min(current_revision) FROM modules WHERE slug <> $1", slug);
	snprintf(other, sizeof(other), "%ld", other_rev);
	const char *revs[] = {other, "999999999"};
	for (int i = 0; i < 2; i++) {
		snprintf(fields, sizeof(fields), "attempt=2&revision=%s&q1=0", revs[i]);
		cr_expect_eq(e2e_post(b, path, path, fields, &r), 409, "revision %s", revs[i]);
		cr_expect_not_null(strstr(r.body, "The quiz has changed"));
		char link[300];
		snprintf(link, sizeof(link), "href=\"%s\"", path);
		cr_expect_not_null(strstr(r.body, link), "the new form is offered");
		http_res_free(&r);
	}
	cr_expect_eq(e2e_post(b, path, path, "attempt=2&q1=0", NULL), 400, "a form without its revision");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts WHERE user_id = $1", ub), 1, "nothing more recorded");

	/* "never": even A, who passed, sees no key. */
	cr_assert_eq(e2e_sh("sed -i 's/^show-answers: always$/show-answers: never/' %s/%s/module.txt", dir, slug), 0);
	load_content(dir);
	cr_assert_eq(e2e_get(a, review, &r), 200);
	cr_expect_not_null(strstr(r.body, "You passed"));
	cr_expect_null(strstr(r.body, "(a correct answer)"), "show-answers: never");
	cr_expect_not_null(strstr(r.body, "This module does not show the right answers."));
	http_res_free(&r);

	/* The module as it was, for the tests that follow. */
	load_content(content);
	cr_expect_eq(e2e_scalar("SELECT v.quiz_count FROM modules m JOIN module_revisions v ON v.id = m.current_revision "
	                        "WHERE m.slug = $1", slug),
	             n1);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM modules m JOIN module_revisions v ON v.id = m.current_revision "
	                        "WHERE m.slug = $1 AND v.show_answers = 'after-passing'", slug),
	             1);
	e2e_rmtree(dir);
	free(r1);
	free(r2);
	client_free(a);
	client_free(b);
}
