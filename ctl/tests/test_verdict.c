// SPDX-License-Identifier: GPL-2.0
/*
 * Comparisons with a verdict (issue 25 item 1): B - A with its confidence
 * interval by Student's t with the pooled standard deviation, checked
 * against ministat(1) on the same samples when it is installed (and
 * against the numbers ministat printed for them, which the test keeps);
 * compare --json carries it; check --max-worse gates on it.
 */
#include <math.h>
#include <jansson.h>

#include "ctlrun.h"
#include "harness.h"
#include "stats.h"

static const double ready_a[] = { 14.2, 21.5, 30.1 };		/* c-stall-* */
static const double ready_b[] = { 0.6304, 0.6554, 0 };		/* c-virtio-* */
static const double same_a[] = { 1.0, 1.2, 0.9, 1.1 };
static const double same_b[] = { 1.05, 1.15, 0.95, 1.2 };

static int close_to(double x, double want, double rel)
{
	return fabs(x - want) <= rel * fabs(want) + 1e-12;
}

/* ministat's "Difference at C% confidence" of two samples: 1 proven, 0 not, -1 no ministat. */
static int ministat(const double *a, size_t na, const double *b, size_t nb,
		    const char *conf, double *diff, double *half)
{
	char pa[] = "/tmp/rt-ms-XXXXXX", pb[] = "/tmp/rt-ms-XXXXXX";
	const char *argv[] = { "ministat", "-A", "-c", conf, pa, pb, NULL };
	struct ctlrun r;
	FILE *f;
	size_t i;
	const char *p;
	int ret = -1, fa = mkstemp(pa), fb = mkstemp(pb);

	if (fa < 0 || fb < 0)
		return -1;
	f = fdopen(fa, "w");
	for (i = 0; f && i < na; i++)
		fprintf(f, "%.17g\n", a[i]);
	if (f)
		fclose(f);
	f = fdopen(fb, "w");
	for (i = 0; f && i < nb; i++)
		fprintf(f, "%.17g\n", b[i]);
	if (f)
		fclose(f);
	ctlrun_argv(&r, NULL, argv);
	if (r.status == 0 && r.out) {
		if ((p = strstr(r.out, "confidence\n")) &&
		    sscanf(p + 11, "%lf +/- %lf", diff, half) == 2)
			ret = 1;
		else if (strstr(r.out, "No difference proven"))
			ret = 0;
	}
	ctlrun_done(&r);
	unlink(pa);
	unlink(pb);
	return ret;
}

static void t_student(void)
{
	struct rt_diff d;
	double diff, half;
	int ms;

	/* t quantiles: the textbook table */
	CHECK(close_to(rt_student_t(95, 4), 2.776, 2e-4));
	CHECK(close_to(rt_student_t(99, 10), 3.169, 2e-4));
	CHECK(close_to(rt_student_t(80, 1), 3.078, 2e-4));

	rt_diff_student(ready_a, 3, ready_b, 3, 95, &d);
	CHECK(d.valid && d.proven && d.diff < 0);
	/* what ministat -c 95 printed: -21.5047 +/- 12.7697, pooled s 5.63388
	 * (its t table has three decimals: 2.776 for 2.7764) */
	CHECK(close_to(d.diff, -21.5047, 1e-5));
	CHECK(close_to(d.half, 12.7697, 3e-4));
	CHECK(close_to(d.pooled_s, 5.63388, 1e-5));
	rt_diff_student(ready_a, 3, ready_b, 3, 80, &d);
	CHECK(close_to(d.half, 7.05187, 3e-4));
	rt_diff_student(same_a, 4, same_b, 4, 95, &d);
	CHECK(d.valid && !d.proven);
	rt_diff_student(same_a, 1, same_b, 4, 95, &d);
	CHECK(!d.valid && !d.proven);

	if (!need_tool("ministat"))
		return;
	ms = ministat(ready_a, 3, ready_b, 3, "95", &diff, &half);
	CHECK_INT(ms, 1);
	rt_diff_student(ready_a, 3, ready_b, 3, 95, &d);
	CHECK(close_to(d.diff, diff, 1e-5) && close_to(d.half, half, 3e-4));
	ms = ministat(ready_a, 3, ready_b, 3, "99", &diff, &half);
	rt_diff_student(ready_a, 3, ready_b, 3, 99, &d);
	CHECK(ms == 1 && close_to(d.half, half, 3e-4));
	CHECK_INT(ministat(same_a, 4, same_b, 4, "95", &diff, &half), 0);
}

#define A_FILES "--label", "a", fixture("c-stall-1.json"), "--label", "a", \
	fixture("c-stall-2.json"), "--label", "a", fixture("c-stall-3.json")
#define B_FILES "--label", "b", fixture("c-virtio-1.json"), "--label", "b", \
	fixture("c-virtio-2.json"), "--label", "b", fixture("c-virtio-3.json")

static void t_compare_json(void)
{
	struct ctlrun r;
	json_t *j, *c, *f;

	CTLRUN(&r, "compare", "--json", A_FILES, B_FILES);
	CHECK_INT(r.status, 0);
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	c = json_object_get(j, "comparison");
	CHECK_STR(json_string_value(json_object_get(c, "a")), "a");
	CHECK_STR(json_string_value(json_object_get(c, "method")), "student-t-pooled");
	f = json_array_get(json_object_get(c, "figures"), 0);
	CHECK_STR(json_string_value(json_object_get(f, "figure")), "ready");
	CHECK_STR(json_string_value(json_object_get(f, "verdict")), "better");
	CHECK_INT(json_integer_value(json_object_get(f, "n_a")), 3);
	CHECK_INT(json_integer_value(json_object_get(f, "n_b")), 3);
	CHECK(close_to(json_integer_value(json_object_get(f, "difference_ns")), -21.5047e9, 1e-5));
	CHECK(close_to(json_integer_value(json_object_get(f, "half_width_ns")), 12.7697e9, 3e-4));
	f = json_array_get(json_object_get(c, "figures"), 2);
	CHECK_STR(json_string_value(json_object_get(f, "figure")), "blocked-tasks");
	json_decref(j);
	ctlrun_done(&r);

	CTLRUN(&r, "compare", "--confidence", "80", A_FILES, B_FILES);
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "B - A, at 80% confidence");
	CHECK_CONTAINS(r.out, "  ready (s)       -21.505 +/- 7.053 (-98.0% +/- 32.2%): B better, N 3/3\n");
	ctlrun_done(&r);
	/* too few to prove anything */
	CTLRUN(&r, "compare", "--label", "a", fixture("c-stall-1.json"),
	       "--label", "b", fixture("c-virtio-1.json"));
	CHECK_CONTAINS(r.out, "too few traces (2 in each group needed), N 1/1");
	ctlrun_done(&r);
	CTLRUN(&r, "compare", "--confidence", "100", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 2);
	ctlrun_done(&r);
}

static void t_check_worse(void)
{
	struct ctlrun r;

	CTLRUN(&r, "check", "--baseline", fixture("c-virtio-1.json"),
	       "--baseline", fixture("c-virtio-2.json"), "--baseline",
	       fixture("c-virtio-3.json"), "--max-worse", "ready=10s",
	       fixture("c-stall-1.json"), fixture("c-stall-2.json"),
	       fixture("c-stall-3.json"));
	CHECK_INT(r.status, 0);	/* +21.5 +/- 12.8 s: not proven over 10 s */
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--baseline", fixture("c-virtio-1.json"),
	       "--baseline", fixture("c-virtio-2.json"), "--baseline",
	       fixture("c-virtio-3.json"), "--max-worse", "ready=5s",
	       "--max-worse", "blocked-tasks=0", fixture("c-stall-1.json"),
	       fixture("c-stall-2.json"), fixture("c-stall-3.json"));
	CHECK_INT(r.status, 1);
	CHECK_CONTAINS(r.out, "max-worse: ready: B - A = +21.505 +/- 12.772 at 95% confidence, worse by more than the limit of 5 s (N 3/3)\n");
	CHECK_CONTAINS(r.out, "max-worse: blocked-tasks: B - A = +1.333 +/- 1.309");
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--baseline", fixture("c-virtio-1.json"),
	       "--max-worse", "ready=5s", "--confidence", "99.9",
	       fixture("c-stall-1.json"), fixture("c-stall-2.json"));
	CHECK_INT(r.status, 1);
	CHECK_CONTAINS(r.out, "too few traces");
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--max-worse", "speed=1", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 2);
	ctlrun_done(&r);
	CTLRUN(&r, "check", "--max-worse", "ready=1s", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 2);	/* no baseline */
	ctlrun_done(&r);
}

static const struct rt_test verdict_tests[] = {
	{ "verdict: Student's t as ministat computes it", t_student },
	{ "verdict: compare's B - A, text and JSON", t_compare_json },
	{ "verdict: check --max-worse gates on it", t_check_worse },
	{ NULL, NULL },
};

RT_SUITE(verdict_tests)
