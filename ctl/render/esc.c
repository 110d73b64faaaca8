// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "esc.h"
#include "utf8.h"

static int is_ctl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

int rt_esc_needed(const char *s)
{
	for (; s && *s; s++)
		if (is_ctl((unsigned char)*s) || *s == '\\')
			return 1;
	return 0;
}

char *rt_esc_buf(char *buf, size_t len, const char *s)
{
	size_t n = 0;

	if (!len)
		return buf;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		char e[5];
		size_t el;

		if (c == '\\')
			el = (size_t)snprintf(e, sizeof(e), "\\\\");
		else if (c == '\n')
			el = (size_t)snprintf(e, sizeof(e), "\\n");
		else if (c == '\r')
			el = (size_t)snprintf(e, sizeof(e), "\\r");
		else if (c == '\t')
			el = (size_t)snprintf(e, sizeof(e), "\\t");
		else if (is_ctl(c))
			el = (size_t)snprintf(e, sizeof(e), "\\x%02x", c);
		else
			e[0] = (char)c, e[1] = 0, el = 1;
		if (n + el + 1 > len) {
			/* "..." in place of what does not fit */
			size_t keep = len > 4 ? len - 4 : 0;

			if (n > keep)
				n = keep;
			n = rt_utf8_cut(buf, n);
			snprintf(buf + n, len - n, "%s", len > 4 ? "..." : "");
			return buf;
		}
		memcpy(buf + n, e, el);
		n += el;
	}
	buf[n] = 0;
	return buf;
}

const char *rt_esc(const char *s)
{
	static char slot[RT_ESC_SLOTS][RT_ESC_MAX];
	static unsigned int next;
	char *b = slot[next++ % RT_ESC_SLOTS];

	return rt_esc_buf(b, RT_ESC_MAX, s);
}
