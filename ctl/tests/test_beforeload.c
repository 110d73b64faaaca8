// SPDX-License-Identifier: GPL-2.0
/*
 * What credited before rngtrace loaded, inferred (trace/beforeload.c):
 * each rule on a summary built here, and the report's text and JSON on
 * the fixtures.
 */
#include <string.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "arch.h"
#include "beforeload.h"
#include "ctlrun.h"
#include "harness.h"
#include "summary.h"

#define MS 1000000LL

/* Ready before load, 10 ms into the boot, nothing else known. */
static void ready_early(struct rt_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->cmdline = "";
	s->ready = s->ready_before_load = 1;
	s->ready_ns = 10 * MS;
	s->pool_bits_at_load = 256;
}

static int infer(const struct rt_summary *s, const char **why)
{
	struct rt_before_load b;

	rt_before_load_infer(s, &b);
	*why = b.why;
	return b.source;
}

static void test_rules(void)
{
	static struct rt_hwrng_info hw = { .name = "virtio_rng.0",
					   .quality = 1000, .before_load = 1 };
	struct rt_summary s;
	const char *why;

	memset(&s, 0, sizeof(s));
	s.cmdline = "";
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_UNKNOWN);	/* no bits */
	CHECK_STR(why, "");
	s.pool_bits_at_load = 12;				/* a partial pool */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_INTERRUPTS);

	ready_early(&s);
	s.arch_id = RT_ARCH_ARM64;				/* a device-tree seed */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	CHECK_CONTAINS(why, "random.trust_bootloader on");
	s.cmdline = "quiet random.trust_bootloader=off";	/* not credited */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_UNKNOWN);
	CHECK_CONTAINS(why, "no CPU RNG or boot seed is trusted");
	s.cmdline = "";
	s.ready_ns = RT_SEED_EARLY_NS;				/* too late for it */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_UNKNOWN);
	CHECK_CONTAINS(why, "too late for a boot seed");
	s.ready_ns = -1;					/* no kernel log line */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_UNKNOWN);
	CHECK_CONTAINS(why, "does not hold");
	/*
	 * A recorder that left out a READY time before CLOCK_BOOTTIME's zero:
	 * the kernel log's line in the trace says when (arm64's seed: 53 ms
	 * before it).
	 */
	s.meta = json_pack("{s:[{s:I, s:s}]}", "kmsg", "time_ns",
			   (json_int_t)-53311104, "text", "random: crng init done");
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	json_decref(s.meta);
	s.meta = NULL;

	/*
	 * Which seed (trace 1.3 keeps EFI's lines): the firmware's EFI seed,
	 * an EFI boot without one, or no EFI (arm64: the device tree's; x86:
	 * setup_data). Before 1.3, either.
	 */
	ready_early(&s);
	s.arch_id = RT_ARCH_ARM64;
	s.meta = json_pack("{s:s, s:[{s:I, s:s}, {s:I, s:s}]}", "version", "1.3",
			   "kmsg", "time_ns", (json_int_t)0, "text", "efi: EFI v2.7 by EDK II",
			   "time_ns", (json_int_t)0,
			   "text", "efi: SMBIOS 3.0=0x43bed0000 MEMATTR=0x43a50c018 RNG=0x43bfd4f98 MEMRESERVE=0x43bfd4e18 ");
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	CHECK_CONTAINS(why, "the firmware's EFI seed");
	json_array_remove(json_object_get(s.meta, "kmsg"), 1);	/* EFI, no seed */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	CHECK_CONTAINS(why, "the EFI firmware passed none");
	json_array_clear(json_object_get(s.meta, "kmsg"));	/* no EFI */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	CHECK_CONTAINS(why, "no EFI: the device tree's rng-seed");
	s.arch_id = RT_ARCH_X86;
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	CHECK_CONTAINS(why, "no EFI: a bootloader's seed (setup_data)");
	json_object_set_new(s.meta, "version", json_string("1.2"));	/* not kept */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	CHECK_CONTAINS(why, "a device-tree or EFI seed");
	json_decref(s.meta);
	s.meta = NULL;

	ready_early(&s);
	s.arch_id = RT_ARCH_X86;
	s.cpu_rng = 1;						/* RDRAND, trusted */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_CPU);
	CHECK_CONTAINS(why, "RDRAND");
	s.arch_id = RT_ARCH_RISCV;
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_CPU);
	CHECK_LACKS(why, "RDRAND");
	s.cmdline = "random.trust_cpu=off";			/* then the seed's */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
	s.nhwrng = 1;						/* a hwrng before load */
	s.hwrngs = &hw;
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_HWRNG);
	hw.quality = 0;						/* one not credited */
	CHECK_INT(infer(&s, &why), RNGTRACE_SOURCE_BOOTLOADER);
}

/* The report's line and its JSON, on fixtures of each kind. */
static void test_report(void)
{
	static const struct { const char *fixture, *source; } c[] = {
		{ "r-cpumax-ready-before-load.json", "cpu" },
		{ "c-virtio-3.json", "hwrng" },
		{ "r-qemu64-stall.json", "interrupts" },
	};
	struct ctlrun r;
	char line[128];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		json_t *j, *bl;

		CTLRUN(&r, "report", fixture(c[i].fixture));
		CHECK_INT(r.status, 0);
		snprintf(line, sizeof(line), "\n    inferred: %s (", c[i].source);
		CHECK_CONTAINS(r.out, line);
		ctlrun_done(&r);

		CTLRUN(&r, "report", "--json", fixture(c[i].fixture));
		CHECK_INT(r.status, 0);
		j = json_loads(r.out ? r.out : "", 0, NULL);
		bl = json_object_get(json_object_get(j, "credits"), "before_load");
		CHECK_STR(json_string_value(json_object_get(bl, "source")), c[i].source);
		CHECK(json_string_length(json_object_get(bl, "inferred_from")) > 0);
		json_decref(j);
		ctlrun_done(&r);
	}
	/* Nothing before load: nothing inferred. */
	CTLRUN(&r, "report", fixture("r-arm64-no-seed.json"));
	CHECK_INT(r.status, 0);
	CHECK_LACKS(r.out, "inferred:");
	ctlrun_done(&r);
}

static const struct rt_test beforeload_tests[] = {
	{ "before load: each rule, and what it rests on", test_rules },
	{ "before load: report text and JSON on the fixtures", test_report },
	{ NULL, NULL },
};

RT_SUITE(beforeload_tests)
