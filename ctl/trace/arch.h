/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine's architecture, as a trace's host.arch records it (uname(2)
 * "machine") or, in a trace older than that key, as the rest of the trace
 * suggests; and what each architecture calls its CPU's RNG instruction.
 */
#ifndef RT_ARCH_H
#define RT_ARCH_H

enum rt_arch {
	RT_ARCH_UNKNOWN = 0,
	RT_ARCH_X86,		/* x86_64, i686...: RDRAND, RDSEED */
	RT_ARCH_ARM64,		/* aarch64: RNDR (FEAT_RNG) */
	RT_ARCH_RISCV,		/* riscv64: the Zkr seed CSR */
	RT_ARCH_ARM,		/* 32-bit arm: none */
	RT_ARCH_OTHER,		/* a machine named, but none of these */
};

/* The architecture of a uname(2) machine: "x86_64", "aarch64", "riscv64". */
enum rt_arch rt_arch_of_machine(const char *machine);
/*
 * The architecture a kernel release's flavour names, as Debian names them
 * (6.1.0-50-amd64, 6.1.0-50-arm64, 6.12.117+deb13-riscv64, -armmp) and
 * Raspberry Pi OS does (-rpi-v8, -rpi-2712 are arm64, -rpi-v7 arm);
 * RT_ARCH_UNKNOWN for any other release.
 */
enum rt_arch rt_arch_of_release(const char *release);
/* "RDRAND", "RNDR (FEAT_RNG)", "Zkr seed CSR", or "CPU RNG". */
const char *rt_arch_cpu_rng_name(enum rt_arch a);
/*
 * A board's or a microVM's architecture: its boot seed comes from the
 * device tree or EFI (an rng-seed, EFI_RNG_PROTOCOL), not from a CPU
 * instruction every VM has.
 */
int rt_arch_boot_seeded(enum rt_arch a);

#endif /* RT_ARCH_H */
