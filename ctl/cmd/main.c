// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace: the controller of the rngtrace kernel module.
 *
 * rngtrace [--help|--version] COMMAND [ARGS]
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "subcommands.h"

#ifndef RNGTRACE_VERSION
#define RNGTRACE_VERSION "unknown"
#endif

static const struct {
	const char *name;
	int (*main)(int argc, char *argv[]);
	const char *desc;
} subcommands[] = {
	{ "status", status_main, "show the module's and the CRNG's state" },
	{ "events", events_main, "print the recorded events, or follow them" },
	{ "record", record_main, "record a trace of the CRNG's way to ready" },
	{ "report", report_main, "say how a trace's boot got its CRNG ready, with advice" },
	{ "check", check_main, "check a trace against limits (exit 1 when it breaks one)" },
	{ "compare", compare_main, "put traces side by side, grouped by kernel or label" },
	{ "plot", plot_main, "draw a trace as an SVG timeline" },
	{ "export", export_main, "write a trace in another tool's format (Perfetto, JUnit, KCIDB...)" },
	{ "config", config_main, "show or change the module's settings (--keep-armed)" },
	{ "reset", reset_main, "make the module forget its events and counters" },
	{ "bootargs", bootargs_main, "the kernel command line that traces the boot before the module" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: rngtrace [--help|--version] COMMAND [ARGS]\n\n");
	fprintf(f, "Traces how the kernel's CRNG became ready, through the rngtrace module.\n\n");
	fprintf(f, "Commands:\n");
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-10s %s\n", subcommands[i].name,
			subcommands[i].desc);
	fprintf(f, "  %-10s %s\n", "help", "show this help, or a command's");
	fprintf(f, "\nSee 'rngtrace COMMAND --help' for a command's options.\n");
}

static int dispatch(int argc, char *argv[])
{
	size_t i;

	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[0], subcommands[i].name))
			return subcommands[i].main(argc, argv);
	fprintf(stderr, "rngtrace: '%s' is not a rngtrace command; see 'rngtrace --help'\n",
		argv[0]);
	return RT_EXIT_ERROR;
}

int main(int argc, char *argv[])
{
	int ret;

	/*
	 * jansson seeds its hash tables from /dev/urandom on first use. Before
	 * the CRNG is ready that read runs the kernel's jitter generator until
	 * it is: rngtrace would end the very stall it is there to observe.
	 * The seed only guards against hash flooding; a fixed one does here.
	 */
	json_object_seed(0x72617274);

	if (argc < 2) {
		usage(stderr);
		return RT_EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    (!strcmp(argv[1], "help") && argc == 2)) {
		usage(stdout);
		ret = RT_EXIT_OK;
	} else if (!strcmp(argv[1], "--version")) {
		printf("rngtrace %s\n", RNGTRACE_VERSION);
		ret = RT_EXIT_OK;
	} else if (!strcmp(argv[1], "help")) {
		/* rngtrace help COMMAND: rngtrace COMMAND --help */
		char *args[] = { argv[2], "--help", NULL };

		if (argc > 3) {
			fprintf(stderr, "rngtrace help: one command at most; see 'rngtrace --help'\n");
			return RT_EXIT_ERROR;
		}
		ret = dispatch(2, args);
	} else if (argv[1][0] == '-') {
		fprintf(stderr, "rngtrace: unknown option '%s'; see 'rngtrace --help'\n",
			argv[1]);
		return RT_EXIT_ERROR;
	} else {
		ret = dispatch(argc - 1, argv + 1);
	}

	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) == EOF) {
		fprintf(stderr, "rngtrace: cannot write the output: %s\n",
			strerror(errno));
		return RT_EXIT_ERROR;
	}
	if (ferror(stdout)) {
		fprintf(stderr, "rngtrace: cannot write the output\n");
		return RT_EXIT_ERROR;
	}
	return ret;
}
