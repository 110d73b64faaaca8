/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rngtrace record as the tests run it: spawned with its stderr to a file,
 * the BPF backend's waited for until its programs are attached.
 */
#ifndef RT_SELFTEST_RECORDER_H
#define RT_SELFTEST_RECORDER_H

#include <sys/types.h>

#define RNGTRACE "/usr/bin/rngtrace"

/*
 * The kernel's BPF JIT switch, net.core.bpf_jit_enable: its value (-1:
 * none), and set to @v (0, or -1 when it cannot be: a JIT always on).
 */
int rec_jit_get(void);
int rec_jit_set(int v);
/* Run rngtrace with @argv, its stderr to @err: its pid (-1: no fork). */
pid_t rec_spawn(const char *err, char *const argv[]);
/*
 * rec_spawn(), then wait up to 60 s until it says its BPF programs are
 * attached: its pid. -1 when it exited first (*@status: its exit status)
 * or never said so (killed, or no fork; *@status: -1).
 */
pid_t rec_attach_bpf(const char *err, char *const argv[], int *status);
/*
 * The same with the JIT on first, as the backend's refusal without it
 * tells an admin (Debian's riscv64 kernels have it off).
 */
pid_t rec_start_bpf(const char *err, char *const argv[], int *status);
/*
 * Its exit status (128 + N: signal N), or -1 when it did not exit within
 * @secs (killed).
 */
int rec_wait(pid_t pid, int secs);
/* Whether @err has a line with @text (its first such line into @line). */
int rec_said(const char *err, const char *text, char *line, size_t len);

#endif /* RT_SELFTEST_RECORDER_H */
