/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line helpers shared by the subcommands. */
#ifndef RT_CLI_H
#define RT_CLI_H

#include <stddef.h>

/*
 * After getopt_long() returned '?': the option it did not like, as the
 * user wrote it ("--bogus", "--json=1", "-x"), in @buf.
 */
const char *rt_bad_option(char *argv[], char *buf, size_t len);

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
