/* module_page.c: loading a module for a page, where to continue, the progress bar, breadcrumbs. */
#include <string.h>

#include "domain/account.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "store/training.h"

enum depth { FULL, HEAD, LESSON };

static bool load(struct req *r, struct progress *p, enum depth depth)
{
	enum store_rc rc = depth == FULL ? db_progress_one(r->db, r->arena, r->me->id, r->arg[0].s, p)
	                                 : db_progress_head(r->db, r->arena, r->me->id, r->arg[0].s, depth == LESSON, p);
	return !http_store_failed(r, rc, NULL);
}

bool module_load(struct req *r, struct progress *p)
{
	return load(r, p, FULL);
}

bool module_head(struct req *r, struct progress *p)
{
	return load(r, p, HEAD);
}

bool module_lesson_head(struct req *r, struct progress *p)
{
	return load(r, p, LESSON);
}

const char *module_continue_href(struct req *r, const struct progress *p)
{
	const char *slug = p->m.slug;
	struct next_step st = module_next_step(p);
	switch (st.kind) {
	case STEP_PRECHECK:
		return arena_printf(r->arena, "/modules/%s/precheck", slug);
	case STEP_LESSON:
		return arena_printf(r->arena, "/modules/%s/lessons/%d", slug, st.lesson);
	case STEP_QUIZ:
		return arena_printf(r->arena, "/modules/%s/quiz", slug);
	case STEP_SCENARIO:
		return arena_printf(r->arena, "/modules/%s/scenario", slug);
	case STEP_NO_ATTEMPTS:
	case STEP_CERTIFICATE:
		break;
	}
	return p->certificate[0] ? arena_printf(r->arena, "/certificates/%s", p->certificate)
	                         : arena_printf(r->arena, "/modules/%s#certificate", slug);
}

const char *module_continue_words(struct req *r, const struct progress *p)
{
	struct next_step st = module_next_step(p);
	switch (st.kind) {
	case STEP_PRECHECK:
		return _("Start");
	case STEP_LESSON:
		return module_started(p) ? arena_printf(r->arena, _("Continue: lesson %d"), st.lesson) : _("Start");
	case STEP_QUIZ:
		return _("Continue: the quiz");
	case STEP_SCENARIO:
		return _("Continue: the case");
	case STEP_NO_ATTEMPTS:
		return _("See what is left");
	case STEP_CERTIFICATE:
		break;
	}
	return p->certificate[0] ? _("See your certificate") : _("Get your certificate");
}

void progress_bar(struct req *r, const struct progress *p)
{
	int done, total;
	progress_steps(p, &done, &total);
	int pct = total ? done * 100 / total : 0;
	html(r, "<p class=\"progress-text\">");
	html(r, _n("%d of %d step done", "%d of %d steps done", (unsigned long)total), done, total);
	html(r, "</p>\n<progress max=\"%d\" value=\"%d\" aria-label=\"%s\">", total, done,
	     arena_printf(r->arena, _("Progress in %s"), p->m.title));
	html(r, _("%d%%"), pct);
	html(r, "</progress>\n");
}

void module_crumbs(struct req *r, const struct progress *p, const char *here)
{
	html(r, "<nav aria-label=\"%s\" class=\"crumbs\"><a href=\"/modules\">%s</a> "
	        "<span class=\"dir-arrow\" aria-hidden=\"true\">›</span> ", _("Breadcrumb"), _("My modules"));
	if (here != NULL) {
		html(r, "<a href=\"/modules/%s\">", p->m.slug);
		module_title_html(r, &p->m);
		html(r, "</a> <span class=\"dir-arrow\" aria-hidden=\"true\">›</span> <span aria-current=\"page\">%s</span>", here);
	} else {
		html(r, "<span aria-current=\"page\">");
		module_title_html(r, &p->m);
		html(r, "</span>");
	}
	html(r, "</nav>\n");
}

const char *module_title(struct req *r, const struct module_info *m, const char **lang)
{
	const char *title = m->title, *summary, *code = page_lang(r)->code;
	if (lang)
		*lang = "en";
	if (strcmp(code, "en") == 0 || db_revision_text(r->db, r->arena, m->revision_id, code, &title, &summary) != STORE_OK)
		return m->title;   /* English, as loaded: also when the translation cannot be read just now */
	if (lang)
		*lang = code;
	return title;
}

void module_title_html(struct req *r, const struct module_info *m)
{
	const char *lang, *title = module_title(r, m, &lang);
	html(r, "<span");
	lang_attrs(r, lang);
	html(r, ">%s</span>", title);
}
