/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host facts for a trace (Documentation/trace-format.md, "host" and
 * "kmsg"): the kernel, the CPU, the hardware RNGs, and the kernel log's
 * random: and rngtrace: lines. The parsers take strings or a FILE so that
 * they are testable without this machine's /proc.
 */
#ifndef RT_HOST_H
#define RT_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "kmsg.h"

/*
 * What /proc/cpuinfo says of the first CPU. Each architecture lists its
 * features on a line of its own: x86 "flags", arm64 "Features", riscv64
 * "isa" (rv64imafdc_zicsr_..._zkr_...).
 */
struct rt_cpuinfo {
	char model[256];	/* the first "model name", "" if none */
	bool rdrand, rdseed, hypervisor;	/* in the first "flags" */
	bool has_flags;
	/*
	 * An RNG instruction the kernel can use: RDRAND or RDSEED in
	 * "flags" (x86), "rng" in "Features" (arm64 FEAT_RNG: RNDR), the
	 * Zkr extension (or Zk, which includes it) in "isa" (riscv: the seed
	 * CSR); has_rng when one of those lines was there.
	 */
	bool rng, has_rng;
};

/*
 * Read /proc/cpuinfo's text from @f, of any architecture. 0, or -1 when it
 * has nothing usable.
 */
int rt_cpuinfo_parse(FILE *f, struct rt_cpuinfo *ci);

/* Whether the CRNG is ready now (/dev/random polls readable). */
bool rt_crng_ready_now(void);

/*
 * One /dev/kmsg record ("PRI,SEQ,USEC,FLAGS[,...];TEXT\n[ KEY=VALUE\n]..."):
 * 0 with the printk time in microseconds and the first line of the text
 * (cut to @textlen), -1 if it is not a record.
 */
int rt_kmsg_parse(const char *rec, size_t len, uint64_t *usec, char *text,
		  size_t textlen);
/* A line the trace keeps: it contains "random:" or "rngtrace:". */
bool rt_kmsg_wanted(const char *text);
/*
 * The kept records readable from @fd (opened O_NONBLOCK) until there are
 * no more, as the trace's kmsg[]: {time_ns = usec * 1000 + @offset_ns,
 * text}. NULL when out of memory.
 */
json_t *rt_kmsg_read(int fd, int64_t offset_ns);
/* rt_kmsg_read() of /dev/kmsg from its start; NULL with @err on error. */
json_t *rt_kmsg_collect(int64_t offset_ns, char *err, size_t errlen);
/*
 * CLOCK_BOOTTIME minus the printk clock, measured without the module
 * (which says it in STATUS): a line written to /dev/kmsg between two
 * readings of CLOCK_BOOTTIME, read back with its printk time; the
 * narrowest window of up to RT_KMSG_MARKS such marks (fewer once one is
 * within RT_KMSG_MARK_GOOD_NS). 0 with @offset_ns and @width_ns, the
 * window's width (the offset is good to half of it), or -1 with @err (no
 * /dev/kmsg to write, no line found). The lines ("rngtrace: clock mark
 * PID.N") stay in the kernel log.
 */
#define RT_KMSG_MARKS		3
#define RT_KMSG_MARK_GOOD_NS	50000
int rt_kmsg_offset_measure(int64_t *offset_ns, int64_t *width_ns, char *err,
			   size_t errlen);

/* The words of a line (rng_available) as an array of strings. */
json_t *rt_words_json(const char *line);

/*
 * The trace's host object from files under @root ("" for this machine's
 * /proc and /sys); what cannot be read is left out. NULL on ENOMEM.
 */
json_t *rt_host_json(const char *root);

#endif /* RT_HOST_H */
