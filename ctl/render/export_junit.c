// SPDX-License-Identifier: GPL-2.0
/*
 * The test cases of a trace (crng-ready, one per task that waited, then
 * trace-complete) and their JUnit XML.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "svg.h"
#include "utf8.h"

static void task_label(char *buf, size_t len, const char *comm,
		       const char *unit)
{
	if (unit && *unit)
		rt_snprintf_cut(buf, len, "wait: %s (%s)", *comm ? comm : "?", unit);
	else
		rt_snprintf_cut(buf, len, "wait: %s", *comm ? comm : "?");
}

/* @s as one id component of at most @max bytes: [A-Za-z0-9_], '_' else. */
static size_t id_component(char *buf, const char *s, size_t max)
{
	size_t n = 0;

	for (; s && *s && n < max; s++, n++) {
		unsigned char c = *s;

		buf[n] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') ? c : '_';
	}
	if (!n)
		buf[n++] = '_';
	buf[n] = 0;
	return n;
}

static void task_id(char *buf, const char *comm, const char *unit)
{
	size_t n = 5;

	memcpy(buf, "wait.", 5);
	n += id_component(buf + n, comm, 24);
	if (unit && *unit) {
		buf[n++] = '.';
		id_component(buf + n, unit, 48);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ready_case(const struct rt_export *x, struct rt_case *c)
{
	const struct rt_summary *s = x->s;
	double lim = x->max_ready_ns / 1e9;

	snprintf(c->name, sizeof(c->name), "crng-ready");
	snprintf(c->id, sizeof(c->id), "crng_ready");
	c->kind = RT_CASE_READY;
	if (!s->ready) {
		c->result = x->max_ready_ns >= 0 ? RT_CASE_FAIL : RT_CASE_SKIP;
		snprintf(c->message, sizeof(c->message),
			 "the trace does not show the CRNG ready");
		return;
	}
	if (s->ready_before_load) {
		c->seconds = 0;
		c->result = RT_CASE_PASS;
		snprintf(c->message, sizeof(c->message),
			 "ready before the module loaded");
		return;
	}
	c->seconds = s->ready_ns / 1e9;
	if (x->max_ready_ns >= 0 && s->ready_ns > x->max_ready_ns) {
		c->result = RT_CASE_FAIL;
		rt_snprintf_cut(c->message, sizeof(c->message),
			 "ready at %.3f s (%s), later than the limit of %g s",
			 c->seconds, *s->ready_source ? s->ready_source : "source unknown",
			 lim);
	} else {
		c->result = RT_CASE_PASS;
		rt_snprintf_cut(c->message, sizeof(c->message), "ready at %.3f s (%s)",
			 c->seconds, *s->ready_source ? s->ready_source : "source unknown");
	}
}

/* The recording's own case: an incomplete trace never looks green. */
static void complete_case(const struct rt_export *x, struct rt_case *c)
{
	const struct rt_summary *s = x->s;
	char why[400];

	snprintf(c->name, sizeof(c->name), "trace-complete");
	snprintf(c->id, sizeof(c->id), "trace_complete");
	c->kind = RT_CASE_COMPLETE;
	c->seconds = 0;
	if (!s->incomplete) {
		c->result = RT_CASE_PASS;
		snprintf(c->message, sizeof(c->message),
			 "the recording saw what it waited for%s",
			 s->nopen_waits ? "; waits still in flight at its end count up to it" : "");
		return;
	}
	c->result = x->accept_incomplete ? RT_CASE_SKIP : RT_CASE_FAIL;
	rt_snprintf_cut(c->message, sizeof(c->message), "INCOMPLETE: %s%s",
		 rt_incomplete_text(s, why, sizeof(why)),
		 x->accept_incomplete ? " (accepted)" : "");
}

/* dups[i] = 1 for each of the @n strings (@stride apart) that another equals. */
static int mark_dups(char *strs, size_t stride, size_t n, int *dups)
{
	char **order = calloc(n + 1, sizeof(*order));
	size_t i;

	if (!order)
		return -1;
	for (i = 0; i < n; i++)
		order[i] = strs + i * stride;
	qsort(order, n, sizeof(*order), cmp_str);
	for (i = 1; i < n; i++)
		if (!strcmp(order[i - 1], order[i]))
			dups[(order[i - 1] - strs) / stride] =
				dups[(order[i] - strs) / stride] = 1;
	free(order);
	return 0;
}

int rt_export_cases(const struct rt_export *x, struct rt_case **cases,
		    size_t *n)
{
	const struct rt_summary *s = x->s;
	const struct rt_task_info *t = s->tasks;	/* in the order they first waited */
	struct rt_case *c;
	size_t nt = s->ntasks, i;
	char *labels, *ids;
	int *dups, *iddups;

	*cases = NULL;
	*n = 0;
	c = calloc(nt + 2, sizeof(*c));
	labels = calloc(nt + 1, 160);
	ids = calloc(nt + 1, RT_CASE_ID_MAX);
	dups = calloc(nt + 1, sizeof(*dups));
	iddups = calloc(nt + 1, sizeof(*iddups));
	if (!c || !labels || !ids || !dups || !iddups)
		goto nomem;
	for (i = 0; i < nt; i++) {
		task_label(labels + i * 160, 160, t[i].comm, t[i].unit);
		task_id(ids + i * RT_CASE_ID_MAX, t[i].comm, t[i].unit);
	}
	/* two tasks of one name are told apart by their tgid: sort to find them */
	if (mark_dups(labels, 160, nt, dups) ||
	    mark_dups(ids, RT_CASE_ID_MAX, nt, iddups))
		goto nomem;
	ready_case(x, &c[0]);
	for (i = 0; i < nt; i++) {
		struct rt_case *k = &c[i + 1];
		const char *label = labels + i * 160, *id = ids + i * RT_CASE_ID_MAX;

		k->kind = RT_CASE_WAIT;
		if (dups[i])
			rt_snprintf_cut(k->name, sizeof(k->name), "%.*s pid %lld",
					rt_utf8_prec(label, 130), label, t[i].tgid);
		else
			rt_snprintf_cut(k->name, sizeof(k->name), "%s", label);
		/* the ids are ASCII (id_component()): a byte cut is a character's */
		if (iddups[i])
			snprintf(k->id, sizeof(k->id), "%.78s-%lld", id, t[i].tgid);
		else
			snprintf(k->id, sizeof(k->id), "%s", id);
		k->seconds = t[i].total_ns / 1e9;
		k->result = x->max_wait_ns >= 0 && t[i].worst_ns > x->max_wait_ns ?
			    RT_CASE_FAIL : RT_CASE_PASS;
		snprintf(k->message, sizeof(k->message),
			 "pid %lld waited %zu time%s for the CRNG: longest %.3f s, total %.3f s%s%s",
			 t[i].tgid, t[i].nwaits, t[i].nwaits == 1 ? "" : "s",
			 t[i].worst_ns / 1e9, t[i].total_ns / 1e9,
			 t[i].nopen ? ", still waiting when the recording ended" : "",
			 k->result == RT_CASE_FAIL ? ", longer than the limit" : "");
	}
	complete_case(x, &c[nt + 1]);
	free(labels);
	free(ids);
	free(dups);
	free(iddups);
	*cases = c;
	*n = nt + 2;
	return 0;
nomem:
	free(c);
	free(labels);
	free(ids);
	free(dups);
	free(iddups);
	return -1;
}

const char *rt_export_when(char *buf, size_t len, const struct rt_export *x)
{
	time_t t = x->when >= 0 ? (time_t)x->when : 0;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm))
		snprintf(buf, len, "1970-01-01T00:00:00");
	return buf;
}

/*
 * The layout of the JUnit XSD (Jenkins' junit-10.xsd): <testsuites> with
 * no attributes, one <testsuite> with package and id, its properties, the
 * cases, then system-out and system-err, which the schema requires once
 * per suite and allows nowhere else: the cases' messages go to the
 * suite's system-out, one line each, and a failure's or a skip's also
 * into its element. The trace does not name its host: "localhost", as
 * the schema asks then.
 */
int rt_export_junit(FILE *f, const struct rt_export *x)
{
	const struct rt_summary *s = x->s;
	struct rt_case *c;
	size_t n, i, fails = 0, skips = 0;
	double total = 0;
	char when[32];

	if (rt_export_cases(x, &c, &n))
		return -1;
	/*
	 * The suite's time is the time the tasks waited, in all: the sum of
	 * the wait cases. crng-ready's time is the moment the CRNG became
	 * ready, not time spent beside the waits: it is not added.
	 */
	for (i = 0; i < n; i++) {
		fails += c[i].result == RT_CASE_FAIL;
		skips += c[i].result == RT_CASE_SKIP;
		if (c[i].kind == RT_CASE_WAIT)
			total += c[i].seconds;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	fprintf(f, "  <testsuite name=\"rngtrace\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.6f\" timestamp=\"%s\" hostname=\"localhost\" package=\"rngtrace\" id=\"0\">\n",
		n, fails, skips, total, rt_export_when(when, sizeof(when), x));
	fprintf(f, "    <properties>\n");
	fprintf(f, "      <property name=\"kernel_release\" value=\"");
	rt_xml_puts(f, s->kernel_release);
	fprintf(f, "\"/>\n      <property name=\"boot_id\" value=\"");
	rt_xml_puts(f, s->boot_id);
	fprintf(f, "\"/>\n      <property name=\"trace\" value=\"");
	rt_xml_puts(f, x->file);
	fprintf(f, "\"/>\n      <property name=\"complete\" value=\"%s\"/>\n",
		s->incomplete ? "false" : "true");
	if (x->max_ready_ns >= 0)
		fprintf(f, "      <property name=\"max_ready_seconds\" value=\"%g\"/>\n",
			x->max_ready_ns / 1e9);
	if (x->max_wait_ns >= 0)
		fprintf(f, "      <property name=\"max_wait_seconds\" value=\"%g\"/>\n",
			x->max_wait_ns / 1e9);
	fprintf(f, "    </properties>\n");
	for (i = 0; i < n; i++) {
		const char *el = c[i].result == RT_CASE_FAIL ? "failure" :
				 c[i].result == RT_CASE_SKIP ? "skipped" : NULL;

		fprintf(f, "    <testcase classname=\"rngtrace\" name=\"");
		rt_xml_puts(f, c[i].name);
		fprintf(f, "\" time=\"%.6f\"", c[i].seconds);
		if (!el) {
			fprintf(f, "/>\n");
			continue;
		}
		fprintf(f, ">\n      <%s%s message=\"", el,
			c[i].result == RT_CASE_FAIL ? " type=\"limit\"" : "");
		rt_xml_puts(f, c[i].message);
		fprintf(f, "\">");
		rt_xml_puts(f, c[i].message);
		fprintf(f, "</%s>\n    </testcase>\n", el);
	}
	fprintf(f, "    <system-out>");
	for (i = 0; i < n; i++) {
		rt_xml_puts(f, c[i].name);
		fputs(": ", f);
		rt_xml_puts(f, c[i].message);
		fputc('\n', f);
	}
	fprintf(f, "</system-out>\n    <system-err></system-err>\n  </testsuite>\n</testsuites>\n");
	free(c);
	return 0;
}
