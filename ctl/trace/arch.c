// SPDX-License-Identifier: GPL-2.0
/*
 * Architectures (arch.h).
 */
#include <string.h>

#include "arch.h"

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

enum rt_arch rt_arch_of_machine(const char *machine)
{
	if (!machine || !*machine)
		return RT_ARCH_UNKNOWN;
	if (!strcmp(machine, "x86_64") || !strcmp(machine, "amd64") ||
	    !strcmp(machine, "x86") ||
	    (machine[0] == 'i' && strlen(machine) == 4 &&
	     !strcmp(machine + 2, "86")))
		return RT_ARCH_X86;
	if (starts(machine, "aarch64") || !strcmp(machine, "arm64"))
		return RT_ARCH_ARM64;
	if (starts(machine, "riscv"))
		return RT_ARCH_RISCV;
	if (starts(machine, "arm"))
		return RT_ARCH_ARM;
	return RT_ARCH_OTHER;
}

enum rt_arch rt_arch_of_release(const char *release)
{
	static const struct { const char *flavour; enum rt_arch arch; } f[] = {
		{ "-amd64", RT_ARCH_X86 }, { "-686", RT_ARCH_X86 },
		{ "-arm64", RT_ARCH_ARM64 }, { "-riscv64", RT_ARCH_RISCV },
		{ "-rpi-v8", RT_ARCH_ARM64 }, { "-rpi-2712", RT_ARCH_ARM64 },
		{ "-armmp", RT_ARCH_ARM }, { "-rpi", RT_ARCH_ARM },
	};
	size_t i;

	/* the first that matches: the Raspberry Pi's 64-bit flavours first */
	for (i = 0; release && i < sizeof(f) / sizeof(f[0]); i++)
		if (strstr(release, f[i].flavour))
			return f[i].arch;
	return RT_ARCH_UNKNOWN;
}

const char *rt_arch_cpu_rng_name(enum rt_arch a)
{
	switch (a) {
	case RT_ARCH_X86: return "RDRAND";
	case RT_ARCH_ARM64: return "RNDR (FEAT_RNG)";
	case RT_ARCH_RISCV: return "Zkr seed CSR";
	default: return "CPU RNG";
	}
}

int rt_arch_boot_seeded(enum rt_arch a)
{
	return a == RT_ARCH_ARM64 || a == RT_ARCH_RISCV || a == RT_ARCH_ARM;
}
