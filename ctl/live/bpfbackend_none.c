// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF backend where this rngtrace was built without it (no clang,
 * bpftool or libbpf for its target: ctl/Makefile): it says so.
 */
#include <stdio.h>
#include <string.h>

#include "bpfbackend.h"

int rt_bpf_open(struct rt_bpf **b, char *err, size_t errlen)
{
	*b = NULL;
	snprintf(err, errlen, "this rngtrace was built without the BPF backend (no clang, bpftool or libbpf where it was built)");
	return -1;
}

int rt_bpf_poll(struct rt_bpf *b, int timeout_ms)
{
	(void)b;
	(void)timeout_ms;
	return -1;
}

bool rt_bpf_ready(const struct rt_bpf *b)
{
	(void)b;
	return false;
}

size_t rt_bpf_in_flight(const struct rt_bpf *b)
{
	(void)b;
	return 0;
}

size_t rt_bpf_forget_in_flight(struct rt_bpf *b)
{
	(void)b;
	return 0;
}

void rt_bpf_watch(struct rt_bpf *b)
{
	(void)b;
}

void rt_bpf_disarm(struct rt_bpf *b)
{
	(void)b;
}

int rt_bpf_result(struct rt_bpf *b, struct rt_bpf_result *r)
{
	(void)b;
	memset(r, 0, sizeof(*r));
	return -1;
}

void rt_bpf_close(struct rt_bpf *b)
{
	(void)b;
}
