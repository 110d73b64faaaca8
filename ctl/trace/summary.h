/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a trace says, computed once (summary.c) for every reader: report,
 * check, compare, plot, export. Strings point into the trace's json_t and
 * live as long as it does.
 */
#ifndef RT_SUMMARY_H
#define RT_SUMMARY_H

#include <stddef.h>
#include <jansson.h>

#define RT_NSOURCES 10		/* enum rngtrace_source */

struct rt_wait_info {
	long long pid, tgid;
	const char *comm;
	const char *cgroup;	/* "" if unknown */
	const char *unit;	/* last component of cgroup, "" if none */
	const char *path;	/* getrandom, dev_random, dev_urandom, kernel */
	long long flags, bytes, result;
	long long start_ns, end_ns, wait_ns;
};

struct rt_unseeded_info {
	long long pid, time_ns, flags, bytes, result;
	const char *comm, *unit, *path;
	long long tgid;			/* pid if the trace lacks it */
	const char *cgroup;		/* "" if unknown */
};

struct rt_hwrng_info {
	const char *name;		/* "" if unknown */
	long long quality, feeds, bytes, bits;
	int current, before_load;
	long long registered_ns;	/* -1 if before load or unknown */
};

struct rt_summary {
	const char *kernel_release;	/* "" if unknown */
	const char *boot_id;
	const char *cmdline;
	int cpu_rdrand, cpu_rdseed, hypervisor;
	int trust_cpu_off;		/* random.trust_cpu=off on the cmdline */

	int ready;			/* the trace knows when it was ready */
	int ready_before_load;
	long long ready_ns;		/* valid when ready && !ready_before_load
					 * (or from kmsg when before load) */
	const char *ready_source;	/* "" if unknown */
	long long load_ns;
	long long pool_bits_at_load;

	long long credit_bits[RT_NSOURCES];	/* from the trace's credits */
	long long credit_count[RT_NSOURCES];
	long long credit_total;

	struct rt_wait_info *waits;	/* sorted by wait_ns, longest first */
	size_t nwaits;
	long long total_wait_ns, worst_wait_ns;
	size_t nblocked;		/* distinct tasks (tgid) that waited */

	struct rt_unseeded_info *unseeded;
	size_t nunseeded;		/* unseeded events: calls */
	size_t nunseeded_served;	/* of them, served bytes (result > 0) */

	size_t nhwrng;			/* hwrngs in the trace */
	const char *hwrng_current;	/* "" if none */
	long long hwrng_first_register_ns;	/* -1 if none registered after load */
	long long hwrng_bits;		/* credited by source hwrng */

	long long events_dropped;
	long long credits_missed;	/* the credit probe's nmissed */

	/*
	 * Added for report/advice; -1 / "" when unknown or none. (ready_ns
	 * above is -1 too when the trace does not say when.)
	 */
	long long first_wait_start_ns;	/* earliest start_ns of the waits */
	const char *hwrng_first_register_name;
	struct rt_hwrng_info *hwrngs;	/* the trace's hwrngs[], in order */
	long long credit_events_ioctl;	/* "credit" events from source ioctl */
};

/* 0, or -1 with one line in err (a trace rt_trace_load() accepted is fine). */
int rt_summarize(const json_t *trace, struct rt_summary *s,
		 char *err, size_t errlen);
void rt_summary_free(struct rt_summary *s);

#endif
