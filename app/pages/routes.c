/* routes.c: the dispatch table. Every route the program answers is on this page. */
#include "pages/pages.h"

#define G METHOD_GET
#define P METHOD_POST
#define DB ROUTE_DB

const struct route site_routes[] = {
	/* pattern                methods handler           declared inputs   flags */
	{"/",                     G,      page_home,        NULL,             0},
	{"/healthz",              G,      page_healthz,     NULL,             ROUTE_NOLOG | ROUTE_PROBE},
	{"/readyz",               G,      page_readyz,      NULL,             ROUTE_NOLOG | ROUTE_PROBE},
	{"/metrics",              G,      page_metrics,     NULL,             ROUTE_NOLOG | ROUTE_PROBE},
	{"/join",                 G | P,  page_join,        join_fields,      DB | ROUTE_LENIENT},
	{"/resume",               G | P,  page_resume,      resume_fields,    DB | ROUTE_LENIENT},
	{"/signin",               G | P,  page_signin,      signin_fields,    DB | ROUTE_LENIENT},
	{"/signout",              P,      page_signout,     signout_fields,   DB | ROUTE_SIGNED_IN | ROUTE_LENIENT},
	{"/me",                   G,      page_account,     NULL,             DB | ROUTE_SIGNED_IN},
	{"/me/code",              G | P,  page_resume_code, resume_code_fields, DB | ROUTE_SIGNED_IN | ROUTE_LENIENT},
	{"/me/code/print",        P,      page_resume_code_print, resume_code_fields, DB | ROUTE_SIGNED_IN | ROUTE_LENIENT},
	{"/me/password",          G | P,  page_password,    password_fields,  DB | ROUTE_SIGNED_IN | ROUTE_LENIENT},
	{"/admin/users",          G | P,  page_users,       users_fields,     DB | ROUTE_ADMIN | ROUTE_LENIENT},
	{"/admin/users/{}/{}",    P,      page_user_action, NULL,             DB | ROUTE_ADMIN},
	{"/modules",              G,      page_modules,     NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{}",           G,      page_module,      NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{}/lessons/{}", G,     page_lesson,      NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{}/precheck",  G | P,  page_precheck,    quiz_fields,      DB | ROUTE_SIGNED_IN},
	{"/modules/{}/precheck/{}", G,    page_precheck_review, NULL,         DB | ROUTE_SIGNED_IN},
	{"/modules/{}/quiz",      G | P,  page_quiz,        quiz_fields,      DB | ROUTE_SIGNED_IN},
	{"/modules/{}/quiz/{}",   G,      page_quiz_review, NULL,             DB | ROUTE_SIGNED_IN},
	{"/modules/{}/scenario",  G | P,  page_scenario,    scenario_fields,  DB | ROUTE_SIGNED_IN},
	{"/modules/{}/certificate", P,    page_certificate_issue, NULL,       DB | ROUTE_SIGNED_IN},
	{"/modules/{}/notes",     G,      page_notes,       NULL,             DB | ROUTE_STAFF},
	{"/certificates/{}",      G,      page_certificate, NULL,             DB},
	{"/verify",               G,      page_verify,      verify_fields,    DB},
	{"/glossary",             G,      page_glossary,    NULL,             DB},
	/* The facilitator's workspace: every page checks, on the server, that the cohort is theirs. */
	{"/cohorts",              G | P,  page_cohorts,     cohorts_fields,   DB | ROUTE_STAFF | ROUTE_LENIENT},
	{"/cohorts/{}",           G,      page_cohort,      cohort_fields,    DB | ROUTE_STAFF},
	{"/cohorts/{}/settings",  G | P,  page_cohort_settings, cohort_settings_fields, DB | ROUTE_STAFF | ROUTE_LENIENT},
	{"/cohorts/{}/roster",    G | P,  page_roster,      roster_fields,    DB | ROUTE_STAFF},
	{"/cohorts/{}/sheet",     G,      page_join_sheet,  NULL,             DB | ROUTE_STAFF},
	{"/cohorts/{}/modules/{}", G,     page_cohort_module, cohort_module_fields, DB | ROUTE_STAFF},
	{"/cohorts/{}/trainees/{}", G,    page_cohort_trainee, NULL,          DB | ROUTE_STAFF},
	/* Recovery: open to anyone so that the handlers answer 404 to all but the cohort's facilitators. */
	{"/cohorts/{}/trainees/{}/{}", G | P, page_trainee_action, trainee_action_fields, DB | ROUTE_LENIENT},
	{"/cohorts/{}/slips",     G | P,  page_slips,       slips_fields,     DB | ROUTE_LENIENT},
	{"/cohorts/{}/export/roster.csv", G, page_export_roster, NULL,        DB | ROUTE_STAFF},
	{"/cohorts/{}/export/answers.csv", G, page_export_answers, NULL,      DB | ROUTE_STAFF},
	{"/cohorts/{}/modules/{}/items.csv", G, page_export_items, export_items_fields, DB | ROUTE_STAFF},
	{"/reports/answers.csv",  G,      page_export_all_answers, NULL,      DB | ROUTE_ADMIN},
	/* Live workshops: the room (anyone with the code) and the facilitator's side. */
	{"/live",                 G | P,  page_live_join,   live_join_fields, DB | ROUTE_LENIENT},
	{"/live/{}",              G | P,  page_live,        live_fields,      DB},
	{"/sessions",             G | P,  page_sessions,    sessions_fields,  DB | ROUTE_STAFF | ROUTE_LENIENT},
	{"/sessions/{}",          G | P,  page_session,     session_fields,   DB | ROUTE_STAFF | ROUTE_LENIENT},
	{"/sessions/{}/console",  G | P,  page_live_console, console_fields,  DB | ROUTE_STAFF},
	{"/sessions/{}/screen",   G,      page_live_screen, NULL,             DB | ROUTE_STAFF},
	{"/sessions/{}/results.csv", G,   page_export_live, NULL,             DB | ROUTE_STAFF},
};
const size_t site_nroutes = sizeof(site_routes) / sizeof(site_routes[0]);
