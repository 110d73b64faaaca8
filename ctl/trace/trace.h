/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a trace (Documentation/trace-format.md).
 */
#ifndef RT_TRACE_H
#define RT_TRACE_H

#include <stddef.h>
#include <jansson.h>

#define RT_TRACE_FORMAT		"rngtrace-trace"
#define RT_TRACE_MAJOR		1
#define RT_TRACE_MINOR		0
#define RT_TRACE_VERSION	"1.0"

/*
 * Load and check a trace from path ("-" for standard input). NULL on
 * error, with one line for the user in err: a missing file, an empty or
 * truncated one, not JSON, not a trace, a newer major version, a field of
 * the wrong type. The caller json_decref()s the result.
 */
json_t *rt_trace_load(const char *path, char *err, size_t errlen);
/* The same on a string already in memory (the fuzzer's entry point). */
json_t *rt_trace_loadb(const char *buf, size_t len, const char *name,
		       char *err, size_t errlen);

/* Typed getters with defaults, for readers of a checked trace. */
long long rt_json_int(const json_t *obj, const char *key, long long def);
const char *rt_json_str(const json_t *obj, const char *key, const char *def);
int rt_json_bool(const json_t *obj, const char *key, int def);

#endif
