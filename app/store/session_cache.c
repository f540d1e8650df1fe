/* session_cache.c: signed-in sessions remembered by each worker process, so most signed-in requests
 * need no database round trip.
 *
 * Correctness rests on two rules. An entry lives no longer than the moment its session's last_seen_at
 * must be refreshed (a tenth of the idle limit, at most a minute), and never past the absolute limit.
 * And every change that ends sessions (sign-out, disabling, a password change) bumps a revocation
 * counter shared by all the worker processes of this server (shared memory set up by the master)
 * before its response goes out: an entry made under an older count is never used again. Changes made
 * elsewhere (the command line, another server) arrive by PostgreSQL's NOTIFY on 'passage_revoke': each
 * worker keeps one listening connection, and the cache is trusted only while it is connected. Without
 * the shared counter the cache stays off. */
#include "store/accounts.h"

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "store/internal.h"

#define SETS 4096             /* 4 ways each: 16,384 sessions, about 5 MB a process */
#define WAYS 4

/* Only what a signed-in request needs: no password hash. */
struct entry {
	char hash_hex[65];
	uint64_t generation;
	long long valid_until_us;     /* monotonic */
	long long id, cohort_id;
	enum role role;
	char display_name[241];
	char username[41];
};

static _Atomic uint64_t *revocations;   /* shared memory, or NULL: cache off */
static _Atomic bool listening;          /* the NOTIFY listener is connected */
static struct entry *slots;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

void db_cache_attach(_Atomic uint64_t *shared_counter)
{
	slots = calloc(SETS * WAYS, sizeof(*slots));
	revocations = slots ? shared_counter : NULL;
}

static void bump(void)
{
	if (revocations != NULL)
		atomic_fetch_add(revocations, 1);
}

void db_cache_revoke(struct db *db)
{
	bump();
	/* Tell the other processes and servers; delivered when this statement commits. */
	PGresult *r = db_run(db, STMT_REVOKE_NOTIFY, 0, NULL);
	if (!db_ok(r))
		db_log_error("revoke notify", r);
	PQclear(r);
}

/* ---- the listener ---- */

static struct {
	pthread_t tid;
	char *conninfo;
	long retry_ms;
	int wake_fd;
	bool running;
} lis;

static void *listen_main(void *arg)
{
	(void)arg;
	while (true) {
		const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
		const char *const vals[] = {"3", "passage-listener", lis.conninfo, NULL};
		PGconn *c = PQconnectdbParams(keys, vals, 1);
		/* Not in the statement table: LISTEN runs on this thread's own connection (one per process,
		 * kept open to receive notifications), never on a request's, and is a fixed command with no
		 * parameter or row. The channel is the one STMT_REVOKE_NOTIFY notifies. */
		PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, "LISTEN " REVOKE_CHANNEL) : NULL;
		if (r != NULL && PQresultStatus(r) == PGRES_COMMAND_OK) {
			bump();   /* whatever happened while nobody listened: forget it all */
			atomic_store(&listening, true);
		}
		PQclear(r);
		while (atomic_load(&listening)) {
			struct pollfd pf[2] = {{.fd = PQsocket(c), .events = POLLIN}, {.fd = lis.wake_fd, .events = POLLIN}};
			if (poll(pf, 2, -1) < 0)
				continue;
			if (pf[1].revents & POLLIN)
				goto out;
			if (!PQconsumeInput(c) || PQstatus(c) != CONNECTION_OK) {
				atomic_store(&listening, false);
				bump();
				break;
			}
			PGnotify *n;
			while ((n = PQnotifies(c)) != NULL) {
				bump();
				PQfreemem(n);
			}
		}
		PQfinish(c);
		struct pollfd pw = {.fd = lis.wake_fd, .events = POLLIN};
		if (poll(&pw, 1, (int)lis.retry_ms) > 0)
			return NULL;
		continue;
	out:
		atomic_store(&listening, false);
		PQfinish(c);
		return NULL;
	}
}

int db_listener_start(const char *conninfo, long retry_ms, int wake_fd)
{
	if (revocations == NULL)
		return 0;
	lis.conninfo = strdup(conninfo);
	lis.retry_ms = retry_ms;
	lis.wake_fd = wake_fd;
	if (lis.conninfo == NULL || pthread_create(&lis.tid, NULL, listen_main, NULL) != 0)
		return -1;
	lis.running = true;
	return 0;
}

void db_listener_stop(void)
{
	if (lis.running)
		pthread_join(lis.tid, NULL);
	lis.running = false;
}

/* The first entry of the set a hash falls in. The hash is SHA-256 output: its first hex digits are
 * as good as any hash function. */
static unsigned set_of(const char *hex)
{
	unsigned v = 0;
	for (int i = 0; i < 6; i++)
		v = v << 4 | (unsigned)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
	return (v % SETS) * WAYS;
}

static bool cache_get(const char *hex, struct account *out)
{
	if (revocations == NULL || !atomic_load(&listening))
		return false;
	bool hit = false;
	uint64_t gen = atomic_load(revocations);
	long long now = clock_us();
	pthread_mutex_lock(&mu);
	struct entry *e = NULL;
	for (unsigned i = set_of(hex), k = 0; k < WAYS && e == NULL; k++)
		if (strcmp(slots[i + k].hash_hex, hex) == 0)
			e = &slots[i + k];
	if (e != NULL && e->generation == gen && now < e->valid_until_us) {
		memset(out, 0, sizeof(*out));
		out->id = e->id;
		out->cohort_id = e->cohort_id;
		out->role = e->role;
		memcpy(out->display_name, e->display_name, sizeof(e->display_name));
		memcpy(out->username, e->username, sizeof(e->username));
		hit = true;
	}
	pthread_mutex_unlock(&mu);
	return hit;
}

static void cache_put(const char *hex, const struct account *a, uint64_t gen, long long valid_us)
{
	if (revocations == NULL || valid_us <= 0 || !atomic_load(&listening))
		return;
	pthread_mutex_lock(&mu);
	/* The way holding this hash, else the one that expires first (an empty one expires at 0). */
	unsigned first = set_of(hex);
	struct entry *e = &slots[first];
	for (unsigned k = 0; k < WAYS; k++) {
		struct entry *w = &slots[first + k];
		if (strcmp(w->hash_hex, hex) == 0) {
			e = w;
			break;
		}
		if (w->valid_until_us < e->valid_until_us)
			e = w;
	}
	snprintf(e->hash_hex, sizeof(e->hash_hex), "%s", hex);
	e->generation = gen;
	e->valid_until_us = clock_us() + valid_us;
	e->id = a->id;
	e->cohort_id = a->cohort_id;
	e->role = a->role;
	memcpy(e->display_name, a->display_name, sizeof(e->display_name));
	memcpy(e->username, a->username, sizeof(e->username));
	pthread_mutex_unlock(&mu);
}

enum store_rc db_session_load(struct db *db, const char *hash_hex, struct account *out)
{
	if (strlen(hash_hex) != 64)
		return STORE_NONE;
	if (cache_get(hash_hex, out))
		return STORE_OK;
	/* The count is read before the query: a revocation that lands meanwhile keeps this entry out. */
	uint64_t gen = revocations ? atomic_load(revocations) : 0;
	const char *p[1] = {hash_hex};
	PGresult *r = db_run(db, STMT_SESSION_LOAD, 1, p);
	if (!db_ok(r)) {
		db_log_error("session load", r);
		PQclear(r);
		return STORE_FAILED;
	}
	if (PQntuples(r) == 0) {
		PQclear(r);
		return STORE_NONE;
	}
	memset(out, 0, sizeof(*out));
	out->id = atoll(PQgetvalue(r, 0, SESSION_USER_ID));
	if (!role_parse(PQgetvalue(r, 0, SESSION_ROLE), &out->role))
		out->role = ROLE_TRAINEE;
	snprintf(out->display_name, sizeof(out->display_name), "%s", PQgetvalue(r, 0, SESSION_DISPLAY_NAME));
	snprintf(out->username, sizeof(out->username), "%s", PQgetvalue(r, 0, SESSION_USERNAME));
	out->cohort_id = atoll(PQgetvalue(r, 0, SESSION_COHORT_ID));
	snprintf(out->lang, sizeof(out->lang), "%s", PQgetvalue(r, 0, SESSION_LANG));
	double left = atof(PQgetvalue(r, 0, SESSION_SECONDS_LEFT));
	double idle = atof(PQgetvalue(r, 0, SESSION_IDLE_SECONDS));
	double since_seen = atof(PQgetvalue(r, 0, SESSION_SINCE_SEEN));
	PQclear(r);

	double touch_every = idle / 10 < 60 ? idle / 10 : 60;
	if (since_seen >= touch_every) {
		r = db_run(db, STMT_SESSION_TOUCH, 1, p);
		if (!db_ok(r))
			db_log_error("session touch", r);
		PQclear(r);
		since_seen = 0;
	}
	double valid = touch_every - since_seen;
	if (valid > left)
		valid = left;
	cache_put(hash_hex, out, gen, (long long)(valid * 1e6));
	return STORE_OK;
}
