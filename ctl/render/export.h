/* SPDX-License-Identifier: GPL-2.0 */
/* rngtrace export: one writer per format (export_*.c). */
#ifndef RT_EXPORT_H
#define RT_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>

#include "summary.h"

struct rt_export {
	const char *file;		/* as the user named it */
	const struct rt_summary *s;
	long long max_wait_ns;		/* -1: no limit */
	long long max_ready_ns;		/* -1: no limit */
	bool accept_incomplete;		/* trace-complete skips, not fails */
	/*
	 * When the trace was written, in seconds since the Epoch (the trace
	 * has no wall-clock time of its own: the file's modification time,
	 * which record sets when it ends); -1 if unknown.
	 */
	long long when;
	const char *origin;		/* kcidb: the CI system; NULL: "rngtrace" */
	const char *build_id;		/* kcidb: the tested build; NULL: made up */
	/* squad: every trace given, in order (@s is all[0]); others: NULL, 0 */
	const struct rt_summary *const *all;
	size_t nall;
};

/* Each writes the whole output to @f: 0, or -1 (out of memory). */
int rt_export_perfetto(FILE *f, const struct rt_export *x);
int rt_export_prometheus(FILE *f, const struct rt_export *x);
int rt_export_junit(FILE *f, const struct rt_export *x);
int rt_export_ktap(FILE *f, const struct rt_export *x);
int rt_export_kcidb(FILE *f, const struct rt_export *x);
int rt_export_lava(FILE *f, const struct rt_export *x);
/* Every trace of @x->all, a test or a metric across them all. */
int rt_export_squad(FILE *f, const struct rt_export *x);

/* The test cases junit, ktap, kcidb, lava and squad share. */
enum rt_case_result { RT_CASE_PASS, RT_CASE_FAIL, RT_CASE_SKIP };
enum rt_case_kind { RT_CASE_READY, RT_CASE_WAIT, RT_CASE_COMPLETE };

/*
 * A case's identifier: dot-separated components of [A-Za-z0-9_] (any
 * other byte of a comm or unit is '_'), so that it is a KCIDB test path,
 * a LAVA test case name and a kselftest test name as it is; "crng_ready",
 * "wait.COMM" or "wait.COMM.UNIT" (comm cut at 24, unit at 48 bytes),
 * "trace_complete" (no wait's id can be: those start with "wait."), and
 * when two tasks would share one, each gets "-TGID" appended (no
 * component has a '-' otherwise, so the ids stay unique). At most 99
 * bytes: LAVA keeps 100.
 */
#define RT_CASE_ID_MAX	100

struct rt_case {
	char name[160];			/* "crng-ready", "wait: comm (unit)",
					 * "trace-complete" (the last) */
	char id[RT_CASE_ID_MAX];	/* "crng_ready", "wait.comm.unit",
					 * "trace_complete" */
	enum rt_case_kind kind;
	enum rt_case_result result;
	double seconds;			/* ready time, or the task's total wait */
	char message[512];		/* one line */
};

/*
 * The measurements of a trace that kcidb, lava and squad report beside
 * the cases: a name of [a-z_.] (module_load, waits.total, ...,
 * credited.SOURCE), the value, its unit ("s", "bit"; NULL for a count)
 * and what it is.
 */
struct rt_measure {
	char name[32];
	double value;
	const char *unit;
	const char *what;
};

#define RT_MEASURES_MAX	(8 + RT_NSOURCES)

/* The measurements of @s into @m (RT_MEASURES_MAX); returns how many. */
size_t rt_export_measures(const struct rt_summary *s, struct rt_measure *m);

/*
 * The seconds case @c of rt_export_cases() measured, into *@v: 1, or 0
 * when it has none (crng_ready ready before load at an unknown time, or
 * not shown ready; junit's 0 s is not a measurement; trace_complete).
 */
int rt_case_value(const struct rt_export *x, const struct rt_case *c,
		  double *v);

/* @x->when as ISO 8601 in UTC without a zone ("2026-01-31T12:00:00"). */
const char *rt_export_when(char *buf, size_t len, const struct rt_export *x);

/* The cases of a trace, in order; free() *cases. 0, or -1. */
int rt_export_cases(const struct rt_export *x, struct rt_case **cases,
		    size_t *n);

#endif /* RT_EXPORT_H */
