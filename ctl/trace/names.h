/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the rngtrace ABI's enums, as the trace format and the output
 * spell them (Documentation/trace-format.md).
 */
#ifndef RT_NAMES_H
#define RT_NAMES_H

#include <stdint.h>

/* The name of a value; "unknown" for a value this controller predates. */
const char *rt_source_name(uint32_t source);
const char *rt_event_type_name(uint32_t type);
const char *rt_path_name(uint32_t path);
const char *rt_probe_method_name(uint32_t method);
/* The value of a name, or -1. */
int rt_source_value(const char *name);
int rt_event_type_value(const char *name);
int rt_path_value(const char *name);
/* The systemd unit in a cgroup path: its last component, "" for none. */
const char *rt_cgroup_unit(const char *cgroup);

#endif
