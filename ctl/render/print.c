// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "esc.h"
#include "jsonout.h"
#include "print.h"

#define MAX_NEST 16

struct output {
	FILE *f;		/* NULL: building JSON (rt_print_json_begin) */
	bool json;
	bool line;		/* JSON on one line (a stream's record) */
	bool failed;
	json_t *stack[MAX_NEST];
	int depth;
};

static struct output out;
/* The output set aside by rt_print_json_begin(), and whether there is one. */
static struct output saved;
static bool building;

static void start(FILE *f, bool json, bool line)
{
	memset(&out, 0, sizeof(out));
	out.f = f;
	out.json = json;
	out.line = line;
	if (json) {
		out.stack[0] = json_object();
		out.depth = 1;
		out.failed = !out.stack[0];
	}
}

void rt_print_start(FILE *f, bool json)
{
	start(f, json, false);
}

void rt_print_start_line(FILE *f, bool json)
{
	start(f, json, true);
}

void rt_print_json_begin(void)
{
	if (building) {
		/* One level only: the caller's bug, not the user's. */
		json_decref(out.stack[0]);
		start(NULL, true, false);
		out.failed = true;
		return;
	}
	saved = out;
	building = true;
	start(NULL, true, false);
}

json_t *rt_print_json_take(const char *key)
{
	json_t *v = NULL;

	if (!out.failed && out.stack[0])
		v = key ? json_incref(json_object_get(out.stack[0], key)) :
			  json_incref(out.stack[0]);
	json_decref(out.stack[0]);
	out = saved;
	memset(&saved, 0, sizeof(saved));
	building = false;
	return v;
}

bool rt_print_is_json(void)
{
	return out.json;
}

int rt_print_end(void)
{
	int ret = out.failed ? -1 : 0;

	if (out.json) {
		if (!ret)
			ret = out.line ? rt_json_print_line(out.f, out.stack[0]) :
			      rt_json_print(out.f, out.stack[0]);
		json_decref(out.stack[0]);
	}
	if (fflush(out.f) == EOF || ferror(out.f))
		ret = -1;
	memset(&out, 0, sizeof(out));
	return ret;
}

static bool to_json(enum rt_print_kind k)
{
	return out.json && (k & RT_PRINT_JSON);
}

static bool to_text(enum rt_print_kind k)
{
	return !out.json && (k & RT_PRINT_TEXT);
}

/* Put @v (a new reference) under @key, or append it in an array. */
static void add(const char *key, json_t *v)
{
	json_t *top = out.depth ? out.stack[out.depth - 1] : NULL;
	int bad;

	if (!v || !top) {
		json_decref(v);
		out.failed = true;
		return;
	}
	bad = json_is_array(top) ? json_array_append_new(top, v) :
	      json_object_set_new(top, key ? key : "", v);
	if (bad)
		out.failed = true;
}

static void open_json(const char *key, json_t *v)
{
	if (!out.json)
		return;
	if (out.depth == MAX_NEST) {
		json_decref(v);
		out.failed = true;
		return;
	}
	add(key, json_incref(v));
	if (v) {
		out.stack[out.depth++] = v;
		json_decref(v);
	}
}

void rt_print_open_object(const char *key)
{
	if (out.json)
		open_json(key, json_object());
}

void rt_print_open_array(const char *key)
{
	if (out.json)
		open_json(key, json_array());
}

static void close_json(void)
{
	if (out.json && out.depth > 1)
		out.depth--;
}

void rt_print_close_object(void)
{
	close_json();
}

void rt_print_close_array(void)
{
	close_json();
}

static void text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void text(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vfprintf(out.f, fmt, ap) < 0)
		out.failed = true;
	va_end(ap);
}

/* The formats are the caller's: checked by the compiler at each call's
 * own types through these wrappers' attributes is not possible, so each
 * takes exactly one conversion of the documented type. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

void rt_print_str(enum rt_print_kind k, const char *key, const char *fmt,
		  const char *value)
{
	if (to_json(k))
		add(key, rt_json_string_safe(value));
	else if (to_text(k))
		text(fmt, rt_esc(value));
}

void rt_print_int(enum rt_print_kind k, const char *key, const char *fmt,
		  long long value)
{
	if (to_json(k))
		add(key, json_integer(value));
	else if (to_text(k))
		text(fmt, value);
}

void rt_print_bool(enum rt_print_kind k, const char *key, const char *fmt,
		   bool value)
{
	if (to_json(k))
		add(key, json_boolean(value));
	else if (to_text(k))
		text(fmt, value ? "yes" : "no");
}

void rt_print_name(enum rt_print_kind k, const char *key, const char *fmt,
		   const char *value)
{
	if (to_json(k))
		add(key, rt_json_string_safe(value));
	else if (to_text(k))
		text(fmt, value && *value ? rt_esc(value) : "-");
}

void rt_print_int_as(enum rt_print_kind k, const char *key, const char *fmt,
		     long long value, const char *t)
{
	if (to_json(k))
		add(key, json_integer(value));
	else if (to_text(k))
		text(fmt, t);
}

void rt_print_flag(enum rt_print_kind k, const char *key, bool value,
		   const char *if_true, const char *if_false)
{
	if (to_json(k))
		add(key, json_boolean(value));
	else if (to_text(k))
		text("%s", value ? if_true : if_false);
}

void rt_print_float(enum rt_print_kind k, const char *key, const char *fmt,
		    double value)
{
	if (to_json(k))
		add(key, json_real(value));
	else if (to_text(k))
		text(fmt, value);
}

const char *rt_print_time_text(char *buf, size_t len, long long ns)
{
	snprintf(buf, len, "%.3f s", ns / 1e9);
	return buf;
}

void rt_print_time(enum rt_print_kind k, const char *key, const char *fmt,
		   long long ns)
{
	char buf[48];

	if (to_json(k))
		add(key, json_integer(ns));
	else if (to_text(k))
		text(fmt, rt_print_time_text(buf, sizeof(buf), ns));
}

#pragma GCC diagnostic pop

void rt_print_nl(void)
{
	if (!out.json)
		text("\n");
}

void rt_print_text(const char *s)
{
	if (!out.json)
		text("%s", s);
}
