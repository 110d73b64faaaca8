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
#include <string.h>

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
	ctlrun_done(&r);

	CTLRUN(&r, "report", "--json", fixture("r-bpf.json"));
	CHECK_INT(r.status, 0);
	j = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(j);
	CHECK_STR(json_string_value(json_object_get(j, "backend")), "bpf");
	CHECK(json_integer_value(json_object_get(j, "attached_ns")) == 3919542243LL);
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

static const struct rt_test tests[] = {
	{ "bpftrace: the BPF backend's trace: its summary", test_bpf_summary },
	{ "bpftrace: report says which backend, and what it cannot know", test_bpf_report },
	{ NULL, NULL },
};
RT_SUITE(tests);
