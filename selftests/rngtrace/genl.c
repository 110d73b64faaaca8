// SPDX-License-Identifier: GPL-2.0
/*
 * Raw-socket generic netlink for the selftests (see genl.h).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include "genl.h"

#define NLA_DATA(a) ((void *)((char *)(a) + NLA_HDRLEN))

static uint32_t seq = 1;

int genl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;
	int fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

size_t genl_put_attr(void *buf, size_t *off, uint16_t type,
		     const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)buf + *off);
	size_t at = *off;

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy(NLA_DATA(a), data, len);
	memset((char *)NLA_DATA(a) + len, 0, NLA_ALIGN(len) - len);
	*off += NLA_ALIGN(a->nla_len);
	return at;
}

/* Parse the extended ACK attributes that follow a (capped) nlmsgerr. */
static void parse_extack(const struct nlmsghdr *nlh, struct genl_reply *r)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off = NLMSG_HDRLEN + sizeof(*e);
	const struct nlattr *a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
		a = (const struct nlattr *)((const char *)nlh + off);
		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > nlh->nlmsg_len)
			break;
		if (a->nla_type == NLMSGERR_ATTR_MSG) {
			size_t n = a->nla_len - NLA_HDRLEN;

			if (n >= sizeof(r->extack))
				n = sizeof(r->extack) - 1;
			memcpy(r->extack, NLA_DATA(a), n);
			r->extack[n] = '\0';
		} else if (a->nla_type == NLMSGERR_ATTR_OFFS) {
			r->bad_attr_off = *(uint32_t *)NLA_DATA(a);
		} else if (a->nla_type == NLMSGERR_ATTR_MISS_TYPE) {
			r->miss_type = *(uint32_t *)NLA_DATA(a);
		}
		off += NLA_ALIGN(a->nla_len);
	}
}

/* One generic netlink request in req: header, genl header, attributes. */
static int genl_request(char *req, size_t size, uint16_t family,
			uint16_t flags, uint32_t myseq, uint8_t cmd,
			uint16_t resv, const void *attrs, size_t attrs_len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	struct genlmsghdr *g = NLMSG_DATA(nlh);

	if (NLMSG_HDRLEN + GENL_HDRLEN + attrs_len > size)
		return -1;
	memset(req, 0, size);
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + attrs_len;
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = myseq;
	g->cmd = cmd;
	g->version = 1;
	g->reserved = resv;
	memcpy((char *)g + GENL_HDRLEN, attrs, attrs_len);
	return 0;
}

int genl_do(int fd, uint16_t family, uint8_t cmd, uint16_t resv,
	    const void *attrs, size_t attrs_len, struct genl_reply *r)
{
	char req[4096];
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	uint32_t myseq = seq++;
	int got_reply = 0;

	if (genl_request(req, sizeof(req), family, NLM_F_ACK, myseq, cmd, resv,
			 attrs, attrs_len))
		return -EMSGSIZE;

	r->len = 0;
	r->extack[0] = '\0';
	r->bad_attr_off = -1;
	r->miss_type = -1;
	if (send(fd, req, nlh->nlmsg_len, 0) < 0)
		return -errno;

	for (;;) {
		static char buf[GENL_BUF_SIZE];
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *m;

		if (n < 0)
			return -errno;
		for (m = (struct nlmsghdr *)buf; NLMSG_OK(m, (size_t)n);
		     m = NLMSG_NEXT(m, n)) {
			if (m->nlmsg_seq != myseq)
				continue;
			if (m->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(m);

				parse_extack(m, r);
				return e->error;
			}
			if (!got_reply && m->nlmsg_len <= sizeof(r->buf)) {
				memcpy(r->buf, m, m->nlmsg_len);
				r->len = m->nlmsg_len;
				got_reply = 1;
			}
		}
	}
}

const struct nlattr *genl_attr(const struct genl_reply *r, uint16_t type)
{
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;

	while (off + NLA_HDRLEN <= r->len) {
		const struct nlattr *a = (const void *)(r->buf + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > r->len)
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		off += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

uint32_t genl_attr_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, NLA_DATA(a), sizeof(v));
	return v;
}

uint64_t genl_attr_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, NLA_DATA(a), sizeof(v));
	return v;
}

const char *genl_attr_str(const struct nlattr *a)
{
	return NLA_DATA(a);
}

/* CTRL_CMD_GETFAMILY for @name into @r; 0 or -errno (-ENOENT: none). */
static int ctrl_getfamily(int fd, const char *name, struct genl_reply *r)
{
	char attrs[64];
	size_t off = 0;

	if (strlen(name) + 1 + NLA_HDRLEN > sizeof(attrs))
		return -ENAMETOOLONG;
	genl_put_attr(attrs, &off, CTRL_ATTR_FAMILY_NAME, name,
		      strlen(name) + 1);
	return genl_do(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0, attrs, off, r);
}

int genl_resolve(int fd, const char *name, uint16_t *id, uint32_t *version)
{
	static struct genl_reply r;
	const struct nlattr *a;
	int ret;

	ret = ctrl_getfamily(fd, name, &r);
	if (ret)
		return ret;
	a = genl_attr(&r, CTRL_ATTR_FAMILY_ID);
	if (!a)
		return -EPROTO;
	*id = *(uint16_t *)NLA_DATA(a);
	a = genl_attr(&r, CTRL_ATTR_VERSION);
	*version = a ? genl_attr_u32(a) : 0;
	return 0;
}

int genl_dump(int fd, uint16_t family, uint8_t cmd, const void *attrs,
	      size_t attrs_len, struct genl_reply *r,
	      int (*fn)(const struct nlattr *attrs, size_t len, void *arg),
	      void *arg)
{
	static char buf[GENL_BUF_SIZE];
	char req[4096];
	struct nlmsghdr *nlh = (struct nlmsghdr *)req;
	uint32_t myseq = seq++;
	int intr = 0, ret;

	if (genl_request(req, sizeof(req), family, NLM_F_DUMP, myseq, cmd, 0,
			 attrs, attrs_len))
		return -EMSGSIZE;
	r->extack[0] = '\0';
	r->bad_attr_off = -1;
	r->miss_type = -1;
	if (send(fd, req, nlh->nlmsg_len, 0) < 0)
		return -errno;

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *m;

		if (n < 0)
			return -errno;
		for (m = (struct nlmsghdr *)buf; NLMSG_OK(m, (size_t)n);
		     m = NLMSG_NEXT(m, n)) {
			if (m->nlmsg_seq != myseq)
				continue;
			if (m->nlmsg_flags & NLM_F_DUMP_INTR)
				intr = 1;
			if (m->nlmsg_type == NLMSG_DONE)
				return intr ? -EINTR : 0;
			if (m->nlmsg_type == NLMSG_ERROR) {
				parse_extack(m, r);
				return ((struct nlmsgerr *)NLMSG_DATA(m))->error;
			}
			ret = fn((const struct nlattr *)((char *)NLMSG_DATA(m) +
							 GENL_HDRLEN),
				 m->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, arg);
			if (ret)
				return ret;
		}
	}
}

int genl_mcast_group(int fd, const char *family, const char *group,
		     uint32_t *id)
{
	static struct genl_reply r;
	const struct nlattr *grps, *g, *a;
	int ret;

	ret = ctrl_getfamily(fd, family, &r);
	if (ret)
		return ret;
	grps = genl_attr(&r, CTRL_ATTR_MCAST_GROUPS);
	if (!grps)
		return -ENOENT;
	genl_for_each_attr(g, genl_attr_payload(grps), genl_attr_len(grps)) {
		const char *name = NULL;
		int have_id = 0;

		genl_for_each_attr(a, genl_attr_payload(g), genl_attr_len(g)) {
			if (genl_type(a) == CTRL_ATTR_MCAST_GRP_NAME)
				name = NLA_DATA(a);
			if (genl_type(a) == CTRL_ATTR_MCAST_GRP_ID) {
				*id = genl_attr_u32(a);
				have_id = 1;
			}
		}
		if (name && have_id && !strcmp(name, group))
			return 0;
	}
	return -ENOENT;
}
