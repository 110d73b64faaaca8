/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trace format's field names and types, in one place
 * (Documentation/trace-format.md): the writer (live/evjson.c, and
 * live/host.c for the host) spells the keys with these macros, the loader checks the types from these tables,
 * and the documentation test checks that trace-format.md names every one.
 */
#ifndef RT_FIELDS_H
#define RT_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

enum rt_ftype {
	RT_FT_OBJECT, RT_FT_ARRAY, RT_FT_STRING, RT_FT_INT, RT_FT_BOOL,
	RT_FT_NUMBER,		/* an integer or not (ready.seconds) */
};

/*
 * A field of an object of the trace. An object, or an array of objects,
 * names the table of its own fields in @sub: from rt_top_fields down, the
 * tables name every object a trace has, and every key it may carry.
 */
struct rt_field {
	const char *key;
	enum rt_ftype type;
	bool required;
	const struct rt_field *sub;
};

/* Top level. */
#define RT_K_FORMAT		"format"
#define RT_K_VERSION		"version"
#define RT_K_RECORDED_BY	"recorded_by"
#define RT_K_HOST		"host"
#define RT_K_MODULE		"module"
#define RT_K_READY		"ready"
#define RT_K_CREDITS		"credits"
#define RT_K_HWRNGS		"hwrngs"
#define RT_K_EVENTS		"events"
#define RT_K_KMSG		"kmsg"
#define RT_K_RECORD		"record"

/* An event (events[]): the index of each key in rt_event_fields[]. */
enum rt_ev_key {
	RT_EV_SEQ, RT_EV_TYPE, RT_EV_TIME_NS, RT_EV_TIME_MONO_NS,
	RT_EV_START_NS, RT_EV_PID, RT_EV_TGID, RT_EV_COMM, RT_EV_CGROUP,
	RT_EV_PATH, RT_EV_FLAGS, RT_EV_BYTES, RT_EV_RESULT, RT_EV_SOURCE,
	RT_EV_BITS, RT_EV_TOTAL_BITS, RT_EV_CALLER, RT_EV_NAME, RT_EV_QUALITY,
	RT_EV_EVIDENCE, RT_EV_ORIGIN, RT_EV_RETURN_NS, RT_EV_NKEYS
};
#define RT_K_SEQ		"seq"
#define RT_K_TYPE		"type"
#define RT_K_TIME_NS		"time_ns"
#define RT_K_TIME_MONO_NS	"time_mono_ns"
#define RT_K_START_NS		"start_ns"
#define RT_K_PID		"pid"
#define RT_K_TGID		"tgid"
#define RT_K_COMM		"comm"
#define RT_K_CGROUP		"cgroup"
#define RT_K_PATH		"path"
#define RT_K_FLAGS		"flags"
#define RT_K_BYTES		"bytes"
#define RT_K_RESULT		"result"
#define RT_K_SOURCE		"source"
#define RT_K_BITS		"bits"
#define RT_K_TOTAL_BITS		"total_bits"
#define RT_K_CALLER		"caller"
#define RT_K_NAME		"name"
#define RT_K_QUALITY		"quality"
#define RT_K_EVIDENCE		"evidence"
#define RT_K_ORIGIN		"origin"
#define RT_K_RETURN_NS		"return_ns"

/* host */
#define RT_K_KERNEL_RELEASE	"kernel_release"
#define RT_K_ARCH		"arch"
#define RT_K_CMDLINE		"cmdline"
#define RT_K_BOOT_ID		"boot_id"
#define RT_K_CPU_MODEL		"cpu_model"
#define RT_K_CPU_RNG		"cpu_rng"
#define RT_K_CPU_RDRAND		"cpu_rdrand"
#define RT_K_CPU_RDSEED		"cpu_rdseed"
#define RT_K_HYPERVISOR		"hypervisor"
#define RT_K_HWRNG_AVAILABLE	"hwrng_available"
#define RT_K_HWRNG_CURRENT	"hwrng_current"

/* module */
#define RT_K_LOAD_TIME_NS	"load_time_ns"
#define RT_K_LOAD_TIME_MONO_NS	"load_time_mono_ns"
#define RT_K_READY_AT_LOAD	"ready_at_load"
#define RT_K_POOL_BITS_AT_LOAD	"pool_bits_at_load"
#define RT_K_PRINTK_OFFSET_NS	"printk_offset_ns"
#define RT_K_EVENTS_DROPPED	"events_dropped"
#define RT_K_PROBES		"probes"
#define RT_K_MODULE_VERSION	"version"
#define RT_K_CREDITED_BITS	"credited_bits"
#define RT_K_RING_SIZE		"ring_size"
#define RT_K_EVENTS_WRITTEN	"events_written"
#define RT_K_WAITS_LOST		"waits_lost"
/* module.probes[] */
#define RT_K_SYMBOL		"symbol"
#define RT_K_METHOD		"method"
#define RT_K_ATTACHED		"attached"
#define RT_K_ERROR		"error"
#define RT_K_ARMED		"armed"
#define RT_K_HITS		"hits"
#define RT_K_NMISSED		"nmissed"
#define RT_K_REFUSED		"refused"
/* hwrngs[] (name, quality, before_load, bytes, bits as above) */
#define RT_K_CURRENT		"current"
#define RT_K_REGISTERED_NS	"registered_ns"
#define RT_K_FEEDS		"feeds"
/* kmsg[] (time_ns as above) */
#define RT_K_TEXT		"text"
/* ready */
#define RT_K_BEFORE_LOAD	"before_load"
#define RT_K_SECONDS		"seconds"
/* credits[] */
#define RT_K_COUNT		"count"
/* record */
#define RT_K_STARTED_NS		"started_ns"
#define RT_K_ENDED_NS		"ended_ns"
#define RT_K_UNTIL		"until"
#define RT_K_STOPPED_BY		"stopped_by"
#define RT_K_COMPLETE		"complete"
#define RT_K_DROPPED_BEFORE	"events_dropped_before_start"
#define RT_K_OPEN_WAITS		"open_waits"
#define RT_K_OPEN_WAITS_TOTAL	"open_waits_total"
#define RT_K_BOOT_PROBES	"boot_probes"
#define RT_K_BACKEND		"backend"
#define RT_K_BPF		"bpf"
/* record.bpf */
#define RT_K_ATTACHED_NS	"attached_ns"
#define RT_K_DISARMED_NS	"disarmed_ns"
#define RT_K_ATTACH		"attach"
#define RT_K_FALLBACK		"fallback"
#define RT_K_READY_BY		"ready_by"
#define RT_K_RETURN_INSTANCES	"return_instances"
#define RT_K_RINGBUF_FULL	"ringbuf_full"
#define RT_K_CREDIT_UNPAIRED	"credit_unpaired"
#define RT_K_CREDIT_DEEP	"credit_deep"
#define RT_K_CALLS_FULL		"calls_full"
#define RT_K_CALL_UNPAIRED	"call_unpaired"
#define RT_K_HWRNG_UNREAD	"hwrng_unread"
#define RT_K_ENDS_MISSED	"ends_missed"
#define RT_K_READY_AT_ATTACH	"ready_at_attach"
#define RT_K_WAITS_BEFORE_ATTACH "waits_before_attach"
#define RT_K_RECURSION_MISSES	"recursion_misses"
/* record.boot_probes */
#define RT_K_EVENTS_READ	"events_read"
#define RT_K_MERGED		"merged"
#define RT_K_LOST		"lost"
#define RT_K_FIRST_NS		"first_ns"
#define RT_K_CLOCK_MARK_NS	"clock_mark_ns"
#define RT_K_UNIT		"unit"
#define RT_K_WAITING_NS		"waiting_ns"

/* Each table ends with a { NULL } entry. */
extern const struct rt_field rt_top_fields[];
extern const struct rt_field rt_host_fields[];
extern const struct rt_field rt_module_fields[];
extern const struct rt_field rt_event_fields[];	/* by enum rt_ev_key */
extern const struct rt_field rt_credit_fields[];
extern const struct rt_field rt_ready_fields[];
extern const struct rt_field rt_record_fields[];
extern const struct rt_field rt_open_wait_fields[];	/* record.open_waits[] */
extern const struct rt_field rt_boot_probes_fields[];	/* record.boot_probes */
extern const struct rt_field rt_bpf_fields[];		/* record.bpf */
extern const struct rt_field rt_probe_fields[];	/* module.probes[] */
extern const struct rt_field rt_hwrng_fields[];
extern const struct rt_field rt_kmsg_fields[];

/*
 * Every table, named as trace-format.md's sections name the objects: the
 * documentation test checks each against its section.
 */
struct rt_field_table {
	const char *object;		/* "top level", "module", "events[]"... */
	const struct rt_field *fields;
};
extern const struct rt_field_table rt_field_tables[];	/* NULL-ended */

/* "an integer", "a string"... */
const char *rt_ftype_name(enum rt_ftype t);

#endif /* RT_FIELDS_H */
