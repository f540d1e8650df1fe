/* html.c: escaping output into the response body. */
#include "server/html.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>

#include "core/msg.h"
#include "server/server.h"

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

/* html() is all of printf, so that the format attribute's check is the whole contract: whatever the compiler
 * accepts works at run time, with the same meaning as in printf. (The other way, a checker of our own that
 * rejects what html() lacks, cannot be had from a C compiler.) Each conversion is parsed here, its argument
 * fetched with va_arg at its exact type, and that one conversion handed to snprintf; the result is escaped.
 * Two differences from printf, both refusals of what markup never needs: a NULL %s or %ls prints nothing,
 * and %n (which writes through a pointer) fails the response. */

enum len { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

/* The C type an argument is read as: va_arg must name the type the caller passed. */
enum kind {
	K_NONE,        /* %% and %m take no argument */
	K_INT, K_UINT, K_LONG, K_ULONG, K_LLONG, K_ULLONG, K_INTMAX, K_UINTMAX, K_SSIZE, K_SIZE, K_PTRDIFF,
	K_DOUBLE, K_LDOUBLE, K_WINT, K_STR, K_WSTR, K_PTR, K_COUNT,
};

union value {
	int i;
	unsigned u;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	intmax_t j;
	uintmax_t uj;
	ssize_t sz;
	size_t z;
	ptrdiff_t t;
	double d;
	long double ld;
	wint_t wc;
	const char *s;
	const wchar_t *ws;
	const void *p;
};

/* One conversion specification. A width or precision of '*' names the argument holding it: the next one,
 * or with n$ numbering, `width_arg`/`prec_arg`; the converted argument is `arg` (0: the next). */
struct conv {
	char flags[8];
	int width, prec;            /* -1: none */
	bool width_star, prec_star;
	int width_arg, prec_arg, arg;
	enum len len;
	char c;
};

/* Reads digits at *p, advancing it; stops growing past 10^9 (printf fails on such widths anyway). */
static int digits(const char **p)
{
	int n = 0;
	while (**p >= '0' && **p <= '9') {
		if (n < 100000000)
			n = n * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

/* An argument number "n$" at *p, or 0 (and *p unmoved) when there is none. */
static int arg_number(const char **p)
{
	const char *q = *p;
	int n = digits(&q);
	if (q == *p || *q != '$')
		return 0;
	*p = q + 1;
	return n;
}

static const char *parse_len(const char *p, enum len *len)
{
	switch (*p) {
	case 'h': *len = p[1] == 'h' ? LEN_HH : LEN_H; return p + 1 + (p[1] == 'h');
	case 'l': *len = p[1] == 'l' ? LEN_LL : LEN_L; return p + 1 + (p[1] == 'l');
	case 'q': *len = LEN_LL; return p + 1;
	case 'L': *len = LEN_BIG_L; return p + 1;
	case 'j': *len = LEN_J; return p + 1;
	case 'z': case 'Z': *len = LEN_Z; return p + 1;
	case 't': *len = LEN_T; return p + 1;
	default: *len = LEN_NONE; return p;
	}
}

static bool is_flag(char c)
{
	return c == '-' || c == '+' || c == ' ' || c == '#' || c == '0' || c == '\'' || c == 'I';
}

static enum kind kind_of(const struct conv *c)
{
	static const enum kind ints[] = {
		[LEN_NONE] = K_INT, [LEN_HH] = K_INT, [LEN_H] = K_INT, [LEN_L] = K_LONG, [LEN_LL] = K_LLONG,
		[LEN_J] = K_INTMAX, [LEN_Z] = K_SSIZE, [LEN_T] = K_PTRDIFF, [LEN_BIG_L] = K_LLONG,
	};
	static const enum kind uints[] = {
		[LEN_NONE] = K_UINT, [LEN_HH] = K_UINT, [LEN_H] = K_UINT, [LEN_L] = K_ULONG, [LEN_LL] = K_ULLONG,
		[LEN_J] = K_UINTMAX, [LEN_Z] = K_SIZE, [LEN_T] = K_PTRDIFF, [LEN_BIG_L] = K_ULLONG,
	};
	switch (c->c) {
	case 'd': case 'i': return ints[c->len];
	case 'o': case 'u': case 'x': case 'X': return uints[c->len];
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
		return c->len == LEN_BIG_L ? K_LDOUBLE : K_DOUBLE;
	case 'c': return c->len == LEN_L ? K_WINT : K_INT;
	case 'C': return K_WINT;
	case 's': return c->len == LEN_L ? K_WSTR : K_STR;
	case 'S': return K_WSTR;
	case 'p': return K_PTR;
	case 'n': return K_COUNT;
	default: return K_NONE;   /* % m */
	}
}

/* Parses the specification after a '%'. Returns the character after it, or NULL if it is malformed. */
static const char *parse_conv(const char *p, struct conv *c)
{
	*c = (struct conv){.width = -1, .prec = -1};
	c->arg = arg_number(&p);
	size_t nf = 0;
	while (is_flag(*p)) {
		if (nf + 2 < sizeof(c->flags))   /* repeats mean nothing; room is kept for a '-' from '*' */
			c->flags[nf++] = *p;
		p++;
	}
	if (*p == '*') {
		p++;
		c->width_star = true;
		c->width_arg = arg_number(&p);
	} else if (*p >= '0' && *p <= '9') {
		c->width = digits(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			c->prec_star = true;
			c->prec_arg = arg_number(&p);
		} else {
			c->prec = digits(&p);
		}
	}
	p = parse_len(p, &c->len);
	c->c = *p;
	return kind_of(c) != K_NONE || *p == '%' || *p == 'm' ? p + 1 : NULL;
}

static void fetch(enum kind k, va_list *ap, union value *out)
{
	union value v = {.p = NULL};
	switch (k) {
	case K_NONE: break;
	case K_INT: v.i = va_arg(*ap, int); break;
	case K_UINT: v.u = va_arg(*ap, unsigned); break;
	case K_LONG: v.l = va_arg(*ap, long); break;
	case K_ULONG: v.ul = va_arg(*ap, unsigned long); break;
	case K_LLONG: v.ll = va_arg(*ap, long long); break;
	case K_ULLONG: v.ull = va_arg(*ap, unsigned long long); break;
	case K_INTMAX: v.j = va_arg(*ap, intmax_t); break;
	case K_UINTMAX: v.uj = va_arg(*ap, uintmax_t); break;
	case K_SSIZE: v.sz = va_arg(*ap, ssize_t); break;
	case K_SIZE: v.z = va_arg(*ap, size_t); break;
	case K_PTRDIFF: v.t = va_arg(*ap, ptrdiff_t); break;
	case K_DOUBLE: v.d = va_arg(*ap, double); break;
	case K_LDOUBLE: v.ld = va_arg(*ap, long double); break;
	case K_WINT: v.wc = va_arg(*ap, wint_t); break;
	case K_STR: v.s = va_arg(*ap, const char *); break;
	case K_WSTR: v.ws = va_arg(*ap, const wchar_t *); break;
	case K_PTR: case K_COUNT: v.p = va_arg(*ap, const void *); break;
	}
	*out = v;
}

/* Appends n in decimal at o; returns the end. */
static char *put_decimal(char *o, int n)
{
	char d[12];
	int k = 0;
	do
		d[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k > 0)
		*o++ = d[--k];
	return o;
}

/* The single conversion as a format of its own, so that snprintf needs only the one value. Written by
 * hand: it is on the path of every number on every page. `out` has room for 40 bytes. */
static void spec_text(char *out, const struct conv *c)
{
	static const char *const lens[] = {
		[LEN_NONE] = "", [LEN_HH] = "hh", [LEN_H] = "h", [LEN_L] = "l", [LEN_LL] = "ll",
		[LEN_J] = "j", [LEN_Z] = "z", [LEN_T] = "t", [LEN_BIG_L] = "L",
	};
	char *o = out;
	*o++ = '%';
	for (const char *f = c->flags; *f != '\0'; f++)
		*o++ = *f;
	if (c->width >= 0)
		o = put_decimal(o, c->width);
	if (c->prec >= 0) {
		*o++ = '.';
		o = put_decimal(o, c->prec);
	}
	for (const char *l = lens[c->len]; *l != '\0'; l++)
		*o++ = *l;
	*o++ = c->c;
	*o = '\0';
}

/* Puts the values of '*' into the conversion, as printf reads them: a negative width is the '-' flag and
 * its absolute value (INT_MIN has none: clamped), a negative precision is no precision. */
static void resolve_stars(struct conv *c, int width, int prec)
{
	if (c->width_star) {
		c->width = width == INT_MIN ? INT_MAX : width < 0 ? -width : width;
		size_t nf = strlen(c->flags);
		if (width < 0 && nf + 1 < sizeof(c->flags))
			c->flags[nf] = '-';
	}
	if (c->prec_star)
		c->prec = prec < 0 ? -1 : prec;
}

/* `spec` is built by spec_text from a conversion the compiler checked in the caller's literal format,
 * and the value is read at the type that conversion names; that is why a non-literal format is safe here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int format_one(char *out, size_t cap, const char *spec, enum kind k, const union value *v)
{
	switch (k) {
	case K_NONE: return snprintf(out, cap, spec, 0);   /* %% or %m (errno): the 0 goes unread */
	case K_INT: return snprintf(out, cap, spec, v->i);
	case K_UINT: return snprintf(out, cap, spec, v->u);
	case K_LONG: return snprintf(out, cap, spec, v->l);
	case K_ULONG: return snprintf(out, cap, spec, v->ul);
	case K_LLONG: return snprintf(out, cap, spec, v->ll);
	case K_ULLONG: return snprintf(out, cap, spec, v->ull);
	case K_INTMAX: return snprintf(out, cap, spec, v->j);
	case K_UINTMAX: return snprintf(out, cap, spec, v->uj);
	case K_SSIZE: return snprintf(out, cap, spec, v->sz);
	case K_SIZE: return snprintf(out, cap, spec, v->z);
	case K_PTRDIFF: return snprintf(out, cap, spec, v->t);
	case K_DOUBLE: return snprintf(out, cap, spec, v->d);
	case K_LDOUBLE: return snprintf(out, cap, spec, v->ld);
	case K_WINT: return snprintf(out, cap, spec, v->wc);
	case K_STR: return snprintf(out, cap, spec, v->s ? v->s : "");
	case K_WSTR: return snprintf(out, cap, spec, v->ws ? v->ws : L"");
	case K_PTR: return snprintf(out, cap, spec, v->p);
	case K_COUNT: return -1;   /* %n is refused: markup has no use for writing through a pointer */
	}
	return -1;
}
#pragma GCC diagnostic pop

/* The magnitude and sign of a plain %d, %ld, %llu...: the conversions of most numbers on a page, written
 * without snprintf. False for the others (short lengths truncate; flags, width and precision pad). */
static bool plain_decimal(const struct conv *c, enum kind k, const union value *v, bool *neg,
                          unsigned long long *mag)
{
	if ((c->c != 'd' && c->c != 'i' && c->c != 'u') || c->flags[0] != '\0' || c->width >= 0 || c->prec >= 0 ||
	    c->len == LEN_HH || c->len == LEN_H)
		return false;
	long long s;
	switch (k) {
	case K_INT: s = v->i; break;
	case K_LONG: s = v->l; break;
	case K_LLONG: s = v->ll; break;
	case K_SSIZE: s = v->sz; break;
	case K_UINT: *neg = false, *mag = v->u; return true;
	case K_ULONG: *neg = false, *mag = v->ul; return true;
	case K_ULLONG: *neg = false, *mag = v->ull; return true;
	case K_SIZE: *neg = false, *mag = v->z; return true;
	default: return false;
	}
	*neg = s < 0;
	*mag = s < 0 ? 0ULL - (unsigned long long)s : (unsigned long long)s;
	return true;
}

static void put_decimal_ull(struct buf *b, bool neg, unsigned long long mag)
{
	char d[24];
	int k = (int)sizeof(d);
	do
		d[--k] = (char)('0' + mag % 10);
	while ((mag /= 10) > 0);
	if (neg)
		d[--k] = '-';
	buf_put(b, d + k, sizeof(d) - (size_t)k);
}

/* Formats one conversion and escapes the result into b. Returns -1 when snprintf refuses (%n, a wide
 * character with no multibyte form) or memory runs out. */
static int put_conv(struct buf *b, const struct conv *c, const union value *v, int err)
{
	enum kind k = kind_of(c);
	if (k == K_STR && c->width < 0 && c->flags[0] == '\0') {   /* the common %s and %.*s, without a copy */
		const char *s = v->s ? v->s : "";
		html_escape(b, s, c->prec >= 0 ? strnlen(s, (size_t)c->prec) : strlen(s));
		return 0;
	}
	bool neg;
	unsigned long long mag;
	if (plain_decimal(c, k, v, &neg, &mag)) {
		put_decimal_ull(b, neg, mag);
		return 0;
	}
	char spec[40], small[128];
	spec_text(spec, c);
	errno = err;   /* for %m */
	int n = format_one(small, sizeof(small), spec, k, v);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof(small)) {
		html_escape(b, small, (size_t)n);
		return 0;
	}
	char *big = malloc((size_t)n + 1);
	if (big == NULL)
		return -1;
	errno = err;
	format_one(big, (size_t)n + 1, spec, k, v);
	html_escape(b, big, (size_t)n);
	free(big);
	return 0;
}

/* Sequential arguments: each '*' and each conversion takes the next one. */
static const char *html_next(struct buf *b, const char *p, va_list *ap, int err)
{
	struct conv c;
	const char *end = parse_conv(p, &c);
	if (end == NULL || c.arg != 0)
		return NULL;
	int width = c.width_star ? va_arg(*ap, int) : 0;
	int prec = c.prec_star ? va_arg(*ap, int) : 0;
	resolve_stars(&c, width, prec);
	union value v;
	fetch(kind_of(&c), ap, &v);
	return put_conv(b, &c, &v, err) == 0 ? end : NULL;
}

/* Numbered arguments (%1$s, *2$): the types of all of them are known only after reading the whole format,
 * so a first pass collects them, the arguments are fetched in order, and a second pass formats. */
static bool html_numbered(struct buf *b, const char *fmt, va_list *ap, int err)
{
	enum { MAX_ARGS = 128 };
	enum kind kinds[MAX_ARGS + 1] = {K_NONE};
	union value vals[MAX_ARGS + 1] = {{.i = 0}};   /* [0]: for %% and %m, and unused stars */
	int most = 0;
	struct conv c;
	for (const char *p = strchr(fmt, '%'); p != NULL; p = strchr(p, '%')) {
		if ((p = parse_conv(p + 1, &c)) == NULL || c.width_arg > MAX_ARGS || c.prec_arg > MAX_ARGS ||
		    c.arg > MAX_ARGS)
			return false;
		if (c.c == '%' || c.c == 'm')
			continue;
		if (c.arg == 0 || (c.width_star && c.width_arg == 0) || (c.prec_star && c.prec_arg == 0))
			return false;   /* printf forbids mixing numbered and unnumbered */
		kinds[c.arg] = kind_of(&c);
		if (c.width_star)
			kinds[c.width_arg] = K_INT;
		if (c.prec_star)
			kinds[c.prec_arg] = K_INT;
		most = c.arg > most ? c.arg : most;
		most = c.width_arg > most ? c.width_arg : most;
		most = c.prec_arg > most ? c.prec_arg : most;
	}
	for (int i = 1; i <= most; i++) {
		if (kinds[i] == K_NONE)
			return false;   /* a gap: the type of the skipped argument is unknown */
		fetch(kinds[i], ap, &vals[i]);
	}
	for (const char *p = fmt; *p != '\0';) {
		const char *pct = strchr(p, '%');
		if (pct == NULL) {
			buf_puts(b, p);
			break;
		}
		buf_put(b, p, (size_t)(pct - p));
		p = parse_conv(pct + 1, &c);
		resolve_stars(&c, vals[c.width_arg].i, vals[c.prec_arg].i);
		if (put_conv(b, &c, &vals[c.arg], err) != 0)
			return false;
	}
	return true;
}

/* Whether the format numbers its arguments: printf has it all or nothing, so the first conversion tells. */
static bool numbered(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p != NULL; p = strchr(p + 2, '%')) {
		if (p[1] != '%') {
			const char *q = p + 1;
			return arg_number(&q) != 0;
		}
	}
	return false;
}

void html(struct req *r, const char *fmt, ...)
{
	int err = errno;
	struct buf *b = &r->resp.body;
	va_list ap;
	va_start(ap, fmt);
	bool ok = true;
	if (numbered(fmt)) {
		ok = html_numbered(b, fmt, &ap, err);
	} else {
		for (const char *p = fmt; ok && *p != '\0';) {
			const char *pct = strchr(p, '%');
			if (pct == NULL) {
				buf_puts(b, p);
				break;
			}
			buf_put(b, p, (size_t)(pct - p));
			p = html_next(b, pct + 1, &ap, err);
			ok = p != NULL;
		}
	}
	va_end(ap);
	if (!ok) {
		/* Only %n, a wide character with no multibyte form, or running out of memory get here (the compiler
		 * rejects the rest): make it visible. */
		buf_puts(b, "[bad format]");
		b->failed = 1;
	}
}

/* The request's catalog, its language chosen now if it has not been. */
static const struct catalog *catalog_of(struct req *r)
{
	if (r->lang == NULL && r->site && r->site->language)
		r->site->language(r);
	return r->cat;
}

const char *tr(struct req *r, const char *id)
{
	return msg_get(catalog_of(r), NULL, id);
}

const char *trp(struct req *r, const char *ctx, const char *id)
{
	return msg_get(catalog_of(r), ctx, id);
}

const char *trn(struct req *r, const char *id, const char *plural, unsigned long n)
{
	return msg_nget(catalog_of(r), NULL, id, plural, n);
}
