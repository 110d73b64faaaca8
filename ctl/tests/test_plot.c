// SPDX-License-Identifier: GPL-2.0
/* rngtrace plot on the c-*.json fixtures. */
#include <dirent.h>
#include <stdio.h>

#include "ctlrun.h"
#include "harness.h"

/* The x of the tick labelled @label, or -1. */
static double tick_x(const char *svg, const char *label)
{
	const char *p = svg;
	char want[64];

	snprintf(want, sizeof(want), ">%s</text>", label);
	while ((p = strstr(p, "<text x=\""))) {
		const char *end = strchr(p, '>');
		double x;

		if (!end)
			break;
		if (sscanf(p, "<text x=\"%lf\"", &x) == 1 &&
		    strstr(p, "class=\"tick\"") && strstr(p, "class=\"tick\"") < end &&
		    !strncmp(end, want, strlen(want)))
			return x;
		p = end;
	}
	return -1;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	while (hay && (hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* Plot @name into @dir/out.svg; its text, or NULL. */
static char *plot(const char *dir, const char *name, int *status)
{
	char out[512];
	struct ctlrun r;
	char *svg;

	snprintf(out, sizeof(out), "%s/out.svg", dir);
	CTLRUN(&r, "plot", fixture(name), "-o", out);
	*status = r.status;
	CHECK_STR(r.out, "");
	svg = ctlrun_read(out);
	ctlrun_done(&r);
	return svg;
}

static int xmllint_ok(const char *dir)
{
	const char *argv[] = { "xmllint", "--noout", NULL, NULL };
	char path[512];
	struct ctlrun r;
	int ok;

	snprintf(path, sizeof(path), "%s/out.svg", dir);
	argv[2] = path;
	ctlrun_argv(&r, NULL, argv);
	ok = r.status == 0 && r.err && !*r.err;
	ctlrun_done(&r);
	return ok;
}

static void t_plot_ready_marker(void)
{
	char *dir = ctlrun_tmpdir(), *svg;
	double x0, x14, xr = -1;
	const char *p;
	int status;

	REQUIRE(dir);
	svg = plot(dir, "c-stall-1.json", &status);
	CHECK_INT(status, 0);
	REQUIRE(svg);
	CHECK(!strncmp(svg, "<?xml", 5));
	CHECK_CONTAINS(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	CHECK_CONTAINS(svg, "rngtrace: 6.1.0-56-amd64, boot 3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01");
	CHECK_CONTAINS(svg, "READY 14.200 s (interrupts)");
	CHECK_CONTAINS(svg, "class=\"threshold\"");
	CHECK_CONTAINS(svg, "256 bits: ready threshold");

	/* The READY line is where 14.2 s is on the axis the ticks draw. */
	x0 = tick_x(svg, "0");
	x14 = tick_x(svg, "14");
	REQUIRE(x0 >= 0 && x14 > x0);
	p = strstr(svg, "<line id=\"ready\" x1=\"");
	REQUIRE(p);
	CHECK(sscanf(p, "<line id=\"ready\" x1=\"%lf\"", &xr) == 1);
	CHECK(xr > x0 + (x14 - x0) * 14.2 / 14 - 0.05);
	CHECK(xr < x0 + (x14 - x0) * 14.2 / 14 + 0.05);

	/* Legend: the sources that credited, and what boot code had. */
	CHECK_CONTAINS(svg, ">interrupts</text>");
	CHECK_CONTAINS(svg, ">jitter</text>");
	CHECK_CONTAINS(svg, ">credited before load</text>");
	CHECK_LACKS(svg, ">hwrng</text>");
	CHECK_INT(count(svg, "class=\"layer\""), 3);

	/* Two tasks waited, once each; one unseeded read. */
	CHECK_CONTAINS(svg, ">sshd (ssh.service)</text>");
	CHECK_INT(count(svg, "class=\"wait\""), 2);
	CHECK_INT(count(svg, "class=\"unseeded\""), 1);
	/* A unit name with XML in it is escaped, everywhere. */
	CHECK_CONTAINS(svg, "python3 (app&lt;&amp;&gt;&quot;x&quot;.service)");
	CHECK_LACKS(svg, "app<&>");
	free(svg);
	ctlrun_rmdir(dir);
}

static void t_plot_wellformed(void)
{
	static const char *const names[] = {
		"c-stall-1.json", "c-stall-2.json", "c-stall-3.json",
		"c-virtio-1.json", "c-virtio-2.json", "c-virtio-3.json",
		"c-hostile.json",
		/* ready at 9e18 ns, the recording ends at LLONG_MAX: the axis's
		 * end overflowed (the fuzzer found it) */
		"c-hostile-end.json",
	};
	int lint = need_tool("xmllint"), png = have_tool("rsvg-convert");
	char *dir = ctlrun_tmpdir();
	size_t i;

	REQUIRE(dir);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *svg;
		int status;

		svg = plot(dir, names[i], &status);
		CHECK_INT(status, 0);
		CHECK(svg && strstr(svg, "</svg>\n"));
		free(svg);
		if (lint && !xmllint_ok(dir))
			rt_test_fail(__FILE__, __LINE__, "xmllint: %s", names[i]);
		/* A PNG for people, when the tool is there (tests only). */
		if (png) {
			const char *argv[] = { "rsvg-convert", "-o", NULL, NULL, NULL };
			char in[512], out[512];
			struct ctlrun r;

			snprintf(in, sizeof(in), "%s/out.svg", dir);
			snprintf(out, sizeof(out), "%s/out.png", dir);
			argv[2] = out;
			argv[3] = in;
			ctlrun_argv(&r, NULL, argv);
			CHECK_INT(r.status, 0);
			ctlrun_done(&r);
		}
	}
	ctlrun_rmdir(dir);
}

static void t_plot_hwrng_and_before_load(void)
{
	char *dir = ctlrun_tmpdir(), *svg;
	int status;

	REQUIRE(dir);
	svg = plot(dir, "c-virtio-1.json", &status);
	CHECK_INT(status, 0);
	CHECK_CONTAINS(svg, "READY 0.630 s (hwrng)");
	CHECK_CONTAINS(svg, "class=\"hwrng\"");
	CHECK_CONTAINS(svg, "registered virtio_rng.0 (quality 1000) at 0.630 s");
	CHECK_CONTAINS(svg, "no task waited for the CRNG");
	CHECK_INT(count(svg, "class=\"wait\""), 0);
	free(svg);

	svg = plot(dir, "c-virtio-3.json", &status);
	CHECK_INT(status, 0);
	CHECK_CONTAINS(svg, "READY 0.712 s (before load, from the kernel log)");
	/* the ready time in the subtitle, not the load time */
	CHECK_CONTAINS(svg, "CRNG ready before the module loaded (at 0.712 s, from the kernel log)");
	CHECK_CONTAINS(svg, "virtio_rng.0 registered before the module loaded");
	free(svg);
	ctlrun_rmdir(dir);
}

/* The directory holds only @n entries: no temporary file left behind. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void t_plot_errors(void)
{
	char *dir = ctlrun_tmpdir(), out[512], bad[512], *text;
	struct ctlrun r;
	FILE *f;

	REQUIRE(dir);
	snprintf(out, sizeof(out), "%s/keep.svg", dir);
	snprintf(bad, sizeof(bad), "%s/bad.json", dir);
	f = fopen(out, "w");
	REQUIRE(f);
	fputs("old\n", f);
	fclose(f);
	f = fopen(bad, "w");
	REQUIRE(f);
	fputs("{\"format\": \"rngtrace-trace\", \"version\": \"1.0\", \"host\": ", f);
	fclose(f);

	/* A truncated trace: one line, exit 2, the old output untouched. */
	CTLRUN(&r, "plot", bad, "-o", out);
	CHECK_INT(r.status, 2);
	CHECK(one_line(r.err));
	CHECK_CONTAINS(r.err, "rngtrace plot: ");
	CHECK_CONTAINS(r.err, "truncated");
	ctlrun_done(&r);
	text = ctlrun_read(out);
	CHECK_STR(text, "old\n");
	free(text);
	CHECK_INT(entries(dir), 2);

	CTLRUN(&r, "plot", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 2);
	CHECK(one_line(r.err));
	CHECK_CONTAINS(r.err, "rngtrace plot: -o OUT.svg is required");
	ctlrun_done(&r);

	CTLRUN(&r, "plot", fixture("c-stall-1.json"), "-o", "/nonexistent/dir/x.svg");
	CHECK_INT(r.status, 2);
	CHECK(one_line(r.err));
	CHECK_CONTAINS(r.err, "rngtrace plot: cannot create /nonexistent/dir/x.svg");
	ctlrun_done(&r);

	CTLRUN(&r, "plot", fixture("c-stall-1.json"), fixture("c-stall-2.json"),
	       "-o", out);
	CHECK_INT(r.status, 2);
	CHECK(one_line(r.err));
	ctlrun_done(&r);

	/* Success replaces the file and leaves nothing else. */
	CTLRUN(&r, "plot", fixture("c-stall-2.json"), "-o", out);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	text = ctlrun_read(out);
	CHECK_CONTAINS(text, "READY 21.500 s (interrupts)");
	free(text);
	CHECK_INT(entries(dir), 2);
	ctlrun_rmdir(dir);
}

static void t_plot_stdout_and_help(void)
{
	struct ctlrun r;

	CTLRUN(&r, "plot", fixture("c-stall-2.json"), "-o", "-");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "<svg ");
	CHECK_CONTAINS(r.out, "</svg>");
	ctlrun_done(&r);

	CTLRUN(&r, "plot", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace plot FILE -o OUT.svg");
	ctlrun_done(&r);
}

static const struct rt_test plot_tests[] = {
	{ "plot: READY marker at the right x, legend, rows, escaping", t_plot_ready_marker },
	{ "plot: every fixture gives well-formed SVG (xmllint, rsvg-convert)", t_plot_wellformed },
	{ "plot: hwrng registration, ready before load", t_plot_hwrng_and_before_load },
	{ "plot: errors are one line, exit 2, the output untouched", t_plot_errors },
	{ "plot: -o - and --help", t_plot_stdout_and_help },
	{ NULL, NULL },
};

RT_SUITE(plot_tests)
