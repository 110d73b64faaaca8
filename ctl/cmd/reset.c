// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace reset: forget the module's recorded events and counters
 * (RESET, CAP_NET_ADMIN).
 */
#include <getopt.h>
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

static struct nlmsghdr *build(struct rt_nl *nl, int arg)
{
	(void)arg;
	return rt_reset_msg(nl);
}

int reset_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	char bad[64];
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(reset_usage, stdout);
			return RT_EXIT_OK;
		}
		rt_usage_error("reset", "unknown option '%s'",
			       rt_bad_option(argv, bad, sizeof(bad)));
		return RT_EXIT_ERROR;
	}
	if (optind < argc) {
		rt_usage_error("reset", "unexpected argument '%s'", argv[optind]);
		return RT_EXIT_ERROR;
	}
	if (rt_nl_do(build, 0, "reset"))
		return RT_EXIT_ERROR;
	fprintf(stderr, "rngtrace reset: the module's events and counters are reset\n");
	return RT_EXIT_OK;
}
