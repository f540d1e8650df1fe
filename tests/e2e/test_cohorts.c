/* test_cohorts.c: the facilitator's workspace end to end through nginx over TLS. A facilitator starts a
 * cohort, prints its join sheet, trainees join with its code and take a quiz, the dashboards show who
 * did what, the item analysis names the wrong option most chose, and every CSV file says what its
 * screen says. Other people's cohorts and all dashboards stay closed to those who may not see them. */
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

static struct client *facilitator(void)
{
	struct client *c = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(c, "facilitator", pw, 303);
	free(pw);
	return c;
}

/* Starts a cohort; returns its id. */
static long start_cohort(struct client *c, const char *name)
{
	char fields[256];
	struct http_res r;
	snprintf(fields, sizeof(fields), "name=%s", name);
	cr_assert_eq(e2e_post(c, "/cohorts", "/cohorts", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	cr_assert_not_null(loc);
	long id = 0;
	cr_assert_eq(sscanf(loc, "/cohorts/%ld/settings", &id), 1, "location %s", loc);
	free(loc);
	http_res_free(&r);
	return id;
}

/* The cohort's join code as its settings page shows it (XXXX-XXXX). */
static char *join_code(struct client *c, long id)
{
	char path[64];
	struct http_res r;
	snprintf(path, sizeof(path), "/cohorts/%ld/settings", id);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	char *code = html_class_text(r.body, "code-big");
	cr_assert_not_null(code);
	http_res_free(&r);
	return code;
}

static struct client *join_with(const char *code, const char *name)
{
	struct client *t = client_new();
	char fields[256];
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, name);
	struct http_res r;
	cr_assert_eq(e2e_post(t, "/join", "/join", fields, &r), 200, "join as %s", name);
	http_res_free(&r);
	return t;
}


/* Takes the pre-check (wrong) and the quiz (right or wrong). */
static void take(struct client *t, const char *slug, bool right_quiz)
{
	char right[2048], wrong[2048], form[128], fields[4096];
	e2e_quiz_fields(t, slug, "precheck", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/precheck", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", wrong);
	cr_expect_eq(e2e_post(t, form, form, fields, NULL), 303);
	e2e_quiz_fields(t, slug, "quiz", right, wrong, sizeof(right));
	snprintf(form, sizeof(form), "/modules/%s/quiz", slug);
	snprintf(fields, sizeof(fields), "attempt=1%s", right_quiz ? right : wrong);
	cr_expect_eq(e2e_post(t, form, form, fields, NULL), 303);
}

/* Splits CSV text (no quoted cells) into lines; returns the count. */
static int csv_lines(char *text, char **lines, int max)
{
	int n = 0;
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)   /* the byte order mark */
		text += 3;
	for (char *save = NULL, *l = strtok_r(text, "\r\n", &save); l && n < max; l = strtok_r(NULL, "\r\n", &save))
		lines[n++] = l;
	return n;
}

static int csv_cells(char *line, char **cells, int max)
{
	int n = 0;
	cells[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == ',') {
			*p = '\0';
			cells[n++] = p + 1;
		}
	return n;
}

Test(cohorts, a_facilitator_runs_a_cohort_end_to_end, .timeout = 180)
{
	struct client *f = facilitator();
	long id = start_cohort(f, "Workshop+Kisumu");
	char *code = join_code(f, id);
	char path[256], ids[32];
	snprintf(ids, sizeof(ids), "%ld", id);
	struct http_res r;

	/* The join sheet: the address, the code in large type, and a QR code. */
	snprintf(path, sizeof(path), "/cohorts/%ld/sheet", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "/join</strong>"));
	cr_expect_not_null(strstr(r.body, code), "the code %s on the sheet", code);
	cr_expect_not_null(strstr(r.body, "<svg"), "a QR code");
	cr_expect_not_null(strstr(r.body, "aria-label=\"QR code opening"));
	http_res_free(&r);

	/* Three trainees join and take the first module's pre-check and quiz. */
	char *slug = e2e_first_slug();
	struct client *t1 = join_with(code, "Trainee+One"), *t2 = join_with(code, "Trainee+Two"),
	              *t3 = join_with(code, "Trainee+Three");
	take(t1, slug, true);
	take(t2, slug, false);
	take(t3, slug, false);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", ids), 3);

	/* The overview: the trainees appear, with a status and score per module. */
	snprintf(path, sizeof(path), "/cohorts/%ld", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "3 trainees."));
	cr_expect_not_null(strstr(r.body, "Trainee One"));
	cr_expect_not_null(strstr(r.body, "class=\"matrix\""));
	char *overview = strdup(r.body);
	http_res_free(&r);

	/* The roster export says what the matrix says, cell by cell. */
	snprintf(path, sizeof(path), "/cohorts/%ld/export/roster.csv", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *ctype = http_res_header(&r, "content-type");
	cr_expect_not_null(strstr(ctype, "text/csv"));
	free(ctype);
	char *lines[512];
	int nl = csv_lines(r.body, lines, 512);
	cr_assert_gt(nl, 1);
	cr_expect_str_eq(lines[0], "trainee_id,display_name,joined_on,last_active_on,module,status,lessons_read,"
	                           "lessons_total,quiz_attempts,best_score,completed_on,due_on,overdue");
	int checked = 0;
	for (int i = 1; i < nl; i++) {
		char *c[16];
		cr_assert_eq(csv_cells(lines[i], c, 16), 13, "row %d", i);
		/* Find this trainee's row in the matrix, then the cell of this module. */
		char key[64];
		snprintf(key, sizeof(key), "/trainees/%s\">", c[0]);
		const char *row = strstr(overview, key);
		cr_assert_not_null(row, "trainee %s in the matrix", c[0]);
		const char *end = strstr(row, "</tr>");
		int mod = 0;
		for (int k = 1; k < i; k++)
			if (strncmp(lines[k], lines[i], strlen(c[0])) == 0 && lines[k][strlen(c[0])] == '\0')
				mod++;
		const char *td = row;
		for (int k = 0; k <= mod; k++)
			td = strstr(td + 1, "<td class=\"c-");
		cr_assert(td && td < end);
		const char *want_class = strcmp(c[5], "completed") == 0     ? "c-done"
		                         : strcmp(c[5], "in progress") == 0 ? "c-part"
		                                                            : "c-none";
		cr_expect_eq(strncmp(td + 11, want_class, strlen(want_class)), 0, "trainee %s module %s: %s", c[0], c[4], c[5]);
		if (c[9][0]) {
			char score[16];
			snprintf(score, sizeof(score), " %s<", c[9]);
			const char *close = strstr(td, "</td>");
			const char *hit = strstr(td, score);
			cr_expect(hit && hit < close + 1, "best score %s of trainee %s on the screen", c[9], c[0]);
		}
		checked++;
	}
	cr_expect_gt(checked, 2);
	http_res_free(&r);
	free(overview);

	/* The module report: the question most got wrong, the option they chose, and a CSV that agrees. */
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s", id, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "Learning gain"));
	cr_expect_not_null(strstr(r.body, "For the <strong>3</strong> trainees who took both"));
	const char *q1 = strstr(r.body, "<ol class=\"items\">");
	cr_assert_not_null(q1);
	int fac = -1, n = -1;
	const char *got = strstr(q1, "<p><strong>");
	cr_assert_not_null(got);
	cr_assert_eq(sscanf(got, "<p><strong>%d%%</strong> of %d got it right", &fac, &n), 2);
	cr_expect_eq(n, 3);
	cr_expect_eq(fac, 33, "one of three right on the first attempt");
	const char *wrong = strstr(q1, "Most common wrong answer: <strong>");
	cr_assert_not_null(wrong, "the most common wrong option is named");
	int wrong_pct = -1;
	char letter = 0;
	cr_assert_eq(sscanf(wrong, "Most common wrong answer: <strong>%d%% chose %c", &wrong_pct, &letter), 2);
	cr_expect_eq(wrong_pct, 67);
	cr_expect_not_null(strstr(r.body, "chart"), "charts are drawn");
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s/items.csv", id, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	nl = csv_lines(r.body, lines, 512);
	cr_assert_gt(nl, 1);
	cr_expect_eq(strncmp(lines[0], "module,set,question,question_key,question_text,answered,right_first_time,"
	                               "facility_percent,discrimination,option_a_percent", 90), 0);
	/* Question texts may hold commas: read the figures from the end of the row (the last cell is the
	 * note, empty when nothing is hidden). */
	char *row1 = lines[1];
	char *c[64];
	int nc = csv_cells(row1, c, 64);
	cr_assert_geq(nc, 20);
	cr_expect_str_empty(c[nc - 1], "no note: nothing hidden");
	cr_expect_eq(atoi(c[nc - 15]), 3, "answered");
	cr_expect_eq(atoi(c[nc - 13]), fac, "facility: screen %d, file %s", fac, c[nc - 13]);
	cr_expect_eq(c[nc - 3][0], letter, "common wrong option: screen %c, file %s", letter, c[nc - 3]);
	cr_expect_eq(atoi(c[nc - 2]), wrong_pct);
	http_res_free(&r);

	/* Every answer: as many rows as the database holds, and for one trainee the rights and wrongs of
	 * their page. */
	long uid = e2e_scalar("SELECT id FROM users WHERE cohort_id = $1 AND display_name = 'Trainee Two'", ids);
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", id, uid);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "quiz attempt 1"));
	int page_right = 0, page_wrong = 0;
	for (const char *p = r.body; (p = strstr(p, "<td>right</td>")); p++)
		page_right++;
	for (const char *p = r.body; (p = strstr(p, "<td>wrong</td>")); p++)
		page_wrong++;
	cr_expect_gt(page_wrong, 0);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *copy = strdup(r.body);
	int file_right = 0, file_wrong = 0;
	char *all[512];
	int na = csv_lines(copy, all, 512);
	for (int i = 1; i < na; i++) {
		char *cell[32];
		int nc2 = csv_cells(all[i], cell, 32);   /* options like "A,C" are quoted: read from both ends */
		cr_assert_geq(nc2, 13);
		if (atol(cell[0]) == uid)
			*(cell[nc2 - 2][0] == '1' ? &file_right : &file_wrong) += 1;
	}
	free(copy);
	cr_expect_eq(file_right, page_right, "right answers: file %d, page %d", file_right, page_right);
	cr_expect_eq(file_wrong, page_wrong, "wrong answers: file %d, page %d", file_wrong, page_wrong);
	nl = csv_lines(r.body, lines, 512);
	cr_expect_eq(nl - 1, e2e_scalar("SELECT count(*) FROM answers x JOIN attempts a ON a.id = x.attempt_id "
	                                "JOIN users u ON u.id = a.user_id WHERE u.cohort_id = $1", ids));
	cr_expect_str_eq(lines[0], "trainee_id,display_name,cohort,module,set,attempt,submitted_at,language,question,question_key,"
	                           "options,correct,attempt_score");
	http_res_free(&r);

	client_free(t1);
	client_free(t2);
	client_free(t3);
	client_free(f);
	free(code);
	free(slug);
}

Test(cohorts, settings_join_code_modules_and_roster_moves, .timeout = 120)
{
	struct client *f = facilitator();
	long id = start_cohort(f, "Settings+cohort"), other = start_cohort(f, "Second+cohort");
	char settings[64], path[128], ids[32], fields[256];
	snprintf(settings, sizeof(settings), "/cohorts/%ld/settings", id);
	snprintf(ids, sizeof(ids), "%ld", id);
	char *code = join_code(f, id);

	/* Joining switched off: the code no longer lets anyone in. */
	cr_expect_eq(e2e_post(f, settings, settings, "action=join", NULL), 303);
	struct client *late = client_new();
	snprintf(fields, sizeof(fields), "code=%s&name=Late", code);
	cr_expect_neq(e2e_post(late, "/join", "/join", fields, NULL), 200);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", ids), 0);
	/* On again, with a last day; then a new code replaces the old one. */
	cr_expect_eq(e2e_post(f, settings, settings, "action=join&enabled=on&last_day=2099-12-31", NULL), 303);
	cr_expect_eq(e2e_post(f, settings, settings, "action=join&enabled=on&last_day=2099-02-30", NULL), 400,
	             "an impossible date is refused");
	cr_expect_eq(e2e_post(f, settings, settings, "action=code", NULL), 303);
	char *code2 = join_code(f, id);
	cr_expect_str_neq(code, code2);
	cr_expect_neq(e2e_post(late, "/join", "/join", fields, NULL), 200, "the old code stops working");
	struct client *a = join_with(code2, "Asha"), *b = join_with(code2, "Bilal");

	/* A due date in the past makes the module overdue for those who have not completed it. */
	long mid = e2e_scalar("SELECT id FROM modules ORDER BY position LIMIT 1", NULL);
	snprintf(fields, sizeof(fields), "action=module&module=%ld&assigned=on&due=2020-01-31", mid);
	cr_expect_eq(e2e_post(f, settings, settings, fields, NULL), 303);
	snprintf(path, sizeof(path), "/cohorts/%ld", id);
	struct http_res r;
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "31 Jan 2020"), "the due date, as people write it");
	cr_expect_not_null(strstr(r.body, "– !"), "overdue cells are marked");
	http_res_free(&r);
	cr_assert_eq(e2e_get(a, "/modules", &r), 200);
	cr_expect_not_null(strstr(r.body, "asked to complete it by 31 Jan 2020"), "the trainee sees the due date");
	http_res_free(&r);
	/* Unassigned: off the dashboard, and its report is gone. */
	snprintf(fields, sizeof(fields), "action=module&module=%ld", mid);
	cr_expect_eq(e2e_post(f, settings, settings, fields, NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM cohort_modules WHERE cohort_id = $1 AND module_id = "
	                        "(SELECT id FROM modules ORDER BY position LIMIT 1)", ids), 0);

	/* Rename, privacy, a second facilitator who does not exist, archive. */
	cr_expect_eq(e2e_post(f, settings, settings, "action=name&name=Renamed+cohort", NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM cohorts WHERE id = $1 AND name = 'Renamed cohort'", ids), 1);
	cr_expect_eq(e2e_post(f, settings, settings, "action=staff-add&username=nobody-like-this", NULL), 400);
	cr_expect_eq(e2e_post(f, settings, settings, "action=unknown", NULL), 400);

	/* Move Asha to the second cohort, remove Bilal from this one. */
	long asha = e2e_scalar("SELECT id FROM users WHERE cohort_id = $1 AND display_name = 'Asha'", ids);
	long bilal = e2e_scalar("SELECT id FROM users WHERE cohort_id = $1 AND display_name = 'Bilal'", ids);
	char roster[64];
	snprintf(roster, sizeof(roster), "/cohorts/%ld/roster", id);
	snprintf(fields, sizeof(fields), "action=move&to=%ld&user=%ld", other, asha);
	cr_expect_eq(e2e_post(f, roster, roster, fields, NULL), 303);
	snprintf(fields, sizeof(fields), "action=remove&user=%ld", bilal);
	cr_expect_eq(e2e_post(f, roster, roster, fields, NULL), 303);
	char oids[32];
	snprintf(oids, sizeof(oids), "%ld", other);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", oids), 1);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE cohort_id = $1", ids), 0);
	cr_expect_eq(e2e_post(f, roster, roster, "action=move&to=999999999&user=1", NULL), 404, "not a cohort of theirs");
	cr_expect_eq(e2e_post(f, roster, roster, "action=remove&user=abc", NULL), 400);
	cr_expect_eq(e2e_post(f, settings, settings, "action=archive", NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM cohorts WHERE id = $1 AND archived_at IS NOT NULL", ids), 1);

	client_free(a);
	client_free(b);
	client_free(late);
	client_free(f);
	free(code);
	free(code2);
}

Test(cohorts, nobody_sees_a_cohort_that_is_not_theirs, .timeout = 60)
{
	/* A cohort run by nobody in this test: the demo facilitator may not see it. */
	long other = e2e_scalar("INSERT INTO cohorts (name) VALUES ('Someone else''s cohort') RETURNING id", NULL);
	struct client *f = facilitator();
	char *slug = e2e_first_slug();
	const char *suffixes[] = {"", "/settings", "/roster", "/sheet", "/export/roster.csv", "/export/answers.csv", NULL};
	char path[256];
	for (int i = 0; suffixes[i]; i++) {
		struct http_res r;
		snprintf(path, sizeof(path), "/cohorts/%ld%s", other, suffixes[i]);
		cr_expect_eq(e2e_get(f, path, &r), 404, "%s", path);
		cr_expect_null(strstr(r.body, "Someone else"), "%s leaks the name", path);
		http_res_free(&r);
	}
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s/items.csv", other, slug);
	cr_expect_eq(e2e_get(f, path, NULL), 404);
	snprintf(path, sizeof(path), "/cohorts/%ld/settings", other);
	cr_expect_eq(e2e_post(f, "/cohorts", path, "action=name&name=Taken", NULL), 404, "nor can they change it");
	cr_expect_eq(e2e_get(f, "/reports/answers.csv", NULL), 403, "the all-cohorts export is for administrators");
	cr_expect_eq(e2e_get(f, "/cohorts/abc", NULL), 404);

	/* A trainee: no dashboard, no export, by direct address. */
	char *code = e2e_cred("JOIN_CODE");
	struct client *t = join_with(code, "Curious+Trainee");
	cr_expect_eq(e2e_get(t, "/cohorts", NULL), 403);
	snprintf(path, sizeof(path), "/cohorts/%ld", other);
	cr_expect_eq(e2e_get(t, path, NULL), 403);
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", other);
	cr_expect_eq(e2e_get(t, path, NULL), 403);
	cr_expect_eq(e2e_get(t, "/reports/answers.csv", NULL), 403);
	/* Nobody signed in: sent to sign in. */
	struct client *anon = client_new();
	cr_expect_eq(e2e_get(anon, path, NULL), 303);
	client_free(anon);
	client_free(t);
	client_free(f);
	free(code);
	free(slug);
}

Test(cohorts, aggregate_only_shows_no_individual_and_no_small_group, .timeout = 90)
{
	struct client *f = facilitator();
	long id = start_cohort(f, "Private+cohort");
	char *code = join_code(f, id);
	char settings[64], path[256];
	snprintf(settings, sizeof(settings), "/cohorts/%ld/settings", id);
	char *slug = e2e_first_slug();
	/* A name a spreadsheet would run as a formula: the export neutralises it. */
	struct client *t1 = join_with(code, "%3DHYPERLINK(%22http%3A%2F%2Fx%22)"), *t2 = join_with(code, "Second");
	take(t1, slug, true);
	snprintf(path, sizeof(path), "/cohorts/%ld/export/roster.csv", id);
	struct http_res r;
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, ",\"'=HYPERLINK(\"\"http://x\"\")\","), "formula neutralised: %.300s", r.body);
	http_res_free(&r);

	cr_expect_eq(e2e_post(f, settings, settings, "action=privacy&aggregate=on", NULL), 303);
	cr_expect_eq(e2e_get(f, path, NULL), 403);
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", id);
	cr_expect_eq(e2e_get(f, path, NULL), 403);
	snprintf(path, sizeof(path), "/cohorts/%ld/roster", id);
	cr_expect_eq(e2e_get(f, path, NULL), 403);
	char ids[32];
	snprintf(ids, sizeof(ids), "%ld", id);
	long uid = e2e_scalar("SELECT min(id) FROM users WHERE cohort_id = $1", ids);
	snprintf(path, sizeof(path), "/cohorts/%ld/trainees/%ld", id, uid);
	cr_expect_eq(e2e_get(f, path, NULL), 403);
	snprintf(path, sizeof(path), "/cohorts/%ld", id);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_null(strstr(r.body, "class=\"matrix\""), "no matrix");
	cr_expect_null(strstr(r.body, "Second"), "no names");
	cr_expect_not_null(strstr(r.body, "hidden (fewer than 5)"));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s", id, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_null(strstr(r.body, "got it right"), "no item figure from one trainee");
	cr_expect_not_null(strstr(r.body, "Hidden"));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s/items.csv", id, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char *lines[64];
	int nl = csv_lines(r.body, lines, 64);
	cr_assert_gt(nl, 1);
	cr_expect_not_null(strstr(lines[1], ",,,,,,,,,,,,,,"), "figures left empty: %s", lines[1]);
	http_res_free(&r);
	client_free(t1);
	client_free(t2);
	client_free(f);
	free(code);
	free(slug);
}

Test(cohorts, bad_input_gets_its_status_and_changes_nothing, .timeout = 60)
{
	struct client *f = facilitator();
	long before = e2e_scalar("SELECT count(*) FROM cohorts", NULL);
	char name[200], fields[256], path[256];
	memset(name, 'x', 121);
	name[121] = '\0';
	snprintf(fields, sizeof(fields), "name=%s", name);
	cr_expect_eq(e2e_post(f, "/cohorts", "/cohorts", "name=", NULL), 400, "an empty name");
	cr_expect_eq(e2e_post(f, "/cohorts", "/cohorts", fields, NULL), 400, "a name over 120 characters");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM cohorts", NULL), before, "no cohort made");
	long id = start_cohort(f, "Input+cohort");
	const char *bad[][2] = {
		{"?page=0", "400"}, {"?page=x", "400"}, {"?page=999", "404"}, {"?inactive=1000", "400"},
		{"/modules/no-such-module", "404"}, {"/modules/no-such-module/items.csv", "404"},
		{"/trainees/999999999", "404"}, {"/trainees/abc", "404"}, {"/roster?page=5", "404"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/cohorts/%ld%s", id, bad[i][0]);
		cr_expect_eq(e2e_get(f, path, NULL), atol(bad[i][1]), "%s", path);
	}
	char *slug = e2e_first_slug();
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s?set=x", id, slug);
	cr_expect_eq(e2e_get(f, path, NULL), 400, "an unknown question set");
	char roster[64];
	snprintf(roster, sizeof(roster), "/cohorts/%ld/roster", id);
	cr_expect_eq(e2e_post(f, roster, roster, "action=remove", NULL), 400, "nobody selected");
	cr_expect_eq(e2e_post(f, roster, roster, "action=shuffle&user=1", NULL), 400, "an unknown action");
	client_free(f);
	free(slug);
}

/* The summary the dashboards read (006_progress_summary's triggers) agrees with the events themselves,
 * for everyone the tests so far have made. */
Test(cohorts, the_progress_summary_agrees_with_the_events)
{
	long bad = e2e_scalar(
		"WITH k AS (SELECT user_id, module_id FROM lesson_reads UNION SELECT user_id, module_id FROM attempts"
		"  UNION SELECT user_id, module_id FROM scenario_runs),"
		" ev AS (SELECT k.user_id, k.module_id, true AS seen,"
		"  coalesce((SELECT bit_or(1::bigint << (x.position - 1)) FROM lesson_reads x WHERE x.user_id = k.user_id"
		"    AND x.module_id = k.module_id), 0) AS lessons,"
		"  (SELECT count(*) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'quiz') AS tries,"
		"  (SELECT max(score) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'quiz') AS best,"
		"  (SELECT score FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id AND a.set = 'precheck'"
		"    AND a.number = 1) AS pre,"
		"  (SELECT min(submitted_at) FROM attempts a WHERE a.user_id = k.user_id AND a.module_id = k.module_id"
		"    AND a.set = 'quiz' AND a.passed) AS passed_at,"
		"  (SELECT min(ended_at) FROM scenario_runs s WHERE s.user_id = k.user_id AND s.module_id = k.module_id) AS ended"
		"  FROM k)"
		" SELECT count(*) FROM ev FULL JOIN progress p USING (user_id, module_id)"
		" WHERE ev.seen IS NULL OR p.last_at IS NULL OR ev.lessons <> p.lessons OR ev.tries <> p.quiz_attempts"
		" OR ev.best IS DISTINCT FROM p.best OR ev.pre IS DISTINCT FROM p.first_pre"
		" OR ev.passed_at IS DISTINCT FROM p.passed_at OR ev.ended IS DISTINCT FROM p.scenario_at",
		NULL);
	cr_expect_eq(bad, 0, "%ld trainee-module records disagree with their events", bad);
	cr_expect_gt(e2e_scalar("SELECT count(*) FROM progress", NULL), 0);
}
