/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's state: the replies to RNGTRACE_CMD_STATUS_GET,
 * WAITING_GET, PROBES_GET and HWRNG_GET, read apart from their printing
 * (statusprint.h) so that both are testable without a kernel.
 */
#ifndef RT_STATUS_H
#define RT_STATUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <libmnl/libmnl.h>

#include "evjson.h"
#include "nl.h"

#define RT_STATUS_MAX_CREDITS	32
#define RT_STATUS_MAX_WAITING	64
#define RT_STATUS_MAX_PROBES	32
#define RT_STATUS_MAX_HWRNGS	16

struct rt_credit {
	uint32_t source;
	uint64_t bits, count;
};

struct rt_probe {
	char symbol[128];
	uint32_t method;
	bool attached, armed, has_error, refused;
	int32_t error;
	bool has_counts;	/* hits and nmissed: CAP_NET_ADMIN only */
	uint64_t hits, nmissed;
};

struct rt_hwrng {
	char name[64];
	uint32_t quality;
	bool current, before_load, has_registered;
	uint64_t registered_ns, feeds, bytes, bits;
};

struct rt_status {
	char version[128];
	bool crng_ready;
	bool ready_at_load;
	uint64_t load_time_ns;		/* CLOCK_BOOTTIME */
	uint64_t load_time_mono_ns;	/* CLOCK_MONOTONIC */

	/* Optional attributes: has_* says whether the module sent them. */
	bool has_ready_time, has_ready_time_mono, has_ready_source;
	bool has_ready_evidence;
	uint64_t ready_time_ns, ready_time_mono_ns;
	uint32_t ready_source, ready_evidence;
	bool has_printk_offset;
	int64_t printk_offset_ns;
	uint32_t pool_bits_at_load, credited_bits;
	struct rt_credit credits[RT_STATUS_MAX_CREDITS];
	size_t ncredits;
	uint64_t waits;
	bool has_in_flight;
	uint32_t in_flight;		/* STATUS's waits-in-flight: any user */
	/*
	 * From WAITING_GET (who is waiting), when asked: has_waiting once
	 * read; waiting_error (a positive errno) when the module refused it,
	 * EPERM without CAP_NET_ADMIN.
	 */
	bool has_waiting;
	int waiting_error;
	struct rt_event waiting[RT_STATUS_MAX_WAITING];
	size_t nwaiting;		/* kept, at most RT_STATUS_MAX_WAITING */
	size_t nwaiting_total;		/* in the dump */
	uint64_t unseeded_reads;
	uint32_t ring_size;
	uint64_t events_written, events_dropped, waits_lost;
	bool armed, keep_armed;
	bool has_shortfall;		/* sent once READY was seen */
	uint32_t shortfall_bits;

	/* CLOCK_BOOTTIME when the reply came; 0 unknown (no "waiting for"). */
	uint64_t now_ns;

	/*
	 * From PROBES_GET and HWRNG_GET; has_* when they were asked.
	 * probe_counts: the probes came with hits and nmissed (an admin's).
	 */
	bool has_probes, has_hwrngs, probe_counts;
	struct rt_probe probes[RT_STATUS_MAX_PROBES];
	size_t nprobes;
	struct rt_hwrng hwrngs[RT_STATUS_MAX_HWRNGS];
	size_t nhwrngs;
};

/* 0, or -EBADMSG with the reason in @why. */
int status_parse(const struct nlmsghdr *nlh, struct rt_status *st,
		 char *why, size_t whylen);
/* One PROBES_GET / HWRNG_GET reply message. 0 or -EBADMSG with @why. */
int probe_parse(const struct nlmsghdr *nlh, struct rt_probe *p,
		char *why, size_t whylen);
/* One WAITING_GET reply message: one event nest, a call in flight. */
int waiting_parse(const struct nlmsghdr *nlh, struct rt_event *ev,
		  char *why, size_t whylen);
int hwrng_parse(const struct nlmsghdr *nlh, struct rt_hwrng *h,
		char *why, size_t whylen);

/*
 * STATUS_GET, and WAITING_GET, PROBES_GET and HWRNG_GET when @inventory,
 * over the command's socket @nl (rt_nl_new()); one line on stderr for the
 * user on error ("rngtrace @what: ..."). 0 or -errno. WAITING_GET refused
 * (EPERM without CAP_NET_ADMIN; EOPNOTSUPP from an older module) is not
 * an error: st->waiting_error says so, and the rest is read.
 */
int status_fetch(struct rt_nl *nl, struct rt_status *st, bool inventory,
		 const char *what);

/* CLOCK_BOOTTIME now, in ns. */
uint64_t rt_boottime_ns(void);

#endif /* RT_STATUS_H */
