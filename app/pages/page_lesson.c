/* page_lesson.c: one lesson, with previous and next. Following "next" from the end of a lesson marks
 * it read: recording what was viewed is the only thing a GET may change. */
#include <string.h>

#include "domain/account.h"
#include "pages/training.h"
#include "store/training.h"

const struct field lesson_fields[] = {
	{"done", FIELD_INT, 1, 999, false},   /* the lesson whose end the trainee left from */
	{NULL},
};

void page_lesson(struct req *r)
{
	struct progress p;
	if (!module_lesson_head(r, &p))
		return;
	int n = arg_int(r, 1, p.m.nlessons);
	if (n < 0) {
		http_error(r, 404, NULL);
		return;
	}
	if (r->in[0].state == FIELD_OK && r->in[0].i <= p.m.nlessons && db_mark_read(r->db, r->me->id, p.m.id, (int)r->in[0].i, p.m.revision_id) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	const char *title, *body;
	int rc = db_lesson(r->db, r->arena, p.m.revision_id, n, &title, &body);
	if (rc <= 0) {
		http_error(r, rc < 0 ? 503 : 404, NULL);
		return;
	}
	char place[24];
	snprintf(place, sizeof(place), "lesson:%d", n);
	module_place(r, &p, place);

	layout_begin(r, title);
	module_crumbs(r, &p, arena_printf(r->arena, "Lesson %d", n));
	html(r, "<article class=\"lesson prose\">\n<h1>%s</h1>\n", title);
	html_trusted(r, body);   /* rendered from Markdown at load time, raw HTML refused */
	html(r, "</article>\n<nav class=\"pager\" aria-label=\"Lessons\">\n");
	if (n > 1)
		html(r, "<a class=\"btn secondary\" href=\"/modules/%s/lessons/%d\" rel=\"prev\">← Previous lesson</a>\n",
		     p.m.slug, n - 1);
	if (n < p.m.nlessons)
		html(r, "<a class=\"btn\" href=\"/modules/%s/lessons/%d?done=%d\" rel=\"next\">Next lesson →</a>\n", p.m.slug,
		     n + 1, n);
	else
		html(r, "<a class=\"btn\" href=\"/modules/%s/quiz?done=%d\" rel=\"next\">Take the quiz →</a>\n", p.m.slug, n);
	html(r, "</nav>\n<p class=\"lesson-count\">Lesson %d of %d</p>\n", n, p.m.nlessons);
	layout_end(r);
}
