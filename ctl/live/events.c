// SPDX-License-Identifier: GPL-2.0
/*
 * Following the module's events (rngtrace events, record):
 * RNGTRACE_CMD_EVENTS_GET and the "events" multicast group, followed
 * without a gap or a duplicate
 * (Documentation/admin-guide/module.md): join the group first, then dump,
 * then take the notifications whose seq is past the last one delivered.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rngtrace.h>

#include "evjson.h"
#include "nl.h"

volatile int rt_stop_signal;

static void on_signal(int sig)
{
	rt_stop_signal = sig;
}

void rt_follow_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

enum rt_seq_verdict rt_seq_check(uint64_t next, bool any, uint64_t seq)
{
	if (seq < next)
		return RT_SEQ_OLD;
	if (!any || seq == next)
		return RT_SEQ_NEXT;
	return RT_SEQ_GAP;
}

/* Hand @ev on; @fill_gaps: a gap is filled by a dump rather than taken. */
static int deliver(struct rt_follow *f, const struct rt_event *ev,
		   bool *gap)
{
	switch (rt_seq_check(f->next_seq, f->any, ev->seq)) {
	case RT_SEQ_OLD:
		return 0;
	case RT_SEQ_GAP:
		if (gap) {
			*gap = true;
			return 0;
		}
		f->missed += ev->seq - f->next_seq;
		break;
	case RT_SEQ_NEXT:
		break;
	}
	if (!f->any)
		f->first_seq = ev->seq;
	f->any = true;
	f->next_seq = ev->seq + 1;
	f->delivered++;
	return f->cb ? f->cb(ev, f->arg) : 0;
}

struct msg_ctx {
	struct rt_follow *f;
	bool *gap;		/* NULL: take gaps */
};

static int events_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct msg_ctx *ctx = data;
	struct rt_follow *f = ctx->f;
	const struct nlattr *attr;
	struct rt_event ev;
	char why[128];

	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN) {
		snprintf(f->why, sizeof(f->why),
			 "message too short for its header");
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != RNGTRACE_A_EVENTS_EVENT)
			continue;
		if (rt_event_parse(attr, false, &ev, why, sizeof(why))) {
			snprintf(f->why, sizeof(f->why), "event: %s", why);
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		if (deliver(f, &ev, ctx->gap)) {
			f->cb_failed = true;
			errno = EIO;
			return MNL_CB_ERROR;
		}
		if (ctx->gap && *ctx->gap)
			return MNL_CB_STOP;
	}
	return MNL_CB_OK;
}

static int open_one(struct rt_nl **nl, const char *what)
{
	*nl = rt_nl_new(what);
	return *nl ? 0 : -EIO;
}

static int grp_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type == CTRL_ATTR_MCAST_GRP_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		tb[type] = attr;
	else if (type == CTRL_ATTR_MCAST_GRP_ID &&
		 mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

static int family_groups_cb(const struct nlmsghdr *nlh, void *data)
{
	struct rt_follow *f = data;
	const struct nlattr *attr, *grp;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != CTRL_ATTR_MCAST_GROUPS)
			continue;
		mnl_attr_for_each_nested(grp, attr) {
			const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};

			if (mnl_attr_parse_nested(grp, grp_attr_cb, tb) !=
			    MNL_CB_OK)
				continue;
			if (tb[CTRL_ATTR_MCAST_GRP_NAME] &&
			    tb[CTRL_ATTR_MCAST_GRP_ID] &&
			    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
				    RNGTRACE_MCGRP_EVENTS))
				f->group = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
		}
	}
	return MNL_CB_OK;
}

/* CTRL_CMD_GETFAMILY again for the group id, then join it. */
static int join_group(struct rt_follow *f, const char *what)
{
	struct rt_nl *mc = f->mc;
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	int ret, size = 4 << 20;

	nlh = mnl_nlmsg_put_header(mc->tx);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++mc->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, RNGTRACE_FAMILY_NAME);
	ret = rt_nl_talk(mc, nlh, family_groups_cb, f);
	if (ret) {
		rt_nl_perror(mc, what);
		return ret;
	}
	if (!f->group) {
		fprintf(stderr, "rngtrace %s: the rngtrace family has no \"%s\" multicast group\n",
			what, RNGTRACE_MCGRP_EVENTS);
		return -ENOENT;
	}
	/* Room for a burst; best effort (SO_RCVBUFFORCE needs privilege). */
	if (setsockopt(mnl_socket_get_fd(mc->sock), SOL_SOCKET, SO_RCVBUFFORCE,
		       &size, sizeof(size)))
		setsockopt(mnl_socket_get_fd(mc->sock), SOL_SOCKET, SO_RCVBUF,
			   &size, sizeof(size));
	if (mnl_socket_setsockopt(mc->sock, NETLINK_ADD_MEMBERSHIP, &f->group,
				  sizeof(f->group)) < 0) {
		memset(&mc->err, 0, sizeof(mc->err));
		mc->err.error = errno;
		rt_nl_perror(mc, what);
		return -mc->err.error;
	}
	return 0;
}

int rt_follow_open(struct rt_follow *f, bool follow, const char *what)
{
	int ret;

	ret = open_one(&f->nl, what);
	if (ret || !follow)
		return ret;
	ret = open_one(&f->mc, what);
	if (ret)
		return ret;
	return join_group(f, what);
}

void rt_follow_close(struct rt_follow *f)
{
	rt_nl_free(f->nl);
	f->nl = NULL;
	rt_nl_free(f->mc);
	f->mc = NULL;
}

int rt_follow_dump(struct rt_follow *f, const char *what)
{
	struct msg_ctx ctx = { .f = f };
	struct nlmsghdr *nlh;
	int ret;

	f->why[0] = '\0';
	nlh = rt_nl_msg(f->nl, RNGTRACE_CMD_EVENTS_GET, 0);
	mnl_attr_put_u64(nlh, RNGTRACE_A_EVENTS_SINCE_SEQ, f->next_seq);
	/* A retry starts over from since-seq: deliver() drops what it has. */
	ret = rt_nl_dump(f->nl, nlh, events_msg_cb, NULL, &ctx);
	if (ret && f->why[0])
		fprintf(stderr, "rngtrace %s: bad reply from the module: %s\n",
			what, f->why);
	else if (f->cb_failed)
		fprintf(stderr, "rngtrace %s: cannot write the output\n", what);
	else if (ret)
		rt_nl_perror(f->nl, what);
	return ret;
}

int rt_follow_wait(struct rt_follow *f, int timeout_ms, const char *what)
{
	struct rt_nl *mc = f->mc;
	struct pollfd p;
	bool gap = false;
	struct msg_ctx ctx = { .f = f, .gap = &gap };
	ssize_t n;
	int ret;

	p.fd = mnl_socket_get_fd(mc->sock);
	p.events = POLLIN;
	ret = poll(&p, 1, timeout_ms);
	if (ret < 0)
		return errno == EINTR ? 0 : -errno;
	if (ret == 0)
		return 0;
	for (;;) {
		n = recv(p.fd, mc->rx, sizeof(mc->rx), MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			/* Notifications were lost: the ring still has them. */
			ret = rt_follow_dump(f, what);
			if (ret)
				return ret;
			continue;
		}
		if (n < 0) {
			memset(&mc->err, 0, sizeof(mc->err));
			mc->err.error = errno;
			rt_nl_perror(mc, what);
			return -mc->err.error;
		}
		f->why[0] = '\0';
		gap = false;
		ret = mnl_cb_run(mc->rx, n, 0, 0, events_msg_cb, &ctx);
		if (ret < 0) {
			if (!f->cb_failed)
				fprintf(stderr, "rngtrace %s: bad notification from the module: %s\n",
					what, f->why[0] ? f->why : strerror(errno));
			else
				fprintf(stderr, "rngtrace %s: cannot write the output\n",
					what);
			return -EBADMSG;
		}
		if (gap) {
			/* Out of order, or lost: the dump fills it in order. */
			ret = rt_follow_dump(f, what);
			if (ret)
				return ret;
		}
	}
}
