/* qr.c: QR codes drawn as one SVG path: each dark module is a 1x1 square, runs on a row are merged. */
#include "pages/qr.h"

#include <qrencode.h>
#include <string.h>

#include "server/html.h"

int qr_svg(struct buf *out, const char *text, int px, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL)
		return -1;
	int w = q->width, quiet = 4, size = w + 2 * quiet;
	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	           "role=\"img\" aria-label=\"",
	           size, size, px, px);
	html_escape(out, label, strlen(label));
	buf_printf(out, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	           size, size);
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
			x += run;
		}
	}
	buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	return out->failed ? -1 : 0;
}
