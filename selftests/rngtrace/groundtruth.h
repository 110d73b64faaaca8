/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ground truth the selftests measure without the module: files the VM's
 * /init wrote, sysfs, and the kernel log.
 */
#ifndef _RNGTRACE_SELFTEST_GROUNDTRUTH_H
#define _RNGTRACE_SELFTEST_GROUNDTRUTH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* CLOCK_BOOTTIME now, in ns: the clock the module's events use. */
int64_t boottime_ns(void);
/*
 * The module stamps with the NMI-safe fast clocks: a stamp may sit a little
 * either side of the same instant read through clock_gettime().
 */
#define SKEW_NS 200000LL
/*
 * The time this thread has spent runnable but not running, in ns: the
 * scheduler's own account (schedstat's run_delay), 0 where the kernel keeps
 * none. Taken before a clock reading and after another, the difference is
 * how long a sibling held the CPU in between: a task preempted between its
 * clock and its syscall's entry (or between its wakeup and its clock) waits
 * runnable. A task blocked in the call is not runnable, and one spinning in
 * the kernel's jitter loop is running: neither counts, so a stamp late by
 * the wait is still caught.
 */
int64_t run_delay_ns(void);
/* The same of task @pid (its /proc/PID/schedstat); -1 without it. */
int64_t run_delay_of(pid_t pid);
/*
 * 1 when the CRNG is ready. A getrandom(GRND_NONBLOCK) of one byte: before
 * ready that is itself an unseeded read the module records.
 */
int crng_ready_now(void);
/*
 * How long the kernel takes to flip a static key, in ns, as this guest runs
 * it now: kernel.sched_schedstats set to the other value and back, each
 * write timed, the longer one (static_branch_enable() and _disable()
 * patch the text at every site of the key, which under TCG costs
 * milliseconds). The sysctl is left as it was. -errno without one.
 */
int64_t static_key_flip_ns(void);
/*
 * How long the kernel takes to print one line at the level of its
 * "crng init done" (KERN_NOTICE) to its consoles, in ns: a line written to
 * /dev/kmsg, timed (printk writes the consoles in the caller's context on
 * older kernels; where a printer thread does it, this is short, as it is
 * for the kernel's own line). -errno on error.
 */
int64_t console_line_ns(void);
/*
 * The longest this thread, spinning on its clock for @ns at real-time
 * priority, went between two readings, in ns: what interrupts and, in a
 * VM, the host's own scheduling take from a vCPU at a stretch, as the
 * guest runs now (time no run delay shows). Restores the policy.
 */
int64_t vcpu_gap_ns(int64_t ns);

/* First line of path without its newline; 0 or -errno. */
int read_line(const char *path, char *buf, size_t size);
/* Whether /proc/kallsyms lists @name; -1 without it. */
int kallsyms_has(const char *name);
/* Write s and a newline to path (a sysctl, say); 0 or -errno. */
int write_line(const char *path, const char *s);
/* rngtrace.ko's numeric parameter @name, or @dflt when it has none. */
long module_param_num(const char *name, long dflt);
/* A number of seconds (e.g. /proc/uptime's first field); 0 or -errno. */
int read_seconds(const char *path, double *secs);
/*
 * Bits credited between the loader's read of entropy_avail and rngtrace's
 * credit probe attaching, as the test VM's /init measured them; -1 when
 * it did not (another loader, or the CRNG was ready by then).
 */
int load_window_bits(void);
/*
 * 1 and the printk time in seconds of the first /dev/kmsg record that
 * contains needle, 0 when none does, -errno on error.
 */
int kmsg_find(const char *needle, double *secs);
/*
 * 1 when this kernel exports cgroup_get_from_id() (/proc/kallsyms lists
 * its __ksymtab entry, or, where it lists none, the function): the module
 * names cgroups only then (5.10 does not, and the module calls nothing
 * unexported to do it).
 */
int kernel_names_cgroups(void);
/* Sequence number of the next /dev/kmsg record to come. */
int kmsg_mark(uint64_t *seq);
/*
 * 1 and the text of the first record at or after seq that reports a
 * kernel problem (WARNING, BUG, Oops, ...), 0 when none, -errno on error.
 */
int kmsg_find_bad_since(uint64_t seq, char *buf, size_t size);

/*
 * Put the threads that run softirqs (ksoftirqd/N; on PREEMPT_RT also
 * ktimers/N, rcuc/N and rcu_preempt) at real-time priority 20 (on), or
 * back to the policy each had (off): while real-time test tasks spin with
 * RT throttling off, the entropy timer must still run.
 */
void softirq_threads_realtime(int on);

#endif
