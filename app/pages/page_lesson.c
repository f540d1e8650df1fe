/* page_lesson.c: one lesson, with previous and next. A lesson counts as read when its page is shown,
 * however the trainee reached it (the step list, Continue, next, a bookmark) and however they leave it:
 * recording what was viewed is the only thing a GET may change. */
#include <string.h>

#include "domain/account.h"
#include "domain/readability.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "pages/pages.h"
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

	layout_open(r, &(struct layout){.title = t.title, .listen = true});
	html(r, "<main id=\"main\">\n");
	module_crumbs(r, &p, arena_printf(r->arena, _("Lesson %d"), n));
	if (strcmp(t.lang, want->code) != 0)
		html(r, "<p class=\"notice\">%s</p>\n", _("This lesson is not translated into your language yet: it is shown in English."));
	/* Listen (listen.js): shown only where the device has a voice for the lesson's language. */
	html(r, "<div class=\"listen\" data-listen hidden><button type=\"button\" class=\"secondary\" aria-pressed=\"false\" "
	        "data-say=\"%s\" data-stop=\"%s\">%s</button></div>\n", _("Listen"), _("Stop"), _("Listen"));
	html(r, "<article class=\"lesson prose\"");
	lang_attrs(r, t.lang);
	html(r, ">\n<h1>%s</h1>\n<p class=\"minutes\"", t.title);
	lang_attrs(r, want->code);
	int min = readability_minutes(t.words);
	html(r, ">");
	html(r, _n("About %d min to read", "About %d min to read", (unsigned long)min), min);
	html(r, "</p>\n");
	html_trusted(r, t.html);   /* rendered from Markdown at load time, raw HTML refused */
	html(r, "</article>\n<nav class=\"pager\" aria-label=\"%s\">\n", _("Lessons"));
	/* The arrows point the way the page reads: mirrored right to left (.dir-arrow). */
	if (n > 1)
		html(r, "<a class=\"btn secondary\" href=\"/modules/%s/lessons/%d\" rel=\"prev\"><span class=\"dir-arrow\" "
		        "aria-hidden=\"true\">←</span> %s</a>\n", p.m.slug, n - 1, _("Previous lesson"));
	if (n < p.m.nlessons)
		html(r, "<a class=\"btn\" href=\"/modules/%s/lessons/%d\" rel=\"next\">%s <span class=\"dir-arrow\" "
		        "aria-hidden=\"true\">→</span></a>\n", p.m.slug, n + 1, _("Next lesson"));
	else
		html(r, "<a class=\"btn\" href=\"/modules/%s/quiz\" rel=\"next\">%s <span class=\"dir-arrow\" "
		        "aria-hidden=\"true\">→</span></a>\n", p.m.slug, _("Take the quiz"));
	html(r, "</nav>\n<p class=\"lesson-count\">");
	html(r, _("Lesson %d of %d"), n, p.m.nlessons);
	html(r, "</p>\n");
	layout_end(r);
}
