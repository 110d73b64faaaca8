// SPDX-License-Identifier: GPL-2.0
/*
 * The rngtrace netlink ABI and the probes' life cycle: every probe
 * attached, permissions, strict validation with extack, disarming once the
 * CRNG is ready (and keep_armed), RESET. (Load and unload under load:
 * stress_test.)
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>

#include "harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define NPROBES 11

/* The getrandom syscall's entry: the architecture's wrapper prefix. */
#define SYS_GETRANDOM_X86 "__x64_sys_getrandom"
static const char *sys_getrandom = SYS_GETRANDOM_X86;

static const char *hot[] = {
	"_credit_init_bits", "crng_reseed", SYS_GETRANDOM_X86,
	"random_read_iter", "urandom_read_iter", "wait_for_random_bytes",
	"try_to_generate_entropy",
};
#define NHOT ((int)(sizeof(hot) / sizeof(hot[0])))

static const char *ko_path(void)
{
	return getenv("RNGTRACE_KO") ?: "/lib/rngtrace/rngtrace.ko";
}

static int module_param_yes(const char *name)
{
	char path[128], v[8] = "";

	snprintf(path, sizeof(path), "/sys/module/rngtrace/parameters/%s", name);
	return !read_line(path, v, sizeof(v)) && v[0] == 'Y';
}

/*
 * 1 when every hot probe attached is armed, 0 when none is, -1 otherwise
 * (a function this kernel does not have is not attached: 5.10 has no
 * try_to_generate_entropy).
 */
static int hot_armed(void)
{
	struct rt_probe_info p[16];
	int n, i, armed = 0, attached = 0;

	if (rt_probes(p, 16, &n))
		return -1;
	for (i = 0; i < NHOT; i++) {
		const struct rt_probe_info *q = rt_probe_find(p, n, hot[i]);

		if (!q)
			return -1;
		attached += q->attached;
		armed += q->attached && q->armed;
	}
	if (!attached)
		return -1;
	return armed == attached ? 1 : armed == 0 ? 0 : -1;
}

/* How long after ready the hot probes may stay armed, with a margin. */
static int64_t disarm_deadline_ms(void)
{
	return boottime_ns() / 1000000 +
	       module_param_num("disarm_delay_ms", 1000) + 5000;
}

static int wait_hot_armed(int want)
{
	int64_t deadline = want ? boottime_ns() / 1000000 + 10000 :
				  disarm_deadline_ms();

	while ((boottime_ns() / 1000000) < deadline)
		if (hot_armed() == want)
			return 0;
	return -ETIMEDOUT;
}

static int set_keep_armed(uint32_t v, struct genl_reply *r)
{
	char attrs[16];
	size_t off = 0;

	genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &v, sizeof(v));
	return rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r);
}

static const char *probe_names[NPROBES] = {
	"_credit_init_bits", "crng_reseed", "crng_set_ready",
	"try_to_generate_entropy", SYS_GETRANDOM_X86, "random_read_iter",
	"urandom_read_iter", "wait_for_random_bytes", "hwrng_register",
	"hwrng_unregister", "add_hwgenerator_randomness",
};

/* As the kernel names it on this machine (uname), in every table above. */
static void __attribute__((constructor)) pick_sys_getrandom(void)
{
	int i;

	sys_getrandom = rt_sys_getrandom();
	for (i = 0; i < NHOT; i++)
		if (!strcmp(hot[i], SYS_GETRANDOM_X86))
			hot[i] = sys_getrandom;
	for (i = 0; i < NPROBES; i++)
		if (!strcmp(probe_names[i], SYS_GETRANDOM_X86))
			probe_names[i] = sys_getrandom;
}

/*
 * The kernel's fprobes return through rethook (6.5 to 6.13), where the
 * module puts random.c's probes on them (kmod/compat/fprobe.h). The ground
 * truth is the kernel's own symbol table: rethook's fprobe exit callback.
 */
static int kernel_has_rethook_fprobe(void)
{
	return kallsyms_has("fprobe_exit_handler");
}

/*
 * fprobes on the graph tracer (6.14+): the module puts on them what its
 * symbol walk finds, and the rest (functions linked far from random.c)
 * on kprobes. Where a kprobe can sit on an ftrace site too (x86_64: the
 * kernel has kprobe_ftrace_handler), the credit stays a kretprobe: an
 * fprobe's exit could see another kretprobe's trampoline as its caller
 * (compat/fprobe.h).
 */
static int kernel_has_fgraph_fprobe(void)
{
	return kallsyms_has("fprobe_fgraph_entry") == 1;
}

static int kernel_has_kprobes_on_ftrace(void)
{
	return kallsyms_has("kprobe_ftrace_handler") == 1;
}

/*
 * A line of /proc/kallsyms that is a copy of a probed function: the
 * index in probe_names, sym its name, *dot where its suffix starts (NULL
 * for none); -1 for any other line. Copies are the name itself and its
 * .part.N, .constprop.N and .isra.N clones (.cold and such are not entry
 * points).
 */
static int kallsyms_copy(const char *line, char sym[256], const char **dot)
{
	size_t base;
	char type;
	int i;

	if (sscanf(line, "%*s %c %255s", &type, sym) != 2 ||
	    (type != 't' && type != 'T'))
		return -1;
	*dot = strchr(sym, '.');
	base = *dot ? (size_t)(*dot - sym) : strlen(sym);
	if (*dot && strncmp(*dot, ".part.", 6) &&
	    strncmp(*dot, ".constprop.", 11) && strncmp(*dot, ".isra.", 6))
		return -1;
	for (i = 0; i < NPROBES; i++)
		if (strlen(probe_names[i]) == base &&
		    !strncmp(sym, probe_names[i], base))
			return i;
	return -1;
}

/*
 * Which probed functions this kernel has, by /proc/kallsyms (the ground
 * truth, loaded modules' symbols included): present[i] is 1 when
 * probe_names[i] or a .part.N copy of it (what the module attaches to) is
 * there. The number of copies of probed functions, or -errno.
 */
static int kallsyms_scan(int present[NPROBES])
{
	char line[512], sym[256];
	const char *dot;
	int i, copies = 0;
	FILE *f;

	memset(present, 0, NPROBES * sizeof(*present));
	f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		i = kallsyms_copy(line, sym, &dot);
		if (i < 0)
			continue;
		copies++;
		/* 2: in a module ("[rng_core]"), where no fprobe goes */
		if (!dot || !strncmp(dot, ".part.", 6))
			present[i] = strchr(line, '[') ? 2 : 1;
	}
	fclose(f);
	return copies;
}

/*
 * Every probe the kernel's symbols allow is attached, and only those: a
 * function this kernel lacks (crng_set_ready before 6.x's random.c; the
 * hwrng core's while rng-core, a module, is not loaded) is a row that says
 * -ENOENT. What every 2022 random.c has must be found, or the scan is
 * what is wrong.
 */
TEST(every_probe_attached)
{
	int fp = kernel_has_rethook_fprobe();
	int fg = kernel_has_fgraph_fprobe();
	int kof = kernel_has_kprobes_on_ftrace();
	uint32_t ret = fp ? RNGTRACE_PROBE_METHOD_FPROBE :
			    RNGTRACE_PROBE_METHOD_KRETPROBE;
	uint32_t entry = fp ? RNGTRACE_PROBE_METHOD_FPROBE :
			      RNGTRACE_PROBE_METHOD_KPROBE;
	uint32_t kret = RNGTRACE_PROBE_METHOD_KRETPROBE;
	uint32_t kp = RNGTRACE_PROBE_METHOD_KPROBE;
	/*
	 * On fprobes where they work (in a module, a function stays on the
	 * kprobe of the third column: an fprobe outlives the module).
	 */
	const struct { const char *sym; uint32_t method, in_module; } want[NPROBES] = {
		{ "_credit_init_bits", ret, kret },
		{ "crng_reseed", entry, kp },
		{ "crng_set_ready", entry, kp },
		{ "try_to_generate_entropy", ret, kret },
		{ sys_getrandom, ret, kret },
		{ "random_read_iter", ret, kret },
		{ "urandom_read_iter", ret, kret },
		{ "wait_for_random_bytes", ret, kret },
		{ "hwrng_register", ret, kret },
		{ "hwrng_unregister", entry, kp },
		{ "add_hwgenerator_randomness", entry, kp },
	};
	/* Of want[]: in every random.c since the 2022 rewrite, built in. */
	static const int everywhere[] = { 0, 1, 4, 5, 6, 7, 10 };
	struct rt_probe_info p[16];
	int present[NPROBES];
	int n, i;

	ASSERT_LE(0, fp) TH_LOG("no /proc/kallsyms");
	ASSERT_EQ(0, rt_probes(p, 16, &n));
	ASSERT_EQ(NPROBES, n);
	ASSERT_LE(0, kallsyms_scan(present));
	for (i = 0; i < (int)(sizeof(everywhere) / sizeof(everywhere[0])); i++)
		EXPECT_EQ(1, present[everywhere[i]])
			TH_LOG("%s not in /proc/kallsyms", want[everywhere[i]].sym);
	for (i = 0; i < NPROBES; i++) {
		const struct rt_probe_info *q = rt_probe_find(p, n, want[i].sym);

		ASSERT_STREQ(probe_names[i], want[i].sym);
		ASSERT_NE(NULL, q) TH_LOG("%s missing", want[i].sym);
		EXPECT_EQ(!!present[i], q->attached)
			TH_LOG("%s: %sin /proc/kallsyms, error %d", q->symbol,
			       present[i] ? "" : "not ", q->error);
		EXPECT_EQ(present[i] ? 0 : -ENOENT, q->error) TH_LOG("%s", q->symbol);
		if (fg && kof && i == 0 && present[i] == 1) {
			EXPECT_EQ(kret, q->method) TH_LOG("%s: its caller", q->symbol);
		} else if (fg && present[i] == 1 &&
			   q->method == RNGTRACE_PROBE_METHOD_FPROBE) {
			TH_LOG("%s: fprobe (graph tracer)", q->symbol);
		} else {
			EXPECT_EQ(present[i] == 2 ? want[i].in_module : want[i].method,
				  q->method) TH_LOG("%s", q->symbol);
		}
		EXPECT_EQ(0, q->nmissed) TH_LOG("%s", q->symbol);
	}
}

/*
 * A site on an fprobe costs the kernel no kprobe, not even a disabled one
 * to find the function by (each registration scans the whole jump table:
 * ~6 ms of module load under emulation): the kernel's kprobes/list names
 * none of them.
 */
TEST(fprobe_sites_have_no_kprobe)
{
	struct rt_probe_info p[16];
	char line[512], sym[256];
	int n, i, fprobes = 0;
	FILE *f;

	if (kernel_has_rethook_fprobe() != 1)
		SKIP(return, "no fprobes on rethook in this kernel");
	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) &&
	    errno != EBUSY)
		SKIP(return, "no debugfs");
	ASSERT_EQ(0, rt_probes(p, 16, &n));
	for (i = 0; i < n; i++)
		fprobes += p[i].method == RNGTRACE_PROBE_METHOD_FPROBE;
	ASSERT_LT(0, fprobes) TH_LOG("no site on an fprobe");
	f = fopen("/sys/kernel/debug/kprobes/list", "re");
	ASSERT_NE(NULL, f) TH_LOG("kprobes/list: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		const struct rt_probe_info *q;

		if (sscanf(line, "%*s %*s %255s", sym) != 1)
			continue;
		sym[strcspn(sym, "+")] = '\0';
		q = rt_probe_find(p, n, sym);
		EXPECT_FALSE(q && q->method == RNGTRACE_PROBE_METHOD_FPROBE)
			TH_LOG("an fprobe site in kprobes/list: %s", line);
	}
	fclose(f);
}

/*
 * Where the ftrace site is a function's first instruction (every
 * kretprobe's row in kprobes/list reads "+0x0 [FTRACE]": x86_64 without
 * IBT; with it, most read "+0x4", after the ENDBR), an
 * entry-only kprobe is an int3 on the next instruction, not an ftrace
 * update each time it is armed or disarmed: its row has no [FTRACE], and
 * no [OPTIMIZED] (the optimizer would hold text_mutex across an RCU-tasks
 * grace period). Except crng_reseed's, whose handler marks the context
 * it runs in: an int3's is an NMI's, which the credit it is matched
 * against never has.
 */
TEST(entry_kprobes_are_past_the_ftrace_site)
{
	struct rt_probe_info p[16];
	char line[512], sym[256];
	int n, entry = 0, site_first = 0, site_later = 0;
	FILE *f;

	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) &&
	    errno != EBUSY)
		SKIP(return, "no debugfs");
	ASSERT_EQ(0, rt_probes(p, 16, &n));
	f = fopen("/sys/kernel/debug/kprobes/list", "re");
	ASSERT_NE(NULL, f) TH_LOG("kprobes/list: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char kind;

		if (sscanf(line, "%*s %c %255s", &kind, sym) != 2 ||
		    kind != 'r' || !strstr(line, "[FTRACE]"))
			continue;
		if (strstr(sym, "+0x0"))
			site_first = 1;
		else
			site_later = 1;
	}
	/* IBT: functions with ENDBR have the site after it, others first. */
	site_first &= !site_later;
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		const struct rt_probe_info *q;
		int reads_context;
		char kind;

		if (sscanf(line, "%*s %c %255s", &kind, sym) != 2)
			continue;
		sym[strcspn(sym, "+")] = '\0';
		q = rt_probe_find(p, n, sym);
		if (kind != 'k' || !q || q->method != RNGTRACE_PROBE_METHOD_KPROBE)
			continue;
		entry++;
		EXPECT_EQ(NULL, strstr(line, "[OPTIMIZED]")) TH_LOG("%s", line);
		if (!site_first)
			continue;
		/* Its handler reads its context: on the entry, as the credit's. */
		reads_context = strcspn(sym, ".") == 11 &&
				!strncmp(sym, "crng_reseed", 11);
		EXPECT_EQ(reads_context, !!strstr(line, "[FTRACE]"))
			TH_LOG("%s", line);
	}
	fclose(f);
	if (!entry || !site_first)
		SKIP(return, "no entry kprobe, or no ftrace site first in a function");
}

/*
 * Every copy of a probed function the kernel has (/proc/kallsyms, the
 * ground truth) is a row of PROBES_GET: name and name.part.N attached,
 * .constprop.N and .isra.N refused (their argument layout is their own).
 * And the other way round: each attached row is one symbol kallsyms has.
 */
TEST(every_clone_in_kallsyms_is_listed)
{
	struct rt_probe_info p[16];
	char line[512], sym[256];
	int n, k, seen[16] = {}, copies = 0;
	const char *dot;
	FILE *f;

	ASSERT_EQ(0, rt_probes(p, 16, &n));
	f = fopen("/proc/kallsyms", "re");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		const struct rt_probe_info *q = NULL;

		if (kallsyms_copy(line, sym, &dot) < 0)
			continue;
		copies++;
		for (k = 0; k < n; k++) {
			if (!strcmp(p[k].symbol, sym)) {
				q = &p[k];
				seen[k]++;
			}
		}
		ASSERT_NE(NULL, q) TH_LOG("%s is not listed", sym);
		if (dot && strncmp(dot, ".part.", 6)) {
			EXPECT_EQ(1, q->refused) TH_LOG("%s", sym);
			EXPECT_EQ(0, q->attached) TH_LOG("%s", sym);
		} else {
			EXPECT_EQ(1, q->attached) TH_LOG("%s", sym);
		}
	}
	fclose(f);
	for (k = 0; k < n; k++)
		if (p[k].attached)
			EXPECT_EQ(1, seen[k])
				TH_LOG("%s attached, %d times in /proc/kallsyms",
				       p[k].symbol, seen[k]);
	/* A scan that matched nothing would pass the above vacuously. */
	EXPECT_LT(0, copies);
}

static int attached(const struct rt_probe_info *p, int n)
{
	int i, a = 0;

	for (i = 0; i < n; i++)
		a += p[i].attached;
	return a;
}

/*
 * Userspace reach comes last: the moment the family can be resolved, its
 * probe table is whole. A child resolves it in a loop while the module
 * loads and dumps PROBES_GET the instant it appears.
 */
TEST(probes_complete_as_soon_as_the_family_exists)
{
	struct rt_probe_info whole[16];
	int fd, status, i, n;
	uint16_t id;
	pid_t pid;

	fd = open(ko_path(), O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (i = 0; i < 5; i++) {
		ASSERT_EQ(0, syscall(SYS_delete_module, "rngtrace", O_NONBLOCK));
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			struct rt_probe_info p[16];
			int g = genl_open(), n;
			int64_t deadline = boottime_ns() + 20000000000LL;

			while (rt_family(g, &id)) {
				if (boottime_ns() > deadline)
					_exit(2);
			}
			if (rt_probes(p, 16, &n))
				_exit(3);
			_exit(100 + attached(p, n));
		}
		ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		/* As many rows the first instant as once the load is done. */
		ASSERT_EQ(0, rt_probes(whole, 16, &n));
		/* 2 never appeared, 3 PROBES_GET failed, 100+N: N attached */
		EXPECT_EQ(100 + attached(whole, n), WEXITSTATUS(status))
			TH_LOG("load %d", i);
	}
	close(fd);
}

TEST(unprivileged_gets_status_only)
{
	pid_t pid = fork();
	int wstatus;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct rt_probe_info p[16];
		struct rt_st st;
		struct genl_reply *r = malloc(sizeof(*r));
		uint32_t grp;
		int fd, n;

		if (!r || setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(10);
		if (rt_status(&st))
			_exit(11);
		if (rt_probes(p, 16, &n) || n != NPROBES)
			_exit(12);
		while (n--)
			if (p[n].has_hits || p[n].has_nmissed)
				_exit(18);
		if (rt_dump(RNGTRACE_CMD_EVENTS_GET, NULL, 0, r) != -EPERM)
			_exit(13);
		if (rt_dump(RNGTRACE_CMD_WAITING_GET, NULL, 0, r) != -EPERM)
			_exit(19);
		if (set_keep_armed(1, r) != -EPERM)
			_exit(14);
		if (rt_do(RNGTRACE_CMD_RESET, NULL, 0, r) != -EPERM)
			_exit(15);
		fd = genl_open();
		if (fd < 0 || genl_mcast_group(fd, RNGTRACE_FAMILY_NAME,
					       RNGTRACE_MCGRP_EVENTS, &grp))
			_exit(16);
		if (!setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
				sizeof(grp)) || errno != EPERM)
			_exit(17);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &wstatus, 0));
	ASSERT_TRUE(WIFEXITED(wstatus));
	/*
	 * 10 set-up, 11 STATUS, 12 PROBES, 13 EVENTS, 14 CONFIG, 15 RESET,
	 * 17 join, 18 PROBES gave hits or nmissed, 19 WAITING_GET not EPERM
	 */
	EXPECT_EQ(0, WEXITSTATUS(wstatus));
}

static int kernel_names_missing_attributes(struct genl_reply *r);

TEST(malformed_requests_name_the_attribute)
{
	struct genl_reply *r = malloc(sizeof(*r));
	int bare;
	uint32_t v = 2;
	uint8_t small = 1;
	uint64_t seq = 0;
	char attrs[32];
	size_t off = 0, at;

	ASSERT_NE(NULL, r);
	/* Out of range: keep-armed is 0 or 1. */
	at = genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &v, sizeof(v));
	EXPECT_EQ(-ERANGE, rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/* Wrong type: a u8 where a u32 belongs. */
	off = 0;
	at = genl_put_attr(attrs, &off, RNGTRACE_A_CONFIG_KEEP_ARMED, &small, 1);
	EXPECT_EQ(-EINVAL, rt_do(RNGTRACE_CMD_CONFIG_SET, attrs, off, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/* Missing: refused with a message (and the attribute named, below). */
	EXPECT_EQ(-EINVAL, rt_do(RNGTRACE_CMD_CONFIG_SET, NULL, 0, r));
	EXPECT_NE('\0', r->extack[0]);

	/* Unknown attribute in a dump request. */
	off = 0;
	genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_SINCE_SEQ, &seq, sizeof(seq));
	at = genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_MAX + 5, &v, sizeof(v));
	EXPECT_EQ(-EINVAL, rt_dump(RNGTRACE_CMD_EVENTS_GET, attrs, off, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/* An attribute of another command's set. */
	off = 0;
	at = genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_EVENT, &v, sizeof(v));
	EXPECT_EQ(-EINVAL, rt_dump(RNGTRACE_CMD_EVENTS_GET, attrs, off, r));
	EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off);

	/*
	 * Dumps that take no attributes refuse one: the core (resv_start_op,
	 * 6.1+) names it; on 5.10 the module's own start refuses it, and
	 * that kernel gives a dump's start no extack to name it in (only
	 * the dump itself has one), so there the error comes bare.
	 */
	bare = kernel_names_missing_attributes(r) == 0;
	off = 0;
	at = genl_put_attr(attrs, &off, 1, &v, sizeof(v));
	EXPECT_EQ(-EINVAL, rt_dump(RNGTRACE_CMD_WAITING_GET, attrs, off, r));
	if (!bare || r->extack[0])
		EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off)
			TH_LOG("extack: %s", r->extack);
	EXPECT_EQ(-EINVAL, rt_dump(RNGTRACE_CMD_PROBES_GET, attrs, off, r));
	if (!bare || r->extack[0])
		EXPECT_EQ((int64_t)(NLMSG_HDRLEN + GENL_HDRLEN + at), r->bad_attr_off)
			TH_LOG("extack: %s", r->extack);
	free(r);
}

/*
 * Whether this kernel's netlink can name a missing attribute at all
 * (NLMSGERR_ATTR_MISS_TYPE, 6.0), asked of another family: ethtool's
 * string-set request without a set id was made to name it in the same
 * series. 1 yes, 0 no, -errno when ethtool cannot tell.
 */
static int kernel_names_missing_attributes(struct genl_reply *r)
{
	char set[8], sets[16], none = 0;
	size_t off = 0, outer = 0;
	uint32_t version;
	uint16_t id;
	int fd, ret;

	fd = genl_open();
	if (fd < 0)
		return fd;
	ret = genl_resolve(fd, ETHTOOL_GENL_NAME, &id, &version);
	if (!ret) {
		/* STRINGSETS { STRINGSET { } }: a set without its id. */
		genl_put_attr(set, &off, NLA_F_NESTED | ETHTOOL_A_STRINGSETS_STRINGSET,
			      &none, 0);
		genl_put_attr(sets, &outer, NLA_F_NESTED | ETHTOOL_A_STRSET_STRINGSETS,
			      set, off);
		ret = genl_do(fd, id, ETHTOOL_MSG_STRSET_GET, 0, sets, outer, r);
		if (ret == -EINVAL && r->miss_type == ETHTOOL_A_STRINGSET_ID)
			ret = 1;
		else if (ret == -EINVAL && r->miss_type == -1)
			ret = 0;
		else if (ret >= 0)
			ret = -EPROTO;	/* accepted: it tells nothing */
	}
	close(fd);
	return ret;
}

/* Where the kernel's netlink can name a missing attribute, the module does. */
TEST(missing_attribute_is_named)
{
	struct genl_reply *r = malloc(sizeof(*r));
	int can;

	ASSERT_NE(NULL, r);
	can = kernel_names_missing_attributes(r);
	if (can < 0)
		SKIP(free(r); return,
		     "ethtool's netlink cannot tell whether this kernel names missing attributes (%d)",
		     can);
	if (!can)
		SKIP(free(r); return,
		     "this kernel's netlink names no missing attribute (NLMSGERR_ATTR_MISS_TYPE is 6.0's)");
	EXPECT_EQ(-EINVAL, rt_do(RNGTRACE_CMD_CONFIG_SET, NULL, 0, r));
	EXPECT_NE('\0', r->extack[0]);
	EXPECT_EQ(RNGTRACE_A_CONFIG_KEEP_ARMED, r->miss_type);
	free(r);
}

TEST(hot_probes_disarm_once_ready)
{
	struct rt_st before, after;
	uint64_t hits;
	char buf[16];
	int i;

	if (module_param_yes("keep_armed"))
		SKIP(return, "loaded with keep_armed=1");
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));	/* ready now */
	ASSERT_EQ(0, wait_hot_armed(0))
		TH_LOG("still armed %ld ms after ready",
		       module_param_num("disarm_delay_ms", 1000) + 5000);
	ASSERT_EQ(0, rt_status(&before));
	EXPECT_EQ(0, before.armed);
	hits = rt_probe_hits(sys_getrandom);
	for (i = 0; i < 100000; i++)
		ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	ASSERT_EQ(0, rt_status(&after));
	EXPECT_EQ(hits, rt_probe_hits(sys_getrandom));
	EXPECT_EQ(before.written, after.written);
	EXPECT_EQ(before.waits, after.waits);
	EXPECT_EQ(before.unseeded, after.unseeded);
	EXPECT_EQ(before.credited_bits, after.credited_bits);
}

/*
 * Whether @sym (@len bytes: no clone suffix) is a hot probe's function;
 * the credit path's two (hot[0], hot[1]) only @with_credit.
 */
static int names_hot_path(const char *sym, size_t len, int with_credit)
{
	int i;

	for (i = with_credit ? 0 : 2; i < NHOT; i++)
		if (strlen(hot[i]) == len && !strncmp(sym, hot[i], len))
			return 1;
	return 0;
}

static size_t sym_len(const char *sym)
{
	return strcspn(sym, ".+ \t\n");
}

/*
 * Lines of the kernel's own lists (not the module's word) that show a
 * probe armed on a hot function: a kprobe without [DISABLED] in
 * kprobes/list, or one the getrandom() and /dev/[u]random paths pass
 * through in tracing's enabled_functions (what ftrace calls out of: a
 * kprobe on ftrace, an fprobe). Into @why, the first such line; -1 if
 * either is unreadable.
 */
static int armed_on_hot_path(char *why, size_t len)
{
	char line[512], sym[256];
	int armed = 0;
	FILE *f;

	f = fopen("/sys/kernel/debug/kprobes/list", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*s %255s", sym) != 1 ||
		    !names_hot_path(sym, sym_len(sym), 1) ||
		    strstr(line, "[DISABLED]"))
			continue;
		if (!armed++)
			snprintf(why, len, "kprobes/list: %s", line);
	}
	fclose(f);
	f = fopen("/sys/kernel/tracing/enabled_functions", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!names_hot_path(line, sym_len(line), 0))
			continue;
		if (!armed++)
			snprintf(why, len, "enabled_functions: %s", line);
	}
	fclose(f);
	return armed;
}

/*
 * Steady state is free: a few seconds after the CRNG is ready, with no
 * wait in flight, nothing of the module's is armed on the getrandom() and
 * read paths, by the kernel's own lists. (The credit path's fprobes stay
 * attached, off by a flag: it is not called once the CRNG is ready, and
 * crng_reseed() about once a minute.)
 */
TEST(nothing_armed_on_the_getrandom_path_once_ready)
{
	char buf[16], why[600] = "";
	int64_t deadline;
	int armed;

	if (module_param_yes("keep_armed"))
		SKIP(return, "loaded with keep_armed=1");
	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) &&
	    errno != EBUSY)
		SKIP(return, "no debugfs");
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) &&
	    errno != EBUSY)
		SKIP(return, "no tracefs");
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));	/* ready, no waiter */
	/* The module disarms disarm_delay_ms after ready: 5 s more to do it. */
	deadline = disarm_deadline_ms();
	do {
		armed = armed_on_hot_path(why, sizeof(why));
		ASSERT_LE(0, armed) TH_LOG("kprobes/list or enabled_functions unreadable");
		if (!armed)
			break;
		usleep(20000);
	} while (boottime_ns() / 1000000 < deadline);
	EXPECT_EQ(0, armed) TH_LOG("%ld ms after ready, %d armed; %s",
				   module_param_num("disarm_delay_ms", 1000) + 5000,
				   armed, why);
}

TEST(keep_armed_counts_calls_after_ready)
{
	struct genl_reply *r = malloc(sizeof(*r));
	struct rt_st st;
	uint64_t hits;
	char buf[16];
	int i;

	ASSERT_NE(NULL, r);
	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	ASSERT_EQ(0, set_keep_armed(1, r)) TH_LOG("%s", r->extack);
	ASSERT_EQ(0, wait_hot_armed(1));
	ASSERT_EQ(0, rt_status(&st));
	EXPECT_EQ(1, st.keep_armed);
	hits = rt_probe_hits(sys_getrandom);
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));
	EXPECT_LE(hits + 1000, rt_probe_hits(sys_getrandom));
	EXPECT_GT(hits + 1100, rt_probe_hits(sys_getrandom));

	ASSERT_EQ(0, set_keep_armed(0, r));
	if (!module_param_yes("keep_armed"))
		EXPECT_EQ(0, wait_hot_armed(0));
	free(r);
}

TEST(reset_forgets_events_and_counters)
{
	struct rt_ev evs[4];
	struct rt_st before, after;
	int n;

	ASSERT_EQ(0, rt_status(&before));
	ASSERT_EQ(0, rt_do(RNGTRACE_CMD_RESET, NULL, 0, NULL));
	ASSERT_EQ(0, rt_status(&after));
	ASSERT_EQ(0, rt_events(0, evs, 4, &n));
	EXPECT_EQ(0, n);
	EXPECT_EQ(0, after.dropped);
	EXPECT_EQ(0, after.waits);
	EXPECT_EQ(0, after.unseeded);
	for (n = 0; n < RT_MAX_SOURCES; n++)
		EXPECT_EQ(0, after.credit_count[n]);
	/* Sequence numbers never go back: a follower cannot be fooled. */
	EXPECT_LE(before.written, after.written);
	EXPECT_EQ(before.ready_at_load, after.ready_at_load);
}

/*
 * A load asks the kernel to look few names up (kmod/findsym.c): where
 * kallsyms_lookup_name() scans every symbol (5.10), a name costs 40 ms
 * found and 140 ms not found under TCG, and a load that looked up every
 * clone of every probed function, three times each, took 4.1 s of the
 * boot it measures there (59 lookups; 3 now). The kernel's own count: a
 * tracefs kprobe on kallsyms_lookup_name() around a reload. The bound is
 * the kernel that needs the most now (6.12, 34: its lookups are a binary
 * search, and its random.c has no cold text to walk), not the fewest.
 */
#define LOOKUPS_MAX 36
#define TRACEFS "/sys/kernel/tracing"

TEST(load_looks_up_few_names)
{
	static const char def[] = "p:rtlookup/rt_lookup_count kallsyms_lookup_name\n";
	static const char undef[] = "-:rtlookup/rt_lookup_count\n";
	char line[256], name[64];
	unsigned long hits = 0, missed;
	int fd, found = 0;
	FILE *f;

	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) && errno != EBUSY)
		SKIP(return, "no tracefs");
	fd = open(TRACEFS "/kprobe_events", O_WRONLY | O_APPEND);
	ASSERT_LE(0, fd);
	if (write(fd, def, strlen(def)) != (ssize_t)strlen(def)) {
		close(fd);
		SKIP(return, "kallsyms_lookup_name takes no kprobe: %s",
		     strerror(errno));
	}
	close(fd);
	ASSERT_EQ(0, write_line(TRACEFS "/events/rtlookup/enable", "1"));
	fd = open(ko_path(), O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, syscall(SYS_delete_module, "rngtrace", O_NONBLOCK))
		TH_LOG("delete_module: %s", strerror(errno));
	ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0))
		TH_LOG("finit_module: %s", strerror(errno));
	close(fd);
	f = fopen(TRACEFS "/kprobe_profile", "re");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, " %63s %lu %lu", name, &hits, &missed) == 3 &&
		    !strcmp(name, "rt_lookup_count")) {
			found = 1;
			break;
		}
	fclose(f);
	write_line(TRACEFS "/events/rtlookup/enable", "0");
	fd = open(TRACEFS "/kprobe_events", O_WRONLY | O_APPEND);
	if (fd >= 0) {
		EXPECT_EQ((ssize_t)strlen(undef), write(fd, undef, strlen(undef)));
		close(fd);
	}
	ASSERT_TRUE(found) TH_LOG("no rt_lookup_count in kprobe_profile");
	TH_LOG("%lu kallsyms lookups in a load", hits);
	EXPECT_GE(LOOKUPS_MAX, hits);
}

TEST_HARNESS_MAIN
