// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

size_t rt_utf8_next(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	uint32_t c, min;

	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;	/* a continuation byte, 0xc0, 0xc1, 0xf5.. */
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool rt_utf8_valid(const char *s, size_t n)
{
	uint32_t cp;
	size_t k;

	while (n) {
		if ((unsigned char)*s < 0x80) {
			s++, n--;
			continue;
		}
		k = rt_utf8_next(s, n, &cp);
		if (!k)
			return false;
		s += k, n -= k;
	}
	return true;
}

size_t rt_utf8_cut(const char *s, size_t n)
{
	size_t k = n, back = 0;
	uint32_t cp;

	/* back over continuation bytes to the start of the last character */
	while (k && back < 4 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
		k--, back++;
	if (!k || back == 4)
		return n;	/* not UTF-8 there: nothing to keep whole */
	if ((unsigned char)s[k - 1] < 0xc0)
		return n;	/* ASCII, or continuation bytes without a lead */
	/* the last lead: whole if its sequence fits in n */
	if (rt_utf8_next(s + k - 1, n - (k - 1), &cp) == n - (k - 1))
		return n;
	return k - 1;
}

int rt_utf8_prec(const char *s, size_t max)
{
	return (int)rt_utf8_cut(s, strnlen(s, max));
}

size_t rt_utf8_prefix(const char *s, size_t nchars)
{
	size_t i = 0;

	while (s[i] && nchars--) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
	}
	return i;
}

size_t rt_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

size_t rt_snprintf_cut(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!len)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		buf[0] = 0;
		return 0;
	}
	if ((size_t)n < len)
		return (size_t)n;
	n = (int)rt_utf8_cut(buf, len - 1);
	buf[n] = 0;
	return (size_t)n;
}
