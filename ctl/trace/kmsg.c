// SPDX-License-Identifier: GPL-2.0
/* The kernel log's lines a trace keeps (kmsg.h). */
#include <string.h>

#include "fields.h"
#include "kmsg.h"

int64_t rt_kmsg_ready_ns(const json_t *kmsg)
{
	const json_t *line;
	size_t i;

	json_array_foreach(kmsg, i, line) {
		const char *t = json_string_value(json_object_get(line, RT_K_TEXT));
		const json_t *ns = json_object_get(line, RT_K_TIME_NS);

		if (t && strstr(t, "crng init done") && json_is_integer(ns))
			return json_integer_value(ns);
	}
	return RT_KMSG_NONE;
}

bool rt_kmsg_has(const json_t *kmsg, const char *prefix, const char *needle)
{
	const json_t *line;
	size_t i, n = strlen(prefix);

	json_array_foreach(kmsg, i, line) {
		const char *t = json_string_value(json_object_get(line, RT_K_TEXT));

		if (t && !strncmp(t, prefix, n) && strstr(t + n, needle))
			return true;
	}
	return false;
}
