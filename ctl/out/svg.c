// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>

#include "svg.h"

void rt_xml_puts(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				fputs("\xef\xbf\xbd", f);
			else if (c == 0x7f)
				fputs("\xef\xbf\xbd", f);
			else
				fputc(c, f);
		}
	}
}

void rt_xml_printf(FILE *f, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		/* Out of memory: the stream's error shows it. */
		fputs("\xef\xbf\xbd", f);
		return;
	}
	rt_xml_puts(f, s);
	free(s);
}

/* Without libm: the controller does not link it. */
double rt_nice_step(double range, int ticks)
{
	double raw, mag = 1, r;

	if (!(range > 0) || ticks < 1 || range > 1e300)
		return 1;
	raw = range / ticks;
	while (mag > raw)
		mag /= 10;
	while (mag * 10 <= raw)
		mag *= 10;
	r = raw / mag;
	if (r < 1.5)
		return mag;
	if (r < 3.5)
		return 2 * mag;
	if (r < 7.5)
		return 5 * mag;
	return 10 * mag;
}
