// SPDX-License-Identifier: GPL-2.0
/*
 * KernelCI's KCIDB I/O JSON, schema v5.3 (kcidb-io): one boot as test
 * runs of the kernel build it booted. Without --build-id the checkout
 * and the build are made from the trace (ids ORIGIN:RELEASE), so the
 * submission stands alone; with it the tests attach to a build the CI
 * already submitted, and no checkout or build is written.
 *
 * Tests, each under the path rngtrace.*:
 *   the cases (rt_export_cases(): crng_ready, wait.COMM.UNIT): PASS or
 *     FAIL against a limit (--max-ready, --max-wait), DONE without one,
 *     SKIP when the trace does not show the CRNG ready; the number is
 *     the ready time or the task's total wait in seconds;
 *   trace_complete: PASS, FAIL for an incomplete trace, SKIP for one
 *     with --accept-incomplete; no number;
 *   measurements, DONE with a number: module_load, waits.total,
 *     waits.longest, waits.count, blocked_tasks, unseeded_reads,
 *     entropy_at_load, credited.SOURCE (bits), events_dropped.
 * A test's id is ORIGIN:BOOT_ID:PATH; its environment names the machine
 * as the trace does (kernel, arch, command line, CPU RNG).
 */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "jsonout.h"
#include "utf8.h"

/* KCIDB's name for an architecture, as the kernel's ARCH; NULL if unknown. */
static const char *kcidb_arch(const struct rt_summary *s)
{
	switch (s->arch_id) {
	case RT_ARCH_X86:
		return !strcmp(s->arch, "i686") || !strcmp(s->arch, "i386") ?
		       "i386" : "x86_64";
	case RT_ARCH_ARM64:
		return "arm64";
	case RT_ARCH_RISCV:
		return "riscv";
	case RT_ARCH_ARM:
		return "arm";
	default:
		return NULL;
	}
}

/* "ORIGIN:@a" or "ORIGIN:@a:@b" (@a "" is "unknown"), as a JSON string. */
static json_t *kcidb_id(const char *origin, const char *a, const char *b)
{
	size_t len = strlen(origin) + strlen(a) + (b ? strlen(b) : 0) + 16;
	char *id = malloc(len);
	json_t *j;

	if (!id)
		return NULL;
	snprintf(id, len, "%s:%s%s%s", origin, *a ? a : "unknown",
		 b ? ":" : "", b ? b : "");
	j = rt_json_string_safe(id);
	free(id);
	return j;
}

static json_t *environment(const struct rt_summary *s)
{
	const char *arch = kcidb_arch(s);
	const char *rel = *s->kernel_release ? s->kernel_release : "unknown";
	const char *boot = *s->boot_id ? s->boot_id : "unknown";
	char comment[512];
	json_t *misc;

	/* the trace's strings: cut whole, or json_string() refuses them */
	rt_snprintf_cut(comment, sizeof(comment), "kernel %.*s, boot %.*s",
			rt_utf8_prec(rel, 200), rel, rt_utf8_prec(boot, 100), boot);
	misc = json_pack("{s:o, s:o, s:o, s:b, s:b, s:b, s:o}",
			 "kernel_release", rt_json_string_safe(s->kernel_release),
			 "boot_id", rt_json_string_safe(s->boot_id),
			 "cmdline", rt_json_string_safe(s->cmdline),
			 "cpu_rng", s->cpu_rng, "hypervisor", s->hypervisor,
			 "trust_cpu_off", s->trust_cpu_off,
			 "hwrng_current", rt_json_string_safe(s->hwrng_current));
	if (misc && arch)
		json_object_set_new(misc, "arch", json_string(arch));
	return json_pack("{s:o, s:o}", "comment", rt_json_string_safe(comment),
			 "misc", misc);
}

/* A number: {value, unit, prefix}; @unit NULL for a count. */
static json_t *number(double value, const char *unit)
{
	if (unit)
		return json_pack("{s:f, s:s, s:s}", "value", value, "unit", unit,
				 "prefix", "metric");
	return json_pack("{s:f}", "value", value);
}

struct tests {
	json_t *arr;
	const struct rt_export *x;
	const char *origin;
	json_t *build_id;
	int bad;
};

/* One test run: rngtrace.@path; @num NULL for none; @comment may be NULL. */
static void test(struct tests *t, const char *path, const char *status,
		 json_t *num, const char *comment)
{
	char full[RT_CASE_ID_MAX + 16];
	json_t *o;

	snprintf(full, sizeof(full), "rngtrace.%s", path);
	o = json_pack("{s:o, s:O, s:s, s:s, s:s, s:o}",
		      "id", kcidb_id(t->origin, t->x->s->boot_id, full),
		      "build_id", t->build_id, "origin", t->origin,
		      "path", full, "status", status,
		      "environment", environment(t->x->s));
	if (o && num)
		t->bad |= json_object_set_new(o, "number", num);
	else
		json_decref(num);
	if (o && comment)
		t->bad |= json_object_set_new(o, "comment", rt_json_string_safe(comment));
	t->bad |= !o || json_array_append_new(t->arr, o);
}

static void cases(struct tests *t)
{
	struct rt_case *c;
	size_t n, i;
	double v;

	if (rt_export_cases(t->x, &c, &n)) {
		t->bad = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		/* trace_complete is a verdict always, the others with a limit */
		int limited = c[i].kind == RT_CASE_WAIT ? t->x->max_wait_ns >= 0 :
			      c[i].kind == RT_CASE_READY ? t->x->max_ready_ns >= 0 : 1;
		const char *status = c[i].result == RT_CASE_FAIL ? "FAIL" :
				     c[i].result == RT_CASE_SKIP ? "SKIP" :
				     limited ? "PASS" : "DONE";

		test(t, c[i].id, status,
		     rt_case_value(t->x, &c[i], &v) ? number(v, "s") : NULL,
		     c[i].message);
	}
	free(c);
}

static void measurements(struct tests *t)
{
	struct rt_measure m[RT_MEASURES_MAX];
	size_t n = rt_export_measures(t->x->s, m), i;

	for (i = 0; i < n; i++)
		test(t, m[i].name, "DONE", number(m[i].value, m[i].unit), m[i].what);
}

int rt_export_kcidb(FILE *f, const struct rt_export *x)
{
	const struct rt_summary *s = x->s;
	const char *origin = x->origin ? x->origin : "rngtrace";
	const char *arch = kcidb_arch(s);
	struct tests t = { .x = x, .origin = origin };
	char comment[300];
	json_t *root, *checkout = NULL, *build = NULL;
	int bad = 0;

	root = json_pack("{s:{s:i, s:i}, s:[]}", "version", "major", 5,
			 "minor", 3, "tests");
	t.arr = json_object_get(root, "tests");
	t.build_id = x->build_id ? json_string(x->build_id) :
		     kcidb_id(origin, s->kernel_release, NULL);
	if (!root || !t.build_id)
		goto out;
	if (!x->build_id) {
		const char *rel = *s->kernel_release ? s->kernel_release : "unknown";

		rt_snprintf_cut(comment, sizeof(comment), "Linux %.*s",
				rt_utf8_prec(rel, 250), rel);
		/* The kernel booted: its checkout and build were good. */
		checkout = json_pack("{s:o, s:s, s:o, s:b}",
				     "id", kcidb_id(origin, s->kernel_release, NULL),
				     "origin", origin,
				     "comment", rt_json_string_safe(comment),
				     "valid", 1);
		build = json_pack("{s:O, s:O, s:s, s:o, s:s}",
				  "id", t.build_id, "checkout_id", t.build_id,
				  "origin", origin,
				  "comment", rt_json_string_safe(comment),
				  "status", "PASS");
		if (build && arch)
			bad |= json_object_set_new(build, "architecture", json_string(arch));
		bad |= !checkout || !build ||
		       json_object_set_new(root, "checkouts", json_pack("[o]", checkout)) ||
		       json_object_set_new(root, "builds", json_pack("[o]", build));
		checkout = build = NULL;
	}
	cases(&t);
	measurements(&t);
	if (!bad && !t.bad)
		bad = rt_json_print(f, root);
	else
		bad = 1;
out:
	json_decref(t.build_id);
	json_decref(root);
	return bad || !root || !t.build_id ? -1 : 0;
}
