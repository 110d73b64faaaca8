// SPDX-License-Identifier: GPL-2.0
/*
 * One set of habits for every command (Documentation/rngtrace.8): -h and
 * --help, -j and --json where it prints, the same messages for the same
 * mistakes, "rngtrace COMMAND: " before every error.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ctlrun.h"
#include "harness.h"

static const char *const commands[] = {
	"status", "events", "record", "report", "check", "compare", "plot",
	"export", "config", "reset",
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* "rngtrace CMD: ", then one line. */
static void check_error_line(const struct ctlrun *r, const char *cmd)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "rngtrace %s: ", cmd);
	CHECK(r->err && !strncmp(r->err, prefix, strlen(prefix)));
	CHECK(one_line(r->err));
	CHECK_STR(r->out, "");
}

static void t_help(void)
{
	struct ctlrun r;
	char want[64];
	size_t i;

	for (i = 0; i < N_COMMANDS; i++) {
		snprintf(want, sizeof(want), "usage: rngtrace %s", commands[i]);
		CTLRUN(&r, commands[i], "-h");
		CHECK_INT(r.status, 0);
		CHECK_CONTAINS(r.out, want);
		CHECK_STR(r.err, "");
		ctlrun_done(&r);
		CTLRUN(&r, commands[i], "--help");
		CHECK_INT(r.status, 0);
		CHECK_CONTAINS(r.out, want);
		ctlrun_done(&r);
		/* a prefix names an option too */
		CTLRUN(&r, commands[i], "--hel");
		CHECK_INT(r.status, 0);
		CHECK_CONTAINS(r.out, want);
		ctlrun_done(&r);
	}
}

/* Every command that prints takes -j and --json, and says so in --help. */
static void t_json(void)
{
	static const char *const printing[] = {
		"status", "events", "report", "check", "compare", "config",
	};
	const char *trace = fixture("r-qemu64-stall.json");
	struct ctlrun r;
	json_error_t jerr;
	json_t *j;
	size_t i;

	for (i = 0; i < sizeof(printing) / sizeof(printing[0]); i++) {
		CTLRUN(&r, printing[i], "--help");
		CHECK_CONTAINS(r.out, "-j, --json");
		ctlrun_done(&r);
	}
	/* No module here: -j is taken, and the error is the module's absence. */
	for (i = 0; i < 3; i++) {
		static const char *const live[] = { "status", "events", "config" };

		CTLRUN(&r, live[i], "-j");
		CHECK_INT(r.status, 2);
		CHECK_CONTAINS(r.err, "module is not loaded");
		check_error_line(&r, live[i]);
		ctlrun_done(&r);
	}
	for (i = 0; i < 3; i++) {
		static const char *const offline[] = { "report", "check", "compare" };

		CTLRUN(&r, offline[i], "-j", trace);
		CHECK_INT(r.status, 0);
		j = json_loads(r.out ? r.out : "", 0, &jerr);
		CHECK(json_is_object(j));
		json_decref(j);
		ctlrun_done(&r);
	}
}

/* The same mistake, the same message, in every command. */
static void t_usage_errors(void)
{
	struct ctlrun r;
	char want[128];
	size_t i;

	for (i = 0; i < N_COMMANDS; i++) {
		CTLRUN(&r, commands[i], "--bogus");
		CHECK_INT(r.status, 2);
		check_error_line(&r, commands[i]);
		CHECK_CONTAINS(r.err, "unknown option '--bogus'");
		snprintf(want, sizeof(want), "; see 'rngtrace %s --help'\n",
			 commands[i]);
		CHECK_CONTAINS(r.err, want);
		ctlrun_done(&r);

		CTLRUN(&r, commands[i], "-Z");
		CHECK_INT(r.status, 2);
		check_error_line(&r, commands[i]);
		CHECK_CONTAINS(r.err, "unknown option '-Z'");
		ctlrun_done(&r);

		CTLRUN(&r, commands[i], "--help=yes");
		CHECK_INT(r.status, 2);
		check_error_line(&r, commands[i]);
		CHECK_CONTAINS(r.err, "option '--help' takes no value");
		ctlrun_done(&r);
	}
	/* a value missing at the end, long or short */
	CTLRUN(&r, "check", "--max-ready");
	CHECK_INT(r.status, 2);
	check_error_line(&r, "check");
	CHECK_CONTAINS(r.err, "option '--max-ready' needs a value");
	ctlrun_done(&r);
	CTLRUN(&r, "compare", "-l");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "option '-l' needs a value");
	ctlrun_done(&r);
	CTLRUN(&r, "events", "--since");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "option '--since' needs a value");
	ctlrun_done(&r);
}

/* A prefix of several options is ambiguous, and says which they are. */
static void t_ambiguous(void)
{
	const char *trace = fixture("r-qemu64-stall.json");
	struct ctlrun r;

	CTLRUN(&r, "check", "--max", "1", trace);
	CHECK_INT(r.status, 2);
	check_error_line(&r, "check");
	CHECK_CONTAINS(r.err, "option '--max' is ambiguous: --max-ready, --max-wait, --max-blocked, --max-unseeded, --max-worse");
	ctlrun_done(&r);
	CTLRUN(&r, "report", "--j", trace);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "option '--j' is ambiguous: --json, --journal-fields, --journal; see");
	ctlrun_done(&r);
	/* a prefix of one is that one */
	CTLRUN(&r, "report", "--su", trace);
	CHECK_INT(r.status, 0);
	CHECK(one_line(r.out));
	ctlrun_done(&r);
}

/* report prints one form: two are refused, whichever comes last. */
static void t_report_forms(void)
{
	static const char *const pairs[][2] = {
		{ "--json", "--summary" }, { "--summary", "--json" },
		{ "--json", "--journal-fields" }, { "--summary", "--journal-fields" },
		{ "--journal-fields", "--journal" }, { "--journal", "--json" },
	};
	const char *trace = fixture("r-qemu64-stall.json");
	struct ctlrun r;
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		CTLRUN(&r, "report", pairs[i][0], pairs[i][1], trace);
		CHECK_INT(r.status, 2);
		check_error_line(&r, "report");
		CHECK_CONTAINS(r.err, "give one");
		ctlrun_done(&r);
	}
	/* the same one twice is still one */
	CTLRUN(&r, "report", "--summary", "--summary", trace);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
}

/* record has no undocumented -A: --allow-timeout is its only name. */
static void t_record_no_A(void)
{
	struct ctlrun r;

	CTLRUN(&r, "record", "-A", "-o", "/nonexistent-rngtrace/t.json");
	CHECK_INT(r.status, 2);
	check_error_line(&r, "record");
	CHECK_CONTAINS(r.err, "unknown option '-A'");
	ctlrun_done(&r);
	CTLRUN(&r, "record", "--help");
	CHECK_LACKS(r.out, "-A");
	ctlrun_done(&r);
}

/* The module's absence is said as every error: "rngtrace COMMAND: ". */
static void t_module_errors(void)
{
	static const char *const live[][3] = {
		{ "status" }, { "events" }, { "config" }, { "reset" },
		{ "record", "-o", "-" },
	};
	struct ctlrun r;
	size_t i;

	for (i = 0; i < sizeof(live) / sizeof(live[0]); i++) {
		const char *argv[] = { rt_test_ctl, live[i][0], live[i][1],
				       live[i][2], NULL };

		ctlrun_argv(&r, NULL, argv);
		CHECK_INT(r.status, 2);
		CHECK_CONTAINS(r.err, "module is not loaded");
		check_error_line(&r, live[i][0]);
		ctlrun_done(&r);
	}
}

static const struct rt_test habits_tests[] = {
	{ "habits: -h, --help and a prefix of it in every command", t_help },
	{ "habits: -j, --json in every command that prints", t_json },
	{ "habits: the same usage errors in every command", t_usage_errors },
	{ "habits: an ambiguous option is called ambiguous", t_ambiguous },
	{ "habits: report --json --summary is refused", t_report_forms },
	{ "habits: record has no undocumented -A", t_record_no_A },
	{ "habits: module errors are \"rngtrace COMMAND: ...\"", t_module_errors },
	{ NULL, NULL }
};

RT_SUITE(habits_tests)
