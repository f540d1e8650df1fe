/* fuzz_cookies.c: the Cookie header parser (http_parse_cookies). Properties: the header is refused only
 * over its limits (HTTP_COOKIE_MAX bytes, HTTP_COOKIES_MAX cookies), and then with a reason; an accepted
 * one gives at most HTTP_COOKIES_MAX cookies whose names and values are RFC 6265 cookie-octets only
 * (never a space, quote, comma, semicolon, backslash or control byte), each name without '=' and each
 * pair found in the header as written; building the header again from the cookies parses back to them. */
#include "fuzz.h"

static struct arena A;

static bool octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (A.cap == 0)
		arena_init(&A, HTTP_ARENA_MAX);
	arena_reset(&A);
	char *s = fuzz_cstr(data, size);
	size_t n = strlen(s);
	struct kvlist l;
	const char *err = NULL;
	int rc = http_parse_cookies(&A, s, &l, &err);
	size_t pieces = 0;
	bool blank = true;   /* pieces: the pieces between ';' holding more than spaces */
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == ';') {
			pieces += !blank;
			blank = true;
		} else if (s[i] != ' ') {
			blank = false;
		}
	}
	if (rc != 0) {
		FUZZ_CHECK(rc == 400 && err != NULL, "status %d", rc);
		FUZZ_CHECK(n > HTTP_COOKIE_MAX || pieces > HTTP_COOKIES_MAX, "refused a header of %zu bytes: %s", n, err);
		free(s);
		return 0;
	}
	FUZZ_CHECK(n <= HTTP_COOKIE_MAX, "accepted %zu bytes", n);
	fuzz_check_kvlist(&l, HTTP_COOKIES_MAX, HTTP_COOKIE_MAX, HTTP_COOKIE_MAX);
	struct buf b;
	buf_init(&b, 1u << 20);
	for (size_t i = 0; i < l.n; i++) {
		const struct kv *p = &l.v[i];
		for (const char *k = p->key; *k; k++)
			FUZZ_CHECK(octet((unsigned char)*k) && *k != '=', "name byte 0x%02x", (unsigned char)*k);
		for (const char *v = p->val; *v; v++)
			FUZZ_CHECK(octet((unsigned char)*v), "value byte 0x%02x", (unsigned char)*v);
		char *plain = arena_printf(&A, "%s=%s", p->key, p->val);
		char *quoted = arena_printf(&A, "%s=\"%s\"", p->key, p->val);
		FUZZ_CHECK(strstr(s, plain) != NULL || strstr(s, quoted) != NULL, "cookie %zu is not in the header", i);
		buf_printf(&b, "%s%s=%s", i ? ";" : "", p->key, p->val);   /* no longer than the header it came from */
	}
	struct kvlist l2;
	rc = http_parse_cookies(&A, b.p ? b.p : "", &l2, &err);
	FUZZ_CHECK(rc == 0 && l2.n == l.n, "rebuilt header: %d, %zu cookies of %zu", rc, l2.n, l.n);
	for (size_t i = 0; i < l.n; i++)
		FUZZ_CHECK(strcmp(l.v[i].key, l2.v[i].key) == 0 && strcmp(l.v[i].val, l2.v[i].val) == 0, "cookie %zu changed",
		           i);
	buf_free(&b);
	free(s);
	return 0;
}
