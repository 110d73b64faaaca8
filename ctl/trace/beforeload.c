// SPDX-License-Identifier: GPL-2.0
/*
 * The source of the bits credited before rngtrace loaded (beforeload.h).
 *
 * Before any initcall, random.c credits at most two things in full: the
 * CPU's RNG (random_init_early(), while random.trust_cpu is on) and a
 * bootloader's seed (a device tree rng-seed or the EFI seed, from
 * setup_arch(), while random.trust_bootloader is on). Either makes the
 * CRNG ready at once, which the kernel log's "crng init done" shows at
 * boot's first instants. Interrupts credit a bit a second or so a CPU:
 * a pool that was ready within RT_SEED_EARLY_NS was not filled by them.
 * A hwrng with a quality, registered before load, fills it too (the
 * hw_random core's thread). A partial pool at load is what interrupts
 * (and any early hwrng) gave.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <linux/rngtrace.h>

#include "arch.h"
#include "beforeload.h"
#include "cmdline.h"
#include "fields.h"
#include "kmsg.h"

static bool param_on(const struct rt_summary *s, const char *param)
{
	return !s->cmdline || rt_cmdline_bool(s->cmdline, param, true);
}

/* A hwrng the hw_random core credits from, there before rngtrace loaded. */
static bool trusted_hwrng_before_load(const struct rt_summary *s)
{
	size_t i;

	for (i = 0; i < s->nhwrng; i++)
		if (s->hwrngs[i].before_load && s->hwrngs[i].quality > 0)
			return true;
	return false;
}

/*
 * When the CRNG was ready: the summary's time, or in a trace whose
 * recorder left out a time before CLOCK_BOOTTIME's zero (a seed credited
 * before timekeeping began) the kernel log line's own; -1 if neither.
 */
static long long ready_time_ns(const struct rt_summary *s)
{
	int64_t ns;

	if (s->ready_ns >= 0)
		return s->ready_ns;
	ns = rt_kmsg_ready_ns(json_object_get(s->meta, RT_K_KMSG));
	if (ns == RT_KMSG_NONE)
		return -1;
	return ns > 0 ? ns : 0;
}

/*
 * Which boot seed: the kernel log says whether the firmware passed an EFI
 * seed (efi.c's tables line names RNG=) or booted through EFI at all; a
 * trace from before 1.3 did not keep those lines.
 */
static const char *boot_seed_why(const struct rt_summary *s)
{
	const json_t *kmsg = json_object_get(s->meta, RT_K_KMSG);
	const char *v = json_string_value(json_object_get(s->meta, RT_K_VERSION));
	int major = 0, minor = 0;

	if (!v || sscanf(v, "%d.%d", &major, &minor) != 2 ||
	    (major == 1 && minor < 3))
		return "ready within 1 s of boot with no trusted CPU RNG: a device-tree or EFI seed, random.trust_bootloader on";
	if (rt_kmsg_has(kmsg, "efi: ", "RNG="))
		return "ready within 1 s of boot with no trusted CPU RNG: the firmware's EFI seed (the kernel log's efi: ... RNG=), random.trust_bootloader on";
	if (rt_kmsg_has(kmsg, "efi: ", "EFI v"))
		return "ready within 1 s of boot with no trusted CPU RNG: a boot seed, though the EFI firmware passed none (no RNG= in the kernel log), random.trust_bootloader on";
	if (s->arch_id == RT_ARCH_X86)
		return "ready within 1 s of boot with no trusted CPU RNG, no EFI: a bootloader's seed (setup_data), random.trust_bootloader on";
	return "ready within 1 s of boot with no trusted CPU RNG, no EFI: the device tree's rng-seed, random.trust_bootloader on";
}

void rt_before_load_infer(const struct rt_summary *s, struct rt_before_load *b)
{
	bool cpu = s->cpu_rng && param_on(s, "random.trust_cpu");
	bool hwrng = trusted_hwrng_before_load(s);
	long long ready_ns = s->ready_before_load ? ready_time_ns(s) : -1;
	bool early = ready_ns >= 0 && ready_ns < RT_SEED_EARLY_NS;

	b->source = RNGTRACE_SOURCE_UNKNOWN;
	b->why = "";
	if (s->pool_bits_at_load <= 0 && !s->ready_before_load)
		return;
	if (!s->ready_before_load) {
		b->source = RNGTRACE_SOURCE_INTERRUPTS;
		b->why = "not ready at load, so no boot seed was credited: interrupts, or a hwrng registered before load";
	} else if (cpu) {
		b->source = RNGTRACE_SOURCE_CPU;
		b->why = s->arch_id == RT_ARCH_X86 ?
			 "RDRAND/RDSEED present and random.trust_cpu on: credited before any initcall" :
			 "the CPU's RNG present and random.trust_cpu on: credited before any initcall";
	} else if (hwrng) {
		b->source = RNGTRACE_SOURCE_HWRNG;
		b->why = "a hwrng with a quality was registered before load: the hw_random core credits what it reads";
	} else if (early && param_on(s, "random.trust_bootloader")) {
		b->source = RNGTRACE_SOURCE_BOOTLOADER;
		b->why = boot_seed_why(s);
	} else if (early) {
		b->why = "ready within 1 s of boot, yet no CPU RNG or boot seed is trusted here";
	} else {
		b->why = ready_ns >= 0 ?
			 "ready before load, too late for a boot seed: interrupts, a hwrng or jitter" :
			 "ready before load, at a time the trace does not hold";
	}
}
