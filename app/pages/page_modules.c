/* page_modules.c: "My modules" (every module open to the trainee, with progress and a way to continue),
 * a module's overview, the glossary, and the facilitator notes. */
#include <string.h>

#include "domain/account.h"
#include "pages/auth.h"
#include "pages/training.h"
#include "store/training.h"

/* A step's state in words (and a tick for what is done): never colour alone. */
static void status(struct req *r, bool done, const char *words)
{
	if (done)
		html(r, "<span class=\"status ok\">✓ %s</span>", words);
	else
		html(r, "<span class=\"status\">%s</span>", words);
}

void page_modules(struct req *r)
{
	struct progress *ps;
	int n;
	if (db_progress_all(r->db, r->arena, r->me->id, &ps, &n) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
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
		html(r, "<p><a class=\"btn\" href=\"%s\">%s <span class=\"visually-hidden\">%s</span></a></p>\n</li>\n",
		     module_continue_href(r, p),
		     module_complete(p) ? "Review" : p->place[0] || p->lessons_read ? "Continue" : "Start", p->m.title);
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
	if (db_lesson_titles(r->db, r->arena, p.m.revision_id, r->me->id, p.m.id, &ls, &n) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	layout_begin(r, p.m.title);
	module_crumbs(r, &p, NULL);
	html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", p.m.title, p.m.summary);
	progress_bar(r, &p);
	html(r, "<p><a class=\"btn\" href=\"%s\">%s</a></p>\n", module_continue_href(r, &p),
	     p.place[0] || p.lessons_read ? "Continue where you left off" : "Start");
	html(r, "<h2>Steps</h2>\n<ol class=\"steps\">\n");
	if (p.m.nprecheck > 0) {
		html(r, "<li><a href=\"/modules/%s/precheck\">What do you know already?</a> ", p.m.slug);
		status(r, p.precheck_done, p.precheck_done ? "done" : "(a few questions, not marked)");
		html(r, "</li>\n");
	}
	for (int i = 0; i < n; i++) {
		html(r, "<li><a href=\"/modules/%s/lessons/%d\">%s</a> ", p.m.slug, ls[i].position, ls[i].title);
		if (ls[i].read)
			status(r, true, "read");
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
		if (p.scenario_done)
			status(r, true, "finished");
		html(r, "</li>\n");
	}
	html(r, "</ol>\n");
	if (p.certificate[0]) {
		html(r, "<p><a class=\"btn\" href=\"/certificates/%s\">See your certificate</a></p>\n", p.certificate);
	} else if (module_complete(&p)) {
		html(r, "<form method=\"post\" action=\"/modules/%s/certificate\">\n", p.m.slug);
		auth_form_token(r);
		html(r, "<button type=\"submit\">Get your certificate</button>\n</form>\n");
	} else {
		html(r, "<p>When you have read every lesson, passed the quiz and finished the case, you can get a "
		        "certificate.</p>\n");
	}
	if (role_is_staff(r->me->role))
		html(r, "<p><a href=\"/modules/%s/notes\">Facilitator notes</a></p>\n", p.m.slug);
	layout_end(r);
}

void page_glossary(struct req *r)
{
	struct glossary_row *g;
	int n;
	if (db_glossary(r->db, r->arena, &g, &n) < 0) {
		http_error(r, 503, "database unavailable");
		return;
	}
	r->resp.cache = "no-cache";
	layout_begin(r, "Glossary");
	html(r, "<h1>Glossary</h1>\n<p>The words and names the modules use, in plain language.</p>\n<dl class=\"glossary\">\n");
	for (int i = 0; i < n; i++)
		html(r, "<dt id=\"%s\">%s</dt>\n<dd>%s</dd>\n", g[i].key, g[i].name, g[i].text);
	html(r, "</dl>\n");
	layout_end(r);
}

void page_notes(struct req *r)
{
	const char *title, *notes;
	int rc = db_notes(r->db, r->arena, r->args[0], &title, &notes);
	if (rc <= 0) {
		http_error(r, rc < 0 ? 503 : 404, NULL);
		return;
	}
	layout_begin(r, "Facilitator notes");
	html(r, "<nav aria-label=\"Breadcrumb\" class=\"crumbs\"><a href=\"/modules\">My modules</a> › "
	        "<a href=\"/modules/%s\">%s</a> › <span aria-current=\"page\">Facilitator notes</span></nav>\n",
	     r->args[0], title);
	/* Notes written with their own heading (every module's notes.md begins with one) keep only that one. */
	if (strncmp(notes, "<h1", 3) != 0)
		html(r, "<h1>Facilitator notes: %s</h1>\n", title);
	html(r, "<div class=\"prose\">\n");
	html_trusted(r, notes[0] ? notes : "<p>This module has no notes.</p>");   /* rendered from Markdown at load */
	html(r, "</div>\n");
	layout_end(r);
}
