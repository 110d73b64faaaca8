/* SPDX-License-Identifier: GPL-2.0 */
/* Writing XML and SVG: escaping, and a few SVG shapes (plot, export). */
#ifndef RT_SVG_H
#define RT_SVG_H

#include <stdio.h>

/*
 * @s as XML character data or attribute value: & < > " ' as entities;
 * what XML 1.0 has no character for (control characters, U+FFFE,
 * U+FFFF) and any byte that is not part of valid UTF-8 as U+FFFD: the
 * output is well-formed whatever @s is.
 */
void rt_xml_puts(FILE *f, const char *s);
/* printf, then rt_xml_puts() of the result. */
void rt_xml_printf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A "nice" tick step (1, 2 or 5 times a power of ten) for ~@ticks ticks. */
double rt_nice_step(double range, int ticks);

#endif /* RT_SVG_H */
