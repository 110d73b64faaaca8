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
	char fetch[64];		/* "bits=%di:u64", or "" */
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
};

/*
 * Choose the boot probes for a kernel of architecture @arch whose symbol
 * table is @symbols ("ADDRESS TYPE NAME [MODULE]" lines; NULL or Debian's
 * placeholder: not known) and whose config is @config (NULL: not known,
 * no check). 0, or -1 with @err when the inputs cannot be used (an
 * architecture without a known calling convention, a symbol table with
 * no function). A kernel that cannot take them is not an error:
 * bp->refusal says why.
 */
int rt_boot_probes_choose(FILE *symbols, FILE *config, enum rt_arch arch,
			  struct rt_boot_probes *bp, char *err, size_t errlen);

#endif /* RT_BOOTPROBES_H */
