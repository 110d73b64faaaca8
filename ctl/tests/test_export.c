// SPDX-License-Identifier: GPL-2.0
/* rngtrace export on the c-*.json fixtures, each format checked. */
#include <ctype.h>
#include <jansson.h>
#include <sys/stat.h>
#include <time.h>

#include "ctlrun.h"
#include "harness.h"

#define NEAR(a, b) ((a) - (b) < 1e-6 && (b) - (a) < 1e-6)

static void t_export_perfetto(void)
{
	size_t i, nx = 0, nc = 0, ni = 0;
	int ready = 0, sshd = 0;
	long long last_irq = -1, last_jitter = -1;
	json_t *root, *te, *e;
	struct ctlrun r;

	CTLRUN(&r, "export", "--format", "perfetto", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	root = json_loads(r.out ? r.out : "", 0, NULL);
	REQUIRE(root);
	te = json_object_get(root, "traceEvents");
	REQUIRE(json_is_array(te));
	json_array_foreach(te, i, e) {
		const char *ph = json_string_value(json_object_get(e, "ph"));
		const char *name = json_string_value(json_object_get(e, "name"));
		double ts = json_number_value(json_object_get(e, "ts"));

		REQUIRE(ph && name);
		if (!strcmp(ph, "X")) {
			nx++;
			CHECK(json_number_value(json_object_get(e, "dur")) > 0);
			/* sshd's wait: 3.4 s from boot, in microseconds. */
			if (json_integer_value(json_object_get(e, "tid")) == 402) {
				sshd = 1;
				CHECK(NEAR(ts, 3400000));
				CHECK_INT(json_integer_value(json_object_get(e, "pid")), 402);
				CHECK_STR(name, "wait getrandom");
			}
		} else if (!strcmp(ph, "C")) {
			json_t *args = json_object_get(e, "args");

			nc++;
			/* cumulative: the last one has every credit */
			last_irq = json_integer_value(json_object_get(args, "interrupts"));
			last_jitter = json_integer_value(json_object_get(args, "jitter"));
		} else if (!strcmp(ph, "i")) {
			ni++;
			if (!strcmp(name, "CRNG ready")) {
				ready = 1;
				CHECK(NEAR(ts, 14200000));
			}
		}
	}
	CHECK_INT(nx, 2);		/* two waits */
	/*
	 * A counter value per bin of the summary's series that had credits,
	 * and the load's: bounded, however many credits; the last one sums
	 * them all (218 credits of 1 bit from interrupts, 23 from jitter).
	 */
	CHECK(nc >= 2 && nc <= 1024 + 1);
	CHECK_INT(last_irq, 218);
	CHECK_INT(last_jitter, 23);
	CHECK_INT(ni, 3);		/* load, ready, one unseeded read */
	CHECK(ready);
	CHECK(sshd);
	json_decref(root);
	ctlrun_done(&r);
}

/*
 * The text format, parsed by the rules of Prometheus's exposition
 * format: HELP and TYPE before a metric's samples, names and labels as
 * the grammar has them, values that parse, no series twice.
 */
struct metric {
	char name[96];
	char type[16];
	int help;
};

static int parse_sample(const char *line, char *name, size_t namelen,
			char *labels, size_t lablen, double *value)
{
	const char *p = line, *start;
	char *end;
	size_t n;

	if (!(isalpha((unsigned char)*p) || *p == '_' || *p == ':'))
		return -1;
	while (isalnum((unsigned char)*p) || *p == '_' || *p == ':')
		p++;
	n = p - line;
	if (n >= namelen)
		return -1;
	memcpy(name, line, n);
	name[n] = 0;
	start = p;
	if (*p == '{') {
		p++;
		while (*p != '}') {
			if (!(isalpha((unsigned char)*p) || *p == '_'))
				return -1;
			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			if (*p++ != '=' || *p++ != '"')
				return -1;
			while (*p != '"') {
				if (!*p || *p == '\n')
					return -1;
				if (*p == '\\') {
					p++;
					if (*p != '\\' && *p != '"' && *p != 'n')
						return -1;
				}
				p++;
			}
			p++;
			if (*p == ',')
				p++;
			else if (*p != '}')
				return -1;
		}
		p++;
	}
	n = p - start;
	if (n >= lablen)
		return -1;
	memcpy(labels, start, n);
	labels[n] = 0;
	if (*p++ != ' ' || *p == ' ')
		return -1;
	*value = strtod(p, &end);
	return end == p || *end ? -1 : 0;
}

static void t_export_prometheus(void)
{
	struct metric m[32];
	char series[64][256];
	int nm = 0, ns = 0, ready_seen = 0, interrupts_seen = 0, source_seen = 0;
	struct ctlrun r;
	char *text, *line, *save = NULL;

	CTLRUN(&r, "export", "-f", "prometheus", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out && *r.out);
	text = strdup(r.out);
	REQUIRE(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[96], labels[256], type[16];
		double v;
		int i;

		if (!strncmp(line, "# HELP ", 7)) {
			REQUIRE(nm < 32);
			CHECK(sscanf(line + 7, "%95s", m[nm].name) == 1);
			CHECK(strlen(line + 7) > strlen(m[nm].name) + 1);
			m[nm].help = 1;
			m[nm].type[0] = 0;
			nm++;
			continue;
		}
		if (!strncmp(line, "# TYPE ", 7)) {
			CHECK(nm > 0 && sscanf(line + 7, "%95s %15s", name, type) == 2);
			CHECK(nm > 0 && !strcmp(name, m[nm - 1].name));
			CHECK(!strcmp(type, "gauge") || !strcmp(type, "counter"));
			if (nm > 0)
				snprintf(m[nm - 1].type, sizeof(m[nm - 1].type), "%s", type);
			continue;
		}
		if (parse_sample(line, name, sizeof(name), labels, sizeof(labels), &v)) {
			rt_test_fail(__FILE__, __LINE__, "not a sample: %s", line);
			continue;
		}
		/* The metric's HELP and TYPE came just before its samples. */
		CHECK(nm > 0 && !strcmp(name, m[nm - 1].name) && *m[nm - 1].type);
		if (nm > 0 && !strcmp(m[nm - 1].type, "counter")) {
			size_t len = strlen(name);

			CHECK(len > 6 && !strcmp(name + len - 6, "_total"));
		}
		CHECK_CONTAINS(labels, "kernel=\"6.1.0-56-amd64\"");
		CHECK_CONTAINS(labels, "boot_id=\"3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01\"");
		for (i = 0; i < ns; i++)
			if (!strncmp(series[i], line, strcspn(line, " ")) &&
			    series[i][strcspn(line, " ")] == 0)
				rt_test_fail(__FILE__, __LINE__, "twice: %s", line);
		if (ns < 64)
			snprintf(series[ns++], sizeof(series[0]), "%.*s",
				 (int)strcspn(line, " "), line);
		if (!strcmp(name, "rngtrace_crng_ready_seconds")) {
			ready_seen = 1;
			CHECK(NEAR(v, 14.2));
		}
		if (!strcmp(name, "rngtrace_credited_entropy") &&
		    strstr(labels, "source=\"interrupts\"")) {
			interrupts_seen = 1;
			CHECK(NEAR(v, 218));
		}
		if (!strcmp(name, "rngtrace_crng_ready_source_info")) {
			source_seen = 1;
			CHECK_CONTAINS(labels, "source=\"interrupts\"");
			CHECK(NEAR(v, 1));
		}
		if (!strcmp(name, "rngtrace_blocked_tasks"))
			CHECK(NEAR(v, 2));
		if (!strcmp(name, "rngtrace_unseeded_reads_total"))
			CHECK(NEAR(v, 1));
	}
	CHECK(ready_seen);
	CHECK(interrupts_seen);
	CHECK(source_seen);
	CHECK(nm >= 10);
	free(text);
	ctlrun_done(&r);
}

static void t_export_promtool(void)
{
	static const char *const names[] = {
		"c-stall-1.json", "c-virtio-1.json", "c-virtio-3.json",
	};
	const char *argv[] = { "promtool", "check", "metrics", NULL };
	char *dir = ctlrun_tmpdir(), out[512];
	size_t i;

	REQUIRE(dir);
	if (!need_tool("promtool")) {
		ctlrun_rmdir(dir);
		return;
	}
	snprintf(out, sizeof(out), "%s/metrics.prom", dir);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct ctlrun r;

		CTLRUN(&r, "export", "--format", "prometheus", "-o", out,
		       fixture(names[i]));
		CHECK_INT(r.status, 0);
		CHECK_STR(r.out, "");
		ctlrun_done(&r);
		ctlrun_argv(&r, out, argv);
		if (r.status != 0)
			rt_test_fail(__FILE__, __LINE__, "promtool on %s: %s%s",
				     names[i], r.out ? r.out : "", r.err ? r.err : "");
		ctlrun_done(&r);
	}
	ctlrun_rmdir(dir);
}

/*
 * What rngtrace-record.service does with node_exporter's textfile
 * directory: rngtrace.prom replaced by a rename (a new inode; a scrape
 * reads the old file or the new, never half of one), no temporary file
 * left that the collector would read (it reads *.prom), the boot's
 * series in it.
 */
static void t_export_textfile(void)
{
	const char *argv[] = { "promtool", "check", "metrics", NULL };
	char *dir = ctlrun_tmpdir(), out[512], cmd[600], *text;
	struct stat before, after;
	struct ctlrun r;
	FILE *f;

	REQUIRE(dir);
	snprintf(out, sizeof(out), "%s/rngtrace.prom", dir);
	f = fopen(out, "w");
	REQUIRE(f);
	fputs("# the last boot's\n", f);
	fclose(f);
	REQUIRE(!stat(out, &before));
	CTLRUN(&r, "export", "--format", "prometheus", "-o", out,
	       fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	REQUIRE(!stat(out, &after));
	CHECK(before.st_ino != after.st_ino);
	snprintf(cmd, sizeof(cmd), "ls -A '%s'", dir);
	ctlrun_argv(&r, NULL, (const char *[]){ "sh", "-c", cmd, NULL });
	CHECK_STR(r.out, "rngtrace.prom\n");
	ctlrun_done(&r);
	text = ctlrun_read(out);
	REQUIRE(text);
	CHECK_CONTAINS(text, "\nrngtrace_crng_ready_seconds{kernel=\"6.1.0-56-amd64\",boot_id=\"3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01\"} 14.2\n");
	CHECK_CONTAINS(text, "\nrngtrace_crng_ready_source_info{kernel=\"6.1.0-56-amd64\",boot_id=\"3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01\",source=\"interrupts\"} 1\n");
	CHECK_CONTAINS(text, "\nrngtrace_blocked_tasks{kernel=\"6.1.0-56-amd64\",boot_id=\"3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01\"} 2\n");
	CHECK_CONTAINS(text, "\nrngtrace_unseeded_reads_total{kernel=\"6.1.0-56-amd64\",boot_id=\"3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01\"} 1\n");
	CHECK_LACKS(text, "the last boot's");
	free(text);
	if (need_tool("promtool")) {
		ctlrun_argv(&r, out, argv);
		if (r.status != 0)
			rt_test_fail(__FILE__, __LINE__, "promtool: %s%s",
				     r.out ? r.out : "", r.err ? r.err : "");
		ctlrun_done(&r);
	}
	ctlrun_rmdir(dir);
}

static int xmllint_file(const char *path)
{
	const char *argv[] = { "xmllint", "--noout", path, NULL };
	struct ctlrun r;
	int ok;

	if (!need_tool("xmllint"))
		return 1;	/* the test is a SKIP, not an ok */
	ctlrun_argv(&r, NULL, argv);
	ok = r.status == 0 && r.err && !*r.err;
	ctlrun_done(&r);
	return ok;
}

static void t_export_junit(void)
{
	char *dir = ctlrun_tmpdir(), out[512], *xml, stamp[64];
	struct stat st;
	struct tm tm;
	struct ctlrun r;
	const char *p;

	REQUIRE(dir);
	snprintf(out, sizeof(out), "%s/junit.xml", dir);

	/* No limits: informational, every case passes. */
	CTLRUN(&r, "export", "--format", "junit", fixture("c-stall-1.json"), "-o", out);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	CHECK(xmllint_file(out));
	xml = ctlrun_read(out);
	REQUIRE(xml);
	CHECK_CONTAINS(xml, "<testsuite name=\"rngtrace\" tests=\"4\" failures=\"0\"");
	CHECK_CONTAINS(xml, "name=\"trace-complete\" time=\"0.000000\"/>\n    <system-out>");
	CHECK_CONTAINS(xml, "\ntrace-complete: the recording saw what it waited for\n</system-out>");
	/*
	 * The JUnit XSD allows no attribute on <testsuites>; the suite's
	 * time is the waits' (sshd 10.8 s + python3 8.2 s... as report
	 * --json sums them), without the ready time (14.2 s) added. The
	 * messages are the suite's system-out (the XSD has none per case).
	 */
	CHECK_CONTAINS(xml, "?>\n<testsuites>\n  <testsuite name");
	CHECK_CONTAINS(xml, "skipped=\"0\" time=\"19.000372\" timestamp=\"");
	CHECK_CONTAINS(xml, "hostname=\"localhost\" package=\"rngtrace\" id=\"0\">");
	/* The timestamp is the trace file's modification time, in UTC. */
	if (!stat(fixture("c-stall-1.json"), &st) && gmtime_r(&st.st_mtime, &tm)) {
		strftime(stamp, sizeof(stamp), "timestamp=\"%Y-%m-%dT%H:%M:%S\"", &tm);
		CHECK_CONTAINS(xml, stamp);
	} else {
		rt_test_fail(__FILE__, __LINE__, "stat of the fixture");
	}
	CHECK_CONTAINS(xml, "name=\"crng-ready\" time=\"14.200000\"/>");
	CHECK_CONTAINS(xml, "<system-out>crng-ready: ready at 14.200 s (interrupts)\n");
	CHECK_CONTAINS(xml, "\n</system-out>\n    <system-err></system-err>\n  </testsuite>\n</testsuites>\n");
	CHECK_CONTAINS(xml, "name=\"wait: sshd (ssh.service)\"");
	CHECK_CONTAINS(xml, "name=\"wait: python3 (app&lt;&amp;&gt;&quot;x&quot;.service)\"");
	CHECK_LACKS(xml, "<failure");
	free(xml);

	/* --max-wait 10: sshd waited 10.8 s and fails; python3's 8.2 s pass. */
	CTLRUN(&r, "export", "--format", "junit", "--max-wait", "10",
	       "--max-ready", "15s", fixture("c-stall-1.json"), "-o", out);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	CHECK(xmllint_file(out));
	xml = ctlrun_read(out);
	REQUIRE(xml);
	CHECK_CONTAINS(xml, "tests=\"4\" failures=\"1\"");
	p = strstr(xml, "name=\"wait: sshd (ssh.service)\"");
	REQUIRE(p);
	CHECK(strstr(p, "<failure") && strstr(p, "<failure") < strstr(p, "</testcase>"));
	CHECK_CONTAINS(p, "<failure type=\"limit\" message=\"pid 402 waited 1 time for the CRNG: longest 10.800 s, total 10.800 s, longer than the limit\">pid 402 waited");
	/* crng-ready (14.2 s, limit 15 s) passes: an empty element */
	CHECK_CONTAINS(xml, "name=\"crng-ready\" time=\"14.200000\"/>\n");
	free(xml);

	/* --max-ready 14000ms: ready at 14.2 s fails. */
	CTLRUN(&r, "export", "--format", "junit", "--max-ready", "14000ms",
	       fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "failures=\"1\"");
	CHECK_CONTAINS(r.out, "later than the limit of 14 s");
	ctlrun_done(&r);
	ctlrun_rmdir(dir);
}

/* The fixtures every export is checked on (c-* and r-*, hostile ones too). */
static const char *const all_fixtures[] = {
	"c-hostile-end.json", "c-hostile.json", "c-stall-1.json",
	"c-stall-2.json", "c-stall-3.json", "c-virtio-1.json",
	"c-virtio-2.json", "c-virtio-3.json", "r-arm64-no-seed.json",
	"r-cpumax-ready-before-load.json", "r-hostile-strings.json",
	"r-late-virtio-rng.json", "r-nonblock-consumer.json",
	"r-qemu64-stall.json", "r-ready-1001ms.json", "r-ready-inferred.json",
	"r-riscv64-zkr-trust-cpu-off.json", "r-seed-missing.json",
	"r-timeout-open-waits.json", "r-trust-cpu-off.json",
	"r-utf8-cut.json", "r-virtio-rng.json",
};

/*
 * The JUnit XSD Jenkins-style consumers validate against (junit-10.xsd,
 * ../shared/vendor/junit/): every fixture, without limits, with limits
 * that fail cases, and with a trace that does not show the CRNG ready
 * (a skipped case), passes xmllint --schema.
 */
static void t_export_junit_xsd(void)
{
	static const char *const limits[][4] = {
		{ NULL },
		{ "--max-wait", "1", "--max-ready", "1" },
		{ "--max-ready", "0" },
		{ "--accept-incomplete" },
	};
	enum { NLIMITS = sizeof(limits) / sizeof(limits[0]),
	       NFIX = sizeof(all_fixtures) / sizeof(all_fixtures[0]) };
	static char outs[NFIX * NLIMITS][512];
	const char *lint[NFIX * NLIMITS + 5] = { "xmllint", "--noout", "--schema" };
	char xsd[600], *dir;
	struct ctlrun r;
	size_t i, l, n = 0;

	if (!need_vendor(xsd, sizeof(xsd), "junit/junit-10.xsd") ||
	    !need_tool("xmllint"))
		return;
	lint[3] = xsd;
	dir = ctlrun_tmpdir();
	REQUIRE(dir);
	for (i = 0; i < NFIX; i++) {
		for (l = 0; l < NLIMITS; l++, n++) {
			const char *argv[12] = { rt_test_ctl, "export", "-f", "junit",
						 "-o", outs[n] };
			int k = 6, j;

			snprintf(outs[n], sizeof(outs[n]), "%s/%zu-%s.xml", dir, l,
				 all_fixtures[i]);
			for (j = 0; j < 4 && limits[l][j]; j++)
				argv[k++] = limits[l][j];
			argv[k] = fixture(all_fixtures[i]);
			ctlrun_argv(&r, NULL, argv);
			CHECK_INT(r.status, 0);
			ctlrun_done(&r);
			lint[4 + n] = outs[n];
		}
	}
	/* One xmllint for them all (the schema parsed once): names the file. */
	ctlrun_argv(&r, NULL, lint);
	if (r.status != 0)
		rt_test_fail(__FILE__, __LINE__, "junit-10.xsd (file: LIMITS-FIXTURE.xml): %s",
			     r.err ? r.err : "");
	ctlrun_done(&r);
	for (n = 0; n < NFIX * NLIMITS; n++)
		unlink(outs[n]);
	ctlrun_rmdir(dir);
}

/*
 * The kselftest runner's layout (what openQA's KTAP parser reads): per
 * case a group "# selftests: rngtrace: ID", its message and its one
 * result as the group's output ("# ok 1 ID"), then the group's result
 * "ok N selftests: rngtrace: ID" at the top level, which the kernel's
 * KTAP parser counts.
 */
static void t_export_ktap(void)
{
	struct ctlrun r;

	CTLRUN(&r, "export", "--format", "ktap", fixture("c-stall-3.json"));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	CHECK(!strncmp(r.out, "KTAP version 1\n", 15));
	CHECK_CONTAINS(r.out, "\n1..4\n");
	CHECK_CONTAINS(r.out, "\n# selftests: rngtrace: crng_ready\n"
		       "# # ready at 30.100 s (interrupts)\n"
		       "# ok 1 crng_ready\n"
		       "ok 1 selftests: rngtrace: crng_ready\n");
	CHECK_CONTAINS(r.out, "\n# selftests: rngtrace: trace_complete\n"
		       "# # the recording saw what it waited for\n"
		       "# ok 1 trace_complete\n"
		       "ok 4 selftests: rngtrace: trace_complete\n");
	/* sshd's two threads are one task (tgid 410). */
	CHECK_CONTAINS(r.out, "\n# selftests: rngtrace: wait.sshd.ssh_service\n"
		       "# # pid 410 waited 2 times for the CRNG: longest 26.600 s");
	CHECK_CONTAINS(r.out, "\n# ok 1 wait.sshd.ssh_service\n"
		       "ok 2 selftests: rngtrace: wait.sshd.ssh_service\n");
	CHECK_CONTAINS(r.out, "\nok 3 selftests: rngtrace: wait.cron.cron_service\n");
	CHECK_LACKS(r.out, "not ok");
	ctlrun_done(&r);

	CTLRUN(&r, "export", "--format", "ktap", "--max-ready", "30",
	       "--max-wait", "26.3", fixture("c-stall-3.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\n# not ok 1 crng_ready\nnot ok 1 selftests: rngtrace: crng_ready\n");
	CHECK_CONTAINS(r.out, "\nnot ok 2 selftests: rngtrace: wait.sshd.ssh_service\n");
	CHECK_CONTAINS(r.out, "\nok 3 selftests: rngtrace: wait.cron.cron_service\n");
	ctlrun_done(&r);

	/* Ready before load: a pass at 0 s; no waits: crng_ready, trace_complete. */
	CTLRUN(&r, "export", "--format", "ktap", "--max-ready", "0.1",
	       fixture("c-virtio-3.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\n1..2\n");
	CHECK_CONTAINS(r.out, "\nok 1 selftests: rngtrace: crng_ready\n");
	CHECK_CONTAINS(r.out, "\nok 2 selftests: rngtrace: trace_complete\n");
	ctlrun_done(&r);
}

/*
 * A fixture without its READY: no "ready" object, no ready event (a
 * temporary file; unlink() it). NULL if that failed.
 */
static const char *trace_not_ready(const char *name)
{
	json_t *t = json_load_file(fixture(name), 0, NULL), *evs, *e;
	const char *path = NULL;
	size_t i;
	char *text;

	if (!t)
		return NULL;
	json_object_del(t, "ready");
	evs = json_object_get(t, "events");
	for (i = json_array_size(evs); i-- > 0;) {
		e = json_array_get(evs, i);
		if (!strcmp(json_string_value(json_object_get(e, "type")) ?: "", "ready"))
			json_array_remove(evs, i);
	}
	text = json_dumps(t, 0);
	if (text)
		path = temp_with(text, strlen(text));
	free(text);
	json_decref(t);
	return path;
}

/*
 * openQA's own KTAP parser (../shared/vendor/openqa-parser/ktap-results,
 * what parse_extra_log(KTAP => file) runs) finds one group per case, each
 * with its one result: ok, fail, or skip (a group without details but
 * the log). Before the kselftest layout it found "groups 0 subtests 0".
 */
static void t_export_ktap_openqa(void)
{
	char parser[600], *dir, out[512];
	const char *argv[] = { parser, out, NULL }, *notready;
	struct ctlrun r;

	if (!need_vendor(parser, sizeof(parser), "openqa-parser/ktap-results"))
		return;
	dir = ctlrun_tmpdir();
	REQUIRE(dir);
	snprintf(out, sizeof(out), "%s/out.ktap", dir);
	CTLRUN(&r, "export", "-f", "ktap", "--max-wait", "26.3", "-o", out,
	       fixture("c-stall-3.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	ctlrun_argv(&r, NULL, argv);
	if (r.status != 0 && r.err && strstr(r.err, "Can't locate")) {
		rt_test_skip("openQA's parser needs libmojolicious-perl and libfeature-compat-try-perl");
		goto out;
	}
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "group crng_ready passed\n"
		  "  ok crng_ready\n"
		  "group wait_sshd_ssh_service fail\n"
		  "  fail wait.sshd.ssh_service\n"
		  "group wait_cron_cron_service passed\n"
		  "  ok wait.cron.cron_service\n"
		  "group trace_complete passed\n"
		  "  ok trace_complete\n"
		  "groups 4 subtests 4\n");
	ctlrun_done(&r);

	/* A skipped case: the trace does not show the CRNG ready. */
	notready = trace_not_ready("c-stall-3.json");
	REQUIRE(notready);
	CTLRUN(&r, "export", "-f", "ktap", "-o", out, notready);
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	ctlrun_argv(&r, NULL, argv);
	CHECK_INT(r.status, 0);
	/* (openQA shows a skipped group's log as its one detail) */
	CHECK_CONTAINS(r.out, "group crng_ready skip\n  ok crng_ready\n"
		       "group wait_sshd_ssh_service passed\n");
	/* without READY the trace is incomplete: trace_complete fails */
	CHECK_CONTAINS(r.out, "\ngroup trace_complete fail\n  fail trace_complete\n"
		       "groups 4 subtests 4\n");
	unlink(notready);
out:
	ctlrun_done(&r);
	ctlrun_rmdir(dir);
}

/* The test of @doc's tests[] whose path is @path, or NULL. */
static json_t *kcidb_test(json_t *doc, const char *path)
{
	json_t *t;
	size_t i;

	json_array_foreach(json_object_get(doc, "tests"), i, t)
		if (!strcmp(json_string_value(json_object_get(t, "path")) ?: "", path))
			return t;
	return NULL;
}

/* The JSON a run printed, after exit 0; NULL if not. */
static json_t *json_out(struct ctlrun *r)
{
	CHECK_INT(r->status, 0);
	return json_loads(r->out ? r->out : "", 0, NULL);
}

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key)) ?: "(none)";
}

/*
 * trace_complete in 'rngtrace export -f @format [--accept-incomplete]
 * FIXTURE... (@fx, NULL-ended)', into @buf: kcidb "STATUS: COMMENT",
 * squad the test's result; "(none)" where absent.
 */
static const char *complete_verdict(char *buf, size_t len, const char *format,
				    int accept, const char *const *fx)
{
	const char *argv[8] = { rt_test_ctl, "export", "-f", format };
	struct ctlrun r;
	json_t *doc, *t;
	int k = 4;

	if (accept)
		argv[k++] = "--accept-incomplete";
	for (; *fx && k < 7; fx++)
		argv[k++] = fixture(*fx);
	ctlrun_argv(&r, NULL, argv);
	doc = json_out(&r);
	if (!strcmp(format, "kcidb")) {
		t = kcidb_test(doc, "rngtrace.trace_complete");
		snprintf(buf, len, "%s: %s", jstr(t, "status"), jstr(t, "comment"));
	} else {
		snprintf(buf, len, "%s",
			 jstr(json_object_get(doc, "tests"), "rngtrace/trace_complete"));
	}
	json_decref(doc);
	ctlrun_done(&r);
	return buf;
}

/* An incomplete trace's trace_complete fails, or is skipped if accepted. */
static void t_export_incomplete(void)
{
	static const char *const timeout[] = { "r-timeout-open-waits.json", NULL };
	static const char *const one_of_two[] = { "c-stall-1.json",
						  "r-timeout-open-waits.json", NULL };
	char v[600];

	CHECK_CONTAINS(complete_verdict(v, sizeof(v), "kcidb", 0, timeout),
		       "FAIL: INCOMPLETE: the recording was stopped by --timeout");
	CHECK(!strncmp(complete_verdict(v, sizeof(v), "kcidb", 1, timeout),
		       "SKIP: INCOMPLETE: ", 18));
	CHECK_STR(complete_verdict(v, sizeof(v), "squad", 0, timeout), "fail");
	CHECK_STR(complete_verdict(v, sizeof(v), "squad", 1, timeout), "skip");
	/* over several traces, one incomplete fails it */
	CHECK_STR(complete_verdict(v, sizeof(v), "squad", 0, one_of_two), "fail");
}

/*
 * KCIDB v5.3: the cases as tests rngtrace.ID, DONE with their number
 * without a limit, PASS/FAIL with one; the measurements as DONE tests;
 * the checkout and build from the trace, or --build-id's build alone.
 * (tools/check/export-consumers validates every fixture's against the
 * schema.)
 */
static void t_export_kcidb(void)
{
	json_t *doc, *t, *num;
	struct ctlrun r;

	CTLRUN(&r, "export", "-f", "kcidb", "--max-wait", "10", fixture("c-stall-1.json"));
	doc = json_out(&r);
	REQUIRE(doc);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(doc, "version"), "major")), 5);
	t = json_array_get(json_object_get(doc, "checkouts"), 0);
	CHECK_STR(jstr(t, "id"), "rngtrace:6.1.0-56-amd64");
	CHECK_STR(jstr(t, "origin"), "rngtrace");
	t = json_array_get(json_object_get(doc, "builds"), 0);
	CHECK_STR(jstr(t, "id"), "rngtrace:6.1.0-56-amd64");
	CHECK_STR(jstr(t, "checkout_id"), "rngtrace:6.1.0-56-amd64");
	CHECK_STR(jstr(t, "architecture"), "x86_64");

	/* No --max-ready: crng_ready is a measurement (DONE), 14.2 s. */
	t = kcidb_test(doc, "rngtrace.crng_ready");
	REQUIRE(t);
	CHECK_STR(jstr(t, "status"), "DONE");
	CHECK_STR(jstr(t, "build_id"), "rngtrace:6.1.0-56-amd64");
	CHECK_STR(jstr(t, "id"), "rngtrace:3f1c2a6e-8a51-4c1e-9d2b-0a1b2c3d4e01:rngtrace.crng_ready");
	num = json_object_get(t, "number");
	CHECK(NEAR(json_number_value(json_object_get(num, "value")), 14.2));
	CHECK_STR(jstr(num, "unit"), "s");
	CHECK_STR(jstr(num, "prefix"), "metric");
	CHECK_STR(jstr(json_object_get(json_object_get(t, "environment"), "misc"), "kernel_release"),
		  "6.1.0-56-amd64");
	/* --max-wait 10: sshd's 10.8 s fails, python3's 8.2 s passes */
	t = kcidb_test(doc, "rngtrace.wait.sshd.ssh_service");
	REQUIRE(t);
	CHECK_STR(jstr(t, "status"), "FAIL");
	CHECK(NEAR(json_number_value(json_object_get(json_object_get(t, "number"), "value")), 10.800261619));
	t = kcidb_test(doc, "rngtrace.wait.python3.app____x__service");
	REQUIRE(t);
	CHECK_STR(jstr(t, "status"), "PASS");
	t = kcidb_test(doc, "rngtrace.credited.interrupts");
	REQUIRE(t);
	CHECK_STR(jstr(t, "status"), "DONE");
	CHECK(NEAR(json_number_value(json_object_get(json_object_get(t, "number"), "value")), 218));
	CHECK_STR(jstr(json_object_get(t, "number"), "unit"), "bit");
	t = kcidb_test(doc, "rngtrace.blocked_tasks");
	REQUIRE(t);
	CHECK(NEAR(json_number_value(json_object_get(json_object_get(t, "number"), "value")), 2));
	CHECK(!json_object_get(json_object_get(t, "number"), "unit"));
	/* a complete trace: a verdict without a limit, and no number */
	t = kcidb_test(doc, "rngtrace.trace_complete");
	REQUIRE(t);
	CHECK_STR(jstr(t, "status"), "PASS");
	CHECK(!json_object_get(t, "number"));
	json_decref(doc);
	ctlrun_done(&r);

	/* A build the CI submitted: its id, no checkout or build of ours. */
	CTLRUN(&r, "export", "-f", "kcidb", "--origin", "my_ci", "--build-id",
	       "other:b42", "--max-ready", "1", fixture("c-stall-1.json"));
	doc = json_out(&r);
	REQUIRE(doc);
	CHECK(!json_object_get(doc, "checkouts") && !json_object_get(doc, "builds"));
	t = kcidb_test(doc, "rngtrace.crng_ready");
	REQUIRE(t);
	CHECK_STR(jstr(t, "build_id"), "other:b42");
	CHECK_STR(jstr(t, "origin"), "my_ci");
	CHECK_STR(jstr(t, "status"), "FAIL");
	json_decref(doc);
	ctlrun_done(&r);

	/* Ready before load: the kernel log's time (0.0012 s), not junit's 0. */
	CTLRUN(&r, "export", "-f", "kcidb", fixture("r-cpumax-ready-before-load.json"));
	doc = json_out(&r);
	REQUIRE(doc);
	t = kcidb_test(doc, "rngtrace.crng_ready");
	REQUIRE(t);
	CHECK_STR(jstr(t, "status"), "DONE");
	CHECK(NEAR(json_number_value(json_object_get(json_object_get(t, "number"), "value")), 0.0012));
	json_decref(doc);
	ctlrun_done(&r);
}

/* The LAVA lines of a stall, exactly; the limits make results. */
static void t_export_lava(void)
{
	const char *notready;
	struct ctlrun r;

	CTLRUN(&r, "export", "-f", "lava", "--max-ready", "14", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	CHECK(r.out && !strncmp(r.out,
		"lava-test-case crng_ready --result fail --measurement 14.200000 --units s\n"
		"lava-test-case wait.sshd.ssh_service --result pass --measurement 10.800262 --units s\n"
		"lava-test-case wait.python3.app____x__service --result pass --measurement 8.200110 --units s\n"
		"lava-test-case trace_complete --result pass\n"
		"lava-test-case module_load --result pass --measurement 1.210000 --units s\n"
		"lava-test-case waits.total --result pass --measurement 19.000372 --units s\n",
		444));
	CHECK_CONTAINS(r.out, "\nlava-test-case waits.count --result pass --measurement 2.000000\n");
	CHECK_CONTAINS(r.out, "\nlava-test-case credited.interrupts --result pass --measurement 218.000000 --units bit\n");
	CHECK_INT(lines(r.out), 4 + 8 + 10);
	ctlrun_done(&r);

	/* Ready before load: the kernel log's time (junit's 0 s is not one). */
	CTLRUN(&r, "export", "-f", "lava", "--max-ready", "14", fixture("r-cpumax-ready-before-load.json"));
	CHECK_INT(r.status, 0);
	CHECK(r.out && !strncmp(r.out, "lava-test-case crng_ready --result pass --measurement 0.001200 --units s\n", 73));
	ctlrun_done(&r);

	/* Not shown ready: no measurement; a skip, or a fail with a limit. */
	notready = trace_not_ready("c-stall-1.json");
	REQUIRE(notready);
	CTLRUN(&r, "export", "-f", "lava", notready);
	CHECK(r.out && !strncmp(r.out, "lava-test-case crng_ready --result skip\n", 40));
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "lava", "--max-ready", "14", notready);
	CHECK(r.out && !strncmp(r.out, "lava-test-case crng_ready --result fail\n", 40));
	ctlrun_done(&r);
	unlink(notready);
}

/*
 * SQUAD: tests pass/fail/skip, metrics {value, unit}; over several traces
 * a metric is an array with one value per trace that has it, and a test
 * fails when it failed in any.
 */
static void t_export_squad(void)
{
	json_t *doc, *m, *tests;
	struct ctlrun r;

	CTLRUN(&r, "export", "-f", "squad", "--max-ready", "20",
	       fixture("c-stall-1.json"), fixture("c-stall-2.json"));
	doc = json_out(&r);
	REQUIRE(doc);
	tests = json_object_get(doc, "tests");
	/* ready at 14.2 s and 21.5 s: the second fails --max-ready 20 */
	CHECK_STR(jstr(tests, "rngtrace/crng_ready"), "fail");
	CHECK_STR(jstr(tests, "rngtrace/wait.sshd.ssh_service"), "pass");
	CHECK_STR(jstr(tests, "rngtrace/trace_complete"), "pass");
	CHECK(!json_object_get(json_object_get(doc, "metrics"), "rngtrace/trace_complete"));
	m = json_object_get(json_object_get(doc, "metrics"), "rngtrace/crng_ready");
	CHECK_INT(json_array_size(json_object_get(m, "value")), 2);
	CHECK(NEAR(json_number_value(json_array_get(json_object_get(m, "value"), 0)), 14.2));
	CHECK(NEAR(json_number_value(json_array_get(json_object_get(m, "value"), 1)), 21.5));
	CHECK_STR(jstr(m, "unit"), "s");
	m = json_object_get(json_object_get(doc, "metrics"), "rngtrace/blocked_tasks");
	CHECK(json_is_array(json_object_get(m, "value")) && !json_object_get(m, "unit"));
	CHECK_INT(json_array_size(json_object_get(json_object_get(doc, "metadata"), "boot_id")), 2);
	json_decref(doc);
	ctlrun_done(&r);

	/* One trace: numbers. */
	CTLRUN(&r, "export", "-f", "squad", fixture("c-stall-1.json"));
	doc = json_out(&r);
	REQUIRE(doc);
	m = json_object_get(json_object_get(doc, "metrics"), "rngtrace/crng_ready");
	CHECK(NEAR(json_number_value(json_object_get(m, "value")), 14.2));
	CHECK_STR(jstr(json_object_get(doc, "tests"), "rngtrace/crng_ready"), "pass");
	json_decref(doc);
	ctlrun_done(&r);

	/* Several traces are for squad only. */
	CTLRUN(&r, "export", "-f", "kcidb", fixture("c-stall-1.json"), fixture("c-stall-2.json"));
	CHECK_INT(r.status, 2);
	ctlrun_done(&r);
}

/*
 * One duration parser: check and export agree on "1.001" for a CRNG ready
 * at exactly 1.001 s (export's strtod() made it 1.000999999 s and failed
 * the case that check passed).
 */
static void t_export_check_agree(void)
{
	struct ctlrun r;

	CTLRUN(&r, "check", "--max-ready", "1.001", fixture("r-ready-1001ms.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	CTLRUN(&r, "export", "--format", "ktap", "--max-ready", "1.001",
	       fixture("r-ready-1001ms.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\nok 1 selftests: rngtrace: crng_ready\n");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "--format", "ktap", "--max-ready", "1000999999ns",
	       fixture("r-ready-1001ms.json"));
	CHECK_CONTAINS(r.out, "\nnot ok 1 selftests: rngtrace: crng_ready\n");
	ctlrun_done(&r);
	/* check's syntax, not strtod's */
	CTLRUN(&r, "export", "--format", "ktap", "--max-ready", "1e3",
	       fixture("r-ready-1001ms.json"));
	CHECK_INT(r.status, 2);
	ctlrun_done(&r);
}

/* The longest run of digits after a '.' in @text (a JSON real's). */
static int max_fraction_digits(const char *text)
{
	int best = 0, n;
	const char *p;

	for (p = text; p && *p; p++) {
		if (*p != '.' || p == text || p[-1] < '0' || p[-1] > '9')
			continue;
		for (n = 0; p[n + 1] >= '0' && p[n + 1] <= '9'; n++)
			;
		if (n > best)
			best = n;
	}
	return best;
}

/*
 * No binary noise in JSON: a time is an integer of nanoseconds (1.001 s
 * is 1001000000, never 1.0009999999999999), and a real (a share) has 12
 * significant digits at most (33.3333333333, not 33.333333333333336).
 */
static void t_json_no_float_noise(void)
{
	struct ctlrun r;

	CTLRUN(&r, "report", "--json", fixture("r-ready-1001ms.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\"time_ns\": 1001000000,");
	CHECK_LACKS(r.out, "1.0009999");
	CHECK(max_fraction_digits(r.out) <= 12);
	ctlrun_done(&r);
	CTLRUN(&r, "compare", "--json", fixture("c-stall-1.json"),
	       fixture("c-stall-2.json"), fixture("c-virtio-1.json"));
	CHECK_INT(r.status, 0);
	CHECK(max_fraction_digits(r.out) > 0);	/* it has shares */
	CHECK(max_fraction_digits(r.out) <= 12);
	ctlrun_done(&r);
}

static void t_export_bad_input(void)
{
	static const char *const cases[][6] = {
		{ "export", NULL },
		{ "export", "--format", "csv", NULL },
		{ "export", "--format", "junit", NULL },
		{ "export", "--format", "junit", "--max-wait", "soon", NULL },
		{ "export", "--format", "junit", "--max-ready", "-1", NULL },
		{ "export", "--format", "ktap", "/nonexistent.json", NULL },
		{ "export", "--format", "ktap", "--bogus", NULL },
		{ "export", "--format", NULL },
		{ "export", "--format", "kcidb", "--origin", "My-CI", NULL },
		{ "export", "--format", "kcidb", "--build-id", "nocolon", NULL },
		{ "export", "--format", "junit", "--origin", "ci", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[10] = { rt_test_ctl };
		struct ctlrun r;
		int k;

		for (k = 0; cases[i][k]; k++)
			argv[k + 1] = cases[i][k];
		/* A good trace where the case is about something else. */
		if (i == 0 || i == 1 || i == 3 || i == 4 || i == 6 || i >= 8)
			argv[k + 1] = fixture("c-stall-1.json");
		ctlrun_argv(&r, NULL, argv);
		CHECK_INT(r.status, 2);
		CHECK(one_line(r.err));
		CHECK(r.err && !strncmp(r.err, "rngtrace export: ", 17));
		CHECK_STR(r.out, "");
		ctlrun_done(&r);
	}
}

/*
 * c-hostile.json: type-correct, but with extreme numbers and markup and
 * control characters in its strings. Every format stays well-formed.
 */
static void t_export_hostile(void)
{
	char *dir = ctlrun_tmpdir(), out[512], *text;
	const char *lint[] = { "xmllint", "--noout", out, NULL };
	const char *prom[] = { "promtool", "check", "metrics", NULL };
	struct ctlrun r;
	json_t *j;

	REQUIRE(dir);
	snprintf(out, sizeof(out), "%s/out", dir);

	CTLRUN(&r, "export", "-f", "perfetto", "-o", out, fixture("c-hostile.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	j = json_load_file(out, 0, NULL);
	CHECK(j && json_is_array(json_object_get(j, "traceEvents")));
	json_decref(j);

	CTLRUN(&r, "export", "-f", "junit", "--max-wait", "1", "-o", out,
	       fixture("c-hostile.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	if (need_tool("xmllint")) {
		ctlrun_argv(&r, NULL, lint);
		CHECK_INT(r.status, 0);
		ctlrun_done(&r);
	}
	text = ctlrun_read(out);
	CHECK_CONTAINS(text, "(&lt;&amp;&gt;)");
	free(text);

	CTLRUN(&r, "export", "-f", "ktap", "-o", out, fixture("c-hostile.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	text = ctlrun_read(out);
	CHECK_CONTAINS(text, "\n1..4\n");
	/* A comm or unit is an identifier: [A-Za-z0-9_] and '_' for the rest. */
	CHECK_CONTAINS(text, "\nok 2 selftests: rngtrace: wait._.___\n");
	CHECK_CONTAINS(text, "\nok 3 selftests: rngtrace: wait.a_b_\n");
	free(text);

	CTLRUN(&r, "export", "-f", "prometheus", "-o", out, fixture("c-hostile.json"));
	CHECK_INT(r.status, 0);
	ctlrun_done(&r);
	text = ctlrun_read(out);
	/* The kernel release's quote, backslash and newline are escaped. */
	CHECK_CONTAINS(text, "kernel=\"k\\\"\\\\\\n<x>\"");
	free(text);
	if (need_tool("promtool")) {
		ctlrun_argv(&r, out, prom);
		CHECK_INT(r.status, 0);
		ctlrun_done(&r);
	}
	ctlrun_rmdir(dir);
}

static void t_export_help(void)
{
	struct ctlrun r;

	CTLRUN(&r, "export", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace export --format FORMAT FILE");
	CHECK_CONTAINS(r.out, "perfetto");
	CHECK_CONTAINS(r.out, "prometheus");
	CHECK_CONTAINS(r.out, "junit");
	CHECK_CONTAINS(r.out, "ktap");
	CHECK_CONTAINS(r.out, "kcidb");
	CHECK_CONTAINS(r.out, "lava");
	CHECK_CONTAINS(r.out, "squad");
	CHECK_CONTAINS(r.out, "--origin");
	CHECK_CONTAINS(r.out, "--build-id");
	CHECK_CONTAINS(r.out, "--max-wait");
	ctlrun_done(&r);
}

static const struct rt_test export_tests[] = {
	{ "export: perfetto is trace-event JSON with waits, ready, counters", t_export_perfetto },
	{ "export: prometheus text parses, values right", t_export_prometheus },
	{ "export: prometheus passes promtool check metrics", t_export_promtool },
	{ "export: node_exporter's textfile replaced atomically, the boot's series", t_export_textfile },
	{ "export: --max-ready parses as check's does (1.001)", t_export_check_agree },
	{ "json: floats without binary noise (1.001)", t_json_no_float_noise },
	{ "export: junit well-formed; --max-wait, --max-ready fail cases", t_export_junit },
	{ "export: junit valid against junit-10.xsd, every fixture", t_export_junit_xsd },
	{ "export: ktap in the kselftest runner's layout, limits", t_export_ktap },
	{ "export: ktap: openQA's KTAP parser finds one result per case", t_export_ktap_openqa },
	{ "export: kcidb tests: cases, measurements, ids", t_export_kcidb },
	{ "export: lava-test-case lines", t_export_lava },
	{ "export: squad tests and metrics, arrays over several traces", t_export_squad },
	{ "export: kcidb and squad fail trace_complete for an incomplete trace", t_export_incomplete },
	{ "export: bad usage is one line, exit 2", t_export_bad_input },
	{ "export: a hostile trace stays well-formed in every format", t_export_hostile },
	{ "export: --help", t_export_help },
	{ NULL, NULL },
};

RT_SUITE(export_tests)
