// SPDX-License-Identifier: GPL-2.0
/*
 * Event nests built here as the module builds them (libmnl nests, with
 * NLA_F_NESTED, 64-bit values after a PAD) to rt_event_parse(),
 * rt_event_to_json() in the trace format, rt_event_format(); and the
 * follower's sequence number decision.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/genetlink.h>
#include <linux/rngtrace.h>

#include "evjson.h"
#include "harness.h"

#define FAKE_FAMILY	0x2a
#define T_NS		(5ULL * 1000000000 * 1000 + 123456789ULL)	/* > 32 bits */

static char buf[8192] __attribute__((aligned(8)));

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
	return nest;
}

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

static void t_nest_is_flagged(void)
{
	const struct nlattr *nest = event(RNGTRACE_EVENT_TYPE_WAIT);

	CHECK(nest->nla_type & NLA_F_NESTED);
	CHECK_INT(mnl_attr_get_type(nest), RNGTRACE_A_EVENTS_EVENT);
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
	json_decref(j);
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

static void t_format(void)
{
	struct rt_event ev;
	char why[128], line[1024];

	REQUIRE(rt_event_parse(event(RNGTRACE_EVENT_TYPE_WAIT), false, &ev,
			       why, sizeof(why)) == 0);
	rt_event_format(&ev, line, sizeof(line));
	CHECK_STR(line, "#77 5000.123456 wait getrandom pid 4242 (sshd) unit ssh.service, 16 bytes, flags 0, result 16, waited 1.500000 s");
	REQUIRE(rt_event_parse(event(RNGTRACE_EVENT_TYPE_CREDIT), false, &ev,
			       why, sizeof(why)) == 0);
	rt_event_format(&ev, line, sizeof(line));
	CHECK_STR(line, "#77 5000.123456 credit jitter 1 bits, pool 256, by entropy_timer");
	REQUIRE(rt_event_parse(event(RNGTRACE_EVENT_TYPE_UNSEEDED), false, &ev,
			       why, sizeof(why)) == 0);
	rt_event_format(&ev, line, sizeof(line));
	CHECK_CONTAINS(line, " unseeded dev_random pid 4242 (sshd) unit ssh.service, 16 bytes, flags 0x800, result -11");
	REQUIRE(rt_event_parse(event(RNGTRACE_EVENT_TYPE_HWRNG_REGISTER), false,
			       &ev, why, sizeof(why)) == 0);
	rt_event_format(&ev, line, sizeof(line));
	CHECK_CONTAINS(line, " hwrng-register virtio_rng.0, quality 1000");
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
	{ "the fake event nest carries NLA_F_NESTED", t_nest_is_flagged },
	{ "evjson: a credit event", t_credit },
	{ "evjson: a ready event", t_ready },
	{ "evjson: a wait event", t_wait },
	{ "evjson: an unseeded event, negative result", t_unseeded },
	{ "evjson: hwrng-register and -unregister events", t_hwrng },
	{ "evjson: an event type from a newer module", t_future_type },
	{ "evjson: an event without seq is refused, a waiting nest is not", t_missing_seq },
	{ "evjson: a u32-sized time-ns is refused", t_bad_width },
	{ "events: one line per event", t_format },
	{ "events: seq decisions: first, old, next, gap", t_seq_check },
	{ NULL, NULL }
};

RT_SUITE(events_tests)
