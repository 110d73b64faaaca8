// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#include "svg.h"

void rt_xml_puts(FILE *f, const char *s)
{
	size_t n = s ? strlen(s) : 0, k;
	uint32_t cp;

	while (n) {
		unsigned char c = *s;

		switch (c) {
		case '&': fputs("&amp;", f); k = 1; break;
		case '<': fputs("&lt;", f); k = 1; break;
		case '>': fputs("&gt;", f); k = 1; break;
		case '"': fputs("&quot;", f); k = 1; break;
		case '\'': fputs("&apos;", f); k = 1; break;
		default:
			k = rt_utf8_next(s, n, &cp);
			/*
			 * What XML 1.0 has no character for (controls but
			 * tab, newline and return; U+FFFE, U+FFFF), and
			 * bytes that are no UTF-8 (a file name from the
			 * command line): U+FFFD.
			 */
			if (!k || (cp < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    cp == 0x7f || cp == 0xfffe || cp == 0xffff) {
				fputs("\xef\xbf\xbd", f);
				if (!k)
					k = 1;
			} else {
				fwrite(s, 1, k, f);
			}
		}
		s += k;
		n -= k;
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

/* Without libm (which only compare's statistics, stats.c, need). */
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
