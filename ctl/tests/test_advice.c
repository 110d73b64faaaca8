// SPDX-License-Identifier: GPL-2.0
/*
 * The advice rules, each firing and not firing: on the r-* fixtures, and
 * on summaries built here for the edges.
 */
#include <stdio.h>
#include <string.h>

#include <linux/rngtrace.h>

#include "advice.h"
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

/* Whether rule @id fires on fixture @name: 1, 0, or -2 if it did not load. */
static int fires_on(const char *id, const char *name)
{
	struct rt_summary s;
	char err[512];
	json_t *t = rt_trace_load(fixture(name), err, sizeof(err));
	int r;

	if (!t) {
		fprintf(stderr, "# %s\n", err);
		return -2;
	}
	if (rt_summarize(t, &s, err, sizeof(err))) {
		fprintf(stderr, "# %s\n", err);
		json_decref(t);
		return -2;
	}
	r = rt_advice_fires(id, &s);
	rt_summary_free(&s);
	json_decref(t);
	return r;
}

static const char * const all_fixtures[] = {
	"r-qemu64-stall.json", "r-cpumax-ready-before-load.json",
	"r-virtio-rng.json", "r-trust-cpu-off.json", "r-late-virtio-rng.json",
	"r-seed-missing.json", "r-nonblock-consumer.json",
	"r-arm64-no-seed.json", "r-riscv64-zkr-trust-cpu-off.json", NULL,
};

/* @id fires on exactly the fixtures in @yes. */
static void expect(const char *id, const char * const *yes)
{
	size_t i, j;

	for (i = 0; all_fixtures[i]; i++) {
		int want = 0, got;

		for (j = 0; yes[j]; j++)
			if (!strcmp(yes[j], all_fixtures[i]))
				want = 1;
		got = fires_on(id, all_fixtures[i]);
		if (got != want)
			rt_test_fail(__FILE__, __LINE__, "%s on %s: %d, expected %d",
				     id, all_fixtures[i], got, want);
	}
}

static void test_no_rdrand_in_vm_fixtures(void)
{
	static const char * const yes[] = {
		"r-qemu64-stall.json", "r-late-virtio-rng.json", NULL };

	expect("no-rdrand-in-vm", yes);
}

static void test_no_hwrng_fixtures(void)
{
	static const char * const yes[] = { "r-qemu64-stall.json", NULL };

	expect("no-hwrng", yes);
}

static void test_trust_cpu_off_fixtures(void)
{
	static const char * const yes[] = {
		"r-trust-cpu-off.json", "r-riscv64-zkr-trust-cpu-off.json", NULL };

	expect("trust-cpu-off", yes);
}

static void test_hwrng_late_fixtures(void)
{
	static const char * const yes[] = { "r-late-virtio-rng.json", NULL };

	expect("hwrng-late", yes);
}

static void test_seed_not_credited_fixtures(void)
{
	static const char * const yes[] = {
		"r-qemu64-stall.json", "r-late-virtio-rng.json",
		"r-seed-missing.json", "r-arm64-no-seed.json",
		"r-riscv64-zkr-trust-cpu-off.json", NULL };

	expect("seed-not-credited", yes);
}

static void test_insecure_consumer_fixtures(void)
{
	static const char * const yes[] = { "r-nonblock-consumer.json", NULL };

	expect("insecure-consumer", yes);
}

/* A stalled VM without RDRAND or hwrng, which the edits below vary. */
static struct rt_wait_info one_wait = {
	.pid = 10, .tgid = 10, .comm = "sshd", .cgroup = "", .unit = "",
	.path = "getrandom", .start_ns = 800 * MS, .end_ns = 1500 * MS,
	.wait_ns = 700 * MS,
};

static void base(struct rt_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->kernel_release = s->arch = s->boot_id = s->cmdline = "";
	s->ready_source = s->hwrng_current = s->hwrng_first_register_name = "";
	s->hypervisor = 1;
	s->ready = 1;
	s->ready_ns = 1500 * MS;
	s->load_ns = 300 * MS;
	s->waits = &one_wait;
	s->nwaits = 1;
	s->nblocked = 1;
	s->worst_wait_ns = s->total_wait_ns = one_wait.wait_ns;
	s->first_wait_start_ns = one_wait.start_ns;
	s->hwrng_first_register_ns = -1;
}

static void test_no_rdrand_in_vm_edges(void)
{
	struct rt_summary s;

	base(&s);
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 1);
	s.cpu_rdrand = 1;
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 0);
	base(&s);
	s.hypervisor = 0;
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 0);
	/* nobody waited, but ready took more than a second */
	base(&s);
	s.nwaits = 0;
	s.ready_ns = 1200 * MS;
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 1);
	s.ready_ns = 900 * MS;
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 0);
	/* never ready */
	s.ready = 0;
	s.ready_ns = -1;
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 1);
	/* ready before load: nothing to fix, waits or not */
	base(&s);
	s.ready_before_load = 1;
	s.ready_ns = 5000 * MS;
	CHECK_INT(rt_advice_fires("no-rdrand-in-vm", &s), 0);
}

static void test_no_hwrng_edges(void)
{
	struct rt_summary s;

	base(&s);
	CHECK_INT(rt_advice_fires("no-hwrng", &s), 1);
	s.hwrng_current = "virtio_rng.0";
	CHECK_INT(rt_advice_fires("no-hwrng", &s), 0);
	base(&s);
	s.hwrng_bits = 8;
	CHECK_INT(rt_advice_fires("no-hwrng", &s), 0);
	base(&s);
	s.nhwrng = 1;
	CHECK_INT(rt_advice_fires("no-hwrng", &s), 0);
	base(&s);
	s.nwaits = 0;
	CHECK_INT(rt_advice_fires("no-hwrng", &s), 0);
}

static void test_trust_cpu_off_edges(void)
{
	struct rt_summary s;

	base(&s);
	s.trust_cpu_off = 1;
	CHECK_INT(rt_advice_fires("trust-cpu-off", &s), 0);	/* no CPU RNG */
	s.cpu_rng = 1;
	CHECK_INT(rt_advice_fires("trust-cpu-off", &s), 1);
	s.trust_cpu_off = 0;
	CHECK_INT(rt_advice_fires("trust-cpu-off", &s), 0);
}

/* trust-cpu-off names the architecture's RNG instruction. */
static void test_trust_cpu_off_text(void)
{
	static const struct { enum rt_arch arch; const char *name; } c[] = {
		{ RT_ARCH_X86, "an RNG instruction (RDRAND);" },
		{ RT_ARCH_ARM64, "an RNG instruction (RNDR (FEAT_RNG));" },
		{ RT_ARCH_RISCV, "an RNG instruction (Zkr seed CSR);" },
		{ RT_ARCH_UNKNOWN, "an RNG instruction (CPU RNG);" },
	};
	struct rt_advice adv[8];
	struct rt_summary s;
	size_t i, j, n;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		base(&s);
		s.trust_cpu_off = s.cpu_rng = 1;
		s.arch_id = c[i].arch;
		n = rt_advise(&s, adv, 8);
		for (j = 0; j < n && j < 8 && strcmp(adv[j].id, "trust-cpu-off"); j++)
			;
		REQUIRE(j < n && j < 8);
		CHECK_CONTAINS(adv[j].text, c[i].name);
		CHECK_CONTAINS(adv[j].text, "random.trust_cpu=off is on the kernel command line");
	}
}

static void test_hwrng_late_edges(void)
{
	struct rt_summary s;

	base(&s);
	CHECK_INT(rt_advice_fires("hwrng-late", &s), 0);	/* none */
	s.hwrng_first_register_ns = 900 * MS;	/* after the first wait began */
	CHECK_INT(rt_advice_fires("hwrng-late", &s), 1);
	s.hwrng_first_register_ns = 700 * MS;	/* before, within a second */
	CHECK_INT(rt_advice_fires("hwrng-late", &s), 0);
	s.first_wait_start_ns = 2000 * MS;
	s.hwrng_first_register_ns = 1400 * MS;	/* before it, 1.1 s after load */
	CHECK_INT(rt_advice_fires("hwrng-late", &s), 1);
	s.nwaits = 0;				/* but nobody waited */
	CHECK_INT(rt_advice_fires("hwrng-late", &s), 0);
}

static void test_seed_not_credited_edges(void)
{
	struct rt_summary s;

	base(&s);
	CHECK_INT(rt_advice_fires("seed-not-credited", &s), 1);
	s.credit_bits[RNGTRACE_SOURCE_IOCTL] = 256;
	CHECK_INT(rt_advice_fires("seed-not-credited", &s), 0);
	base(&s);
	s.credit_events_ioctl = 1;
	CHECK_INT(rt_advice_fires("seed-not-credited", &s), 0);
	base(&s);
	s.ready_before_load = 1;
	CHECK_INT(rt_advice_fires("seed-not-credited", &s), 0);
}

static void test_insecure_consumer_edges(void)
{
	struct rt_unseeded_group u[2] = {
		{ .pid = 5, .tgid = 5, .first_ns = 400 * MS, .flags = 1,
		  .first_result = -11, .count = 1, .eagain = 1,
		  .first_eagain_ns = 400 * MS,
		  .comm = "python3", .unit = "", .path = "getrandom", .cgroup = "" },
		{ .pid = 6, .tgid = 6, .first_ns = 450 * MS, .flags = 1,
		  .first_result = -11, .count = 1, .eagain = 1,
		  .first_eagain_ns = 450 * MS,
		  .comm = "node", .unit = "", .path = "getrandom", .cgroup = "" },
	};
	struct rt_advice adv[8];
	struct rt_summary s;
	size_t n, i;

	base(&s);
	s.nwaits = 0;
	s.ready_ns = 800 * MS;
	s.hypervisor = 0;
	s.unseeded = u;
	s.nunseeded_groups = 2;
	s.nunseeded = 2;
	CHECK_INT(rt_advice_fires("insecure-consumer", &s), 1);
	n = rt_advise(&s, adv, 8);
	REQUIRE(n == 1);
	CHECK_STR(adv[0].id, "insecure-consumer");
	CHECK_CONTAINS(adv[0].text, "python3, node polled getrandom(GRND_NONBLOCK)");
	CHECK_CONTAINS(adv[0].text, "GRND_INSECURE");

	u[0].eagain = u[1].eagain = 0;	/* served: not refused */
	CHECK_INT(rt_advice_fires("insecure-consumer", &s), 0);
	u[0].eagain = u[1].eagain = 1;
	u[0].flags = u[1].flags = 0;	/* not GRND_NONBLOCK */
	CHECK_INT(rt_advice_fires("insecure-consumer", &s), 0);
	u[0].flags = u[1].flags = 1;
	s.ready_ns = 100 * MS;		/* after ready: not this rule's case */
	CHECK_INT(rt_advice_fires("insecure-consumer", &s), 0);
	for (i = 0; i < 2; i++)
		u[i].first_eagain_ns = 50 * MS;
	CHECK_INT(rt_advice_fires("insecure-consumer", &s), 1);
}

/* One comm polling many times is named once. */
static void test_insecure_text_dedup(void)
{
	struct rt_summary s;
	struct rt_advice adv[8];
	char err[512];
	json_t *t = rt_trace_load(fixture("r-nonblock-consumer.json"), err, sizeof(err));
	size_t n;

	REQUIRE(t);
	REQUIRE(!rt_summarize(t, &s, err, sizeof(err)));
	n = rt_advise(&s, adv, 8);
	REQUIRE(n == 1);
	CHECK_STR(adv[0].text, "python3 polled getrandom(GRND_NONBLOCK) before the CRNG was ready; if it does not need cryptographic randomness, GRND_INSECURE serves it at once");
	rt_summary_free(&s);
	json_decref(t);
}

/*
 * The board rules fire on none of the amd64 fixtures. no-boot-seed fires
 * on the arm64 and the riscv64 ones: the riscv64 kernel's release
 * (6.12.38-custom) names no architecture, its host.arch does.
 */
static void test_board_rules_fixtures(void)
{
	static const char * const none[] = { NULL };
	static const char * const boards[] = {
		"r-arm64-no-seed.json", "r-riscv64-zkr-trust-cpu-off.json", NULL };

	expect("no-boot-seed", boards);
	expect("trust-bootloader-off", none);
	expect("hwrng-untrusted", none);
}

static void test_no_boot_seed_edges(void)
{
	struct rt_summary s;

	base(&s);
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 0);	/* arch unknown */
	s.arch_id = RT_ARCH_X86;
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 0);
	s.arch_id = RT_ARCH_OTHER;
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 0);
	s.arch_id = RT_ARCH_ARM;
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 1);
	s.arch_id = RT_ARCH_RISCV;
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 1);
	s.arch_id = RT_ARCH_ARM64;
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 1);
	s.credit_bits[RNGTRACE_SOURCE_BOOTLOADER] = 256;	/* a seed came */
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 0);
	s.credit_bits[RNGTRACE_SOURCE_BOOTLOADER] = 0;
	s.cmdline = "quiet random.trust_bootloader=off";	/* the other rule's */
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 0);
	s.cmdline = "";
	s.ready_before_load = 1;				/* no stall */
	CHECK_INT(rt_advice_fires("no-boot-seed", &s), 0);
}

static void test_trust_bootloader_off_edges(void)
{
	static const struct { const char *cmdline; int fires; } c[] = {
		{ "random.trust_bootloader=off", 1 },
		{ "console=ttyAMA0 random.trust_bootloader=0 quiet", 1 },
		{ "random.trust_bootloader=n", 1 },
		{ "random.trust_bootloader=on", 0 },
		{ "random.trust_bootloader=off random.trust_bootloader=1", 0 },
		/* read as the kernel's kstrtobool() reads it (cmdline.h) */
		{ "random.trust_bootloader=Off", 1 },
		{ "random.trust_bootloader=oFF", 1 },
		{ "random.trust_bootloader=No", 1 },
		/* a bad value is ignored: the earlier one stands */
		{ "random.trust_bootloader=n random.trust_bootloader=maybe", 1 },
		{ "random.trust_bootloader=off random.trust_bootloader=", 1 },
		{ "xrandom.trust_bootloader=off", 0 },
		{ "random.trust_bootloaderx=off", 0 },
		{ "random.trust_cpu=off", 0 },
		{ "", 0 },
	};
	struct rt_summary s;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		base(&s);
		s.cmdline = c[i].cmdline;
		if (rt_advice_fires("trust-bootloader-off", &s) != c[i].fires)
			rt_test_fail(__FILE__, __LINE__, "'%s': expected %d",
				     c[i].cmdline, c[i].fires);
	}
	base(&s);
	s.cmdline = "random.trust_bootloader=off";
	s.ready_before_load = 1;
	CHECK_INT(rt_advice_fires("trust-bootloader-off", &s), 0);
}

static void test_hwrng_untrusted_edges(void)
{
	struct rt_hwrng_info h = { .name = "rockchip", .quality = 0 };
	struct rt_advice adv[12];
	struct rt_summary s;
	size_t n, i;

	base(&s);
	CHECK_INT(rt_advice_fires("hwrng-untrusted", &s), 0);	/* no hwrng */
	s.hwrngs = &h;
	s.nhwrng = 1;
	CHECK_INT(rt_advice_fires("hwrng-untrusted", &s), 1);
	n = rt_advise(&s, adv, 12);
	for (i = 0; i < n && strcmp(adv[i].id, "hwrng-untrusted"); i++)
		;
	REQUIRE(i < n);
	CHECK_CONTAINS(adv[i].text, "hwrng rockchip ");
	CHECK_CONTAINS(adv[i].text, "rng_core.default_quality=");
	h.quality = 1000;				/* trusted */
	CHECK_INT(rt_advice_fires("hwrng-untrusted", &s), 0);
	h.quality = 0;
	h.bits = 64;					/* credited after all */
	CHECK_INT(rt_advice_fires("hwrng-untrusted", &s), 0);
	h.bits = 0;
	s.ready_before_load = 1;			/* no stall */
	CHECK_INT(rt_advice_fires("hwrng-untrusted", &s), 0);
}

/* No stall advice when ready before load, or nobody waited and fast. */
static void test_no_advice(void)
{
	static const char * const quiet[] = {
		"r-cpumax-ready-before-load.json", "r-virtio-rng.json", NULL };
	size_t i;

	for (i = 0; quiet[i]; i++) {
		struct rt_summary s;
		struct rt_advice adv[8];
		char err[512];
		json_t *t = rt_trace_load(fixture(quiet[i]), err, sizeof(err));
		size_t n;

		REQUIRE(t);
		REQUIRE(!rt_summarize(t, &s, err, sizeof(err)));
		n = rt_advise(&s, adv, 8);
		if (n)
			rt_test_fail(__FILE__, __LINE__, "%s: %zu advice, first %s",
				     quiet[i], n, adv[0].id);
		rt_summary_free(&s);
		json_decref(t);
	}
}

/* The texts name the fix concretely. */
static void test_texts(void)
{
	static const struct { const char *id, *needle; } want[] = {
		{ "no-rdrand-in-vm", "-cpu host" },
		{ "no-rdrand-in-vm", "host-passthrough" },
		{ "no-hwrng", "-device virtio-rng-pci" },
		{ "no-hwrng", "<rng model='virtio'>" },
		{ "seed-not-credited", "SYSTEMD_RANDOM_SEED_CREDIT=1" },
	};
	static const struct { const char *id, *needle; } board[] = {
		{ "no-boot-seed", "`rng-seed`" },
		{ "no-boot-seed", "at least 32 bytes" },
		{ "no-boot-seed", "EFI_RNG_PROTOCOL" },
		{ "no-boot-seed", "random.trust_bootloader" },
		{ "trust-bootloader-off", "random.trust_bootloader=on" },
	};
	struct rt_advice adv[8];
	struct rt_summary s;
	size_t n, i, j;

	base(&s);
	n = rt_advise(&s, adv, 8);
	CHECK_INT(n, 3);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		for (j = 0; j < n && j < 8; j++)
			if (!strcmp(adv[j].id, want[i].id))
				break;
		if (j == n) {
			rt_test_fail(__FILE__, __LINE__, "%s did not fire", want[i].id);
			continue;
		}
		CHECK_CONTAINS(adv[j].text, want[i].needle);
	}
	/* out of room: still counts them all */
	CHECK_INT(rt_advise(&s, adv, 1), 3);
	CHECK_STR(adv[0].id, "no-rdrand-in-vm");

	/* a board: arm64, not a VM that says so, no seed */
	for (i = 0; i < sizeof(board) / sizeof(board[0]); i++) {
		base(&s);
		s.hypervisor = 0;
		s.arch_id = RT_ARCH_ARM64;
		if (!strcmp(board[i].id, "trust-bootloader-off"))
			s.cmdline = "random.trust_bootloader=off";
		n = rt_advise(&s, adv, 8);
		for (j = 0; j < n && j < 8; j++)
			if (!strcmp(adv[j].id, board[i].id))
				break;
		if (j == n) {
			rt_test_fail(__FILE__, __LINE__, "%s did not fire", board[i].id);
			continue;
		}
		CHECK_CONTAINS(adv[j].text, board[i].needle);
	}
}

static void test_ids(void)
{
	struct rt_summary s;
	size_t i;

	base(&s);
	for (i = 0; rt_advice_ids[i]; i++)
		CHECK(rt_advice_fires(rt_advice_ids[i], &s) >= 0);
	CHECK_INT(i, 9);
	CHECK_INT(rt_advice_fires("no-such-rule", &s), -1);
}

static const struct rt_test advice_tests[] = {
	{ "advice: no-rdrand-in-vm on the fixtures", test_no_rdrand_in_vm_fixtures },
	{ "advice: no-hwrng on the fixtures", test_no_hwrng_fixtures },
	{ "advice: trust-cpu-off on the fixtures", test_trust_cpu_off_fixtures },
	{ "advice: hwrng-late on the fixtures", test_hwrng_late_fixtures },
	{ "advice: seed-not-credited on the fixtures", test_seed_not_credited_fixtures },
	{ "advice: insecure-consumer on the fixtures", test_insecure_consumer_fixtures },
	{ "advice: no-rdrand-in-vm edges", test_no_rdrand_in_vm_edges },
	{ "advice: no-hwrng edges", test_no_hwrng_edges },
	{ "advice: trust-cpu-off edges", test_trust_cpu_off_edges },
	{ "advice: trust-cpu-off names the architecture's RNG", test_trust_cpu_off_text },
	{ "advice: hwrng-late edges", test_hwrng_late_edges },
	{ "advice: seed-not-credited edges", test_seed_not_credited_edges },
	{ "advice: insecure-consumer edges", test_insecure_consumer_edges },
	{ "advice: insecure-consumer names each comm once", test_insecure_text_dedup },
	{ "advice: board rules on the fixtures", test_board_rules_fixtures },
	{ "advice: no-boot-seed edges", test_no_boot_seed_edges },
	{ "advice: trust-bootloader-off edges", test_trust_bootloader_off_edges },
	{ "advice: hwrng-untrusted edges", test_hwrng_untrusted_edges },
	{ "advice: none when ready before load or nobody waited", test_no_advice },
	{ "advice: texts name the fix", test_texts },
	{ "advice: ids", test_ids },
	{ NULL, NULL },
};

RT_SUITE(advice_tests)
