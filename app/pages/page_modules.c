/* page_modules.c: "My modules" (every module open to the trainee, with progress and a way to continue),
 * a module's overview, the glossary, the page on the source, and the facilitator notes. */
#include <string.h>

#include "domain/account.h"
#include "domain/readability.h"
#include "pages/lang.h"
#include "security/auth.h"
#include "pages/module_page.h"
#include "store/training.h"

/* A step's state in words (and a tick for what is done): never colour alone. */
static void status(struct req *r, bool done, const char *words)
{
	if (done)
		html(r, "<span class=\"status ok\">✓ %s</span>", words);
	else
		html(r, "<span class=\"status\">%s</span>", words);
}

/* What still stands between the trainee and the certificate, each step named and linked. */
static void still_to_do(struct req *r, const struct progress *p, const struct lesson_title *ls, int n)
{
	html(r, "<p>%s</p>\n<ul class=\"todo\">\n", _("To get your certificate, you still need to:"));
	for (int i = 0; i < n; i++)
		if (!ls[i].read) {
			html(r, "<li>");
			/* TRANSLATORS: %1$d the lesson's number, %2$s its address, %3$s its title */
			html(r, _("read lesson %1$d, <a href=\"%2$s\">%3$s</a>"), ls[i].position,
			     arena_printf(r->arena, "/modules/%s/lessons/%d", p->m.slug, ls[i].position), ls[i].title);
			html(r, "</li>\n");
		}
	html(r, "<li>");
	if (!p->quiz_passed && attempts_left(p))
		html(r, _("<a href=\"%s\">pass the quiz</a> (%d%% or more)"),
		     arena_printf(r->arena, "/modules/%s/quiz", p->m.slug), p->m.pass_mark);
	else if (!p->quiz_passed)
		html(r, _n("pass the quiz: you have used your %d attempt, so ask your trainer for more",
		           "pass the quiz: you have used all %d attempts, so ask your trainer for more", p->m.attempts),
		     p->m.attempts);
	html(r, "</li>\n");
	if (p->m.scenario_start[0] && !p->scenario_done) {
		html(r, "<li>");
		html(r, _("<a href=\"%s\">finish the case</a>:"), arena_printf(r->arena, "/modules/%s/scenario", p->m.slug));
		html(r, " <span lang=\"en\" dir=\"ltr\">%s</span>", p->m.scenario_title);   /* cases are English so far */
		html(r, "</li>\n");
	}
	html(r, "</ul>\n");
}

void page_modules(struct req *r)
{
	struct progress *ps;
	int n;
	if (http_store_failed(r, db_progress_all(r->db, r->arena, r->me->id, &ps, &n), NULL))
		return;
	layout_begin(r, _("My modules"));
	html(r, "<h1>%s</h1>\n", _("My modules"));
	if (n == 0)
		html(r, "<p>%s</p>\n", _("No modules are loaded yet."));
	html(r, "<ul class=\"cards\">\n");
	const struct lang_info *want = page_lang(r);
	for (int i = 0; i < n; i++) {
		const struct progress *p = &ps[i];
		const char *title = p->m.title, *summary = p->m.summary, *text_lang = "en";
		if (strcmp(want->code, "en") != 0 &&
		    db_revision_text(r->db, r->arena, p->m.revision_id, want->code, &title, &summary) == STORE_OK)
			text_lang = want->code;   /* else the English, marked as such */
		html(r, "<li class=\"card\">\n<div");
		lang_attrs(r, text_lang);
		html(r, ">\n<h2><a href=\"/modules/%s\">%s</a></h2>\n<p>%s</p>\n</div>\n", p->m.slug, title, summary);
		progress_bar(r, p);
		if (module_complete(p))
			html(r, "<p class=\"status ok\">✓ %s</p>\n", _("Completed"));
		else if (p->due_on && p->due_on[0]) {
			html(r, "<p class=\"status\">");
			html(r, _("Your group is asked to complete it by %s."), lang_day(r, p->due_on));
			html(r, "</p>\n");
		}
		html(r, "<p><a class=\"btn\" href=\"%s\">%s <span class=\"visually-hidden\">(%s)</span></a>",
		     module_continue_href(r, p), module_continue_words(r, p), title);
		if (module_complete(p) && p->best_attempt > 0)
			html(r, " <a class=\"btn secondary\" href=\"/modules/%s/quiz/%d\">%s "
			        "<span class=\"visually-hidden\">(%s)</span></a>",
			     p->m.slug, p->best_attempt, _("Review your quiz"), title);
		html(r, "</p>\n</li>\n");
	}
	html(r, "</ul>\n");
	layout_end(r);
}

void page_module(struct req *r)
{
	struct progress p;
	if (!module_load(r, &p))
		return;
	struct lesson_title *ls;
	int n;
	const struct lang_info *want = page_lang(r);
	if (http_store_failed(r, db_lesson_titles(r->db, r->arena, p.m.revision_id, r->me->id, p.m.id, want->code, &ls, &n),
	                      NULL))
		return;
	const char *title = p.m.title, *summary = p.m.summary, *text_lang = "en";
	enum store_rc rc = strcmp(want->code, "en") == 0 ? STORE_NONE
	                                                 : db_revision_text(r->db, r->arena, p.m.revision_id, want->code,
	                                                                    &title, &summary);
	if (rc == STORE_OK)
		text_lang = want->code;
	else if (rc != STORE_NONE && http_store_failed(r, rc, NULL))
		return;
	layout_begin(r, title);
	module_crumbs(r, &p, NULL);
	html(r, "<div");
	lang_attrs(r, text_lang);
	html(r, ">\n<h1>%s</h1>\n<p class=\"lead\">%s</p>\n</div>\n", title, summary);
	progress_bar(r, &p);
	if (!module_complete(&p))
		html(r, "<p><a class=\"btn\" href=\"%s\">%s</a></p>\n", module_continue_href(r, &p),
		     module_continue_words(r, &p));
	html(r, "<p><a href=\"/about-the-source\">%s</a></p>\n<h2>%s</h2>\n<ol class=\"steps\">\n",
	     _("Where these lessons come from, and how to read them"), _("Steps"));
	if (p.m.nprecheck > 0) {
		html(r, "<li><a href=\"/modules/%s/precheck\">%s</a> ", p.m.slug, _("What do you know already?"));
		status(r, p.precheck_done, p.precheck_done ? _("done") : _("(a few questions, not marked)"));
		html(r, "</li>\n");
	}
	for (int i = 0; i < n; i++) {
		html(r, "<li><a href=\"/modules/%s/lessons/%d\"", p.m.slug, ls[i].position);
		lang_attrs(r, ls[i].lang);
		html(r, ">%s</a> <span class=\"minutes\">", ls[i].title);
		int min = readability_minutes(ls[i].words);
		/* TRANSLATORS: the minutes a lesson takes to read, in brackets after its title */
		html(r, _n("(%d min)", "(%d min)", (unsigned long)min), min);
		html(r, "</span> ");
		status(r, ls[i].read, ls[i].read ? _p("lesson", "read") : _("not read yet"));
		html(r, "</li>\n");
	}
	html(r, "<li><a href=\"/modules/%s/quiz\">%s</a> ", p.m.slug, _("Quiz"));
	if (p.quiz_passed) {
		html(r, "<span class=\"status ok\">✓ ");
		html(r, _("passed, best score %d%%"), p.best_score);
	} else if (p.quiz_attempts > 0) {
		html(r, "<span class=\"status\">");
		html(r, _("best score %d%%; %d%% needed"), p.best_score, p.m.pass_mark);
	} else {
		html(r, "<span class=\"status\">");
		html(r, _("(%d%% needed to pass)"), p.m.pass_mark);
	}
	html(r, "</span></li>\n");
	if (p.m.scenario_start[0]) {
		html(r, "<li><a href=\"/modules/%s/scenario\">", p.m.slug);
		html(r, "%s <span lang=\"en\" dir=\"ltr\">%s</span>", _("Case:"), p.m.scenario_title);
		html(r, "</a> ");
		status(r, p.scenario_done, p.scenario_done ? _p("case", "finished")
		                           : p.scenario_started ? _("not finished yet") : _("not started"));
		html(r, "</li>\n");
	}
	html(r, "</ol>\n<h2 id=\"certificate\">%s</h2>\n", _("Certificate"));
	if (p.certificate[0]) {
		html(r, "<p><a class=\"btn\" href=\"/certificates/%s\">%s</a></p>\n", p.certificate, _("See your certificate"));
	} else if (module_complete(&p)) {
		html(r, "<p>%s</p>\n<form method=\"post\" action=\"/modules/%s/certificate\">\n", _("You have done every step."),
		     p.m.slug);
		auth_form_token(r);
		html(r, "<button type=\"submit\">%s</button>\n</form>\n", _("Get your certificate"));
	} else {
		still_to_do(r, &p, ls, n);
	}
	if (module_complete(&p) && p.best_attempt > 0) {
		html(r, "<p><a href=\"/modules/%s/quiz/%d\">", p.m.slug, p.best_attempt);
		html(r, _("Review your best quiz attempt (%d%%)"), p.best_score);
		html(r, "</a></p>\n");
	}
	if (role_is_staff(r->me->role))
		html(r, "<p><a href=\"/modules/%s/notes\">%s</a></p>\n", p.m.slug, _("Facilitator notes"));
	layout_end(r);
}

void page_glossary(struct req *r)
{
	struct glossary_row *g;
	int n;
	const struct lang_info *want = page_lang(r);
	if (http_store_failed(r, db_glossary(r->db, r->arena, want->code, &g, &n), NULL))
		return;
	r->resp.cache = "no-cache";
	layout_begin(r, _("Glossary"));
	html(r, "<h1>%s</h1>\n<p>%s</p>\n<dl class=\"glossary\">\n", _("Glossary"),
	     _("The words and names the modules use, in plain language."));
	for (int i = 0; i < n; i++) {
		html(r, "<dt id=\"%s\"", g[i].key);
		lang_attrs(r, g[i].lang);
		html(r, ">%s</dt>\n<dd", g[i].name);
		lang_attrs(r, g[i].lang);
		html(r, ">%s</dd>\n", g[i].text);
	}
	html(r, "</dl>\n");
	layout_end(r);
}

/* What the seminar summary is and how to read it: content/about-the-source.md, linked from every module
 * and every lesson's Sources list. Public, like the glossary. */
void page_about_source(struct req *r)
{
	const char *title, *body, *lang;
	const struct lang_info *want = page_lang(r);
	if (http_store_failed(r, db_page(r->db, r->arena, "about-the-source", want->code, &title, &body, &lang), NULL))
		return;   /* STORE_NONE: the content has no such page: 404 */
	r->resp.cache = "no-cache";
	layout_begin(r, title);
	if (strcmp(lang, want->code) != 0)
		html(r, "<p class=\"notice\">%s</p>\n", _("This page is not translated into your language yet: it is shown in English."));
	html(r, "<article class=\"prose\"");
	lang_attrs(r, lang);
	html(r, ">\n<h1>%s</h1>\n", title);
	html_trusted(r, body);   /* rendered from Markdown at load time, raw HTML refused */
	html(r, "</article>\n");
	layout_end(r);
}

void page_notes(struct req *r)
{
	const char *title, *notes;
	if (http_store_failed(r, db_notes(r->db, r->arena, r->arg[0].s, &title, &notes), NULL))
		return;
	layout_begin(r, _("Facilitator notes"));
	html(r, "<nav aria-label=\"%s\" class=\"crumbs\"><a href=\"/modules\">%s</a> <span class=\"dir-arrow\" aria-hidden=\"true\">›</span> "
	        "<a href=\"/modules/%s\">%s</a> <span class=\"dir-arrow\" aria-hidden=\"true\">›</span> "
	        "<span aria-current=\"page\">%s</span></nav>\n",
	     _("Breadcrumb"), _("My modules"), r->arg[0].s, title, _("Facilitator notes"));
	/* Notes written with their own heading (every module's notes.md begins with one) keep only that one. */
	if (strncmp(notes, "<h1", 3) != 0) {
		html(r, "<h1>");
		html(r, _("Facilitator notes: %s"), title);
		html(r, "</h1>\n");
	}
	html(r, "<div class=\"prose\" lang=\"en\" dir=\"ltr\">\n");   /* the notes are in English */
	if (notes[0])
		html_trusted(r, notes);   /* rendered from Markdown at load */
	else
		html(r, "<p>%s</p>", _("This module has no notes."));
	html(r, "</div>\n");
	layout_end(r);
}
