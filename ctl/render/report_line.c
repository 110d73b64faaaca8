// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace report --summary and --journal-fields: what the recorder unit
 * logs at the end of a boot (boot/systemd/rngtrace-record-boot).
 */
#include <stdarg.h>
#include <stdlib.h>
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

/* A number as a field value (the callback takes strings). */
static void emit_num(rt_field_fn emit, void *ctx, const char *key,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void emit_num(rt_field_fn emit, void *ctx, const char *key,
		     const char *fmt, ...)
{
	char buf[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	emit(ctx, key, buf);
}

void rt_journal_summary_fields(const struct rt_summary *s,
			       const struct rt_advice *adv, size_t nadv,
			       rt_field_fn emit, void *ctx)
{
	char why[64], *msg = NULL, *ids = NULL;
	size_t len = 0, i;
	FILE *m;

	m = open_memstream(&msg, &len);
	if (m) {
		put_line(m, s, adv, nadv);
		fclose(m);
	}
	emit(ctx, "MESSAGE", msg ? msg : "");
	free(msg);
	emit(ctx, "MESSAGE_ID", s->ready ? RT_JOURNAL_READY_ID :
					   RT_JOURNAL_NOT_READY_ID);
	emit(ctx, "PRIORITY", s->ready ? "6" : "4");
	emit(ctx, "SYSLOG_IDENTIFIER", "rngtrace");
	emit(ctx, "RNGTRACE_KERNEL", s->kernel_release);
	emit(ctx, "RNGTRACE_BOOT_ID", s->boot_id);
	emit_num(emit, ctx, "RNGTRACE_COMPLETE", "%d", !s->incomplete);
	if (s->incomplete)
		emit(ctx, "RNGTRACE_INCOMPLETE",
		     rt_incomplete_names(s, why, sizeof(why)));
	emit_num(emit, ctx, "RNGTRACE_OPEN_WAITS", "%zu", s->nopen_waits);
	emit_num(emit, ctx, "RNGTRACE_READY_BEFORE_LOAD", "%d",
		 s->ready_before_load);
	if (s->ready && !s->ready_before_load && s->ready_ns >= 0)
		emit_num(emit, ctx, "RNGTRACE_READY_SECONDS", "%.6f",
			 s->ready_ns / 1e9);
	emit(ctx, "RNGTRACE_READY_SOURCE", s->ready_source);
	emit_num(emit, ctx, "RNGTRACE_BLOCKED_TASKS", "%zu", s->nblocked);
	emit_num(emit, ctx, "RNGTRACE_WAIT_SECONDS_TOTAL", "%.6f",
		 s->total_wait_ns / 1e9);
	emit_num(emit, ctx, "RNGTRACE_WORST_WAIT_SECONDS", "%.6f",
		 s->worst_wait_ns / 1e9);
	emit_num(emit, ctx, "RNGTRACE_UNSEEDED_READS", "%zu", s->nunseeded);
	m = open_memstream(&ids, &len);
	if (m) {
		for (i = 0; i < nadv; i++)
			fprintf(m, "%s%s", i ? "," : "", adv[i].id);
		fclose(m);
	}
	emit(ctx, "RNGTRACE_ADVICE", ids ? ids : "");
	free(ids);
}

void rt_journal_task_fields(const struct rt_summary *s,
			    const struct rt_task_info *t,
			    rt_field_fn emit, void *ctx)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *m;

	m = open_memstream(&msg, &len);
	if (m) {
		fprintf(m, "%s[%lld]%s%s waited %.3f s for the CRNG (%zu wait%s%s)",
			rt_esc(t->comm), t->tgid, *t->unit ? " in " : "",
			rt_esc(t->unit), t->total_ns / 1e9, t->nwaits,
			t->nwaits == 1 ? "" : "s",
			t->nopen ? ", still waiting when the trace ended" : "");
		fclose(m);
	}
	emit(ctx, "MESSAGE", msg ? msg : "");
	free(msg);
	emit(ctx, "MESSAGE_ID", RT_JOURNAL_BLOCKED_ID);
	emit(ctx, "PRIORITY", "5");
	emit(ctx, "SYSLOG_IDENTIFIER", "rngtrace");
	emit(ctx, "RNGTRACE_KERNEL", s->kernel_release);
	emit(ctx, "RNGTRACE_BOOT_ID", s->boot_id);
	emit(ctx, "RNGTRACE_COMM", t->comm);
	emit_num(emit, ctx, "RNGTRACE_TGID", "%lld", t->tgid);
	emit(ctx, "RNGTRACE_CGROUP", t->cgroup);
	emit(ctx, "RNGTRACE_UNIT", t->unit);
	emit_num(emit, ctx, "RNGTRACE_WAITS", "%zu", t->nwaits);
	emit_num(emit, ctx, "RNGTRACE_OPEN_WAITS", "%zu", t->nopen);
	emit_num(emit, ctx, "RNGTRACE_WAIT_SECONDS", "%.6f", t->total_ns / 1e9);
	emit_num(emit, ctx, "RNGTRACE_WORST_WAIT_SECONDS", "%.6f",
		 t->worst_ns / 1e9);
	emit_num(emit, ctx, "RNGTRACE_FIRST_WAIT_SECONDS", "%.6f",
		 t->first_start_ns / 1e9);
}

/*
 * KEY=VALUE, the value escaped: one line whatever the trace holds.
 * MESSAGE was escaped where it was made.
 */
static void print_field(void *ctx, const char *key, const char *value)
{
	fprintf(ctx, "%s=%s\n", key,
		strcmp(key, "MESSAGE") ? rt_esc(value) : value);
}

void rt_report_journal(FILE *f, const struct rt_summary *s,
		       const struct rt_advice *adv, size_t nadv)
{
	rt_journal_summary_fields(s, adv, nadv, print_field, f);
}
