// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace requests and replies for the selftests (see rtnl.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "rtnl.h"

static struct genl_reply reply;

static void copy_str(char *dst, size_t size, const struct nlattr *a)
{
	snprintf(dst, size, "%.*s", (int)genl_attr_len(a),
		 (const char *)genl_attr_payload(a));
}

int rt_family(int fd, uint16_t *id)
{
	uint32_t version;

	return genl_resolve(fd, RNGTRACE_FAMILY_NAME, id, &version);
}

void rt_parse_event(const struct nlattr *attrs, size_t len, struct rt_ev *ev)
{
	const struct nlattr *a;

	memset(ev, 0, sizeof(*ev));
	genl_for_each_attr(a, attrs, len) {
		switch (genl_type(a)) {
		case RNGTRACE_A_EVENT_SEQ: ev->seq = genl_attr_u64(a); ev->has_seq = 1; break;
		case RNGTRACE_A_EVENT_TYPE: ev->type = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_TIME_NS: ev->time_ns = genl_attr_u64(a); break;
		case RNGTRACE_A_EVENT_TIME_MONO_NS: ev->time_mono_ns = genl_attr_u64(a); break;
		case RNGTRACE_A_EVENT_START_NS: ev->start_ns = genl_attr_u64(a); ev->has_start = 1; break;
		case RNGTRACE_A_EVENT_PID: ev->pid = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_TGID: ev->tgid = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_COMM: copy_str(ev->comm, sizeof(ev->comm), a); break;
		case RNGTRACE_A_EVENT_CGROUP: copy_str(ev->cgroup, sizeof(ev->cgroup), a); break;
		case RNGTRACE_A_EVENT_PATH: ev->path = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_FLAGS: ev->flags = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_BYTES: ev->bytes = genl_attr_u64(a); break;
		case RNGTRACE_A_EVENT_RESULT: ev->result = (int64_t)genl_attr_u64(a); ev->has_result = 1; break;
		case RNGTRACE_A_EVENT_SOURCE: ev->source = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_BITS: ev->bits = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_TOTAL_BITS: ev->total_bits = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_CALLER: copy_str(ev->caller, sizeof(ev->caller), a); break;
		case RNGTRACE_A_EVENT_NAME: copy_str(ev->name, sizeof(ev->name), a); break;
		case RNGTRACE_A_EVENT_QUALITY: ev->quality = genl_attr_u32(a); break;
		case RNGTRACE_A_EVENT_EVIDENCE:
			ev->evidence = genl_attr_u32(a);
			ev->has_evidence = 1;
			break;
		}
	}
}

static int with_family(int (*fn)(int fd, uint16_t id, void *arg), void *arg)
{
	uint16_t id;
	int fd, ret;

	fd = genl_open();
	if (fd < 0)
		return fd;
	ret = rt_family(fd, &id);
	if (!ret)
		ret = fn(fd, id, arg);
	close(fd);
	return ret;
}

struct req {
	uint8_t cmd;
	const void *attrs;
	size_t len;
	struct genl_reply *r;
	int (*cb)(const struct nlattr *attrs, size_t len, void *arg);
	void *arg;
};

static int do_req(int fd, uint16_t id, void *arg)
{
	struct req *q = arg;

	return genl_do(fd, id, q->cmd, 0, q->attrs, q->len, q->r);
}

static int dump_req(int fd, uint16_t id, void *arg)
{
	struct req *q = arg;

	return genl_dump(fd, id, q->cmd, q->attrs, q->len, q->r, q->cb, q->arg);
}

int rt_do(uint8_t cmd, const void *attrs, size_t len, struct genl_reply *r)
{
	struct req q = { cmd, attrs, len, r ? r : &reply, NULL, NULL };

	return with_family(do_req, &q);
}

static int ignore(const struct nlattr *attrs, size_t len, void *arg)
{
	(void)attrs;
	(void)len;
	(void)arg;
	return 0;
}

int rt_dump(uint8_t cmd, const void *attrs, size_t len, struct genl_reply *r)
{
	struct req q = { cmd, attrs, len, r ? r : &reply, ignore, NULL };

	return with_family(dump_req, &q);
}

int rt_status(struct rt_st *st)
{
	const struct nlattr *a, *c;
	int ret;

	memset(st, 0, sizeof(*st));
	ret = rt_do(RNGTRACE_CMD_STATUS_GET, NULL, 0, &reply);
	if (ret)
		return ret;
	st->reply_len = reply.len;
	genl_for_each_attr(a, (const struct nlattr *)(reply.buf + NLMSG_HDRLEN + GENL_HDRLEN),
			   reply.len - NLMSG_HDRLEN - GENL_HDRLEN) {
		switch (genl_type(a)) {
		case RNGTRACE_A_STATUS_CRNG_READY: st->crng_ready = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_READY_AT_LOAD: st->ready_at_load = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_LOAD_TIME_NS: st->load_time_ns = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_READY_TIME_NS: st->ready_time_ns = genl_attr_u64(a); st->has_ready_time = 1; break;
		case RNGTRACE_A_STATUS_READY_TIME_MONO_NS: st->ready_time_mono_ns = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_READY_SOURCE: st->ready_source = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_READY_EVIDENCE:
			st->ready_evidence = genl_attr_u32(a);
			st->has_ready_evidence = 1;
			break;
		case RNGTRACE_A_STATUS_PRINTK_OFFSET_NS: st->printk_offset_ns = (int64_t)genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_POOL_BITS_AT_LOAD: st->pool_bits_at_load = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_CREDITED_BITS: st->credited_bits = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_WAITS: st->waits = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_UNSEEDED_READS: st->unseeded = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_RING_SIZE: st->ring_size = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_EVENTS_WRITTEN: st->written = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_EVENTS_DROPPED: st->dropped = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_WAITS_LOST: st->waits_lost = genl_attr_u64(a); break;
		case RNGTRACE_A_STATUS_ARMED: st->armed = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_KEEP_ARMED: st->keep_armed = genl_attr_u32(a); break;
		case RNGTRACE_A_STATUS_CREDIT_SHORTFALL_BITS:
			st->shortfall_bits = genl_attr_u32(a);
			st->has_shortfall = 1;
			break;
		case RNGTRACE_A_STATUS_WAITS_IN_FLIGHT:
			st->waits_in_flight = genl_attr_u32(a);
			st->has_waits_in_flight = 1;
			break;
		case RNGTRACE_A_STATUS_WAITING:
			st->has_waiting_list = 1;
			break;
		case RNGTRACE_A_STATUS_CREDIT: {
			uint32_t src = RT_MAX_SOURCES;
			uint64_t bits = 0, count = 0;

			genl_for_each_attr(c, genl_attr_payload(a), genl_attr_len(a)) {
				if (genl_type(c) == RNGTRACE_A_CREDIT_SOURCE)
					src = genl_attr_u32(c);
				else if (genl_type(c) == RNGTRACE_A_CREDIT_BITS)
					bits = genl_attr_u64(c);
				else if (genl_type(c) == RNGTRACE_A_CREDIT_COUNT)
					count = genl_attr_u64(c);
			}
			if (src < RT_MAX_SOURCES) {
				st->credit_bits[src] = bits;
				st->credit_count[src] = count;
			}
			break;
		}
		}
	}
	return 0;
}

struct evs_arg {
	struct rt_ev *evs;
	int max, n;
};

static int events_cb(const struct nlattr *attrs, size_t len, void *arg)
{
	struct evs_arg *e = arg;
	const struct nlattr *a;

	genl_for_each_attr(a, attrs, len) {
		if (genl_type(a) != RNGTRACE_A_EVENTS_EVENT)
			continue;
		if (e->n == e->max)
			return -ENOSPC;
		rt_parse_event(genl_attr_payload(a), genl_attr_len(a),
			       &e->evs[e->n++]);
	}
	return 0;
}

int rt_events(uint64_t since, struct rt_ev *evs, int max, int *n)
{
	struct evs_arg e = { evs, max, 0 };
	char attrs[16];
	size_t off = 0;
	struct req q = { RNGTRACE_CMD_EVENTS_GET, attrs, 0, &reply, events_cb, &e };
	int ret;

	genl_put_attr(attrs, &off, RNGTRACE_A_EVENTS_SINCE_SEQ, &since,
		      sizeof(since));
	q.len = off;
	ret = with_family(dump_req, &q);
	*n = e.n;
	return ret;
}

/* One event nest a message: a message with none or more is an error. */
static int waiting_cb(const struct nlattr *attrs, size_t len, void *arg)
{
	struct evs_arg *e = arg;
	int before = e->n, ret = events_cb(attrs, len, arg);

	return ret ? ret : e->n == before + 1 ? 0 : -EBADMSG;
}

int rt_waiting(struct rt_ev *evs, int max, int *n)
{
	struct evs_arg e = { evs, max, 0 };
	struct req q = { RNGTRACE_CMD_WAITING_GET, NULL, 0, &reply, waiting_cb, &e };
	int ret = with_family(dump_req, &q);

	*n = e.n;
	return ret;
}

struct probes_arg {
	struct rt_probe_info *p;
	int max, n;
};

static int probes_cb(const struct nlattr *attrs, size_t len, void *arg)
{
	struct probes_arg *pa = arg;
	struct rt_probe_info *p;
	const struct nlattr *a;

	if (pa->n == pa->max)
		return -ENOSPC;
	p = &pa->p[pa->n++];
	memset(p, 0, sizeof(*p));
	genl_for_each_attr(a, attrs, len) {
		switch (genl_type(a)) {
		case RNGTRACE_A_PROBE_SYMBOL: copy_str(p->symbol, sizeof(p->symbol), a); break;
		case RNGTRACE_A_PROBE_METHOD: p->method = genl_attr_u32(a); break;
		case RNGTRACE_A_PROBE_ATTACHED: p->attached = genl_attr_u32(a); break;
		case RNGTRACE_A_PROBE_ERROR: p->error = (int32_t)genl_attr_u32(a); break;
		case RNGTRACE_A_PROBE_ARMED: p->armed = genl_attr_u32(a); break;
		case RNGTRACE_A_PROBE_REFUSED: p->refused = genl_attr_u32(a); break;
		case RNGTRACE_A_PROBE_HITS:
			p->hits = genl_attr_u64(a);
			p->has_hits = 1;
			break;
		case RNGTRACE_A_PROBE_NMISSED:
			p->nmissed = genl_attr_u64(a);
			p->has_nmissed = 1;
			break;
		}
	}
	return 0;
}

int rt_probes(struct rt_probe_info *p, int max, int *n)
{
	struct probes_arg pa = { p, max, 0 };
	struct req q = { RNGTRACE_CMD_PROBES_GET, NULL, 0, &reply, probes_cb, &pa };
	int ret = with_family(dump_req, &q);

	*n = pa.n;
	return ret;
}

struct hwrng_arg {
	struct rt_hwrng_info *h;
	int max, n;
};

static int hwrng_cb(const struct nlattr *attrs, size_t len, void *arg)
{
	struct hwrng_arg *ha = arg;
	struct rt_hwrng_info *h;
	const struct nlattr *a;

	if (ha->n == ha->max)
		return -ENOSPC;
	h = &ha->h[ha->n++];
	memset(h, 0, sizeof(*h));
	genl_for_each_attr(a, attrs, len) {
		switch (genl_type(a)) {
		case RNGTRACE_A_HWRNG_NAME: copy_str(h->name, sizeof(h->name), a); break;
		case RNGTRACE_A_HWRNG_QUALITY: h->quality = genl_attr_u32(a); break;
		case RNGTRACE_A_HWRNG_CURRENT: h->current = genl_attr_u32(a); break;
		case RNGTRACE_A_HWRNG_BEFORE_LOAD: h->before_load = genl_attr_u32(a); break;
		case RNGTRACE_A_HWRNG_REGISTERED_NS: h->registered_ns = genl_attr_u64(a); break;
		case RNGTRACE_A_HWRNG_FEEDS: h->feeds = genl_attr_u64(a); break;
		case RNGTRACE_A_HWRNG_BYTES: h->bytes = genl_attr_u64(a); break;
		case RNGTRACE_A_HWRNG_BITS: h->bits = genl_attr_u64(a); break;
		}
	}
	return 0;
}

int rt_hwrngs(struct rt_hwrng_info *h, int max, int *n)
{
	struct hwrng_arg ha = { h, max, 0 };
	struct req q = { RNGTRACE_CMD_HWRNG_GET, NULL, 0, &reply, hwrng_cb, &ha };
	int ret = with_family(dump_req, &q);

	*n = ha.n;
	return ret;
}

const struct rt_probe_info *rt_probe_find(const struct rt_probe_info *p,
					  int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strncmp(p[i].symbol, name, strlen(name)))
			return &p[i];
	return NULL;
}

const char *rt_sys_getrandom(void)
{
	struct utsname u;

	if (uname(&u))
		return "__x64_sys_getrandom";
	if (!strcmp(u.machine, "aarch64"))
		return "__arm64_sys_getrandom";
	if (!strncmp(u.machine, "riscv", 5))
		return "__riscv_sys_getrandom";
	return "__x64_sys_getrandom";
}

uint64_t rt_probe_hits(const char *name)
{
	struct rt_probe_info p[16];
	const struct rt_probe_info *q;
	int n;

	if (rt_probes(p, 16, &n))
		return 0;
	q = rt_probe_find(p, n, name);
	return q ? q->hits : 0;
}
