// SPDX-License-Identifier: GPL-2.0
/*
 * Entropy credits and the moment the CRNG becomes ready.
 *
 * Every credit before ready goes through _credit_init_bits(bits) (on 6.12
 * GCC splits it: _credit_init_bits.part.0). A kretprobe records each one
 * with its source, told from the crediting code on the stack, and sees
 * readiness flip: rng_is_initialized() false at entry and true at return
 * means this credit completed it.
 *
 * Per-source totals are exact counters, kept even when the ring drops
 * events.
 */

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/random.h>
#include <linux/stacktrace.h>
#include <linux/string.h>

#include "rngtrace.h"

#define RT_STACK_DEPTH	24
#define RT_SRC_CACHE	32
#define RT_POOL_BITS	256	/* random.c's POOL_BITS: most one credit counts */

/* The functions that credit, by source. add_timer_randomness() is last:
 * it serves input and disk both, which sit deeper on the stack.
 */
static const struct {
	const char *name;
	u32 source;
} rt_crediters[] = {
	{ "mix_interrupt_randomness", RNGTRACE_SOURCE_INTERRUPTS },
	{ "add_input_randomness", RNGTRACE_SOURCE_INPUT },
	{ "add_disk_randomness", RNGTRACE_SOURCE_DISK },
	{ "add_hwgenerator_randomness", RNGTRACE_SOURCE_HWRNG },
	{ "entropy_timer", RNGTRACE_SOURCE_JITTER },
	{ "try_to_generate_entropy", RNGTRACE_SOURCE_JITTER },
	{ "random_ioctl", RNGTRACE_SOURCE_IOCTL },
	{ "add_bootloader_randomness", RNGTRACE_SOURCE_BOOTLOADER },
	{ "random_init_early", RNGTRACE_SOURCE_CPU },
	{ "random_init", RNGTRACE_SOURCE_CPU },
	{ "add_timer_randomness", RNGTRACE_SOURCE_TIMER },
};

#define RT_NOT_CREDITER	U32_MAX

/*
 * Return address -> crediter index (or RT_NOT_CREDITER), filled lazily
 * and lock-free: a slot is claimed, its index written, and only then its
 * address published (release), so a reader that matches the address
 * (acquire) sees the index that goes with it.
 */
static struct {
	unsigned long addr;
	u32 what;
	atomic_t claimed;
} rt_src_cache[RT_SRC_CACHE];

struct rt_credit_call {
	unsigned long caller;
	u32 bits;
	u32 source;
};

static atomic64_t rt_src_bits[RT_NR_SOURCES];
static atomic64_t rt_src_count[RT_NR_SOURCES];
static atomic_t rt_credited;		/* bits since load, each capped */
static atomic_t rt_ready_flag;
static u64 rt_ready_ns, rt_ready_mono_ns;
static u32 rt_ready_source;

static u32 rt_crediter_of(unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i;
	size_t len;

	for (i = 0; i < RT_SRC_CACHE; i++) {
		/* pairs with the release below: what is set */
		if (smp_load_acquire(&rt_src_cache[i].addr) == addr)
			return READ_ONCE(rt_src_cache[i].what);
	}

	/* kallsyms takes no lock and allocates nothing. */
	sprint_symbol_no_offset(sym, addr);
	for (i = 0; i < ARRAY_SIZE(rt_crediters); i++) {
		len = strlen(rt_crediters[i].name);
		if (!strncmp(sym, rt_crediters[i].name, len) &&
		    (sym[len] == '\0' || sym[len] == '.' || sym[len] == ' '))
			break;
	}
	if (i == ARRAY_SIZE(rt_crediters))
		i = RT_NOT_CREDITER;

	for (len = 0; len < RT_SRC_CACHE; len++) {
		if (!atomic_cmpxchg(&rt_src_cache[len].claimed, 0, 1)) {
			WRITE_ONCE(rt_src_cache[len].what, i);
			/* publish addr after what: see the acquire */
			smp_store_release(&rt_src_cache[len].addr, addr);
			break;
		}
	}
	return i;
}

/* The first crediter on the stack wins; add_timer_randomness only if alone. */
static u32 rt_classify(unsigned long caller)
{
	unsigned long entries[RT_STACK_DEPTH];
	unsigned int n, i;
	u32 best = rt_crediter_of(caller);

	if (best != RT_NOT_CREDITER &&
	    rt_crediters[best].source != RNGTRACE_SOURCE_TIMER)
		return rt_crediters[best].source;

	n = stack_trace_save(entries, ARRAY_SIZE(entries), 0);
	for (i = 0; i < n; i++) {
		u32 w = rt_crediter_of(entries[i]);

		if (w == RT_NOT_CREDITER)
			continue;
		if (rt_crediters[w].source != RNGTRACE_SOURCE_TIMER)
			return rt_crediters[w].source;
		best = w;
	}
	return best == RT_NOT_CREDITER ? RNGTRACE_SOURCE_UNKNOWN :
					 rt_crediters[best].source;
}

static int rt_credit_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct rt_credit_call *c = (void *)ri->data;
	unsigned long bits = regs_get_kernel_argument(regs, 0);

	atomic64_inc(&rt_credit_probe.hits);
	if (!bits || rng_is_initialized())
		return 1;	/* no return handler: nothing to record */

	c->bits = min_t(unsigned long, bits, RT_POOL_BITS);
	c->caller = regs_get_kernel_stack_nth(regs, 0);
	c->source = rt_classify(c->caller);
	return 0;
}

static int rt_credit_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct rt_credit_call *c = (void *)ri->data;
	struct rt_event ev;
	u32 credited;

	atomic64_add(c->bits, &rt_src_bits[c->source]);
	atomic64_inc(&rt_src_count[c->source]);
	credited = atomic_add_return(c->bits, &rt_credited);

	rt_event_init(&ev, RNGTRACE_EVENT_TYPE_CREDIT);
	ev.source = c->source;
	ev.bits = c->bits;
	ev.total_bits = credited;	/* pool_bits_at_load added when read */
	ev.caller = c->caller;
	if (c->source == RNGTRACE_SOURCE_IOCTL)
		rt_event_task(&ev, true);
	rt_ring_put(&ev);

	/* Concurrent credits may both see the flip; one READY only. */
	if (rng_is_initialized() && !atomic_xchg(&rt_ready_flag, 1)) {
		rt_ready_ns = ev.time_ns;
		rt_ready_mono_ns = ev.time_mono_ns;
		rt_ready_source = c->source;
		smp_wmb();	/* the times before the flag: rt_ready_seen() */
		ev.type = RNGTRACE_EVENT_TYPE_READY;
		rt_ring_put(&ev);
		rt_probes_maybe_disarm();
	}
	return 0;
}

struct rt_probe rt_credit_probe = {
	.symbol = "_credit_init_bits",
	.group = RT_GROUP_HOT,
	.is_ret = true,
	.krp = {
		.entry_handler = rt_credit_entry,
		.handler = rt_credit_ret,
		.data_size = sizeof(struct rt_credit_call),
		.maxactive = 32,
	},
};

void rt_credit_totals(struct rt_credit_total totals[RT_NR_SOURCES])
{
	unsigned int i;

	for (i = 0; i < RT_NR_SOURCES; i++) {
		totals[i].bits = atomic64_read(&rt_src_bits[i]);
		totals[i].count = atomic64_read(&rt_src_count[i]);
	}
}

u32 rt_credited_bits(void)
{
	return atomic_read(&rt_credited);
}

bool rt_ready_seen(u64 *time_ns, u64 *time_mono_ns, u32 *source)
{
	if (!atomic_read(&rt_ready_flag))
		return false;
	smp_rmb();	/* pairs with the smp_wmb() in rt_credit_ret() */
	*time_ns = rt_ready_ns;
	*time_mono_ns = rt_ready_mono_ns;
	*source = rt_ready_source;
	return true;
}

/* RESET forgets the per-source totals; the pool model stays. */
void rt_credit_reset(void)
{
	unsigned int i;

	for (i = 0; i < RT_NR_SOURCES; i++) {
		atomic64_set(&rt_src_bits[i], 0);
		atomic64_set(&rt_src_count[i], 0);
	}
}
