// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace compare FILE... [--label L]... [--by kernel|label] [--json]:
 * several traces side by side, one column per group of traces.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "print.h"
#include "subcommands.h"
#include "summary.h"
#include "trace.h"

static const char compare_usage[] =
	"usage: rngtrace compare FILE... [--label L]... [--by kernel|label]\n"
	"                        [--confidence C] [--json]\n"
	"\n"
	"Put traces that 'rngtrace record' wrote side by side: for each trace, or\n"
	"each group of traces, the time to CRNG ready (seconds since boot), the\n"
	"total and the worst time tasks waited for it, how many tasks (thread\n"
	"groups) waited, and the share of the credited entropy by source (\"before\n"
	"load\" is what boot code credited before the module loaded). A group of\n"
	"several traces shows the median and, in brackets, the minimum..maximum;\n"
	"N is the number of traces. A CRNG ready before the module loaded counts\n"
	"as ready at 0 s; a trace that never saw it ready is left out of that row\n"
	"and counted as \"not ready\".\n"
	"\n"
	"With two groups, A (the first) and B, it adds B - A for ready, blocked-time\n"
	"(the total wait) and blocked-tasks: the difference of the means with its\n"
	"confidence interval by Student's t with a pooled standard deviation, as\n"
	"ministat(1) computes it, and \"B worse\", \"B better\" or \"no difference\n"
	"proven\", with the sample sizes; it needs 2 traces in each group.\n"
	"\n"
	"Options:\n"
	"  -l, --label L  label the next FILE (in order: one --label per FILE);\n"
	"                 traces are then grouped by label\n"
	"  -b, --by KEY   group by 'kernel' (the kernel release, the default\n"
	"                 without labels) or 'label' (the default with labels)\n"
	"  -c, --confidence C\n"
	"                 the confidence of the intervals, in percent (default 95)\n"
	"  -j, --json     print a JSON object instead of the table (times in\n"
	"                 integer nanoseconds: ready_time_ns, total_wait_ns,\n"
	"                 worst_wait_ns; blocked_tasks, share_percent)\n"
	"  -h, --help     show this help\n"
	"\n"
	"FILE may be '-' for standard input. Exits 0, or 2 on error.\n";

int compare_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "by", required_argument, NULL, 'b' },
		{ "confidence", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "compare", .usage = compare_usage,
		.shortopts = "l:b:c:jh", .longopts = opts,
	};
	const char **labels = NULL, *by = NULL;
	struct rt_cmp_trace *tr = NULL;
	struct rt_cmp_groups *g = NULL;
	size_t nlabels = 0, n = 0, i;
	int c, json = 0, by_label, ret = RT_EXIT_ERROR, stdin_used = 0;
	char err[512], *end;
	double confidence = 95;

	labels = calloc(argc, sizeof(*labels));
	if (!labels) {
		fprintf(stderr, "rngtrace compare: out of memory\n");
		return RT_EXIT_ERROR;
	}
	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'l':
			labels[nlabels++] = optarg;
			break;
		case 'b':
			if (strcmp(optarg, "kernel") && strcmp(optarg, "label")) {
				rt_usage_error("compare", "--by is 'kernel' or 'label', not '%s'",
					       optarg);
				goto out;
			}
			by = optarg;
			break;
		case 'c':
			confidence = strtod(optarg, &end);
			if (end == optarg || *end || !(confidence > 0 && confidence < 100)) {
				rt_usage_error("compare", "--confidence is a percentage above 0 and below 100, not '%s'",
					       optarg);
				goto out;
			}
			break;
		case 'j':
			json = 1;
			break;
		case RT_OPT_HELP:
			ret = RT_EXIT_OK;
			goto out;
		default:
			goto out;
		}
	}
	n = argc - optind;
	if (!n) {
		rt_usage_error("compare", "no trace given");
		goto out;
	}
	if (nlabels && nlabels != n) {
		rt_usage_error("compare", "%zu labels for %zu traces: give one --label per FILE, or none",
			       nlabels, n);
		goto out;
	}
	by_label = by ? !strcmp(by, "label") : nlabels > 0;
	if (by_label && !nlabels) {
		rt_usage_error("compare", "--by label needs a --label for each FILE");
		goto out;
	}
	tr = calloc(n, sizeof(*tr));
	if (!tr) {
		fprintf(stderr, "rngtrace compare: out of memory\n");
		goto out;
	}
	for (i = 0; i < n; i++) {
		tr[i].file = argv[optind + i];
		tr[i].label = nlabels ? labels[i] : NULL;
		if (!strcmp(tr[i].file, "-") && stdin_used++) {
			fprintf(stderr, "rngtrace compare: standard input ('-') given twice\n");
			goto out;
		}
		if (rt_summary_load(tr[i].file, &tr[i].s, err, sizeof(err))) {
			rt_load_error("compare", err);
			goto out;
		}
		tr[i].summarized = 1;
		rt_cmp_metrics(&tr[i]);
		/* a fleet's traces at once: keep the numbers, not the lists */
		rt_summary_trim(&tr[i].s);
	}
	g = rt_cmp_group(tr, n, by_label, confidence);
	if (!g) {
		fprintf(stderr, "rngtrace compare: out of memory\n");
		goto out;
	}
	rt_print_start(stdout, json);
	if (rt_cmp_print(g))
		fprintf(stderr, "rngtrace compare: out of memory\n");
	if (rt_print_end()) {
		fprintf(stderr, "rngtrace compare: cannot write the output\n");
		goto out;
	}
	ret = RT_EXIT_OK;
out:
	for (i = 0; tr && i < n; i++) {
		if (tr[i].summarized)
			rt_summary_free(&tr[i].s);
	}
	rt_cmp_groups_free(g);
	free(tr);
	free(labels);
	return ret;
}
