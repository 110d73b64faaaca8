// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a trace: jansson parses; this checks the format, the version
 * and the types of the fields readers rely on, so that they need not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

struct field {
	const char *key;
	json_type type;		/* JSON_TRUE stands for any boolean */
	int required;
};

static const struct field top_fields[] = {
	{ "host", JSON_OBJECT, 1 },
	{ "module", JSON_OBJECT, 1 },
	{ "events", JSON_ARRAY, 1 },
	{ "credits", JSON_ARRAY, 1 },
	{ "hwrngs", JSON_ARRAY, 0 },
	{ "kmsg", JSON_ARRAY, 0 },
	{ "ready", JSON_OBJECT, 0 },
	{ "record", JSON_OBJECT, 0 },
	{ NULL, 0, 0 },
};

static const struct field module_fields[] = {
	{ "load_time_ns", JSON_INTEGER, 1 },
	{ "ready_at_load", JSON_TRUE, 1 },
	{ "pool_bits_at_load", JSON_INTEGER, 0 },
	{ "printk_offset_ns", JSON_INTEGER, 0 },
	{ "events_dropped", JSON_INTEGER, 0 },
	{ "probes", JSON_ARRAY, 0 },
	{ NULL, 0, 0 },
};

static const struct field event_fields[] = {
	{ "seq", JSON_INTEGER, 1 },
	{ "type", JSON_STRING, 1 },
	{ "time_ns", JSON_INTEGER, 1 },
	{ "start_ns", JSON_INTEGER, 0 },
	{ "pid", JSON_INTEGER, 0 },
	{ "comm", JSON_STRING, 0 },
	{ "cgroup", JSON_STRING, 0 },
	{ "path", JSON_STRING, 0 },
	{ "bytes", JSON_INTEGER, 0 },
	{ "result", JSON_INTEGER, 0 },
	{ "source", JSON_STRING, 0 },
	{ "bits", JSON_INTEGER, 0 },
	{ "total_bits", JSON_INTEGER, 0 },
	{ "name", JSON_STRING, 0 },
	{ NULL, 0, 0 },
};

static const struct field credit_fields[] = {
	{ "source", JSON_STRING, 1 },
	{ "bits", JSON_INTEGER, 1 },
	{ "count", JSON_INTEGER, 0 },
	{ NULL, 0, 0 },
};

static const struct field ready_fields[] = {
	{ "before_load", JSON_TRUE, 1 },
	{ "time_ns", JSON_INTEGER, 0 },
	{ "source", JSON_STRING, 0 },
	{ NULL, 0, 0 },
};

static const char *type_name(json_type t)
{
	switch (t) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_TRUE: case JSON_FALSE: return "true or false";
	default: return "a value";
	}
}

static int check_fields(const json_t *obj, const struct field *f,
			const char *where, char *err, size_t errlen)
{
	for (; f->key; f++) {
		json_t *v = json_object_get(obj, f->key);
		int ok;

		if (!v) {
			if (!f->required)
				continue;
			snprintf(err, errlen, "%s%s%s is missing", where,
				 *where ? "." : "", f->key);
			return -1;
		}
		ok = f->type == JSON_TRUE ? json_is_boolean(v) :
		     json_typeof(v) == f->type;
		if (!ok) {
			snprintf(err, errlen, "%s%s%s should be %s", where,
				 *where ? "." : "", f->key, type_name(f->type));
			return -1;
		}
	}
	return 0;
}

static int check_array(const json_t *arr, const char *name,
		       const struct field *f, char *err, size_t errlen)
{
	char where[64];
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		snprintf(where, sizeof(where), "%s[%zu]", name, i);
		if (!json_is_object(v)) {
			snprintf(err, errlen, "%s should be an object", where);
			return -1;
		}
		if (check_fields(v, f, where, err, errlen))
			return -1;
	}
	return 0;
}

static int check_trace(const json_t *t, char *err, size_t errlen)
{
	const char *format, *version;
	unsigned int major, minor;
	char extra;

	if (!json_is_object(t)) {
		snprintf(err, errlen, "not an rngtrace trace (not a JSON object)");
		return -1;
	}
	format = json_string_value(json_object_get(t, "format"));
	if (!format || strcmp(format, RT_TRACE_FORMAT)) {
		snprintf(err, errlen, "not an rngtrace trace (format is not \"%s\")",
			 RT_TRACE_FORMAT);
		return -1;
	}
	version = json_string_value(json_object_get(t, "version"));
	if (!version || sscanf(version, "%u.%u%c", &major, &minor, &extra) != 2) {
		snprintf(err, errlen, "trace version is missing or not \"MAJOR.MINOR\"");
		return -1;
	}
	if (major > RT_TRACE_MAJOR) {
		snprintf(err, errlen,
			 "trace format %s is newer than this rngtrace reads (%d.x); use a newer rngtrace",
			 version, RT_TRACE_MAJOR);
		return -1;
	}
	if (major < 1) {
		snprintf(err, errlen, "trace format %s is older than any rngtrace wrote",
			 version);
		return -1;
	}
	if (check_fields(t, top_fields, "", err, errlen) ||
	    check_fields(json_object_get(t, "module"), module_fields, "module",
			 err, errlen) ||
	    check_array(json_object_get(t, "events"), "events", event_fields,
			err, errlen) ||
	    check_array(json_object_get(t, "credits"), "credits", credit_fields,
			err, errlen))
		return -1;
	if (json_object_get(t, "ready") &&
	    check_fields(json_object_get(t, "ready"), ready_fields, "ready", err,
			 errlen))
		return -1;
	return 0;
}

json_t *rt_trace_loadb(const char *buf, size_t len, const char *name,
		       char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *t;
	size_t i;

	for (i = 0; i < len && strchr(" \t\r\n", buf[i]); i++)
		;
	if (i == len) {
		snprintf(err, errlen, "%s: empty file, not a trace", name);
		return NULL;
	}
	/* Any value decodes: a bare number is "not a JSON object" below. */
	t = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!t) {
		int truncated = json_error_code(&jerr) ==
				json_error_premature_end_of_input;

		snprintf(err, errlen, "%s: %s at line %d, column %d", name,
			 truncated ? "truncated JSON" : "not valid JSON",
			 jerr.line, jerr.column);
		return NULL;
	}
	if (check_trace(t, err, errlen)) {
		char msg[256];

		snprintf(msg, sizeof(msg), "%s", err);
		snprintf(err, errlen, "%s: %s", name, msg);
		json_decref(t);
		return NULL;
	}
	return t;
}

json_t *rt_trace_load(const char *path, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	const char *name = strcmp(path, "-") ? path : "standard input";
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	json_t *t;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (len == cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				snprintf(err, errlen, "%s: out of memory", name);
				free(buf);
				if (f != stdin)
					fclose(f);
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		free(buf);
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	t = rt_trace_loadb(buf ? buf : "", len, name, err, errlen);
	free(buf);
	return t;
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
