/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Untrusted strings in text output. A process name, a cgroup path, a
 * hwrng name, a kernel release come from whoever set them, an
 * unprivileged task included: printed raw, a newline forges a line of a
 * report or a field of the journal, an escape sequence drives the
 * terminal. Every text output prints them through rt_esc().
 *
 * Escaped: backslash as \\, \n \r \t as such, any other control
 * character (below 0x20, and 0x7f) as \xHH. Bytes from 0x80 up pass:
 * the loader took only valid UTF-8. JSON output does not use this
 * (the JSON library escapes); XML has rt_xml_puts().
 */
#ifndef RT_ESC_H
#define RT_ESC_H

#include <stddef.h>

/*
 * @s escaped into @buf (@len bytes, NUL-terminated, cut short with "..."
 * when it does not fit). Returns @buf. A NULL @s is "".
 */
char *rt_esc_buf(char *buf, size_t len, const char *s);

/*
 * @s escaped, in one of RT_ESC_SLOTS static buffers used in turn: good
 * for up to that many arguments of one printf(), until the next
 * RT_ESC_SLOTS calls. Not thread-safe (the controller has one thread).
 * Cut short at RT_ESC_MAX bytes with "...".
 */
#define RT_ESC_SLOTS	8
#define RT_ESC_MAX	2048
const char *rt_esc(const char *s);

/* Whether @s needs escaping at all. */
int rt_esc_needed(const char *s);

#endif /* RT_ESC_H */
