// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace config and reset without a kernel: the requests they send
 * (CONFIG_SET with keep-armed, RESET), the module's extack error as the
 * user sees it, and the command lines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "config.h"
#include "ctlrun.h"
#include "harness.h"

#define FAKE_FAMILY	0x42

static struct rt_nl *fake_nl(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));

	if (nl) {
		nl->family = FAKE_FAMILY;
		nl->portid = 4242;
	}
	return nl;
}

static void t_onoff(void)
{
	CHECK_INT(rt_onoff("on"), 1);
	CHECK_INT(rt_onoff("ON"), 1);
	CHECK_INT(rt_onoff("1"), 1);
	CHECK_INT(rt_onoff("off"), 0);
	CHECK_INT(rt_onoff("no"), 0);
	CHECK_INT(rt_onoff(""), -1);
	CHECK_INT(rt_onoff("2"), -1);
	CHECK_INT(rt_onoff("onn"), -1);
}

/* CONFIG_SET carries keep-armed as a u32 0 or 1, and asks for an ack. */
static void t_config_msg(void)
{
	struct rt_nl *nl = fake_nl();
	int v;

	REQUIRE(nl);
	for (v = 0; v <= 1; v++) {
		struct nlmsghdr *nlh = rt_config_set_msg(nl, v);
		const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
		const struct nlattr *a;
		int n = 0;

		CHECK_INT(nlh->nlmsg_type, FAKE_FAMILY);
		CHECK(nlh->nlmsg_flags & NLM_F_REQUEST);
		CHECK(nlh->nlmsg_flags & NLM_F_ACK);
		CHECK_INT(g->cmd, RNGTRACE_CMD_CONFIG_SET);
		mnl_attr_for_each(a, nlh, sizeof(*g)) {
			n++;
			CHECK_INT(mnl_attr_get_type(a), RNGTRACE_A_CONFIG_KEEP_ARMED);
			CHECK_INT(mnl_attr_get_payload_len(a), 4);
			CHECK_INT(mnl_attr_get_u32(a), v);
		}
		CHECK_INT(n, 1);
	}
	free(nl);
}

static void t_reset_msg(void)
{
	struct rt_nl *nl = fake_nl();
	struct nlmsghdr *nlh;
	const struct genlmsghdr *g;

	REQUIRE(nl);
	nlh = rt_reset_msg(nl);
	g = mnl_nlmsg_get_payload(nlh);
	CHECK_INT(g->cmd, RNGTRACE_CMD_RESET);
	CHECK(nlh->nlmsg_flags & NLM_F_ACK);
	CHECK_INT(nlh->nlmsg_len, MNL_ALIGN(sizeof(*nlh)) + MNL_ALIGN(sizeof(*g)));
	free(nl);
}

/* The module refuses with an extack message: the user's line has it. */
static void t_config_extack(void)
{
	static char reply[512] __attribute__((aligned(8)));
	struct rt_nl *nl = fake_nl();
	struct nlmsghdr *req, *nlh;
	struct nlmsgerr *e;
	char line[512];

	REQUIRE(nl);
	req = rt_config_set_msg(nl, 1);
	nlh = mnl_nlmsg_put_header(reply);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = req->nlmsg_seq;
	nlh->nlmsg_pid = nl->portid;
	nlh->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = -EPERM;
	e->msg = *req;
	mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, "rngtrace: config needs CAP_NET_ADMIN");
	CHECK_INT(rt_nl_process(nl, reply, nlh->nlmsg_len, req->nlmsg_seq,
				FAKE_FAMILY, NULL, NULL), -EPERM);
	rt_nl_err_format(&nl->err, "config", line, sizeof(line));
	CHECK_CONTAINS(line, "config");
	CHECK_CONTAINS(line, "CAP_NET_ADMIN");
	CHECK_CONTAINS(line, "rngtrace: config needs CAP_NET_ADMIN");
	free(nl);
}

static void t_cli(void)
{
	struct ctlrun r;

	CTLRUN(&r, "config", "--keep-armed", "maybe");
	CHECK_INT(r.status, 2);
	CHECK(one_line(r.err));
	CHECK_CONTAINS(r.err, "--keep-armed wants on or off, not 'maybe'");
	ctlrun_done(&r);
	CTLRUN(&r, "config", "--keep-armed");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "needs a value");
	ctlrun_done(&r);
	CTLRUN(&r, "reset", "now");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "unexpected argument 'now'");
	ctlrun_done(&r);
	CTLRUN(&r, "config", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace config [--keep-armed on|off] [--json]");
	ctlrun_done(&r);
	CTLRUN(&r, "reset", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace reset");
	ctlrun_done(&r);
	/* this host has no rngtrace module */
	CTLRUN(&r, "config", "--keep-armed", "on");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "module is not loaded");
	ctlrun_done(&r);
	CTLRUN(&r, "reset");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "module is not loaded");
	ctlrun_done(&r);
}

static const struct rt_test config_tests[] = {
	{ "config: on and off", t_onoff },
	{ "config: CONFIG_SET carries keep-armed 0 or 1", t_config_msg },
	{ "reset: RESET, no attributes, acked", t_reset_msg },
	{ "config: the module's extack reaches the user's line", t_config_extack },
	{ "config, reset: usage, --help, no module", t_cli },
	{ NULL, NULL },
};

RT_SUITE(config_tests)
