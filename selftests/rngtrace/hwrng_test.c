// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware RNGs: a virtio-rng device whose driver loads after rngtrace
 * (tools/vm/run --virtio-rng) registers, becomes current, feeds the pool
 * and shows in the per-source credit totals.
 *
 * The BPF backend (record --backend bpf) sees the same source come and
 * go: with the driver unloaded and the recorder attached, the driver
 * loaded again registers (the module's name and quality, stamped within
 * 50 ms of the module's stamp of the same return) and feeds (calls,
 * bytes and bits: no fewer than the module counted from the attach to
 * the recorder's stop, no more than to its exit); in a second recording
 * the driver's unload unregisters it. On 5.10, whose BTF has no struct
 * hwrng, each (un)registration must be counted as unread instead. Where
 * this rngtrace was built without the backend (a cross build), a skip.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <jansson.h>

#include "harness.h"
#include "groundtruth.h"
#include "recorder.h"
#include "rtnl.h"

#define SYSFS "/sys/class/misc/hw_random/"

TEST(virtio_rng_registers_and_feeds)
{
	struct rt_hwrng_info h[16];
	const struct rt_hwrng_info *v = NULL;
	struct rt_ev evs[512];
	struct rt_st st;
	char cur[64], quality[16];
	int64_t deadline;
	int i, n, registered = 0;

	if (read_line(SYSFS "rng_current", cur, sizeof(cur)) ||
	    strncmp(cur, "virtio_rng", 10))
		SKIP(return, "no virtio-rng current (rng_current: %s)", cur);

	deadline = (boottime_ns() / 1000000) + 10000;
	do {
		ASSERT_EQ(0, rt_hwrngs(h, 16, &n));
		for (i = 0; i < n; i++)
			if (!strcmp(h[i].name, cur))
				v = &h[i];
	} while ((!v || !v->feeds) && (boottime_ns() / 1000000) < deadline && (v = NULL, 1));
	ASSERT_NE(NULL, v) TH_LOG("%s not listed", cur);
	EXPECT_EQ(1, v->current);
	EXPECT_EQ(0, v->before_load);
	EXPECT_LT(0, v->feeds);
	EXPECT_LT(0, v->bytes);
	/* The core's own word on the current source's quality. */
	if (!read_line(SYSFS "rng_quality", quality, sizeof(quality)))
		EXPECT_EQ((uint32_t)atoi(quality), v->quality);

	ASSERT_EQ(0, rt_events(0, evs, 512, &n));
	for (i = 0; i < n; i++) {
		if (evs[i].type != RNGTRACE_EVENT_TYPE_HWRNG_REGISTER ||
		    strcmp(evs[i].name, cur))
			continue;
		registered++;
		EXPECT_EQ(v->quality, evs[i].quality);
	}
	EXPECT_EQ(1, registered);

	ASSERT_EQ(0, rt_status(&st));
	if (!st.ready_at_load)
		EXPECT_LT(0, st.credit_bits[RNGTRACE_SOURCE_HWRNG]);
}

#define MODLIST "/lib/rngtrace-vm/virtio-rng.modules"
#define BPF_TRACE "/tmp/hwrng-bpf.json"
#define BPF_ERR "/tmp/hwrng-bpf.err"

/* The virtio-rng driver's module file (tools/vm/run's list), or -1. */
static int virtio_rng_ko(char *path, size_t len)
{
	FILE *f = fopen(MODLIST, "r");
	char line[256];
	int ret = -1;

	while (f && ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strstr(line, "/virtio-rng.ko") || strstr(line, "/virtio_rng.ko")) {
			snprintf(path, len, "%s", line);
			ret = 0;
		}
	}
	if (f)
		fclose(f);
	return ret;
}

static int load_ko(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret;
}

/* The module's entry whose name starts with @prefix, into @out. */
static int module_hwrng(const char *prefix, struct rt_hwrng_info *out)
{
	struct rt_hwrng_info h[16];
	int i, n;

	if (rt_hwrngs(h, 16, &n))
		return -1;
	for (i = 0; i < n; i++)
		if (!strncmp(h[i].name, prefix, strlen(prefix))) {
			*out = h[i];
			return 0;
		}
	return -1;
}

static long long jint(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* What the module counts fed, over all its entries (the nameless one too). */
struct fed {
	long long feeds, bytes, bits;
};

static int module_fed(struct fed *f)
{
	struct rt_hwrng_info h[16];
	int i, n;

	memset(f, 0, sizeof(*f));
	if (rt_hwrngs(h, 16, &n))
		return -1;
	for (i = 0; i < n; i++) {
		f->feeds += h[i].feeds;
		f->bytes += h[i].bytes;
		f->bits += h[i].bits;
	}
	return 0;
}

/* The trace's one event of @type for hardware RNG @name, or NULL. */
static json_t *hwrng_event(json_t *t, const char *type, const char *name, int *n)
{
	json_t *ev, *found = NULL;
	size_t k;

	*n = 0;
	json_array_foreach(json_object_get(t, "events"), k, ev)
		if (!strcmp(json_string_value(json_object_get(ev, "type")) ?: "", type) &&
		    !strcmp(json_string_value(json_object_get(ev, "name")) ?: "", name)) {
			found = ev;
			(*n)++;
		}
	return found;
}

/* The backend's record.bpf.hwrng_unread: (un)registrations it could not read. */
static long long unread(json_t *t)
{
	return jint(json_object_get(json_object_get(t, "record"), "bpf"), "hwrng_unread");
}

/*
 * The two stamp one registration's return, in an order the kernel's
 * return hooks decide (6.1, both kretprobes: the module's first, by
 * 1.1 ms; 7.3, the module on fprobes: the BPF backend's first, by
 * 2.7 ms). Between them the task can be preempted, by the fill thread
 * the registration just started among others, and the guest's clock is
 * the host's, which may run something else meanwhile (record_test saw
 * 8.4 ms between two handlers of one kprobe hit): 50 ms either way.
 */
#define REGISTER_SKEW_NS	50000000LL

TEST(bpf_backend_sees_a_hwrng_come_and_go)
{
	char *argv[] = { "rngtrace", "record", "--backend", "bpf", "--keep-armed",
			 "--until", "signal", "-o", BPF_TRACE, NULL };
	struct rt_hwrng_info v;
	struct fed m0, m1, m2, b = { 0 };
	char ko[256], cur[64], line[512] = "";
	json_t *t, *ev, *h, *mine = NULL;
	json_error_t jerr;
	int64_t deadline;
	int st, n;
	size_t k;
	pid_t pid;

	if (read_line(SYSFS "rng_current", cur, sizeof(cur)) ||
	    strncmp(cur, "virtio_rng", 10))
		SKIP(return, "no virtio-rng current (rng_current: %s)", cur);
	if (virtio_rng_ko(ko, sizeof(ko)))
		SKIP(return, "the virtio-rng driver is built in (%s): it cannot come and go", MODLIST);
	ASSERT_EQ(0, syscall(SYS_delete_module, "virtio_rng", O_NONBLOCK))
		TH_LOG("delete_module(virtio_rng): %s", strerror(errno));

	/* Registered, fed. */
	unlink(BPF_TRACE);
	pid = rec_start_bpf(BPF_ERR, argv, &st);
	if (pid < 0) {
		load_ko(ko);
		rec_said(BPF_ERR, "--backend bpf:", line, sizeof(line));
		if (strstr(line, "built without the BPF backend"))
			SKIP(return, "%s", line);
		/* (bookworm's arm64 6.1 has no CONFIG_KALLSYMS_ALL) */
		if (strstr(line, "no crng_init in /proc/kallsyms"))
			SKIP(return, "kernel lacks crng_init in kallsyms: %s", line);
		ASSERT_LT(0, pid) TH_LOG("rngtrace record --backend bpf: exit %d: %s", st, line);
	}
	ASSERT_EQ(0, module_fed(&m0));
	ASSERT_EQ(0, load_ko(ko)) TH_LOG("finit_module(%s): %s", ko, strerror(errno));
	deadline = boottime_ns() + 10000000000LL;
	do {
		ASSERT_EQ(0, module_fed(&m1));
	} while (m1.feeds == m0.feeds && boottime_ns() < deadline && !usleep(10000));
	kill(pid, SIGINT);
	st = rec_wait(pid, 30);
	rec_said(BPF_ERR, "rngtrace record: ", line, sizeof(line));
	ASSERT_EQ(0, st) TH_LOG("rngtrace record --backend bpf: exit %d: %s", st, line);
	ASSERT_EQ(0, module_fed(&m2));
	ASSERT_EQ(0, module_hwrng("virtio_rng", &v));
	ASSERT_LT(m0.feeds, m1.feeds) TH_LOG("%s never fed the pool in 10 s", v.name);
	if (!access("/out", W_OK))
		ASSERT_EQ(0, system("cp " BPF_TRACE " /out/hwrng-bpf.json"));

	t = json_load_file(BPF_TRACE, 0, &jerr);
	ASSERT_NE(NULL, t) TH_LOG("%s: %s", BPF_TRACE, jerr.text);
	/* What was fed while it recorded: what the module counted meanwhile. */
	json_array_foreach(json_object_get(t, "hwrngs"), k, h) {
		b.feeds += jint(h, "feeds");
		b.bytes += jint(h, "bytes");
		b.bits += jint(h, "bits");
		if (!strcmp(json_string_value(json_object_get(h, "name")) ?: "", v.name))
			mine = h;
	}
	EXPECT_LE(m1.feeds - m0.feeds, b.feeds);
	EXPECT_GE(m2.feeds - m0.feeds, b.feeds);
	EXPECT_LE(m1.bytes - m0.bytes, b.bytes);
	EXPECT_GE(m2.bytes - m0.bytes, b.bytes);
	EXPECT_LE(m1.bits - m0.bits, b.bits);
	EXPECT_GE(m2.bits - m0.bits, b.bits);
	ev = hwrng_event(t, "hwrng-register", v.name, &n);
	if (unread(t)) {
		/* 5.10: counted, not read (Documentation/trace-format.md) */
		TH_LOG("the kernel's BTF has no struct hwrng: the registration is counted");
		EXPECT_EQ(1, unread(t));
		EXPECT_EQ(0, n);
	} else {
		EXPECT_EQ(1, n);
		ASSERT_NE(NULL, mine) TH_LOG("%s not in the trace's hwrngs", v.name);
		EXPECT_TRUE(json_is_true(json_object_get(mine, "current")));
		EXPECT_EQ(v.quality, jint(mine, "quality"));
	}
	if (ev) {
		long long d = (long long)v.registered_ns - jint(ev, "time_ns");

		EXPECT_EQ(v.quality, jint(ev, "quality"));
		EXPECT_GE(REGISTER_SKEW_NS, llabs(d))
			TH_LOG("registered %lld ns before the module's stamp", d);
	}
	json_decref(t);

	/* Unregistered. */
	unlink(BPF_TRACE);
	pid = rec_start_bpf(BPF_ERR, argv, &st);
	ASSERT_LT(0, pid) TH_LOG("rngtrace record --backend bpf: exit %d", st);
	ASSERT_EQ(0, syscall(SYS_delete_module, "virtio_rng", O_NONBLOCK))
		TH_LOG("delete_module(virtio_rng): %s", strerror(errno));
	kill(pid, SIGINT);
	st = rec_wait(pid, 30);
	EXPECT_EQ(0, load_ko(ko));	/* (as it was) */
	ASSERT_EQ(0, st) TH_LOG("rngtrace record --backend bpf: exit %d", st);
	t = json_load_file(BPF_TRACE, 0, &jerr);
	ASSERT_NE(NULL, t) TH_LOG("%s: %s", BPF_TRACE, jerr.text);
	ev = hwrng_event(t, "hwrng-unregister", v.name, &n);
	/* one unregistration: seen, or (5.10) counted */
	EXPECT_EQ(1, n + unread(t));
	if (ev)
		EXPECT_EQ(v.quality, jint(ev, "quality"));
	json_decref(t);
}

TEST_HARNESS_MAIN
