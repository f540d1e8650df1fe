/* live.c (domain): kinds, limits, the blocked-word rule and the word cloud layout. */
#include "domain/live.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#include "core/utf8.h"

static const char *const kind_names[LIVE_NKINDS] = {"quiz", "poll", "scale", "open", "qa"};
const char *live_kind_name(enum live_kind k)
{
	return (unsigned)k < LIVE_NKINDS ? kind_names[k] : "poll";
}

static int parse(const char *s, const char *const *names, int n)
{
	for (int i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int live_kind_parse(const char *s)
{
	return parse(s, kind_names, LIVE_NKINDS);
}

int live_state_parse(const char *s)
{
	static const char *const names[] = {"draft", "running", "ended"};
	return parse(s, names, 3);
}

int live_status_parse(const char *s)
{
	static const char *const names[] = {"shown", "held", "hidden"};
	return parse(s, names, 3);
}

size_t live_squash(char *s)
{
	size_t k = 0;
	bool space = false;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = k > 0;
			continue;
		}
		if (space)
			s[k++] = ' ';
		space = false;
		s[k++] = *p;
	}
	s[k] = '\0';
	return k;
}

static bool word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;   /* any letter outside ASCII counts as part of a word */
}

/* Whether `w` (n bytes) occurs in text as a whole word, ignoring ASCII case. */
static bool has_word(const char *text, const char *w, size_t n)
{
	size_t tl = strlen(text);
	for (size_t i = 0; i + n <= tl; i++) {
		if (strncasecmp(text + i, w, n) != 0)
			continue;
		bool start = i == 0 || !word_char((unsigned char)text[i - 1]);
		bool end = i + n == tl || !word_char((unsigned char)text[i + n]);
		if (start && end)
			return true;
	}
	return false;
}

bool live_blocked(const char *text, const char *list)
{
	if (text == NULL || list == NULL)
		return false;
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",\n");
		const char *w = p;
		size_t len = n;
		while (len > 0 && (*w == ' ' || *w == '\t' || *w == '\r')) {
			w++;
			len--;
		}
		while (len > 0 && (w[len - 1] == ' ' || w[len - 1] == '\t' || w[len - 1] == '\r'))
			len--;
		if (len > 0 && has_word(text, w, len))
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

int live_lines(struct arena *a, const char *text, const char **out, int max, size_t maxchars)
{
	int k = 0;
	const char *p = text ? text : "";
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = arena_strndup(a, p, n);
		if (line == NULL)
			return -1;
		if (live_squash(line) > 0) {
			if (k >= max || utf8_chars(line, strlen(line)) > maxchars)
				return -1;
			out[k++] = line;
		}
		p += n;
		if (*p)
			p++;
	}
	return k;
}

int live_cloud_layout(struct cloud_word *w, int n, int width)
{
	if (n <= 0)
		return 0;
	int top = w[0].count > 0 ? w[0].count : 1;
	const int smin = 18, smax = 64, gap = 16;
	for (int i = 0; i < n; i++) {
		double f = sqrt((double)w[i].count / top);
		w[i].size = smin + (int)lround((smax - smin) * (f > 1 ? 1 : f));
	}
	int y = 0, i = 0;
	while (i < n) {
		/* fill a row */
		int row_w = 0, row_h = 0, j = i;
		while (j < n) {
			int ww = (int)(utf8_chars(w[j].text, strlen(w[j].text)) * w[j].size * 0.6) + 1;
			if (ww > width)
				ww = width;
			if (j > i && row_w + gap + ww > width)
				break;
			row_w += (j > i ? gap : 0) + ww;
			if (w[j].size > row_h)
				row_h = w[j].size;
			j++;
		}
		y += row_h + 8;
		int x = (width - row_w) / 2;
		for (int k = i; k < j; k++) {
			int ww = (int)(utf8_chars(w[k].text, strlen(w[k].text)) * w[k].size * 0.6) + 1;
			if (ww > width)
				ww = width;
			w[k].x = x + ww / 2;
			w[k].y = y - (row_h - w[k].size) / 2;
			x += ww + gap;
		}
		i = j;
	}
	return y + 8;
}
