// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace status [--json]: RNGTRACE_CMD_STATUS_GET, with PROBES_GET and
 * HWRNG_GET for the probes' health and the hardware RNGs.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "attr.h"
#include "cli.h"
#include "esc.h"
#include "jsonout.h"
#include "names.h"
#include "nl.h"
#include "status.h"
#include "subcommands.h"

static const struct rt_attr_spec status_spec[RNGTRACE_A_STATUS_MAX + 1] = {
	[RNGTRACE_A_STATUS_PAD] = {
		"pad", MNL_TYPE_UNSPEC, false },
	[RNGTRACE_A_STATUS_VERSION] = {
		"version", MNL_TYPE_NUL_STRING, true },
	[RNGTRACE_A_STATUS_CRNG_READY] = {
		"crng-ready", MNL_TYPE_U32, true },
	[RNGTRACE_A_STATUS_READY_AT_LOAD] = {
		"ready-at-load", MNL_TYPE_U32, true },
	[RNGTRACE_A_STATUS_LOAD_TIME_NS] = {
		"load-time-ns", MNL_TYPE_U64, true },
	[RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS] = {
		"load-time-mono-ns", MNL_TYPE_U64, true },
	[RNGTRACE_A_STATUS_READY_TIME_NS] = {
		"ready-time-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_READY_TIME_MONO_NS] = {
		"ready-time-mono-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_READY_SOURCE] = {
		"ready-source", MNL_TYPE_U32, false },
	[RNGTRACE_A_STATUS_PRINTK_OFFSET_NS] = {
		"printk-offset-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_POOL_BITS_AT_LOAD] = {
		"pool-bits-at-load", MNL_TYPE_U32, false },
	[RNGTRACE_A_STATUS_CREDITED_BITS] = {
		"credited-bits", MNL_TYPE_U32, false },
	/* CREDIT and WAITING repeat: read in a second pass below. */
	[RNGTRACE_A_STATUS_CREDIT] = {
		"credit", MNL_TYPE_NESTED, false },
	[RNGTRACE_A_STATUS_WAITS] = {
		"waits", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_WAITING] = {
		"waiting", MNL_TYPE_NESTED, false },
	[RNGTRACE_A_STATUS_UNSEEDED_READS] = {
		"unseeded-reads", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_RING_SIZE] = {
		"ring-size", MNL_TYPE_U32, false },
	[RNGTRACE_A_STATUS_EVENTS_WRITTEN] = {
		"events-written", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_EVENTS_DROPPED] = {
		"events-dropped", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_WAITS_LOST] = {
		"waits-lost", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_ARMED] = {
		"armed", MNL_TYPE_U32, false },
	[RNGTRACE_A_STATUS_KEEP_ARMED] = {
		"keep-armed", MNL_TYPE_U32, false },
	[RNGTRACE_A_STATUS_CREDIT_SHORTFALL_BITS] = {
		"credit-shortfall-bits", MNL_TYPE_U32, false },
};

static const struct rt_attr_spec credit_spec[RNGTRACE_A_CREDIT_MAX + 1] = {
	[RNGTRACE_A_CREDIT_PAD] = { "pad", MNL_TYPE_UNSPEC, false },
	[RNGTRACE_A_CREDIT_SOURCE] = { "source", MNL_TYPE_U32, true },
	[RNGTRACE_A_CREDIT_BITS] = { "bits", MNL_TYPE_U64, true },
	[RNGTRACE_A_CREDIT_COUNT] = { "count", MNL_TYPE_U64, false },
};

static const struct rt_attr_spec probe_spec[RNGTRACE_A_PROBE_MAX + 1] = {
	[RNGTRACE_A_PROBE_PAD] = { "pad", MNL_TYPE_UNSPEC, false },
	[RNGTRACE_A_PROBE_SYMBOL] = { "symbol", MNL_TYPE_NUL_STRING, true },
	[RNGTRACE_A_PROBE_METHOD] = { "method", MNL_TYPE_U32, false },
	[RNGTRACE_A_PROBE_ATTACHED] = { "attached", MNL_TYPE_U32, false },
	[RNGTRACE_A_PROBE_ERROR] = { "error", MNL_TYPE_U32, false },
	[RNGTRACE_A_PROBE_ARMED] = { "armed", MNL_TYPE_U32, false },
	[RNGTRACE_A_PROBE_HITS] = { "hits", MNL_TYPE_U64, false },
	[RNGTRACE_A_PROBE_NMISSED] = { "nmissed", MNL_TYPE_U64, false },
	[RNGTRACE_A_PROBE_REFUSED] = { "refused", MNL_TYPE_U32, false },
};

static const struct rt_attr_spec hwrng_spec[RNGTRACE_A_HWRNG_MAX + 1] = {
	[RNGTRACE_A_HWRNG_PAD] = { "pad", MNL_TYPE_UNSPEC, false },
	[RNGTRACE_A_HWRNG_NAME] = { "name", MNL_TYPE_NUL_STRING, true },
	[RNGTRACE_A_HWRNG_QUALITY] = { "quality", MNL_TYPE_U32, false },
	[RNGTRACE_A_HWRNG_CURRENT] = { "current", MNL_TYPE_U32, false },
	[RNGTRACE_A_HWRNG_BEFORE_LOAD] = { "before-load", MNL_TYPE_U32, false },
	[RNGTRACE_A_HWRNG_REGISTERED_NS] = { "registered-ns", MNL_TYPE_U64, false },
	[RNGTRACE_A_HWRNG_FEEDS] = { "feeds", MNL_TYPE_U64, false },
	[RNGTRACE_A_HWRNG_BYTES] = { "bytes", MNL_TYPE_U64, false },
	[RNGTRACE_A_HWRNG_BITS] = { "bits", MNL_TYPE_U64, false },
};

static uint32_t u32_or(const struct nlattr *a, uint32_t def)
{
	return a ? mnl_attr_get_u32(a) : def;
}

static uint64_t u64_or(const struct nlattr *a, uint64_t def)
{
	return a ? mnl_attr_get_u64(a) : def;
}

static int check_genl(const struct nlmsghdr *nlh, uint8_t cmd,
		      const char *name, char *why, size_t whylen)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		snprintf(why, whylen, "message too short for its header");
		return -EBADMSG;
	}
	if (genl->cmd != cmd) {
		snprintf(why, whylen, "reply to command %u, not %s",
			 genl->cmd, name);
		return -EBADMSG;
	}
	return 0;
}

/* The repeated CREDIT and WAITING nests, which rt_attr_parse() keeps one of. */
static int status_nests(const struct nlmsghdr *nlh, struct rt_status *st,
			char *why, size_t whylen)
{
	const struct nlattr *attr;
	char sub[128];

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		uint16_t type = mnl_attr_get_type(attr);

		if (type == RNGTRACE_A_STATUS_CREDIT) {
			const struct nlattr *tb[RNGTRACE_A_CREDIT_MAX + 1];
			struct rt_credit *c;

			if (rt_nest_parse(attr, credit_spec,
					  RNGTRACE_A_CREDIT_MAX, tb, sub,
					  sizeof(sub))) {
				snprintf(why, whylen, "credit: %s", sub);
				return -EBADMSG;
			}
			if (st->ncredits == RT_STATUS_MAX_CREDITS)
				continue;
			c = &st->credits[st->ncredits++];
			c->source = mnl_attr_get_u32(tb[RNGTRACE_A_CREDIT_SOURCE]);
			c->bits = mnl_attr_get_u64(tb[RNGTRACE_A_CREDIT_BITS]);
			c->count = u64_or(tb[RNGTRACE_A_CREDIT_COUNT], 0);
		} else if (type == RNGTRACE_A_STATUS_WAITING) {
			struct rt_event ev;

			if (rt_event_parse(attr, true, &ev, sub, sizeof(sub))) {
				snprintf(why, whylen, "waiting: %s", sub);
				return -EBADMSG;
			}
			st->nwaiting_total++;
			if (st->nwaiting < RT_STATUS_MAX_WAITING)
				st->waiting[st->nwaiting++] = ev;
		}
	}
	return 0;
}

int status_parse(const struct nlmsghdr *nlh, struct rt_status *st,
		 char *why, size_t whylen)
{
	const struct nlattr *tb[RNGTRACE_A_STATUS_MAX + 1];
	const char *version;
	int ret;

	memset(st, 0, sizeof(*st));
	ret = check_genl(nlh, RNGTRACE_CMD_STATUS_GET, "status-get", why,
			 whylen);
	if (ret)
		return ret;
	ret = rt_attr_parse(nlh, GENL_HDRLEN, status_spec,
			    RNGTRACE_A_STATUS_MAX, tb, why, whylen);
	if (ret)
		return ret;

	version = mnl_attr_get_str(tb[RNGTRACE_A_STATUS_VERSION]);
	if (strlen(version) >= sizeof(st->version)) {
		snprintf(why, whylen, "attribute version is too long");
		return -EBADMSG;
	}
	strcpy(st->version, version);
	st->crng_ready = mnl_attr_get_u32(tb[RNGTRACE_A_STATUS_CRNG_READY]);
	st->ready_at_load =
		mnl_attr_get_u32(tb[RNGTRACE_A_STATUS_READY_AT_LOAD]);
	st->load_time_ns = mnl_attr_get_u64(tb[RNGTRACE_A_STATUS_LOAD_TIME_NS]);
	st->load_time_mono_ns =
		mnl_attr_get_u64(tb[RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS]);

	st->has_ready_time = tb[RNGTRACE_A_STATUS_READY_TIME_NS];
	st->ready_time_ns = u64_or(tb[RNGTRACE_A_STATUS_READY_TIME_NS], 0);
	st->has_ready_time_mono = tb[RNGTRACE_A_STATUS_READY_TIME_MONO_NS];
	st->ready_time_mono_ns =
		u64_or(tb[RNGTRACE_A_STATUS_READY_TIME_MONO_NS], 0);
	st->has_ready_source = tb[RNGTRACE_A_STATUS_READY_SOURCE];
	st->ready_source = u32_or(tb[RNGTRACE_A_STATUS_READY_SOURCE], 0);
	st->has_printk_offset = tb[RNGTRACE_A_STATUS_PRINTK_OFFSET_NS];
	st->printk_offset_ns =
		(int64_t)u64_or(tb[RNGTRACE_A_STATUS_PRINTK_OFFSET_NS], 0);
	st->pool_bits_at_load =
		u32_or(tb[RNGTRACE_A_STATUS_POOL_BITS_AT_LOAD], 0);
	st->credited_bits = u32_or(tb[RNGTRACE_A_STATUS_CREDITED_BITS], 0);
	st->waits = u64_or(tb[RNGTRACE_A_STATUS_WAITS], 0);
	st->unseeded_reads = u64_or(tb[RNGTRACE_A_STATUS_UNSEEDED_READS], 0);
	st->ring_size = u32_or(tb[RNGTRACE_A_STATUS_RING_SIZE], 0);
	st->events_written = u64_or(tb[RNGTRACE_A_STATUS_EVENTS_WRITTEN], 0);
	st->events_dropped = u64_or(tb[RNGTRACE_A_STATUS_EVENTS_DROPPED], 0);
	st->waits_lost = u64_or(tb[RNGTRACE_A_STATUS_WAITS_LOST], 0);
	st->armed = u32_or(tb[RNGTRACE_A_STATUS_ARMED], 0);
	st->keep_armed = u32_or(tb[RNGTRACE_A_STATUS_KEEP_ARMED], 0);
	st->has_shortfall = tb[RNGTRACE_A_STATUS_CREDIT_SHORTFALL_BITS];
	st->shortfall_bits = u32_or(tb[RNGTRACE_A_STATUS_CREDIT_SHORTFALL_BITS], 0);
	return status_nests(nlh, st, why, whylen);
}

int probe_parse(const struct nlmsghdr *nlh, struct rt_probe *p,
		char *why, size_t whylen)
{
	const struct nlattr *tb[RNGTRACE_A_PROBE_MAX + 1];
	int ret;

	memset(p, 0, sizeof(*p));
	ret = check_genl(nlh, RNGTRACE_CMD_PROBES_GET, "probes-get", why,
			 whylen);
	if (!ret)
		ret = rt_attr_parse(nlh, GENL_HDRLEN, probe_spec,
				    RNGTRACE_A_PROBE_MAX, tb, why, whylen);
	if (ret)
		return ret;
	snprintf(p->symbol, sizeof(p->symbol), "%s",
		 mnl_attr_get_str(tb[RNGTRACE_A_PROBE_SYMBOL]));
	p->method = u32_or(tb[RNGTRACE_A_PROBE_METHOD], 0);
	p->attached = u32_or(tb[RNGTRACE_A_PROBE_ATTACHED], 0);
	p->has_error = tb[RNGTRACE_A_PROBE_ERROR];
	p->error = (int32_t)u32_or(tb[RNGTRACE_A_PROBE_ERROR], 0);
	p->armed = u32_or(tb[RNGTRACE_A_PROBE_ARMED], 0);
	p->hits = u64_or(tb[RNGTRACE_A_PROBE_HITS], 0);
	p->nmissed = u64_or(tb[RNGTRACE_A_PROBE_NMISSED], 0);
	p->refused = u32_or(tb[RNGTRACE_A_PROBE_REFUSED], 0);
	return 0;
}

int hwrng_parse(const struct nlmsghdr *nlh, struct rt_hwrng *h,
		char *why, size_t whylen)
{
	const struct nlattr *tb[RNGTRACE_A_HWRNG_MAX + 1];
	int ret;

	memset(h, 0, sizeof(*h));
	ret = check_genl(nlh, RNGTRACE_CMD_HWRNG_GET, "hwrng-get", why,
			 whylen);
	if (!ret)
		ret = rt_attr_parse(nlh, GENL_HDRLEN, hwrng_spec,
				    RNGTRACE_A_HWRNG_MAX, tb, why, whylen);
	if (ret)
		return ret;
	snprintf(h->name, sizeof(h->name), "%s",
		 mnl_attr_get_str(tb[RNGTRACE_A_HWRNG_NAME]));
	h->quality = u32_or(tb[RNGTRACE_A_HWRNG_QUALITY], 0);
	h->current = u32_or(tb[RNGTRACE_A_HWRNG_CURRENT], 0);
	h->before_load = u32_or(tb[RNGTRACE_A_HWRNG_BEFORE_LOAD], 0);
	h->has_registered = tb[RNGTRACE_A_HWRNG_REGISTERED_NS];
	h->registered_ns = u64_or(tb[RNGTRACE_A_HWRNG_REGISTERED_NS], 0);
	h->feeds = u64_or(tb[RNGTRACE_A_HWRNG_FEEDS], 0);
	h->bytes = u64_or(tb[RNGTRACE_A_HWRNG_BYTES], 0);
	h->bits = u64_or(tb[RNGTRACE_A_HWRNG_BITS], 0);
	return 0;
}

uint64_t rt_boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static json_t *waiting_json(const struct rt_status *st)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < st->nwaiting; i++) {
		const struct rt_event *w = &st->waiting[i];
		json_t *o = rt_event_to_json(w);

		if (!o)
			goto fail;
		/* An in-flight wait has neither seq nor type: not an event. */
		json_object_del(o, "seq");
		json_object_del(o, "type");
		if (json_object_set_new(o, "unit",
					json_string(rt_cgroup_unit(w->cgroup))))
			goto fail_o;
		if (st->now_ns && w->has_start && st->now_ns >= w->start_ns &&
		    json_object_set_new(o, "waiting_ns",
					json_integer((json_int_t)(st->now_ns - w->start_ns))))
			goto fail_o;
		if (json_array_append_new(a, o))
			goto fail;
		continue;
fail_o:
		json_decref(o);
		goto fail;
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

json_t *status_to_json(const struct rt_status *st)
{
	json_t *o, *ready = NULL;
	bool bad;

	/* json_int_t is signed 64-bit: 292 years of uptime fit. */
	o = json_pack("{s:s, s:b, s:b, s:I, s:I, s:I, s:I, s:o, s:I, s:o, s:I, s:I, s:I, s:I, s:I, s:b, s:b}",
		      "version", st->version,
		      "crng_ready", st->crng_ready,
		      "ready_at_load", st->ready_at_load,
		      "load_time_ns", (json_int_t)st->load_time_ns,
		      "load_time_mono_ns", (json_int_t)st->load_time_mono_ns,
		      "pool_bits_at_load", (json_int_t)st->pool_bits_at_load,
		      "credited_bits", (json_int_t)st->credited_bits,
		      "credits", rt_trace_credits_json(st),
		      "waits", (json_int_t)st->waits,
		      "waiting", waiting_json(st),
		      "unseeded_reads", (json_int_t)st->unseeded_reads,
		      "ring_size", (json_int_t)st->ring_size,
		      "events_written", (json_int_t)st->events_written,
		      "events_dropped", (json_int_t)st->events_dropped,
		      "waits_lost", (json_int_t)st->waits_lost,
		      "armed", st->armed,
		      "keep_armed", st->keep_armed);
	if (!o)
		return NULL;
	bad = false;
	if (st->ready_at_load || st->has_ready_time) {
		ready = rt_trace_ready_json(st, -1, NULL);
		bad |= !ready || json_object_set_new(o, "ready", ready);
	}
	if (st->has_shortfall)
		bad |= json_object_set_new(o, "credit_shortfall_bits",
					   json_integer(st->shortfall_bits)) != 0;
	if (st->has_printk_offset)
		bad |= json_object_set_new(o, "printk_offset_ns",
					   json_integer(st->printk_offset_ns)) != 0;
	if (st->nwaiting_total > st->nwaiting)
		bad |= json_object_set_new(o, "waiting_total",
					   json_integer((json_int_t)st->nwaiting_total)) != 0;
	if (st->has_probes) {
		json_t *m = rt_trace_module_json(st);

		bad |= !m;
		if (m)
			bad |= json_object_set(o, "probes",
					       json_object_get(m, "probes")) != 0;
		json_decref(m);
	}
	if (st->has_hwrngs)
		bad |= json_object_set_new(o, "hwrngs",
					   rt_trace_hwrngs_json(st)) != 0;
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static void print_seconds(FILE *f, uint64_t ns)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64 " s", ns / 1000000000,
		ns % 1000000000 / 1000);
}

static void print_waiting(FILE *f, const struct rt_status *st)
{
	size_t i;

	for (i = 0; i < st->nwaiting; i++) {
		const struct rt_event *w = &st->waiting[i];
		const char *unit = rt_cgroup_unit(w->cgroup);

		fprintf(f, "  pid %u (%s)", w->pid,
			w->comm[0] ? rt_esc(w->comm) : "?");
		if (unit[0])
			fprintf(f, " unit %s", rt_esc(unit));
		fprintf(f, " on %s", w->has_path ? rt_path_name(w->path) : "?");
		if (w->has_bytes)
			fprintf(f, ", %" PRIu64 " bytes", w->bytes);
		if (st->now_ns && w->has_start && st->now_ns >= w->start_ns) {
			fprintf(f, ", waiting for ");
			print_seconds(f, st->now_ns - w->start_ns);
		}
		if (w->cgroup[0])
			fprintf(f, " [%s]", rt_esc(w->cgroup));
		fputc('\n', f);
	}
	if (st->nwaiting_total > st->nwaiting)
		fprintf(f, "  ... and %zu more\n",
			st->nwaiting_total - st->nwaiting);
}

void status_print(FILE *f, const struct rt_status *st)
{
	uint64_t sum = 0;
	size_t i;

	fprintf(f, "module:        rngtrace %s\n", st->version);
	fprintf(f, "crng:          %s\n",
		st->crng_ready ? "ready" : "not ready");
	fprintf(f, "ready at load: %s\n", st->ready_at_load ? "yes" : "no");
	fprintf(f, "loaded at:     ");
	print_seconds(f, st->load_time_ns);
	fprintf(f, " after boot (CLOCK_BOOTTIME)\n");
	fprintf(f, "               ");
	print_seconds(f, st->load_time_mono_ns);
	fprintf(f, " on CLOCK_MONOTONIC\n");

	fprintf(f, "ready:         ");
	if (st->ready_at_load) {
		fprintf(f, "ready before load\n");
	} else if (st->has_ready_time) {
		print_seconds(f, st->ready_time_ns);
		fprintf(f, " after boot");
		if (st->has_ready_source)
			fprintf(f, ", completed by %s",
				rt_source_name(st->ready_source));
		fputc('\n', f);
	} else {
		fprintf(f, "%s\n", st->crng_ready ? "yes, time unknown" :
						    "not yet");
	}

	fprintf(f, "credited:      %u bits before load, %u since",
		st->pool_bits_at_load, st->credited_bits);
	if (st->has_shortfall && st->shortfall_bits)
		fprintf(f, " (%u bits short of ready at READY)",
			st->shortfall_bits);
	fputc('\n', f);
	for (i = 0; i < st->ncredits; i++) {
		sum += st->credits[i].bits;
		fprintf(f, "  %-12s %8" PRIu64 " bits in %" PRIu64 " credits\n",
			rt_source_name(st->credits[i].source),
			st->credits[i].bits, st->credits[i].count);
	}
	fprintf(f, "waits:         %" PRIu64 " ended, %zu in flight",
		st->waits, st->nwaiting_total);
	if (st->waits_lost)
		fprintf(f, ", %" PRIu64 " not tracked (slots full)",
			st->waits_lost);
	fputc('\n', f);
	print_waiting(f, st);
	fprintf(f, "unseeded:      %" PRIu64 " reads\n", st->unseeded_reads);
	fprintf(f, "ring:          %u events, %" PRIu64 " written, %" PRIu64 " dropped\n",
		st->ring_size, st->events_written, st->events_dropped);
	fprintf(f, "probes:        %s%s\n", st->armed ? "armed" : "disarmed",
		st->keep_armed ? " (kept armed)" : "");
	for (i = 0; i < st->nprobes; i++) {
		const struct rt_probe *p = &st->probes[i];

		fprintf(f, "  %-28s %-9s %s%s, %" PRIu64 " hits, %" PRIu64 " missed",
			rt_esc(p->symbol), rt_probe_method_name(p->method),
			p->refused ? "refused (argument layout unknown)" :
			p->attached ? "attached" : "NOT attached",
			p->attached ? (p->armed ? " armed" : " disarmed") : "",
			p->hits, p->nmissed);
		if (p->has_error && p->error)
			fprintf(f, ", error %d (%s)", p->error,
				strerror(-p->error));
		fputc('\n', f);
	}
	if (st->has_hwrngs) {
		fprintf(f, "hwrngs:%s\n", st->nhwrngs ? "" : "        none");
		for (i = 0; i < st->nhwrngs; i++) {
			const struct rt_hwrng *h = &st->hwrngs[i];

			fprintf(f, "  %-20s quality %u%s%s, %" PRIu64 " feeds, %" PRIu64 " bits\n",
				rt_esc(h->name), h->quality,
				h->current ? ", current" : "",
				h->before_load ? ", before load" : "",
				h->feeds, h->bits);
		}
	}
}

struct status_ctx {
	struct rt_status *st;
	int replies;
	char why[160];
};

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	struct status_ctx *ctx = data;

	if (status_parse(nlh, ctx->st, ctx->why, sizeof(ctx->why))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	ctx->replies++;
	return MNL_CB_OK;
}

static int probes_cb(const struct nlmsghdr *nlh, void *data)
{
	struct status_ctx *ctx = data;
	struct rt_probe p;

	if (probe_parse(nlh, &p, ctx->why, sizeof(ctx->why))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (ctx->st->nprobes < RT_STATUS_MAX_PROBES)
		ctx->st->probes[ctx->st->nprobes++] = p;
	return MNL_CB_OK;
}

static void probes_reset(void *data)
{
	((struct status_ctx *)data)->st->nprobes = 0;
}

static int hwrng_cb(const struct nlmsghdr *nlh, void *data)
{
	struct status_ctx *ctx = data;
	struct rt_hwrng h;

	if (hwrng_parse(nlh, &h, ctx->why, sizeof(ctx->why))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (ctx->st->nhwrngs < RT_STATUS_MAX_HWRNGS)
		ctx->st->hwrngs[ctx->st->nhwrngs++] = h;
	return MNL_CB_OK;
}

static void hwrng_reset(void *data)
{
	((struct status_ctx *)data)->st->nhwrngs = 0;
}

static int report(struct rt_nl *nl, struct status_ctx *ctx, int ret,
		  const char *what)
{
	if (ret && ctx->why[0])
		fprintf(stderr, "rngtrace: %s: bad reply from the module: %s\n",
			what, ctx->why);
	else if (ret)
		rt_nl_perror(nl, what);
	return ret;
}

int status_fetch(struct rt_status *st, bool inventory, const char *what)
{
	struct status_ctx ctx = { .st = st };
	struct nlmsghdr *nlh;
	struct rt_nl *nl;
	int ret;

	memset(st, 0, sizeof(*st));
	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		fprintf(stderr, "rngtrace: %s: out of memory\n", what);
		return -ENOMEM;
	}
	ret = rt_nl_open(nl);
	if (ret) {
		rt_nl_perror(nl, what);
		goto out;
	}
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_STATUS_GET, NLM_F_ACK);
	ret = report(nl, &ctx, rt_nl_talk(nl, nlh, status_cb, &ctx), what);
	if (ret)
		goto out;
	st->now_ns = rt_boottime_ns();
	if (ctx.replies != 1) {
		fprintf(stderr, "rngtrace: %s: the module sent %d replies, not 1\n",
			what, ctx.replies);
		ret = -EBADMSG;
		goto out;
	}
	if (!inventory)
		goto out;
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_PROBES_GET, 0);
	ret = report(nl, &ctx, rt_nl_dump(nl, nlh, probes_cb, probes_reset,
					  &ctx), what);
	if (ret)
		goto out;
	st->has_probes = true;
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_HWRNG_GET, 0);
	ret = report(nl, &ctx, rt_nl_dump(nl, nlh, hwrng_cb, hwrng_reset,
					  &ctx), what);
	if (ret)
		goto out;
	st->has_hwrngs = true;
out:
	rt_nl_close(nl);
	free(nl);
	return ret;
}

static const char status_usage[] =
	"usage: rngtrace status [--json]\n"
	"\n"
	"Show what the rngtrace kernel module reports: its version and when it\n"
	"loaded, whether the kernel's CRNG is ready and when it became so (or\n"
	"that it was before the module loaded) and what completed it, the bits\n"
	"credited by each source, the waits so far and who is waiting right now\n"
	"(pid, command, unit, path, for how long), the unseeded reads, the\n"
	"hardware RNGs, the health of each probe, and the event ring.\n"
	"\n"
	"  --json      print one JSON object instead (version, crng_ready,\n"
	"              ready_at_load, load_time_ns, load_time_mono_ns, ready,\n"
	"              credits, waits, waiting, probes, hwrngs, ...)\n"
	"  -h, --help  show this help\n"
	"\n"
	"Any user may ask; the module must be loaded. Exits 0, or 2 on error.\n";

int status_main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct rt_status st;
	bool json = false;
	char bad[64];
	json_t *obj;
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			fputs(status_usage, stdout);
			return RT_EXIT_OK;
		default:
			rt_usage_error("status", "unknown option '%s'",
				       rt_bad_option(argv, bad, sizeof(bad)));
			return RT_EXIT_ERROR;
		}
	}
	if (optind < argc) {
		rt_usage_error("status", "unexpected argument '%s'",
			       argv[optind]);
		return RT_EXIT_ERROR;
	}

	if (status_fetch(&st, true, "status"))
		return RT_EXIT_ERROR;
	if (!json) {
		status_print(stdout, &st);
		return RT_EXIT_OK;
	}
	obj = status_to_json(&st);
	ret = rt_json_print(stdout, obj);
	json_decref(obj);
	if (ret) {
		fprintf(stderr, "rngtrace: status: cannot print the JSON output\n");
		return RT_EXIT_ERROR;
	}
	return RT_EXIT_OK;
}
