// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink errors: read the kernel's error and extended ack, and say it in
 * one line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/netlink.h>

#include "nl.h"

static int ext_ack_cb(const struct nlattr *attr, void *data)
{
	struct rt_nl_err *err = data;

	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			snprintf(err->msg, sizeof(err->msg), "%s",
				 mnl_attr_get_str(attr));
		break;
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0) {
			err->offs = mnl_attr_get_u32(attr);
			err->has_offs = true;
		}
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0) {
			err->miss_type = mnl_attr_get_u32(attr);
			err->has_miss_type = true;
		}
		break;
	}
	return MNL_CB_OK;
}

int rt_nl_err_parse(const struct nlmsghdr *nlh, struct rt_nl_err *err)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t hlen;
	int code;

	memset(err, 0, sizeof(*err));
	if (nlh->nlmsg_type == NLMSG_DONE) {
		/* Old kernels may send a bare NLMSG_DONE: success. */
		if (plen < sizeof(code))
			return 0;
		memcpy(&code, mnl_nlmsg_get_payload(nlh), sizeof(code));
		hlen = sizeof(code);
	} else {
		if (plen < sizeof(*e)) {
			err->error = EBADMSG;
			return -err->error;
		}
		code = e->error;
		hlen = sizeof(*e);
		/* Without NETLINK_CAP_ACK the whole request is echoed. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    e->msg.nlmsg_len >= sizeof(e->msg))
			hlen += e->msg.nlmsg_len - sizeof(e->msg);
	}
	/* Subsystems disagree on the sign; errno values are positive. */
	err->error = code < 0 ? -code : code;
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && MNL_ALIGN(hlen) <= plen)
		mnl_attr_parse(nlh, hlen, ext_ack_cb, err);
	return -err->error;
}

int rt_nl_err_format(const struct rt_nl_err *err, const char *what,
		     char *buf, size_t len)
{
	const char *why;
	char miss[48] = "", offs[64] = "", tmo[96];
	const char *sep = err->msg[0] ? ": " : "";

	if (err->lookup && err->error == ENOENT)
		return snprintf(buf, len,
				"rngtrace %s: the rngtrace kernel module is not loaded (no generic netlink family \"%s\"); load it with 'modprobe rngtrace'",
				what, err->family);

	if (err->error == ETIMEDOUT && err->timeout_ms) {
		snprintf(tmo, sizeof(tmo),
			 "no answer from the kernel within %d s (is the module stuck? see dmesg)",
			 (err->timeout_ms + 999) / 1000);
		why = tmo;
	} else if (err->error == EPERM)
		why = "operation not permitted: it needs CAP_NET_ADMIN";
	else if (err->intr)
		why = "the dump was interrupted by a change in the kernel, too often; try again";
	else
		why = strerror(err->error);
	if (err->has_miss_type)
		snprintf(miss, sizeof(miss), " (missing attribute type %u)",
			 err->miss_type);
	if (err->has_offs)
		snprintf(offs, sizeof(offs),
			 " (bad attribute at offset %u of the request)",
			 err->offs);
	if (err->lookup)
		return snprintf(buf, len,
				"rngtrace %s: looking up generic netlink family \"%s\": %s%s%s%s%s",
				what, err->family, why, sep, err->msg, miss, offs);
	return snprintf(buf, len, "rngtrace %s: %s%s%s%s%s", what, why, sep,
			err->msg, miss, offs);
}

void rt_nl_perror(const struct rt_nl *nl, const char *what)
{
	char line[512];

	rt_nl_err_format(&nl->err, what, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}
