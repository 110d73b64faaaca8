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

#endif /* RT_CLI_H */
