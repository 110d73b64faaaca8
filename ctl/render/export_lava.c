// SPDX-License-Identifier: GPL-2.0
/*
 * LAVA test shell lines: "lava-test-case NAME --result R [--measurement
 * X [--units U]]", one per case and per measurement, for a LAVA test
 * definition to run (tools/lava/rngtrace.yaml). What LAVA accepts
 * (lava-dispatcher's lava-test-case and its signal parser,
 * lava_dispatcher/actions/test/shell.py): NAME becomes TEST_CASE_ID=NAME
 * in a "<LAVA_SIGNAL_TESTCASE ...>" line split at white space and '=' and
 * ended by '>'; the result is pass, fail, skip or unknown; the measurement
 * a decimal (lava-server keeps 10 places, 30 digits); the name at most
 * 100 characters. The names here are the cases' ids and the measurements'
 * names, [A-Za-z0-9_.-] only, so the lines are safe shell words too.
 */
#include <stdlib.h>

#include "export.h"

static const char *lava_result(enum rt_case_result r)
{
	return r == RT_CASE_FAIL ? "fail" : r == RT_CASE_SKIP ? "skip" : "pass";
}

int rt_export_lava(FILE *f, const struct rt_export *x)
{
	struct rt_measure m[RT_MEASURES_MAX];
	size_t n, i, nm = rt_export_measures(x->s, m);
	struct rt_case *c;
	double v;

	if (rt_export_cases(x, &c, &n))
		return -1;
	for (i = 0; i < n; i++) {
		fprintf(f, "lava-test-case %s --result %s", c[i].id,
			lava_result(c[i].result));
		if (rt_case_value(x, &c[i], &v))
			fprintf(f, " --measurement %.6f --units s", v);
		fputc('\n', f);
	}
	for (i = 0; i < nm; i++) {
		fprintf(f, "lava-test-case %s --result pass --measurement %.6f",
			m[i].name, m[i].value);
		if (m[i].unit)
			fprintf(f, " --units %s", m[i].unit);
		fputc('\n', f);
	}
	free(c);
	return 0;
}
