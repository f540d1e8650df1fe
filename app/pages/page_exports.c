/* page_exports.c: CSV files that say what their screens say: the roster with progress (the overview's
 * matrix), every answer, and a module's item analysis. Column names are stable and documented in
 * README.md; large files are streamed from the database row by row. Each sends its head before reading
 * anything for its rows: a HEAD is answered with the head alone, and a database error once the head has
 * gone out cuts the download short (the browser reports it failed) rather than end a file missing rows. */
#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "pages/cohort.h"
#include "pages/cohort_report.h"
#include "server/csv.h"
#include "pages/workshop_view.h"
#include "store/cohorts.h"
#include "store/stmt.h"   /* the columns of the streamed rows, by name */

/* A date in a file: "2026-12-02" (UTC), or "" for 0, whatever the language of the pages (lang_date
 * writes dates for people to read). */
static const char *csv_date(struct req *r, long long epoch)
{
	if (epoch <= 0)
		return "";
	time_t t = (time_t)epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(r->arena, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const char *const roster_columns[] = {
	"trainee_id", "display_name", "joined_on", "last_active_on", "module", "status", "lessons_read", "lessons_total",
	"quiz_attempts", "best_score", "completed_on", "due_on", "overdue", NULL,
};

void page_export_roster(struct req *r)
{
	struct cohort c;
	struct report rp;
	struct csv w;
	if (!cohort_open(r, &c) || cohort_refuse_rows(r, &c) ||
	    csv_begin(&w, r, arena_printf(r->arena, "cohort-%lld-roster.csv", c.id), roster_columns) != 0 ||
	    !report_load(r, req_reports_db(r), &c, 0, &rp))
		return;
	for (int t = 0; t < rp.ntrainees; t++) {
		const struct trainee_row *tr = &rp.trainees[t];
		const char *joined = csv_date(r, tr->joined), *last = csv_date(r, report_last_active(&rp, t));
		for (int m = 0; m < rp.nmods; m++) {
			const struct cohort_module *cm = &rp.mods[m];
			const struct cell *x = report_cell(&rp, t, m);
			enum cell_status st = cell_status(x, &cm->m);
			csv_int(&w, tr->id);
			csv_text(&w, tr->name);
			csv_text(&w, joined);
			csv_text(&w, last);
			csv_text(&w, cm->m.slug);
			csv_text(&w, cell_status_name(st));
			csv_int(&w, x ? (x->lessons_read < cm->m.nlessons ? x->lessons_read : cm->m.nlessons) : 0);
			csv_int(&w, cm->m.nlessons);
			csv_int(&w, x ? x->quiz_attempts : 0);
			if (x && x->best >= 0)
				csv_int(&w, x->best);
			else
				csv_empty(&w);
			csv_text(&w, csv_date(r, cell_completed_at(x, &cm->m)));
			csv_text(&w, cm->due_on);
			csv_int(&w, cm->past_due && st != CELL_COMPLETED);
			if (csv_end_row(&w) != 0)
				return;
		}
	}
}

static const char *const answer_columns[] = {
	"trainee_id", "display_name", "cohort", "module", "set", "attempt", "submitted_at", "language", "question", "question_key",
	"options", "correct", "attempt_score", NULL,
};

/* One streamed answer row (STMT_EXPORT_ANSWERS): positions "0,2" become letters "A,C". */
static int answer_row(void *ctx, const char *const *v, int n)
{
	struct csv *w = ctx;
	if (n < EXPORT__NCOLS)
		return -1;
	csv_number(w, v[EXPORT_USER_ID]);
	csv_text(w, v[EXPORT_NAME]);
	csv_text(w, v[EXPORT_COHORT]);
	csv_text(w, v[EXPORT_SLUG]);
	csv_text(w, v[EXPORT_SET]);
	csv_number(w, v[EXPORT_NUMBER]);
	csv_text(w, v[EXPORT_SUBMITTED]);
	csv_text(w, v[EXPORT_LANG]);
	csv_number(w, v[EXPORT_POSITION]);
	csv_text(w, v[EXPORT_QUESTION_KEY]);
	unsigned bits = db_option_bits(v[EXPORT_OPTIONS] ? v[EXPORT_OPTIONS] : "");
	char letters[2 * 32 + 1];
	size_t k = 0;
	for (int o = 0; o < 26; o++)
		if (bits & (1u << o)) {
			if (k)
				letters[k++] = ',';
			letters[k++] = option_letter(o);
		}
	letters[k] = '\0';
	csv_text(w, letters);
	csv_number(w, v[EXPORT_CORRECT] && v[EXPORT_CORRECT][0] == 't' ? "1" : "0");
	csv_number(w, v[EXPORT_SCORE]);
	return csv_end_row(w);
}

/* After a streamed export: `rows` is what the store returned (a count, or -1 when the database failed
 * on the way). The head has gone out, so a failure cuts the download short; a client that left first
 * needs no answer. */
static void export_ended(struct req *r, long rows)
{
	if (rows < 0 && !r->resp.stream_failed)
		http_unavailable(r, "the export stopped: database error");
}

static void answers(struct req *r, long long cohort, const char *filename)
{
	struct csv w;
	if (csv_begin(&w, r, filename, answer_columns) != 0)
		return;
	export_ended(r, db_export_answers(req_reports_db(r), cohort, answer_row, &w));
}

void page_export_answers(struct req *r)
{
	struct cohort c;
	if (!cohort_open(r, &c) || cohort_refuse_rows(r, &c))
		return;
	answers(r, c.id, arena_printf(r->arena, "cohort-%lld-answers.csv", c.id));
}

/* Administrators: every answer of every cohort not marked aggregate-only. */
void page_export_all_answers(struct req *r)
{
	answers(r, 0, "passage-answers.csv");
}

static const char *const item_columns[] = {
	"module", "set", "question", "question_key", "question_text", "answered", "right_first_time", "facility_percent",
	"discrimination", "option_a_percent", "option_b_percent", "option_c_percent", "option_d_percent",
	"option_e_percent", "option_f_percent", "option_g_percent", "option_h_percent", "common_wrong_option",
	"common_wrong_percent", "note", NULL,
};

enum { IN_SET };
const struct field export_items_fields[] = {
	[IN_SET] = {"set", FIELD_SLUG, 4, 8, false},
	{NULL},
};

void page_export_items(struct req *r)
{
	struct cohort c;
	const struct cohort_module *cm;
	if (!cohort_open(r, &c) || (cm = cohort_module_named(r, &c)) == NULL)
		return;
	const char *set = r->in[IN_SET].state == FIELD_OK && strcmp(r->in[IN_SET].s, "precheck") == 0 ? "precheck" : "quiz";
	struct item_report ir;
	struct csv w;
	if (csv_begin(&w, r, arena_printf(r->arena, "cohort-%lld-%s-%s.csv", c.id, cm->m.slug, set), item_columns) != 0 ||
	    !item_report_load(r, &c, cm, set, "en", NULL, &ir))
		return;
	for (int q = 0; q < ir.nq; q++) {
		const struct item_stats *s = &ir.st[q];
		struct item_shown v;
		item_shown(c.aggregate_only, c.trainees, &ir, q, &v);
		char disc[32];
		fmt_index(s->discrimination, disc);
		csv_text(&w, cm->m.slug);
		csv_text(&w, set);
		csv_int(&w, q + 1);
		csv_text(&w, ir.qs[q].q.id);
		csv_text(&w, ir.qs[q].q.text);
		if (v.answered)
			csv_int(&w, s->n);
		else
			csv_empty(&w);
		if (v.facility)
			csv_int(&w, s->ncorrect), csv_int(&w, percent(s->ncorrect, s->n)), csv_number(&w, disc);
		else
			csv_empty(&w), csv_empty(&w), csv_empty(&w);
		for (int o = 0; o < 8; o++) {
			if (v.options && o < ir.qs[q].q.nopts)
				csv_int(&w, percent(s->chose[o], s->n));
			else
				csv_empty(&w);
		}
		if (v.options && s->common_wrong >= 0) {
			char letter[2] = {option_letter(s->common_wrong), '\0'};
			csv_text(&w, letter);
			csv_int(&w, percent(s->chose[s->common_wrong], s->n));
		} else {
			csv_empty(&w);
			csv_empty(&w);
		}
		csv_text(&w, v.hidden ? "some figures hidden: about fewer than 5 trainees (aggregate only)" : "");
		if (csv_end_row(&w) != 0)
			return;
	}
}

/* ---- a live workshop's results ---- */

static const char *const live_columns[] = {
	"question", "kind", "prompt", "participant", "display_name", "trainee_id", "answer", "correct", "status", "votes",
	"answered_at", "changes", NULL,
};

static int live_row(void *ctx, const char *const *v, int n)
{
	struct csv *w = ctx;
	if (n < LIVE_EXPORT__NCOLS)
		return -1;
	csv_number(w, v[LIVE_EXPORT_POSITION]);
	csv_text(w, v[LIVE_EXPORT_KIND]);
	csv_text(w, v[LIVE_EXPORT_PROMPT]);
	csv_number(w, v[LIVE_EXPORT_PID]);
	csv_text(w, v[LIVE_EXPORT_NAME][0] ? v[LIVE_EXPORT_NAME] : "Anonymous");
	csv_number(w, strcmp(v[LIVE_EXPORT_USER_ID], "0") == 0 ? "" : v[LIVE_EXPORT_USER_ID]);
	csv_text(w, v[LIVE_EXPORT_ANSWER]);
	csv_text(w, v[LIVE_EXPORT_CORRECT]);
	csv_text(w, v[LIVE_EXPORT_STATUS]);
	csv_number(w, v[LIVE_EXPORT_VOTES]);
	csv_text(w, v[LIVE_EXPORT_WHEN]);
	csv_number(w, v[LIVE_EXPORT_CHANGES]);
	return csv_end_row(w);
}

/* Every answer and every Q&A post, one row each; refused (403) for a workshop of an aggregate-only cohort. */
void page_export_live(struct req *r)
{
	struct workshop s;
	if (!live_open(r, &s))
		return;
	if (s.cohort_id > 0) {
		struct cohort c;
		/* STORE_NONE: no such cohort, so no privacy rule to keep. */
		enum store_rc rc = db_cohort_get(r->db, r->arena, s.cohort_id, 0, true, &c);
		if (rc != STORE_NONE && http_store_failed(r, rc, "database unavailable"))
			return;
		if (rc == STORE_OK && cohort_refuse_rows(r, &c))
			return;
	}
	struct csv w;
	if (csv_begin(&w, r, arena_printf(r->arena, "live-%lld-results.csv", s.id), live_columns) != 0)
		return;
	export_ended(r, db_live_export(req_reports_db(r), s.id, live_row, &w));
}
