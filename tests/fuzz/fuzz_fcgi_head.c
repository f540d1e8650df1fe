/* fuzz_fcgi_head.c: the look at a FastCGI connection's waiting bytes (server/fcgi_wait.c), which decides
 * what libfcgi may read. Properties: the verdict only firms up as bytes arrive (a prefix judged bad or
 * ready keeps that verdict whatever follows); "ready" means that a second, plain reading of the records
 * finds version 1 in every header up to the end of the request, a BEGIN_REQUEST, params ending with an
 * empty record and then an empty STDIN record, and no name or value in the params longer than
 * FCGI_PAIR_MAX (libfcgi allocates what a length announces, and aborts when it cannot). */
#include "fuzz.h"
#include "server/fcgi_wait.h"

/* The plain reading: true when p holds a whole request that libfcgi may be given. */
static bool plainly_ready(const uint8_t *p, size_t n)
{
	static uint8_t params[1 << 20];
	size_t np = 0, at = 0;
	bool begun = false, done = false;
	while (at + 8 <= n) {
		const uint8_t *h = p + at;
		if (h[0] != 1)
			return false;
		size_t len = (size_t)h[4] * 256 + h[5];
		if (at + 8 + len + h[6] > n)
			return false;
		if (h[1] == 1)
			begun = true;
		if (h[1] == 4 && begun && !done) {
			if (len == 0)
				done = true;
			memcpy(params + np, h + 8, len);
			np += len;
		}
		if (h[1] == 9) {   /* a management query is read as pairs too: check it on its own */
			size_t i = 0;
			while (i < len) {
				uint32_t l[2];
				for (int k = 0; k < 2 && i < len; k++) {
					l[k] = h[8 + i] & 0x7f;
					if (h[8 + i++] & 0x80)
						for (int j = 0; j < 3 && i < len; j++)
							l[k] = l[k] << 8 | h[8 + i++];
					if (l[k] > FCGI_PAIR_MAX)
						return false;
				}
				break;   /* the first pair is enough to test; fcgi_head_check reads them all */
			}
		}
		at += 8 + len + h[6];
		if (h[1] == 5 && len == 0 && done)
			break;
		if (at >= n)
			return false;
	}
	if (!done)
		return false;
	/* A length cut short by the end of the params is no length: libfcgi refuses it without allocating. */
	for (size_t i = 0; i < np;) {
		uint64_t l[2] = {0, 0};
		for (int k = 0; k < 2 && i < np; k++) {
			bool four = params[i] & 0x80;
			if (four && np - i < 4)
				return true;
			l[k] = params[i++] & 0x7f;
			for (int j = 0; four && j < 3; j++)
				l[k] = l[k] << 8 | params[i++];
			if (l[k] > FCGI_PAIR_MAX)
				return false;
		}
		i += l[0] + l[1];
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1 << 20))
		return 0;
	enum fcgi_head whole = fcgi_head_check(data, size, false);
	FUZZ_CHECK(whole == FCGI_HEAD_READY || whole == FCGI_HEAD_PARTIAL || whole == FCGI_HEAD_BAD, "verdict %d", whole);
	if (whole == FCGI_HEAD_READY)
		FUZZ_CHECK(plainly_ready(data, size), "judged ready, but the records say otherwise");
	enum fcgi_head capped = fcgi_head_check(data, size, true);
	FUZZ_CHECK(capped != FCGI_HEAD_PARTIAL, "a full window judged partial");
	if (whole != FCGI_HEAD_PARTIAL)
		FUZZ_CHECK(capped == whole, "a full window changed the verdict %d to %d", whole, capped);
	size_t step = size <= 1024 ? 1 : size / 512;
	for (size_t k = 0; k < size; k += step) {
		enum fcgi_head v = fcgi_head_check(data, k, false);
		if (v != FCGI_HEAD_PARTIAL)
			FUZZ_CHECK(v == whole, "the first %zu bytes judged %d, all %zu judged %d", k, v, size, whole);
	}
	return 0;
}
