/* test_faults.c: fault injection under load. Trainees submit quizzes and phones answer a live question,
 * over HTTPS through nginx, while PostgreSQL is restarted (fast mode, then immediate mode: a crash), a
 * worker is killed with SIGKILL and the server is reloaded. Every client behaves as a patient person: an
 * answer that got no acknowledgement (a 5xx, or no response) is sent again, the same, until it is
 * acknowledged. Then every acknowledged write is looked up in the database: none lost, none half-written,
 * none doubled. The 5xx answers are counted per fault; through a fast restart at most 1% may be 5xx.
 *
 * PASSAGE_TEST_FAULTS_SECONDS stretches each fault's window (make bench runs it longer);
 * PASSAGE_TEST_FAULTS_REPORT names a file to which the figures are appended as one line per fault. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "e2e/e2e.h"

#define QUIZ_CLIENTS 16
#define LIVE_CLIENTS 8
#define LIVE_CHANGES_MAX 45   /* below the app's 50 changes of one answer */
#define QUIZ_QUESTIONS_MAX 64
#define RESEND_FOR_US 30000000LL   /* an unacknowledged answer is sent again for at most this long at the end */

enum phase { PH_WARM, PH_FAST, PH_IMMEDIATE, PH_KILL, PH_RELOAD, PH__MAX };
static const char *const phase_names[PH__MAX] = {
	"steady load", "PostgreSQL fast restart", "PostgreSQL crash (immediate)", "worker SIGKILL", "reload (SIGHUP)",
};

static _Atomic int phase;
static _Atomic bool stopping;

struct tally {
	long total, s5xx, none, other;
	long last_other;
};

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One request, tallied under the phase it was sent in. Returns the status, 0 for no response. */
static long send_counted(struct client *c, const char *path, const char *body, struct tally *t, long ok)
{
	int ph = phase;
	struct http_res r;
	long s = client_do(c, "POST", path, body, &r) == 0 ? r.status : 0;
	http_res_free(&r);
	t[ph].total++;
	if (s == 0)
		t[ph].none++;
	else if (s >= 500)
		t[ph].s5xx++;
	else if (s != ok) {
		t[ph].other++;
		t[ph].last_other = s;
	}
	return s;
}

/* ---- quiz submissions ---- */

/* A trainee takes turns among the modules' quizzes (an attempt's number stops at 1000). */
#define QUIZ_MODULES 8
struct quiz_module {
	long long id;
	char path[160];
	char tail[1024];    /* "&revision=R&q1=0&q2=0..." */
	int acked;          /* highest attempt answered 303 */
};

struct quiz_client {
	struct client *c;
	char name[64];
	long long user;
	struct quiz_module mods[QUIZ_MODULES];
	int nmods;
	char csrf[256];
	int unacked;        /* an attempt sent and never acknowledged, 0 if none */
	struct tally t[PH__MAX];
	pthread_t tid;
};

static void *quiz_main(void *arg)
{
	struct quiz_client *q = arg;
	long long resend_until = 0;
	char body[1600];
	for (int turn = 0;;) {
		if (stopping && q->unacked == 0)
			break;
		if (stopping && resend_until == 0)
			resend_until = now_us() + RESEND_FOR_US;
		if (resend_until && now_us() > resend_until)
			break;
		struct quiz_module *m = &q->mods[turn % q->nmods];
		int n = m->acked + 1;
		if (n > 1000) {
			turn++;
			continue;
		}
		snprintf(body, sizeof(body), "csrf=%s&attempt=%d%s", q->csrf, n, m->tail);
		long s = send_counted(q->c, m->path, body, q->t, 303);
		if (s == 303) {
			m->acked = n;
			q->unacked = 0;
			turn++;
		} else {
			q->unacked = n;   /* sent again, the same, as a person told "please send them again" would */
			usleep(100000);
		}
	}
	return NULL;
}

static void quiz_module_setup(struct quiz_client *q, struct quiz_module *m, const char *slug)
{
	m->id = e2e_scalar("SELECT id FROM modules WHERE slug = $1", slug);
	snprintf(m->path, sizeof(m->path), "/modules/%s/quiz", slug);
	struct http_res r;
	cr_assert_eq(e2e_get(q->c, m->path, &r), 200);
	char *csrf = html_input_value(r.body, "csrf"), *rev = html_input_value(r.body, "revision");
	cr_assert(csrf && rev, "the quiz form has a token and a revision");
	snprintf(q->csrf, sizeof(q->csrf), "%s", csrf);
	snprintf(m->tail, sizeof(m->tail), "&revision=%s", rev);
	PGconn *db = e2e_db();
	const char *p[1] = {rev};
	PGresult *res = PQexecParams(db, "SELECT position FROM questions WHERE revision_id = $1 AND set = 'quiz' ORDER BY position",
	                             1, NULL, p, NULL, NULL, 0);
	cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	cr_assert_gt(PQntuples(res), 0);
	for (int k = 0; k < PQntuples(res); k++) {
		char f[32];
		snprintf(f, sizeof(f), "&q%s=0", PQgetvalue(res, k, 0));   /* the first option shown: an answer */
		strncat(m->tail, f, sizeof(m->tail) - strlen(m->tail) - 1);
	}
	PQclear(res);
	PQfinish(db);
	free(csrf);
	free(rev);
	http_res_free(&r);
}

static void quiz_setup(struct quiz_client *q, int i, char **slugs, int nslugs)
{
	q->c = client_new();
	snprintf(q->name, sizeof(q->name), "Fault%dQ%d", (int)getpid(), i);
	free(e2e_join(q->c, q->name));
	q->user = e2e_scalar("SELECT max(id) FROM users WHERE display_name = $1", q->name);
	cr_assert_gt(q->user, 0);
	q->nmods = nslugs;
	for (int k = 0; k < nslugs; k++)
		quiz_module_setup(q, &q->mods[k], slugs[k]);
}

/* The slugs of up to `max` modules that have a quiz (caller frees each). */
static int quiz_slugs(char **out, int max)
{
	PGconn *db = e2e_db();
	PGresult *res = PQexec(db, "SELECT m.slug FROM modules m WHERE EXISTS (SELECT 1 FROM questions q"
	                           " WHERE q.revision_id = m.current_revision AND q.set = 'quiz') ORDER BY m.position");
	cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
	int n = 0;
	for (; n < PQntuples(res) && n < max; n++)
		out[n] = strdup(PQgetvalue(res, n, 0));
	PQclear(res);
	PQfinish(db);
	cr_assert_gt(n, 0, "no module with a quiz");
	return n;
}

/* ---- live answers ---- */

struct phone {
	struct client *c;
	char name[64];
	char csrf[256];
	int sent;           /* the choice last sent */
	int acked;          /* the choice last acknowledged, -1 before the first */
	int changes;        /* what the server's change counter should say */
	bool pending;       /* `sent` not acknowledged yet */
};

struct live_client {
	struct phone *phones;
	int nphones;
	const char *path;
	long long question;
	struct tally t[PH__MAX];
	pthread_t tid;
};

static void *live_main(void *arg)
{
	struct live_client *l = arg;
	char body[512];
	long long resend_until = 0;
	for (int turn = 0;; turn++) {
		struct phone *p = &l->phones[turn % l->nphones];
		bool any_pending = false;
		for (int i = 0; i < l->nphones; i++)
			any_pending = any_pending || l->phones[i].pending;
		if (stopping && !any_pending)
			break;
		if (stopping && resend_until == 0)
			resend_until = now_us() + RESEND_FOR_US;
		if (resend_until && now_us() > resend_until)
			break;
		if (stopping && !p->pending)
			continue;
		if (!p->pending) {
			if (p->changes >= LIVE_CHANGES_MAX) {
				usleep(20000);
				continue;
			}
			p->sent = (p->acked + 1) % 3;   /* always a change: 0, 1, 2, 0, ... */
		}
		snprintf(body, sizeof(body), "csrf=%s&action=answer&q=%lld&choice=%d", p->csrf, l->question, p->sent);
		long s = send_counted(p->c, l->path, body, l->t, 303);
		if (s == 303) {
			if (p->acked >= 0 && p->acked != p->sent)
				p->changes++;
			p->acked = p->sent;
			p->pending = false;
		} else {
			p->pending = true;
			usleep(100000);
		}
	}
	return NULL;
}

static struct client *facilitator(void)
{
	struct client *c = client_new();
	char *pw = e2e_cred("FACILITATOR_PASSWORD");
	e2e_sign_in(c, "facilitator", pw, 303);
	free(pw);
	return c;
}

/* A running live workshop for the demo cohort with one open quiz question; returns its id. */
static long live_setup(char *code, size_t codelen, long long *question)
{
	struct client *f = facilitator();
	long cohort = e2e_scalar("SELECT id FROM cohorts WHERE name = 'Demo cohort'", NULL);
	char fields[256];
	snprintf(fields, sizeof(fields), "title=Faults%d&module=&cohort=%ld", (int)getpid(), cohort);
	struct http_res r;
	cr_assert_eq(e2e_post(f, "/workshops", "/workshops", fields, &r), 303);
	char *loc = http_res_header(&r, "location");
	long id = 0;
	cr_assert(loc && sscanf(loc, "/workshops/%ld", &id) == 1);
	free(loc);
	http_res_free(&r);
	char path[128];
	snprintf(path, sizeof(path), "/workshops/%ld", id);
	cr_assert_eq(e2e_post(f, path, path, "action=add&kind=quiz&prompt=Pick+one&options=A%0AB%0AC&correct=1", NULL), 303);
	snprintf(path, sizeof(path), "/workshops/%ld/console", id);
	cr_assert_eq(e2e_post(f, path, path, "action=start", NULL), 303);
	cr_assert_eq(e2e_post(f, path, path, "action=next", NULL), 303);
	client_free(f);
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT id FROM live_questions WHERE workshop_id = %ld ORDER BY position LIMIT 1", id);
	*question = e2e_scalar(sql, NULL);
	cr_assert_gt(*question, 0);
	PGconn *db = e2e_db();
	snprintf(sql, sizeof(sql), "SELECT code FROM workshops WHERE id = %ld", id);
	PGresult *res = PQexec(db, sql);
	cr_assert_eq(PQntuples(res), 1);
	snprintf(code, codelen, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(db);
	return id;
}

static void phone_setup(struct phone *p, const char *code, const char *path, int i)
{
	p->c = client_new();
	p->acked = -1;
	snprintf(p->name, sizeof(p->name), "Fault%dP%d", (int)getpid(), i);
	char fields[160];
	snprintf(fields, sizeof(fields), "code=%s&name=%s", code, p->name);
	cr_assert_eq(e2e_post(p->c, "/live", "/live", fields, NULL), 303, "phone %d joins", i);
	struct http_res r;
	cr_assert_eq(e2e_get(p->c, path, &r), 200);
	char *csrf = html_input_value(r.body, "csrf");
	cr_assert_not_null(csrf, "the live page has a form");
	snprintf(p->csrf, sizeof(p->csrf), "%s", csrf);
	free(csrf);
	http_res_free(&r);
}

/* ---- the faults ---- */

static double stretch(void)
{
	const char *s = getenv("PASSAGE_TEST_FAULTS_SECONDS");
	double v = s ? atof(s) : 0;
	return v > 0 ? v : 3;   /* seconds of load after each fault */
}

static void run_for(double seconds)
{
	usleep((useconds_t)(seconds * 1e6));
}

static bool ready(void)
{
	for (int i = 0; i < 200; i++) {
		struct http_res r;
		long s = http_get("/readyz", &r) == 0 ? r.status : 0;
		http_res_free(&r);
		if (s == 200)
			return true;
		usleep(50000);
	}
	return false;
}

Test(faults, acknowledged_writes_survive_restarts_kills_and_reloads, .timeout = 300)
{
	cr_assert(ready());
	char *slugs[QUIZ_MODULES];
	int nslugs = quiz_slugs(slugs, QUIZ_MODULES);
	int nphones = LIVE_CLIENTS * (12 + (int)(stretch() * 2));   /* each phone changes its answer at most 45 times */
	static struct quiz_client quiz[QUIZ_CLIENTS];
	static struct live_client live[LIVE_CLIENTS];
	struct phone *phones = calloc((size_t)nphones, sizeof(*phones));
	char code[32], path[64];
	long long question;
	long workshop = live_setup(code, sizeof(code), &question);
	snprintf(path, sizeof(path), "/live/%s", code);
	for (int i = 0; i < QUIZ_CLIENTS; i++)
		quiz_setup(&quiz[i], i, slugs, nslugs);
	for (int i = 0; i < nphones; i++)
		phone_setup(&phones[i], code, path, i);

	phase = PH_WARM;
	stopping = false;
	for (int i = 0; i < QUIZ_CLIENTS; i++)
		cr_assert_eq(pthread_create(&quiz[i].tid, NULL, quiz_main, &quiz[i]), 0);
	int per = nphones / LIVE_CLIENTS;
	for (int i = 0; i < LIVE_CLIENTS; i++) {
		live[i] = (struct live_client){.phones = phones + i * per, .nphones = per, .path = path, .question = question};
		cr_assert_eq(pthread_create(&live[i].tid, NULL, live_main, &live[i]), 0);
	}
	double after = stretch();
	run_for(2);

	phase = PH_FAST;
	cr_expect_eq(stack_cmd("pg-stop"), 0);
	cr_expect_eq(stack_cmd("pg-start"), 0);
	run_for(after);

	phase = PH_IMMEDIATE;
	cr_expect_eq(stack_cmd("pg-crash"), 0);
	cr_expect_eq(stack_cmd("pg-start"), 0);
	run_for(after);

	phase = PH_KILL;
	pid_t w[64];
	cr_assert_geq(stack_worker_pids(w, 64), 1);
	cr_expect_eq(kill(w[0], SIGKILL), 0);
	run_for(after);

	phase = PH_RELOAD;
	cr_expect_eq(kill(stack_master_pid(), SIGHUP), 0);
	run_for(after);

	stopping = true;
	for (int i = 0; i < QUIZ_CLIENTS; i++)
		pthread_join(quiz[i].tid, NULL);
	for (int i = 0; i < LIVE_CLIENTS; i++)
		pthread_join(live[i].tid, NULL);
	cr_assert(ready(), "the stack came back");

	/* Every acknowledged write, in the database. */
	long lost = 0, partial = 0, doubled = 0, unacked = 0, quiz_acked = 0, live_acked = 0;
	PGconn *db = e2e_db();
	for (int i = 0; i < QUIZ_CLIENTS; i++) {
		struct quiz_client *q = &quiz[i];
		unacked += q->unacked != 0;
		for (int k = 0; k < q->nmods; k++) {
			struct quiz_module *qm = &q->mods[k];
			quiz_acked += qm->acked;
			char uid[24], mid[24];
			snprintf(uid, sizeof(uid), "%lld", q->user);
			snprintf(mid, sizeof(mid), "%lld", qm->id);
			const char *p[2] = {uid, mid};
			PGresult *res = PQexecParams(db,
			                             "SELECT t.number, count(DISTINCT t.id), min(t.total), count(a.attempt_id),"
			                             " count(DISTINCT a.question_id)"
			                             " FROM attempts t LEFT JOIN answers a ON a.attempt_id = t.id"
			                             " WHERE t.user_id = $1 AND t.module_id = $2 AND t.set = 'quiz'"
			                             " GROUP BY t.number ORDER BY t.number",
			                             2, NULL, p, NULL, NULL, 0);
			cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
			int expect = 1;
			for (int row = 0; row < PQntuples(res); row++) {
				int number = atoi(PQgetvalue(res, row, 0));
				long copies = atol(PQgetvalue(res, row, 1)), total = atol(PQgetvalue(res, row, 2));
				long rows = atol(PQgetvalue(res, row, 3)), distinct = atol(PQgetvalue(res, row, 4));
				while (expect < number && expect <= qm->acked) {
					lost++;
					expect++;
				}
				expect = number + 1;
				if (number > qm->acked + 1)
					doubled++;   /* an attempt nobody sent */
				if (copies > 1 || rows != copies * total || distinct != total)
					(copies > 1 ? doubled++ : partial++);
			}
			while (expect <= qm->acked) {
				lost++;
				expect++;
			}
			PQclear(res);
		}
	}
	for (int i = 0; i < nphones; i++) {
		struct phone *ph = &phones[i];
		unacked += ph->pending;
		live_acked += ph->acked >= 0 ? ph->changes + 1 : 0;
		char wid[24];
		snprintf(wid, sizeof(wid), "%ld", workshop);
		const char *p[2] = {wid, ph->name};
		PGresult *res = PQexecParams(db,
		                             "SELECT a.choice, a.changes FROM live_participants p"
		                             " LEFT JOIN live_answers a ON a.participant_id = p.id"
		                             " WHERE p.workshop_id = $1 AND p.name = $2",
		                             2, NULL, p, NULL, NULL, 0);
		cr_assert_eq(PQresultStatus(res), PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
		cr_assert_eq(PQntuples(res), 1, "phone %s has one place", ph->name);
		if (ph->acked < 0) {
			PQclear(res);
			continue;
		}
		if (PQgetisnull(res, 0, 0) || atoi(PQgetvalue(res, 0, 0)) != ph->acked)
			lost++;
		else if (atoi(PQgetvalue(res, 0, 1)) > ph->changes)
			doubled++;   /* an answer sent again was counted as a change */
		else if (atoi(PQgetvalue(res, 0, 1)) < ph->changes)
			lost++;
		PQclear(res);
	}
	PQfinish(db);

	struct tally sum[PH__MAX] = {0};
	for (int ph = 0; ph < PH__MAX; ph++) {
		for (int i = 0; i < QUIZ_CLIENTS; i++) {
			sum[ph].total += quiz[i].t[ph].total;
			sum[ph].s5xx += quiz[i].t[ph].s5xx;
			sum[ph].none += quiz[i].t[ph].none;
			sum[ph].other += quiz[i].t[ph].other;
			if (quiz[i].t[ph].other)
				sum[ph].last_other = quiz[i].t[ph].last_other;
		}
		for (int i = 0; i < LIVE_CLIENTS; i++) {
			sum[ph].total += live[i].t[ph].total;
			sum[ph].s5xx += live[i].t[ph].s5xx;
			sum[ph].none += live[i].t[ph].none;
			sum[ph].other += live[i].t[ph].other;
			if (live[i].t[ph].other)
				sum[ph].last_other = live[i].t[ph].last_other;
		}
	}
	const char *rp = getenv("PASSAGE_TEST_FAULTS_REPORT");
	FILE *report = rp ? fopen(rp, "a") : NULL;
	for (int ph = 0; ph < PH__MAX; ph++) {
		double pct = sum[ph].total ? 100.0 * (double)(sum[ph].s5xx + sum[ph].none) / (double)sum[ph].total : 0;
		cr_log_info("faults: %-30s %6ld requests, %4ld 5xx, %3ld without answer (%.2f%%), %ld other", phase_names[ph],
		            sum[ph].total, sum[ph].s5xx, sum[ph].none, pct, sum[ph].other);
		fprintf(stderr, "faults: %-30s %6ld requests, %4ld 5xx, %3ld without answer (%.2f%%), %ld other\n",
		        phase_names[ph], sum[ph].total, sum[ph].s5xx, sum[ph].none, pct, sum[ph].other);
		if (report)
			fprintf(report, "phase|%s|%.1f|%ld|%ld|%ld|%.2f\n", phase_names[ph], ph == PH_WARM ? 2.0 : after,
			        sum[ph].total, sum[ph].s5xx, sum[ph].none, pct);
	}
	fprintf(stderr, "faults: %ld quiz attempts and %ld live answers acknowledged; lost %ld, partial %ld, doubled %ld, "
	        "never acknowledged %ld\n", quiz_acked, live_acked, lost, partial, doubled, unacked);
	if (report) {
		fprintf(report, "writes|%ld|%ld|%ld|%ld|%ld|%ld\n", quiz_acked, live_acked, lost, partial, doubled, unacked);
		fclose(report);
	}

	cr_expect_eq(lost, 0, "%ld acknowledged writes lost", lost);
	cr_expect_eq(partial, 0, "%ld attempts half-written", partial);
	cr_expect_eq(doubled, 0, "%ld writes doubled", doubled);
	cr_expect_eq(unacked, 0, "%ld answers were never acknowledged, however often sent", unacked);
	cr_expect_gt(quiz_acked, 50, "too little load to mean anything: %ld attempts", quiz_acked);
	cr_expect_gt(live_acked, 50, "too little load to mean anything: %ld live answers", live_acked);
	for (int ph = 0; ph < PH__MAX; ph++)
		cr_expect_eq(sum[ph].other, 0, "%s: %ld answers neither acknowledged nor 5xx (last %ld)", phase_names[ph],
		             sum[ph].other, sum[ph].last_other);
	long bad = sum[PH_FAST].s5xx + sum[PH_FAST].none;
	cr_expect_leq(bad * 100, sum[PH_FAST].total, "a fast restart of PostgreSQL: %ld of %ld requests 5xx or unanswered",
	              bad, sum[PH_FAST].total);
	cr_expect_gt(sum[PH_FAST].total, 100, "too few requests through the fast restart: %ld", sum[PH_FAST].total);
	for (int i = 0; i < QUIZ_CLIENTS; i++)
		client_free(quiz[i].c);
	for (int i = 0; i < nphones; i++)
		client_free(phones[i].c);
	free(phones);
	for (int k = 0; k < nslugs; k++)
		free(slugs[k]);
}

/* An answer sent again (a phone that got no acknowledgement, or a double tap) is the same answer: it must
 * not count as a change, or a room's resent answers would spend the changes a phone is allowed. */
Test(faults, a_live_answer_sent_again_is_not_a_change, .timeout = 60)
{
	char code[32], path[64], body[512];
	long long question;
	long workshop = live_setup(code, sizeof(code), &question);
	snprintf(path, sizeof(path), "/live/%s", code);
	struct phone p = {0};
	phone_setup(&p, code, path, 999);
	struct tally t[PH__MAX] = {0};
	for (int i = 0; i < 3; i++) {
		snprintf(body, sizeof(body), "csrf=%s&action=answer&q=%lld&choice=1", p.csrf, question);
		cr_expect_eq(send_counted(p.c, path, body, t, 303), 303);
	}
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT a.changes FROM live_answers a JOIN live_participants p ON p.id = a.participant_id"
	                           " WHERE p.workshop_id = %ld AND p.name = $1", workshop);
	cr_expect_eq(e2e_scalar(sql, p.name), 0, "the same answer three times is one answer, unchanged");
	snprintf(body, sizeof(body), "csrf=%s&action=answer&q=%lld&choice=2", p.csrf, question);
	cr_expect_eq(send_counted(p.c, path, body, t, 303), 303);
	cr_expect_eq(e2e_scalar(sql, p.name), 1, "a different answer is a change");
	client_free(p.c);
}

/* ---- the server's own processes ---- */

static char *own_get(const char *sock, const char *path)
{
	const char *p[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", path, "HTTPS", "on", "REMOTE_ADDR", "127.0.0.1",
	                   "HTTP_HOST", "localhost", NULL};
	return fcgi_request(sock, p, "", 0, 0, NULL, NULL);
}

static long gauge(const char *metrics, const char *name)
{
	char pat[96];
	snprintf(pat, sizeof(pat), "\n%s ", name);
	const char *at = metrics ? strstr(metrics, pat) : NULL;
	return at ? atol(at + strlen(pat)) : -1;
}

static int children(pid_t parent, pid_t *out, int max)
{
	char path[128];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)parent, (int)parent);
	FILE *f = fopen(path, "r");
	int n = 0, pid;
	while (f && n < max && fscanf(f, "%d", &pid) == 1)
		out[n++] = pid;
	if (f)
		fclose(f);
	return n;
}

/* A request stuck in its handler: it holds a worker thread for as long as the test holds the sessions
 * table locked, since looking up its session cookie waits for the lock. (A request whose body never
 * comes would not do: it waits in the worker's waiting room, fcgi_wait.c, on no thread.) Returns the pid
 * of the client sending it; *lock is the connection holding the lock (PQfinish releases it). */
static pid_t hung_request(const char *sock, PGconn **lock)
{
	*lock = e2e_db();
	PGresult *r = PQexec(*lock, "BEGIN; LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");
	cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQerrorMessage(*lock));
	PQclear(r);
	pid_t pid = fork();
	if (pid == 0) {
		const char *params[] = {"REQUEST_METHOD", "GET", "REQUEST_URI", "/", "HTTPS", "on", "HTTP_COOKIE",
		                        "__Host-passage=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL};
		free(fcgi_request(sock, params, NULL, 0, 0, NULL, NULL));
		_exit(0);
	}
	usleep(300000);
	return pid;
}

Test(faults, thread_gauges_come_back_after_a_worker_is_killed_mid_request, .timeout = 60)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "1", NULL};
	struct own_server o;
	own_server_start(&o, "gauges", env);
	PGconn *lock;
	pid_t client = hung_request(o.sock, &lock);
	char *m = own_get(o.sock, "/metrics");
	cr_assert_not_null(m);
	cr_expect_eq(gauge(m, "passage_threads"), 2, "%s", m);
	cr_expect_eq(gauge(m, "passage_threads_busy"), 2, "the hung request and this scrape");
	free(m);
	pid_t w[8];
	cr_assert_eq(children(o.pid, w, 8), 1);
	cr_assert_eq(kill(w[0], SIGKILL), 0);
	pid_t after[8];
	int n = 0;
	for (int i = 0; i < 60 && (n != 1 || after[0] == w[0]); i++) {
		usleep(100000);
		n = children(o.pid, after, 8);
	}
	cr_assert(n == 1 && after[0] != w[0], "the worker was replaced");
	usleep(300000);
	m = own_get(o.sock, "/metrics");
	cr_assert_not_null(m);
	cr_expect_eq(gauge(m, "passage_threads"), 2, "threads after the crash: %ld", gauge(m, "passage_threads"));
	cr_expect_eq(gauge(m, "passage_threads_busy"), 1, "busy after the crash (only this scrape): %ld",
	             gauge(m, "passage_threads_busy"));
	free(m);
	PQfinish(lock);
	kill(client, SIGKILL);
	waitpid(client, NULL, 0);
	own_server_stop(&o);
}

Test(faults, a_reload_kills_an_old_worker_stuck_in_a_request, .timeout = 60)
{
	static const char *const env[] = {"PASSAGE_WORKERS", "1", "PASSAGE_RELOAD_GRACE", "2", NULL};
	struct own_server o;
	own_server_start(&o, "grace", env);
	pid_t w[8];
	cr_assert_eq(children(o.pid, w, 8), 1);
	PGconn *lock;
	pid_t client = hung_request(o.sock, &lock);
	cr_assert_eq(kill(o.pid, SIGHUP), 0);
	bool gone = false;
	for (int i = 0; i < 80 && !gone; i++) {   /* the grace (2 s), and some */
		usleep(100000);
		gone = kill(w[0], 0) != 0;
	}
	cr_expect(gone, "the old worker %d is still there 8 s after the reload", (int)w[0]);
	char *r = own_get(o.sock, "/healthz");
	cr_expect(r && strncmp(r, "Status: 200", 11) == 0, "the new worker answers");
	free(r);
	PQfinish(lock);
	kill(client, SIGKILL);
	waitpid(client, NULL, 0);
	own_server_stop(&o);
}

/* In a container without init the master is PID 1: its workers must not take that for a dead master. */
Test(faults, workers_serve_when_the_master_is_pid_1, .timeout = 60)
{
	if (system("unshare --pid --fork true >/dev/null 2>&1") != 0)
		cr_skip_test("unshare --pid is not allowed here");
	char sock[256], log[256], key[512], db[1024];
	snprintf(sock, sizeof(sock), "%s/run/pid1-%d.sock", e2e_env("PASSAGE_TEST_VAR"), (int)getpid());
	snprintf(log, sizeof(log), "%s/log/pid1-%d.log", e2e_env("PASSAGE_TEST_VAR"), (int)getpid());
	snprintf(key, sizeof(key), "%s/etc/secret.key", e2e_env("PASSAGE_TEST_VAR"));
	snprintf(db, sizeof(db), "%s dbname=passage", e2e_env("PASSAGE_TEST_DB"));
	const char *bin = e2e_env("PASSAGE_TEST_BIN");
	pid_t pid = fork();
	if (pid == 0) {
		setenv("PASSAGE_LISTEN", sock, 1);
		setenv("PASSAGE_DATABASE", db, 1);
		setenv("PASSAGE_SECRET_KEY_FILE", key, 1);
		setenv("PASSAGE_THREADS", "2", 1);
		setenv("PASSAGE_WORKERS", "1", 1);
		unsetenv("PASSAGE_CONFIG");
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		execlp("unshare", "unshare", "--pid", "--fork", "--kill-child", bin, "serve", (char *)NULL);
		_exit(127);
	}
	char *r = NULL;
	for (int i = 0; i < 50 && !(r && strncmp(r, "Status: 200", 11) == 0); i++) {
		free(r);
		usleep(100000);
		r = access(sock, F_OK) == 0 ? own_get(sock, "/healthz") : NULL;
	}
	cr_expect(r && strncmp(r, "Status: 200", 11) == 0, "no answer from a server whose master is PID 1 (see %s)", log);
	free(r);
	kill(pid, SIGKILL);   /* unshare ignores SIGTERM while it waits; --kill-child takes the namespace down */
	waitpid(pid, NULL, 0);
	unlink(sock);
}

static long sql_count(PGconn *db, const char *sql)
{
	PGresult *r = PQexec(db, sql);
	cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(db));
	long n = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}

static void sql_do(PGconn *db, const char *sql)
{
	PGresult *r = PQexec(db, sql);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
	          PQerrorMessage(db));
	PQclear(r);
}

Test(faults, the_timer_purges_expired_sessions_old_throttle_rows_and_idle_phones, .timeout = 60)
{
	PGconn *db = e2e_db();
	long owner = e2e_scalar("SELECT id FROM users WHERE username = 'facilitator'", NULL);
	char sql[1024];
	/* An expired session, an idle one, a live one. */
	snprintf(sql, sizeof(sql),
	         "INSERT INTO sessions (token_hash, user_id, expires_at, idle_seconds, last_seen_at) VALUES"
	         " (sha256('purge-expired'), %ld, now() - interval '1 hour', 600, now() - interval '2 hours'),"
	         " (sha256('purge-idle'), %ld, now() + interval '1 day', 60, now() - interval '1 hour'),"
	         " (sha256('purge-live'), %ld, now() + interval '1 day', 600, now())", owner, owner, owner);
	sql_do(db, sql);
	sql_do(db, "INSERT INTO throttle (key, failures, window_start, last_failure, locked_until) VALUES"
	           " ('purge:old', 3, extract(epoch FROM now())::bigint - 200000, extract(epoch FROM now())::bigint - 190000, 0),"
	           " ('purge:locked', 30, extract(epoch FROM now())::bigint - 200000, extract(epoch FROM now())::bigint - 190000,"
	           "   extract(epoch FROM now())::bigint + 600),"
	           " ('purge:recent', 3, extract(epoch FROM now())::bigint - 60, extract(epoch FROM now())::bigint - 30, 0),"
	           " ('signin:known:purge.a:10.9.9.9', 0, extract(epoch FROM now())::bigint - 200000,"
	           "   extract(epoch FROM now())::bigint - 200000, 0),"
	           " ('signin:known:purge.b:10.9.9.9', 0, extract(epoch FROM now())::bigint - 40 * 86400,"
	           "   extract(epoch FROM now())::bigint - 40 * 86400, 0)");
	/* A live workshop that ended 40 days ago, one that ended yesterday; phones that answered and did not. */
	snprintf(sql, sizeof(sql),
	         "INSERT INTO workshops (code, title, owner_id, state, ended_at) VALUES"
	         " ('PURGE1', 'Old', %ld, 'ended', now() - interval '40 days'), ('PURGE2', 'New', %ld, 'ended', now() - interval '1 day')",
	         owner, owner);
	sql_do(db, sql);
	sql_do(db, "INSERT INTO live_questions (workshop_id, position, kind, prompt)"
	           " SELECT id, 1, 'poll', 'Which?' FROM workshops WHERE code = 'PURGE1'");
	sql_do(db, "INSERT INTO live_participants (workshop_id, token_hash, name) SELECT s.id, sha256(convert_to(s.code || x, 'UTF8')), NULL"
	           " FROM workshops s, (VALUES ('idle'), ('answered')) AS v (x) WHERE s.code IN ('PURGE1', 'PURGE2')");
	sql_do(db, "INSERT INTO live_answers (question_id, participant_id, choice, status)"
	           " SELECT q.id, p.id, 0, 'shown' FROM live_questions q JOIN workshops s ON s.id = q.workshop_id"
	           " JOIN live_participants p ON p.workshop_id = s.id AND p.token_hash = sha256(convert_to('PURGE1answered', 'UTF8'))"
	           " WHERE s.code = 'PURGE1'");

	static const char *const env[] = {"PASSAGE_WORKERS", "2", "PASSAGE_PURGE_INTERVAL", "1", NULL};
	struct own_server o;
	own_server_start(&o, "purge", env);
	for (int i = 0; i < 60 && sql_count(db, "SELECT count(*) FROM sessions WHERE token_hash = sha256('purge-expired')") > 0; i++)
		usleep(100000);
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM sessions WHERE token_hash = sha256('purge-expired')"), 0, "expired session");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM sessions WHERE token_hash = sha256('purge-idle')"), 0, "idle session");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM sessions WHERE token_hash = sha256('purge-live')"), 1, "a current sign-in session kept");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM throttle WHERE key = 'purge:old'"), 0, "old throttle row");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM throttle WHERE key = 'purge:locked'"), 1, "a lock still running is kept");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM throttle WHERE key = 'purge:recent'"), 1, "a recent window is kept");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM throttle WHERE key = 'signin:known:purge.a:10.9.9.9'"), 1,
	             "an address an account signed in from two days ago is still known");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM throttle WHERE key = 'signin:known:purge.b:10.9.9.9'"), 0,
	             "after 30 days it is forgotten");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM live_participants p JOIN workshops s ON s.id = p.workshop_id"
	                           " WHERE s.code = 'PURGE1'"), 1, "of the old workshop, only the phone that answered is kept");
	cr_expect_eq(sql_count(db, "SELECT count(*) FROM live_participants p JOIN workshops s ON s.id = p.workshop_id"
	                           " WHERE s.code = 'PURGE2'"), 2, "a recent workshop keeps every phone");
	own_server_stop(&o);
	sql_do(db, "DELETE FROM sessions WHERE token_hash = sha256('purge-live')");
	sql_do(db, "DELETE FROM throttle WHERE key LIKE 'purge:%' OR key LIKE 'signin:known:purge.%'");
	sql_do(db, "DELETE FROM workshops WHERE code IN ('PURGE1', 'PURGE2')");
	PQfinish(db);
}
