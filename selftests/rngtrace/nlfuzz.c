// SPDX-License-Identifier: GPL-2.0
/*
 * A generic netlink fuzzer for the rngtrace family: random commands,
 * flags, versions, reserved bytes and attribute soup (unknown types,
 * wrong lengths, nests inside nests, lengths that run past the message),
 * sent as fast as the kernel answers. What the kernel answers is drained
 * and ignored: the verdict is the kernel log's.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

static uint32_t xorshift(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x ?: 0x9e3779b9;
}

/* Random attributes into buf[off..max); nests recurse up to depth 3. */
static size_t soup(uint32_t *rnd, char *buf, size_t off, size_t max, int depth)
{
	int n = xorshift(rnd) % 6, i;

	for (i = 0; i < n && off + NLA_HDRLEN + 64 <= max; i++) {
		struct nlattr *a = (void *)(buf + off);
		uint32_t r = xorshift(rnd);
		size_t len = r % 24, inner;

		a->nla_type = (r >> 8) % 48;
		if (depth < 3 && !(r & 0x30000)) {
			a->nla_type |= NLA_F_NESTED;
			inner = soup(rnd, buf, off + NLA_HDRLEN, max, depth + 1);
			len = inner - off - NLA_HDRLEN;
		} else {
			for (inner = 0; inner < len; inner++)
				buf[off + NLA_HDRLEN + inner] = xorshift(rnd);
			/* Sometimes a u32's or u64's right length. */
			if (r & 0x40000)
				len = (r & 0x80000) ? 4 : 8;
		}
		a->nla_len = NLA_HDRLEN + len;
		if (!(xorshift(rnd) % 16))
			a->nla_len += xorshift(rnd) % 32;	/* runs past */
		off += NLA_ALIGN(NLA_HDRLEN + len);
	}
	return off;
}

int nlfuzz_once(int fd, uint16_t family, uint32_t *rnd)
{
	static const uint16_t flags[] = {
		NLM_F_REQUEST, NLM_F_REQUEST | NLM_F_ACK,
		NLM_F_REQUEST | NLM_F_DUMP, NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP,
	};
	char buf[1024], rx[8192];
	struct nlmsghdr *nlh = (void *)buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	size_t len;
	uint32_t r = xorshift(rnd);
	int i;

	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = flags[r % 4];
	if (!(r & 0xf0))
		nlh->nlmsg_flags |= xorshift(rnd) & 0xfff;
	nlh->nlmsg_seq = xorshift(rnd);
	g->cmd = (r >> 8) % 12;
	g->version = (r >> 12) % 3;
	g->reserved = (r & 0x70000) ? 0 : xorshift(rnd);
	len = soup(rnd, buf, NLMSG_HDRLEN + GENL_HDRLEN, sizeof(buf), 0);
	nlh->nlmsg_len = len;
	if (!(xorshift(rnd) % 8))	/* truncated: the header says less */
		nlh->nlmsg_len = NLMSG_HDRLEN + xorshift(rnd) % (len - NLMSG_HDRLEN + 1);
	if (send(fd, buf, len, 0) < 0 && errno != ENOBUFS && errno != EAGAIN)
		return -errno;
	/* Drain what came back; a dump may take a few reads. */
	for (i = 0; i < 64; i++)
		if (recv(fd, rx, sizeof(rx), MSG_DONTWAIT) <= 0)
			break;
	return 0;
}
