/* charts.h: inline SVG charts that need no script and no inline style (the CSP allows neither). Each
 * chart is an image whose accessible name carries its numbers. */
#ifndef PASSAGE_CHARTS_H
#define PASSAGE_CHARTS_H

#include "server/http.h"

/* Vertical bars: names[i] under each bar, values[i] above it. `label` names the chart for screen
 * readers; the numbers are added to it. */
void chart_bars(struct req *r, const char *label, const char *const *names, const int *values, int n);
/* A short horizontal bar for a share in whole percent (decorative: the number is written beside it). */
void chart_meter(struct req *r, int percent);

#endif
