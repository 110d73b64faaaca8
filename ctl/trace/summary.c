// SPDX-License-Identifier: GPL-2.0
/*
 * The summary (summary.h), built event by event as the loader streams
 * them (rt_summary_load), or from a jansson trace (rt_summarize): the
 * same aggregation either way. Fields the loader does not check are read
 * with defaults, and every sum saturates.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/random.h>
#include <linux/rngtrace.h>

#include "fields.h"
#include "cmdline.h"
#include "names.h"
#include "summary.h"
#include "trace.h"
#include "utf8.h"


static long long sat_add(long long a, long long b)
{
	long long r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? LLONG_MAX : LLONG_MIN;
	return r;
}

static long long sat_sub(long long a, long long b)
{
	long long r;

	if (__builtin_sub_overflow(a, b, &r))
		return b < 0 ? LLONG_MAX : LLONG_MIN;
	return r;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

/* Interned strings: one copy of each comm, cgroup, path, name. */
struct strtab {
	char **slot;
	size_t cap, n;
};

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int strtab_grow(struct strtab *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256, i;
	char **slot = calloc(cap, sizeof(*slot));

	if (!slot)
		return -1;
	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->slot[i])
			continue;
		for (j = str_hash(t->slot[i]) & (cap - 1); slot[j];
		     j = (j + 1) & (cap - 1))
			;
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

static const char *intern(struct strtab *t, const char *s)
{
	size_t j;

	if (!s)
		return NULL;
	if ((t->n + 1) * 2 > t->cap && strtab_grow(t))
		return NULL;
	for (j = str_hash(s) & (t->cap - 1); t->slot[j]; j = (j + 1) & (t->cap - 1))
		if (!strcmp(t->slot[j], s))
			return t->slot[j];
	t->slot[j] = strdup(s);
	if (!t->slot[j])
		return NULL;
	t->n++;
	return t->slot[j];
}

static void strtab_free(struct strtab *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slot[i]);
	free(t->slot);
}

/* An index of entries (tasks, groups) by a hash of their key. */
struct index {
	size_t *slot;		/* entry + 1; 0 is empty */
	size_t cap;
};

struct builder {
	struct strtab strings;
	struct index tasks, groups;
	size_t waits_cap, tasks_cap, groups_cap;
	char err[160];
	const char *empty;
};

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void *a;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	a = realloc(*arr, c * size);
	if (!a)
		return -1;
	*arr = a;
	*cap = c;
	return 0;
}

static uint64_t task_hash(long long tgid)
{
	return mix(0, (uint64_t)tgid);
}

static uint64_t group_hash(long long tgid, const char *comm,
			   const char *cgroup, const char *path,
			   long long flags)
{
	uint64_t h = mix(0, (uint64_t)tgid);

	h = mix(h, (uintptr_t)comm);
	h = mix(h, (uintptr_t)cgroup);
	h = mix(h, (uintptr_t)path);
	return mix(h, (uint64_t)flags);
}

/* Rebuild @ix for @n entries whose hashes @hash_of gives. */
static int index_grow(struct index *ix, size_t n,
		      uint64_t (*hash_of)(const struct rt_summary *, size_t),
		      const struct rt_summary *s)
{
	size_t cap = ix->cap ? ix->cap * 2 : 64, i, j;
	size_t *slot;

	while (cap < (n + 1) * 2)
		cap *= 2;
	slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -1;
	for (i = 0; i < n; i++) {
		for (j = hash_of(s, i) & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
			;
		slot[j] = i + 1;
	}
	free(ix->slot);
	ix->slot = slot;
	ix->cap = cap;
	return 0;
}

static uint64_t task_hash_of(const struct rt_summary *s, size_t i)
{
	return task_hash(s->tasks[i].tgid);
}

static uint64_t group_hash_of(const struct rt_summary *s, size_t i)
{
	const struct rt_unseeded_group *g = &s->unseeded[i];

	return group_hash(g->tgid, g->comm, g->cgroup, g->path, g->flags);
}

static const char *str_or(struct builder *b, const struct rt_trace_event *ev,
			  enum rt_ev_key k)
{
	const char *v = rt_ev_str(ev, k, NULL);

	return v ? intern(&b->strings, v) : b->empty;
}

size_t rt_series_bin(const struct rt_series *se, long long t_ns)
{
	long long i;

	if (t_ns < 0)
		return 0;
	i = t_ns / se->width_ns;
	return i >= RT_SERIES_BINS ? RT_SERIES_BINS - 1 : (size_t)i;
}

long long rt_series_start(const struct rt_series *se, size_t b)
{
	long long t;

	if (__builtin_mul_overflow((long long)b, se->width_ns, &t))
		return LLONG_MAX;
	return t;
}

/* Widen the bins until @t_ns falls in one. */
static void series_fit(struct rt_series *se, long long t_ns)
{
	size_t i;
	int k;

	while (t_ns >= 0 && t_ns / se->width_ns >= RT_SERIES_BINS &&
	       se->width_ns <= LLONG_MAX / 2) {
		for (i = 0; i < RT_SERIES_BINS / 2; i++) {
			for (k = 0; k < RT_NSOURCES; k++)
				se->credit[i][k] = sat_add(se->credit[2 * i][k],
							   se->credit[2 * i + 1][k]);
			se->unseeded[i] = sat_add(se->unseeded[2 * i],
						  se->unseeded[2 * i + 1]);
		}
		memset(se->credit[RT_SERIES_BINS / 2], 0,
		       sizeof(se->credit[0]) * (RT_SERIES_BINS / 2));
		memset(&se->unseeded[RT_SERIES_BINS / 2], 0,
		       sizeof(se->unseeded[0]) * (RT_SERIES_BINS / 2));
		se->width_ns *= 2;
	}
}

static int add_wait(struct rt_summary *s, struct builder *b,
		    const struct rt_trace_event *ev, long long time_ns,
		    int open)
{
	struct rt_wait_info *w;
	struct rt_task_info *t;
	size_t j;

	if (grow((void **)&s->waits, &b->waits_cap, s->nwaits,
		 sizeof(*s->waits)))
		return -1;
	w = &s->waits[s->nwaits++];
	w->pid = rt_ev_int(ev, RT_EV_PID, -1);
	w->tgid = rt_ev_int(ev, RT_EV_TGID, w->pid);
	w->comm = str_or(b, ev, RT_EV_COMM);
	w->cgroup = str_or(b, ev, RT_EV_CGROUP);
	w->path = str_or(b, ev, RT_EV_PATH);
	if (!w->comm || !w->cgroup || !w->path)
		return -1;
	w->unit = rt_cgroup_unit(w->cgroup);
	/* (-1: not known, a boot probe's event) */
	w->flags = rt_ev_int(ev, RT_EV_FLAGS, -1);
	w->bytes = rt_ev_int(ev, RT_EV_BYTES, 0);
	w->result = rt_ev_int(ev, RT_EV_RESULT, 0);
	w->end_ns = time_ns;
	w->start_ns = rt_ev_int(ev, RT_EV_START_NS, time_ns);
	w->wait_ns = sat_sub(w->end_ns, w->start_ns);
	if (w->wait_ns < 0)
		w->wait_ns = 0;
	w->open = open;
	s->total_wait_ns = sat_add(s->total_wait_ns, w->wait_ns);
	if (w->wait_ns > s->worst_wait_ns)
		s->worst_wait_ns = w->wait_ns;
	if (s->first_wait_start_ns < 0 || w->start_ns < s->first_wait_start_ns)
		s->first_wait_start_ns = w->start_ns;

	/* its task */
	if ((s->ntasks + 1) * 2 > b->tasks.cap &&
	    index_grow(&b->tasks, s->ntasks, task_hash_of, s))
		return -1;
	for (j = task_hash(w->tgid) & (b->tasks.cap - 1); b->tasks.slot[j];
	     j = (j + 1) & (b->tasks.cap - 1))
		if (s->tasks[b->tasks.slot[j] - 1].tgid == w->tgid)
			break;
	if (!b->tasks.slot[j]) {
		if (grow((void **)&s->tasks, &b->tasks_cap, s->ntasks,
			 sizeof(*s->tasks)))
			return -1;
		t = &s->tasks[s->ntasks];
		memset(t, 0, sizeof(*t));
		t->tgid = w->tgid;
		t->pid = w->pid;
		t->comm = w->comm;
		t->cgroup = w->cgroup;
		t->unit = w->unit;
		t->first_start_ns = w->start_ns;
		b->tasks.slot[j] = ++s->ntasks;
	}
	t = &s->tasks[b->tasks.slot[j] - 1];
	t->nwaits++;
	t->nopen += !!open;
	t->total_ns = sat_add(t->total_ns, w->wait_ns);
	if (w->wait_ns > t->worst_ns)
		t->worst_ns = w->wait_ns;
	if (w->start_ns < t->first_start_ns)
		t->first_start_ns = w->start_ns;
	return 0;
}

static int add_unseeded(struct rt_summary *s, struct builder *b,
			const struct rt_trace_event *ev, long long time_ns)
{
	long long pid = rt_ev_int(ev, RT_EV_PID, -1);
	long long tgid = rt_ev_int(ev, RT_EV_TGID, pid);
	long long flags = rt_ev_int(ev, RT_EV_FLAGS, -1);
	long long result = rt_ev_int(ev, RT_EV_RESULT, 0);
	const char *comm = str_or(b, ev, RT_EV_COMM);
	const char *cgroup = str_or(b, ev, RT_EV_CGROUP);
	const char *path = str_or(b, ev, RT_EV_PATH);
	struct rt_unseeded_group *g;
	size_t j;

	if (!comm || !cgroup || !path)
		return -1;
	s->nunseeded++;
	if (result > 0)
		s->nunseeded_served++;
	series_fit(s->series, time_ns);
	j = rt_series_bin(s->series, time_ns);
	s->series->unseeded[j] = sat_add(s->series->unseeded[j], 1);

	if ((s->nunseeded_groups + 1) * 2 > b->groups.cap &&
	    index_grow(&b->groups, s->nunseeded_groups, group_hash_of, s))
		return -1;
	for (j = group_hash(tgid, comm, cgroup, path, flags) & (b->groups.cap - 1);
	     b->groups.slot[j]; j = (j + 1) & (b->groups.cap - 1)) {
		g = &s->unseeded[b->groups.slot[j] - 1];
		if (g->tgid == tgid && g->comm == comm && g->cgroup == cgroup &&
		    g->path == path && g->flags == flags)
			break;
	}
	if (!b->groups.slot[j]) {
		if (grow((void **)&s->unseeded, &b->groups_cap,
			 s->nunseeded_groups, sizeof(*s->unseeded)))
			return -1;
		g = &s->unseeded[s->nunseeded_groups];
		memset(g, 0, sizeof(*g));
		g->tgid = tgid;
		g->pid = pid;
		g->comm = comm;
		g->cgroup = cgroup;
		g->unit = rt_cgroup_unit(cgroup);
		g->path = path;
		g->flags = flags;
		g->first_ns = g->last_ns = time_ns;
		g->first_eagain_ns = -1;
		g->first_result = result;
		b->groups.slot[j] = ++s->nunseeded_groups;
	}
	g = &s->unseeded[b->groups.slot[j] - 1];
	g->count++;
	g->mixed |= result != g->first_result;
	if (result > 0) {
		g->served++;
		g->bytes = sat_add(g->bytes, result);
	}
	if (result == -EAGAIN) {
		g->eagain++;
		if (g->first_eagain_ns < 0 || time_ns < g->first_eagain_ns)
			g->first_eagain_ns = time_ns;
	}
	if (time_ns < g->first_ns)
		g->first_ns = time_ns;
	if (time_ns > g->last_ns)
		g->last_ns = time_ns;
	return 0;
}

static int add_credit(struct rt_summary *s, const struct rt_trace_event *ev,
		      long long time_ns)
{
	const char *source = rt_ev_str(ev, RT_EV_SOURCE, "");
	long long bits = rt_ev_int(ev, RT_EV_BITS, 0);
	int src = rt_source_value(source);
	size_t j;

	if (src == RNGTRACE_SOURCE_IOCTL)
		s->credit_events_ioctl++;
	if (src < 0 || src >= RT_NSOURCES)
		src = RNGTRACE_SOURCE_UNKNOWN;
	/* what a plot can stack: positive, and not absurd */
	if (bits <= 0 || bits >= (1LL << 40))
		return 0;
	s->event_credit_bits[src] = sat_add(s->event_credit_bits[src], bits);
	s->event_credit_count[src]++;
	if (!strcmp(rt_ev_str(ev, RT_EV_ORIGIN, ""), "boot-probe")) {
		s->boot_credit_bits[src] = sat_add(s->boot_credit_bits[src], bits);
		s->boot_credit_count[src]++;
		s->boot_credit_total = sat_add(s->boot_credit_total, bits);
	}
	series_fit(s->series, time_ns);
	j = rt_series_bin(s->series, time_ns);
	s->series->credit[j][src] = sat_add(s->series->credit[j][src], bits);
	return 0;
}

static int add_mark(struct rt_summary *s, struct builder *b,
		    const struct rt_trace_event *ev, long long time_ns,
		    int registered)
{
	struct rt_hwrng_mark *m;
	const char *name = str_or(b, ev, RT_EV_NAME);

	if (!name)
		return -1;
	if (registered && s->hwrng_first_register_ns < 0) {
		s->hwrng_first_register_ns = time_ns;
		s->hwrng_first_register_name = name;
	}
	s->nmarks_total++;
	if (s->nmarks == RT_MAX_MARKS)
		return 0;
	m = &s->marks[s->nmarks++];
	m->time_ns = time_ns;
	m->quality = rt_ev_int(ev, RT_EV_QUALITY, 0);
	m->name = name;
	m->registered = registered;
	return 0;
}

static int on_event(const struct rt_trace_event *ev, void *arg, char *err,
		    size_t errlen)
{
	struct rt_summary *s = arg;
	struct builder *b = s->priv;
	const char *type = rt_ev_str(ev, RT_EV_TYPE, "");
	long long time_ns = rt_ev_int(ev, RT_EV_TIME_NS, 0);
	int ret = 0;

	s->nevents++;
	if (time_ns > s->last_event_ns)
		s->last_event_ns = time_ns;
	if (!strcmp(rt_ev_str(ev, RT_EV_ORIGIN, ""), "boot-probe")) {
		long long t = rt_ev_has(ev, RT_EV_START_NS) ?
			      rt_ev_int(ev, RT_EV_START_NS, 0) : time_ns;

		if (t >= 0 && (s->boot_first_ns < 0 || t < s->boot_first_ns))
			s->boot_first_ns = t;
	}
	if (!strcmp(type, "wait"))
		ret = add_wait(s, b, ev, time_ns, 0);
	else if (!strcmp(type, "unseeded"))
		ret = add_unseeded(s, b, ev, time_ns);
	else if (!strcmp(type, "credit"))
		ret = add_credit(s, ev, time_ns);
	else if (!strcmp(type, "hwrng-register"))
		ret = add_mark(s, b, ev, time_ns, 1);
	else if (!strcmp(type, "hwrng-unregister"))
		ret = add_mark(s, b, ev, time_ns, 0);
	if (ret)
		snprintf(err, errlen, "out of memory");
	return ret;
}

static int cmp_wait(const void *a, const void *b)
{
	const struct rt_wait_info *x = a, *y = b;

	if (x->wait_ns != y->wait_ns)
		return x->wait_ns > y->wait_ns ? -1 : 1;
	if (x->start_ns != y->start_ns)
		return x->start_ns < y->start_ns ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return 0;
}

static int cmp_task(const void *a, const void *b)
{
	const struct rt_task_info *x = a, *y = b;

	if (x->first_start_ns != y->first_start_ns)
		return x->first_start_ns < y->first_start_ns ? -1 : 1;
	return x->tgid < y->tgid ? -1 : x->tgid > y->tgid;
}

static void read_host(const json_t *host, struct rt_summary *s)
{
	bool x86_flags = json_object_get(host, RT_K_CPU_RDRAND) ||
			 json_object_get(host, RT_K_CPU_RDSEED);

	s->kernel_release = rt_json_str(host, RT_K_KERNEL_RELEASE, "");
	s->arch = rt_json_str(host, RT_K_ARCH, "");
	s->boot_id = rt_json_str(host, RT_K_BOOT_ID, "");
	s->cmdline = rt_json_str(host, RT_K_CMDLINE, "");
	s->cpu_rdrand = rt_json_bool(host, RT_K_CPU_RDRAND, 0);
	s->cpu_rdseed = rt_json_bool(host, RT_K_CPU_RDSEED, 0);
	s->hypervisor = rt_json_bool(host, RT_K_HYPERVISOR, 0);
	s->trust_cpu_off = s->cmdline &&
			   !rt_cmdline_bool(s->cmdline, "random.trust_cpu", true);
	s->hwrng_current = rt_json_str(host, RT_K_HWRNG_CURRENT, "");
	/* Traces older than host.arch came from x86 or say so in the release. */
	if (*s->arch)
		s->arch_id = rt_arch_of_machine(s->arch);
	else if (x86_flags)
		s->arch_id = RT_ARCH_X86;
	else
		s->arch_id = rt_arch_of_release(s->kernel_release);
	s->cpu_rng = rt_json_bool(host, RT_K_CPU_RNG,
				  s->cpu_rdrand || s->cpu_rdseed);
}

static void read_ready(const json_t *t, const json_t *module,
		       struct rt_summary *s)
{
	const json_t *ready = json_object_get(t, RT_K_READY);

	s->ready_ns = -1;
	s->ready_source = s->ready_evidence = "";
	if (json_is_object(ready)) {
		s->ready = 1;
		s->ready_before_load = rt_json_bool(ready, RT_K_BEFORE_LOAD, 0);
		s->ready_ns = rt_json_int(ready, RT_K_TIME_NS, -1);
		s->ready_source = rt_json_str(ready, RT_K_SOURCE, "");
		s->ready_evidence = rt_json_str(ready, RT_K_EVIDENCE, "");
	} else if (rt_json_bool(module, RT_K_READY_AT_LOAD, 0)) {
		/* A trace without `ready` still says it was ready at load. */
		s->ready = 1;
		s->ready_before_load = 1;
	}
	if (s->ready_ns < 0)
		s->ready_ns = -1;
}

static void read_credits(const json_t *credits, struct rt_summary *s)
{
	const json_t *c;
	size_t i;

	json_array_foreach(credits, i, c) {
		int src = rt_source_value(rt_json_str(c, RT_K_SOURCE, NULL));

		/* A source newer than this controller counts as unknown. */
		if (src < 0 || src >= RT_NSOURCES)
			src = RNGTRACE_SOURCE_UNKNOWN;
		s->credit_bits[src] = sat_add(s->credit_bits[src],
					      rt_json_int(c, RT_K_BITS, 0));
		s->credit_count[src] = sat_add(s->credit_count[src],
					       rt_json_int(c, RT_K_COUNT, 0));
		s->credit_total = sat_add(s->credit_total,
					  rt_json_int(c, RT_K_BITS, 0));
	}
	s->hwrng_bits = s->credit_bits[RNGTRACE_SOURCE_HWRNG];
}

static int read_hwrngs(const json_t *hwrngs, struct rt_summary *s)
{
	const json_t *h;
	size_t i, n = 0;

	json_array_foreach(hwrngs, i, h)
		if (json_is_object(h))
			n++;
	if (!n)
		return 0;
	s->hwrngs = calloc(n, sizeof(*s->hwrngs));
	if (!s->hwrngs)
		return -1;
	json_array_foreach(hwrngs, i, h) {
		struct rt_hwrng_info *r = &s->hwrngs[s->nhwrng];

		if (!json_is_object(h))
			continue;
		r->name = rt_json_str(h, RT_K_NAME, "");
		r->quality = rt_json_int(h, RT_K_QUALITY, 0);
		r->feeds = rt_json_int(h, RT_K_FEEDS, 0);
		r->bytes = rt_json_int(h, RT_K_BYTES, 0);
		r->bits = rt_json_int(h, RT_K_BITS, 0);
		r->current = rt_json_bool(h, RT_K_CURRENT, 0);
		r->before_load = rt_json_bool(h, RT_K_BEFORE_LOAD, 0);
		r->registered_ns = r->before_load ? -1 :
				   rt_json_int(h, RT_K_REGISTERED_NS, -1);
		if (!*s->hwrng_current && r->current)
			s->hwrng_current = r->name;
		s->nhwrng++;
	}
	return 0;
}

/*
 * Credits the module's probe missed (a credit from a softirq that
 * interrupted another rngtrace handler): the totals are short by them.
 */
static long long credits_missed(const json_t *probes)
{
	const char *sym;
	json_t *p;
	size_t i;

	json_array_foreach(probes, i, p) {
		sym = rt_json_str(p, RT_K_SYMBOL, "");
		if (!strncmp(sym, "_credit_init_bits", 17))
			return rt_json_int(p, RT_K_NMISSED, 0);
	}
	return 0;
}

/*
 * The waits record.open_waits[] lists: in flight when the recording
 * ended, so blocked until then at least.
 */
static int add_open_waits(struct rt_summary *s, const json_t *record)
{
	const json_t *open = json_object_get(record, RT_K_OPEN_WAITS), *o;
	long long total = rt_json_int(record, RT_K_OPEN_WAITS_TOTAL, 0);
	size_t i;

	json_array_foreach(open, i, o) {
		struct rt_trace_event ev;
		long long start, end = s->record_end_ns;

		if (!json_is_object(o))
			continue;
		rt_trace_event_from_json(o, i, &ev);
		start = rt_ev_int(&ev, RT_EV_START_NS, 0);
		/* a recording without an end: its last event, at least */
		if (end <= 0)
			end = s->last_event_ns;
		if (end < start)
			end = start;
		if (add_wait(s, s->priv, &ev, end, 1))
			return -1;
		s->nopen_waits++;
	}
	if (total > (long long)s->nopen_waits)
		s->open_waits_unlisted = total - (long long)s->nopen_waits;
	return 0;
}

static void read_record(const json_t *record, struct rt_summary *s)
{
	s->record_end_ns = rt_json_int(record, RT_K_ENDED_NS, 0);
	s->record_until = rt_json_str(record, RT_K_UNTIL, "");
	s->stopped_by = rt_json_str(record, RT_K_STOPPED_BY, "");
	s->incomplete = 0;
	if (!strcmp(s->stopped_by, "timeout"))
		s->incomplete |= RT_INCOMPLETE_TIMEOUT;
	else if (!strcmp(s->stopped_by, "signal") &&
		 strcmp(s->record_until, "signal"))
		s->incomplete |= RT_INCOMPLETE_SIGNAL;
	else if (!rt_json_bool(record, RT_K_COMPLETE, 1))
		s->incomplete |= RT_INCOMPLETE_STOPPED;
	if (!s->ready)
		s->incomplete |= RT_INCOMPLETE_NOT_READY;
}

const char *rt_incomplete_name(unsigned int bit)
{
	switch (bit) {
	case RT_INCOMPLETE_TIMEOUT: return "timeout";
	case RT_INCOMPLETE_SIGNAL: return "signal";
	case RT_INCOMPLETE_STOPPED: return "stopped";
	case RT_INCOMPLETE_NOT_READY: return "not-ready";
	}
	return "unknown";
}

const char *rt_incomplete_text(const struct rt_summary *s, char *buf,
			       size_t len)
{
	const char *before = !strcmp(s->record_until, "ready") ?
			     "before the CRNG was ready" :
			     !strcmp(s->record_until, "settled") ?
			     "before the boot settled" : "early";
	size_t n = 0;

	if (!len)
		return buf;
	buf[0] = 0;
	/* stopped_by is the trace's: cut whole */
#define PART(...) do {							\
	n += rt_snprintf_cut(buf + n, len - n, "%s", n ? "; " : "");	\
	n += rt_snprintf_cut(buf + n, len - n, __VA_ARGS__);		\
} while (0)
	if (s->incomplete & RT_INCOMPLETE_TIMEOUT)
		PART("the recording was stopped by --timeout %s", before);
	if (s->incomplete & RT_INCOMPLETE_SIGNAL)
		PART("the recording was stopped by a signal %s", before);
	if (s->incomplete & RT_INCOMPLETE_STOPPED)
		PART("the recording says it is not complete (stopped by %s)",
		     *s->stopped_by ? s->stopped_by : "an unknown cause");
	if (s->incomplete & RT_INCOMPLETE_NOT_READY)
		PART("no READY: the CRNG was not ready when the recording ended");
#undef PART
	return buf;
}

static int begin(struct rt_summary *s, char *err, size_t errlen)
{
	struct builder *b = calloc(1, sizeof(*b));

	memset(s, 0, sizeof(*s));
	s->hwrng_first_register_ns = -1;
	s->hwrng_first_register_name = "";
	s->first_wait_start_ns = -1;
	s->kernel_release = s->arch = s->boot_id = s->cmdline = "";
	s->ready_source = s->ready_evidence = s->hwrng_current = "";
	s->record_until = s->stopped_by = "";
	s->ready_ns = -1;
	s->boot_first_ns = -1;
	s->priv = b;
	s->series = calloc(1, sizeof(*s->series));
	s->marks = calloc(RT_MAX_MARKS, sizeof(*s->marks));
	if (!b || !s->series || !s->marks || !(b->empty = intern(&b->strings, ""))) {
		snprintf(err, errlen, "out of memory");
		rt_summary_free(s);
		return -1;
	}
	s->series->width_ns = 1000000;	/* 1 ms, widened as needed */
	return 0;
}

/* With the meta (the trace but events), once all events were added. */
static int finish(struct rt_summary *s, json_t *meta, char *err,
		  size_t errlen)
{
	const json_t *module;
	struct builder *b = s->priv;

	s->meta = meta;
	if (!json_is_object(meta)) {
		snprintf(err, errlen, "not an rngtrace trace (not a JSON object)");
		rt_summary_free(s);
		return -1;
	}
	module = json_object_get(meta, RT_K_MODULE);
	read_host(json_object_get(meta, RT_K_HOST), s);
	s->load_ns = rt_json_int(module, RT_K_LOAD_TIME_NS, 0);
	s->pool_bits_at_load = rt_json_int(module, RT_K_POOL_BITS_AT_LOAD, 0);
	s->events_dropped = rt_json_int(module, RT_K_EVENTS_DROPPED, 0);
	s->credits_missed = credits_missed(json_object_get(module, RT_K_PROBES));
	read_ready(meta, module, s);
	read_record(json_object_get(meta, RT_K_RECORD), s);
	if (add_open_waits(s, json_object_get(meta, RT_K_RECORD))) {
		snprintf(err, errlen, "out of memory");
		rt_summary_free(s);
		return -1;
	}
	read_credits(json_object_get(meta, RT_K_CREDITS), s);
	if (!module) {
		int k;

		/*
		 * The boot probes alone, or the BPF backend from when its
		 * programs were attached: what they saw is all there is.
		 */
		const json_t *record = json_object_get(meta, RT_K_RECORD);

		s->no_module = 1;
		s->bpf_backend = !strcmp(rt_json_str(record, RT_K_BACKEND, ""), "bpf");
		if (s->bpf_backend) {
			static const char *const misses[] = {
				RT_K_RINGBUF_FULL, RT_K_CREDIT_UNPAIRED, RT_K_CREDIT_DEEP,
				RT_K_CALLS_FULL, RT_K_CALL_UNPAIRED, RT_K_HWRNG_UNREAD,
				RT_K_ENDS_MISSED, RT_K_RECURSION_MISSES,
			};
			const json_t *bpf = json_object_get(record, RT_K_BPF);
			size_t m;

			s->load_ns = rt_json_int(bpf, RT_K_ATTACHED_NS, 0);
			for (m = 0; m < sizeof(misses) / sizeof(misses[0]); m++)
				s->bpf_missed += rt_json_int(bpf, misses[m], 0);
		}
		else
			s->load_ns = s->boot_first_ns >= 0 ? s->boot_first_ns : 0;
		memset(s->credit_bits, 0, sizeof(s->credit_bits));
		s->credit_total = 0;
		for (k = 0; k < RT_NSOURCES; k++) {
			long long bits = s->bpf_backend ? s->event_credit_bits[k] :
							  s->boot_credit_bits[k];

			s->credit_bits[k] = bits;
			s->credit_count[k] = s->bpf_backend ? s->event_credit_count[k] :
							      s->boot_credit_count[k];
			s->credit_total = sat_add(s->credit_total, bits);
		}
		s->hwrng_bits = s->credit_bits[RNGTRACE_SOURCE_HWRNG];
	}
	if (read_hwrngs(json_object_get(meta, RT_K_HWRNGS), s)) {
		snprintf(err, errlen, "out of memory");
		rt_summary_free(s);
		return -1;
	}
	if (s->nwaits > 1)
		qsort(s->waits, s->nwaits, sizeof(*s->waits), cmp_wait);
	if (s->ntasks > 1)
		qsort(s->tasks, s->ntasks, sizeof(*s->tasks), cmp_task);
	s->nblocked = s->ntasks;
	/* the indexes are done with; the strings stay */
	free(b->tasks.slot);
	free(b->groups.slot);
	b->tasks.slot = b->groups.slot = NULL;
	b->tasks.cap = b->groups.cap = 0;
	return 0;
}

int rt_summary_loadb(const char *buf, size_t len, const char *name,
		     struct rt_summary *s, char *err, size_t errlen)
{
	json_t *meta;

	if (begin(s, err, errlen))
		return -1;
	meta = rt_trace_readb(buf, len, name, on_event, s, err, errlen);
	if (!meta) {
		rt_summary_free(s);
		return -1;
	}
	return finish(s, meta, err, errlen);
}

int rt_summary_load(const char *path, struct rt_summary *s,
		    char *err, size_t errlen)
{
	json_t *meta;

	if (begin(s, err, errlen))
		return -1;
	meta = rt_trace_read(path, on_event, s, err, errlen);
	if (!meta) {
		rt_summary_free(s);
		return -1;
	}
	return finish(s, meta, err, errlen);
}

int rt_summarize(const json_t *trace, struct rt_summary *s,
		 char *err, size_t errlen)
{
	const json_t *e;
	size_t i;

	if (begin(s, err, errlen))
		return -1;
	if (!json_is_object(trace))
		return finish(s, NULL, err, errlen);
	json_array_foreach(json_object_get(trace, RT_K_EVENTS), i, e) {
		struct rt_trace_event ev;

		if (!json_is_object(e))
			continue;
		rt_trace_event_from_json(e, i, &ev);
		if (on_event(&ev, s, err, errlen)) {
			rt_summary_free(s);
			return -1;
		}
	}
	return finish(s, json_incref((json_t *)trace), err, errlen);
}

void rt_summary_trim(struct rt_summary *s)
{
	struct builder *b = s->priv;

	free(s->waits);
	free(s->tasks);
	free(s->unseeded);
	free(s->hwrngs);
	free(s->series);
	free(s->marks);
	s->waits = NULL;
	s->tasks = NULL;
	s->unseeded = NULL;
	s->hwrngs = NULL;
	s->series = NULL;
	s->marks = NULL;
	s->nmarks = 0;
	s->nhwrng = 0;
	s->hwrng_first_register_name = "";
	if (b) {
		strtab_free(&b->strings);
		free(b->tasks.slot);
		free(b->groups.slot);
		free(b);
	}
	s->priv = NULL;
}

void rt_summary_free(struct rt_summary *s)
{
	struct builder *b = s->priv;

	free(s->waits);
	free(s->tasks);
	free(s->unseeded);
	free(s->hwrngs);
	free(s->series);
	free(s->marks);
	if (b) {
		strtab_free(&b->strings);
		free(b->tasks.slot);
		free(b->groups.slot);
		free(b);
	}
	json_decref(s->meta);
	memset(s, 0, sizeof(*s));
	s->kernel_release = s->arch = s->boot_id = s->cmdline = "";
	s->ready_source = s->ready_evidence = s->hwrng_current =
		s->hwrng_first_register_name = "";
	s->record_until = s->stopped_by = "";
}
