/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What credited the bits the pool held before rngtrace loaded: no probe
 * saw them, so they are inferred from the evidence the trace holds (the
 * CPU's RNG and random.trust_cpu, random.trust_bootloader, how early the
 * kernel log says the CRNG was ready). Every answer says it was inferred
 * and from what.
 */
#ifndef RT_BEFORELOAD_H
#define RT_BEFORELOAD_H

#include "summary.h"

/* Ready this early (kernel log) is before interrupts could credit 256 bits. */
#define RT_SEED_EARLY_NS	1000000000LL

struct rt_before_load {
	int source;		/* RNGTRACE_SOURCE_*; UNKNOWN when nothing fits */
	const char *why;	/* the evidence, one sentence; "" when no bits */
};

/* s->pool_bits_at_load's most likely source; .why "" when it was 0. */
void rt_before_load_infer(const struct rt_summary *s, struct rt_before_load *b);

#endif /* RT_BEFORELOAD_H */
