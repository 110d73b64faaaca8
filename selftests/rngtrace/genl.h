/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small generic netlink client on raw sockets for the rngtrace
 * selftests: independent of the controller's libmnl code on purpose, so a
 * bug in one cannot hide a bug in the other.
 */
#ifndef _RNGTRACE_SELFTEST_GENL_H
#define _RNGTRACE_SELFTEST_GENL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#define GENL_BUF_SIZE 65536

struct genl_reply {
	char buf[GENL_BUF_SIZE];
	size_t len;			/* bytes of the first reply message */
	char extack[256];		/* NLMSGERR_ATTR_MSG, "" if none */
	int64_t bad_attr_off;		/* NLMSGERR_ATTR_OFFS, -1 if none */
	int64_t miss_type;		/* NLMSGERR_ATTR_MISS_TYPE, -1 if none */
};

int genl_open(void);
/* Family id and version; -ENOENT when the family does not exist. */
int genl_resolve(int fd, const char *name, uint16_t *id, uint32_t *version);
/*
 * Send cmd with attrs (already encoded, attrs_len bytes) and reserved
 * header byte resv; wait for the reply and the ACK. 0 or -errno.
 */
int genl_do(int fd, uint16_t family, uint8_t cmd, uint16_t resv,
	    const void *attrs, size_t attrs_len, struct genl_reply *r);
/* Append one attribute to buf at *off (4-byte aligned); returns its offset. */
size_t genl_put_attr(void *buf, size_t *off, uint16_t type,
		     const void *data, uint16_t len);
/*
 * Dump cmd with attrs; fn runs for every reply message's payload (after
 * the genl header): 0 or -errno (-EINTR when the dump was interrupted).
 */
int genl_dump(int fd, uint16_t family, uint8_t cmd, const void *attrs,
	      size_t attrs_len, struct genl_reply *r,
	      int (*fn)(const struct nlattr *attrs, size_t len, void *arg),
	      void *arg);
/* Id of a family's multicast group; -ENOENT when there is none. */
int genl_mcast_group(int fd, const char *family, const char *group,
		     uint32_t *id);
/* Iterate the attributes in [attrs, attrs + len). */
#define genl_for_each_attr(a, attrs, len)					\
	for ((a) = (attrs);							\
	     (const char *)(a) + NLA_HDRLEN <= (const char *)(attrs) + (len) &&	\
	     (a)->nla_len >= NLA_HDRLEN &&					\
	     (const char *)(a) + (a)->nla_len <= (const char *)(attrs) + (len);	\
	     (a) = (const void *)((const char *)(a) + NLA_ALIGN((a)->nla_len)))
#define genl_type(a) ((a)->nla_type & NLA_TYPE_MASK)
#define genl_attr_payload(a) ((const struct nlattr *)((const char *)(a) + NLA_HDRLEN))
#define genl_attr_len(a) ((size_t)(a)->nla_len - NLA_HDRLEN)

/* First attribute of the given type in the reply's payload, or NULL. */
const struct nlattr *genl_attr(const struct genl_reply *r, uint16_t type);
uint32_t genl_attr_u32(const struct nlattr *a);
uint64_t genl_attr_u64(const struct nlattr *a);
const char *genl_attr_str(const struct nlattr *a);

#endif
