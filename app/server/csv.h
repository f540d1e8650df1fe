/* csv.h: CSV responses (RFC 4180, UTF-8, CRLF), streamed: rows go out in pieces as they are written, so
 * memory stays flat however long the file. Text cells that a spreadsheet would run as a formula (they
 * begin with = + - @, a tab or a carriage return) get a leading apostrophe; numbers are written as
 * numbers. */
#ifndef PASSAGE_CSV_H
#define PASSAGE_CSV_H

#include <stdbool.h>

#include "server/http.h"

struct csv {
	struct req *r;
	bool line_start;
	long rows;
};

/* Sends the head (text/csv, as an attachment named `filename`), the UTF-8 byte order mark and the header
 * row (columns, ending with NULL). Returns 0; 1 for a HEAD request, whose answer is the head alone (the
 * caller stops without reading its rows); -1 when the client has gone. */
int csv_begin(struct csv *w, struct req *r, const char *filename, const char *const *columns);
void csv_text(struct csv *w, const char *s);
void csv_int(struct csv *w, long long v);
/* A number already formatted (fmt_figure, fmt_index); "" is an empty cell. */
void csv_number(struct csv *w, const char *formatted);
void csv_empty(struct csv *w);
/* Ends the row; returns -1 once the client has gone (stop writing). */
int csv_end_row(struct csv *w);
/* Escapes one text cell into b, as csv_text writes it (for tests). */
void csv_escape(struct buf *b, const char *s);

#endif
