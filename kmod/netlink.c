// SPDX-License-Identifier: GPL-2.0
/*
 * The "rngtrace" generic netlink family (Documentation/netlink/specs/).
 */

#include <linux/random.h>
#include <net/genetlink.h>

#include "uapi/linux/rngtrace.h"
#include "compat/genetlink.h"
#include "rngtrace.h"

static struct genl_family rt_family;

static int rt_fill_status(struct sk_buff *skb)
{
	if (nla_put_string(skb, RNGTRACE_A_STATUS_VERSION, RNGTRACE_VERSION) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_CRNG_READY,
			rng_is_initialized()) ||
	    nla_put_u32(skb, RNGTRACE_A_STATUS_READY_AT_LOAD,
			rt_load.crng_ready) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_STATUS_LOAD_TIME_NS,
			      rt_load.boottime_ns, RNGTRACE_A_STATUS_PAD) ||
	    nla_put_u64_64bit(skb, RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS,
			      rt_load.mono_ns, RNGTRACE_A_STATUS_PAD))
		return -EMSGSIZE;
	return 0;
}

static int rt_status_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg) {
		NL_SET_ERR_MSG_MOD(info->extack, "out of memory for the reply");
		return -ENOMEM;
	}

	hdr = genlmsg_put_reply(msg, info, &rt_family, 0,
				RNGTRACE_CMD_STATUS_GET);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err_free;
	}

	ret = rt_fill_status(msg);
	if (ret)
		goto err_cancel;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_cancel:
	genlmsg_cancel(msg, hdr);
err_free:
	nlmsg_free(msg);
	NL_SET_ERR_MSG_MOD(info->extack, "status does not fit in a message");
	return ret;
}

/*
 * Every operation is at or above resv_start_op, so the core validates
 * strictly: an operation without a policy rejects every attribute, and
 * unknown attributes or reserved header bytes are errors with extack.
 */
static const struct genl_ops rt_ops[] = {
	{
		.cmd	= RNGTRACE_CMD_STATUS_GET,
		.doit	= rt_status_get_doit,
	},
};

static struct genl_family rt_family __ro_after_init = {
	.name		= RNGTRACE_FAMILY_NAME,
	.version	= RNGTRACE_FAMILY_VERSION,
	.module		= THIS_MODULE,
	.ops		= rt_ops,
	.n_ops		= ARRAY_SIZE(rt_ops),
	.resv_start_op	= RNGTRACE_CMD_STATUS_GET,
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
