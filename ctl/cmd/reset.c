// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace reset: forget the module's recorded events and counters
 * (RESET, CAP_NET_ADMIN).
 */
#include <stdio.h>

#include <linux/rngtrace.h>

#include "cli.h"
#include "config.h"
#include "subcommands.h"

static const char reset_usage[] =
	"usage: rngtrace reset\n"
	"\n"
	"Make the rngtrace module forget its recorded events and counters:\n"
	"the credits by source, the waits, the unseeded reads, the drops. The\n"
	"ready state, the bits credited, the sequence numbers (a follower sees\n"
	"no reuse) and the hwrng list stay. Needs CAP_NET_ADMIN.\n"
	"\n"
	"  -h, --help  show this help\n"
	"\n"
	"Exit status: 0, or 2 on error (the module's reason on stderr).\n";

struct nlmsghdr *rt_reset_msg(struct rt_nl *nl)
{
	return rt_nl_msg(nl, RNGTRACE_CMD_RESET, NLM_F_ACK);
}

int reset_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "reset", .usage = reset_usage,
		.shortopts = "h", .longopts = opts,
	};
	struct rt_nl *nl;
	int c, ret;

	while ((c = rt_opt_next(&o, argc, argv)) != -1)
		return c == RT_OPT_HELP ? RT_EXIT_OK : RT_EXIT_ERROR;
	if (rt_opt_no_operand(&o, argc, argv))
		return RT_EXIT_ERROR;
	nl = rt_nl_new("reset");
	if (!nl)
		return RT_EXIT_ERROR;
	ret = rt_nl_do(nl, rt_reset_msg(nl), "reset");
	rt_nl_free(nl);
	if (ret)
		return RT_EXIT_ERROR;
	fprintf(stderr, "rngtrace reset: the module's events and counters are reset\n");
	return RT_EXIT_OK;
}
