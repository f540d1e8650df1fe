/* html.c: escaping output into the response body. */
#include "server/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_escape(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_put(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_put(b, s + run, n - run);
}

void html_text(struct req *r, const char *s)
{
	if (s != NULL)
		html_escape(&r->resp.body, s, strlen(s));
}

void html_textn(struct req *r, const char *s, size_t n)
{
	if (s != NULL)
		html_escape(&r->resp.body, s, n);
}

void html_trusted(struct req *r, const char *markup)
{
	if (markup != NULL)
		buf_puts(&r->resp.body, markup);
}

void html(struct req *r, const char *fmt, ...)
{
	struct buf *b = &r->resp.body;
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p != '\0') {
		const char *pct = strchr(p, '%');
		if (pct == NULL) {
			buf_puts(b, p);
			break;
		}
		buf_put(b, p, (size_t)(pct - p));
		p = pct + 1;
		char num[64];
		int k = -1;
		if (p[0] == '%') {
			buf_putc(b, '%');
			p++;
			continue;
		}
		if (p[0] == 's') {
			const char *s = va_arg(ap, const char *);
			html_text(r, s ? s : "");
			p++;
			continue;
		}
		if (p[0] == '.' && p[1] == '*' && p[2] == 's') {
			int n = va_arg(ap, int);
			const char *s = va_arg(ap, const char *);
			html_textn(r, s ? s : "", s && n > 0 ? (size_t)n : 0);
			p += 3;
			continue;
		}
		if (p[0] == 'c') {
			char c = (char)va_arg(ap, int);
			html_textn(r, &c, 1);
			p++;
			continue;
		}
		/* Numbers need no escaping. */
		if (p[0] == 'd' || p[0] == 'i') {
			k = snprintf(num, sizeof(num), "%d", va_arg(ap, int)); p += 1;
		} else if (p[0] == 'u') {
			k = snprintf(num, sizeof(num), "%u", va_arg(ap, unsigned)); p += 1;
		} else if (p[0] == 'x') {
			k = snprintf(num, sizeof(num), "%x", va_arg(ap, unsigned)); p += 1;
		} else if (p[0] == 'l' && (p[1] == 'd' || p[1] == 'i')) {
			k = snprintf(num, sizeof(num), "%ld", va_arg(ap, long)); p += 2;
		} else if (p[0] == 'l' && p[1] == 'u') {
			k = snprintf(num, sizeof(num), "%lu", va_arg(ap, unsigned long)); p += 2;
		} else if (p[0] == 'l' && p[1] == 'l' && (p[2] == 'd' || p[2] == 'i')) {
			k = snprintf(num, sizeof(num), "%lld", va_arg(ap, long long)); p += 3;
		} else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'u') {
			k = snprintf(num, sizeof(num), "%llu", va_arg(ap, unsigned long long)); p += 3;
		} else if (p[0] == 'z' && p[1] == 'u') {
			k = snprintf(num, sizeof(num), "%zu", va_arg(ap, size_t)); p += 2;
		} else {
			/* An unsupported conversion is a programming error: make it visible, consume nothing. */
			buf_puts(b, "[bad format]");
			b->failed = 1;
			break;
		}
		if (k > 0)
			buf_put(b, num, (size_t)k);
	}
	va_end(ap);
}
