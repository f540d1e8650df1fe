/* request.c: turns the web server's raw values into a validated struct req. Pure: no I/O, no libfcgi,
 * so every rule here is unit-tested with tables of good and bad vectors. */
#include "server/http.h"

#include "core/metrics.h"
#include "core/utf8.h"
#include "server/html.h"
#include "store/db.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX (and '+' as space when asked). Refuses a bad escape, a decoded NUL and invalid UTF-8. */
int http_pct_decode(struct arena *a, const char *s, size_t n, bool plus_is_space, char **out, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	if (d == NULL)
		return 413;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (n - i < 3)
				return 400;
			int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return 400;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			return 400;
		d[j++] = (char)c;
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return 400;
	*out = d;
	*outlen = j;
	return 0;
}

/* True when every %XX escape of s is complete and none decodes to NUL: a value that still fails to decode
 * is then not UTF-8. */
static bool pct_well_formed(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '%' && (n - i < 3 || hexval((unsigned char)s[i + 1]) < 0 || hexval((unsigned char)s[i + 2]) < 0 ||
		                    (s[i + 1] == '0' && s[i + 2] == '0')))
			return false;
	return true;
}

int http_parse_urlencoded(struct arena *a, const char *s, size_t n, struct kvlist *out, const char **err)
{
	out->v = NULL;
	out->n = 0;
	if (n == 0)
		return 0;
	/* Count pieces first so the array is allocated once. */
	size_t pieces = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '&')
			pieces++;
	if (pieces > HTTP_PARAMS_MAX * 2) {
		*err = N_("too many parameters");
		return 400;
	}
	out->v = arena_alloc(a, pieces * sizeof(struct kv));
	if (out->v == NULL)
		return 413;
	size_t start = 0;
	while (start <= n) {
		size_t end = start;
		while (end < n && s[end] != '&')
			end++;
		if (end > start) {
			const char *p = s + start;
			size_t plen = end - start;
			const char *eq = memchr(p, '=', plen);
			size_t klen = eq ? (size_t)(eq - p) : plen;
			const char *vp = eq ? eq + 1 : p + plen;
			size_t vlen = eq ? plen - klen - 1 : 0;
			char *key, *val;
			size_t kdl, vdl;
			if (out->n >= HTTP_PARAMS_MAX) {
				*err = N_("too many parameters");
				return 400;
			}
			if (klen == 0) {
				*err = N_("empty parameter name");
				return 400;
			}
			if (http_pct_decode(a, p, klen, true, &key, &kdl) != 0) {
				*err = N_("malformed parameter name");
				return 400;
			}
			if (kdl > HTTP_KEY_MAX) {
				*err = N_("parameter name too long");
				return 400;
			}
			if (vlen > HTTP_VALUE_MAX * 3) {
				*err = N_("parameter value too long");
				return 400;
			}
			if (http_pct_decode(a, vp, vlen, true, &val, &vdl) != 0) {
				*err = pct_well_formed(vp, vlen) ? N_("a value is not valid UTF-8 text: send the form again from "
				                                   "its page, with a browser set to UTF-8")
				                                 : N_("malformed parameter value (bad percent-encoding)");
				return 400;
			}
			if (vdl > HTTP_VALUE_MAX) {
				*err = N_("parameter value too long");
				return 400;
			}
			out->v[out->n++] = (struct kv){key, val, vdl};
		}
		start = end + 1;
	}
	return 0;
}

static bool cookie_octet(unsigned char c)
{
	/* RFC 6265 cookie-octet: printable ASCII except space, DQUOTE, comma, semicolon, backslash. */
	return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
}

/* Parses "a=b; c=d". A pair that is not well-formed is skipped (another application on the same host
 * may set odd cookies); the header as a whole is refused only when it is over the limits. */
int http_parse_cookies(struct arena *a, const char *s, struct kvlist *out, const char **err)
{
	out->v = NULL;
	out->n = 0;
	if (s == NULL || *s == '\0')
		return 0;
	size_t n = strlen(s);
	if (n > HTTP_COOKIE_MAX) {
		*err = N_("cookie header too large");
		return 400;
	}
	out->v = arena_alloc(a, HTTP_COOKIES_MAX * sizeof(struct kv));
	if (out->v == NULL)
		return 413;
	size_t i = 0, seen = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == ';'))
			i++;
		size_t start = i;
		while (i < n && s[i] != ';')
			i++;
		if (i == start)
			continue;
		if (++seen > HTTP_COOKIES_MAX) {
			*err = N_("too many cookies");
			return 400;
		}
		const char *p = s + start;
		size_t plen = i - start;
		while (plen > 0 && p[plen - 1] == ' ')
			plen--;
		const char *eq = memchr(p, '=', plen);
		if (eq == NULL || eq == p)
			continue;
		size_t klen = (size_t)(eq - p), vlen = plen - klen - 1;
		const char *v = eq + 1;
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v++;
			vlen -= 2;
		}
		bool ok = true;
		for (size_t k = 0; k < klen && ok; k++)
			ok = cookie_octet((unsigned char)p[k]) && p[k] != '=';
		for (size_t k = 0; k < vlen && ok; k++)
			ok = cookie_octet((unsigned char)v[k]);
		if (!ok)
			continue;
		char *key = arena_strndup(a, p, klen), *val = arena_strndup(a, v, vlen);
		if (key == NULL || val == NULL)
			return 413;
		out->v[out->n++] = (struct kv){key, val, vlen};
	}
	return 0;
}

const char *http_kv_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

static const char *dupnull(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

int http_parse(struct req *r, const struct req_raw *raw, const char **err)
{
	static const char *const empty = "";
	int rc;

	*err = NULL;
	r->method_name = raw->method ? raw->method : "";
	if (strcmp(r->method_name, "GET") == 0)
		r->method = METHOD_GET;
	else if (strcmp(r->method_name, "HEAD") == 0)
		r->method = METHOD_HEAD;
	else if (strcmp(r->method_name, "POST") == 0)
		r->method = METHOD_POST;
	else
		r->method = METHOD_OTHER;
	r->https = raw->https != NULL && (strcmp(raw->https, "on") == 0 || strcmp(raw->https, "1") == 0);
	r->remote_addr = dupnull(r->arena, raw->remote_addr ? raw->remote_addr : "");
	r->origin = dupnull(r->arena, raw->origin);
	r->host = dupnull(r->arena, raw->host);
	r->authorization = dupnull(r->arena, raw->authorization);
	r->if_none_match = dupnull(r->arena, raw->if_none_match);
	r->accept_language = dupnull(r->arena, raw->accept_language);
	r->path = "/";
	r->raw_query = empty;

	const char *uri = raw->request_uri ? raw->request_uri : "/";
	size_t ulen = strlen(uri);
	if (ulen > HTTP_URI_MAX) {
		*err = N_("address too long");
		return 400;
	}
	const char *q = memchr(uri, '?', ulen);
	size_t plen = q ? (size_t)(q - uri) : ulen;
	const char *hash = memchr(uri, '#', ulen);
	if (hash != NULL && (q == NULL || hash < q))
		plen = (size_t)(hash - uri);
	char *path;
	size_t pdl;
	if (plen == 0 || uri[0] != '/') {
		*err = N_("malformed address");
		return 400;
	}
	if (http_pct_decode(r->arena, uri, plen, false, &path, &pdl) != 0) {
		*err = N_("malformed address (bad percent-encoding or invalid UTF-8)");
		return 400;
	}
	if (pdl > HTTP_PATH_MAX) {
		*err = N_("address too long");
		return 400;
	}
	for (size_t i = 0; i < pdl; i++) {
		unsigned char c = (unsigned char)path[i];
		if (c < 0x20 || c == 0x7F) {
			*err = N_("control character in address");
			return 400;
		}
	}
	r->path = path;

	if (q != NULL) {
		const char *qs = q + 1;
		const char *qe = memchr(qs, '#', ulen - (size_t)(qs - uri));
		size_t qlen = qe ? (size_t)(qe - qs) : ulen - (size_t)(qs - uri);
		r->raw_query = arena_strndup(r->arena, qs, qlen);
		if (r->raw_query == NULL)
			return 413;
		if ((rc = http_parse_urlencoded(r->arena, qs, qlen, &r->query, err)) != 0)
			return rc;
	}

	if ((rc = http_parse_cookies(r->arena, raw->cookie, &r->cookies, err)) != 0)
		return rc;

	if (raw->body_len > 0) {
		const char *ct = raw->content_type ? raw->content_type : "";
		size_t ctl = strcspn(ct, ";");
		while (ctl > 0 && ct[ctl - 1] == ' ')
			ctl--;
		if (ctl != 33 || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
			*err = N_("unsupported form encoding");
			return 415;
		}
		if ((rc = http_parse_urlencoded(r->arena, raw->body, raw->body_len, &r->form, err)) != 0)
			return rc;
	}
	return 0;
}

/* Why the value s (n bytes) does not fit field f, or NULL when it does. Text is measured in characters
 * (core/utf8.h), and the reason says how many. */
static const char *field_check(struct arena *a, const struct field *f, const char *s, size_t n, long long *iv)
{
	switch (f->kind) {
	case FIELD_TEXT:
	case FIELD_TEXTAREA:
		if (utf8_has_control(s, n, f->kind == FIELD_TEXTAREA))
			return "contains a control character";
		{
			size_t k = utf8_chars(s, n);
			const char *why = NULL;
			if ((long long)k < f->min)
				why = arena_printf(a, "is too short: %zu characters, at least %lld", k, f->min);
			else if ((long long)k > f->max)
				why = arena_printf(a, "is too long: %zu characters, at most %lld", k, f->max);
			else
				return NULL;
			return why ? why : "has the wrong length";
		}
	case FIELD_INT: {
		size_t i = 0;
		bool neg = false;
		if (n > 0 && s[0] == '-') {
			neg = true;
			i = 1;
		}
		if (i == n || n - i > 18)
			return "is not a number";
		long long v = 0;
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return "is not a number";
			v = v * 10 + (s[i] - '0');
		}
		if (neg)
			v = -v;
		if (v < f->min || v > f->max)
			return "is out of range";
		*iv = v;
		return NULL;
	}
	case FIELD_SLUG:
	case FIELD_TOKEN:
		if ((long long)n < f->min)
			return "is too short";
		if ((long long)n > f->max)
			return "is too long";
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
			if (f->kind == FIELD_TOKEN)
				ok = ok || (c >= 'A' && c <= 'Z') || c == '_';
			if (!ok)
				return "has a character that is not allowed";
		}
		return NULL;
	}
	return "has an unknown kind";
}

/* Fills r->in[] for the declared fields: from the form on POST, from the query otherwise. Returns 0, or
 * 400 with err naming the first bad field; every field's state is set either way, so a lenient handler
 * can re-display a form with its errors. */
int http_fields_validate(struct req *r, const struct field *fields, size_t n, const char **err)
{
	int rc = 0;
	const struct kvlist *src = r->method == METHOD_POST ? &r->form : &r->query;
	for (size_t i = 0; i < n && i < HTTP_FIELDS_MAX; i++) {
		const struct field *f = &fields[i];
		struct field_val *v = &r->in[i];
		*v = (struct field_val){0};
		long long *ints = f->repeated && f->kind == FIELD_INT ? arena_alloc(r->arena, sizeof(*ints) * src->n) : NULL;
		const char *why = f->repeated && f->kind == FIELD_INT && src->n > 0 && ints == NULL ? "is out of memory" : NULL;
		for (size_t k = 0; k < src->n && why == NULL; k++) {
			const struct kv *kv = &src->v[k];
			if (strcmp(kv->key, f->name) != 0 || (f->repeated && kv->vlen == 0))
				continue;
			if (v->count > 0 && !f->repeated) {
				why = "is given twice";
				break;
			}
			long long iv = 0;
			if (kv->vlen > 0)
				why = field_check(r->arena, f, kv->val, kv->vlen, &iv);
			if (v->count == 0 && kv->vlen > 0) {   /* an empty value counts as missing */
				v->s = kv->val;
				v->len = kv->vlen;
				v->i = iv;
			}
			if (ints != NULL)
				ints[v->count] = iv;
			v->count++;
		}
		v->ints = ints;
		if (why == NULL && v->len == 0) {
			v->state = FIELD_MISSING;
			if (f->required)
				why = "is required";
		}
		if (why != NULL) {
			v->state = FIELD_INVALID;
			if (rc == 0 && err != NULL)
				*err = arena_printf(r->arena, "field '%s' %s", f->name, why);
			rc = 400;
		} else if (v->len > 0) {
			v->state = FIELD_OK;
		}
	}
	return rc;
}

struct db *req_reports_db(struct req *r)
{
	if (r->replica == NULL)
		return r->db;
	if (db_ensure(r->replica) == DB_OK) {
		metrics_add(&metrics_get()->replica_reads, 1);
		return r->replica;
	}
	metrics_add(&metrics_get()->replica_fallbacks, 1);
	return r->db;
}
