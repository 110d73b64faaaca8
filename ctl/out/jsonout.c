// SPDX-License-Identifier: GPL-2.0
#include "jsonout.h"

int rt_json_print(FILE *f, const json_t *json)
{
	if (!json || json_dumpf(json, f, JSON_INDENT(2)) < 0)
		return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}
