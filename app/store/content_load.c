/* content_load.c: writes parsed modules as new revisions, all in one transaction. A command-line path:
 * plain PQexecParams with parameters, no prepared-statement table.
 *
 * Its SQL stays here rather than in stmt.c: it runs once per `passage content load`, on a connection of
 * its own holding one transaction (and an advisory lock) from BEGIN to COMMIT, which the server's
 * per-thread connections and their retry-after-reconnect never do; and it writes the content tables
 * the server only reads, so no statement here is one the server could run. Every value is a parameter. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/content_load.h"

struct tx {
	PGconn *c;
	FILE *out;
	bool failed;
};

/* Runs one parameterised statement; returns the first column of the first row (copied into val, if
 * given: every statement here returns at most that one value: an id, a fingerprint, a number), or marks the
 * transaction failed. */
static bool run(struct tx *t, const char *sql, int n, const char *const *p, char *val, size_t vlen)
{
	if (t->failed)
		return false;
	PGresult *r = PQexecParams(t->c, sql, n, NULL, p, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		fprintf(t->out, "content: %s", PQresultErrorMessage(r));
		t->failed = true;
	} else if (val != NULL) {
		snprintf(val, vlen, "%s", PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "");
	}
	PQclear(r);
	return !t->failed;
}

/* The questions of one set, and what each language has of them (the same questions, by position). */
static void load_questions(struct tx *t, const char *rev, const char *set, const struct module *m)
{
	bool quiz = strcmp(set, "quiz") == 0;
	const struct question *qs = quiz ? m->quiz : m->precheck;
	int n = quiz ? m->nquiz : m->nprecheck;
	for (int i = 0; i < n && !t->failed; i++) {
		const struct question *q = &qs[i];
		char pos[16], qid[32];
		snprintf(pos, sizeof(pos), "%d", i + 1);
		const char *p[] = {rev, set, pos, q->id, qkind_name(q->kind), q->text, q->explanation, q->source};
		run(t,
		    "INSERT INTO questions (revision_id, set, position, key, kind, text, explanation, source)"
		    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
		    8, p, qid, sizeof(qid));
		for (int o = 0; o < q->nopts && !t->failed; o++) {
			char opos[16];
			snprintf(opos, sizeof(opos), "%d", o);
			const char *po[] = {qid, opos, q->opts[o].text, q->opts[o].feedback, q->opts[o].correct ? "t" : "f"};
			char oid[32];
			run(t, "INSERT INTO options (question_id, position, text, feedback, correct) VALUES ($1, $2, $3, $4, $5)"
			       " RETURNING id", 5, po, oid, sizeof(oid));
			for (int k = 0; k < m->ntr && !t->failed; k++) {
				const struct translation *tr = &m->tr[k];
				const struct question *tq = quiz ? tr->quiz : tr->precheck;
				int tn = quiz ? tr->nquiz : tr->nprecheck;
				if (i >= tn || o >= tq[i].nopts)
					continue;   /* not translated: the English is shown */
				const char *pt[] = {oid, tr->lang, tq[i].opts[o].text, tq[i].opts[o].feedback};
				run(t, "INSERT INTO option_translations (option_id, lang, text, feedback) VALUES ($1, $2, $3, $4)", 4,
				    pt, NULL, 0);
			}
		}
		for (int k = 0; k < m->ntr && !t->failed; k++) {
			const struct translation *tr = &m->tr[k];
			const struct question *tq = quiz ? tr->quiz : tr->precheck;
			int tn = quiz ? tr->nquiz : tr->nprecheck;
			if (i >= tn)
				continue;
			const char *pt[] = {qid, tr->lang, tq[i].text, tq[i].explanation};
			run(t, "INSERT INTO question_translations (question_id, lang, text, explanation) VALUES ($1, $2, $3, $4)", 4,
			    pt, NULL, 0);
		}
	}
}

static void load_module(struct tx *t, const struct module *m, int position, int *added)
{
	char pos[16], mid[32], cur_fp[80] = "", number[16] = "", rev[32];
	snprintf(pos, sizeof(pos), "%d", position);
	const char *p1[] = {m->slug, pos};
	run(t,
	    "INSERT INTO modules (slug, position) VALUES ($1, $2)"
	    " ON CONFLICT (slug) DO UPDATE SET position = excluded.position RETURNING id",
	    2, p1, mid, sizeof(mid));
	const char *p2[] = {mid};
	run(t,
	    "SELECT coalesce((SELECT r.fingerprint FROM modules m JOIN module_revisions r ON r.id = m.current_revision"
	    " WHERE m.id = $1), '')",
	    1, p2, cur_fp, sizeof(cur_fp));
	if (t->failed || strcmp(cur_fp, m->hash) == 0)
		return;   /* unchanged: not touched */
	run(t, "SELECT coalesce(max(number), 0) + 1 FROM module_revisions WHERE module_id = $1", 1, p2, number, sizeof(number));
	/* A module loaded for the first time is offered to every open cohort; facilitators may take it off. */
	if (strcmp(number, "1") == 0)
		run(t, "INSERT INTO cohort_modules (cohort_id, module_id) SELECT id, $1 FROM cohorts WHERE archived_at IS NULL"
		       " ON CONFLICT DO NOTHING", 1, p2, NULL, 0);
	char pass[16], att[16], nl[16], nq[16], np[16];
	snprintf(pass, sizeof(pass), "%d", m->pass_mark);
	snprintf(att, sizeof(att), "%d", m->attempts);
	snprintf(nl, sizeof(nl), "%d", m->nlessons);
	snprintf(nq, sizeof(nq), "%d", m->nquiz);
	snprintf(np, sizeof(np), "%d", m->nprecheck);
	const char *p3[] = {mid, number, m->hash, m->title, m->summary, pass, att,
	                    m->has_scenario ? m->scenario.title : NULL, m->has_scenario ? m->scenario.start : NULL,
	                    m->notes_html, nl, nq, np, show_answers_name(m->show_answers)};
	run(t,
	    "INSERT INTO module_revisions (module_id, number, fingerprint, title, summary, pass_mark, attempts,"
	    " scenario_title, scenario_start, notes_html, lesson_count, quiz_count, precheck_count, show_answers)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
	    14, p3, rev, sizeof(rev));
	for (int i = 0; i < m->nlessons && !t->failed; i++) {
		const struct lesson *l = &m->lessons[i];
		char lpos[16], words[16];
		snprintf(lpos, sizeof(lpos), "%d", i + 1);
		snprintf(words, sizeof(words), "%d", l->words);
		const char *p[] = {rev, lpos, l->file, l->title ? l->title : l->file, l->html, words};
		run(t, "INSERT INTO lessons (revision_id, position, file, title, html, words) VALUES ($1, $2, $3, $4, $5, $6)", 6,
		    p, NULL, 0);
	}
	/* The translations of this revision: what a language has of the title, summary and lessons. */
	for (int k = 0; k < m->ntr && !t->failed; k++) {
		const struct translation *tr = &m->tr[k];
		if (tr->title && tr->summary) {
			const char *p[] = {rev, tr->lang, tr->title, tr->summary};
			run(t, "INSERT INTO revision_translations (revision_id, lang, title, summary) VALUES ($1, $2, $3, $4)", 4, p,
			    NULL, 0);
		}
		for (int i = 0; tr->lessons && i < m->nlessons && !t->failed; i++) {
			const struct lesson *l = &tr->lessons[i];
			if (l->html == NULL)
				continue;   /* not translated: the English is shown */
			char lpos[16], words[16];
			snprintf(lpos, sizeof(lpos), "%d", i + 1);
			snprintf(words, sizeof(words), "%d", l->words);
			const char *p[] = {rev, lpos, tr->lang, l->title ? l->title : m->lessons[i].title, l->html, words};
			run(t, "INSERT INTO lesson_translations (revision_id, position, lang, title, html, words)"
			       " VALUES ($1, $2, $3, $4, $5, $6)", 6, p, NULL, 0);
		}
	}
	load_questions(t, rev, "quiz", m);
	load_questions(t, rev, "precheck", m);
	for (int i = 0; m->has_scenario && i < m->scenario.nsteps && !t->failed; i++) {
		const struct step *s = &m->scenario.steps[i];
		char sid[32];
		const char *p[] = {rev, s->id, s->ending ? "t" : "f", s->ending ? outcome_name(s->outcome) : NULL, s->title,
		                   s->text};
		run(t,
		    "INSERT INTO scenario_steps (revision_id, key, is_ending, outcome, title, text)"
		    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
		    6, p, sid, sizeof(sid));
		for (int j = 0; j < s->nchoices && !t->failed; j++) {
			char cpos[16];
			snprintf(cpos, sizeof(cpos), "%d", j + 1);
			const char *pc[] = {sid, cpos, s->choices[j].label, s->choices[j].feedback, s->choices[j].target};
			run(t, "INSERT INTO scenario_choices (step_id, position, label, feedback, target_key) VALUES ($1, $2, $3, $4, $5)",
			    5, pc, NULL, 0);
		}
	}
	const char *p4[] = {mid, rev};
	run(t, "UPDATE modules SET current_revision = $2 WHERE id = $1", 2, p4, NULL, 0);
	if (!t->failed) {
		fprintf(t->out, "content: %s: revision %s\n", m->slug, number);
		(*added)++;
	}
}

int db_content_load(const char *conninfo, const struct content *c, FILE *out)
{
	const char *const keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding", NULL};
	const char *const vals[] = {"5", "passage-content", conninfo, "UTF8", NULL};
	struct tx t = {.c = PQconnectdbParams(keys, vals, 1), .out = out};
	if (PQstatus(t.c) != CONNECTION_OK) {
		fprintf(out, "content: cannot connect: %s", PQerrorMessage(t.c));
		PQfinish(t.c);
		return 1;
	}
	int added = 0;
	run(&t, "BEGIN", 0, NULL, NULL, 0);
	/* One loader at a time. */
	run(&t, "SELECT pg_advisory_xact_lock(7061737361676502)", 0, NULL, NULL, 0);
	for (int i = 0; i < c->nmodules && !t.failed; i++)
		load_module(&t, &c->modules[i], i + 1, &added);
	run(&t, "DELETE FROM glossary", 0, NULL, NULL, 0);
	for (int i = 0; i < c->nterms && !t.failed; i++) {
		const char *p[] = {c->terms[i].id, c->terms[i].name, c->terms[i].text};
		run(&t, "INSERT INTO glossary (key, name, text) VALUES ($1, $2, $3)", 3, p, NULL, 0);
	}
	for (int k = 0; k < c->nlangs && !t.failed; k++) {
		const struct language *l = &c->langs[k];
		for (int i = 0; i < l->nterms && !t.failed; i++) {
			const char *p[] = {l->terms[i].id, l->code, l->terms[i].name, l->terms[i].text};
			run(&t, "INSERT INTO glossary_translations (key, lang, name, text) VALUES ($1, $2, $3, $4)", 4, p, NULL, 0);
		}
	}
	run(&t, "DELETE FROM content_pages", 0, NULL, NULL, 0);
	if (c->about_html != NULL) {
		const char *p[] = {"about-the-source", c->about_title ? c->about_title : "About the source", c->about_html};
		run(&t, "INSERT INTO content_pages (key, title, html) VALUES ($1, $2, $3)", 3, p, NULL, 0);
	}
	for (int k = 0; k < c->nlangs && c->about_html && !t.failed; k++)
		if (c->langs[k].about_html) {
			const struct language *l = &c->langs[k];
			const char *p[] = {"about-the-source", l->code, l->about_title ? l->about_title : c->about_title, l->about_html};
			run(&t, "INSERT INTO content_pages (key, lang, title, html) VALUES ($1, $2, $3, $4)", 4, p, NULL, 0);
		}
	if (t.failed) {
		PQclear(PQexec(t.c, "ROLLBACK"));
		fprintf(out, "content: nothing was loaded\n");
		PQfinish(t.c);
		return 1;
	}
	run(&t, "COMMIT", 0, NULL, NULL, 0);
	PQfinish(t.c);
	if (t.failed)
		return 1;
	fprintf(out, "content: %d module(s) loaded as new revisions, %d unchanged\n", added, c->nmodules - added);
	return 0;
}
