/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the BPF backend's programs (rngtrace.bpf.c) send the recorder
 * (backend.c) through their ring buffer: one record an event, the same
 * layout on both sides (fixed-size integers only).
 */
#ifndef RT_BPFEVENT_H
#define RT_BPFEVENT_H

#include <linux/types.h>

enum rt_bpf_type {
	RT_BPF_CREDIT = 1,	/* a credit's return: bits, caller, crng_init */
	RT_BPF_SET_READY,	/* crng_set_ready() ran */
	RT_BPF_CALL,		/* a call that began before READY returned */
	RT_BPF_CALL_BEGIN,	/* a wait began (what is in flight, without a map read) */
	RT_BPF_HWRNG_REGISTER,	/* hwrng_register() succeeded: name, quality */
	RT_BPF_HWRNG_UNREGISTER,	/* hwrng_unregister(): name, quality */
	RT_BPF_HWRNG_FEED,	/* add_hwgenerator_randomness(): bytes, bits */
};

/* What a call is, as the module's wait.c says it (enum rngtrace_path). */
enum rt_bpf_kind {
	RT_BPF_KIND_WAIT = 1,
	RT_BPF_KIND_UNSEEDED,
	RT_BPF_KIND_URANDOM,	/* a /dev/urandom read: which, its end says */
};

/* The counters the recorder reads (the "counters" array map). */
enum rt_bpf_counter {
	RT_BPF_RINGBUF_FULL,	/* events not sent: the ring buffer was full */
	RT_BPF_CREDIT_UNPAIRED,	/* a credit's return without its entry */
	RT_BPF_CREDIT_DEEP,	/* credits nested deeper than recorded */
	RT_BPF_CALLS_FULL,	/* calls not followed: the table was full */
	RT_BPF_CALL_UNPAIRED,	/* a call whose return never came (a task's next began) */
	RT_BPF_HWRNG_UNREAD,	/* a hwrng (un)registration: no struct hwrng in BTF */
	RT_BPF_NR_COUNTERS,
};

struct rt_bpf_event {
	__u64 time_ns;		/* CLOCK_BOOTTIME: the return, or the mark */
	__u64 start_ns;		/* the entry */
	__u64 caller;		/* a credit's return address */
	__u64 bytes;		/* what the call asked for */
	__s64 result;		/* the call's return value */
	__u64 cgroup;		/* its task's cgroup v2 id */
	__u32 type;		/* enum rt_bpf_type */
	__u32 pid, tgid;
	__u32 bits;		/* a credit's */
	__u32 ready_before, ready_after;	/* crng_init around it (2: ready) */
	__u32 kind;		/* enum rt_bpf_kind */
	__u32 path;		/* enum rngtrace_path */
	__u32 flags;
	__u32 waited;		/* a wait_for_random_bytes() inside it */
	__u32 quality;		/* a hardware RNG's */
	char comm[16];
	char name[64];		/* a hardware RNG's */
};

/* A task's call in progress that began before READY (the "calls" map). */
struct rt_bpf_call {
	__u64 start_ns, bytes, cgroup;
	__u32 kind, path, flags, waited;
	__u32 kernel_wait;	/* a wait_for_random_bytes() of its own */
	char comm[16];
};

#endif /* RT_BPFEVENT_H */
