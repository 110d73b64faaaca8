/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF backend (Documentation/admin-guide/bpf-backend.md): the
 * module's view of the CRNG from BPF programs (ctl/bpf/) on the same
 * functions, for kernels where rngtrace.ko cannot load. Its events are
 * the module's (struct rt_event), so record writes the same trace. Built
 * where clang, bpftool and libbpf are (bpfbackend.c); elsewhere
 * bpfbackend_none.c refuses.
 *
 *	struct rt_bpf *b;
 *	if (rt_bpf_open(&b, err, sizeof(err))) ... (the reason: refused)
 *	while (...) rt_bpf_poll(b, 100);	(events, read every so often)
 *	rt_bpf_disarm(b);			(once ready and settled)
 *	rt_bpf_result(b, &res);
 *	rt_bpf_close(b);
 */
#ifndef RT_BPFBACKEND_H
#define RT_BPFBACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "evjson.h"

struct rt_bpf;
struct rt_hwrng;

/* What the programs could not record, by cause. */
struct rt_bpf_misses {
	uint64_t ringbuf_full;		/* events the ring buffer had no room for */
	uint64_t credit_unpaired;	/* a credit's return without its entry */
	uint64_t credit_deep;		/* credits nested deeper than followed */
	uint64_t calls_full;		/* calls the per-task table had no room for */
	uint64_t call_unpaired;		/* a call whose return never came */
	uint64_t hwrng_unread;		/* hwrng (un)registrations: no struct hwrng in BTF */
	uint64_t ends_missed;		/* waits still in flight 5 s after READY */
	uint64_t recursion;		/* a program skipped: another ran on its CPU */
	bool recursion_known;		/* the kernel counts the first (5.12+) */
};

struct rt_bpf_result {
	struct rt_event *ev;	/* by time; READY among them once seen */
	size_t nev;
	struct rt_event *open;	/* the waits still in flight (no seq) */
	size_t nopen;
	bool ready;
	uint64_t attached_ns;	/* when the programs were attached */
	/* waits already in flight then (their start_ns is the attach) */
	size_t waits_before_attach;
	uint64_t disarmed_ns;	/* when they were detached (0: still on) */
	struct rt_bpf_misses misses;
	char programs[16];	/* how the calls' programs were attached: "fentry" or "kprobe" */
	char fallback[400];	/* why kprobes for the calls where not fentry, or "" */
	/*
	 * How READY was seen: "crng_init" (read at each credit's entry and
	 * return) or the name of crng_reseed() (the call it is made in:
	 * no crng_init in kallsyms)
	 */
	char ready_by[256];
	/*
	 * kprobes: how many calls of each that may wait its kretprobe
	 * follows at once (0: the kernel's default, and return_note why)
	 */
	int return_instances;
	char return_note[320];
	/* the hardware RNGs registered since the attach, fed since (status.h) */
	const struct rt_hwrng *hwrngs;
	size_t nhwrngs;
};

/*
 * Load and attach the programs. 0, or -1 with @err saying why (not root,
 * no BTF, lockdown's confidentiality mode, no BPF, a function missing, a
 * build without the backend).
 */
int rt_bpf_open(struct rt_bpf **b, char *err, size_t errlen);
/* Wait @timeout_ms (a signal ends it), then take the events that came. 0, or -1. */
int rt_bpf_poll(struct rt_bpf *b, int timeout_ms);
/* Whether READY was seen, and how many waits are in flight. */
bool rt_bpf_ready(const struct rt_bpf *b);
size_t rt_bpf_in_flight(const struct rt_bpf *b);
/*
 * Take the waits in flight as ended, their ends missed (a program the
 * kernel skipped): how many. For a recording long past READY.
 */
size_t rt_bpf_forget_in_flight(struct rt_bpf *b);
/*
 * Look again at the tasks that were already waiting when the programs
 * were attached (their kernel stacks): which have stopped. Each poll.
 */
void rt_bpf_watch(struct rt_bpf *b);
/* Detach every program, after a last poll. */
void rt_bpf_disarm(struct rt_bpf *b);
/*
 * The recording: events by time with their seq, open waits, misses;
 * the cgroups resolved. Valid until rt_bpf_close(). 0, or -1 (memory).
 */
int rt_bpf_result(struct rt_bpf *b, struct rt_bpf_result *r);
void rt_bpf_close(struct rt_bpf *b);

#endif /* RT_BPFBACKEND_H */
