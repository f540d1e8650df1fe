/* routes.c: the dispatch table. Every route the program answers is on this page, and every action a form
 * can ask for is a row of its own: rows of one path are told apart by their `action`, the value of the
 * form's "action" field (see struct route). Path captures are typed: {id}, {n}, {slug}, {code}. */
#include "domain/content.h"
#include "pages/pages.h"

_Static_assert(HTTP_SLUG_MAX == CONTENT_ID_MAX, "a {slug} capture takes any module id the content may have");

#define G METHOD_GET
#define P METHOD_POST
#define DB ROUTE_DB
#define STAFF ROUTE_STAFF
#define LENIENT ROUTE_LENIENT

const struct route site_routes[] = {
	/* pattern                methods action  handler           declared inputs   flags */
	{"/",                     G,      NULL,   page_home,        NULL,             0},
	{"/healthz",              G,      NULL,   page_healthz,     NULL,             ROUTE_NOLOG | ROUTE_PROBE},
	{"/readyz",               G,      NULL,   page_readyz,      NULL,             ROUTE_NOLOG | ROUTE_PROBE},
	{"/metrics",              G,      NULL,   page_metrics,     NULL,             ROUTE_NOLOG | ROUTE_PROBE},
	{"/join",                 G | P,  NULL,   page_join,        join_fields,      DB | LENIENT},
	{"/resume",               G | P,  NULL,   page_resume,      resume_fields,    DB | LENIENT},
	{"/signin",               G | P,  NULL,   page_signin,      signin_fields,    DB | LENIENT},
	{"/signout",              P,      NULL,   page_signout,     signout_fields,   DB | ROUTE_SIGNED_IN | LENIENT},
	{"/me",                   G,      NULL,   page_account,     account_fields,   DB | ROUTE_SIGNED_IN},
	{"/me/code",              G | P,  NULL,   page_resume_code, resume_code_fields, DB | ROUTE_SIGNED_IN | LENIENT},
	{"/me/code/print",        P,      NULL,   page_resume_code_print, resume_code_fields, DB | ROUTE_SIGNED_IN | LENIENT},
	{"/me/password",          G | P,  NULL,   page_password,    password_fields,  DB | ROUTE_SIGNED_IN | LENIENT},
	{"/admin/users",          G | P,  NULL,   page_users,       users_fields,     DB | ROUTE_ADMIN | LENIENT},
	{"/admin/users/{id}/disable", P,  NULL,   page_user_disable, NULL,            DB | ROUTE_ADMIN},
	{"/admin/users/{id}/enable", P,   NULL,   page_user_enable, NULL,             DB | ROUTE_ADMIN},
	{"/admin/users/{id}/password", P, NULL,   page_user_password, NULL,           DB | ROUTE_ADMIN},
	{"/modules",              G,      NULL,   page_modules,     NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}",       G,      NULL,   page_module,      NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/lessons/{n}", G, NULL,  page_lesson,      NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/precheck", G | P, NULL, page_precheck,    quiz_fields,      DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/precheck/{n}", G, NULL, page_precheck_review, NULL,         DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/quiz",  G | P,  NULL,   page_quiz,        quiz_fields,      DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/quiz/{n}", G,   NULL,   page_quiz_review, NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/scenario", G,   NULL,   page_scenario,    NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/scenario", P,   "start", page_scenario_start, NULL,         DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/scenario", P,   "choose", page_scenario_choose, scenario_choose_fields, DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/certificate", P, NULL,  page_certificate_issue, NULL,       DB | ROUTE_SIGNED_IN},
	{"/modules/{slug}/notes", G,      NULL,   page_notes,       NULL,             DB | STAFF},
	{"/certificates/{code}",  G,      NULL,   page_certificate, NULL,             DB},
	{"/verify",               G,      NULL,   page_verify,      verify_fields,    DB},
	{"/glossary",             G,      NULL,   page_glossary,    NULL,             DB},
	{"/about-the-source",     G,      NULL,   page_about_source, NULL,            DB},
	{"/language",             P,      NULL,   page_language,    language_fields,  DB},
	/* The facilitator's workspace: every page checks, on the server, that the cohort is theirs. */
	{"/cohorts",              G | P,  NULL,   page_cohorts,     cohorts_fields,   DB | STAFF | LENIENT},
	{"/cohorts/{id}",         G,      NULL,   page_cohort,      cohort_fields,    DB | STAFF},
	{"/cohorts/{id}/settings", G,     NULL,   page_cohort_settings, cohort_settings_fields, DB | STAFF | LENIENT},
	{"/cohorts/{id}/settings", P,     "name", page_cohort_rename, cohort_rename_fields, DB | STAFF | LENIENT},
	{"/cohorts/{id}/settings", P,     "join", page_cohort_joining, cohort_joining_fields, DB | STAFF | LENIENT},
	{"/cohorts/{id}/settings", P,     "code", page_cohort_new_code, NULL,         DB | STAFF},
	{"/cohorts/{id}/settings", P,     "module", page_cohort_assign, cohort_assign_fields, DB | STAFF},
	{"/cohorts/{id}/settings", P,     "staff-add", page_cohort_staff_add, cohort_staff_add_fields, DB | STAFF | LENIENT},
	{"/cohorts/{id}/settings", P,     "staff-remove", page_cohort_staff_remove, cohort_staff_remove_fields, DB | STAFF},
	{"/cohorts/{id}/settings", P,     "privacy", page_cohort_privacy, cohort_privacy_fields, DB | STAFF},
	{"/cohorts/{id}/settings", P,     "lang", page_cohort_lang, cohort_lang_fields, DB | STAFF | LENIENT},
	{"/cohorts/{id}/settings", P,     "archive", page_cohort_archive, NULL,       DB | STAFF},
	{"/cohorts/{id}/settings", P,     "unarchive", page_cohort_unarchive, NULL,   DB | STAFF},
	{"/cohorts/{id}/roster",  G,      NULL,   page_roster,      roster_fields,    DB | STAFF},
	{"/cohorts/{id}/roster",  P,      "move", page_roster_move, roster_move_fields, DB | STAFF},
	{"/cohorts/{id}/roster",  P,      "remove", page_roster_remove, roster_remove_fields, DB | STAFF},
	{"/cohorts/{id}/sheet",   G,      NULL,   page_join_sheet,  NULL,             DB | STAFF},
	{"/cohorts/{id}/modules/{slug}", G, NULL, page_cohort_module, cohort_module_fields, DB | STAFF},
	{"/cohorts/{id}/trainees/{id}", G, NULL,  page_cohort_trainee, cohort_trainee_fields, DB | STAFF},
	/* Recovery: open to anyone so that the handlers answer 404 to all but the cohort's facilitators. */
	{"/cohorts/{id}/trainees/{id}/code", P, NULL, page_trainee_code, trainee_code_fields, DB | LENIENT},
	{"/cohorts/{id}/trainees/{id}/rename", P, NULL, page_trainee_rename, trainee_rename_fields, DB | LENIENT},
	{"/cohorts/{id}/trainees/{id}/attempts", P, NULL, page_trainee_attempts, trainee_attempts_fields, DB},
	{"/cohorts/{id}/trainees/{id}/merge", G | P, NULL, page_trainee_merge, trainee_merge_fields, DB | LENIENT},
	{"/cohorts/{id}/slips",   G | P,  NULL,   page_slips,       slips_fields,     DB | LENIENT},
	{"/cohorts/{id}/export/roster.csv", G, NULL, page_export_roster, NULL,        DB | STAFF},
	{"/cohorts/{id}/export/answers.csv", G, NULL, page_export_answers, NULL,      DB | STAFF},
	{"/cohorts/{id}/modules/{slug}/items.csv", G, NULL, page_export_items, export_items_fields, DB | STAFF},
	{"/reports/answers.csv",  G,      NULL,   page_export_all_answers, NULL,      DB | ROUTE_ADMIN},
	/* Live workshops: the room (anyone with the code) and the facilitator's side. */
	{"/live",                 G | P,  NULL,   page_live_join,   live_join_fields, DB | LENIENT},
	{"/live/{code}",          G,      NULL,   page_live,        live_fields,      DB},
	{"/live/{code}",          P,      "answer", page_live_answer, live_answer_fields, DB},
	{"/live/{code}",          P,      "post", page_live_post,   live_post_fields, DB},
	{"/live/{code}",          P,      "vote", page_live_vote,   live_vote_fields, DB},
	{"/workshops",            G | P,  NULL,   page_workshops,   workshops_fields, DB | STAFF | LENIENT},
	{"/workshops/{id}",       G,      NULL,   page_workshop,    workshop_fields,  DB | STAFF | LENIENT},
	{"/workshops/{id}",       P,      "add",  page_workshop_add, workshop_add_fields, DB | STAFF | LENIENT},
	{"/workshops/{id}",       P,      "delete", page_workshop_delete, workshop_delete_fields, DB | STAFF},
	{"/workshops/{id}",       P,      "settings", page_workshop_settings, workshop_settings_fields, DB | STAFF},
	{"/workshops/{id}",       P,      "lang", page_workshop_lang, workshop_lang_fields, DB | STAFF},
	{"/workshops/{id}/console", G,     NULL,   page_live_console, NULL,            DB | STAFF},
	{"/workshops/{id}/console", P,     "start", page_live_console_start, NULL,     DB | STAFF},
	{"/workshops/{id}/console", P,     "next", page_live_console_next, NULL,       DB | STAFF},
	{"/workshops/{id}/console", P,     "prev", page_live_console_prev, NULL,       DB | STAFF},
	{"/workshops/{id}/console", P,     "goto", page_live_console_goto, console_q_fields, DB | STAFF},
	{"/workshops/{id}/console", P,     "lobby", page_live_console_lobby, NULL,     DB | STAFF},
	{"/workshops/{id}/console", P,     "open", page_live_console_open, console_q_fields, DB | STAFF},
	{"/workshops/{id}/console", P,     "close", page_live_console_close, console_q_fields, DB | STAFF},
	{"/workshops/{id}/console", P,     "reveal", page_live_console_reveal, console_q_fields, DB | STAFF},
	{"/workshops/{id}/console", P,     "end",  page_live_console_end, NULL,        DB | STAFF},
	{"/workshops/{id}/console", P,     "approve", page_live_console_approve, console_moderate_fields, DB | STAFF},
	{"/workshops/{id}/console", P,     "hide", page_live_console_hide, console_moderate_fields, DB | STAFF},
	{"/workshops/{id}/screen", G,      NULL,   page_live_screen, NULL,             DB | STAFF},
	{"/workshops/{id}/results.csv", G, NULL,   page_export_live, NULL,             DB | STAFF},
	/* Where workshops were before they had that name ("live sessions"): bookmarks still arrive (301). */
	{"/sessions",             G,      NULL,   page_workshops_moved, NULL,         0},
	{"/sessions/{id}",        G,      NULL,   page_workshops_moved, NULL,         0},
	{"/sessions/{id}/console", G,     NULL,   page_workshops_moved, NULL,         0},
	{"/sessions/{id}/screen", G,      NULL,   page_workshops_moved, NULL,         0},
	{"/sessions/{id}/results.csv", G, NULL,   page_workshops_moved, NULL,         0},
};
const size_t site_nroutes = sizeof(site_routes) / sizeof(site_routes[0]);
