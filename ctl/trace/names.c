// SPDX-License-Identifier: GPL-2.0
/*
 * Enum names (see names.h). Kept in the order of the uapi enums; a test
 * checks each table against the header's last value.
 */
#include <string.h>

#include <linux/rngtrace.h>

#include "names.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char * const sources[] = {
	[RNGTRACE_SOURCE_UNKNOWN] = "unknown",
	[RNGTRACE_SOURCE_INTERRUPTS] = "interrupts",
	[RNGTRACE_SOURCE_INPUT] = "input",
	[RNGTRACE_SOURCE_DISK] = "disk",
	[RNGTRACE_SOURCE_HWRNG] = "hwrng",
	[RNGTRACE_SOURCE_JITTER] = "jitter",
	[RNGTRACE_SOURCE_IOCTL] = "ioctl",
	[RNGTRACE_SOURCE_BOOTLOADER] = "bootloader",
	[RNGTRACE_SOURCE_CPU] = "cpu",
	[RNGTRACE_SOURCE_TIMER] = "timer",
};

static const char * const types[] = {
	[RNGTRACE_EVENT_TYPE_READY] = "ready",
	[RNGTRACE_EVENT_TYPE_CREDIT] = "credit",
	[RNGTRACE_EVENT_TYPE_WAIT] = "wait",
	[RNGTRACE_EVENT_TYPE_UNSEEDED] = "unseeded",
	[RNGTRACE_EVENT_TYPE_HWRNG_REGISTER] = "hwrng-register",
	[RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER] = "hwrng-unregister",
};

static const char * const paths[] = {
	[RNGTRACE_PATH_GETRANDOM] = "getrandom",
	[RNGTRACE_PATH_DEV_RANDOM] = "dev_random",
	[RNGTRACE_PATH_DEV_URANDOM] = "dev_urandom",
	[RNGTRACE_PATH_KERNEL] = "kernel",
};

static const char * const evidences[] = {
	[RNGTRACE_READY_EVIDENCE_COMPLETER] = "completer",
	[RNGTRACE_READY_EVIDENCE_RESEED] = "reseed",
	[RNGTRACE_READY_EVIDENCE_SET_READY] = "set-ready",
	[RNGTRACE_READY_EVIDENCE_NOTICED] = "noticed",
	[RT_READY_EVIDENCE_LAST_CREDIT] = "last-credit",
};

static const char * const methods[] = {
	[RNGTRACE_PROBE_METHOD_KPROBE] = "kprobe",
	[RNGTRACE_PROBE_METHOD_KRETPROBE] = "kretprobe",
	[RNGTRACE_PROBE_METHOD_FPROBE] = "fprobe",
};

_Static_assert(N(sources) == RNGTRACE_SOURCE_TIMER + 1, "sources");
_Static_assert(N(types) == RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER + 1, "types");
_Static_assert(N(paths) == RNGTRACE_PATH_KERNEL + 1, "paths");
_Static_assert(N(evidences) == RT_READY_EVIDENCE_LAST_CREDIT + 1, "evidences");
_Static_assert(N(methods) == RNGTRACE_PROBE_METHOD_FPROBE + 1, "methods");

static const char *name_of(const char * const *t, size_t n, uint32_t v)
{
	return v < n ? t[v] : "unknown";
}

static int value_of(const char * const *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(t[i], name))
			return (int)i;
	return -1;
}

const char *rt_source_name(uint32_t v) { return name_of(sources, N(sources), v); }
const char *rt_event_type_name(uint32_t v) { return name_of(types, N(types), v); }
const char *rt_path_name(uint32_t v) { return name_of(paths, N(paths), v); }
const char *rt_probe_method_name(uint32_t v) { return name_of(methods, N(methods), v); }
const char *rt_ready_evidence_name(uint32_t v) { return name_of(evidences, N(evidences), v); }
int rt_source_value(const char *n) { return value_of(sources, N(sources), n); }
int rt_event_type_value(const char *n) { return value_of(types, N(types), n); }
int rt_path_value(const char *n) { return value_of(paths, N(paths), n); }

const char *rt_cgroup_unit(const char *cgroup)
{
	const char *slash;

	if (!cgroup)
		return "";
	slash = strrchr(cgroup, '/');
	return slash ? slash + 1 : cgroup;
}
