// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace report --summary and --journal-fields: what the recorder unit
 * logs at the end of a boot (boot/systemd/rngtrace-record-boot).
 */
#include <string.h>

#include "complete.h"
#include "esc.h"
#include "report_line.h"

static void put_line(FILE *f, const struct rt_summary *s,
		     const struct rt_advice *adv, size_t nadv)
{
	const struct rt_wait_info *worst = s->nwaits ? &s->waits[0] : NULL;
	size_t i;

	char why[64];

	if (s->incomplete)
		fprintf(f, "INCOMPLETE trace (%s): ",
			rt_incomplete_names(s, why, sizeof(why)));
	fprintf(f, "%s: ", *s->kernel_release ? rt_esc(s->kernel_release) :
						 "unknown kernel");
	if (s->ready_before_load)
		fprintf(f, "CRNG ready before rngtrace loaded");
	else if (s->ready && s->ready_ns >= 0)
		fprintf(f, "CRNG ready at %.3f s (%s)", s->ready_ns / 1e9,
			*s->ready_source ? rt_esc(s->ready_source) :
					   "unknown source");
	else
		fprintf(f, "CRNG not ready when the trace ended");
	if (worst)
		fprintf(f, "; %zu task%s waited %.3f s in all, the longest %.3f s (%s%s%s%s)",
			s->nblocked, s->nblocked == 1 ? "" : "s",
			s->total_wait_ns / 1e9, s->worst_wait_ns / 1e9,
			rt_esc(worst->comm), *worst->unit ? ", " : "",
			rt_esc(worst->unit), "");
	else
		fprintf(f, "; nothing waited");
	if (s->nopen_waits)
		fprintf(f, " (%zu still waiting at the end)", s->nopen_waits);
	if (s->nunseeded)
		fprintf(f, "; %zu unseeded read%s", s->nunseeded,
			s->nunseeded == 1 ? "" : "s");
	for (i = 0; i < nadv; i++)
		fprintf(f, "%s%s", i ? ", " : "; advice: ", adv[i].id);
}

void rt_report_line(FILE *f, const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv)
{
	put_line(f, s, adv, nadv);
	fputc('\n', f);
}

void rt_report_journal(FILE *f, const struct rt_summary *s,
		       const struct rt_advice *adv, size_t nadv)
{
	char why[64];
	size_t i;

	fputs("MESSAGE=", f);
	put_line(f, s, adv, nadv);
	fputc('\n', f);
	fputs("SYSLOG_IDENTIFIER=rngtrace\n", f);
	fprintf(f, "RNGTRACE_KERNEL=%s\n", rt_esc(s->kernel_release));
	fprintf(f, "RNGTRACE_BOOT_ID=%s\n", rt_esc(s->boot_id));
	fprintf(f, "RNGTRACE_COMPLETE=%d\n", !s->incomplete);
	if (s->incomplete)
		fprintf(f, "RNGTRACE_INCOMPLETE=%s\n",
			rt_incomplete_names(s, why, sizeof(why)));
	fprintf(f, "RNGTRACE_OPEN_WAITS=%zu\n", s->nopen_waits);
	fprintf(f, "RNGTRACE_READY_BEFORE_LOAD=%d\n", s->ready_before_load);
	if (s->ready && !s->ready_before_load && s->ready_ns >= 0)
		fprintf(f, "RNGTRACE_READY_SECONDS=%.6f\n", s->ready_ns / 1e9);
	fprintf(f, "RNGTRACE_READY_SOURCE=%s\n", rt_esc(s->ready_source));
	fprintf(f, "RNGTRACE_BLOCKED_TASKS=%zu\n", s->nblocked);
	fprintf(f, "RNGTRACE_WAIT_SECONDS_TOTAL=%.6f\n", s->total_wait_ns / 1e9);
	fprintf(f, "RNGTRACE_WORST_WAIT_SECONDS=%.6f\n", s->worst_wait_ns / 1e9);
	fprintf(f, "RNGTRACE_UNSEEDED_READS=%zu\n", s->nunseeded);
	fputs("RNGTRACE_ADVICE=", f);
	for (i = 0; i < nadv; i++)
		fprintf(f, "%s%s", i ? "," : "", rt_esc(adv[i].id));
	fputc('\n', f);
}
