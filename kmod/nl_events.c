// SPDX-License-Identifier: GPL-2.0
/*
 * Events on the wire: the EVENTS_GET dump and the "events" multicast
 * group. Both carry events as RNGTRACE_A_EVENTS_EVENT nests, and both read
 * the ring by sequence number, so a follower that joins the group and then
 * dumps sees every event the ring held, once (it drops notifications whose
 * seq it already has).
 *
 * Probe handlers cannot build skbs: rt_ring_put() kicks a lazy irq_work
 * (at most a tick later), which queues the work that multicasts, in
 * order and as many to a message as fit, what was recorded since.
 */

#include <linux/irq_work.h>
#include <linux/kallsyms.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "compat/genetlink.h"
#include "compat/irq_work.h"
#include "rngtrace.h"

/* Who: every reader of events and waits is an admin (GENL_ADMIN_PERM). */
static int rt_put_task(struct sk_buff *skb, const struct rt_event *ev)
{
	if (nla_put_u32(skb, RNGTRACE_A_EVENT_PID, ev->pid) ||
	    nla_put_u32(skb, RNGTRACE_A_EVENT_TGID, ev->tgid) ||
	    nla_put_string(skb, RNGTRACE_A_EVENT_COMM, ev->comm) ||
	    rt_put_cgroup(skb, RNGTRACE_A_EVENT_CGROUP, ev))
		return -EMSGSIZE;
	return 0;
}

static int rt_put_credit(struct sk_buff *skb, const struct rt_event *ev)
{
	char sym[KSYM_SYMBOL_LEN] = "";
	u32 total = min_t(u32, rt_load.pool_bits + ev->total_bits,
			  RNGTRACE_READY_BITS);
	u32 source = rt_source_of(ev->caller);

	if (ev->caller)
		sprint_symbol_no_offset(sym, ev->caller);
	if (nla_put_u32(skb, RNGTRACE_A_EVENT_SOURCE, source) ||
	    nla_put_u32(skb, RNGTRACE_A_EVENT_BITS, ev->bits) ||
	    nla_put_u32(skb, RNGTRACE_A_EVENT_TOTAL_BITS, total) ||
	    nla_put_string(skb, RNGTRACE_A_EVENT_CALLER, sym))
		return -EMSGSIZE;
	/* A credit's task means something only when it wrote the entropy. */
	return source == RNGTRACE_SOURCE_IOCTL && ev->pid ?
	       rt_put_task(skb, ev) : 0;
}

/* A wait still in flight has a start and no end and no result yet. */
static int rt_put_read(struct sk_buff *skb, const struct rt_event *ev,
		       bool in_flight)
{
	if (rt_put_task(skb, ev) ||
	    nla_put_u32(skb, RNGTRACE_A_EVENT_PATH, ev->path) ||
	    nla_put_u32(skb, RNGTRACE_A_EVENT_FLAGS, ev->flags) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_EVENT_BYTES, ev->bytes,
			      RNGTRACE_A_EVENT_PAD))
		return -EMSGSIZE;
	if (ev->type == RNGTRACE_EVENT_TYPE_WAIT &&
	    nla_put_u64_64bit(skb, RNGTRACE_A_EVENT_START_NS, ev->start_ns,
			      RNGTRACE_A_EVENT_PAD))
		return -EMSGSIZE;
	if (!in_flight &&
	    nla_put_s64(skb, RNGTRACE_A_EVENT_RESULT, ev->result,
			RNGTRACE_A_EVENT_PAD))
		return -EMSGSIZE;
	return 0;
}

int rt_fill_event(struct sk_buff *skb, int attrtype,
		  const struct rt_event *ev, bool in_flight)
{
	struct nlattr *nest;
	int ret = -EMSGSIZE;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if ((!in_flight &&
	     nla_put_u64_64bit(skb, RNGTRACE_A_EVENT_SEQ, ev->seq,
			       RNGTRACE_A_EVENT_PAD)) ||
	    nla_put_u32(skb, RNGTRACE_A_EVENT_TYPE, ev->type) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_EVENT_TIME_NS, ev->time_ns,
			      RNGTRACE_A_EVENT_PAD) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_EVENT_TIME_MONO_NS,
			      ev->time_mono_ns, RNGTRACE_A_EVENT_PAD))
		goto cancel;

	switch (ev->type) {
	case RNGTRACE_EVENT_TYPE_READY:
		ret = rt_put_credit(skb, ev) ||
		      nla_put_u32(skb, RNGTRACE_A_EVENT_EVIDENCE, ev->evidence) ?
		      -EMSGSIZE : 0;
		break;
	case RNGTRACE_EVENT_TYPE_CREDIT:
		ret = rt_put_credit(skb, ev);
		break;
	case RNGTRACE_EVENT_TYPE_WAIT:
	case RNGTRACE_EVENT_TYPE_UNSEEDED:
		ret = rt_put_read(skb, ev, in_flight);
		break;
	default:
		ret = nla_put_string(skb, RNGTRACE_A_EVENT_NAME, ev->name) ||
		      nla_put_u32(skb, RNGTRACE_A_EVENT_QUALITY, ev->quality) ?
		      -EMSGSIZE : 0;
		break;
	}
	if (ret)
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int rt_events_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = rt_dump_attrs(cb);
	int ret;

	ret = rt_genl_strict(cb->nlh, cb->extack, true);
	if (ret)
		return ret;
	cb->args[0] = attrs[RNGTRACE_A_EVENTS_SINCE_SEQ] ?
		      nla_get_u64(attrs[RNGTRACE_A_EVENTS_SINCE_SEQ]) : 0;
	/* Every message has room for the largest event. */
	cb->min_dump_alloc = RT_EVENT_MSG_MAX;
	return 0;
}

/* As many events per message as fit; cb->args[0] is the next seq. */
int rt_events_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rt_ring_stats st;
	struct rt_event ev;
	u64 seq = cb->args[0];
	unsigned int n = 0;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &rt_family, NLM_F_MULTI, RNGTRACE_CMD_EVENTS_GET);
	if (!hdr)
		return -EMSGSIZE;

	while (rt_ring_get(&seq, &ev)) {
		if (!rt_fill_event(skb, RNGTRACE_A_EVENTS_EVENT, &ev, false)) {
			seq = ev.seq + 1;
			n++;
			continue;
		}
		if (n)
			break;	/* the next message takes it */
		/* Not even alone: never end the dump as if it were done. */
		genlmsg_cancel(skb, hdr);
		NL_SET_ERR_MSG_MOD(cb->extack,
				   "an event does not fit in a dump message");
		return -EMSGSIZE;
	}
	if (!n) {
		genlmsg_cancel(skb, hdr);
		return 0;	/* done */
	}

	/* Events that vanished under the reader mark the dump interrupted. */
	rt_ring_stats(&st);
	cb->seq = st.generation + 1;
	genl_dump_check_consistent(cb, hdr);
	genlmsg_end(skb, hdr);
	cb->args[0] = seq;
	return skb->len;
}

static bool rt_notify_on;
static u64 rt_notified;		/* next seq to multicast; only the work */

/* Send what skb holds, if anything; NULL it either way. */
static void rt_notify_send(struct sk_buff **skb, void *hdr, unsigned int n)
{
	if (!*skb)
		return;
	if (n) {
		genlmsg_end(*skb, hdr);
		genlmsg_multicast(&rt_family, *skb, 0, 0, GFP_KERNEL);
	} else {
		nlmsg_free(*skb);
	}
	*skb = NULL;
}

/*
 * As many events to a notification as fit: a boot's thousands of
 * unseeded reads wake a follower a few times a tick, not once an event,
 * so that a recorder does not compete with the boot it records.
 */
static void rt_notify_workfn(struct work_struct *work)
{
	struct sk_buff *skb = NULL;
	struct rt_event ev;
	u64 seq = rt_notified;
	void *hdr = NULL;
	unsigned int n = 0;

	while (READ_ONCE(rt_notify_on) && rt_ring_get(&seq, &ev)) {
		seq = ev.seq + 1;
		rt_cgroup_note(&ev);
		if (!genl_has_listeners(&rt_family, &init_net, 0))
			continue;
		if (skb && !rt_fill_event(skb, RNGTRACE_A_EVENTS_EVENT, &ev,
					  false)) {
			n++;
			continue;
		}
		rt_notify_send(&skb, hdr, n);	/* full: send, start anew */
		skb = genlmsg_new(NLMSG_DEFAULT_SIZE + PATH_MAX, GFP_KERNEL);
		if (!skb)
			continue;	/* the follower sees a gap in seq */
		hdr = genlmsg_put(skb, 0, 0, &rt_family, 0,
				  RNGTRACE_CMD_EVENT_NTF);
		n = 0;
		if (!hdr) {
			nlmsg_free(skb);
			skb = NULL;
			continue;
		}
		if (!rt_fill_event(skb, RNGTRACE_A_EVENTS_EVENT, &ev, false))
			n++;
	}
	rt_notify_send(&skb, hdr, n);
	rt_notified = seq;
}

static DECLARE_WORK(rt_notify_work, rt_notify_workfn);

static void rt_notify_irq_work(struct irq_work *iw)
{
	schedule_work(&rt_notify_work);
}

/*
 * Lazy: run from the next tick, not from a self-IPI. An IPI raised in a
 * probe handler fires before the kprobe is done, and the softirqs run on
 * its way out credit entropy: those credits would find a kprobe running
 * on this CPU and be missed.
 */
static struct irq_work rt_notify_iw = IRQ_WORK_INIT_LAZY(rt_notify_irq_work);

/* From any context: rt_ring_put() calls this for every event. */
void rt_notify_kick(void)
{
	if (READ_ONCE(rt_notify_on))
		irq_work_queue(&rt_notify_iw);
}

/* Once the family is registered: only then are its groups valid. */
void rt_notify_start(void)
{
	WRITE_ONCE(rt_notify_on, true);
	rt_notify_kick();	/* what was recorded while loading */
}

/*
 * Before the family goes: a work already running stops at its next event,
 * and nothing queued after this multicasts.
 */
void rt_notify_stop(void)
{
	WRITE_ONCE(rt_notify_on, false);
	irq_work_sync(&rt_notify_iw);
	cancel_work_sync(&rt_notify_work);
}

/* Once no probe handler can run: flush what they queued meanwhile. */
void rt_notify_exit(void)
{
	irq_work_sync(&rt_notify_iw);
	cancel_work_sync(&rt_notify_work);
}
