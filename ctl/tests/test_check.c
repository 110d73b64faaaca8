// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace check, run as built on the r-* fixtures; its duration parser.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "harness.h"
#include "ctlrun.h"

/* check.c */

#define RUN(r, ...) CTLRUN(r, __VA_ARGS__)
#define RUN_IN(r, in, ...) CTLRUN_IN(r, in, __VA_ARGS__)

static void test_parse_duration(void)
{
	static const struct { const char *s; long long ns; } ok[] = {
		{ "1.5s", 1500000000LL }, { "200ms", 200000000LL },
		{ "2", 2000000000LL }, { "0", 0 }, { "0.25", 250000000LL },
		{ "1.", 1000000000LL }, { ".5s", 500000000LL },
		{ "750us", 750000LL }, { "42ns", 42 }, { "1.0000000019s", 1000000001LL },
		{ "1.5ms", 1500000LL }, { "9223372036s", 9223372036000000000LL },
	};
	static const char * const bad[] = {
		"", "s", "ms", "-1", "1.5 s", "1,5s", "1.5h", "1.5sec", " 1",
		"1e3", "abc", "9223372037s", "99999999999999999999", ".", "1..5",
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		long long ns = -7;

		if (rt_parse_duration(ok[i].s, &ns) || ns != ok[i].ns)
			rt_test_fail(__FILE__, __LINE__, "\"%s\": %lld, expected %lld",
				     ok[i].s, ns, ok[i].ns);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long long ns = -7;

		if (!rt_parse_duration(bad[i], &ns))
			rt_test_fail(__FILE__, __LINE__, "\"%s\" accepted as %lld",
				     bad[i], ns);
	}
}

static void test_meets(void)
{
	struct ctlrun r;

	/* the stall: ready 1.5 s, worst wait 860.2 ms, 3 tasks, 0 unseeded */
	RUN(&r, "check", "--max-ready", "1.5s", "--max-wait", "900ms",
	    "--max-blocked", "3", "--max-unseeded", "0",
	    fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	CHECK_STR(r.err, "");
	ctlrun_done(&r);

	/* no limits: only that the trace reads */
	RUN(&r, "check", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
}

static void test_breaks(void)
{
	struct ctlrun r;

	RUN(&r, "check", "--max-ready", "1", "--max-wait", "500ms",
	    "--max-blocked", "2", "--max-unseeded", "0",
	    fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 1);
	CHECK_CONTAINS(r.out, "max-ready: ready 1.500 s after boot, over the limit of 1.000 s\n");
	CHECK_CONTAINS(r.out, "max-wait: systemd (pid 1) waited 0.860 s, over the limit of 0.500 s\n");
	CHECK_CONTAINS(r.out, "max-blocked: 3 tasks waited, over the limit of 2\n");
	CHECK_LACKS(r.out, "max-unseeded");
	CHECK_INT(lines(r.out), 3);
	CHECK_STR(r.err, "");
	ctlrun_done(&r);

	/*
	 * Three unseeded calls: two GRND_NONBLOCK ones that got EAGAIN (no
	 * bytes), one that got 512 bytes: one read was served.
	 */
	RUN(&r, "check", "--max-unseeded", "0", fixture("r-nonblock-consumer.json"));
	CHECK_INT(r.status, 1);
	CHECK_STR(r.out, "max-unseeded: 1 read served before ready, over the limit of 0\n");
	ctlrun_done(&r);

	RUN(&r, "check", "--max-unseeded", "1", fixture("r-nonblock-consumer.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);

	/* just over */
	RUN(&r, "check", "--max-ready", "1499.999ms", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 1);
	CHECK_INT(lines(r.out), 1);
	ctlrun_done(&r);
}

/*
 * --json: the same verdict from the same calls (print.h), times in
 * nanoseconds (print.h: one unit per output kind).
 */
static void test_json(void)
{
	struct ctlrun r;
	json_t *o, *b, *e;

	RUN(&r, "check", "--json", "--max-ready", "1", "--max-wait", "500ms",
	    "--max-blocked", "2", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 1);
	o = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(o);
	CHECK(json_is_false(json_object_get(o, "ok")));
	b = json_object_get(o, "broken");
	REQUIRE(json_array_size(b) == 3);
	e = json_array_get(b, 0);
	CHECK_STR(json_string_value(json_object_get(e, "check")), "max-ready");
	CHECK_INT(json_integer_value(json_object_get(e, "ready_time_ns")), 1500000000);
	CHECK_INT(json_integer_value(json_object_get(e, "limit_ns")), 1000000000);
	e = json_array_get(b, 1);
	CHECK_STR(json_string_value(json_object_get(e, "comm")), "systemd");
	CHECK_INT(json_integer_value(json_object_get(e, "pid")), 1);
	CHECK_INT(json_integer_value(json_object_get(e, "worst_wait_ns")), 860200000);
	e = json_array_get(b, 2);
	CHECK_INT(json_integer_value(json_object_get(e, "blocked_tasks")), 3);
	CHECK_INT(json_integer_value(json_object_get(e, "limit")), 2);
	json_decref(o);
	ctlrun_done(&r);

	RUN(&r, "check", "--json", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	o = json_loads(r.out ? r.out : "", 0, NULL);
	CHECK(o && json_is_true(json_object_get(o, "ok")) &&
	      json_array_size(json_object_get(o, "broken")) == 0);
	json_decref(o);
	ctlrun_done(&r);
}

/* Ready before the module loaded counts as ready at 0. */
static void test_ready_before_load(void)
{
	struct ctlrun r;

	RUN(&r, "check", "--max-ready", "0", "--max-wait", "0", "--max-blocked", "0",
	    fixture("r-cpumax-ready-before-load.json"));
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
}

static void test_never_ready(void)
{
	static const char text[] =
		"{\"format\":\"rngtrace-trace\",\"version\":\"1.0\",\"host\":{},"
		"\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
		"\"events\":[],\"credits\":[]}";
	const char *path = temp_with(text, sizeof(text) - 1);
	struct ctlrun r;

	REQUIRE(path);
	RUN(&r, "check", "--max-ready", "100s", path);
	CHECK_INT(r.status, 1);
	CHECK_CONTAINS(r.out, "max-ready: the CRNG was not ready when the recording ended");
	ctlrun_done(&r);
	/* no READY: incomplete, its own exit status unless accepted */
	RUN(&r, "check", "--max-wait", "0", path);
	CHECK_INT(r.status, 3);
	CHECK_CONTAINS(r.out, "incomplete: no READY: the CRNG was not ready when the recording ended (--accept-incomplete to accept it)");
	ctlrun_done(&r);
	RUN(&r, "check", "--max-wait", "0", "--accept-incomplete", path);
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "incomplete (accepted): no READY");
	ctlrun_done(&r);
	unlink(path);
}

static void test_errors(void)
{
	struct ctlrun r;
	const char *path = temp_with("{\"format\":\"rngtrace-trace\",\"version\":\"99.0\"}", 44);

	RUN(&r, "check", "--max-ready", "1s");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "rngtrace check: give a trace FILE (record one with 'rngtrace record -o FILE'); see 'rngtrace check --help'\n");
	ctlrun_done(&r);

	RUN(&r, "check", "--max-ready", "soon", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "--max-ready: 'soon' is not a duration");
	ctlrun_done(&r);

	RUN(&r, "check", "--max-blocked", "-1", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "--max-blocked: '-1' is not a count");
	ctlrun_done(&r);

	RUN(&r, "check", fixture("r-qemu64-stall.json"), "--max-wait");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "'--max-wait' needs a value");
	ctlrun_done(&r);

	RUN(&r, "check", "--max-speed", "1", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "unknown option '--max-speed'");
	ctlrun_done(&r);

	REQUIRE(path);
	RUN(&r, "check", "--max-ready", "1s", path);
	CHECK_INT(r.status, 2);
	CHECK(r.err && !strncmp(r.err, "rngtrace check: ", 16));
	CHECK_CONTAINS(r.err, "newer than this rngtrace reads");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
	unlink(path);

	RUN_IN(&r, fixture("r-qemu64-stall.json"), "check", "--max-ready", "2s", "-");
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);

	RUN(&r, "check", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace check");
	CHECK_CONTAINS(r.out, "1.5s, 200ms");
	CHECK_CONTAINS(r.out, "counts as 0");
	ctlrun_done(&r);
}

static const struct rt_test check_tests[] = {
	{ "check --json: the same verdict, times in ns", test_json },
	{ "check: durations", test_parse_duration },
	{ "check: a trace within its limits exits 0", test_meets },
	{ "check: each broken limit is a line, exit 1", test_breaks },
	{ "check: ready before load is ready at 0", test_ready_before_load },
	{ "check: never ready breaks --max-ready", test_never_ready },
	{ "check: errors exit 2", test_errors },
	{ NULL, NULL },
};

RT_SUITE(check_tests)
