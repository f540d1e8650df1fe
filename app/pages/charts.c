/* charts.c: bar charts as SVG, drawn in a 100-unit-high box that scales with the page. */
#include "pages/charts.h"

#include "core/arena.h"
#include "server/html.h"

void chart_bars(struct req *r, const char *label, const char *const *names, const int *values, int n)
{
	int max = 1;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	struct buf aria;
	buf_init(&aria, 4096);
	buf_puts(&aria, label);
	for (int i = 0; i < n; i++)
		buf_printf(&aria, "%s %s: %d", i ? "," : ":", names[i], values[i]);
	int bw = 24, gap = 6, w = n * (bw + gap) + gap, h = 120;
	html(r, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" "
	        "preserveAspectRatio=\"xMinYMin meet\">",
	     w, h, aria.failed ? label : aria.p);
	buf_free(&aria);
	for (int i = 0; i < n; i++) {
		int bh = values[i] * 80 / max, x = gap + i * (bw + gap);
		html(r, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", x, 95 - bh, bw, bh);
		html(r, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>", x + bw / 2, 91 - bh, values[i]);
		html(r, "<text x=\"%d\" y=\"110\" text-anchor=\"middle\" class=\"axis\">%s</text>", x + bw / 2, names[i]);
	}
	html(r, "<line x1=\"0\" y1=\"95.5\" x2=\"%d\" y2=\"95.5\"/></svg><figcaption>%s</figcaption></figure>\n", w, label);
}

void chart_meter(struct req *r, int percent)
{
	if (percent < 0)
		percent = 0;
	if (percent > 100)
		percent = 100;
	html(r, "<svg class=\"meter\" viewBox=\"0 0 100 8\" aria-hidden=\"true\" focusable=\"false\">"
	        "<rect width=\"100\" height=\"8\" class=\"track\"/><rect width=\"%d\" height=\"8\"/></svg>",
	     percent);
}
