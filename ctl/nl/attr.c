// SPDX-License-Identifier: GPL-2.0
/*
 * Table-driven attribute parsing on mnl_attr_parse() and
 * mnl_attr_validate().
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "attr.h"

struct attr_parse {
	const struct rt_attr_spec *spec;
	unsigned int max;
	const struct nlattr **tb;
	char *why;
	size_t whylen;
};

static int attr_cb(const struct nlattr *attr, void *data)
{
	struct attr_parse *p = data;
	uint16_t type = mnl_attr_get_type(attr);
	const struct rt_attr_spec *s;

	if (type > p->max || !p->spec[type].name)
		return MNL_CB_OK;	/* a newer module's: ignored */
	s = &p->spec[type];
	if (s->type != MNL_TYPE_UNSPEC &&
	    mnl_attr_validate(attr, s->type) < 0) {
		if (errno == EINVAL)
			snprintf(p->why, p->whylen,
				 "attribute %s is not NUL-terminated", s->name);
		else
			snprintf(p->why, p->whylen,
				 "attribute %s has a %u-byte payload, wrong for its type",
				 s->name, mnl_attr_get_payload_len(attr));
		return MNL_CB_ERROR;
	}
	p->tb[type] = attr;
	return MNL_CB_OK;
}

/* The spec's required attributes are all there. */
static int attr_required(const struct rt_attr_spec *spec, unsigned int max,
			 const struct nlattr **tb, char *why, size_t whylen)
{
	unsigned int i;

	for (i = 0; i <= max; i++) {
		if (spec[i].required && !tb[i]) {
			snprintf(why, whylen, "attribute %s is missing",
				 spec[i].name);
			return -EBADMSG;
		}
	}
	return 0;
}

int rt_attr_parse(const struct nlmsghdr *nlh, size_t offset,
		  const struct rt_attr_spec *spec, unsigned int max,
		  const struct nlattr **tb, char *why, size_t whylen)
{
	struct attr_parse p = {
		.spec = spec, .max = max, .tb = tb,
		.why = why, .whylen = whylen,
	};

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (why && whylen)
		why[0] = '\0';
	if (mnl_nlmsg_get_payload_len(nlh) < offset) {
		snprintf(why, whylen, "message too short for its header");
		return -EBADMSG;
	}
	if (mnl_attr_parse(nlh, offset, attr_cb, &p) != MNL_CB_OK)
		return -EBADMSG;
	return attr_required(spec, max, tb, why, whylen);
}

int rt_nest_parse(const struct nlattr *nest, const struct rt_attr_spec *spec,
		  unsigned int max, const struct nlattr **tb,
		  char *why, size_t whylen)
{
	struct attr_parse p = {
		.spec = spec, .max = max, .tb = tb,
		.why = why, .whylen = whylen,
	};

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (why && whylen)
		why[0] = '\0';
	if (mnl_attr_parse_nested(nest, attr_cb, &p) != MNL_CB_OK) {
		if (why && whylen && !why[0])
			snprintf(why, whylen, "malformed nested attributes");
		return -EBADMSG;
	}
	return attr_required(spec, max, tb, why, whylen);
}
