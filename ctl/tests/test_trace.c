// SPDX-License-Identifier: GPL-2.0
/*
 * The trace loader (trace.c): what it accepts, and the one line it says
 * about what it refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "trace.h"

#define HEAD(v) "{\"format\":\"rngtrace-trace\",\"version\":\"" v "\","
#define BODY "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false}," \
	     "\"events\":[],\"credits\":[]"
#define GOOD HEAD("1.0") BODY "}"
#define BODY_NO_EVENTS "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false}," \
	"\"credits\":[],"
#define BODY_TAIL "\"module\":{\"load_time_ns\":1,\"ready_at_load\":false}," \
	"\"events\":[],\"credits\":[]}"

static const char *fixture(const char *name)
{
	static char buf[4096];
	const char *slash = strrchr(__FILE__, '/');

	if (slash)
		snprintf(buf, sizeof(buf), "%.*s/fixtures/%s",
			 (int)(slash - __FILE__), __FILE__, name);
	else
		snprintf(buf, sizeof(buf), "fixtures/%s", name);
	return buf;
}

/* Load @text; expect a refusal whose line contains @msg (NULL: success). */
static void expect(int line, const char *text, size_t len, const char *msg)
{
	char err[512] = "";
	json_t *t = rt_trace_loadb(text, len, "t.json", err, sizeof(err));

	if (!msg) {
		if (!t)
			rt_test_fail(__FILE__, line, "refused: %s", err);
		json_decref(t);
		return;
	}
	if (t) {
		rt_test_fail(__FILE__, line, "accepted, expected \"%s\"", msg);
		json_decref(t);
		return;
	}
	if (strncmp(err, "t.json: ", 8) || !strstr(err, msg) || strchr(err, '\n'))
		rt_test_fail(__FILE__, line, "\"%s\", expected \"t.json: ...%s...\"",
			     err, msg);
}

#define ACCEPT(text) expect(__LINE__, text, strlen(text), NULL)
#define REFUSE(text, msg) expect(__LINE__, text, strlen(text), msg)

static void test_empty(void)
{
	expect(__LINE__, "", 0, "empty file, not a trace");
	REFUSE(" \n\t\r\n", "empty file, not a trace");
}

static void test_truncated(void)
{
	char text[] = GOOD;
	size_t n;

	REFUSE(HEAD("1.0") "\"host\":{", "truncated JSON at line 1");
	REFUSE("{", "truncated JSON");
	/* every proper prefix is refused, none crashes */
	for (n = 1; n < sizeof(text) - 1; n++) {
		char err[512];
		json_t *t = rt_trace_loadb(text, n, "t.json", err, sizeof(err));

		if (t) {
			rt_test_fail(__FILE__, __LINE__, "prefix of %zu accepted", n);
			json_decref(t);
		}
	}
}

/*
 * The line and column of an error, from a buffer, a file and standard
 * input: the loader counts lines only when an error needs them, by
 * reading the input again (a file) or as it came (standard input).
 */
static void test_error_position(void)
{
	static const char text[] = "{\"format\":\"rngtrace-trace\",\n\"version\":\"1.0\", x}";
	char path[] = "/tmp/rt-trace-XXXXXX", err[512];
	FILE *f;
	json_t *t;
	int fd;

	REFUSE(text, "not valid JSON at line 2, column 18");
	fd = mkstemp(path);
	REQUIRE(fd >= 0);
	REQUIRE(write(fd, text, sizeof(text) - 1) == (ssize_t)(sizeof(text) - 1));
	close(fd);
	t = rt_trace_load(path, err, sizeof(err));
	CHECK(!t);
	CHECK_CONTAINS(err, "not valid JSON at line 2, column 18");
	f = freopen(path, "r", stdin);
	REQUIRE(f);
	t = rt_trace_load("-", err, sizeof(err));
	CHECK(!t);
	CHECK_STR(err, "standard input: not valid JSON at line 2, column 18");
	unlink(path);
}

/*
 * Garbage is refused with one line. The loader calls some garbage
 * "truncated JSON" (it guesses from the error's position, and jansson puts
 * that at the end for a bad last token) and a top-level scalar "not valid
 * JSON": both are refusals on one line, which is what these check.
 */
static void test_garbage(void)
{
	REFUSE("hello", "JSON at line 1");
	REFUSE("\x7f" "ELF\x02\x01", "not valid JSON");
	REFUSE("\x01\x02garbage", "not valid JSON");
	REFUSE(GOOD "}", "JSON at line 1");
	REFUSE(GOOD " trailing", "JSON at line 1");
	expect(__LINE__, GOOD "\0", sizeof(GOOD), "JSON at line 1");
}

static void test_not_an_object(void)
{
	REFUSE("[]", "not an rngtrace trace (not a JSON object)");
	REFUSE("[" GOOD "]", "not an rngtrace trace (not a JSON object)");
	REFUSE("\"rngtrace-trace\"", "not an rngtrace trace (not a JSON object)");
	REFUSE("42", "not an rngtrace trace (not a JSON object)");
}

static void test_format(void)
{
	REFUSE("{\"version\":\"1.0\"," BODY "}", "format is not \"rngtrace-trace\"");
	REFUSE("{\"format\":\"other\",\"version\":\"1.0\"," BODY "}",
	       "format is not \"rngtrace-trace\"");
	REFUSE("{\"format\":7,\"version\":\"1.0\"," BODY "}", "format is not");
}

static void test_versions(void)
{
	ACCEPT(GOOD);
	ACCEPT(HEAD("1.7") BODY "}");
	ACCEPT(HEAD("1.7") BODY ",\"a_field_from_1_7\":{\"x\":[1]}}");
	REFUSE(HEAD("99.0") BODY "}", "trace format 99.0 is newer than this rngtrace reads (1.x)");
	REFUSE(HEAD("2.0") BODY "}", "newer than this rngtrace reads");
	REFUSE(HEAD("0.9") BODY "}", "older than any rngtrace wrote");
	REFUSE(HEAD("1") BODY "}", "not \"MAJOR.MINOR\"");
	REFUSE(HEAD("1.0.1") BODY "}", "not \"MAJOR.MINOR\"");
	REFUSE(HEAD("1.0x") BODY "}", "not \"MAJOR.MINOR\"");
	REFUSE("{\"format\":\"rngtrace-trace\"," BODY "}", "version is missing");
	REFUSE("{\"format\":\"rngtrace-trace\",\"version\":1.0," BODY "}",
	       "version is missing");
}

static void test_types(void)
{
	REFUSE(HEAD("1.0") "\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[],\"credits\":[]}", "host is missing");
	REFUSE(HEAD("1.0") "\"host\":[]," "\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[],\"credits\":[]}", "host should be an object");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1.5,\"ready_at_load\":false},"
	       "\"events\":[],\"credits\":[]}", "module.load_time_ns should be an integer");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":0},"
	       "\"events\":[],\"credits\":[]}", "module.ready_at_load should be true or false");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1},"
	       "\"events\":[],\"credits\":[]}", "module.ready_at_load is missing");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":{},\"credits\":[]}", "events should be an array");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[7],\"credits\":[]}", "events[0] should be an object");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[{\"seq\":0,\"type\":\"wait\",\"time_ns\":5},"
	       "{\"seq\":\"1\",\"type\":\"wait\",\"time_ns\":5}],\"credits\":[]}",
	       "events[1].seq should be an integer");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[{\"seq\":0,\"type\":\"wait\",\"time_ns\":5,\"comm\":null}],\"credits\":[]}",
	       "events[0].comm should be a string");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[],\"credits\":[{\"source\":\"jitter\"}]}", "credits[0].bits is missing");
	REFUSE(HEAD("1.0") BODY ",\"ready\":{\"time_ns\":5}}", "ready.before_load is missing");
	REFUSE(HEAD("1.0") BODY ",\"ready\":{\"before_load\":false,\"source\":3}}",
	       "ready.source should be a string");
	REFUSE(HEAD("1.0") BODY ",\"ready\":true}", "ready should be an object");
	REFUSE(HEAD("1.0") BODY ",\"hwrngs\":{}}", "hwrngs should be an array");
	REFUSE(HEAD("1.0") "\"host\":{\"arch\":64}," BODY_TAIL, "host.arch should be a string");
	REFUSE(HEAD("1.0") "\"host\":{\"cpu_rng\":\"rng\"}," BODY_TAIL,
	       "host.cpu_rng should be true or false");
	REFUSE(HEAD("1.0") "\"host\":{\"hwrng_current\":7}," BODY_TAIL,
	       "host.hwrng_current should be a string");
	/* a trace from before host.arch and host.cpu_rng */
	ACCEPT(HEAD("1.0") "\"host\":{\"kernel_release\":\"6.1.0-56-amd64\",\"cpu_rdrand\":false}," BODY_TAIL);
}

/* Hostile shapes: deep nesting anywhere, a NUL in a string or a key. */
static void test_hostile_shapes(void)
{
	size_t depth = 100000, i, n = 0;
	char *deep = malloc(8 * depth + 512);	/* {"k": is 5 bytes a level */

	REQUIRE(deep);
	/* in the meta: host nests arrays 100,000 deep */
	n += sprintf(deep, HEAD("1.0") "\"host\":{\"x\":");
	for (i = 0; i < depth; i++)
		deep[n++] = '[';
	for (i = 0; i < depth; i++)
		deep[n++] = ']';
	n += sprintf(deep + n, "},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
		     "\"events\":[],\"credits\":[]}");
	expect(__LINE__, deep, n, "nested deeper than 64 levels");
	/* in an event's unknown key */
	n = sprintf(deep, HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":0,\"type\":\"wait\",\"time_ns\":1,\"x\":");
	for (i = 0; i < depth; i++)
		n += sprintf(deep + n, "{\"k\":");
	deep[n++] = '1';
	for (i = 0; i < depth; i++)
		deep[n++] = '}';
	n += sprintf(deep + n, "}]}");
	expect(__LINE__, deep, n, "nested deeper than 64 levels");
	free(deep);
	/* 63 levels of an unknown field are fine, and ignored */
	ACCEPT(HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":0,\"type\":\"wait\",\"time_ns\":1,"
	       "\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}]}");
	REFUSE(HEAD("1.0") "\"host\":{\"kernel_release\":\"a\\u0000b\"}," BODY_TAIL,
	       "a string with a NUL character");
	REFUSE(HEAD("1.0") "\"host\":{\"a\\u0000\":1}," BODY_TAIL,
	       "a key with a NUL character");
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":0,\"type\":\"wait\",\"time_ns\":1,\"comm\":\"a\\u0000\"}]}",
	       "a string with a NUL character");
	/* integers beyond 64 bits: not valid JSON to the loader, one line */
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":99999999999999999999,\"type\":\"wait\",\"time_ns\":1}]}",
	       "JSON at line 1");
	/* a real where an integer is due */
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":1.5,\"type\":\"wait\",\"time_ns\":1}]}",
	       "events[0].seq should be an integer");
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":1,\"type\":null,\"time_ns\":1}]}",
	       "events[0].type should be a string");
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":[{\"seq\":1,\"type\":\"wait\"}]}",
	       "events[0].time_ns is missing");
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":[7]}", "events[0] should be an object");
	REFUSE(HEAD("1.0") BODY_NO_EVENTS "\"events\":{}}", "events should be an array");
}

/*
 * Every object of the trace is checked against its table (fields.c), the
 * ones inside arrays and objects too: hwrngs[], kmsg[], module.probes[],
 * ready, record.open_waits[].
 */
static void test_every_object(void)
{
	REFUSE(HEAD("1.0") BODY ",\"hwrngs\":[3]}", "hwrngs[0] should be an object");
	REFUSE(HEAD("1.0") BODY ",\"hwrngs\":[{\"quality\":1}]}",
	       "hwrngs[0].name is missing");
	REFUSE(HEAD("1.0") BODY ",\"hwrngs\":[{\"name\":\"a\",\"current\":1}]}",
	       "hwrngs[0].current should be true or false");
	REFUSE(HEAD("1.0") BODY ",\"kmsg\":[{\"time_ns\":1,\"text\":7}]}",
	       "kmsg[0].text should be a string");
	REFUSE(HEAD("1.0") BODY ",\"kmsg\":[{\"text\":\"random: crng init done\"}]}",
	       "kmsg[0].time_ns is missing");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false,"
	       "\"probes\":[{\"symbol\":\"x\",\"hits\":\"many\"}]},\"events\":[],\"credits\":[]}",
	       "module.probes[0].hits should be an integer");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false,"
	       "\"version\":1},\"events\":[],\"credits\":[]}",
	       "module.version should be a string");
	REFUSE(HEAD("1.0") BODY ",\"ready\":{\"before_load\":false,\"seconds\":\"1.5\"}}",
	       "ready.seconds should be a number");
	REFUSE(HEAD("1.0") BODY ",\"recorded_by\":1}", "recorded_by should be a string");
	/* a number is a number, integer or not */
	ACCEPT(HEAD("1.0") BODY ",\"ready\":{\"before_load\":false,\"seconds\":1}}");
	ACCEPT(HEAD("1.0") BODY ",\"ready\":{\"before_load\":false,\"seconds\":1.5}}");
}

static void test_duplicate_keys(void)
{
	REFUSE(HEAD("1.0") BODY ",\"host\":{}}", "duplicate key \"host\"");
	REFUSE(HEAD("1.0") BODY ",\"events\":[]}", "duplicate key \"events\"");
	REFUSE(HEAD("1.0") "\"host\":{\"a\":1,\"a\":2}," BODY "}",
	       "duplicate key \"a\"");
	REFUSE(HEAD("1.0") "\"host\":{},\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
	       "\"events\":[{\"seq\":0,\"seq\":1,\"type\":\"wait\",\"time_ns\":1}],\"credits\":[]}",
	       "events[0]: duplicate key \"seq\"");
}

static void test_load_path(void)
{
	char err[512] = "";
	json_t *t;

	t = rt_trace_load("/nonexistent/x.json", err, sizeof(err));
	CHECK(!t);
	CHECK_STR(err, "/nonexistent/x.json: No such file or directory");

	/* standard input, named as such */
	REQUIRE(freopen("/dev/null", "r", stdin));
	t = rt_trace_load("-", err, sizeof(err));
	CHECK(!t);
	CHECK_STR(err, "standard input: empty file, not a trace");
	REQUIRE(freopen(fixture("r-virtio-rng.json"), "r", stdin));
	t = rt_trace_load("-", err, sizeof(err));
	CHECK(t);
	json_decref(t);
}

static void test_getters(void)
{
	json_error_t jerr;
	json_t *o = json_loads("{\"i\":5,\"s\":\"x\",\"b\":true,\"r\":1.5}", 0, &jerr);

	REQUIRE(o);
	CHECK_INT(rt_json_int(o, "i", -1), 5);
	CHECK_INT(rt_json_int(o, "s", -1), -1);
	CHECK_INT(rt_json_int(o, "r", -1), -1);
	CHECK_INT(rt_json_int(o, "nope", -3), -3);
	CHECK_STR(rt_json_str(o, "s", "d"), "x");
	CHECK_STR(rt_json_str(o, "i", "d"), "d");
	CHECK_INT(rt_json_bool(o, "b", 0), 1);
	CHECK_INT(rt_json_bool(o, "i", 7), 7);
	CHECK_INT(rt_json_int(NULL, "i", 9), 9);
	json_decref(o);
}

static const struct rt_test trace_tests[] = {
	{ "trace: an empty file", test_empty },
	{ "trace: truncated JSON, every prefix", test_truncated },
	{ "trace: garbage", test_garbage },
	{ "trace: an error's line and column, from memory, a file, stdin", test_error_position },
	{ "trace: not an object", test_not_an_object },
	{ "trace: missing or other format", test_format },
	{ "trace: versions 1.x accepted, 99.0 and others refused", test_versions },
	{ "trace: wrong and missing types", test_types },
	{ "trace: duplicate keys", test_duplicate_keys },
	{ "trace: every object against its table, nested ones too", test_every_object },
	{ "trace: deep nesting, NULs, huge and wrong numbers", test_hostile_shapes },
	{ "trace: files and standard input", test_load_path },
	{ "trace: typed getters", test_getters },
	{ NULL, NULL },
};

RT_SUITE(trace_tests)
