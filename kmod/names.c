// SPDX-License-Identifier: GPL-2.0
/*
 * What the handlers' raw facts mean, looked up in process context: the
 * credit source of a return address (by the crediting function's name)
 * and the path of a cgroup id.
 *
 * A cgroup can be gone by the time its event is read: a short-lived unit
 * reads and exits, and systemd removes its cgroup as soon as it is empty,
 * often before the deferred work runs (9 of 16 such units lost their name
 * on 6.1). So a handler that sees a cgroup not named yet pins it
 * (rt_cgroup_pin(): a reference, an atomic increment; a free slot taken
 * with cmpxchg, no lock), and process context names it, removed or not,
 * and lets it go (rt_cgroup_drain()). The last RT_CG_CACHE paths are
 * kept. Paths are never cut silently: one longer than PATH_MAX ends in
 * "...".
 */

#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/kallsyms.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>

#include "compat/cgroup.h"
#include "rngtrace.h"

#define RT_SRC_CACHE	64
#define RT_CG_CACHE	128
#define RT_CG_PINS	32

/*
 * The functions that credit, by source. add_timer_randomness() serves
 * input and disk both; a credit it makes is reported as timer.
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
	/*
	 * A timer function that tail-calls the credit returns to the timer
	 * core: random.c's only crediting timer is entropy_timer (5.10's
	 * backport compiles it so).
	 */
	{ "call_timer_fn", RNGTRACE_SOURCE_JITTER },
};

static DEFINE_MUTEX(rt_names_lock);

static struct {
	unsigned long addr;
	u32 source;
} rt_src[RT_SRC_CACHE];
static unsigned int rt_nsrc;

static struct {
	u64 id;
	char *path;
} rt_cg[RT_CG_CACHE];
static unsigned int rt_cg_next;
static char *rt_cg_buf;		/* PATH_MAX, under rt_names_lock */
/* rt_cg[].id, for handlers to read without the lock. */
static u64 rt_cg_ids[RT_CG_CACHE];

/*
 * Cgroups a handler pinned until they are named: the id claims a slot
 * (cmpxchg from 0), the pointer follows (release); only the drain, under
 * rt_names_lock, frees a slot again.
 */
static u64 rt_pin_id[RT_CG_PINS];
static struct cgroup *rt_pin_cg[RT_CG_PINS];

static u32 rt_source_lookup(unsigned long caller)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i;
	size_t len;

	sprint_symbol_no_offset(sym, caller);
	for (i = 0; i < ARRAY_SIZE(rt_crediters); i++) {
		len = strlen(rt_crediters[i].name);
		if (!strncmp(sym, rt_crediters[i].name, len) &&
		    (sym[len] == '\0' || sym[len] == '.' || sym[len] == ' '))
			return rt_crediters[i].source;
	}
	return RNGTRACE_SOURCE_UNKNOWN;
}

u32 rt_source_of(unsigned long caller)
{
	unsigned int i;
	u32 src;

	if (!caller)
		return RNGTRACE_SOURCE_UNKNOWN;
	mutex_lock(&rt_names_lock);
	for (i = 0; i < rt_nsrc; i++) {
		if (rt_src[i].addr == caller) {
			src = rt_src[i].source;
			goto out;
		}
	}
	src = rt_source_lookup(caller);
	if (rt_nsrc < RT_SRC_CACHE) {
		rt_src[rt_nsrc].addr = caller;
		rt_src[rt_nsrc++].source = src;
	}
out:
	mutex_unlock(&rt_names_lock);
	return src;
}

/* A path's length into rt_cg_buf: false when there is none. */
static bool rt_cgroup_took(int ret)
{
	if (ret < 0)
		return false;
	if (ret >= PATH_MAX)
		strscpy(rt_cg_buf + PATH_MAX - 4, "...", 4);
	return true;
}

/* The live path of id into rt_cg_buf; false when the cgroup is gone. */
static bool rt_cgroup_resolve(u64 id)
{
	return rt_cgroup_took(rt_cgroup_path(id, rt_cg_buf, PATH_MAX));
}

static int rt_cg_find(u64 id)
{
	unsigned int i;

	for (i = 0; i < RT_CG_CACHE; i++)
		if (rt_cg[i].path && rt_cg[i].id == id)
			return i;
	return -1;
}

/* rt_cg_buf is id's path: keep it, in place of the oldest. */
static void rt_cg_store(u64 id)
{
	char *path = kstrdup(rt_cg_buf, GFP_KERNEL);

	if (!path)
		return;
	kfree(rt_cg[rt_cg_next].path);
	rt_cg[rt_cg_next].id = id;
	rt_cg[rt_cg_next].path = path;
	WRITE_ONCE(rt_cg_ids[rt_cg_next], id);
	rt_cg_next = (rt_cg_next + 1) % RT_CG_CACHE;
}

/*
 * From a probe handler, any context: cgrp (current's, under RCU, so alive)
 * is kept until it is named, unless it is named or pinned already. No
 * free slot: it is named later by its id, if it still exists then.
 */
void rt_cgroup_pin(struct cgroup *cgrp, u64 id)
{
	unsigned int i;

	if (!rt_cgroup_can_name() || !id)
		return;
	for (i = 0; i < RT_CG_CACHE; i++)
		if (READ_ONCE(rt_cg_ids[i]) == id)
			return;
	for (i = 0; i < RT_CG_PINS; i++)
		if (READ_ONCE(rt_pin_id[i]) == id)
			return;
	for (i = 0; i < RT_CG_PINS; i++) {
		if (READ_ONCE(rt_pin_id[i]) || cmpxchg(&rt_pin_id[i], 0, id))
			continue;
		cgroup_get(cgrp);
		/* The reference before the drain may see the pointer. */
		smp_store_release(&rt_pin_cg[i], cgrp);
		return;
	}
}

/* Name what handlers pinned, and let it go. Under rt_names_lock. */
static void rt_cgroup_drain(void)
{
	struct cgroup *cgrp;
	unsigned int i;
	u64 id;

	for (i = 0; i < RT_CG_PINS; i++) {
		/* Pairs with rt_cgroup_pin(): the reference is taken. */
		cgrp = smp_load_acquire(&rt_pin_cg[i]);
		if (!cgrp)
			continue;
		id = READ_ONCE(rt_pin_id[i]);
		if (rt_cg_find(id) < 0 &&
		    rt_cgroup_took(cgroup_path(cgrp, rt_cg_buf, PATH_MAX)))
			rt_cg_store(id);
		WRITE_ONCE(rt_pin_cg[i], NULL);
		/* The slot is empty before a handler may claim it again. */
		smp_store_release(&rt_pin_id[i], 0);
		cgroup_put(cgrp);
	}
}

void rt_cgroup_note(const struct rt_event *ev)
{
	if (!ev->cgroup_id)
		return;
	mutex_lock(&rt_names_lock);
	rt_cgroup_drain();
	if (rt_cg_find(ev->cgroup_id) < 0 && rt_cgroup_resolve(ev->cgroup_id))
		rt_cg_store(ev->cgroup_id);
	mutex_unlock(&rt_names_lock);
}

int rt_put_cgroup(struct sk_buff *skb, int attrtype, const struct rt_event *ev)
{
	const char *path = "";
	int i, ret;

	mutex_lock(&rt_names_lock);
	if (ev->cgroup_id) {
		rt_cgroup_drain();
		i = rt_cg_find(ev->cgroup_id);
		if (i >= 0)
			path = rt_cg[i].path;
		else if (rt_cgroup_resolve(ev->cgroup_id))
			path = rt_cg_buf;
	}
	ret = nla_put_string(skb, attrtype, path);
	mutex_unlock(&rt_names_lock);
	return ret;
}

int rt_names_init(void)
{
	rt_cg_buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!rt_cg_buf)
		return -ENOMEM;
	return rt_cgroup_compat_init();
}

void rt_names_exit(void)
{
	unsigned int i;

	/* No handler runs any more: what they pinned is let go. */
	mutex_lock(&rt_names_lock);
	rt_cgroup_drain();
	mutex_unlock(&rt_names_lock);
	for (i = 0; i < RT_CG_CACHE; i++)
		kfree(rt_cg[i].path);
	kfree(rt_cg_buf);
}
