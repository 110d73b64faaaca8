// SPDX-License-Identifier: GPL-2.0
/*
 * Event nests to struct rt_event and to the trace format's JSON; the
 * module's STATUS, PROBES and HWRNG replies to the trace's module,
 * credits[], hwrngs[] and ready (Documentation/trace-format.md).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "esc.h"
#include "evjson.h"
#include "fields.h"
#include "host.h"
#include "names.h"
#include "print.h"
#include "status.h"
#include "statusprint.h"

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
	[RNGTRACE_A_EVENT_EVIDENCE] = { "evidence", MNL_TYPE_U32, false },
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
	GET32(evidence, RNGTRACE_A_EVENT_EVIDENCE);
	copy_str(ev->comm, sizeof(ev->comm), tb[RNGTRACE_A_EVENT_COMM]);
	copy_str(ev->cgroup, sizeof(ev->cgroup), tb[RNGTRACE_A_EVENT_CGROUP]);
	copy_str(ev->caller, sizeof(ev->caller), tb[RNGTRACE_A_EVENT_CALLER]);
	copy_str(ev->name, sizeof(ev->name), tb[RNGTRACE_A_EVENT_NAME]);
	return 0;
}

static json_t *done(json_t *obj, bool bad)
{
	if (bad) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

#define ANY	RT_PRINT_ANY
#define JSON	RT_PRINT_JSON
#define TEXT	RT_PRINT_TEXT
#define KIND(json, text)	rt_print_kind((json), (text))

/*
 * Every field of @ev, once, in the order of the text line. JSON has the
 * fields the nest carried (the trace's events[] object); text shows those
 * of the event's kind. @in_flight: a call in flight of WAITING_GET, which
 * has no seq; it shows its unit, its cgroup and for how long it has
 * waited at @now_ns (0: unknown).
 */
static void event_fields(const struct rt_event *ev, bool in_flight,
			 uint64_t now_ns)
{
	uint32_t t = ev->type;
	bool credit = !in_flight && (t == RNGTRACE_EVENT_TYPE_READY ||
				     t == RNGTRACE_EVENT_TYPE_CREDIT);
	bool task = in_flight || t == RNGTRACE_EVENT_TYPE_WAIT ||
		    t == RNGTRACE_EVENT_TYPE_UNSEEDED;
	bool hw = !in_flight && (t == RNGTRACE_EVENT_TYPE_HWRNG_REGISTER ||
				 t == RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER);
	bool who = ev->has_pid && (credit || task);
	const char *unit = rt_cgroup_unit(ev->cgroup);
	char fl[24];

	rt_print_int(KIND(!in_flight, !in_flight), RT_K_SEQ, "#%lld",
		     (long long)ev->seq);
	rt_print_time(KIND(ev->has_time, !in_flight), RT_K_TIME_NS, " %s",
		      (long long)ev->time_ns);
	rt_print_str(KIND(!in_flight, !in_flight), RT_K_TYPE, " %s",
		     rt_event_type_name(t));
	if (ev->has_time_mono)
		rt_print_time(JSON, RT_K_TIME_MONO_NS, NULL,
			      (long long)ev->time_mono_ns);
	if (ev->has_start)
		rt_print_time(JSON, RT_K_START_NS, NULL, (long long)ev->start_ns);
	if (ev->has_return)
		rt_print_time(JSON, RT_K_RETURN_NS, NULL, (long long)ev->return_ns);

	rt_print_str(KIND(ev->has_source, credit), RT_K_SOURCE, " %s",
		     rt_source_name(ev->source));
	rt_print_int(KIND(ev->has_bits, credit), RT_K_BITS, " %lld bits",
		     ev->bits);
	rt_print_int(KIND(ev->has_total_bits, credit), RT_K_TOTAL_BITS,
		     ", pool %lld", ev->total_bits);
	rt_print_str(KIND(ev->caller[0], credit), RT_K_CALLER, ", by %s",
		     ev->caller[0] ? ev->caller : "?");
	rt_print_str(KIND(ev->has_evidence, ev->has_evidence &&
			  ev->evidence != RNGTRACE_READY_EVIDENCE_COMPLETER),
		     RT_K_EVIDENCE, " (inferred from %s)",
		     rt_ready_evidence_name(ev->evidence));

	rt_print_str(KIND(ev->has_path, task), RT_K_PATH,
		     in_flight ? "  %s" : " %s",
		     ev->has_path ? rt_path_name(ev->path) : "?");
	rt_print_int(KIND(ev->has_pid, who), RT_K_PID, " pid %lld", ev->pid);
	if (ev->has_tgid)
		rt_print_int(JSON, RT_K_TGID, NULL, ev->tgid);
	rt_print_str(KIND(ev->comm[0], who), RT_K_COMM, " (%s)",
		     ev->comm[0] ? ev->comm : "?");
	rt_print_str(KIND(in_flight, who && unit[0]), "unit", " unit %s", unit);
	rt_print_int(KIND(ev->has_bytes, task && ev->has_bytes), RT_K_BYTES,
		     ", %lld bytes", (long long)ev->bytes);
	snprintf(fl, sizeof(fl), "%#x", ev->flags);
	rt_print_int_as(KIND(ev->has_flags, task && ev->has_flags), RT_K_FLAGS,
			", flags %s", ev->flags, fl);
	rt_print_int(KIND(ev->has_result, task && ev->has_result), RT_K_RESULT,
		     ", result %lld", ev->result);
	if (t == RNGTRACE_EVENT_TYPE_WAIT && !in_flight)
		rt_print_time(TEXT, NULL, ", waited %s",
			      ev->has_start && ev->time_ns > ev->start_ns ?
			      (long long)(ev->time_ns - ev->start_ns) : 0);
	if (in_flight && now_ns && ev->has_start && now_ns >= ev->start_ns)
		rt_print_time(ANY, "waiting_ns", ", waiting for %s",
			      (long long)(now_ns - ev->start_ns));

	rt_print_str(KIND(ev->name[0], hw), RT_K_NAME, " %s",
		     ev->name[0] ? ev->name : "?");
	rt_print_int(KIND(ev->has_quality, hw), RT_K_QUALITY, ", quality %lld",
		     ev->quality);
	rt_print_str(KIND(ev->cgroup[0], in_flight && ev->cgroup[0]),
		     RT_K_CGROUP, " [%s]", ev->cgroup);
	rt_print_str(KIND(ev->boot_probe, ev->boot_probe), RT_K_ORIGIN,
		     " (%s)", "boot-probe");
}

void rt_event_print(const struct rt_event *ev)
{
	event_fields(ev, false, 0);
}

void rt_waiting_print(const struct rt_event *ev, uint64_t now_ns)
{
	event_fields(ev, true, now_ns);
}

int rt_event_print_line(FILE *f, bool json, const struct rt_event *ev)
{
	rt_print_start_line(f, json);
	rt_event_print(ev);
	rt_print_nl();
	return rt_print_end();
}

json_t *rt_event_to_json(const struct rt_event *ev)
{
	rt_print_json_begin();
	rt_event_print(ev);
	return rt_print_json_take(NULL);
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

void rt_probe_print(const struct rt_probe *p)
{
	char err[96];

	rt_print_open_object(NULL);
	rt_print_str(ANY, RT_K_SYMBOL, "  %-28s", p->symbol);
	rt_print_str(ANY, RT_K_METHOD, " %-9s", rt_probe_method_name(p->method));
	rt_print_text(" ");
	rt_print_flag(p->refused ? JSON : ANY, RT_K_ATTACHED, p->attached,
		      "attached", "NOT attached");
	rt_print_flag(KIND(p->refused, p->refused), RT_K_REFUSED, true,
		      "refused (argument layout unknown)", "");
	rt_print_flag(KIND(true, p->attached), RT_K_ARMED, p->armed, " armed",
		      " disarmed");
	/* (counts are an administrator's: absent for other users) */
	rt_print_int(KIND(p->has_counts, p->has_counts), RT_K_HITS,
		     ", %lld hits", (long long)p->hits);
	rt_print_int(KIND(p->has_counts, p->has_counts), RT_K_NMISSED,
		     ", %lld missed", (long long)p->nmissed);
	snprintf(err, sizeof(err), "%d (%s)", p->error, strerror(-p->error));
	rt_print_int_as(KIND(p->has_error && p->error, p->has_error && p->error),
			RT_K_ERROR, ", error %s", p->error, err);
	rt_print_nl();
	rt_print_close_object();
}

void rt_hwrng_print(const struct rt_hwrng *h)
{
	bool registered = h->has_registered && !h->before_load;

	rt_print_open_object(NULL);
	rt_print_str(ANY, RT_K_NAME, "  %-20s", h->name);
	rt_print_int(ANY, RT_K_QUALITY, " quality %lld", h->quality);
	rt_print_flag(ANY, RT_K_CURRENT, h->current, ", current", "");
	rt_print_flag(ANY, RT_K_BEFORE_LOAD, h->before_load, ", before load",
		      "");
	rt_print_time(KIND(registered, registered), RT_K_REGISTERED_NS,
		      ", registered at %s", (long long)h->registered_ns);
	rt_print_int(ANY, RT_K_FEEDS, ", %lld feeds", (long long)h->feeds);
	rt_print_int(ANY, RT_K_BYTES, ", %lld bytes", (long long)h->bytes);
	rt_print_int(ANY, RT_K_BITS, ", %lld bits", (long long)h->bits);
	rt_print_nl();
	rt_print_close_object();
}

void rt_credit_print(const struct rt_credit *c)
{
	rt_print_open_object(NULL);
	rt_print_str(ANY, RT_K_SOURCE, "  %-12s", rt_source_name(c->source));
	rt_print_int(ANY, RT_K_BITS, " %8lld bits", (long long)c->bits);
	rt_print_int(ANY, RT_K_COUNT, c->count == 1 ? " in %lld credit\n" :
		     " in %lld credits\n", (long long)c->count);
	rt_print_close_object();
}

json_t *rt_trace_module_json(const struct rt_status *st)
{
	json_t *all = status_to_json(st), *o = json_object();
	const struct rt_field *f;
	bool bad = !all || !o;

	/* status --json's values, those the trace's module has (fields.c) */
	for (f = rt_module_fields; !bad && f->key; f++) {
		json_t *v = json_object_get(all, f->key);

		if (v)
			bad = json_object_set(o, f->key, v) != 0;
	}
	json_decref(all);
	return done(o, bad);
}

json_t *rt_trace_credits_json(const struct rt_status *st)
{
	size_t i;

	rt_print_json_begin();
	rt_print_open_array(RT_K_CREDITS);
	for (i = 0; i < st->ncredits; i++)
		rt_credit_print(&st->credits[i]);
	rt_print_close_array();
	return rt_print_json_take(RT_K_CREDITS);
}

json_t *rt_trace_hwrngs_json(const struct rt_status *st)
{
	size_t i;

	rt_print_json_begin();
	rt_print_open_array(RT_K_HWRNGS);
	for (i = 0; i < st->nhwrngs; i++)
		rt_hwrng_print(&st->hwrngs[i]);
	rt_print_close_array();
	return rt_print_json_take(RT_K_HWRNGS);
}

/* @r's time, source and evidence from the READY event @ev. */
static void ready_from_event(struct rt_ready *r, const struct rt_event *ev)
{
	r->has_time = true;
	r->time_ns = ev->time_ns;
	r->has_time_mono = ev->has_time_mono;
	r->time_mono_ns = ev->time_mono_ns;
	r->has_source = ev->has_source;
	r->source = ev->source;
	r->has_evidence = ev->has_evidence;
	r->evidence = ev->evidence;
}

json_t *rt_trace_ready_json(const struct rt_status *st, int64_t kmsg_ready_ns,
			    const struct rt_event *ready_event)
{
	struct rt_ready r;

	if (!st || !rt_ready_from_status(st, &r)) {
		if (!ready_event)
			return NULL;
		/* STATUS has no ready time yet: the READY event's */
		memset(&r, 0, sizeof(r));
		ready_from_event(&r, ready_event);
	} else if (r.before_load && ready_event && ready_event->boot_probe) {
		/* Ready before load, and a boot probe saw it: when, and by what. */
		ready_from_event(&r, ready_event);
	} else if (r.before_load && kmsg_ready_ns != RT_KMSG_NONE) {
		/*
		 * Ready before load: the time is the kernel log's, if any;
		 * seeded before timekeeping began, it is the boot's start.
		 */
		r.has_time = true;
		r.time_ns = kmsg_ready_ns > 0 ? (uint64_t)kmsg_ready_ns : 0;
	}
	/* the same calls as status --json's "ready" */
	rt_print_json_begin();
	rt_ready_print(&r);
	return rt_print_json_take(RT_K_READY);
}
