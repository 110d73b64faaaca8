// SPDX-License-Identifier: GPL-2.0
/*
 * The module's probes: registration by symbol (trying the suffixes GCC
 * gives split or specialized copies: .part.0, .constprop.0, .isra.0),
 * their health for PROBES_GET, and arming.
 *
 * A probe that cannot attach is recorded and the module stays loaded.
 * Once the CRNG is ready and no wait is in flight, getrandom() can no
 * longer block, so the syscall and credit probes (RT_GROUP_HOT) disarm
 * themselves unless keep_armed is set: steady-state cost is zero.
 * Handlers cannot disarm (that sleeps): they kick an irq_work, which
 * queues the work that does, a second later: disarming patches kernel
 * text, and doing it the moment the last waiter returns would preempt
 * that waiter on its way back to userspace, the very task being measured.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/workqueue.h>

#include "rngtrace.h"

static bool keep_armed;
module_param(keep_armed, bool, 0444);
MODULE_PARM_DESC(keep_armed,
		 "Keep the syscall and credit probes armed after the CRNG is ready (default: disarm)");

static DEFINE_MUTEX(rt_probe_mutex);	/* arming and keep_armed */
static bool rt_hot_armed;

static struct rt_probe *rt_all_probes[16];
static unsigned int rt_nr_probes;

static const char * const rt_suffixes[] = {
	"", ".part.0", ".constprop.0", ".isra.0",
};

int rt_probe_register(struct rt_probe *p)
{
	struct kprobe *kp = &p->krp.kp;
	unsigned int i;
	int ret = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(rt_suffixes); i++) {
		snprintf(p->attached_as, sizeof(p->attached_as), "%s%s",
			 p->symbol, rt_suffixes[i]);
		kp->symbol_name = p->attached_as;
		kp->addr = NULL;
		kp->flags = 0;
		ret = p->is_ret ? register_kretprobe(&p->krp) :
				  register_kprobe(kp);
		if (ret != -ENOENT && ret != -EINVAL)
			break;
	}
	if (ret) {
		snprintf(p->attached_as, sizeof(p->attached_as), "%s",
			 p->symbol);
		p->error = ret;
		pr_warn("cannot probe %s (%d); what it observes is not reported\n",
			p->symbol, ret);
		return ret;
	}
	p->attached = true;
	p->armed = true;
	return 0;
}

void rt_probe_unregister(struct rt_probe *p)
{
	if (!p->attached)
		return;
	if (p->is_ret)
		unregister_kretprobe(&p->krp);
	else
		unregister_kprobe(&p->krp.kp);
	p->attached = false;
	p->armed = false;
}

u64 rt_probe_nmissed(const struct rt_probe *p)
{
	return p->krp.kp.nmissed + (p->is_ret ? p->krp.nmissed : 0);
}

static void rt_probe_set_armed(struct rt_probe *p, bool arm)
{
	int ret;

	if (!p->attached || p->armed == arm)
		return;
	if (p->is_ret)
		ret = arm ? enable_kretprobe(&p->krp) :
			    disable_kretprobe(&p->krp);
	else
		ret = arm ? enable_kprobe(&p->krp.kp) :
			    disable_kprobe(&p->krp.kp);
	if (!ret)
		p->armed = arm;
}

static void rt_hot_set_armed(bool arm)
{
	unsigned int i;

	lockdep_assert_held(&rt_probe_mutex);
	for (i = 0; i < rt_nr_probes; i++)
		if (rt_all_probes[i]->group == RT_GROUP_HOT)
			rt_probe_set_armed(rt_all_probes[i], arm);
	rt_hot_armed = arm;
}

static void rt_disarm_workfn(struct work_struct *work)
{
	mutex_lock(&rt_probe_mutex);
	if (rt_hot_armed && !keep_armed && rng_is_initialized() &&
	    !rt_waiting_count())
		rt_hot_set_armed(false);
	mutex_unlock(&rt_probe_mutex);
}

static DECLARE_DELAYED_WORK(rt_disarm_work, rt_disarm_workfn);

static void rt_disarm_irq_work(struct irq_work *iw)
{
	schedule_delayed_work(&rt_disarm_work, HZ);
}

/* Lazy, for the reason given at rt_notify_iw (nl_events.c). */
static struct irq_work rt_disarm_iw = IRQ_WORK_INIT_LAZY(rt_disarm_irq_work);

/* From any context, probe handlers included. */
void rt_probes_maybe_disarm(void)
{
	if (READ_ONCE(rt_hot_armed) && !READ_ONCE(keep_armed))
		irq_work_queue(&rt_disarm_iw);
}

void rt_probes_set_keep_armed(bool keep)
{
	mutex_lock(&rt_probe_mutex);
	WRITE_ONCE(keep_armed, keep);
	if (keep)
		rt_hot_set_armed(true);
	mutex_unlock(&rt_probe_mutex);
	if (!keep)
		rt_probes_maybe_disarm();
}

bool rt_probes_armed(void)
{
	return READ_ONCE(rt_hot_armed);
}

bool rt_probes_keep_armed(void)
{
	return READ_ONCE(keep_armed);
}

const struct rt_probe *rt_probe_nth(unsigned int i)
{
	return i < rt_nr_probes ? rt_all_probes[i] : NULL;
}

static void rt_probes_add(struct rt_probe *p, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n && rt_nr_probes < ARRAY_SIZE(rt_all_probes); i++)
		rt_all_probes[rt_nr_probes++] = &p[i];
}

/*
 * Register everything; failures are recorded per probe, never fatal. The
 * credit probe goes first, so that the pool count read at load (main.c)
 * can subtract what it saw while the rest attached.
 */
int rt_probes_init(void)
{
	unsigned int i;

	rt_probes_add(&rt_credit_probe, 1);
	rt_probes_add(rt_wait_probes, rt_nr_wait_probes);
	rt_probes_add(rt_hwrng_probes, rt_nr_hwrng_probes);
	WARN_ON(rt_nr_probes != 1 + rt_nr_wait_probes + rt_nr_hwrng_probes);

	mutex_lock(&rt_probe_mutex);
	rt_hot_armed = true;
	for (i = 0; i < rt_nr_probes; i++)
		rt_probe_register(rt_all_probes[i]);
	mutex_unlock(&rt_probe_mutex);

	rt_probes_maybe_disarm();
	return 0;
}

void rt_probes_exit(void)
{
	unsigned int i;

	for (i = 0; i < rt_nr_probes; i++)
		rt_probe_unregister(rt_all_probes[i]);
	irq_work_sync(&rt_disarm_iw);
	cancel_delayed_work_sync(&rt_disarm_work);
}
