// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "esc.h"

const char *rt_bad_option(char *argv[], char *buf, size_t len)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	/*
	 * A long option is always the whole of the argument before optind;
	 * a short one may sit inside a group ("-xj"), so name it alone.
	 */
	if (!strncmp(arg, "--", 2) || !optopt)
		snprintf(buf, len, "%s", arg);
	else
		snprintf(buf, len, "-%c", optopt);
	return buf;
}

void rt_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rngtrace %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; see 'rngtrace %s --help'\n", cmd);
}

int rt_parse_duration(const char *str, long long *ns)
{
	static const struct { const char *unit; long long ns; } units[] = {
		{ "", 1000000000LL }, { "s", 1000000000LL },
		{ "ms", 1000000LL }, { "us", 1000LL }, { "ns", 1LL },
	};
	unsigned long long ip = 0, frac = 0, fscale = 1;
	const char *p = str;
	bool digits = false;
	size_t i;

	while (isdigit((unsigned char)*p)) {
		if (__builtin_mul_overflow(ip, 10ULL, &ip) ||
		    __builtin_add_overflow(ip, (unsigned long long)(*p - '0'), &ip))
			return -1;
		p++;
		digits = true;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			/* beyond nanoseconds, further digits cannot matter */
			if (fscale < 1000000000ULL) {
				frac = frac * 10 + (unsigned long long)(*p - '0');
				fscale *= 10;
			}
			p++;
			digits = true;
		}
	}
	if (!digits)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		unsigned long long whole, part;

		if (strcmp(p, units[i].unit))
			continue;
		if (__builtin_mul_overflow(ip, (unsigned long long)units[i].ns,
					   &whole))
			return -1;
		part = frac * (unsigned long long)units[i].ns / fscale;
		if (__builtin_add_overflow(whole, part, &whole) ||
		    whole > (unsigned long long)LLONG_MAX)
			return -1;
		*ns = (long long)whole;
		return 0;
	}
	return -1;
}


void rt_load_error(const char *cmd, const char *err)
{
	fprintf(stderr, "rngtrace %s: %s\n", cmd, rt_esc(err));
}
