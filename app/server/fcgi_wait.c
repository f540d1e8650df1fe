/* fcgi_wait.c: the look at a FastCGI connection's waiting bytes, and the waiting room for requests that
 * have not wholly arrived (see fcgi_wait.h). */
#include "server/fcgi_wait.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/log.h"

enum { REC_BEGIN = 1, REC_PARAMS = 4, REC_STDIN = 5, REC_GET_VALUES = 9 };

/* Reading name-value pairs (a length of 1 or 4 bytes for the name, the same for the value, then both),
 * across the records they are split over. */
struct pairs {
	int phase;          /* 0, 1: the name's length (first byte, the other three); 2, 3: the value's; 4: the bytes */
	int left;           /* bytes of a four-byte length still to come */
	uint32_t len, name_len;
	uint64_t skip;      /* bytes of name and value still to come */
};

/* False when a length is over FCGI_PAIR_MAX. */
static bool pairs_feed(struct pairs *s, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s->phase == 4) {
			size_t take = s->skip < n - i ? (size_t)s->skip : n - i;
			s->skip -= take;
			i += take - 1;
			if (s->skip == 0)
				s->phase = 0;
			continue;
		}
		bool done;
		if (s->phase == 0 || s->phase == 2) {
			done = (p[i] & 0x80) == 0;
			s->len = p[i] & 0x7f;
			s->left = 3;
			if (!done)
				s->phase++;
		} else {
			s->len = s->len << 8 | p[i];
			done = --s->left == 0;
		}
		if (!done)
			continue;
		if (s->len > FCGI_PAIR_MAX)
			return false;
		if (s->phase <= 1) {
			s->name_len = s->len;
			s->phase = 2;
		} else {
			s->skip = (uint64_t)s->name_len + s->len;
			s->phase = s->skip > 0 ? 4 : 0;
		}
	}
	return true;
}

enum fcgi_head fcgi_head_check(const unsigned char *p, size_t n, bool full)
{
	struct pairs params = {0};
	bool begun = false, params_done = false;
	size_t at = 0;
	while (n - at >= 8) {
		const unsigned char *h = p + at;
		if (h[0] != 1)
			return FCGI_HEAD_BAD;
		size_t len = (size_t)h[4] << 8 | h[5], total = 8 + len + h[6];
		size_t avail = n - at - 8 < len ? n - at - 8 : len;
		if (h[1] == REC_BEGIN) {
			begun = true;
		} else if (h[1] == REC_PARAMS && begun && !params_done) {
			if (len == 0)
				params_done = true;
			else if (!pairs_feed(&params, h + 8, avail))
				return FCGI_HEAD_BAD;
		} else if (h[1] == REC_GET_VALUES) {
			struct pairs names = {0};   /* libfcgi reads these as pairs too */
			if (!pairs_feed(&names, h + 8, avail))
				return FCGI_HEAD_BAD;
		}
		if (n - at < total)
			break;
		if (h[1] == REC_STDIN && len == 0 && params_done)
			return FCGI_HEAD_READY;
		at += total;
	}
	if (full)   /* a body longer than is looked at may follow whole params; params that long are no web server's */
		return params_done ? FCGI_HEAD_READY : FCGI_HEAD_BAD;
	return FCGI_HEAD_PARTIAL;
}

struct waiting {
	int fd;
	long long since_us;
};

struct fcgi_wait {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct waiting *v;
	size_t n, cap;
	void (*back)(void *ctx, int fd, bool ready);
	void *ctx;
};

/* True when the other end has finished sending: libfcgi then reads what there is without waiting. */
static bool sender_done(int fd)
{
	struct pollfd pf = {.fd = fd, .events = POLLRDHUP};
	return poll(&pf, 1, 0) == 1 && (pf.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

/* What the bytes waiting on fd say, read into buf (FCGI_PEEK_MAX bytes) without taking them. */
static enum fcgi_head look(int fd, unsigned char *buf)
{
	ssize_t k;
	do
		k = recv(fd, buf, FCGI_PEEK_MAX, MSG_PEEK | MSG_DONTWAIT);
	while (k < 0 && errno == EINTR);
	if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return sender_done(fd) ? FCGI_HEAD_READY : FCGI_HEAD_PARTIAL;
	if (k <= 0)
		return FCGI_HEAD_READY;   /* closed or broken: libfcgi finds that out at once */
	enum fcgi_head h = fcgi_head_check(buf, (size_t)k, (size_t)k == FCGI_PEEK_MAX);
	if (h == FCGI_HEAD_PARTIAL && sender_done(fd))
		return FCGI_HEAD_READY;
	return h;
}

static void *wait_main(void *arg)
{
	struct fcgi_wait *w = arg;
	unsigned char *buf = malloc(FCGI_PEEK_MAX);
	if (buf == NULL)
		return NULL;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->n == 0)
			pthread_cond_wait(&w->cv, &w->mu);
		long long now = clock_us();
		for (size_t i = 0; i < w->n;) {
			struct waiting c = w->v[i];
			enum fcgi_head h = look(c.fd, buf);
			bool late = h == FCGI_HEAD_PARTIAL && now - c.since_us > FCGI_WAIT_MS * 1000LL;
			if (h == FCGI_HEAD_PARTIAL && !late) {
				i++;
				continue;
			}
			w->v[i] = w->v[--w->n];
			if (late)
				log_warn("worker: closed a FastCGI connection whose request had not arrived after %d s",
				         FCGI_WAIT_MS / 1000);
			else if (h == FCGI_HEAD_BAD)
				log_warn("worker: closed a FastCGI connection that sent what no web server sends");
			w->back(w->ctx, c.fd, h == FCGI_HEAD_READY);
		}
		pthread_mutex_unlock(&w->mu);
		usleep(5000);   /* polled: a socket holding part of a request stays readable, so it cannot be waited on */
		pthread_mutex_lock(&w->mu);
	}
	return NULL;
}

struct fcgi_wait *fcgi_wait_start(void (*back)(void *ctx, int fd, bool ready), void *ctx)
{
	struct fcgi_wait *w = calloc(1, sizeof(*w));
	if (w == NULL)
		return NULL;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->back = back;
	w->ctx = ctx;
	pthread_t tid;
	if (pthread_create(&tid, NULL, wait_main, w) != 0) {
		free(w);
		return NULL;
	}
	pthread_detach(tid);
	return w;
}

bool fcgi_wait_ready(struct fcgi_wait *w, int fd)
{
	static _Thread_local unsigned char *buf;
	if (w == NULL || (buf == NULL && (buf = malloc(FCGI_PEEK_MAX)) == NULL))
		return true;
	enum fcgi_head h = look(fd, buf);
	if (h == FCGI_HEAD_READY)
		return true;
	if (h == FCGI_HEAD_BAD) {
		log_warn("worker: closed a FastCGI connection that sent what no web server sends");
		w->back(w->ctx, fd, false);
		return false;
	}
	pthread_mutex_lock(&w->mu);
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct waiting *v = realloc(w->v, cap * sizeof(*v));
		if (v == NULL) {
			pthread_mutex_unlock(&w->mu);
			return true;   /* no room: libfcgi reads it, with the read timeout as the bound */
		}
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = (struct waiting){fd, clock_us()};
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return false;
}

size_t fcgi_wait_count(struct fcgi_wait *w)
{
	if (w == NULL)
		return 0;
	pthread_mutex_lock(&w->mu);
	size_t n = w->n;
	pthread_mutex_unlock(&w->mu);
	return n;
}
