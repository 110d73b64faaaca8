// SPDX-License-Identifier: GPL-2.0
/* rngtrace compare on the c-*.json fixtures. */
#define _GNU_SOURCE
#include <string.h>

#include <jansson.h>

#include "ctlrun.h"
#include "harness.h"

#define NEAR(a, b) ((a) - (b) < 1e-6 && (b) - (a) < 1e-6)

/* Wait seconds of a fixture, summed and the longest, from its events. */
static void fixture_waits(const char *name, double *total, double *worst)
{
	json_t *t = json_load_file(fixture(name), 0, NULL), *e;
	size_t i;

	*total = *worst = -1;
	if (!t)
		return;
	*total = *worst = 0;
	json_array_foreach(json_object_get(t, "events"), i, e) {
		double w;

		if (strcmp(json_string_value(json_object_get(e, "type")), "wait"))
			continue;
		w = (json_integer_value(json_object_get(e, "time_ns")) -
		     json_integer_value(json_object_get(e, "start_ns"))) / 1e9;
		*total += w;
		if (w > *worst)
			*worst = w;
	}
	json_decref(t);
}

static double median3(double a, double b, double c)
{
	if ((a <= b && b <= c) || (c <= b && b <= a))
		return b;
	if ((b <= a && a <= c) || (c <= a && a <= b))
		return a;
	return c;
}

static json_t *group(json_t *root, const char *name)
{
	json_t *g;
	size_t i;

	json_array_foreach(json_object_get(root, "groups"), i, g)
		if (!strcmp(json_string_value(json_object_get(g, "name")), name))
			return g;
	return NULL;
}

/* A group's statistic; those of a time (*_ns, integer ns) in seconds. */
static double num(json_t *g, const char *metric, const char *what)
{
	json_t *v = json_object_get(json_object_get(g, metric), what);
	size_t len = strlen(metric);
	bool ns = len > 3 && !strcmp(metric + len - 3, "_ns") && strcmp(what, "n");

	if (ns && v && !json_is_integer(v))
		return -54321;	/* a time in JSON is an integer of ns */
	return v ? json_number_value(v) / (ns ? 1e9 : 1) : -12345;
}

static void t_compare_json_medians(void)
{
	struct ctlrun r;
	double tot[3], worst[3];
	json_t *root, *g;
	int i;

	CTLRUN(&r, "compare", "--json", fixture("c-stall-1.json"),
	       fixture("c-stall-2.json"), fixture("c-stall-3.json"),
	       fixture("c-virtio-1.json"), fixture("c-virtio-2.json"),
	       fixture("c-virtio-3.json"));
	CHECK_INT(r.status, 0);
	root = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(root);
	CHECK_STR(json_string_value(json_object_get(root, "by")), "kernel");
	CHECK_INT(json_array_size(json_object_get(root, "groups")), 2);

	g = group(root, "6.1.0-56-amd64");
	REQUIRE(g);
	CHECK_INT(json_integer_value(json_object_get(g, "n")), 3);
	CHECK(NEAR(num(g, "ready_time_ns", "median"), 21.5));
	CHECK(NEAR(num(g, "ready_time_ns", "min"), 14.2));
	CHECK(NEAR(num(g, "ready_time_ns", "max"), 30.1));
	CHECK(NEAR(num(g, "ready_time_ns", "n"), 3));
	/* Waits computed here from the fixtures' events, not by summary.c. */
	for (i = 0; i < 3; i++) {
		char name[32];

		snprintf(name, sizeof(name), "c-stall-%d.json", i + 1);
		fixture_waits(name, &tot[i], &worst[i]);
		REQUIRE(tot[i] > 1);
	}
	CHECK(NEAR(num(g, "total_wait_ns", "median"),
		   median3(tot[0], tot[1], tot[2])));
	CHECK(NEAR(num(g, "worst_wait_ns", "max"),
		   worst[0] > worst[1] ? (worst[0] > worst[2] ? worst[0] : worst[2]) :
		   (worst[1] > worst[2] ? worst[1] : worst[2])));
	/* stall-1: sshd, python3; -2: sshd; -3: sshd (two threads), cron */
	CHECK(NEAR(num(g, "blocked_tasks", "median"), 2));
	CHECK(NEAR(num(g, "blocked_tasks", "min"), 1));
	/* 218 + 23 of 15 + 218 + 23 bits */
	CHECK(NEAR(num(json_object_get(g, "share_percent"), "interrupts",
		       "median"), 100.0 * 218 / 256));
	CHECK(NEAR(num(json_object_get(g, "share_percent"), "pool_at_load",
		       "median"), 100.0 * 15 / 256));

	g = group(root, "6.12.38+deb12-amd64");
	REQUIRE(g);
	CHECK_INT(json_integer_value(json_object_get(g, "n")), 3);
	/* Ready before load counts as 0 s. */
	CHECK(NEAR(num(g, "ready_time_ns", "min"), 0));
	CHECK(NEAR(num(g, "ready_time_ns", "max"), 0.6554));
	CHECK(NEAR(num(g, "ready_time_ns", "median"), 0.6304));
	CHECK_INT(json_integer_value(json_object_get(g, "ready_before_load")), 1);
	CHECK_INT(json_integer_value(json_object_get(g, "not_ready")), 0);
	json_decref(root);
	ctlrun_done(&r);
}

static void t_compare_text_aligned(void)
{
	struct ctlrun r;
	const char *line;
	size_t width = 0;
	int n = 0;

	CTLRUN(&r, "compare", fixture("c-stall-1.json"), fixture("c-stall-2.json"),
	       fixture("c-stall-3.json"), fixture("c-virtio-1.json"));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	CHECK_CONTAINS(r.out, "6.1.0-56-amd64");
	CHECK_CONTAINS(r.out, "6.12.38+deb12-amd64");
	CHECK_CONTAINS(r.out, "21.500 [14.200..30.100]");
	CHECK_CONTAINS(r.out, "0.630");
	CHECK_CONTAINS(r.out, "credit interrupts (%)");
	CHECK_CONTAINS(r.out, "credit hwrng (%)");
	CHECK_CONTAINS(r.out, "credit before load (%)");	/* as report says */
	/* Every table line is as wide as the first: the columns line up. */
	for (line = r.out; *line && *line != '\n'; n++) {
		size_t len = strcspn(line, "\n");

		if (!width)
			width = len;
		CHECK_INT(len, width);
		line += len + (line[len] == '\n');
	}
	CHECK(n >= 8);
	ctlrun_done(&r);
}

static void t_compare_labels(void)
{
	struct ctlrun r;
	json_t *root, *g;

	CTLRUN(&r, "compare", "--json", "--label", "before", fixture("c-stall-1.json"),
	       "--label", "after", fixture("c-virtio-1.json"),
	       "--label", "before", fixture("c-stall-3.json"));
	CHECK_INT(r.status, 0);
	root = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(root);
	CHECK_STR(json_string_value(json_object_get(root, "by")), "label");
	g = group(root, "before");
	REQUIRE(g);
	CHECK_INT(json_integer_value(json_object_get(g, "n")), 2);
	CHECK(NEAR(num(g, "ready_time_ns", "median"), (14.2 + 30.1) / 2));
	g = group(root, "after");
	REQUIRE(g);
	CHECK_INT(json_integer_value(json_object_get(g, "n")), 1);
	CHECK(NEAR(num(g, "ready_time_ns", "median"), 0.6304));
	json_decref(root);
	ctlrun_done(&r);

	/* --by kernel with labels: one group per kernel again. */
	CTLRUN(&r, "compare", "--by", "kernel", "-l", "x", "-l", "y",
	       fixture("c-stall-1.json"), fixture("c-stall-2.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "17.850 [14.200..21.500]");
	ctlrun_done(&r);
}

static void t_compare_bad_input(void)
{
	static const char *const cases[][4] = {
		{ "compare", NULL },
		{ "compare", "/nonexistent/trace.json", NULL },
		{ "compare", "--by", "boot", NULL },
		{ "compare", "--label", "a", NULL },
		{ "compare", "--by", "label", NULL },
		{ "compare", "--bogus", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[8] = { rt_test_ctl };
		struct ctlrun r;
		int k;

		for (k = 0; cases[i][k]; k++)
			argv[k + 1] = cases[i][k];
		/* The file arguments the usage errors need. */
		if (i >= 2) {
			argv[k + 1] = fixture("c-stall-1.json");
			argv[k + 2] = i == 3 ? fixture("c-stall-2.json") : NULL;
		}
		ctlrun_argv(&r, NULL, argv);
		CHECK_INT(r.status, 2);
		CHECK(one_line(r.err));
		CHECK(r.err && !strncmp(r.err, "rngtrace compare: ", 18));
		CHECK_STR(r.out, "");
		ctlrun_done(&r);
	}
}

static void t_compare_not_a_trace(void)
{
	struct ctlrun r;
	char path[] = "/tmp/rngtrace-test-XXXXXX";
	int fd = mkstemp(path);

	REQUIRE(fd >= 0);
	REQUIRE(write(fd, "{\"format\": \"something-else\"}\n", 29) == 29);
	close(fd);
	CTLRUN(&r, "compare", fixture("c-stall-1.json"), path);
	CHECK_INT(r.status, 2);
	CHECK(one_line(r.err));
	CHECK_CONTAINS(r.err, "rngtrace compare: ");
	CHECK_CONTAINS(r.err, "not an rngtrace trace");
	CHECK_STR(r.out, "");
	ctlrun_done(&r);
	unlink(path);
}

/* Control characters in a kernel release do not break the table. */
static void t_compare_hostile(void)
{
	struct ctlrun r;
	const char *nl;

	CTLRUN(&r, "compare", fixture("c-hostile.json"), fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	nl = strchr(r.out, '\n');
	REQUIRE(nl);
	/* escaped as every text output escapes (esc.h) */
	CHECK(memmem(r.out, nl - r.out, "k\"\\\\\\n<x>", 9) != NULL);
	CHECK(memmem(r.out, nl - r.out, "6.1.0-56-amd64", 14) != NULL);
	ctlrun_done(&r);

	CTLRUN(&r, "compare", "--json", fixture("c-hostile.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\"name\": \"k\\\"\\\\\\n<x>\"");
	ctlrun_done(&r);
}

static void t_compare_help(void)
{
	struct ctlrun r;

	CTLRUN(&r, "compare", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace compare FILE...");
	CHECK_CONTAINS(r.out, "--label");
	CHECK_CONTAINS(r.out, "--by");
	CHECK_CONTAINS(r.out, "--json");
	ctlrun_done(&r);
}

static const struct rt_test compare_tests[] = {
	{ "compare: --json medians, min, max of 3 traces a kernel", t_compare_json_medians },
	{ "compare: the table lines up", t_compare_text_aligned },
	{ "compare: --label groups by label; --by kernel overrides", t_compare_labels },
	{ "compare: bad usage is one line, exit 2", t_compare_bad_input },
	{ "compare: a file that is no trace is one line, exit 2", t_compare_not_a_trace },
	{ "compare: a hostile kernel release keeps the table whole", t_compare_hostile },
	{ "compare: --help", t_compare_help },
	{ NULL, NULL },
};

RT_SUITE(compare_tests)
