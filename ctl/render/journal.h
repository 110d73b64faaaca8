/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Structured entries straight to systemd-journald, by its native
 * protocol (systemd's "Native Journal Protocol" document): one datagram
 * per entry on /run/systemd/journal/socket, fields as KEY=VALUE lines,
 * a value holding a newline as KEY, newline, its length as a 64-bit
 * little-endian integer, the bytes, newline. No libsystemd: the protocol
 * is stable and documented, and rngtrace links nothing new for it.
 */
#ifndef RT_JOURNAL_H
#define RT_JOURNAL_H

#include <stddef.h>

#include "advice.h"
#include "summary.h"

#define RT_JOURNAL_SOCKET	"/run/systemd/journal/socket"
/* At most this many BLOCKED entries per boot (the first tasks to wait). */
#define RT_JOURNAL_MAX_TASKS	256

/*
 * The boot's READY (or NOT_READY) entry and a BLOCKED entry per task
 * that waited (report_line.h), sent to @socket_path (NULL: the
 * journal's). Returns how many entries were sent, or -1 with one line
 * in @err (nothing more is sent after a failure).
 */
int rt_journal_send(const char *socket_path, const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv,
		    char *err, size_t errlen);

#endif /* RT_JOURNAL_H */
