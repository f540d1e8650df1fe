/* live.h (domain): the rules of a live workshop that need no database: the kinds of question, the
 * limits on what a room may send, the word list that hides posts, and the word cloud's layout. */
#ifndef PASSAGE_DOMAIN_LIVE_H
#define PASSAGE_DOMAIN_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

enum live_kind { LIVE_QUIZ, LIVE_POLL, LIVE_SCALE, LIVE_OPEN, LIVE_QA, LIVE_NKINDS };
enum live_state { LIVE_DRAFT, LIVE_RUNNING, LIVE_ENDED };
enum live_status { LIVE_SHOWN, LIVE_HELD, LIVE_HIDDEN };

#define LIVE_CODE_SYMBOLS 6
#define LIVE_TITLE_MAX 120      /* characters */
#define LIVE_PROMPT_MAX 500
#define LIVE_OPTION_MAX 200
#define LIVE_OPTIONS_MAX 10
#define LIVE_NAME_MAX 40
#define LIVE_OPEN_MAX 80        /* an open answer */
#define LIVE_POST_MAX 280       /* a Q&A post */
#define LIVE_WORDS_MAX 2000     /* the blocked-word list */
#define LIVE_POSTS_PER_MINUTE 5 /* Q&A posts and open answers one participant may send in a minute */
#define LIVE_QUESTIONS_MAX 100
#define LIVE_SCALE_POINTS 5
#define LIVE_COOKIE_AGE (12 * 3600)   /* seconds a phone keeps its place in a workshop */
/* Anonymous places in one workshop: a room of 60 joining from two devices each and again after losing a
 * cookie is far below; a script making places without end is not. Signed-in trainees have one place each
 * and are not counted. (Per client address: throttle_live_joins.) */
#define LIVE_ANONYMOUS_MAX 500

/* "quiz", "poll", ...: the database's names. */
const char *live_kind_name(enum live_kind k);
/* -1 when s names no kind. */
int live_kind_parse(const char *s);
int live_state_parse(const char *s);
int live_status_parse(const char *s);

/* Trims the ends and makes every run of white space one space, in place; returns the new length. */
size_t live_squash(char *s);
/* True when `text` holds one of the words or phrases of `list` (one per line, or separated by commas),
 * matched without regard to ASCII case and only as whole words. */
bool live_blocked(const char *text, const char *list);

/* The non-empty lines of `text`, trimmed: returns how many (at most max), or -1 when there are more
 * than max or one is longer than maxchars characters. */
int live_lines(struct arena *a, const char *text, const char **out, int max, size_t maxchars);

/* The word cloud: words with their counts, largest first, laid out in centred rows across `width`
 * units. Fills x (the centre), y (the baseline) and size (font size) of each word and returns the
 * height used. Widths are estimated at 0.6 em a character. */
struct cloud_word {
	const char *text;
	int count;
	int x, y, size;
};
int live_cloud_layout(struct cloud_word *w, int n, int width);

#endif
