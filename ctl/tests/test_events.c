// SPDX-License-Identifier: GPL-2.0
/*
 * Event nests built here as the module builds them (libmnl nests, with
 * NLA_F_NESTED, 64-bit values after a PAD) to rt_event_parse(),
 * rt_event_to_json() in the trace format, rt_event_print_line(); and the
 * follower's sequence number decision.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "evjson.h"
#include "harness.h"

#define FAKE_FAMILY	0x2a
#define T_NS		(5ULL * 1000000000 * 1000 + 123456789ULL)	/* > 32 bits */

static char buf[8192] __attribute__((aligned(8)));
/* What event()'s READY nests say their time and source rest on. */
static uint32_t ready_evidence = RNGTRACE_READY_EVIDENCE_COMPLETER;

static struct nlmsghdr *ntf_header(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = FAKE_FAMILY;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = RNGTRACE_CMD_EVENT_NTF;
	genl->version = RNGTRACE_FAMILY_VERSION;
	return nlh;
}

static void put_u64(struct nlmsghdr *nlh, uint16_t type, uint64_t v)
{
	uintptr_t tail = (uintptr_t)mnl_nlmsg_get_payload_tail(nlh);

	if ((tail + MNL_ATTR_HDRLEN) % 8)
		mnl_attr_put(nlh, RNGTRACE_A_EVENT_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

static void put_head(struct nlmsghdr *nlh, uint64_t seq, uint32_t type)
{
	put_u64(nlh, RNGTRACE_A_EVENT_SEQ, seq);
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TYPE, type);
	put_u64(nlh, RNGTRACE_A_EVENT_TIME_NS, T_NS);
	put_u64(nlh, RNGTRACE_A_EVENT_TIME_MONO_NS, T_NS - 1000);
}

static void put_task(struct nlmsghdr *nlh, uint32_t path, uint32_t flags,
		     int64_t result)
{
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_PID, 4242);
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TGID, 4240);
	mnl_attr_put_strz(nlh, RNGTRACE_A_EVENT_COMM, "sshd");
	mnl_attr_put_strz(nlh, RNGTRACE_A_EVENT_CGROUP, "/system.slice/ssh.service");
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_PATH, path);
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_FLAGS, flags);
	put_u64(nlh, RNGTRACE_A_EVENT_BYTES, 16);
	put_u64(nlh, RNGTRACE_A_EVENT_RESULT, (uint64_t)result);
}

/* One EVENT nest of @type in a fresh notification; the nest. */
static const struct nlattr *event(uint32_t type)
{
	struct nlmsghdr *nlh = ntf_header();
	struct nlattr *nest = mnl_attr_nest_start(nlh, RNGTRACE_A_EVENTS_EVENT);

	put_head(nlh, 77, type);
	switch (type) {
	case RNGTRACE_EVENT_TYPE_READY:
	case RNGTRACE_EVENT_TYPE_CREDIT:
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_SOURCE, RNGTRACE_SOURCE_JITTER);
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_BITS, 1);
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TOTAL_BITS, 256);
		mnl_attr_put_strz(nlh, RNGTRACE_A_EVENT_CALLER, "entropy_timer");
		if (type == RNGTRACE_EVENT_TYPE_READY)
			mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_EVIDENCE,
					 ready_evidence);
		break;
	case RNGTRACE_EVENT_TYPE_WAIT:
		put_u64(nlh, RNGTRACE_A_EVENT_START_NS, T_NS - 1500000000ULL);
		put_task(nlh, RNGTRACE_PATH_GETRANDOM, 0, 16);
		break;
	case RNGTRACE_EVENT_TYPE_UNSEEDED:
		put_task(nlh, RNGTRACE_PATH_DEV_RANDOM, 04000, -EAGAIN);
		break;
	case RNGTRACE_EVENT_TYPE_HWRNG_REGISTER:
	case RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER:
		mnl_attr_put_strz(nlh, RNGTRACE_A_EVENT_NAME, "virtio_rng.0");
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_QUALITY, 1000);
		break;
	}
	/* A newer module's attribute is ignored. */
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_MAX + 1, 0xdeadbeef);
	mnl_attr_nest_end(nlh, nest);
	/*
	 * A precondition of the test that uses it, not a case of its own:
	 * the nest carries NLA_F_NESTED, as the kernel's do, for the parser
	 * to mask.
	 */
	if (!(nest->nla_type & NLA_F_NESTED) ||
	    mnl_attr_get_type(nest) != RNGTRACE_A_EVENTS_EVENT)
		rt_test_fail(__FILE__, __LINE__,
			     "fixture: the fake event nest is not a flagged EVENT nest");
	return nest;
}

static void check_line(uint32_t type, const char *want, bool whole);

static json_t *to_json(uint32_t type)
{
	char why[128] = "untouched";
	json_t *j = rt_event_nest_to_json(event(type), why, sizeof(why));

	if (!j)
		rt_test_fail(__FILE__, __LINE__, "rt_event_nest_to_json: %s", why);
	return j;
}

#define JINT(j, k) json_integer_value(json_object_get((j), (k)))
#define JSTR(j, k) json_string_value(json_object_get((j), (k)))

static void check_common(json_t *j, const char *type)
{
	CHECK_INT(JINT(j, "seq"), 77);
	CHECK_STR(JSTR(j, "type"), type);
	CHECK_U64(JINT(j, "time_ns"), T_NS);
	CHECK_U64(JINT(j, "time_mono_ns"), T_NS - 1000);
}

static void t_credit(void)
{
	json_t *j = to_json(RNGTRACE_EVENT_TYPE_CREDIT);

	REQUIRE(j);
	check_common(j, "credit");
	CHECK_STR(JSTR(j, "source"), "jitter");
	CHECK_INT(JINT(j, "bits"), 1);
	CHECK_INT(JINT(j, "total_bits"), 256);
	CHECK_STR(JSTR(j, "caller"), "entropy_timer");
	CHECK(!json_object_get(j, "pid"));
	CHECK(!json_object_get(j, "start_ns"));
	CHECK_INT(json_object_size(j), 8);
	json_decref(j);
}

static void t_ready(void)
{
	json_t *j = to_json(RNGTRACE_EVENT_TYPE_READY);

	REQUIRE(j);
	check_common(j, "ready");
	CHECK_STR(JSTR(j, "source"), "jitter");
	CHECK_INT(JINT(j, "total_bits"), 256);
	CHECK_STR(JSTR(j, "evidence"), "completer");
	json_decref(j);
}

/* A READY the module inferred says what from, in JSON and in text. */
static void t_ready_inferred(void)
{
	json_t *j;

	ready_evidence = RNGTRACE_READY_EVIDENCE_SET_READY;
	j = to_json(RNGTRACE_EVENT_TYPE_READY);
	REQUIRE(j);
	CHECK_STR(JSTR(j, "evidence"), "set-ready");
	json_decref(j);
	check_line(RNGTRACE_EVENT_TYPE_READY,
		   "by entropy_timer (inferred from set-ready)\n", false);
	ready_evidence = RNGTRACE_READY_EVIDENCE_COMPLETER;
	check_line(RNGTRACE_EVENT_TYPE_READY,
		   "#77 5000.123 s ready jitter 1 bits, pool 256, by entropy_timer\n",
		   true);
}

static void t_wait(void)
{
	json_t *j = to_json(RNGTRACE_EVENT_TYPE_WAIT);

	REQUIRE(j);
	check_common(j, "wait");
	CHECK_U64(JINT(j, "start_ns"), T_NS - 1500000000ULL);
	CHECK_INT(JINT(j, "pid"), 4242);
	CHECK_INT(JINT(j, "tgid"), 4240);
	CHECK_STR(JSTR(j, "comm"), "sshd");
	CHECK_STR(JSTR(j, "cgroup"), "/system.slice/ssh.service");
	CHECK_STR(JSTR(j, "path"), "getrandom");
	CHECK_INT(JINT(j, "flags"), 0);
	CHECK_INT(JINT(j, "bytes"), 16);
	CHECK_INT(JINT(j, "result"), 16);
	CHECK(!json_object_get(j, "source"));
	CHECK_INT(json_object_size(j), 13);
	json_decref(j);
}

static void t_unseeded(void)
{
	json_t *j = to_json(RNGTRACE_EVENT_TYPE_UNSEEDED);

	REQUIRE(j);
	check_common(j, "unseeded");
	CHECK_STR(JSTR(j, "path"), "dev_random");
	CHECK_INT(JINT(j, "flags"), 04000);
	CHECK_INT(JINT(j, "result"), -EAGAIN);	/* s64, negative */
	CHECK(!json_object_get(j, "start_ns"));
	json_decref(j);
}

static void t_hwrng(void)
{
	json_t *j = to_json(RNGTRACE_EVENT_TYPE_HWRNG_REGISTER), *u;

	REQUIRE(j);
	check_common(j, "hwrng-register");
	CHECK_STR(JSTR(j, "name"), "virtio_rng.0");
	CHECK_INT(JINT(j, "quality"), 1000);
	CHECK_INT(json_object_size(j), 6);
	u = to_json(RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER);
	REQUIRE(u);
	CHECK_STR(JSTR(u, "type"), "hwrng-unregister");
	json_decref(j);
	json_decref(u);
}

/* An event type this controller predates is still an event. */
static void t_future_type(void)
{
	json_t *j = to_json(RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER + 5);

	REQUIRE(j);
	CHECK_STR(JSTR(j, "type"), "unknown");
	json_decref(j);
}

static void t_missing_seq(void)
{
	struct nlmsghdr *nlh = ntf_header();
	struct nlattr *nest = mnl_attr_nest_start(nlh, RNGTRACE_A_EVENTS_EVENT);
	struct rt_event ev;
	char why[128] = "";

	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TYPE, RNGTRACE_EVENT_TYPE_WAIT);
	mnl_attr_nest_end(nlh, nest);
	CHECK_INT(rt_event_parse(nest, false, &ev, why, sizeof(why)), -EBADMSG);
	CHECK_STR(why, "event without seq");
	/* ...which a WAITING nest of STATUS may be. */
	CHECK_INT(rt_event_parse(nest, true, &ev, why, sizeof(why)), 0);
}

static void t_bad_width(void)
{
	struct nlmsghdr *nlh = ntf_header();
	struct nlattr *nest = mnl_attr_nest_start(nlh, RNGTRACE_A_EVENTS_EVENT);
	struct rt_event ev;
	char why[128] = "";

	put_u64(nlh, RNGTRACE_A_EVENT_SEQ, 1);
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TYPE, 0);
	mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TIME_NS, 5);	/* u64 */
	mnl_attr_nest_end(nlh, nest);
	CHECK_INT(rt_event_parse(nest, false, &ev, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "time-ns has a 4-byte payload");
}

/* What rt_event_print_line() prints for @ev; free() it. */
static char *line_of(const struct rt_event *ev, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	if (rt_event_print_line(f, json, ev))
		fputs("rt_event_print_line failed", f);
	fclose(f);
	return text;
}

static void check_line(uint32_t type, const char *want, bool whole)
{
	struct rt_event ev;
	char why[128], *line;

	REQUIRE(rt_event_parse(event(type), false, &ev, why, sizeof(why)) == 0);
	line = line_of(&ev, false);
	REQUIRE(line);
	if (whole)
		CHECK_STR(line, want);
	else
		CHECK_CONTAINS(line, want);
	free(line);
}

static void t_format(void)
{
	check_line(RNGTRACE_EVENT_TYPE_WAIT, "#77 5000.123 s wait getrandom pid 4242 (sshd) unit ssh.service, 16 bytes, flags 0, result 16, waited 1.500 s\n", true);
	check_line(RNGTRACE_EVENT_TYPE_CREDIT, "#77 5000.123 s credit jitter 1 bits, pool 256, by entropy_timer\n", true);
	check_line(RNGTRACE_EVENT_TYPE_UNSEEDED, " unseeded dev_random pid 4242 (sshd) unit ssh.service, 16 bytes, flags 0x800, result -11\n", false);
	check_line(RNGTRACE_EVENT_TYPE_HWRNG_REGISTER, "#77 5000.123 s hwrng-register virtio_rng.0, quality 1000\n", true);
}

/* --json prints the trace's events[] object, compact, on one line. */
static void t_json_line(void)
{
	static const uint32_t types[] = {
		RNGTRACE_EVENT_TYPE_CREDIT, RNGTRACE_EVENT_TYPE_READY,
		RNGTRACE_EVENT_TYPE_WAIT, RNGTRACE_EVENT_TYPE_UNSEEDED,
		RNGTRACE_EVENT_TYPE_HWRNG_REGISTER,
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct rt_event ev;
		char why[128], *line;
		json_t *got, *want;

		REQUIRE(rt_event_parse(event(types[i]), false, &ev, why,
				       sizeof(why)) == 0);
		line = line_of(&ev, true);
		REQUIRE(line);
		CHECK_INT(strchr(line, '\n') - line, (long)strlen(line) - 1);
		got = json_loads(line, 0, NULL);
		want = rt_event_to_json(&ev);
		CHECK(got && want && json_equal(got, want));
		json_decref(got);
		json_decref(want);
		free(line);
	}
}

/*
 * Text and JSON of one event carry the same values: each value of the
 * JSON line, printed the way text prints it, is in the text line. Two
 * events apart in every value, so that a text field printing another
 * quantity, or a constant, shows.
 */
static void check_same_values(const struct rt_event *ev)
{
	char *text = line_of(ev, false), *js = line_of(ev, true), want[128];
	json_t *j = js ? json_loads(js, 0, NULL) : NULL;
	long long t = JINT(j, "time_ns"), s = JINT(j, "start_ns");

	REQUIRE(text && j);
	snprintf(want, sizeof(want), "#%lld ", JINT(j, "seq"));
	CHECK(!strncmp(text, want, strlen(want)));
	snprintf(want, sizeof(want), " %.3f s %s ", t / 1e9, JSTR(j, "type"));
	CHECK_CONTAINS(text, want);
	snprintf(want, sizeof(want), " %s pid %lld (%s) unit ", JSTR(j, "path"),
		 JINT(j, "pid"), JSTR(j, "comm"));
	CHECK_CONTAINS(text, want);
	snprintf(want, sizeof(want), ", %lld bytes, flags %#llx, result %lld, waited %.3f s\n",
		 JINT(j, "bytes"), JINT(j, "flags"), JINT(j, "result"),
		 (t - s) / 1e9);
	if (!JINT(j, "flags"))	/* %#x of 0 is 0 */
		snprintf(want, sizeof(want), ", %lld bytes, flags 0, result %lld, waited %.3f s\n",
			 JINT(j, "bytes"), JINT(j, "result"), (t - s) / 1e9);
	CHECK_CONTAINS(text, want);
	json_decref(j);
	free(text);
	free(js);
}

static void t_same_values(void)
{
	struct rt_event a = {
		.has_seq = true, .has_type = true, .has_time = true,
		.has_start = true, .has_pid = true, .has_tgid = true,
		.has_path = true, .has_flags = true, .has_bytes = true,
		.has_result = true,
		.seq = 12, .type = RNGTRACE_EVENT_TYPE_WAIT,
		.time_ns = 9876543210ULL, .start_ns = 1234567890ULL,
		.pid = 300, .tgid = 299, .path = RNGTRACE_PATH_GETRANDOM,
		.flags = 0, .bytes = 32, .result = 32,
		.comm = "systemd", .cgroup = "/init.scope",
	};
	struct rt_event b = a;

	check_same_values(&a);
	b.seq = 4000000000ULL;
	b.time_ns = 123456789012ULL;
	b.start_ns = 23456789012ULL;
	b.pid = 77;
	b.path = RNGTRACE_PATH_DEV_RANDOM;
	b.flags = 1;
	b.bytes = 5;
	b.result = -4;
	snprintf(b.comm, sizeof(b.comm), "cat");
	check_same_values(&b);
}

/* Each line reaches the reader before the next event: --follow streams. */
static void t_streams(void)
{
	struct rt_event ev;
	char why[128], got[1024];
	int fds[2], i;
	bool json;
	FILE *w;

	REQUIRE(rt_event_parse(event(RNGTRACE_EVENT_TYPE_CREDIT), false, &ev,
			       why, sizeof(why)) == 0);
	for (i = 0; i < 2; i++) {
		ssize_t n;

		json = i;
		REQUIRE(pipe(fds) == 0);
		w = fdopen(fds[1], "w");
		REQUIRE(w);
		/* Fully buffered, as stdout is into a pipe. */
		setvbuf(w, NULL, _IOFBF, 65536);
		CHECK_INT(rt_event_print_line(w, json, &ev), 0);
		/* Not closed: what is in the pipe is what was flushed. */
		n = read(fds[0], got, sizeof(got) - 1);
		REQUIRE(n > 0);
		got[n] = '\0';
		CHECK(got[n - 1] == '\n');
		CHECK_INT(strchr(got, '\n') - got, n - 1);
		CHECK_CONTAINS(got, json ? "\"seq\":77" : "#77 ");
		fclose(w);
		close(fds[0]);
	}
}

static void t_seq_check(void)
{
	/* The first event: whatever seq the ring starts at. */
	CHECK_INT(rt_seq_check(0, false, 0), RT_SEQ_NEXT);
	CHECK_INT(rt_seq_check(0, false, 17), RT_SEQ_NEXT);
	/* --since 10: older ones are not wanted even first. */
	CHECK_INT(rt_seq_check(10, false, 9), RT_SEQ_OLD);
	CHECK_INT(rt_seq_check(10, true, 10), RT_SEQ_NEXT);
	/* A duplicate (dump, then its notification) is dropped. */
	CHECK_INT(rt_seq_check(11, true, 10), RT_SEQ_OLD);
	CHECK_INT(rt_seq_check(11, true, 0), RT_SEQ_OLD);
	/* A later one is a gap. */
	CHECK_INT(rt_seq_check(11, true, 12), RT_SEQ_GAP);
}

static const struct rt_test events_tests[] = {
	{ "evjson: a credit event", t_credit },
	{ "evjson: a ready event", t_ready },
	{ "evjson: an inferred ready says from what", t_ready_inferred },
	{ "evjson: a wait event", t_wait },
	{ "evjson: an unseeded event, negative result", t_unseeded },
	{ "evjson: hwrng-register and -unregister events", t_hwrng },
	{ "evjson: an event type from a newer module", t_future_type },
	{ "evjson: an event without seq is refused, a waiting nest is not", t_missing_seq },
	{ "evjson: a u32-sized time-ns is refused", t_bad_width },
	{ "events: one line per event", t_format },
	{ "events --json: one compact line, the trace's events[] object", t_json_line },
	{ "events: text and JSON carry the same values", t_same_values },
	{ "events: each event is flushed as one line (text, JSON)", t_streams },
	{ "events: seq decisions: first, old, next, gap", t_seq_check },
	{ NULL, NULL }
};

RT_SUITE(events_tests)
