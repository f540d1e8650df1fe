/* router.c: matches a path against the dispatch table's patterns. */
#include "server/server.h"

#include <string.h>

/* Matches one pattern; captures "{}" segments. A capture is a non-empty segment. */
static bool match(const char *pat, const char *path, struct req *r)
{
	size_t nargs = 0;
	while (*pat != '\0' && *path != '\0') {
		if (pat[0] == '{' && pat[1] == '}') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || nargs >= HTTP_ARGS_MAX)
				return false;
			r->args[nargs++] = arena_strndup(r->arena, path, len);
			pat += 2;
			path += len;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	if (*pat != '\0' || *path != '\0')
		return false;
	r->nargs = nargs;
	return true;
}

int router_match(struct req *r, const struct route *routes, size_t n, unsigned *allow)
{
	*allow = 0;
	for (size_t i = 0; i < n; i++) {
		if (!match(routes[i].pattern, r->path, r))
			continue;
		unsigned m = routes[i].methods;
		if (m & METHOD_GET)
			m |= METHOD_HEAD;
		if (r->method & m) {
			r->route = &routes[i];
			return 0;
		}
		*allow |= m;
	}
	r->nargs = 0;
	return *allow ? 405 : 404;
}
