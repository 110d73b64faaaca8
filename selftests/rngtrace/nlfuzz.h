/* SPDX-License-Identifier: GPL-2.0 */
/* A generic netlink fuzzer for the rngtrace family (nlfuzz.c). */
#ifndef _RNGTRACE_SELFTEST_NLFUZZ_H
#define _RNGTRACE_SELFTEST_NLFUZZ_H

#include <stdint.h>

/*
 * Send one random request to family on fd (a NETLINK_GENERIC socket) and
 * drain the answers. *rnd is the generator's state (never 0). 0 or -errno.
 */
int nlfuzz_once(int fd, uint16_t family, uint32_t *rnd);

#endif
