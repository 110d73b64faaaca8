// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink socket: open, resolve the family, send a request and
 * run a callback over the replies.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/netlink.h>
#include <linux/rngtrace.h>

#include "nl.h"

static int nl_fail(struct rt_nl *nl, int error)
{
	if (!nl->err.error)
		nl->err.error = error ? error : EIO;
	return -nl->err.error;
}

static int nl_connect(struct rt_nl *nl)
{
	int one = 1;

	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		return nl_fail(nl, errno);
	/*
	 * Both are best effort, as in iproute2: without them (before Linux
	 * 4.3 and 4.12) errors still arrive, only larger and without extack.
	 */
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		return nl_fail(nl, errno);
	nl->portid = mnl_socket_get_portid(nl->sock);
	return 0;
}

static struct nlmsghdr *nl_put(struct rt_nl *nl, uint16_t type, uint8_t cmd,
			       uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	nlh = mnl_nlmsg_put_header(nl->tx);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *rt_nl_msg(struct rt_nl *nl, uint8_t cmd, uint16_t flags)
{
	return nl_put(nl, nl->family, cmd, RNGTRACE_FAMILY_VERSION, flags);
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	switch (type) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		break;
	case CTRL_ATTR_VERSION:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		break;
	default:
		return MNL_CB_OK;
	}
	tb[type] = attr;
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = {};
	struct rt_nl *nl = data;

	if (mnl_attr_parse(nlh, GENL_HDRLEN, family_attr_cb, tb) != MNL_CB_OK ||
	    !tb[CTRL_ATTR_FAMILY_ID]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	nl->family = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION])
		nl->family_version = mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]);
	return MNL_CB_OK;
}

int rt_nl_open_family(struct rt_nl *nl, const char *name)
{
	struct nlmsghdr *nlh;
	int ret;

	memset(nl, 0, sizeof(*nl));
	nl->seq = time(NULL);
	nl->timeout_ms = RT_NL_TIMEOUT_MS;
	ret = nl_connect(nl);
	if (ret)
		return ret;

	nlh = nl_put(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	ret = rt_nl_talk(nl, nlh, family_cb, nl);
	if (!ret && !nl->family)
		ret = nl_fail(nl, EBADMSG);
	if (ret) {
		nl->err.lookup = true;
		snprintf(nl->err.family, sizeof(nl->err.family), "%s", name);
	}
	return ret;
}

int rt_nl_open(struct rt_nl *nl)
{
	return rt_nl_open_family(nl, RNGTRACE_FAMILY_NAME);
}

void rt_nl_close(struct rt_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

struct rt_nl *rt_nl_new(const char *what)
{
	struct rt_nl *nl = calloc(1, sizeof(*nl));

	if (!nl) {
		fprintf(stderr, "rngtrace %s: out of memory\n", what);
		return NULL;
	}
	if (rt_nl_open(nl)) {
		rt_nl_perror(nl, what);
		rt_nl_free(nl);
		return NULL;
	}
	return nl;
}

void rt_nl_free(struct rt_nl *nl)
{
	if (!nl)
		return;
	rt_nl_close(nl);
	free(nl);
}

struct nl_run {
	struct rt_nl *nl;
	uint16_t type;
	mnl_cb_t cb;
	void *data;
};

static int run_data_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nl_run *run = arg;

	if (nlh->nlmsg_type != run->type) {
		errno = EPROTO;
		return MNL_CB_ERROR;
	}
	errno = 0;
	return run->cb ? run->cb(nlh, run->data) : MNL_CB_OK;
}

/* NLMSG_ERROR: an ack (maybe with a warning) or an error. */
static int run_error_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct nl_run *run = arg;

	if (rt_nl_err_parse(nlh, &run->nl->err) < 0)
		return MNL_CB_ERROR;
	/* An ack may carry a warning; say it, then forget it. */
	if (run->nl->err.msg[0])
		fprintf(stderr, "rngtrace: warning from the kernel: %s\n",
			run->nl->err.msg);
	memset(&run->nl->err, 0, sizeof(run->nl->err));
	return MNL_CB_STOP;
}

/* NLMSG_DONE ends a dump, and says whether the dump failed. */
static int run_done_cb(const struct nlmsghdr *nlh, void *arg)
{
	return run_error_cb(nlh, arg);
}

static int run_overrun_cb(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	errno = ENOBUFS;
	return MNL_CB_ERROR;
}

int rt_nl_process(struct rt_nl *nl, const void *buf, size_t len,
		  uint32_t seq, uint16_t type, mnl_cb_t cb, void *data)
{
	/* Every control type is listed: libmnl skips the NULL ones. */
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR]	= run_error_cb,
		[NLMSG_DONE]	= run_done_cb,
		[NLMSG_OVERRUN]	= run_overrun_cb,
	};
	struct nl_run run = { .nl = nl, .type = type, .cb = cb, .data = data };
	int ret;

	errno = 0;
	ret = mnl_cb_run2(buf, len, seq, nl->portid, run_data_cb, &run,
			  ctl, MNL_ARRAY_SIZE(ctl));
	if (ret >= 0)
		return ret;
	if (nl->err.error)	/* the kernel's error, from run_error_cb() */
		return -nl->err.error;
	/* libmnl's, or the callback's with errno (EBADMSG if it forgot) */
	if (errno == EINTR)
		nl->err.intr = true;
	return nl_fail(nl, errno ? errno : EBADMSG);
}

/* Wait for the next part of an answer, at most nl->timeout_ms. */
static int nl_wait(struct rt_nl *nl)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(nl->sock), .events = POLLIN };
	struct timespec t0, t;
	int left = nl->timeout_ms, ret;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		ret = poll(&p, 1, left);
		if (ret > 0)
			return 0;
		if (ret < 0 && errno != EINTR)
			return nl_fail(nl, errno);
		clock_gettime(CLOCK_MONOTONIC, &t);
		left = nl->timeout_ms - (int)((t.tv_sec - t0.tv_sec) * 1000 +
					      (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (ret == 0 || left <= 0) {
			nl->err.timeout_ms = nl->timeout_ms;
			return nl_fail(nl, ETIMEDOUT);
		}
	}
}

int rt_nl_talk(struct rt_nl *nl, struct nlmsghdr *req, mnl_cb_t cb,
	       void *data)
{
	uint32_t seq = req->nlmsg_seq;
	uint16_t type = req->nlmsg_type;
	ssize_t n;
	int ret;

	memset(&nl->err, 0, sizeof(nl->err));
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0)
		return nl_fail(nl, errno);
	do {
		ret = nl_wait(nl);
		if (ret)
			return ret;
		n = mnl_socket_recvfrom(nl->sock, nl->rx, sizeof(nl->rx));
		if (n < 0)
			return nl_fail(nl, errno);
		ret = rt_nl_process(nl, nl->rx, n, seq, type, cb, data);
	} while (ret > 0);
	return ret;
}

int rt_nl_dump(struct rt_nl *nl, struct nlmsghdr *req, mnl_cb_t cb,
	       void (*reset)(void *data), void *data)
{
	int ret, try;

	req->nlmsg_flags |= NLM_F_DUMP;
	for (try = 0; ; try++) {
		ret = rt_nl_talk(nl, req, cb, data);
		if (ret != -EINTR || !nl->err.intr ||
		    try + 1 >= RT_NL_DUMP_TRIES)
			return ret;
		/*
		 * The rest of the interrupted dump is still queued for this
		 * socket, and a new dump on it would get EBUSY: start over on
		 * a new one. The family id stays.
		 */
		rt_nl_close(nl);
		memset(&nl->err, 0, sizeof(nl->err));
		ret = nl_connect(nl);
		if (ret)
			return ret;
		if (reset)
			reset(data);
		req->nlmsg_seq = ++nl->seq;
	}
}

static int ack_only(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;	/* the reply to a "do" that returns nothing */
}

int rt_nl_do(struct rt_nl *nl, struct nlmsghdr *req, const char *what)
{
	int ret = rt_nl_talk(nl, req, ack_only, NULL);

	if (ret)
		rt_nl_perror(nl, what);
	return ret;
}
