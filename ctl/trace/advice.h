/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Advice: what to change so that the CRNG is ready sooner, derived from a
 * trace's summary by a table of rules (advice.c), each a pure function of
 * the summary.
 */
#ifndef RT_ADVICE_H
#define RT_ADVICE_H

#include <stddef.h>

#include "summary.h"

#define RT_ADVICE_TEXT_MAX	512

struct rt_advice {
	const char *id;			/* e.g. "no-hwrng" */
	/*
	 * One line, names the fix; a comm or hwrng name in it is the
	 * trace's, raw (cut whole): outputs escape it as any untrusted text.
	 */
	char text[RT_ADVICE_TEXT_MAX];
};

/* Thresholds the rules use, in nanoseconds. */
#define RT_ADVICE_SLOW_READY_NS	1000000000LL	/* ready later than this is slow */
#define RT_ADVICE_LATE_HWRNG_NS	1000000000LL	/* an hwrng this long after load is late */

/*
 * Every rule that fires for @s, in the table's order, into @out (at most
 * @max of them); returns how many fired (which may exceed @max).
 */
size_t rt_advise(const struct rt_summary *s, struct rt_advice *out, size_t max);

/* Whether the rule @id fires for @s: 1, 0, or -1 for no such rule. */
int rt_advice_fires(const char *id, const struct rt_summary *s);

/* The rules' ids in order, for --help and the tests; NULL-terminated. */
extern const char * const rt_advice_ids[];

/* Facts the rules share. */
int rt_summary_stalled(const struct rt_summary *s);	/* something waited */
int rt_summary_slow(const struct rt_summary *s);	/* not ready, or ready > 1 s */

#endif /* RT_ADVICE_H */
