/* page_lesson.c: one lesson, with previous and next. A lesson counts as read when its page is shown,
 * however the trainee reached it (the step list, Continue, next, a bookmark) and however they leave it:
 * recording what was viewed is the only thing a GET may change. */
#include <string.h>

#include "domain/account.h"
#include "domain/readability.h"
#include "pages/lang.h"
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
	const struct lang_info *want = page_lang(r);
	struct lesson_text t;
	if (http_store_failed(r, db_lesson(r->db, r->arena, p.m.revision_id, n, want->code, &t), NULL))
		return;
	/* Written once: the head says which lessons were read already. */
	if (!lesson_read(&p, n)) {
		enum store_rc rc = db_mark_read(r->db, r->me->id, p.m.id, n, p.m.revision_id);
		if (rc != STORE_NONE && http_store_failed(r, rc, NULL))   /* STORE_NONE: another tab wrote it meanwhile */
			return;
	}

	layout_begin(r, t.title);
	module_crumbs(r, &p, arena_printf(r->arena, "Lesson %d", n));
	if (strcmp(t.lang, want->code) != 0)
		html(r, "<p class=\"notice\">This lesson is not translated into <span lang=\"%s\">%s</span> yet: it is shown in "
		        "English.</p>\n", want->code, want->name);
	html(r, "<article class=\"lesson prose\"");
	lang_attrs(r, t.lang);
	html(r, ">\n<h1>%s</h1>\n", t.title);
	html(r, "<p class=\"minutes\" lang=\"en\" dir=\"ltr\">About %d min to read</p>\n", readability_minutes(t.words));
	html_trusted(r, t.html);   /* rendered from Markdown at load time, raw HTML refused */
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
