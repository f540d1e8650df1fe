/* test_form.c: the form controls write what the pages used to write by hand, escaped. */
#include <criterion/criterion.h>
#include <string.h>

#include "server/form.h"

static struct arena A;
static struct req R;
static void setup(void)
{
	arena_init(&A, 1 << 20);
	memset(&R, 0, sizeof(R));
	R.arena = &A;
	buf_init(&R.resp.body, 1 << 20);
}
static void teardown(void)
{
	buf_free(&R.resp.body);
	arena_free(&A);
}

Test(form_controls, required_text_input_with_hint_and_error, .init = setup, .fini = teardown)
{
	form_input(&R, &(struct form_input){.name = "code", .label = "Join code", .value = "a\"b", .error = "too long",
	                                    .hint = "8 letters", .maxlength = 40, .autocomplete = "off",
	                                    .autocapitalize = FORM_CAPS_CHARACTERS, .no_spellcheck = true});
	cr_expect_str_eq(R.resp.body.p,
	                 "<div class=\"field has-error\">\n<label for=\"f-code\">Join code</label>\n"
	                 "<p class=\"hint\" id=\"f-code-hint\">8 letters</p>\n"
	                 "<p class=\"error-msg\" id=\"f-code-error\">Error: too long</p>\n"
	                 "<input id=\"f-code\" name=\"code\" type=\"text\" value=\"a&quot;b\" maxlength=\"40\" "
	                 "autocomplete=\"off\" aria-describedby=\"f-code-hint f-code-error\" aria-invalid=\"true\" "
	                 "autocapitalize=\"characters\" spellcheck=\"false\" required>\n</div>\n");
}

Test(form_controls, optional_says_so_and_is_not_required, .init = setup, .fini = teardown)
{
	form_input(&R, &(struct form_input){.name = "due", .id = "due-7", .label = "Due date", .type = FORM_DATE,
	                                    .need = FORM_OPTIONAL, .min = "2020-01-01", .minlength = 2,
	                                    .pattern = "[0-9-]+", .inputmode = "numeric"});
	cr_expect_not_null(strstr(R.resp.body.p, "<label for=\"due-7\">Due date (optional)</label>"));
	cr_expect_not_null(strstr(R.resp.body.p, "<input id=\"due-7\" name=\"due\" type=\"date\" minlength=\"2\" "
	                                         "inputmode=\"numeric\" pattern=\"[0-9-]+\" min=\"2020-01-01\">"));
	cr_expect_null(strstr(R.resp.body.p, "required"));
}

Test(form_controls, depends_is_neither_required_nor_optional, .init = setup, .fini = teardown)
{
	form_input(&R, &(struct form_input){.name = "correct", .label = "The right answer (quiz questions)",
	                                    .type = FORM_NUMBER, .need = FORM_DEPENDS, .max = "8"});
	cr_expect_null(strstr(R.resp.body.p, "required"));
	cr_expect_null(strstr(R.resp.body.p, "(optional)"));
	cr_expect_not_null(strstr(R.resp.body.p, "type=\"number\" max=\"8\">"));
}

Test(form_controls, password_never_shows_its_value, .init = setup, .fini = teardown)
{
	form_input(&R, &(struct form_input){.name = "password", .label = "Password", .type = FORM_PASSWORD,
	                                    .value = "secret"});
	cr_expect_null(strstr(R.resp.body.p, "secret"));
}

Test(form_controls, choices_in_their_three_shapes, .init = setup, .fini = teardown)
{
	form_choice(&R, &(struct form_choice){.name = "q1", .number = 2, .label = "<b>", .checked = true});
	form_choice(&R, &(struct form_choice){.name = "hold", .checkbox = true, .value = "1", .id = "f-hold",
	                                      .label = "Hold", .required = true});
	form_choice(&R, &(struct form_choice){.name = "user", .checkbox = true, .number = 9, .id = "u9",
	                                      .aria_label = "Select A&B"});
	cr_expect_str_eq(R.resp.body.p,
	                 "<label class=\"choice\"><input type=\"radio\" name=\"q1\" value=\"2\" checked> &lt;b&gt;</label>\n"
	                 "<div class=\"choice\"><input type=\"checkbox\" name=\"hold\" value=\"1\" id=\"f-hold\" required>"
	                 "<label for=\"f-hold\">Hold</label></div>\n"
	                 "<input type=\"checkbox\" name=\"user\" value=\"9\" id=\"u9\" aria-label=\"Select A&amp;B\">");
}

Test(form_controls, hidden_fields_are_escaped, .init = setup, .fini = teardown)
{
	form_hidden(&R, "next", "/a?b=\"c\"&d");
	form_hidden_number(&R, "q", -12);
	cr_expect_str_eq(R.resp.body.p, "<input type=\"hidden\" name=\"next\" value=\"/a?b=&quot;c&quot;&amp;d\">\n"
	                                "<input type=\"hidden\" name=\"q\" value=\"-12\">\n");
}
