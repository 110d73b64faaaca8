/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace status's output: the module's state (live/status.h) printed. */
#ifndef RT_STATUSPRINT_H
#define RT_STATUSPRINT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "status.h"

/*
 * @st through the one print path (print.h): text, or with @json one JSON
 * object, to @f. 0, or -1 if out of memory or @f failed.
 */
int status_print(FILE *f, bool json, const struct rt_status *st);

/* The same calls' JSON object: a new reference, or NULL when out of memory. */
json_t *status_to_json(const struct rt_status *st);


#endif /* RT_STATUSPRINT_H */
