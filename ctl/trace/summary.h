/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a trace says: the one model every renderer reads (report, check,
 * compare, plot, every export). It is built while the loader streams the
 * events (summary.c), so no renderer walks events[] and none applies
 * defaults of its own; its size does not grow with the unseeded reads,
 * credits or hwrng events, which are aggregated:
 *
 *   waits      one entry per wait (a boot has tens), longest first, and
 *              per task (thread group) in tasks[]
 *   unseeded   per (tgid, comm, cgroup, path, flags) group, with counts
 *   credits    per source exact sums, and a time series in RT_SERIES_BINS
 *              bins (with the unseeded reads) for plots and counters
 *   hwrng      the first RT_MAX_MARKS (un)registrations, and a count
 *
 * Every string is the trace's, interned: it lives as long as the summary.
 * Every sum saturates: a hostile trace gives odd numbers, never undefined
 * behaviour.
 */
#ifndef RT_SUMMARY_H
#define RT_SUMMARY_H

#include <stddef.h>
#include <jansson.h>

#include "arch.h"
#include "trace.h"

#define RT_NSOURCES 10		/* enum rngtrace_source */
#define RT_SERIES_BINS	1024
#define RT_MAX_MARKS	1024

struct rt_wait_info {
	long long pid, tgid;
	const char *comm;
	const char *cgroup;	/* "" if unknown */
	const char *unit;	/* last component of cgroup, "" if none */
	const char *path;	/* getrandom, dev_random, dev_urandom, kernel */
	long long flags, bytes, result;
	long long start_ns, end_ns, wait_ns;
	int open;		/* still in flight when the recording ended:
				 * end_ns is the recording's end */
};

/* The waits of one task (tgid), in the order tasks first waited. */
struct rt_task_info {
	long long tgid, pid;		/* pid: of its first wait */
	const char *comm, *cgroup, *unit;	/* of its first wait */
	size_t nwaits;
	size_t nopen;			/* of them, still in flight at the end */
	long long total_ns, worst_ns, first_start_ns;
};

/* Unseeded reads of one program: same tgid, comm, cgroup, path, flags. */
struct rt_unseeded_group {
	long long tgid, pid;		/* pid: of the first read */
	const char *comm, *cgroup, *unit, *path;
	long long flags;
	size_t count;			/* calls */
	size_t served;			/* of them with result > 0 */
	size_t eagain;			/* of them refused with -EAGAIN */
	long long first_ns, last_ns;
	long long first_eagain_ns;	/* -1 if none */
	long long first_result;
	int mixed;			/* not every call got first_result */
	long long bytes;		/* the sum of results > 0 */
};

struct rt_hwrng_info {
	const char *name;		/* "" if unknown */
	long long quality, feeds, bytes, bits;
	int current, before_load;
	long long registered_ns;	/* -1 if before load or unknown */
};

/* An hwrng registered or unregistered (events hwrng-register/-unregister). */
struct rt_hwrng_mark {
	long long time_ns, quality;
	const char *name;
	int registered;
};

/*
 * Bins of time from 0: bin i is [i * width_ns, (i + 1) * width_ns). The
 * width doubles (bins merge in pairs) whenever an event lies beyond the
 * last bin, so RT_SERIES_BINS bins always cover the trace.
 */
struct rt_series {
	long long width_ns;
	long long credit[RT_SERIES_BINS][RT_NSOURCES];	/* bits (> 0) credited */
	long long unseeded[RT_SERIES_BINS];		/* unseeded calls */
};

/*
 * Why a trace is incomplete (rt_summary.incomplete): a bit each. The
 * names (rt_incomplete_name()) are what --json outputs list.
 */
enum {
	RT_INCOMPLETE_TIMEOUT = 1 << 0,	/* record stopped by --timeout */
	RT_INCOMPLETE_SIGNAL = 1 << 1,	/* by a signal, before what --until asked */
	RT_INCOMPLETE_STOPPED = 1 << 2,	/* record.complete is false otherwise */
	RT_INCOMPLETE_NOT_READY = 1 << 3, /* no READY: not ready at the end */
	RT_INCOMPLETE_NBITS = 4,
};

struct rt_summary {
	json_t *meta;			/* the trace but events[] (owned) */
	const char *kernel_release;	/* "" if unknown */
	const char *arch;		/* host.arch (uname machine), "" if not recorded */
	/*
	 * The architecture: host.arch's; in a trace without it, x86 when
	 * the host has x86's cpuinfo flags (cpu_rdrand, cpu_rdseed), else
	 * what the kernel release's flavour names, else RT_ARCH_UNKNOWN.
	 */
	enum rt_arch arch_id;
	const char *boot_id;
	const char *cmdline;
	int cpu_rdrand, cpu_rdseed, hypervisor;
	/* host.cpu_rng; without it, x86's cpu_rdrand or cpu_rdseed, else 0 */
	int cpu_rng;
	int trust_cpu_off;		/* random.trust_cpu=off on the cmdline */

	int ready;			/* the trace knows when it was ready */
	int ready_before_load;
	long long ready_ns;		/* -1 if unknown (from kmsg when before load) */
	const char *ready_source;	/* "" if unknown */
	/* What ready_ns and ready_source rest on; "" when the trace says not */
	const char *ready_evidence;
	long long load_ns;
	/*
	 * No module object: a trace of the boot probes alone (1.2). Then
	 * load_ns is the first boot probe's event, and credits[] are the
	 * boot probes' sums.
	 */
	int no_module;
	int bpf_backend;	/* record.backend "bpf": its events are the probes' */
	long long pool_bits_at_load;
	long long record_end_ns;	/* record.ended_ns, or 0 */
	const char *record_until;	/* record.until, "" if not recorded */
	const char *stopped_by;		/* record.stopped_by, "" if not recorded */
	unsigned int incomplete;	/* RT_INCOMPLETE_* bits; 0: complete */
	/*
	 * Waits still in flight when the recording ended (record.open_waits[]):
	 * in waits[] with open set, ending at the recording's end, and counted
	 * in the tasks, the totals and the worst wait. @open_waits_unlisted
	 * were in flight but not listed (the module lists at most 64).
	 */
	size_t nopen_waits;
	long long open_waits_unlisted;

	long long credit_bits[RT_NSOURCES];	/* from the trace's credits[] */
	long long credit_count[RT_NSOURCES];
	long long credit_total;

	size_t nevents;
	long long last_event_ns;	/* the latest time_ns, or 0 */

	struct rt_wait_info *waits;	/* sorted by wait_ns, longest first */
	size_t nwaits;
	long long total_wait_ns, worst_wait_ns;
	long long first_wait_start_ns;	/* -1 if none */
	struct rt_task_info *tasks;	/* in the order they first waited */
	size_t ntasks;
	size_t nblocked;		/* = ntasks: tasks (tgid) that waited */

	struct rt_unseeded_group *unseeded;	/* in the order first seen */
	size_t nunseeded_groups;
	size_t nunseeded;		/* unseeded events: calls */
	size_t nunseeded_served;	/* of them, served bytes (result > 0) */

	/* credit events (the exact sums are credit_bits) */
	long long event_credit_bits[RT_NSOURCES];	/* > 0 and < 2^40 each */
	long long event_credit_count[RT_NSOURCES];
	long long credit_events_ioctl;	/* "credit" events from source ioctl */
	struct rt_series *series;
	/*
	 * Of them, the boot probes' (origin "boot-probe": before the module
	 * loaded), and the first time a boot probe saw anything (-1: none).
	 */
	long long boot_credit_bits[RT_NSOURCES];
	long long boot_credit_count[RT_NSOURCES];
	long long boot_credit_total;
	long long boot_first_ns;

	size_t nhwrng;			/* hwrngs[] in the trace */
	struct rt_hwrng_info *hwrngs;
	const char *hwrng_current;	/* "" if none */
	long long hwrng_first_register_ns;	/* -1 if none after load */
	const char *hwrng_first_register_name;
	long long hwrng_bits;		/* credited by source hwrng */
	struct rt_hwrng_mark *marks;	/* the first RT_MAX_MARKS */
	size_t nmarks, nmarks_total;

	long long events_dropped;
	long long credits_missed;	/* the credit probe's nmissed */
	/*
	 * What the BPF backend's programs could not record, summed over
	 * record.bpf's counts (each may have cost a wait or a credit)
	 */
	long long bpf_missed;

	void *priv;			/* summary.c's builder state */
};

/*
 * Read the trace at @path ("-": standard input), streamed, into @s. 0, or
 * -1 with one line in err (the loader's, or out of memory).
 */
int rt_summary_load(const char *path, struct rt_summary *s,
		    char *err, size_t errlen);
/* The same from memory (the fuzzer's entry point). */
int rt_summary_loadb(const char *buf, size_t len, const char *name,
		     struct rt_summary *s, char *err, size_t errlen);
/* The same from a jansson trace (tests, small traces built in memory). */
int rt_summarize(const json_t *trace, struct rt_summary *s,
		 char *err, size_t errlen);
void rt_summary_free(struct rt_summary *s);
/*
 * Free the lists (waits, tasks, unseeded, series, marks, hwrngs) and the
 * interned strings; keep the numbers and the meta's strings (compare
 * holds many summaries at once). The counts of the lists stay.
 */
void rt_summary_trim(struct rt_summary *s);

/* "timeout", "signal", "stopped", "not-ready" for one RT_INCOMPLETE_* bit. */
const char *rt_incomplete_name(unsigned int bit);
/*
 * Why @s is incomplete, one line for people ("record was stopped by
 * --timeout before the CRNG was ready; no READY: ..."), into @buf; "" when
 * it is complete. Returns @buf. The trace's strings in it are not
 * escaped: print it as any untrusted string.
 */
const char *rt_incomplete_text(const struct rt_summary *s, char *buf,
			       size_t len);

/* The bin of @t_ns in @s's series. */
size_t rt_series_bin(const struct rt_series *se, long long t_ns);
/* When bin @b starts, in ns (LLONG_MAX if beyond what a long long holds). */
long long rt_series_start(const struct rt_series *se, size_t b);

#endif
