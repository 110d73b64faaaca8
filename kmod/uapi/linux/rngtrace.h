/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * rngtrace: boot-time entropy tracing over generic netlink.
 *
 * Kept in step with Documentation/netlink/specs/rngtrace.yaml, which is the
 * description of record; tools/check/spec-vs-uapi proves the two agree.
 *
 * Family "rngtrace", version 1, in the initial network namespace only.
 *
 * RNGTRACE_CMD_STATUS_GET (do, any user)
 *	Request: no attributes.
 *	Reply (attribute set "status"):
 *	  VERSION		string, the module's version
 *	  CRNG_READY		u32, 1 when the kernel's CRNG is initialized now
 *	  READY_AT_LOAD		u32, 1 when it was already initialized when
 *				the module loaded
 *	  LOAD_TIME_NS		u64, CLOCK_BOOTTIME ns at module load
 *	  LOAD_TIME_MONO_NS	u64, CLOCK_MONOTONIC ns at module load, for
 *				joining with systemd's unit timestamps
 *
 * Integers are u32 or u64 (u64 aligned with the PAD attribute); there are
 * no binary structures.
 */

#ifndef _UAPI_LINUX_RNGTRACE_H
#define _UAPI_LINUX_RNGTRACE_H

#define RNGTRACE_FAMILY_NAME		"rngtrace"
#define RNGTRACE_FAMILY_VERSION		1

enum {
	RNGTRACE_A_STATUS_PAD = 1,
	RNGTRACE_A_STATUS_VERSION,
	RNGTRACE_A_STATUS_CRNG_READY,
	RNGTRACE_A_STATUS_READY_AT_LOAD,
	RNGTRACE_A_STATUS_LOAD_TIME_NS,
	RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS,

	__RNGTRACE_A_STATUS_MAX,
	RNGTRACE_A_STATUS_MAX = (__RNGTRACE_A_STATUS_MAX - 1)
};

enum {
	RNGTRACE_CMD_STATUS_GET = 1,

	__RNGTRACE_CMD_MAX,
	RNGTRACE_CMD_MAX = (__RNGTRACE_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_RNGTRACE_H */
