// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace status [--json]: RNGTRACE_CMD_STATUS_GET.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "attr.h"
#include "cli.h"
#include "jsonout.h"
#include "nl.h"
#include "status.h"
#include "subcommands.h"

static const struct rt_attr_spec status_spec[RNGTRACE_A_STATUS_MAX + 1] = {
	[RNGTRACE_A_STATUS_PAD] = {
		"pad", MNL_TYPE_UNSPEC, false },
	[RNGTRACE_A_STATUS_VERSION] = {
		"version", MNL_TYPE_NUL_STRING, true },
	[RNGTRACE_A_STATUS_CRNG_READY] = {
		"crng-ready", MNL_TYPE_U32, true },
	[RNGTRACE_A_STATUS_READY_AT_LOAD] = {
		"ready-at-load", MNL_TYPE_U32, true },
	[RNGTRACE_A_STATUS_LOAD_TIME_NS] = {
		"load-time-ns", MNL_TYPE_U64, true },
	[RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS] = {
		"load-time-mono-ns", MNL_TYPE_U64, true },
};

int status_parse(const struct nlmsghdr *nlh, struct rt_status *st,
		 char *why, size_t whylen)
{
	const struct nlattr *tb[RNGTRACE_A_STATUS_MAX + 1];
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const char *version;
	int ret;

	memset(st, 0, sizeof(*st));
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		snprintf(why, whylen, "message too short for its header");
		return -EBADMSG;
	}
	if (genl->cmd != RNGTRACE_CMD_STATUS_GET) {
		snprintf(why, whylen, "reply to command %u, not status-get",
			 genl->cmd);
		return -EBADMSG;
	}
	ret = rt_attr_parse(nlh, GENL_HDRLEN, status_spec,
			    RNGTRACE_A_STATUS_MAX, tb, why, whylen);
	if (ret)
		return ret;

	version = mnl_attr_get_str(tb[RNGTRACE_A_STATUS_VERSION]);
	if (strlen(version) >= sizeof(st->version)) {
		snprintf(why, whylen, "attribute version is too long");
		return -EBADMSG;
	}
	strcpy(st->version, version);
	st->crng_ready = mnl_attr_get_u32(tb[RNGTRACE_A_STATUS_CRNG_READY]);
	st->ready_at_load =
		mnl_attr_get_u32(tb[RNGTRACE_A_STATUS_READY_AT_LOAD]);
	st->load_time_ns = mnl_attr_get_u64(tb[RNGTRACE_A_STATUS_LOAD_TIME_NS]);
	st->load_time_mono_ns =
		mnl_attr_get_u64(tb[RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS]);
	return 0;
}

json_t *status_to_json(const struct rt_status *st)
{
	/* json_int_t is signed 64-bit: 292 years of uptime fit. */
	return json_pack("{s:s, s:b, s:b, s:I, s:I}",
			 "version", st->version,
			 "crng_ready", st->crng_ready,
			 "ready_at_load", st->ready_at_load,
			 "load_time_ns", (json_int_t)st->load_time_ns,
			 "load_time_mono_ns",
			 (json_int_t)st->load_time_mono_ns);
}

static void print_seconds(FILE *f, uint64_t ns)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64 " s", ns / 1000000000,
		ns % 1000000000 / 1000);
}

void status_print(FILE *f, const struct rt_status *st)
{
	fprintf(f, "module:        rngtrace %s\n", st->version);
	fprintf(f, "crng:          %s\n",
		st->crng_ready ? "ready" : "not ready");
	fprintf(f, "ready at load: %s\n", st->ready_at_load ? "yes" : "no");
	fprintf(f, "loaded at:     ");
	print_seconds(f, st->load_time_ns);
	fprintf(f, " after boot (CLOCK_BOOTTIME)\n");
	fprintf(f, "               ");
	print_seconds(f, st->load_time_mono_ns);
	fprintf(f, " on CLOCK_MONOTONIC\n");
}

struct status_ctx {
	struct rt_status *st;
	int replies;
	char why[160];
};

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	struct status_ctx *ctx = data;

	if (status_parse(nlh, ctx->st, ctx->why, sizeof(ctx->why))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	ctx->replies++;
	return MNL_CB_OK;
}

static int status_get(struct rt_status *st)
{
	struct status_ctx ctx = { .st = st };
	struct nlmsghdr *nlh;
	struct rt_nl *nl;
	int ret;

	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		fprintf(stderr, "rngtrace: status: out of memory\n");
		return -ENOMEM;
	}
	ret = rt_nl_open(nl);
	if (ret) {
		rt_nl_perror(nl, "status");
		goto out;
	}
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_STATUS_GET, NLM_F_ACK);
	ret = rt_nl_talk(nl, nlh, status_cb, &ctx);
	if (ret && ctx.why[0]) {
		fprintf(stderr, "rngtrace: status: bad reply from the module: %s\n",
			ctx.why);
	} else if (ret) {
		rt_nl_perror(nl, "status");
	} else if (ctx.replies != 1) {
		fprintf(stderr, "rngtrace: status: the module sent %d replies, not 1\n",
			ctx.replies);
		ret = -EBADMSG;
	}
out:
	rt_nl_close(nl);
	free(nl);
	return ret;
}

static const char status_usage[] =
	"usage: rngtrace status [--json]\n"
	"\n"
	"Show what the rngtrace kernel module reports: its version, whether the\n"
	"kernel's CRNG is ready now and whether it was when the module loaded,\n"
	"and when the module loaded (CLOCK_BOOTTIME and CLOCK_MONOTONIC).\n"
	"\n"
	"  --json      print one JSON object instead, with the keys version,\n"
	"              crng_ready, ready_at_load, load_time_ns and\n"
	"              load_time_mono_ns\n"
	"  -h, --help  show this help\n"
	"\n"
	"Any user may ask; the module must be loaded. Exits 0, or 2 on error.\n";

int status_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_status st;
	bool json = false;
	char bad[64];
	json_t *obj;
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			fputs(status_usage, stdout);
			return RT_EXIT_OK;
		default:
			rt_usage_error("status", "unknown option '%s'",
				       rt_bad_option(argv, bad, sizeof(bad)));
			return RT_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		rt_usage_error("status", "unexpected argument '%s'",
			       argv[optind]);
		return RT_EXIT_ERROR;
	}

	if (status_get(&st))
		return RT_EXIT_ERROR;
	if (!json) {
		status_print(stdout, &st);
		return RT_EXIT_OK;
	}
	obj = status_to_json(&st);
	ret = rt_json_print(stdout, obj);
	json_decref(obj);
	if (ret) {
		fprintf(stderr, "rngtrace: status: cannot print the JSON output\n");
		return RT_EXIT_ERROR;
	}
	return RT_EXIT_OK;
}
