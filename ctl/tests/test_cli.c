// SPDX-License-Identifier: GPL-2.0
/*
 * The built rngtrace, run on this host from the tests' own network
 * namespace (isolate.c): generic netlink, and no rngtrace family whatever
 * the host has loaded.
 */
#include <stdio.h>

#include "ctlrun.h"
#include "harness.h"

#define RUN(r, ...) CTLRUN(r, __VA_ARGS__)

static void t_status_not_loaded(void)
{
	struct ctlrun r;

	RUN(&r, "status");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "not loaded");
	CHECK_CONTAINS(r.err, "modprobe rngtrace");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
}

static void t_status_json_not_loaded(void)
{
	struct ctlrun r;

	RUN(&r, "status", "--json");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "not loaded");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
}

static void t_unknown_command(void)
{
	struct ctlrun r;

	RUN(&r, "frobnicate", "--json");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "'frobnicate' is not a rngtrace command");
	CHECK_CONTAINS(r.err, "rngtrace --help");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
}

static void t_unknown_option(void)
{
	struct ctlrun r;

	RUN(&r, "--frobnicate");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "unknown option '--frobnicate'");
	CHECK_INT(lines(r.err), 1);
	ctlrun_done(&r);
}

static void t_no_command(void)
{
	struct ctlrun r;

	ctlrun_argv(&r, NULL, (const char *const[]){ rt_test_ctl, NULL });
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "usage: rngtrace");
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
}

static void t_status_bad_args(void)
{
	static const char *const bad[][2] = {
		{ "--frobnicate", "unknown option '--frobnicate'" },
		{ "-x", "unknown option '-x'" },
		{ "extra", "unexpected argument 'extra'" },
	};
	struct ctlrun r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		RUN(&r, "status", bad[i][0]);
		CHECK_INT(r.status, 2);
		CHECK_CONTAINS(r.err, bad[i][1]);
		CHECK_CONTAINS(r.err, "'rngtrace status --help'");
		CHECK_INT(lines(r.err), 1);
		ctlrun_done(&r);
	}
}

static void t_version(void)
{
	struct ctlrun r;

	RUN(&r, "--version");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "rngtrace " RNGTRACE_VERSION "\n");
	CHECK_STR(r.err, "");
	ctlrun_done(&r);
}

static void t_help(void)
{
	struct ctlrun r;

	RUN(&r, "help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace");
	CHECK_CONTAINS(r.out, "  status ");
	CHECK_STR(r.err, "");
	ctlrun_done(&r);
}

static void t_status_help(void)
{
	struct ctlrun r;

	RUN(&r, "status", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace status [--json]");
	CHECK_CONTAINS(r.out, "load_time_mono_ns");
	CHECK_STR(r.err, "");
	ctlrun_done(&r);
	RUN(&r, "help", "status");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace status [--json]");
	ctlrun_done(&r);
}

static void t_write_error(void)
{
	struct ctlrun r;

	ctlrun_exec(&r, NULL, "/dev/full",
		    (const char *const[]){ rt_test_ctl, "--version", NULL });
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "cannot write the output");
	ctlrun_done(&r);
}

/*
 * The tests' namespace is not the host's: the init_net-only families the
 * host has (rngtrace's, when loaded, among them) are out of reach, for the
 * tests and for the rngtrace they run, which acts on nothing of the host.
 */
static void t_isolated(void)
{
	const char *const *f;
	struct ctlrun r;

	if (!rt_test_host_families[0])
		rt_test_skip("the host has no init_net-only family to look for");
	for (f = rt_test_host_families; *f; f++)
		if (rt_test_family_reachable(*f))
			rt_test_fail(__FILE__, __LINE__,
				     "the host's family %s is reachable from the tests",
				     *f);
	CTLRUN(&r, "reset");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "module is not loaded");
	ctlrun_done(&r);
}

static const struct rt_test cli_tests[] = {
	{ "tests: out of reach of the host's rngtrace module (own netns)", t_isolated },
	{ "rngtrace status without the module: exit 2, \"not loaded\"", t_status_not_loaded },
	{ "rngtrace status --json without the module: exit 2, no output", t_status_json_not_loaded },
	{ "rngtrace with an unknown command: exit 2, one line", t_unknown_command },
	{ "rngtrace with an unknown option: exit 2, one line", t_unknown_option },
	{ "rngtrace without a command: usage, exit 2", t_no_command },
	{ "rngtrace status with bad arguments: exit 2, one line", t_status_bad_args },
	{ "rngtrace --version prints the version", t_version },
	{ "rngtrace help lists status", t_help },
	{ "rngtrace status --help and help status", t_status_help },
	{ "a write error on stdout: exit 2", t_write_error },
	{ NULL, NULL }
};

RT_SUITE(cli_tests)
