/* worker.c: a worker process: a pool of threads, each accepting FastCGI requests on the shared socket
 * with its own request struct, arena and database connection. The only file that includes fcgiapp.h. */
#include <errno.h>
#include <fcntl.h>
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/metrics.h"
#include "domain/throttle.h"
#include "server/config.h"
#include "server/fcgi_wait.h"
#include "server/server.h"
#include "store/accounts.h"
#include "store/db.h"

#define FD_MAX 65536
/* After SIGTERM, at most how long nginx's open connections are still served (each handed back to nginx
 * after its answer), so that the requests nginx sends on them are answered rather than cut off. */
#define LINGER_MS 1000
#define REPLICA_RETRY_MS 10000

struct worker {
	struct metrics_proc *gauges;            /* this process's slot in the shared metrics */
	int listen_fd;
	int wake_fd;          /* eventfd: readable once the worker is stopping */
	int ep;               /* shared by the threads: listen_fd, wake_fd and parked connections */
	struct config cfg;
	const struct site *site;                /* what is served: given by app/main.c */
	_Atomic unsigned char conn[FD_MAX];     /* CONN_* for each connection descriptor */
	_Atomic bool stopping;                  /* SIGTERM came: nginx is to close each connection after its answer */
	int devnull;                            /* put in place of a connection handed back to nginx */
	bool tcp;                               /* listening on TCP rather than a unix socket */
	_Atomic int parked, busy;               /* connections waiting in the set; threads holding one */
	struct fcgi_wait *waiting;              /* requests still arriving wait there, not on a thread */
};

struct thread_state {
	struct worker *w;
	pthread_t tid;
	FCGX_Request fr;
	struct arena arena;
	struct db *db;
	struct db *replica;   /* NULL unless configured */
	struct buf body, head;
};

/* Parses CONTENT_LENGTH: digits only. Returns -1 when absent or malformed. */
static long long content_length(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	long long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || p - s > 15)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* Reads the body into the arena. Returns 0, or a status: 413 over the limit, 400 when the stream ends
 * early. Over the limit, a bounded amount is drained so the web server can read our answer. */
static int read_body(struct thread_state *t, const char *cl, const char **body, size_t *len)
{
	long long n = content_length(cl);
	*body = "";
	*len = 0;
	if (n < 0)
		return 400;
	if (n == 0)
		return 0;
	if (n > t->w->cfg.max_body) {
		char sink[4096];
		long long left = n < 4 * t->w->cfg.max_body ? n : 4 * t->w->cfg.max_body;
		while (left > 0) {
			int k = FCGX_GetStr(sink, left < (long long)sizeof(sink) ? (int)left : (int)sizeof(sink), t->fr.in);
			if (k <= 0)
				break;
			left -= k;
		}
		return 413;
	}
	char *p = arena_alloc(&t->arena, (size_t)n + 1);
	if (p == NULL)
		return 413;
	long long got = 0;
	while (got < n) {
		int k = FCGX_GetStr(p + got, (int)(n - got), t->fr.in);
		if (k <= 0)
			break;
		got += k;
	}
	if (got != n)
		return 400;
	p[n] = '\0';
	*body = p;
	*len = (size_t)n;
	return 0;
}

static void dispatch(struct thread_state *t, struct req *r)
{
	char **env = t->fr.envp;
	struct req_raw raw = {
		.method = FCGX_GetParam("REQUEST_METHOD", env),
		.request_uri = FCGX_GetParam("REQUEST_URI", env),
		.content_type = FCGX_GetParam("CONTENT_TYPE", env),
		.cookie = FCGX_GetParam("HTTP_COOKIE", env),
		.https = FCGX_GetParam("HTTPS", env),
		.remote_addr = FCGX_GetParam("REMOTE_ADDR", env),
		.origin = FCGX_GetParam("HTTP_ORIGIN", env),
		.host = FCGX_GetParam("HTTP_HOST", env),
		.authorization = FCGX_GetParam("HTTP_AUTHORIZATION", env),
		.if_none_match = FCGX_GetParam("HTTP_IF_NONE_MATCH", env),
		.accept_language = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", env),
	};
	const char *err = NULL;
	int rc = read_body(t, FCGX_GetParam("CONTENT_LENGTH", env), &raw.body, &raw.body_len);
	if (rc == 0)
		rc = http_parse(r, &raw, &err);
	else {
		/* Parse what we can for the log line. */
		struct req_raw head = raw;
		head.body = NULL;
		head.body_len = 0;
		const char *ignored;
		(void)http_parse(r, &head, &ignored);
		err = rc == 413 ? "request body over the limit" : "request body incomplete or malformed length";
	}
	if (rc != 0) {
		http_error(r, rc, err);
		return;
	}
	unsigned allow = 0;
	rc = router_match(r, r->site->routes, r->site->nroutes, &allow);
	if (rc == 405) {
		http_error(r, 405, NULL);
		http_header(r, "Allow: %s%s%s", allow & METHOD_GET ? "GET, HEAD" : "",
		            (allow & METHOD_GET) && (allow & METHOD_POST) ? ", " : "", allow & METHOD_POST ? "POST" : "");
		return;
	}
	if (rc != 0) {
		http_error(r, rc, rc == 400 ? "unknown action" : NULL);
		return;
	}
	const struct route *rt = r->route;
	size_t nfields = 0;
	while (rt->fields != NULL && rt->fields[nfields].name != NULL)
		nfields++;
	if (nfields > 0 && http_fields_validate(r, rt->fields, nfields, &err) != 0 && !(rt->flags & ROUTE_LENIENT)) {
		http_error(r, 400, err);
		return;
	}
	if (rt->flags & ROUTE_DB) {
		enum db_status st = db_ready(r->db);   /* a database that is restarting is waited for, briefly */
		if (st != DB_OK) {
			http_unavailable(r, db_status_text(st));
			return;
		}
	}
	if (r->site->before != NULL && !r->site->before(r))
		return;
	rt->fn(r);
}

/* Where a streamed body goes: straight into the FastCGI stream. */
static int stream_sink(void *io, const char *p, size_t n)
{
	struct thread_state *t = io;
	while (n > 0) {
		int k = n > (1u << 30) ? 1 << 30 : (int)n;
		if (FCGX_PutStr(p, k, t->fr.out) != k)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return FCGX_FFlush(t->fr.out) == 0 ? 0 : -1;
}

/* Serves the request taken; returns true when its streamed response was cut short (the connection is
 * then dropped, not finished). */
static bool serve_one(struct thread_state *t)
{
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &t->arena;
	r.db = t->db;
	r.replica = t->replica;
	r.cfg = &t->w->cfg;
	r.site = t->w->site;
	r.t0_us = clock_us();
	r.resp.status = 200;
	buf_clear(&t->body);
	r.resp.body = t->body;
	r.resp.sink = stream_sink;
	r.resp.io = t;

	dispatch(t, &r);

	size_t route = r.route ? (size_t)(r.route - r.site->routes) : METRICS_ROUTES - 1;
	if (r.resp.streaming) {
		if (!r.resp.stream_failed)
			(void)http_stream_flush(&r, true);
		metrics_request(route, r.resp.status, clock_us() - r.t0_us);
		metrics_add(&metrics_get()->stream_bytes, r.resp.streamed);
		t->body = r.resp.body;
		if (t->w->cfg.access_log)
			log_access(&r, r.resp.streamed, clock_us() - r.t0_us);
		if (t->body.cap > (1u << 20))
			buf_free(&t->body);
		return r.resp.stream_failed;
	}

	if (r.resp.body.failed) {
		buf_clear(&r.resp.body);
		http_error(&r, 500, "response too large or out of memory");
	}
	buf_clear(&t->head);
	http_head_block(&r, &t->head, r.resp.body.len);
	FCGX_PutStr(t->head.p, (int)t->head.len, t->fr.out);
	if (r.method != METHOD_HEAD && r.resp.body.len > 0)
		FCGX_PutStr(r.resp.body.p, (int)r.resp.body.len, t->fr.out);
	t->body = r.resp.body;   /* keep the grown buffer for the next request */
	metrics_request(route, r.resp.status, clock_us() - r.t0_us);
	if (t->w->cfg.access_log && !(r.route && (r.route->flags & ROUTE_NOLOG) && r.resp.status < 400))
		log_access(&r, r.method == METHOD_HEAD ? 0 : r.resp.body.len, clock_us() - r.t0_us);
	/* A very large response should not pin its memory for the thread's life. */
	if (t->body.cap > (1u << 20))
		buf_free(&t->body);
	return false;
}

/* Ends the request on a connection nginx keeps open, so that nginx closes it rather than send another
 * request on it: the closing records (end of stdout, end of request) go out in one write with a record
 * after them, and nginx keeps a connection only when the end-of-request record is the last thing it
 * read. Closing it from this side instead would race with nginx sending the next request on it. Then
 * /dev/null takes the descriptor's place, so libfcgi's own closing records go nowhere. */
static void hand_back(struct thread_state *t)
{
	unsigned char id_hi = (unsigned char)(t->fr.requestId >> 8), id_lo = (unsigned char)t->fr.requestId;
	const unsigned char tail[] = {
		1, 6, id_hi, id_lo, 0, 0, 0, 0,                 /* FCGI_STDOUT, empty: end of stdout */
		1, 3, id_hi, id_lo, 0, 8, 0, 0,                 /* FCGI_END_REQUEST ... */
		0, 0, 0, 0, 0, 0, 0, 0,                         /* ... app status 0, request complete */
		1, 7, id_hi, id_lo, 0, 0, 0, 0,                 /* FCGI_STDERR, empty: the record after */
	};
	int fd = t->fr.ipcFd;
	if (FCGX_FFlush(t->fr.out) == 0 && FCGX_GetError(t->fr.out) == 0) {
		size_t off = 0;
		while (off < sizeof(tail)) {
			ssize_t k = write(fd, tail + off, sizeof(tail) - off);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			off += (size_t)k;
		}
	}
	if (t->w->devnull < 0 || dup2(t->w->devnull, fd) < 0) {
		/* No /dev/null: close it plainly (libfcgi's writes then fail harmlessly). */
		shutdown(fd, SHUT_RDWR);
	}
	t->fr.keepConnection = 0;
}

/* Connection states in w->conn[fd]. */
enum { CONN_NONE = 0, CONN_PARKED, CONN_TAKEN };

/* Drops a connection whose response was cut short, without the end of stdout and the end of request:
 * nginx then reports an upstream error and cuts the client's response too (no last chunk in HTTP/1.1,
 * a reset stream in HTTP/2), where ending the request would have made a complete-looking file. /dev/null
 * takes the descriptor's place, so libfcgi's closing records go nowhere. */
static void drop(struct thread_state *t)
{
	int fd = t->fr.ipcFd;
	if (fd < 0)
		return;
	if (fd < FD_MAX)
		t->w->conn[fd] = CONN_NONE;
	shutdown(fd, SHUT_RDWR);
	if (t->w->devnull >= 0)
		(void)dup2(t->w->devnull, fd);
	t->fr.keepConnection = 0;
}

/* Puts a connection into the worker's shared epoll set, one-shot, so that whichever thread is free
 * takes its next request: new connections, and those nginx keeps open between requests. No thread ever
 * waits on an idle connection. */
static void park(struct worker *w, int fd)
{
	if (fd >= FD_MAX) {
		close(fd);
		return;
	}
	struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = fd};
	int op = w->conn[fd] == CONN_TAKEN ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	w->conn[fd] = CONN_PARKED;
	w->parked++;
	if (epoll_ctl(w->ep, op, fd, &ev) != 0) {
		/* libfcgi may have closed the descriptor and accepted another under the same number. */
		op = op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
		if (epoll_ctl(w->ep, op, fd, &ev) != 0) {
			log_error("worker: epoll_ctl: %s", strerror(errno));
			w->conn[fd] = CONN_NONE;
			w->parked--;
			close(fd);
		}
	}
}

/* A connection back from the waiting room: its request has arrived, or it is to be closed. */
static void conn_back(void *ctx, int fd, bool ready)
{
	struct worker *w = ctx;
	if (ready) {
		park(w, fd);
		return;
	}
	w->conn[fd] = CONN_NONE;   /* before the number can be reused */
	close(fd);
}

/* Takes every pending connection off the listening socket, parks each, then re-arms the socket. The
 * socket is one-shot in the set, so one thread per process accepts at a time and none race for it. */
static void accept_all(struct worker *w)
{
	for (;;) {
		int fd = accept4(w->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK && !(w->stopping && errno == EINVAL))
				log_warn("worker: accept: %s", strerror(errno));
			break;
		}
		if (w->tcp) {
			int one = 1;   /* a response's records go out at once, not held back for more */
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		}
		/* libfcgi's reads block: past the part of a request fcgi_wait looks at, a sender that stops is
		 * given up on rather than waited for forever. */
		struct timeval tv = {FCGI_WAIT_MS / 1000, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		w->conn[fd < FD_MAX ? fd : 0] = CONN_NONE;
		park(w, fd);
	}
	if (w->stopping)
		return;   /* the socket has left the set: nothing to re-arm */
	struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = w->listen_fd};
	if (epoll_ctl(w->ep, EPOLL_CTL_MOD, w->listen_fd, &ev) != 0)
		log_error("worker: epoll_ctl listen: %s", strerror(errno));
}

/* The clean-up on a timer, on a connection of its own. Every worker runs this thread; the one whose
 * connection holds PostgreSQL's advisory lock does the work (another takes over when it goes). */
static void *purge_main(void *arg)
{
	struct worker *w = arg;
	struct db *db = db_new(w->cfg.database, w->cfg.db_retry_ms);
	if (db == NULL)
		return NULL;
	struct pollfd pf = {.fd = w->wake_fd, .events = POLLIN};
	while (poll(&pf, 1, (int)(w->cfg.purge_interval * 1000)) == 0) {
		struct db_purged n;
		if (db_purge(db, THROTTLE_FORGET_S, THROTTLE_KNOWN_FOR, w->cfg.live_keep_days, &n) == 1 && n.sessions + n.throttle + n.participants > 0)
			log_info("purge: %ld expired session(s), %ld throttle row(s), %ld anonymous live phone(s)", n.sessions,
			         n.throttle, n.participants);
	}
	db_free(db);
	return NULL;
}

static void *thread_main(void *arg)
{
	struct thread_state *t = arg;
	struct worker *w = t->w;
	(void)db_ensure(t->db);   /* connect early; a database that is away is retried per request */
	for (;;) {
		/* One event, one piece of work: the listening socket, a request on a parked connection, or the
		 * stop signal (level-triggered, so every thread sees it). */
		struct epoll_event ev;
		int n = epoll_wait(w->ep, &ev, 1, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_error("worker: epoll_wait: %s", strerror(errno));
			break;
		}
		if (n == 0)
			continue;
		int fd = ev.data.fd;
		if (fd == w->wake_fd)
			break;
		if (fd == w->listen_fd) {
			accept_all(w);
			continue;
		}
		/* Take over the parked connection. keepConnection stops libfcgi's own finish step (inside
		 * FCGX_Accept_r) from closing it before it reads the request. When nginx has closed it, libfcgi
		 * closes it too and tries the (non-blocking) listening socket, which returns EAGAIN or brings a
		 * new connection. */
		w->busy++;
		w->conn[fd] = CONN_TAKEN;
		w->parked--;
		if (!fcgi_wait_ready(w->waiting, fd)) {   /* not wholly there yet (or refused): no thread waits on it */
			w->busy--;
			continue;
		}
		t->fr.ipcFd = fd;
		t->fr.keepConnection = 1;
		int rc = FCGX_Accept_r(&t->fr);
		if (rc < 0) {
			if (rc != -EAGAIN && rc != -EWOULDBLOCK && rc != -EINTR && rc != -ECONNABORTED &&
			    !(w->stopping && rc == -EINVAL))
				log_warn("worker: accept: %s", strerror(-rc));
			w->busy--;
			continue;
		}
		if (w->gauges)
			metrics_gauge(&w->gauges->threads_busy, 1);
		bool cut = serve_one(t);
		if (w->gauges)
			metrics_gauge(&w->gauges->threads_busy, -1);
		if (cut) {
			drop(t);
		} else if (w->stopping && t->fr.keepConnection) {
			if (t->fr.ipcFd >= 0 && t->fr.ipcFd < FD_MAX)
				w->conn[t->fr.ipcFd] = CONN_NONE;   /* before the number can be reused */
			hand_back(t);
		}
		FCGX_Finish_r(&t->fr);   /* closes the connection unless nginx asked to keep it */
		arena_reset(&t->arena);
		if (t->fr.ipcFd >= 0) {
			int kept = t->fr.ipcFd;
			t->fr.ipcFd = -1;
			park(w, kept);
		}
		w->busy--;
	}
	return NULL;
}

int worker_main(const struct site *site, int listen_fd, int ready_fd, pid_t master_pid, int shm_fd,
                const char *config_path)
{
	static struct worker w;
	char err[512];
	w.site = site;
	if (config_load(&w.cfg, config_path, err, sizeof(err)) != 0) {
		log_error("worker: %s", err);
		return 2;
	}
	if (site_check(site, err, sizeof(err)) != 0 || site->init(&w.cfg, err, sizeof(err)) != 0) {
		log_error("worker: %s", err);
		return 2;
	}
	/* Die with the master, whatever killed it; if it died before this took effect, the parent is now
	 * someone else. (Not "the parent is PID 1": in a container without init, the master is PID 1.) */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != master_pid)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);   /* threads inherit: no EINTR inside libfcgi */

	if (FCGX_Init() != 0) {
		log_error("worker: FCGX_Init failed");
		return 1;
	}
	w.listen_fd = listen_fd;
	w.devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	w.tcp = getsockname(listen_fd, (struct sockaddr *)&ss, &sl) == 0 && ss.ss_family != AF_UNIX;
	w.wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	w.ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event lev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = listen_fd};
	struct epoll_event wev = {.events = EPOLLIN, .data.fd = w.wake_fd};
	if (w.wake_fd < 0 || w.ep < 0 || epoll_ctl(w.ep, EPOLL_CTL_ADD, listen_fd, &lev) != 0 ||
	    epoll_ctl(w.ep, EPOLL_CTL_ADD, w.wake_fd, &wev) != 0) {
		log_error("worker: epoll: %s", strerror(errno));
		return 1;
	}
	w.waiting = fcgi_wait_start(conn_back, &w);
	if (w.waiting == NULL)
		log_warn("worker: no waiting room: a request that stops half way holds a thread until the read timeout");
	if (shm_fd >= 0) {
		void *shared = mmap(NULL, SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
		close(shm_fd);
		if (shared != MAP_FAILED) {
			db_cache_attach((_Atomic uint64_t *)shared);
			metrics_attach((char *)shared + 4096);
		}
	}
	w.gauges = metrics_proc_claim((int32_t)getpid());
	if (db_listener_start(w.cfg.database, w.cfg.db_retry_ms, w.wake_fd) != 0)
		log_warn("worker: no session listener: the session cache is off");
	size_t n = (size_t)w.cfg.threads;
	struct thread_state *ts = calloc(n, sizeof(*ts));
	if (ts == NULL)
		return 1;
	size_t started = 0;
	for (size_t i = 0; i < n; i++) {
		struct thread_state *t = &ts[i];
		t->w = &w;
		arena_init(&t->arena, HTTP_ARENA_MAX);
		buf_init(&t->body, HTTP_BODY_OUT_MAX);
		buf_init(&t->head, 1 << 16);
		t->db = db_new(w.cfg.database, w.cfg.db_retry_ms);
		if (t->db != NULL)
			db_set_wait(t->db, w.cfg.db_wait_ms);
		/* A replica that is away is tried again every 10 s, not on every request: meanwhile the
		 * dashboards read from the database. */
		t->replica = w.cfg.replica[0] ? db_new(w.cfg.replica, REPLICA_RETRY_MS) : NULL;
		if (t->replica)
			db_set_fallback(t->replica, t->db);
		if (t->db == NULL || (w.cfg.replica[0] && t->replica == NULL) || FCGX_InitRequest(&t->fr, listen_fd, 0) != 0 ||
		    pthread_create(&t->tid, NULL, thread_main, t) != 0) {
			log_error("worker: cannot start thread %zu", i);
			break;
		}
		started++;
	}
	if (started == 0)
		return 1;
	pthread_t purger;
	bool purging = w.cfg.purge_interval > 0 && pthread_create(&purger, NULL, purge_main, &w) == 0;
	if (w.gauges)
		metrics_gauge(&w.gauges->threads_total, (int64_t)started);
	if (ready_fd >= 0) {
		ssize_t k = write(ready_fd, "R", 1);
		(void)k;
		close(ready_fd);
	}
	for (;;) {
		int sig = 0;
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGTERM || sig == SIGINT)
			break;
	}
	/* Stop. Take the connections already queued on the socket (when this is the last server on it, the
	 * master has removed its path, so no more come), then leave the socket alone. For a while, answer
	 * what nginx sends on its open connections, handing each back to nginx to close after its answer;
	 * then each thread finishes the request it holds and returns, and idle connections are closed. */
	long long stop_us = clock_us();
	w.stopping = true;
	accept_all(&w);
	epoll_ctl(w.ep, EPOLL_CTL_DEL, listen_fd, NULL);
	for (long long until = clock_us() + LINGER_MS * 1000LL; clock_us() < until;) {
		if (w.parked == 0 && w.busy == 0 && fcgi_wait_count(w.waiting) == 0)
			break;
		usleep(5000);
	}
	uint64_t one = 1;
	ssize_t k = write(w.wake_fd, &one, sizeof(one));
	(void)k;
	for (size_t i = 0; i < started; i++) {
		pthread_join(ts[i].tid, NULL);
		db_free(ts[i].db);
		if (ts[i].replica)
			db_free(ts[i].replica);
		arena_free(&ts[i].arena);
		buf_free(&ts[i].body);
		buf_free(&ts[i].head);
	}
	free(ts);
	if (purging)
		pthread_join(purger, NULL);
	metrics_proc_release((int32_t)getpid());
	db_listener_stop();
	/* Kept connections still parked: closing them tells nginx, which retries a request it had not yet
	 * sent on a fresh connection (to the new workers, during a reload). */
	int idle = 0;
	for (int fd = 0; fd < FD_MAX; fd++) {
		if (w.conn[fd] == CONN_PARKED) {
			close(fd);
			idle++;
		}
	}
	log_info("worker: stopped after %lld ms; %d idle connection(s) closed", (clock_us() - stop_us) / 1000, idle);
	return 0;
}
