/* fcgi_wait.h: a look at the bytes waiting on a FastCGI connection before libfcgi reads them. libfcgi
 * reads a request with blocking reads, and allocates each name-value pair at the length its header
 * announces, aborting the process when that fails: a request that stops half way would hold a thread
 * for as long as its sender likes, and a pair announcing gigabytes would take down the worker with every
 * request in it. So a thread hands a connection to libfcgi only once its request has wholly arrived (or
 * its sender has finished sending); until then the connection waits here, polled, without a thread, and
 * is closed if it is still incomplete after FCGI_WAIT_MS. Records that no web server sends (a version
 * other than 1, a name or value longer than FCGI_PAIR_MAX, params longer than FCGI_PEEK_MAX) close it. */
#ifndef PASSAGE_FCGI_WAIT_H
#define PASSAGE_FCGI_WAIT_H

#include <stdbool.h>
#include <stddef.h>

#define FCGI_PAIR_MAX (64u << 10)    /* one name or one value; nginx sends a few kilobytes */
#define FCGI_PEEK_MAX (256u << 10)   /* how much of a request is looked at */
#define FCGI_WAIT_MS 10000           /* how long a request may take to arrive */

enum fcgi_head {
	FCGI_HEAD_READY,     /* a whole request is there (or as much as is looked at, past its params) */
	FCGI_HEAD_PARTIAL,   /* more is to come */
	FCGI_HEAD_BAD,       /* no web server sends this: close the connection */
};

/* Classifies the n bytes p waiting on a connection; `full` says that n is all that was looked at
 * although more may be waiting. Pure: for the tests and the fuzz harness. */
enum fcgi_head fcgi_head_check(const unsigned char *p, size_t n, bool full);

/* The waiting room of one worker. back(ctx, fd, ready) is called from its thread for each connection
 * that leaves it: ready, to be served, or not, to be closed (after what it held was logged). */
struct fcgi_wait;
struct fcgi_wait *fcgi_wait_start(void (*back)(void *ctx, int fd, bool ready), void *ctx);
/* True when libfcgi may read the connection now. Otherwise it has been taken: closed through back(),
 * or put in the waiting room. */
bool fcgi_wait_ready(struct fcgi_wait *w, int fd);
/* Connections in the waiting room now (a stopping worker waits for them as for those it holds). */
size_t fcgi_wait_count(struct fcgi_wait *w);

#endif
