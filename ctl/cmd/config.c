// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace config [--keep-armed on|off] [--json]: show the module's
 * settings, or change them (CONFIG_SET, CAP_NET_ADMIN).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <linux/rngtrace.h>

#include "cli.h"
#include "config.h"
#include "print.h"
#include "status.h"
#include "subcommands.h"

static const char config_usage[] =
	"usage: rngtrace config [--keep-armed on|off] [--json]\n"
	"\n"
	"Without an option, show the rngtrace module's settings. With one,\n"
	"change it (needs CAP_NET_ADMIN), then show them.\n"
	"\n"
	"Options:\n"
	"  --keep-armed on|off  on: keep (and re-arm) the getrandom and credit\n"
	"                       probes after the CRNG is ready; off (the module's\n"
	"                       default): disarm them once it is ready and no\n"
	"                       wait is in flight, so that they cost nothing\n"
	"  -j, --json           print the settings as a JSON object\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0, or 2 on error (the module's reason on stderr).\n";

int rt_onoff(const char *s)
{
	if (!strcasecmp(s, "on") || !strcmp(s, "1") || !strcasecmp(s, "yes"))
		return 1;
	if (!strcasecmp(s, "off") || !strcmp(s, "0") || !strcasecmp(s, "no"))
		return 0;
	return -1;
}

struct nlmsghdr *rt_config_set_msg(struct rt_nl *nl, int keep_armed)
{
	struct nlmsghdr *nlh = rt_nl_msg(nl, RNGTRACE_CMD_CONFIG_SET, NLM_F_ACK);

	mnl_attr_put_u32(nlh, RNGTRACE_A_CONFIG_KEEP_ARMED, keep_armed ? 1 : 0);
	return nlh;
}

/* The settings, text or JSON from the same calls (print.h). */
static int show(struct rt_nl *nl, bool json, const char *what)
{
	static struct rt_status st;

	if (status_fetch(nl, &st, false, what))
		return RT_EXIT_ERROR;
	rt_print_start(stdout, json);
	rt_print_str(RT_PRINT_TEXT, NULL, "keep-armed:  %s\n",
		     st.keep_armed ? "on" : "off");
	rt_print_bool(RT_PRINT_JSON, "keep_armed", NULL, st.keep_armed);
	rt_print_str(RT_PRINT_TEXT, NULL, "probes:      %s\n",
		     st.armed ? "armed" : "disarmed");
	rt_print_bool(RT_PRINT_JSON, "armed", NULL, st.armed);
	if (rt_print_end()) {
		fprintf(stderr, "rngtrace %s: cannot write the output\n", what);
		return RT_EXIT_ERROR;
	}
	return RT_EXIT_OK;
}

int config_main(int argc, char *argv[])
{
	enum { OPT_KEEP_ARMED = 256 };
	static const struct option opts[] = {
		{ "keep-armed", required_argument, NULL, OPT_KEEP_ARMED },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "config", .usage = config_usage,
		.shortopts = "jh", .longopts = opts,
	};
	int c, ret, keep_armed = -1;
	bool json = false;
	struct rt_nl *nl;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case OPT_KEEP_ARMED:
			keep_armed = rt_onoff(optarg);
			if (keep_armed < 0) {
				rt_usage_error("config", "--keep-armed wants on or off, not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			break;
		case 'j':
			json = true;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (rt_opt_no_operand(&o, argc, argv))
		return RT_EXIT_ERROR;
	nl = rt_nl_new("config");
	if (!nl)
		return RT_EXIT_ERROR;
	if (keep_armed >= 0 &&
	    rt_nl_do(nl, rt_config_set_msg(nl, keep_armed), "config"))
		ret = RT_EXIT_ERROR;
	else
		ret = show(nl, json, "config");
	rt_nl_free(nl);
	return ret;
}
