/* test_privacy.c: "aggregate only" holds cell by cell. Five trainees do the same things but for one odd
 * one out (an option nobody else picked, a case choice nobody else made, a completion in a week of its
 * own, a lower score): every page and export of the cohort is scanned, figure by figure, for a count of
 * one to four people or a share that singles one out, and a note says what is hidden. The same records
 * in an ordinary cohort show their small figures. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <libpq-fe.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define TRAINEES 5

static void exec(PGconn *db, const char *sql, int n, const char *const *p)
{
	PGresult *r = PQexecParams(db, sql, n, NULL, p, NULL, NULL, 0);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
	          PQerrorMessage(db));
	PQclear(r);
}

/* A cohort of five trainees who completed the first module: four alike, this week; the fifth three
 * weeks ago, with a lower score, an odd option on the first quiz question and an odd first choice in
 * the case. A live workshop of the cohort has a poll answered four to one. Returns the cohort's id. */
static long make_cohort(bool aggregate, const char *slug, long *workshop)
{
	PGconn *db = e2e_db();
	char name[64];
	snprintf(name, sizeof(name), "Privacy %s %ld", aggregate ? "aggregate" : "open", (long)getpid());
	const char *p0[] = {name, aggregate ? "t" : "f"};
	PGresult *r = PQexecParams(db, "INSERT INTO cohorts (name, aggregate_only) VALUES ($1, $2) RETURNING id", 2, NULL,
	                           p0, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
	long id = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	char ids[24];
	snprintf(ids, sizeof(ids), "%ld", id);
	const char *p[] = {ids, slug};
	exec(db, "INSERT INTO cohort_modules (cohort_id, module_id) SELECT $1, id FROM modules WHERE slug = $2", 2, p);
	exec(db, "INSERT INTO users (role, display_name, cohort_id) SELECT 'trainee', 'Private ' || g, $1::bigint"
	         " FROM generate_series(1, 5) g",
	     1, p);
	/* t: the trainee's time (the odd one's three weeks ago); odd: the fifth. */
	const char *people = "WITH t AS (SELECT u.id AS user_id, m.id AS module_id, m.current_revision AS rev,"
	                     " u.display_name = 'Private 5' AS odd,"
	                     " CASE WHEN u.display_name = 'Private 5' THEN now() - interval '21 days' ELSE now() END AS at"
	                     " FROM users u, modules m WHERE u.cohort_id = $1 AND m.slug = $2) ";
	char sql[4096];
	snprintf(sql, sizeof(sql), "%s INSERT INTO lesson_reads (user_id, module_id, position, revision_id, read_at)"
	                           " SELECT t.user_id, t.module_id, l.position, t.rev, t.at FROM t JOIN lessons l ON l.revision_id = t.rev",
	         people);
	exec(db, sql, 2, p);
	snprintf(sql, sizeof(sql), "%s INSERT INTO attempts (user_id, module_id, revision_id, set, number, correct, total,"
	                           " score, passed, submitted_at) SELECT t.user_id, t.module_id, t.rev, s.set, 1, 0, 0,"
	                           " CASE WHEN s.set = 'precheck' THEN 50 WHEN t.odd THEN 80 ELSE 100 END, s.set = 'quiz', t.at"
	                           " FROM t, (VALUES ('quiz'), ('precheck')) s (set)",
	         people);
	exec(db, sql, 2, p);
	/* Everyone answers every question right, but the odd one, who takes the first wrong option of the
	 * first quiz question. */
	snprintf(sql, sizeof(sql), "%s INSERT INTO answers (attempt_id, question_id, options, correct)"
	                           " SELECT a.id, q.id, CASE WHEN t.odd AND q.set = 'quiz' AND q.position = 1"
	                           "  THEN ARRAY[(SELECT min(o.position) FROM options o WHERE o.question_id = q.id AND NOT o.correct)]"
	                           "  ELSE (SELECT array_agg(o.position ORDER BY o.position) FROM options o"
	                           "   WHERE o.question_id = q.id AND o.correct) END,"
	                           " NOT (t.odd AND q.set = 'quiz' AND q.position = 1)"
	                           " FROM t JOIN attempts a ON a.user_id = t.user_id AND a.module_id = t.module_id"
	                           " JOIN questions q ON q.revision_id = t.rev AND q.set = a.set",
	         people);
	exec(db, sql, 2, p);
	/* The case: one move from the first step, the first choice (the odd one: the second), and the run
	 * ends there. */
	snprintf(sql, sizeof(sql), "%s, f AS (SELECT st.id AS step, c.id AS choice, c.position, c.target_key"
	                           " FROM modules m JOIN module_revisions v ON v.id = m.current_revision"
	                           " JOIN scenario_steps st ON st.revision_id = v.id AND st.key = v.scenario_start"
	                           " JOIN scenario_choices c ON c.step_id = st.id WHERE m.slug = $2),"
	                           " runs AS (INSERT INTO scenario_runs (user_id, module_id, revision_id, current_key, moves,"
	                           "  started_at, ended_at, outcome) SELECT t.user_id, t.module_id, t.rev, f.target_key, 1, t.at,"
	                           "  t.at, 'good' FROM t JOIN f ON f.position = (SELECT min(position) FROM f) + t.odd::int"
	                           "  RETURNING id, user_id)"
	                           " INSERT INTO scenario_moves (run_id, seq, step_id, choice_id, at)"
	                           " SELECT runs.id, 1, f.step, f.choice, t.at FROM runs JOIN t ON t.user_id = runs.user_id"
	                           " JOIN f ON f.position = (SELECT min(position) FROM f) + t.odd::int",
	         people);
	exec(db, sql, 2, p);

	/* The live workshop: a poll answered A by four, B by the odd one, revealed. */
	char code[8];
	snprintf(code, sizeof(code), "P%05ld", (id * 7919 + (aggregate ? 1 : 2)) % 100000);
	const char *pl[] = {ids, code, name};
	r = PQexecParams(db,
	                 "WITH s AS (INSERT INTO workshops (code, title, owner_id, cohort_id, state)"
	                 "  SELECT $2, $3, min(id), $1::bigint, 'running' FROM users WHERE role = 'admin' RETURNING id),"
	                 " q AS (INSERT INTO live_questions (workshop_id, position, kind, prompt, opened_at, closed_at, revealed_at)"
	                 "  SELECT id, 1, 'poll', 'Which colour?', now(), now(), now() FROM s RETURNING id, workshop_id),"
	                 " o AS (INSERT INTO live_options (question_id, position, body) SELECT q.id, g, 'Colour ' || g"
	                 "  FROM q, generate_series(0, 2) g),"
	                 " pp AS (INSERT INTO live_participants (workshop_id, token_hash, user_id, name)"
	                 "  SELECT q.workshop_id, sha256((random()::text || u.id)::bytea), u.id, u.display_name FROM q, users u"
	                 "  WHERE u.cohort_id = $1::bigint RETURNING id, name),"
	                 " a AS (INSERT INTO live_answers (question_id, participant_id, choice)"
	                 "  SELECT q.id, pp.id, CASE WHEN pp.name = 'Private 5' THEN 1 ELSE 0 END FROM q, pp)"
	                 " SELECT workshop_id, id FROM q",
	                 3, NULL, pl, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
	cr_assert_eq(PQntuples(r), 1);
	*workshop = atol(PQgetvalue(r, 0, 0));
	const char *pu[] = {PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1)};
	exec(db, "UPDATE workshops SET current_id = $2 WHERE id = $1", 2, pu);
	PQclear(r);
	PQfinish(db);
	return id;
}

/* ---- reading figures out of pages ---- */

/* The text between the first `from` and the next `to` after it (caller frees); "" when absent. */
static char *region(const char *html, const char *from, const char *to)
{
	const char *a = strstr(html, from);
	if (a == NULL)
		return strdup("");
	const char *b = to ? strstr(a + strlen(from), to) : NULL;
	size_t n = b ? (size_t)(b - a) : strlen(a);
	return strndup(a, n);
}

struct verdict {
	int figures;   /* figures read */
	int bad;       /* those about one to four people */
	char first_bad[200];
};

/* One figure about people out of a group of TRAINEES: a count of 1 to 4 gives them away, and so does a
 * share other than 0 or 100 percent (in fifths, each share is a count of 1 to 4). */
static void judge(struct verdict *v, const char *where, long value, bool share)
{
	v->figures++;
	bool bad = share ? value > 0 && value < 100 : value >= 1 && value < TRAINEES;
	if (bad && v->bad++ == 0)
		snprintf(v->first_bad, sizeof(v->first_bad), "%s: %ld%s", where, value, share ? "%" : "");
}

/* Every match of `pattern` (an extended regex whose group 1 is the number) in text. */
static void scan(struct verdict *v, const char *where, const char *text, const char *pattern, bool share)
{
	regex_t re;
	cr_assert_eq(regcomp(&re, pattern, REG_EXTENDED), 0, "%s", pattern);
	regmatch_t m[2];
	for (const char *s = text; regexec(&re, s, 2, m, 0) == 0; s += m[0].rm_eo) {
		judge(v, where, strtol(s + m[1].rm_so, NULL, 10), share);
		if (m[0].rm_eo == 0)
			break;
	}
	regfree(&re);
}

static char *get_page(struct client *c, const char *path)
{
	struct http_res r;
	cr_assert_eq(e2e_get(c, path, &r), 200, "GET %s", path);
	char *body = strdup(r.body);
	http_res_free(&r);
	return body;
}

/* The figures about people on the overview: the modules table and who has not been active. */
static void scan_overview(struct verdict *v, const char *html)
{
	char *t = region(html, "<caption>Assigned modules", "</table>");
	cr_assert_neq(t[0], '\0', "the overview has its modules table");
	char *body = region(t, "<tbody>", NULL);
	/* Started, completed, overdue: a cell that is a count; the rate and the median's group. */
	scan(v, "overview cell", body, "<td>([0-9]+)</td>", false);
	scan(v, "overview rate", body, "<td>([0-9]+)%</td>", true);
	scan(v, "overview median group", body, "\\(([0-9]+) trainees?\\)", false);
	free(body);
	free(t);
	char *in = region(html, "id=\"inactive\"", "<h2");
	scan(v, "inactive", in, "<p>([0-9]+) trainees?", false);
	free(in);
	char *live = region(html, "<h2>Live workshops</h2>", "</ul>");
	scan(v, "live workshops", live, "([0-9]+) participants?\\)", false);
	free(live);
}

/* The figures about people on a module's page: facts, learning gain, charts, questions, the case. */
static void scan_module(struct verdict *v, const char *html)
{
	char *facts = region(html, "<dl class=\"facts\">", "</dl>");
	scan(v, "facts", facts, "<dt>Started</dt><dd>([0-9]+)", false);
	scan(v, "facts", facts, "<dt>Completed</dt><dd>([0-9]+)", false);
	scan(v, "facts", facts, "<dt>Overdue</dt><dd>([0-9]+)", false);
	scan(v, "facts share", facts, "\\(([0-9]+)%\\)", true);
	scan(v, "facts group", facts, "\\(([0-9]+) trainees?\\)", false);
	free(facts);
	char *gain = region(html, "<h2>Learning gain</h2>", "<h2");
	scan(v, "gain group", gain, "<strong>([0-9]+)</strong> trainees?", false);
	free(gain);
	/* Charts: the figure over each bar. */
	for (const char *s = html; (s = strstr(s, "<figure class=\"chart\">")) != NULL; s++) {
		char *fig = region(s, "<figure class=\"chart\">", "</figure>");
		scan(v, "bar", fig, "<text x=\"[0-9]+\" y=\"[0-9-]+\" text-anchor=\"middle\">([0-9]+)</text>", false);
		scan(v, "chart total", fig, "<figcaption>[^<]*, ([0-9]+) (trainee|in all)", false);
		free(fig);
	}
	char *items = region(html, "id=\"questions\"", "</ol>\n<p class=\"hint\">");
	scan(v, "items group", items, "([0-9]+) trainees?\\. <a", false);
	scan(v, "facility", items, "<strong>([0-9]+)%</strong> of", true);
	scan(v, "answered", items, "of ([0-9]+) got it right", false);
	scan(v, "facility index", items, "facility index ([0-9]+)%", true);
	scan(v, "common wrong", items, "<strong>([0-9]+)% chose", true);
	scan(v, "option share", items, "<li><strong>([0-9]+)%</strong>", true);
	free(items);
	char *cs = region(html, "<h2>The case: paths taken</h2>", "</main>");
	scan(v, "reached", cs, "Reached by ([0-9]+) trainee", false);
	scan(v, "choice", cs, "<strong>([0-9]+)</strong>", false);
	free(cs);
}

/* The live figures: the bars of the console and projector, and the workshop page's summaries. */
static void scan_live(struct verdict *v, const char *html)
{
	char *bars = region(html, "<ul class=\"bars\"", "</ul>");
	scan(v, "bar figure", bars, "<span class=\"bar-figure\">([0-9]+) ", false);
	scan(v, "bar share", bars, "<span class=\"bar-figure\">[0-9]+ \\(([0-9]+)%\\)", true);
	scan(v, "bars total", bars, "Results: ([0-9]+) answers?", false);
	free(bars);
	char *qs = region(html, "<ol class=\"questions\">", "</ol>\n");
	scan(v, "summary", qs, "<p>([0-9]+) answers?", false);
	scan(v, "summary right", qs, "; ([0-9]+) right", false);
	scan(v, "summary share", qs, "right \\(([0-9]+)%\\)", true);
	free(qs);
}

/* The items file: answered and right_first_time are counts, the percent columns shares. */
static void scan_items_csv(struct verdict *v, char *csv, bool *noted)
{
	int line = 0;
	*noted = false;
	for (char *save = NULL, *l = strtok_r(csv, "\r\n", &save); l; l = strtok_r(NULL, "\r\n", &save), line++) {
		if (line == 0)
			continue;
		/* Split on commas outside quotes. */
		char *cells[32];
		int n = 0;
		bool q = false;
		cells[n++] = l;
		for (char *p = l; *p && n < 32; p++) {
			if (*p == '"')
				q = !q;
			else if (*p == ',' && !q) {
				*p = '\0';
				cells[n++] = p + 1;
			}
		}
		cr_assert_geq(n, 19, "items.csv row %d has its columns", line);
		for (int i = 5; i < 19; i++) {
			if (cells[i][0] == '\0' || i == 8 || i == 17)   /* empty, discrimination, the letter */
				continue;
			judge(v, "items.csv", strtol(cells[i], NULL, 10), i >= 7);
		}
		if (n > 19 && strstr(cells[19], "fewer than 5"))
			*noted = true;
	}
}

struct cohort_scan {
	struct verdict v;
	bool module_note, items_note, case_note, chart_note, live_note, csv_note;
};

static void scan_cohort(struct client *admin, long id, long workshop, const char *slug, struct cohort_scan *out)
{
	memset(out, 0, sizeof(*out));
	char path[256];
	snprintf(path, sizeof(path), "/cohorts/%ld", id);
	char *html = get_page(admin, path);
	scan_overview(&out->v, html);
	free(html);
	const char *sets[] = {"", "?set=precheck"};
	for (int s = 0; s < 2; s++) {
		snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s%s", id, slug, sets[s]);
		html = get_page(admin, path);
		scan_module(&out->v, html);
		if (s == 0) {
			char *charts = region(html, "<h2>Best quiz scores</h2>", "<h2 id=\"questions\"");
			out->chart_note = strstr(charts, "fewer than 5") != NULL;
			free(charts);
			char *items = region(html, "id=\"questions\"", "</ol>");
			out->items_note = strstr(items, "fewer than 5") != NULL;
			free(items);
			char *cs = region(html, "<h2>The case: paths taken</h2>", "</main>");
			out->case_note = strstr(cs, "fewer than 5") != NULL;
			free(cs);
		}
		free(html);
		snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s/items.csv%s", id, slug, sets[s]);
		char *csv = get_page(admin, path);
		bool noted;
		scan_items_csv(&out->v, csv, &noted);
		if (s == 0)
			out->csv_note = noted;
		free(csv);
	}
	const char *live[] = {"", "/console", "/screen"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "/workshops/%ld%s", workshop, live[i]);
		html = get_page(admin, path);
		scan_live(&out->v, html);
		if (i == 1)
			out->live_note = strstr(html, "fewer than 5") != NULL;
		free(html);
	}
}

Test(privacy, aggregate_only_shows_no_figure_about_fewer_than_five, .timeout = 120)
{
	char *slug = e2e_first_slug();
	long workshop;
	long id = make_cohort(true, slug, &workshop);
	struct client *admin = e2e_staff("admin", "ADMIN_PASSWORD");
	struct cohort_scan s;
	scan_cohort(admin, id, workshop, slug, &s);
	fprintf(stderr, "aggregate only: %d figures read, %d about fewer than %d\n", s.v.figures, s.v.bad, TRAINEES);
	cr_expect_gt(s.v.figures, 20, "the scan read the pages' figures (%d)", s.v.figures);
	cr_expect_eq(s.v.bad, 0, "%d figure(s) about one to four people, the first: %s", s.v.bad, s.v.first_bad);
	cr_expect(s.chart_note, "the module page says the charts are hidden and why");
	cr_expect(s.items_note, "the questions say what is hidden");
	cr_expect(s.case_note, "the case says what is hidden");
	cr_expect(s.csv_note, "items.csv says what is hidden");
	cr_expect(s.live_note, "the console says what is hidden");
	client_free(admin);
	free(slug);
}

/* The control: the same records in an ordinary cohort show their small figures, so the scan above
 * would have found them. */
Test(privacy, an_ordinary_cohort_shows_its_small_figures, .timeout = 120)
{
	char *slug = e2e_first_slug();
	long workshop;
	long id = make_cohort(false, slug, &workshop);
	struct client *admin = e2e_staff("admin", "ADMIN_PASSWORD");
	struct cohort_scan s;
	scan_cohort(admin, id, workshop, slug, &s);
	fprintf(stderr, "ordinary: %d figures read, %d about fewer than %d\n", s.v.figures, s.v.bad, TRAINEES);
	cr_expect_geq(s.v.bad, 10, "the small figures are there (%d, the first: %s)", s.v.bad, s.v.first_bad);
	char path[256];
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s", id, slug);
	char *html = get_page(admin, path);
	cr_expect_not_null(strstr(html, "Reached by 1 trainee."), "the odd case choice shows");
	cr_expect_not_null(strstr(html, "<strong>80%</strong> of 5 got it right"), "the first question's facility shows");
	cr_expect_null(strstr(html, "fewer than 5"), "nothing is hidden");
	free(html);
	client_free(admin);
	free(slug);
}
