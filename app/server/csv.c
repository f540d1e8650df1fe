/* csv.c: the CSV writer. */
#include "server/csv.h"

#include <string.h>

static void sep(struct csv *w)
{
	if (!w->line_start)
		buf_putc(&w->r->resp.body, ',');
	w->line_start = false;
}

void csv_escape(struct buf *b, const char *s)
{
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

int csv_begin(struct csv *w, struct req *r, const char *filename, const char *const *columns)
{
	w->r = r;
	w->line_start = true;
	w->rows = 0;
	r->resp.ctype = "text/csv; charset=utf-8; header=present";
	http_header(r, "Content-Disposition: attachment; filename=\"%s\"", filename);
	if (http_stream_begin(r) != 0)
		return -1;
	if (r->method == METHOD_HEAD)
		return 1;   /* the head is the whole answer: the rows are not read */
	buf_puts(&r->resp.body, "\xEF\xBB\xBF");   /* the byte order mark: without it Excel reads the file as ANSI */
	for (size_t i = 0; columns[i]; i++)
		csv_text(w, columns[i]);
	int rc = csv_end_row(w);
	w->rows = 0;
	return rc;
}

void csv_text(struct csv *w, const char *s)
{
	sep(w);
	csv_escape(&w->r->resp.body, s ? s : "");
}

void csv_int(struct csv *w, long long v)
{
	sep(w);
	buf_printf(&w->r->resp.body, "%lld", v);
}

void csv_number(struct csv *w, const char *formatted)
{
	sep(w);
	buf_puts(&w->r->resp.body, formatted);
}

void csv_empty(struct csv *w)
{
	sep(w);
}

int csv_end_row(struct csv *w)
{
	buf_puts(&w->r->resp.body, "\r\n");
	w->line_start = true;
	w->rows++;
	return http_stream_flush(w->r, false);
}
