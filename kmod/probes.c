// SPDX-License-Identifier: GPL-2.0
/*
 * The module's probes: registration by symbol on the function and every
 * GCC clone of it that keeps its arguments (name.part.N), their health for
 * PROBES_GET, and arming.
 *
 * Clones that change the argument layout (.constprop.N, .isra.N) are found
 * but refused: a handler would read the wrong registers. A probe that
 * cannot attach is recorded and the module stays loaded.
 *
 * Placed for what arming costs: a kprobe on a function's entry is on its
 * ftrace site, and arming or disarming it is an ftrace update over every
 * call site of the kernel. random.c's probes share two fprobes where the
 * kernel has them (one update each), their functions found by a walk of
 * the symbols around random.c (findsym.c); elsewhere, and for what the
 * walk did not meet, a kprobe registered disabled on each entry is what
 * finds the function.
 *
 * Once the CRNG is ready and no wait is in flight, getrandom() can no
 * longer block, so the syscall and credit probes (RT_GROUP_HOT) disarm
 * themselves unless keep_armed is set: steady-state cost is zero.
 * Handlers cannot disarm (that sleeps): they kick an irq_work, which
 * queues the work that does, disarm_delay_ms after the first kick, never
 * with a wait in flight (the last waiter's return kicks it again, for a
 * second later). Disarming patches kernel text (where
 * the probes are kprobes on ftrace sites, an ftrace update each: 6.1's
 * six take ~0.1 s of a boot under TCG), and doing it while the services
 * that waited for the CRNG start, or as the last waiter returns, would
 * delay the very tasks being measured; armed, a call costs a few hundred
 * nanoseconds more. The same work publishes READY, a second after the
 * first kick, if no probe hit did (credit.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irq_work.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "compat/fprobe.h"
#include "compat/irq_work.h"
#include "compat/kprobes.h"
#include "rngtrace.h"

static bool keep_armed;
module_param(keep_armed, bool, 0444);
MODULE_PARM_DESC(keep_armed,
		 "Keep the syscall and credit probes armed after the CRNG is ready (default: disarm)");

static unsigned int disarm_delay_ms = 5000;
module_param(disarm_delay_ms, uint, 0444);
MODULE_PARM_DESC(disarm_delay_ms,
		 "How long after the CRNG is ready the syscall and credit probes disarm, at least a second (default: 5000)");

/* Arming, keep_armed and the stopping state. */
static DEFINE_MUTEX(rt_probe_mutex);
static bool rt_hot_armed;
static bool rt_stopping;

static struct rt_probe *rt_all_probes[16];
static unsigned int rt_nr_probes;

static const struct {
	const char *fmt;
	unsigned int n;
	bool refuse;
} rt_clones[] = {
	{ "%s", 1, false },
	{ "%s.part.%u", 3, false },
	{ "%s.constprop.%u", 2, true },
	{ "%s.isra.%u", 2, true },
};

/*
 * The function's text from its symbol ("name+0x0/0x1a0"), for nesting,
 * and whether it is a module's ("name+0x0/0x1a0 [rng_core]").
 */
static void rt_site_bounds(struct rt_probe_site *s, unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned long off, size;
	char *p = NULL;

	sprint_symbol(sym, addr);
	s->in_module = !!strchr(sym, '[');
	p = strrchr(sym, '+');
	if (!p || sscanf(p, "+%lx/%lx", &off, &size) != 2)
		return;
	s->start = addr - off;
	s->end = s->start + size;
}

/*
 * The fprobes, where the kernel has them (compat/fprobe.h): random.c's
 * probes with fprobe handlers, each fprobe one ftrace update for all its
 * sites. Unpatched: the hot sites getrandom() and the reads pass through,
 * unregistered when disarmed. Flagged: those a flag turns off (the credit
 * path is not called once the CRNG is ready) or that stay armed.
 */
#define RT_MAX_FSITES	16

struct rt_fprobe_sites {
	struct rt_fprobe f;
	unsigned int n;
	unsigned long addr[RT_MAX_FSITES];
	struct rt_probe *probe[RT_MAX_FSITES];
	struct rt_probe_site *site[RT_MAX_FSITES];
	size_t data_size;
	unsigned int maxactive;
	bool registered;
};

static struct rt_fprobe_sites rt_fp_unpatched, rt_fp_flagged;

/* The site ip is in: ftrace's address of the function's call site. */
static int rt_fp_find(const struct rt_fprobe_sites *fs, unsigned long ip)
{
	unsigned int i;

	for (i = 0; i < fs->n; i++)
		if (ip == fs->addr[i] ||
		    (ip >= fs->site[i]->start && ip < fs->site[i]->end))
			return i;
	return -1;
}

static int rt_fp_entry(struct rt_fprobe *f, unsigned long ip,
		       struct pt_regs *regs, void *data)
{
	struct rt_fprobe_sites *fs = container_of(f, struct rt_fprobe_sites, f);
	int i = rt_fp_find(fs, ip);

	if (i < 0 || !READ_ONCE(fs->site[i]->armed))
		return 1;
	return fs->probe[i]->fentry(regs, data);
}

/* Whatever the flag says now: a call whose entry was seen is ended. */
static void rt_fp_exit(struct rt_fprobe *f, unsigned long ip,
		       unsigned long caller, struct pt_regs *regs, void *data)
{
	struct rt_fprobe_sites *fs = container_of(f, struct rt_fprobe_sites, f);
	int i = rt_fp_find(fs, ip);

	if (i >= 0 && fs->probe[i]->fexit)
		fs->probe[i]->fexit(regs, caller, data);
}

static struct rt_fprobe_sites *rt_fp_for(const struct rt_probe *p)
{
	if (!p->fentry || !rt_fprobe_supported() ||
	    (p->needs_caller && !rt_fprobe_caller_reliable()))
		return NULL;
	return p->idle_once_ready || p->group == RT_GROUP_ALWAYS ?
	       &rt_fp_flagged : &rt_fp_unpatched;
}

/* fs takes sites until it is registered. */
static bool rt_fp_open(const struct rt_fprobe_sites *fs)
{
	return fs && !fs->registered && fs->n < RT_MAX_FSITES;
}

static void rt_fp_put(struct rt_fprobe_sites *fs, struct rt_probe *p,
		      struct rt_probe_site *s)
{
	fs->addr[fs->n] = s->addr;
	fs->probe[fs->n] = p;
	fs->site[fs->n++] = s;
	fs->data_size = max(fs->data_size, p->data_size);
	fs->maxactive += max(p->maxactive, 4 * (int)num_possible_cpus());
	s->fprobe = true;
}

/*
 * s, registered disabled at an ftrace site, joins fs's next registration.
 * Not in a module: an fprobe keeps its addresses when the module goes.
 */
static bool rt_fp_add(struct rt_fprobe_sites *fs, struct rt_probe *p,
		      struct rt_probe_site *s)
{
	if (!rt_fp_open(fs) || s->in_module ||
	    !(s->krp.kp.flags & KPROBE_FLAG_FTRACE))
		return false;
	rt_fp_put(fs, p, s);
	return true;
}

static int rt_fp_register(struct rt_fprobe_sites *fs)
{
	int ret;

	fs->f.entry = rt_fp_entry;
	fs->f.exit = rt_fp_exit;
	ret = rt_fprobe_register(&fs->f, fs->addr, fs->n, fs->data_size,
				 fs->maxactive);
	fs->registered = !ret;
	return ret;
}

static void rt_site_kprobe_unregister(struct rt_probe *p,
				      struct rt_probe_site *s)
{
	if (!s->kprobe)
		return;
	if (p->is_ret)
		unregister_kretprobe(&s->krp);
	else
		unregister_kprobe(&s->krp.kp);
	s->kprobe = false;
}

/*
 * A site on an fprobe that the walk found (findsym.c): no kprobe needed to
 * learn where it is. A refused clone is only noted.
 */
static bool rt_site_found(struct rt_probe *p, struct rt_probe_site *s,
			  bool refuse, struct rt_fprobe_sites *fs)
{
	unsigned long start, size;

	if (!rt_fp_open(fs) || !rt_findsym(s->name, &start, &size))
		return false;
	if (refuse) {
		s->refused = true;
		pr_warn("%s: argument layout unknown, not probed\n", s->name);
		return true;
	}
	s->addr = start;
	s->start = start;
	s->end = start + size;
	s->attached = true;
	s->armed = true;
	rt_fp_put(fs, p, s);
	return true;
}

/*
 * A kprobe with a post handler is never optimized into a jump: the kprobe
 * optimizer holds kprobe_mutex and text_mutex across an RCU-tasks grace
 * period, and everything registered after it would wait (1.23 s of a
 * module load on 6.12).
 */
static void rt_no_post(struct kprobe *kp, struct pt_regs *regs,
		       unsigned long flags)
{
}

/*
 * Where s's kprobe goes: the function a walk met (findsym.c), by its
 * address; one in a module that symbol_get() found, by that; else by its
 * name, which the kernel looks up.
 */
static void rt_site_target(struct kprobe *kp, const struct rt_probe_site *s)
{
	unsigned long start, size;

	if (s->known_addr)
		kp->addr = (kprobe_opcode_t *)s->known_addr;
	else if (rt_findsym(s->name, &start, &size))
		kp->addr = (kprobe_opcode_t *)start;
	else
		kp->symbol_name = s->name;
}

/*
 * An entry-only probe past its function's ftrace site (compat/kprobes.h),
 * registered disabled; false where it cannot go there, and the caller
 * puts it on the entry.
 */
static bool rt_site_past_ftrace(struct rt_probe *p, struct rt_probe_site *s,
				bool refuse)
{
	struct kprobe *kp = &s->krp.kp;

	if (!RT_PAST_FTRACE_SITE || p->is_ret || p->reads_context || refuse)
		return false;
	memset(&s->krp, 0, sizeof(s->krp));
	rt_site_target(kp, s);
	kp->offset = RT_PAST_FTRACE_SITE;
	kp->pre_handler = p->pre_handler;
	kp->post_handler = rt_no_post;
	kp->flags = KPROBE_FLAG_DISABLED;
	s->kprobe = !register_kprobe(kp);
	return s->kprobe;
}

/*
 * s's kprobe (or kretprobe), registered disabled: a refused clone's only
 * to learn it exists; a site on an fprobe's only to learn where the
 * function is. That kprobe stays registered, disabled (it patches
 * nothing), until the site is unregistered: unregistering waits for an
 * RCU grace period, which module load need not.
 */
static int rt_site_kprobe(struct rt_probe *p, struct rt_probe_site *s)
{
	struct kprobe *kp = &s->krp.kp;
	int ret;

	memset(&s->krp, 0, sizeof(s->krp));
	rt_site_target(kp, s);
	if (p->is_ret) {
		s->krp.entry_handler = p->entry_handler;
		s->krp.handler = p->handler;
		s->krp.data_size = p->data_size;
		s->krp.maxactive = p->maxactive;
	} else {
		kp->pre_handler = p->pre_handler;
	}
	kp->flags = KPROBE_FLAG_DISABLED;
	ret = p->is_ret ? register_kretprobe(&s->krp) : register_kprobe(kp);
	s->kprobe = !ret;
	return ret;
}

/*
 * The sites gathered for fs go live at once; where the kernel takes no
 * fprobe, each site's kprobe is armed instead.
 */
static void rt_fp_commit(struct rt_fprobe_sites *fs)
{
	unsigned int i;
	int ret;

	if (!fs->n)
		return;
	ret = rt_fp_register(fs);
	if (!ret)
		return;
	if (ret != -EOPNOTSUPP)
		pr_info("no fprobe (%d), kprobes instead\n", ret);
	for (i = 0; i < fs->n; i++) {
		struct rt_probe_site *s = fs->site[i];

		s->fprobe = false;
		ret = s->kprobe ? 0 : rt_site_kprobe(fs->probe[i], s);
		if (ret) {
			s->attached = false;
			s->error = ret;
		} else {
			ret = fs->probe[i]->is_ret ?
			      enable_kretprobe(&s->krp) :
			      enable_kprobe(&s->krp.kp);
		}
		s->armed = !ret;
		if (ret)
			pr_warn("%s: cannot arm (%d)\n", s->name, ret);
	}
	fs->n = 0;
}

static int rt_site_register(struct rt_probe *p, struct rt_probe_site *s,
			    bool refuse, struct rt_fprobe_sites *fs)
{
	struct kprobe *kp = &s->krp.kp;
	int ret;

	if (rt_site_found(p, s, refuse, fs))
		return 0;
	if (p->in_random_c && rt_findsym_absent(s->name))
		return -ENOENT;
	if (!rt_fp_open(fs) && rt_site_past_ftrace(p, s, refuse))
		ret = 0;
	else
		ret = rt_site_kprobe(p, s);
	if (ret)
		return ret;
	s->addr = (unsigned long)kp->addr;
	rt_site_bounds(s, s->addr);
	if (refuse) {
		rt_site_kprobe_unregister(p, s);
		s->refused = true;
		pr_warn("%s: argument layout unknown, not probed\n", s->name);
		return 0;
	}
	s->attached = true;
	s->armed = true;
	if (rt_fp_add(fs, p, s))
		return 0;
	ret = p->is_ret ? enable_kretprobe(&s->krp) : enable_kprobe(kp);
	if (ret) {
		rt_site_kprobe_unregister(p, s);
		s->attached = false;
		s->armed = false;
	}
	return ret;
}

/*
 * An exported function (the hw_random core's, a module on 5.10) is where
 * symbol_get() finds it, or nowhere yet: no name to look up, and none of
 * its clones either. Returns 0, or -ENOENT.
 */
static int rt_site_register_exported(struct rt_probe *p,
				     struct rt_probe_site *s,
				     struct rt_fprobe_sites *fs)
{
	void *addr = __symbol_get(p->symbol);
	int ret;

	if (!addr)
		return -ENOENT;
	s->known_addr = (unsigned long)addr;
	ret = rt_site_register(p, s, false, fs);
	__symbol_put(p->symbol);
	return ret;
}

/*
 * Every clone of p that exists; the base name alone if none does.
 * fprobes: whether p may join one (module load, not a module's coming).
 */
static void rt_probe_register(struct rt_probe *p, bool quiet, bool fprobes)
{
	struct rt_fprobe_sites *fs = fprobes ? rt_fp_for(p) : NULL;
	struct rt_probe_site *s;
	unsigned int c, n;
	int ret, first_err = -ENOENT;

	for (c = 0; c < ARRAY_SIZE(rt_clones); c++) {
		for (n = 0; n < rt_clones[c].n && p->nsites < RT_MAX_SITES; n++) {
			s = &p->site[p->nsites];
			memset(s, 0, sizeof(*s));
			snprintf(s->name, sizeof(s->name), rt_clones[c].fmt,
				 p->symbol, n);
			if (p->exported && !c)
				ret = rt_site_register_exported(p, s, fs);
			else
				ret = rt_site_register(p, s, rt_clones[c].refuse, fs);
			if (!ret) {
				/* Found by name: random.c's other part. */
				if (p->in_random_c && !c)
					rt_findsym_around(s->start);
				p->nsites++;
				continue;
			}
			if (p->exported && !c && ret == -ENOENT)
				goto none;
			/*
			 * Exists but cannot be probed: report it. -EINVAL for
			 * a clone's name means no such clone; for the function
			 * itself, a place kprobes refuse (riscv64 without
			 * KPROBES_ON_FTRACE: every function entry).
			 */
			if (ret != -ENOENT && (ret != -EINVAL || !c)) {
				s->error = ret;
				p->nsites++;
				first_err = ret;
			}
			break;	/* .part.1 is not looked for without .part.0 */
		}
	}
none:
	if (p->nsites)
		return;
	s = &p->site[p->nsites++];
	snprintf(s->name, sizeof(s->name), "%s", p->symbol);
	s->error = first_err;
	if (!quiet)
		pr_warn("cannot probe %s (%d); what it observes is not reported\n",
			p->symbol, first_err);
}

/*
 * Every attached site of the @n probes, their kretprobes and kprobes each
 * in one call: one RCU grace period for all of them, where one each made
 * every unload wait for a dozen (seconds of a reload under emulation).
 * The arrays are static: callers hold rt_probe_mutex (a module going), or
 * come after rt_stopping, which the module notifier checks under it.
 */
static void rt_probes_unregister(struct rt_probe *const *ps, unsigned int n)
{
	static struct kretprobe *krps[ARRAY_SIZE(rt_all_probes) * RT_MAX_SITES];
	static struct kprobe *kps[ARRAY_SIZE(rt_all_probes) * RT_MAX_SITES];
	unsigned int i, j, nkrp = 0, nkp = 0;

	for (i = 0; i < n; i++) {
		struct rt_probe *p = ps[i];

		for (j = 0; j < p->nsites; j++) {
			struct rt_probe_site *s = &p->site[j];

			if (!s->attached)
				continue;
			if (s->kprobe && p->is_ret)
				krps[nkrp++] = &s->krp;
			else if (s->kprobe)
				kps[nkp++] = &s->krp.kp;
			s->kprobe = false;
			s->attached = false;
			s->armed = false;
		}
	}
	if (nkrp)
		unregister_kretprobes(krps, nkrp);
	if (nkp)
		unregister_kprobes(kps, nkp);
}

static void rt_probe_unregister(struct rt_probe *p)
{
	rt_probes_unregister(&p, 1);
}

/* An fprobe counts its misses for all its sites: each says the total. */
u64 rt_site_nmissed(const struct rt_probe *p, const struct rt_probe_site *s)
{
	if (s->fprobe)
		return rt_fprobe_nmissed(rt_fp_for(p) == &rt_fp_flagged ?
					 &rt_fp_flagged.f : &rt_fp_unpatched.f);
	return s->krp.kp.nmissed + (p->is_ret ? s->krp.nmissed : 0);
}

bool rt_probe_nested(const struct rt_probe *p, unsigned long addr)
{
	unsigned int i;

	for (i = 0; i < p->nsites; i++)
		if (p->site[i].attached && addr >= p->site[i].start &&
		    addr < p->site[i].end)
			return true;
	return false;
}

static void rt_probe_set_armed(struct rt_probe *p, bool arm)
{
	unsigned int i;
	int ret;

	for (i = 0; i < p->nsites; i++) {
		struct rt_probe_site *s = &p->site[i];

		if (!s->attached || s->armed == arm)
			continue;
		ret = 0;
		if (s->fprobe)
			WRITE_ONCE(s->armed, arm);	/* and rt_fp_set_armed() */
		else if (p->is_ret)
			ret = arm ? enable_kretprobe(&s->krp) :
				    disable_kretprobe(&s->krp);
		else
			ret = arm ? enable_kprobe(&s->krp.kp) :
				    disable_kprobe(&s->krp.kp);
		if (!ret)
			s->armed = arm;
	}
}

/*
 * Probes on a module's symbols: the hw_random core is a module of its own
 * on some kernels (5.10's rng-core), often loaded after rngtrace. A probe
 * none of whose sites is attached is tried again whenever a module has
 * come up (its init has run; nothing of it has been called by another
 * module yet), and the sites in a module that goes are unregistered and
 * reported missing again.
 */
static bool rt_probe_attached(const struct rt_probe *p)
{
	unsigned int i;

	for (i = 0; i < p->nsites; i++)
		if (p->site[i].attached || p->site[i].refused)
			return true;
	return false;
}

static void rt_probe_module_going(struct rt_probe *p, struct module *mod)
{
	bool gone = false;
	unsigned int i;

	for (i = 0; i < p->nsites; i++) {
		struct rt_probe_site *s = &p->site[i];

		if (s->attached && within_module(s->addr, mod))
			gone = true;
	}
	if (!gone)
		return;
	rt_probe_unregister(p);
	p->nsites = 1;
	memset(&p->site[0], 0, sizeof(p->site[0]));
	snprintf(p->site[0].name, sizeof(p->site[0].name), "%s", p->symbol);
	p->site[0].error = -ENOENT;
}

static int rt_module_notify(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	struct module *mod = data;
	unsigned int i;

	/* Our own coming brings nothing init did not try already. */
	if ((action != MODULE_STATE_LIVE && action != MODULE_STATE_GOING) ||
	    mod == THIS_MODULE)
		return NOTIFY_DONE;
	mutex_lock(&rt_probe_mutex);
	for (i = 0; !rt_stopping && i < rt_nr_probes; i++) {
		struct rt_probe *p = rt_all_probes[i];

		if (action == MODULE_STATE_GOING) {
			rt_probe_module_going(p, mod);
			continue;
		}
		/* random.c is never a module: no lookup to repeat. */
		if (rt_probe_attached(p) || p->in_random_c)
			continue;
		p->nsites = 0;
		rt_probe_register(p, true, false);
		if (!rt_probe_attached(p))
			continue;
		pr_info("%s probed in module %s\n", p->symbol, mod->name);
		if (p->group == RT_GROUP_HOT && !rt_hot_armed)
			rt_probe_set_armed(p, false);
	}
	mutex_unlock(&rt_probe_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block rt_module_nb = {
	.notifier_call = rt_module_notify,
};

/* PROBES_GET reads the sites under the lock the notifier changes them in. */
void rt_probes_lock(void)
{
	mutex_lock(&rt_probe_mutex);
}

void rt_probes_unlock(void)
{
	mutex_unlock(&rt_probe_mutex);
}

/*
 * The unpatched fprobe comes and goes as a whole: registering it is one
 * ftrace update for all its sites, and so is unregistering it.
 */
static void rt_fp_set_armed(struct rt_fprobe_sites *fs, bool arm)
{
	unsigned int i;
	int ret;

	if (!fs->n || fs->registered == arm)
		return;
	if (!arm) {
		rt_fprobe_unregister(&fs->f);
		fs->registered = false;
		return;
	}
	ret = rt_fp_register(fs);
	if (!ret)
		return;
	pr_warn("cannot arm the syscall and read probes again (%d)\n", ret);
	for (i = 0; i < fs->n; i++)
		WRITE_ONCE(fs->site[i]->armed, false);
}

static void rt_hot_set_armed(bool arm)
{
	unsigned int i;

	lockdep_assert_held(&rt_probe_mutex);
	/* STATUS says disarmed from the start of it, armed from its end. */
	if (!arm)
		WRITE_ONCE(rt_hot_armed, false);
	for (i = 0; i < rt_nr_probes; i++)
		if (rt_all_probes[i]->group == RT_GROUP_HOT)
			rt_probe_set_armed(rt_all_probes[i], arm);
	rt_fp_set_armed(&rt_fp_unpatched, arm);
	if (arm)
		WRITE_ONCE(rt_hot_armed, true);
}

/* When the first handler that saw the CRNG ready kicked the work. */
static unsigned long rt_ready_jiffies;
static bool rt_ready_kicked;

static void rt_disarm_workfn(struct work_struct *work);
static DECLARE_DELAYED_WORK(rt_disarm_work, rt_disarm_workfn);

/* Disarm disarm_delay_ms after ready; with a wait in flight, once it ends. */
static void rt_disarm_workfn(struct work_struct *work)
{
	unsigned long due;

	rt_ready_settle();
	mutex_lock(&rt_probe_mutex);
	if (rt_stopping || !rt_hot_armed || keep_armed ||
	    !rng_is_initialized() || rt_waiting_count())
		goto out;
	due = READ_ONCE(rt_ready_jiffies) + msecs_to_jiffies(disarm_delay_ms);
	if (time_before(jiffies, due))
		schedule_delayed_work(&rt_disarm_work, due - jiffies);
	else
		rt_hot_set_armed(false);
out:
	mutex_unlock(&rt_probe_mutex);
}

static void rt_disarm_irq_work(struct irq_work *iw)
{
	/* CONFIG_SET's keep-armed off kicks it whatever the CRNG's state. */
	if (!rt_ready_kicked && rng_is_initialized()) {
		WRITE_ONCE(rt_ready_jiffies, jiffies);
		rt_ready_kicked = true;
	}
	schedule_delayed_work(&rt_disarm_work, HZ);
}

/* Lazy, for the reason given at rt_notify_iw (nl_events.c). */
static struct irq_work rt_disarm_iw = IRQ_WORK_INIT_LAZY(rt_disarm_irq_work);

/*
 * From any context, probe handlers included: every handler that sees the
 * CRNG ready calls this. Nothing is queued once exit has begun.
 */
void rt_probes_maybe_disarm(void)
{
	if (READ_ONCE(rt_stopping))
		return;
	/* Kept armed and READY out: nothing for the work to do. */
	if (READ_ONCE(keep_armed) && rt_ready_published())
		return;
	irq_work_queue(&rt_disarm_iw);
}

void rt_probes_set_keep_armed(bool keep)
{
	mutex_lock(&rt_probe_mutex);
	if (rt_stopping) {
		mutex_unlock(&rt_probe_mutex);
		return;
	}
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

const struct rt_probe_site *
rt_site_nth(unsigned int i, const struct rt_probe **pp)
{
	unsigned int n;

	for (n = 0; n < rt_nr_probes; n++) {
		if (i < rt_all_probes[n]->nsites) {
			*pp = rt_all_probes[n];
			return &rt_all_probes[n]->site[i];
		}
		i -= rt_all_probes[n]->nsites;
	}
	return NULL;
}

static void rt_probes_add(struct rt_probe *p, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n && rt_nr_probes < ARRAY_SIZE(rt_all_probes); i++)
		rt_all_probes[rt_nr_probes++] = &p[i];
}

/* The fprobes first: their sites' kprobes are what found the functions. */
static void rt_probes_unregister_all(void)
{
	rt_fp_set_armed(&rt_fp_unpatched, false);
	if (rt_fp_flagged.registered)
		rt_fprobe_unregister(&rt_fp_flagged.f);
	rt_fp_flagged.registered = false;
	rt_probes_unregister(rt_all_probes, rt_nr_probes);
}

/*
 * What exit undoes, in its order; a failed init undoes the same way.
 * Stop first, so handlers still running queue nothing; once the probes
 * are unregistered no handler runs, and what was queued before is
 * flushed.
 */
static void rt_probes_teardown(void)
{
	mutex_lock(&rt_probe_mutex);
	WRITE_ONCE(rt_stopping, true);
	mutex_unlock(&rt_probe_mutex);
	rt_probes_unregister_all();
	irq_work_sync(&rt_disarm_iw);
	cancel_delayed_work_sync(&rt_disarm_work);
}

/*
 * Register everything; failures are recorded per probe, never fatal. The
 * credit probe goes first: the loader read entropy_avail just before, and
 * every credit from here on is counted.
 *
 * The refusals: a kernel without _credit_init_bits (nor a clone of it)
 * has a random.c from before the 2022 rewrite (5.18, backported to 5.10.y
 * and 5.15.y), whose credits, waits and readiness work otherwise; and a
 * kernel that takes no kprobe on the credit path's entry (Debian's
 * riscv64 6.12: ftrace's nops there, no KPROBES_ON_FTRACE) cannot be
 * traced at all. Either would be traced by half, so the module does not
 * load. That is known once the credit path's probes are registered, and
 * before the syscall and read probes, which a getrandom() storm would
 * hit, are: a refusal arms none of them, and tears down what it did
 * register as exit does.
 */
int rt_probes_init(void)
{
	const char *names[ARRAY_SIZE(rt_all_probes)];
	unsigned int i;

	rt_probes_add(&rt_credit_probe, 1);
	rt_probes_add(rt_ready_probes, rt_nr_ready_probes);
	rt_probes_add(rt_wait_probes, rt_nr_wait_probes);
	rt_probes_add(rt_hwrng_probes, rt_nr_hwrng_probes);
	WARN_ON(rt_nr_probes != 1 + rt_nr_ready_probes + rt_nr_wait_probes +
				rt_nr_hwrng_probes);

	for (i = 0; i < rt_nr_probes; i++)
		names[i] = rt_all_probes[i]->symbol;
	rt_findsym_init(names, rt_nr_probes);

	mutex_lock(&rt_probe_mutex);
	rt_hot_armed = true;
	/* The credit path live first (with what shares its fprobe)... */
	for (i = 0; i < rt_nr_probes; i++)
		if (rt_all_probes[i]->group == RT_GROUP_ALWAYS ||
		    rt_all_probes[i]->idle_once_ready)
			rt_probe_register(rt_all_probes[i], false, true);
	rt_fp_commit(&rt_fp_flagged);
	/* ... and the rest only on a kernel the module can trace. */
	if (rt_probe_attached(&rt_credit_probe)) {
		for (i = 0; i < rt_nr_probes; i++)
			if (!rt_all_probes[i]->nsites)
				rt_probe_register(rt_all_probes[i], false, true);
		rt_fp_commit(&rt_fp_unpatched);
	}
	mutex_unlock(&rt_probe_mutex);
	rt_findsym_exit();

	if (!rt_probe_attached(&rt_credit_probe)) {
		int err = rt_credit_probe.site[0].error;

		if (err == -ENOENT)
			pr_err("this kernel's random.c predates the 2022 rewrite (no %s): not supported\n",
			       rt_credit_probe.symbol);
		else
			pr_err("%s cannot be probed (%d): this kernel takes no kprobe at a function's entry (built without KPROBES_ON_FTRACE?): not supported\n",
			       rt_credit_probe.symbol, err);
		rt_probes_teardown();
		return -EOPNOTSUPP;
	}
	register_module_notifier(&rt_module_nb);

	if (rng_is_initialized())
		rt_probes_maybe_disarm();
	return 0;
}

/* Netlink is gone (main.c): no CONFIG_SET can re-arm or queue anything. */
void rt_probes_exit(void)
{
	unregister_module_notifier(&rt_module_nb);
	rt_probes_teardown();
}
