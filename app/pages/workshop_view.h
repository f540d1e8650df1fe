/* workshop_view.h: what the live workshop's pages share: opening a workshop, its navigation, the
 * results as bars, a word cloud or a board, the conditional answer to a poll, and a trainee's record. */
#ifndef PASSAGE_PAGES_WORKSHOP_VIEW_H
#define PASSAGE_PAGES_WORKSHOP_VIEW_H

#include "pages/pages.h"
#include "store/live.h"

/* The workshop named by r->arg[0] ({id}), when the signed-in staff member may run it; else answers 404 (the
 * same for a workshop that is not theirs as for one that does not exist) or 503, and returns false. */
bool live_open(struct req *r, struct workshop *s);
/* The workshop's tabs; `here` names the current one in English: "Questions", "Console" or "Projector". */
void live_nav(struct req *r, const struct workshop *s, const char *here);
/* A kind of question as the interface names it ("Poll"), in the request's language. */
const char *live_kind_text(struct req *r, enum live_kind k);
/* A workshop's state as the interface names it ("not started", "running", "ended"). */
const char *live_state_text(struct req *r, enum live_state s);
/* "ABCD-EF" from "ABCDEF". */
const char *live_code_display(struct req *r, const char *code);
/* The join address, scheme and host as the request came. */
const char *live_address(struct req *r);
/* The console's and projector's ETag: the workshop's version and the counts of its current question. */
const char *live_counts_etag(struct req *r, const struct workshop *s, char prefix);
/* Sets the ETag; when the client already has this version, answers 304 and returns true. */
bool live_not_modified(struct req *r, const char *etag);
/* <main> for a page live.js follows: its ETag, and a state name that changes when the page's purpose
 * does (so typed text is kept only while the question stays the same). */
void live_main(struct req *r, const char *etag, const char *state, const char *cls);
/* The text of one answer: "B. Option text", "4 of 5", or the open answer. */
const char *live_answer_text(struct req *r, const struct live_question *q, int choice, const char *body);
/* What the room answered: bars with counts and shares (the right answer marked when `mark`, the
 * participant's own choice when mine >= 0), the word cloud, or the board's posts. For a workshop of an
 * aggregate-only cohort (`aggregate`), the cohort's rule (report_count_shown): the bars are shown only
 * when none is about 1 to 4 people, and the cloud only the words 5 or more wrote; a note says so. */
void live_results(struct req *r, const struct live_question *q, bool mark, int mine, bool aggregate);
/* A trainee's live answers, for their account page and their facilitator. */
void live_record(struct req *r, long long user, bool own);
/* The workshops of a cohort, for its overview (`aggregate`: its privacy rule). */
void live_cohort_workshops(struct req *r, long long cohort, bool aggregate);

#endif
