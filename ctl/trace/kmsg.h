/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log's lines a trace keeps (kmsg[]: text and time_ns), read
 * by the recorder (live/) and by the report (trace/beforeload.c) alike.
 */
#ifndef RT_KMSG_H
#define RT_KMSG_H

#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

/*
 * time_ns of the first kmsg[] line with "crng init done", or RT_KMSG_NONE.
 * It can be negative: a CRNG seeded before timekeeping started logs at
 * printk time 0, before CLOCK_BOOTTIME's zero.
 */
#define RT_KMSG_NONE	INT64_MIN
int64_t rt_kmsg_ready_ns(const json_t *kmsg);
/* Whether a kmsg[] line starts with @prefix and holds @needle past it. */
bool rt_kmsg_has(const json_t *kmsg, const char *prefix, const char *needle);

#endif
