// SPDX-License-Identifier: GPL-2.0
/*
 * Entropy credits and the moment the CRNG becomes ready.
 *
 * Every credit before ready goes through _credit_init_bits(bits) (on 6.12
 * GCC splits it: _credit_init_bits.part.0). Its probe records each
 * credit with the return address of the call, the crediting code; which
 * source that is gets looked up later, in process context (names.c).
 * Per-caller totals are exact counters, kept even when the ring drops
 * events.
 *
 * READY, exactly once and from the credit that completed it: the credit
 * that crosses the threshold calls crng_reseed() before the CRNG reads
 * ready, on the same CPU and in the same context, and no other credit
 * does. A probe there marks that context; the credit whose return
 * handler finds the mark on its own context is the completer.
 *
 * Both probes are fprobes where that works (compat/fprobe.h: 6.5 to
 * 6.13): ftrace's recursion guard is per context, so a softirq credit
 * arriving while another probe's handler runs on its CPU is still seen.
 * Elsewhere they are kprobes, which can miss it (one running kprobe per
 * CPU). Should the completing credit have been missed, the completer
 * still calls crng_set_ready() (at once, or from a workqueue): a kprobe in
 * process context cannot be missed, and from there READY is published a
 * second later, if the completer's return did not publish it first, with
 * an unknown source and the earliest time the module has (the mark's,
 * else crng_set_ready()'s), and says which (its evidence).
 */

#include <linux/hardirq.h>
#include <linux/kprobes.h>
#include <linux/random.h>
#include <linux/smp.h>

#include "compat/kprobes.h"
#include "rngtrace.h"

#define RT_POOL_BITS	256	/* random.c's POOL_BITS: most one credit counts */
#define RT_CALLERS	32

/* Where a credit runs: its task, and for interrupts its CPU and level. */
struct rt_ctx {
	struct task_struct *task;
	int cpu;
	unsigned int level;	/* 0 task, 1 softirq, 2 hardirq */
};

struct rt_credit_call {
	struct rt_ctx ctx;
	u32 bits;
};

/*
 * Per-caller totals, filled lock-free: a slot is claimed by cmpxchg on its
 * address; the last slot takes every caller that finds the table full.
 */
static struct {
	unsigned long addr;
	atomic64_t bits;
	atomic64_t count;
} rt_callers[RT_CALLERS];

static atomic_t rt_credited;		/* bits since load, each capped */

/* The completer's context, marked at crng_reseed(). */
static struct rt_ctx rt_mark;
static u64 rt_mark_ns, rt_mark_mono_ns;
static atomic_t rt_mark_set;

/* READY: the times and source first, then the flag (release/acquire). */
static u64 rt_ready_ns, rt_ready_mono_ns;
static unsigned long rt_ready_caller;
static u32 rt_ready_evidence;
static int rt_ready_state;		/* 0, claimed 1, published 2 */
static u32 rt_shortfall;

/* crng_set_ready()'s first hit: 0, claimed 1, times written 2. */
static atomic_t rt_set_ready_hit;
static u64 rt_set_ready_ns, rt_set_ready_mono_ns;

/*
 * The context the probed code runs in, whatever the probe is. A kprobe
 * that is a breakpoint (every kprobe on riscv64, an ebreak; an int3 past
 * x86's ftrace site) runs its handler as an NMI, which adds an NMI level
 * and a hardirq level to the code's own; ftrace-based probes add none.
 * Taken off, the credit's entry (a kretprobe on riscv64: its function is
 * __cold, out of the fprobe's reach) and crng_reseed()'s mark (an fprobe)
 * read the same for the same call. No credit runs in a real NMI.
 */
static void rt_ctx_here(struct rt_ctx *c)
{
	unsigned long pc = preempt_count();
	unsigned int hard = (pc & HARDIRQ_MASK) >> HARDIRQ_SHIFT;

	hard -= min(hard, (unsigned int)((pc & NMI_MASK) >> NMI_SHIFT));
	c->task = current;
	c->level = hard ? 2 : in_serving_softirq() ? 1 : 0;
	c->cpu = c->level ? raw_smp_processor_id() : -1;
}

static bool rt_ctx_same(const struct rt_ctx *a, const struct rt_ctx *b)
{
	return a->task == b->task && a->level == b->level && a->cpu == b->cpu;
}

static void rt_caller_account(unsigned long addr, u32 bits)
{
	unsigned int i;

	for (i = 0; i < RT_CALLERS - 1; i++) {
		unsigned long cur = READ_ONCE(rt_callers[i].addr);

		if (!cur)
			cur = cmpxchg(&rt_callers[i].addr, 0, addr) ?: addr;
		if (cur == addr)
			break;
	}
	atomic64_add(bits, &rt_callers[i].bits);
	atomic64_inc(&rt_callers[i].count);
}

/* Claim READY once; false when another path has. */
static bool rt_ready_claim(void)
{
	return !cmpxchg(&rt_ready_state, 0, 1);
}

static void rt_ready_publish(u64 ns, u64 mono_ns, unsigned long caller,
			     u32 evidence, u32 credited)
{
	struct rt_event ev;

	rt_ready_ns = ns;
	rt_ready_mono_ns = mono_ns;
	rt_ready_caller = caller;
	rt_ready_evidence = evidence;
	rt_shortfall = rt_load.pool_bits + credited < RNGTRACE_READY_BITS ?
		       RNGTRACE_READY_BITS - rt_load.pool_bits - credited : 0;
	/* pairs with smp_load_acquire() in rt_ready_seen() */
	smp_store_release(&rt_ready_state, 2);

	rt_event_init(&ev, RNGTRACE_EVENT_TYPE_READY);
	ev.time_ns = ns;
	ev.time_mono_ns = mono_ns;
	ev.caller = caller;
	ev.evidence = evidence;
	ev.total_bits = credited;
	rt_ring_put(&ev);
}

/* Entry of a credit, bits its argument; nonzero: no return to record. */
static int rt_credit_begin(struct pt_regs *regs, void *data)
{
	unsigned long bits = regs_get_kernel_argument(regs, 0);
	struct rt_credit_call *c = data;

	atomic64_inc(&rt_credit_probe.hits);
	if (rng_is_initialized()) {
		rt_probes_maybe_disarm();
		return 1;	/* no return handler: nothing to record */
	}
	if (!bits)
		return 1;
	c->bits = min_t(unsigned long, bits, RT_POOL_BITS);
	rt_ctx_here(&c->ctx);
	return 0;
}

/* Its return, to caller: the crediting code. */
static void rt_credit_end(struct pt_regs *regs, unsigned long caller,
			  void *data)
{
	struct rt_credit_call *c = data;
	struct rt_event ev;
	u32 credited;

	/* _credit_init_bits calling its own .part clone: counted outside. */
	if (rt_probe_nested(&rt_credit_probe, caller))
		return;

	rt_caller_account(caller, c->bits);
	credited = atomic_add_return(c->bits, &rt_credited);

	rt_event_init(&ev, RNGTRACE_EVENT_TYPE_CREDIT);
	ev.bits = c->bits;
	ev.total_bits = credited;	/* pool_bits added when read */
	ev.caller = caller;
	if (!c->ctx.level)
		rt_event_task(&ev);	/* sent for ioctl credits only */
	rt_ring_put(&ev);

	if (!rng_is_initialized())
		return;
	/* pairs with the release in rt_reseed_begin(): mark before its times */
	if (atomic_read_acquire(&rt_mark_set) && rt_ctx_same(&rt_mark, &c->ctx) &&
	    rt_ready_claim())
		rt_ready_publish(rt_mark_ns, rt_mark_mono_ns, caller,
				 RNGTRACE_READY_EVIDENCE_COMPLETER, credited);
	rt_probes_maybe_disarm();
}

/* The same as a kretprobe, where fprobes do not work (compat/fprobe.h). */
static int rt_credit_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return rt_credit_begin(regs, ri->data);
}

static int rt_credit_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	/*
	 * Where the call returns to. Not get_kretprobe_retaddr(): with another
	 * kretprobe on the function (a tracer's, a bpftrace script's), the
	 * address this instance saved may be that probe's trampoline. The
	 * trampoline handler sets the real one in regs before handlers run
	 * (where kretprobes are not on rethook, in ri: compat/kprobes.h).
	 */
	rt_credit_end(regs, rt_kretprobe_caller(ri, regs), ri->data);
	return 0;
}

/*
 * An fprobe where the kernel has them: a credit from a softirq that
 * interrupts another probe's handler is not missed (compat/fprobe.h).
 * Its exit names the crediting code: a kretprobe where an fprobe's may
 * not see the real caller (x86_64 6.14+), where the other probes, being
 * fprobes, no longer hold the CPU's one current kprobe a softirq credit
 * would find taken.
 */
struct rt_probe rt_credit_probe = {
	.symbol = "_credit_init_bits",
	.group = RT_GROUP_HOT,
	.in_random_c = true,
	.is_ret = true,
	.entry_handler = rt_credit_entry,
	.handler = rt_credit_ret,
	.fentry = rt_credit_begin,
	.fexit = rt_credit_end,
	.idle_once_ready = true,
	.needs_caller = true,
	.data_size = sizeof(struct rt_credit_call),
	.maxactive = 32,
};

/*
 * crng_reseed() before ready: only the completing credit calls it. Its
 * probe is of the credit's kind, so that both are seen or neither, and
 * on the entry like the credit's: moved past the ftrace site it would be
 * an int3, whose handler runs as an NMI (x86), a context no credit has.
 */
static int rt_reseed_begin(struct pt_regs *regs, void *data)
{
	atomic64_inc(&rt_ready_probes[0].hits);
	if (rng_is_initialized() || atomic_read(&rt_mark_set))
		return 1;
	rt_ctx_here(&rt_mark);
	rt_mark_mono_ns = ktime_get_mono_fast_ns();
	rt_mark_ns = ktime_get_boot_fast_ns();
	atomic_set_release(&rt_mark_set, 1);
	return 1;
}

static int rt_reseed_pre(struct kprobe *kp, struct pt_regs *regs)
{
	rt_reseed_begin(regs, NULL);
	return 0;
}

/*
 * crng_set_ready(), queued by the completer (run at once from a task's
 * credit, from a workqueue after an interrupt's): cannot be missed. Its
 * first hit's time is READY's if the completer and the mark were both
 * missed.
 */
static int rt_set_ready_begin(struct pt_regs *regs, void *data)
{
	atomic64_inc(&rt_ready_probes[1].hits);
	if (!atomic_cmpxchg(&rt_set_ready_hit, 0, 1)) {
		rt_set_ready_mono_ns = ktime_get_mono_fast_ns();
		rt_set_ready_ns = ktime_get_boot_fast_ns();
		atomic_set_release(&rt_set_ready_hit, 2);
	}
	rt_probes_maybe_disarm();
	return 1;
}

static int rt_set_ready_pre(struct kprobe *kp, struct pt_regs *regs)
{
	rt_set_ready_begin(regs, NULL);
	return 0;
}

struct rt_probe rt_ready_probes[] = {
	{
		.symbol = "crng_reseed",
		.group = RT_GROUP_HOT,
		.in_random_c = true,
		.pre_handler = rt_reseed_pre,
		.fentry = rt_reseed_begin,
		.idle_once_ready = true,
		.reads_context = true,
	},
	{
		.symbol = "crng_set_ready",
		.group = RT_GROUP_ALWAYS,
		.in_random_c = true,
		.pre_handler = rt_set_ready_pre,
		.fentry = rt_set_ready_begin,
	},
};

const unsigned int rt_nr_ready_probes = ARRAY_SIZE(rt_ready_probes);

/*
 * From the disarm work, a second after any handler saw the CRNG ready:
 * if the completer's return handler did not publish READY (its hit was
 * missed), publish it now, on the earliest evidence there is: the mark
 * crng_reseed() took as the CRNG was seeded, else crng_set_ready()'s
 * hit just after, else now. Each says so (enum rngtrace_ready_evidence):
 * none of them knows the source.
 */
void rt_ready_settle(void)
{
	u32 evidence = RNGTRACE_READY_EVIDENCE_NOTICED;
	u64 ns, mono_ns;

	if (rt_load.crng_ready || !rng_is_initialized() ||
	    READ_ONCE(rt_ready_state))
		return;
	if (atomic_read_acquire(&rt_mark_set)) {
		ns = rt_mark_ns;
		mono_ns = rt_mark_mono_ns;
		evidence = RNGTRACE_READY_EVIDENCE_RESEED;
	} else if (atomic_read_acquire(&rt_set_ready_hit) == 2) {
		ns = rt_set_ready_ns;
		mono_ns = rt_set_ready_mono_ns;
		evidence = RNGTRACE_READY_EVIDENCE_SET_READY;
	} else {
		mono_ns = ktime_get_ns();
		ns = ktime_get_boottime_ns();
	}
	if (rt_ready_claim())
		rt_ready_publish(ns, mono_ns, 0, evidence,
				 atomic_read(&rt_credited));
}

void rt_credit_totals(struct rt_credit_total totals[RT_NR_SOURCES])
{
	unsigned int i;
	u32 src;

	memset(totals, 0, RT_NR_SOURCES * sizeof(*totals));
	for (i = 0; i < RT_CALLERS; i++) {
		u64 count = atomic64_read(&rt_callers[i].count);

		if (!count)
			continue;
		src = i == RT_CALLERS - 1 ? RNGTRACE_SOURCE_UNKNOWN :
			rt_source_of(READ_ONCE(rt_callers[i].addr));
		totals[src].bits += atomic64_read(&rt_callers[i].bits);
		totals[src].count += count;
	}
}

u32 rt_credited_bits(void)
{
	return atomic_read(&rt_credited);
}

bool rt_ready_seen(u64 *time_ns, u64 *time_mono_ns, u32 *source,
		   u32 *evidence)
{
	/* pairs with smp_store_release() in rt_ready_publish() */
	if (smp_load_acquire(&rt_ready_state) != 2)
		return false;
	*time_ns = rt_ready_ns;
	*time_mono_ns = rt_ready_mono_ns;
	*source = rt_ready_caller ? rt_source_of(rt_ready_caller) :
				    RNGTRACE_SOURCE_UNKNOWN;
	*evidence = rt_ready_evidence;
	return true;
}

/* READY is out, or the CRNG was ready at load: no READY to settle. */
bool rt_ready_published(void)
{
	/* pairs with smp_store_release() in rt_ready_publish() */
	return rt_load.crng_ready || smp_load_acquire(&rt_ready_state) == 2;
}

bool rt_credit_shortfall(u32 *bits)
{
	/* pairs with smp_store_release() in rt_ready_publish() */
	if (smp_load_acquire(&rt_ready_state) != 2)
		return false;
	*bits = rt_shortfall;
	return true;
}

/* RESET forgets the per-source totals; the pool model stays. */
void rt_credit_reset(void)
{
	unsigned int i;

	for (i = 0; i < RT_CALLERS; i++) {
		atomic64_set(&rt_callers[i].bits, 0);
		atomic64_set(&rt_callers[i].count, 0);
	}
}
