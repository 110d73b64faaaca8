/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared state of the rngtrace module.
 *
 * Probe handlers (credit.c, wait.c, hwrng.c) build an event on their stack
 * and hand it to the ring (ring.c), which is preallocated, so nothing in a
 * handler allocates or sleeps. Handlers record raw facts (a return
 * address, a cgroup id); what those mean (a credit's source, a cgroup's
 * path) is looked up in process context (names.c) when netlink
 * (netlink.c, nl_events.c) reads the ring and the counters.
 */
#ifndef _RNGTRACE_H
#define _RNGTRACE_H

#include <linux/atomic.h>
#include <linux/kprobes.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "uapi/linux/rngtrace.h"

struct genl_family;
struct netlink_callback;
struct sk_buff;

#define RT_CGROUP_LEN		4096	/* PATH_MAX: resolved in process context */
#define RT_HWRNG_NAME_LEN	32
#define RT_MAX_WAITING		64
#define RT_MAX_HWRNG		16
#define RT_NR_SOURCES		(RNGTRACE_SOURCE_TIMER + 1)

/* What the module knew at the moment it was loaded; written once in init. */
struct rt_load_state {
	u64 boottime_ns;
	u64 mono_ns;
	bool crng_ready;
	u32 pool_bits;		/* entropy_avail as the loader read it */
};

extern struct rt_load_state rt_load;

/* One event; which fields mean something depends on type. */
struct rt_event {
	u64 seq;
	u64 time_ns;
	u64 time_mono_ns;
	u64 start_ns;
	u64 bytes;
	s64 result;
	unsigned long caller;	/* resolved to a symbol and source when sent */
	u32 type;
	u32 pid;
	u32 tgid;
	u32 path;
	u32 flags;
	u32 source;
	u32 bits;
	u32 total_bits;
	u32 quality;
	u32 evidence;		/* READY: enum rngtrace_ready_evidence */
	u64 cgroup_id;		/* resolved to a path when sent */
	char comm[TASK_COMM_LEN];
	char name[RT_HWRNG_NAME_LEN];
};

/* ring.c */
int rt_ring_init(unsigned int size);
void rt_ring_exit(void);
void rt_ring_put(struct rt_event *ev);
/* What a handler could not record (nmi_lock.h): counted as dropped. */
void rt_ring_count_lost(void);
/* Copy the oldest event with seq >= *seq into ev; false when none. */
bool rt_ring_get(u64 *seq, struct rt_event *ev);
void rt_ring_reset(void);
struct rt_ring_stats {
	u32 size;
	u64 written;
	u64 dropped;
	u64 generation;		/* changes when events vanish under a reader */
};

void rt_ring_stats(struct rt_ring_stats *st);
void rt_event_init(struct rt_event *ev, u32 type);
void rt_event_task(struct rt_event *ev);

/* names.c: process context only. */
int rt_names_init(void);
void rt_names_exit(void);
/* The event's cgroup path as a string attribute, "..." marking a cut. */
int rt_put_cgroup(struct sk_buff *skb, int attrtype, const struct rt_event *ev);
/* Remember the event's cgroup path while the cgroup still exists. */
void rt_cgroup_note(const struct rt_event *ev);
/* From a handler: keep current's cgroup until it is named. */
struct cgroup;
void rt_cgroup_pin(struct cgroup *cgrp, u64 id);
/* The credit source of a crediting return address. */
u32 rt_source_of(unsigned long caller);

/* nl_events.c: multicast of recorded events, in process context. */
void rt_notify_kick(void);
void rt_notify_start(void);
void rt_notify_stop(void);
void rt_notify_exit(void);

/* probes.c */
enum rt_probe_group {
	RT_GROUP_HOT,		/* syscall and credit: disarmed once ready */
	RT_GROUP_ALWAYS,	/* hwrng: rare, stays armed */
};

#define RT_MAX_SITES	4

/* One place a probe attaches: the function or one of its GCC clones. */
struct rt_probe_site {
	struct kretprobe krp;		/* krp.kp is the kprobe when !is_ret */
	bool fprobe;			/* on one of probes.c's fprobes instead */
	char name[KSYM_NAME_LEN];
	unsigned long addr;		/* where it attached */
	unsigned long known_addr;	/* from symbol_get(), before it attached */
	unsigned long start, end;	/* the function's text, for nesting */
	bool in_module;
	int error;
	bool attached;
	bool armed;
	bool refused;			/* .constprop/.isra: layout unknown */
	bool kprobe;			/* krp is registered */
};

struct rt_probe {
	const char *symbol;		/* base name; clones are found too */
	enum rt_probe_group group;
	bool is_ret;
	kprobe_pre_handler_t pre_handler;
	kretprobe_handler_t entry_handler;
	kretprobe_handler_t handler;
	/*
	 * Where fprobes work (compat/fprobe.h): the same, on ftrace, for a
	 * function of the kernel proper (one in a module stays a kprobe).
	 * fentry returns nonzero to skip fexit; caller is where the call
	 * returns to.
	 */
	int (*fentry)(struct pt_regs *regs, void *data);
	void (*fexit)(struct pt_regs *regs, unsigned long caller, void *data);
	/* Not called once the CRNG is ready: disarmed by a flag, not text. */
	bool idle_once_ready;
	/*
	 * fexit reads caller: an fprobe only where its exit sees the real
	 * one (rt_fprobe_caller_reliable()), else a kretprobe.
	 */
	bool needs_caller;
	/*
	 * Where it is defined (findsym.c): random.c's functions, and their
	 * clones, are met by the walks of its text if the kernel has them;
	 * an exported function is where symbol_get() finds it, or nowhere
	 * yet (its module may come later).
	 */
	bool in_random_c;
	bool exported;
	/*
	 * Its handler reads the context it runs in (credit.c): on the entry,
	 * never an int3 past the ftrace site, whose handler runs as an NMI.
	 */
	bool reads_context;
	size_t data_size;
	int maxactive;
	unsigned int nsites;
	struct rt_probe_site site[RT_MAX_SITES];
	atomic64_t hits;
};

int rt_probes_init(void);
void rt_probes_exit(void);
void rt_probes_maybe_disarm(void);
void rt_probes_set_keep_armed(bool keep);
bool rt_probes_armed(void);
bool rt_probes_keep_armed(void);
/* Around rt_site_nth() and the use of what it returns. */
void rt_probes_lock(void);
void rt_probes_unlock(void);
/* The i-th site of any probe, for PROBES_GET; NULL past the last. */
const struct rt_probe_site *
rt_site_nth(unsigned int i, const struct rt_probe **p);
u64 rt_site_nmissed(const struct rt_probe *p, const struct rt_probe_site *s);
/* True when addr is inside one of p's sites: a clone called by another. */
bool rt_probe_nested(const struct rt_probe *p, unsigned long addr);

/* findsym.c: functions named @names (or their clones) near random.c's. */
void rt_findsym_init(const char * const *names, unsigned int n);
void rt_findsym_around(unsigned long addr);
bool rt_findsym(const char *name, unsigned long *start, unsigned long *size);
bool rt_findsym_absent(const char *name);
void rt_findsym_exit(void);

/* credit.c */
extern struct rt_probe rt_credit_probe;
extern struct rt_probe rt_ready_probes[];
extern const unsigned int rt_nr_ready_probes;
struct rt_credit_total {
	u64 bits;
	u64 count;
};

/* Per-source totals: process context (sources are looked up). */
void rt_credit_totals(struct rt_credit_total totals[RT_NR_SOURCES]);
u32 rt_credited_bits(void);
bool rt_ready_seen(u64 *time_ns, u64 *time_mono_ns, u32 *source,
		   u32 *evidence);
/* Bits short of ready-bits at READY; false before READY was seen. */
bool rt_credit_shortfall(u32 *bits);
bool rt_ready_published(void);
/* Publish READY if the CRNG is ready and no probe hit did (process ctx). */
void rt_ready_settle(void);
void rt_credit_reset(void);

/* wait.c */
extern struct rt_probe rt_wait_probes[];
extern const unsigned int rt_nr_wait_probes;
unsigned int rt_waiting_count(void);
/* Copy the call in flight in the first used slot from *slot on; false: none. */
bool rt_waiting_next(unsigned int *slot, struct rt_event *ev);
u64 rt_waits_total(void);
u64 rt_waits_lost(void);
u64 rt_unseeded_total(void);
void rt_wait_reset(void);

/* hwrng.c */
extern struct rt_probe rt_hwrng_probes[];
extern const unsigned int rt_nr_hwrng_probes;
struct rt_hwrng_info {
	char name[RT_HWRNG_NAME_LEN];
	u32 quality;
	bool current_rng;
	bool before_load;
	u64 registered_ns;
	u64 feeds;
	u64 bytes;
	u64 bits;
};

/* Copy the hwrngs seen since load; returns how many. */
unsigned int rt_hwrng_copy(struct rt_hwrng_info *out, unsigned int max);

/* netlink.c */
int rt_netlink_init(void);
void rt_netlink_exit(void);
extern struct genl_family rt_family;

/*
 * The largest event in a message of its own: its cgroup path and caller
 * symbol at their longest, and a kilobyte for the other attributes.
 */
#define RT_EVENT_MSG_MAX	(NLMSG_HDRLEN + GENL_HDRLEN +		\
				 nla_total_size(RT_CGROUP_LEN) +	\
				 nla_total_size(KSYM_SYMBOL_LEN) + 1024)

/* nl_events.c */
int rt_events_start(struct netlink_callback *cb);
int rt_events_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int rt_fill_event(struct sk_buff *skb, int attrtype,
		  const struct rt_event *ev, bool in_flight);

#endif /* _RNGTRACE_H */
