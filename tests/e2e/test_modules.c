/* test_modules.c: the seminar modules themselves, through the real stack: every module loaded and
 * checked, every quiz taken with the right answers (100%) and with all wrong answers (0%), every
 * case walked to every one of its endings. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

#define MAX_STEPS 64

static PGresult *q(PGconn *c, const char *sql, const char *p1)
{
	const char *p[1] = {p1};
	PGresult *r = PQexecParams(c, sql, p1 ? 1 : 0, NULL, p1 ? p : NULL, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", sql, PQresultErrorMessage(r));
	return r;
}

static struct client *trainee(void)
{
	char path[512], code[64], fields[256];
	snprintf(path, sizeof(path), "%s/dev/credentials", e2e_env("PASSAGE_TEST_VAR"));
	FILE *f = fopen(path, "r");
	cr_assert_not_null(f);
	cr_assert_eq(fscanf(f, "JOIN_CODE=%63s", code), 1);
	fclose(f);
	struct client *c = client_new();
	snprintf(fields, sizeof(fields), "code=%s&name=Module+Checker", code);
	struct http_res r;
	cr_assert_eq(client_post_form(c, "/join", "/join", fields, &r), 0);
	cr_assert_eq(r.status, 200);
	http_res_free(&r);
	return c;
}

Test(modules, the_checker_passes_on_the_shipped_content, .timeout = 60)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "%s content check %s >/dev/null 2>&1", e2e_env("PASSAGE_TEST_BIN"), e2e_env("PASSAGE_TEST_CONTENT"));
	cr_expect_eq(system(cmd), 0, "passage content check web/modules failed");
	PGconn *c = e2e_db();
	PGresult *r = q(c, "SELECT count(*) FROM modules", NULL);
	cr_expect_eq(atoi(PQgetvalue(r, 0, 0)), 8, "eight modules loaded");
	PQclear(r);
	r = q(c, "SELECT count(*) FROM modules m JOIN module_revisions v ON v.id = m.current_revision"
	         " WHERE v.quiz_count >= 10 AND v.precheck_count BETWEEN 3 AND 5 AND v.lesson_count BETWEEN 3 AND 6", NULL);
	cr_expect_eq(atoi(PQgetvalue(r, 0, 0)), 8, "each module: 3-6 lessons, a 3-5 question pre-check, a quiz of 10 or more");
	PQclear(r);
	r = q(c, "SELECT count(*) FROM (SELECT q.revision_id FROM questions q JOIN modules m ON m.current_revision = q.revision_id"
	         " WHERE q.set = 'quiz' GROUP BY q.revision_id HAVING count(DISTINCT q.kind) = 3) x", NULL);
	cr_expect_eq(atoi(PQgetvalue(r, 0, 0)), 8, "each quiz uses all three kinds of question");
	PQclear(r);
	PQfinish(c);
}

Test(modules, every_quiz_right_and_wrong, .timeout = 180)
{
	PGconn *c = e2e_db();
	PGresult *mods = q(c, "SELECT slug FROM modules ORDER BY position", NULL);
	struct client *t = trainee();
	for (int m = 0; m < PQntuples(mods); m++) {
		const char *slug = PQgetvalue(mods, m, 0);
		char path[256], review[256];
		snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
		const char *want[2] = {": 100%", ": 0%"};
		for (int k = 0; k < 2; k++) {
			/* The options as this attempt shows them, found by their text. */
			char right[8192], wrong[8192], body[8300];
			e2e_quiz_fields(t, slug, "quiz", right, wrong, sizeof(right));
			snprintf(body, sizeof(body), "attempt=%d%s", k + 1, k == 0 ? right : wrong);
			struct http_res res;
			cr_assert_eq(client_post_form(t, path, path, body, &res), 0);
			cr_expect_eq(res.status, 303, "%s: %ld", slug, res.status);
			http_res_free(&res);
			snprintf(review, sizeof(review), "/modules/%s/quiz/%d", slug, k + 1);
			cr_assert_eq(client_do(t, "GET", review, NULL, &res), 0);
			cr_expect_not_null(strstr(res.body, want[k]), "%s attempt %d should score%s", slug, k + 1, want[k]);
			http_res_free(&res);
		}
	}
	PQclear(mods);
	PQfinish(c);
	client_free(t);
}

/* The choice positions from the start to `end`, by breadth-first search over the case's steps. */
static int path_to(PGresult *edges, const char *start, const char *end, int *choices, int max)
{
	char keys[MAX_STEPS][48];
	int prev[MAX_STEPS], via[MAX_STEPS], n = 0;
	for (int i = 0; i < PQntuples(edges); i++)
		for (int col = 0; col < 2; col++) {
			const char *k = PQgetvalue(edges, i, col);
			bool seen = false;
			for (int j = 0; j < n && !seen; j++)
				seen = strcmp(keys[j], k) == 0;
			if (!seen && n < MAX_STEPS)
				snprintf(keys[n++], sizeof(keys[0]), "%s", k);
		}
	int s = -1, e = -1, queue[MAX_STEPS], head = 0, tail = 0;
	for (int j = 0; j < n; j++) {
		prev[j] = -2;
		if (strcmp(keys[j], start) == 0)
			s = j;
		if (strcmp(keys[j], end) == 0)
			e = j;
	}
	if (s < 0 || e < 0)
		return -1;
	prev[s] = -1;
	queue[tail++] = s;
	while (head < tail) {
		int u = queue[head++];
		for (int i = 0; i < PQntuples(edges); i++) {
			if (strcmp(PQgetvalue(edges, i, 0), keys[u]) != 0)
				continue;
			for (int v = 0; v < n; v++)
				if (prev[v] == -2 && strcmp(keys[v], PQgetvalue(edges, i, 1)) == 0) {
					prev[v] = u;
					via[v] = atoi(PQgetvalue(edges, i, 2));
					queue[tail++] = v;
				}
		}
	}
	if (prev[e] == -2)
		return -1;
	int len = 0, back[MAX_STEPS];
	for (int v = e; prev[v] >= 0; v = prev[v])
		back[len++] = via[v];
	for (int i = 0; i < len && i < max; i++)
		choices[i] = back[len - 1 - i];
	return len;
}

Test(modules, every_case_to_every_ending, .timeout = 300)
{
	PGconn *c = e2e_db();
	PGresult *mods = q(c, "SELECT m.slug, v.scenario_start, v.id FROM modules m JOIN module_revisions v ON v.id = m.current_revision"
	                      " ORDER BY m.position", NULL);
	struct client *t = trainee();
	int walked = 0;
	for (int m = 0; m < PQntuples(mods); m++) {
		const char *slug = PQgetvalue(mods, m, 0), *start = PQgetvalue(mods, m, 1), *rev = PQgetvalue(mods, m, 2);
		PGresult *edges = q(c, "SELECT s.key, c.target_key, c.position FROM scenario_steps s JOIN scenario_choices c"
		                       " ON c.step_id = s.id WHERE s.revision_id = $1", rev);
		PGresult *ends = q(c, "SELECT key, title, outcome FROM scenario_steps WHERE revision_id = $1 AND is_ending", rev);
		cr_expect_geq(PQntuples(ends), 3, "%s: at least three endings", slug);
		char path[256];
		snprintf(path, sizeof(path), "/modules/%s/scenario", slug);
		for (int e = 0; e < PQntuples(ends); e++) {
			int choices[MAX_STEPS];
			int len = path_to(edges, start, PQgetvalue(ends, e, 0), choices, MAX_STEPS);
			cr_assert_gt(len, 0, "%s: no path to ending %s", slug, PQgetvalue(ends, e, 0));
			struct http_res r;
			cr_assert_eq(client_post_form(t, path, path, "action=start", &r), 0);
			cr_assert_eq(r.status, 303);
			http_res_free(&r);
			for (int i = 0; i < len; i++) {
				cr_assert_eq(client_do(t, "GET", path, NULL, &r), 0);
				char *run = html_input_value(r.body, "run"), *seq = html_input_value(r.body, "seq");
				http_res_free(&r);
				cr_assert(run && seq, "%s: no step form", slug);
				char fields[128];
				snprintf(fields, sizeof(fields), "action=choose&run=%s&seq=%s&choice=%d", run, seq, choices[i]);
				cr_assert_eq(client_post_form(t, path, path, fields, &r), 0);
				cr_assert_eq(r.status, 200, "%s: choice %d: %ld", slug, choices[i], r.status);
				http_res_free(&r);
				free(run);
				free(seq);
			}
			cr_assert_eq(client_do(t, "GET", path, NULL, &r), 0);
			cr_expect_not_null(strstr(r.body, "class=\"ending"), "%s: not at an ending", slug);
			char *title = strdup(PQgetvalue(ends, e, 1));
			/* The title is shown escaped: compare a stretch without characters that escaping changes. */
			title[strcspn(title, "&<>\"'")] = '\0';
			cr_expect_not_null(strstr(r.body, title), "%s: ending '%s' not shown", slug, title);
			free(title);
			http_res_free(&r);
			walked++;
		}
		PQclear(edges);
		PQclear(ends);
	}
	cr_expect_geq(walked, 24);
	PQclear(mods);
	PQfinish(c);
	client_free(t);
}

/* The lessons as a trainee reads them: every citation became a source mark with a Sources list (none is
 * left in brackets, but in a glossary definition; no old "Source:" line), glossary words open in place, each lesson shows its reading
 * time, and every module links the page on what the source is, which anyone can open. */
Test(modules, lessons_read_with_source_marks_and_words_in_place, .timeout = 60)
{
	PGconn *c = e2e_db();
	PGresult *r = q(c, "SELECT count(*) FROM lessons l JOIN modules m ON m.current_revision = l.revision_id"
	                   " WHERE regexp_replace(l.html, '<details.*?</details>', '', 'g') ~ '\\(\xc2\xb6[0-9]'"
	                   " OR l.html NOT LIKE '%<section class=\"sources\"%'"
	                   " OR l.html LIKE '%Source: seminar summary%'", NULL);
	cr_expect_eq(atoi(PQgetvalue(r, 0, 0)), 0, "every lesson: citations as marks, a Sources list, no old source line");
	PQclear(r);
	r = q(c, "SELECT count(*) FROM lessons l JOIN modules m ON m.current_revision = l.revision_id"
	         " WHERE l.html LIKE '%href=\"/glossary#%' AND l.html NOT LIKE '%<details class=\"term\">%'", NULL);
	cr_expect_eq(atoi(PQgetvalue(r, 0, 0)), 0, "glossary words open in place");
	PQclear(r);
	PQfinish(c);

	struct http_res res;
	struct client *anon = client_new();
	cr_assert_eq(client_do(anon, "GET", "/about-the-source", NULL, &res), 0);
	cr_expect_eq(res.status, 200);
	cr_expect_not_null(strstr(res.body, "<h1>Where these lessons come from</h1>"));
	cr_expect_not_null(strstr(res.body, "Chairperson"));
	http_res_free(&res);
	client_free(anon);

	struct client *t = trainee();
	char *slug = e2e_first_slug(), path[256];
	snprintf(path, sizeof(path), "/modules/%s", slug);
	cr_assert_eq(client_do(t, "GET", path, NULL, &res), 0);
	cr_expect_not_null(strstr(res.body, "href=\"/about-the-source\""));
	cr_expect_not_null(strstr(res.body, "<span class=\"minutes\">("), "each lesson's reading time");
	http_res_free(&res);
	snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
	cr_assert_eq(client_do(t, "GET", path, NULL, &res), 0);
	cr_expect_not_null(strstr(res.body, "min to read</p>"));
	cr_expect_not_null(strstr(res.body, "<sup class=\"src\"><a id=\"ref-1\" href=\"#src-1\""));
	cr_expect_not_null(strstr(res.body, "<li id=\"src-1\">"));
	http_res_free(&res);
	free(slug);
	client_free(t);
}
