/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot probes: tracefs kprobe events the kernel creates and enables
 * from its command line (kprobe_event=, at fs_initcall), on the credit
 * and wait paths the module probes, long before any module loads. Chosen
 * for one kernel from its symbol table (System.map or /proc/kallsyms) and
 * its config, as the module chooses its probes (Documentation/admin-guide/
 * boot-probes.md). The parsers take a FILE so that they are testable
 * without this machine's kernel.
 */
#ifndef RT_BOOTPROBES_H
#define RT_BOOTPROBES_H

#include <stdio.h>

#include "arch.h"

/* The event group every boot probe is in: /sys/kernel/tracing/events/rngtrace/. */
#define RT_BOOT_GROUP		"rngtrace"
/* Per-CPU trace buffer for a boot's events (trace_buf_size=). */
#define RT_BOOT_BUF_SIZE	"1M"
#define RT_BOOT_MAX_PROBES	16

struct rt_boot_probe {
	const char *event;	/* "credit": rngtrace/credit */
	const char *function;	/* what the module probes: "_credit_init_bits" */
	char symbol[128];	/* the kernel's name for it ("" when absent) */
	int is_return;		/* r: (the line names the caller) rather than p: */
	int required;		/* without it the boot probes are no use */
	char fetch[96];		/* "bits=%di:u64", or "" */
	/*
	 * For an entry alone: the offset past ftrace's call site (0 where
	 * the entry is not one), or -1: at the entry itself (not known).
	 */
	int offset;
	char place[144];	/* "crng_set_ready+5": where it goes */
};

struct rt_boot_probes {
	struct rt_boot_probe probe[RT_BOOT_MAX_PROBES];
	int nprobes;
	/* Why this kernel takes none ("" when it does): then no args. */
	char refusal[256];
	/* The kernel command line words: ftrace=nop, trace_clock=, trace_buf_size=, kprobe_event=. */
	char args[4096];
	/*
	 * Whether the names were found in the symbol table. Debian's
	 * /boot/System.map-RELEASE is a placeholder ("The real System.map is
	 * in the linux-image-<version>-dbg package"): with it (or none) the
	 * functions go by their own names, and a kernel that lacks one only
	 * logs that it could not add that probe.
	 */
	int symbols_checked;
	/* Entries alone left at an ftrace call site (costlier to arm). */
	int entries_at_ftrace;
};

/*
 * Where past ftrace's call site a kprobe on the function @symbol can go:
 * the offset of the first instruction after it (0 when the entry is not
 * one), or -1 when that cannot be told.
 */
typedef int (*rt_ftrace_past_fn)(const char *symbol, void *arg);

/*
 * Choose the boot probes for a kernel of architecture @arch whose symbol
 * table is @symbols ("ADDRESS TYPE NAME [MODULE]" lines; NULL or Debian's
 * placeholder: not known) and whose config is @config (NULL: not known,
 * no check), asking @past (NULL: nobody) where each probe at an entry
 * alone goes. 0, or -1 with @err when the inputs cannot be used (an
 * architecture without a known calling convention, a symbol table with
 * no function). A kernel that cannot take them is not an error:
 * bp->refusal says why.
 */
int rt_boot_probes_choose(FILE *symbols, FILE *config, enum rt_arch arch,
			  rt_ftrace_past_fn past, void *past_arg,
			  struct rt_boot_probes *bp, char *err, size_t errlen);

#endif /* RT_BOOTPROBES_H */
