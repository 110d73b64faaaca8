/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace plot's SVG, from the summary alone (libtrace). */
#ifndef RT_PLOT_H
#define RT_PLOT_H

#include <stdio.h>

#include "summary.h"

/* The whole SVG document to @f: 0, or -1 if writing failed. */
int rt_plot_svg(FILE *f, const struct rt_summary *s);

#endif /* RT_PLOT_H */
