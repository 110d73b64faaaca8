// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes through the trace loader, and what it
 * accepts through rt_summarize() and the advice rules. A crash, a
 * sanitizer report or a broken invariant (__builtin_trap) is a finding.
 */
#include <stddef.h>
#include <stdint.h>

#include "advice.h"
#include "summary.h"
#include "trace.h"

static void check_summary(const struct rt_summary *s)
{
	struct rt_advice adv[8];
	size_t i;

	/* a refusal or an acceptance: never half of each */
	if ((s->nwaits && !s->waits) || (s->nunseeded && !s->unseeded) ||
	    (s->nhwrng && !s->hwrngs))
		__builtin_trap();
	if (s->nblocked > s->nwaits)
		__builtin_trap();
	for (i = 0; i < s->nwaits; i++) {
		if (s->waits[i].wait_ns < 0 || s->waits[i].wait_ns > s->worst_wait_ns)
			__builtin_trap();
		if (i && s->waits[i].wait_ns > s->waits[i - 1].wait_ns)
			__builtin_trap();	/* longest first */
		if (!s->waits[i].comm || !s->waits[i].unit || !s->waits[i].path)
			__builtin_trap();
	}
	if (!s->kernel_release || !s->ready_source || !s->hwrng_current)
		__builtin_trap();
	(void)rt_advise(s, adv, sizeof(adv) / sizeof(adv[0]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_summary s;
	char err[512] = "";
	json_t *t;

	t = rt_trace_loadb((const char *)data, size, "fuzz", err, sizeof(err));
	if (!t) {
		if (!err[0])
			__builtin_trap();	/* refused without saying why */
		return 0;
	}
	if (rt_summarize(t, &s, err, sizeof(err)) == 0) {
		check_summary(&s);
		rt_summary_free(&s);
	}
	json_decref(t);
	return 0;
}
