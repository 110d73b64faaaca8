// SPDX-License-Identifier: GPL-2.0
/*
 * noseed: a riscv64 "bootloader" that passes the kernel no seed, as a
 * board's does when it has none.
 *
 * QEMU 7.2's riscv64 virt machine always writes /chosen/rng-seed into the
 * device tree (a -dtb of one's own too), and the kernel credits it before
 * it parses random.trust_bootloader, so such a guest's CRNG is ready at
 * once. tools/vm/run loads this as the kernel OpenSBI jumps to, and the
 * real kernel at RT_KERNEL_ADDR with -device loader: this renames the
 * property in the tree's strings block ("rng-seed" to "xng-seed", same
 * length, so nothing moves), and jumps to the kernel with the boot hart's
 * id and the tree, as OpenSBI would have.
 *
 * Freestanding: no libc, no stack beyond its own, runs in S-mode with the
 * MMU off.
 */
#define RT_KERNEL_ADDR	0x80400000UL	/* 2 MiB aligned, as the kernel needs */

typedef unsigned char u8;
typedef unsigned int u32;

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* Rename every "rng-seed" string of the tree; the count renamed. */
static int noseed(u8 *fdt)
{
	static const char name[] = "rng-seed";
	u32 off, size, i, j;
	u8 *s;
	int n = 0;

	if (be32(fdt) != 0xd00dfeed)
		return 0;
	off = be32(fdt + 12);	/* off_dt_strings */
	size = be32(fdt + 32);	/* size_dt_strings */
	s = fdt + off;
	for (i = 0; i + sizeof(name) <= size; i++) {
		if (i && s[i - 1])
			continue;	/* not the start of a string */
		for (j = 0; j < sizeof(name) && s[i + j] == (u8)name[j]; j++)
			;
		if (j == sizeof(name)) {
			s[i] = 'x';
			n++;
		}
	}
	return n;
}

void noseed_main(unsigned long hart, u8 *fdt)
{
	void (*kernel)(unsigned long, void *) = (void *)RT_KERNEL_ADDR;

	noseed(fdt);
	/* the kernel's text was written by QEMU's loader: fence it in */
	__asm__ volatile ("fence.i" ::: "memory");
	kernel(hart, fdt);
}

/* OpenSBI's next stage: a0 = hart id, a1 = device tree. */
__asm__(
	".pushsection .text.start, \"ax\"\n"
	".globl _start\n"
	"_start:\n"
	"	la sp, noseed_stack_top\n"
	"	j noseed_main\n"
	".popsection\n"
	".pushsection .bss\n"
	".balign 16\n"
	"noseed_stack: .space 4096\n"
	"noseed_stack_top:\n"
	".popsection\n");
