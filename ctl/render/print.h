/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One way to print text and JSON, as iproute2's json_print.h does: each
 * field is one call that names its JSON key and its text format, so the
 * two outputs cannot drift apart.
 *
 *	rt_print_start(stdout, json);
 *	rt_print_str(RT_PRINT_ANY, "comm", "comm %s", w->comm);
 *	rt_print_time(RT_PRINT_ANY, "wait_ns", ", waited %s", w->wait_ns);
 *	rt_print_nl();
 *	rt_print_end();
 *
 * In text mode strings are escaped (rt_esc()); in JSON mode the values go
 * into a jansson object printed at rt_print_end() with 12 significant
 * digits (14.2, never 14.199999999999999); a string that is not UTF-8
 * has its bytes past ASCII as '?' there.
 *
 * One unit per output kind: a duration or a moment is seconds in text,
 * "1.500 s" (three decimals), and an integer of nanoseconds in JSON, under
 * a key ending in "_ns" (1500000000, exact), as in the trace file.
 * Not thread-safe: one output at a time, and inside it at most one
 * rt_print_json_begin() .. rt_print_json_take() (which saves and restores
 * the output around it).
 *
 * A stream (rngtrace events --follow) is one output per record, started
 * with rt_print_start_line(): its JSON is one compact line (JSON lines),
 * and rt_print_end() flushes, so a reader gets each record as it comes.
 *
 * The same calls can build a JSON value instead of printing it, so that
 * a data file (the trace) and the --json output of a command are made by
 * one function: rt_print_json_begin(), the calls, rt_print_json_take().
 */
#ifndef RT_PRINT_H
#define RT_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

enum rt_print_kind {
	RT_PRINT_NONE = 0,	/* neither: the call does nothing */
	RT_PRINT_TEXT = 1,	/* text only */
	RT_PRINT_JSON = 2,	/* JSON only */
	RT_PRINT_ANY = 3,	/* both */
};

/* Start an output to @f, JSON or text. */
void rt_print_start(FILE *f, bool json);
/* Start one record of a stream: JSON printed on one line at the end. */
void rt_print_start_line(FILE *f, bool json);
/* Print what JSON was gathered; 0, or -1 if out of memory or @f failed. */
int rt_print_end(void);
bool rt_print_is_json(void);

/* The kind of a field that JSON has when @json and text shows when @text. */
static inline enum rt_print_kind rt_print_kind(bool json, bool text)
{
	return (enum rt_print_kind)((json ? RT_PRINT_JSON : 0) |
				    (text ? RT_PRINT_TEXT : 0));
}

/*
 * Build JSON from the calls that follow instead of printing: the current
 * output (if any) is set aside until rt_print_json_take(), which returns
 * the object the calls made (a new reference), or with @key the value
 * they put under @key (an array they opened, say); NULL when out of
 * memory or when @key is not there.
 */
void rt_print_json_begin(void);
json_t *rt_print_json_take(const char *key);

/* JSON objects and arrays (text prints nothing for them). */
void rt_print_open_object(const char *key);	/* NULL key: in an array */
void rt_print_close_object(void);
void rt_print_open_array(const char *key);
void rt_print_close_array(void);

/* @fmt is the text format, with one %s (str, secs) or %lld (int). */
void rt_print_str(enum rt_print_kind k, const char *key, const char *fmt,
		  const char *value);
void rt_print_int(enum rt_print_kind k, const char *key, const char *fmt,
		  long long value);
void rt_print_bool(enum rt_print_kind k, const char *key, const char *fmt,
		   bool value);
/* A string that text shows as "-" when empty (a table's cell). */
void rt_print_name(enum rt_print_kind k, const char *key, const char *fmt,
		   const char *value);
/* An integer that text shows as @text (its meaning), through @fmt's %s. */
void rt_print_int_as(enum rt_print_kind k, const char *key, const char *fmt,
		     long long value, const char *text);
/* A bool that text shows as @if_true or @if_false (no format). */
void rt_print_flag(enum rt_print_kind k, const char *key, bool value,
		   const char *if_true, const char *if_false);
/* A real, @fmt with one double conversion ("%.1f%%"). */
void rt_print_float(enum rt_print_kind k, const char *key, const char *fmt,
		    double value);
/*
 * A duration or a moment in nanoseconds: text "%s" gets "1.500 s", JSON
 * the integer under @key, which ends in "_ns".
 */
void rt_print_time(enum rt_print_kind k, const char *key, const char *fmt,
		   long long ns);
/* The text rt_print_time() prints for @ns, into @buf. */
const char *rt_print_time_text(char *buf, size_t len, long long ns);
/* Text only: a newline (or any literal text). */
void rt_print_nl(void);
void rt_print_text(const char *text);

#endif /* RT_PRINT_H */
