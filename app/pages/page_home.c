/* page_home.c: the home page: what Passage is and where to start (to join, or, signed in, to go on). */
#include "domain/account.h"
#include "pages/pages.h"

void page_home(struct req *r)
{
	r->resp.cache = "no-cache";
	layout_begin(r, _("Home"));
	html(r, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", _("Learn about migration and human rights"),
	     _("Passage is a training course for people who work with migrants, and for migrants themselves. It is "
	       "built on the discussions of a 2009 United Nations expert seminar on human rights, migrant empowerment "
	       "and development."));
	html(r, "<section aria-labelledby=\"topics\">\n<h2 id=\"topics\">%s</h2>\n<ul class=\"topics\">\n",
	     _("What you can learn"));
	static const char *const topics[] = {
		N_("The rights every migrant keeps, whatever their status"), N_("Circular and temporary migration"),
		N_("Integration and inclusion"), N_("Remittances and development"), N_("Undocumented workers"),
		N_("Countering xenophobia and discrimination"), N_("Cooperation between countries"),
		N_("Rights and the economics of migration"),
	};
	for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		html(r, "<li>%s</li>\n", tr(r, topics[i]));
	html(r, "</ul>\n</section>\n");
	if (r->me == NULL)
		html(r, "<p><a class=\"btn\" href=\"/join\">%s</a> <a class=\"btn secondary\" href=\"/resume\">%s</a></p>\n",
		     _("Join with a code"), _("I have a resume code"));
	else if (role_is_staff(r->me->role))
		html(r, "<p><a class=\"btn\" href=\"/cohorts\">%s</a> <a class=\"btn secondary\" href=\"/modules\">%s</a></p>\n",
		     _("Your cohorts"), _("The modules"));
	else {
		html(r, "<p>");
		html(r, _("You are signed in as <strong><bdi>%s</bdi></strong>."), r->me->display_name);
		html(r, "</p>\n<p><a class=\"btn\" href=\"/modules\">%s</a></p>\n", _("Continue"));
	}
	html(r, "<section aria-labelledby=\"how\">\n<h2 id=\"how\">%s</h2>\n<p>%s</p>\n</section>\n", _("How it works"),
	     _("Your trainer gives you a join code. You choose any name you like: no email address or phone number "
	       "is needed. You read short lessons, answer quizzes, and work through real-life cases at your own "
	       "pace, on any phone or computer."));
	layout_end(r);
}
