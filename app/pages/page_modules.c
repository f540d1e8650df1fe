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
	html(r, "<p>To get your certificate, you still need to:</p>\n<ul class=\"todo\">\n");
	for (int i = 0; i < n; i++)
		if (!ls[i].read)
			html(r, "<li>read lesson %d, <a href=\"/modules/%s/lessons/%d\">%s</a></li>\n", ls[i].position,
			     p->m.slug, ls[i].position, ls[i].title);
	if (!p->quiz_passed && attempts_left(p))
		html(r, "<li><a href=\"/modules/%s/quiz\">pass the quiz</a> (%d%% or more)</li>\n", p->m.slug, p->m.pass_mark);
	else if (!p->quiz_passed)
		html(r, "<li>pass the quiz: you have used all %d attempts, so ask your trainer for more</li>\n", p->m.attempts);
	if (p->m.scenario_start[0] && !p->scenario_done)
		html(r, "<li><a href=\"/modules/%s/scenario\">finish the case</a>, %s</li>\n", p->m.slug, p->m.scenario_title);
	html(r, "</ul>\n");
}

void page_modules(struct req *r)
{
	struct progress *ps;
	int n;
	if (http_store_failed(r, db_progress_all(r->db, r->arena, r->me->id, &ps, &n), NULL))
		return;
	layout_begin(r, "My modules");
	html(r, "<h1>My modules</h1>\n");
	if (n == 0)
		html(r, "<p>No modules are loaded yet.</p>\n");
	html(r, "<ul class=\"cards\">\n");
	for (int i = 0; i < n; i++) {
		const struct progress *p = &ps[i];
		html(r, "<li class=\"card\">\n<h2><a href=\"/modules/%s\">%s</a></h2>\n<p>%s</p>\n", p->m.slug, p->m.title,
		     p->m.summary);
		progress_bar(r, p);
		if (module_complete(p))
			html(r, "<p class=\"status ok\">✓ Completed</p>\n");
		else if (p->due_on && p->due_on[0])
			html(r, "<p class=\"status\">Your group is asked to complete it by %s.</p>\n", p->due_on);
		html(r, "<p><a class=\"btn\" href=\"%s\">%s <span class=\"visually-hidden\">(%s)</span></a>",
		     module_continue_href(r, p), module_continue_words(r, p), p->m.title);
		if (module_complete(p) && p->best_attempt > 0)
			html(r, " <a class=\"btn secondary\" href=\"/modules/%s/quiz/%d\">Review your quiz "
			        "<span class=\"visually-hidden\">(%s)</span></a>",
			     p->m.slug, p->best_attempt, p->m.title);
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
	html(r, "<p><a href=\"/about-the-source\">Where these lessons come from, and how to read them</a></p>\n"
	        "<h2>Steps</h2>\n<ol class=\"steps\">\n");
	if (p.m.nprecheck > 0) {
		html(r, "<li><a href=\"/modules/%s/precheck\">What do you know already?</a> ", p.m.slug);
		status(r, p.precheck_done, p.precheck_done ? "done" : "(a few questions, not marked)");
		html(r, "</li>\n");
	}
	for (int i = 0; i < n; i++) {
		html(r, "<li><a href=\"/modules/%s/lessons/%d\"", p.m.slug, ls[i].position);
		lang_attrs(r, ls[i].lang);
		html(r, ">%s</a> <span class=\"minutes\">(%d min)</span> ", ls[i].title, readability_minutes(ls[i].words));
		status(r, ls[i].read, ls[i].read ? "read" : "not read yet");
		html(r, "</li>\n");
	}
	html(r, "<li><a href=\"/modules/%s/quiz\">Quiz</a> ", p.m.slug);
	if (p.quiz_passed)
		html(r, "<span class=\"status ok\">✓ passed, best score %d%%</span>", p.best_score);
	else if (p.quiz_attempts > 0)
		html(r, "<span class=\"status\">best score %d%%; %d%% needed</span>", p.best_score, p.m.pass_mark);
	else
		html(r, "<span class=\"status\">(%d%% needed to pass)</span>", p.m.pass_mark);
	html(r, "</li>\n");
	if (p.m.scenario_start[0]) {
		html(r, "<li><a href=\"/modules/%s/scenario\">Case: %s</a> ", p.m.slug, p.m.scenario_title);
		status(r, p.scenario_done, p.scenario_done ? "finished" : p.scenario_started ? "not finished yet" : "not started");
		html(r, "</li>\n");
	}
	html(r, "</ol>\n<h2 id=\"certificate\">Certificate</h2>\n");
	if (p.certificate[0]) {
		html(r, "<p><a class=\"btn\" href=\"/certificates/%s\">See your certificate</a></p>\n", p.certificate);
	} else if (module_complete(&p)) {
		html(r, "<p>You have done every step.</p>\n<form method=\"post\" action=\"/modules/%s/certificate\">\n", p.m.slug);
		auth_form_token(r);
		html(r, "<button type=\"submit\">Get your certificate</button>\n</form>\n");
	} else {
		still_to_do(r, &p, ls, n);
	}
	if (module_complete(&p) && p.best_attempt > 0)
		html(r, "<p><a href=\"/modules/%s/quiz/%d\">Review your best quiz attempt (%d%%)</a></p>\n", p.m.slug,
		     p.best_attempt, p.best_score);
	if (role_is_staff(r->me->role))
		html(r, "<p><a href=\"/modules/%s/notes\">Facilitator notes</a></p>\n", p.m.slug);
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
	layout_begin(r, "Glossary");
	html(r, "<h1>Glossary</h1>\n<p>The words and names the modules use, in plain language.</p>\n<dl class=\"glossary\">\n");
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
		html(r, "<p class=\"notice\">This page is not translated into <span lang=\"%s\">%s</span> yet: it is shown in "
		        "English.</p>\n", want->code, want->name);
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
	layout_begin(r, "Facilitator notes");
	html(r, "<nav aria-label=\"Breadcrumb\" class=\"crumbs\"><a href=\"/modules\">My modules</a> › "
	        "<a href=\"/modules/%s\">%s</a> › <span aria-current=\"page\">Facilitator notes</span></nav>\n",
	     r->arg[0].s, title);
	/* Notes written with their own heading (every module's notes.md begins with one) keep only that one. */
	if (strncmp(notes, "<h1", 3) != 0)
		html(r, "<h1>Facilitator notes: %s</h1>\n", title);
	html(r, "<div class=\"prose\">\n");
	html_trusted(r, notes[0] ? notes : "<p>This module has no notes.</p>");   /* rendered from Markdown at load */
	html(r, "</div>\n");
	layout_end(r);
}
