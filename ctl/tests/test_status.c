// SPDX-License-Identifier: GPL-2.0
/*
 * status_parse(), status_to_json() and status_print() on replies built
 * here, the way the module builds them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "harness.h"
#include "jsonout.h"
#include "nl.h"
#include "status.h"
#include "statusprint.h"

#define FAKE_FAMILY	0x2a

/* More than 32 bits, so that a truncation shows. */
#define LOAD_NS		(5ULL * 1000000000 * 1000 + 1234567891ULL)
#define LOAD_MONO_NS	(4ULL * 1000000000 * 1000 + 987654321ULL)

/* What a reply leaves out or gets wrong. */
enum {
	OMIT_VERSION		= 1 << 0,
	OMIT_CRNG_READY		= 1 << 1,
	OMIT_READY_AT_LOAD	= 1 << 2,
	OMIT_LOAD_TIME		= 1 << 3,
	OMIT_LOAD_TIME_MONO	= 1 << 4,
	U8_CRNG_READY		= 1 << 5,
	U32_LOAD_TIME		= 1 << 6,
	NO_NUL_VERSION		= 1 << 7,
	FUTURE_ATTRS		= 1 << 8,
};

static char buf[4096] __attribute__((aligned(8)));

static struct nlmsghdr *reply_header(uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = FAKE_FAMILY;
	nlh->nlmsg_seq = 7;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = RNGTRACE_FAMILY_VERSION;
	return nlh;
}

/* A u64 as nla_put_u64_64bit() puts it: a PAD first when unaligned. */
static void put_u64_64bit(struct nlmsghdr *nlh, uint16_t type, uint64_t v)
{
	uintptr_t tail = (uintptr_t)mnl_nlmsg_get_payload_tail(nlh);

	if ((tail + MNL_ATTR_HDRLEN) % 8)
		mnl_attr_put(nlh, RNGTRACE_A_STATUS_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

/*
 * The fakes are checked where they are built, as a precondition of the
 * test that uses them (never a test case of their own): a fake that lost
 * what it is there to carry fails that test.
 */
static void fake_has_pad_and_future(const struct nlmsghdr *nlh)
{
	const struct nlattr *attr;
	bool pad = false, future = false;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		pad |= mnl_attr_get_type(attr) == RNGTRACE_A_STATUS_PAD;
		future |= mnl_attr_get_type(attr) > RNGTRACE_A_STATUS_MAX;
	}
	if (!pad || !future)
		rt_test_fail(__FILE__, __LINE__,
			     "fixture: the fake reply lacks a PAD or a future attribute");
}

static struct nlmsghdr *reply(const char *version, uint32_t ready,
			      uint32_t at_load, unsigned int how)
{
	struct nlmsghdr *nlh = reply_header(RNGTRACE_CMD_STATUS_GET);

	if (how & FUTURE_ATTRS)
		mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_MAX + 1, 0xdeadbeef);
	if (how & NO_NUL_VERSION)
		mnl_attr_put(nlh, RNGTRACE_A_STATUS_VERSION, strlen(version),
			     version);
	else if (!(how & OMIT_VERSION))
		mnl_attr_put_strz(nlh, RNGTRACE_A_STATUS_VERSION, version);
	if (how & U8_CRNG_READY)
		mnl_attr_put_u8(nlh, RNGTRACE_A_STATUS_CRNG_READY, ready);
	else if (!(how & OMIT_CRNG_READY))
		mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_CRNG_READY, ready);
	if (!(how & OMIT_READY_AT_LOAD))
		mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_READY_AT_LOAD, at_load);
	if (how & FUTURE_ATTRS)
		mnl_attr_put_strz(nlh, 0x7fff, "from a newer module");
	if (how & U32_LOAD_TIME)
		mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_LOAD_TIME_NS, 1);
	else if (!(how & OMIT_LOAD_TIME))
		put_u64_64bit(nlh, RNGTRACE_A_STATUS_LOAD_TIME_NS, LOAD_NS);
	if (!(how & OMIT_LOAD_TIME_MONO))
		put_u64_64bit(nlh, RNGTRACE_A_STATUS_LOAD_TIME_MONO_NS,
			      LOAD_MONO_NS);
	if (how & FUTURE_ATTRS)
		fake_has_pad_and_future(nlh);
	return nlh;
}

static void t_parse_full(void)
{
	struct nlmsghdr *nlh = reply("0.1.0+gdeadbee", 1, 0, FUTURE_ATTRS);
	struct rt_status st;
	char why[160] = "untouched";

	REQUIRE(status_parse(nlh, &st, why, sizeof(why)) == 0);
	CHECK_STR(why, "");
	CHECK_STR(st.version, "0.1.0+gdeadbee");
	CHECK(st.crng_ready);
	CHECK(!st.ready_at_load);
	CHECK_U64(st.load_time_ns, LOAD_NS);
	CHECK_U64(st.load_time_mono_ns, LOAD_MONO_NS);
}

/* The other way round, so that two swapped fields cannot pass. */
static void t_parse_flags(void)
{
	struct nlmsghdr *nlh = reply("9.9", 0, 1, 0);
	struct rt_status st;
	char why[160];

	REQUIRE(status_parse(nlh, &st, why, sizeof(why)) == 0);
	CHECK_STR(st.version, "9.9");
	CHECK(!st.crng_ready);
	CHECK(st.ready_at_load);
}

/* The fake reply really has a PAD, and attributes past the max. */
static void t_missing_crng_ready(void)
{
	struct nlmsghdr *nlh = reply("0.1.0", 1, 1, OMIT_CRNG_READY);
	struct rt_status st;
	char why[160] = "";

	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "crng-ready");
	CHECK_CONTAINS(why, "missing");
}

static void t_missing_each(void)
{
	static const struct {
		unsigned int how;
		const char *name;
	} cases[] = {
		{ OMIT_VERSION, "version" },
		{ OMIT_CRNG_READY, "crng-ready" },
		{ OMIT_READY_AT_LOAD, "ready-at-load" },
		{ OMIT_LOAD_TIME, "load-time-ns" },
		{ OMIT_LOAD_TIME_MONO, "load-time-mono-ns" },
	};
	struct rt_status st;
	char why[160], want[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nlmsghdr *nlh = reply("0.1.0", 1, 1, cases[i].how);

		why[0] = '\0';
		CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
		snprintf(want, sizeof(want), "attribute %s is missing",
			 cases[i].name);
		CHECK_STR(why, want);
	}
}

static void t_u8_crng_ready(void)
{
	struct nlmsghdr *nlh = reply("0.1.0", 1, 1, U8_CRNG_READY);
	struct rt_status st;
	char why[160] = "";

	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "crng-ready has a 1-byte payload");
}

static void t_u32_load_time(void)
{
	struct nlmsghdr *nlh = reply("0.1.0", 1, 1, U32_LOAD_TIME);
	struct rt_status st;
	char why[160] = "";

	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "load-time-ns has a 4-byte payload");
}

static void t_version_without_nul(void)
{
	struct nlmsghdr *nlh = reply("0.1.0", 1, 1, NO_NUL_VERSION);
	struct rt_status st;
	char why[160] = "";

	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "version is not NUL-terminated");
}

static void t_version_too_long(void)
{
	char version[200];
	struct nlmsghdr *nlh;
	struct rt_status st;
	char why[160] = "";

	memset(version, 'v', sizeof(version) - 1);
	version[sizeof(version) - 1] = '\0';
	nlh = reply(version, 1, 1, 0);
	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "too long");
}

static void t_short_header(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rt_status st;
	char why[160] = "";

	nlh->nlmsg_type = FAKE_FAMILY;
	mnl_nlmsg_put_extra_header(nlh, GENL_HDRLEN);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + 2;	/* half a genlmsghdr */
	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "too short");
}

static void t_other_command(void)
{
	struct nlmsghdr *nlh = reply("0.1.0", 1, 1, 0);
	struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct rt_status st;
	char why[160] = "";

	genl->cmd = RNGTRACE_CMD_STATUS_GET + 1;
	CHECK_INT(status_parse(nlh, &st, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "not status-get");
}

static const struct rt_status sample = {
	.version = "0.1.0",
	.crng_ready = true,
	.ready_at_load = false,
	.load_time_ns = LOAD_NS,
	.load_time_mono_ns = LOAD_MONO_NS,
};

static void t_json_keys(void)
{
	json_t *j = status_to_json(&sample), *v;

	REQUIRE(j && json_is_object(j));
	/*
	 * The five of old, and the rest of STATUS (status_full_json checks);
	 * no waiting list, which WAITING_GET gives and the sample has not.
	 */
	CHECK_INT(json_object_size(j), 16);
	CHECK(!json_object_get(j, "waiting"));
	CHECK_STR(json_string_value(json_object_get(j, "version")), "0.1.0");
	CHECK(json_is_true(json_object_get(j, "crng_ready")));
	CHECK(json_is_false(json_object_get(j, "ready_at_load")));
	v = json_object_get(j, "load_time_ns");
	CHECK(json_is_integer(v));
	CHECK_U64(json_integer_value(v), LOAD_NS);
	v = json_object_get(j, "load_time_mono_ns");
	CHECK(json_is_integer(v));
	CHECK_U64(json_integer_value(v), LOAD_MONO_NS);
	json_decref(j);
}

static void t_json_flags(void)
{
	struct rt_status st = sample;
	json_t *j;

	st.crng_ready = false;
	st.ready_at_load = true;
	j = status_to_json(&st);
	REQUIRE(j);
	CHECK(json_is_false(json_object_get(j, "crng_ready")));
	CHECK(json_is_true(json_object_get(j, "ready_at_load")));
	json_decref(j);
}

/* What status_print() prints, text or JSON. */
static char *print_to_string(bool json, const struct rt_status *st)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	if (status_print(f, json, st))
		fputs("status_print failed", f);
	fclose(f);
	return text;
}

/* What --json prints is one JSON document, the same as status_to_json(). */
static void t_json_output(void)
{
	char *text = print_to_string(true, &sample);
	json_t *want = status_to_json(&sample), *got;
	json_error_t jerr;

	REQUIRE(text && want);
	got = json_loads(text, 0, &jerr);
	if (!got)
		rt_test_fail(__FILE__, __LINE__, "json_loads: %s", jerr.text);
	CHECK(got && json_equal(got, want));
	CHECK(text[strlen(text) - 1] == '\n');
	json_decref(got);
	json_decref(want);
	free(text);
}

static void t_print_ready(void)
{
	static const char head[] =
		"module:        rngtrace 0.1.0\n"
		"crng:          ready\n"
		"ready at load: no\n"
		"loaded at:     5001.235 s after boot (CLOCK_BOOTTIME)\n"
		"               4000.988 s on CLOCK_MONOTONIC\n"
		"ready:         yes, time unknown\n";
	char *text = print_to_string(false, &sample);

	REQUIRE(text);
	if (strncmp(text, head, strlen(head)))
		rt_test_fail(__FILE__, __LINE__, "output starts with \"%s\": \"%s\"",
			     head, text);
	free(text);
}

static void t_print_not_ready(void)
{
	struct rt_status st = sample;
	char *text;

	st.crng_ready = false;
	st.ready_at_load = true;
	st.load_time_ns = 1234567000;
	text = print_to_string(false, &st);
	CHECK_CONTAINS(text, "crng:          not ready\n");
	CHECK_CONTAINS(text, "ready at load: yes\n");
	CHECK_CONTAINS(text, "loaded at:     1.235 s after boot");
	free(text);
}


/* The rest of STATUS: every optional attribute, CREDIT and WAITING nests. */
#define READY_NS	(7ULL * 1000000000 + 250000000ULL)
#define NOW_NS		(9ULL * 1000000000)

static void put_credit(struct nlmsghdr *nlh, uint32_t source, uint64_t bits,
		       uint64_t count, bool omit_bits)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, RNGTRACE_A_STATUS_CREDIT);

	mnl_attr_put_u32(nlh, RNGTRACE_A_CREDIT_SOURCE, source);
	if (!omit_bits)
		put_u64_64bit(nlh, RNGTRACE_A_CREDIT_BITS, bits);
	put_u64_64bit(nlh, RNGTRACE_A_CREDIT_COUNT, count);
	mnl_attr_nest_end(nlh, nest);
}

/* WAITING_GET's reply: one message, one event nest, as the module sends. */
static char wbuf[4096] __attribute__((aligned(8)));

static struct nlmsghdr *waiting_msg(uint32_t pid, const char *comm,
				    const char *cgroup, uint32_t path,
				    uint64_t start, int nests)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(wbuf);
	struct genlmsghdr *genl;
	int i;

	nlh->nlmsg_type = FAKE_FAMILY;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = RNGTRACE_CMD_WAITING_GET;
	genl->version = RNGTRACE_FAMILY_VERSION;
	for (i = 0; i < nests; i++) {
		struct nlattr *nest = mnl_attr_nest_start(nlh, RNGTRACE_A_EVENTS_EVENT);

		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TYPE, RNGTRACE_EVENT_TYPE_WAIT);
		put_u64_64bit(nlh, RNGTRACE_A_EVENT_TIME_NS, start);
		put_u64_64bit(nlh, RNGTRACE_A_EVENT_START_NS, start);
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_PID, pid);
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_TGID, pid - 1);
		mnl_attr_put_strz(nlh, RNGTRACE_A_EVENT_COMM, comm);
		mnl_attr_put_strz(nlh, RNGTRACE_A_EVENT_CGROUP, cgroup);
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_PATH, path);
		mnl_attr_put_u32(nlh, RNGTRACE_A_EVENT_FLAGS, 0);
		put_u64_64bit(nlh, RNGTRACE_A_EVENT_BYTES, 16);
		mnl_attr_nest_end(nlh, nest);
	}
	return nlh;
}

/* One WAITING_GET message read into @st, as status_fetch() does. */
static void put_waiting(struct rt_status *st, uint32_t pid, const char *comm,
			const char *cgroup, uint32_t path, uint64_t start)
{
	char why[160] = "";

	REQUIRE(waiting_parse(waiting_msg(pid, comm, cgroup, path, start, 1),
			      &st->waiting[st->nwaiting], why, sizeof(why)) == 0);
	st->nwaiting++;
	st->nwaiting_total++;
	st->has_waiting = true;
}

/* The two waits in flight of full_reply()'s boot, WAITING_GET's. */
static void full_waiting(struct rt_status *st)
{
	put_waiting(st, 101, "sshd", "/system.slice/ssh.service",
		    RNGTRACE_PATH_GETRANDOM, NOW_NS - 1500000000ULL);
	put_waiting(st, 202, "cat", "/", RNGTRACE_PATH_DEV_RANDOM,
		    NOW_NS - 250000ULL);
}

/* The nests really carry NLA_F_NESTED, which the parser must mask. */
static void fake_nests_flagged(const struct nlmsghdr *nlh, int want)
{
	const struct nlattr *attr;
	int flagged = 0;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
		flagged += !!(attr->nla_type & NLA_F_NESTED);
	if (flagged != want)
		rt_test_fail(__FILE__, __LINE__,
			     "fixture: %d nests of the fake STATUS carry NLA_F_NESTED, not %d",
			     flagged, want);
}

static struct nlmsghdr *full_reply(bool bad_credit)
{
	struct nlmsghdr *nlh = reply("0.2.0", 1, 0, 0);

	put_u64_64bit(nlh, RNGTRACE_A_STATUS_READY_TIME_NS, READY_NS);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_READY_TIME_MONO_NS, READY_NS - 5);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_READY_SOURCE,
			 RNGTRACE_SOURCE_JITTER);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_PRINTK_OFFSET_NS, (uint64_t)-42);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_POOL_BITS_AT_LOAD, 40);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_CREDITED_BITS, 216);
	put_credit(nlh, RNGTRACE_SOURCE_INTERRUPTS, 17, 3, false);
	put_credit(nlh, RNGTRACE_SOURCE_JITTER, 199, 5, bad_credit);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_WAITS, 3);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_WAITS_IN_FLIGHT, 2);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_UNSEEDED_READS, 4);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_RING_SIZE, 4096);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_EVENTS_WRITTEN, 120);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_EVENTS_DROPPED, 7);
	put_u64_64bit(nlh, RNGTRACE_A_STATUS_WAITS_LOST, 2);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_ARMED, 1);
	mnl_attr_put_u32(nlh, RNGTRACE_A_STATUS_KEEP_ARMED, 0);
	fake_nests_flagged(nlh, 2);
	return nlh;
}

static void t_parse_rest(void)
{
	static struct rt_status st;
	char why[160] = "";

	REQUIRE(status_parse(full_reply(false), &st, why, sizeof(why)) == 0);
	CHECK(st.has_in_flight);
	CHECK_INT(st.in_flight, 2);
	CHECK(!st.has_waiting);		/* STATUS lists nobody */
	full_waiting(&st);
	CHECK_STR(st.version, "0.2.0");
	CHECK(st.has_ready_time);
	CHECK_U64(st.ready_time_ns, READY_NS);
	CHECK_U64(st.ready_time_mono_ns, READY_NS - 5);
	CHECK(st.has_ready_source);
	CHECK_INT(st.ready_source, RNGTRACE_SOURCE_JITTER);
	CHECK(st.has_printk_offset);
	CHECK_INT(st.printk_offset_ns, -42);
	CHECK_INT(st.pool_bits_at_load, 40);
	CHECK_INT(st.credited_bits, 216);
	REQUIRE(st.ncredits == 2);
	CHECK_INT(st.credits[0].source, RNGTRACE_SOURCE_INTERRUPTS);
	CHECK_U64(st.credits[0].bits, 17);
	CHECK_U64(st.credits[0].count, 3);
	CHECK_INT(st.credits[1].source, RNGTRACE_SOURCE_JITTER);
	CHECK_U64(st.credits[1].bits, 199);
	CHECK_U64(st.credits[1].count, 5);
	CHECK_U64(st.waits, 3);
	REQUIRE(st.nwaiting == 2);
	CHECK_INT(st.nwaiting_total, 2);
	CHECK_INT(st.waiting[0].pid, 101);
	CHECK_INT(st.waiting[0].tgid, 100);
	CHECK_STR(st.waiting[0].comm, "sshd");
	CHECK_STR(st.waiting[0].cgroup, "/system.slice/ssh.service");
	CHECK_INT(st.waiting[0].path, RNGTRACE_PATH_GETRANDOM);
	CHECK_U64(st.waiting[0].start_ns, NOW_NS - 1500000000ULL);
	CHECK(!st.waiting[0].has_seq);
	CHECK(!st.waiting[0].has_result);
	CHECK_INT(st.waiting[1].pid, 202);
	CHECK_INT(st.waiting[1].path, RNGTRACE_PATH_DEV_RANDOM);
	CHECK_U64(st.unseeded_reads, 4);
	CHECK_INT(st.ring_size, 4096);
	CHECK_U64(st.events_written, 120);
	CHECK_U64(st.events_dropped, 7);
	CHECK_U64(st.waits_lost, 2);
	CHECK(st.armed);
	CHECK(!st.keep_armed);
}

static void t_bad_credit(void)
{
	static struct rt_status st;
	char why[160] = "";

	CHECK_INT(status_parse(full_reply(true), &st, why, sizeof(why)),
		  -EBADMSG);
	CHECK_STR(why, "credit: attribute bits is missing");
}

static void t_old_reply_defaults(void)
{
	static struct rt_status st;
	char why[160];

	REQUIRE(status_parse(reply("0.1.0", 0, 0, 0), &st, why, sizeof(why)) == 0);
	CHECK(!st.has_ready_time);
	CHECK(!st.has_printk_offset);
	CHECK_INT(st.ncredits, 0);
	CHECK(!st.has_in_flight);
	CHECK_INT(st.in_flight, 0);
	CHECK_INT(st.nwaiting, 0);
	CHECK_INT(st.ring_size, 0);
}

static void t_json_rest(void)
{
	static struct rt_status st;
	char why[160];
	json_t *j, *w, *r, *c;

	REQUIRE(status_parse(full_reply(false), &st, why, sizeof(why)) == 0);
	full_waiting(&st);
	st.now_ns = NOW_NS;
	j = status_to_json(&st);
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "waits_in_flight")), 2);
	CHECK(!json_object_get(j, "waiting_unavailable"));
	r = json_object_get(j, "ready");
	REQUIRE(json_is_object(r));
	CHECK(json_is_false(json_object_get(r, "before_load")));
	CHECK_U64(json_integer_value(json_object_get(r, "time_ns")), READY_NS);
	CHECK_STR(json_string_value(json_object_get(r, "source")), "jitter");
	CHECK_INT(json_integer_value(json_object_get(j, "pool_bits_at_load")), 40);
	c = json_object_get(j, "credits");
	REQUIRE(json_array_size(c) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(c, 1), "source")),
		  "jitter");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(c, 1), "bits")),
		  199);
	w = json_object_get(j, "waiting");
	REQUIRE(json_array_size(w) == 2);
	w = json_array_get(w, 0);
	CHECK_INT(json_integer_value(json_object_get(w, "pid")), 101);
	CHECK_STR(json_string_value(json_object_get(w, "unit")), "ssh.service");
	CHECK_STR(json_string_value(json_object_get(w, "path")), "getrandom");
	CHECK_INT(json_integer_value(json_object_get(w, "waiting_ns")),
		  1500000000LL);
	CHECK(!json_object_get(w, "seq"));
	CHECK_INT(json_integer_value(json_object_get(j, "printk_offset_ns")), -42);
	CHECK_INT(json_integer_value(json_object_get(j, "events_dropped")), 7);
	CHECK(!json_object_get(j, "probes"));	/* not asked */
	json_decref(j);
}

static void t_print_rest(void)
{
	static struct rt_status st;
	char why[160], *text;

	REQUIRE(status_parse(full_reply(false), &st, why, sizeof(why)) == 0);
	full_waiting(&st);
	st.now_ns = NOW_NS;
	st.has_hwrngs = true;
	st.nhwrngs = 1;
	snprintf(st.hwrngs[0].name, sizeof(st.hwrngs[0].name), "virtio_rng.0");
	st.hwrngs[0].quality = 1000;
	st.hwrngs[0].current = true;
	st.has_probes = true;
	st.nprobes = 1;
	snprintf(st.probes[0].symbol, sizeof(st.probes[0].symbol), "add_hwgenerator_randomness");
	st.probes[0].has_error = true;
	st.probes[0].error = -ENOENT;
	text = print_to_string(false, &st);
	CHECK_CONTAINS(text, "ready:         7.250 s after boot, completed by jitter\n");
	CHECK_CONTAINS(text, "credited:      40 bits before load, 216 since\n");
	CHECK_CONTAINS(text, "  jitter            199 bits in 5 credits\n");
	CHECK_CONTAINS(text, "waits:         3 ended, 2 in flight, 2 not tracked");
	CHECK_CONTAINS(text, "\n  getrandom pid 101 (sshd) unit ssh.service, 16 bytes, flags 0, waiting for 1.500 s [/system.slice/ssh.service]\n");
	CHECK_CONTAINS(text, "\n  dev_random pid 202 (cat), 16 bytes, flags 0, waiting for 0.000 s [/]\n");
	CHECK_CONTAINS(text, "unseeded:      4 reads\n");
	CHECK_CONTAINS(text, "ring:          4096 events, 120 written, 7 dropped\n");
	CHECK_CONTAINS(text, "NOT attached");
	CHECK_CONTAINS(text, "error -2 (No such file or directory)");
	CHECK_CONTAINS(text, "  virtio_rng.0         quality 1000, current");
	free(text);
}

#define JI(j, k)	((long long)json_integer_value(json_object_get((j), (k))))
#define JS(j, k)	json_string_value(json_object_get((j), (k)))
#define JB(j, k)	json_is_true(json_object_get((j), (k)))

/* @text contains what @fmt makes of the rest. */
static void contains(const char *text, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void contains(const char *text, const char *fmt, ...)
{
	char want[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	CHECK_CONTAINS(text, want);
}

/*
 * Text and JSON of one status carry the same values: each value of the
 * JSON, printed the way text prints it, is in the text.
 */
static void check_same_values(const struct rt_status *st)
{
	char *text = print_to_string(false, st), *js = print_to_string(true, st);
	json_t *j = js ? json_loads(js, 0, NULL) : NULL, *r, *e;
	size_t i;

	REQUIRE(text && j);
	contains(text, "module:        rngtrace %s\n", JS(j, "version"));
	contains(text, "crng:          %s\n", JB(j, "crng_ready") ? "ready" : "not ready");
	contains(text, "ready at load: %s\n", JB(j, "ready_at_load") ? "yes" : "no");
	contains(text, "loaded at:     %.3f s after boot", JI(j, "load_time_ns") / 1e9);
	contains(text, "\n               %.3f s on CLOCK_MONOTONIC\n",
		 JI(j, "load_time_mono_ns") / 1e9);
	r = json_object_get(j, "ready");
	REQUIRE(r && !JB(r, "before_load"));
	contains(text, "ready:         %.3f s after boot, completed by %s\n",
		 JI(r, "time_ns") / 1e9, JS(r, "source"));
	contains(text, "credited:      %lld bits before load, %lld since (%lld bits short",
		 JI(j, "pool_bits_at_load"), JI(j, "credited_bits"),
		 JI(j, "credit_shortfall_bits"));
	json_array_foreach(json_object_get(j, "credits"), i, e)
		contains(text, "\n  %-12s %8lld bits in %lld credits\n", JS(e, "source"),
			 JI(e, "bits"), JI(e, "count"));
	contains(text, "waits:         %lld ended, %lld in flight, %lld not tracked",
		 JI(j, "waits"), JI(j, "waits_in_flight"), JI(j, "waits_lost"));
	json_array_foreach(json_object_get(j, "waiting"), i, e)
		contains(text, "\n  %s pid %lld (%s)%s%s, %lld bytes, flags 0, waiting for %.3f s [%s]\n",
			 JS(e, "path"), JI(e, "pid"), JS(e, "comm"),
			 *JS(e, "unit") ? " unit " : "", JS(e, "unit"),
			 JI(e, "bytes"), JI(e, "waiting_ns") / 1e9, JS(e, "cgroup"));
	contains(text, "unseeded:      %lld reads\n", JI(j, "unseeded_reads"));
	contains(text, "ring:          %lld events, %lld written, %lld dropped\n",
		 JI(j, "ring_size"), JI(j, "events_written"), JI(j, "events_dropped"));
	contains(text, "probes:        %s%s\n", JB(j, "armed") ? "armed" : "disarmed",
		 JB(j, "keep_armed") ? " (kept armed)" : "");
	json_array_foreach(json_object_get(j, "probes"), i, e)
		contains(text, "\n  %-28s %-9s attached %s, %lld hits, %lld missed\n",
			 JS(e, "symbol"), JS(e, "method"),
			 JB(e, "armed") ? "armed" : "disarmed",
			 JI(e, "hits"), JI(e, "nmissed"));
	json_array_foreach(json_object_get(j, "hwrngs"), i, e)
		contains(text, "\n  %-20s quality %lld, current, registered at %.3f s, %lld feeds, %lld bytes, %lld bits\n",
			 JS(e, "name"), JI(e, "quality"), JI(e, "registered_ns") / 1e9,
			 JI(e, "feeds"), JI(e, "bytes"), JI(e, "bits"));
	CHECK_INT(json_array_size(json_object_get(j, "probes")), 1);
	CHECK_INT(json_array_size(json_object_get(j, "hwrngs")), 1);
	json_decref(j);
	free(text);
	free(js);
}

/* From a canned STATUS reply, then every value changed: no constant passes. */
static void t_same_values(void)
{
	static struct rt_status st;
	char why[160];

	REQUIRE(status_parse(full_reply(false), &st, why, sizeof(why)) == 0);
	full_waiting(&st);
	st.now_ns = NOW_NS;
	st.has_shortfall = true;
	st.shortfall_bits = 9;
	st.has_probes = st.has_hwrngs = true;
	st.nprobes = st.nhwrngs = 1;
	snprintf(st.probes[0].symbol, sizeof(st.probes[0].symbol), "add_device_randomness");
	st.probes[0].method = RNGTRACE_PROBE_METHOD_KRETPROBE;
	st.probes[0].attached = st.probes[0].armed = true;
	st.probe_counts = st.probes[0].has_counts = true;
	st.probes[0].hits = 12;
	st.probes[0].nmissed = 1;
	snprintf(st.hwrngs[0].name, sizeof(st.hwrngs[0].name), "virtio_rng.0");
	st.hwrngs[0].quality = 1000;
	st.hwrngs[0].current = st.hwrngs[0].has_registered = true;
	st.hwrngs[0].registered_ns = 3 * 1000000000ULL + 2000000;
	st.hwrngs[0].feeds = 2;
	st.hwrngs[0].bytes = 64;
	st.hwrngs[0].bits = 512;
	check_same_values(&st);

	snprintf(st.version, sizeof(st.version), "7.7.7");
	st.crng_ready = false;
	st.load_time_ns += 1111000000;
	st.load_time_mono_ns += 2222000000;
	st.ready_time_ns += 3333000000;
	st.ready_source = RNGTRACE_SOURCE_INTERRUPTS;
	st.pool_bits_at_load = 3;
	st.credited_bits = 5;
	st.shortfall_bits = 17;
	st.credits[0].bits = 1234;
	st.credits[0].count = 77;
	st.waits = 55;
	st.in_flight = 3;
	st.waits_lost = 6;
	st.waiting[1].pid = 999;
	st.waiting[1].bytes = 8;
	snprintf(st.waiting[1].comm, sizeof(st.waiting[1].comm), "dd");
	st.now_ns += 4000000000ULL;
	st.unseeded_reads = 321;
	st.ring_size = 512;
	st.events_written = 9000;
	st.events_dropped = 44;
	st.armed = false;
	st.keep_armed = true;
	st.probes[0].armed = false;
	st.probes[0].hits = 99;
	st.probes[0].nmissed = 8;
	st.hwrngs[0].quality = 500;
	st.hwrngs[0].registered_ns += 5000000000ULL;
	st.hwrngs[0].feeds = 31;
	st.hwrngs[0].bytes = 6400;
	st.hwrngs[0].bits = 51200;
	check_same_values(&st);
}

/* What a real boot showed: one bit short is "1 bit", not "1 bits". */
static void t_print_one_bit_short(void)
{
	struct rt_status st = sample;
	char *text;

	st.has_shortfall = true;
	st.shortfall_bits = 1;
	text = print_to_string(false, &st);
	CHECK_CONTAINS(text, " (1 bit short of ready at READY)\n");
	free(text);
	st.shortfall_bits = 0;
	text = print_to_string(false, &st);
	CHECK_LACKS(text, "short of ready");
	free(text);
}

static void t_print_before_load(void)
{
	struct rt_status st = sample;
	char *text;

	st.ready_at_load = true;
	text = print_to_string(false, &st);
	CHECK_CONTAINS(text, "ready:         ready before load\n");
	free(text);
}

static void t_probe_hwrng_parse(void)
{
	struct nlmsghdr *nlh = reply_header(RNGTRACE_CMD_PROBES_GET);
	struct rt_probe p;
	struct rt_hwrng h;
	char why[160] = "";

	mnl_attr_put_strz(nlh, RNGTRACE_A_PROBE_SYMBOL, "_credit_init_bits.part.0");
	mnl_attr_put_u32(nlh, RNGTRACE_A_PROBE_METHOD, RNGTRACE_PROBE_METHOD_KRETPROBE);
	mnl_attr_put_u32(nlh, RNGTRACE_A_PROBE_ATTACHED, 1);
	mnl_attr_put_u32(nlh, RNGTRACE_A_PROBE_ARMED, 1);
	put_u64_64bit(nlh, RNGTRACE_A_PROBE_HITS, 12);
	put_u64_64bit(nlh, RNGTRACE_A_PROBE_NMISSED, 1);
	REQUIRE(probe_parse(nlh, &p, why, sizeof(why)) == 0);
	CHECK_STR(p.symbol, "_credit_init_bits.part.0");
	CHECK_INT(p.method, RNGTRACE_PROBE_METHOD_KRETPROBE);
	CHECK(p.attached && p.armed && !p.has_error);
	CHECK(p.has_counts);
	CHECK_U64(p.hits, 12);
	CHECK_U64(p.nmissed, 1);
	/* A HWRNG reply is not a probe. */
	CHECK_INT(hwrng_parse(nlh, &h, why, sizeof(why)), -EBADMSG);
	CHECK_CONTAINS(why, "not hwrng-get");

	nlh = reply_header(RNGTRACE_CMD_HWRNG_GET);
	mnl_attr_put_strz(nlh, RNGTRACE_A_HWRNG_NAME, "virtio_rng.0");
	mnl_attr_put_u32(nlh, RNGTRACE_A_HWRNG_QUALITY, 1000);
	mnl_attr_put_u32(nlh, RNGTRACE_A_HWRNG_CURRENT, 1);
	mnl_attr_put_u32(nlh, RNGTRACE_A_HWRNG_BEFORE_LOAD, 0);
	put_u64_64bit(nlh, RNGTRACE_A_HWRNG_REGISTERED_NS, 3000);
	put_u64_64bit(nlh, RNGTRACE_A_HWRNG_FEEDS, 2);
	put_u64_64bit(nlh, RNGTRACE_A_HWRNG_BYTES, 64);
	put_u64_64bit(nlh, RNGTRACE_A_HWRNG_BITS, 512);
	REQUIRE(hwrng_parse(nlh, &h, why, sizeof(why)) == 0);
	CHECK_STR(h.name, "virtio_rng.0");
	CHECK_INT(h.quality, 1000);
	CHECK(h.current && !h.before_load && h.has_registered);
	CHECK_U64(h.registered_ns, 3000);
	CHECK_U64(h.feeds, 2);
	CHECK_U64(h.bytes, 64);
	CHECK_U64(h.bits, 512);
}

/*
 * status_fetch() asks over the caller's socket (rt_nl_new(): one a
 * command), never one of its own: record asks every 250 ms over the
 * socket its dumps use. Here the socket is the kernel's nlctrl, which
 * refuses the request; what matters is that the same socket took both.
 */
static void t_fetch_uses_callers_socket(void)
{
	static struct rt_status st;
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	uint32_t portid, seq;

	REQUIRE(nl);
	REQUIRE(rt_nl_open_family(nl, "nlctrl") == 0);
	portid = nl->portid;
	seq = nl->seq;
	CHECK(status_fetch(nl, &st, false, "test") < 0);
	CHECK(status_fetch(nl, &st, true, "test") < 0);
	CHECK(nl->sock != NULL);
	CHECK_INT(nl->portid, portid);
	CHECK_INT(nl->seq, seq + 2);
	rt_nl_close(nl);
	free(nl);
}

/* WAITING_GET: one event a message, a WAITING_GET message, nothing else. */
static void t_waiting_parse(void)
{
	struct rt_event ev;
	char why[160] = "";

	REQUIRE(waiting_parse(waiting_msg(7, "sshd", "/a", RNGTRACE_PATH_KERNEL,
					  42, 1), &ev, why, sizeof(why)) == 0);
	CHECK_INT(ev.pid, 7);
	CHECK_INT(ev.tgid, 6);
	CHECK_INT(ev.path, RNGTRACE_PATH_KERNEL);
	CHECK_U64(ev.start_ns, 42);
	CHECK(!ev.has_seq);
	CHECK_INT(waiting_parse(waiting_msg(7, "a", "/", 0, 1, 2), &ev, why,
				sizeof(why)), -EBADMSG);
	CHECK_STR(why, "more than one event in a message");
	CHECK_INT(waiting_parse(waiting_msg(7, "a", "/", 0, 1, 0), &ev, why,
				sizeof(why)), -EBADMSG);
	CHECK_STR(why, "a message without an event");
	((struct genlmsghdr *)mnl_nlmsg_get_payload((struct nlmsghdr *)wbuf))->cmd =
		RNGTRACE_CMD_STATUS_GET;
	CHECK_INT(waiting_parse((struct nlmsghdr *)wbuf, &ev, why, sizeof(why)),
		  -EBADMSG);
	CHECK_CONTAINS(why, "not waiting-get");
}

/*
 * What a user without CAP_NET_ADMIN sees: how many wait, not who; the
 * probes, not their counts; said in text and in JSON, not an error.
 */
static void t_print_unprivileged(void)
{
	static struct rt_status st;
	struct nlmsghdr *nlh;
	char why[160], *text, *js;
	json_t *j, *p;

	REQUIRE(status_parse(full_reply(false), &st, why, sizeof(why)) == 0);
	nlh = reply_header(RNGTRACE_CMD_PROBES_GET);	/* (the same buffer) */
	st.waiting_error = EPERM;
	st.has_probes = true;
	st.nprobes = 1;
	mnl_attr_put_strz(nlh, RNGTRACE_A_PROBE_SYMBOL, "crng_reseed");
	mnl_attr_put_u32(nlh, RNGTRACE_A_PROBE_METHOD, RNGTRACE_PROBE_METHOD_KPROBE);
	mnl_attr_put_u32(nlh, RNGTRACE_A_PROBE_ATTACHED, 1);
	mnl_attr_put_u32(nlh, RNGTRACE_A_PROBE_ARMED, 1);
	REQUIRE(probe_parse(nlh, &st.probes[0], why, sizeof(why)) == 0);
	CHECK(!st.probes[0].has_counts);
	st.probe_counts = false;

	text = print_to_string(false, &st);
	CHECK_CONTAINS(text, "waits:         3 ended, 2 in flight, 2 not tracked (slots full)\n"
		       "  who is waiting: not shown (needs CAP_NET_ADMIN)\n");
	CHECK_CONTAINS(text, "\n  crng_reseed                  kprobe    attached armed\n"
		       "  hits and misses: not shown (needs CAP_NET_ADMIN)\n");
	CHECK_LACKS(text, "hits,");
	CHECK_LACKS(text, " pid ");
	free(text);

	js = print_to_string(true, &st);
	j = js ? json_loads(js, 0, NULL) : NULL;
	REQUIRE(j);
	CHECK_INT(json_integer_value(json_object_get(j, "waits_in_flight")), 2);
	CHECK(!json_object_get(j, "waiting"));
	CHECK_STR(json_string_value(json_object_get(j, "waiting_unavailable")),
		  "needs CAP_NET_ADMIN");
	CHECK_STR(json_string_value(json_object_get(j, "probe_counts_unavailable")),
		  "needs CAP_NET_ADMIN");
	p = json_array_get(json_object_get(j, "probes"), 0);
	REQUIRE(p);
	CHECK(!json_object_get(p, "hits"));
	CHECK(!json_object_get(p, "nmissed"));
	json_decref(j);
	free(js);

	/* An older module without WAITING_GET says so. */
	st.waiting_error = EOPNOTSUPP;
	text = print_to_string(false, &st);
	CHECK_CONTAINS(text, "  who is waiting: not shown (this module has no WAITING_GET)\n");
	free(text);
}

static const struct rt_test status_tests[] = {
	{ "status_fetch asks over the command's one socket", t_fetch_uses_callers_socket },
	{ "status_parse reads every field (PAD, future attributes)", t_parse_full },
	{ "status_parse reads crng-ready and ready-at-load apart", t_parse_flags },
	{ "status_parse rejects a reply without crng-ready", t_missing_crng_ready },
	{ "status_parse rejects a reply without any one required attribute", t_missing_each },
	{ "status_parse rejects a u8-sized crng-ready", t_u8_crng_ready },
	{ "status_parse rejects a u32-sized load-time-ns", t_u32_load_time },
	{ "status_parse rejects a version without NUL", t_version_without_nul },
	{ "status_parse rejects an overlong version", t_version_too_long },
	{ "status_parse rejects a message without a genetlink header", t_short_header },
	{ "status_parse rejects a reply to another command", t_other_command },
	{ "status_to_json has the five keys and their values", t_json_keys },
	{ "status_to_json has crng_ready and ready_at_load apart", t_json_flags },
	{ "the JSON output loads back to status_to_json", t_json_output },
	{ "status_print shows a ready CRNG and the load times", t_print_ready },
	{ "status_print shows a CRNG that is not ready", t_print_not_ready },
	{ "status_parse reads every optional attribute and credits; waiting_parse the waits", t_parse_rest },
	{ "status_parse rejects a credit nest without bits", t_bad_credit },
	{ "status_parse leaves absent optional attributes at zero", t_old_reply_defaults },
	{ "status_to_json has ready, credits, waiting with unit and waiting_ns", t_json_rest },
	{ "status_print shows ready, credits, who waits and for how long", t_print_rest },
	{ "waiting_parse reads one WAITING_GET message, one event", t_waiting_parse },
	{ "status_print without CAP_NET_ADMIN: how many wait, no who, no counts", t_print_unprivileged },
	{ "status_print says ready before load", t_print_before_load },
	{ "status: text and JSON carry the same values (canned reply)", t_same_values },
	{ "status_print: 1 bit short, and nothing when none", t_print_one_bit_short },
	{ "probe_parse and hwrng_parse read their replies", t_probe_hwrng_parse },
	{ NULL, NULL }
};

RT_SUITE(status_tests)
