// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes through the streaming trace loader and the
 * summary (rt_summary_loadb), the jansson loader and rt_summarize() (the
 * two must agree), the advice rules, and every renderer: report (text,
 * JSON, summary line, journal fields), check's verdict, compare's table
 * and JSON, plot and every export. A crash, a
 * sanitizer report or a broken invariant (__builtin_trap) is a finding.
 */
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBXML2
#include <libxml/parser.h>
#endif

#include "advice.h"
#include "check.h"
#include "compare.h"
#include "export.h"
#include "plot.h"
#include "print.h"
#include "report.h"
#include "esc.h"
#include "report_line.h"
#include "summary.h"
#include "trace.h"
#include "utf8.h"

/*
 * Every output goes to memory and through its own format's parser: a
 * renderer that writes what its consumer rejects is a finding, as a
 * crash is.
 */
struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static FILE *mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	if (!m->f)
		__builtin_trap();
	return m->f;
}

/* Close @m: its bytes in m->buf (m->len), freed by mem_free(). */
static void mem_close(struct mem *m)
{
	if (fclose(m->f))
		__builtin_trap();
}

static void mem_free(struct mem *m)
{
	free(m->buf);
}

/* Text for people: UTF-8, no control character but newline. */
static void valid_text(const struct mem *m)
{
	size_t i;

	if (!rt_utf8_valid(m->buf, m->len))
		__builtin_trap();
	for (i = 0; i < m->len; i++)
		if (((unsigned char)m->buf[i] < 0x20 && m->buf[i] != '\n') ||
		    m->buf[i] == 0x7f)
			__builtin_trap();
}

/* JSON: jansson takes it (it checks UTF-8 strictly). */
static void valid_json(const struct mem *m)
{
	json_t *j = json_loadb(m->buf, m->len, 0, NULL);

	if (!j)
		__builtin_trap();
	json_decref(j);
}

/* XML: libxml2 takes it, when the fuzzer was built with it. */
static void valid_xml(const struct mem *m)
{
#ifdef HAVE_LIBXML2
	xmlDocPtr d = xmlReadMemory(m->buf, (int)m->len, "fuzz.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING | XML_PARSE_HUGE);

	if (!d)
		__builtin_trap();
	xmlFreeDoc(d);
#else
	if (!rt_utf8_valid(m->buf, m->len))
		__builtin_trap();
#endif
}

static int metric_name(const char **p)
{
	const char *s = *p;

	if (!(**p == '_' || **p == ':' || (**p >= 'a' && **p <= 'z') ||
	      (**p >= 'A' && **p <= 'Z')))
		return 0;
	while (**p == '_' || **p == ':' || (**p >= 'a' && **p <= 'z') ||
	       (**p >= 'A' && **p <= 'Z') || (**p >= '0' && **p <= '9'))
		(*p)++;
	return *p > s;
}

/*
 * Prometheus' text format, line by line: "# HELP name text", "# TYPE
 * name counter|gauge", or name{label="value",...} number, with a label
 * value's backslash, quote and newline escaped (and no other escape),
 * and UTF-8 throughout.
 */
static void valid_prometheus(const struct mem *m)
{
	const char *p = m->buf, *end = m->buf + m->len;

	if (!rt_utf8_valid(m->buf, m->len) || !m->len || end[-1] != '\n')
		__builtin_trap();
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		char *num_end;

		if (!strncmp(p, "# HELP ", 7) || !strncmp(p, "# TYPE ", 7)) {
			int type = p[2] == 'T';

			p += 7;
			if (!metric_name(&p) || *p != ' ')
				__builtin_trap();
			p++;
			if (type && strncmp(p, "gauge\n", 6) && strncmp(p, "counter\n", 8))
				__builtin_trap();
			for (; p < nl; p++)
				if ((unsigned char)*p < 0x20 ||
				    (*p == '\\' && p[1] != '\\' && p[1] != 'n'))
					__builtin_trap();
			p = nl + 1;
			continue;
		}
		if (!metric_name(&p))
			__builtin_trap();
		if (*p == '{') {
			p++;
			while (*p != '}') {
				if (!metric_name(&p) || *p++ != '=' || *p++ != '"')
					__builtin_trap();
				while (*p != '"') {
					/* any UTF-8 but a raw newline */
					if (p >= nl)
						__builtin_trap();
					if (*p == '\\') {
						p++;
						if (*p != '\\' && *p != '"' && *p != 'n')
							__builtin_trap();
					}
					p++;
				}
				p++;
				if (*p == ',')
					p++;
				else if (*p != '}')
					__builtin_trap();
			}
			p++;
		}
		if (*p++ != ' ')
			__builtin_trap();
		if (strncmp(p, "NaN", 3) && strncmp(p, "+Inf", 4) &&
		    strncmp(p, "-Inf", 4)) {
			strtod(p, &num_end);
			if (num_end != nl)
				__builtin_trap();
		}
		p = nl + 1;
	}
}

/* @p starts with one of @words (NULL-ended) and a space or newline: past it. */
static const char *lava_word(const char *p, const char *const *words)
{
	size_t k;

	for (; *words; words++) {
		k = strlen(*words);
		if (!strncmp(p, *words, k) && (p[k] == ' ' || p[k] == '\n'))
			return p + k;
	}
	return NULL;
}

/*
 * LAVA's lines as its lava-test-case and signal parser take them:
 * "lava-test-case NAME --result R [--measurement X [--units U]]", NAME of
 * [A-Za-z0-9_.-] (a shell word, no '=' or '>' the signal would split at)
 * and at most 100 bytes, R pass/fail/skip/unknown, X a decimal.
 */
static void valid_lava(const struct mem *m)
{
	static const char *const results[] = { "pass", "fail", "skip", "unknown", NULL };
	static const char *const units[] = { "s", "bit", NULL };
	const char *p = m->buf, *end = m->buf + m->len, *q;

	if (m->len && end[-1] != '\n')
		__builtin_trap();
	while (p < end) {
		if (strncmp(p, "lava-test-case ", 15))
			__builtin_trap();
		p += 15;
		for (q = p; (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			    (*q >= '0' && *q <= '9') || *q == '_' || *q == '.' ||
			    *q == '-'; q++)
			;
		if (q == p || q - p > 100 || strncmp(q, " --result ", 10))
			__builtin_trap();
		p = lava_word(q + 10, results);
		if (!p)
			__builtin_trap();
		if (!strncmp(p, " --measurement ", 15)) {
			p += 15;
			if (*p == '-')
				p++;
			for (q = p; *q >= '0' && *q <= '9'; q++)
				;
			if (q == p || *q++ != '.' || !(*q >= '0' && *q <= '9'))
				__builtin_trap();
			while (*q >= '0' && *q <= '9')
				q++;
			p = q;
			if (!strncmp(p, " --units ", 9) && !(p = lava_word(p + 9, units)))
				__builtin_trap();
		}
		if (*p++ != '\n')
			__builtin_trap();
	}
}

/* End a print.h output into @m and check it as JSON or as text. */
static void print_checked(struct mem *m, int json)
{
	if (rt_print_end())
		__builtin_trap();	/* only out of memory */
	mem_close(m);
	if (json)
		valid_json(m);
	else
		valid_text(m);
	mem_free(m);
}

/* check's verdict, text and JSON, with every limit at 0, 1 s and none. */
static void check(const struct rt_summary *s)
{
	static const long long at[] = { 0, 1000000000LL, -1 };
	size_t i;
	int json;

	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct rt_limits l = { at[i], at[i], at[i] > 0 ? 1 : at[i],
				       at[i] > 0 ? 1 : at[i], at[i] > 0 };

		for (json = 0; json < 2; json++) {
			struct mem m;

			rt_print_start(mem_open(&m), json);
			if (rt_check_limits("fuzz", s, &l) < 0)
				__builtin_trap();
			print_checked(&m, json);
		}
	}
}

/*
 * compare's table and JSON: the trace with itself (a group of two, so
 * median [min..max]) and beside a trace of nothing, by kernel and by
 * label. The summaries are shared, not copied: compare only reads them.
 */
static void compare(const struct rt_summary *s)
{
	static struct rt_cmp_trace tr[3];
	struct rt_cmp_groups *g;
	int json, by_label;
	size_t i;

	for (i = 0; i < 3; i++) {
		memset(&tr[i], 0, sizeof(tr[i]));
		tr[i].file = "fuzz";
		tr[i].label = i == 2 ? "other" : "fuzz";
		if (i < 2)
			tr[i].s = *s;
		else {
			tr[i].s.kernel_release = "another kernel";
			tr[i].s.boot_id = tr[i].s.cmdline = "";
			tr[i].s.ready_ns = tr[i].s.load_ns = -1;
		}
		rt_cmp_metrics(&tr[i]);
	}
	for (by_label = 0; by_label < 2; by_label++) {
		g = rt_cmp_group(tr, 3, by_label, 95);
		if (!g)
			__builtin_trap();	/* only out of memory */
		for (json = 0; json < 2; json++) {
			struct mem m;

			rt_print_start(mem_open(&m), json);
			if (rt_cmp_print(g))
				__builtin_trap();
			print_checked(&m, json);
		}
		rt_cmp_groups_free(g);
	}
}

/* One output of @fn into memory, checked by @valid. */
#define RENDER(valid, call) do {					\
	struct mem _m;							\
	FILE *f = mem_open(&_m);					\
									\
	if (call)							\
		__builtin_trap();	/* only out of memory may fail */ \
	mem_close(&_m);							\
	valid(&_m);							\
	mem_free(&_m);							\
} while (0)

/* A journal field as text: every value escaped but MESSAGE (already). */
static void fuzz_field(void *ctx, const char *key, const char *value)
{
	if (!key || !value)
		__builtin_trap();
	fprintf(ctx, "%s=%s\n", key, strcmp(key, "MESSAGE") ? rt_esc(value) : value);
}

static int line_out(FILE *f, const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv, int journal)
{
	size_t i;

	if (journal) {
		rt_report_journal(f, s, adv, nadv);
		/* report --journal's BLOCKED entries, as text */
		for (i = 0; i < s->ntasks; i++)
			rt_journal_task_fields(s, &s->tasks[i], fuzz_field, f);
	} else
		rt_report_line(f, s, adv, nadv);
	return 0;
}

/*
 * Every renderer on what the loader accepted, each output checked by its
 * format's parser; the sanitizers check what they compute (overflow,
 * bounds, leaks).
 */
static void render(const struct rt_summary *s)
{
	const struct rt_summary *all[2] = { s, s };
	struct rt_export x = { .file = "fuzz", .s = s,
			       .max_wait_ns = 1000000000LL,
			       .max_ready_ns = 1000000000LL };
	struct rt_advice adv[8];
	size_t nadv = rt_advise(s, adv, 8);

	if (nadv > 8)
		nadv = 8;
	RENDER(valid_text, rt_report_print(f, false, "fuzz", s, adv, nadv));
	RENDER(valid_json, rt_report_print(f, true, "fuzz", s, adv, nadv));
	RENDER(valid_text, line_out(f, s, adv, nadv, 0));
	RENDER(valid_text, line_out(f, s, adv, nadv, 1));
	RENDER(valid_xml, rt_plot_svg(f, s));
	RENDER(valid_json, rt_export_perfetto(f, &x));
	RENDER(valid_prometheus, rt_export_prometheus(f, &x));
	RENDER(valid_xml, rt_export_junit(f, &x));
	RENDER(valid_text, rt_export_ktap(f, &x));
	RENDER(valid_json, rt_export_kcidb(f, &x));
	RENDER(valid_lava, rt_export_lava(f, &x));
	RENDER(valid_json, rt_export_squad(f, &x));
	x.max_wait_ns = x.max_ready_ns = -1;
	x.accept_incomplete = true;
	x.all = all;
	x.nall = 2;		/* squad over several traces */
	RENDER(valid_xml, rt_export_junit(f, &x));
	RENDER(valid_text, rt_export_ktap(f, &x));
	RENDER(valid_json, rt_export_kcidb(f, &x));
	RENDER(valid_lava, rt_export_lava(f, &x));
	RENDER(valid_json, rt_export_squad(f, &x));
	check(s);
	compare(s);
}

static void check_summary(const struct rt_summary *s)
{
	struct rt_advice adv[8];
	size_t i, calls = 0, served = 0, waits = 0;

	/* a refusal or an acceptance: never half of each */
	if ((s->nwaits && !s->waits) || (s->nunseeded_groups && !s->unseeded) ||
	    (s->nhwrng && !s->hwrngs) || (s->ntasks && !s->tasks) ||
	    !s->series || s->nmarks > RT_MAX_MARKS ||
	    s->nmarks > s->nmarks_total)
		__builtin_trap();
	if (s->nblocked != s->ntasks || s->ntasks > s->nwaits)
		__builtin_trap();
	for (i = 0; i < s->nwaits; i++) {
		if (s->waits[i].wait_ns < 0 || s->waits[i].wait_ns > s->worst_wait_ns)
			__builtin_trap();
		if (i && s->waits[i].wait_ns > s->waits[i - 1].wait_ns)
			__builtin_trap();	/* longest first */
		if (!s->waits[i].comm || !s->waits[i].unit || !s->waits[i].path)
			__builtin_trap();
	}
	for (i = 0; i < s->ntasks; i++) {
		waits += s->tasks[i].nwaits;
		if (i && s->tasks[i].first_start_ns < s->tasks[i - 1].first_start_ns)
			__builtin_trap();	/* in the order they first waited */
	}
	if (waits != s->nwaits)
		__builtin_trap();
	for (i = 0; i < s->nunseeded_groups; i++) {
		const struct rt_unseeded_group *g = &s->unseeded[i];

		if (!g->count || g->served > g->count || g->eagain > g->count ||
		    g->first_ns > g->last_ns || !g->comm || !g->path)
			__builtin_trap();
		calls += g->count;
		served += g->served;
	}
	if (calls != s->nunseeded || served != s->nunseeded_served)
		__builtin_trap();
	if (s->series->width_ns <= 0)
		__builtin_trap();
	if (!s->kernel_release || !s->arch || !s->ready_source || !s->hwrng_current)
		__builtin_trap();
	(void)rt_advise(s, adv, sizeof(adv) / sizeof(adv[0]));
}

/*
 * The streaming path (what the commands use), and the jansson path (what
 * tests and small traces use): the same loader, so they must agree on
 * accepting the input and on what it says.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_summary s, d;
	char err[512] = "", err2[512] = "";
	int streamed;
	json_t *t;

	streamed = rt_summary_loadb((const char *)data, size, "fuzz", &s, err,
				    sizeof(err)) == 0;
	if (!streamed && !err[0])
		__builtin_trap();	/* refused without saying why */
	if (streamed) {
		check_summary(&s);
		render(&s);
	}

	t = rt_trace_loadb((const char *)data, size, "fuzz", err2, sizeof(err2));
	if (!t != !streamed)
		__builtin_trap();
	if (t) {
		if (rt_summarize(t, &d, err2, sizeof(err2)))
			__builtin_trap();
		check_summary(&d);
		if (d.nwaits != s.nwaits || d.nunseeded != s.nunseeded ||
		    d.nunseeded_groups != s.nunseeded_groups ||
		    d.total_wait_ns != s.total_wait_ns ||
		    d.ntasks != s.ntasks || d.nevents != s.nevents)
			__builtin_trap();
		rt_summary_free(&d);
		json_decref(t);
	}
	if (streamed)
		rt_summary_free(&s);
	return 0;
}
