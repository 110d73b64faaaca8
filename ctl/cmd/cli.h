/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line helpers shared by the subcommands. */
#ifndef RT_CLI_H
#define RT_CLI_H

#include <getopt.h>
#include <stddef.h>

/*
 * A command's options, read the same way in every command (rt_opt_next()).
 * @shortopts as getopt_long()'s, without a leading '+', '-' or ':'; both
 * it and @longopts have 'h' (-h, --help).
 */
struct rt_opts {
	const char *cmd;		/* "status": messages say "rngtrace status: " */
	const char *usage;		/* what -h, --help print */
	const char *shortopts;
	const struct option *longopts;
	int started;			/* 0 before the first rt_opt_next() */
};

#define RT_OPT_HELP	(-2)	/* -h or --help: the usage is printed; exit 0 */
#define RT_OPT_ERROR	(-3)	/* a usage error is printed; exit 2 */

/*
 * The next option, as getopt_long() gives it: options and operands in any
 * order, "--" ends the options, a long option may be cut to a prefix that
 * names it alone. Then -1, with optind at the first operand (argv is
 * permuted). -h/--help print o->usage to stdout and give RT_OPT_HELP. An
 * unknown option, an ambiguous prefix (with the options it could be), a
 * value missing or given to an option that takes none: one line on stderr,
 * "rngtrace CMD: ...; see 'rngtrace CMD --help'", and RT_OPT_ERROR.
 */
int rt_opt_next(struct rt_opts *o, int argc, char *argv[]);

/* No operand, as status, events, record, config and reset take: 0, or a usage error and -1. */
int rt_opt_no_operand(const struct rt_opts *o, int argc, char *argv[]);

/* "rngtrace CMD: MESSAGE; see 'rngtrace CMD --help'" on stderr. */
void rt_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A duration, the one syntax of every option that takes one (check's and
 * export's --max-ready/--max-wait, record's --settle/--timeout): digits,
 * an optional fraction, an optional unit (s, ms, us, ns; none means
 * seconds), exact to the nanosecond: "1.001" is 1001000000 ns, never
 * 1000999999. 0, or -1 for anything else (a sign, an exponent, spaces).
 */
int rt_parse_duration(const char *str, long long *ns);

/*
 * "rngtrace CMD: MESSAGE" on stderr for a trace that cannot be read: the
 * loader's message may quote the trace (a duplicate key), so it is
 * escaped as every untrusted string (esc.h).
 */
void rt_load_error(const char *cmd, const char *err);

#endif /* RT_CLI_H */
