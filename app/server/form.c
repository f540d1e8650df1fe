/* form.c: the form controls (see form.h). */
#include "server/form.h"

#include "server/html.h"

static const char *const type_names[] = {
	[FORM_TEXT] = "text", [FORM_PASSWORD] = "password", [FORM_NUMBER] = "number", [FORM_DATE] = "date",
};

/* The attributes after the id, name and type, in the order the pages always wrote them. */
static void input_attributes(struct req *r, const struct form_input *f, const char *id)
{
	if (f->value && f->type != FORM_PASSWORD)
		html(r, " value=\"%s\"", f->value);
	if (f->maxlength > 0)
		html(r, " maxlength=\"%d\"", f->maxlength);
	if (f->minlength > 0)
		html(r, " minlength=\"%d\"", f->minlength);
	if (f->autocomplete)
		html(r, " autocomplete=\"%s\"", f->autocomplete);
	if (f->hint && f->error)
		html(r, " aria-describedby=\"%s-hint %s-error\" aria-invalid=\"true\"", id, id);
	else if (f->error)
		html(r, " aria-describedby=\"%s-error\" aria-invalid=\"true\"", id);
	else if (f->hint)
		html(r, " aria-describedby=\"%s-hint\"", id);
	if (f->inputmode)
		html(r, " inputmode=\"%s\"", f->inputmode);
	if (f->pattern)
		html(r, " pattern=\"%s\"", f->pattern);
	if (f->min)
		html(r, " min=\"%s\"", f->min);
	if (f->max)
		html(r, " max=\"%s\"", f->max);
	if (f->autocapitalize != FORM_CAPS_DEFAULT)
		html(r, " autocapitalize=\"%s\"", f->autocapitalize == FORM_CAPS_NONE ? "none" : "characters");
	if (f->no_spellcheck)
		html(r, " spellcheck=\"false\"");
}

void form_input(struct req *r, const struct form_input *f)
{
	const char *id = f->id ? f->id : arena_printf(r->arena, "f-%s", f->name);
	html(r, "<div class=\"field%s\">\n<label for=\"%s\">%s%s</label>\n", f->error ? " has-error" : "", id, f->label,
	     f->need == FORM_OPTIONAL ? _(" (optional)") : "");
	if (f->hint)
		html(r, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", id, f->hint);
	if (f->error)
		html(r, "<p class=\"error-msg\" id=\"%s-error\">%s</p>\n", id, arena_printf(r->arena, _("Error: %s"), f->error));
	html(r, "<input id=\"%s\" name=\"%s\" type=\"%s\"", id, f->name, type_names[f->type]);
	input_attributes(r, f, id);
	html(r, "%s>\n</div>\n", f->need == FORM_REQUIRED ? " required" : "");
}

void form_choice(struct req *r, const struct form_choice *c)
{
	if (c->id == NULL && c->aria_label == NULL)
		html(r, "<label class=\"choice\">");
	else if (c->aria_label == NULL)
		html(r, "<div class=\"choice\">");
	html(r, "<input type=\"%s\" name=\"%s\"", c->checkbox ? "checkbox" : "radio", c->name);
	if (c->value)
		html(r, " value=\"%s\"", c->value);
	else
		html(r, " value=\"%lld\"", c->number);
	if (c->id)
		html(r, " id=\"%s\"", c->id);
	if (c->aria_label)
		html(r, " aria-label=\"%s\"", c->aria_label);
	html(r, "%s%s>", c->checked ? " checked" : "", c->required ? " required" : "");
	if (c->aria_label)
		return;
	if (c->id)
		html(r, "<label for=\"%s\">", c->id);
	else
		html(r, " ");
	if (c->label_lang)
		html(r, "<span lang=\"%s\" dir=\"%s\">%s</span>", c->label_lang, c->label_dir ? c->label_dir : "ltr", c->label);
	else if (c->label_isolated)
		html(r, "<bdi>%s</bdi>", c->label);
	else
		html(r, "%s", c->label);
	html(r, c->id ? "</label></div>\n" : "</label>\n");
}

void form_hidden(struct req *r, const char *name, const char *value)
{
	html(r, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, value);
}

void form_hidden_number(struct req *r, const char *name, long long value)
{
	html(r, "<input type=\"hidden\" name=\"%s\" value=\"%lld\">\n", name, value);
}
