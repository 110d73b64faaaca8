// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace plot's SVG (plot.h), from the summary alone: on top, the
 * entropy credited towards the ready threshold, stacked by source; below,
 * one row per task that waited for the CRNG, and a row of hwrng
 * registrations and unseeded reads; the CRNG's ready moment across all.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "names.h"
#include "plot.h"
#include "summary.h"
#include "svg.h"
#include "utf8.h"

#define READY_BITS	RNGTRACE_READY_BITS	/* the kernel's POOL_READY_BITS */
#define MAX_ROWS	40	/* task rows; the rest are counted */

/* Layout, in SVG user units (pixels). */
#define W		1100
#define LM		210	/* left of the time axis: row labels */
#define RM		50
#define PW		(W - LM - RM)
#define PANEL_TOP	92
#define PANEL_H		220
#define ROW_H		24

#define LAYER_AT_LOAD	RT_NSOURCES	/* bits credited before the load */

/*
 * Where the traced part begins: the module's load, or the first boot
 * probe's event before it; and the bits credited before that, which no
 * probe saw (the boot probes' own credits are the series').
 */
static long long traced_from(const struct rt_summary *s)
{
	return s->boot_first_ns >= 0 && s->boot_first_ns < s->load_ns ?
	       s->boot_first_ns : s->load_ns;
}

static bool boot_probed(const struct rt_summary *s)
{
	return s->no_module || traced_from(s) < s->load_ns;
}

static const char *untraced_name(const struct rt_summary *s)
{
	return boot_probed(s) ? "credited before the first probe" :
	       "credited before load";
}

static long long untraced_bits(const struct rt_summary *s)
{
	long long b = s->pool_bits_at_load - s->boot_credit_total;

	return b > 0 ? b : 0;
}
#define NLAYERS		(RT_NSOURCES + 1)

static const char *const colors[NLAYERS] = {
	"#607d8b",	/* unknown */
	"#1f77b4",	/* interrupts */
	"#ff7f0e",	/* input */
	"#8c564b",	/* disk */
	"#2ca02c",	/* hwrng */
	"#9467bd",	/* jitter */
	"#e377c2",	/* ioctl */
	"#bcbd22",	/* bootloader */
	"#17becf",	/* cpu */
	"#aec7e8",	/* timer */
	"#bdbdbd",	/* at load */
};


struct plot {
	FILE *f;
	const struct rt_summary *s;
	double tmax_s;			/* the axis: 0..tmax_s seconds */
	double ymax_bits;
};

static double px(const struct plot *p, long long ns)
{
	double t = ns / 1e9;

	if (t < 0)
		t = 0;
	if (t > p->tmax_s)
		t = p->tmax_s;
	return LM + t / p->tmax_s * PW;
}

static double py(const struct plot *p, double bits)
{
	if (bits > p->ymax_bits)
		bits = p->ymax_bits;
	return PANEL_TOP + PANEL_H - bits / p->ymax_bits * PANEL_H;
}

/* The end of the time axis: the last thing the trace shows, and a bit. */
static void scale(struct plot *p)
{
	const struct rt_summary *s = p->s;
	long long last = s->load_ns, top = 0;
	int k;

	if (s->ready && s->ready_ns > last)
		last = s->ready_ns;
	if (s->last_event_ns > last)
		last = s->last_event_ns;
	/* the stack's top: what boot code had, and every credit since */
	top = untraced_bits(s);
	for (k = 0; k < RT_NSOURCES; k++)
		if (__builtin_add_overflow(top, s->event_credit_bits[k], &top))
			top = 1LL << 62;
	/*
	 * Towards the end of the recording: the quiet after ready matters
	 * too, but not so much that an hour of it squeezes the boot.
	 */
	{
		long long end = s->record_end_ns, most;

		/* last + max(last / 5, 1 s), saturated: a hostile trace's
		 * times reach LLONG_MAX */
		if (__builtin_add_overflow(last, last / 5 > 1000000000LL ?
					   last / 5 : 1000000000LL, &most))
			most = LLONG_MAX;
		if (end > last)
			last = end < most ? end : most;
	}
	p->tmax_s = last / 1e9 * 1.05;
	if (p->tmax_s < 0.01)
		p->tmax_s = 1;
	p->ymax_bits = (top > READY_BITS ? top : READY_BITS) * 1.1;
}

static void text(FILE *f, double x, double y, const char *anchor,
		 const char *attrs, const char *s)
{
	fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\"%s%s>", x, y,
		anchor, *attrs ? " " : "", attrs);
	rt_xml_puts(f, s);
	fprintf(f, "</text>\n");
}

static void title_header(struct plot *p)
{
	const struct rt_summary *s = p->s;
	char buf[512];

	rt_snprintf_cut(buf, sizeof(buf), "rngtrace: %s, boot %s",
		 *s->kernel_release ? s->kernel_release : "unknown kernel",
		 *s->boot_id ? s->boot_id : "unknown");
	fprintf(p->f, "<title>");
	rt_xml_puts(p->f, buf);
	fprintf(p->f, "</title>\n");
	text(p->f, 16, 26, "start", "class=\"title\" font-size=\"17\" font-weight=\"bold\"", buf);

	if (s->incomplete) {
		char why[400];

		rt_snprintf_cut(why, sizeof(why), "INCOMPLETE: %s",
			 rt_incomplete_text(s, buf, sizeof(buf)));
		text(p->f, W - 16, 26, "end",
		     "class=\"incomplete\" font-size=\"12\" font-weight=\"bold\" fill=\"#b71c1c\"",
		     "INCOMPLETE trace");
		fprintf(p->f, "<desc class=\"incomplete\">");
		rt_xml_puts(p->f, why);
		fprintf(p->f, "</desc>\n");
	}
	if (!s->ready)
		snprintf(buf, sizeof(buf), "the trace does not show the CRNG ready");
	else if (s->ready_before_load && s->ready_ns >= 0)
		snprintf(buf, sizeof(buf), "CRNG ready before the module loaded (at %.3f s, from the kernel log)",
			 s->ready_ns / 1e9);
	else if (s->ready_before_load)
		snprintf(buf, sizeof(buf), "CRNG ready before the module loaded (at an unknown time)");
	else
		rt_snprintf_cut(buf, sizeof(buf), "CRNG ready at %.3f s (%s)",
			 s->ready_ns / 1e9,
			 *s->ready_source ? s->ready_source : "source unknown");
	rt_snprintf_cut(buf + strlen(buf), sizeof(buf) - strlen(buf),
		 "; %zu task%s waited, %.3f s in all, the longest %.3f s; %zu unseeded read%s",
		 s->nblocked, s->nblocked == 1 ? "" : "s", s->total_wait_ns / 1e9,
		 s->worst_wait_ns / 1e9, s->nunseeded, s->nunseeded == 1 ? "" : "s");
	if (s->events_dropped > 0)
		rt_snprintf_cut(buf + strlen(buf), sizeof(buf) - strlen(buf),
			 "; %lld events were lost", s->events_dropped);
	text(p->f, 16, 46, "start", "font-size=\"12\" fill=\"#333\"", buf);
}

static void legend(struct plot *p, const int *used)
{
	double x = LM;
	int i, k;

	for (i = 0; i < NLAYERS; i++) {
		const char *name;

		k = i == 0 ? LAYER_AT_LOAD : i - 1;
		if (!used[k])
			continue;
		name = k == LAYER_AT_LOAD ? untraced_name(p->s) : rt_source_name(k);
		fprintf(p->f, "<rect class=\"legend\" x=\"%.2f\" y=\"56\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			x, colors[k]);
		text(p->f, x + 16, 66, "start", "font-size=\"12\"", name);
		x += 28 + 7.2 * strlen(name);
	}
}

/* Entropy credited over time, stacked by source, as steps. */
static void credit_panel(struct plot *p)
{
	const struct rt_summary *s = p->s;
	const struct rt_series *se = s->series;
	long long (*cum)[NLAYERS] = NULL, *t = NULL;
	size_t n = 0, i, b;
	int used[NLAYERS] = { 0 }, k, j;
	char thr[48];
	double y;

	/*
	 * A step per bin of the summary's series that had credits (at most
	 * RT_SERIES_BINS, however many credit events): at the bin's start,
	 * never before the load.
	 */
	cum = calloc(RT_SERIES_BINS + 2, sizeof(*cum));
	t = calloc(RT_SERIES_BINS + 2, sizeof(*t));
	if (!cum || !t)
		goto out;

	/* Step i holds from t[i] to t[i + 1]. */
	t[0] = traced_from(s);
	cum[0][LAYER_AT_LOAD] = untraced_bits(s);
	n = 1;
	for (b = 0; b < RT_SERIES_BINS; b++) {
		long long any = 0;

		for (k = 0; k < RT_NSOURCES; k++)
			any |= se->credit[b][k];
		if (!any)
			continue;
		memcpy(cum[n], cum[n - 1], sizeof(cum[n]));
		for (k = 0; k < RT_NSOURCES; k++)
			if (__builtin_add_overflow(cum[n][k], se->credit[b][k],
						   &cum[n][k]))
				cum[n][k] = 1LL << 62;
		t[n] = rt_series_start(se, b);
		if (t[n] < t[n - 1])
			t[n] = t[n - 1];
		n++;
	}
	memcpy(cum[n], cum[n - 1], sizeof(cum[n]));
	t[n] = p->tmax_s * 1e9 >= 9.2e18 ? LLONG_MAX :
	       (long long)(p->tmax_s * 1e9);
	for (i = 0; i <= n; i++)
		for (k = 0; k < NLAYERS; k++)
			used[k] |= cum[i][k] > 0;

	/* The panel: frame, bit grid, the time before the module loaded. */
	fprintf(p->f, "<g class=\"credits\">\n");
	fprintf(p->f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>\n",
		LM, PANEL_TOP, PW, PANEL_H);
	fprintf(p->f, "<rect x=\"%d\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"#eeeeee\"><title>%s: not traced</title></rect>\n",
		LM, PANEL_TOP, px(p, traced_from(s)) - LM, PANEL_H,
		boot_probed(s) ? "before the first boot probe" :
		"before the module loaded");
	for (j = 0; j <= READY_BITS; j += 64) {
		char lab[16];

		y = py(p, j);
		fprintf(p->f, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#ddd\"/>\n",
			LM, y, LM + PW, y);
		snprintf(lab, sizeof(lab), "%d", j);
		text(p->f, LM - 6, y + 4, "end", "font-size=\"11\"", lab);
	}
	text(p->f, LM - 40, PANEL_TOP + PANEL_H / 2, "end", "font-size=\"12\"",
	     "bits credited");

	/* One polygon per layer, from the bottom: at load, then by source. */
	for (j = 0; j < NLAYERS; j++) {
		k = j == 0 ? LAYER_AT_LOAD : j - 1;
		if (!used[k])
			continue;
		fprintf(p->f, "<path class=\"layer\" fill=\"%s\" fill-opacity=\"0.85\" stroke=\"none\" d=\"",
			colors[k]);
		/* Upper edge forwards, lower edge backwards. */
		for (i = 0; i < n; i++) {
			double top = 0;
			int m;

			for (m = 0; m <= j; m++)
				top += cum[i][m == 0 ? LAYER_AT_LOAD : m - 1];
			fprintf(p->f, "%s%.2f %.2f H%.2f ", i ? "L" : "M",
				px(p, t[i]), py(p, top), px(p, t[i + 1]));
		}
		for (i = n; i-- > 0;) {
			double bot = 0;
			int m;

			for (m = 0; m < j; m++)
				bot += cum[i][m == 0 ? LAYER_AT_LOAD : m - 1];
			fprintf(p->f, "L%.2f %.2f H%.2f ", px(p, t[i + 1]),
				py(p, bot), px(p, t[i]));
		}
		fprintf(p->f, "Z\"><title>");
		rt_xml_printf(p->f, "%s: %lld bits",
			      k == LAYER_AT_LOAD ? untraced_name(s) :
			      rt_source_name(k), cum[n][k]);
		fprintf(p->f, "</title></path>\n");
	}

	y = py(p, READY_BITS);
	fprintf(p->f, "<line class=\"threshold\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n",
		LM, y, LM + PW, y);
	snprintf(thr, sizeof(thr), "%d bits: ready threshold", READY_BITS);
	if (px(p, s->load_ns) < LM + PW * 0.7)
		text(p->f, px(p, s->load_ns) + 4, y - 5, "start",
		     "font-size=\"11\"", thr);
	else
		text(p->f, LM + 4, y - 5, "start", "font-size=\"11\"", thr);
	fprintf(p->f, "</g>\n");
	legend(p, used);
out:
	free(cum);
	free(t);
}

static void wait_rows(struct plot *p, int y0)
{
	const struct rt_summary *s = p->s;
	size_t nrows = s->ntasks, i, r;
	char buf[256];
	int y;

	/* Rows in the order the tasks (thread groups) first waited. */
	fprintf(p->f, "<g class=\"waits\">\n");
	text(p->f, 16, y0 - 8, "start", "font-size=\"12\" font-weight=\"bold\"",
	     nrows ? "tasks that waited for the CRNG" :
		     "no task waited for the CRNG");
	for (r = 0; r < nrows && r < MAX_ROWS; r++) {
		const struct rt_task_info *task = &s->tasks[r];

		y = y0 + (int)r * ROW_H;
		if (*task->unit)
			rt_snprintf_cut(buf, sizeof(buf), "%s (%s)", task->comm,
				 task->unit);
		else
			rt_snprintf_cut(buf, sizeof(buf), "%s", task->comm);
		/* at most 30 characters: the 27 first, whole, and "..." */
		if (rt_utf8_chars(buf) > 30)
			memcpy(buf + rt_utf8_prefix(buf, 27), "...", 4);
		if (r % 2)
			fprintf(p->f, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f5f5f5\"/>\n",
				y, W, ROW_H);
		text(p->f, LM - 8, y + 16, "end", "class=\"rowlabel\" font-size=\"12\"", buf);
		for (i = 0; i < s->nwaits; i++) {
			const struct rt_wait_info *w = &s->waits[i];
			double x1 = px(p, w->start_ns), x2 = px(p, w->end_ns);
			char dur[32];

			if (w->tgid != task->tgid)
				continue;
			if (x2 - x1 < 1.5)
				x2 = x1 + 1.5;
			/* a wait still open at the end: dashed, no end */
			fprintf(p->f, "<rect class=\"%s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"#e53935\" fill-opacity=\"%s\"%s><title>",
				w->open ? "wait open" : "wait", x1, y + 5, x2 - x1,
				ROW_H - 10, w->open ? "0.45" : "0.8",
				w->open ? " stroke=\"#b71c1c\" stroke-dasharray=\"4 2\"" : "");
			if (w->open)
				rt_xml_printf(p->f, "%s pid %lld (%s): %s of %lld bytes, waiting since %.3f s, still waiting when the recording ended at %.3f s (%.3f s at least)",
					      w->comm, w->pid, *w->unit ? w->unit : "no unit",
					      w->path, w->bytes, w->start_ns / 1e9,
					      w->end_ns / 1e9, w->wait_ns / 1e9);
			else
				rt_xml_printf(p->f, "%s pid %lld (%s): %s of %lld bytes waited %.3f s, from %.3f s to %.3f s, result %lld",
					      w->comm, w->pid, *w->unit ? w->unit : "no unit",
					      w->path, w->bytes, w->wait_ns / 1e9,
					      w->start_ns / 1e9, w->end_ns / 1e9, w->result);
			fprintf(p->f, "</title></rect>\n");
			snprintf(dur, sizeof(dur), "%.3f s", w->wait_ns / 1e9);
			if (x2 - x1 > 70)
				text(p->f, (x1 + x2) / 2, y + 16, "middle",
				     "font-size=\"11\" fill=\"#fff\"", dur);
			else if (x2 + 60 < LM + PW)
				text(p->f, x2 + 4, y + 16, "start", "font-size=\"11\"", dur);
			else
				text(p->f, x1 - 4, y + 16, "end", "font-size=\"11\"", dur);
		}
	}
	if (nrows > MAX_ROWS) {
		y = y0 + MAX_ROWS * ROW_H;
		snprintf(buf, sizeof(buf), "and %zu more tasks (see 'rngtrace report')",
			 nrows - MAX_ROWS);
		text(p->f, LM - 8, y + 16, "end", "font-size=\"12\" font-style=\"italic\"", buf);
	}
	fprintf(p->f, "</g>\n");
}

static void diamond(FILE *f, double x, double y, const char *fill)
{
	fprintf(f, "<path class=\"hwrng\" d=\"M%.2f %.2f l6 6 l-6 6 l-6 -6 Z\" fill=\"%s\" stroke=\"#1b5e20\"",
		x, y - 6, fill);
}

static void marks_row(struct plot *p, int y)
{
	const struct rt_summary *s = p->s;
	const struct rt_series *se = s->series;
	long long col[PW + 1] = { 0 };
	size_t i;
	int c;

	fprintf(p->f, "<g class=\"marks\">\n");
	fprintf(p->f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>\n",
		0, y, W, y);
	text(p->f, LM - 8, y + 16, "end", "class=\"rowlabel\" font-size=\"12\"",
	     "hwrng / unseeded reads");
	for (i = 0; i < s->nmarks; i++) {
		const struct rt_hwrng_mark *m = &s->marks[i];
		double x = px(p, m->time_ns);

		diamond(p->f, x, y + ROW_H / 2.0, m->registered ? "#43a047" : "#fff");
		fprintf(p->f, "><title>");
		rt_xml_printf(p->f, "%s %s (quality %lld) at %.3f s",
			      m->registered ? "registered" : "unregistered",
			      *m->name ? m->name : "?", m->quality,
			      m->time_ns / 1e9);
		fprintf(p->f, "</title></path>\n");
		text(p->f, x + 8, y + 16, "start", "font-size=\"11\"",
		     *m->name ? m->name : "?");
	}
	/*
	 * Unseeded reads: one tick per pixel column that had any, however
	 * many (a program polling for minutes makes millions).
	 */
	for (i = 0; i < RT_SERIES_BINS; i++) {
		if (!se->unseeded[i])
			continue;
		c = (int)(px(p, rt_series_start(se, i)) - LM);
		c = c < 0 ? 0 : c > PW ? PW : c;
		if (__builtin_add_overflow(col[c], se->unseeded[i], &col[c]))
			col[c] = 1LL << 62;
	}
	for (c = 0; c <= PW; c++) {
		double x = LM + c + 0.5, t0 = (double)c / PW * p->tmax_s;

		if (!col[c])
			continue;
		fprintf(p->f, "<line class=\"unseeded\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#b71c1c\" stroke-width=\"2\"><title>",
			x, y + 4, x, y + ROW_H - 4);
		rt_xml_printf(p->f, "%lld unseeded read%s at about %.3f s",
			      col[c], col[c] == 1 ? "" : "s", t0);
		fprintf(p->f, "</title></line>\n");
	}
	/* Registered before the module loaded: at the left, hollow. */
	for (i = 0; i < s->nhwrng; i++) {
		if (!s->hwrngs[i].before_load)
			continue;
		diamond(p->f, LM + 8, y + ROW_H / 2.0, "#c8e6c9");
		fprintf(p->f, "><title>");
		rt_xml_printf(p->f, "%s registered before the module loaded",
			      s->hwrngs[i].name);
		fprintf(p->f, "</title></path>\n");
		text(p->f, LM + 16, y + 16, "start", "font-size=\"11\"",
		     s->hwrngs[i].name);
	}
	fprintf(p->f, "</g>\n");
}

static void time_axis(struct plot *p, int y_axis)
{
	double step = rt_nice_step(p->tmax_s, 10), t;
	char lab[32];
	int i;

	fprintf(p->f, "<g class=\"axis\">\n");
	fprintf(p->f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n",
		LM, y_axis, LM + PW, y_axis);
	for (i = 0; (t = i * step) <= p->tmax_s + step * 1e-9; i++) {
		double x = LM + t / p->tmax_s * PW;

		fprintf(p->f, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#000\" stroke-opacity=\"0.12\"/>\n",
			x, PANEL_TOP, x, y_axis);
		fprintf(p->f, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#000\"/>\n",
			x, y_axis, x, y_axis + 5);
		snprintf(lab, sizeof(lab), "%g", t);
		text(p->f, x, y_axis + 18, "middle", "class=\"tick\" font-size=\"11\"", lab);
	}
	text(p->f, LM + PW / 2.0, y_axis + 38, "middle", "font-size=\"12\"",
	     "seconds since boot (CLOCK_BOOTTIME)");
	fprintf(p->f, "</g>\n");
}

static void markers(struct plot *p, int y_end)
{
	const struct rt_summary *s = p->s;
	char buf[160];
	double x;

	x = px(p, s->load_ns);
	fprintf(p->f, "<line class=\"load\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"2 3\"/>\n",
		x, PANEL_TOP, x, y_end);
	snprintf(buf, sizeof(buf), "module loaded %.3f s", s->load_ns / 1e9);
	text(p->f, x < LM + PW * 0.7 ? x + 4 : x - 4, PANEL_TOP + PANEL_H + 13,
	     x < LM + PW * 0.7 ? "start" : "end",
	     "font-size=\"10\" fill=\"#555\"", buf);

	if (!s->ready || s->ready_ns < 0)
		return;
	x = px(p, s->ready_ns);
	if (s->ready_before_load)
		snprintf(buf, sizeof(buf), "READY %.3f s (before load, from the kernel log)",
			 s->ready_ns / 1e9);
	else
		rt_snprintf_cut(buf, sizeof(buf), "READY %.3f s (%s)", s->ready_ns / 1e9,
			 *s->ready_source ? s->ready_source : "source unknown");
	fprintf(p->f, "<g class=\"ready\">\n");
	fprintf(p->f, "<line id=\"ready\" x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#c62828\" stroke-width=\"2\"/>\n",
		x, PANEL_TOP - 14, x, y_end);
	/* Above the panel, on the side with room. */
	if (x > LM + PW * 0.6)
		text(p->f, x - 5, PANEL_TOP - 5, "end",
		     "font-size=\"12\" font-weight=\"bold\" fill=\"#c62828\"", buf);
	else
		text(p->f, x + 5, PANEL_TOP - 5, "start",
		     "font-size=\"12\" font-weight=\"bold\" fill=\"#c62828\"", buf);
	fprintf(p->f, "</g>\n");
}

int rt_plot_svg(FILE *f, const struct rt_summary *s)
{
	struct plot p = { .f = f, .s = s };
	int rows_top = PANEL_TOP + PANEL_H + 40, marks_y, axis_y, h;

	scale(&p);
	/* The height depends on how many rows there are. */
	{
		size_t nrows = s->ntasks;

		if (nrows > MAX_ROWS)
			nrows = MAX_ROWS + 1;
		marks_y = rows_top + (int)(nrows ? nrows : 1) * ROW_H + 8;
	}
	axis_y = marks_y + ROW_H + 10;
	h = axis_y + 50;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
		W, h, W, h);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	title_header(&p);
	credit_panel(&p);
	wait_rows(&p, rows_top);
	marks_row(&p, marks_y);
	time_axis(&p, axis_y);
	markers(&p, axis_y);
	fprintf(f, "</svg>\n");
	return ferror(f) ? -1 : 0;
}
