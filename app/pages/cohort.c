/* cohort.c: what every page about a cohort starts from: opening the cohort (its trainee, its module) for
 * the signed-in person, its navigation and pager, its privacy rule, and how its dates and join code read. */
#include "pages/cohort.h"

#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "security/security.h"
#include "store/accounts.h"

bool cohort_open(struct req *r, struct cohort *c)
{
	enum store_rc rc = db_cohort_get(r->db, r->arena, r->arg[0].i, r->me->id, r->me->role == ROLE_ADMIN, c);
	return !http_store_failed(r, rc, rc == STORE_NONE ? "no such cohort among yours" : "database unavailable");
}

bool cohort_open_staff(struct req *r, struct cohort *c)
{
	if (r->me == NULL || !role_is_staff(r->me->role)) {
		http_error(r, 404, NULL);
		return false;
	}
	return cohort_open(r, c);
}

bool cohort_trainee_open(struct req *r, const struct cohort *c, struct account *a)
{
	enum store_rc rc = db_user_by_id(r->db, r->arg[1].i, a);
	if (rc == STORE_OK && (a->role != ROLE_TRAINEE || a->cohort_id != c->id))
		rc = STORE_NONE;   /* staff, or another cohort's trainee: answered as one that does not exist */
	return !http_store_failed(r, rc, rc == STORE_NONE ? "no such trainee in this cohort" : "database unavailable");
}

void cohort_nav(struct req *r, const struct cohort *c, const char *here)
{
	/* The labels are also the keys callers pass as `here` (in English); each is shown translated. */
	static const struct {
		const char *label, *suffix;
	} items[] = {
		{N_("Overview"), ""}, {N_("Trainees"), "/roster"}, {N_("Settings"), "/settings"}, {N_("Join sheet"), "/sheet"},
	};
	html(r, "<p class=\"crumbs\"><a href=\"/cohorts\">%s</a> <span class=\"dir-arrow\" aria-hidden=\"true\">›</span> "
	        "<bdi>%s</bdi></p>\n"
	        "<nav aria-label=\"%s\" class=\"tabs\"><ul>\n",
	     _("Cohorts"), c->name, _("Cohort"));
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (strcmp(items[i].label, here) == 0)
			html(r, "<li><a href=\"/cohorts/%lld%s\" aria-current=\"page\">%s</a></li>\n", c->id, items[i].suffix,
			     tr(r, items[i].label));
		else
			html(r, "<li><a href=\"/cohorts/%lld%s\">%s</a></li>\n", c->id, items[i].suffix, tr(r, items[i].label));
	}
	html(r, "</ul></nav>\n");
	if (c->archived)
		html(r, "<p class=\"notice\">%s</p>\n", _("This cohort is archived: nobody can join it."));
}

bool cohort_shown(const struct cohort *c, long long count, long long of)
{
	return report_count_shown(c->aggregate_only, count, of);
}

bool cohort_counts_shown(const struct cohort *c, const int *counts, size_t n, long long of)
{
	return report_counts_shown(c->aggregate_only, counts, n, of);
}

bool cohort_refuse_rows(struct req *r, const struct cohort *c)
{
	if (!c->aggregate_only)
		return false;
	http_error(r, 403, "this cohort is marked aggregate only: it shows no individual trainees");
	return true;
}

void report_pager(struct req *r, const char *base, const char *anchor, int page, int pages)
{
	if (pages <= 1)
		return;
	html(r, "<nav aria-label=\"%s\" class=\"pager\">", _("Pages of trainees"));
	if (page > 1)
		html(r, "<a href=\"%s?page=%d%s\">%s</a>", base, page - 1, anchor, _("Previous page"));
	html(r, "<span>");
	html(r, _("Page %d of %d"), page, pages);
	html(r, "</span>");
	if (page < pages)
		html(r, "<a href=\"%s?page=%d%s\">%s</a>", base, page + 1, anchor, _("Next page"));
	html(r, "</nav>\n");
}

const char *join_code_display(struct req *r, const struct cohort *c)
{
	return c->join_code[0] ? arena_printf(r->arena, "%.4s-%.4s", c->join_code, c->join_code + 4) : "";
}

const struct cohort_module *cohort_module_named(struct req *r, const struct cohort *c)
{
	struct cohort_module *mods;
	int n;
	if (http_store_failed(r, db_cohort_modules(r->db, r->arena, c->id, &mods, &n), "database unavailable"))
		return NULL;
	for (int i = 0; i < n; i++)
		if (mods[i].assigned && strcmp(mods[i].m.slug, r->arg[1].s) == 0)
			return &mods[i];
	http_error(r, 404, "this module is not assigned to the cohort");
	return NULL;
}

enum store_rc cohort_new_code(struct req *r, long long id, const char *name, long long *created)
{
	enum store_rc rc = STORE_TAKEN;
	for (int tries = 0; tries < 5 && rc == STORE_TAKEN; tries++) {
		char display[16], code[SEC_JOIN_SYMBOLS + 1];
		if (sec_code_new(SEC_JOIN_SYMBOLS, display, sizeof(display)) != 0 ||
		    !sec_code_parse(display, SEC_JOIN_SYMBOLS, code, sizeof(code)))
			return STORE_FAILED;
		rc = id > 0 ? db_cohort_code(r->db, id, code) : db_cohort_create(r->db, name, code, r->me->id, created);
	}
	/* Five taken codes in a row are nobody's doing: a failure to try again later, not a conflict (409). */
	return rc == STORE_TAKEN ? STORE_FAILED : rc;
}
