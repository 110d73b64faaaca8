// SPDX-License-Identifier: GPL-2.0
/*
 * What a trace says (summary.h), computed once from a trace that
 * rt_trace_load() accepted. Fields the loader does not check are read
 * with defaults, and every sum saturates: a hostile trace gives odd
 * numbers, never undefined behaviour.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "names.h"
#include "summary.h"
#include "trace.h"

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

/*
 * The value of the last random.trust_cpu= on the command line, parsed the
 * way the kernel's kstrtobool() does: 1 for off, 0 for on or absent.
 */
static int cmdline_trust_cpu_off(const char *cmdline)
{
	static const char key[] = "random.trust_cpu=";
	const char *p = cmdline;
	int off = 0;

	while (p && *p) {
		size_t len;

		p += strspn(p, " \t\n");
		len = strcspn(p, " \t\n");
		if (len > sizeof(key) - 1 && !strncmp(p, key, sizeof(key) - 1)) {
			const char *v = p + sizeof(key) - 1;

			switch (v[0]) {
			case 'n': case 'N': case '0':
				off = 1;
				break;
			case 'y': case 'Y': case '1':
				off = 0;
				break;
			case 'o': case 'O':
				if (v[1] == 'f' || v[1] == 'F')
					off = 1;
				else if (v[1] == 'n' || v[1] == 'N')
					off = 0;
				break;
			default:
				break;	/* the kernel ignores a bad value */
			}
		}
		p += len;
	}
	return off;
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

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static size_t count_distinct_tgids(const struct rt_wait_info *w, size_t n)
{
	long long *t;
	size_t i, d = 0;

	if (!n)
		return 0;
	t = malloc(n * sizeof(*t));
	if (!t)
		return 0;
	for (i = 0; i < n; i++)
		t[i] = w[i].tgid;
	qsort(t, n, sizeof(*t), cmp_ll);
	for (i = 0; i < n; i++)
		if (!i || t[i] != t[i - 1])
			d++;
	free(t);
	return d;
}

static void read_host(const json_t *host, struct rt_summary *s)
{
	s->kernel_release = rt_json_str(host, "kernel_release", "");
	s->boot_id = rt_json_str(host, "boot_id", "");
	s->cmdline = rt_json_str(host, "cmdline", "");
	s->cpu_rdrand = rt_json_bool(host, "cpu_rdrand", 0);
	s->cpu_rdseed = rt_json_bool(host, "cpu_rdseed", 0);
	s->hypervisor = rt_json_bool(host, "hypervisor", 0);
	s->trust_cpu_off = cmdline_trust_cpu_off(s->cmdline);
	s->hwrng_current = rt_json_str(host, "hwrng_current", "");
}

static void read_ready(const json_t *t, const json_t *module,
		       struct rt_summary *s)
{
	const json_t *ready = json_object_get(t, "ready");

	s->ready_ns = -1;
	s->ready_source = "";
	if (json_is_object(ready)) {
		s->ready = 1;
		s->ready_before_load = rt_json_bool(ready, "before_load", 0);
		s->ready_ns = rt_json_int(ready, "time_ns", -1);
		s->ready_source = rt_json_str(ready, "source", "");
	} else if (rt_json_bool(module, "ready_at_load", 0)) {
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
		int src = rt_source_value(rt_json_str(c, "source", NULL));

		/* A source newer than this controller counts as unknown. */
		if (src < 0 || src >= RT_NSOURCES)
			src = RNGTRACE_SOURCE_UNKNOWN;
		s->credit_bits[src] = sat_add(s->credit_bits[src],
					      rt_json_int(c, "bits", 0));
		s->credit_count[src] = sat_add(s->credit_count[src],
					       rt_json_int(c, "count", 0));
		s->credit_total = sat_add(s->credit_total,
					  rt_json_int(c, "bits", 0));
	}
	s->hwrng_bits = s->credit_bits[RNGTRACE_SOURCE_HWRNG];
}

static int read_hwrngs(const json_t *hwrngs, struct rt_summary *s,
		       char *err, size_t errlen)
{
	const json_t *h;
	size_t i, n = 0;

	json_array_foreach(hwrngs, i, h)
		if (json_is_object(h))
			n++;
	if (!n)
		return 0;
	s->hwrngs = calloc(n, sizeof(*s->hwrngs));
	if (!s->hwrngs) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	json_array_foreach(hwrngs, i, h) {
		struct rt_hwrng_info *r = &s->hwrngs[s->nhwrng];

		if (!json_is_object(h))
			continue;
		r->name = rt_json_str(h, "name", "");
		r->quality = rt_json_int(h, "quality", 0);
		r->feeds = rt_json_int(h, "feeds", 0);
		r->bytes = rt_json_int(h, "bytes", 0);
		r->bits = rt_json_int(h, "bits", 0);
		r->current = rt_json_bool(h, "current", 0);
		r->before_load = rt_json_bool(h, "before_load", 0);
		r->registered_ns = r->before_load ? -1 :
				   rt_json_int(h, "registered_ns", -1);
		if (!*s->hwrng_current && r->current)
			s->hwrng_current = r->name;
		s->nhwrng++;
	}
	return 0;
}

static int read_events(const json_t *events, struct rt_summary *s,
		       char *err, size_t errlen)
{
	size_t i, nw = 0, nu = 0;
	const json_t *e;

	json_array_foreach(events, i, e) {
		const char *type = rt_json_str(e, "type", "");

		if (!strcmp(type, "wait"))
			nw++;
		else if (!strcmp(type, "unseeded"))
			nu++;
	}
	if ((nw && !(s->waits = calloc(nw, sizeof(*s->waits)))) ||
	    (nu && !(s->unseeded = calloc(nu, sizeof(*s->unseeded))))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}

	json_array_foreach(events, i, e) {
		const char *type = rt_json_str(e, "type", "");
		long long time_ns = rt_json_int(e, "time_ns", 0);

		if (!strcmp(type, "wait")) {
			struct rt_wait_info *w = &s->waits[s->nwaits++];

			w->pid = rt_json_int(e, "pid", -1);
			w->tgid = rt_json_int(e, "tgid", w->pid);
			w->comm = rt_json_str(e, "comm", "");
			w->cgroup = rt_json_str(e, "cgroup", "");
			w->unit = rt_cgroup_unit(w->cgroup);
			w->path = rt_json_str(e, "path", "");
			w->flags = rt_json_int(e, "flags", 0);
			w->bytes = rt_json_int(e, "bytes", 0);
			w->result = rt_json_int(e, "result", 0);
			w->end_ns = time_ns;
			w->start_ns = rt_json_int(e, "start_ns", time_ns);
			w->wait_ns = sat_sub(w->end_ns, w->start_ns);
			if (w->wait_ns < 0)
				w->wait_ns = 0;
			s->total_wait_ns = sat_add(s->total_wait_ns, w->wait_ns);
			if (w->wait_ns > s->worst_wait_ns)
				s->worst_wait_ns = w->wait_ns;
			if (s->first_wait_start_ns < 0 ||
			    w->start_ns < s->first_wait_start_ns)
				s->first_wait_start_ns = w->start_ns;
		} else if (!strcmp(type, "unseeded")) {
			struct rt_unseeded_info *u = &s->unseeded[s->nunseeded++];

			u->pid = rt_json_int(e, "pid", -1);
			u->tgid = rt_json_int(e, "tgid", u->pid);
			u->time_ns = time_ns;
			u->flags = rt_json_int(e, "flags", 0);
			u->bytes = rt_json_int(e, "bytes", 0);
			u->result = rt_json_int(e, "result", 0);
			u->comm = rt_json_str(e, "comm", "");
			u->cgroup = rt_json_str(e, "cgroup", "");
			u->unit = rt_cgroup_unit(u->cgroup);
			u->path = rt_json_str(e, "path", "");
			if (u->result > 0)
				s->nunseeded_served++;
		} else if (!strcmp(type, "hwrng-register")) {
			if (s->hwrng_first_register_ns < 0) {
				s->hwrng_first_register_ns = time_ns;
				s->hwrng_first_register_name =
					rt_json_str(e, "name", "");
			}
		} else if (!strcmp(type, "credit")) {
			if (!strcmp(rt_json_str(e, "source", ""), "ioctl"))
				s->credit_events_ioctl++;
		}
	}
	if (s->nwaits > 1)
		qsort(s->waits, s->nwaits, sizeof(*s->waits), cmp_wait);
	s->nblocked = count_distinct_tgids(s->waits, s->nwaits);
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
		sym = rt_json_str(p, "symbol", "");
		if (!strncmp(sym, "_credit_init_bits", 17))
			return rt_json_int(p, "nmissed", 0);
	}
	return 0;
}

int rt_summarize(const json_t *trace, struct rt_summary *s,
		 char *err, size_t errlen)
{
	const json_t *host, *module;

	memset(s, 0, sizeof(*s));
	s->hwrng_first_register_ns = -1;
	s->hwrng_first_register_name = "";
	s->first_wait_start_ns = -1;
	s->kernel_release = s->boot_id = s->cmdline = "";
	s->ready_source = s->hwrng_current = "";
	s->ready_ns = -1;

	if (!json_is_object(trace)) {
		snprintf(err, errlen, "not an rngtrace trace (not a JSON object)");
		return -1;
	}
	host = json_object_get(trace, "host");
	module = json_object_get(trace, "module");

	read_host(host, s);
	s->load_ns = rt_json_int(module, "load_time_ns", 0);
	s->pool_bits_at_load = rt_json_int(module, "pool_bits_at_load", 0);
	s->events_dropped = rt_json_int(module, "events_dropped", 0);
	s->credits_missed = credits_missed(json_object_get(module, "probes"));
	read_ready(trace, module, s);
	read_credits(json_object_get(trace, "credits"), s);
	if (read_hwrngs(json_object_get(trace, "hwrngs"), s, err, errlen) ||
	    read_events(json_object_get(trace, "events"), s, err, errlen)) {
		rt_summary_free(s);
		return -1;
	}
	return 0;
}

void rt_summary_free(struct rt_summary *s)
{
	free(s->waits);
	free(s->unseeded);
	free(s->hwrngs);
	s->waits = NULL;
	s->unseeded = NULL;
	s->hwrngs = NULL;
	s->nwaits = s->nunseeded = s->nhwrng = 0;
}
