// SPDX-License-Identifier: GPL-2.0
/*
 * A kretprobe with room for many calls in flight (bpfkretprobe.h): a tracefs
 * kprobe event "r<maxactive>:rngtrace_bpf/<name>_<pid> <function>", the
 * BPF program on its perf event. tracefs is mounted where it is not
 * (tracefs.h).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <linux/perf_event.h>

#include <bpf/libbpf.h>

#include "bpfkretprobe.h"
#include "tracefs.h"

void rt_kretprobe_remove(const char *event)
{
	char line[128];

	if (!event[0])
		return;
	snprintf(line, sizeof(line), "-:%s/%.96s\n", RT_KRETPROBE_GROUP, event);
	rt_kprobe_events_write(line);
}

/* The id of the event @event of our group, or -1. */
static long long event_id(const char *dir, const char *event)
{
	char path[192], buf[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir, RT_KRETPROBE_GROUP, event);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return buf[0] ? strtoll(buf, NULL, 10) : -1;
}

struct bpf_link *rt_kretprobe_attach(struct bpf_program *prog, const char *func,
				     const char *name, int maxactive,
				     char *event, size_t len)
{
	const char *dir = rt_tracefs(true);
	struct perf_event_attr attr;
	struct bpf_link *l;
	char line[512];
	long long id;
	int pfd, e;

	event[0] = 0;
	if (!dir) {
		errno = ENOENT;
		return NULL;
	}
	snprintf(event, len, "%s_%d", name, (int)getpid());
	snprintf(line, sizeof(line), "r%d:%s/%s %s\n", maxactive, RT_KRETPROBE_GROUP,
		 event, func);
	if (rt_kprobe_events_write(line)) {
		event[0] = 0;
		return NULL;
	}
	id = event_id(dir, event);
	if (id < 0) {
		e = errno;
		goto fail;
	}
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = (unsigned long long)id;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	/* (a BPF program runs on every CPU's hit, whatever the event's CPU) */
	pfd = (int)syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0) {
		e = errno;
		goto fail;
	}
	l = bpf_program__attach_perf_event(prog, pfd);	/* (its destroy closes pfd) */
	if (!l) {
		e = errno;
		close(pfd);
		goto fail;
	}
	return l;
fail:
	rt_kretprobe_remove(event);
	event[0] = 0;
	errno = e;
	return NULL;
}

/* Whether process @pid is another running rngtrace. */
static int rngtrace_runs(int pid)
{
	char path[64], comm[32] = "";
	FILE *f;

	if (pid == getpid() || (kill(pid, 0) && errno == ESRCH))
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = 0;
	fclose(f);
	return !strcmp(comm, "rngtrace\n");
}

void rt_kretprobe_remove_stale(void)
{
	const char *dir = rt_tracefs(false);
	char path[64], line[512], stale[16][96];
	size_t n = 0, i;
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/kprobe_events", dir);
	f = fopen(path, "re");
	if (!f)
		return;
	/* "r128:rngtrace_bpf/getrandom_ret_1234 __x64_sys_getrandom" */
	while (fgets(line, sizeof(line), f) && n < 16) {
		char *ev = strstr(line, ":" RT_KRETPROBE_GROUP "/"), *end, *pid;

		if (!ev)
			continue;
		ev += strlen(":" RT_KRETPROBE_GROUP "/");
		end = ev + strcspn(ev, " \n");
		*end = 0;
		pid = strrchr(ev, '_');
		if (pid && atoi(pid + 1) > 0 && !rngtrace_runs(atoi(pid + 1)) &&
		    strlen(ev) < sizeof(stale[0]))
			snprintf(stale[n++], sizeof(stale[0]), "%.95s", ev);
	}
	fclose(f);
	for (i = 0; i < n; i++)
		rt_kretprobe_remove(stale[i]);
}
