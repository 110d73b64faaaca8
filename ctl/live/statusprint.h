/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's state (status.h) printed: rngtrace status, and the trace's
 * module and ready objects, built by the same calls.
 */
#ifndef RT_STATUSPRINT_H
#define RT_STATUSPRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "status.h"

/* When the CRNG became ready, from STATUS, the kernel log or READY. */
struct rt_ready {
	bool before_load;
	bool has_time, has_time_mono, has_source, has_evidence;
	uint64_t time_ns, time_mono_ns;
	uint32_t source, evidence;
};

/* @r from @st; false when STATUS does not say the CRNG is ready (in time). */
bool rt_ready_from_status(const struct rt_status *st, struct rt_ready *r);

/*
 * The "ready" object through the print path: status's line ("ready before
 * load", "1.500 s after boot, completed by jitter"), and in JSON the
 * trace's and status --json's ready alike (Documentation/trace-format.md).
 */
void rt_ready_print(const struct rt_ready *r);

/*
 * @st through the one print path (print.h): text, or with @json one JSON
 * object, to @f. 0, or -1 if out of memory or @f failed.
 */
int status_print(FILE *f, bool json, const struct rt_status *st);

/* The same calls' JSON object: a new reference, or NULL when out of memory. */
json_t *status_to_json(const struct rt_status *st);


#endif /* RT_STATUSPRINT_H */
