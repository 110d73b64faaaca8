// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes as tracefs's trace file through the boot
 * probes' reader (live/bootevents.c), for a CRNG ready and not ready. A
 * crash, a sanitizer report or a broken invariant (__builtin_trap) is a
 * finding: events in time order with seq 0.., every wait ending at or
 * after its start, at most one READY and only when the reader says so.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/rngtrace.h>

#include "bootevents.h"

static void one(const uint8_t *data, size_t size, bool ready_now)
{
	struct rt_boot_events be;
	char err[256];
	size_t i, nready = 0;
	FILE *f = fmemopen((void *)data, size, "r");

	if (!f)
		return;
	if (rt_boot_events_read(f, ready_now, &be, err, sizeof(err))) {
		fclose(f);
		if (!err[0])
			__builtin_trap();
		return;
	}
	fclose(f);
	for (i = 0; i < be.nev; i++) {
		const struct rt_event *e = &be.ev[i];

		if (e->seq != i || !e->boot_probe)
			__builtin_trap();
		if (i && e->time_ns < be.ev[i - 1].time_ns)
			__builtin_trap();
		if (e->type == RNGTRACE_EVENT_TYPE_WAIT && e->time_ns < e->start_ns)
			__builtin_trap();
		nready += e->type == RNGTRACE_EVENT_TYPE_READY;
	}
	if (nready != (be.ready ? 1 : 0))
		__builtin_trap();
	for (i = 0; i < be.nopen; i++)
		if (be.open[i].has_seq)
			__builtin_trap();
	rt_boot_events_free(&be);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	one(data, size, false);
	one(data, size, true);
	return 0;
}
