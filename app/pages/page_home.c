/* page_home.c: the home page: what Passage is and where to start (to join, or, signed in, to go on). */
#include "domain/account.h"
#include "pages/pages.h"

void page_home(struct req *r)
{
	r->resp.cache = "no-cache";
	layout_begin(r, "Home");
	html(r,
	     "<h1>Learn about migration and human rights</h1>\n"
	     "<p class=\"lead\">Passage is a training course for people who work with migrants, and for "
	     "migrants themselves. It is built on the discussions of a 2009 United Nations expert seminar "
	     "on human rights, migrant empowerment and development.</p>\n"
	     "<section aria-labelledby=\"topics\">\n"
	     "<h2 id=\"topics\">What you can learn</h2>\n"
	     "<ul class=\"topics\">\n"
	     "<li>The rights every migrant keeps, whatever their status</li>\n"
	     "<li>Circular and temporary migration</li>\n"
	     "<li>Integration and inclusion</li>\n"
	     "<li>Remittances and development</li>\n"
	     "<li>Undocumented workers</li>\n"
	     "<li>Countering xenophobia and discrimination</li>\n"
	     "<li>Cooperation between countries</li>\n"
	     "<li>Rights and the economics of migration</li>\n"
	     "</ul>\n"
	     "</section>\n");
	if (r->me == NULL)
		html(r, "<p><a class=\"btn\" href=\"/join\">Join with a code</a> <a class=\"btn secondary\" href=\"/resume\">"
		        "I have a resume code</a></p>\n");
	else if (role_is_staff(r->me->role))
		html(r, "<p><a class=\"btn\" href=\"/cohorts\">Your cohorts</a> <a class=\"btn secondary\" href=\"/modules\">"
		        "The modules</a></p>\n");
	else
		html(r, "<p>You are signed in as <strong><bdi>%s</bdi></strong>.</p>\n"
		        "<p><a class=\"btn\" href=\"/modules\">Continue</a></p>\n",
		     r->me->display_name);
	html(r,
	     "<section aria-labelledby=\"how\">\n"
	     "<h2 id=\"how\">How it works</h2>\n"
	     "<p>Your trainer gives you a join code. You choose any name you like: no email address or phone "
	     "number is needed. You read short lessons, answer quizzes, and work through real-life cases at "
	     "your own pace, on any phone or computer.</p>\n"
	     "</section>\n");
	layout_end(r);
}
