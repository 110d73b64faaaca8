/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace config and rngtrace reset: the module's CONFIG_SET and RESET. */
#ifndef RT_CONFIG_H
#define RT_CONFIG_H

#include "nl.h"

/* "on"/"1"/"yes" 1, "off"/"0"/"no" 0, anything else -1. */
int rt_onoff(const char *s);

/* The requests, built in nl->tx (tests look at them without a kernel). */
struct nlmsghdr *rt_config_set_msg(struct rt_nl *nl, int keep_armed);
struct nlmsghdr *rt_reset_msg(struct rt_nl *nl);

#endif /* RT_CONFIG_H */
