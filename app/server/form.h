/* form.h: every <input> the site writes, labelled, wired for screen readers and escaped. Pages describe a
 * control with typed attributes and never write an <input> by hand, so a label, a limit or an error
 * message cannot drift away from its control. */
#ifndef PASSAGE_FORM_H
#define PASSAGE_FORM_H

#include <stdbool.h>

#include "server/http.h"

enum form_type { FORM_TEXT, FORM_PASSWORD, FORM_NUMBER, FORM_DATE };

/* Whether a field must be filled in. */
enum form_need {
	FORM_REQUIRED,   /* the `required` attribute */
	FORM_OPTIONAL,   /* "(optional)" after the label, and not required */
	FORM_DEPENDS,    /* needed in the cases its label names ("(quiz questions)"): neither */
};

enum form_caps { FORM_CAPS_DEFAULT, FORM_CAPS_NONE, FORM_CAPS_CHARACTERS };   /* autocapitalize */

/* A labelled input with its hint and error. Every string is text, escaped; unset ones are left out. */
struct form_input {
	const char *name, *label;
	enum form_type type;
	enum form_need need;
	const char *id;                   /* NULL: "f-" and the name; the hint and error ids add "-hint", "-error" */
	const char *value;                /* shown back on a re-displayed form (never for passwords) */
	const char *error;                /* NULL, or what is wrong, in words */
	const char *hint;
	int maxlength, minlength;         /* in characters, as the browser counts them; 0: none */
	const char *autocomplete;
	const char *inputmode;            /* "numeric", ... */
	const char *pattern;
	const char *min, *max;            /* for numbers and dates */
	enum form_caps autocapitalize;
	bool no_spellcheck;               /* codes and user names: spellcheck="false" */
};
void form_input(struct req *r, const struct form_input *f);

/* A radio button or checkbox. With `id`, the label follows it in a div (a long label wraps beside the
 * control); without, the label wraps it; with `aria_label`, it stands alone (a table's select column). */
struct form_choice {
	const char *name;
	bool checkbox;                    /* else a radio button */
	const char *value;                /* NULL: `number` is the value */
	long long number;
	const char *label;
	const char *label_lang, *label_dir;   /* the label's language and direction, when not the page's */
	bool label_isolated;              /* the label holds what someone typed (a name): in a <bdi> */
	const char *id;
	const char *aria_label;
	bool checked, required;
};
void form_choice(struct req *r, const struct form_choice *c);

/* A hidden field, and a line break after it. */
void form_hidden(struct req *r, const char *name, const char *value);
void form_hidden_number(struct req *r, const char *name, long long value);

#endif
