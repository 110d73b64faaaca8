// SPDX-License-Identifier: GPL-2.0
/*
 * The boot probes' events read back (live/bootevents.c): lines of
 * tracefs's trace file, and a whole boot's (fixtures/boot-probes-6.1.trace:
 * tools/check/bootargs-boot's guest, Debian's 6.1.0-57-amd64 without
 * RDRAND, a busybox initramfs whose /dev/random reader blocked).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/rngtrace.h>

#include "bootevents.h"
#include "ctlrun.h"
#include "harness.h"
#include "names.h"

static void test_line_credit(void)
{
	struct rt_boot_line l;

	CHECK_INT(rt_boot_line_parse("     kworker/0:1-17      [000] ..s..     2.263824: credit: (_credit_init_bits+0x0/0x11d) bits=2\n", &l), 1);
	CHECK_STR(l.comm, "kworker/0:1");
	CHECK_INT(l.pid, 17);
	CHECK_INT(l.cpu, 0);
	CHECK_U64(l.time_ns, 2263824000ULL);
	CHECK_STR(l.event, "credit");
	CHECK_STR(l.func, "_credit_init_bits");
	CHECK(l.has_value && l.value == 2);
}

static void test_line_return_names_caller(void)
{
	struct rt_boot_line l;

	CHECK_INT(rt_boot_line_parse("     kworker/0:1-17      [001] .Ns..     2.274799: credit_ret: (mix_interrupt_randomness.cold+0x25/0x31 <- _credit_init_bits)", &l), 1);
	CHECK_STR(l.event, "credit_ret");
	CHECK_STR(l.func, "mix_interrupt_randomness.cold");
	CHECK_INT(l.cpu, 1);
	CHECK(!l.has_value);
	CHECK_INT(rt_boot_line_parse("            head-93      [000] .....     4.363362: random_read_ret: (vfs_read+0x23f/0x310 <- random_read_iter) ret=4096", &l), 1);
	CHECK(l.has_value && l.value == 4096);
	CHECK_INT(rt_boot_line_parse("            init-1       [000] .....     3.059909: getrandom_ret: (do_syscall_64+0x5d/0xb0 <- __x64_sys_getrandom) ret=-11", &l), 1);
	CHECK(l.has_value && l.value == -11);
}

/* A task's name may hold spaces, dashes and brackets. */
static void test_line_odd_comm(void)
{
	struct rt_boot_line l;

	CHECK_INT(rt_boot_line_parse(" (udev-worker) [x]-4711  [003] d.h1.    12.000001: getrandom: (__x64_sys_getrandom+0x0/0x100)", &l), 1);
	CHECK_STR(l.comm, "(udev-worker) [x]");
	CHECK_INT(l.pid, 4711);
	CHECK_INT(l.cpu, 3);
	CHECK_U64(l.time_ns, 12000001000ULL);
	CHECK_INT(rt_boot_line_parse("   systemd-udevd-140     [000] .....     5.500000: kernel_wait: (wait_for_random_bytes+0x0/0x50)", &l), 1);
	CHECK_STR(l.comm, "systemd-udevd");
	CHECK_INT(l.pid, 140);
	CHECK_U64(l.time_ns, 5500000000ULL);
}

static void test_line_others(void)
{
	struct rt_boot_line l;

	CHECK_INT(rt_boot_line_parse("# tracer: nop\n", &l), 0);
	CHECK_INT(rt_boot_line_parse("\n", &l), 0);
	CHECK_INT(rt_boot_line_parse("CPU:1 [LOST 42 EVENTS]\n", &l), 2);
	CHECK(l.value == 42);
	/* another group's event (not a kprobe's line) */
	CHECK_INT(rt_boot_line_parse("          <idle>-0       [000] d..2.     1.000000: sched_switch: prev_comm=swapper/0 prev_pid=0", &l), 0);
	CHECK_INT(rt_boot_line_parse("garbage", &l), -1);
	CHECK_INT(rt_boot_line_parse("  x-1 [000] ..... notatime: credit: (f+0x0/0x1)", &l), -1);
}

static void test_source_of(void)
{
	CHECK_INT(rt_boot_source_of("mix_interrupt_randomness.cold"), RNGTRACE_SOURCE_INTERRUPTS);
	CHECK_INT(rt_boot_source_of("entropy_timer"), RNGTRACE_SOURCE_JITTER);
	CHECK_INT(rt_boot_source_of("add_hwgenerator_randomness"), RNGTRACE_SOURCE_HWRNG);
	CHECK_INT(rt_boot_source_of("random_init_early"), RNGTRACE_SOURCE_CPU);
	CHECK_INT(rt_boot_source_of("random_init"), RNGTRACE_SOURCE_CPU);
	CHECK_INT(rt_boot_source_of("random_initx"), RNGTRACE_SOURCE_UNKNOWN);
	CHECK_INT(rt_boot_source_of("do_syscall_64"), RNGTRACE_SOURCE_UNKNOWN);
}

/* The controller's table of crediting functions is the module's (kmod/names.c). */
static void test_crediters_are_the_modules(void)
{
	const char *slash = strrchr(__FILE__, '/');
	char path[600], *src, *p, name[64], src_name[64];
	int n = 0;

	snprintf(path, sizeof(path), "%.*s/../../kmod/names.c",
		 slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".");
	src = ctlrun_read(path);
	REQUIRE(src);
	p = strstr(src, "rt_crediters[] = {");
	REQUIRE(p);
	while ((p = strstr(p, "{ \"")) && sscanf(p, "{ \"%63[^\"]\", RNGTRACE_SOURCE_%63[A-Z]", name, src_name) == 2) {
		uint32_t got = rt_boot_source_of(name);
		char lower[64];
		size_t i;

		for (i = 0; src_name[i] && i < sizeof(lower) - 1; i++)
			lower[i] = (char)(src_name[i] - 'A' + 'a');
		lower[i] = 0;
		if (strcmp(rt_source_name(got), lower))
			rt_test_fail(__FILE__, __LINE__, "%s: module %s, controller %s",
				     name, lower, rt_source_name(got));
		n++;
		p++;
	}
	CHECK(n >= 12);
	free(src);
}

static int read_str(const char *text, bool ready_now, struct rt_boot_events *be)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	char err[256];
	int ret;

	if (!f)
		return -1;
	ret = rt_boot_events_read(f, ready_now, be, err, sizeof(err));
	fclose(f);
	return ret;
}

static size_t count(const struct rt_boot_events *be, uint32_t type)
{
	size_t i, n = 0;

	for (i = 0; i < be->nev; i++)
		n += be->ev[i].type == type;
	return n;
}

static const struct rt_event *first(const struct rt_boot_events *be, uint32_t type)
{
	size_t i;

	for (i = 0; i < be->nev; i++)
		if (be->ev[i].type == type)
			return &be->ev[i];
	return NULL;
}

/* A whole boot: READY, credits by source, the blocked reader, the polls. */
static void test_fixture_boot(void)
{
	struct rt_boot_events be;
	const struct rt_event *rd, *w;
	FILE *f = fopen(fixture("boot-probes-6.1.trace"), "r");
	char err[256];
	uint64_t bits = 0, prev = 0;
	size_t i, jitter = 0;

	REQUIRE(f);
	CHECK_INT(rt_boot_events_read(f, false, &be, err, sizeof(err)), 0);
	fclose(f);
	CHECK(be.ready);
	CHECK_U64(be.lines, 543);
	CHECK_U64(be.bad_lines, 0);
	CHECK_U64(be.lost, 0);
	CHECK_U64(be.first_ns, 2263824000ULL);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_CREDIT), 254);
	for (i = 0; i < be.nev; i++) {
		const struct rt_event *e = &be.ev[i];

		CHECK(e->boot_probe && e->has_seq && e->seq == i);
		CHECK(e->time_ns >= prev);
		prev = e->time_ns;
		if (e->type != RNGTRACE_EVENT_TYPE_CREDIT)
			continue;
		bits += e->bits;
		jitter += e->source == RNGTRACE_SOURCE_JITTER;
		CHECK(!e->has_total_bits);
	}
	CHECK_U64(bits, 255);
	CHECK_INT(jitter, 253);
	/* the last credit before crng_set_ready() ran, at 4.360664 */
	rd = first(&be, RNGTRACE_EVENT_TYPE_READY);
	REQUIRE(rd);
	CHECK_U64(rd->time_ns, 4360079000ULL);
	/* its call's return: "crng init done" is printed in between */
	CHECK(rd->has_return);
	CHECK_U64(rd->return_ns, 4360602000ULL);
	CHECK_INT(rd->source, RNGTRACE_SOURCE_JITTER);
	CHECK_STR(rd->caller, "entropy_timer");
	CHECK(rd->has_evidence && rd->evidence == RT_READY_EVIDENCE_LAST_CREDIT);
	CHECK_STR(rt_ready_evidence_name(rd->evidence), "last-credit");
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_READY), 1);
	/* head's /dev/random read: wait_for_random_bytes() inside it */
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_WAIT), 1);
	w = first(&be, RNGTRACE_EVENT_TYPE_WAIT);
	REQUIRE(w);
	CHECK_INT(w->path, RNGTRACE_PATH_DEV_RANDOM);
	CHECK_INT(w->pid, 93);
	CHECK_STR(w->comm, "head");
	CHECK_U64(w->start_ns, 3297552000ULL);
	CHECK_U64(w->time_ns, 4362784000ULL);
	CHECK(w->has_bytes && w->bytes == 4096);
	CHECK(!w->has_flags && !w->cgroup[0]);
	/* 13 getrandom(GRND_NONBLOCK) polls before READY; 2 reads after it are nothing */
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_UNSEEDED), 13);
	w = first(&be, RNGTRACE_EVENT_TYPE_UNSEEDED);
	REQUIRE(w);
	CHECK_INT(w->path, RNGTRACE_PATH_GETRANDOM);
	CHECK(w->has_result && w->result == -11 && !w->has_bytes);
	CHECK_STR(w->comm, "init");
	CHECK_INT(be.nopen, 0);
	rt_boot_events_free(&be);
}

/*
 * A whole boot with the probes of today (fixtures/boot-probes-6.1-entries.trace:
 * tools/check/bootargs-boot's guest, Debian's 6.1.0-57-amd64 without
 * RDRAND, the entries alone past ftrace's call site, head's /dev/random
 * read blocked): the same READY, credits and wait as the probes of 0.x saw.
 */
static void test_fixture_entries_alone(void)
{
	struct rt_boot_events be;
	const struct rt_event *rd, *w;
	FILE *f = fopen(fixture("boot-probes-6.1-entries.trace"), "r");
	char err[256];
	uint64_t bits = 0;
	size_t i;

	REQUIRE(f);
	CHECK_INT(rt_boot_events_read(f, false, &be, err, sizeof(err)), 0);
	fclose(f);
	CHECK(be.ready);
	CHECK_U64(be.lines, 530);
	CHECK_U64(be.bad_lines, 0);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_CREDIT), 255);
	for (i = 0; i < be.nev; i++)
		if (be.ev[i].type == RNGTRACE_EVENT_TYPE_CREDIT)
			bits += be.ev[i].bits;
	CHECK_U64(bits, 255);
	rd = first(&be, RNGTRACE_EVENT_TYPE_READY);
	REQUIRE(rd);
	CHECK_U64(rd->time_ns, 2992088000ULL);
	CHECK_INT(rd->source, RNGTRACE_SOURCE_JITTER);
	CHECK(rd->has_return && rd->return_ns > rd->time_ns);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_WAIT), 1);
	w = first(&be, RNGTRACE_EVENT_TYPE_WAIT);
	REQUIRE(w);
	CHECK_STR(w->comm, "head");
	CHECK_INT(w->path, RNGTRACE_PATH_DEV_RANDOM);
	CHECK_U64(w->start_ns, 1941215000ULL);
	CHECK_U64(w->time_ns, 2994306000ULL);
	/* the getrandom(GRND_NONBLOCK) polls before READY */
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_UNSEEDED), 14);
	w = first(&be, RNGTRACE_EVENT_TYPE_UNSEEDED);
	REQUIRE(w);
	CHECK_STR(w->comm, "init");
	CHECK(w->flags == 1 && w->bytes == 8);
	CHECK_INT(be.nopen, 0);
	rt_boot_events_free(&be);
}

/*
 * Without crng_set_ready() (inlined away): READY is the last credit if the
 * CRNG is ready now, none if not; a wait not ended is open, in its outer
 * call's path; a kernel thread's wait is the kernel's.
 */
static const char no_set_ready[] =
	"# tracer: nop\n"
	"   kworker/0:1-17  [000] d.h..     1.000000: credit: (_credit_init_bits+0x0/0x11d) bits=200\n"
	"   kworker/0:1-17  [000] d.h..     1.000010: credit_ret: (mix_interrupt_randomness+0x25/0x31 <- _credit_init_bits)\n"
	"    sshd-300       [000] .....     1.500000: getrandom: (__x64_sys_getrandom+0x0/0x100)\n"
	"    sshd-300       [000] .....     1.500010: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   kthread-2       [000] .....     1.600000: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   kthread-2       [000] .....     1.700000: kernel_wait_ret: (some_init+0x10/0x50 <- wait_for_random_bytes) ret=-512\n"
	"   kworker/0:1-17  [000] d.h..     2.000000: credit: (_credit_init_bits+0x0/0x11d) bits=56\n"
	"            cat-5  [000] d.h..     2.000001: credit: (_credit_init_bits+0x0/0x11d) bits=1\n"
	"            cat-5  [000] d.h..     2.000002: credit_ret: (add_disk_randomness+0x25/0x31 <- _credit_init_bits)\n"
	"   kworker/0:1-17  [000] d.h..     2.000010: credit_ret: (add_hwgenerator_randomness+0x25/0x31 <- _credit_init_bits)\n";

static void test_ready_without_set_ready(void)
{
	struct rt_boot_events be;
	const struct rt_event *rd, *w;

	REQUIRE(read_str(no_set_ready, true, &be) == 0);
	CHECK(be.ready);
	rd = first(&be, RNGTRACE_EVENT_TYPE_READY);
	REQUIRE(rd);
	/* the nested credit (an interrupt's) paired last in, first out */
	CHECK_U64(rd->time_ns, 2000001000ULL);
	CHECK(rd->has_return && rd->return_ns == 2000002000ULL);
	CHECK_INT(rd->source, RNGTRACE_SOURCE_DISK);
	w = first(&be, RNGTRACE_EVENT_TYPE_CREDIT);
	REQUIRE(w);
	CHECK_INT(w->source, RNGTRACE_SOURCE_INTERRUPTS);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_CREDIT), 3);
	/* the kernel thread's, interrupted */
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_WAIT), 1);
	w = first(&be, RNGTRACE_EVENT_TYPE_WAIT);
	REQUIRE(w);
	CHECK_INT(w->path, RNGTRACE_PATH_KERNEL);
	CHECK(w->has_result && w->result == -512);
	CHECK_INT(be.nopen, 1);
	CHECK_INT(be.open[0].path, RNGTRACE_PATH_GETRANDOM);
	CHECK_INT(be.open[0].pid, 300);
	CHECK_U64(be.open[0].start_ns, 1500010000ULL);
	CHECK(!be.open[0].has_seq);
	rt_boot_events_free(&be);

	REQUIRE(read_str(no_set_ready, false, &be) == 0);
	CHECK(!be.ready);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_READY), 0);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_CREDIT), 3);
	rt_boot_events_free(&be);
}

/*
 * The probes of today: getrandom()'s entry alone (its count and flags)
 * and wait_for_random_bytes(), whose return names its caller: whose wait
 * it was. Unseeded: getrandom(GRND_NONBLOCK or GRND_INSECURE) before
 * READY, with what it asked for; not after READY, nor with flags it
 * refuses, nor one that waits.
 */
static const char entries_alone[] =
	"# tracer: nop\n"
	"    init-1         [000] .....     1.000000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=8 flags=1\n"
	"   udevd-107       [000] .....     1.100000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=16 flags=4\n"
	"   udevd-107       [000] .....     1.100100: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=16 flags=6\n"
	"   sshd-300        [000] .....     1.200000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=32 flags=0\n"
	"   sshd-300        [000] .....     1.200010: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   head-93         [000] .....     1.300000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=8 flags=1\n"
	"   head-93         [000] .....     1.300100: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   kthr-2          [000] .....     1.400000: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   seed-187        [000] .....     1.500000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=512 flags=0\n"
	"   seed-187        [000] .....     1.500010: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   stuck-400       [000] .....     1.600000: kernel_wait: (wait_for_random_bytes+0x0/0x50)\n"
	"   kworker/0:1-17  [000] d.h..     2.000000: credit: (_credit_init_bits+0x0/0x11d) bits=256\n"
	"   kworker/0:1-17  [000] d.h..     2.000100: credit_ret: (add_hwgenerator_randomness+0x25/0x31 <- _credit_init_bits)\n"
	"   kworker/u2:0-9  [000] .....     2.000200: set_ready: (crng_set_ready+0x5/0x11)\n"
	"   sshd-300        [000] .....     2.000300: kernel_wait_ret: (__x64_sys_getrandom+0xcc/0x100 <- wait_for_random_bytes) ret=0\n"
	"   head-93         [000] .....     2.000400: kernel_wait_ret: (random_read_iter+0x4a/0x90 <- wait_for_random_bytes) ret=0\n"
	"   kthr-2          [000] .....     2.000500: kernel_wait_ret: (some_init+0x10/0x50 <- wait_for_random_bytes) ret=0\n"
	"   seed-187        [000] .....     2.000600: kernel_wait_ret: (__x64_sys_getrandom+0xcc/0x100 <- wait_for_random_bytes) ret=-512\n"
	"    init-1         [000] .....     3.000000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=8 flags=1\n";

static const struct rt_event *wait_of(const struct rt_boot_events *be, uint32_t pid)
{
	size_t i;

	for (i = 0; i < be->nev; i++)
		if (be->ev[i].type == RNGTRACE_EVENT_TYPE_WAIT && be->ev[i].pid == pid)
			return &be->ev[i];
	return NULL;
}

static void test_entries_alone(void)
{
	struct rt_boot_line l;
	struct rt_boot_events be;
	const struct rt_event *e;

	CHECK_INT(rt_boot_line_parse("   udevd-107       [000] .....     1.100000: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=16 flags=4", &l), 1);
	CHECK_STR(l.func, "__x64_sys_getrandom");
	CHECK(l.has_value && l.value == 16 && l.has_value2 && l.value2 == 4);
	CHECK_INT(rt_boot_path_of("__x64_sys_getrandom"), RNGTRACE_PATH_GETRANDOM);
	CHECK_INT(rt_boot_path_of("__do_sys_getrandom"), RNGTRACE_PATH_GETRANDOM);
	CHECK_INT(rt_boot_path_of("__riscv_sys_getrandom"), RNGTRACE_PATH_GETRANDOM);
	CHECK_INT(rt_boot_path_of("random_read_iter"), RNGTRACE_PATH_DEV_RANDOM);
	CHECK_INT(rt_boot_path_of("urandom_read_iter"), RNGTRACE_PATH_KERNEL);
	CHECK_INT(rt_boot_path_of("random_read_iterx"), RNGTRACE_PATH_KERNEL);

	REQUIRE(read_str(entries_alone, false, &be) == 0);
	CHECK(be.ready);
	/*
	 * init's and head's polls and udevd's GRND_INSECURE read; not 6
	 * (EINVAL), not after READY
	 */
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_UNSEEDED), 3);
	e = first(&be, RNGTRACE_EVENT_TYPE_UNSEEDED);
	REQUIRE(e);
	CHECK_STR(e->comm, "init");
	CHECK(e->has_path && e->path == RNGTRACE_PATH_GETRANDOM);
	CHECK(e->has_flags && e->flags == 1 && e->has_bytes && e->bytes == 8);
	CHECK(!e->has_result);
	CHECK_U64(e->time_ns, 1000000000ULL);
	/* sshd's getrandom(32) waited: what it asked for, its result unknown */
	e = wait_of(&be, 300);
	REQUIRE(e);
	CHECK_INT(e->path, RNGTRACE_PATH_GETRANDOM);
	CHECK(e->has_flags && e->flags == 0 && e->has_bytes && e->bytes == 32);
	CHECK(!e->has_result);
	CHECK_U64(e->start_ns, 1200010000ULL);
	CHECK_U64(e->time_ns, 2000300000ULL);
	/* head's getrandom() was a poll; its wait was a /dev/random read's */
	e = wait_of(&be, 93);
	REQUIRE(e);
	CHECK_INT(e->path, RNGTRACE_PATH_DEV_RANDOM);
	CHECK(!e->has_flags && !e->has_bytes);
	/* the kernel's own, with its result */
	e = wait_of(&be, 2);
	REQUIRE(e);
	CHECK_INT(e->path, RNGTRACE_PATH_KERNEL);
	CHECK(e->has_result && e->result == 0);
	/* a signal: -EINTR, what the task saw */
	e = wait_of(&be, 187);
	REQUIRE(e);
	CHECK(e->has_result && e->result == -4);
	CHECK(e->has_bytes && e->bytes == 512);
	CHECK_INT(count(&be, RNGTRACE_EVENT_TYPE_WAIT), 4);
	/* a wait that never returned: whose, not known */
	CHECK_INT(be.nopen, 1);
	CHECK_INT(be.open[0].pid, 400);
	CHECK(!be.open[0].has_path);
	rt_boot_events_free(&be);
}

static int put(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/*
 * The cgroups of the tasks still alive, from a /proc of our own: the
 * waiter's, not a task that took its pid later or has another name.
 */
static void test_cgroups_of_the_living(void)
{
	char proc[] = "/tmp/rt-proc-XXXXXX", d[64], stat[256];
	long hz = sysconf(_SC_CLK_TCK);
	struct rt_boot_events be = { 0 };
	struct rt_event ev[4] = { 0 };
	int i;

	REQUIRE(mkdtemp(proc) && hz > 0);
	for (i = 0; i < 4; i++) {
		ev[i].has_pid = ev[i].has_start = true;
		ev[i].pid = 100 + i;
		ev[i].start_ns = 5000000000ULL;			/* 5 s */
		snprintf(ev[i].comm, sizeof(ev[i].comm), "sshd");
		snprintf(d, sizeof(d), "%s/%d", proc, 100 + i);
		REQUIRE(mkdir(d, 0700) == 0);
		REQUIRE(put(d, "comm", i == 1 ? "bash\n" : "sshd\n") == 0);
		/* started at 1 s, or (103) at 9 s: a later task on that pid */
		snprintf(stat, sizeof(stat),
			 "%d (sshd) S 1 %d %d 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 %ld 1 1\n",
			 100 + i, 100 + i, 100 + i, (i == 3 ? 9 : 1) * hz);
		REQUIRE(put(d, "stat", stat) == 0);
		REQUIRE(put(d, "cgroup", i == 2 ? "1:name=systemd:/x\n" :
			    "0::/system.slice/ssh.service\n") == 0);
	}
	be.ev = ev;
	be.nev = 3;
	be.open = &ev[3];
	be.nopen = 1;
	rt_boot_events_cgroups(&be, proc);
	CHECK_STR(ev[0].cgroup, "/system.slice/ssh.service");
	CHECK_STR(ev[1].cgroup, "");	/* another name: not the waiter */
	CHECK_STR(ev[2].cgroup, "");	/* no cgroup v2 line */
	CHECK_STR(ev[3].cgroup, "");	/* started after the wait */
	/* v2's line after v1's (a hybrid hierarchy) */
	snprintf(d, sizeof(d), "%s/100", proc);
	REQUIRE(put(d, "cgroup", "1:name=systemd:/x\n0::/system.slice/ssh.service\n") == 0);
	ev[0].cgroup[0] = 0;
	rt_boot_events_cgroups(&be, proc);
	CHECK_STR(ev[0].cgroup, "/system.slice/ssh.service");
	ev[3].pid = 999;			/* gone */
	rt_boot_events_cgroups(&be, proc);
	CHECK_STR(ev[3].cgroup, "");
	snprintf(d, sizeof(d), "rm -rf %s", proc);
	CHECK(system(d) == 0);
}

static const struct rt_test tests[] = {
	{ "bootevents: a credit's line", test_line_credit },
	{ "bootevents: a return's line names its caller and value", test_line_return_names_caller },
	{ "bootevents: a task's name with spaces, dashes, brackets", test_line_odd_comm },
	{ "bootevents: comments, lost events, other groups, garbage", test_line_others },
	{ "bootevents: a caller's source", test_source_of },
	{ "bootevents: the crediting functions are kmod/names.c's", test_crediters_are_the_modules },
	{ "bootevents: a boot's READY, credits, wait and polls (6.1)", test_fixture_boot },
	{ "bootevents: READY without crng_set_ready(), open and kernel waits", test_ready_without_set_ready },
	{ "bootevents: entries alone, waits named by their caller", test_entries_alone },
	{ "bootevents: a whole boot with the entries alone", test_fixture_entries_alone },
	{ "bootevents: the cgroups of the tasks still alive", test_cgroups_of_the_living },
	{ NULL, NULL },
};
RT_SUITE(tests);
