// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace status [--json]: RNGTRACE_CMD_STATUS_GET, with PROBES_GET and
 * HWRNG_GET for the probes' health and the hardware RNGs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "attr.h"
#include "cli.h"
#include "fields.h"
#include "names.h"
#include "nl.h"
#include "print.h"
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
	[RNGTRACE_A_STATUS_READY_EVIDENCE] = {
		"ready-evidence", MNL_TYPE_U32, false },
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
	st->has_ready_evidence = tb[RNGTRACE_A_STATUS_READY_EVIDENCE];
	st->ready_evidence = u32_or(tb[RNGTRACE_A_STATUS_READY_EVIDENCE], 0);
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

#define ANY	RT_PRINT_ANY
#define JSON	RT_PRINT_JSON
#define TEXT	RT_PRINT_TEXT

static void print_ready(const struct rt_status *st)
{
	rt_print_text("ready:         ");
	if (st->ready_at_load || st->has_ready_time) {
		rt_print_open_object("ready");
		rt_print_flag(ANY, RT_K_BEFORE_LOAD, st->ready_at_load,
			      "ready before load", "");
		if (!st->ready_at_load) {
			rt_print_time(ANY, RT_K_TIME_NS, "%s after boot",
				      (long long)st->ready_time_ns);
			if (st->has_ready_time_mono)
				rt_print_time(JSON, RT_K_TIME_MONO_NS, NULL,
					      (long long)st->ready_time_mono_ns);
			if (st->has_ready_source)
				rt_print_str(ANY, RT_K_SOURCE,
					     ", completed by %s",
					     rt_source_name(st->ready_source));
			if (st->has_ready_evidence)
				rt_print_str(rt_print_kind(true,
						st->ready_evidence !=
						RNGTRACE_READY_EVIDENCE_COMPLETER),
					     RT_K_EVIDENCE,
					     " (inferred from %s)",
					     rt_ready_evidence_name(st->ready_evidence));
		}
		rt_print_close_object();
	} else {
		rt_print_text(st->crng_ready ? "yes, time unknown" : "not yet");
	}
	rt_print_nl();
}

static void print_credits(const struct rt_status *st)
{
	size_t i;

	rt_print_int(ANY, RT_K_POOL_BITS_AT_LOAD,
		     "credited:      %lld bits before load",
		     st->pool_bits_at_load);
	rt_print_int(ANY, "credited_bits", ", %lld since", st->credited_bits);
	if (st->has_shortfall)
		rt_print_int(st->shortfall_bits ? ANY : JSON,
			     "credit_shortfall_bits", st->shortfall_bits == 1 ?
			     " (%lld bit short of ready at READY)" :
			     " (%lld bits short of ready at READY)",
			     st->shortfall_bits);
	rt_print_nl();
	rt_print_open_array(RT_K_CREDITS);
	for (i = 0; i < st->ncredits; i++)
		rt_credit_print(&st->credits[i]);
	rt_print_close_array();
}

static void print_waits(const struct rt_status *st)
{
	bool more = st->nwaiting_total > st->nwaiting;
	size_t i;

	rt_print_int(ANY, "waits", "waits:         %lld ended",
		     (long long)st->waits);
	rt_print_int(more ? ANY : TEXT, "waiting_total", ", %lld in flight",
		     (long long)st->nwaiting_total);
	rt_print_int(st->waits_lost ? ANY : JSON, "waits_lost",
		     ", %lld not tracked (slots full)",
		     (long long)st->waits_lost);
	rt_print_nl();
	rt_print_open_array("waiting");
	for (i = 0; i < st->nwaiting; i++) {
		rt_print_open_object(NULL);
		rt_waiting_print(&st->waiting[i], st->now_ns);
		rt_print_nl();
		rt_print_close_object();
	}
	rt_print_close_array();
	if (more)
		rt_print_int(TEXT, NULL, "  ... and %lld more\n",
			     (long long)(st->nwaiting_total - st->nwaiting));
}

/* Every field of @st, once, for text and JSON alike. */
static void status_fields(const struct rt_status *st)
{
	size_t i;

	rt_print_str(ANY, "version", "module:        rngtrace %s\n",
		     st->version);
	rt_print_text("crng:          ");
	rt_print_flag(ANY, "crng_ready", st->crng_ready, "ready", "not ready");
	rt_print_nl();
	rt_print_bool(ANY, RT_K_READY_AT_LOAD, "ready at load: %s\n",
		      st->ready_at_load);
	rt_print_time(ANY, RT_K_LOAD_TIME_NS,
		      "loaded at:     %s after boot (CLOCK_BOOTTIME)\n",
		      (long long)st->load_time_ns);
	rt_print_time(ANY, RT_K_LOAD_TIME_MONO_NS,
		      "               %s on CLOCK_MONOTONIC\n",
		      (long long)st->load_time_mono_ns);
	if (st->has_printk_offset)
		rt_print_time(JSON, RT_K_PRINTK_OFFSET_NS, NULL,
			      st->printk_offset_ns);
	print_ready(st);
	print_credits(st);
	print_waits(st);
	rt_print_int(ANY, "unseeded_reads", "unseeded:      %lld reads\n",
		     (long long)st->unseeded_reads);
	rt_print_int(ANY, "ring_size", "ring:          %lld events",
		     st->ring_size);
	rt_print_int(ANY, "events_written", ", %lld written",
		     (long long)st->events_written);
	rt_print_int(ANY, RT_K_EVENTS_DROPPED, ", %lld dropped\n",
		     (long long)st->events_dropped);
	rt_print_text("probes:        ");
	rt_print_flag(ANY, "armed", st->armed, "armed", "disarmed");
	rt_print_flag(ANY, "keep_armed", st->keep_armed, " (kept armed)", "");
	rt_print_nl();
	if (st->has_probes) {
		rt_print_open_array(RT_K_PROBES);
		for (i = 0; i < st->nprobes; i++)
			rt_probe_print(&st->probes[i]);
		rt_print_close_array();
	}
	if (st->has_hwrngs) {
		rt_print_text(st->nhwrngs ? "hwrngs:\n" : "hwrngs:        none\n");
		rt_print_open_array(RT_K_HWRNGS);
		for (i = 0; i < st->nhwrngs; i++)
			rt_hwrng_print(&st->hwrngs[i]);
		rt_print_close_array();
	}
}

int status_print(FILE *f, bool json, const struct rt_status *st)
{
	rt_print_start(f, json);
	status_fields(st);
	return rt_print_end();
}

json_t *status_to_json(const struct rt_status *st)
{
	rt_print_json_begin();
	status_fields(st);
	return rt_print_json_take(NULL);
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
		fprintf(stderr, "rngtrace %s: bad reply from the module: %s\n",
			what, ctx->why);
	else if (ret)
		rt_nl_perror(nl, what);
	return ret;
}

int status_fetch(struct rt_nl *nl, struct rt_status *st, bool inventory,
		 const char *what)
{
	struct status_ctx ctx = { .st = st };
	struct nlmsghdr *nlh;
	int ret;

	memset(st, 0, sizeof(*st));
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_STATUS_GET, NLM_F_ACK);
	ret = report(nl, &ctx, rt_nl_talk(nl, nlh, status_cb, &ctx), what);
	if (ret)
		return ret;
	st->now_ns = rt_boottime_ns();
	if (ctx.replies != 1) {
		fprintf(stderr, "rngtrace %s: the module sent %d replies, not 1\n",
			what, ctx.replies);
		return -EBADMSG;
	}
	if (!inventory)
		return 0;
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_PROBES_GET, 0);
	ret = report(nl, &ctx, rt_nl_dump(nl, nlh, probes_cb, probes_reset,
					  &ctx), what);
	if (ret)
		return ret;
	st->has_probes = true;
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_HWRNG_GET, 0);
	ret = report(nl, &ctx, rt_nl_dump(nl, nlh, hwrng_cb, hwrng_reset,
					  &ctx), what);
	if (ret)
		return ret;
	st->has_hwrngs = true;
	return 0;
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
	"  -j, --json  print one JSON object instead (version, crng_ready,\n"
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
	struct rt_opts o = {
		.cmd = "status", .usage = status_usage,
		.shortopts = "jh", .longopts = opts,
	};
	static struct rt_status st;
	bool json = false;
	struct rt_nl *nl;
	int c, ret;

	while ((c = rt_opt_next(&o, argc, argv)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case RT_OPT_HELP:
			return RT_EXIT_OK;
		default:
			return RT_EXIT_ERROR;
		}
	}
	if (rt_opt_no_operand(&o, argc, argv))
		return RT_EXIT_ERROR;

	nl = rt_nl_new("status");
	if (!nl)
		return RT_EXIT_ERROR;
	ret = status_fetch(nl, &st, true, "status");
	rt_nl_free(nl);
	if (ret)
		return RT_EXIT_ERROR;
	if (status_print(stdout, json, &st)) {
		fprintf(stderr, "rngtrace status: cannot write the output\n");
		return RT_EXIT_ERROR;
	}
	return RT_EXIT_OK;
}
