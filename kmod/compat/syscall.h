/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The symbol of a system call's entry point. Architectures with syscall
 * wrappers (CONFIG_ARCH_HAS_SYSCALL_WRAPPER) give it their prefix: x86_64
 * and arm64 since 4.17/4.19, riscv since 6.6 (__riscv_sys_). Without
 * wrappers (riscv before 6.6) it is plain sys_NAME. Either way the probe
 * takes the arguments from current_pt_regs(), never from the entry's own
 * argument registers, which differ between the two.
 */
#ifndef _RNGTRACE_COMPAT_SYSCALL_H
#define _RNGTRACE_COMPAT_SYSCALL_H

#if defined(CONFIG_X86_64)
#define RT_SYSCALL_SYMBOL(name)	"__x64_sys_" #name
#elif defined(CONFIG_ARM64)
#define RT_SYSCALL_SYMBOL(name)	"__arm64_sys_" #name
#elif defined(CONFIG_RISCV) && defined(CONFIG_ARCH_HAS_SYSCALL_WRAPPER)
#define RT_SYSCALL_SYMBOL(name)	"__riscv_sys_" #name
#else
#define RT_SYSCALL_SYMBOL(name)	"sys_" #name
#endif

#endif /* _RNGTRACE_COMPAT_SYSCALL_H */
