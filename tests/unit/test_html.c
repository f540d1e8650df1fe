/* test_html.c: escaping by default in html(), html_text() and the response head. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>

#include "server/html.h"

static struct arena A;
static struct req R;
static void setup(void)
{
	arena_init(&A, 1 << 20);
	memset(&R, 0, sizeof(R));
	R.arena = &A;
	buf_init(&R.resp.body, 1 << 20);
	R.resp.status = 200;
}
static void teardown(void)
{
	buf_free(&R.resp.body);
	arena_free(&A);
}

struct esc_vec { const char *in, *out; };
ParameterizedTestParameters(html, escape_vectors)
{
	static struct esc_vec v[] = {
		{"plain", "plain"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"a & b", "a &amp; b"},
		{"\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"},
		{"&amp;", "&amp;amp;"},
		{"caf\xc3\xa9 <b>", "caf\xc3\xa9 &lt;b&gt;"},
		{"", ""},
		{"><\"'&", "&gt;&lt;&quot;&#39;&amp;"},
	};
	return cr_make_param_array(struct esc_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct esc_vec *v, html, escape_vectors, .init = setup, .fini = teardown)
{
	html_text(&R, v->in);
	cr_expect_str_eq(R.resp.body.p ? R.resp.body.p : "", v->out);
}

Test(html, format_escapes_strings_not_markup, .init = setup, .fini = teardown)
{
	html(&R, "<p class=\"x\">%s %d %zu %lld %u %% %.*s %c</p>", "<i>&", -3, (size_t)7, 123456789012LL, 5u, 3,
	     "<b>xyz", '<');
	cr_expect_str_eq(R.resp.body.p, "<p class=\"x\">&lt;i&gt;&amp; -3 7 123456789012 5 % &lt;b&gt; &lt;</p>");
}

Test(html, null_string_is_empty, .init = setup, .fini = teardown)
{
	const char *volatile none = NULL;
	html(&R, "[%s]", none);
	cr_expect_str_eq(R.resp.body.p, "[]");
}

Test(html, trusted_is_verbatim, .init = setup, .fini = teardown)
{
	html_trusted(&R, "<em>ok</em>");
	cr_expect_str_eq(R.resp.body.p, "<em>ok</em>");
}

/* html() must be all of printf: each case formats the same literal with html() and with snprintf, and
 * html()'s output must be snprintf's, escaped. */
#define SAME(fmt, ...) do { \
		html(&R, fmt, __VA_ARGS__); \
		same(fmt, snprintf(want, sizeof(want), fmt, __VA_ARGS__)); \
	} while (0)
static char want[1 << 18];
static void same(const char *fmt, int n)
{
	cr_assert(n >= 0 && (size_t)n < sizeof(want), "%s: snprintf gave %d", fmt, n);
	struct buf e;
	buf_init(&e, 1 << 20);
	html_escape(&e, want, (size_t)n);
	cr_expect(!R.resp.body.failed, "%s failed", fmt);
	cr_expect_str_eq(R.resp.body.p ? R.resp.body.p : "", e.p ? e.p : "", "%s", fmt);
	buf_free(&e);
	buf_clear(&R.resp.body);
}

Test(html, integer_conversions, .init = setup, .fini = teardown)
{
	SAME("[%d|%i|%+d|% d|%05d|%-5d|%5d]", -42, 42, 42, 42, -42, 42, 42);
	SAME("[%u|%o|%#o|%x|%#x|%X|%#X|%8.3x]", 4000000000u, 8u, 8u, 255u, 255u, 255u, 255u, 10u);
	SAME("[%hhd|%hhu|%hd|%hu|%hhx]", 300, 300, 70000, 70000, 511);
	SAME("[%ld|%lu|%li|%lx]", -1234567890123L, 1234567890123UL, 7L, 0xfffffUL);
	SAME("[%lld|%llu|%llo|%llX]", LLONG_MIN, ULLONG_MAX, 9ULL, 0xabcdefULL);
	SAME("[%jd|%ju|%zd|%zu|%zx|%td|%tu]", INTMAX_MIN, UINTMAX_MAX, (ssize_t)-5, SIZE_MAX, (size_t)255,
	     (ptrdiff_t)-7, (ptrdiff_t)7);
	SAME("[%'d|%.0d|%.3d|%+.0d]", 1234567, 0, 7, 0);
}

Test(html, floating_conversions, .init = setup, .fini = teardown)
{
	SAME("[%f|%F|%e|%E|%g|%G|%a|%A]", 3.14159, 2.5, 12345.678, 0.000123, 1e-5, 1e20, 1.0, 0.1);
	SAME("[%.1f|%10.3f|%-10.2e|%+.0f|%#.0f|%#g|%010.2f]", 3.14159, -2.0, 6.02e23, 2.5, 3.0, 1.0, -1.5);
	SAME("[%f|%F|%e|%g]", INFINITY, -INFINITY, NAN, -0.0);
	SAME("[%Lf|%.3Le|%Lg|%La]", 1.5L, 123.456L, 1e300L * 1e300L, 0.5L);
	html(&R, "%.1f%%", 99.94);
	cr_expect_str_eq(R.resp.body.p, "99.9%");
}

Test(html, text_conversions_are_escaped, .init = setup, .fini = teardown)
{
	SAME("[%s|%10s|%-10s|%.2s|%.0s|%5.1s]", "<b>", "a&b", "\"q\"", "<<<", "<", "'x");
	SAME("[%c|%3c|%-3c|%c|%c]", '<', '>', '&', '"', '\'');
	SAME("[%lc|%ls|%5ls|%.1ls]", (wint_t)L'A', L"w<", L"&", L"<b");
	html(&R, "%c%s%5c", '<', "&", '"');
	cr_expect_str_eq(R.resp.body.p, "&lt;&amp;    &quot;");
}

Test(html, stars_take_width_and_precision, .init = setup, .fini = teardown)
{
	SAME("[%*d|%-*d|%*d|%.*f|%.*f|%*.*s|%.*s]", 6, 42, 6, 42, -6, 42, 2, 3.14159, -1, 3.14159, 8, 2, "<abc>", 3,
	     "<abc>");
	SAME("[%*s|%0*d|%*c]", -4, "&", 5, -3, 3, '<');
	html(&R, "%.*s|%*d|", 3, "<b>xyz", -4, 7);
	cr_expect_str_eq(R.resp.body.p, "&lt;b&gt;|7   |");
}

Test(html, numbered_arguments, .init = setup, .fini = teardown)
{
	SAME("[%2$s %1$d %2$s]", 7, "<x>");
	SAME("[%1$*2$d|%3$.*4$f|%3$g]", 42, 6, 2.5, 3);
	SAME("[%1$s 100%% %2$c]", "a", 'b');
}

Test(html, pointers_and_percent, .init = setup, .fini = teardown)
{
	int x;
	SAME("[%p|%p|%20p|%%|%5d%%]", (void *)&x, (void *)0, (void *)0x1234, 9);
}

Test(html, errno_message, .init = setup, .fini = teardown)
{
	errno = EINVAL;
	html(&R, "<p>%m</p>%d", 1);
	cr_expect_str_eq(R.resp.body.p, "<p>Invalid argument</p>1");
}

Test(html, huge_values, .init = setup, .fini = teardown)
{
	SAME("%.400f", 1e300);
	SAME("[%*d]", 100000, 5);
	SAME("[%-*s]", 70000, "<");
	SAME("%Lf", LDBL_MAX);
	static char big[200001];
	memset(big, '<', sizeof(big) - 1);
	html(&R, "%s", big);
	cr_expect_eq(R.resp.body.len, 4u * 200000);
	buf_clear(&R.resp.body);
	html(&R, "%.100000s|", big);
	cr_expect_eq(R.resp.body.len, 4u * 100000 + 1);
}

Test(html, percent_n_is_refused, .init = setup, .fini = teardown)
{
	int n = -1;
	html(&R, "abc%n", &n);
	cr_expect(R.resp.body.failed);
	cr_expect_eq(n, -1, "nothing written through the pointer");
}

Test(response, head_block_has_security_headers, .init = setup, .fini = teardown)
{
	struct buf out;
	buf_init(&out, 1 << 16);
	http_header(&R, "X-Test: %d", 1);
	http_header(&R, "Bad: a\r\nInjected: yes");   /* refused */
	http_head_block(&R, &out, 42);
	cr_expect(strstr(out.p, "Status: 200 OK\r\n") == out.p);
	cr_expect_not_null(strstr(out.p, "Content-Type: text/html; charset=utf-8\r\n"));
	cr_expect_not_null(strstr(out.p, "Content-Length: 42\r\n"));
	cr_expect_not_null(strstr(out.p, "Content-Security-Policy: default-src 'none';"));
	cr_expect_not_null(strstr(out.p, "frame-ancestors 'none'"));
	cr_expect_null(strstr(out.p, "unsafe-inline"));
	cr_expect_not_null(strstr(out.p, "X-Content-Type-Options: nosniff\r\n"));
	cr_expect_not_null(strstr(out.p, "Referrer-Policy: same-origin\r\n"));
	cr_expect_not_null(strstr(out.p, "X-Test: 1\r\n"));
	cr_expect_null(strstr(out.p, "Injected"));
	cr_expect(strcmp(out.p + out.len - 4, "\r\n\r\n") == 0);
	buf_free(&out);
}

Test(response, error_page_replaces_body_and_headers, .init = setup, .fini = teardown)
{
	R.path = "/x";
	R.method_name = "GET";
	html(&R, "half a page");
	http_header(&R, "Set-Cookie: a=b");
	http_error(&R, 404, NULL);
	cr_expect_eq(R.resp.status, 404);
	cr_expect_eq(R.resp.nhdrs, 0u);
	cr_expect_null(strstr(R.resp.body.p, "half a page"));
	cr_expect_not_null(strstr(R.resp.body.p, "Page not found"));
}

Test(response, error_detail_is_escaped, .init = setup, .fini = teardown)
{
	R.path = "/x";
	R.method_name = "GET";
	http_error(&R, 400, "field '<script>' is too long");
	cr_expect_null(strstr(R.resp.body.p, "<script>"));
	cr_expect_not_null(strstr(R.resp.body.p, "&lt;script&gt;"));
}
