/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The symbol of a system call's entry point, which carries the
 * architecture's prefix since the syscall wrappers of 4.17.
 */
#ifndef _RNGTRACE_COMPAT_SYSCALL_H
#define _RNGTRACE_COMPAT_SYSCALL_H

#if defined(CONFIG_X86_64)
#define RT_SYSCALL_SYMBOL(name)	"__x64_sys_" #name
#elif defined(CONFIG_ARM64)
#define RT_SYSCALL_SYMBOL(name)	"__arm64_sys_" #name
#else
#define RT_SYSCALL_SYMBOL(name)	"sys_" #name
#endif

#endif /* _RNGTRACE_COMPAT_SYSCALL_H */
