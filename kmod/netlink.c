// SPDX-License-Identifier: GPL-2.0
/*
 * The "rngtrace" generic netlink family (Documentation/netlink/specs/):
 * STATUS_GET, WAITING_GET, PROBES_GET, HWRNG_GET, CONFIG_SET and RESET
 * here; the events dump and the multicast group in nl_events.c.
 *
 * What a user without CAP_NET_ADMIN gets is what /proc would tell them:
 * counts and times (STATUS_GET, bounded), which probes exist and their
 * state, the hwrngs. Who is blocked (WAITING_GET), the events, and the
 * probes' hit counts (every process's calls, as tracefs's kprobe_profile
 * counts them for root) are the administrator's.
 */

#include <linux/random.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat/genetlink.h"
#include "rngtrace.h"

/* CLOCK_BOOTTIME minus local_clock(), sampled around a boottime read. */
static s64 rt_printk_offset(void)
{
	u64 a, b, boot;

	a = local_clock();
	boot = ktime_get_boottime_ns();
	b = local_clock();
	return (s64)boot - (s64)(a + (b - a) / 2);
}

static int rt_put_credits(struct sk_buff *skb)
{
	struct rt_credit_total totals[RT_NR_SOURCES];
	struct nlattr *nest;
	unsigned int i;

	rt_credit_totals(totals);
	for (i = 0; i < RT_NR_SOURCES; i++) {
		if (!totals[i].count)
			continue;
		nest = nla_nest_start(skb, RNGTRACE_A_STATUS_CREDIT);
		if (!nest ||
		    nla_put_u32(skb, RNGTRACE_A_CREDIT_SOURCE, i) ||
		    nla_put_u64_64bit(skb, RNGTRACE_A_CREDIT_BITS,
				      totals[i].bits, RNGTRACE_A_CREDIT_PAD) ||
		    nla_put_u64_64bit(skb, RNGTRACE_A_CREDIT_COUNT,
				      totals[i].count, RNGTRACE_A_CREDIT_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int rt_put_u64(struct sk_buff *skb, int type, u64 v)
{
	return nla_put_u64_64bit(skb, type, v, RNGTRACE_A_STATUS_PAD);
}

static int rt_fill_status(struct sk_buff *skb)
{
	struct rt_ring_stats st;
	u64 ready_ns, ready_mono_ns;
	u32 ready_source, ready_evidence, shortfall;

	rt_ring_stats(&st);
	if (nla_put_string(skb, RNGTRACE_A_STATUS_VERSION, RNGTRACE_VERSION) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_CRNG_READY,
			rng_is_initialized()) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_READY_AT_LOAD,
			rt_load.crng_ready) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_LOAD_TIME_NS,
		       rt_load.boottime_ns) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS,
		       rt_load.mono_ns) ||
	    nla_put_s64(skb, RNGTRACE_A_STATUS_PRINTK_OFFSET_NS,
			rt_printk_offset(), RNGTRACE_A_STATUS_PAD) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_POOL_BITS_AT_LOAD,
			rt_load.pool_bits) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_CREDITED_BITS,
			rt_credited_bits()) ||
	    rt_put_credits(skb) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_WAITS, rt_waits_total()) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_WAITS_IN_FLIGHT,
			rt_waiting_count()) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_UNSEEDED_READS,
		       rt_unseeded_total()) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_RING_SIZE, st.size) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_EVENTS_WRITTEN, st.written) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_EVENTS_DROPPED, st.dropped) ||
	    rt_put_u64(skb, RNGTRACE_A_STATUS_WAITS_LOST, rt_waits_lost()) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_ARMED, rt_probes_armed()) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_KEEP_ARMED,
			rt_probes_keep_armed()))
		return -EMSGSIZE;

	if (rt_ready_seen(&ready_ns, &ready_mono_ns, &ready_source,
			  &ready_evidence) &&
	    (rt_put_u64(skb, RNGTRACE_A_STATUS_READY_TIME_NS, ready_ns) ||
	     rt_put_u64(skb, RNGTRACE_A_STATUS_READY_TIME_MONO_NS,
			ready_mono_ns) ||
	     nla_put_u32(skb, RNGTRACE_A_STATUS_READY_SOURCE, ready_source) ||
	     nla_put_u32(skb, RNGTRACE_A_STATUS_READY_EVIDENCE,
			 ready_evidence)))
		return -EMSGSIZE;
	if (rt_credit_shortfall(&shortfall) &&
	    nla_put_u32(skb, RNGTRACE_A_STATUS_CREDIT_SHORTFALL_BITS, shortfall))
		return -EMSGSIZE;
	return 0;
}

/*
 * Counts and times, never a task: a reply of a fixed set of attributes
 * (the credit nests are one per source at most), in one page.
 */
static int rt_status_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	ret = rt_genl_strict(info->nlhdr, info->extack, false);
	if (ret)
		return ret;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		NL_SET_ERR_MSG_MOD(info->extack, "out of memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &rt_family, 0,
				RNGTRACE_CMD_STATUS_GET);
	if (!hdr || rt_fill_status(msg)) {
		nlmsg_free(msg);
		NL_SET_ERR_MSG_MOD(info->extack,
				   "status does not fit in a message");
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* The start of a dump without attributes. */
static int rt_plain_dump_start(struct netlink_callback *cb)
{
	return rt_genl_strict(cb->nlh, cb->extack, false);
}

/*
 * Who is waiting: admins only (GENL_ADMIN_PERM), so with pid, comm and
 * cgroup. Every message has room for the largest event.
 */
static int rt_waiting_start(struct netlink_callback *cb)
{
	int ret;

	ret = rt_genl_strict(cb->nlh, cb->extack, false);
	if (ret)
		return ret;
	cb->min_dump_alloc = RT_EVENT_MSG_MAX;
	return 0;
}

/*
 * One call in flight per message, in slot order; cb->args[0] is the next
 * slot. A call keeps its slot while in flight, so one in flight for the
 * whole dump is sent once; one that begins or ends meanwhile may or may
 * not be.
 */
static int rt_waiting_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rt_event ev;
	unsigned int slot = cb->args[0];
	bool full = false;
	void *hdr;

	for (; rt_waiting_next(&slot, &ev); slot++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &rt_family, NLM_F_MULTI,
				  RNGTRACE_CMD_WAITING_GET);
		if (!hdr || rt_fill_event(skb, RNGTRACE_A_EVENTS_EVENT, &ev,
					  true)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			full = true;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = slot;
	/* Not even alone: never end the dump as if it were done. */
	if (full && !skb->len) {
		NL_SET_ERR_MSG_MOD(cb->extack,
				   "a wait does not fit in a dump message");
		return -EMSGSIZE;
	}
	return skb->len;
}

/* Hit counts only for a CAP_NET_ADMIN requester: cb->args[1]. */
static int rt_probes_start(struct netlink_callback *cb)
{
	int ret;

	ret = rt_genl_strict(cb->nlh, cb->extack, false);
	if (ret)
		return ret;
	cb->args[1] = netlink_capable(cb->skb, CAP_NET_ADMIN);
	return 0;
}

/*
 * One probe site per message (a function, or each clone of it); hits are
 * the probe's, over all its sites. cb->args[0] is the next site.
 */
static int rt_probes_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct rt_probe_site *s;
	const struct rt_probe *p;
	bool counts = cb->args[1];
	void *hdr;

	rt_probes_lock();
	for (; (s = rt_site_nth(cb->args[0], &p)); cb->args[0]++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &rt_family, NLM_F_MULTI,
				  RNGTRACE_CMD_PROBES_GET);
		if (!hdr)
			break;
		if (nla_put_string(skb, RNGTRACE_A_PROBE_SYMBOL, s->name) ||
		    nla_put_u32(skb, RNGTRACE_A_PROBE_METHOD,
				s->fprobe ? RNGTRACE_PROBE_METHOD_FPROBE :
				p->is_ret ? RNGTRACE_PROBE_METHOD_KRETPROBE :
					    RNGTRACE_PROBE_METHOD_KPROBE) ||
		    nla_put_u32(skb, RNGTRACE_A_PROBE_ATTACHED, s->attached) ||
		    (s->error &&
		     nla_put_s32(skb, RNGTRACE_A_PROBE_ERROR, s->error)) ||
		    nla_put_u32(skb, RNGTRACE_A_PROBE_ARMED, s->armed) ||
		    (counts &&
		     (nla_put_u64_64bit(skb, RNGTRACE_A_PROBE_HITS,
					atomic64_read(&p->hits),
					RNGTRACE_A_PROBE_PAD) ||
		      nla_put_u64_64bit(skb, RNGTRACE_A_PROBE_NMISSED,
					rt_site_nmissed(p, s),
					RNGTRACE_A_PROBE_PAD))) ||
		    (s->refused &&
		     nla_put_u32(skb, RNGTRACE_A_PROBE_REFUSED, 1))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rt_probes_unlock();
	return skb->len;
}

static int rt_fill_hwrng(struct sk_buff *skb, const struct rt_hwrng_info *h)
{
	if (nla_put_string(skb, RNGTRACE_A_HWRNG_NAME, h->name) ||
	    nla_put_u32(skb, RNGTRACE_A_HWRNG_QUALITY, h->quality) ||
	    nla_put_u32(skb, RNGTRACE_A_HWRNG_CURRENT, h->current_rng) ||
	    nla_put_u32(skb, RNGTRACE_A_HWRNG_BEFORE_LOAD, h->before_load) ||
	    (h->registered_ns &&
	     nla_put_u64_64bit(skb, RNGTRACE_A_HWRNG_REGISTERED_NS,
			       h->registered_ns, RNGTRACE_A_HWRNG_PAD)) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_HWRNG_FEEDS, h->feeds,
			      RNGTRACE_A_HWRNG_PAD) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_HWRNG_BYTES, h->bytes,
			      RNGTRACE_A_HWRNG_PAD) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_HWRNG_BITS, h->bits,
			      RNGTRACE_A_HWRNG_PAD))
		return -EMSGSIZE;
	return 0;
}

/* One hwrng per message; cb->args[0] is the next index. */
static int rt_hwrng_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rt_hwrng_info *all;
	unsigned int n;
	void *hdr;

	all = kmalloc_array(RT_MAX_HWRNG, sizeof(*all), GFP_KERNEL);
	if (!all) {
		NL_SET_ERR_MSG_MOD(cb->extack, "out of memory for the dump");
		return -ENOMEM;
	}
	n = rt_hwrng_copy(all, RT_MAX_HWRNG);
	for (; cb->args[0] < n; cb->args[0]++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &rt_family, NLM_F_MULTI,
				  RNGTRACE_CMD_HWRNG_GET);
		if (!hdr)
			break;
		if (rt_fill_hwrng(skb, &all[cb->args[0]])) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	kfree(all);
	return skb->len;
}

static int rt_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *keep = info->attrs[RNGTRACE_A_CONFIG_KEEP_ARMED];
	int ret;

	ret = rt_genl_strict(info->nlhdr, info->extack, true);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, RNGTRACE_A_CONFIG_KEEP_ARMED)) {
		NL_SET_ERR_MSG_MOD(info->extack, "nothing to set: KEEP_ARMED missing");
		return -EINVAL;
	}
	rt_probes_set_keep_armed(nla_get_u32(keep));
	return 0;
}

static int rt_reset_doit(struct sk_buff *skb, struct genl_info *info)
{
	int ret;

	ret = rt_genl_strict(info->nlhdr, info->extack, false);
	if (ret)
		return ret;
	rt_ring_reset();
	rt_credit_reset();
	rt_wait_reset();
	return 0;
}

static const struct nla_policy rt_events_get_policy[] = {
	[RNGTRACE_A_EVENTS_SINCE_SEQ] = { .type = NLA_U64 },
};

static const struct nla_policy rt_config_set_policy[] = {
	[RNGTRACE_A_CONFIG_KEEP_ARMED] = NLA_POLICY_MAX(NLA_U32, 1),
};

/*
 * Every operation is at or above resv_start_op, so the core validates
 * strictly: an operation without a policy rejects every attribute, and
 * unknown attributes, wrong types, out-of-range values and reserved
 * header bytes are errors with an extack message naming the attribute.
 * Cores without resv_start_op (5.10) parse no attributes for an operation
 * without a policy and ignore the reserved bytes: every doit and dump
 * start calls rt_genl_strict(), which checks both there.
 */
static const struct genl_ops rt_ops[] = {
	{
		.cmd	= RNGTRACE_CMD_STATUS_GET,
		.doit	= rt_status_get_doit,
	},
	{
		.cmd	= RNGTRACE_CMD_EVENTS_GET,
		.start	= rt_events_start,
		.dumpit	= rt_events_dumpit,
		.policy	= rt_events_get_policy,
		.maxattr = ARRAY_SIZE(rt_events_get_policy) - 1,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= RNGTRACE_CMD_PROBES_GET,
		.start	= rt_probes_start,
		.dumpit	= rt_probes_dumpit,
	},
	{
		.cmd	= RNGTRACE_CMD_HWRNG_GET,
		.start	= rt_plain_dump_start,
		.dumpit	= rt_hwrng_dumpit,
	},
	{
		.cmd	= RNGTRACE_CMD_CONFIG_SET,
		.doit	= rt_config_set_doit,
		.policy	= rt_config_set_policy,
		.maxattr = ARRAY_SIZE(rt_config_set_policy) - 1,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= RNGTRACE_CMD_RESET,
		.doit	= rt_reset_doit,
		.flags	= GENL_ADMIN_PERM,
	},
	{
		.cmd	= RNGTRACE_CMD_WAITING_GET,
		.start	= rt_waiting_start,
		.dumpit	= rt_waiting_dumpit,
		.flags	= GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group rt_mcgrps[] = {
	{
		.name	= RNGTRACE_MCGRP_EVENTS,
		RT_MCGRP_ADMIN_ONLY,
	},
};

struct genl_family rt_family __ro_after_init = {
	.name		= RNGTRACE_FAMILY_NAME,
	.version	= RNGTRACE_FAMILY_VERSION,
	.module		= THIS_MODULE,
	.ops		= rt_ops,
	.n_ops		= ARRAY_SIZE(rt_ops),
	.mcgrps		= rt_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(rt_mcgrps),
	RT_GENL_STRICT_FROM(RNGTRACE_CMD_STATUS_GET),
	.netnsok	= false,
	.parallel_ops	= true,
};

int __init rt_netlink_init(void)
{
	return genl_register_family(&rt_family);
}

void rt_netlink_exit(void)
{
	genl_unregister_family(&rt_family);
}
