/* test_html.c: escaping by default in html(), html_text() and the response head. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

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

Test(html, unsupported_conversion_fails_loudly, .init = setup, .fini = teardown)
{
	html(&R, "%f", 1.0);
	cr_expect(R.resp.body.failed);
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
