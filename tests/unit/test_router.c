/* test_router.c: route matching, captures, 404 and 405. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "server/server.h"

static void h(struct req *r) { (void)r; }
static const struct route routes[] = {
	{"/", METHOD_GET, h, NULL, 0},
	{"/join", METHOD_GET | METHOD_POST, h, NULL, 0},
	{"/signout", METHOD_POST, h, NULL, 0},
	{"/modules/{}", METHOD_GET, h, NULL, 0},
	{"/modules/{}/lessons/{}", METHOD_GET, h, NULL, 0},
};

struct route_vec { enum method m; const char *path; int rc; int idx; size_t nargs; const char *a0, *a1; };
ParameterizedTestParameters(router, vectors)
{
	static struct route_vec v[] = {
		{METHOD_GET, "/", 0, 0, 0, NULL, NULL},
		{METHOD_HEAD, "/", 0, 0, 0, NULL, NULL},
		{METHOD_POST, "/", 405, -1, 0, NULL, NULL},
		{METHOD_OTHER, "/", 405, -1, 0, NULL, NULL},
		{METHOD_POST, "/join", 0, 1, 0, NULL, NULL},
		{METHOD_GET, "/signout", 405, -1, 0, NULL, NULL},
		{METHOD_GET, "/modules/rights", 0, 3, 1, "rights", NULL},
		{METHOD_GET, "/modules/rights/lessons/2", 0, 4, 2, "rights", "2"},
		{METHOD_GET, "/modules/", 404, -1, 0, NULL, NULL},
		{METHOD_GET, "/modules//lessons/2", 404, -1, 0, NULL, NULL},
		{METHOD_GET, "/modules/a/b", 404, -1, 0, NULL, NULL},
		{METHOD_GET, "/join/", 404, -1, 0, NULL, NULL},
		{METHOD_GET, "/nope", 404, -1, 0, NULL, NULL},
		{METHOD_GET, "//", 404, -1, 0, NULL, NULL},
	};
	return cr_make_param_array(struct route_vec, v, sizeof(v) / sizeof(v[0]));
}
ParameterizedTest(struct route_vec *v, router, vectors)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &a;
	r.method = v->m;
	r.path = v->path;
	unsigned allow;
	int rc = router_match(&r, routes, sizeof(routes) / sizeof(routes[0]), &allow);
	cr_expect_eq(rc, v->rc, "%s: rc %d want %d", v->path, rc, v->rc);
	if (v->idx >= 0) {
		cr_expect_eq(r.route, &routes[v->idx]);
		cr_expect_eq(r.nargs, v->nargs);
		if (v->a0)
			cr_expect_str_eq(r.args[0], v->a0);
		if (v->a1)
			cr_expect_str_eq(r.args[1], v->a1);
	}
	if (rc == 405)
		cr_expect_neq(allow, 0u);
	arena_free(&a);
}
