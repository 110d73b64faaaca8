// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace events [--follow] [--since SEQ] [--json]: the ring's events,
 * then, with --follow, the new ones as they come (live/events.c).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "evjson.h"
#include "subcommands.h"

struct events_out {
	bool json;
};

/* One event, a line of text or of JSON, flushed: followers read as it comes. */
static int print_event(const struct rt_event *ev, void *arg)
{
	const struct events_out *o = arg;

	return rt_event_print_line(stdout, o->json, ev);
}

static const char events_usage[] =
	"usage: rngtrace events [--follow] [--since SEQ] [--json]\n"
	"\n"
	"Print the events the rngtrace module's ring holds, oldest first, one a\n"
	"line: credits, waits, unseeded reads, READY, hwrng registrations.\n"
	"\n"
	"  -f, --follow     then keep printing new events as they are recorded\n"
	"                   (no gap, no duplicate) until SIGINT or SIGTERM\n"
	"  -s, --since SEQ  start at sequence number SEQ (default 0)\n"
	"  -j, --json       one JSON object per line, as in a trace's events[]\n"
	"  -h, --help       show this help\n"
	"\n"
	"Needs CAP_NET_ADMIN. Exits 0, or 2 on error.\n";

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s[0] || s[0] == '-')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

int events_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "events", .usage = events_usage,
		.shortopts = "fs:jh", .longopts = opts,
	};
	struct events_out out = { 0 };
	struct rt_follow f = { 0 };
	bool follow = false;
	uint64_t since = 0;
	int c, ret;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'f':
			follow = true;
			break;
		case 's':
			if (parse_u64(optarg, &since)) {
				rt_usage_error("events", "--since wants a sequence number, not '%s'",
					       optarg);
				return RT_EXIT_ERROR;
			}
			break;
		case 'j':
			out.json = true;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (rt_opt_no_operand(&o, argc, argv))
		return RT_EXIT_ERROR;

	rt_follow_signals();
	f.cb = print_event;
	f.arg = &out;
	f.next_seq = since;
	ret = rt_follow_open(&f, follow, "events");
	if (!ret)
		ret = rt_follow_dump(&f, "events");
	while (!ret && follow && !rt_stop_signal)
		ret = rt_follow_wait(&f, 1000, "events");
	rt_follow_close(&f);
	return ret ? RT_EXIT_ERROR : RT_EXIT_OK;
}
