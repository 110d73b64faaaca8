// SPDX-License-Identifier: GPL-2.0
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

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
