// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink layer: error and extack formatting and reply processing on
 * messages built here, then the real round trip with this kernel's nlctrl.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rngtrace.h>

#include "harness.h"
#include "nl.h"

#define FAKE_FAMILY	0x2a
#define FAKE_SEQ	1000
#define FAKE_PORTID	4242

static char buf[4096] __attribute__((aligned(8)));

/*
 * An NLMSG_ERROR for @error. @echo_len > 0 echoes a request of that many
 * bytes (no NETLINK_CAP_ACK); @msg and @offs (if >= 0) are extack.
 */
static struct nlmsghdr *put_error(void *at, int error, size_t echo_len,
				  const char *msg, long offs)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(at);
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = FAKE_SEQ;
	nlh->nlmsg_pid = FAKE_PORTID;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = -error;
	e->msg.nlmsg_type = FAKE_FAMILY;
	e->msg.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	e->msg.nlmsg_seq = FAKE_SEQ;
	if (echo_len) {
		size_t body = echo_len - sizeof(e->msg);

		/* the echoed body: read as attributes, it is not extack */
		e->msg.nlmsg_len = echo_len;
		memset(mnl_nlmsg_put_extra_header(nlh, body), 0x04, body);
	} else {
		e->msg.nlmsg_len = sizeof(e->msg) + 24;
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	}
	if (msg || offs >= 0)
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	if (msg)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	if (offs >= 0)
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, offs);
	return nlh;
}

static void format(const struct rt_nl_err *err, const char *what, char *line,
		   size_t len)
{
	int n = rt_nl_err_format(err, what, line, len);

	CHECK(n > 0 && (size_t)n < len);
	CHECK(!strchr(line, '\n'));
}

static void t_extack_capped(void)
{
	struct nlmsghdr *nlh = put_error(buf, EINVAL, 0,
					 "Unknown attribute type", 24);
	struct rt_nl_err err;
	char line[512];

	CHECK_INT(rt_nl_err_parse(nlh, &err), -EINVAL);
	CHECK_INT(err.error, EINVAL);
	CHECK_STR(err.msg, "Unknown attribute type");
	CHECK(err.has_offs);
	CHECK_INT(err.offs, 24);
	format(&err, "status", line, sizeof(line));
	CHECK_STR(line, "rngtrace status: Invalid argument: Unknown attribute type (bad attribute at offset 24 of the request)");
}

static void t_extack_echoed(void)
{
	struct nlmsghdr *nlh = put_error(buf, ERANGE, 40, "Attribute failed policy validation", 36);
	struct rt_nl_err err;
	char line[512];

	CHECK(!(nlh->nlmsg_flags & NLM_F_CAPPED));
	CHECK_INT(rt_nl_err_parse(nlh, &err), -ERANGE);
	CHECK_STR(err.msg, "Attribute failed policy validation");
	CHECK_INT(err.offs, 36);
	format(&err, "events", line, sizeof(line));
	CHECK_CONTAINS(line, "rngtrace events: ");
	CHECK_CONTAINS(line, strerror(ERANGE));
	CHECK_CONTAINS(line, "Attribute failed policy validation");
	CHECK_CONTAINS(line, "offset 36");
}

static void t_no_extack(void)
{
	struct nlmsghdr *nlh = put_error(buf, EOPNOTSUPP, 0, NULL, -1);
	struct rt_nl_err err;
	char line[512], want[256];

	CHECK_INT(rt_nl_err_parse(nlh, &err), -EOPNOTSUPP);
	CHECK(!err.has_offs);
	CHECK_STR(err.msg, "");
	format(&err, "status", line, sizeof(line));
	snprintf(want, sizeof(want), "rngtrace status: %s",
		 strerror(EOPNOTSUPP));
	CHECK_STR(line, want);
}

/* Attributes after an echoed request are not read unless ACK_TLVS says. */
static void t_tlvs_need_the_flag(void)
{
	struct nlmsghdr *nlh = put_error(buf, EINVAL, 0, "stale", 8);
	struct rt_nl_err err;

	nlh->nlmsg_flags &= ~NLM_F_ACK_TLVS;
	CHECK_INT(rt_nl_err_parse(nlh, &err), -EINVAL);
	CHECK_STR(err.msg, "");
	CHECK(!err.has_offs);
}

static void t_missing_type(void)
{
	struct nlmsghdr *nlh = put_error(buf, EINVAL, 0, "Missing attribute",
					 -1);
	struct rt_nl_err err;
	char line[512];

	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, 3);
	CHECK_INT(rt_nl_err_parse(nlh, &err), -EINVAL);
	format(&err, "record", line, sizeof(line));
	CHECK_CONTAINS(line, "Missing attribute (missing attribute type 3)");
	CHECK_LACKS(line, "offset");
}

static void t_ack(void)
{
	struct nlmsghdr *nlh = put_error(buf, 0, 0, NULL, -1);
	struct rt_nl_err err;

	err.error = 99;
	CHECK_INT(rt_nl_err_parse(nlh, &err), 0);
	CHECK_INT(err.error, 0);
}

static void t_truncated_error(void)
{
	struct nlmsghdr *nlh = put_error(buf, EINVAL, 0, NULL, -1);
	struct rt_nl_err err;

	nlh->nlmsg_len = MNL_NLMSG_HDRLEN + sizeof(int);
	CHECK_INT(rt_nl_err_parse(nlh, &err), -EBADMSG);
}

static void t_not_loaded(void)
{
	struct rt_nl_err err = { .error = ENOENT, .lookup = true };
	char line[512];

	snprintf(err.family, sizeof(err.family), "rngtrace");
	format(&err, "status", line, sizeof(line));
	CHECK_STR(line, "rngtrace status: the rngtrace kernel module is not loaded (no generic netlink family \"rngtrace\"); load it with 'modprobe rngtrace'");
}

/* ENOENT from the module itself means something else. */
static void t_enoent_from_family(void)
{
	struct rt_nl_err err = { .error = ENOENT };
	char line[512];

	format(&err, "report", line, sizeof(line));
	CHECK_LACKS(line, "not loaded");
	CHECK_CONTAINS(line, "rngtrace report: ");
	CHECK_CONTAINS(line, strerror(ENOENT));
}

static void t_lookup_other_error(void)
{
	struct rt_nl_err err = { .error = EACCES, .lookup = true };
	char line[512];

	snprintf(err.family, sizeof(err.family), "rngtrace");
	format(&err, "status", line, sizeof(line));
	CHECK_LACKS(line, "not loaded");
	CHECK_CONTAINS(line, "generic netlink family \"rngtrace\"");
	CHECK_CONTAINS(line, strerror(EACCES));
}

static void t_eperm(void)
{
	struct rt_nl_err err = { .error = EPERM };
	char line[512];

	format(&err, "record", line, sizeof(line));
	CHECK_CONTAINS(line, "rngtrace record: ");
	CHECK_CONTAINS(line, "CAP_NET_ADMIN");
}

/* rt_nl_process() on buffers built here. */

static struct nlmsghdr *put_data(void *at, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(at);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = FAKE_FAMILY;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = FAKE_SEQ;
	nlh->nlmsg_pid = FAKE_PORTID;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = 1;
	mnl_attr_put_u32(nlh, 1, 77);
	return nlh;
}

static struct nlmsghdr *put_done(void *at, int error)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(at);
	int *code;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = FAKE_SEQ;
	nlh->nlmsg_pid = FAKE_PORTID;
	code = mnl_nlmsg_put_extra_header(nlh, sizeof(*code));
	*code = -error;
	return nlh;
}

/* Messages appended one after another, as one recv() returns them. */
static size_t used;

static void *next(void)
{
	return buf + used;
}

static void added(const struct nlmsghdr *nlh)
{
	used += MNL_ALIGN(nlh->nlmsg_len);
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	int *n = data;

	(void)nlh;
	++*n;
	return MNL_CB_OK;
}

static struct rt_nl *new_nl(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));

	if (nl)
		nl->portid = FAKE_PORTID;
	used = 0;
	return nl;
}

static int process(struct rt_nl *nl, int *calls)
{
	return rt_nl_process(nl, buf, used, FAKE_SEQ, FAKE_FAMILY, count_cb,
			     calls);
}

static void t_process_reply_ack(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;

	REQUIRE(nl);
	added(put_data(next(), 0));
	added(put_error(next(), 0, 0, NULL, -1));
	CHECK_INT(process(nl, &calls), 0);
	CHECK_INT(calls, 1);
	CHECK_INT(nl->err.error, 0);
	free(nl);
}

static void t_process_wants_more(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;

	REQUIRE(nl);
	added(put_data(next(), NLM_F_MULTI));
	added(put_data(next(), NLM_F_MULTI));
	CHECK(process(nl, &calls) > 0);
	CHECK_INT(calls, 2);
	free(nl);
}

static void t_process_error(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;

	REQUIRE(nl);
	added(put_error(next(), EINVAL, 0, "bad cmd", 20));
	CHECK_INT(process(nl, &calls), -EINVAL);
	CHECK_INT(calls, 0);
	CHECK_STR(nl->err.msg, "bad cmd");
	CHECK_INT(nl->err.offs, 20);
	free(nl);
}

static void t_process_bad_seq(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;
	struct nlmsghdr *nlh;

	REQUIRE(nl);
	nlh = put_data(next(), 0);
	nlh->nlmsg_seq = FAKE_SEQ - 1;
	added(nlh);
	CHECK_INT(process(nl, &calls), -EPROTO);
	CHECK_INT(calls, 0);
	free(nl);
}

static void t_process_bad_type(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;
	struct nlmsghdr *nlh;

	REQUIRE(nl);
	nlh = put_data(next(), 0);
	nlh->nlmsg_type = FAKE_FAMILY + 1;
	added(nlh);
	CHECK_INT(process(nl, &calls), -EPROTO);
	CHECK_INT(calls, 0);
	free(nl);
}

static void t_process_dump_intr(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;
	char line[512];

	REQUIRE(nl);
	added(put_data(next(), NLM_F_MULTI));
	added(put_data(next(), NLM_F_MULTI | NLM_F_DUMP_INTR));
	CHECK_INT(process(nl, &calls), -EINTR);
	CHECK(nl->err.intr);
	format(&nl->err, "events", line, sizeof(line));
	CHECK_CONTAINS(line, "interrupted");
	free(nl);
}

static void t_process_done(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;

	REQUIRE(nl);
	added(put_data(next(), NLM_F_MULTI));
	added(put_done(next(), 0));
	CHECK_INT(process(nl, &calls), 0);
	CHECK_INT(calls, 1);
	free(nl);
}

static void t_process_done_error(void)
{
	struct rt_nl *nl = new_nl();
	int calls = 0;

	REQUIRE(nl);
	added(put_done(next(), EMSGSIZE));
	CHECK_INT(process(nl, &calls), -EMSGSIZE);
	CHECK_INT(nl->err.error, EMSGSIZE);
	free(nl);
}

static int fail_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	errno = ENOTSUP;
	return MNL_CB_ERROR;
}

static void t_process_cb_error(void)
{
	struct rt_nl *nl = new_nl();

	REQUIRE(nl);
	added(put_data(next(), 0));
	added(put_error(next(), 0, 0, NULL, -1));
	CHECK_INT(rt_nl_process(nl, buf, used, FAKE_SEQ, FAKE_FAMILY,
				fail_cb, NULL), -ENOTSUP);
	free(nl);
}

/* This kernel's generic netlink, for real. */

static void t_kernel_nlctrl(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	int ret;

	REQUIRE(nl);
	ret = rt_nl_open_family(nl, "nlctrl");
	if (ret)
		rt_nl_perror(nl, "test");
	CHECK_INT(ret, 0);
	CHECK_INT(nl->family, GENL_ID_CTRL);
	CHECK(nl->family_version > 0);
	rt_nl_close(nl);
	free(nl);
}

static void t_kernel_enoent(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	char line[512];

	REQUIRE(nl);
	CHECK_INT(rt_nl_open_family(nl, "rngtrace-none"), -ENOENT);
	format(&nl->err, "status", line, sizeof(line));
	CHECK_CONTAINS(line, "is not loaded (no generic netlink family \"rngtrace-none\")");
	rt_nl_close(nl);
	free(nl);
}

struct families {
	int n;
	bool nlctrl;
};

static int family_name_cb(const struct nlattr *attr, void *data)
{
	struct families *f = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0 &&
	    !strcmp(mnl_attr_get_str(attr), "nlctrl"))
		f->nlctrl = true;
	return MNL_CB_OK;
}

static int families_cb(const struct nlmsghdr *nlh, void *data)
{
	struct families *f = data;

	f->n++;
	return mnl_attr_parse(nlh, GENL_HDRLEN, family_name_cb, f);
}

static void families_reset(void *data)
{
	memset(data, 0, sizeof(struct families));
}

/* A dump, to NLMSG_DONE: every family, nlctrl among them. */
static void t_kernel_dump(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	struct families f = {};
	struct nlmsghdr *req;
	int ret;

	REQUIRE(nl);
	REQUIRE(rt_nl_open_family(nl, "nlctrl") == 0);
	req = rt_nl_msg(nl, CTRL_CMD_GETFAMILY, 0);
	ret = rt_nl_dump(nl, req, families_cb, families_reset, &f);
	if (ret)
		rt_nl_perror(nl, "test");
	CHECK_INT(ret, 0);
	CHECK(f.n >= 1);
	CHECK(f.nlctrl);
	rt_nl_close(nl);
	free(nl);
}

/* The kernel's own extack: a u8 where nlctrl wants a u16 family id. */
static void t_kernel_extack(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	struct nlmsghdr *req;
	char line[512];
	int ret;

	REQUIRE(nl);
	REQUIRE(rt_nl_open_family(nl, "nlctrl") == 0);
	req = rt_nl_msg(nl, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_u8(req, CTRL_ATTR_FAMILY_ID, 1);
	ret = rt_nl_talk(nl, req, NULL, NULL);
	CHECK(ret < 0);
	format(&nl->err, "test", line, sizeof(line));
	fprintf(stderr, "# the kernel said: %s\n", line);
	CHECK(nl->err.msg[0] != '\0');
	CHECK(nl->err.has_offs);
	/* right after the netlink and genetlink headers */
	CHECK_INT(nl->err.offs, MNL_NLMSG_HDRLEN + GENL_HDRLEN);
	CHECK_CONTAINS(line, nl->err.msg);
	CHECK_CONTAINS(line, "offset 20");
	rt_nl_close(nl);
	free(nl);
}

/*
 * A request the kernel never answers (NLMSG_NOOP without NLM_F_ACK) ends
 * at the deadline with an error that says so, instead of waiting forever.
 */
static void t_kernel_silence_times_out(void)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));
	struct timespec t0, t1;
	struct nlmsghdr *nlh;
	char line[512];
	long ms;

	REQUIRE(nl);
	REQUIRE(rt_nl_open_family(nl, "nlctrl") == 0);
	CHECK_INT(nl->timeout_ms, RT_NL_TIMEOUT_MS);
	nl->timeout_ms = 300;
	nlh = mnl_nlmsg_put_header(nl->tx);
	nlh->nlmsg_type = NLMSG_NOOP;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++nl->seq;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(rt_nl_talk(nl, nlh, NULL, NULL), -ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(ms >= 290 && ms < 5000);
	format(&nl->err, "status", line, sizeof(line));
	CHECK_CONTAINS(line, "rngtrace status: no answer from the kernel within 1 s");
	rt_nl_close(nl);
	free(nl);
}

static const struct rt_test nl_tests[] = {
	{ "extack message and offset are in the error line", t_extack_capped },
	{ "extack is found after an echoed request", t_extack_echoed },
	{ "an error without extack is strerror alone", t_no_extack },
	{ "extack is read only with NLM_F_ACK_TLVS", t_tlvs_need_the_flag },
	{ "a missing attribute's type is in the error line", t_missing_type },
	{ "an ack parses as success", t_ack },
	{ "a truncated NLMSG_ERROR is EBADMSG", t_truncated_error },
	{ "ENOENT resolving the family says the module is not loaded", t_not_loaded },
	{ "ENOENT from the family itself is only ENOENT", t_enoent_from_family },
	{ "another error resolving the family names the family", t_lookup_other_error },
	{ "EPERM says CAP_NET_ADMIN", t_eperm },
	{ "a reply then an ack: one callback, done", t_process_reply_ack },
	{ "replies without ack or done: more to come", t_process_wants_more },
	{ "a kernel error comes back with its extack", t_process_error },
	{ "a reply to another sequence number is refused", t_process_bad_seq },
	{ "a reply of another family is refused", t_process_bad_type },
	{ "an interrupted dump is EINTR and says so", t_process_dump_intr },
	{ "NLMSG_DONE ends a dump", t_process_done },
	{ "an NLMSG_DONE with an error fails the dump", t_process_done_error },
	{ "a callback's error and errno come back", t_process_cb_error },
	{ "this kernel resolves nlctrl", t_kernel_nlctrl },
	{ "this kernel answers ENOENT for a missing family", t_kernel_enoent },
	{ "a real dump runs to NLMSG_DONE", t_kernel_dump },
	{ "the kernel's own extack reaches the error line", t_kernel_extack },
	{ "a request never answered ends at the deadline", t_kernel_silence_times_out },
	{ NULL, NULL }
};

RT_SUITE(nl_tests)
