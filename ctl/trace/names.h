/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the rngtrace ABI's enums, as the trace format and the output
 * spell them (Documentation/trace-format.md).
 */
#ifndef RT_NAMES_H
#define RT_NAMES_H

#include <stdint.h>

#include <linux/rngtrace.h>

/* The name of a value; "unknown" for a value this controller predates. */
const char *rt_source_name(uint32_t source);
const char *rt_event_type_name(uint32_t type);
const char *rt_path_name(uint32_t path);
const char *rt_probe_method_name(uint32_t method);
/* The value of a name, or -1. */
int rt_source_value(const char *name);
/*
 * What READY rests on (enum rngtrace_ready_evidence): "completer" is
 * exact; "reseed", "set-ready" and "noticed" are inferred; and the
 * controller's own, after the module's: "last-credit", the boot probes'
 * READY (live/bootevents.h).
 */
#define RT_READY_EVIDENCE_LAST_CREDIT	(RNGTRACE_READY_EVIDENCE_NOTICED + 1)
const char *rt_ready_evidence_name(uint32_t evidence);
int rt_event_type_value(const char *name);
int rt_path_value(const char *name);
/* The systemd unit in a cgroup path: its last component, "" for none. */
const char *rt_cgroup_unit(const char *cgroup);

#endif
