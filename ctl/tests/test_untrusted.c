// SPDX-License-Identifier: GPL-2.0
/*
 * Untrusted strings (issue 15 item 5): a comm, a cgroup path, a kernel
 * release with control characters in them (fixtures/r-hostile-strings.json:
 * a wait by "x\nPRIORITY=0" in "evil\e[31m.service", an unseeded read by
 * "\e]0;pwn\a", kernel "6.1\rMESSAGE=forged") reach no text output raw.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "esc.h"
#include "evjson.h"
#include "harness.h"
#include "ctlrun.h"

/* No byte below 0x20 but newline, none 0x7f. */
static int clean_text(const char *s)
{
	for (; s && *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7f)
			return 0;
	return s != NULL;
}

static void t_esc(void)
{
	char small[8];

	CHECK_STR(rt_esc("plain"), "plain");
	CHECK_STR(rt_esc("a\nb\tc\rd"), "a\\nb\\tc\\rd");
	CHECK_STR(rt_esc("\x1b[31m\x7f"), "\\x1b[31m\\x7f");
	CHECK_STR(rt_esc("back\\slash"), "back\\\\slash");
	CHECK_STR(rt_esc("caf\xc3\xa9"), "caf\xc3\xa9");
	CHECK_STR(rt_esc(NULL), "");
	CHECK(!rt_esc_needed("sshd"));
	CHECK(rt_esc_needed("a\\b"));
	CHECK(rt_esc_needed("a\x01"));
	/* cut short with "...", never in the middle of an escape or a character */
	CHECK_STR(rt_esc_buf(small, sizeof(small), "abcdefghij"), "abcd...");
	CHECK_STR(rt_esc_buf(small, sizeof(small), "abcdefg"), "abcdefg");
	CHECK_STR(rt_esc_buf(small, sizeof(small), "abc\xc3\xa9xyz"), "abc...");
	CHECK_STR(rt_esc_buf(small, sizeof(small), "\x01\x02"), "\\x01...");
}

static void t_report_text(void)
{
	struct ctlrun r;

	CTLRUN(&r, "report", fixture("r-hostile-strings.json"));
	CHECK_INT(r.status, 0);
	CHECK(clean_text(r.out));
	CHECK_CONTAINS(r.out, "x\\nPRIORITY=0");
	CHECK_CONTAINS(r.out, "evil\\x1b[31m.service");
	CHECK_CONTAINS(r.out, "\\x1b]0;pwn\\x07");
	CHECK_CONTAINS(r.out, "kernel:     6.1\\rMESSAGE=forged");
	ctlrun_done(&r);
}

/* A comm cannot add a field of its own to the journal. */
static void t_journal(void)
{
	struct ctlrun r;
	const char *line;
	int priorities = 0;

	CTLRUN(&r, "report", "--journal-fields", fixture("r-hostile-strings.json"));
	CHECK_INT(r.status, 0);
	CHECK(clean_text(r.out));
	for (line = r.out; line && *line; line = strchr(line, '\n') + 1) {
		size_t key = strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");

		if (line[key] != '=' || !key)
			rt_test_fail(__FILE__, __LINE__, "not a field: %.40s", line);
		/* the one PRIORITY is rngtrace's own */
		if (!strncmp(line, "PRIORITY=", 9)) {
			priorities++;
			CHECK(!strncmp(line, "PRIORITY=6\n", 11));
		}
		if (!strchr(line, '\n'))
			break;
	}
	CHECK_INT(priorities, 1);
	CHECK_CONTAINS(r.out, "RNGTRACE_KERNEL=6.1\\rMESSAGE=forged\n");
	ctlrun_done(&r);

	CTLRUN(&r, "report", "--summary", fixture("r-hostile-strings.json"));
	CHECK_INT(r.status, 0);
	CHECK(clean_text(r.out));
	CHECK_INT(lines(r.out), 1);
	ctlrun_done(&r);
}

static void t_check(void)
{
	struct ctlrun r;

	CTLRUN(&r, "check", "--max-wait", "1ms", fixture("r-hostile-strings.json"));
	CHECK_INT(r.status, 1);
	CHECK(clean_text(r.out));
	CHECK_INT(lines(r.out), 1);
	ctlrun_done(&r);
}

/* rngtrace events and status print the module's strings the same way. */
static void t_event_line(void)
{
	struct rt_event ev = {
		.has_seq = true, .has_type = true, .has_pid = true,
		.type = RNGTRACE_EVENT_TYPE_WAIT, .pid = 5,
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_t *j;

	snprintf(ev.comm, sizeof(ev.comm), "x\nPRIORITY=0");
	snprintf(ev.cgroup, sizeof(ev.cgroup), "/a.slice/b\x1b.service");
	REQUIRE(f);
	CHECK_INT(rt_event_print_line(f, false, &ev), 0);
	fclose(f);
	CHECK_INT(lines(buf), 1);
	CHECK(clean_text(buf));
	CHECK_CONTAINS(buf, "pid 5 (x\\nPRIORITY=0) unit b\\x1b.service");
	free(buf);
	/* JSON: the JSON writer escapes, and the string loads back whole. */
	buf = NULL;
	f = open_memstream(&buf, &len);
	REQUIRE(f);
	CHECK_INT(rt_event_print_line(f, true, &ev), 0);
	fclose(f);
	CHECK_INT(lines(buf), 1);
	j = json_loads(buf, 0, NULL);
	CHECK_STR(json_string_value(json_object_get(j, "comm")), "x\nPRIORITY=0");
	CHECK_STR(json_string_value(json_object_get(j, "cgroup")), "/a.slice/b\x1b.service");
	json_decref(j);
	free(buf);
}

/*
 * Any task names itself with any bytes (PR_SET_NAME): a comm that is not
 * UTF-8 still gives an event line of JSON (JSON strings are UTF-8), and
 * a trace's event object for record.
 */
static void t_event_not_utf8(void)
{
	struct rt_event ev = {
		.has_seq = true, .has_type = true, .has_pid = true,
		.type = RNGTRACE_EVENT_TYPE_UNSEEDED, .seq = 3, .pid = 5,
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_t *j;

	snprintf(ev.comm, sizeof(ev.comm), "a\xff\xc3 b");
	REQUIRE(f);
	CHECK_INT(rt_event_print_line(f, true, &ev), 0);
	fclose(f);
	j = json_loads(buf, 0, NULL);
	CHECK_STR(json_string_value(json_object_get(j, "comm")), "a?? b");
	CHECK_INT(json_integer_value(json_object_get(j, "seq")), 3);
	json_decref(j);
	free(buf);
	j = rt_event_to_json(&ev);
	CHECK_STR(json_string_value(json_object_get(j, "comm")), "a?? b");
	json_decref(j);
}

static const struct rt_test untrusted_tests[] = {
	{ "untrusted: an event line prints them escaped", t_event_line },
	{ "untrusted: a comm that is not UTF-8 still gives an event's JSON", t_event_not_utf8 },
	{ "untrusted: rt_esc() escapes control characters and backslash", t_esc },
	{ "untrusted: report text prints them escaped", t_report_text },
	{ "untrusted: --journal-fields and --summary cannot be forged", t_journal },
	{ "untrusted: check prints them escaped", t_check },
	{ NULL, NULL },
};

RT_SUITE(untrusted_tests)
