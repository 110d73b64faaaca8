/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "rngtrace status": the reply to RNGTRACE_CMD_STATUS_GET, read apart from
 * the printing so that both are testable without a kernel.
 */
#ifndef RT_STATUS_H
#define RT_STATUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <libmnl/libmnl.h>

struct rt_status {
	char version[128];
	bool crng_ready;
	bool ready_at_load;
	uint64_t load_time_ns;		/* CLOCK_BOOTTIME */
	uint64_t load_time_mono_ns;	/* CLOCK_MONOTONIC */
};

/* 0, or -EBADMSG with the reason in @why. */
int status_parse(const struct nlmsghdr *nlh, struct rt_status *st,
		 char *why, size_t whylen);

/* A new reference, or NULL when out of memory. */
json_t *status_to_json(const struct rt_status *st);

void status_print(FILE *f, const struct rt_status *st);

#endif /* RT_STATUS_H */
