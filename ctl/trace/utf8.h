/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UTF-8, strictly (RFC 3629: no overlong forms, no surrogates, nothing
 * past U+10FFFF), and cutting text on character boundaries. A trace's
 * strings are untrusted: the loader takes only valid UTF-8, and whatever
 * cuts one (a fixed buffer, a row label) cuts it whole, so that every
 * output (JSON, XML, text) stays valid.
 */
#ifndef RT_UTF8_H
#define RT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The length (1..4) of the valid UTF-8 sequence at @s (@n bytes left),
 * its code point in *@cp; 0 if the bytes there are not one.
 */
size_t rt_utf8_next(const char *s, size_t n, uint32_t *cp);

/* Whether @s[0..n) is valid UTF-8. */
bool rt_utf8_valid(const char *s, size_t n);

/*
 * @n, or less, so that @s[0..n) does not end inside a character (what
 * cuts @s at @n bytes keeps).
 */
size_t rt_utf8_cut(const char *s, size_t n);

/*
 * The precision that prints at most @max bytes of @s cut whole:
 * printf("%.*s", rt_utf8_prec(s, max), s).
 */
int rt_utf8_prec(const char *s, size_t max);

/* The bytes of the first @nchars characters of @s (all of it if fewer). */
size_t rt_utf8_prefix(const char *s, size_t nchars);

/* How many characters @s has (a byte that starts none counts as one). */
size_t rt_utf8_chars(const char *s);

/*
 * snprintf() that, when the output does not fit, cuts it on a character
 * boundary. Returns what it wrote (not what it would have).
 */
size_t rt_snprintf_cut(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* RT_UTF8_H */
