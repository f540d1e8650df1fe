/* fuzz_urlencoded.c: the query-string and form parser (http_parse_urlencoded) and percent decoding.
 * Properties: a list it accepts keeps the limits of http.h (at most HTTP_PARAMS_MAX pairs, names of at
 * most HTTP_KEY_MAX bytes, values of at most HTTP_VALUE_MAX bytes, each valid UTF-8 without NUL); it
 * has one pair per non-empty piece between '&'; encoding the pairs again and parsing that gives the
 * same pairs; a refusal is a 400 or 413 with a reason; percent decoding never grows its input and never
 * returns invalid UTF-8. */
#include "fuzz.h"

static struct arena A;

static void check_decode(const uint8_t *data, size_t size, bool plus)
{
	char *out;
	size_t n;
	if (http_pct_decode(&A, (const char *)data, size, plus, &out, &n) != 0)
		return;
	FUZZ_CHECK(n <= size, "decoded %zu bytes from %zu", n, size);
	FUZZ_CHECK(strlen(out) == n, "a NUL in the decoded value");
	FUZZ_CHECK(utf8_valid(out, n), "decoded value is not UTF-8");
	if (memchr(data, '%', size) == NULL && (!plus || memchr(data, '+', size) == NULL))
		FUZZ_CHECK(n == size && memcmp(out, data, n) == 0, "a value without escapes changed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (A.cap == 0)
		arena_init(&A, HTTP_ARENA_MAX);
	arena_reset(&A);
	check_decode(data, size, size > 0 && data[0] & 1);

	struct kvlist l;
	const char *err = NULL;
	int rc = http_parse_urlencoded(&A, (const char *)data, size, &l, &err);
	if (rc != 0) {
		FUZZ_CHECK(rc == 400 || rc == 413, "status %d", rc);
		FUZZ_CHECK(rc == 413 || err != NULL, "a refusal without a reason");
		return 0;
	}
	fuzz_check_kvlist(&l, HTTP_PARAMS_MAX, HTTP_KEY_MAX, HTTP_VALUE_MAX);
	size_t pieces = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] != '&' && (i == 0 || data[i - 1] == '&'))
			pieces++;
	FUZZ_CHECK(l.n == pieces, "%zu pairs from %zu pieces", l.n, pieces);

	/* Round trip: what a browser would send for these pairs parses back to them. */
	struct buf b;
	buf_init(&b, 1u << 22);
	for (size_t i = 0; i < l.n; i++) {
		if (i > 0)
			buf_putc(&b, '&');
		fuzz_pct_encode(&b, l.v[i].key);
		buf_putc(&b, '=');
		fuzz_pct_encode(&b, l.v[i].val);
	}
	FUZZ_CHECK(!b.failed, "re-encoding failed");
	struct kvlist l2;
	rc = http_parse_urlencoded(&A, b.p ? b.p : "", b.len, &l2, &err);
	FUZZ_CHECK(rc == 0, "re-encoded form refused (%d): %s", rc, err ? err : "");
	FUZZ_CHECK(l2.n == l.n, "%zu pairs became %zu", l.n, l2.n);
	for (size_t i = 0; i < l.n; i++) {
		FUZZ_CHECK(strcmp(l.v[i].key, l2.v[i].key) == 0, "key %zu changed", i);
		FUZZ_CHECK(l.v[i].vlen == l2.v[i].vlen && memcmp(l.v[i].val, l2.v[i].val, l.v[i].vlen) == 0,
		           "value %zu changed", i);
	}
	/* The first pair of a name is the one found by name. */
	for (size_t i = 0; i < l.n; i++) {
		const char *v = http_kv_get(&l, l.v[i].key);
		FUZZ_CHECK(v != NULL, "key %zu not found", i);
		size_t first = 0;
		while (strcmp(l.v[first].key, l.v[i].key) != 0)
			first++;
		FUZZ_CHECK(v == l.v[first].val, "key %zu: not the first value", i);
	}
	buf_free(&b);
	return 0;
}
