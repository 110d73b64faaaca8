/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's types the BPF programs read, as few as they need, each
 * with preserve_access_index: libbpf relocates every field access to the
 * running kernel's own layout from its BTF (CO-RE), so one object serves
 * every kernel (a generated vmlinux.h would be one kernel's, and large).
 * __VMLINUX_H__ tells bpf_tracing.h that struct pt_regs has the kernel's
 * field names.
 */
#ifndef RT_BPF_KERNEL_TYPES_H
#define RT_BPF_KERNEL_TYPES_H
#define __VMLINUX_H__

#include <linux/types.h>
#include <linux/bpf.h>

typedef __u8 u8;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;
typedef __u64 size_t;
typedef _Bool bool;
#define true 1
#define false 0

#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)

#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
#elif defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp, pc, pstate;
};
struct pt_regs {
	struct user_pt_regs user_regs;
	__u64 orig_x0;
};
#elif defined(__TARGET_ARCH_riscv)
struct user_regs_struct {
	unsigned long pc, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3,
		      a4, a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11,
		      t3, t4, t5, t6;
};
struct pt_regs {
	unsigned long epc, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2;
};
#endif

struct file {
	unsigned int f_flags;
};

struct kiocb {
	struct file *ki_filp;
};

struct iov_iter {
	size_t count;
};

struct hwrng {
	const char *name;
	unsigned short quality;
};

#pragma clang attribute pop

/*
 * A kprobe's return address at a function's entry: on the stack on x86
 * (libbpf's BPF_KPROBE_READ_RET_IP), in the link register on arm64 and
 * riscv64, where libbpf 1.1's macro reads memory at that address instead
 * (the caller's code: every credit's source unknown on arm64).
 */
#if defined(__TARGET_ARCH_x86)
#define RT_KPROBE_READ_RET_IP(ip, ctx)	BPF_KPROBE_READ_RET_IP(ip, ctx)
#else
#define RT_KPROBE_READ_RET_IP(ip, ctx)	({ (ip) = PT_REGS_RET(ctx); })
#endif

#endif /* RT_BPF_KERNEL_TYPES_H */
