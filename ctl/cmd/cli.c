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

/*
 * getopt_long() returned '?' or ':' (@c) for the argument before optind:
 * say which of its cases it was. A long option is always the whole of that
 * argument; a short one may sit inside a group ("-xj"), named alone.
 */
static void opt_error(const struct rt_opts *o, int c, char *argv[])
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const struct option *lo;
	char list[256] = "";
	size_t len, n = 0, used = 0;
	int exact = 0;

	if (strncmp(arg, "--", 2)) {
		if (c == ':')
			rt_usage_error(o->cmd, "option '-%c' needs a value", optopt);
		else
			rt_usage_error(o->cmd, "unknown option '-%c'", optopt);
		return;
	}
	arg += 2;
	len = strcspn(arg, "=");
	for (lo = o->longopts; lo->name; lo++) {
		if (strncmp(lo->name, arg, len))
			continue;
		exact |= strlen(lo->name) == len;
		if (used < sizeof(list))
			used += snprintf(list + used, sizeof(list) - used,
					 "%s--%s", n ? ", " : "", lo->name);
		n++;
	}
	if (c == ':')
		rt_usage_error(o->cmd, "option '--%.*s' needs a value", (int)len, arg);
	else if (n > 1 && !exact)
		rt_usage_error(o->cmd, "option '--%.*s' is ambiguous: %s",
			       (int)len, arg, list);
	else if (n && arg[len] == '=')
		rt_usage_error(o->cmd, "option '%s' takes no value", list);
	else
		rt_usage_error(o->cmd, "unknown option '--%.*s'", (int)len, arg);
}

int rt_opt_next(struct rt_opts *o, int argc, char *argv[])
{
	char shortopts[64];
	int c;

	/* ':' first: a missing value is told apart from an unknown option. */
	snprintf(shortopts, sizeof(shortopts), ":%s", o->shortopts);
	if (!o->started) {
		optind = 0;	/* glibc: start over, whatever ran before */
		opterr = 0;
		o->started = 1;
	}
	c = getopt_long(argc, argv, shortopts, o->longopts, NULL);
	switch (c) {
	case 'h':
		fputs(o->usage, stdout);
		return RT_OPT_HELP;
	case '?':
	case ':':
		opt_error(o, c, argv);
		return RT_OPT_ERROR;
	default:
		return c;
	}
}

int rt_opt_no_operand(const struct rt_opts *o, int argc, char *argv[])
{
	if (optind >= argc)
		return 0;
	rt_usage_error(o->cmd, "unexpected argument '%s'", argv[optind]);
	return -1;
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
