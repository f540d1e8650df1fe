/* test_languages.c: the content in French, Spanish and Arabic, through the real stack. The switch at the
 * foot of every page keeps the choice in a cookie; without one, the browser's Accept-Language chooses;
 * then English. A signed-in person's choice is saved and follows them to another device. What comes from
 * the content carries its language and direction. What is not translated is shown in English, and the
 * page says so. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "e2e/e2e.h"

static char *get(struct client *c, const char *path)
{
	struct http_res r;
	cr_assert_eq(e2e_get(c, path, &r), 200, "%s", path);
	char *body = strdup(r.body);
	http_res_free(&r);
	return body;
}

static long choose(struct client *c, const char *lang, const char *next, struct http_res *r)
{
	char fields[256];
	snprintf(fields, sizeof(fields), "lang=%s&next=%s", lang, next);
	return e2e_post(c, "/about-the-source", "/language", fields, r);
}

/* A trainee who joined under `name` (urlencoded) and chose `lang` with the switch on the module's page. */
static struct client *reader(const char *name, const char *lang, const char *slug)
{
	struct client *c = client_new();
	free(e2e_join(c, name));
	char path[256], fields[300];
	snprintf(path, sizeof(path), "/modules/%s", slug);
	snprintf(fields, sizeof(fields), "lang=%s&next=%%2Fmodules%%2F%s", lang, slug);
	struct http_res r;
	cr_assert_eq(e2e_post(c, path, "/language", fields, &r), 303);
	http_res_free(&r);
	return c;
}

Test(languages, the_switch_chooses_the_language_of_the_content, .timeout = 60)
{
	struct client *c = client_new();
	char *body = get(c, "/about-the-source");
	cr_expect_not_null(strstr(body, "<article class=\"prose\" lang=\"en\" dir=\"ltr\">\n<h1>Where these lessons come from</h1>"));
	cr_expect_not_null(strstr(body, "<form method=\"post\" action=\"/language\" class=\"lang-switch\">"), "on every page");
	cr_expect_not_null(strstr(body, "<option value=\"ar\" lang=\"ar\">"));
	free(body);

	struct http_res r;
	cr_assert_eq(choose(c, "fr", "%2Fabout-the-source", &r), 303);
	char *loc = http_res_header(&r, "location"), *cookie = http_res_header(&r, "set-cookie");
	cr_expect_str_eq(loc ? loc : "", "/about-the-source");
	cr_expect_not_null(strstr(cookie ? cookie : "", "lang=fr; Path=/; Max-Age=31536000;"), "%s", cookie);
	free(loc);
	free(cookie);
	http_res_free(&r);
	body = get(c, "/about-the-source");
	cr_expect_not_null(strstr(body, "<html lang=\"fr\" dir=\"ltr\">"), "the interface follows");
	cr_expect_not_null(strstr(body, "<article class=\"prose\" lang=\"fr\" dir=\"ltr\">"));
	cr_expect_null(strstr(body, "Where these lessons come from"));
	cr_expect_not_null(strstr(body, "<option value=\"fr\" lang=\"fr\" selected>Fran\xc3\xa7" "ais</option>"));
	free(body);

	/* Arabic runs right to left, term by term in the glossary. */
	cr_assert_eq(choose(c, "ar", "%2Fglossary", &r), 303);
	http_res_free(&r);
	body = get(c, "/glossary");
	cr_expect_not_null(strstr(body, "<dt id=\"mwc\" lang=\"ar\" dir=\"rtl\">"));
	free(body);

	/* A language the site does not offer, one too long, none; a page elsewhere; a request without its
	 * token; the same choice twice (a double click): the same page. */
	cr_expect_eq(choose(c, "de", "%2F", &r), 400);
	http_res_free(&r);
	cr_expect_eq(choose(c, "fran", "%2F", &r), 400);
	http_res_free(&r);
	cr_expect_eq(e2e_post(c, "/about-the-source", "/language", "next=%2F", &r), 400);
	http_res_free(&r);
	for (int i = 0; i < 2; i++) {
		cr_expect_eq(choose(c, "ar", "%2Fglossary", &r), 303);
		http_res_free(&r);
	}
	body = get(c, "/glossary");
	cr_expect_not_null(strstr(body, "<dt id=\"mwc\" lang=\"ar\" dir=\"rtl\">"), "still Arabic");
	free(body);
	cr_assert_eq(choose(c, "es", "https%3A%2F%2Fevil.example%2F", &r), 303);
	loc = http_res_header(&r, "location");
	cr_expect_str_eq(loc ? loc : "", "/", "only a page of this site");
	free(loc);
	http_res_free(&r);
	cr_assert_eq(client_do(c, "POST", "/language", "lang=fr", &r), 0);
	cr_expect_eq(r.status, 403);
	http_res_free(&r);
	client_free(c);
}

Test(languages, the_browser_language_chooses_without_a_cookie, .timeout = 60)
{
	const struct { const char *header, *want; } cases[] = {
		{"es-MX, es;q=0.9, en;q=0.5", "lang=\"es\""},
		{"de-DE, de;q=0.9, en;q=0.4", "lang=\"en\""},
		{"fr;q=0.2, ar;q=0.8", "lang=\"ar\" dir=\"rtl\""},
		{"*", "lang=\"en\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct client *c = client_new();
		client_accept_language(c, cases[i].header);
		char *body = get(c, "/about-the-source");
		char want[64];
		snprintf(want, sizeof(want), "<article class=\"prose\" %s", cases[i].want);
		cr_expect_not_null(strstr(body, want), "%s: %s", cases[i].header, cases[i].want);
		free(body);
		client_free(c);
	}
}

Test(languages, a_trainee_reads_a_lesson_in_their_language, .timeout = 60)
{
	char *slug = e2e_first_slug(), path[256], fields[300];
	struct client *c = reader("Lectrice", "fr", slug);
	struct http_res r;
	snprintf(path, sizeof(path), "/modules/%s", slug);

	char *body = get(c, path);
	cr_expect_not_null(strstr(body, "<div lang=\"fr\" dir=\"ltr\">\n<h1>"), "the module's title and summary");
	cr_expect_not_null(strstr(body, "/lessons/1\" lang=\"fr\" dir=\"ltr\">"), "the lessons' titles");
	free(body);
	snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
	body = get(c, path);
	cr_expect_not_null(strstr(body, "<article class=\"lesson prose\" lang=\"fr\" dir=\"ltr\">"));
	cr_expect_not_null(strstr(body, "<h2 id=\"sources\">Sources</h2>"));
	cr_expect_null(strstr(body, "is not translated"));
	free(body);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM lesson_reads x JOIN users u ON u.id = x.user_id"
	                        " WHERE u.display_name = $1 AND x.position = 1", "Lectrice"), 1, "read, in French");

	/* Arabic: right to left, with the Arabic labels. */
	snprintf(path, sizeof(path), "/modules/%s", slug);
	snprintf(fields, sizeof(fields), "lang=ar&next=%%2Fmodules%%2F%s%%2Flessons%%2F1", slug);
	cr_assert_eq(e2e_post(c, path, "/language", fields, &r), 303);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/modules/%s/lessons/1", slug);
	body = get(c, path);
	cr_expect_not_null(strstr(body, "<article class=\"lesson prose\" lang=\"ar\" dir=\"rtl\">"));
	cr_expect_not_null(strstr(body, "<h2 id=\"sources\">\xd8\xa7\xd9\x84\xd9\x85\xd8\xb5\xd8\xa7\xd8\xaf\xd8\xb1</h2>"),
	                   "المصادر");
	free(body);
	free(slug);
	client_free(c);
}

/* A lesson with no translation in the chosen language is shown in English, marked as English, with a
 * note. (The shipped content is translated throughout: one Spanish lesson is taken away here, in the
 * newest revision of the last module, which no other test reads in Spanish.) */
Test(languages, an_untranslated_lesson_is_shown_in_english_and_says_so, .timeout = 60)
{
	cr_assert_eq(e2e_scalar("WITH gone AS (DELETE FROM lesson_translations t USING modules m WHERE t.revision_id ="
	                        " m.current_revision AND t.lang = 'es' AND t.position = 1 AND m.slug = $1 RETURNING 1)"
	                        " SELECT count(*) FROM gone", "xenophobia"), 1);
	struct client *c = reader("Lector", "es", "xenophobia");
	char *body = get(c, "/modules/xenophobia/lessons/1");
	const char *note = strstr(body, "<p class=\"notice\">"), *article = strstr(body, "<article");
	cr_expect(note && article && note < article, "a notice before the lesson says it is in English");
	cr_expect_null(strstr(body, "This lesson is not translated"), "in the reader's language, not English");
	cr_expect_not_null(strstr(body, "<article class=\"lesson prose\" lang=\"en\" dir=\"ltr\">"));
	free(body);
	body = get(c, "/modules/xenophobia/lessons/2");
	cr_expect_not_null(strstr(body, "<article class=\"lesson prose\" lang=\"es\" dir=\"ltr\">"), "the next one is");
	free(body);
	client_free(c);
}

/* The quiz in Spanish: the questions, options, feedback and explanations come in Spanish, True and False
 * are the interface's words (from its catalog), and the answers are scored as the same items: all right
 * is 100%. */
Test(languages, a_quiz_taken_in_spanish_is_scored_as_the_same_items, .timeout = 90)
{
	char *slug = e2e_first_slug(), path[256], fields[8300];
	struct client *c = reader("Quiz+en+espa%C3%B1ol", "es", slug);
	struct http_res r;
	snprintf(path, sizeof(path), "/modules/%s/quiz", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "<span class=\"qnum\">Pregunta 1 de"), "the interface in Spanish");
	cr_expect_not_null(strstr(r.body, "</span> <span lang=\"es\" dir=\"ltr\">"), "the question in Spanish");
	cr_expect_not_null(strstr(r.body, "> Verdadero</label>"), "True and False: the interface's words, in Spanish");

	/* The right options, found on the form by their Spanish text. */
	PGconn *db = e2e_db();
	const char *p[1] = {slug};
	PGresult *rows = PQexecParams(db,
	                              "SELECT q.position, CASE WHEN q.kind <> 'truefalse' THEN coalesce(ot.text, o.text)"
	                              " WHEN o.text = 'True' THEN 'Verdadero' ELSE 'Falso' END FROM modules m JOIN questions q ON"
	                              " q.revision_id = m.current_revision AND q.set = 'quiz' JOIN options o ON o.question_id = q.id"
	                              " AND o.correct LEFT JOIN option_translations ot ON ot.option_id = o.id AND ot.lang = 'es'"
	                              " WHERE m.slug = $1 ORDER BY q.position, o.position",
	                              1, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(rows), PGRES_TUPLES_OK);
	char *rev = html_input_value(r.body, "revision");
	snprintf(fields, sizeof(fields), "attempt=1&revision=%s", rev ? rev : "");
	for (int i = 0; i < PQntuples(rows); i++) {
		int q = atoi(PQgetvalue(rows, i, 0)), shown = e2e_quiz_shown(r.body, q, PQgetvalue(rows, i, 1));
		cr_assert_geq(shown, 0, "question %d: no option \"%s\" on the form", q, PQgetvalue(rows, i, 1));
		snprintf(fields + strlen(fields), sizeof(fields) - strlen(fields), "&q%d=%d", q, shown);
	}
	PQclear(rows);
	PQfinish(db);
	free(rev);
	http_res_free(&r);
	cr_assert_eq(e2e_post(c, path, path, fields, &r), 303);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/modules/%s/quiz/1", slug);
	cr_assert_eq(e2e_get(c, path, &r), 200);
	cr_expect_not_null(strstr(r.body, ": 100 %"), "all right, written the Spanish way");
	cr_expect_not_null(strstr(r.body, "<p class=\"feedback\" lang=\"es\" dir=\"ltr\">"), "the feedback in Spanish");
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id"
	                        " WHERE u.display_name = $1 AND a.lang = 'es'", "Quiz en espa\xc3\xb1ol"), 1,
	             "the attempt records the language it was answered in");
	/* The facilitator's export says so, row by row. */
	long cohort = e2e_scalar("SELECT cohort_id FROM users WHERE display_name = $1", "Quiz en espa\xc3\xb1ol");
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", cohort);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	const char *row = strstr(r.body, "Quiz en espa\xc3\xb1ol");
	const char *eol = row ? strchr(row, '\n') : NULL;
	const char *es = row ? strstr(row, "Z,es,") : NULL;
	cr_expect(es && (eol == NULL || es < eol), "the export's language column: es");
	http_res_free(&r);
	/* The module report's questions, for the attempts made in Spanish only: the count is theirs. */
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s?in=es", cohort, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "<option value=\"es\" lang=\"es\" selected>"));
	http_res_free(&r);
	/* A language the site does not offer shows every language; one too long is refused. */
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s?in=de", cohort, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	cr_expect_not_null(strstr(r.body, "<option value=\"\" selected>"));
	http_res_free(&r);
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s?in=deutsch", cohort, slug);
	cr_expect_eq(e2e_get(f, path, NULL), 400);
	snprintf(path, sizeof(path), "/cohorts/%ld/modules/%s?in=es", cohort, slug);
	cr_assert_eq(e2e_get(f, path, &r), 200);
	char sql[600], want[160];
	snprintf(sql, sizeof(sql), "SELECT count(DISTINCT a.user_id) FROM attempts a JOIN users u ON u.id = a.user_id"
	                           " JOIN modules m ON m.id = a.module_id AND m.current_revision = a.revision_id"
	                           " WHERE u.cohort_id = %ld AND u.role = 'trainee' AND m.slug = $1 AND a.set = 'quiz'"
	                           " AND a.lang = 'es'", cohort);
	long in_es = e2e_scalar(sql, slug);
	cr_expect_gt(in_es, 0);
	snprintf(want, sizeof(want), "attempt counts: %ld trainee", in_es);   /* the demo cohort shows counts */
	cr_expect_not_null(strstr(r.body, want), "%s", want);
	http_res_free(&r);
	client_free(f);
	free(slug);
	client_free(c);
}

/* The switch used while signed in saves the choice with the account: a second device where the person
 * signs in with their resume code follows it, whatever that browser's own language; a choice made there
 * is saved in turn. */
Test(languages, a_saved_choice_follows_the_person_to_another_device, .timeout = 60)
{
	struct client *phone = client_new();
	char *resume = e2e_join(phone, "Voyageuse");
	struct http_res r;
	cr_assert_eq(e2e_post(phone, "/modules", "/language", "lang=ar&next=%2Fmodules", &r), 303);
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE display_name = $1 AND lang = 'ar'", "Voyageuse"), 1);

	struct client *laptop = client_new();
	client_accept_language(laptop, "es-ES, es;q=0.9");
	char fields[128];
	snprintf(fields, sizeof(fields), "code=%s", resume);
	cr_assert_eq(e2e_post(laptop, "/resume", "/resume", fields, &r), 303);
	char *cookie = client_cookie(laptop, "lang");
	cr_expect_str_eq(cookie ? cookie : "", "ar", "sign-in sets the device's language to the saved one");
	free(cookie);
	http_res_free(&r);
	char *body = get(laptop, "/modules");
	cr_expect_not_null(strstr(body, "<html lang=\"ar\" dir=\"rtl\">"));
	free(body);

	cr_assert_eq(e2e_post(laptop, "/modules", "/language", "lang=fr&next=%2Fmodules", &r), 303);
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE display_name = $1 AND lang = 'fr'", "Voyageuse"), 1);
	body = get(phone, "/modules");
	cr_expect_not_null(strstr(body, "<html lang=\"ar\" dir=\"rtl\">"), "the phone keeps its own choice");
	free(body);
	free(resume);
	client_free(phone);
	client_free(laptop);
}

/* A facilitator sets a cohort's language: its join sheet is printed in it, and a trainee who joins and
 * chose nothing sees the interface in it, whatever their browser's language; one who chose another
 * language on the join page keeps theirs. A language the site does not offer is refused on the form. */
Test(languages, a_cohort_language_sets_the_sheet_and_the_trainees_default, .timeout = 60)
{
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/cohorts", "/cohorts", "name=Groupe+de+Lyon", &r), 303);
	char *loc = http_res_header(&r, "location"), settings[96], sheet[96], fields[128];
	long id = 0;
	cr_assert_eq(sscanf(loc ? loc : "", "/cohorts/%ld/settings", &id), 1);
	free(loc);
	http_res_free(&r);
	snprintf(settings, sizeof(settings), "/cohorts/%ld/settings", id);
	snprintf(sheet, sizeof(sheet), "/cohorts/%ld/sheet", id);

	cr_expect_eq(e2e_post(f, settings, settings, "action=lang&lang=de", &r), 400, "not offered");
	cr_expect_not_null(strstr(r.body ? r.body : "", "the site does not offer that language"));
	http_res_free(&r);
	cr_expect_eq(e2e_post(f, settings, settings, "action=lang&lang=fran%C3%A7ais", NULL), 400);
	cr_assert_eq(e2e_post(f, settings, settings, "action=lang&lang=fr", NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM cohorts WHERE name = $1 AND lang = 'fr'", "Groupe de Lyon"), 1);
	char *body = get(f, sheet);
	cr_expect_not_null(strstr(body, "<html lang=\"fr\" dir=\"ltr\">"), "the sheet in the cohort's language");
	char *code = html_class_text(body, "sheet-code");
	cr_assert_not_null(code);
	free(body);
	body = get(f, settings);
	cr_expect_not_null(strstr(body, "<option value=\"fr\" lang=\"fr\" selected>"));
	free(body);

	/* A trainee whose browser asks for Spanish and who chose nothing: French, the cohort's. */
	struct client *t = client_new();
	client_accept_language(t, "es");
	snprintf(fields, sizeof(fields), "code=%s&name=Nadia", code);
	cr_assert_eq(e2e_post(t, "/join", "/join", fields, &r), 200);
	http_res_free(&r);
	body = get(t, "/modules");
	cr_expect_not_null(strstr(body, "<html lang=\"fr\" dir=\"ltr\">"));
	free(body);

	/* One who chose Arabic on the join page before joining keeps Arabic, saved as their own. */
	struct client *u = client_new();
	cr_assert_eq(e2e_post(u, "/join", "/language", "lang=ar&next=%2Fjoin", &r), 303);
	http_res_free(&r);
	snprintf(fields, sizeof(fields), "code=%s&name=Samira", code);
	cr_assert_eq(e2e_post(u, "/join", "/join", fields, &r), 200);
	cr_expect_not_null(strstr(r.body, "<html lang=\"ar\" dir=\"rtl\">"));
	http_res_free(&r);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM users WHERE display_name = $1 AND lang = 'ar'", "Samira"), 1);

	/* None: each browser decides again. */
	cr_assert_eq(e2e_post(f, settings, settings, "action=lang&lang=", NULL), 303);
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM cohorts WHERE name = $1 AND lang IS NULL", "Groupe de Lyon"), 1);
	free(code);
	client_free(f);
	client_free(t);
	client_free(u);
}

/* A workshop made from a module's quiz, its language French: the projector speaks French, and each
 * phone reads the question in its own language (Arabic, Spanish) from the module's translations, while an
 * English phone reads it as copied. A language the site does not offer is refused. */
Test(languages, a_live_workshop_in_three_languages_at_once, .timeout = 60)
{
	struct client *f = e2e_staff("facilitator", "FACILITATOR_PASSWORD");
	char *slug = e2e_first_slug(), fields[256], path[128];
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	snprintf(fields, sizeof(fields), "title=Atelier+multilingue&module=%s&cohort=%ld", slug, cohort);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/workshops", "/workshops", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/workshops/%ld", &id) == 1);
	free(loc);
	http_res_free(&r);
	snprintf(path, sizeof(path), "/workshops/%ld", id);
	cr_expect_eq(e2e_post(f, path, path, "action=lang&lang=xx", NULL), 400);
	cr_expect_eq(e2e_post(f, path, path, "action=lang&lang=fran%C3%A7ais", NULL), 400, "too long");
	cr_assert_eq(e2e_post(f, path, path, "action=lang&lang=fr", NULL), 303);
	char console[160];
	snprintf(console, sizeof(console), "/workshops/%ld/console", id);
	cr_assert_eq(e2e_post(f, console, console, "action=start", NULL), 303);
	cr_assert_eq(e2e_post(f, console, console, "action=next", NULL), 303);

	/* The first question, in the module's Arabic and Spanish. */
	char sql[400];
	snprintf(sql, sizeof(sql), "SELECT qt.question_id FROM live_questions lq JOIN question_translations qt ON"
	                           " qt.question_id = lq.source_question_id WHERE lq.workshop_id = %ld AND lq.position = 1"
	                           " AND qt.lang = 'ar'", id);
	cr_assert_gt(e2e_scalar(sql, NULL), 0, "the module's first quiz question is translated");
	PGconn *db = e2e_db();
	snprintf(sql, sizeof(sql), "SELECT lq.prompt, (SELECT left(text, 500) FROM question_translations WHERE question_id ="
	                           " lq.source_question_id AND lang = 'ar'), (SELECT left(text, 500) FROM question_translations"
	                           " WHERE question_id = lq.source_question_id AND lang = 'es'), w.code FROM live_questions lq"
	                           " JOIN workshops w ON w.id = lq.workshop_id WHERE lq.workshop_id = %ld AND lq.position = 1", id);
	PGresult *q = PQexec(db, sql);
	cr_assert_eq(PQntuples(q), 1);
	char *en = strdup(PQgetvalue(q, 0, 0)), *ar = strdup(PQgetvalue(q, 0, 1)), *es = strdup(PQgetvalue(q, 0, 2));
	char *code = strdup(PQgetvalue(q, 0, 3));
	PQclear(q);
	PQfinish(db);

	const struct { const char *lang, *want, *attrs; } phones[] = {
		{"ar", ar, " lang=\"ar\" dir=\"rtl\">"}, {"es", es, " lang=\"es\" dir=\"ltr\">"}, {"en", en, ">"},
	};
	for (size_t i = 0; i < sizeof(phones) / sizeof(phones[0]); i++) {
		struct client *p = client_new();
		client_accept_language(p, phones[i].lang);
		snprintf(fields, sizeof(fields), "code=%s&name=", code);
		cr_assert_eq(e2e_post(p, "/live", "/live", fields, &r), 303);
		http_res_free(&r);
		char room[64], want[700];
		snprintf(room, sizeof(room), "/live/%s", code);
		char *body = get(p, room);
		snprintf(want, sizeof(want), "<h1 class=\"prompt\" data-announce%s", phones[i].attrs);
		const char *h1 = strstr(body, want);
		cr_expect_not_null(h1, "%s: the question marked with its language", phones[i].lang);
		cr_expect_not_null(strstr(body, phones[i].want), "%s: the question in the phone's language", phones[i].lang);
		snprintf(want, sizeof(want), "<html lang=\"%s\"", phones[i].lang);
		cr_expect_not_null(strstr(body, want), "%s: the interface in the phone's language", phones[i].lang);
		free(body);
		client_free(p);
	}

	/* The projector: French, the workshop's language, whatever the facilitator's browser says. */
	snprintf(path, sizeof(path), "/workshops/%ld/screen", id);
	char *screen = get(f, path);
	cr_expect_not_null(strstr(screen, "<html lang=\"fr\" dir=\"ltr\">"));
	free(screen);
	free(en);
	free(ar);
	free(es);
	free(code);
	free(slug);
	client_free(f);
}
