// SPDX-License-Identifier: GPL-2.0
/*
 * rt_summarize() on the r-* fixtures and on traces built here.
 */
#include <stdio.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "harness.h"
#include "summary.h"
#include "trace.h"

#define MS 1000000LL

static const char *fixture(const char *name)
{
	static char buf[4096];
	const char *slash = strrchr(__FILE__, '/');

	if (slash)
		snprintf(buf, sizeof(buf), "%.*s/fixtures/%s",
			 (int)(slash - __FILE__), __FILE__, name);
	else
		snprintf(buf, sizeof(buf), "fixtures/%s", name);
	return buf;
}

/* Load and summarize a fixture; the caller frees both. */
static json_t *load(const char *name, struct rt_summary *s)
{
	char err[512];
	json_t *t = rt_trace_load(fixture(name), err, sizeof(err));

	if (!t) {
		fprintf(stderr, "# %s\n", err);
		return NULL;
	}
	if (rt_summarize(t, s, err, sizeof(err))) {
		fprintf(stderr, "# %s\n", err);
		json_decref(t);
		return NULL;
	}
	return t;
}

static json_t *loads(const char *text, struct rt_summary *s)
{
	char err[512];
	json_t *t = rt_trace_loadb(text, strlen(text), "test", err, sizeof(err));

	if (!t) {
		fprintf(stderr, "# %s\n", err);
		return NULL;
	}
	if (rt_summarize(t, s, err, sizeof(err))) {
		fprintf(stderr, "# %s\n", err);
		json_decref(t);
		return NULL;
	}
	return t;
}

static void test_qemu64_stall(void)
{
	struct rt_summary s;
	json_t *t = load("r-qemu64-stall.json", &s);

	REQUIRE(t);
	CHECK_STR(s.kernel_release, "6.1.0-56-amd64");
	CHECK_STR(s.boot_id, "6f1c2a9e-3b7d-4c55-9a1e-0d2f8b4e7c31");
	CHECK_CONTAINS(s.cmdline, "console=ttyS0");
	CHECK_INT(s.hypervisor, 1);
	CHECK_INT(s.cpu_rdrand, 0);
	CHECK_INT(s.cpu_rdseed, 0);
	CHECK_INT(s.trust_cpu_off, 0);
	CHECK_INT(s.ready, 1);
	CHECK_INT(s.ready_before_load, 0);
	CHECK_INT(s.ready_ns, 1500 * MS);
	CHECK_STR(s.ready_source, "jitter");
	CHECK_INT(s.load_ns, 420 * MS);
	CHECK_INT(s.pool_bits_at_load, 40);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_INTERRUPTS], 60);
	CHECK_INT(s.credit_count[RNGTRACE_SOURCE_INTERRUPTS], 60);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_JITTER], 156);
	CHECK_INT(s.credit_count[RNGTRACE_SOURCE_JITTER], 3);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_IOCTL], 0);
	CHECK_INT(s.credit_total, 216);

	REQUIRE(s.nwaits == 3);
	/* longest first */
	CHECK_INT(s.waits[0].pid, 1);
	CHECK_STR(s.waits[0].comm, "systemd");
	CHECK_STR(s.waits[0].cgroup, "/init.scope");
	CHECK_STR(s.waits[0].unit, "init.scope");
	CHECK_STR(s.waits[0].path, "getrandom");
	CHECK_INT(s.waits[0].start_ns, 640 * MS);
	CHECK_INT(s.waits[0].end_ns, 1500 * MS + 200000);
	CHECK_INT(s.waits[0].wait_ns, 860 * MS + 200000);
	CHECK_INT(s.waits[1].pid, 384);
	CHECK_INT(s.waits[1].tgid, 380);
	CHECK_STR(s.waits[1].unit, "systemd-timesyncd.service");
	CHECK_INT(s.waits[2].pid, 402);
	CHECK_STR(s.waits[2].comm, "sshd");
	CHECK_STR(s.waits[2].unit, "ssh.service");
	CHECK_INT(s.waits[2].bytes, 32);
	CHECK_INT(s.waits[2].result, 32);
	CHECK_INT(s.waits[2].wait_ns, 480 * MS + 400000);
	CHECK(s.waits[0].wait_ns >= s.waits[1].wait_ns &&
	      s.waits[1].wait_ns >= s.waits[2].wait_ns);
	CHECK_INT(s.worst_wait_ns, 860 * MS + 200000);
	CHECK_INT(s.total_wait_ns, (860 + 550 + 480) * MS + 900000);
	CHECK_INT(s.nblocked, 3);
	CHECK_INT(s.first_wait_start_ns, 640 * MS);

	CHECK_INT(s.nunseeded, 0);
	CHECK_INT(s.nhwrng, 0);
	CHECK_STR(s.hwrng_current, "");
	CHECK_INT(s.hwrng_first_register_ns, -1);
	CHECK_INT(s.hwrng_bits, 0);
	CHECK_INT(s.events_dropped, 0);
	rt_summary_free(&s);
	json_decref(t);
}

static void test_ready_before_load(void)
{
	struct rt_summary s;
	json_t *t = load("r-cpumax-ready-before-load.json", &s);

	REQUIRE(t);
	CHECK_INT(s.ready, 1);
	CHECK_INT(s.ready_before_load, 1);
	CHECK_INT(s.ready_ns, 1200000);
	CHECK_STR(s.ready_source, "");	/* the module did not see it */
	CHECK_INT(s.cpu_rdrand, 1);
	CHECK_INT(s.pool_bits_at_load, 256);
	CHECK_INT(s.credit_total, 0);
	CHECK_INT(s.nwaits, 0);
	CHECK_INT(s.nblocked, 0);
	CHECK_INT(s.worst_wait_ns, 0);
	CHECK_INT(s.first_wait_start_ns, -1);
	rt_summary_free(&s);
	json_decref(t);
}

static void test_virtio_rng(void)
{
	struct rt_summary s;
	json_t *t = load("r-virtio-rng.json", &s);

	REQUIRE(t);
	CHECK_INT(s.nhwrng, 1);
	CHECK_STR(s.hwrng_current, "virtio_rng.0");
	CHECK_INT(s.hwrng_first_register_ns, 300 * MS);
	CHECK_STR(s.hwrng_first_register_name, "virtio_rng.0");
	CHECK_INT(s.hwrng_bits, 236);
	REQUIRE(s.hwrngs);
	CHECK_STR(s.hwrngs[0].name, "virtio_rng.0");
	CHECK_INT(s.hwrngs[0].quality, 1000);
	CHECK_INT(s.hwrngs[0].current, 1);
	CHECK_INT(s.hwrngs[0].before_load, 0);
	CHECK_INT(s.hwrngs[0].registered_ns, 300 * MS);
	CHECK_INT(s.hwrngs[0].bits, 236);
	CHECK_STR(s.ready_source, "hwrng");
	rt_summary_free(&s);
	json_decref(t);
}

static void test_trust_cpu_off_and_ioctl(void)
{
	struct rt_summary s;
	json_t *t = load("r-trust-cpu-off.json", &s);

	REQUIRE(t);
	CHECK_INT(s.trust_cpu_off, 1);
	CHECK_INT(s.cpu_rdrand, 1);
	CHECK_INT(s.hypervisor, 0);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_IOCTL], 512);
	CHECK_INT(s.credit_events_ioctl, 1);
	rt_summary_free(&s);
	json_decref(t);
}

static void test_unseeded(void)
{
	struct rt_summary s;
	json_t *t = load("r-nonblock-consumer.json", &s);

	REQUIRE(t);
	/*
	 * Three calls in two groups: python3's two GRND_NONBLOCK getrandom()
	 * refused with EAGAIN, and a read of /dev/urandom that got 512 bytes.
	 */
	REQUIRE(s.nunseeded == 3);
	CHECK_INT(s.nunseeded_served, 1);
	REQUIRE(s.nunseeded_groups == 2);
	CHECK_INT(s.unseeded[0].pid, 733);
	CHECK_INT(s.unseeded[0].tgid, 733);
	CHECK_STR(s.unseeded[0].comm, "python3");
	CHECK_STR(s.unseeded[0].unit, "cloud-init.service");
	CHECK_STR(s.unseeded[0].cgroup, "/system.slice/cloud-init.service");
	CHECK_STR(s.unseeded[0].path, "getrandom");
	CHECK_INT(s.unseeded[0].flags, 1);
	CHECK_INT(s.unseeded[0].count, 2);
	CHECK_INT(s.unseeded[0].eagain, 2);
	CHECK_INT(s.unseeded[0].served, 0);
	CHECK_INT(s.unseeded[0].first_result, -11);
	CHECK_INT(s.unseeded[0].first_ns, 400 * MS);
	CHECK_INT(s.unseeded[0].first_eagain_ns, 400 * MS);
	CHECK_STR(s.unseeded[1].path, "dev_urandom");
	CHECK_INT(s.unseeded[1].first_result, 512);
	CHECK_INT(s.unseeded[1].bytes, 512);
	CHECK_INT(s.unseeded[1].count, 1);
	CHECK_INT(s.nwaits, 0);
	rt_summary_free(&s);
	json_decref(t);
}

#define HEAD "{\"format\":\"rngtrace-trace\",\"version\":\"1.0\","

/* The trust_cpu parsing follows kstrtobool(), and the last one wins. */
static void test_trust_cpu_cmdline(void)
{
	static const struct { const char *cmdline; int off; } cases[] = {
		{ "ro random.trust_cpu=off", 1 },
		{ "random.trust_cpu=0 quiet", 1 },
		{ "random.trust_cpu=n", 1 },
		{ "random.trust_cpu=on", 0 },
		{ "random.trust_cpu=1", 0 },
		{ "random.trust_cpu=off random.trust_cpu=on", 0 },
		{ "random.trust_cpu=on random.trust_cpu=off", 1 },
		{ "xrandom.trust_cpu=off", 0 },
		{ "random.trust_cpu=", 0 },
		{ "", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512];
		struct rt_summary s;
		json_t *t;

		snprintf(text, sizeof(text), HEAD "\"host\":{\"cmdline\":\"%s\"},"
			 "\"module\":{\"load_time_ns\":1,\"ready_at_load\":false},"
			 "\"events\":[],\"credits\":[]}", cases[i].cmdline);
		t = loads(text, &s);
		REQUIRE(t);
		if (s.trust_cpu_off != cases[i].off)
			rt_test_fail(__FILE__, __LINE__, "\"%s\": trust_cpu_off %d",
				     cases[i].cmdline, s.trust_cpu_off);
		rt_summary_free(&s);
		json_decref(t);
	}
}

/* A minimal trace: every unknown is its default, nothing crashes. */
static void test_minimal(void)
{
	struct rt_summary s;
	json_t *t = loads(HEAD "\"host\":{},\"module\":{\"load_time_ns\":5,"
			  "\"ready_at_load\":false},\"events\":[],\"credits\":[]}", &s);

	REQUIRE(t);
	CHECK_STR(s.kernel_release, "");
	CHECK_STR(s.arch, "");
	CHECK_INT(s.arch_id, RT_ARCH_UNKNOWN);
	CHECK_INT(s.cpu_rng, 0);
	CHECK_STR(s.boot_id, "");
	CHECK_STR(s.cmdline, "");
	CHECK_STR(s.ready_source, "");
	CHECK_STR(s.hwrng_current, "");
	CHECK_INT(s.ready, 0);
	CHECK_INT(s.ready_ns, -1);
	CHECK_INT(s.load_ns, 5);
	CHECK_INT(s.nwaits, 0);
	CHECK(s.waits == NULL);
	CHECK_INT(s.hwrng_first_register_ns, -1);
	rt_summary_free(&s);
	json_decref(t);
}

/*
 * Odd but loadable values: unknown sources count as unknown, missing
 * start_ns is a zero wait, tgid defaults to pid, sums saturate.
 */
static void test_odd_values(void)
{
	struct rt_summary s;
	json_t *t = loads(HEAD "\"host\":{},"
		"\"module\":{\"load_time_ns\":5,\"ready_at_load\":true,\"events_dropped\":9},"
		"\"credits\":[{\"source\":\"quantum\",\"bits\":3},"
		"{\"source\":\"interrupts\",\"bits\":9223372036854775807},"
		"{\"source\":\"disk\",\"bits\":9223372036854775807}],"
		"\"hwrngs\":[{\"name\":\"a\",\"current\":true}],"
		"\"events\":[{\"seq\":0,\"type\":\"wait\",\"time_ns\":100,\"pid\":7},"
		"{\"seq\":1,\"type\":\"wait\",\"time_ns\":9223372036854775807,"
		"\"start_ns\":-9223372036854775807,\"pid\":7},"
		"{\"seq\":2,\"type\":\"wait\",\"time_ns\":1,\"start_ns\":50,\"pid\":8,\"tgid\":7},"
		"{\"seq\":3,\"type\":\"future-thing\",\"time_ns\":1},"
		"{\"seq\":4,\"type\":\"hwrng-register\",\"time_ns\":40,\"name\":\"x\"},"
		"{\"seq\":5,\"type\":\"hwrng-register\",\"time_ns\":50,\"name\":\"y\"}]}", &s);

	REQUIRE(t);
	CHECK_INT(s.credit_bits[RNGTRACE_SOURCE_UNKNOWN], 3);
	CHECK_INT(s.credit_total, 9223372036854775807LL);
	CHECK_INT(s.ready, 1);
	CHECK_INT(s.ready_before_load, 1);
	CHECK_INT(s.events_dropped, 9);
	CHECK_INT(s.nhwrng, 1);
	CHECK_STR(s.hwrng_current, "a");	/* from hwrngs[]: host has none */
	CHECK_INT(s.hwrng_first_register_ns, 40);
	CHECK_STR(s.hwrng_first_register_name, "x");
	REQUIRE(s.nwaits == 3);
	CHECK_INT(s.waits[0].wait_ns, 9223372036854775807LL);
	CHECK_INT(s.waits[1].wait_ns, 0);
	CHECK_INT(s.waits[2].wait_ns, 0);	/* ended before it started */
	CHECK_INT(s.total_wait_ns, 9223372036854775807LL);
	CHECK_INT(s.nblocked, 1);		/* all tgid 7 */
	rt_summary_free(&s);
	json_decref(t);
}

static void test_not_an_object(void)
{
	struct rt_summary s;
	char err[128] = "";
	json_t *a = json_array();

	CHECK_INT(rt_summarize(a, &s, err, sizeof(err)), -1);
	CHECK_CONTAINS(err, "not a JSON object");
	json_decref(a);
}

/*
 * The architecture: host.arch when recorded, whatever the release says;
 * in an older trace, x86 when it has x86's cpuinfo flags, else the
 * release's flavour. cpu_rng: host's, else x86's RDRAND or RDSEED.
 */
static void test_arch(void)
{
	static const struct {
		const char *host;
		enum rt_arch arch;
		const char *recorded;
		int cpu_rng;
	} c[] = {
		{ "{\"arch\":\"aarch64\",\"kernel_release\":\"6.1.0-50-amd64\",\"cpu_rng\":true}",
		  RT_ARCH_ARM64, "aarch64", 1 },
		{ "{\"arch\":\"x86_64\",\"kernel_release\":\"6.1.0-50-arm64\",\"cpu_rng\":false,"
		  "\"cpu_rdrand\":true}", RT_ARCH_X86, "x86_64", 0 },
		{ "{\"arch\":\"riscv64\",\"kernel_release\":\"6.12.38-custom\",\"cpu_rng\":true}",
		  RT_ARCH_RISCV, "riscv64", 1 },
		{ "{\"arch\":\"ppc64le\",\"cpu_rng\":false}", RT_ARCH_OTHER, "ppc64le", 0 },
		/* older traces */
		{ "{\"kernel_release\":\"6.12.117+deb13-riscv64\"}", RT_ARCH_RISCV, "", 0 },
		{ "{\"kernel_release\":\"6.1.0-50-arm64\"}", RT_ARCH_ARM64, "", 0 },
		{ "{\"kernel_release\":\"6.6.31+rpt-rpi-v8\"}", RT_ARCH_ARM64, "", 0 },
		{ "{\"kernel_release\":\"6.6.31+rpt-rpi-v7\"}", RT_ARCH_ARM, "", 0 },
		{ "{\"kernel_release\":\"6.1.0-50-amd64\"}", RT_ARCH_X86, "", 0 },
		{ "{\"kernel_release\":\"6.9.0-custom\",\"cpu_rdrand\":true}", RT_ARCH_X86, "", 1 },
		{ "{\"kernel_release\":\"6.9.0-custom\",\"cpu_rdrand\":false,\"cpu_rdseed\":true}",
		  RT_ARCH_X86, "", 1 },
		{ "{\"kernel_release\":\"6.9.0-custom\"}", RT_ARCH_UNKNOWN, "", 0 },
		{ "{}", RT_ARCH_UNKNOWN, "", 0 },
	};
	char text[512];
	size_t i;

	CHECK_INT(rt_arch_of_machine("x86_64"), RT_ARCH_X86);
	CHECK_INT(rt_arch_of_machine("i686"), RT_ARCH_X86);
	CHECK_INT(rt_arch_of_machine("aarch64"), RT_ARCH_ARM64);
	CHECK_INT(rt_arch_of_machine("aarch64_be"), RT_ARCH_ARM64);
	CHECK_INT(rt_arch_of_machine("riscv64"), RT_ARCH_RISCV);
	CHECK_INT(rt_arch_of_machine("armv7l"), RT_ARCH_ARM);
	CHECK_INT(rt_arch_of_machine("s390x"), RT_ARCH_OTHER);
	CHECK_INT(rt_arch_of_machine("i6860"), RT_ARCH_OTHER);
	CHECK_INT(rt_arch_of_machine(""), RT_ARCH_UNKNOWN);
	CHECK_STR(rt_arch_cpu_rng_name(RT_ARCH_X86), "RDRAND");
	CHECK_STR(rt_arch_cpu_rng_name(RT_ARCH_ARM64), "RNDR (FEAT_RNG)");
	CHECK_STR(rt_arch_cpu_rng_name(RT_ARCH_RISCV), "Zkr seed CSR");
	CHECK_STR(rt_arch_cpu_rng_name(RT_ARCH_ARM), "CPU RNG");
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct rt_summary s;
		json_t *t;

		snprintf(text, sizeof(text), HEAD "\"host\":%s,\"module\":{\"load_time_ns\":5,"
			 "\"ready_at_load\":false},\"events\":[],\"credits\":[]}", c[i].host);
		t = loads(text, &s);
		REQUIRE(t);
		if (s.arch_id != c[i].arch || s.cpu_rng != c[i].cpu_rng ||
		    strcmp(s.arch, c[i].recorded))
			rt_test_fail(__FILE__, __LINE__, "%s: arch %d \"%s\", cpu_rng %d",
				     c[i].host, s.arch_id, s.arch, s.cpu_rng);
		rt_summary_free(&s);
		json_decref(t);
	}
}

/* The credit probe's misses, so that the report can say the totals are short. */
static void test_credits_missed(void)
{
	struct rt_summary s;
	json_t *t = loads(HEAD "\"host\":{},\"module\":{\"load_time_ns\":5,"
			  "\"ready_at_load\":false,\"probes\":["
			  "{\"symbol\":\"__x64_sys_getrandom\",\"nmissed\":7},"
			  "{\"symbol\":\"_credit_init_bits.part.0\",\"nmissed\":3}]},"
			  "\"events\":[],\"credits\":[]}", &s);

	REQUIRE(t);
	CHECK_INT(s.credits_missed, 3);
	rt_summary_free(&s);
	json_decref(t);
	t = loads(HEAD "\"host\":{},\"module\":{\"load_time_ns\":5,"
		  "\"ready_at_load\":false},\"events\":[],\"credits\":[]}", &s);
	REQUIRE(t);
	CHECK_INT(s.credits_missed, 0);
	rt_summary_free(&s);
	json_decref(t);
}

static const struct rt_test summary_tests[] = {
	{ "summary: the credit probe's misses", test_credits_missed },
	{ "summary: qemu64 stall", test_qemu64_stall },
	{ "summary: ready before load", test_ready_before_load },
	{ "summary: virtio-rng", test_virtio_rng },
	{ "summary: trust_cpu=off, ioctl credit", test_trust_cpu_off_and_ioctl },
	{ "summary: unseeded reads", test_unseeded },
	{ "summary: random.trust_cpu= as the kernel parses it", test_trust_cpu_cmdline },
	{ "summary: minimal trace, defaults", test_minimal },
	{ "summary: the architecture, recorded or inferred, and its CPU RNG", test_arch },
	{ "summary: odd values saturate, never overflow", test_odd_values },
	{ "summary: not an object", test_not_an_object },
	{ NULL, NULL },
};

RT_SUITE(summary_tests)
