// SPDX-License-Identifier: GPL-2.0
/*
 * The module's state: RNGTRACE_CMD_STATUS_GET, with WAITING_GET for who
 * is waiting, PROBES_GET and HWRNG_GET for the probes' health and the
 * hardware RNGs, asked and read (rngtrace status, record, config).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "attr.h"
#include "nl.h"
#include "status.h"

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
	/* CREDIT repeats: read in a second pass below. */
	[RNGTRACE_A_STATUS_CREDIT] = {
		"credit", MNL_TYPE_NESTED, false },
	[RNGTRACE_A_STATUS_WAITS] = {
		"waits", MNL_TYPE_U64, false },
	[RNGTRACE_A_STATUS_WAITS_IN_FLIGHT] = {
		"waits-in-flight", MNL_TYPE_U32, false },
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

/* The repeated CREDIT nests, which rt_attr_parse() keeps one of. */
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
	st->has_in_flight = tb[RNGTRACE_A_STATUS_WAITS_IN_FLIGHT];
	st->in_flight = u32_or(tb[RNGTRACE_A_STATUS_WAITS_IN_FLIGHT], 0);
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
	p->has_counts = tb[RNGTRACE_A_PROBE_HITS] || tb[RNGTRACE_A_PROBE_NMISSED];
	p->hits = u64_or(tb[RNGTRACE_A_PROBE_HITS], 0);
	p->nmissed = u64_or(tb[RNGTRACE_A_PROBE_NMISSED], 0);
	p->refused = u32_or(tb[RNGTRACE_A_PROBE_REFUSED], 0);
	return 0;
}

int waiting_parse(const struct nlmsghdr *nlh, struct rt_event *ev,
		  char *why, size_t whylen)
{
	const struct nlattr *attr, *nest = NULL;
	char sub[128];
	int ret;

	memset(ev, 0, sizeof(*ev));
	ret = check_genl(nlh, RNGTRACE_CMD_WAITING_GET, "waiting-get", why,
			 whylen);
	if (ret)
		return ret;
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != RNGTRACE_A_EVENTS_EVENT)
			continue;
		if (nest) {
			snprintf(why, whylen, "more than one event in a message");
			return -EBADMSG;
		}
		nest = attr;
	}
	if (!nest) {
		snprintf(why, whylen, "a message without an event");
		return -EBADMSG;
	}
	if (rt_event_parse(nest, true, ev, sub, sizeof(sub))) {
		snprintf(why, whylen, "waiting: %s", sub);
		return -EBADMSG;
	}
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

static int waiting_cb(const struct nlmsghdr *nlh, void *data)
{
	struct status_ctx *ctx = data;
	struct rt_status *st = ctx->st;
	struct rt_event ev;

	if (waiting_parse(nlh, &ev, ctx->why, sizeof(ctx->why))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	st->nwaiting_total++;
	if (st->nwaiting < RT_STATUS_MAX_WAITING)
		st->waiting[st->nwaiting++] = ev;
	return MNL_CB_OK;
}

static void waiting_reset(void *data)
{
	struct rt_status *st = ((struct status_ctx *)data)->st;

	st->nwaiting = st->nwaiting_total = 0;
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
	/*
	 * Who is waiting: an administrator's. Refused, the rest is still
	 * worth showing (the count came with STATUS).
	 */
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_WAITING_GET, 0);
	ret = rt_nl_dump(nl, nlh, waiting_cb, waiting_reset, &ctx);
	if (!ret) {
		st->has_waiting = true;
	} else if (!ctx.why[0] && (ret == -EPERM || ret == -EOPNOTSUPP)) {
		waiting_reset(&ctx);
		st->waiting_error = -ret;
	} else {
		return report(nl, &ctx, ret, what);
	}
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_PROBES_GET, 0);
	ret = report(nl, &ctx, rt_nl_dump(nl, nlh, probes_cb, probes_reset,
					  &ctx), what);
	if (ret)
		return ret;
	st->has_probes = true;
	st->probe_counts = st->nprobes && st->probes[0].has_counts;
	nlh = rt_nl_msg(nl, RNGTRACE_CMD_HWRNG_GET, 0);
	ret = report(nl, &ctx, rt_nl_dump(nl, nlh, hwrng_cb, hwrng_reset,
					  &ctx), what);
	if (ret)
		return ret;
	st->has_hwrngs = true;
	return 0;
}
