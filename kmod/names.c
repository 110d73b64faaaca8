// SPDX-License-Identifier: GPL-2.0
/*
 * What the handlers' raw facts mean, looked up in process context: the
 * credit source of a return address (by the crediting function's name)
 * and the path of a cgroup id.
 *
 * A cgroup can be gone by the time its event is read (a short-lived unit),
 * so the notification work notes every event's path while it still
 * exists; the last RT_CG_CACHE paths are kept. Paths are never cut
 * silently: one longer than PATH_MAX ends in "...".
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
#define RT_CG_CACHE	64

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

/* The live path of id into rt_cg_buf; false when the cgroup is gone. */
static bool rt_cgroup_resolve(u64 id)
{
	int ret;

	ret = rt_cgroup_path(id, rt_cg_buf, PATH_MAX);
	if (ret < 0)
		return false;
	if (ret >= PATH_MAX)
		strcpy(rt_cg_buf + PATH_MAX - 4, "...");
	return true;
}

static int rt_cg_find(u64 id)
{
	unsigned int i;

	for (i = 0; i < RT_CG_CACHE; i++)
		if (rt_cg[i].path && rt_cg[i].id == id)
			return i;
	return -1;
}

void rt_cgroup_note(const struct rt_event *ev)
{
	char *path;

	if (!ev->cgroup_id)
		return;
	mutex_lock(&rt_names_lock);
	if (rt_cg_find(ev->cgroup_id) < 0 && rt_cgroup_resolve(ev->cgroup_id)) {
		path = kstrdup(rt_cg_buf, GFP_KERNEL);
		if (path) {
			kfree(rt_cg[rt_cg_next].path);
			rt_cg[rt_cg_next].id = ev->cgroup_id;
			rt_cg[rt_cg_next].path = path;
			rt_cg_next = (rt_cg_next + 1) % RT_CG_CACHE;
		}
	}
	mutex_unlock(&rt_names_lock);
}

int rt_put_cgroup(struct sk_buff *skb, int attrtype, const struct rt_event *ev)
{
	const char *path = "";
	int i, ret;

	mutex_lock(&rt_names_lock);
	if (ev->cgroup_id) {
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

	for (i = 0; i < RT_CG_CACHE; i++)
		kfree(rt_cg[i].path);
	kfree(rt_cg_buf);
}
