/* fuzz_request.c: the whole request parser (http_parse) and the declared fields (http_fields_validate),
 * as the worker calls them. The input is the CGI values separated by NUL bytes: method, REQUEST_URI,
 * CONTENT_TYPE, HTTP_COOKIE, HTTPS, REMOTE_ADDR, then the body (which may hold NULs).
 * Properties: a refusal is 400, 413 or 415; an accepted request has a decoded path that starts with '/',
 * is valid UTF-8 without control characters and at most HTTP_PATH_MAX bytes, came from a REQUEST_URI of
 * at most HTTP_URI_MAX bytes, a raw query that is part of it, and query, form and cookie lists within
 * their limits; a body is only read as a urlencoded form. A declared field that validates keeps its
 * kind's promise: text within its length in characters and without control characters, an integer
 * within its range written as that integer, a slug or token of its characters only. */
#include "fuzz.h"

static struct arena A;

static const struct field fields[] = {
	{"name", FIELD_TEXT, 1, 60, true, false},
	{"note", FIELD_TEXTAREA, 0, 500, false, false},
	{"n", FIELD_INT, -5, 1000, false, false},
	{"slug", FIELD_SLUG, 1, 40, false, false},
	{"t", FIELD_TOKEN, 4, 64, false, false},
	{"ids", FIELD_INT, 1, 1000, false, true},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static void check_fields(struct req *r)
{
	const char *err = NULL;
	int rc = http_fields_validate(r, fields, NFIELDS, &err);
	FUZZ_CHECK(rc == 0 || (rc == 400 && err != NULL), "fields: %d", rc);
	for (size_t i = 0; i < NFIELDS; i++) {
		const struct field *f = &fields[i];
		const struct field_val *v = &r->in[i];
		if (v->state == FIELD_MISSING)
			FUZZ_CHECK(!f->required, "%s: a required field left missing", f->name);
		if (v->state == FIELD_INVALID)
			FUZZ_CHECK(rc == 400, "an invalid field without a refusal");
		if (v->state != FIELD_OK)
			continue;
		FUZZ_CHECK(v->s != NULL && strlen(v->s) == v->len && v->len > 0, "field %s", f->name);
		const unsigned char *s = (const unsigned char *)v->s;
		switch (f->kind) {
		case FIELD_TEXT:
		case FIELD_TEXTAREA: {
			size_t k = utf8_chars(v->s, v->len);
			FUZZ_CHECK((long long)k >= f->min && (long long)k <= f->max, "%s: %zu characters", f->name, k);
			FUZZ_CHECK(utf8_valid(v->s, v->len), "%s not UTF-8", f->name);
			for (size_t j = 0; j < v->len; j++) {
				bool ws = f->kind == FIELD_TEXTAREA && (s[j] == '\n' || s[j] == '\r' || s[j] == '\t');
				FUZZ_CHECK(ws || (s[j] >= 0x20 && s[j] != 0x7F), "%s: control byte 0x%02x", f->name, s[j]);
				FUZZ_CHECK(!(s[j] == 0xC2 && j + 1 < v->len && s[j + 1] < 0xA0), "%s: a C1 control", f->name);
			}
			break;
		}
		case FIELD_INT: {
			FUZZ_CHECK(v->i >= f->min && v->i <= f->max, "%s = %lld", f->name, v->i);
			char back[32];
			snprintf(back, sizeof(back), "%lld", v->i);
			/* The same number, perhaps with leading zeros or as -0. */
			const char *d = v->s + (v->s[0] == '-');
			while (d[0] == '0' && d[1] != '\0')
				d++;
			const char *e = back + (back[0] == '-');
			FUZZ_CHECK(strcmp(d, e) == 0, "%s: '%s' read as %lld", f->name, v->s, v->i);
			break;
		}
		case FIELD_SLUG:
		case FIELD_TOKEN:
			FUZZ_CHECK((long long)v->len >= f->min && (long long)v->len <= f->max, "%s: %zu bytes", f->name, v->len);
			for (size_t j = 0; j < v->len; j++) {
				bool ok = (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9') || s[j] == '-';
				if (f->kind == FIELD_TOKEN)
					ok = ok || (s[j] >= 'A' && s[j] <= 'Z') || s[j] == '_';
				FUZZ_CHECK(ok, "%s: byte 0x%02x", f->name, s[j]);
			}
			break;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (A.cap == 0)
		arena_init(&A, HTTP_ARENA_MAX);
	arena_reset(&A);
	char *copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	const char *part[6] = {NULL};
	size_t at = 0;
	for (int i = 0; i < 6 && at < size; i++) {
		part[i] = copy + at;
		at += strlen(copy + at) + 1;
	}
	struct req_raw raw = {
		.method = part[0], .request_uri = part[1], .content_type = part[2], .cookie = part[3], .https = part[4],
		.remote_addr = part[5], .body = at < size ? copy + at : NULL, .body_len = at < size ? size - at : 0,
	};
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	const char *err = NULL;
	int rc = http_parse(&r, &raw, &err);
	const char *uri = raw.request_uri ? raw.request_uri : "/";
	if (rc != 0) {
		FUZZ_CHECK(rc == 400 || rc == 413 || rc == 415, "status %d", rc);
		FUZZ_CHECK(rc == 413 || err != NULL, "a refusal without a reason");
		FUZZ_CHECK(rc != 415 || raw.body_len > 0, "415 without a body");
		free(copy);
		return 0;
	}
	FUZZ_CHECK(strlen(uri) <= HTTP_URI_MAX, "accepted an address of %zu bytes", strlen(uri));
	size_t pl = strlen(r.path);
	FUZZ_CHECK(r.path[0] == '/' && pl <= HTTP_PATH_MAX, "path of %zu bytes", pl);
	FUZZ_CHECK(utf8_valid(r.path, pl), "path not UTF-8");
	for (size_t i = 0; i < pl; i++)
		FUZZ_CHECK((unsigned char)r.path[i] >= 0x20 && r.path[i] != 0x7F, "control byte in the path");
	FUZZ_CHECK(r.raw_query != NULL && strlen(r.raw_query) <= strlen(uri), "raw query longer than the address");
	if (r.raw_query[0] != '\0')
		FUZZ_CHECK(strstr(uri, r.raw_query) != NULL, "raw query not in the address");
	FUZZ_CHECK(strchr(r.raw_query, '#') == NULL, "a fragment in the query");
	fuzz_check_kvlist(&r.query, HTTP_PARAMS_MAX, HTTP_KEY_MAX, HTTP_VALUE_MAX);
	fuzz_check_kvlist(&r.form, HTTP_PARAMS_MAX, HTTP_KEY_MAX, HTTP_VALUE_MAX);
	fuzz_check_kvlist(&r.cookies, HTTP_COOKIES_MAX, HTTP_COOKIE_MAX, HTTP_COOKIE_MAX);
	if (raw.body_len > 0)
		FUZZ_CHECK(raw.content_type != NULL && strncasecmp(raw.content_type, "application/x-www-form-urlencoded", 33) == 0,
		           "a body read as a form under '%s'", raw.content_type ? raw.content_type : "(none)");
	else
		FUZZ_CHECK(r.form.n == 0, "a form without a body");
	static const char *const names[] = {"GET", "HEAD", "POST"};
	for (int i = 0; i < 3; i++)
		if (strcmp(r.method_name, names[i]) == 0)
			FUZZ_CHECK(r.method == (enum method)(1 << i), "method %s", names[i]);
	check_fields(&r);
	free(copy);
	return 0;
}
