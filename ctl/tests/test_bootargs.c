// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace bootargs: the boot probes chosen from a symbol table and a
 * config (live/bootprobes.c), and the command that prints them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "bootprobes.h"
#include "ctlrun.h"
#include "ftracesite.h"
#include "harness.h"

/* A kallsyms of an x86_64 kernel: the credit path as a clone and its .cold part. */
static const char kallsyms_x86[] =
	"ffffffff81000000 T _text\n"
	"ffffffff81234560 t _credit_init_bits.cold\n"
	"ffffffff81234570 t _credit_init_bits.constprop.0\n"
	"ffffffff81234600 t crng_set_ready\n"
	"ffffffff81234700 T __x64_sys_getrandom\n"
	"ffffffff81234800 t random_read_iter\n"
	"ffffffff81234900 t urandom_read_iter\n"
	"ffffffff81234a00 T wait_for_random_bytes\n"
	"ffffffffc0001000 t rt_credit_begin\t[rngtrace]\n"
	"ffffffffc0002000 t random_read_iter\t[some_module]\n"
	"ffffffff82000000 D random_data\n";

static const char config_x86[] =
	"CONFIG_KPROBES=y\nCONFIG_KPROBE_EVENTS=y\nCONFIG_DYNAMIC_FTRACE=y\n"
	"CONFIG_KPROBES_ON_FTRACE=y\n";

/* Where ftrace's call site ends, as a kernel told it: @arg's offset. */
static char asked[512];

static int past_at(const char *symbol, void *arg)
{
	size_t n = strlen(asked);

	snprintf(asked + n, sizeof(asked) - n, "%s ", symbol);
	return *(int *)arg;
}

static int choose_past(const char *syms, const char *config, enum rt_arch a,
		       int past, struct rt_boot_probes *bp, char *err)
{
	FILE *s = syms ? fmemopen((void *)syms, strlen(syms), "r") : NULL;
	FILE *c = config ? fmemopen((void *)config, strlen(config), "r") : NULL;
	int ret;

	asked[0] = 0;
	ret = rt_boot_probes_choose(s, c, a, past == -2 ? NULL : past_at, &past,
				    bp, err, 256);

	if (s)
		fclose(s);
	if (c)
		fclose(c);
	return ret;
}

/* Not on the running kernel: nobody to ask where ftrace's sites end. */
static int choose(const char *syms, const char *config, enum rt_arch a,
		  struct rt_boot_probes *bp, char *err)
{
	return choose_past(syms, config, a, -2, bp, err);
}

static void test_choose_x86(void)
{
	static struct rt_boot_probes bp;
	char err[256] = "";

	CHECK_INT(choose(kallsyms_x86, config_x86, RT_ARCH_X86, &bp, err), 0);
	CHECK_STR(bp.refusal, "");
	CHECK_INT(bp.symbols_checked, 1);
	/* the clone, never the .cold part; registers, never a '$' */
	CHECK_CONTAINS(bp.args, "kprobe_event=p:rngtrace/credit,_credit_init_bits.constprop.0,bits=%di:u64;");
	CHECK_CONTAINS(bp.args, ";r:rngtrace/credit_ret,_credit_init_bits.constprop.0;");
	CHECK_CONTAINS(bp.args, ";p:rngtrace/kernel_wait,wait_for_random_bytes;");
	CHECK_CONTAINS(bp.args, ";r128:rngtrace/kernel_wait_ret,wait_for_random_bytes,ret=%ax:s64");
	/* getrandom()'s count and flags from the wrapper's struct pt_regs (si, dx) */
	CHECK_CONTAINS(bp.args, ";p:rngtrace/getrandom_call,__x64_sys_getrandom,count=+104(%di):u64,flags=+96(%di):u32;");
	CHECK_CONTAINS(bp.args, "ftrace=nop trace_clock=boot trace_buf_size=1M ");
	CHECK(!strchr(bp.args, '$') && !strchr(bp.args, '"') && !strchr(bp.args, '\''));
	CHECK(!strstr(bp.args, ".cold"));
	CHECK_INT(bp.nprobes, 6);
	/* nobody said where ftrace's sites end: the entries alone stay on them */
	CHECK_INT(bp.entries_at_ftrace, 2);
	CHECK_CONTAINS(bp.args, ";p:rngtrace/set_ready,crng_set_ready;");
}

/*
 * The running kernel says where ftrace's call site ends: the entries
 * alone go past it; those sharing a function with a return stay (the
 * return needs the entry), and nobody is asked about them.
 */
static void test_choose_past_ftrace(void)
{
	static struct rt_boot_probes bp;
	char err[256] = "";
	int i;

	CHECK_INT(choose_past(kallsyms_x86, config_x86, RT_ARCH_X86, 9, &bp, err), 0);
	CHECK_STR(asked, "crng_set_ready __x64_sys_getrandom ");
	CHECK_CONTAINS(bp.args, ";p:rngtrace/set_ready,crng_set_ready+9;");
	CHECK_CONTAINS(bp.args, ";p:rngtrace/getrandom_call,__x64_sys_getrandom+9,count=");
	CHECK_CONTAINS(bp.args, "kprobe_event=p:rngtrace/credit,_credit_init_bits.constprop.0,bits=");
	CHECK_INT(bp.entries_at_ftrace, 0);
	for (i = 0; i < bp.nprobes; i++)
		if (!strcmp(bp.probe[i].event, "set_ready"))
			CHECK_INT(bp.probe[i].offset, 9);
	/* arm64: the entry is not a site (0): the entry itself */
	CHECK_INT(choose_past("ffff800008001000 t _credit_init_bits\n"
			      "ffff800008002000 T __arm64_sys_getrandom\n"
			      "ffff800008003000 T wait_for_random_bytes\n",
			      NULL, RT_ARCH_ARM64, 0, &bp, err), 0);
	CHECK_CONTAINS(bp.args, ";p:rngtrace/getrandom_call,__arm64_sys_getrandom,count=+8(%x0):u64,flags=+16(%x0):u32;");
	CHECK_INT(bp.entries_at_ftrace, 0);
	/* the kernel could not tell (-1): at the entry, and counted */
	CHECK_INT(choose_past(kallsyms_x86, config_x86, RT_ARCH_X86, -1, &bp, err), 0);
	CHECK_INT(bp.entries_at_ftrace, 2);
	CHECK_CONTAINS(bp.args, ";p:rngtrace/set_ready,crng_set_ready;");
	/* Debian's placeholder: no name checked, nobody asked */
	CHECK_INT(choose_past("ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n",
			      config_x86, RT_ARCH_X86, 9, &bp, err), 0);
	CHECK_STR(asked, "");
	CHECK_INT(bp.entries_at_ftrace, 2);
}

/* kprobes/list read: the probe's line, and whether it is on an ftrace site. */
static void test_ftrace_site_listed(void)
{
	static const char list[] =
		"ffffffffa78b88b0  r  wait_for_random_bytes+0x0    [FTRACE]\n"
		"ffffffffa78b9ea0  k  __x64_sys_getrandom+0x0    [DISABLED][FTRACE]\n"
		"ffffffffa78b9ea5  k  __x64_sys_getrandom+0x5    [DISABLED]\n"
		"ffffffffa7c30dd4  k  crng_set_ready+0x50    [OPTIMIZED]\n"
		"ffffffffa7c30ff1  k  _credit_init_bits.part.0+0x0    [FTRACE]\n";

	CHECK_INT(rt_ftrace_site_listed(list, "__x64_sys_getrandom", 0), 1);
	CHECK_INT(rt_ftrace_site_listed(list, "__x64_sys_getrandom", 5), 0);
	CHECK_INT(rt_ftrace_site_listed(list, "wait_for_random_bytes", 0), 1);
	/* +0x5 is not +0x50; a clone's line is not its function's */
	CHECK_INT(rt_ftrace_site_listed(list, "crng_set_ready", 5), -1);
	CHECK_INT(rt_ftrace_site_listed(list, "_credit_init_bits", 0), -1);
	CHECK_INT(rt_ftrace_site_listed(list, "_credit_init_bits.part.0", 0), 1);
	CHECK_INT(rt_ftrace_site_listed("", "x", 0), -1);
}

static void test_choose_arches(void)
{
	static const char riscv[] =
		"ffffffff80001000 t _credit_init_bits\n"
		"ffffffff80002000 T __riscv_sys_getrandom\n"
		"ffffffff80003000 T wait_for_random_bytes\n";
	static const char arm64[] =
		"ffff800008001000 t _credit_init_bits\n"
		"ffff800008002000 T __arm64_sys_getrandom\n"
		"ffff800008003000 T wait_for_random_bytes\n";
	static const char no_kpof[] =
		"CONFIG_KPROBE_EVENTS=y\nCONFIG_DYNAMIC_FTRACE=y\n"
		"# CONFIG_KPROBES_ON_FTRACE is not set\n";
	static struct rt_boot_probes bp;
	char err[256] = "";

	/* arm64: ftrace's call site is past the entry; fine without KPROBES_ON_FTRACE */
	CHECK_INT(choose(arm64, no_kpof, RT_ARCH_ARM64, &bp, err), 0);
	CHECK_STR(bp.refusal, "");
	CHECK_CONTAINS(bp.args, "p:rngtrace/credit,_credit_init_bits,bits=%x0:u64;");
	CHECK_CONTAINS(bp.args, "p:rngtrace/getrandom_call,__arm64_sys_getrandom,count=+8(%x0):u64,flags=+16(%x0):u32");
	/* optional functions absent: left out, not refused */
	CHECK(!strstr(bp.args, "random_read"));
	/* riscv64 6.12 (trixie): refused, and says why */
	CHECK_INT(choose(riscv, no_kpof, RT_ARCH_RISCV, &bp, err), 0);
	CHECK_CONTAINS(bp.refusal, "no kprobe at a function's entry");
	CHECK_STR(bp.args, "");
	CHECK_INT(choose(riscv, NULL, RT_ARCH_RISCV, &bp, err), 0);	/* config unknown */
	CHECK_CONTAINS(bp.args, "bits=%a0:u64");
	CHECK_CONTAINS(bp.args, "getrandom_call,__riscv_sys_getrandom,count=+88(%a0):u64,flags=+96(%a0):u32;");
	/* riscv64 before 6.6: no syscall wrappers, the arguments in registers */
	CHECK_INT(choose("ffffffff80001000 t _credit_init_bits\n"
			 "ffffffff80002000 T sys_getrandom\n"
			 "ffffffff80003000 T wait_for_random_bytes\n", NULL, RT_ARCH_RISCV, &bp, err), 0);
	CHECK_CONTAINS(bp.args, "getrandom_call,sys_getrandom,count=%a1:u64,flags=%a2:u32");
	/* no kprobe events at all */
	CHECK_INT(choose(arm64, "CONFIG_KPROBES=y\n", RT_ARCH_ARM64, &bp, err), 0);
	CHECK_CONTAINS(bp.refusal, "CONFIG_KPROBE_EVENTS");
	/* a random.c from before the 2022 rewrite */
	CHECK_INT(choose("ffffffff81000000 T credit_entropy_bits\n"
			 "ffffffff81000100 T __x64_sys_getrandom\n",
			 config_x86, RT_ARCH_X86, &bp, err), 0);
	CHECK_CONTAINS(bp.refusal, "no _credit_init_bits: its random.c predates the 2022 rewrite");
	/* an architecture with no convention here, and a table of nothing */
	CHECK_INT(choose(arm64, NULL, RT_ARCH_ARM, &bp, err), -1);
	CHECK_CONTAINS(err, "architecture");
	CHECK_INT(choose("not a symbol table\n", NULL, RT_ARCH_X86, &bp, err), -1);
	CHECK_CONTAINS(err, "no function");
}

/* Debian's /boot/System.map placeholder: names unchecked, not an error. */
static void test_placeholder(void)
{
	static struct rt_boot_probes bp;
	char err[256] = "";

	CHECK_INT(choose("ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n",
			 config_x86, RT_ARCH_X86, &bp, err), 0);
	CHECK_INT(bp.symbols_checked, 0);
	CHECK_CONTAINS(bp.args, "p:rngtrace/credit,_credit_init_bits,bits=%di:u64;");
	CHECK_CONTAINS(bp.args, "p:rngtrace/kernel_wait,wait_for_random_bytes;");
}

static char *write_tmp(const char *text)
{
	static char paths[4][64];
	static int n;
	char *p = paths[n++ % 4];
	int fd;

	snprintf(p, 64, "/tmp/rt-bootargs-XXXXXX");
	fd = mkstemp(p);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fd);
	return p;
}

static void test_command(void)
{
	char *syms = write_tmp(kallsyms_x86), *cfg = write_tmp(config_x86);
	char *bad = write_tmp("CONFIG_KPROBE_EVENTS=y\nCONFIG_DYNAMIC_FTRACE=y\n");
	struct ctlrun r;
	json_t *j;

	REQUIRE(syms && cfg && bad);
	CTLRUN(&r, "bootargs", "--symbols", syms, "--config", cfg, "--arch", "x86_64",
	       "--kernel", "6.1.0-50-amd64");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "ftrace=nop trace_clock=boot");
	CHECK(r.out && strchr(r.out, '\n') && !strchr(r.out, '\n')[1]);	/* one line */
	/* another kernel: nobody tells where ftrace's sites end, and it says so */
	CHECK_CONTAINS(r.err, "2 probes on ftrace's call site at a function's entry");
	CHECK_CONTAINS(r.err, "only on that kernel itself can they be placed past it");
	ctlrun_done(&r);

	CTLRUN(&r, "bootargs", "--json", "--symbols", syms, "--config", cfg,
	       "--kernel", "6.1.0-50-amd64");		/* arch from the release */
	CHECK_INT(r.status, 0);
	j = json_loads(r.out ? r.out : "", 0, NULL);
	CHECK(json_is_true(json_object_get(j, "symbols_checked")));
	CHECK_STR(json_string_value(json_object_get(j, "arch")), "x86_64");
	CHECK_INT(json_array_size(json_object_get(j, "probes")), 6);
	CHECK_INT(json_integer_value(json_object_get(json_array_get(json_object_get(j, "probes"), 2),
						     "offset")), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(j, "probes"), 2),
						    "place")), "crng_set_ready");
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(j, "probes"), 0),
						    "symbol")), "_credit_init_bits.constprop.0");
	json_decref(j);
	ctlrun_done(&r);

	/*
	 * --grub: a drop-in that update-grub's shell sources, adding the same
	 * words to what /etc/default/grub set.
	 */
	CTLRUN(&r, "bootargs", "--grub", "--symbols", syms, "--config", cfg,
	       "--kernel", "6.1.0-50-amd64");
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	CHECK_CONTAINS(r.out, "# rngtrace boot probes (rngtrace bootargs --grub) for 6.1.0-50-amd64:");
	CHECK(!strncmp(r.out, "# rngtrace boot probes ", 23));	/* the purge's mark */
	{
		char *dropin = write_tmp(r.out), cmd[256], got[8192] = "";
		FILE *sh;
		size_t n = 0;

		REQUIRE(dropin);
		snprintf(cmd, sizeof(cmd),
			 "GRUB_CMDLINE_LINUX_DEFAULT=quiet; . %s; printf %%s \"$GRUB_CMDLINE_LINUX_DEFAULT\"",
			 dropin);
		sh = popen(cmd, "r");
		REQUIRE(sh);
		n = fread(got, 1, sizeof(got) - 1, sh);
		got[n] = 0;
		CHECK_INT(pclose(sh), 0);
		CHECK(!strncmp(got, "quiet ftrace=nop trace_clock=boot ", 34));
		CHECK_CONTAINS(got, "kprobe_event=p:rngtrace/credit,_credit_init_bits.constprop.0,");
		CHECK(!strchr(got, '\n'));
		unlink(dropin);
	}
	ctlrun_done(&r);
	CTLRUN(&r, "bootargs", "--grub", "--json", "--symbols", syms);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "--json or --grub, not both");
	ctlrun_done(&r);

	/* a kernel that cannot take them: exit 1, the reason on stderr, no args */
	CTLRUN(&r, "bootargs", "--symbols", syms, "--config", bad, "--arch", "riscv64",
	       "--kernel", "6.12.117+deb13-riscv64");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.out, "");
	CHECK_CONTAINS(r.err, "6.12.117+deb13-riscv64: the kernel takes no kprobe at a function's entry");
	ctlrun_done(&r);
	/* ... and no drop-in */
	CTLRUN(&r, "bootargs", "--grub", "--symbols", syms, "--config", bad, "--arch", "riscv64",
	       "--kernel", "6.12.117+deb13-riscv64");
	CHECK_INT(r.status, 1);
	CHECK_STR(r.out, "");
	ctlrun_done(&r);

	/* errors: exit 2 */
	CTLRUN(&r, "bootargs", "--kernel", "6.1.0-50-amd64", "--symbols", "/nonexistent/map");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "rngtrace bootargs: cannot read the symbol table /nonexistent/map");
	ctlrun_done(&r);
	CTLRUN(&r, "bootargs", "--kernel", "../../etc/passwd");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "not a path");
	ctlrun_done(&r);
	CTLRUN(&r, "bootargs", "--kernel", "6.1-custom", "--symbols", syms);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "give --arch");
	ctlrun_done(&r);
	CTLRUN(&r, "bootargs", "extra");
	CHECK_INT(r.status, 2);
	ctlrun_done(&r);
	CTLRUN(&r, "bootargs", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace bootargs");
	ctlrun_done(&r);
	unlink(syms);
	unlink(cfg);
	unlink(bad);
}

static const struct rt_test bootargs_tests[] = {
	{ "bootargs: x86_64 from a kallsyms, clones and .cold parts", test_choose_x86 },
	{ "bootargs: arm64, riscv64 and the refusals", test_choose_arches },
	{ "bootargs: entries alone past ftrace's call site", test_choose_past_ftrace },
	{ "bootargs: kprobes/list says which probe is on an ftrace site", test_ftrace_site_listed },
	{ "bootargs: Debian's System.map placeholder", test_placeholder },
	{ "bootargs: the command, its JSON, exit statuses", test_command },
	{ NULL, NULL },
};

RT_SUITE(bootargs_tests)
