// SPDX-License-Identifier: GPL-2.0
/*
 * Traces with the boot probes' events (origin boot-probe, trace format
 * 1.2), from 6.1.0-57-amd64 guests without RDRAND booted with
 * 'rngtrace bootargs' on the command line and a /dev/random reader:
 *
 *   r-bootprobes-merged.json  the module loaded by /init at 3.068 s; the
 *                             boot probes' one credit before it (2 bits,
 *                             interrupts, at 1.937 s) and 11 polls merged;
 *                             the pool at load 3 bits: 1 before any probe
 *   r-bootprobes-only.json    no module: record wrote the boot probes'
 *                             events alone (READY 4.196244 s by jitter,
 *                             the kernel's "crng init done" 365 us later)
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "ctlrun.h"
#include "harness.h"
#include "summary.h"

#define RUN(r, ...) CTLRUN(r, __VA_ARGS__)

static void test_merged_summary(void)
{
	struct rt_summary s;
	char err[512];

	REQUIRE(rt_summary_load(fixture("r-bootprobes-merged.json"), &s, err,
				sizeof(err)) == 0);
	CHECK(!s.no_module);
	CHECK_INT(s.pool_bits_at_load, 3);
	CHECK_INT(s.boot_credit_total, 2);
	CHECK_INT(s.boot_credit_bits[RNGTRACE_SOURCE_INTERRUPTS], 2);
	CHECK(s.boot_first_ns == 1937372000LL);
	/* the module's credits since load are the trace's credits[] */
	CHECK_INT(s.credit_total, 253);
	CHECK(s.ready && !s.ready_before_load);
	CHECK_STR(s.ready_evidence, "completer");
	rt_summary_free(&s);
}

/* The bits before load: those a boot probe saw, by source, and the rest. */
static void test_merged_report(void)
{
	struct ctlrun r;
	json_t *j, *bp;

	RUN(&r, "report", fixture("r-bootprobes-merged.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "  before load         3 bits");
	CHECK_CONTAINS(r.out, "    boot probes (the first event at 1.937 s): 2 bits, interrupts 2\n");
	CHECK_CONTAINS(r.out, "    before the first probe: 1 bits\n");
	/* only the rest is inferred */
	CHECK_CONTAINS(r.out, "    inferred: interrupts");
	ctlrun_done(&r);

	RUN(&r, "report", "--json", fixture("r-bootprobes-merged.json"));
	CHECK_INT(r.status, 0);
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	bp = json_object_get(json_object_get(j, "credits"), "boot_probes");
	CHECK(json_integer_value(json_object_get(bp, "bits")) == 2);
	CHECK(json_integer_value(json_object_get(bp, "before_first_probe_bits")) == 1);
	CHECK(json_integer_value(json_object_get(bp, "first_ns")) == 1937372000LL);
	json_decref(j);
	ctlrun_done(&r);
}

/* No grey box where the boot probes saw events: it ends at the first. */
static void test_merged_plot(void)
{
	struct ctlrun r;

	RUN(&r, "plot", fixture("r-bootprobes-merged.json"), "-o", "-");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "<title>before the first boot probe: not traced</title>");
	CHECK_LACKS(r.out, "before the module loaded: not traced");
	CHECK_CONTAINS(r.out, "<title>credited before the first probe: 1 bits</title>");
	CHECK_CONTAINS(r.out, "<title>interrupts: 2 bits</title>");
	/* 3 + 253 bits in all: not the 2 counted twice */
	CHECK_CONTAINS(r.out, "<title>jitter: 253 bits</title>");
	ctlrun_done(&r);

	RUN(&r, "plot", fixture("c-stall-1.json"), "-o", "-");
	CHECK_CONTAINS(r.out, "before the module loaded: not traced");
	ctlrun_done(&r);
}

static void test_only_summary(void)
{
	struct rt_summary s;
	char err[512];

	REQUIRE(rt_summary_load(fixture("r-bootprobes-only.json"), &s, err,
				sizeof(err)) == 0);
	CHECK(s.no_module);
	CHECK(s.load_ns == 1989327000LL);
	CHECK_INT(s.credit_total, 255);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_JITTER], 252);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_INTERRUPTS], 3);
	CHECK(s.ready && !s.ready_before_load && s.ready_ns == 4196244000LL);
	CHECK_STR(s.ready_source, "jitter");
	CHECK_STR(s.ready_evidence, "last-credit");
	CHECK_INT(s.nblocked, 1);
	rt_summary_free(&s);
}

/* What a trace of the boot probes alone cannot know, it says. */
static void test_only_report(void)
{
	struct ctlrun r;

	RUN(&r, "report", fixture("r-bootprobes-only.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "ready:      4.196 s after boot");
	CHECK_CONTAINS(r.out, "inferred:   from last-credit: the last credit a boot probe saw before crng_set_ready()");
	CHECK_LACKS(r.out, "a second or more late");
	CHECK_CONTAINS(r.out, "completed:  by jitter");
	CHECK_CONTAINS(r.out, "loaded:     no module: the boot probes' events alone, from 1.989 s");
	CHECK_CONTAINS(r.out, "(unknown to them: getrandom()'s flags or its results\n");
	CHECK_CONTAINS(r.out, "the units of tasks gone before the recording");
	CHECK_CONTAINS(r.out, "credits:    255 bits (255 seen by the boot probes)");
	CHECK_CONTAINS(r.out, "before the first probe: not known");
	CHECK_LACKS(r.out, "before load");
	CHECK_CONTAINS(r.out, "dev_random");
	/* flags not known: shown as such, never as 0 */
	CHECK_CONTAINS(r.out, "getrandom        -  -11 (EAGAIN)");
	/* ... and nothing for the rows only JSON lists */
	CHECK_CONTAINS(r.out, "\n  ... and 2 more programs");
	ctlrun_done(&r);

	/* the gates read it as any trace */
	RUN(&r, "check", "--max-ready", "5s", fixture("r-bootprobes-only.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	RUN(&r, "check", "--max-ready", "4s", fixture("r-bootprobes-only.json"));
	CHECK_INT(r.status, 1);
	ctlrun_done(&r);
}

/* A boot probe's wait has no flags: the export says none, not -1. */
static void test_only_perfetto(void)
{
	struct ctlrun r;
	json_t *j, *te, *ev, *args;
	size_t i;
	int waits = 0;

	RUN(&r, "export", "--format", "perfetto", fixture("r-bootprobes-only.json"));
	CHECK_INT(r.status, 0);
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	te = json_object_get(j, "traceEvents");
	json_array_foreach(te, i, ev) {
		if (strcmp(json_string_value(json_object_get(ev, "cat")) ?: "", "wait"))
			continue;
		waits++;
		args = json_object_get(ev, "args");
		CHECK(args && !json_object_get(args, "flags"));
		CHECK(json_integer_value(json_object_get(args, "bytes")) > 0);
	}
	CHECK(waits > 0);
	json_decref(j);
	ctlrun_done(&r);
}

static const struct rt_test tests[] = {
	{ "boottrace: merged: the summary's boot-probe credits", test_merged_summary },
	{ "boottrace: merged: report splits the bits before load", test_merged_report },
	{ "boottrace: merged: the plot's grey box ends at the first probe", test_merged_plot },
	{ "boottrace: alone: loaded without a module object", test_only_summary },
	{ "boottrace: alone: report says what it cannot know", test_only_report },
	{ "boottrace: alone: perfetto gives no flags it does not know", test_only_perfetto },
	{ NULL, NULL },
};
RT_SUITE(tests);
