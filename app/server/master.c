/* master.c: the master process. Opens the socket, starts the worker processes (each a fresh exec of
 * the binary on disk), restarts any that die, replaces them one by one on SIGHUP, and stops them all
 * on SIGTERM or SIGINT within five seconds, answering first what already reached it. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/metrics.h"
#include "server/config.h"
#include "server/server.h"

#define MAX_WORKERS 64
#define STOP_GRACE_US 4500000LL     /* SIGKILL what is left after this */
#define READY_TIMEOUT_MS 10000

struct slot {
	pid_t pid;
	long long started_us;
	long long restart_at_us;    /* 0: running or not wanted */
};

static struct {
	struct config cfg;
	const char *config_path;
	char exe[PATH_MAX];
	int listen_fd;
	int shm_fd;            /* shared memory the workers share (the session-revocation counter) */
	bool created_socket;
	bool tcp;              /* a TCP socket of our own */
	struct slot slots[MAX_WORKERS];
	long nslots;
	pid_t retiring[MAX_WORKERS * 4];
	long long retiring_until_us[MAX_WORKERS * 4];   /* SIGKILL then, if still there; 0: killed already */
	size_t nretiring;
	sigset_t sigs;
} m;

/* "ADDRESS:PORT" or "[IPv6]:PORT": FastCGI over TCP, for an app server on another machine than nginx.
 * FastCGI has no authentication: the address must be a private one that only nginx's host can reach. */
static int open_tcp(const char *spec)
{
	char host[64];
	const char *colon = strrchr(spec, ':');
	size_t hl = (size_t)(colon - spec);
	if (spec[0] == '[' && hl >= 2 && spec[hl - 1] == ']') {
		spec++;
		hl -= 2;
	}
	if (hl == 0 || hl >= sizeof(host)) {
		log_error("listen: %s: expected ADDRESS:PORT", spec);
		return -1;
	}
	memcpy(host, spec, hl);
	host[hl] = '\0';
	/* getaddrinfo takes any number as a service and wraps it (99999 binds 34463): check the port here. */
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (colon[1] < '0' || colon[1] > '9' || *end != '\0' || port < 1 || port > 65535) {
		log_error("listen: %s: the port must be a number from 1 to 65535", spec);
		return -1;
	}
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
	                         .ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV};
	struct addrinfo *ai = NULL;
	int rc = getaddrinfo(host, colon + 1, &hints, &ai);
	if (rc != 0) {
		log_error("listen: %s: %s (a numeric address and port)", spec, gai_strerror(rc));
		return -1;
	}
	int fd = socket(ai->ai_family, SOCK_STREAM, 0), one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
		log_error("listen: %s: %s", spec, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

/* Opens the listening socket: a unix socket we create, a TCP one, or an inherited one ("fd:N"). */
static int open_listener(const struct config *cfg)
{
	if (strncmp(cfg->listen, "fd:", 3) == 0) {
		int fd = atoi(cfg->listen + 3);
		int acc = 0;
		socklen_t len = sizeof(acc);
		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len) != 0 || !acc) {
			log_error("listen: %s is not a listening socket", cfg->listen);
			return -1;
		}
		return fd;
	}
	if (config_listen_tcp(cfg)) {
		m.tcp = true;
		return open_tcp(cfg->listen);
	}
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(cfg->listen) >= sizeof(sa.sun_path)) {
		log_error("listen: path too long: %s", cfg->listen);
		return -1;
	}
	strcpy(sa.sun_path, cfg->listen);
	struct stat st;
	if (lstat(cfg->listen, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("listen: %s exists and is not a socket", cfg->listen);
			return -1;
		}
		/* A socket nobody answers on is left over from an earlier run. */
		int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (probe >= 0 && connect(probe, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
			close(probe);
			log_error("listen: another server is answering on %s", cfg->listen);
			return -1;
		}
		if (probe >= 0)
			close(probe);
		unlink(cfg->listen);
	}
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0) {
		log_error("listen: socket: %s", strerror(errno));
		return -1;
	}
	/* Bind under a umask that leaves nothing open, then widen to exactly socket_mode. */
	mode_t old = umask(0177);
	int rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (rc != 0 || chmod(cfg->listen, cfg->socket_mode) != 0 || listen(fd, 1024) != 0) {
		log_error("listen: %s: %s", cfg->listen, strerror(errno));
		close(fd);
		return -1;
	}
	m.created_socket = true;
	return fd;
}

/* Starts one worker: fork, then exec the binary with the socket and a readiness pipe. Waits until the
 * worker says it is ready when `wait_ready`. Returns its pid, or -1. */
static pid_t spawn(bool wait_ready)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		log_error("master: fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		sigprocmask(SIG_UNBLOCK, &m.sigs, NULL);
		int fl = fcntl(p[1], F_GETFD);
		fcntl(p[1], F_SETFD, fl & ~FD_CLOEXEC);
		char lfd[16], rfd[16], mpid[16], sfd[16];
		snprintf(lfd, sizeof(lfd), "%d", m.listen_fd);
		snprintf(rfd, sizeof(rfd), "%d", p[1]);
		snprintf(mpid, sizeof(mpid), "master=%d", (int)getppid());   /* the master: this child's parent */
		snprintf(sfd, sizeof(sfd), "%d", m.shm_fd);
		if (m.config_path != NULL)
			setenv("PASSAGE_CONFIG", m.config_path, 1);
		char *argv[] = {"passage", "worker", lfd, rfd, mpid, m.shm_fd >= 0 ? sfd : NULL, NULL};
		execv(m.exe, argv);
		_exit(127);
	}
	close(p[1]);
	if (wait_ready) {
		struct pollfd pf = {.fd = p[0], .events = POLLIN};
		char c = 0;
		int rc = poll(&pf, 1, READY_TIMEOUT_MS);
		if (rc <= 0 || read(p[0], &c, 1) != 1 || c != 'R') {
			close(p[0]);
			log_error("master: worker %d did not start", (int)pid);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return -1;
		}
	}
	close(p[0]);
	return pid;
}

static void start_slot(long i, bool wait_ready)
{
	m.slots[i].pid = spawn(wait_ready);
	m.slots[i].started_us = clock_us();
	m.slots[i].restart_at_us = m.slots[i].pid > 0 ? 0 : clock_us() + 1000000;
}

static void reap(bool stopping)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		metrics_proc_release((int32_t)pid);   /* what a worker killed mid-request counted, it counts no more */
		bool found = false;
		for (size_t i = 0; i < m.nretiring; i++) {
			if (m.retiring[i] == pid) {
				m.nretiring--;
				m.retiring[i] = m.retiring[m.nretiring];
				m.retiring_until_us[i] = m.retiring_until_us[m.nretiring];
				found = true;
				break;
			}
		}
		if (found)
			continue;
		for (long i = 0; i < m.nslots; i++) {
			if (m.slots[i].pid != pid)
				continue;
			m.slots[i].pid = 0;
			if (stopping)
				break;
			if (WIFSIGNALED(status))
				log_error("master: worker %d killed by signal %d: restarting it", (int)pid, WTERMSIG(status));
			else
				log_error("master: worker %d exited with status %d: restarting it", (int)pid, WEXITSTATUS(status));
			/* A worker that dies at once is restarted after a pause, so a broken build cannot spin. */
			long long ran = clock_us() - m.slots[i].started_us;
			m.slots[i].restart_at_us = clock_us() + (ran < 1000000 ? 500000 : 0);
			break;
		}
	}
}

static void retire(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	if (m.nretiring < sizeof(m.retiring) / sizeof(m.retiring[0])) {
		m.retiring_until_us[m.nretiring] = clock_us() + m.cfg.reload_grace * 1000000LL;
		m.retiring[m.nretiring++] = pid;
	}
}

/* An old worker still answering a request reload_grace seconds after it was told to stop is stuck (a
 * client that never sends its body, a query that never returns): it is killed, so that a reload always
 * ends. Returns the time of the next such deadline, or 0. */
static long long kill_stuck(void)
{
	long long now = clock_us(), next = 0;
	for (size_t i = 0; i < m.nretiring; i++) {
		long long until = m.retiring_until_us[i];
		if (until == 0)
			continue;
		if (until <= now) {
			log_warn("master: old worker %d still busy %lds after the reload: killed", (int)m.retiring[i], m.cfg.reload_grace);
			kill(m.retiring[i], SIGKILL);
			m.retiring_until_us[i] = 0;
		} else if (next == 0 || until < next)
			next = until;
	}
	return next;
}

/* SIGHUP: read the configuration again, then replace the workers one at a time. Each old worker is
 * told to stop only once its replacement is accepting, so no request finds nobody listening. */
static void reload(void)
{
	struct config cfg;
	char err[512];
	if (config_load(&cfg, m.config_path, err, sizeof(err)) != 0) {
		log_error("master: reload refused, configuration kept: %s", err);
		return;
	}
	if (strcmp(cfg.listen, m.cfg.listen) != 0)
		log_warn("master: a new 'listen' takes effect only after a restart");
	log_info("master: reloading: replacing %ld worker(s) with %ld", m.nslots, cfg.workers);
	m.cfg = cfg;
	long want = cfg.workers;
	for (long i = 0; i < want || i < m.nslots; i++) {
		pid_t old = i < m.nslots ? m.slots[i].pid : 0;
		if (i >= want) {
			retire(old);
			m.slots[i].pid = 0;
			continue;
		}
		pid_t pid = spawn(true);
		if (pid < 0) {
			log_error("master: reload stopped: a new worker did not start; old workers keep serving");
			if (i >= m.nslots)
				m.nslots = i;
			return;
		}
		retire(old);
		m.slots[i] = (struct slot){.pid = pid, .started_us = clock_us()};
		reap(false);
	}
	m.nslots = want;
	log_info("master: reload done");
}

static void stop_all(void)
{
	log_info("master: stopping");
	/* First the socket's path: nginx's next connection attempt fails at once and it tries another server
	 * in its upstream, while the workers answer what already reached this one. */
	if (m.created_socket)
		unlink(m.cfg.listen);
	/* TCP has no path to remove: the socket stops taking connections (nginx's next attempt is refused),
	 * and those it had queued but no worker had taken yet are reset. */
	if (m.tcp)
		shutdown(m.listen_fd, SHUT_RD);
	for (long i = 0; i < m.nslots; i++)
		if (m.slots[i].pid > 0)
			retire(m.slots[i].pid);
	long long deadline = clock_us() + STOP_GRACE_US;
	bool killed = false;
	while (m.nretiring > 0) {
		reap(true);
		if (m.nretiring == 0)
			break;
		if (!killed && clock_us() > deadline) {
			for (size_t i = 0; i < m.nretiring; i++)
				kill(m.retiring[i], SIGKILL);
			log_warn("master: %zu worker(s) did not finish in time: killed", m.nretiring);
			killed = true;
		}
		usleep(10000);
	}
	log_info("master: stopped");
}

int site_check(const struct site *site, char *err, size_t errlen)
{
	if (site->nroutes >= METRICS_ROUTES) {
		snprintf(err, errlen, "%zu routes: /metrics counts at most %d", site->nroutes, METRICS_ROUTES - 1);
		return -1;
	}
	return 0;
}

int server_run(const struct site *site, const struct config *cfg, const char *config_path)
{
	/* What the workers will need, checked once here so that a mistake stops the start with its reason
	 * (each worker checks again: it is a new process, exec'd). */
	char err[512];
	if (site_check(site, err, sizeof(err)) != 0 || site->init(cfg, err, sizeof(err)) != 0) {
		log_error("passage serve: %s", err);
		return 2;
	}
	m.cfg = *cfg;
	m.config_path = config_path;
	ssize_t n = readlink("/proc/self/exe", m.exe, sizeof(m.exe) - 1);
	if (n <= 0) {
		log_error("master: cannot find own executable");
		return 1;
	}
	m.exe[n] = '\0';
	/* When the binary was replaced on disk, the link reads "... (deleted)": exec the new file. */
	char *del = strstr(m.exe, " (deleted)");
	if (del != NULL && del[10] == '\0')
		*del = '\0';

	m.listen_fd = open_listener(cfg);
	if (m.listen_fd < 0)
		return 1;
	/* Non-blocking: workers wait in epoll and a lost race for a connection returns EAGAIN. */
	int fl = fcntl(m.listen_fd, F_GETFL);
	fcntl(m.listen_fd, F_SETFL, fl | O_NONBLOCK);
	fl = fcntl(m.listen_fd, F_GETFD);
	fcntl(m.listen_fd, F_SETFD, fl & ~FD_CLOEXEC);

	/* Shared memory for the workers, inherited across exec: a page for the session-revocation counter, then
	 * the metrics. Without it they run uncached, each with metrics of its own. */
	m.shm_fd = memfd_create("passage-shared", 0);
	if (m.shm_fd >= 0 && ftruncate(m.shm_fd, (off_t)SHARED_SIZE) != 0) {
		close(m.shm_fd);
		m.shm_fd = -1;
	}
	if (m.shm_fd < 0)
		log_warn("master: no shared memory (%s): the session cache is off", strerror(errno));
	else {
		/* The master sees the metrics too: it takes back the gauges of a worker that died. */
		void *shared = mmap(NULL, SHARED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, m.shm_fd, 0);
		if (shared != MAP_FAILED)
			metrics_attach((char *)shared + 4096);
	}

	sigemptyset(&m.sigs);
	sigaddset(&m.sigs, SIGCHLD);
	sigaddset(&m.sigs, SIGTERM);
	sigaddset(&m.sigs, SIGINT);
	sigaddset(&m.sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &m.sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sfd = signalfd(-1, &m.sigs, SFD_CLOEXEC);
	if (sfd < 0) {
		log_error("master: signalfd: %s", strerror(errno));
		return 1;
	}

	m.nslots = cfg->workers;
	for (long i = 0; i < m.nslots; i++)
		start_slot(i, true);
	log_info("master: serving on %s with %ld worker(s) x %ld thread(s)", cfg->listen, cfg->workers, cfg->threads);

	for (;;) {
		/* Sleep until a signal, the next delayed restart, or an old worker's deadline. */
		long long next = kill_stuck(), now = clock_us();
		for (long i = 0; i < m.nslots; i++) {
			if (m.slots[i].pid == 0 && m.slots[i].restart_at_us > 0 &&
			    (next == 0 || m.slots[i].restart_at_us < next))
				next = m.slots[i].restart_at_us;
		}
		int timeout = next == 0 ? -1 : next <= now ? 0 : (int)((next - now) / 1000) + 1;
		struct pollfd pf = {.fd = sfd, .events = POLLIN};
		int rc = poll(&pf, 1, timeout);
		if (rc > 0) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
					stop_all();
					return 0;
				}
				if (si.ssi_signo == SIGHUP)
					reload();
				if (si.ssi_signo == SIGCHLD)
					reap(false);
				pf.revents = 0;
				if (poll(&pf, 1, 0) <= 0)
					break;
			}
		}
		now = clock_us();
		for (long i = 0; i < m.nslots; i++)
			if (m.slots[i].pid == 0 && m.slots[i].restart_at_us > 0 && m.slots[i].restart_at_us <= now)
				start_slot(i, false);
	}
}
