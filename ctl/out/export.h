/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace export: one writer per format (export_*.c). */
#ifndef RT_EXPORT_H
#define RT_EXPORT_H

#include <stdio.h>
#include <jansson.h>

#include "summary.h"

struct rt_export {
	const char *file;		/* as the user named it */
	const struct rt_summary *s;
	long long max_wait_ns;		/* -1: no limit */
	long long max_ready_ns;		/* -1: no limit */
	/*
	 * When the trace was written, in seconds since the Epoch (the trace
	 * has no wall-clock time of its own: the file's modification time,
	 * which record sets when it ends); -1 if unknown.
	 */
	long long when;
};

/* Each writes the whole output to @f: 0, or -1 (out of memory). */
int rt_export_perfetto(FILE *f, const struct rt_export *x);
int rt_export_prometheus(FILE *f, const struct rt_export *x);
int rt_export_junit(FILE *f, const struct rt_export *x);
int rt_export_ktap(FILE *f, const struct rt_export *x);

/* The test cases junit and ktap share. */
enum rt_case_result { RT_CASE_PASS, RT_CASE_FAIL, RT_CASE_SKIP };

/*
 * A case's identifier: dot-separated components of [A-Za-z0-9_] (any
 * other byte of a comm or unit is '_'), so that it is a KCIDB test path,
 * a LAVA test case name and a kselftest test name as it is; "crng_ready",
 * "wait.COMM" or "wait.COMM.UNIT" (comm cut at 24, unit at 48 bytes), and
 * when two tasks would share one, each gets "-TGID" appended (no
 * component has a '-' otherwise, so the ids stay unique). At most 99
 * bytes: LAVA keeps 100.
 */
#define RT_CASE_ID_MAX	100

struct rt_case {
	char name[160];			/* "crng-ready", "wait: comm (unit)" */
	char id[RT_CASE_ID_MAX];	/* "crng_ready", "wait.comm.unit" */
	enum rt_case_result result;
	double seconds;			/* ready time, or the task's total wait */
	char message[256];		/* one line */
};

/* @x->when as ISO 8601 in UTC without a zone ("2026-01-31T12:00:00"). */
const char *rt_export_when(char *buf, size_t len, const struct rt_export *x);

/* The cases of a trace, in order; free() *cases. 0, or -1. */
int rt_export_cases(const struct rt_export *x, struct rt_case **cases,
		    size_t *n);

#endif /* RT_EXPORT_H */
