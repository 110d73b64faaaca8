// SPDX-License-Identifier: GPL-2.0
/* The numbers kcidb, lava and squad report beside the cases. */
#include <stdio.h>

#include "export.h"
#include "names.h"

static void put(struct rt_measure *m, size_t *n, const char *name,
		double value, const char *unit, const char *what)
{
	snprintf(m[*n].name, sizeof(m[*n].name), "%s", name);
	m[*n].value = value;
	m[*n].unit = unit;
	m[*n].what = what;
	(*n)++;
}

size_t rt_export_measures(const struct rt_summary *s, struct rt_measure *m)
{
	char name[32];
	size_t n = 0;
	int i;

	put(m, &n, "module_load", s->load_ns / 1e9, "s",
	    "when the rngtrace module loaded, since boot");
	put(m, &n, "waits.total", s->total_wait_ns / 1e9, "s",
	    "time tasks waited for the CRNG, summed over the waits");
	put(m, &n, "waits.longest", s->worst_wait_ns / 1e9, "s",
	    "the longest wait for the CRNG");
	put(m, &n, "waits.count", (double)s->nwaits, NULL,
	    "waits for the CRNG that ended");
	put(m, &n, "blocked_tasks", (double)s->nblocked, NULL,
	    "tasks (thread groups) that waited for the CRNG");
	put(m, &n, "unseeded_reads", (double)s->nunseeded, NULL,
	    "reads of randomness before the CRNG was ready that did not wait");
	put(m, &n, "entropy_at_load", (double)s->pool_bits_at_load, "bit",
	    "entropy boot code had credited before the module loaded");
	for (i = 0; i < RT_NSOURCES; i++) {
		snprintf(name, sizeof(name), "credited.%s", rt_source_name(i));
		put(m, &n, name, (double)s->credit_bits[i], "bit",
		    "entropy credited by this source while the CRNG was not ready");
	}
	put(m, &n, "events_dropped", (double)s->events_dropped, NULL,
	    "events the module's ring overwrote before they were read");
	return n;
}

int rt_case_value(const struct rt_export *x, const struct rt_case *c,
		  double *v)
{
	const struct rt_summary *s = x->s;

	if (c->kind == RT_CASE_COMPLETE)
		return 0;
	if (c->kind == RT_CASE_WAIT) {	/* the task's total */
		*v = c->seconds;
		return 1;
	}
	if (!s->ready || s->ready_ns < 0)
		return 0;
	*v = s->ready_ns / 1e9;
	return 1;
}
