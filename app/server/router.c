/* router.c: matches a path against the dispatch table's patterns, checks each typed capture, and picks
 * among one pattern's POST rows by the form's "action" field. */
#include "server/server.h"

#include <stdint.h>
#include <string.h>

static const struct {
	const char *name;    /* as written in a pattern, braces included */
	enum arg_kind kind;
} captures[] = {
	{"{id}", ARG_ID},
	{"{n}", ARG_N},
	{"{slug}", ARG_SLUG},
	{"{code}", ARG_CODE},
};

/* A capture before it is copied out of the path: the segment is not NUL-terminated there. */
struct capture {
	const char *p;
	size_t len;
	long long i;
};

/* A decimal number from 1 to max, with no sign and no leading zero, so that each value has one URL. */
static bool decimal(const char *s, size_t n, long long max, long long *v)
{
	if (n == 0 || s[0] == '0')
		return false;
	long long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		int d = s[i] - '0';
		if (x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

/* [a-z0-9-] (and A-Z with `upper`), 1 to max bytes. Bytes of UTF-8 are never among them. */
static bool word(const char *s, size_t n, size_t max, bool upper)
{
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (upper && c >= 'A' && c <= 'Z')))
			return false;
	}
	return true;
}

static bool segment_fits(enum arg_kind kind, const char *s, size_t n, long long *v)
{
	*v = 0;
	switch (kind) {
	case ARG_ID:
		return decimal(s, n, INT64_MAX, v);
	case ARG_N:
		return decimal(s, n, HTTP_N_MAX, v);
	case ARG_SLUG:
		return word(s, n, HTTP_SLUG_MAX, false);
	case ARG_CODE:
		return word(s, n, HTTP_CODE_MAX, true);
	}
	return false;
}

/* The capture `pat` starts with ("{id}" ...), and its length in *len; -1 for a name the router does not
 * know, which then matches nothing (the route table's test finds such a row unreachable). */
static int capture_kind(const char *pat, size_t *len)
{
	for (size_t k = 0; k < sizeof(captures) / sizeof(captures[0]); k++) {
		*len = strlen(captures[k].name);
		if (strncmp(pat, captures[k].name, *len) == 0)
			return (int)captures[k].kind;
	}
	return -1;
}

/* Matches one pattern; fills cap[] and *ncap. */
static bool match(const char *pat, const char *path, struct capture *cap, size_t *ncap)
{
	size_t n = 0;
	while (*pat != '\0' && *path != '\0') {
		if (*pat == '{') {
			size_t plen, len = strcspn(path, "/");
			int kind = capture_kind(pat, &plen);
			if (kind < 0 || n >= HTTP_ARGS_MAX || !segment_fits((enum arg_kind)kind, path, len, &cap[n].i))
				return false;
			cap[n].p = path;
			cap[n++].len = len;
			pat += plen;
			path += len;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	*ncap = n;
	return *pat == '\0' && *path == '\0';
}

/* The form's "action" when it names exactly one; NULL otherwise. */
static const char *form_action(const struct req *r)
{
	const char *action = NULL;
	for (size_t k = 0; k < r->form.n; k++) {
		if (strcmp(r->form.v[k].key, "action") != 0)
			continue;
		if (action != NULL)
			return NULL;
		action = r->form.v[k].val;
	}
	return action;
}

int router_match(struct req *r, const struct route *routes, size_t n, unsigned *allow)
{
	struct capture cap[HTTP_ARGS_MAX];
	size_t ncap;
	const char *named = r->method == METHOD_POST ? form_action(r) : NULL;
	bool by_action = false;
	*allow = 0;
	r->narg = 0;
	for (size_t i = 0; i < n; i++) {
		if (!match(routes[i].pattern, r->path, cap, &ncap))
			continue;
		unsigned m = routes[i].methods;
		if (m & METHOD_GET)
			m |= METHOD_HEAD;
		if (!(r->method & m)) {
			*allow |= m;
			continue;
		}
		if (routes[i].action != NULL) {
			by_action = true;
			if (named == NULL || strcmp(named, routes[i].action) != 0)
				continue;
		}
		for (size_t k = 0; k < ncap; k++)
			r->arg[k] = (struct path_arg){arena_strndup(r->arena, cap[k].p, cap[k].len), cap[k].i};
		r->narg = ncap;
		r->route = &routes[i];
		return 0;
	}
	return by_action ? 400 : *allow ? 405 : 404;
}
