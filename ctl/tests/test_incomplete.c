// SPDX-License-Identifier: GPL-2.0
/*
 * Incomplete traces are never silent (issue 25 item 2): a trace that
 * record stopped by --timeout or a signal, or one without READY, says so
 * in report, compare, check and every export; the waits still in flight
 * when the recording ended (record.open_waits) count as blocked up to
 * its end. fixtures/r-timeout-open-waits.json: stopped by --timeout at
 * 3.5 s, not ready; systemd waited 0.7..1.2 s (EINTR) and again from
 * 1.3 s, sshd from 0.9 s, both still waiting; a third wait in flight
 * that STATUS did not list.
 */
#include <jansson.h>

#include "ctlrun.h"
#include "harness.h"
#include "summary.h"

#define TIMEOUT_FX "r-timeout-open-waits.json"

static int starts(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

static void t_summary(void)
{
	struct rt_summary s;
	char err[256], why[512];

	REQUIRE(!rt_summary_load(fixture(TIMEOUT_FX), &s, err, sizeof(err)));
	CHECK_INT(s.incomplete, RT_INCOMPLETE_TIMEOUT | RT_INCOMPLETE_NOT_READY);
	CHECK_STR(rt_incomplete_text(&s, why, sizeof(why)),
		  "the recording was stopped by --timeout before the CRNG was ready; "
		  "no READY: the CRNG was not ready when the recording ended");
	/* open waits: blocked up to the end (3.5 s) */
	CHECK_INT(s.nopen_waits, 2);
	CHECK_INT(s.open_waits_unlisted, 1);
	CHECK_INT(s.nwaits, 3);
	CHECK_INT(s.nblocked, 2);
	CHECK_INT(s.worst_wait_ns, 2600000000LL);	/* sshd: 0.9 .. 3.5 s */
	CHECK_INT(s.total_wait_ns, 500000000LL + 2600000000LL + 2200000000LL);
	CHECK(s.waits[0].open && s.waits[0].end_ns == 3500000000LL);
	CHECK_STR(s.waits[0].comm, "sshd");
	CHECK(!s.waits[2].open);
	rt_summary_free(&s);

	/* a complete trace of 1.0 is complete */
	REQUIRE(!rt_summary_load(fixture("r-qemu64-stall.json"), &s, err, sizeof(err)));
	CHECK_INT(s.incomplete, 0);
	CHECK_STR(rt_incomplete_text(&s, why, sizeof(why)), "");
	CHECK_INT(s.nopen_waits, 0);
	rt_summary_free(&s);
}

/* @fixture with record's until and stopped_by replaced, as a temp file. */
static const char *with_record(const char *fx, const char *until,
			       const char *stopped_by, int complete)
{
	static char path[2][64];
	static int n;
	char *p = path[n++ % 2];
	json_t *t = json_load_file(fixture(fx), 0, NULL), *r;
	int fd;

	if (!t)
		return NULL;
	r = json_object_get(t, "record");
	json_object_set_new(r, "until", json_string(until));
	json_object_set_new(r, "stopped_by", json_string(stopped_by));
	json_object_set_new(r, "complete", json_boolean(complete));
	snprintf(p, sizeof(path[0]), "/tmp/rt-inc-XXXXXX");
	fd = mkstemp(p);
	if (fd < 0 || json_dumpfd(t, fd, 0)) {
		json_decref(t);
		return NULL;
	}
	close(fd);
	json_decref(t);
	return p;
}

/* By a signal: incomplete unless --until signal asked for one. */
static void t_signal(void)
{
	const char *sig = with_record("r-qemu64-stall.json", "ready", "signal", 0);
	const char *asked = with_record("r-qemu64-stall.json", "signal", "signal", 1);
	struct ctlrun r;

	REQUIRE(sig && asked);
	CTLRUN(&r, "report", sig);
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	CHECK(starts(r.out, "INCOMPLETE: the recording was stopped by a signal before the CRNG was ready\n"));
	ctlrun_done(&r);
	CTLRUN(&r, "check", sig);
	CHECK_INT(r.status, 3);
	ctlrun_done(&r);
	CTLRUN(&r, "report", asked);
	CHECK_INT(r.status, 0);
	CHECK(starts(r.out, "trace:"));
	ctlrun_done(&r);
	CTLRUN(&r, "check", asked);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	unlink(sig);
	unlink(asked);
}

static void t_report(void)
{
	struct ctlrun r;
	json_t *j, *w;

	CTLRUN(&r, "report", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	/* the first line */
	CHECK(starts(r.out, "INCOMPLETE: the recording was stopped by --timeout before the CRNG was ready; no READY"));
	CHECK_CONTAINS(r.out, "blocked:    2 tasks waited 3 times, 5.300 s in all, the longest 2.600 s;\n"
		       "            2 still waiting when the recording ended (counted up to its end);\n"
		       "            1 more in flight that the module did not list\n");
	CHECK_CONTAINS(r.out, "2.600 s  still waiting at the end\n");
	ctlrun_done(&r);

	CTLRUN(&r, "report", "--json", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 0);
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	CHECK(json_is_false(json_object_get(j, "complete")));
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "incomplete"), 0)), "timeout");
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "incomplete"), 1)), "not-ready");
	CHECK_STR(json_string_value(json_object_get(j, "stopped_by")), "timeout");
	CHECK_INT(json_integer_value(json_object_get(j, "open_waits")), 2);
	CHECK_INT(json_integer_value(json_object_get(j, "worst_wait_ns")), 2600000000LL);
	w = json_array_get(json_object_get(j, "waits"), 0);
	CHECK(json_is_true(json_object_get(w, "open")));
	CHECK(!json_object_get(w, "result"));
	CHECK_INT(json_integer_value(json_object_get(w, "end_ns")), 3500000000LL);
	json_decref(j);
	ctlrun_done(&r);

	CTLRUN(&r, "report", "--journal-fields", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "MESSAGE=INCOMPLETE trace (timeout,not-ready): ");
	CHECK_CONTAINS(r.out, "\nRNGTRACE_COMPLETE=0\nRNGTRACE_INCOMPLETE=timeout,not-ready\nRNGTRACE_OPEN_WAITS=2\n");
	ctlrun_done(&r);
	CTLRUN(&r, "report", "--journal-fields", fixture("r-qemu64-stall.json"));
	CHECK_CONTAINS(r.out, "\nRNGTRACE_COMPLETE=1\n");
	CHECK_LACKS(r.out, "INCOMPLETE");
	ctlrun_done(&r);
}

static void t_check(void)
{
	struct ctlrun r;
	json_t *j;

	CTLRUN(&r, "check", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 3);
	CHECK_CONTAINS(r.out, "incomplete: the recording was stopped by --timeout");
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--accept-incomplete", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	/* a limit broken wins: the open wait counts (sshd, 2.6 s) */
	CTLRUN(&r, "check", "--accept-incomplete", "--max-wait", "2.5", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 1);
	CHECK_CONTAINS(r.out, "max-wait: sshd (pid 412) waited 2.600 s");
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--json", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 3);
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	CHECK(json_is_false(json_object_get(j, "ok")));
	CHECK(json_is_false(json_object_get(j, "complete")));
	CHECK_INT(json_array_size(json_object_get(j, "incomplete")), 2);
	json_decref(j);
	ctlrun_done(&r);
	/* --max-blocked counts the tasks still waiting */
	CTLRUN(&r, "check", "--accept-incomplete", "--max-blocked", "1", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 1);
	ctlrun_done(&r);
}

static void t_compare(void)
{
	struct ctlrun r;
	json_t *j, *g, *t;

	CTLRUN(&r, "compare", fixture(TIMEOUT_FX), fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\nINCOMPLETE traces                          1\n");
	ctlrun_done(&r);
	CTLRUN(&r, "compare", "--json", fixture(TIMEOUT_FX), fixture("r-qemu64-stall.json"));
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	g = json_array_get(json_object_get(j, "groups"), 0);
	CHECK_INT(json_integer_value(json_object_get(g, "incomplete_traces")), 1);
	t = json_array_get(json_object_get(g, "traces"), 0);
	CHECK(json_is_false(json_object_get(t, "complete")));
	t = json_array_get(json_object_get(g, "traces"), 1);
	CHECK(json_is_true(json_object_get(t, "complete")));
	json_decref(j);
	ctlrun_done(&r);
	/* no row when every trace is complete */
	CTLRUN(&r, "compare", fixture("r-qemu64-stall.json"));
	CHECK_LACKS(r.out, "INCOMPLETE");
	ctlrun_done(&r);
}

static void t_exports(void)
{
	struct ctlrun r;
	json_t *j, *m;

	CTLRUN(&r, "export", "-f", "junit", fixture(TIMEOUT_FX));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "<property name=\"complete\" value=\"false\"/>");
	CHECK_CONTAINS(r.out, "name=\"trace-complete\" time=\"0.000000\">\n"
		       "      <failure type=\"limit\" message=\"INCOMPLETE: the recording was stopped by --timeout");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "junit", "--accept-incomplete", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "name=\"trace-complete\" time=\"0.000000\">\n      <skipped message=\"INCOMPLETE:");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "ktap", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "\n# rngtrace: INCOMPLETE: the recording was stopped by --timeout");
	CHECK_CONTAINS(r.out, "\n# selftests: rngtrace: trace_complete\n"
		       "# # INCOMPLETE: the recording was stopped by --timeout");
	CHECK_CONTAINS(r.out, "\n# not ok 1 trace_complete\n"
		       "not ok 4 selftests: rngtrace: trace_complete\n");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "ktap", "--accept-incomplete", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "\n# ok 1 trace_complete # SKIP\n"
		       "ok 4 selftests: rngtrace: trace_complete # SKIP INCOMPLETE:");
	ctlrun_done(&r);
	/* lava (kcidb and squad: test_export.c): fails, or is skipped */
	CTLRUN(&r, "export", "-f", "lava", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "\nlava-test-case trace_complete --result fail\n");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "lava", "--accept-incomplete", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "\nlava-test-case trace_complete --result skip\n");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "prometheus", fixture(TIMEOUT_FX));
	CHECK_CONTAINS(r.out, "\nrngtrace_trace_complete{kernel=\"6.1.0-56-amd64\",boot_id=\"0b7e4a3c-5d21-4f0e-8c6a-2e9f1d3b7a55\"} 0\n");
	CHECK_CONTAINS(r.out, "\nrngtrace_open_waits{kernel=\"6.1.0-56-amd64\",boot_id=\"0b7e4a3c-5d21-4f0e-8c6a-2e9f1d3b7a55\"} 3\n");
	CHECK_CONTAINS(r.out, "\nrngtrace_waits_total{kernel=\"6.1.0-56-amd64\",boot_id=\"0b7e4a3c-5d21-4f0e-8c6a-2e9f1d3b7a55\"} 1\n");
	CHECK_CONTAINS(r.out, "\nrngtrace_worst_wait_seconds{kernel=\"6.1.0-56-amd64\",boot_id=\"0b7e4a3c-5d21-4f0e-8c6a-2e9f1d3b7a55\"} 2.6\n");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "prometheus", fixture("r-qemu64-stall.json"));
	CHECK_CONTAINS(r.out, "\nrngtrace_trace_complete{kernel=\"6.1.0-56-amd64\",boot_id=\"6f1c2a9e-3b7d-4c55-9a1e-0d2f8b4e7c31\"} 1\n");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "perfetto", fixture(TIMEOUT_FX));
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	m = json_object_get(j, "metadata");
	CHECK(json_is_false(json_object_get(m, "rngtrace_complete")));
	CHECK_CONTAINS(json_string_value(json_object_get(m, "rngtrace_incomplete")),
		       "stopped by --timeout");
	json_decref(j);
	CHECK_CONTAINS(r.out, "\"name\": \"wait getrandom (still waiting at the end)\"");
	CHECK_CONTAINS(r.out, "\"name\": \"INCOMPLETE recording\"");
	ctlrun_done(&r);
	CTLRUN(&r, "plot", fixture(TIMEOUT_FX), "-o", "-");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, ">INCOMPLETE trace</text>");
	CHECK_CONTAINS(r.out, "<desc class=\"incomplete\">INCOMPLETE: the recording was stopped by --timeout");
	CHECK_CONTAINS(r.out, "<rect class=\"wait open\"");
	ctlrun_done(&r);
}

/* 1.1's record.open_waits[] is checked as the other fields are. */
static void t_loader(void)
{
	static const char bad[] =
		"{\"format\":\"rngtrace-trace\",\"version\":\"1.1\",\"host\":{},"
		"\"module\":{\"load_time_ns\":1,\"ready_at_load\":true},"
		"\"events\":[],\"credits\":[],"
		"\"record\":{\"open_waits\":[{\"start_ns\":\"soon\"}]}}";
	const char *path = temp_with(bad, sizeof(bad) - 1);
	struct ctlrun r;

	REQUIRE(path);
	CTLRUN(&r, "report", path);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "record.open_waits[0].start_ns should be an integer");
	ctlrun_done(&r);
	unlink(path);
}

static const struct rt_test incomplete_tests[] = {
	{ "incomplete: the summary's reasons and open waits", t_summary },
	{ "incomplete: by a signal, unless --until signal", t_signal },
	{ "incomplete: report says so first, open waits counted", t_report },
	{ "incomplete: check exits 3 unless --accept-incomplete", t_check },
	{ "incomplete: compare counts them", t_compare },
	{ "incomplete: every export and plot say so", t_exports },
	{ "incomplete: record.open_waits[] is type-checked", t_loader },
	{ NULL, NULL },
};

RT_SUITE(incomplete_tests)
