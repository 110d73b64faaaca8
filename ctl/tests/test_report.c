// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace report, run as built on the r-* fixtures and on bad input.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "harness.h"
#include "ctlrun.h"

#define RUN(r, ...) CTLRUN(r, __VA_ARGS__)
#define RUN_IN(r, in, ...) CTLRUN_IN(r, in, __VA_ARGS__)

static void test_text_stall(void)
{
	struct ctlrun r;
	const char *p;

	RUN(&r, "report", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "kernel:     6.1.0-56-amd64");
	/* a trace from before host.arch: x86 by its cpuinfo flags */
	CHECK_CONTAINS(r.out, "\ncpu:        under a hypervisor, no RDRAND\n");
	CHECK_CONTAINS(r.out, "ready:      1.500 s after boot (CLOCK_BOOTTIME)");
	CHECK_CONTAINS(r.out, "completed:  by jitter");
	CHECK_CONTAINS(r.out, "before load        40 bits   15.6%");
	CHECK_CONTAINS(r.out, "interrupts         60 bits   23.4%");
	CHECK_CONTAINS(r.out, "jitter            156 bits   60.9%");
	CHECK_CONTAINS(r.out, "3 tasks waited 3 times");
	CHECK_CONTAINS(r.out, "the longest 0.860 s");
	/* sorted by wait: systemd, then systemd-timesyn, then sshd */
	p = r.out ? strstr(r.out, "init.scope") : NULL;
	CHECK(p && strstr(p, "systemd-timesyncd.service") &&
	      strstr(strstr(p, "systemd-timesyncd.service"), "ssh.service"));
	CHECK_CONTAINS(r.out, "      402  sshd             ssh.service                      getrandom       0.480 s  32 bytes");
	CHECK_CONTAINS(r.out, "hwrng:      none");
	CHECK_CONTAINS(r.out, "[no-rdrand-in-vm] the VM's CPU model hides RDRAND");
	CHECK_CONTAINS(r.out, "[no-hwrng] add a virtio-rng device");
	CHECK_CONTAINS(r.out, "[seed-not-credited]");
	CHECK_LACKS(r.out, "[hwrng-late]");
	CHECK_LACKS(r.out, "[trust-cpu-off]");
	CHECK_STR(r.err, "");
	ctlrun_done(&r);
}

/*
 * arm64 and riscv64: the CPU line names the architecture and its own RNG
 * instruction, and the board advice fires (on riscv64 from host.arch: the
 * kernel release names no architecture).
 */
static void test_text_arm64_riscv64(void)
{
	struct ctlrun r;

	RUN(&r, "report", fixture("r-arm64-no-seed.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\ncpu:        aarch64, no RNDR (FEAT_RNG)\n");
	CHECK_LACKS(r.out, "RDRAND");
	CHECK_CONTAINS(r.out, "[no-boot-seed] the bootloader passed no seed");
	CHECK_LACKS(r.out, "[trust-cpu-off]");
	ctlrun_done(&r);

	RUN(&r, "report", fixture("r-riscv64-zkr-trust-cpu-off.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\ncpu:        riscv64, Zkr seed CSR, random.trust_cpu=off\n");
	CHECK_CONTAINS(r.out, "[trust-cpu-off] random.trust_cpu=off is on the kernel command line while the CPU has an RNG instruction (Zkr seed CSR)");
	CHECK_CONTAINS(r.out, "[no-boot-seed]");
	CHECK_LACKS(r.out, "RDRAND");
	ctlrun_done(&r);

	RUN(&r, "report", fixture("r-trust-cpu-off.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "while the CPU has an RNG instruction (RDRAND)");
	CHECK_LACKS(r.out, "[no-boot-seed]");
	ctlrun_done(&r);
}

static void test_text_ready_before_load(void)
{
	struct ctlrun r;

	RUN(&r, "report", fixture("r-cpumax-ready-before-load.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "ready before rngtrace loaded");
	CHECK_CONTAINS(r.out, "nothing waited for the CRNG");
	CHECK_CONTAINS(r.out, "advice:     none");
	CHECK_LACKS(r.out, "[");
	ctlrun_done(&r);
}

/* A READY the module inferred says so, and names no source. */
static void test_ready_inferred(void)
{
	struct ctlrun r;

	RUN(&r, "report", fixture("r-ready-inferred.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "inferred:   from reseed: the completing credit was missed, its source is unknown; the time is crng_reseed()'s, exact\n");
	CHECK_CONTAINS(r.out, "completed:  by an unknown source");
	ctlrun_done(&r);
	RUN(&r, "report", "--json", fixture("r-ready-inferred.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "\"evidence\": \"reseed\"");
	ctlrun_done(&r);
	RUN(&r, "report", fixture("r-qemu64-stall.json"));
	CHECK_LACKS(r.out, "\ninferred:");	/* (what came before load is) */
	CHECK_LACKS(r.out, "\"evidence\"");
	ctlrun_done(&r);
}

static void test_text_hwrng_and_unseeded(void)
{
	struct ctlrun r;

	RUN(&r, "report", fixture("r-late-virtio-rng.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "hwrng:      current virtio_rng.0, 146 bits");
	CHECK_CONTAINS(r.out, "first registered after load: virtio_rng.0 at 2.500 s");
	CHECK_CONTAINS(r.out, "[hwrng-late] virtio-rng registered late");
	CHECK_CONTAINS(r.out, "the longest 1.510 s");
	ctlrun_done(&r);

	RUN(&r, "report", fixture("r-nonblock-consumer.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "unseeded:   3 reads before the CRNG was ready");
	/* Grouped by program, path and flags, the most reads first. */
	CHECK_CONTAINS(r.out, "       2     733  python3          cloud-init.service               getrandom      0x1  -11 (EAGAIN)\n"
			      "       1     741  dd               foo.service                      dev_urandom      0  512 bytes\n");
	CHECK_CONTAINS(r.out, "dev_urandom");
	CHECK_CONTAINS(r.out, "[insecure-consumer] python3 polled getrandom(GRND_NONBLOCK)");
	ctlrun_done(&r);
}

static void test_json(void)
{
	json_error_t jerr;
	json_t *o, *w, *a, *c;
	struct ctlrun r;

	RUN(&r, "report", "--json", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	o = json_loads(r.out, 0, &jerr);
	REQUIRE(o);
	CHECK_STR(json_string_value(json_object_get(o, "kernel_release")), "6.1.0-56-amd64");
	CHECK(json_is_true(json_object_get(o, "hypervisor")));
	CHECK(json_is_false(json_object_get(o, "cpu_rdrand")));
	CHECK(json_is_false(json_object_get(o, "cpu_rng")));
	CHECK_STR(json_string_value(json_object_get(o, "arch")), "");	/* not recorded */
	CHECK_INT(json_integer_value(json_object_get(json_object_get(o, "ready"), "time_ns")),
		  1500000000LL);
	CHECK(json_is_false(json_object_get(json_object_get(o, "ready"), "before_load")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(o, "ready"), "source")), "jitter");
	c = json_object_get(o, "credits");
	CHECK_INT(json_integer_value(json_object_get(c, "pool_bits_at_load")), 40);
	CHECK_INT(json_integer_value(json_object_get(c, "total_bits")), 256);
	CHECK_INT(json_array_size(json_object_get(c, "sources")), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(c, "sources"), 1), "source")), "jitter");
	CHECK_INT(json_integer_value(json_object_get(o, "blocked_tasks")), 3);
	CHECK_INT(json_integer_value(json_object_get(o, "worst_wait_ns")), 860200000LL);
	w = json_object_get(o, "waits");
	REQUIRE(json_array_size(w) == 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(w, 0), "comm")), "systemd");
	CHECK_STR(json_string_value(json_object_get(json_array_get(w, 2), "unit")), "ssh.service");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(w, 2), "wait_ns")), 480400000LL);
	a = json_object_get(o, "advice");
	REQUIRE(json_array_size(a) == 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 0), "id")), "no-rdrand-in-vm");
	CHECK_CONTAINS(json_string_value(json_object_get(json_array_get(a, 0), "text")), "-cpu host");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 1), "id")), "no-hwrng");
	CHECK_STR(json_string_value(json_object_get(json_array_get(a, 2), "id")), "seed-not-credited");
	CHECK(json_is_array(json_object_get(o, "unseeded")));
	CHECK(json_is_object(json_object_get(o, "hwrng")));
	CHECK(!json_object_get(json_object_get(o, "hwrng"), "current"));
	json_decref(o);
	ctlrun_done(&r);

	RUN(&r, "report", "--json", fixture("r-riscv64-zkr-trust-cpu-off.json"));
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	o = json_loads(r.out, 0, &jerr);
	REQUIRE(o);
	CHECK_STR(json_string_value(json_object_get(o, "arch")), "riscv64");
	CHECK(json_is_true(json_object_get(o, "cpu_rng")));
	CHECK(json_is_false(json_object_get(o, "cpu_rdrand")));
	json_decref(o);
	ctlrun_done(&r);

	/* option after the file, and an empty advice list */
	RUN(&r, "report", fixture("r-virtio-rng.json"), "--json");
	CHECK_INT(r.status, 0);
	REQUIRE(r.out);
	o = json_loads(r.out, 0, &jerr);
	REQUIRE(o);
	CHECK_INT(json_array_size(json_object_get(o, "advice")), 0);
	CHECK(json_is_array(json_object_get(o, "advice")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(o, "hwrng"), "current")), "virtio_rng.0");
	json_decref(o);
	ctlrun_done(&r);
}

static void test_stdin(void)
{
	struct ctlrun r;

	RUN_IN(&r, fixture("r-trust-cpu-off.json"), "report", "-");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "trace:      standard input");
	CHECK_CONTAINS(r.out, "[trust-cpu-off] random.trust_cpu=off");
	ctlrun_done(&r);
}

/* Bad input: one line on stderr, "rngtrace report: <message>", exit 2. */
static void test_bad_input(void)
{
	static const struct { const char *text, *msg; } cases[] = {
		{ "", "empty file, not a trace" },
		{ "  \n", "empty file, not a trace" },
		{ "{\"format\":\"rngtrace-trace\",\"version\":\"1.0\",\"host\":{", "truncated JSON" },
		{ "\x01\x02garbage", "not valid JSON" },
		{ "[1,2]", "not a JSON object" },
		{ "{\"format\":\"rngtrace-trace\",\"version\":\"99.0\"}", "newer than this rngtrace reads" },
		{ "{\"format\":\"rngtrace-trace\",\"version\":\"1.0\",\"host\":{},"
		  "\"module\":{\"load_time_ns\":\"soon\",\"ready_at_load\":false},"
		  "\"events\":[],\"credits\":[]}", "module.load_time_ns should be an integer" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *path = temp_with(cases[i].text, strlen(cases[i].text));
		struct ctlrun r;

		REQUIRE(path);
		RUN(&r, "report", path);
		CHECK_INT(r.status, 2);
		CHECK_STR(r.out, "");
		CHECK(r.err && !strncmp(r.err, "rngtrace report: ", 17));
		CHECK_CONTAINS(r.err, cases[i].msg);
		CHECK_INT(lines(r.err), 1);
		ctlrun_done(&r);
		unlink(path);
	}
}

static void test_usage(void)
{
	struct ctlrun r;

	RUN(&r, "report", "/nonexistent/trace.json");
	CHECK_INT(r.status, 2);
	CHECK_STR(r.err, "rngtrace report: /nonexistent/trace.json: No such file or directory\n");
	ctlrun_done(&r);

	RUN(&r, "report");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "give a trace FILE");
	ctlrun_done(&r);

	RUN(&r, "report", "--bogus", fixture("r-virtio-rng.json"));
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "unknown option '--bogus'");
	ctlrun_done(&r);

	RUN(&r, "report", "a", "b");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "unexpected argument 'b'");
	ctlrun_done(&r);

	RUN(&r, "report", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace report [--json | --summary | --journal-fields | --journal] FILE|-");
	CHECK_CONTAINS(r.out, "seed-not-credited");
	CHECK_STR(r.err, "");
	ctlrun_done(&r);

	RUN(&r, "help", "report");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace report");
	ctlrun_done(&r);
}

/* Never ready, events dropped, a wait still recorded: said plainly. */
static void test_never_ready(void)
{
	static const char text[] =
		"{\"format\":\"rngtrace-trace\",\"version\":\"1.0\","
		"\"host\":{\"kernel_release\":\"6.12.9-amd64\",\"hypervisor\":true},"
		"\"module\":{\"load_time_ns\":100000000,\"ready_at_load\":false,"
		"\"events_dropped\":12},\"credits\":[],"
		"\"events\":[{\"seq\":12,\"type\":\"wait\",\"time_ns\":9000000000,"
		"\"start_ns\":1000000000,\"pid\":77,\"comm\":\"sshd\","
		"\"path\":\"getrandom\",\"result\":-512}]}";
	const char *path = temp_with(text, sizeof(text) - 1);
	json_error_t jerr;
	struct ctlrun r;
	json_t *o;

	REQUIRE(path);
	RUN(&r, "report", path);
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "kernel:     6.12.9-amd64");
	CHECK_CONTAINS(r.out, "ready:      NOT READY when the recording ended");
	CHECK_LACKS(r.out, "completed:");
	CHECK_CONTAINS(r.out, "the ring dropped 12 events");
	CHECK_CONTAINS(r.out, "       77  sshd             -                                getrandom       8.000 s  -512 (interrupted)");
	CHECK_CONTAINS(r.out, "[no-rdrand-in-vm]");
	CHECK_CONTAINS(r.out, "[no-hwrng]");
	ctlrun_done(&r);

	RUN(&r, "report", "--json", path);
	CHECK_INT(r.status, 0);
	o = r.out ? json_loads(r.out, 0, &jerr) : NULL;
	REQUIRE(o);
	CHECK(json_is_false(json_object_get(o, "crng_ready")));
	CHECK(!json_object_get(json_object_get(o, "ready"), "time_ns"));
	CHECK_INT(json_integer_value(json_object_get(o, "events_dropped")), 12);
	json_decref(o);
	ctlrun_done(&r);
	unlink(path);
}

/* The recorder unit logs these: their facts must be the fixture's. */
static void test_summary_and_journal(void)
{
	struct ctlrun r;

	RUN(&r, "report", "--summary", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "6.1.0-56-amd64: CRNG ready at 1.500 s (jitter); 3 tasks "
		  "waited 1.891 s in all, the longest 0.860 s (systemd, init.scope); "
		  "advice: no-rdrand-in-vm, no-hwrng, seed-not-credited\n");
	ctlrun_done(&r);

	RUN(&r, "report", "--journal-fields", fixture("r-qemu64-stall.json"));
	CHECK_INT(r.status, 0);
	CHECK(!strncmp(r.out, "MESSAGE=6.1.0-56-amd64: CRNG ready at 1.500 s", 45));
	CHECK_CONTAINS(r.out, "\nRNGTRACE_READY_SECONDS=1.500000\n");
	CHECK_CONTAINS(r.out, "\nRNGTRACE_BLOCKED_TASKS=3\n");
	CHECK_CONTAINS(r.out, "\nRNGTRACE_ADVICE=no-rdrand-in-vm,no-hwrng,seed-not-credited\n");
	ctlrun_done(&r);

	RUN(&r, "report", "--summary", fixture("r-cpumax-ready-before-load.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, ": CRNG ready before rngtrace loaded; nothing waited");
	ctlrun_done(&r);
}

static const struct rt_test report_tests[] = {
	{ "report: --summary and --journal-fields", test_summary_and_journal },
	{ "report: never ready, events dropped", test_never_ready },
	{ "report: qemu64 stall, text", test_text_stall },
	{ "report: ready before load, no advice", test_text_ready_before_load },
	{ "report: an inferred READY says so", test_ready_inferred },
	{ "report: arm64 and riscv64 name their CPU RNG", test_text_arm64_riscv64 },
	{ "report: late hwrng and unseeded readers", test_text_hwrng_and_unseeded },
	{ "report --json", test_json },
	{ "report - reads standard input", test_stdin },
	{ "report: bad input is one line, exit 2", test_bad_input },
	{ "report: usage errors and --help", test_usage },
	{ NULL, NULL },
};

RT_SUITE(report_tests)
