// SPDX-License-Identifier: GPL-2.0
#include "jsonout.h"

/*
 * 12 significant digits: a float is a measured quantity (seconds, a
 * share in percent), and %.17g prints 1.001 s as 1.0009999999999999.
 */
int rt_json_print(FILE *f, const json_t *json)
{
	if (!json || json_dumpf(json, f, JSON_INDENT(2) |
				JSON_REAL_PRECISION(12)) < 0)
		return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}

int rt_json_print_line(FILE *f, const json_t *json)
{
	if (!json || json_dumpf(json, f, JSON_COMPACT |
				JSON_REAL_PRECISION(12)) < 0)
		return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}
