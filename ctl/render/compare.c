// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace compare's outputs (compare.h): the metrics of each trace, the
 * groups and their statistics, the table and the JSON object.
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "complete.h"
#include "esc.h"
#include "names.h"
#include "print.h"
#include "stats.h"
#include "utf8.h"

#define M_READY		RT_CMP_READY
#define M_TOTAL_WAIT	RT_CMP_TOTAL_WAIT
#define M_WORST_WAIT	RT_CMP_WORST_WAIT
#define M_BLOCKED	RT_CMP_BLOCKED
#define M_SHARE		RT_CMP_SHARE
#define M_N		RT_CMP_N
#define SHARE_AT_LOAD	RT_NSOURCES	/* bits credited before the load */

struct cmp_group {
	const char *name;
	size_t *idx;		/* into the traces */
	size_t n;
	size_t not_ready, before_load;
	size_t incomplete;	/* traces that are (summary.h) */
	struct rt_stats st[M_N];
};

void rt_cmp_metrics(struct rt_cmp_trace *t)
{
	const struct rt_summary *s = &t->s;
	double total;
	int i;

	if (s->ready && s->ready_before_load)
		t->m[M_READY] = 0;
	else if (s->ready && s->ready_ns >= 0)
		t->m[M_READY] = (double)s->ready_ns;
	else
		t->m[M_READY] = NAN;
	t->m[M_TOTAL_WAIT] = (double)s->total_wait_ns;
	t->m[M_WORST_WAIT] = (double)s->worst_wait_ns;
	t->m[M_BLOCKED] = (double)s->nblocked;

	total = (double)s->credit_total +
		(s->pool_bits_at_load > 0 ? (double)s->pool_bits_at_load : 0);
	for (i = 0; i < RT_NSOURCES; i++)
		t->m[M_SHARE + i] = total > 0 && s->credit_bits[i] >= 0 ?
				    100.0 * s->credit_bits[i] / total : NAN;
	t->m[M_SHARE + SHARE_AT_LOAD] =
		total > 0 ? 100.0 * (s->pool_bits_at_load > 0 ?
				     s->pool_bits_at_load : 0) / total : NAN;
}

/*
 * The rows, one per quantity: its JSON key and its text label side by
 * side, so that the two outputs name the same things (report and check
 * use the same keys: print.h).
 */
static const struct metric {
	int m;
	const char *key, *label;
	bool time;		/* ns: text in seconds, JSON integer ns */
} metric_rows[] = {
	{ M_READY, "ready_time_ns", "ready (s)", true },
	{ M_TOTAL_WAIT, "total_wait_ns", "total wait (s)", true },
	{ M_WORST_WAIT, "worst_wait_ns", "worst wait (s)", true },
	{ M_BLOCKED, "blocked_tasks", "blocked tasks", false },
};

/* A share row's JSON key (in share_percent) and its text label. */
static const char *share_key(int i)
{
	return i == SHARE_AT_LOAD ? "pool_at_load" : rt_source_name(i);
}

static const char *share_name(int i)
{
	return i == SHARE_AT_LOAD ? "before load" : rt_source_name(i);
}

/* A name as a table heading: escaped as every text output's (esc.h). */
static void heading(char *buf, size_t len, const char *name)
{
	rt_esc_buf(buf, len, name);
}

/* "%*s" of @s in @width characters (not bytes: a name may be UTF-8). */
static int pad_width(const char *s, size_t width)
{
	return (int)(width + strlen(s) - rt_utf8_chars(s));
}

static const char *group_key(const struct rt_cmp_trace *t, int by_label)
{
	if (by_label)
		return t->label;
	return *t->s.kernel_release ? t->s.kernel_release : "(unknown kernel)";
}

static int make_groups(const struct rt_cmp_trace *tr, size_t n, int by_label,
		       struct cmp_group *g, size_t *ng)
{
	size_t i, j, k;
	double *v;

	*ng = 0;
	for (i = 0; i < n; i++) {
		const char *key = group_key(&tr[i], by_label);

		for (j = 0; j < *ng && strcmp(g[j].name, key); j++)
			;
		if (j == *ng) {
			g[j].name = key;
			g[j].idx = calloc(n, sizeof(*g[j].idx));
			if (!g[j].idx)
				return -1;
			(*ng)++;
		}
		g[j].idx[g[j].n++] = i;
		g[j].not_ready += !tr[i].s.ready;
		g[j].before_load += tr[i].s.ready && tr[i].s.ready_before_load;
		g[j].incomplete += tr[i].s.incomplete != 0;
	}
	v = calloc(n, sizeof(*v));
	if (!v)
		return -1;
	for (j = 0; j < *ng; j++) {
		for (k = 0; k < M_N; k++) {
			size_t nv = 0;

			for (i = 0; i < g[j].n; i++) {
				double x = tr[g[j].idx[i]].m[k];

				if (!isnan(x))
					v[nv++] = x;
			}
			if (rt_stats(v, nv, &g[j].st[k])) {
				free(v);
				return -1;
			}
		}
	}
	free(v);
	return 0;
}

/* Rows: which share rows have anything in them. */
static int share_used(const struct cmp_group *g, size_t ng, int i)
{
	size_t j;

	for (j = 0; j < ng; j++)
		if (g[j].st[M_SHARE + i].n && g[j].st[M_SHARE + i].max > 0)
			return 1;
	return 0;
}

/* @scale: what a value is divided by for the text (1e9: ns to seconds). */
static void cell(char *buf, size_t len, const struct rt_stats *st,
		 const char *fmt, double scale)
{
	char a[32], b[32], c[32];

	if (!st->n) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(a, sizeof(a), fmt, st->median / scale);
	if (st->n == 1) {
		snprintf(buf, len, "%s", a);
		return;
	}
	snprintf(b, sizeof(b), fmt, st->min / scale);
	snprintf(c, sizeof(c), fmt, st->max / scale);
	snprintf(buf, len, "%s [%s..%s]", a, b, c);
}

#define CELL_LEN 128

struct row {
	char label[40];
	char (*cells)[CELL_LEN];
};

static int print_table(const struct cmp_group *g, size_t ng, int by_label)
{
	struct row rows[M_N + 4];
	size_t nrows = 0, r, j, *width, lw = 0;
	int i, ret;
	char cellbuf[1024];

	width = calloc(ng, sizeof(*width));
	if (!width)
		return -1;
	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		rows[r].cells = calloc(ng, CELL_LEN);
		if (!rows[r].cells) {
			while (r--)
				free(rows[r].cells);
			free(width);
			return -1;
		}
	}

#define ROW(name) (snprintf(rows[nrows].label, sizeof(rows[nrows].label), \
			    "%s", name), rows[nrows++].cells)
	{
		char (*c)[CELL_LEN] = ROW("traces (N)");

		for (j = 0; j < ng; j++)
			snprintf(c[j], CELL_LEN, "%zu", g[j].n);
	}
	{
		const struct metric *mr = &metric_rows[0];
		char (*c)[CELL_LEN] = ROW(mr->label);

		for (j = 0; j < ng; j++)
			cell(c[j], CELL_LEN, &g[j].st[mr->m], "%.3f", 1e9);
	}
	for (j = 0; j < ng && !g[j].incomplete; j++)
		;
	if (j < ng) {
		char (*c)[CELL_LEN] = ROW("INCOMPLETE traces");

		for (j = 0; j < ng; j++)
			snprintf(c[j], CELL_LEN, "%zu", g[j].incomplete);
	}
	for (j = 0; j < ng && !g[j].not_ready; j++)
		;
	if (j < ng) {
		char (*c)[CELL_LEN] = ROW("not ready");

		for (j = 0; j < ng; j++)
			snprintf(c[j], CELL_LEN, "%zu", g[j].not_ready);
	}
	for (j = 0; j < ng && !g[j].before_load; j++)
		;
	if (j < ng) {
		char (*c)[CELL_LEN] = ROW("ready before load");

		for (j = 0; j < ng; j++)
			snprintf(c[j], CELL_LEN, "%zu", g[j].before_load);
	}
	for (r = 1; r < sizeof(metric_rows) / sizeof(metric_rows[0]); r++) {
		const struct metric *mr = &metric_rows[r];
		char (*c)[CELL_LEN] = ROW(mr->label);

		for (j = 0; j < ng; j++)
			cell(c[j], CELL_LEN, &g[j].st[mr->m],
			     mr->time ? "%.3f" : "%.0f", mr->time ? 1e9 : 1);
	}
	for (i = 0; i <= RT_NSOURCES; i++) {
		/* "at load" first: it came first. */
		int k = i == 0 ? SHARE_AT_LOAD : i - 1;
		char name[40], (*c)[CELL_LEN];

		if (!share_used(g, ng, k))
			continue;
		snprintf(name, sizeof(name), "credit %s (%%)", share_name(k));
		c = ROW(name);
		for (j = 0; j < ng; j++)
			cell(c[j], CELL_LEN, &g[j].st[M_SHARE + k], "%.1f", 1);
	}
#undef ROW

	for (r = 0; r < nrows; r++) {
		if (strlen(rows[r].label) > lw)
			lw = strlen(rows[r].label);
		for (j = 0; j < ng; j++)
			if (strlen(rows[r].cells[j]) > width[j])
				width[j] = strlen(rows[r].cells[j]);
	}
	for (j = 0; j < ng; j++) {
		char name[CELL_LEN];

		heading(name, sizeof(name), g[j].name);
		if (rt_utf8_chars(name) > width[j])
			width[j] = rt_utf8_chars(name);
	}

	/* a column at a time: a heading's bytes may outnumber its width */
	snprintf(cellbuf, sizeof(cellbuf), "%-*s", (int)lw,
		 by_label ? "label" : "kernel");
	rt_print_text(cellbuf);
	for (j = 0; j < ng; j++) {
		char name[CELL_LEN];

		heading(name, sizeof(name), g[j].name);
		snprintf(cellbuf, sizeof(cellbuf), "  %*s",
			 pad_width(name, width[j]), name);
		rt_print_text(cellbuf);
	}
	rt_print_nl();
	for (r = 0; r < nrows; r++) {
		snprintf(cellbuf, sizeof(cellbuf), "%-*s", (int)lw, rows[r].label);
		rt_print_text(cellbuf);
		for (j = 0; j < ng; j++) {
			snprintf(cellbuf, sizeof(cellbuf), "  %*s",
				 (int)width[j], rows[r].cells[j]);
			rt_print_text(cellbuf);
		}
		rt_print_nl();
	}
	for (j = 0; j < ng; j++)
		if (g[j].n > 1)
			break;
	if (j < ng)
		rt_print_text("\nA group of several traces: median [min..max].\n");
	for (j = 0; j < ng && !g[j].incomplete; j++)
		;
	if (j < ng)
		rt_print_text("An incomplete trace (stopped by --timeout or a signal, or without\n"
			      "READY) counts with what it saw: its figures are at most what the\n"
			      "boot had (rngtrace report says why).\n");
	ret = 0;
	for (r = 0; r < sizeof(rows) / sizeof(rows[0]); r++)
		free(rows[r].cells);
	free(width);
	return ret;
}

/* A median or a bound in ns, to the nearest ns, saturated (hostile traces). */
static long long round_ns(double x)
{
	if (x >= 9.2e18)
		return LLONG_MAX;
	if (x <= -9.2e18)
		return LLONG_MIN;
	return (long long)(x + (x >= 0 ? 0.5 : -0.5));
}

/* {n, median, min, max} of a group, or {} without a value. */
static void print_stats(const char *key, const struct rt_stats *st, bool time)
{
	rt_print_open_object(key);
	if (st->n) {
		rt_print_int(RT_PRINT_JSON, "n", NULL, (long long)st->n);
		if (time) {
			rt_print_time(RT_PRINT_JSON, "median", NULL, round_ns(st->median));
			rt_print_time(RT_PRINT_JSON, "min", NULL, round_ns(st->min));
			rt_print_time(RT_PRINT_JSON, "max", NULL, round_ns(st->max));
		} else {
			rt_print_float(RT_PRINT_JSON, "median", NULL, st->median);
			rt_print_float(RT_PRINT_JSON, "min", NULL, st->min);
			rt_print_float(RT_PRINT_JSON, "max", NULL, st->max);
		}
	}
	rt_print_close_object();
}

/* The JSON output, through print.h, from the same rows as the table. */
static void print_json(const struct rt_cmp_trace *tr, const struct cmp_group *g,
		       size_t ng, int by_label)
{
	size_t i, j, r;
	int k;

	rt_print_str(RT_PRINT_JSON, "by", NULL, by_label ? "label" : "kernel");
	rt_print_open_array("groups");
	for (j = 0; j < ng; j++) {
		rt_print_open_object(NULL);
		rt_print_str(RT_PRINT_JSON, "name", NULL, g[j].name);
		rt_print_int(RT_PRINT_JSON, "n", NULL, (long long)g[j].n);
		rt_print_open_array("traces");
		for (i = 0; i < g[j].n; i++) {
			const struct rt_cmp_trace *t = &tr[g[j].idx[i]];

			rt_print_open_object(NULL);
			rt_print_str(RT_PRINT_JSON, "file", NULL, t->file);
			rt_print_str(RT_PRINT_JSON, "kernel_release", NULL,
				     t->s.kernel_release);
			rt_print_str(RT_PRINT_JSON, "boot_id", NULL, t->s.boot_id);
			if (t->label)
				rt_print_str(RT_PRINT_JSON, "label", NULL, t->label);
			rt_print_completeness(&t->s, NULL);
			rt_print_close_object();
		}
		rt_print_close_array();
		rt_print_int(RT_PRINT_JSON, "incomplete_traces", NULL,
			     (long long)g[j].incomplete);
		rt_print_int(RT_PRINT_JSON, "not_ready", NULL, (long long)g[j].not_ready);
		rt_print_int(RT_PRINT_JSON, "ready_before_load", NULL,
			     (long long)g[j].before_load);
		for (r = 0; r < sizeof(metric_rows) / sizeof(metric_rows[0]); r++)
			print_stats(metric_rows[r].key, &g[j].st[metric_rows[r].m],
				    metric_rows[r].time);
		rt_print_open_object("share_percent");
		for (k = 0; k <= RT_NSOURCES; k++) {
			if (share_used(g + j, 1, k))
				print_stats(share_key(k), &g[j].st[M_SHARE + k], false);
		}
		rt_print_close_object();
		rt_print_close_object();
	}
	rt_print_close_array();
}

struct rt_cmp_groups {
	const struct rt_cmp_trace *tr;
	struct cmp_group *g;
	size_t ng;
	int by_label;
	double confidence;
};

struct rt_cmp_groups *rt_cmp_group(const struct rt_cmp_trace *tr, size_t n,
				   bool by_label, double confidence)
{
	struct rt_cmp_groups *gs = calloc(1, sizeof(*gs));

	if (!gs)
		return NULL;
	gs->tr = tr;
	gs->by_label = by_label;
	gs->confidence = confidence;
	gs->g = calloc(n ? n : 1, sizeof(*gs->g));
	if (!gs->g || make_groups(tr, n, by_label, gs->g, &gs->ng)) {
		rt_cmp_groups_free(gs);
		return NULL;
	}
	return gs;
}

void rt_cmp_groups_free(struct rt_cmp_groups *gs)
{
	size_t i;

	if (!gs)
		return;
	/* make_groups() counts a group in ng once its idx is allocated */
	for (i = 0; gs->g && i < gs->ng; i++)
		free(gs->g[i].idx);
	free(gs->g);
	free(gs);
}

/* The figures with a verdict: what a change makes better or worse. */
static const struct figure {
	int m;
	const char *name;	/* --max-worse FIGURE= */
	const char *key;	/* JSON, as metric_rows[] */
	const char *label;
	bool time;
} figures[] = {
	{ M_READY, "ready", "ready_time_ns", "ready (s)", true },
	{ M_TOTAL_WAIT, "blocked-time", "total_wait_ns", "total wait (s)", true },
	{ M_BLOCKED, "blocked-tasks", "blocked_tasks", "blocked tasks", false },
};
#define NFIGURES (sizeof(figures) / sizeof(figures[0]))

int rt_cmp_figure(const char *name)
{
	size_t i;

	for (i = 0; i < NFIGURES; i++)
		if (!strcmp(name, figures[i].name))
			return figures[i].m;
	return -1;
}

const char *rt_cmp_figure_name(int m)
{
	size_t i;

	for (i = 0; i < NFIGURES; i++)
		if (figures[i].m == m)
			return figures[i].name;
	return "?";
}

void rt_cmp_diff(const struct rt_cmp_groups *gs, int m, struct rt_diff *d)
{
	double *v[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 }, i, j;

	memset(d, 0, sizeof(*d));
	d->confidence = gs->confidence;
	if (gs->ng != 2)
		return;
	for (j = 0; j < 2; j++) {
		v[j] = calloc(gs->g[j].n ? gs->g[j].n : 1, sizeof(*v[j]));
		if (!v[j])
			goto out;
		/* a trace without the value (never ready) is left out */
		for (i = 0; i < gs->g[j].n; i++) {
			double x = gs->tr[gs->g[j].idx[i]].m[m];

			if (!isnan(x))
				v[j][n[j]++] = x;
		}
	}
	rt_diff_student(v[0], n[0], v[1], n[1], gs->confidence, d);
out:
	free(v[0]);
	free(v[1]);
}

/* A value of a figure: seconds in text, integer ns (times) in JSON. */
static void figure_value(const struct figure *f, const char *key,
			 const char *fmt, double v, bool sign)
{
	char k[48], t[48];

	enum rt_print_kind k_text = fmt ? RT_PRINT_TEXT : RT_PRINT_NONE;

	if (f->time) {
		snprintf(k, sizeof(k), "%s_ns", key);
		snprintf(t, sizeof(t), sign ? "%+.3f" : "%.3f", v / 1e9);
		rt_print_int_as((enum rt_print_kind)(k_text | RT_PRINT_JSON), k, fmt,
				round_ns(v), t);
	} else {
		snprintf(t, sizeof(t), sign ? "%+.2f" : "%.2f", v);
		rt_print_int_as(k_text, NULL, fmt, 0, t);
		rt_print_float(RT_PRINT_JSON, key, NULL, v);
	}
}

/*
 * B - A for each figure, as ministat says it: the difference of the
 * means with its confidence interval, or "no difference proven".
 */
static void print_verdicts(const struct rt_cmp_groups *gs)
{
	char a[CELL_LEN], b[CELL_LEN];
	size_t i;

	if (gs->ng != 2)
		return;
	heading(a, sizeof(a), gs->g[0].name);
	heading(b, sizeof(b), gs->g[1].name);
	rt_print_open_object("comparison");
	rt_print_text("\nB - A, ");
	rt_print_str(RT_PRINT_JSON, "a", NULL, gs->g[0].name);
	rt_print_str(RT_PRINT_JSON, "b", NULL, gs->g[1].name);
	rt_print_float(RT_PRINT_ANY, "confidence", "at %g%% confidence ",
		       gs->confidence);
	rt_print_str(RT_PRINT_ANY, "method", "(%s: ministat's method, on the means):\n",
		     "student-t-pooled");
	rt_print_text("  A = ");
	rt_print_text(a);
	rt_print_text(", B = ");
	rt_print_text(b);
	rt_print_nl();
	rt_print_open_array("figures");
	for (i = 0; i < NFIGURES; i++) {
		const struct figure *f = &figures[i];
		struct rt_diff d;
		const char *verdict;

		rt_cmp_diff(gs, f->m, &d);
		verdict = !d.valid ? "too few traces" :
			  !d.proven ? "no difference proven" :
			  d.diff > 0 ? "worse" : "better";
		rt_print_open_object(NULL);
		rt_print_str(RT_PRINT_JSON, "figure", NULL, f->name);
		rt_print_str(RT_PRINT_JSON, "key", NULL, f->key);
		{
			char l[40];

			snprintf(l, sizeof(l), "  %-16s", f->label);
			rt_print_text(l);
		}
		rt_print_str(RT_PRINT_JSON, "verdict", NULL, verdict);
		rt_print_flag(RT_PRINT_JSON, "proven", d.proven, "", "");
		if (d.valid) {
			figure_value(f, "difference", "%s", d.diff, true);
			figure_value(f, "half_width", " +/- %s", d.half, false);
			if (d.mean_a != 0)
				rt_print_float(RT_PRINT_ANY, "difference_percent",
					       " (%+.1f%%", 100 * d.diff / fabs(d.mean_a));
			if (d.mean_a != 0)
				rt_print_float(RT_PRINT_ANY, "half_width_percent",
					       " +/- %.1f%%)", 100 * d.half / fabs(d.mean_a));
			figure_value(f, "mean_a", NULL, d.mean_a, false);
			figure_value(f, "mean_b", NULL, d.mean_b, false);
			figure_value(f, "pooled_s", NULL, d.pooled_s, false);
			rt_print_text(d.proven ? (d.diff > 0 ? ": B worse" : ": B better") :
				      ": no difference proven");
		} else {
			rt_print_text("too few traces (2 in each group needed)");
		}
		rt_print_int(RT_PRINT_ANY, "n_a", ", N %lld", (long long)d.na);
		rt_print_int(RT_PRINT_ANY, "n_b", "/%lld\n", (long long)d.nb);
		rt_print_close_object();
	}
	rt_print_close_array();
	rt_print_close_object();
}

int rt_cmp_print(const struct rt_cmp_groups *gs)
{
	int ret = 0;

	if (rt_print_is_json())
		print_json(gs->tr, gs->g, gs->ng, gs->by_label);
	else
		ret = print_table(gs->g, gs->ng, gs->by_label);
	print_verdicts(gs);
	return ret;
}
