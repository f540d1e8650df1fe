/* test_router.c: route matching, typed captures, action rows, 404, 405 and 400; and the site's own table. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>

#include "core/metrics.h"
#include "pages/pages.h"
#include "server/server.h"

#define G METHOD_GET
#define P METHOD_POST

static void h(struct req *r) { (void)r; }
static const struct route routes[] = {
	/* 0 */ {"/", G, NULL, h, NULL, 0},
	/* 1 */ {"/join", G | P, NULL, h, NULL, 0},
	/* 2 */ {"/signout", P, NULL, h, NULL, 0},
	/* 3 */ {"/modules/{slug}", G, NULL, h, NULL, 0},
	/* 4 */ {"/modules/{slug}/lessons/{n}", G, NULL, h, NULL, 0},
	/* 5 */ {"/cohorts/{id}", G, NULL, h, NULL, 0},
	/* 6 */ {"/cohorts/{id}/trainees/{id}/merge", G | P, NULL, h, NULL, 0},
	/* 7 */ {"/live/{code}", G, NULL, h, NULL, 0},
	/* 8 */ {"/live/{code}", P, "answer", h, NULL, 0},
	/* 9 */ {"/live/{code}", P, "vote", h, NULL, 0},
	/* 10 */ {"/users/{id}/disable", P, NULL, h, NULL, 0},
	/* 11 */ {"/console/{id}", P, "next", h, NULL, 0},
	/* 12 */ {"/console/{id}", P, "prev", h, NULL, 0},
	/* 13 */ {"/odd/{what}", G, NULL, h, NULL, 0},   /* a capture the router does not know: never matches */
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

struct route_vec {
	enum method m;
	const char *path;
	const char *form;     /* the POST body, urlencoded; NULL for none */
	int rc;
	int idx;
	size_t narg;
	const char *a0, *a1;
	long long i0, i1;
	unsigned allow;       /* for 405: exactly these */
};

ParameterizedTestParameters(router, vectors)
{
	static struct route_vec v[] = {
		{G, "/", NULL, 0, 0, 0, NULL, NULL, 0, 0, 0},
		{METHOD_HEAD, "/", NULL, 0, 0, 0, NULL, NULL, 0, 0, 0},
		{P, "/", NULL, 405, -1, 0, NULL, NULL, 0, 0, G | METHOD_HEAD},
		{METHOD_OTHER, "/", NULL, 405, -1, 0, NULL, NULL, 0, 0, G | METHOD_HEAD},
		{P, "/join", NULL, 0, 1, 0, NULL, NULL, 0, 0, 0},
		{P, "/join", "action=whatever", 0, 1, 0, NULL, NULL, 0, 0, 0},   /* no action rows: the field is the page's */
		{G, "/signout", NULL, 405, -1, 0, NULL, NULL, 0, 0, P},
		{G, "/nope", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "//", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/join/", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},

		/* {slug}: [a-z0-9-], 1 to HTTP_SLUG_MAX bytes */
		{G, "/modules/rights", NULL, 0, 3, 1, "rights", NULL, 0, 0, 0},
		{G, "/modules/a", NULL, 0, 3, 1, "a", NULL, 0, 0, 0},
		{G, "/modules/data-2024-v2", NULL, 0, 3, 1, "data-2024-v2", NULL, 0, 0, 0},
		{G, "/modules/0123456789012345678901234567890123456789", NULL, 0, 3, 1, "0123456789012345678901234567890123456789",
		 NULL, 0, 0, 0},                                                            /* 40 bytes */
		{G, "/modules/01234567890123456789012345678901234567890", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},   /* 41 */
		{G, "/modules/", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/Rights", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/a_b", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/a.b", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/a b", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/caf\xc3\xa9", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},        /* UTF-8 */
		{G, "/modules/a/b", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},

		/* {n}: 1 to HTTP_N_MAX, no sign, no leading zero */
		{G, "/modules/rights/lessons/2", NULL, 0, 4, 2, "rights", "2", 0, 2, 0},
		{G, "/modules/rights/lessons/1", NULL, 0, 4, 2, "rights", "1", 0, 1, 0},
		{G, "/modules/rights/lessons/9999", NULL, 0, 4, 2, "rights", "9999", 0, 9999, 0},
		{G, "/modules/rights/lessons/10000", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/0", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/02", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/+2", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/-2", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/2a", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/%32", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},   /* the path arrives decoded */
		{G, "/modules/rights/lessons/\xd9\xa2", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},   /* Arabic-Indic two */
		{G, "/modules//lessons/2", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/modules/rights/lessons/", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},

		/* {id}: 1 to INT64_MAX, no sign, no leading zero */
		{G, "/cohorts/1", NULL, 0, 5, 1, "1", NULL, 1, 0, 0},
		{G, "/cohorts/9223372036854775807", NULL, 0, 5, 1, "9223372036854775807", NULL, 9223372036854775807LL, 0, 0},
		{G, "/cohorts/9223372036854775808", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/99999999999999999999", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/0", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/007", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/-1", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/+1", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/1e3", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/0x10", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/ 1", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/12/trainees/34/merge", NULL, 0, 6, 2, "12", "34", 12, 34, 0},
		{P, "/cohorts/12/trainees/34/merge", NULL, 0, 6, 2, "12", "34", 12, 34, 0},
		{G, "/cohorts/12/trainees/x/merge", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/cohorts/12/trainees/34/bogus", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},

		/* {code}: [A-Za-z0-9-], 1 to HTTP_CODE_MAX bytes, as typed (the page normalises it) */
		{G, "/live/K7QM4R", NULL, 0, 7, 1, "K7QM4R", NULL, 0, 0, 0},
		{G, "/live/k7qm-4r", NULL, 0, 7, 1, "k7qm-4r", NULL, 0, 0, 0},
		{G, "/live/ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", NULL, 0, 7, 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", NULL, 0, 0, 0},
		{G, "/live/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},   /* 33 */
		{G, "/live/", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/live/K7QM 4R", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/live/K7QM_4R", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/live/K7QM%4R", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/live/\xc3\x84" "BC", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},   /* UTF-8 */

		/* Action rows: the form's one "action" picks the row. */
		{P, "/live/K7QM4R", "q=1&action=answer", 0, 8, 1, "K7QM4R", NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=vote&post=2", 0, 9, 1, "K7QM4R", NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=shout", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=ANSWER", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=answe", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=answerx", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "q=1", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", NULL, 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=answer&action=answer", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/K7QM4R", "action=answer&action=vote", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/live/k7qm_4r", "action=answer", 404, -1, 0, NULL, NULL, 0, 0, 0},   /* the capture first */
		{G, "/live/K7QM4R?action=vote", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},     /* the path holds no query */
		{G, "/console/5", NULL, 405, -1, 0, NULL, NULL, 0, 0, P},   /* GET on a path with only action rows */
		{METHOD_HEAD, "/console/5", NULL, 405, -1, 0, NULL, NULL, 0, 0, P},
		{METHOD_OTHER, "/live/K7QM4R", NULL, 405, -1, 0, NULL, NULL, 0, 0, G | METHOD_HEAD | P},
		{P, "/console/5", "action=prev", 0, 12, 1, "5", NULL, 5, 0, 0},
		{P, "/console/5", "action=next", 0, 11, 1, "5", NULL, 5, 0, 0},
		{P, "/console/5", "action=nope", 400, -1, 0, NULL, NULL, 0, 0, 0},
		{P, "/users/5/disable", NULL, 0, 10, 1, "5", NULL, 5, 0, 0},
		{P, "/users/5/enable", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
		{G, "/users/5/disable", NULL, 405, -1, 0, NULL, NULL, 0, 0, P},

		{G, "/odd/x", NULL, 404, -1, 0, NULL, NULL, 0, 0, 0},
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
	if (v->form != NULL)
		cr_assert_eq(http_parse_urlencoded(&a, v->form, strlen(v->form), &r.form, &(const char *){NULL}), 0);
	unsigned allow;
	int rc = router_match(&r, routes, NROUTES, &allow);
	cr_expect_eq(rc, v->rc, "%s: rc %d want %d", v->path, rc, v->rc);
	if (v->idx >= 0) {
		cr_expect_eq(r.route, &routes[v->idx], "%s: row %td want %d", v->path, r.route - routes, v->idx);
		cr_expect_eq(r.narg, v->narg);
		if (v->a0) {
			cr_expect_str_eq(r.arg[0].s, v->a0);
			cr_expect_eq(r.arg[0].i, v->i0);
		}
		if (v->a1) {
			cr_expect_str_eq(r.arg[1].s, v->a1);
			cr_expect_eq(r.arg[1].i, v->i1);
		}
	} else {
		cr_expect_eq(r.narg, 0u, "%s: no captures without a match", v->path);
	}
	if (rc == 405)
		cr_expect_eq(allow, v->allow, "%s: allow %u want %u", v->path, allow, v->allow);
	arena_free(&a);
}

/* ---- the site's table ---- */

/* A path that row `pat` matches: each capture replaced by a value it takes. */
static void sample_path(const char *pat, char *out, size_t n)
{
	static const struct {
		const char *capture, *value;
	} samples[] = {{"{id}", "12"}, {"{n}", "3"}, {"{slug}", "rights"}, {"{code}", "K7QM4R"}};
	size_t k = 0;
	while (*pat && k + 16 < n) {
		bool done = false;
		for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]) && !done; i++) {
			size_t len = strlen(samples[i].capture);
			if (strncmp(pat, samples[i].capture, len) == 0) {
				k += (size_t)snprintf(out + k, n - k, "%s", samples[i].value);
				pat += len;
				done = true;
			}
		}
		if (!done)
			out[k++] = *pat++;
	}
	out[k] = '\0';
}

static bool declares(const struct field *f, const char *name)
{
	for (; f != NULL && f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return true;
	return false;
}

Test(router, site_table_is_consistent)
{
	cr_assert_lt(site_nroutes, (size_t)METRICS_ROUTES, "every row has its own metrics slot, and the last is 'none'");
	for (size_t i = 0; i < site_nroutes; i++) {
		const struct route *a = &site_routes[i];
		cr_expect_not_null(a->fn, "%s: a handler", a->pattern);
		cr_expect_neq(a->methods, 0u, "%s: a method", a->pattern);
		cr_expect(a->action == NULL || a->methods == METHOD_POST, "%s %s: an action row answers POST only",
		          a->pattern, a->action);
		cr_expect(!declares(a->fields, "action"), "%s: the router reads \"action\"; no row declares it", a->pattern);
		size_t nf = 0;
		while (a->fields != NULL && a->fields[nf].name != NULL)
			nf++;
		cr_expect_leq(nf, (size_t)HTTP_FIELDS_MAX, "%s: at most HTTP_FIELDS_MAX inputs", a->pattern);
		for (size_t j = 0; j < nf; j++)
			cr_expect(!declares(a->fields + j + 1, a->fields[j].name), "%s: input '%s' declared twice", a->pattern,
			          a->fields[j].name);
		for (size_t j = 0; j < site_nroutes; j++) {
			const struct route *b = &site_routes[j];
			if (j == i || strcmp(a->pattern, b->pattern) != 0)
				continue;
			cr_expect(!(a->methods & b->methods & METHOD_GET), "%s: two GET rows", a->pattern);
			if (a->methods & b->methods & METHOD_POST) {
				cr_expect(a->action != NULL && b->action != NULL,
				          "%s: a path's POST rows are all told apart by action, or it has one", a->pattern);
				cr_expect(a->action == NULL || b->action == NULL || strcmp(a->action, b->action) != 0,
				          "%s: two rows for action %s", a->pattern, a->action);
			}
		}
	}
}

/* Every row is reached by a request made for it: no earlier row shadows it, and its captures are ones the
 * router knows. */
Test(router, every_site_row_is_reachable)
{
	struct arena a;
	arena_init(&a, 1 << 16);
	for (size_t i = 0; i < site_nroutes; i++) {
		const struct route *rt = &site_routes[i];
		char path[256], form[80];
		sample_path(rt->pattern, path, sizeof(path));
		struct req r;
		memset(&r, 0, sizeof(r));
		r.arena = &a;
		r.path = path;
		r.method = rt->methods & METHOD_POST ? METHOD_POST : METHOD_GET;
		if (rt->action != NULL) {
			snprintf(form, sizeof(form), "action=%s", rt->action);
			cr_assert_eq(http_parse_urlencoded(&a, form, strlen(form), &r.form, &(const char *){NULL}), 0);
		}
		unsigned allow;
		int rc = router_match(&r, site_routes, site_nroutes, &allow);
		cr_expect_eq(rc, 0, "%s (%s): rc %d", path, rt->action ? rt->action : "-", rc);
		cr_expect_eq(r.route, rt, "%s (%s): row %td, want %zu", path, rt->action ? rt->action : "-",
		             r.route ? r.route - site_routes : -1, i);
	}
	arena_free(&a);
}
