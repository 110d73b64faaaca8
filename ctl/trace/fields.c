// SPDX-License-Identifier: GPL-2.0
#include "fields.h"

/* A field, and a field whose objects have their own table. */
#define F(key, type, required)		{ key, type, required, NULL }
#define SUB(key, type, required, sub)	{ key, type, required, sub }
#define END				{ NULL, 0, false, NULL }

/* Every host fact is optional: what the recorder could not read is absent. */
const struct rt_field rt_host_fields[] = {
	F(RT_K_KERNEL_RELEASE, RT_FT_STRING, false),
	F(RT_K_ARCH, RT_FT_STRING, false),
	F(RT_K_CMDLINE, RT_FT_STRING, false),
	F(RT_K_BOOT_ID, RT_FT_STRING, false),
	F(RT_K_CPU_MODEL, RT_FT_STRING, false),
	F(RT_K_CPU_RNG, RT_FT_BOOL, false),
	F(RT_K_CPU_RDRAND, RT_FT_BOOL, false),
	F(RT_K_CPU_RDSEED, RT_FT_BOOL, false),
	F(RT_K_HYPERVISOR, RT_FT_BOOL, false),
	F(RT_K_HWRNG_AVAILABLE, RT_FT_ARRAY, false),
	F(RT_K_HWRNG_CURRENT, RT_FT_STRING, false),
	END,
};

const struct rt_field rt_probe_fields[] = {
	F(RT_K_SYMBOL, RT_FT_STRING, true),
	F(RT_K_METHOD, RT_FT_STRING, false),
	F(RT_K_ATTACHED, RT_FT_BOOL, false),
	F(RT_K_REFUSED, RT_FT_BOOL, false),
	F(RT_K_ARMED, RT_FT_BOOL, false),
	F(RT_K_HITS, RT_FT_INT, false),
	F(RT_K_NMISSED, RT_FT_INT, false),
	F(RT_K_ERROR, RT_FT_INT, false),
	END,
};

const struct rt_field rt_module_fields[] = {
	F(RT_K_MODULE_VERSION, RT_FT_STRING, false),
	F(RT_K_LOAD_TIME_NS, RT_FT_INT, true),
	F(RT_K_LOAD_TIME_MONO_NS, RT_FT_INT, false),
	F(RT_K_READY_AT_LOAD, RT_FT_BOOL, true),
	F(RT_K_POOL_BITS_AT_LOAD, RT_FT_INT, false),
	F(RT_K_CREDITED_BITS, RT_FT_INT, false),
	F(RT_K_PRINTK_OFFSET_NS, RT_FT_INT, false),
	F(RT_K_RING_SIZE, RT_FT_INT, false),
	F(RT_K_EVENTS_WRITTEN, RT_FT_INT, false),
	F(RT_K_EVENTS_DROPPED, RT_FT_INT, false),
	F(RT_K_WAITS_LOST, RT_FT_INT, false),
	SUB(RT_K_PROBES, RT_FT_ARRAY, false, rt_probe_fields),
	END,
};

const struct rt_field rt_event_fields[] = {
	[RT_EV_SEQ] = F(RT_K_SEQ, RT_FT_INT, true),
	[RT_EV_TYPE] = F(RT_K_TYPE, RT_FT_STRING, true),
	[RT_EV_TIME_NS] = F(RT_K_TIME_NS, RT_FT_INT, true),
	[RT_EV_TIME_MONO_NS] = F(RT_K_TIME_MONO_NS, RT_FT_INT, false),
	[RT_EV_START_NS] = F(RT_K_START_NS, RT_FT_INT, false),
	[RT_EV_PID] = F(RT_K_PID, RT_FT_INT, false),
	[RT_EV_TGID] = F(RT_K_TGID, RT_FT_INT, false),
	[RT_EV_COMM] = F(RT_K_COMM, RT_FT_STRING, false),
	[RT_EV_CGROUP] = F(RT_K_CGROUP, RT_FT_STRING, false),
	[RT_EV_PATH] = F(RT_K_PATH, RT_FT_STRING, false),
	[RT_EV_FLAGS] = F(RT_K_FLAGS, RT_FT_INT, false),
	[RT_EV_BYTES] = F(RT_K_BYTES, RT_FT_INT, false),
	[RT_EV_RESULT] = F(RT_K_RESULT, RT_FT_INT, false),
	[RT_EV_SOURCE] = F(RT_K_SOURCE, RT_FT_STRING, false),
	[RT_EV_BITS] = F(RT_K_BITS, RT_FT_INT, false),
	[RT_EV_TOTAL_BITS] = F(RT_K_TOTAL_BITS, RT_FT_INT, false),
	[RT_EV_CALLER] = F(RT_K_CALLER, RT_FT_STRING, false),
	[RT_EV_NAME] = F(RT_K_NAME, RT_FT_STRING, false),
	[RT_EV_QUALITY] = F(RT_K_QUALITY, RT_FT_INT, false),
	[RT_EV_EVIDENCE] = F(RT_K_EVIDENCE, RT_FT_STRING, false),
	[RT_EV_ORIGIN] = F(RT_K_ORIGIN, RT_FT_STRING, false),
	[RT_EV_RETURN_NS] = F(RT_K_RETURN_NS, RT_FT_INT, false),
	[RT_EV_NKEYS] = END,
};

const struct rt_field rt_credit_fields[] = {
	F(RT_K_SOURCE, RT_FT_STRING, true),
	F(RT_K_BITS, RT_FT_INT, true),
	F(RT_K_COUNT, RT_FT_INT, false),
	END,
};

const struct rt_field rt_ready_fields[] = {
	F(RT_K_BEFORE_LOAD, RT_FT_BOOL, true),
	F(RT_K_TIME_NS, RT_FT_INT, false),
	F(RT_K_TIME_MONO_NS, RT_FT_INT, false),
	F(RT_K_SOURCE, RT_FT_STRING, false),
	F(RT_K_EVIDENCE, RT_FT_STRING, false),
	F(RT_K_SECONDS, RT_FT_NUMBER, false),
	END,
};

const struct rt_field rt_hwrng_fields[] = {
	F(RT_K_NAME, RT_FT_STRING, true),
	F(RT_K_QUALITY, RT_FT_INT, false),
	F(RT_K_CURRENT, RT_FT_BOOL, false),
	F(RT_K_BEFORE_LOAD, RT_FT_BOOL, false),
	F(RT_K_REGISTERED_NS, RT_FT_INT, false),
	F(RT_K_FEEDS, RT_FT_INT, false),
	F(RT_K_BYTES, RT_FT_INT, false),
	F(RT_K_BITS, RT_FT_INT, false),
	END,
};

const struct rt_field rt_kmsg_fields[] = {
	F(RT_K_TIME_NS, RT_FT_INT, true),
	F(RT_K_TEXT, RT_FT_STRING, true),
	END,
};

/* A wait still in flight when the recording ended: a wait event's fields. */
const struct rt_field rt_open_wait_fields[] = {
	F(RT_K_START_NS, RT_FT_INT, true),
	F(RT_K_TIME_MONO_NS, RT_FT_INT, false),
	F(RT_K_PID, RT_FT_INT, false),
	F(RT_K_TGID, RT_FT_INT, false),
	F(RT_K_COMM, RT_FT_STRING, false),
	F(RT_K_CGROUP, RT_FT_STRING, false),
	F(RT_K_UNIT, RT_FT_STRING, false),
	F(RT_K_PATH, RT_FT_STRING, false),
	F(RT_K_FLAGS, RT_FT_INT, false),
	F(RT_K_BYTES, RT_FT_INT, false),
	F(RT_K_WAITING_NS, RT_FT_INT, false),
	END,
};

/* What record made of the boot probes' events (1.2). */
const struct rt_field rt_boot_probes_fields[] = {
	F(RT_K_EVENTS_READ, RT_FT_INT, false),
	F(RT_K_MERGED, RT_FT_INT, false),
	F(RT_K_LOST, RT_FT_INT, false),
	F(RT_K_FIRST_NS, RT_FT_INT, false),
	F(RT_K_CLOCK_MARK_NS, RT_FT_INT, false),
	END,
};

/* How the BPF backend recorded (1.5). */
const struct rt_field rt_bpf_fields[] = {
	F(RT_K_ATTACHED_NS, RT_FT_INT, false),
	F(RT_K_DISARMED_NS, RT_FT_INT, false),
	F(RT_K_ATTACH, RT_FT_STRING, false),
	F(RT_K_FALLBACK, RT_FT_STRING, false),
	F(RT_K_READY_BY, RT_FT_STRING, false),
	F(RT_K_RINGBUF_FULL, RT_FT_INT, false),
	F(RT_K_CREDIT_UNPAIRED, RT_FT_INT, false),
	F(RT_K_CREDIT_DEEP, RT_FT_INT, false),
	F(RT_K_CALLS_FULL, RT_FT_INT, false),
	F(RT_K_CALL_UNPAIRED, RT_FT_INT, false),
	F(RT_K_HWRNG_UNREAD, RT_FT_INT, false),
	F(RT_K_ENDS_MISSED, RT_FT_INT, false),
	F(RT_K_READY_AT_ATTACH, RT_FT_BOOL, false),
	F(RT_K_WAITS_BEFORE_ATTACH, RT_FT_INT, false),
	F(RT_K_RECURSION_MISSES, RT_FT_INT, false),
	F(RT_K_CLOCK_MARK_NS, RT_FT_INT, false),
	END,
};

/* All optional: a trace written by other means than record has none. */
const struct rt_field rt_record_fields[] = {
	F(RT_K_STARTED_NS, RT_FT_INT, false),
	F(RT_K_ENDED_NS, RT_FT_INT, false),
	F(RT_K_UNTIL, RT_FT_STRING, false),
	F(RT_K_STOPPED_BY, RT_FT_STRING, false),
	F(RT_K_COMPLETE, RT_FT_BOOL, false),
	F(RT_K_DROPPED_BEFORE, RT_FT_INT, false),
	SUB(RT_K_OPEN_WAITS, RT_FT_ARRAY, false, rt_open_wait_fields),
	F(RT_K_OPEN_WAITS_TOTAL, RT_FT_INT, false),
	SUB(RT_K_BOOT_PROBES, RT_FT_OBJECT, false, rt_boot_probes_fields),
	F(RT_K_BACKEND, RT_FT_STRING, false),
	SUB(RT_K_BPF, RT_FT_OBJECT, false, rt_bpf_fields),
	END,
};

/*
 * The events are streamed, one at a time, against rt_event_fields
 * (trace.c); every other object is checked once the trace is read.
 */
const struct rt_field rt_top_fields[] = {
	F(RT_K_FORMAT, RT_FT_STRING, true),
	F(RT_K_VERSION, RT_FT_STRING, true),
	F(RT_K_RECORDED_BY, RT_FT_STRING, false),
	SUB(RT_K_HOST, RT_FT_OBJECT, true, rt_host_fields),
	SUB(RT_K_MODULE, RT_FT_OBJECT, false, rt_module_fields),
	SUB(RT_K_EVENTS, RT_FT_ARRAY, true, rt_event_fields),
	SUB(RT_K_CREDITS, RT_FT_ARRAY, false, rt_credit_fields),
	SUB(RT_K_HWRNGS, RT_FT_ARRAY, false, rt_hwrng_fields),
	SUB(RT_K_KMSG, RT_FT_ARRAY, false, rt_kmsg_fields),
	SUB(RT_K_READY, RT_FT_OBJECT, false, rt_ready_fields),
	SUB(RT_K_RECORD, RT_FT_OBJECT, false, rt_record_fields),
	END,
};

const struct rt_field_table rt_field_tables[] = {
	{ "top level", rt_top_fields },
	{ "host", rt_host_fields },
	{ "module", rt_module_fields },
	{ "module.probes[]", rt_probe_fields },
	{ "events[]", rt_event_fields },
	{ "credits[]", rt_credit_fields },
	{ "hwrngs[]", rt_hwrng_fields },
	{ "kmsg[]", rt_kmsg_fields },
	{ "ready", rt_ready_fields },
	{ "record", rt_record_fields },
	{ "record.open_waits[]", rt_open_wait_fields },
	{ "record.boot_probes", rt_boot_probes_fields },
	{ NULL, NULL },
};

const char *rt_ftype_name(enum rt_ftype t)
{
	switch (t) {
	case RT_FT_OBJECT: return "an object";
	case RT_FT_ARRAY: return "an array";
	case RT_FT_STRING: return "a string";
	case RT_FT_INT: return "an integer";
	case RT_FT_BOOL: return "true or false";
	case RT_FT_NUMBER: return "a number";
	}
	return "a value";
}
