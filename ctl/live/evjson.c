// SPDX-License-Identifier: GPL-2.0
/*
 * Event nests to struct rt_event and to the trace format's JSON; the
 * module's STATUS, PROBES and HWRNG replies to the trace's module,
 * credits[], hwrngs[] and ready (Documentation/trace-format.md).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "esc.h"
#include "evjson.h"
#include "fields.h"
#include "names.h"
#include "status.h"

static const struct rt_attr_spec event_spec[RNGTRACE_A_EVENT_MAX + 1] = {
	[RNGTRACE_A_EVENT_PAD] = { "pad", MNL_TYPE_UNSPEC, false },
	[RNGTRACE_A_EVENT_SEQ] = { "seq", MNL_TYPE_U64, false },
	[RNGTRACE_A_EVENT_TYPE] = { "type", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_TIME_NS] = { "time-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_EVENT_TIME_MONO_NS] = { "time-mono-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_EVENT_START_NS] = { "start-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_EVENT_PID] = { "pid", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_TGID] = { "tgid", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_COMM] = { "comm", MNL_TYPE_NUL_STRING, false },
	[RNGTRACE_A_EVENT_CGROUP] = { "cgroup", MNL_TYPE_NUL_STRING, false },
	[RNGTRACE_A_EVENT_PATH] = { "path", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_FLAGS] = { "flags", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_BYTES] = { "bytes", MNL_TYPE_U64, false },
	[RNGTRACE_A_EVENT_RESULT] = { "result", MNL_TYPE_U64, false },
	[RNGTRACE_A_EVENT_SOURCE] = { "source", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_BITS] = { "bits", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_TOTAL_BITS] = { "total-bits", MNL_TYPE_U32, false },
	[RNGTRACE_A_EVENT_CALLER] = { "caller", MNL_TYPE_NUL_STRING, false },
	[RNGTRACE_A_EVENT_NAME] = { "name", MNL_TYPE_NUL_STRING, false },
	[RNGTRACE_A_EVENT_QUALITY] = { "quality", MNL_TYPE_U32, false },
};

/* Strings longer than the struct keeps are cut, not refused. */
static void copy_str(char *dst, size_t len, const struct nlattr *a)
{
	snprintf(dst, len, "%s", a ? mnl_attr_get_str(a) : "");
}

#define GET32(field, attr) do {						\
	if (tb[attr]) {							\
		ev->field = mnl_attr_get_u32(tb[attr]);			\
		ev->has_##field = true;					\
	}								\
} while (0)
#define GET64(field, has, attr) do {					\
	if (tb[attr]) {							\
		ev->field = mnl_attr_get_u64(tb[attr]);			\
		ev->has = true;						\
	}								\
} while (0)

int rt_event_parse(const struct nlattr *nest, bool in_flight,
		   struct rt_event *ev, char *why, size_t whylen)
{
	const struct nlattr *tb[RNGTRACE_A_EVENT_MAX + 1];
	int ret;

	memset(ev, 0, sizeof(*ev));
	ret = rt_nest_parse(nest, event_spec, RNGTRACE_A_EVENT_MAX, tb,
			    why, whylen);
	if (ret)
		return ret;
	if (!in_flight && (!tb[RNGTRACE_A_EVENT_SEQ] ||
			   !tb[RNGTRACE_A_EVENT_TYPE])) {
		snprintf(why, whylen, "event without %s",
			 tb[RNGTRACE_A_EVENT_SEQ] ? "type" : "seq");
		return -EBADMSG;
	}
	GET64(seq, has_seq, RNGTRACE_A_EVENT_SEQ);
	GET32(type, RNGTRACE_A_EVENT_TYPE);
	GET64(time_ns, has_time, RNGTRACE_A_EVENT_TIME_NS);
	GET64(time_mono_ns, has_time_mono, RNGTRACE_A_EVENT_TIME_MONO_NS);
	GET64(start_ns, has_start, RNGTRACE_A_EVENT_START_NS);
	GET32(pid, RNGTRACE_A_EVENT_PID);
	GET32(tgid, RNGTRACE_A_EVENT_TGID);
	GET32(path, RNGTRACE_A_EVENT_PATH);
	GET32(flags, RNGTRACE_A_EVENT_FLAGS);
	GET64(bytes, has_bytes, RNGTRACE_A_EVENT_BYTES);
	if (tb[RNGTRACE_A_EVENT_RESULT]) {
		ev->result = (int64_t)mnl_attr_get_u64(tb[RNGTRACE_A_EVENT_RESULT]);
		ev->has_result = true;
	}
	GET32(source, RNGTRACE_A_EVENT_SOURCE);
	GET32(bits, RNGTRACE_A_EVENT_BITS);
	GET32(total_bits, RNGTRACE_A_EVENT_TOTAL_BITS);
	GET32(quality, RNGTRACE_A_EVENT_QUALITY);
	copy_str(ev->comm, sizeof(ev->comm), tb[RNGTRACE_A_EVENT_COMM]);
	copy_str(ev->cgroup, sizeof(ev->cgroup), tb[RNGTRACE_A_EVENT_CGROUP]);
	copy_str(ev->caller, sizeof(ev->caller), tb[RNGTRACE_A_EVENT_CALLER]);
	copy_str(ev->name, sizeof(ev->name), tb[RNGTRACE_A_EVENT_NAME]);
	return 0;
}

/* json_object_set_new() that remembers a failure. */
static void put(json_t *obj, const char *key, json_t *v, bool *bad)
{
	if (!v || json_object_set_new(obj, key, v))
		*bad = true;
}

static void put_int(json_t *obj, const char *key, long long v, bool *bad)
{
	put(obj, key, json_integer(v), bad);
}

static void put_str(json_t *obj, const char *key, const char *s, bool *bad)
{
	put(obj, key, json_string(s), bad);
}

static json_t *done(json_t *obj, bool bad)
{
	if (bad) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

json_t *rt_event_to_json(const struct rt_event *ev)
{
	json_t *o = json_object();
	bool bad = !o;

	if (bad)
		return NULL;
	put_int(o, RT_K_SEQ, (long long)ev->seq, &bad);
	put_str(o, RT_K_TYPE, rt_event_type_name(ev->type), &bad);
	if (ev->has_time)
		put_int(o, RT_K_TIME_NS, (long long)ev->time_ns, &bad);
	if (ev->has_time_mono)
		put_int(o, RT_K_TIME_MONO_NS, (long long)ev->time_mono_ns, &bad);
	if (ev->has_start)
		put_int(o, RT_K_START_NS, (long long)ev->start_ns, &bad);
	if (ev->has_source)
		put_str(o, RT_K_SOURCE, rt_source_name(ev->source), &bad);
	if (ev->has_bits)
		put_int(o, RT_K_BITS, ev->bits, &bad);
	if (ev->has_total_bits)
		put_int(o, RT_K_TOTAL_BITS, ev->total_bits, &bad);
	if (ev->caller[0])
		put_str(o, RT_K_CALLER, ev->caller, &bad);
	if (ev->has_pid)
		put_int(o, RT_K_PID, ev->pid, &bad);
	if (ev->has_tgid)
		put_int(o, RT_K_TGID, ev->tgid, &bad);
	if (ev->comm[0])
		put_str(o, RT_K_COMM, ev->comm, &bad);
	if (ev->cgroup[0])
		put_str(o, RT_K_CGROUP, ev->cgroup, &bad);
	if (ev->has_path)
		put_str(o, RT_K_PATH, rt_path_name(ev->path), &bad);
	if (ev->has_flags)
		put_int(o, RT_K_FLAGS, ev->flags, &bad);
	if (ev->has_bytes)
		put_int(o, RT_K_BYTES, (long long)ev->bytes, &bad);
	if (ev->has_result)
		put_int(o, RT_K_RESULT, ev->result, &bad);
	if (ev->name[0])
		put_str(o, RT_K_NAME, ev->name, &bad);
	if (ev->has_quality)
		put_int(o, RT_K_QUALITY, ev->quality, &bad);
	return done(o, bad);
}

json_t *rt_event_nest_to_json(const struct nlattr *nest, char *why,
			      size_t whylen)
{
	struct rt_event ev;
	json_t *j;

	if (rt_event_parse(nest, false, &ev, why, whylen))
		return NULL;
	j = rt_event_to_json(&ev);
	if (!j)
		snprintf(why, whylen, "out of memory");
	return j;
}

#define SEC(ns) (unsigned long long)((ns) / 1000000000), \
		(unsigned long long)((ns) % 1000000000 / 1000)

int rt_event_format(const struct rt_event *ev, char *buf, size_t len)
{
	char who[640] = "";
	int n;

	if (ev->has_pid) {
		const char *unit = rt_cgroup_unit(ev->cgroup);

		snprintf(who, sizeof(who), " pid %u (%s)%s%s", ev->pid,
			 ev->comm[0] ? rt_esc(ev->comm) : "?",
			 unit[0] ? " unit " : "", rt_esc(unit));
	}
	n = snprintf(buf, len, "#%" PRIu64 " %llu.%06llu %s", ev->seq,
		     SEC(ev->time_ns), rt_event_type_name(ev->type));
	if (n < 0 || (size_t)n >= len)
		return n;
	switch (ev->type) {
	case RNGTRACE_EVENT_TYPE_READY:
	case RNGTRACE_EVENT_TYPE_CREDIT:
		return n + snprintf(buf + n, len - n,
				    " %s %u bits, pool %u, by %s%s",
				    rt_source_name(ev->source), ev->bits,
				    ev->total_bits,
				    ev->caller[0] ? rt_esc(ev->caller) : "?", who);
	case RNGTRACE_EVENT_TYPE_WAIT: {
		uint64_t w = ev->time_ns > ev->start_ns ?
			     ev->time_ns - ev->start_ns : 0;

		return n + snprintf(buf + n, len - n,
				    " %s%s, %" PRIu64 " bytes, flags %#x, result %" PRId64 ", waited %llu.%06llu s",
				    rt_path_name(ev->path), who, ev->bytes,
				    ev->flags, ev->result, SEC(w));
	}
	case RNGTRACE_EVENT_TYPE_UNSEEDED:
		return n + snprintf(buf + n, len - n,
				    " %s%s, %" PRIu64 " bytes, flags %#x, result %" PRId64,
				    rt_path_name(ev->path), who, ev->bytes,
				    ev->flags, ev->result);
	case RNGTRACE_EVENT_TYPE_HWRNG_REGISTER:
	case RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER:
		return n + snprintf(buf + n, len - n, " %s, quality %u",
				    ev->name[0] ? rt_esc(ev->name) : "?",
				    ev->quality);
	default:
		return n;
	}
}

static json_t *probes_json(const struct rt_status *st)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < st->nprobes; i++) {
		const struct rt_probe *p = &st->probes[i];
		json_t *o = json_object();
		bool bad = !o;

		if (bad)
			goto fail;
		put_str(o, "symbol", p->symbol, &bad);
		put_str(o, "method", rt_probe_method_name(p->method), &bad);
		put(o, "attached", json_boolean(p->attached), &bad);
		if (p->has_error && p->error)
			put_int(o, "error", p->error, &bad);
		put(o, "armed", json_boolean(p->armed), &bad);
		put_int(o, "hits", (long long)p->hits, &bad);
		put_int(o, "nmissed", (long long)p->nmissed, &bad);
		if (p->refused)
			put(o, "refused", json_boolean(true), &bad);
		if (bad || json_array_append_new(a, o)) {
			json_decref(bad ? o : NULL);
			goto fail;
		}
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

json_t *rt_trace_module_json(const struct rt_status *st)
{
	json_t *o = json_object();
	bool bad = !o;

	if (bad)
		return NULL;
	put_str(o, "version", st->version, &bad);
	put_int(o, RT_K_LOAD_TIME_NS, (long long)st->load_time_ns, &bad);
	put_int(o, RT_K_LOAD_TIME_MONO_NS, (long long)st->load_time_mono_ns, &bad);
	put(o, RT_K_READY_AT_LOAD, json_boolean(st->ready_at_load), &bad);
	put_int(o, RT_K_POOL_BITS_AT_LOAD, st->pool_bits_at_load, &bad);
	put_int(o, "credited_bits", st->credited_bits, &bad);
	if (st->has_printk_offset)
		put_int(o, RT_K_PRINTK_OFFSET_NS, st->printk_offset_ns, &bad);
	put_int(o, "ring_size", st->ring_size, &bad);
	put_int(o, "events_written", (long long)st->events_written, &bad);
	put_int(o, RT_K_EVENTS_DROPPED, (long long)st->events_dropped, &bad);
	put_int(o, "waits_lost", (long long)st->waits_lost, &bad);
	if (st->has_probes)
		put(o, RT_K_PROBES, probes_json(st), &bad);
	return done(o, bad);
}

json_t *rt_trace_credits_json(const struct rt_status *st)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < st->ncredits; i++) {
		json_t *o = json_pack("{s:s, s:I, s:I}",
				      RT_K_SOURCE, rt_source_name(st->credits[i].source),
				      RT_K_BITS, (json_int_t)st->credits[i].bits,
				      RT_K_COUNT, (json_int_t)st->credits[i].count);

		if (!o || json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *rt_trace_hwrngs_json(const struct rt_status *st)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < st->nhwrngs; i++) {
		const struct rt_hwrng *h = &st->hwrngs[i];
		json_t *o = json_object();
		bool bad = !o;

		if (bad)
			goto fail;
		put_str(o, RT_K_NAME, h->name, &bad);
		put_int(o, RT_K_QUALITY, h->quality, &bad);
		put(o, "current", json_boolean(h->current), &bad);
		put(o, RT_K_BEFORE_LOAD, json_boolean(h->before_load), &bad);
		if (h->has_registered && !h->before_load)
			put_int(o, "registered_ns", (long long)h->registered_ns,
				&bad);
		put_int(o, "feeds", (long long)h->feeds, &bad);
		put_int(o, RT_K_BYTES, (long long)h->bytes, &bad);
		put_int(o, RT_K_BITS, (long long)h->bits, &bad);
		if (bad || json_array_append_new(a, o)) {
			json_decref(bad ? o : NULL);
			goto fail;
		}
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

json_t *rt_trace_ready_json(const struct rt_status *st, int64_t kmsg_ready_ns,
			    const struct rt_event *ready_event)
{
	json_t *o;
	bool bad = false;
	int64_t t = -1;

	if (!st->ready_at_load && !st->has_ready_time && !ready_event)
		return NULL;
	o = json_object();
	if (!o)
		return NULL;
	put(o, RT_K_BEFORE_LOAD, json_boolean(st->ready_at_load), &bad);
	if (st->ready_at_load) {
		if (kmsg_ready_ns >= 0)
			t = kmsg_ready_ns;
		if (t >= 0)
			put_int(o, RT_K_TIME_NS, t, &bad);
	} else if (st->has_ready_time) {
		t = (int64_t)st->ready_time_ns;
		put_int(o, RT_K_TIME_NS, t, &bad);
		if (st->has_ready_time_mono)
			put_int(o, RT_K_TIME_MONO_NS,
				(long long)st->ready_time_mono_ns, &bad);
		if (st->has_ready_source)
			put_str(o, RT_K_SOURCE, rt_source_name(st->ready_source),
				&bad);
	} else {
		t = (int64_t)ready_event->time_ns;
		put_int(o, RT_K_TIME_NS, t, &bad);
		if (ready_event->has_time_mono)
			put_int(o, RT_K_TIME_MONO_NS,
				(long long)ready_event->time_mono_ns, &bad);
		if (ready_event->has_source)
			put_str(o, RT_K_SOURCE,
				rt_source_name(ready_event->source), &bad);
	}
	if (t >= 0)
		put(o, "seconds", json_real(t / 1e9), &bad);
	return done(o, bad);
}
