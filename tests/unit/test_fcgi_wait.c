/* test_fcgi_wait.c: what a worker makes of the bytes waiting on a FastCGI connection before libfcgi may
 * read them (server/fcgi_wait.h): a whole request is ready, part of one waits, what no web server sends
 * is refused. */
#include <criterion/criterion.h>
#include <string.h>

#include "server/fcgi_wait.h"

#define BEGIN "\x01\x01\x00\x01\x00\x08\x00\x00" "\x00\x01\x01\x00\x00\x00\x00\x00"
#define PARAMS_GET "\x01\x04\x00\x01\x00\x13\x00\x00" "\x0e\x03REQUEST_METHODGET"
#define PARAMS_END "\x01\x04\x00\x01\x00\x00\x00\x00"
#define STDIN_END "\x01\x05\x00\x01\x00\x00\x00\x00"

struct vec {
	const char *what, *bytes;
	size_t n;
	bool full;
	enum fcgi_head want;
};
#define V(what, s, full, want) {what, s, sizeof(s) - 1, full, want}

Test(fcgi_wait, what_may_go_to_libfcgi)
{
	static const struct vec v[] = {
		V("a whole GET", BEGIN PARAMS_GET PARAMS_END STDIN_END, false, FCGI_HEAD_READY),
		V("a POST with its body", BEGIN PARAMS_GET PARAMS_END "\x01\x05\x00\x01\x00\x03\x00\x00" "a=1" STDIN_END,
		  false, FCGI_HEAD_READY),
		V("nothing yet", "", false, FCGI_HEAD_PARTIAL),
		V("half a header", "\x01\x01\x00", false, FCGI_HEAD_PARTIAL),
		V("a begin alone", BEGIN, false, FCGI_HEAD_PARTIAL),
		V("params not ended", BEGIN PARAMS_GET, false, FCGI_HEAD_PARTIAL),
		V("a record announcing more than came", BEGIN "\x01\x04\x00\x01\xff\xff\xff\x00" "\x0e\x03REQ", false,
		  FCGI_HEAD_PARTIAL),
		V("no end of stdin", BEGIN PARAMS_GET PARAMS_END "\x01\x05\x00\x01\x00\x03\x00\x00" "a=1", false,
		  FCGI_HEAD_PARTIAL),
		V("an end of stdin before the begin", STDIN_END BEGIN, false, FCGI_HEAD_PARTIAL),
		V("a body longer than is looked at", BEGIN PARAMS_GET PARAMS_END "\x01\x05\x00\x01\xff\xff\x00\x00" "ab",
		  true, FCGI_HEAD_READY),
		V("version 0", "\x00\x01\x00\x01\x00\x08\x00\x00", false, FCGI_HEAD_BAD),
		V("version 2 later", BEGIN "\x02\x04\x00\x01\x00\x00\x00\x00", false, FCGI_HEAD_BAD),
		V("a name of 2 GiB", BEGIN "\x01\x04\x00\x01\x00\x05\x00\x00" "\xff\xff\xff\xff\x00", false, FCGI_HEAD_BAD),
		V("a value of 64 KiB and one byte", BEGIN "\x01\x04\x00\x01\x00\x05\x00\x00" "\x00\x80\x01\x00\x01", false,
		  FCGI_HEAD_BAD),
		V("a length split over two records", BEGIN "\x01\x04\x00\x01\x00\x02\x00\x00" "\x01\xff"
		  "\x01\x04\x00\x01\x00\x03\x00\x00" "\xff\xff\xff", false, FCGI_HEAD_BAD),
		V("a management query with a 2 GiB name", "\x01\x09\x00\x00\x00\x05\x00\x00" "\xff\xff\xff\xff\x00", false,
		  FCGI_HEAD_BAD),
		V("params longer than is looked at", BEGIN PARAMS_GET, true, FCGI_HEAD_BAD),
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		cr_expect_eq(fcgi_head_check((const unsigned char *)v[i].bytes, v[i].n, v[i].full), v[i].want, "%s",
		             v[i].what);
}
