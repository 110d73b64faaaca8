// SPDX-License-Identifier: GPL-2.0
/*
 * The boot probes (bootprobes.h).
 *
 * Each is a tracefs kprobe event on a function the module probes: the
 * credit's entry with its bits and its return (whose line names the
 * crediting caller, as the module's credit event does), crng_set_ready()
 * where the kernel has it, getrandom()'s entry with its count and flags,
 * and the entry and return of wait_for_random_bytes(), which every wait
 * for the CRNG goes through (getrandom()'s, /dev/random's, the kernel's
 * own: its return's line names which).
 *
 * What they cost a boot is mostly their registration at fs_initcall: on
 * Debian's 6.1 under TCG about 19 ms of guest time for each function
 * whose entry is an ftrace call site (each arms it with an ftrace update
 * of its own: a walk of every traced function) and 5 ms for each probe
 * (Documentation/benchmarks.md). So the probes with a return share their
 * function's entry, and those at an entry alone go past ftrace's call
 * site (a breakpoint, soon a jump), where the caller can say where that
 * is: only on the running kernel (ftracesite.h).
 *
 * trace_buf_size= alone leaves the buffer at its boot size (a few KB a
 * CPU, overwritten from its oldest: the early events lost) until
 * something expands it; ftrace=nop (the tracer already in place) does,
 * at once. Arguments are fetched from registers, never as $argN or $retval: a '$'
 * on a GRUB or shell command line is a variable. The names are the
 * kernel's own (a clone such as _credit_init_bits.constprop.0 where the
 * compiler made one); a function's .cold part is not its entry.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bootprobes.h"
#include "tracefs.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define ARG1	1	/* fetch the first argument */
#define RETVAL	2	/* fetch the return value */
#define SYSARGS	3	/* fetch getrandom()'s count and flags */
#define SYSCALL	NULL	/* the getrandom system call's entry point */

static const struct {
	const char *event, *function;
	int is_return, required, fetch;
	/* an entry alone: past ftrace's call site, where it is known */
	int past_ftrace;
	/* a return: how many calls it follows at once (0: the kernel's default) */
	int maxactive;
} wanted[] = {
	{ "credit", "_credit_init_bits", 0, 1, ARG1, 0, 0 },
	{ "credit_ret", "_credit_init_bits", 1, 1, 0, 0, 0 },
	{ "set_ready", "crng_set_ready", 0, 0, 0, 1, 0 },
	{ "getrandom_call", SYSCALL, 0, 1, SYSARGS, 1, 0 },
	{ "kernel_wait", "wait_for_random_bytes", 0, 1, 0, 0, 0 },
	{ "kernel_wait_ret", "wait_for_random_bytes", 1, 1, RETVAL, 0, RT_WAIT_MAXACTIVE },
};

_Static_assert(N(wanted) <= RT_BOOT_MAX_PROBES,
	       "RT_BOOT_MAX_PROBES");

/*
 * An architecture's calling convention, as kprobe events name registers,
 * and getrandom()'s count and flags: in the struct pt_regs the syscall
 * wrapper takes (x86_64 si and dx, arm64 regs[1] and regs[2], riscv64 a1
 * and a2: offsets fixed by each one's ptrace ABI), or in the registers of
 * a kernel without wrappers (riscv64 before 6.6: sys_getrandom()).
 */
static const struct {
	enum rt_arch arch;
	const char *arg1, *retval, *syscall;
	const char *count, *flags;		/* the wrapper's */
	const char *bare_count, *bare_flags;	/* sys_getrandom()'s */
} conventions[] = {
	{ RT_ARCH_X86, "%di", "%ax", "__x64_sys_getrandom",
	  "+104(%di)", "+96(%di)", "%si", "%dx" },
	{ RT_ARCH_ARM64, "%x0", "%x0", "__arm64_sys_getrandom",
	  "+8(%x0)", "+16(%x0)", "%x1", "%x2" },
	{ RT_ARCH_RISCV, "%a0", "%a0", "__riscv_sys_getrandom",
	  "+88(%a0)", "+96(%a0)", "%a1", "%a2" },
};

/* A function's name in the symbol table: itself, else a clone of it. */
struct found {
	char exact[128], clone[128];
};

static void note_symbol(const char *name, const char *function,
			struct found *f)
{
	size_t n = strlen(function);

	if (!strcmp(name, function)) {
		snprintf(f->exact, sizeof(f->exact), "%s", name);
	} else if (!strncmp(name, function, n) && name[n] == '.' &&
		   !strstr(name + n, ".cold") && !f->clone[0] &&
		   strlen(name) < sizeof(f->clone)) {
		snprintf(f->clone, sizeof(f->clone), "%s", name);
	}
}

/* CONFIG_NAME's value in a kernel config: 'y', 'm', or 0 when not set. */
static char config_value(FILE *config, const char *name)
{
	char line[512];
	size_t n = strlen(name);
	char v = 0;

	rewind(config);
	while (fgets(line, sizeof(line), config))
		if (!strncmp(line, name, n) && line[n] == '=')
			v = line[n + 1];
	return v == 'y' || v == 'm' ? v : 0;
}

static void refuse(struct rt_boot_probes *bp, const char *why)
{
	snprintf(bp->refusal, sizeof(bp->refusal), "%s", why);
	bp->args[0] = 0;
}

int rt_boot_probes_choose(FILE *symbols, FILE *config, enum rt_arch arch,
			  rt_ftrace_past_fn past, void *past_arg,
			  struct rt_boot_probes *bp, char *err, size_t errlen)
{
	struct found found[N(wanted)] = {};
	const char *syscall_alt = "sys_getrandom";
	char line[512], name[256], kind[8], type;
	size_t c, i, len;
	int ntext = 0, nwritten = 0, placeholder = 0;

	memset(bp, 0, sizeof(*bp));
	for (c = 0; c < N(conventions); c++)
		if (conventions[c].arch == arch)
			break;
	if (c == N(conventions)) {
		snprintf(err, errlen, "no boot probes for this architecture (x86_64, arm64 and riscv64 have them)");
		return -1;
	}
	while (symbols && fgets(line, sizeof(line), symbols)) {
		if (strstr(line, "The real System.map is in"))
			placeholder = 1;
		if (sscanf(line, "%*s %c %255s", &type, name) != 2 ||
		    (type != 't' && type != 'T'))
			continue;
		ntext++;
		if (strchr(line, '['))
			continue;	/* a module's: no boot probe goes there */
		for (i = 0; i < N(wanted); i++) {
			const char *fn = wanted[i].function;

			if (fn) {
				note_symbol(name, fn, &found[i]);
			} else {
				note_symbol(name, conventions[c].syscall, &found[i]);
				/* (riscv before 6.6 has no syscall wrappers) */
				if (!found[i].exact[0] && !strcmp(name, syscall_alt))
					snprintf(found[i].clone, sizeof(found[i].clone),
						 "%s", syscall_alt);
			}
		}
	}
	if (symbols && !ntext && !placeholder) {
		snprintf(err, errlen, "no function in the symbol table (not a System.map or /proc/kallsyms?)");
		return -1;
	}
	bp->symbols_checked = ntext > 0;
	/* Not known: each function by its own name. */
	for (i = 0; !bp->symbols_checked && i < N(wanted); i++)
		snprintf(found[i].exact, sizeof(found[i].exact), "%s",
			 wanted[i].function ? wanted[i].function :
			 conventions[c].syscall);

	if (config && config_value(config, "CONFIG_KPROBE_EVENTS") != 'y') {
		refuse(bp, "the kernel is built without CONFIG_KPROBE_EVENTS: it takes no kprobe_event=");
		return 0;
	}
	/*
	 * Where ftrace's call site is a function's first instruction (x86's
	 * fentry, riscv's), a kprobe there needs KPROBES_ON_FTRACE; arm64's
	 * site is past the entry. (trixie's riscv64 6.12, as the module finds.)
	 */
	if (config && arch != RT_ARCH_ARM64 &&
	    config_value(config, "CONFIG_DYNAMIC_FTRACE") == 'y' &&
	    config_value(config, "CONFIG_KPROBES_ON_FTRACE") != 'y') {
		refuse(bp, "the kernel takes no kprobe at a function's entry (DYNAMIC_FTRACE without KPROBES_ON_FTRACE)");
		return 0;
	}

	len = (size_t)snprintf(bp->args, sizeof(bp->args),
			       "ftrace=nop trace_clock=boot trace_buf_size=%s kprobe_event=",
			       RT_BOOT_BUF_SIZE);
	for (i = 0; i < N(wanted); i++) {
		struct rt_boot_probe *p = &bp->probe[bp->nprobes];
		const char *sym = found[i].exact[0] ? found[i].exact : found[i].clone;

		p->event = wanted[i].event;
		p->function = wanted[i].function ? wanted[i].function :
			      conventions[c].syscall;
		p->is_return = wanted[i].is_return;
		p->required = wanted[i].required;
		/* (both are 128-byte arrays, NUL-terminated) */
		_Static_assert(sizeof(p->symbol) == sizeof(found[i].exact), "symbol");
		memcpy(p->symbol, sym, sizeof(p->symbol));
		bp->nprobes++;
		if (!sym[0]) {
			if (!p->required)
				continue;
			snprintf(bp->refusal, sizeof(bp->refusal),
				 "the kernel has no %s%s", p->function,
				 !strcmp(p->function, "_credit_init_bits") ?
				 ": its random.c predates the 2022 rewrite" : "");
			bp->args[0] = 0;
			return 0;
		}
		if (wanted[i].fetch == SYSARGS && !strcmp(sym, syscall_alt))
			snprintf(p->fetch, sizeof(p->fetch), "count=%s:u64,flags=%s:u32",
				 conventions[c].bare_count, conventions[c].bare_flags);
		else if (wanted[i].fetch == SYSARGS)
			snprintf(p->fetch, sizeof(p->fetch), "count=%s:u64,flags=%s:u32",
				 conventions[c].count, conventions[c].flags);
		else if (wanted[i].fetch)
			snprintf(p->fetch, sizeof(p->fetch), "%s=%s:%s",
				 wanted[i].fetch == ARG1 ? "bits" : "ret",
				 wanted[i].fetch == ARG1 ? conventions[c].arg1 :
				 conventions[c].retval,
				 wanted[i].fetch == ARG1 ? "u64" : "s64");
		p->offset = -1;
		if (wanted[i].past_ftrace && past && bp->symbols_checked)
			p->offset = past(p->symbol, past_arg);
		if (p->offset > 0)
			snprintf(p->place, sizeof(p->place), "%.127s+%d", sym, p->offset);
		else
			snprintf(p->place, sizeof(p->place), "%.127s", sym);
		if (wanted[i].past_ftrace && p->offset < 0)
			bp->entries_at_ftrace++;
		if (wanted[i].maxactive)
			snprintf(kind, sizeof(kind), "r%d", wanted[i].maxactive);
		else
			snprintf(kind, sizeof(kind), "%c", p->is_return ? 'r' : 'p');
		len += (size_t)snprintf(bp->args + len,
					len < sizeof(bp->args) ? sizeof(bp->args) - len : 0,
					"%s%s:%s/%s,%s%s%s",
					nwritten++ ? ";" : "",
					kind, RT_BOOT_GROUP,
					p->event, p->place, p->fetch[0] ? "," : "",
					p->fetch);
	}
	if (len >= sizeof(bp->args)) {
		snprintf(err, errlen, "the boot probes do not fit in %zu bytes",
			 sizeof(bp->args));
		return -1;
	}
	return 0;
}
