// SPDX-License-Identifier: GPL-2.0
/*
 * The trace loader (trace.h): yajl's callback parser, a stack of frames,
 * the events handed out one at a time and the rest built as jansson.
 *
 * Why yajl: the 1,000,000-event trace of the benchmark is 200 MB; a
 * loader that holds the document (jansson's json_load*, simdjson's DOM)
 * needs gigabytes for it, and jansson's callback loader
 * (json_load_callback) only feeds the same DOM builder. yajl's parser
 * (Debian's libyajl2) calls back per token over chunks of any size, keeps
 * a stack of its own states and nothing else, and checks UTF-8: the
 * loader holds one event at a time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "trace.h"
#include "utf8.h"

enum role {
	R_TOP,		/* the trace object */
	R_EVENTS,	/* events[] */
	R_EVENT,	/* one event */
	R_SKIP,		/* a value inside an event's unknown key: ignored */
	R_BUILD,	/* built as jansson (the meta) */
};

struct frame {
	enum role role;
	json_t *json;		/* R_BUILD: the object or array being built */
	bool is_map;
};

struct ctx {
	const char *name;
	rt_trace_event_fn fn;
	void *arg;
	char *err;
	size_t errlen;
	bool failed;		/* err holds our message */

	struct frame stack[RT_TRACE_MAX_DEPTH + 1];
	int depth;		/* frames on the stack */

	json_t *meta;		/* the top object, without events */
	char key[256];		/* the current key of the innermost map */
	bool key_known;		/* event: key is one of rt_event_fields */
	enum rt_ev_key ev_key;
	bool saw_events;

	/* the event being read */
	struct rt_trace_event ev;
	size_t str_off[RT_EV_NKEYS];
	char *arena;
	size_t arena_len, arena_cap;
	size_t nevents;
};

static int fail(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
		c->failed = true;
	}
	return 0;	/* yajl: stop */
}

static struct frame *top(struct ctx *c)
{
	return c->depth ? &c->stack[c->depth - 1] : NULL;
}

static int type_error(struct ctx *c, const char *where, const char *key,
		      enum rt_ftype want)
{
	return fail(c, "%s%s%s should be %s", where, *where ? "." : "", key,
		    rt_ftype_name(want));
}

static void event_where(struct ctx *c, char *buf, size_t len)
{
	snprintf(buf, len, "events[%zu]", c->nevents);
}

/* A value arrives (kind: its type) inside the innermost frame. */
static int event_value(struct ctx *c, enum rt_ftype kind)
{
	char where[48];

	if (!c->key_known)
		return 1;
	if (rt_event_fields[c->ev_key].type != kind) {
		event_where(c, where, sizeof(where));
		return type_error(c, where, rt_event_fields[c->ev_key].key,
				  rt_event_fields[c->ev_key].type);
	}
	c->ev.has |= 1u << c->ev_key;
	return 1;
}

/* Attach @v to the meta being built (a new reference, taken). */
static int build_add(struct ctx *c, json_t *v)
{
	struct frame *f = top(c);
	json_t *parent = f->role == R_TOP ? c->meta : f->json;

	if (!v)
		return fail(c, "out of memory");
	if (f->role == R_TOP || f->is_map) {
		if (json_object_get(parent, c->key)) {
			json_decref(v);
			return fail(c, "duplicate key \"%s\"", c->key);
		}
		if (json_object_set_new(parent, c->key, v))
			return fail(c, "out of memory");
	} else if (json_array_append_new(parent, v)) {
		return fail(c, "out of memory");
	}
	return 1;
}

/* A scalar value: where does it go? */
static int scalar(struct ctx *c, enum rt_ftype kind, json_t *(*make)(void *),
		  void *arg)
{
	struct frame *f = top(c);

	if (!f)
		return fail(c, "not an rngtrace trace (not a JSON object)");
	switch (f->role) {
	case R_TOP:
		if (!strcmp(c->key, RT_K_EVENTS))
			return fail(c, "events should be an array");
		return build_add(c, make(arg));
	case R_EVENTS:
		return fail(c, "events[%zu] should be an object", c->nevents);
	case R_EVENT:
		return event_value(c, kind);
	case R_SKIP:
		return 1;
	case R_BUILD:
		return build_add(c, make(arg));
	}
	return 1;
}

static json_t *mk_null(void *a) { (void)a; return json_null(); }
static json_t *mk_bool(void *a) { return json_boolean(*(int *)a); }
static json_t *mk_int(void *a) { return json_integer(*(long long *)a); }
static json_t *mk_real(void *a) { return json_real(*(double *)a); }

struct strarg { const unsigned char *s; size_t len; };
static json_t *mk_str(void *a)
{
	struct strarg *s = a;

	return json_stringn((const char *)s->s, s->len);
}

/* null is no field's type: RT_FT_OBJECT stands for "none" (no event field is one). */
static int cb_null(void *ctx)
{
	return scalar(ctx, RT_FT_OBJECT, mk_null, NULL);
}

static int cb_boolean(void *ctx, int v)
{
	return scalar(ctx, RT_FT_BOOL, mk_bool, &v);
}

static int cb_integer(void *ctx, long long v)
{
	struct ctx *c = ctx;
	struct frame *f = top(c);

	if (f && f->role == R_EVENT && c->key_known &&
	    rt_event_fields[c->ev_key].type == RT_FT_INT)
		c->ev.num[c->ev_key] = v;
	return scalar(c, RT_FT_INT, mk_int, &v);
}

static int cb_double(void *ctx, double v)
{
	/* A number with a fraction or an exponent is not an integer. */
	return scalar(ctx, RT_FT_OBJECT, mk_real, &v);
}

static int arena_put(struct ctx *c, const unsigned char *s, size_t len,
		     size_t *off)
{
	if (c->arena_len + len + 1 > c->arena_cap) {
		size_t cap = c->arena_cap ? c->arena_cap : 4096;
		char *a;

		while (cap < c->arena_len + len + 1)
			cap *= 2;
		a = realloc(c->arena, cap);
		if (!a)
			return -1;
		c->arena = a;
		c->arena_cap = cap;
	}
	memcpy(c->arena + c->arena_len, s, len);
	c->arena[c->arena_len + len] = 0;
	*off = c->arena_len;
	c->arena_len += len + 1;
	return 0;
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct ctx *c = ctx;
	struct frame *f = top(c);
	struct strarg a = { s, len };

	if (memchr(s, 0, len))
		return fail(c, "a string with a NUL character (\\u0000)");
	/* yajl lets overlong forms and encoded surrogates through */
	if (!rt_utf8_valid((const char *)s, len))
		return fail(c, "a string that is not valid UTF-8");
	if (f && f->role == R_EVENT && c->key_known &&
	    rt_event_fields[c->ev_key].type == RT_FT_STRING &&
	    arena_put(c, s, len, &c->str_off[c->ev_key]))
		return fail(c, "out of memory");
	return scalar(c, RT_FT_STRING, mk_str, &a);
}

/*
 * The index of an event's key in rt_event_fields[], or -1: by length
 * first (a million events have ten keys each; strcmp() over the table was
 * a quarter of the load's time).
 */
static int event_key(const char *k, size_t len)
{
	static int by_len[16][RT_EV_NKEYS + 1];
	static bool ready;
	int i, *cand;

	if (!ready) {
		for (i = 0; i < 16; i++)
			by_len[i][0] = -1;
		for (i = 0; i < RT_EV_NKEYS; i++) {
			size_t l = strlen(rt_event_fields[i].key), n = 0;

			if (l >= 16)
				continue;	/* none is that long */
			while (by_len[l][n] >= 0)
				n++;
			by_len[l][n] = i;
			by_len[l][n + 1] = -1;
		}
		ready = true;
	}
	if (len >= 16)
		return -1;
	for (cand = by_len[len]; *cand >= 0; cand++) {
		const char *key = rt_event_fields[*cand].key;
		size_t j;

		/* inline: memcmp() calls cost more than these few bytes */
		for (j = 0; j < len && key[j] == k[j]; j++)
			;
		if (j == len)
			return *cand;
	}
	return -1;
}

static int cb_map_key(void *ctx, const unsigned char *k, size_t len)
{
	struct ctx *c = ctx;
	struct frame *f = top(c);
	int i;

	if (memchr(k, 0, len))
		return fail(c, "a key with a NUL character (\\u0000)");
	if (!rt_utf8_valid((const char *)k, len))
		return fail(c, "a key that is not valid UTF-8");
	/* no field of ours is that long; the rest is kept whole */
	if (len >= sizeof(c->key))
		len = rt_utf8_cut((const char *)k, sizeof(c->key) - 1);
	memcpy(c->key, k, len);
	c->key[len] = 0;
	c->key_known = false;
	if (f->role == R_TOP && !strcmp(c->key, RT_K_EVENTS) && c->saw_events)
		return fail(c, "duplicate key \"events\"");
	if (f->role != R_EVENT)
		return 1;
	i = event_key(c->key, len);
	if (i < 0)
		return 1;
	if (c->ev.has & (1u << i))
		return fail(c, "events[%zu]: duplicate key \"%s\"", c->nevents,
			    c->key);
	c->key_known = true;
	c->ev_key = i;
	return 1;
}

static int push(struct ctx *c, enum role role, json_t *json, bool is_map)
{
	if (c->depth > RT_TRACE_MAX_DEPTH) {
		json_decref(json);
		return fail(c, "nested deeper than %d levels", RT_TRACE_MAX_DEPTH);
	}
	c->stack[c->depth].role = role;
	c->stack[c->depth].json = json;
	c->stack[c->depth].is_map = is_map;
	c->depth++;
	return 1;
}

static int start(struct ctx *c, bool is_map)
{
	struct frame *f = top(c);
	json_t *j;

	if (!f) {
		if (!is_map)
			return fail(c, "not an rngtrace trace (not a JSON object)");
		return push(c, R_TOP, NULL, true);
	}
	switch (f->role) {
	case R_TOP:
		if (!strcmp(c->key, RT_K_EVENTS)) {
			if (is_map)
				return fail(c, "events should be an array");
			c->saw_events = true;
			return push(c, R_EVENTS, NULL, false);
		}
		break;
	case R_EVENTS:
		if (!is_map)
			return fail(c, "events[%zu] should be an object", c->nevents);
		memset(&c->ev, 0, sizeof(c->ev));
		c->ev.index = c->nevents;
		c->arena_len = 0;
		return push(c, R_EVENT, NULL, true);
	case R_EVENT:
		if (c->key_known) {
			char where[48];

			event_where(c, where, sizeof(where));
			return type_error(c, where, rt_event_fields[c->ev_key].key,
					  rt_event_fields[c->ev_key].type);
		}
		return push(c, R_SKIP, NULL, is_map);
	case R_SKIP:
		return push(c, R_SKIP, NULL, is_map);
	case R_BUILD:
		break;
	}
	j = is_map ? json_object() : json_array();
	if (!j || !build_add(c, json_incref(j))) {
		json_decref(j);
		return fail(c, "out of memory");
	}
	return push(c, R_BUILD, j, is_map);
}

static int cb_start_map(void *ctx) { return start(ctx, true); }
static int cb_start_array(void *ctx) { return start(ctx, false); }

static int end_event(struct ctx *c)
{
	static const enum rt_ev_key required[] = {
		RT_EV_SEQ, RT_EV_TYPE, RT_EV_TIME_NS,
	};
	size_t i;

	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!rt_ev_has(&c->ev, required[i]))
			return fail(c, "events[%zu].%s is missing", c->nevents,
				    rt_event_fields[required[i]].key);
	for (i = 0; i < RT_EV_NKEYS; i++)
		c->ev.str[i] = rt_event_fields[i].type == RT_FT_STRING &&
			       rt_ev_has(&c->ev, i) ?
			       c->arena + c->str_off[i] : NULL;
	if (c->fn && c->fn(&c->ev, c->arg, c->err, c->errlen)) {
		c->failed = true;
		return 0;
	}
	c->nevents++;
	return 1;
}

static int end(void *ctx)
{
	struct ctx *c = ctx;
	struct frame *f = top(c);

	c->depth--;
	c->key_known = false;
	if (f->role == R_BUILD)
		json_decref(f->json);	/* the parent holds it */
	if (f->role == R_EVENT)
		return end_event(c);
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_integer = cb_integer,
	.yajl_double = cb_double,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = end,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = end,
};

static int check_array(struct ctx *c, const json_t *arr, const char *name,
		       const struct rt_field *f);

/*
 * The checks of the meta, once the whole trace was read: @obj against its
 * table @f, and every object below it against its own (rt_field.sub).
 * The events were checked as they streamed by.
 */
static int check_fields(struct ctx *c, const json_t *obj,
			const struct rt_field *f, const char *where)
{
	char sub[128];

	for (; f->key; f++) {
		json_t *v = json_object_get(obj, f->key);
		bool ok;

		if (!v) {
			if (f->required && strcmp(f->key, RT_K_EVENTS) &&
			    strcmp(f->key, RT_K_FORMAT) &&
			    strcmp(f->key, RT_K_VERSION)) {
				fail(c, "%s%s%s is missing", where, *where ? "." : "",
				     f->key);
				return -1;
			}
			continue;
		}
		switch (f->type) {
		case RT_FT_OBJECT: ok = json_is_object(v); break;
		case RT_FT_ARRAY: ok = json_is_array(v); break;
		case RT_FT_STRING: ok = json_is_string(v); break;
		case RT_FT_INT: ok = json_is_integer(v); break;
		case RT_FT_BOOL: ok = json_is_boolean(v); break;
		case RT_FT_NUMBER: ok = json_is_number(v); break;
		default: ok = false;
		}
		if (!ok) {
			type_error(c, where, f->key, f->type);
			return -1;
		}
		if (!f->sub)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", where, *where ? "." : "",
			 f->key);
		if (f->type == RT_FT_OBJECT ? check_fields(c, v, f->sub, sub) :
		    check_array(c, v, sub, f->sub))
			return -1;
	}
	return 0;
}

static int check_array(struct ctx *c, const json_t *arr, const char *name,
		       const struct rt_field *f)
{
	char where[160];
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		snprintf(where, sizeof(where), "%s[%zu]", name, i);
		if (!json_is_object(v)) {
			fail(c, "%s should be an object", where);
			return -1;
		}
		if (check_fields(c, v, f, where))
			return -1;
	}
	return 0;
}

static int check_meta(struct ctx *c)
{
	const json_t *t = c->meta;
	const char *format, *version;
	unsigned int major, minor;
	char extra;

	format = json_string_value(json_object_get(t, RT_K_FORMAT));
	if (!format || strcmp(format, RT_TRACE_FORMAT))
		return fail(c, "not an rngtrace trace (format is not \"%s\")",
			    RT_TRACE_FORMAT), -1;
	version = json_string_value(json_object_get(t, RT_K_VERSION));
	if (!version || sscanf(version, "%u.%u%c", &major, &minor, &extra) != 2)
		return fail(c, "trace version is missing or not \"MAJOR.MINOR\""), -1;
	if (major > RT_TRACE_MAJOR)
		return fail(c, "trace format %s is newer than this rngtrace reads (%d.x); use a newer rngtrace",
			    version, RT_TRACE_MAJOR), -1;
	if (major < 1)
		return fail(c, "trace format %s is older than any rngtrace wrote",
			    version), -1;
	if (!c->saw_events)
		return fail(c, "events is missing"), -1;
	/* every object below the top level, each against its own table */
	if (check_fields(c, t, rt_top_fields, ""))
		return -1;
	return 0;
}

/* Lines and columns, as the user's editor counts them. */
struct where {
	unsigned long line, col;
	bool content;		/* a byte that is not whitespace */
};

static void advance(struct where *w, const char *p, size_t n)
{
	const char *end = p + n, *nl;
	unsigned long lines = 0;
	size_t i;

	for (i = 0; i < n; i++)
		lines += p[i] == '\n';
	if (lines) {
		nl = memrchr(p, '\n', n);
		w->line += lines;
		w->col = 1;
		p = nl + 1;
	}
	w->col += (unsigned long)(end - p);
}
struct source {
	FILE *f;
	const char *path;	/* to read again for an error's line, or NULL */
	unsigned long long consumed;	/* bytes before the current chunk */
	const char *buf;
	size_t len, off;
};

static size_t next_chunk(struct source *s, char *chunk, size_t cap,
			 const char **p)
{
	size_t n;

	if (!s->f) {
		n = s->len - s->off < cap ? s->len - s->off : cap;
		*p = s->buf + s->off;
		s->off += n;
		return n;
	}
	n = fread(chunk, 1, cap, s->f);
	*p = chunk;
	return n;
}

#define CHUNK	(64 * 1024)

static void advance_content(struct where *w, const char *p, size_t n)
{
	size_t i;

	for (i = 0; !w->content && i < n; i++)
		w->content = !p[i] || !strchr(" \t\r\n", p[i]);
}

/*
 * The line and column of an error @used bytes into the chunk at @p: the
 * bytes before it are counted again (not as they came, for speed) from
 * the buffer or the file; standard input's were counted as they came.
 */
static void locate(struct source *src, struct where *w, size_t used,
		   const char *p)
{
	unsigned long long upto = src->consumed;
	char chunk[4096];
	FILE *f;

	if (!src->f) {
		*w = (struct where){ 1, 1, true };
		advance(w, src->buf, upto);
	} else if (src->path && (f = fopen(src->path, "re"))) {
		*w = (struct where){ 1, 1, true };
		while (upto) {
			size_t n = fread(chunk, 1, upto < sizeof(chunk) ?
					 upto : sizeof(chunk), f);

			if (!n)
				break;
			advance(w, chunk, n);
			upto -= n;
		}
		fclose(f);
	}
	if (used)
		advance(w, p, used - 1);
}

static json_t *read_source(struct source *src, const char *name,
			   rt_trace_event_fn fn, void *arg, char *err,
			   size_t errlen)
{
	struct ctx c = {
		.name = name, .fn = fn, .arg = arg, .err = err,
		.errlen = errlen,
	};
	struct where w = { 1, 1, false };
	yajl_handle h;
	yajl_status st = yajl_status_ok;
	char *chunk = src->f ? malloc(CHUNK) : NULL;
	const char *p = NULL;
	bool at_end = false;
	size_t n = 0;
	char msg[256];

	c.meta = json_object();
	h = yajl_alloc(&callbacks, NULL, &c);
	if (!c.meta || !h || (src->f && !chunk)) {
		snprintf(err, errlen, "%s: out of memory", name);
		goto out_fail;
	}
	for (;;) {
		n = next_chunk(src, chunk, CHUNK, &p);
		if (!n) {
			if (src->f && ferror(src->f)) {
				snprintf(err, errlen, "%s: %s", name,
					 strerror(errno));
				goto out_fail;
			}
			at_end = true;
			if (!w.content) {
				snprintf(err, errlen, "%s: empty file, not a trace",
					 name);
				goto out_fail;
			}
			st = yajl_complete_parse(h);
			break;
		}
		if (!w.content)
			advance_content(&w, p, n);
		st = yajl_parse(h, (const unsigned char *)p, n);
		if (st != yajl_status_ok)
			break;
		/*
		 * Lines and columns cost a pass over every byte: counted here
		 * only when the input cannot be read again (standard input).
		 */
		if (src->f && !src->path)
			advance(&w, p, n);
		src->consumed += n;
	}
	if (st != yajl_status_ok) {
		if (c.failed) {
			snprintf(msg, sizeof(msg), "%s", err);
			snprintf(err, errlen, "%s: %s", name, msg);
			goto out_fail;
		}
		locate(src, &w, at_end ? 0 : yajl_get_bytes_consumed(h), p);
		snprintf(err, errlen, "%s: %s at line %lu, column %lu", name,
			 at_end ? "truncated JSON" : "not valid JSON", w.line,
			 w.col);
		goto out_fail;
	}
	if (check_meta(&c)) {
		snprintf(msg, sizeof(msg), "%s", err);
		snprintf(err, errlen, "%s: %s", name, msg);
		goto out_fail;
	}
	yajl_free(h);
	free(chunk);
	free(c.arena);
	return c.meta;

out_fail:
	/* a frame still open holds a reference to what it builds */
	while (c.depth > 0) {
		c.depth--;
		if (c.stack[c.depth].role == R_BUILD)
			json_decref(c.stack[c.depth].json);
	}
	if (h)
		yajl_free(h);
	free(chunk);
	free(c.arena);
	json_decref(c.meta);
	return NULL;
}

json_t *rt_trace_readb(const char *buf, size_t len, const char *name,
		       rt_trace_event_fn fn, void *arg, char *err,
		       size_t errlen)
{
	struct source src = { .buf = buf, .len = len };

	return read_source(&src, name, fn, arg, err, errlen);
}

json_t *rt_trace_read(const char *path, rt_trace_event_fn fn, void *arg,
		      char *err, size_t errlen)
{
	bool is_stdin = !strcmp(path, "-");
	struct source src = { .f = is_stdin ? stdin : fopen(path, "re"),
			      .path = is_stdin ? NULL : path };
	json_t *t;

	if (!src.f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	t = read_source(&src, is_stdin ? "standard input" : path, fn, arg,
			err, errlen);
	if (!is_stdin)
		fclose(src.f);
	return t;
}

/* The DOM loader: events[] rebuilt from the known fields. */
static int keep_event(const struct rt_trace_event *ev, void *arg, char *err,
		      size_t errlen)
{
	json_t *events = arg, *o = json_object();
	int k;

	if (!o)
		goto oom;
	for (k = 0; k < RT_EV_NKEYS; k++) {
		json_t *v;

		if (!rt_ev_has(ev, k))
			continue;
		v = rt_event_fields[k].type == RT_FT_STRING ?
		    json_string(ev->str[k]) : json_integer(ev->num[k]);
		if (json_object_set_new(o, rt_event_fields[k].key, v))
			goto oom;
	}
	if (json_array_append_new(events, o))
		goto oom;
	return 0;
oom:
	json_decref(o);
	snprintf(err, errlen, "out of memory");
	return -1;
}

static json_t *with_events(json_t *meta, json_t *events)
{
	if (meta && json_object_set_new(meta, RT_K_EVENTS, events)) {
		json_decref(meta);
		return NULL;
	}
	if (!meta)
		json_decref(events);
	return meta;
}

json_t *rt_trace_loadb(const char *buf, size_t len, const char *name,
		       char *err, size_t errlen)
{
	json_t *events = json_array();

	if (!events) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	return with_events(rt_trace_readb(buf, len, name, keep_event, events,
					  err, errlen), events);
}

json_t *rt_trace_load(const char *path, char *err, size_t errlen)
{
	json_t *events = json_array();

	if (!events) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	return with_events(rt_trace_read(path, keep_event, events, err, errlen),
			   events);
}

void rt_trace_event_from_json(const json_t *e, size_t index,
			      struct rt_trace_event *ev)
{
	int k;

	memset(ev, 0, sizeof(*ev));
	ev->index = index;
	for (k = 0; k < RT_EV_NKEYS; k++) {
		json_t *v = json_object_get(e, rt_event_fields[k].key);

		if (rt_event_fields[k].type == RT_FT_STRING && json_is_string(v)) {
			ev->str[k] = json_string_value(v);
			ev->has |= 1u << k;
		} else if (rt_event_fields[k].type == RT_FT_INT &&
			   json_is_integer(v)) {
			ev->num[k] = json_integer_value(v);
			ev->has |= 1u << k;
		}
	}
}

long long rt_json_int(const json_t *obj, const char *key, long long def)
{
	json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? json_integer_value(v) : def;
}

const char *rt_json_str(const json_t *obj, const char *key, const char *def)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

int rt_json_bool(const json_t *obj, const char *key, int def)
{
	json_t *v = json_object_get(obj, key);

	return json_is_boolean(v) ? json_is_true(v) : def;
}
