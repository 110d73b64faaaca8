/* SPDX-License-Identifier: GPL-2.0 */
/* --json output, the same layout for every subcommand. */
#ifndef RT_JSONOUT_H
#define RT_JSONOUT_H

#include <stdio.h>

#include <jansson.h>

/*
 * Print @json and a newline to @f, every --json output's one way: two
 * spaces of indent, floats with 12 significant digits (no binary noise).
 * 0 or -1. A NULL @json is an error.
 */
int rt_json_print(FILE *f, const json_t *json);

/* The same on one line (compact), for JSON lines. 0 or -1. */
int rt_json_print_line(FILE *f, const json_t *json);

#endif /* RT_JSONOUT_H */
