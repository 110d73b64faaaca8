// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace bootargs: the kernel command line that arms the boot probes
 * (live/bootprobes.c) for this kernel or another installed one.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "bootprobes.h"
#include "ftracesite.h"
#include "cli.h"
#include "esc.h"
#include "print.h"
#include "subcommands.h"

#define RT_EXIT_REFUSED	1	/* the kernel takes no boot probes */

/* Where the documentation and --help put the GRUB drop-in. */
#define RT_GRUB_DROPIN "/etc/default/grub.d/60-rngtrace-bootprobes.cfg"

static const char bootargs_usage[] =
	"usage: rngtrace bootargs [--kernel RELEASE] [--symbols FILE] [--config FILE]\n"
	"                         [--arch ARCH] [--json | --grub]\n"
	"\n"
	"Print the kernel command line words that make the kernel create and\n"
	"enable tracefs kprobe events on the CRNG's credit and wait paths at\n"
	"boot (kprobe_event=, at fs_initcall, before any module or initramfs),\n"
	"with the trace clock CLOCK_BOOTTIME (trace_clock=boot) and a trace\n"
	"buffer sized for a boot (trace_buf_size=, made that size from the\n"
	"start by ftrace=nop). Chosen for one kernel from\n"
	"its symbol table and config, as the module chooses its probes. Append\n"
	"them to the kernel command line (GRUB_CMDLINE_LINUX, a VM's -append);\n"
	"they hold no '$' nor quotes, so a shell or GRUB takes them as they are.\n"
	"Debian's /boot/System.map is a placeholder: another kernel's functions\n"
	"then go by their own names, unchecked (said on stderr). On the running\n"
	"kernel, a probe at a function's entry alone goes past ftrace's call\n"
	"site, where the kernel shows it is (kprobes/list in debugfs: needs root,\n"
	"tracefs and debugfs mounted); there it costs the boot far less to arm.\n"
	"\n"
	"  --kernel RELEASE  an installed kernel: /boot/System.map-RELEASE and\n"
	"                    /boot/config-RELEASE (default: the running kernel,\n"
	"                    /proc/kallsyms and /boot/config-$(uname -r))\n"
	"  --symbols FILE    the kernel's symbol table instead (System.map, kallsyms)\n"
	"  --config FILE     the kernel's config instead (none: not checked)\n"
	"  --arch ARCH       x86_64, aarch64 or riscv64 (default: the running\n"
	"                    machine's, or what RELEASE's flavour names)\n"
	"  -j, --json        print one JSON object instead: {kernel, arch,\n"
	"                    symbols_checked, args (absent when refused),\n"
	"                    refusal, probes: [{event, function, symbol (\"\"\n"
	"                    when absent), return, place (symbol+offset),\n"
	"                    offset (past ftrace's call site; -1: at the\n"
	"                    entry), fetch}]}\n"
	"  --grub            print them as a GRUB drop-in instead, for every boot:\n"
	"                      rngtrace bootargs --grub > " RT_GRUB_DROPIN "\n"
	"                      update-grub\n"
	"                    (delete the file and run update-grub to take them off;\n"
	"                    purging the package deletes it)\n"
	"  -h, --help        show this help\n"
	"\n"
	"Exit status: 0; 1 when the kernel cannot take them (the reason on\n"
	"stderr: no kprobe events, no kprobe at a function's entry, a random.c\n"
	"from before the 2022 rewrite); 2 on error.\n";

static FILE *open_input(const char *path, bool required, const char *what)
{
	FILE *f = fopen(path, "r");

	if (!f && required)
		fprintf(stderr, "rngtrace bootargs: cannot read %s %s: %s\n",
			what, rt_esc(path), strerror(errno));
	return f;
}

/*
 * The drop-in's first line: debian/rngtrace.postrm deletes the file on
 * purge only when it starts with it.
 */
#define RT_GRUB_MARK "# rngtrace boot probes"

/* A file /etc/default/grub.d/ that update-grub sources (a shell's). */
static void print_grub(const char *kernel, const struct rt_boot_probes *bp)
{
	rt_print_start(stdout, false);
	rt_print_str(RT_PRINT_TEXT, "kernel",
		     RT_GRUB_MARK " (rngtrace bootargs --grub) for %s: delete this file\n"
		     "# and run update-grub to take them off.\n", kernel);
	/* (the words hold no '$' nor quote: bootprobes.c) */
	rt_print_str(RT_PRINT_TEXT, "args",
		     "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT %s\"\n",
		     bp->args);
}

static void print_result(const char *kernel, const char *arch,
			 const struct rt_boot_probes *bp, bool json)
{
	int i;

	rt_print_start(stdout, json);
	rt_print_str(RT_PRINT_JSON, "kernel", NULL, kernel);
	rt_print_str(RT_PRINT_JSON, "arch", NULL, arch);
	rt_print_bool(RT_PRINT_JSON, "symbols_checked", NULL, bp->symbols_checked);
	if (bp->refusal[0])
		rt_print_str(RT_PRINT_JSON, "refusal", NULL, bp->refusal);
	else
		rt_print_str(RT_PRINT_ANY, "args", "%s\n", bp->args);
	rt_print_open_array("probes");
	for (i = 0; json && i < bp->nprobes; i++) {
		const struct rt_boot_probe *p = &bp->probe[i];

		rt_print_open_object(NULL);
		rt_print_str(RT_PRINT_JSON, "event", NULL, p->event);
		rt_print_str(RT_PRINT_JSON, "function", NULL, p->function);
		rt_print_str(RT_PRINT_JSON, "symbol", NULL, p->symbol);
		rt_print_bool(RT_PRINT_JSON, "return", NULL, p->is_return);
		rt_print_str(RT_PRINT_JSON, "place", NULL, p->place);
		rt_print_int(RT_PRINT_JSON, "offset", NULL, p->offset);
		rt_print_str(RT_PRINT_JSON, "fetch", NULL, p->fetch);
		rt_print_close_object();
	}
	rt_print_close_array();
}

int bootargs_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "symbols", required_argument, NULL, 's' },
		{ "config", required_argument, NULL, 'c' },
		{ "arch", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "grub", no_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct rt_opts o = {
		.cmd = "bootargs", .usage = bootargs_usage,
		.shortopts = "jh", .longopts = opts,
	};
	const char *kernel = NULL, *symbols = NULL, *config = NULL, *arch = NULL;
	char sympath[512], cfgpath[512], err[256];
	static struct rt_boot_probes bp;
	struct utsname u;
	enum rt_arch a;
	bool json = false, grub = false, config_required, running;
	FILE *sf, *cf;
	int c, ret;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'k': kernel = optarg; break;
		case 's': symbols = optarg; break;
		case 'c': config = optarg; break;
		case 'a': arch = optarg; break;
		case 'j': json = true; break;
		case 'g': grub = true; break;
		case RT_OPT_HELP: return RT_EXIT_OK;
		default: return RT_EXIT_ERROR;
		}
	}
	if (rt_opt_no_operand(&o, argc, argv))
		return RT_EXIT_ERROR;
	if (json && grub) {
		rt_usage_error("bootargs", "--json or --grub, not both");
		return RT_EXIT_ERROR;
	}
	if (kernel && (!*kernel || strchr(kernel, '/'))) {
		rt_usage_error("bootargs", "--kernel: a release such as 6.1.0-50-amd64, not a path");
		return RT_EXIT_ERROR;
	}
	if (uname(&u)) {
		fprintf(stderr, "rngtrace bootargs: uname: %s\n", strerror(errno));
		return RT_EXIT_ERROR;
	}
	if (!kernel)
		kernel = u.release;
	if (arch)
		a = rt_arch_of_machine(arch);
	else if (kernel == u.release)
		a = rt_arch_of_machine(arch = u.machine);
	else
		a = rt_arch_of_release(kernel);
	if (!arch)
		arch = a == RT_ARCH_X86 ? "x86_64" : a == RT_ARCH_ARM64 ? "aarch64" :
		       a == RT_ARCH_RISCV ? "riscv64" : "";
	if (a != RT_ARCH_X86 && a != RT_ARCH_ARM64 && a != RT_ARCH_RISCV) {
		rt_usage_error("bootargs", "%s: give --arch x86_64, aarch64 or riscv64",
			       arch && *arch ? "no boot probes for this architecture" :
			       "the release names no architecture");
		return RT_EXIT_ERROR;
	}
	snprintf(sympath, sizeof(sympath), "%s", symbols ? symbols :
		 kernel == u.release ? "/proc/kallsyms" : "");
	if (!sympath[0])
		snprintf(sympath, sizeof(sympath), "/boot/System.map-%s", kernel);
	config_required = config != NULL;
	snprintf(cfgpath, sizeof(cfgpath), "%s", config ? config : "");
	if (!cfgpath[0])
		snprintf(cfgpath, sizeof(cfgpath), "/boot/config-%s", kernel);

	sf = open_input(sympath, true, "the symbol table");
	if (!sf)
		return RT_EXIT_ERROR;
	cf = open_input(cfgpath, config_required, "the config");
	if (!cf && config_required) {
		fclose(sf);
		return RT_EXIT_ERROR;
	}
	/* where ftrace's call sites end: told by the running kernel only */
	running = kernel == u.release && !symbols;
	ret = rt_boot_probes_choose(sf, cf, a, running ? rt_ftrace_site_past : NULL,
				    NULL, &bp, err, sizeof(err));
	fclose(sf);
	if (cf)
		fclose(cf);
	if (ret) {
		fprintf(stderr, "rngtrace bootargs: %s\n", err);
		return RT_EXIT_ERROR;
	}
	if (grub && !bp.refusal[0])
		print_grub(kernel, &bp);
	else if (!grub)
		print_result(kernel, arch, &bp, json);
	if ((!grub || !bp.refusal[0]) && rt_print_end()) {
		fprintf(stderr, "rngtrace bootargs: cannot write the output\n");
		return RT_EXIT_ERROR;
	}
	if (!cf && !bp.refusal[0])
		fprintf(stderr, "rngtrace bootargs: no %s: whether the kernel takes kprobe events and a kprobe at a function's entry is not checked\n",
			rt_esc(cfgpath));
	if (!bp.symbols_checked && !bp.refusal[0])
		fprintf(stderr, "rngtrace bootargs: %s has no symbols (Debian's /boot/System.map is a placeholder): the functions go by their own names, unchecked; on that kernel itself, /proc/kallsyms checks them\n",
			rt_esc(sympath));
	if (bp.entries_at_ftrace && !bp.refusal[0])
		fprintf(stderr, "rngtrace bootargs: %d probe%s on ftrace's call site at a function's entry, which costs the boot more to arm (Documentation/benchmarks.md); %s\n",
			bp.entries_at_ftrace, bp.entries_at_ftrace == 1 ? "" : "s",
			running ? "to place them past it, run this as root with tracefs and debugfs mounted" :
				  "only on that kernel itself can they be placed past it");
	if (bp.refusal[0]) {
		fprintf(stderr, "rngtrace bootargs: %s: %s\n", kernel, bp.refusal);
		return RT_EXIT_REFUSED;
	}
	return RT_EXIT_OK;
}
