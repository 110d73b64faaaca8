// SPDX-License-Identifier: GPL-2.0
/*
 * Untrusted text cut whole (issue 25 item 3): a comm, a cgroup, a path,
 * an hwrng name, a kernel release in several bytes per character, at
 * lengths where the outputs cut them (fixtures/r-utf8-cut.json: comm
 * "ä"x8 in a unit of 200 "é", a wait whose path is 30 "€", an hwrng "x"
 * and 60 "€", a kernel "6.1\e[31m" and 80 "é", an unseeded reader
 * "p\e" and 100 "é"), and every output stays what its consumer parses;
 * advice escaped once; a loader's message escaped.
 */
#include <jansson.h>

#include "ctlrun.h"
#include "esc.h"
#include "harness.h"
#include "svg.h"
#include "utf8.h"

#define CUT_FX "r-utf8-cut.json"

static void t_utf8_unit(void)
{
	char buf[8];
	uint32_t cp;

	CHECK(rt_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91", 14));
	CHECK(!rt_utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	CHECK(!rt_utf8_valid("\xed\xa0\x80", 3));	/* a surrogate */
	CHECK(!rt_utf8_valid("\xf4\x90\x80\x80", 4));	/* past U+10FFFF */
	CHECK(!rt_utf8_valid("\xc3", 1));
	CHECK_INT(rt_utf8_next("\xe2\x82\xac", 3, &cp), 3);
	CHECK_INT(cp, 0x20ac);
	/* a cut keeps characters whole */
	CHECK_INT(rt_utf8_cut("a\xe2\x82\xac", 3), 1);
	CHECK_INT(rt_utf8_cut("a\xe2\x82\xac", 4), 4);
	CHECK_INT(rt_utf8_cut("ab\xc3\xa9", 3), 2);
	CHECK_INT(rt_snprintf_cut(buf, sizeof(buf), "%s", "abcdef\xc3\xa9"), 6);
	CHECK_STR(buf, "abcdef");
	CHECK_INT(rt_snprintf_cut(buf, sizeof(buf), "%s", "ab\xe2\x82\xac"), 5);
	CHECK_STR(buf, "ab\xe2\x82\xac");
	CHECK_INT(rt_utf8_prefix("\xc3\xa4\xc3\xa4x", 2), 4);
	CHECK_INT(rt_utf8_chars("\xc3\xa4\xe2\x82\xac!"), 3);
}

/* XML gets no byte that is not UTF-8 and no character XML 1.0 lacks. */
static void t_xml_puts(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	REQUIRE(f);
	rt_xml_puts(f, "a\xc3(\xef\xbf\xbf<\x01\xc3\xa9");
	fclose(f);
	CHECK_STR(text, "a\xef\xbf\xbd(\xef\xbf\xbd&lt;\xef\xbf\xbd\xc3\xa9");
	free(text);
}

static int valid_utf8(const char *s)
{
	return s && rt_utf8_valid(s, strlen(s));
}

static void t_perfetto(void)
{
	struct ctlrun r;
	json_t *j;

	/* was: exit 2, "cannot write standard output" */
	CTLRUN(&r, "export", "-f", "perfetto", fixture(CUT_FX));
	CHECK_INT(r.status, 0);
	CHECK_STR(r.err, "");
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	CHECK(j != NULL);
	json_decref(j);
	/* the task's name, cut on a character: 255 bytes at most */
	CHECK_CONTAINS(r.out, "\"name\": \"\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4 (\xc3\xa9");
	ctlrun_done(&r);
}

static void t_junit_plot(void)
{
	char *dir = ctlrun_tmpdir(), out[512], *text;
	const char *lint[] = { "xmllint", "--noout", out, NULL };
	struct ctlrun r;

	REQUIRE(dir);
	snprintf(out, sizeof(out), "%s/junit.xml", dir);
	CTLRUN(&r, "export", "-f", "junit", fixture(CUT_FX), "-o", out);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	text = ctlrun_read(out);
	CHECK(valid_utf8(text));
	free(text);
	if (need_tool("xmllint")) {
		ctlrun_argv(&r, NULL, lint);
		CHECK_INT(r.status, 0);
		ctlrun_done(&r);
	}
	snprintf(out, sizeof(out), "%s/plot.svg", dir);
	CTLRUN(&r, "plot", fixture(CUT_FX), "-o", out);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	text = ctlrun_read(out);
	CHECK(valid_utf8(text));
	/* the row label: 27 characters, whole, then "..." */
	CHECK_CONTAINS(text, ">\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4 ("
		       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		       "\xc3\xa9...</text>");
	free(text);
	if (need_tool("xmllint")) {
		ctlrun_argv(&r, NULL, lint);
		CHECK_INT(r.status, 0);
		ctlrun_done(&r);
	}
	ctlrun_rmdir(dir);
}

/* compare escapes a kernel release as every text output does. */
static void t_compare(void)
{
	struct ctlrun r;

	CTLRUN(&r, "compare", fixture(CUT_FX), fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	CHECK(valid_utf8(r.out));
	CHECK_CONTAINS(r.out, "  6.1\\x1b[31m\xc3\xa9\xc3\xa9");
	CHECK_LACKS(r.out, "\x1b");
	/* cut whole, with "...": a heading of 127 bytes at most */
	CHECK_CONTAINS(r.out, "\xc3\xa9...  6.1.0-56-amd64\n");
	ctlrun_done(&r);
}

/* Advice quotes a comm raw; each output escapes it once. */
static void t_advice_once(void)
{
	struct ctlrun r;
	json_t *j, *a;
	size_t i;
	const char *text = NULL;

	CTLRUN(&r, "report", fixture(CUT_FX));
	CHECK_INT(r.status, 0);
	CHECK(valid_utf8(r.out));
	CHECK_CONTAINS(r.out, "[insecure-consumer] p\\x1b\xc3\xa9");
	CHECK_LACKS(r.out, "p\\\\x1b");
	ctlrun_done(&r);
	CTLRUN(&r, "report", "--json", fixture(CUT_FX));
	j = r.out ? json_loads(r.out, 0, NULL) : NULL;
	REQUIRE(j);
	json_array_foreach(json_object_get(j, "advice"), i, a)
		if (!strcmp(json_string_value(json_object_get(a, "id")), "insecure-consumer"))
			text = json_string_value(json_object_get(a, "text"));
	CHECK(text && !strncmp(text, "p\x1b\xc3\xa9", 4));
	json_decref(j);
	ctlrun_done(&r);
}

/* A duplicate key from the trace is quoted escaped in the error. */
static void t_error_escaped(void)
{
	static const char dup[] =
		"{\"format\":\"rngtrace-trace\",\"version\":\"1.0\","
		"\"k\\u001b[2J\":1,\"k\\u001b[2J\":2}";
	static const char overlong[] =
		"{\"format\":\"rngtrace-trace\",\"version\":\"1.0\",\"host\":{},"
		"\"module\":{\"load_time_ns\":1,\"ready_at_load\":true},"
		"\"credits\":[],\"events\":[{\"seq\":0,\"type\":\"wait\","
		"\"time_ns\":1,\"comm\":\"\xc0\xaf\"}]}";
	const char *p1 = temp_with(dup, sizeof(dup) - 1);
	const char *p2 = temp_with(overlong, sizeof(overlong) - 1);
	struct ctlrun r;

	REQUIRE(p1 && p2);
	CTLRUN(&r, "report", p1);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "duplicate key \"k\\x1b[2J\"");
	CHECK_LACKS(r.err, "\x1b");
	ctlrun_done(&r);
	/* yajl lets an overlong form through; the loader does not */
	CTLRUN(&r, "export", "-f", "perfetto", p2);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "a string that is not valid UTF-8");
	ctlrun_done(&r);
	unlink(p1);
	unlink(p2);
}

static const struct rt_test utf8_tests[] = {
	{ "utf8: valid, cut whole, counted", t_utf8_unit },
	{ "utf8: XML gets valid characters only", t_xml_puts },
	{ "utf8: perfetto with names cut mid-character", t_perfetto },
	{ "utf8: junit and plot stay valid XML", t_junit_plot },
	{ "utf8: compare escapes as every output does", t_compare },
	{ "utf8: advice is escaped once", t_advice_once },
	{ "utf8: a loader's message is escaped; bad UTF-8 refused", t_error_escaped },
	{ NULL, NULL },
};

RT_SUITE(utf8_tests)
