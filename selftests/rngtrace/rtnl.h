/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rngtrace family as the selftests see it, decoded from raw netlink
 * (genl.h) into plain structs.
 */
#ifndef _RNGTRACE_SELFTEST_RTNL_H
#define _RNGTRACE_SELFTEST_RTNL_H

#include <stdint.h>

#include "genl.h"
#include "linux/rngtrace.h"

struct rt_ev {
	uint64_t seq, time_ns, time_mono_ns, start_ns, bytes;
	int64_t result;
	uint32_t type, pid, tgid, path, flags, source, bits, total_bits;
	uint32_t quality, evidence;
	int has_seq, has_start, has_result, has_evidence;
	char comm[16], cgroup[4096], caller[128], name[32];
};

#define RT_MAX_SOURCES 16

struct rt_st {
	uint32_t crng_ready, ready_at_load, pool_bits_at_load, credited_bits;
	uint32_t ready_source, ring_size, armed, keep_armed;
	uint64_t load_time_ns, ready_time_ns, ready_time_mono_ns;
	uint64_t waits, unseeded, written, dropped, waits_lost;
	int64_t printk_offset_ns;
	int has_ready_time, has_shortfall, has_ready_evidence;
	uint32_t shortfall_bits, ready_evidence;
	uint64_t credit_bits[RT_MAX_SOURCES], credit_count[RT_MAX_SOURCES];
	uint32_t waits_in_flight;
	int has_waits_in_flight;
	int has_waiting_list;		/* the old, unbounded WAITING nests */
	size_t reply_len;		/* bytes of the reply message */
};

struct rt_probe_info {
	char symbol[128];
	uint32_t method, attached, armed, refused;
	int32_t error;
	uint64_t hits, nmissed;
	int has_hits, has_nmissed;	/* sent to CAP_NET_ADMIN only */
};

struct rt_hwrng_info {
	char name[32];
	uint32_t quality, current, before_load;
	uint64_t registered_ns, feeds, bytes, bits;
};

/* Each returns 0 or -errno; r (if given) gets the extack of a failure. */
int rt_family(int fd, uint16_t *id);
int rt_status(struct rt_st *st);
int rt_events(uint64_t since, struct rt_ev *evs, int max, int *n);
/* WAITING_GET: the calls in flight, one event a message (CAP_NET_ADMIN). */
int rt_waiting(struct rt_ev *evs, int max, int *n);
int rt_probes(struct rt_probe_info *p, int max, int *n);
int rt_hwrngs(struct rt_hwrng_info *h, int max, int *n);
int rt_do(uint8_t cmd, const void *attrs, size_t len, struct genl_reply *r);
int rt_dump(uint8_t cmd, const void *attrs, size_t len, struct genl_reply *r);
/* Decode one event nest's payload. */
void rt_parse_event(const struct nlattr *attrs, size_t len, struct rt_ev *ev);
/* The probe whose symbol starts with name, or NULL. */
const struct rt_probe_info *rt_probe_find(const struct rt_probe_info *p,
					  int n, const char *name);
/* The getrandom syscall's entry as this architecture's kernel names it. */
const char *rt_sys_getrandom(void);
/* The hits of the probe whose symbol starts with name (0: none, unread). */
uint64_t rt_probe_hits(const char *name);

#endif
