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

/*
 * A JSON string of @s (NULL: ""). A live string (a comm from the module,
 * a host fact) need not be UTF-8, which JSON strings are: then its bytes
 * past ASCII are '?', rather than no output at all. NULL only when out
 * of memory.
 */
json_t *rt_json_string_safe(const char *s);

#endif /* RT_JSONOUT_H */
