/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where ftrace's call site in a function of the running kernel ends: the
 * place past it where a kprobe is a breakpoint (soon a jump) of its own
 * instead of an ftrace update, which costs the boot far more to arm
 * (live/bootprobes.c). Told by the kernel itself: a kprobe event is
 * created there (never enabled: no text is patched), its line in
 * debugfs's kprobes/list read ("[FTRACE]" or not), and deleted.
 */
#ifndef RT_FTRACESITE_H
#define RT_FTRACESITE_H

/* The offsets tried, from the entry on. */
#define RT_FTRACE_SITE_MAX	16

/*
 * The offset in @symbol of the first place a kprobe is not on ftrace's
 * call site: 0 when the entry is not one, -1 when it cannot be told (no
 * tracefs or debugfs mounted, not root, lockdown, no such place in
 * RT_FTRACE_SITE_MAX bytes). An rt_ftrace_past_fn; @arg unused.
 */
int rt_ftrace_site_past(const char *symbol, void *arg);

/*
 * The same, read from @list, the text of kprobes/list with one probe at
 * @symbol+@offset: 1 when it is on an ftrace site, 0 when not, -1 when
 * @list has no such line. (Testable without a kernel.)
 */
int rt_ftrace_site_listed(const char *list, const char *symbol, int offset);

#endif /* RT_FTRACESITE_H */
