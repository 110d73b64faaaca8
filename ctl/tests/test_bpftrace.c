// SPDX-License-Identifier: GPL-2.0
/*
 * A trace the BPF backend recorded (record --backend bpf, trace format
 * 1.5): fixtures/r-bpf.json, record_test's boot of a 6.1.0-57-amd64 guest
 * without RDRAND (tools/vm/run --cpu qemu64), the BPF programs attached
 * at 3.920 s beside the module (whose own trace of it the test compared):
 * READY at 4.780244 s by jitter, its completing credit's call returning
 * at 4.780735 s, three children blocked in getrandom().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "ctlrun.h"
#include "harness.h"
#include "summary.h"

static void test_bpf_summary(void)
{
	struct rt_summary s;
	char err[512];

	REQUIRE(rt_summary_load(fixture("r-bpf.json"), &s, err, sizeof(err)) == 0);
	CHECK(s.no_module && s.bpf_backend);
	/* its events begin when its programs were attached */
	CHECK(s.load_ns == 3919542243LL);
	CHECK_INT(s.credit_total, 254);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_JITTER], 254);
	CHECK(s.ready && !s.ready_before_load && s.ready_ns == 4780243620LL);
	CHECK_STR(s.ready_source, "jitter");
	CHECK_STR(s.ready_evidence, "completer");
	CHECK_INT(s.nblocked, 3);
	rt_summary_free(&s);
}

static void test_bpf_report(void)
{
	struct ctlrun r;
	json_t *j;

	CTLRUN(&r, "report", fixture("r-bpf.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "ready:      4.780 s after boot");
	CHECK_CONTAINS(r.out, "completed:  by jitter");
	CHECK_CONTAINS(r.out, "loaded:     no module: the BPF backend's events, from 3.920 s");
	CHECK_CONTAINS(r.out, "(unknown to it: the pool when it attached, hwrngs)");
	CHECK_CONTAINS(r.out, "credits:    254 bits (254 seen by the BPF backend)");
	CHECK_LACKS(r.out, "boot probes");
	CHECK_LACKS(r.out, "inferred:");
	CHECK_CONTAINS(r.out, "3 tasks waited 3 times");
	CHECK_LACKS(r.out, "missed");
	ctlrun_done(&r);

	CTLRUN(&r, "report", "--json", fixture("r-bpf.json"));
	CHECK_INT(r.status, 0);
	j = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(j);
	CHECK_STR(json_string_value(json_object_get(j, "backend")), "bpf");
	CHECK(json_integer_value(json_object_get(j, "attached_ns")) == 3919542243LL);
	CHECK(json_is_integer(json_object_get(j, "bpf_missed")));
	CHECK_INT(json_integer_value(json_object_get(j, "bpf_missed")), 0);
	json_decref(j);
	ctlrun_done(&r);

	/* the gates read it as any trace */
	CTLRUN(&r, "check", "--max-ready", "5s", fixture("r-bpf.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--max-ready", "4s", fixture("r-bpf.json"));
	CHECK_INT(r.status, 1);
	ctlrun_done(&r);
}

/* What the programs missed, by cause in the trace: report says it. */
static void test_bpf_missed(void)
{
	json_t *t = json_load_file(fixture("r-bpf.json"), 0, NULL), *bpf, *j;
	const char *path;
	struct ctlrun r;
	char *text;

	REQUIRE(t);
	bpf = json_object_get(json_object_get(t, "record"), "bpf");
	REQUIRE(bpf);
	json_object_set_new(bpf, "ringbuf_full", json_integer(2));
	json_object_set_new(bpf, "call_unpaired", json_integer(1));
	json_object_set_new(bpf, "recursion_misses", json_integer(4));
	text = json_dumps(t, 0);
	REQUIRE(text);
	path = temp_with(text, strlen(text));
	REQUIRE(path);

	CTLRUN(&r, "report", path);
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "warning:    the BPF programs missed 7 events (record.bpf counts them by cause)");
	ctlrun_done(&r);
	CTLRUN(&r, "report", "--json", path);
	CHECK_INT(r.status, 0);
	j = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "bpf_missed")), 7);
	json_decref(j);
	ctlrun_done(&r);
	unlink(path);
	free(text);
	json_decref(t);
}

static const struct rt_test tests[] = {
	{ "bpftrace: the BPF backend's trace: its summary", test_bpf_summary },
	{ "bpftrace: report says which backend, and what it cannot know", test_bpf_report },
	{ "bpftrace: report warns of what the BPF programs missed", test_bpf_missed },
	{ NULL, NULL },
};
RT_SUITE(tests);
