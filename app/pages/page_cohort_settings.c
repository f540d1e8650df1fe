/* page_cohort_settings.c: a cohort's name, join code (on/off, last day, a new code), assigned modules
 * with due dates, facilitators, privacy, and archiving. Every change is a POST naming its action; the
 * page answers with a redirect back, saying what was saved. */
#include <string.h>

#include "domain/account.h"
#include "security/auth.h"
#include "pages/lang.h"
#include "pages/module_page.h"
#include "pages/cohort.h"

/* Each form on the page is its own action (a row of the dispatch table) with its own inputs. A check box
 * sends "on" when ticked and nothing when not. */
enum { IN_DONE };
const struct field cohort_settings_fields[] = {
	[IN_DONE] = {"done", FIELD_SLUG, 1, 20, false},
	{NULL},
};
enum { IN_NAME };
const struct field cohort_rename_fields[] = {
	[IN_NAME] = {"name", FIELD_TEXT, 1, 120, true},
	{NULL},
};
enum { IN_ENABLED, IN_LAST_DAY };
const struct field cohort_joining_fields[] = {
	[IN_ENABLED] = {"enabled", FIELD_SLUG, 2, 2, false},
	[IN_LAST_DAY] = {"last_day", FIELD_TEXT, 0, 10, false},
	{NULL},
};
enum { IN_MODULE, IN_ASSIGNED, IN_DUE };
const struct field cohort_assign_fields[] = {
	[IN_MODULE] = {"module", FIELD_INT, 1, 1000000000000LL, true},
	[IN_ASSIGNED] = {"assigned", FIELD_SLUG, 2, 2, false},
	[IN_DUE] = {"due", FIELD_TEXT, 0, 10, false},
	{NULL},
};
enum { IN_USERNAME };
const struct field cohort_staff_add_fields[] = {
	[IN_USERNAME] = {"username", FIELD_TEXT, 1, 40, true},
	{NULL},
};
enum { IN_USER };
const struct field cohort_staff_remove_fields[] = {
	[IN_USER] = {"user", FIELD_INT, 1, 1000000000000LL, true},
	{NULL},
};
enum { IN_LANG };
const struct field cohort_lang_fields[] = {
	[IN_LANG] = {"lang", FIELD_SLUG, 2, 3, false},   /* none: each trainee's browser decides */
	{NULL},
};

enum { IN_AGGREGATE };
const struct field cohort_privacy_fields[] = {
	[IN_AGGREGATE] = {"aggregate", FIELD_SLUG, 2, 2, false},
	{NULL},
};

/* What the page says after a change (the redirect carries the key, never the text), translated where shown. */
static const struct {
	const char *key, *text;
} done_texts[] = {
	{"name", N_("The name is saved.")},
	{"join", N_("Joining is saved.")},
	{"code", N_("There is a new join code. The old one no longer works.")},
	{"module", N_("The module assignment is saved.")},
	{"staff-add", N_("The facilitator is added.")},
	{"staff-remove", N_("The facilitator is removed.")},
	{"privacy", N_("Privacy is saved.")},
	{"lang", N_("The cohort's language is saved.")},
	{"archive", N_("The cohort is archived.")},
	{"unarchive", N_("The cohort is active again.")},
};

static void checkbox(struct req *r, const char *name, const char *label, bool on)
{
	form_choice(r, &(struct form_choice){.name = name, .checkbox = true, .value = "on", .label = label, .checked = on});
}

static void action_form(struct req *r, const struct cohort *c, const char *action)
{
	html(r, "<form method=\"post\" action=\"/cohorts/%lld/settings\">\n", c->id);
	form_hidden(r, "action", action);
	auth_form_token(r);
}

/* The page; `done` names the change just saved (from the redirect), `error` what was refused. */
static void show(struct req *r, const struct cohort *c, const char *done, const char *error)
{
	struct cohort_module *mods;
	struct staff_row *staff;
	int nmods, nstaff;
	enum store_rc rc = db_cohort_modules(r->db, r->arena, c->id, &mods, &nmods);
	if (rc == STORE_OK)
		rc = db_cohort_staff(r->db, r->arena, c->id, &staff, &nstaff);
	if (http_store_failed(r, rc, "database unavailable"))
		return;
	/* TRANSLATORS: the page's title; %s is the cohort's name */
	layout_begin_wide(r, form_title(r, arena_printf(r->arena, _("Settings: %s"), c->name), error != NULL), true);
	cohort_nav(r, c, "Settings");   /* the tab's key, not a text shown */
	html(r, "<h1>%s</h1>\n", _("Settings"));
	if (error) {
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>");
		html(r, _("Error: %s"), error);
		html(r, "</p></div>\n");
	}
	for (size_t i = 0; done != NULL && i < sizeof(done_texts) / sizeof(done_texts[0]); i++)
		if (strcmp(done, done_texts[i].key) == 0)
			html(r, "<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n", tr(r, done_texts[i].text));

	html(r, "<h2 id=\"join\">%s</h2>\n", _("Joining"));
	if (c->join_code[0])
		html(r, "<p>%s <span class=\"code-big\">%s</span></p>\n", _("Join code:"), join_code_display(r, c));
	html(r, "<p>");
	/* TRANSLATORS: %s is the address of the join page, /join */
	html(r, _("Trainees join at <strong>%s</strong> with this code."), "/join");
	html(r, " %s",
	     /* TRANSLATORS: "It" is the join code */
	     c->archived ? _("It is closed, as the cohort is archived.")
	     /* TRANSLATORS: "It" is the join code */
	     : !c->join_enabled ? _("It is switched off.")
	     /* TRANSLATORS: "It" is the join code */
	     : c->join_expired ? _("It is expired.")
	     /* TRANSLATORS: "It" is the join code */
	     : _("It is open."));
	if (c->join_last_day[0]) {
		html(r, " ");
		/* TRANSLATORS: "Its" is the join code's; %s is a date, such as 2026-12-31 */
		html(r, _("Its last day is %s (UTC)."), c->join_last_day);
	}
	html(r, " ");
	html(r, _("<a href=\"%s\">Print the join sheet</a>."), arena_printf(r->arena, "/cohorts/%lld/sheet", c->id));
	html(r, "</p>\n");
	action_form(r, c, "join");
	checkbox(r, "enabled", _("Trainees may join with the code"), c->join_enabled);
	form_input(r, &(struct form_input){.name = "last_day", .id = "f-last-day", .label = _("Last day the code works"),
	                                   .type = FORM_DATE, .need = FORM_OPTIONAL, .value = c->join_last_day,
	                                   .hint = _("Leave empty for no end. Format: 2026-12-31.")});
	html(r, "<button type=\"submit\">%s</button>\n</form>\n", _("Save joining"));
	action_form(r, c, "code");
	html(r, "<p><button type=\"submit\" class=\"secondary\">%s</button> %s</p>\n</form>\n", _("Make a new join code"),
	     _("The old code stops working at once; trainees who joined keep their place."));

	html(r, "<h2 id=\"modules\">%s</h2>\n<p>%s</p>\n<ul class=\"cards\">\n", _("Modules"),
	     _("Trainees are asked to take the assigned modules, by the due date when there is one. The dashboards report "
	       "on assigned modules."));
	for (int i = 0; i < nmods; i++) {
		const struct cohort_module *m = &mods[i];
		html(r, "<li class=\"card\">");
		action_form(r, c, "module");
		form_hidden_number(r, "module", m->m.id);
		html(r, "<fieldset><legend>");
		module_title_html(r, &m->m);
		html(r, "</legend>\n");
		checkbox(r, "assigned", _("Assigned to this cohort"), m->assigned);
		form_input(r, &(struct form_input){.name = "due", .id = arena_printf(r->arena, "due-%lld", m->m.id),
		                                   .label = _("Due date"), .type = FORM_DATE, .need = FORM_OPTIONAL,
		                                   .value = m->due_on});
		html(r, "</fieldset>\n<button type=\"submit\" class=\"secondary\">");
		/* TRANSLATORS: a button; %s, the module's title, is read by screen readers only */
		html(r, _("Save <span class=\"visually-hidden\">%s</span>"), module_title(r, &m->m, NULL));
		html(r, "</button>\n</form></li>\n");
	}
	html(r, "</ul>\n");

	html(r, "<h2 id=\"staff\">%s</h2>\n<ul>\n", _("Facilitators"));
	for (int i = 0; i < nstaff; i++) {
		html(r, "<li><bdi>%s</bdi> (<bdi>%s</bdi>)", staff[i].name, staff[i].username);
		if (nstaff > 1) {
			html(r, " ");
			html(r, "<form method=\"post\" action=\"/cohorts/%lld/settings\" class=\"inline\">", c->id);
			form_hidden(r, "action", "staff-remove");
			form_hidden_number(r, "user", staff[i].id);
			auth_form_token(r);
			html(r, "<button type=\"submit\" class=\"link\">");
			/* TRANSLATORS: a button; %s, the facilitator's user name, is read by screen readers only */
			html(r, _("Remove <span class=\"visually-hidden\">%s</span>"), staff[i].username);
			html(r, "</button></form>");
		}
		html(r, "</li>\n");
	}
	html(r, "</ul>\n");
	action_form(r, c, "staff-add");
	form_input(r, &(struct form_input){.name = "username", .label = _("Add a facilitator by user name"),
	                                   .maxlength = 40, .autocomplete = "off",
	                                   .autocapitalize = FORM_CAPS_NONE, .no_spellcheck = true});
	html(r, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _p("verb", "Add"));

	html(r, "<h2 id=\"language\">%s</h2>\n<p>%s</p>\n", _("Language"),
	     _("The language the join sheet is printed in, and the one the cohort's trainees see first. Each trainee "
	       "can still choose another at the foot of any page."));
	action_form(r, c, "lang");
	html(r, "<div class=\"field\">\n<label for=\"f-cohort-lang\">%s</label>\n<select id=\"f-cohort-lang\" name=\"lang\">\n"
	        "<option value=\"\"%s>%s</option>\n",
	     _("Language of the cohort"), c->lang[0] ? "" : " selected", _("None: each trainee's browser decides"));
	for (int i = 0; site_langs[i].code; i++)
		html(r, "<option value=\"%s\" lang=\"%s\"%s>%s</option>\n", site_langs[i].code, site_langs[i].code,
		     strcmp(c->lang, site_langs[i].code) == 0 ? " selected" : "", site_langs[i].name);
	html(r, "</select>\n</div>\n<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _("Save the language"));

	html(r, "<h2 id=\"privacy\">%s</h2>\n", _("Privacy"));
	action_form(r, c, "privacy");
	checkbox(r, "aggregate", _("Aggregate only: show no individual trainee, and no figure about fewer than 5 trainees"),
	         c->aggregate_only);
	html(r, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _("Save privacy"));

	html(r, "<h2 id=\"name\">%s</h2>\n", _("Name and status"));
	action_form(r, c, "name");
	form_input(r, &(struct form_input){.name = "name", .label = _("Name of the cohort"),
	                                   .value = c->name, .maxlength = 120});
	html(r, "<button type=\"submit\" class=\"secondary\">%s</button>\n</form>\n", _p("verb", "Rename"));
	action_form(r, c, c->archived ? "unarchive" : "archive");
	html(r, "<p><button type=\"submit\" class=\"secondary\">%s</button> %s</p>\n</form>\n",
	     c->archived ? _("Make active again") : _("Archive the cohort"),
	     c->archived ? "" : _("Nobody can join an archived cohort; its records and reports stay."));
	layout_end(r);
}

static bool on(const struct req *r, size_t i)
{
	return r->in[i].state == FIELD_OK && strcmp(r->in[i].s, "on") == 0;
}

/* An optional date field: NULL when empty, the date when valid; *bad when neither. */
static const char *date_in(const struct req *r, size_t i, bool *bad)
{
	if (r->in[i].state == FIELD_MISSING || (r->in[i].state == FIELD_OK && r->in[i].len == 0))
		return NULL;
	if (r->in[i].state == FIELD_OK && iso_date_valid(r->in[i].s))
		return r->in[i].s;
	*bad = true;
	return NULL;
}

void page_cohort_settings(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c))
		show(r, &c, r->in[IN_DONE].state == FIELD_OK ? r->in[IN_DONE].s : NULL, NULL);
}

/* Every change ends here: rc is the store's answer, `error` what was wrong with the form, translated (the page comes
 * back with it, 400), `done` the key of the notice after the redirect. STORE_NONE without an error (the
 * cohort's row was not there to change) is answered as saved: the page it leads to says what is. */
static void saved(struct req *r, const struct cohort *c, enum store_rc rc, const char *error, const char *done)
{
	if (error) {
		r->resp.status = 400;
		show(r, c, NULL, error);
		return;
	}
	if (rc != STORE_NONE && http_store_failed(r, rc, "could not save the change"))
		return;
	/* done is NULL only with an error, but the compiler cannot see that tr() never returns NULL */
	http_redirect(r, 303, arena_printf(r->arena, "/cohorts/%lld/settings?done=%s", c->id, done ? done : ""));
}

void page_cohort_rename(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c))
		return;
	if (r->in[IN_NAME].state != FIELD_OK)
		saved(r, &c, STORE_NONE, _("type a name of 1 to 120 characters"), NULL);
	else
		saved(r, &c, db_cohort_rename(r->db, c.id, r->in[IN_NAME].s), NULL, "name");
}

void page_cohort_joining(struct req *r)
{
	struct cohort c;
	bool bad = false;
	if (!cohort_open(r, &c))
		return;
	const char *day = date_in(r, IN_LAST_DAY, &bad);
	if (bad)
		saved(r, &c, STORE_NONE, _("write the last day as a date, like 2026-12-31"), NULL);
	else
		saved(r, &c, db_cohort_join(r->db, c.id, on(r, IN_ENABLED), day), NULL, "join");
}

void page_cohort_new_code(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c))
		saved(r, &c, cohort_new_code(r, c.id, NULL, NULL), NULL, "code");
}

void page_cohort_assign(struct req *r)
{
	struct cohort c;
	bool bad = false;
	if (!cohort_open(r, &c))
		return;
	const char *due = date_in(r, IN_DUE, &bad);
	if (bad)
		saved(r, &c, STORE_NONE, _("write the due date as a date, like 2026-12-31"), NULL);
	else
		saved(r, &c, db_cohort_module_set(r->db, c.id, r->in[IN_MODULE].i, on(r, IN_ASSIGNED), due), NULL, "module");
}

void page_cohort_staff_add(struct req *r)
{
	struct cohort c;
	char name[41];
	if (!cohort_open(r, &c))
		return;
	if (r->in[IN_USERNAME].state != FIELD_OK || !username_normalise(r->in[IN_USERNAME].s, name)) {
		saved(r, &c, STORE_NONE, _("type the user name of a facilitator"), NULL);
		return;
	}
	enum store_rc rc = db_cohort_staff_add(r->db, c.id, name);
	saved(r, &c, rc, rc == STORE_NONE ? _("there is no active facilitator or administrator with that user name") : NULL, "staff-add");
}

void page_cohort_staff_remove(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c))
		return;
	enum store_rc rc = db_cohort_staff_remove(r->db, c.id, r->in[IN_USER].i);
	saved(r, &c, rc, rc == STORE_NONE ? _("a cohort keeps at least one facilitator") : NULL, "staff-remove");
}

void page_cohort_privacy(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c))
		saved(r, &c, db_cohort_privacy(r->db, c.id, on(r, IN_AGGREGATE)), NULL, "privacy");
}

void page_cohort_lang(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c))
		return;
	const char *lang = r->in[IN_LANG].state == FIELD_OK ? r->in[IN_LANG].s : NULL;
	if (r->in[IN_LANG].state == FIELD_INVALID || (lang && lang_find(lang) == NULL)) {
		saved(r, &c, STORE_OK, _("the site does not offer that language"), "lang");
		return;
	}
	saved(r, &c, db_cohort_set_lang(r->db, c.id, lang), NULL, "lang");
}

void page_cohort_archive(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c))
		saved(r, &c, db_cohort_archive(r->db, c.id, true), NULL, "archive");
}

void page_cohort_unarchive(struct req *r)
{
	struct cohort c;
	if (cohort_open(r, &c))
		saved(r, &c, db_cohort_archive(r->db, c.id, false), NULL, "unarchive");
}
