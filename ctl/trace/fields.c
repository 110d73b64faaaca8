// SPDX-License-Identifier: GPL-2.0
#include "fields.h"

const struct rt_field rt_top_fields[] = {
	{ RT_K_FORMAT, RT_FT_STRING, true },
	{ RT_K_VERSION, RT_FT_STRING, true },
	{ RT_K_HOST, RT_FT_OBJECT, true },
	{ RT_K_MODULE, RT_FT_OBJECT, true },
	{ RT_K_EVENTS, RT_FT_ARRAY, true },
	{ RT_K_CREDITS, RT_FT_ARRAY, true },
	{ RT_K_HWRNGS, RT_FT_ARRAY, false },
	{ RT_K_KMSG, RT_FT_ARRAY, false },
	{ RT_K_READY, RT_FT_OBJECT, false },
	{ RT_K_RECORD, RT_FT_OBJECT, false },
	{ NULL, 0, false },
};

/* Every host fact is optional: what the recorder could not read is absent. */
const struct rt_field rt_host_fields[] = {
	{ RT_K_KERNEL_RELEASE, RT_FT_STRING, false },
	{ RT_K_ARCH, RT_FT_STRING, false },
	{ RT_K_CMDLINE, RT_FT_STRING, false },
	{ RT_K_BOOT_ID, RT_FT_STRING, false },
	{ RT_K_CPU_MODEL, RT_FT_STRING, false },
	{ RT_K_CPU_RNG, RT_FT_BOOL, false },
	{ RT_K_CPU_RDRAND, RT_FT_BOOL, false },
	{ RT_K_CPU_RDSEED, RT_FT_BOOL, false },
	{ RT_K_HYPERVISOR, RT_FT_BOOL, false },
	{ RT_K_HWRNG_AVAILABLE, RT_FT_ARRAY, false },
	{ RT_K_HWRNG_CURRENT, RT_FT_STRING, false },
	{ NULL, 0, false },
};

const struct rt_field rt_module_fields[] = {
	{ RT_K_LOAD_TIME_NS, RT_FT_INT, true },
	{ RT_K_READY_AT_LOAD, RT_FT_BOOL, true },
	{ RT_K_POOL_BITS_AT_LOAD, RT_FT_INT, false },
	{ RT_K_PRINTK_OFFSET_NS, RT_FT_INT, false },
	{ RT_K_EVENTS_DROPPED, RT_FT_INT, false },
	{ RT_K_PROBES, RT_FT_ARRAY, false },
	{ NULL, 0, false },
};

const struct rt_field rt_event_fields[] = {
	[RT_EV_SEQ] = { RT_K_SEQ, RT_FT_INT, true },
	[RT_EV_TYPE] = { RT_K_TYPE, RT_FT_STRING, true },
	[RT_EV_TIME_NS] = { RT_K_TIME_NS, RT_FT_INT, true },
	[RT_EV_TIME_MONO_NS] = { RT_K_TIME_MONO_NS, RT_FT_INT, false },
	[RT_EV_START_NS] = { RT_K_START_NS, RT_FT_INT, false },
	[RT_EV_PID] = { RT_K_PID, RT_FT_INT, false },
	[RT_EV_TGID] = { RT_K_TGID, RT_FT_INT, false },
	[RT_EV_COMM] = { RT_K_COMM, RT_FT_STRING, false },
	[RT_EV_CGROUP] = { RT_K_CGROUP, RT_FT_STRING, false },
	[RT_EV_PATH] = { RT_K_PATH, RT_FT_STRING, false },
	[RT_EV_FLAGS] = { RT_K_FLAGS, RT_FT_INT, false },
	[RT_EV_BYTES] = { RT_K_BYTES, RT_FT_INT, false },
	[RT_EV_RESULT] = { RT_K_RESULT, RT_FT_INT, false },
	[RT_EV_SOURCE] = { RT_K_SOURCE, RT_FT_STRING, false },
	[RT_EV_BITS] = { RT_K_BITS, RT_FT_INT, false },
	[RT_EV_TOTAL_BITS] = { RT_K_TOTAL_BITS, RT_FT_INT, false },
	[RT_EV_CALLER] = { RT_K_CALLER, RT_FT_STRING, false },
	[RT_EV_NAME] = { RT_K_NAME, RT_FT_STRING, false },
	[RT_EV_QUALITY] = { RT_K_QUALITY, RT_FT_INT, false },
	[RT_EV_EVIDENCE] = { RT_K_EVIDENCE, RT_FT_STRING, false },
	[RT_EV_NKEYS] = { NULL, 0, false },
};

const struct rt_field rt_credit_fields[] = {
	{ RT_K_SOURCE, RT_FT_STRING, true },
	{ RT_K_BITS, RT_FT_INT, true },
	{ RT_K_COUNT, RT_FT_INT, false },
	{ NULL, 0, false },
};

const struct rt_field rt_ready_fields[] = {
	{ RT_K_BEFORE_LOAD, RT_FT_BOOL, true },
	{ RT_K_TIME_NS, RT_FT_INT, false },
	{ RT_K_SOURCE, RT_FT_STRING, false },
	{ RT_K_EVIDENCE, RT_FT_STRING, false },
	{ NULL, 0, false },
};

/* All optional: a trace written by other means than record has none. */
const struct rt_field rt_record_fields[] = {
	{ RT_K_STARTED_NS, RT_FT_INT, false },
	{ RT_K_ENDED_NS, RT_FT_INT, false },
	{ RT_K_UNTIL, RT_FT_STRING, false },
	{ RT_K_STOPPED_BY, RT_FT_STRING, false },
	{ RT_K_COMPLETE, RT_FT_BOOL, false },
	{ RT_K_DROPPED_BEFORE, RT_FT_INT, false },
	{ RT_K_OPEN_WAITS, RT_FT_ARRAY, false },
	{ RT_K_OPEN_WAITS_TOTAL, RT_FT_INT, false },
	{ NULL, 0, false },
};

/* A wait still in flight when the recording ended: a wait event's fields. */
const struct rt_field rt_open_wait_fields[] = {
	{ RT_K_START_NS, RT_FT_INT, true },
	{ RT_K_TIME_MONO_NS, RT_FT_INT, false },
	{ RT_K_PID, RT_FT_INT, false },
	{ RT_K_TGID, RT_FT_INT, false },
	{ RT_K_COMM, RT_FT_STRING, false },
	{ RT_K_CGROUP, RT_FT_STRING, false },
	{ RT_K_UNIT, RT_FT_STRING, false },
	{ RT_K_PATH, RT_FT_STRING, false },
	{ RT_K_FLAGS, RT_FT_INT, false },
	{ RT_K_BYTES, RT_FT_INT, false },
	{ RT_K_WAITING_NS, RT_FT_INT, false },
	{ NULL, 0, false },
};

const struct rt_field_table rt_field_tables[] = {
	{ "top level", rt_top_fields },
	{ "host", rt_host_fields },
	{ "module", rt_module_fields },
	{ "events[]", rt_event_fields },
	{ "credits[]", rt_credit_fields },
	{ "ready", rt_ready_fields },
	{ "record", rt_record_fields },
	{ "record.open_waits[]", rt_open_wait_fields },
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
	}
	return "a value";
}
