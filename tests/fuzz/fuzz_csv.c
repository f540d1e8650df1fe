/* fuzz_csv.c: the CSV writer (server/csv.c) through its streaming response. The input is the cells,
 * separated by NUL bytes; its first byte gives the number of columns (1 to 8); a cell starting with
 * 0x01 is written as an integer (csv_int) and one that is just 0x02 as an empty cell (csv_empty).
 * Properties, after reading the file back with a strict RFC 4180 reader: the head is a 200 text/csv
 * attachment; the body is the byte order mark then rows ending in CRLF, as many as written, each with
 * its number of cells; each text cell reads back as written, except that one beginning with = + - @, a
 * tab or a carriage return reads back with a leading apostrophe, so that no text cell read back ever
 * begins with one of those (csv.h's promise); integers read back as their decimal form; valid UTF-8 in
 * gives valid UTF-8 out. */
#include "fuzz.h"
#include "server/csv.h"

static struct arena A;
static struct buf out;   /* everything the response sends: head and body */

static int sink(void *io, const char *p, size_t n)
{
	(void)io;
	buf_put(&out, p, n);
	return out.failed ? -1 : 0;
}

enum cell_kind { CELL_TEXT, CELL_INT, CELL_EMPTY };
struct cell {
	enum cell_kind kind;
	const char *s;
	long long i;
};

static bool formula(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

/* Reads one field at *p (strict RFC 4180: a quoted field or one holding no quote, comma, CR or LF) into
 * f; returns false on a malformed field. */
static bool read_field(const char **p, const char *end, struct buf *f)
{
	const char *s = *p;
	buf_clear(f);
	if (s < end && *s == '"') {
		s++;
		for (;;) {
			FUZZ_CHECK(s < end, "a quoted field runs to the end of the file");
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					buf_putc(f, '"');
					s += 2;
					continue;
				}
				s++;
				break;
			}
			buf_putc(f, *s++);
		}
		FUZZ_CHECK(s < end && (*s == ',' || *s == '\r'), "text after a closing quote");
	} else {
		while (s < end && *s != ',' && *s != '\r') {
			FUZZ_CHECK(*s != '"' && *s != '\n', "a bare quote or LF in an unquoted field");
			buf_putc(f, *s++);
		}
	}
	if (f->p == NULL)
		buf_puts(f, "");
	*p = s;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (A.cap == 0) {
		arena_init(&A, HTTP_ARENA_MAX);
		buf_init(&out, 64u << 20);
	}
	arena_reset(&A);
	buf_clear(&out);
	size_t ncols = 1 + data[0] % 8;
	char *copy = fuzz_cstr(data + 1, size - 1);
	size_t n = size - 1;
	/* Cells: the NUL-separated pieces. */
	size_t ncells = 1;
	for (size_t i = 0; i < n; i++)
		ncells += copy[i] == '\0';
	struct cell *cells = calloc(ncells, sizeof(*cells));
	size_t k = 0;
	for (size_t at = 0; k < ncells; k++) {
		const char *s = copy + at;
		at += strlen(s) + 1;
		if (s[0] == '\x01') {
			cells[k] = (struct cell){CELL_INT, NULL, strtoll(s + 1, NULL, 10)};
		} else if (strcmp(s, "\x02") == 0) {
			cells[k] = (struct cell){CELL_EMPTY, "", 0};
		} else {
			cells[k] = (struct cell){CELL_TEXT, s, 0};
		}
	}
	bool utf8_in = utf8_valid(copy, n);
	/* The header row takes the first ncols cells (as text), the rest are rows. */
	const char **columns = calloc(ncols + 1, sizeof(*columns));
	for (size_t c = 0; c < ncols; c++)
		columns[c] = c < ncells && cells[c].kind == CELL_TEXT ? cells[c].s : "column";
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = &A;
	r.method = METHOD_GET;
	r.resp.status = 200;
	buf_init(&r.resp.body, HTTP_BODY_OUT_MAX);
	r.resp.sink = sink;
	struct csv w;
	FUZZ_CHECK(csv_begin(&w, &r, "export.csv", columns) == 0, "csv_begin failed");
	size_t body_cells = ncells > ncols ? ncells - ncols : 0;
	size_t rows = (body_cells + ncols - 1) / ncols;
	for (size_t i = 0; i < body_cells; i++) {
		const struct cell *c = &cells[ncols + i];
		if (c->kind == CELL_INT)
			csv_int(&w, c->i);
		else if (c->kind == CELL_EMPTY)
			csv_empty(&w);
		else
			csv_text(&w, c->s);
		if ((i + 1) % ncols == 0 || i + 1 == body_cells)
			FUZZ_CHECK(csv_end_row(&w) == 0, "csv_end_row failed");
	}
	FUZZ_CHECK(http_stream_flush(&r, true) == 0, "the last flush failed");
	FUZZ_CHECK(!out.failed, "output too large");

	/* The head. */
	const char *o = out.p, *end = out.p + out.len;
	FUZZ_CHECK(strncmp(o, "Status: 200 OK\r\n", 16) == 0, "status line");
	const char *body = strstr(o, "\r\n\r\n");
	FUZZ_CHECK(body != NULL, "no end of head");
	FUZZ_CHECK(memmem(o, (size_t)(body - o), "Content-Type: text/csv; charset=utf-8", 37) != NULL, "content type");
	FUZZ_CHECK(memmem(o, (size_t)(body - o), "attachment; filename=\"export.csv\"", 33) != NULL, "disposition");
	body += 4;
	FUZZ_CHECK(end - body >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0, "no byte order mark");
	if (utf8_in)
		FUZZ_CHECK(utf8_valid(body, (size_t)(end - body)), "valid UTF-8 in, invalid out");

	/* Read it back. */
	const char *p = body + 3;
	struct buf f;
	buf_init(&f, 64u << 20);
	for (size_t row = 0; row < rows + 1; row++) {
		size_t first = row == 0 ? 0 : ncols + (row - 1) * ncols;
		size_t cols = row == 0 ? ncols : (first + ncols <= ncells ? ncols : ncells - first);
		for (size_t c = 0; c < cols; c++) {
			FUZZ_CHECK(p < end, "row %zu ends after %zu cells", row, c);
			read_field(&p, end, &f);
			FUZZ_CHECK(p < end && *p == (c + 1 < cols ? ',' : '\r'), "row %zu cell %zu: no separator", row, c);
			p++;
			const struct cell *want = row == 0 ? NULL : &cells[first + c];
			const char *ws = row == 0 ? columns[c] : want->s;
			if (want != NULL && want->kind == CELL_INT) {
				char num[32];
				snprintf(num, sizeof(num), "%lld", want->i);
				FUZZ_CHECK(strcmp(f.p, num) == 0, "integer %lld read back as '%s'", want->i, f.p);
				continue;
			}
			FUZZ_CHECK(!formula(f.p), "row %zu cell %zu reads back as a formula: '%s'", row, c, f.p);
			if (formula(ws))
				FUZZ_CHECK(f.p[0] == '\'' && strcmp(f.p + 1, ws) == 0, "row %zu cell %zu: protected cell changed", row, c);
			else
				FUZZ_CHECK(strcmp(f.p, ws) == 0, "row %zu cell %zu: '%s' read back as '%s'", row, c, ws, f.p);
		}
		FUZZ_CHECK(p < end && *p == '\n', "row %zu: CR without LF", row);
		p++;
	}
	FUZZ_CHECK(p == end, "%zu bytes after the last row", (size_t)(end - p));
	FUZZ_CHECK(w.rows == (long)rows, "%ld rows counted, %zu written", w.rows, rows);
	buf_free(&f);
	buf_free(&r.resp.body);
	free(columns);
	free(cells);
	free(copy);
	return 0;
}
