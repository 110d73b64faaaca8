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
#include <linux/netlink.h>

#define GENL_BUF_SIZE 65536

struct genl_reply {
	char buf[GENL_BUF_SIZE];
	size_t len;			/* bytes of the first reply message */
	char extack[256];		/* NLMSGERR_ATTR_MSG, "" if none */
	int64_t bad_attr_off;		/* NLMSGERR_ATTR_OFFS, -1 if none */
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
/* First attribute of the given type in the reply's payload, or NULL. */
const struct nlattr *genl_attr(const struct genl_reply *r, uint16_t type);
uint32_t genl_attr_u32(const struct nlattr *a);
uint64_t genl_attr_u64(const struct nlattr *a);
const char *genl_attr_str(const struct nlattr *a);

#endif
