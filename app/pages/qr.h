/* qr.h: a QR code as inline SVG (libqrencode), for the printable join sheet and the projector. */
#ifndef PASSAGE_QR_H
#define PASSAGE_QR_H

#include "core/arena.h"

/* Appends an <svg> of `text` (medium error correction, a four-module quiet zone), `px` CSS pixels
 * wide, labelled with `label` for screen readers (the caller escapes nothing: label is escaped here).
 * Returns 0, or -1 when the text cannot be encoded. */
int qr_svg(struct buf *out, const char *text, int px, const char *label);

#endif
