/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Telling systemd that a Type=notify service is ready (sd_notify(3)'s
 * protocol: "READY=1" in a datagram to $NOTIFY_SOCKET), without
 * libsystemd: rngtrace-record.service orders systemd-random-seed.service
 * after it, so that the BPF backend's programs are attached before the
 * boot's first waiter starts.
 */
#ifndef RT_NOTIFY_H
#define RT_NOTIFY_H

/* Send "READY=1" where $NOTIFY_SOCKET says; nothing without it. */
void rt_notify_ready(void);

#endif /* RT_NOTIFY_H */
