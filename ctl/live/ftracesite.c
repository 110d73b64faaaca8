// SPDX-License-Identifier: GPL-2.0
/*
 * Where ftrace's call site ends (ftracesite.h).
 *
 * x86_64's is the first instruction (a 5-byte call, after a 4-byte
 * endbr64 where the function has one), riscv64's the first ones; arm64's
 * kprobes are never on it. Offsets inside an instruction are refused by
 * the kernel (-EILSEQ); the first one it takes that is not "[FTRACE]" in
 * kprobes/list is the place.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ftracesite.h"
#include "tracefs.h"

#define RT_SITE_EVENT	"rngtrace_site/probe"

static const char list_file[] = "/sys/kernel/debug/kprobes/list";

int rt_ftrace_site_listed(const char *list, const char *symbol, int offset)
{
	char want[192];
	const char *p, *eol;
	size_t n;

	n = (size_t)snprintf(want, sizeof(want), " %s+0x%x", symbol, offset);
	for (p = list; (p = strstr(p, want)); p += n) {
		if (p[n] != ' ' && p[n] != '\t' && p[n] != '\n' && p[n] != '\0')
			continue;	/* a longer offset or name */
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		return memmem(p, (size_t)(eol - p), "[FTRACE]", 8) != NULL;
	}
	return -1;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *b = realloc(buf, cap = cap ? cap * 2 : 16384);

			if (!b) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n);
	fclose(f);
	buf[len] = 0;
	return buf;
}

int rt_ftrace_site_past(const char *symbol, void *arg)
{
	char line[256], *list;
	int off, on;

	(void)arg;
	if (!rt_tracefs(false) || access(list_file, R_OK))
		return -1;
	/* one left behind by a run that was killed */
	rt_kprobe_events_write("-:" RT_SITE_EVENT "\n");
	for (off = 0; off <= RT_FTRACE_SITE_MAX; off++) {
		snprintf(line, sizeof(line), "p:" RT_SITE_EVENT " %s+%d\n", symbol, off);
		if (rt_kprobe_events_write(line))
			continue;	/* inside an instruction, or not probeable */
		list = read_all(list_file);
		on = list ? rt_ftrace_site_listed(list, symbol, off) : -1;
		free(list);
		rt_kprobe_events_write("-:" RT_SITE_EVENT "\n");
		/*
		 * No line for this offset: the kernel moved the probe
		 * (x86_64 behind an endbr64: +0 to the call at +4).
		 */
		if (!on)
			return off;
	}
	return -1;
}
