// SPDX-License-Identifier: GPL-2.0
/* A trace's completeness in print.h's outputs (complete.h). */
#include <stdio.h>

#include "complete.h"
#include "print.h"

void rt_print_completeness(const struct rt_summary *s, const char *text_fmt)
{
	char why[512];
	unsigned int bit;

	rt_print_bool(RT_PRINT_JSON, "complete", NULL, !s->incomplete);
	rt_print_open_array("incomplete");
	for (bit = 1; bit < 1u << RT_INCOMPLETE_NBITS; bit <<= 1)
		if (s->incomplete & bit)
			rt_print_str(RT_PRINT_JSON, NULL, NULL,
				     rt_incomplete_name(bit));
	rt_print_close_array();
	if (s->incomplete)
		rt_print_str(rt_print_kind(true, text_fmt != NULL),
			     "incomplete_reason", text_fmt,
			     rt_incomplete_text(s, why, sizeof(why)));
}

const char *rt_incomplete_names(const struct rt_summary *s, char *buf,
				size_t len)
{
	unsigned int bit;
	size_t n = 0;

	if (!len)
		return buf;
	buf[0] = 0;
	for (bit = 1; bit < 1u << RT_INCOMPLETE_NBITS; bit <<= 1)
		if ((s->incomplete & bit) && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
					      n ? "," : "",
					      rt_incomplete_name(bit));
	return buf;
}
