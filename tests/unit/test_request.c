/* test_request.c: the request parser, percent and form decoding, cookies, UTF-8, declared fields. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "server/http.h"

static struct arena A;
static void setup(void) { arena_init(&A, 1 << 20); }
static void teardown(void) { arena_free(&A); }

/* ---- UTF-8 ---- */
struct utf8_vec { const char *s; size_t n; bool ok; };
ParameterizedTestParameters(utf8, vectors)
{
	static struct utf8_vec v[] = {
		{"", 0, true},
		{"plain ascii", 11, true},
		{"caf\xc3\xa9", 5, true},                   /* é */
		{"\xe2\x82\xac", 3, true},                  /* € */
		{"\xf0\x9f\x98\x80", 4, true},              /* emoji */
		{"\xef\xbf\xbf", 3, true},                  /* U+FFFF */
		{"\xf4\x8f\xbf\xbf", 4, true},              /* U+10FFFF */
		{"\xc3", 1, false},                         /* truncated */
		{"\xc0\xaf", 2, false},                     /* overlong '/' */
		{"\xc1\xbf", 2, false},                     /* overlong */
		{"\xe0\x80\xaf", 3, false},                 /* overlong 3-byte */
		{"\xf0\x80\x80\xaf", 4, false},             /* overlong 4-byte */
		{"\xed\xa0\x80", 3, false},                 /* surrogate D800 */
		{"\xed\xbf\xbf", 3, false},                 /* surrogate DFFF */
		{"\xf4\x90\x80\x80", 4, false},             /* above U+10FFFF */
		{"\xf5\x80\x80\x80", 4, false},
		{"\xff", 1, false},
		{"\x80", 1, false},                         /* lone continuation */
		{"a\xe2\x82", 3, false},
		{"\xe2\x28\xa1", 3, false},                 /* bad continuation */
	};
	return cr_make_param_array(struct utf8_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct utf8_vec *v, utf8, vectors)
{
	cr_expect_eq(utf8_valid(v->s, v->n), v->ok, "utf8 vector %zu bytes", v->n);
}

/* ---- percent decoding ---- */
struct pct_vec { const char *in; bool plus; int rc; const char *out; };
ParameterizedTestParameters(pct, vectors)
{
	static struct pct_vec v[] = {
		{"abc", false, 0, "abc"},
		{"a%20b", false, 0, "a b"},
		{"a+b", true, 0, "a b"},
		{"a+b", false, 0, "a+b"},
		{"%2B", true, 0, "+"},
		{"%c3%a9", false, 0, "\xc3\xa9"},
		{"%C3%A9", false, 0, "\xc3\xa9"},
		{"%", false, 400, NULL},
		{"%2", false, 400, NULL},
		{"%zz", false, 400, NULL},
		{"%g0", false, 400, NULL},
		{"%00", false, 400, NULL},       /* NUL */
		{"%ff", false, 400, NULL},       /* invalid UTF-8 */
		{"%c3", false, 400, NULL},       /* truncated UTF-8 */
		{"%ed%a0%80", false, 400, NULL}, /* surrogate */
		{"", false, 0, ""},
	};
	return cr_make_param_array(struct pct_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct pct_vec *v, pct, vectors, .init = setup, .fini = teardown)
{
	char *out = NULL;
	size_t n = 0;
	int rc = http_pct_decode(&A, v->in, strlen(v->in), v->plus, &out, &n);
	cr_assert_eq(rc, v->rc, "decode '%s': rc %d, want %d", v->in, rc, v->rc);
	if (v->out != NULL) {
		cr_expect_str_eq(out, v->out);
		cr_expect_eq(n, strlen(v->out));
	}
}

/* ---- urlencoded forms ---- */
Test(form, parses_pairs, .init = setup, .fini = teardown)
{
	struct kvlist l;
	const char *err = NULL;
	const char *s = "name=Ana+Mar%C3%ADa&code=AB12&empty=&flag&&x=1%3D2";
	cr_assert_eq(http_parse_urlencoded(&A, s, strlen(s), &l, &err), 0);
	cr_assert_eq(l.n, 5);
	cr_expect_str_eq(http_kv_get(&l, "name"), "Ana Mar\xc3\xad" "a");
	cr_expect_str_eq(http_kv_get(&l, "code"), "AB12");
	cr_expect_str_eq(http_kv_get(&l, "empty"), "");
	cr_expect_str_eq(http_kv_get(&l, "flag"), "");
	cr_expect_str_eq(http_kv_get(&l, "x"), "1=2");
	cr_expect_null(http_kv_get(&l, "missing"));
}

struct form_vec { const char *in; int rc; };
ParameterizedTestParameters(form, refusals)
{
	static struct form_vec v[] = {
		{"=value", 400},                  /* empty name */
		{"a=%", 400},
		{"a=%zz", 400},
		{"a=%00", 400},
		{"a=%ff%fe", 400},
		{"%ff=1", 400},
		{"a=1&b=2", 0},
		{"", 0},
		{"&&&", 0},
	};
	return cr_make_param_array(struct form_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct form_vec *v, form, refusals, .init = setup, .fini = teardown)
{
	struct kvlist l;
	const char *err = NULL;
	cr_expect_eq(http_parse_urlencoded(&A, v->in, strlen(v->in), &l, &err), v->rc, "form '%s'", v->in);
}

Test(form, limits, .init = setup, .fini = teardown)
{
	struct kvlist l;
	const char *err = NULL;
	char s[HTTP_VALUE_MAX + 64];
	/* Exactly the parameter limit passes; one more is refused. */
	size_t k = 0;
	for (int i = 0; i < HTTP_PARAMS_MAX; i++)
		k += (size_t)sprintf(s + k, "%sp%d=1", i ? "&" : "", i);
	cr_expect_eq(http_parse_urlencoded(&A, s, k, &l, &err), 0);
	cr_expect_eq(l.n, HTTP_PARAMS_MAX);
	k += (size_t)sprintf(s + k, "&one=more");
	cr_expect_eq(http_parse_urlencoded(&A, s, k, &l, &err), 400);
	cr_expect_str_eq(err, "too many parameters");
	/* A value at the limit passes; one byte more is refused. */
	memcpy(s, "v=", 2);
	memset(s + 2, 'a', HTTP_VALUE_MAX);
	cr_expect_eq(http_parse_urlencoded(&A, s, 2 + HTTP_VALUE_MAX, &l, &err), 0);
	s[2 + HTTP_VALUE_MAX] = 'a';
	cr_expect_eq(http_parse_urlencoded(&A, s, 3 + HTTP_VALUE_MAX, &l, &err), 400);
	/* A long name is refused. */
	memset(s, 'k', HTTP_KEY_MAX + 1);
	s[HTTP_KEY_MAX + 1] = '=';
	cr_expect_eq(http_parse_urlencoded(&A, s, HTTP_KEY_MAX + 2, &l, &err), 400);
}

/* ---- cookies ---- */
Test(cookies, parses_and_skips_junk, .init = setup, .fini = teardown)
{
	struct kvlist l;
	const char *err = NULL;
	cr_assert_eq(http_parse_cookies(&A, "a=1; __Host-s=tok_EN-9; q=\"quoted\"; bad; =x; sp=a b; c=3", &l, &err), 0);
	cr_expect_str_eq(http_kv_get(&l, "a"), "1");
	cr_expect_str_eq(http_kv_get(&l, "__Host-s"), "tok_EN-9");
	cr_expect_str_eq(http_kv_get(&l, "q"), "quoted");
	cr_expect_str_eq(http_kv_get(&l, "c"), "3");
	cr_expect_null(http_kv_get(&l, "bad"));
	cr_expect_null(http_kv_get(&l, "sp"));   /* a space is not a cookie-octet */
	cr_expect_eq(l.n, 4);
}

Test(cookies, limits, .init = setup, .fini = teardown)
{
	struct kvlist l;
	const char *err = NULL;
	char s[HTTP_COOKIE_MAX + 16];
	size_t k = 0;
	for (int i = 0; i <= HTTP_COOKIES_MAX; i++)
		k += (size_t)sprintf(s + k, "c%d=v; ", i);
	cr_expect_eq(http_parse_cookies(&A, s, &l, &err), 400);
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	s[1] = '=';
	cr_expect_eq(http_parse_cookies(&A, s, &l, &err), 400);
	cr_expect_eq(http_parse_cookies(&A, NULL, &l, &err), 0);
	cr_expect_eq(l.n, 0);
}

/* ---- whole requests ---- */
struct req_vec { const char *method, *uri, *ctype, *body; int rc; const char *path; };
ParameterizedTestParameters(request, vectors)
{
	static struct req_vec v[] = {
		{"GET", "/", NULL, NULL, 0, "/"},
		{"GET", "/a/b?x=1", NULL, NULL, 0, "/a/b"},
		{"GET", "/caf%C3%A9", NULL, NULL, 0, "/caf\xc3\xa9"},
		{"GET", "/a%2Fb", NULL, NULL, 0, "/a/b"},
		{"HEAD", "/", NULL, NULL, 0, "/"},
		{"POST", "/f", "application/x-www-form-urlencoded", "a=1", 0, "/f"},
		{"POST", "/f", "application/x-www-form-urlencoded; charset=UTF-8", "a=1", 0, "/f"},
		{"POST", "/f", "multipart/form-data; boundary=x", "--x", 415, NULL},
		{"POST", "/f", NULL, "a=1", 415, NULL},
		{"POST", "/f", "application/x-www-form-urlencoded", "a=%zz", 400, NULL},
		{"GET", "/%zz", NULL, NULL, 400, NULL},
		{"GET", "/%00", NULL, NULL, 400, NULL},
		{"GET", "/%0a", NULL, NULL, 400, NULL},
		{"GET", "/%ff", NULL, NULL, 400, NULL},
		{"GET", "/?q=%ff", NULL, NULL, 400, NULL},
		{"GET", "relative", NULL, NULL, 400, NULL},
		{"GET", "", NULL, NULL, 400, NULL},
		{"BREW", "/", NULL, NULL, 0, "/"},    /* unknown methods are the router's to refuse (405) */
	};
	return cr_make_param_array(struct req_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct req_vec *v, request, vectors, .init = setup, .fini = teardown)
{
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	struct req_raw raw = {.method = v->method, .request_uri = v->uri, .content_type = v->ctype,
	                      .body = v->body, .body_len = v->body ? strlen(v->body) : 0, .https = "on"};
	const char *err = NULL;
	int rc = http_parse(&r, &raw, &err);
	cr_assert_eq(rc, v->rc, "%s %s: rc %d want %d (%s)", v->method, v->uri, rc, v->rc, err ? err : "");
	if (v->path != NULL)
		cr_expect_str_eq(r.path, v->path);
	if (rc != 0)
		cr_expect_not_null(err, "a refusal always says why");
}

Test(request, long_uri_and_path, .init = setup, .fini = teardown)
{
	static char uri[HTTP_URI_MAX + 2];
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	const char *err;
	memset(uri, 'a', sizeof(uri) - 1);
	uri[0] = '/';
	uri[sizeof(uri) - 1] = '\0';
	struct req_raw raw = {.method = "GET", .request_uri = uri};
	cr_expect_eq(http_parse(&r, &raw, &err), 400);
	uri[HTTP_PATH_MAX + 1] = '\0';
	cr_expect_eq(http_parse(&r, &raw, &err), 400);
	uri[HTTP_PATH_MAX] = '\0';
	cr_expect_eq(http_parse(&r, &raw, &err), 0);
}

Test(request, https_and_fields, .init = setup, .fini = teardown)
{
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	const char *err;
	struct req_raw raw = {.method = "GET", .request_uri = "/?q=x", .https = NULL, .cookie = "s=abc",
	                      .remote_addr = "127.0.0.1", .origin = "https://example.org"};
	cr_assert_eq(http_parse(&r, &raw, &err), 0);
	cr_expect_not(r.https);
	cr_expect_str_eq(r.raw_query, "q=x");
	cr_expect_str_eq(http_kv_get(&r.cookies, "s"), "abc");
	cr_expect_str_eq(r.remote_addr, "127.0.0.1");
	cr_expect_str_eq(r.origin, "https://example.org");
}

/* ---- declared fields ---- */
static const struct field fields[] = {
	{"name", FIELD_TEXT, 1, 10, true, false},
	{"n", FIELD_INT, 1, 100, false, false},
	{"slug", FIELD_SLUG, 2, 20, false, false},
	{"tok", FIELD_TOKEN, 4, 8, false, false},
	{"note", FIELD_TEXTAREA, 0, 20, false, false},
};
struct field_vec { const char *query; int rc; enum field_state st[5]; };
ParameterizedTestParameters(fields, vectors)
{
	static struct field_vec v[] = {
		{"name=Ana", 0, {FIELD_OK, FIELD_MISSING, FIELD_MISSING, FIELD_MISSING, FIELD_MISSING}},
		{"name=Ana&n=5&slug=ab-c&tok=Ab_9&note=a%0Ab", 0, {FIELD_OK, FIELD_OK, FIELD_OK, FIELD_OK, FIELD_OK}},
		{"", 400, {FIELD_INVALID}},
		{"name=", 400, {FIELD_INVALID}},
		{"name=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", 0, {FIELD_OK}}, /* 10 chars, 20 bytes */
		{"name=abcdefghijk", 400, {FIELD_INVALID}},
		{"name=a%07b", 400, {FIELD_INVALID}},
		{"name=a%0Ab", 400, {FIELD_INVALID}},
		{"name=a&name=b", 400, {FIELD_INVALID}},
		{"name=a&n=0", 400, {FIELD_OK, FIELD_INVALID}},
		{"name=a&n=101", 400, {FIELD_OK, FIELD_INVALID}},
		{"name=a&n=1x", 400, {FIELD_OK, FIELD_INVALID}},
		{"name=a&n=-", 400, {FIELD_OK, FIELD_INVALID}},
		{"name=a&n=99999999999999999999", 400, {FIELD_OK, FIELD_INVALID}},
		{"name=a&slug=Ab", 400, {FIELD_OK, FIELD_MISSING, FIELD_INVALID}},
		{"name=a&slug=a", 400, {FIELD_OK, FIELD_MISSING, FIELD_INVALID}},
		{"name=a&tok=ab%2Fcd", 400, {FIELD_OK, FIELD_MISSING, FIELD_MISSING, FIELD_INVALID}},
		{"name=a&tok=abcdefghi", 400, {FIELD_OK, FIELD_MISSING, FIELD_MISSING, FIELD_INVALID}},
		{"name=a&note=%01", 400, {FIELD_OK, FIELD_MISSING, FIELD_MISSING, FIELD_MISSING, FIELD_INVALID}},
	};
	return cr_make_param_array(struct field_vec, v, sizeof(v) / sizeof(v[0]));
}
/* A GET of "/?query", parsed. */
static void get_query(struct req *r, const char *query)
{
	memset(r, 0, sizeof(*r));
	r->arena = &A;
	const char *err = NULL;
	struct req_raw raw = {.method = "GET", .request_uri = arena_printf(&A, "/?%s", query)};
	cr_assert_eq(http_parse(r, &raw, &err), 0);
}

ParameterizedTest(struct field_vec *v, fields, vectors, .init = setup, .fini = teardown)
{
	struct req r;
	const char *err = NULL;
	get_query(&r, v->query);
	int rc = http_fields_validate(&r, fields, 5, &err);
	cr_expect_eq(rc, v->rc, "'%s': rc %d want %d", v->query, rc, v->rc);
	if (rc != 0)
		cr_expect_not_null(err);
	for (int i = 0; i < 5; i++)
		if (v->st[i] != FIELD_MISSING || i == 0)
			cr_expect_eq(r.in[i].state, v->st[i], "'%s' field %d: state %d want %d", v->query, i, r.in[i].state,
			             v->st[i]);
}

Test(fields, int_value, .init = setup, .fini = teardown)
{
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	const char *err;
	struct req_raw raw = {.method = "POST", .request_uri = "/", .content_type = "application/x-www-form-urlencoded",
	                      .body = "name=x&n=42", .body_len = 11};
	cr_assert_eq(http_parse(&r, &raw, &err), 0);
	cr_assert_eq(http_fields_validate(&r, fields, 5, &err), 0);
	cr_expect_eq(r.in[1].i, 42);
	cr_expect_str_eq(r.in[0].s, "x");
}

/* A repeated field (the roster's check boxes): every value is checked and kept, in order; one bad value
 * makes the field invalid. */
struct repeated_vec { const char *query; int rc; enum field_state st; size_t count; long long first, last; };
ParameterizedTestParameters(fields, repeated)
{
	static struct repeated_vec v[] = {
		{"", 0, FIELD_MISSING, 0, 0, 0},
		{"id=", 0, FIELD_MISSING, 0, 0, 0},
		{"id=7", 0, FIELD_OK, 1, 7, 7},
		{"id=7&x=1&id=9&id=3", 0, FIELD_OK, 3, 7, 3},
		{"id=7&id=&id=9", 0, FIELD_OK, 2, 7, 9},
		{"id=7&id=x", 400, FIELD_INVALID, 0, 0, 0},
		{"id=7&id=0", 400, FIELD_INVALID, 0, 0, 0},
		{"id=-1", 400, FIELD_INVALID, 0, 0, 0},
	};
	return cr_make_param_array(struct repeated_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct repeated_vec *v, fields, repeated, .init = setup, .fini = teardown)
{
	static const struct field ids[] = {{"id", FIELD_INT, 1, 100, false, true}};
	struct req r;
	const char *err = NULL;
	get_query(&r, v->query);
	int rc = http_fields_validate(&r, ids, 1, &err);
	cr_expect_eq(rc, v->rc, "'%s': rc %d want %d", v->query, rc, v->rc);
	cr_expect_eq(r.in[0].state, v->st, "'%s': state %d want %d", v->query, r.in[0].state, v->st);
	if (v->st == FIELD_OK) {
		cr_assert_eq(r.in[0].count, v->count, "'%s': %zu values", v->query, r.in[0].count);
		cr_expect_eq(r.in[0].i, v->first);
		cr_expect_eq(r.in[0].ints[0], v->first);
		cr_expect_eq(r.in[0].ints[v->count - 1], v->last);
	}
}
