/* page_lesson.c: one lesson, with previous and next. A lesson counts as read when its page is shown,
 * however the trainee reached it (the step list, Continue, next, a bookmark) and however they leave it:
 * recording what was viewed is the only thing a GET may change. */
#include <string.h>

#include "domain/account.h"
#include "domain/readability.h"
#include "pages/module_page.h"
#include "store/training.h"

void page_lesson(struct req *r)
{
	struct progress p;
	if (!module_lesson_head(r, &p))
		return;
	int n = (int)r->arg[1].i;   /* {n}: 1 to HTTP_N_MAX */
	if (n > p.m.nlessons) {
		http_error(r, 404, NULL);
		return;
	}
	const char *title, *body;
	int words;
	if (http_store_failed(r, db_lesson(r->db, r->arena, p.m.revision_id, n, &title, &body, &words), NULL))
		return;
	/* Written once: the head says which lessons were read already. */
	if (!lesson_read(&p, n)) {
		enum store_rc rc = db_mark_read(r->db, r->me->id, p.m.id, n, p.m.revision_id);
		if (rc != STORE_NONE && http_store_failed(r, rc, NULL))   /* STORE_NONE: another tab wrote it meanwhile */
			return;
	}

	layout_begin(r, title);
	module_crumbs(r, &p, arena_printf(r->arena, "Lesson %d", n));
	html(r, "<article class=\"lesson prose\">\n<h1>%s</h1>\n<p class=\"minutes\">About %d min to read</p>\n", title,
	     readability_minutes(words));
	html_trusted(r, body);   /* rendered from Markdown at load time, raw HTML refused */
	html(r, "</article>\n<nav class=\"pager\" aria-label=\"Lessons\">\n");
	if (n > 1)
		html(r, "<a class=\"btn secondary\" href=\"/modules/%s/lessons/%d\" rel=\"prev\">← Previous lesson</a>\n",
		     p.m.slug, n - 1);
	if (n < p.m.nlessons)
		html(r, "<a class=\"btn\" href=\"/modules/%s/lessons/%d\" rel=\"next\">Next lesson →</a>\n", p.m.slug, n + 1);
	else
		html(r, "<a class=\"btn\" href=\"/modules/%s/quiz\" rel=\"next\">Take the quiz →</a>\n", p.m.slug);
	html(r, "</nav>\n<p class=\"lesson-count\">Lesson %d of %d</p>\n", n, p.m.nlessons);
	layout_end(r);
}
