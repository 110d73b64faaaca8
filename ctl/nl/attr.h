/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Table-driven parsing of a reply's attributes: every attribute this
 * controller knows is type-checked, required ones must be there, and
 * attributes it does not know (a newer module's) are ignored.
 */
#ifndef RT_ATTR_H
#define RT_ATTR_H

#include <stdbool.h>
#include <stddef.h>

#include <libmnl/libmnl.h>

struct rt_attr_spec {
	const char *name;		/* the spec's name; NULL: unknown */
	enum mnl_attr_data_type type;	/* MNL_TYPE_UNSPEC: not checked */
	bool required;
};

/*
 * Parse the attributes of @nlh that follow @offset bytes of payload into
 * @tb (@max + 1 entries), against @spec (@max + 1 entries, indexed by type).
 * 0, or -EBADMSG with the reason in @why.
 */
int rt_attr_parse(const struct nlmsghdr *nlh, size_t offset,
		  const struct rt_attr_spec *spec, unsigned int max,
		  const struct nlattr **tb, char *why, size_t whylen);

/* The same for the attributes inside the nest @nest. */
int rt_nest_parse(const struct nlattr *nest, const struct rt_attr_spec *spec,
		  unsigned int max, const struct nlattr **tb,
		  char *why, size_t whylen);

#endif /* RT_ATTR_H */
