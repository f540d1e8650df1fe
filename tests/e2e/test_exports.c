/* test_exports.c: a streamed export that fails half way reaches the browser as a failed download, never
 * as a well-formed file with rows missing; the server says so in its log and goes on serving. A HEAD on
 * an export answers with its head alone, without running the export's query. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "e2e/e2e.h"

/* A text the export's statement holds and no other (STMT_EXPORT_ANSWERS), split so that the queries
 * looking for it in pg_stat_activity do not hold it whole. */
#define EXPORT_SQL_PART1 "FROM answers x JOIN "
#define EXPORT_SQL_PART2 "attempts a ON a.id = x.attempt_id"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A cohort of `trainees` trainees with `attempts` quiz attempts each at the first module, every question
 * answered: an answers export of trainees x attempts x questions rows. Returns the cohort's id. */
static long big_cohort(int trainees, int attempts)
{
	PGconn *db = e2e_db();
	char *slug = e2e_first_slug();
	char nt[16], na[16], name[64];
	snprintf(nt, sizeof(nt), "%d", trainees);
	snprintf(na, sizeof(na), "%d", attempts);
	snprintf(name, sizeof(name), "Export %ld", (long)getpid());
	const char *p1[] = {name, nt};
	PGresult *r = PQexecParams(db,
	                           "WITH c AS (INSERT INTO cohorts (name) VALUES ($1) RETURNING id),"
	                           " u AS (INSERT INTO users (role, display_name, cohort_id)"
	                           "  SELECT 'trainee', 'Trainee ' || g, c.id FROM c, generate_series(1, $2::int) g)"
	                           " SELECT id FROM c",
	                           2, NULL, p1, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
	long id = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	char ids[24];
	snprintf(ids, sizeof(ids), "%ld", id);
	const char *p2[] = {ids, slug, na};
	r = PQexecParams(db,
	                 "INSERT INTO attempts (user_id, module_id, revision_id, set, number, correct, total, score, passed)"
	                 " SELECT u.id, m.id, m.current_revision, 'quiz', n, 1, 2, 50, false"
	                 " FROM users u, modules m, generate_series(1, $3::int) n WHERE u.cohort_id = $1 AND m.slug = $2",
	                 3, NULL, p2, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQerrorMessage(db));
	PQclear(r);
	const char *p3[] = {ids};
	r = PQexecParams(db,
	                 "INSERT INTO answers (attempt_id, question_id, options, correct)"
	                 " SELECT a.id, q.id, ARRAY[0, 2], true FROM attempts a JOIN users u ON u.id = a.user_id"
	                 " JOIN questions q ON q.revision_id = a.revision_id AND q.set = 'quiz' WHERE u.cohort_id = $1",
	                 1, NULL, p3, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQerrorMessage(db));
	PQclear(r);
	PQfinish(db);
	free(slug);
	return id;
}

static long answer_rows(long cohort)
{
	char ids[24];
	snprintf(ids, sizeof(ids), "%ld", cohort);
	return e2e_scalar("SELECT count(*) FROM answers x JOIN attempts a ON a.id = x.attempt_id JOIN users u"
	                  " ON u.id = a.user_id WHERE u.cohort_id = $1",
	                  ids);
}

/* A download as a browser makes it: its own handle on the signed-in client's cookies, HTTP/1.1 (a
 * chunked body) or HTTP/2. Once the first piece of the body has come, `on_first` runs while the
 * client holds the rest back. */
struct download {
	size_t got;
	size_t pieces;
	int (*on_first)(void);
	int first_rc;
	char tail[64];        /* the last bytes received */
	size_t tail_len;
};

static size_t on_piece(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct download *d = ud;
	size_t k = size * nmemb;
	if (d->pieces++ == 0 && d->on_first)
		d->first_rc = d->on_first();
	d->got += k;
	size_t keep = k < sizeof(d->tail) ? k : sizeof(d->tail);
	memcpy(d->tail, ptr + k - keep, keep);
	d->tail_len = keep;
	return k;
}

static CURLcode download(struct client *who, const char *path, long http_version, const char *method,
                         struct download *d, long *status, long timeout_ms)
{
	CURL *c = curl_easy_init();
	cr_assert_not_null(c);
	char ca[512], url[512];
	snprintf(ca, sizeof(ca), "%s/tls/localhost.crt", e2e_env("PASSAGE_TEST_VAR"));
	snprintf(url, sizeof(url), "%s%s", e2e_env("PASSAGE_TEST_URL"), path);
	curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, http_version);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	char *lines = client_cookie_lines(who), *save = NULL;
	for (char *l = strtok_r(lines, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		curl_easy_setopt(c, CURLOPT_COOKIELIST, l);
	free(lines);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_piece);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, d);
	CURLcode rc = curl_easy_perform(c);
	*status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(c);
	return rc;
}

static PGconn *killer;   /* opened before the download, so that the cut follows the first piece closely */
static double cut_t0, cut_first_s, cut_term_s;

/* The database backends running the answers export now (state active): how many, terminated when
 * `terminate`. */
static int exports_running(PGconn *db, bool terminate)
{
	PGresult *r = PQexec(db, terminate ? "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'active'"
	                                     " AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND query LIKE '%" EXPORT_SQL_PART1 "' || '"
	                                     EXPORT_SQL_PART2 "%'"
	                                   : "SELECT true FROM pg_stat_activity WHERE state = 'active'"
	                                     " AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND query LIKE '%" EXPORT_SQL_PART1 "' || '"
	                                     EXPORT_SQL_PART2 "%'");
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
	int n = 0;
	for (int i = 0; i < PQntuples(r); i++)
		n += PQgetvalue(r, i, 0)[0] == 't';
	PQclear(r);
	return n;
}

/* Terminates the backend running the export, once the first piece of the file has come. */
static int terminate_exports(void)
{
	cut_first_s = now_s();
	int n = exports_running(killer, true);
	cut_term_s = now_s();
	return n;
}

static long log_count(const char *needle)
{
	char path[512], cmd[1024];
	snprintf(path, sizeof(path), "%s/log/passage.log", e2e_env("PASSAGE_TEST_VAR"));
	snprintf(cmd, sizeof(cmd), "grep -c -F '%s' '%s'", needle, path);
	FILE *f = popen(cmd, "r");
	cr_assert_not_null(f);
	long n = 0;
	if (fscanf(f, "%ld", &n) != 1)
		n = 0;
	pclose(f);
	return n;
}

static long cohort_id;
static long cohort_rows;

/* One cohort for the file's tests: about 300,000 rows, some 30 MB of CSV. */
static void ensure_cohort(void)
{
	if (cohort_id)
		return;
	cohort_id = big_cohort(200, 150);
	cohort_rows = answer_rows(cohort_id);
	cr_assert_gt(cohort_rows, 100000, "the export must be long enough to stream in many pieces");
}

/* The big cohort goes when its test ends, passed or not: 300,000 answers left in the stack's database
 * would make every later export of all cohorts (and the tests that read one) that much slower. */
static void drop_cohort(void)
{
	if (!cohort_id)
		return;
	char ids[24];
	snprintf(ids, sizeof(ids), "%ld", cohort_id);
	PGconn *db = e2e_db();
	const char *p[] = {ids};
	static const char *const steps[] = {
		"DELETE FROM answers WHERE attempt_id IN (SELECT t.id FROM attempts t JOIN users u ON u.id = t.user_id"
		" WHERE u.cohort_id = $1::bigint)",
		"DELETE FROM attempts WHERE user_id IN (SELECT id FROM users WHERE cohort_id = $1::bigint)",
		"DELETE FROM users WHERE cohort_id = $1::bigint",
		"DELETE FROM cohorts WHERE id = $1::bigint",
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		PGresult *r = PQexecParams(db, steps[i], 1, NULL, p, NULL, NULL, 0);
		cr_expect_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s: %s", steps[i], PQerrorMessage(db));
		PQclear(r);
	}
	PQfinish(db);
	cohort_id = 0;
}

static void cut_short(long http_version, const char *label)
{
	ensure_cohort();
	struct client *admin = e2e_staff("admin", "ADMIN_PASSWORD");
	char path[128];
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", cohort_id);
	long logged = log_count("stream ended early");

	/* The whole file first: what a complete download looks like. */
	struct download full = {0};
	long status;
	double t0 = now_s();
	CURLcode rc = download(admin, path, http_version, "GET", &full, &status, 120000);
	double full_s = now_s() - t0;
	cr_assert_eq(rc, CURLE_OK, "%s: the whole export downloads: %s", label, curl_easy_strerror(rc));
	cr_assert_eq(status, 200);
	cr_assert_gt(full.pieces, 2, "%s: the export came in several pieces", label);
	fprintf(stderr, "%s: whole export %zu bytes in %.2f s\n", label, full.got, full_s);

	/* The same, with the exporting backend terminated once the first piece has come. */
	struct download cut = {.on_first = terminate_exports};
	killer = e2e_db();
	cut_t0 = now_s();
	rc = download(admin, path, http_version, "GET", &cut, &status, 120000);
	fprintf(stderr, "%s: cut export: %zu bytes, curl says %d (%s), first piece after %.3f s, backend terminated after %.3f s\n", label, cut.got, (int)rc, curl_easy_strerror(rc), cut_first_s - cut_t0, cut_term_s - cut_t0);
	PQfinish(killer);
	cr_assert_eq(cut.first_rc, 1, "%s: the backend running the export was found and terminated", label);
	cr_expect_eq(status, 200, "%s: the head had gone out", label);
	cr_expect_neq(rc, CURLE_OK, "%s: curl reports a failed transfer, not a complete file of %zu bytes (of %zu)",
	              label, cut.got, full.got);
	cr_expect_lt(cut.got, full.got, "%s: rows are missing", label);

	/* The server said so in its log, and goes on serving: the next export is whole. */
	for (int i = 0; i < 50 && log_count("stream ended early") <= logged; i++)
		nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
	cr_expect_gt(log_count("stream ended early"), logged, "%s: the failed export is logged", label);
	struct http_res h;
	cr_expect_eq(http_get("/healthz", &h), 0);
	cr_expect_eq(h.status, 200);
	http_res_free(&h);
	struct download again = {0};
	rc = download(admin, path, http_version, "GET", &again, &status, 120000);
	cr_expect_eq(rc, CURLE_OK, "%s: the next export downloads: %s", label, curl_easy_strerror(rc));
	cr_expect_eq(again.got, full.got, "%s: and is whole", label);
	client_free(admin);
}

Test(exports, a_stream_cut_by_the_database_fails_the_download_http1, .timeout = 300, .fini = drop_cohort)
{
	cut_short(CURL_HTTP_VERSION_1_1, "HTTP/1.1");
}

Test(exports, a_stream_cut_by_the_database_fails_the_download_http2, .timeout = 300, .fini = drop_cohort)
{
	cut_short(CURL_HTTP_VERSION_2TLS, "HTTP/2");
}

/* A HEAD answers with the head alone: the export's query never runs. The answers table is locked by a
 * transaction of the test's own, so a query that ran would wait for it in pg_stat_activity (nginx
 * answers a HEAD as soon as the head comes, so the answer's speed alone would not tell). A GET, the
 * control, is seen waiting there. */
Test(exports, head_answers_without_running_the_query, .timeout = 120)
{
	struct client *admin = e2e_staff("admin", "ADMIN_PASSWORD");
	char *slug = e2e_first_slug(), items[256], path[128];
	long demo = e2e_scalar("SELECT min(x.cohort_id) FROM cohort_modules x JOIN modules m ON m.id = x.module_id"
	                       " WHERE m.slug = $1", slug);
	cr_assert_gt(demo, 0);
	snprintf(path, sizeof(path), "/cohorts/%ld/export/answers.csv", demo);
	snprintf(items, sizeof(items), "/cohorts/%ld/modules/%s/items.csv", demo, slug);
	free(slug);
	PGconn *db = e2e_db(), *watch = e2e_db();
	PGresult *r = PQexec(db, "BEGIN; LOCK TABLE answers IN ACCESS EXCLUSIVE MODE");
	cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQerrorMessage(db));
	PQclear(r);

	const char *heads[] = {path, items};
	double head_s = 0;
	long status;
	CURLcode rc;
	for (int i = 0; i < 2; i++) {
		struct download d = {0};
		double t0 = now_s();
		rc = download(admin, heads[i], CURL_HTTP_VERSION_1_1, "HEAD", &d, &status, 5000);
		head_s = now_s() - t0;
		cr_expect_eq(rc, CURLE_OK, "HEAD %s answers: %s after %.2f s", heads[i], curl_easy_strerror(rc), head_s);
		cr_expect_eq(status, 200, "HEAD %s", heads[i]);
		cr_expect_eq(d.got, 0);
	}
	nanosleep(&(struct timespec){0, 500 * 1000 * 1000}, NULL);
	cr_expect_eq(exports_running(watch, false), 0, "the HEAD ran no export query");
	cr_expect_eq(e2e_scalar("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", NULL), 0,
	             "no query of the HEADs waits for the answers table");

	struct download g = {0};
	rc = download(admin, path, CURL_HTTP_VERSION_1_1, "GET", &g, &status, 1500);
	cr_expect_eq(rc, CURLE_OPERATION_TIMEDOUT, "the control: a GET waits for the lock (%s)", curl_easy_strerror(rc));
	cr_expect_geq(exports_running(watch, false), 1, "the control: the GET's query is seen waiting");

	r = PQexec(db, "ROLLBACK");
	PQclear(r);
	PQfinish(db);
	PQfinish(watch);
	fprintf(stderr, "HEAD answered in %.3f s with the export's table locked\n", head_s);
	client_free(admin);
}
