/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracefs, and its kprobe events: where it is, and a line written to
 * kprobe_events. For what makes kprobe events of its own (ftracesite.c's
 * probe of a place, bpfkretprobe.c's returns) and what reads the boot
 * probes' (bootevents.c).
 */
#ifndef RT_TRACEFS_H
#define RT_TRACEFS_H

#include <stdbool.h>

/*
 * How many calls a wait's return probe follows at once ("r128:"): as the
 * module's (kmod/wait.c, 2 x RT_MAX_WAITING). The kernel's default,
 * max(10, 2 x possible CPUs), loses the ends of the waiters beyond it: a
 * task waiting for the CRNG holds one until READY.
 */
#define RT_WAIT_MAXACTIVE	128

/*
 * Where tracefs is: /sys/kernel/tracing, else under debugfs; NULL when
 * neither is mounted. With @may_mount, where neither is, it is mounted at
 * /sys/kernel/tracing first, as systemd does at boot (an initramfs, a
 * container, a unit that starts before it).
 */
const char *rt_tracefs(bool may_mount);

/* Append @line to tracefs's kprobe_events. 0, or -1 with errno. */
int rt_kprobe_events_write(const char *line);

#endif /* RT_TRACEFS_H */
