// SPDX-License-Identifier: GPL-2.0
/*
 * The test cases of a trace (crng-ready, then one per task that waited)
 * and their JUnit XML.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "svg.h"

static int cmp_label(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void task_label(char *buf, size_t len, const char *comm,
		       const char *unit)
{
	if (unit && *unit)
		snprintf(buf, len, "wait: %s (%s)", *comm ? comm : "?", unit);
	else
		snprintf(buf, len, "wait: %s", *comm ? comm : "?");
}

static void ready_case(const struct rt_export *x, struct rt_case *c)
{
	const struct rt_summary *s = x->s;
	double lim = x->max_ready_ns / 1e9;

	snprintf(c->name, sizeof(c->name), "crng-ready");
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
		snprintf(c->message, sizeof(c->message),
			 "ready at %.3f s (%s), later than the limit of %g s",
			 c->seconds, *s->ready_source ? s->ready_source : "source unknown",
			 lim);
	} else {
		c->result = RT_CASE_PASS;
		snprintf(c->message, sizeof(c->message), "ready at %.3f s (%s)",
			 c->seconds, *s->ready_source ? s->ready_source : "source unknown");
	}
}

int rt_export_cases(const struct rt_export *x, struct rt_case **cases,
		    size_t *n)
{
	const struct rt_summary *s = x->s;
	const struct rt_task_info *t = s->tasks;	/* in the order they first waited */
	struct rt_case *c;
	size_t nt = s->ntasks, i;
	char *labels, **order;
	int *dups;

	*cases = NULL;
	*n = 0;
	c = calloc(nt + 1, sizeof(*c));
	labels = calloc(nt + 1, 160);
	if (!c || !labels) {
		free(c);
		free(labels);
		return -1;
	}
	for (i = 0; i < nt; i++)
		task_label(labels + i * 160, 160, t[i].comm, t[i].unit);
	/* two tasks of one name are told apart by their tgid: sort to find them */
	order = calloc(nt + 1, sizeof(*order));
	dups = calloc(nt + 1, sizeof(*dups));
	if (!order || !dups) {
		free(c);
		free(labels);
		free(order);
		free(dups);
		return -1;
	}
	for (i = 0; i < nt; i++)
		order[i] = labels + i * 160;
	qsort(order, nt, sizeof(*order), cmp_label);
	for (i = 1; i < nt; i++)
		if (!strcmp(order[i - 1], order[i]))
			dups[(order[i - 1] - labels) / 160] =
				dups[(order[i] - labels) / 160] = 1;
	ready_case(x, &c[0]);
	for (i = 0; i < nt; i++) {
		struct rt_case *k = &c[i + 1];
		const char *label = labels + i * 160;
		int dup = dups[i];
		if (dup)
			snprintf(k->name, sizeof(k->name), "%.130s pid %lld",
				 label, t[i].tgid);
		else
			snprintf(k->name, sizeof(k->name), "%s", label);
		k->seconds = t[i].total_ns / 1e9;
		k->result = x->max_wait_ns >= 0 && t[i].worst_ns > x->max_wait_ns ?
			    RT_CASE_FAIL : RT_CASE_PASS;
		snprintf(k->message, sizeof(k->message),
			 "pid %lld waited %zu time%s for the CRNG: longest %.3f s, total %.3f s%s",
			 t[i].tgid, t[i].nwaits, t[i].nwaits == 1 ? "" : "s",
			 t[i].worst_ns / 1e9, t[i].total_ns / 1e9,
			 k->result == RT_CASE_FAIL ? ", longer than the limit" : "");
	}
	free(labels);
	free(order);
	free(dups);
	*cases = c;
	*n = nt + 1;
	return 0;
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
		if (strcmp(c[i].name, "crng-ready"))
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
	fprintf(f, "\"/>\n");
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
