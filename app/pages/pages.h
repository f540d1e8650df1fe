/* pages.h: the page handlers and the shared layout. Pages read the request, call the store and the
 * domain, and write HTML through the escaping helpers; they know no SQL and no libfcgi. */
#ifndef PASSAGE_PAGES_H
#define PASSAGE_PAGES_H

#include "server/form.h"
#include "server/html.h"
#include "server/http.h"
#include "server/server.h"

/* routes.c: the dispatch table, which app/main.c gives to the server as part of the site. */
extern const struct route site_routes[];
extern const size_t site_nroutes;

/* layout.c */
/* The site's error page (struct site's error_page): the same frame, a plain title, what went wrong in
 * words, and a way back. */
void page_error(struct req *r, int status, const char *title, const char *detail);
void layout_begin(struct req *r, const char *title);
void layout_end(struct req *r);
/* The same frame with room for wide tables (the facilitator's dashboards). */
void layout_begin_wide(struct req *r, const char *title, bool wide);
/* The frame up to where <main> begins, for pages that open <main> themselves (the live pages). */
struct layout {
	const char *title;
	bool bare;                /* no header, navigation or footer: the projector */
	bool script;              /* live.js, which follows the page without reloading it */
	bool listen;              /* listen.js, the lesson's "Listen" control */
	int refresh;              /* seconds between reloads when JavaScript is off; 0: none */
	const char *body_class;
};
void layout_open(struct req *r, const struct layout *l);
/* Ends <main> and the page (with the footer unless bare). */
void layout_close(struct req *r, bool bare);

/* "Error: title" when a form has errors, so the page title announces them. */
const char *form_title(struct req *r, const char *title, bool has_errors);
/* The one-line message when a declared field came back invalid. */
const char *field_error(struct req *r, size_t i, const char *what);
/* The message for a text field that came back invalid, counted in characters: "it has 61 characters: use up
 * to 60", or that it holds a control character. */
const char *field_chars_error(struct req *r, size_t i, int max);
/* "." to end a sentence after `text`, or "" when text ends one already: with . ? ! … or the full stop or
 * question mark of Arabic, Devanagari, Ethiopic or Chinese, before any closing quotes or brackets. */
const char *full_stop(const char *text);

/* The site's address for print and projection, without a trailing slash: base_url when configured; else
 * the address the browser asked for when its Host is a plain host name; else https://localhost. */
const char *site_url(struct req *r);

/* One handler per page. */
void page_home(struct req *r);
void page_healthz(struct req *r);
void page_readyz(struct req *r);
void page_metrics(struct req *r);
void page_join(struct req *r);
void page_resume(struct req *r);
void page_signin(struct req *r);
void page_signout(struct req *r);
void page_account(struct req *r);
void page_password(struct req *r);
void page_users(struct req *r);
void page_user_disable(struct req *r);
void page_user_enable(struct req *r);
void page_user_password(struct req *r);
void page_modules(struct req *r);
void page_module(struct req *r);
void page_lesson(struct req *r);
void page_quiz(struct req *r);
void page_precheck(struct req *r);
void page_quiz_review(struct req *r);
void page_precheck_review(struct req *r);
void page_scenario(struct req *r);
void page_scenario_start(struct req *r);
void page_scenario_choose(struct req *r);
void page_certificate_issue(struct req *r);
void page_certificate(struct req *r);
void page_verify(struct req *r);
void page_glossary(struct req *r);
void page_about_source(struct req *r);
void page_language(struct req *r);
void page_notes(struct req *r);
void page_cohorts(struct req *r);
void page_cohort(struct req *r);
void page_cohort_settings(struct req *r);
void page_cohort_rename(struct req *r);
void page_cohort_joining(struct req *r);
void page_cohort_new_code(struct req *r);
void page_cohort_assign(struct req *r);
void page_cohort_staff_add(struct req *r);
void page_cohort_staff_remove(struct req *r);
void page_cohort_privacy(struct req *r);
void page_cohort_lang(struct req *r);
void page_cohort_archive(struct req *r);
void page_cohort_unarchive(struct req *r);
void page_roster(struct req *r);
void page_roster_move(struct req *r);
void page_roster_remove(struct req *r);
void page_join_sheet(struct req *r);
void page_cohort_module(struct req *r);
void page_cohort_trainee(struct req *r);
void page_export_roster(struct req *r);
void page_export_answers(struct req *r);
void page_export_items(struct req *r);
void page_export_all_answers(struct req *r);
void page_live_join(struct req *r);
void page_live(struct req *r);
void page_live_answer(struct req *r);
void page_live_post(struct req *r);
void page_live_vote(struct req *r);
void page_workshops(struct req *r);
void page_workshops_moved(struct req *r);
void page_workshop(struct req *r);
void page_workshop_add(struct req *r);
void page_workshop_delete(struct req *r);
void page_workshop_settings(struct req *r);
void page_workshop_lang(struct req *r);
void page_live_console(struct req *r);
void page_live_console_start(struct req *r);
void page_live_console_next(struct req *r);
void page_live_console_prev(struct req *r);
void page_live_console_goto(struct req *r);
void page_live_console_lobby(struct req *r);
void page_live_console_open(struct req *r);
void page_live_console_close(struct req *r);
void page_live_console_reveal(struct req *r);
void page_live_console_end(struct req *r);
void page_live_console_approve(struct req *r);
void page_live_console_hide(struct req *r);
void page_live_screen(struct req *r);
void page_export_live(struct req *r);
/* Recovery: resume codes, slips, and the facilitator's actions on a trainee. */
void page_resume_code(struct req *r);
void page_resume_code_print(struct req *r);
void page_trainee_code(struct req *r);
void page_trainee_rename(struct req *r);
void page_trainee_attempts(struct req *r);
void page_trainee_merge(struct req *r);
void page_slips(struct req *r);

/* Declared inputs, for the dispatch table. */
extern const struct field account_fields[];
extern const struct field cohort_trainee_fields[];
extern const struct field join_fields[];
extern const struct field resume_fields[];
extern const struct field signin_fields[];
extern const struct field language_fields[];
extern const struct field password_fields[];
extern const struct field users_fields[];
extern const struct field quiz_fields[];
extern const struct field scenario_choose_fields[];
extern const struct field verify_fields[];
extern const struct field cohorts_fields[];
extern const struct field cohort_fields[];
extern const struct field cohort_settings_fields[];
extern const struct field cohort_rename_fields[];
extern const struct field cohort_joining_fields[];
extern const struct field cohort_assign_fields[];
extern const struct field cohort_staff_add_fields[];
extern const struct field cohort_staff_remove_fields[];
extern const struct field cohort_privacy_fields[];
extern const struct field cohort_lang_fields[];
extern const struct field roster_fields[];
extern const struct field roster_move_fields[];
extern const struct field roster_remove_fields[];
extern const struct field cohort_module_fields[];
extern const struct field export_items_fields[];
extern const struct field live_join_fields[];
extern const struct field live_fields[];
extern const struct field live_answer_fields[];
extern const struct field live_post_fields[];
extern const struct field live_vote_fields[];
extern const struct field workshops_fields[];
extern const struct field workshop_fields[];
extern const struct field workshop_add_fields[];
extern const struct field workshop_delete_fields[];
extern const struct field workshop_settings_fields[];
extern const struct field workshop_lang_fields[];
extern const struct field console_q_fields[];
extern const struct field console_moderate_fields[];
extern const struct field signout_fields[];
extern const struct field resume_code_fields[];
extern const struct field trainee_code_fields[];
extern const struct field trainee_rename_fields[];
extern const struct field trainee_attempts_fields[];
extern const struct field trainee_merge_fields[];
extern const struct field slips_fields[];

#endif
