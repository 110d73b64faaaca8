/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The controller's netlink layer: one generic netlink socket (libmnl) that
 * talks to one family, with extended acks, and one user-facing line per
 * error.
 */
#ifndef RT_NL_H
#define RT_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

/* A dump part is at most 32 KiB (the kernel's and iproute2's size). */
#define RT_NL_RXSZ	32768
#define RT_NL_TXSZ	8192

/* Dumps interrupted by a concurrent change (NLM_F_DUMP_INTR) are retried. */
#define RT_NL_DUMP_TRIES	5

/*
 * How long a request waits for each part of its answer: the module
 * answers at once (a dump part, an ack), so silence this long means it is
 * stuck, and the user is told so instead of waiting forever.
 */
#define RT_NL_TIMEOUT_MS	20000

/* What went wrong, kept until the next request. */
struct rt_nl_err {
	int error;		/* positive errno; 0 when nothing failed */
	bool intr;		/* a dump was interrupted (NLM_F_DUMP_INTR) */
	bool lookup;		/* it failed while resolving the family */
	int timeout_ms;		/* ETIMEDOUT: the deadline that passed */
	char family[GENL_NAMSIZ];
	char msg[256];		/* NLMSGERR_ATTR_MSG, "" when absent */
	bool has_offs;
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS, in the request */
	bool has_miss_type;
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE */
};

struct rt_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;	/* resolved id */
	uint32_t family_version;
	int timeout_ms;		/* for each reply; RT_NL_TIMEOUT_MS from open */
	struct rt_nl_err err;
	char tx[RT_NL_TXSZ];
	char rx[RT_NL_RXSZ];
};

/*
 * Open a socket and resolve RNGTRACE_FAMILY_NAME (or @name). 0 or -errno,
 * with nl->err filled; rt_nl_close() is safe after either.
 */
int rt_nl_open(struct rt_nl *nl);
int rt_nl_open_family(struct rt_nl *nl, const char *name);
void rt_nl_close(struct rt_nl *nl);

/*
 * rt_nl_open() on a new struct rt_nl (it is large: not for the stack),
 * the one socket a command uses for all it asks; NULL when it fails, said
 * on stderr for @what (rt_nl_perror()). rt_nl_free() closes and frees it
 * (NULL is fine).
 */
struct rt_nl *rt_nl_new(const char *what);
void rt_nl_free(struct rt_nl *nl);

/*
 * Start a request to the resolved family in nl->tx: netlink and genetlink
 * headers, NLM_F_REQUEST | @flags, a fresh sequence number. Attributes may
 * be added with mnl_attr_put_*() before it is sent.
 */
struct nlmsghdr *rt_nl_msg(struct rt_nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Send @req and run @cb over each data message of the reply until the ack
 * (a "do", send it with NLM_F_ACK) or NLMSG_DONE (a dump). 0 or -errno,
 * with nl->err filled; -ETIMEDOUT when nothing came for nl->timeout_ms. @cb returns MNL_CB_OK, MNL_CB_STOP, or MNL_CB_ERROR
 * with errno set.
 */
int rt_nl_talk(struct rt_nl *nl, struct nlmsghdr *req, mnl_cb_t cb,
	       void *data);

/*
 * A dump with rt_nl_talk(), retried on NLM_F_DUMP_INTR after @reset (may be
 * NULL) has dropped what @cb collected from the interrupted attempt.
 */
int rt_nl_dump(struct rt_nl *nl, struct nlmsghdr *req, mnl_cb_t cb,
	       void (*reset)(void *data), void *data);

/*
 * Run over one received buffer of replies to sequence number @seq: >0 when
 * more are to come, 0 when done, -errno (nl->err filled) on error. The part
 * of rt_nl_talk() that needs no socket.
 */
int rt_nl_process(struct rt_nl *nl, const void *buf, size_t len,
		  uint32_t seq, uint16_t type, mnl_cb_t cb, void *data);

/*
 * Read an NLMSG_ERROR (or NLMSG_DONE) message into @err: the error and
 * whatever extended ack attributes came with it. Returns -err->error.
 */
int rt_nl_err_parse(const struct nlmsghdr *nlh, struct rt_nl_err *err);

/*
 * The one line (no newline) that tells the user about @err, which happened
 * doing @what (e.g. "status"). Returns snprintf()'s result.
 */
int rt_nl_err_format(const struct rt_nl_err *err, const char *what,
		     char *buf, size_t len);

/*
 * Send @req (built in nl->tx with NLM_F_ACK) over @nl and wait for the
 * ack; an error is one line on stderr (the kernel's extack message with
 * it), "rngtrace @what: ...". 0 or -errno.
 */
int rt_nl_do(struct rt_nl *nl, struct nlmsghdr *req, const char *what);

/* rt_nl_err_format(&nl->err, @what) and a newline, to stderr. */
void rt_nl_perror(const struct rt_nl *nl, const char *what);

#endif /* RT_NL_H */
