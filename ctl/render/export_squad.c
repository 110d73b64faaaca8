// SPDX-License-Identifier: GPL-2.0
/*
 * SQUAD (Linaro's Software Quality Dashboard): the "tests" and "metrics"
 * its submit API takes (squad/core/data.py reads them), with "metadata",
 * as one object: {"tests": {...}, "metrics": {...}, "metadata": {...}};
 * each goes to its own form field (curl -F tests=... -F metrics=...).
 *
 * Names are SUITE/NAME: rngtrace/ID for the cases (crng_ready,
 * wait.COMM.UNIT, trace_complete), rngtrace/NAME for the measurements. Over several
 * traces (repeated boots of one build and environment), a test fails if
 * it failed in any, passes if it passed in one and failed in none, and is
 * "skip" otherwise (SQUAD counts neither pass nor fail); a metric is
 * {"value": [one per trace that has it], "unit": U}, and with one trace
 * {"value": X, "unit": U}. A count has no unit.
 */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "jsonout.h"

static int add_test(json_t *tests, const char *key, enum rt_case_result r)
{
	const char *had = json_string_value(json_object_get(tests, key));
	const char *now = r == RT_CASE_FAIL ? "fail" :
			  r == RT_CASE_PASS ? "pass" : "skip";

	/* fail wins over pass, pass over skip */
	if (had && (!strcmp(had, "fail") ||
		    (!strcmp(had, "pass") && !strcmp(now, "skip"))))
		return 0;
	return json_object_set_new(tests, key, json_string(now));
}

static int add_metric(json_t *metrics, const char *key, double v,
		      const char *unit)
{
	json_t *m = json_object_get(metrics, key);

	if (!m) {
		m = json_pack("{s:[]}", "value");
		if (!m || json_object_set_new(metrics, key, m))
			return -1;
		if (unit && json_object_set_new(m, "unit", json_string(unit)))
			return -1;
	}
	return json_array_append_new(json_object_get(m, "value"), json_real(v));
}

static int one_trace(json_t *tests, json_t *metrics, const struct rt_export *x)
{
	struct rt_measure m[RT_MEASURES_MAX];
	size_t n, i, nm = rt_export_measures(x->s, m);
	struct rt_case *c;
	char key[RT_CASE_ID_MAX + 16];
	int bad = 0;
	double v;

	if (rt_export_cases(x, &c, &n))
		return -1;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "rngtrace/%s", c[i].id);
		bad |= add_test(tests, key, c[i].result);
		if (rt_case_value(x, &c[i], &v))
			bad |= add_metric(metrics, key, v, "s");
	}
	for (i = 0; i < nm; i++) {
		snprintf(key, sizeof(key), "rngtrace/%.31s", m[i].name);
		bad |= add_metric(metrics, key, m[i].value, m[i].unit);
	}
	free(c);
	return bad;
}

int rt_export_squad(FILE *f, const struct rt_export *x)
{
	const struct rt_summary *const *all = x->nall ? x->all : &x->s;
	size_t nall = x->nall ? x->nall : 1, i;
	json_t *root, *tests, *metrics, *meta, *value;
	const char *key;
	int bad = 0;

	root = json_pack("{s:{}, s:{}, s:{s:[], s:[]}}", "tests", "metrics",
			 "metadata", "kernel_release", "boot_id");
	if (!root)
		return -1;
	tests = json_object_get(root, "tests");
	metrics = json_object_get(root, "metrics");
	meta = json_object_get(root, "metadata");
	for (i = 0; i < nall; i++) {
		struct rt_export xi = *x;

		xi.s = all[i];
		bad |= one_trace(tests, metrics, &xi);
		bad |= json_array_append_new(json_object_get(meta, "kernel_release"),
					     rt_json_string_safe(all[i]->kernel_release));
		bad |= json_array_append_new(json_object_get(meta, "boot_id"),
					     rt_json_string_safe(all[i]->boot_id));
	}
	/* One trace: numbers, not arrays of one. */
	if (nall == 1)
		json_object_foreach(metrics, key, value)
			bad |= json_object_set(value, "value",
					       json_array_get(json_object_get(value, "value"), 0));
	if (!bad)
		bad = rt_json_print(f, root);
	json_decref(root);
	return bad ? -1 : 0;
}
