/* page_slips.c: resume codes on paper. A sheet of slips for a cohort, made in advance for people without
 * a phone: each slip is a new trainee of the cohort with a fresh resume code, shown on this one response
 * only (the database keeps only the codes' hashes). Also the slip itself, which the trainee's own new
 * code and a code a facilitator issues are printed as. */
#include "pages/lang.h"
#include "pages/page_slips.h"

#include <string.h>
#include <time.h>

#include "security/auth.h"
#include "pages/cohort.h"
#include "pages/qr.h"
#include "store/accounts.h"

#define SLIPS_MAX 60
#define SLIP_NAME_MAX 60

enum store_rc slip_code_set(struct db *db, long long user, const char *was, char display[SLIP_CODE_MAX])
{
	char hex[65];
	enum store_rc rc = STORE_TAKEN;
	for (int tries = 0; tries < 3 && rc == STORE_TAKEN; tries++) {
		if (sec_resume_new(display, hex) != 0)
			return STORE_FAILED;
		rc = db_resume_set(db, user, hex, was ? was : "");
	}
	/* Three taken codes in a row are nobody's doing: a failure to try again later, not a conflict (409). */
	return rc == STORE_TAKEN ? STORE_FAILED : rc;
}

bool slip_was_input(struct req *r, long long user)
{
	char was[17];
	/* STORE_NONE: not a trainee; the form then names no code, and replacing it finds nothing to replace. */
	enum store_rc rc = db_resume_fingerprint(r->db, user, was);
	if (rc != STORE_NONE && http_store_failed(r, rc, "database unavailable"))
		return false;
	form_hidden(r, "was", was);
	return true;
}

static const char *resume_address(struct req *r)
{
	return arena_printf(r->arena, "%s/resume", site_url(r));
}

const char *slip_qr(struct req *r)
{
	struct buf svg;
	buf_init(&svg, 1 << 20);
	const char *out = "";
	/* TRANSLATORS: the QR code's description for screen readers */
	if (qr_svg(&svg, resume_address(r), 112, _("QR code opening the page where the resume code is typed")) == 0)
		out = arena_strdup(r->arena, svg.p);
	buf_free(&svg);
	return out ? out : "";
}

void slip_write(struct req *r, const char *name, const char *code, const char *qr)
{
	html(r, "<div class=\"slip\">\n<p class=\"slip-name\">%s</p>\n<p class=\"slip-label\">%s</p>\n"
	        "<p class=\"code-big slip-code\">%s</p>\n<div class=\"qr slip-qr\">",
	     name, _("Resume code"), code);
	html_trusted(r, qr);
	html(r, "</div>\n<p class=\"slip-how\">");
	/* TRANSLATORS: printed on a slip of paper under a QR code ("the square"); %s is the web address of the page
	 * where the code is typed, such as https://example.org/resume */
	html(r, _("To continue your course on any phone or computer, open <strong>%s</strong> (or scan the square) and "
	          "type this code. Keep it private."),
	     resume_address(r));
	html(r, "</p>\n</div>\n");
}

enum { IN_COUNT, IN_NAMES, IN_CONFIRM };
const struct field slips_fields[] = {
	[IN_COUNT] = {"count", FIELD_INT, 1, SLIPS_MAX, false},
	[IN_NAMES] = {"names", FIELD_TEXTAREA, 0, SLIPS_MAX * (SLIP_NAME_MAX + 2), false},
	[IN_CONFIRM] = {"confirm", FIELD_SLUG, 1, 3, false},
	{NULL},
};

struct sheet {
	int count;                    /* slips to make */
	const char *names[SLIPS_MAX]; /* the names typed, in order; the rest are made up */
	int nnames;
};

/* Characters, not bytes: a limit never depends on the script a name is written in. */
static size_t chars(const char *s)
{
	size_t k = 0;
	for (; *s; s++)
		k += ((unsigned char)*s & 0xC0) != 0x80;
	return k;
}

/* Reads the form into s; returns NULL, or what is wrong with it in words. */
static const char *read_sheet(struct req *r, struct sheet *s)
{
	memset(s, 0, sizeof(*s));
	if (r->in[IN_NAMES].state == FIELD_INVALID)
		return arena_printf(r->arena, _n("give at most %d name, one a line, without special characters",
		                                 "give at most %d names, one a line, without special characters", SLIPS_MAX),
		                    SLIPS_MAX);
	const char *p = r->in[IN_NAMES].state == FIELD_OK ? r->in[IN_NAMES].s : "";
	while (*p) {
		size_t n = strcspn(p, "\r\n");
		const char *line = p;
		p += n;
		p += strspn(p, "\r\n");
		while (n > 0 && (*line == ' ' || *line == '\t'))
			line++, n--;
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n == 0)
			continue;
		if (s->nnames == SLIPS_MAX)
			return arena_printf(r->arena, _n("give at most %d name", "give at most %d names", SLIPS_MAX), SLIPS_MAX);
		const char *name = arena_strndup(r->arena, line, n);
		if (name == NULL || chars(name) > SLIP_NAME_MAX || strchr(name, '\t') != NULL)
			/* TRANSLATORS: %d is a number of characters; %s is the name typed */
			return arena_printf(r->arena, _n("a name has at most %d character and no tabs: “%s” does not fit",
			                                 "a name has at most %d characters and no tabs: “%s” does not fit",
			                                 SLIP_NAME_MAX),
			                    SLIP_NAME_MAX, name ? name : "");
		s->names[s->nnames++] = name;
	}
	if (r->in[IN_COUNT].state != FIELD_OK)
		return arena_printf(r->arena, _("give the number of slips, from 1 to %d"), SLIPS_MAX);
	s->count = (int)r->in[IN_COUNT].i;
	if (s->nnames > s->count)
		return arena_printf(r->arena,
		                    /* TRANSLATORS: the first %s is "%d names" (below), the second "%d slips" */
		                    _("there are %s for %s: give a number at least as large as the number of names"),
		                    arena_printf(r->arena, _n("%d name", "%d names", s->nnames), s->nnames),
		                    arena_printf(r->arena, _n("%d slip", "%d slips", s->count), s->count));
	return NULL;
}

static void form(struct req *r, const struct cohort *c, const char *err)
{
	/* TRANSLATORS: the page's title; %s is the cohort's name */
	layout_begin_wide(r, form_title(r, arena_printf(r->arena, _("Slips: %s"), c->name), err != NULL), true);
	cohort_nav(r, c, "");
	html(r, "<h1>%s</h1>\n<p>%s</p>\n", _("A sheet of slips"),
	     /* TRANSLATORS: “Slip N” is the name a slip without one gets ("Slip %d, %s" below) */
	     _("For people without a phone, or to hand out at a workshop: each slip is a new trainee of this cohort with "
	       "their own resume code, which they type at /resume on any computer to take the course. Names are optional; "
	       "a slip without one is named “Slip N” and the trainee's name can be changed on their page later."));
	if (err) {
		html(r, "<div class=\"notice bad\" role=\"alert\"><p>");
		/* TRANSLATORS: %s is what is wrong, such as "give the number of slips, from 1 to 60" */
		html(r, _("Please check the form: %s."), err);
		html(r, "</p></div>\n");
	}
	html(r, "<form method=\"post\" action=\"/cohorts/%lld/slips\" novalidate>\n", c->id);
	auth_form_token(r);
	form_input(r, &(struct form_input){.name = "count", .label = _("How many slips"),
	                                   .value = r->in[IN_COUNT].s, .error = err,
	                                   .hint = arena_printf(r->arena, _("From 1 to %d"), SLIPS_MAX),
	                                   .autocomplete = "off", .maxlength = 2, .inputmode = "numeric"});
	html(r, "<div class=\"field\">\n<label for=\"f-names\">%s</label>\n<p class=\"hint\" id=\"f-names-hint\">", _("Names (optional)"));
	html(r, _n("One a line, up to %d character each", "One a line, up to %d characters each", SLIP_NAME_MAX),
	     SLIP_NAME_MAX);
	html(r, "</p>\n<textarea id=\"f-names\" name=\"names\" rows=\"6\" "
	        "aria-describedby=\"f-names-hint\">%s</textarea>\n</div>\n"
	        "<button type=\"submit\">%s</button>\n</form>\n",
	     r->in[IN_NAMES].s ? r->in[IN_NAMES].s : "", _("Continue"));
	layout_end(r);
}

/* Asks first: the next step makes the trainees. */
static void confirm(struct req *r, const struct cohort *c, const struct sheet *s)
{
	layout_begin(r, _("Make the slips?"));
	html(r, "<h1>");
	html(r, _n("Make %d slip?", "Make %d slips?", s->count), s->count);
	html(r, "</h1>\n<p>");
	/* TRANSLATORS: %s is the cohort's name */
	html(r, _n("This creates <strong>%d new trainee</strong> in “%s”, each with a resume code.",
	           "This creates <strong>%d new trainees</strong> in “%s”, each with a resume code.", s->count),
	     s->count, c->name);
	html(r, "</p>\n");
	if (s->nnames > 0) {
		html(r, "<p>%s</p>\n<ul>\n", _("Named slips:"));
		for (int i = 0; i < s->nnames; i++)
			html(r, "<li>%s</li>\n", s->names[i]);
		html(r, "</ul>\n");
	}
	html(r, "<p class=\"notice\">%s</p>\n<form method=\"post\" action=\"/cohorts/%lld/slips\">\n",
	     _("The codes are shown once, on the next page, and never again: Passage keeps only a fingerprint of each. "
	       "Print that page before you leave it."),
	     c->id);
	auth_form_token(r);
	form_hidden_number(r, "count", s->count);
	form_hidden(r, "names", r->in[IN_NAMES].s ? r->in[IN_NAMES].s : "");
	form_hidden(r, "confirm", "yes");
	html(r, "<button type=\"submit\">");
	html(r, _n("Create %d trainee and show the slips", "Create %d trainees and show the slips", s->count), s->count);
	html(r, "</button>\n</form>\n<p><a href=\"/cohorts/%lld/slips\">%s</a></p>\n", c->id,
	     _("Change the number or the names"));
	layout_end(r);
}

void page_slips(struct req *r)
{
	struct cohort c;
	if (!cohort_open_staff(r, &c))
		return;
	if (r->method != METHOD_POST) {
		form(r, &c, NULL);
		return;
	}
	struct sheet s;
	const char *err = read_sheet(r, &s);
	if (err) {
		r->resp.status = 400;
		form(r, &c, err);
		return;
	}
	if (c.archived) {
		http_error(r, 409, "this cohort is archived: open it again in its settings to add trainees");
		return;
	}
	if (r->in[IN_CONFIRM].state != FIELD_OK || strcmp(r->in[IN_CONFIRM].s, "yes") != 0) {
		confirm(r, &c, &s);
		return;
	}
	char codes[SLIPS_MAX][SLIP_CODE_MAX], hexes[SLIPS_MAX][65];
	const char *names[SLIPS_MAX], *hp[SLIPS_MAX];
	long long ids[SLIPS_MAX];
	const char *day = lang_date(r, (long long)time(NULL));
	enum store_rc rc = STORE_TAKEN;
	for (int tries = 0; tries < 3 && rc == STORE_TAKEN; tries++) {
		for (int i = 0; i < s.count; i++) {
			if (sec_resume_new(codes[i], hexes[i]) != 0) {
				http_error(r, 500, "no random numbers");
				return;
			}
			/* TRANSLATORS: the name of a trainee made without one, kept as their name: %d is the slip's
			 * number on the sheet, %s today's date */
			names[i] = i < s.nnames ? s.names[i] : arena_printf(r->arena, _("Slip %d, %s"), i + 1, day);
			hp[i] = hexes[i];
		}
		rc = db_trainees_create(r->db, r->arena, c.id, names, hp, s.count, ids);
	}
	/* Codes still taken after three draws: a failure to try again later (503), as slip_code_set says. */
	if (http_store_failed(r, rc == STORE_TAKEN ? STORE_FAILED : rc, "could not create the trainees"))
		return;
	layout_begin_wide(r, arena_printf(r->arena, _("Slips: %s"), c.name), true);
	html(r, "<div class=\"no-print\">\n");
	cohort_nav(r, &c, "");
	html(r, "<h1>");
	/* TRANSLATORS: %s is the cohort's name */
	html(r, _n("%d slip for “%s”", "%d slips for “%s”", s.count), s.count, c.name);
	html(r, "</h1>\n<div class=\"notice ok\" role=\"status\"><p>");
	html(r, _n("%d trainee made. Print this page now with your browser's Print command and cut along the lines. These "
	           "codes are shown only here: Passage keeps only a fingerprint of each. A lost slip is replaced from the "
	           "trainee's page.",
	           "%d trainees made. Print this page now with your browser's Print command and cut along the lines. These "
	           "codes are shown only here: Passage keeps only a fingerprint of each. A lost slip is replaced from the "
	           "trainee's page.",
	           s.count),
	     s.count);
	html(r, "</p></div>\n</div>\n<div class=\"slips\">\n");
	const char *qr = slip_qr(r);
	for (int i = 0; i < s.count; i++)
		slip_write(r, names[i], codes[i], qr);
	html(r, "</div>\n<p class=\"no-print\"><a href=\"/cohorts/%lld/roster\">%s</a></p>\n", c.id,
	     _("See them among the trainees"));
	layout_end(r);
}
