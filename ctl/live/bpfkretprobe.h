/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A kretprobe with room for many calls in flight, for a BPF program.
 * libbpf's kretprobes (perf's kprobe PMU) take the kernel's default
 * number of instances, max(10, 2 x possible CPUs): while that many calls
 * are in flight, the next call's return is missed. A task blocked in
 * getrandom() holds one until READY, and a boot can have more waiters
 * than that. A tracefs kprobe event says how many ("r128:"); the program
 * goes onto its perf event, as libbpf's legacy kprobes do.
 */
#ifndef RT_BPFKRETPROBE_H
#define RT_BPFKRETPROBE_H

#include <stddef.h>

struct bpf_link;
struct bpf_program;

/* The event group: /sys/kernel/tracing/events/rngtrace_bpf/. */
#define RT_KRETPROBE_GROUP	"rngtrace_bpf"

/*
 * Attach @prog to the return of the kernel function @func, @maxactive
 * calls followed at once, through the event RT_KRETPROBE_GROUP/@name_PID
 * (its name into @event, @len bytes, for rt_kretprobe_remove()). The
 * link, or NULL with errno (ENOENT: no tracefs to make it in) and
 * nothing left behind.
 */
struct bpf_link *rt_kretprobe_attach(struct bpf_program *prog, const char *func,
				     const char *name, int maxactive,
				     char *event, size_t len);
/* Remove the event @event, its link destroyed first. */
void rt_kretprobe_remove(const char *event);
/* Remove the events of recorders no longer running (one killed), and ours. */
void rt_kretprobe_remove_stale(void);

#endif
