// SPDX-License-Identifier: GPL-2.0
/*
 * Ground truth helpers for the selftests (see groundtruth.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/random.h>
#include <dirent.h>
#include <sched.h>

#include "groundtruth.h"

int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	if (!fgets(buf, size, f)) {
		fclose(f);
		return -ENODATA;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int write_line(const char *path, const char *s)
{
	FILE *f = fopen(path, "we");
	int ret = 0;

	if (!f)
		return -errno;
	if (fprintf(f, "%s\n", s) < 0)
		ret = -EIO;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

int read_seconds(const char *path, double *secs)
{
	char buf[64], *end;
	int ret = read_line(path, buf, sizeof(buf));

	if (ret)
		return ret;
	*secs = strtod(buf, &end);
	return end == buf ? -EINVAL : 0;
}

int load_window_bits(void)
{
	char buf[32], *end;
	long bits;

	if (read_line("/run/rngtrace-vm/load-window-bits", buf, sizeof(buf)))
		return -1;
	bits = strtol(buf, &end, 10);
	return end == buf || *end || bits < 0 || bits > 256 ? -1 : (int)bits;
}

/*
 * Walk /dev/kmsg from record seq on ("PRI,SEQ,USEC,FLAGS;TEXT"); fn returns
 * non-zero to stop. Returns fn's value, 0 at the end, -errno on error.
 */
static int kmsg_walk(uint64_t from,
		     int (*fn)(uint64_t seq, double secs, const char *text,
			       void *arg), void *arg)
{
	char rec[8192];
	int fd, ret = 0;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		unsigned long long seq, usec;
		unsigned int pri;
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		char *text;

		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (n < 0) {
			ret = errno == EAGAIN ? 0 : -errno;
			break;
		}
		rec[n] = '\0';
		text = strchr(rec, ';');
		if (!text || sscanf(rec, "%u,%llu,%llu", &pri, &seq, &usec) != 3)
			continue;
		if (seq < from)
			continue;
		ret = fn(seq, usec / 1e6, text + 1, arg);
		if (ret)
			break;
	}
	close(fd);
	return ret;
}

struct find_arg {
	const char *needle;
	double secs;
	uint64_t seq;
	char *buf;
	size_t size;
};

static int find_cb(uint64_t seq, double secs, const char *text, void *arg)
{
	struct find_arg *f = arg;

	(void)seq;
	if (!strstr(text, f->needle))
		return 0;
	f->secs = secs;
	return 1;
}

int kmsg_find(const char *needle, double *secs)
{
	struct find_arg f = { .needle = needle };
	int ret = kmsg_walk(0, find_cb, &f);

	if (ret == 1)
		*secs = f.secs;
	return ret;
}

static int mark_cb(uint64_t seq, double secs, const char *text, void *arg)
{
	(void)secs;
	(void)text;
	*(uint64_t *)arg = seq + 1;
	return 0;
}

int kmsg_mark(uint64_t *seq)
{
	*seq = 0;
	return kmsg_walk(0, mark_cb, seq);
}

static int bad_cb(uint64_t seq, double secs, const char *text, void *arg)
{
	static const char * const bad[] = {
		"WARNING:", "BUG:", "BUG ", "Oops", "general protection",
		"Call Trace", "refcount_t:", "list_del corruption",
	};
	struct find_arg *f = arg;
	size_t i;

	(void)seq;
	(void)secs;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (strstr(text, bad[i])) {
			snprintf(f->buf, f->size, "%s", text);
			return 1;
		}
	}
	return 0;
}

int kmsg_find_bad_since(uint64_t seq, char *buf, size_t size)
{
	struct find_arg f = { .buf = buf, .size = size };

	buf[0] = '\0';
	return kmsg_walk(seq, bad_cb, &f);
}

/*
 * Softirqs the kernel defers go to ksoftirqd, a normal task; on PREEMPT_RT
 * the timer softirq runs in ktimers/N (real-time priority 1), RCU's in
 * rcuc/N, and its grace periods in rcu_preempt. While real-time children
 * spin in the jitter loop with RT throttling off, none of them would run,
 * the entropy timer with them, and the CRNG would never become ready. Run
 * them above the children meanwhile (@on), then give each its own policy
 * back.
 */
static const char *const softirq_threads[] = {
	"ksoftirqd/", "ktimers/", "ktimersoftd/", "rcuc/", "rcub/", "rcu_preempt",
};

static struct {
	pid_t pid;
	int policy;
	struct sched_param sp;
} saved[256];
static int nsaved;

static int is_softirq_thread(const char *comm)
{
	size_t i;

	for (i = 0; i < sizeof(softirq_threads) / sizeof(softirq_threads[0]); i++)
		if (!strncmp(comm, softirq_threads[i], strlen(softirq_threads[i])))
			return 1;
	return 0;
}

void softirq_threads_realtime(int on)
{
	struct sched_param hi = { .sched_priority = 20 };
	struct dirent *d;
	DIR *proc;
	char path[64], comm[32];

	if (!on) {
		while (nsaved > 0) {
			nsaved--;
			sched_setscheduler(saved[nsaved].pid, saved[nsaved].policy,
					   &saved[nsaved].sp);
		}
		return;
	}
	proc = opendir("/proc");
	while (proc && (d = readdir(proc)) &&
	       nsaved < (int)(sizeof(saved) / sizeof(saved[0]))) {
		pid_t pid = atoi(d->d_name);
		int policy;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		if (read_line(path, comm, sizeof(comm)) || !is_softirq_thread(comm))
			continue;
		policy = sched_getscheduler(pid);
		if (policy < 0 || sched_getparam(pid, &saved[nsaved].sp))
			continue;
		saved[nsaved].pid = pid;
		saved[nsaved].policy = policy;
		if (!sched_setscheduler(pid, SCHED_FIFO, &hi))
			nsaved++;
	}
	if (proc)
		closedir(proc);
}

int64_t boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The run delay in a schedstat file (its second field); -1 without it. */
static int64_t schedstat_delay(const char *path)
{
	unsigned long long run, delay;
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%llu %llu", &run, &delay) == 2;
	fclose(f);
	return ok ? (int64_t)delay : -1;
}

int64_t run_delay_ns(void)
{
	int64_t d = schedstat_delay("/proc/thread-self/schedstat");

	return d < 0 ? 0 : d;
}

int64_t run_delay_of(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	return schedstat_delay(path);
}

#define SCHEDSTATS "/proc/sys/kernel/sched_schedstats"

/* One write of s to path, timed on CLOCK_BOOTTIME; -errno on error. */
static int64_t timed_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(s);
	int64_t t0, t1;
	ssize_t n;

	if (fd < 0)
		return -errno;
	t0 = boottime_ns();
	n = write(fd, s, len);
	t1 = boottime_ns();
	close(fd);
	return n == (ssize_t)len ? t1 - t0 : -EIO;
}

int64_t static_key_flip_ns(void)
{
	int64_t flip, back;
	char was[8];
	int ret = read_line(SCHEDSTATS, was, sizeof(was));

	if (ret)
		return ret;
	flip = timed_write(SCHEDSTATS, was[0] == '0' ? "1\n" : "0\n");
	back = timed_write(SCHEDSTATS, was[0] == '0' ? "0\n" : "1\n");
	if (flip < 0 || back < 0)
		return flip < 0 ? flip : back;
	return flip > back ? flip : back;
}

int64_t console_line_ns(void)
{
	return timed_write("/dev/kmsg", "<5>rngtrace selftest: one line timed\n");
}

int64_t vcpu_gap_ns(int64_t ns)
{
	struct sched_param rt = { .sched_priority = 50 }, was_sp;
	int was = sched_getscheduler(0);
	int64_t t, prev, end, gap = 0;

	sched_getparam(0, &was_sp);
	sched_setscheduler(0, SCHED_FIFO, &rt);
	prev = boottime_ns();
	for (end = prev + ns; prev < end; prev = t) {
		t = boottime_ns();
		if (t - prev > gap)
			gap = t - prev;
	}
	if (was >= 0)
		sched_setscheduler(0, was, &was_sp);
	return gap;
}

int crng_ready_now(void)
{
	char b;

	return getrandom(&b, 1, GRND_NONBLOCK) == 1;
}

long module_param_num(const char *name, long dflt)
{
	char path[128], v[24] = "";

	snprintf(path, sizeof(path), "/sys/module/rngtrace/parameters/%s", name);
	return read_line(path, v, sizeof(v)) ? dflt : strtol(v, NULL, 10);
}

int kernel_names_cgroups(void)
{
	int exported = 0, ksymtab_listed = 0, defined = 0;
	char line[256];
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return 0;
	while (!exported && fgets(line, sizeof(line), f)) {
		exported = !!strstr(line, " __ksymtab_cgroup_get_from_id\n");
		ksymtab_listed |= !!strstr(line, " __ksymtab_");
		defined |= !!strstr(line, " cgroup_get_from_id\n");
	}
	fclose(f);
	/*
	 * Without CONFIG_KALLSYMS_ALL (Debian's arm64) no __ksymtab_ entry
	 * is listed: then the function's presence says it, since 6.1
	 * exports it from its first version on (5.19 and 6.0 did not; no
	 * kernel of the matrix is one of those).
	 */
	return exported || (!ksymtab_listed && defined);
}

int kallsyms_has(const char *name)
{
	char line[512], sym[256];
	int found = 0;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %*c %255s", sym) == 1 &&
			!strcmp(sym, name);
	fclose(f);
	return found;
}
