// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

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

json_t *rt_json_string_safe(const char *s)
{
	json_t *j = json_string(s ? s : "");
	char *copy, *p;

	if (j || !(copy = strdup(s)))
		return j;
	for (p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j;
}
