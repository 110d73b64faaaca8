// SPDX-License-Identifier: GPL-2.0
/*
 * host.c's parsers on sample text: /proc/cpuinfo, /dev/kmsg records, the
 * hw_random lists, and the host object from a made-up /proc and /sys.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "harness.h"
#include "host.h"

static const char cpuinfo_max[] =
	"processor\t: 0\n"
	"vendor_id\t: AuthenticAMD\n"
	"model name\t: QEMU TCG CPU version 2.5+\n"
	"flags\t\t: fpu vme de pse tsc msr pae rdrand hypervisor lahf_lm rdseed adx\n"
	"\n"
	"processor\t: 1\n"
	"model name\t: Another CPU\n"
	"flags\t\t: fpu\n";

static const char cpuinfo_qemu64[] =
	"processor\t: 0\n"
	"model name\t: QEMU Virtual CPU version 2.5+\n"
	"flags\t\t: fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx lm rep_good nopl xtopology cpuid tsc_known_freq pni cx16 x2apic hypervisor lahf_lm cmp_legacy 3dnowprefetch vmmcall\n";

/* Words that contain the flags' names must not count as them. */
static const char cpuinfo_lookalike[] =
	"model name\t: Made Up\n"
	"flags\t\t: rdrandx xrdseed nohypervisor\n";

/* arm64, QEMU -cpu cortex-a57 (no FEAT_RNG) and -cpu max (FEAT_RNG). */
static const char cpuinfo_a57[] =
	"processor\t: 0\n"
	"BogoMIPS\t: 125.00\n"
	"Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid\n"
	"CPU implementer\t: 0x41\n"
	"CPU architecture: 8\n"
	"CPU variant\t: 0x1\n"
	"CPU part\t: 0xd07\n"
	"CPU revision\t: 0\n"
	"\n"
	"processor\t: 1\n"
	"BogoMIPS\t: 125.00\n"
	"Features\t: fp asimd rng\n";	/* another CPU's: not the first */

static const char cpuinfo_arm64_max[] =
	"processor\t: 0\n"
	"BogoMIPS\t: 125.00\n"
	"Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma lrcpc dcpop sha3 sm3 sm4 asimddp sha512 sve asimdfhm dit uscat ilrcpc flagm sb paca pacg dcpodp sve2 sveaes svepmull svebitperm svesha3 svesm4 flagm2 frint svei8mm svebf16 i8mm bf16 dgh rng bti ecv afp wfxt\n"
	"CPU implementer\t: 0x00\n"
	"CPU architecture: 8\n";

/* riscv64, QEMU's rv64 (no Zkr) and -cpu max (Zkr); "hart isa" is not "isa". */
static const char cpuinfo_rv64[] =
	"processor\t: 0\n"
	"hart\t\t: 0\n"
	"isa\t\t: rv64imafdch_zicbom_zicboz_zicntr_zicsr_zifencei_zihintntl_zihintpause_zihpm_zawrs_zfa_zca_zcd_zba_zbb_zbc_zbs_sstc_svadu\n"
	"mmu\t\t: sv57\n"
	"hart isa\t: rv64imafdch_zkr\n";

static const char cpuinfo_rv64_max[] =
	"processor\t: 0\n"
	"hart\t\t: 0\n"
	"isa\t\t: rv64imafdch_zicbom_zicsr_zifencei_zbkb_zbkc_zbkx_zknd_zkne_zknh_zkr_zksed_zksh_zkt_sstc\n"
	"mmu\t\t: sv57\n";

/* Words that contain the extensions' names must not count as them. */
static const char cpuinfo_rv64_lookalike[] =
	"isa\t\t: rv64imafdc_zkrx_xzkr_zkn\n";
static const char cpuinfo_arm64_lookalike[] =
	"Features\t: fp rngx xrng\n";

static int parse_text(const char *text, struct rt_cpuinfo *ci)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	if (!f)
		return -2;
	ret = rt_cpuinfo_parse(f, ci);
	fclose(f);
	return ret;
}

static void t_cpuinfo_max(void)
{
	struct rt_cpuinfo ci;

	REQUIRE(parse_text(cpuinfo_max, &ci) == 0);
	CHECK_STR(ci.model, "QEMU TCG CPU version 2.5+");
	CHECK(ci.has_flags);
	CHECK(ci.rdrand);
	CHECK(ci.rdseed);
	CHECK(ci.hypervisor);
}

static void t_cpuinfo_qemu64(void)
{
	struct rt_cpuinfo ci;

	REQUIRE(parse_text(cpuinfo_qemu64, &ci) == 0);
	CHECK_STR(ci.model, "QEMU Virtual CPU version 2.5+");
	CHECK(!ci.rdrand);
	CHECK(!ci.rdseed);
	CHECK(ci.hypervisor);
}

static void t_cpuinfo_lookalike(void)
{
	struct rt_cpuinfo ci;

	REQUIRE(parse_text(cpuinfo_lookalike, &ci) == 0);
	CHECK(ci.has_flags);
	CHECK(!ci.rdrand);
	CHECK(!ci.rdseed);
	CHECK(!ci.hypervisor);
}

static void t_cpuinfo_x86_rng(void)
{
	struct rt_cpuinfo ci;

	REQUIRE(parse_text(cpuinfo_max, &ci) == 0);
	CHECK(ci.has_rng && ci.rng);
	REQUIRE(parse_text(cpuinfo_qemu64, &ci) == 0);
	CHECK(ci.has_rng && !ci.rng);
}

static void t_cpuinfo_arm64(void)
{
	struct rt_cpuinfo ci;

	REQUIRE(parse_text(cpuinfo_a57, &ci) == 0);
	CHECK(ci.has_rng);
	CHECK(!ci.rng);
	CHECK(!ci.has_flags && !ci.rdrand && !ci.hypervisor);
	CHECK_STR(ci.model, "");
	REQUIRE(parse_text(cpuinfo_arm64_max, &ci) == 0);
	CHECK(ci.has_rng && ci.rng);
	CHECK(!ci.has_flags);
	REQUIRE(parse_text(cpuinfo_arm64_lookalike, &ci) == 0);
	CHECK(ci.has_rng && !ci.rng);
}

static void t_cpuinfo_riscv64(void)
{
	struct rt_cpuinfo ci;

	REQUIRE(parse_text(cpuinfo_rv64, &ci) == 0);
	CHECK(ci.has_rng);
	CHECK(!ci.rng);
	CHECK(!ci.has_flags);
	REQUIRE(parse_text(cpuinfo_rv64_max, &ci) == 0);
	CHECK(ci.has_rng && ci.rng);
	REQUIRE(parse_text(cpuinfo_rv64_lookalike, &ci) == 0);
	CHECK(ci.has_rng && !ci.rng);
	/* Zk is Zkn, Zkr and Zkt; the last extension, upper case */
	REQUIRE(parse_text("isa\t\t: rv64imac_zicsr_zk\n", &ci) == 0);
	CHECK(ci.rng);
	REQUIRE(parse_text("isa\t\t: rv64imac_ZKR\n", &ci) == 0);
	CHECK(ci.rng);
}

static void t_cpuinfo_empty(void)
{
	struct rt_cpuinfo ci;

	CHECK_INT(parse_text("\n", &ci), -1);
}

static void t_kmsg_parse(void)
{
	static const char rec[] =
		"6,339,5140900,-;random: crng init done\n"
		" SUBSYSTEM=random\n";
	char text[64];
	uint64_t usec = 0;

	REQUIRE(rt_kmsg_parse(rec, strlen(rec), &usec, text, sizeof(text)) == 0);
	CHECK_U64(usec, 5140900);
	CHECK_STR(text, "random: crng init done");
	/* With the continuation flag and a caller field. */
	REQUIRE(rt_kmsg_parse("4,12,42,c,caller=T1;rngtrace: x", 31, &usec,
			      text, sizeof(text)) == 0);
	CHECK_U64(usec, 42);
	CHECK_STR(text, "rngtrace: x");
	/* Cut to the buffer, not overrun. */
	REQUIRE(rt_kmsg_parse(rec, strlen(rec), &usec, text, 7) == 0);
	CHECK_STR(text, "random");
	CHECK_INT(rt_kmsg_parse("no semicolon", 12, &usec, text, sizeof(text)), -1);
	CHECK_INT(rt_kmsg_parse("6,x,y;text", 10, &usec, text, sizeof(text)), -1);
}

static void t_kmsg_wanted(void)
{
	CHECK(rt_kmsg_wanted("random: crng init done"));
	CHECK(rt_kmsg_wanted("rngtrace: version 0.1.0 loaded"));
	CHECK(!rt_kmsg_wanted("virtio_blk virtio1: [vda] 131072 512-byte logical blocks"));
	CHECK(!rt_kmsg_wanted("randomly: not it"));
	/* EFI's, as drivers/firmware/efi/efi.c prints them: a seed or not */
	CHECK(rt_kmsg_wanted("efi: EFI v2.7 by EDK II"));
	CHECK(rt_kmsg_wanted("efi: SMBIOS=0x7f9a9000 ACPI=0x7fb7e000 ACPI 2.0=0x7fb7e014 RNG=0x7e6b0f98 MEMRESERVE=0x7e6aff18 "));
	CHECK(rt_kmsg_wanted("efi: RNG=0x7e6b0f98 "));
	CHECK(!rt_kmsg_wanted("efi: SMBIOS=0x7f9a9000 ACPI=0x7fb7e000 MEMATTR=0x7e6b1018 "));
	CHECK(!rt_kmsg_wanted("efi: Remove mem42: MMIO range=[0xffc00000-0xffffffff] (4MB) from e820 map"));
}

/* A SOCK_SEQPACKET pair keeps the record boundaries /dev/kmsg has. */
static void t_kmsg_read(void)
{
	static const char * const recs[] = {
		"6,1,1000,-;Linux version 6.1.0-56-amd64\n",
		"5,2,2157472,-;rngtrace: loading out-of-tree module taints kernel.\n",
		"5,3,3240327,-;random: crng init done\n SUBSYSTEM=random\n",
		"6,4,3300000,-;Run /init as init process\n",
	};
	json_t *a, *l;
	size_t i;
	int sv[2];

	REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	for (i = 0; i < 4; i++)
		REQUIRE(write(sv[0], recs[i], strlen(recs[i])) == (ssize_t)strlen(recs[i]));
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	a = rt_kmsg_read(sv[1], 42894200);
	close(sv[0]);
	close(sv[1]);
	REQUIRE(a);
	REQUIRE(json_array_size(a) == 2);
	l = json_array_get(a, 0);
	CHECK_STR(json_string_value(json_object_get(l, "text")),
		  "rngtrace: loading out-of-tree module taints kernel.");
	CHECK_INT(json_integer_value(json_object_get(l, "time_ns")),
		  2157472000LL + 42894200);
	l = json_array_get(a, 1);
	CHECK_STR(json_string_value(json_object_get(l, "text")),
		  "random: crng init done");
	CHECK_INT(rt_kmsg_ready_ns(a), 3240327000LL + 42894200);
	json_decref(a);
}

static void t_kmsg_no_ready(void)
{
	json_t *a = json_pack("[{s:I, s:s}]", "time_ns", (json_int_t)5,
			      "text", "random: something else");

	REQUIRE(a);
	CHECK_INT(rt_kmsg_ready_ns(a), RT_KMSG_NONE);
	json_decref(a);
}

static void t_words(void)
{
	json_t *a = rt_words_json("virtio_rng.0 tpm-rng-0 \n");

	REQUIRE(a);
	REQUIRE(json_array_size(a) == 2);
	CHECK_STR(json_string_value(json_array_get(a, 0)), "virtio_rng.0");
	CHECK_STR(json_string_value(json_array_get(a, 1)), "tpm-rng-0");
	json_decref(a);
	a = rt_words_json("");
	REQUIRE(a);
	CHECK_INT(json_array_size(a), 0);
	json_decref(a);
}

static void write_file(const char *root, const char *path, const char *text)
{
	char name[512], cmd[600];
	FILE *f;

	snprintf(name, sizeof(name), "%s%s", root, path);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", name);
	if (system(cmd))
		rt_test_fail(__FILE__, __LINE__, "%s failed", cmd);
	f = fopen(name, "w");
	if (!f) {
		rt_test_fail(__FILE__, __LINE__, "cannot create %s", name);
		return;
	}
	fputs(text, f);
	fclose(f);
}

static void t_host_json(void)
{
	char root[] = "/tmp/rt-host-XXXXXX", cmd[64];
	struct utsname u;
	json_t *h, *a;

	REQUIRE(uname(&u) == 0);
	REQUIRE(mkdtemp(root));
	write_file(root, "/proc/cmdline", "BOOT_IMAGE=/vmlinuz random.trust_cpu=off\n");
	write_file(root, "/proc/sys/kernel/random/boot_id",
		   "1e14c4fe-8486-404a-9c43-7a6c90181f3e\n");
	write_file(root, "/proc/cpuinfo", cpuinfo_max);
	write_file(root, "/sys/class/misc/hw_random/rng_available",
		   "virtio_rng.0\n");
	write_file(root, "/sys/class/misc/hw_random/rng_current",
		   "virtio_rng.0\n");
	h = rt_host_json(root);
	REQUIRE(h);
	CHECK(json_is_string(json_object_get(h, "kernel_release")));
	CHECK_STR(json_string_value(json_object_get(h, "cmdline")),
		  "BOOT_IMAGE=/vmlinuz random.trust_cpu=off");
	CHECK_STR(json_string_value(json_object_get(h, "boot_id")),
		  "1e14c4fe-8486-404a-9c43-7a6c90181f3e");
	CHECK_STR(json_string_value(json_object_get(h, "cpu_model")),
		  "QEMU TCG CPU version 2.5+");
	CHECK(json_is_true(json_object_get(h, "cpu_rdrand")));
	CHECK(json_is_true(json_object_get(h, "cpu_rdseed")));
	CHECK(json_is_true(json_object_get(h, "cpu_rng")));
	CHECK(json_is_true(json_object_get(h, "hypervisor")));
	CHECK_STR(json_string_value(json_object_get(h, "arch")), u.machine);
	a = json_object_get(h, "hwrng_available");
	REQUIRE(json_array_size(a) == 1);
	CHECK_STR(json_string_value(json_array_get(a, 0)), "virtio_rng.0");
	CHECK_STR(json_string_value(json_object_get(h, "hwrng_current")),
		  "virtio_rng.0");
	json_decref(h);

	/* "none" is no current source: the field is absent. */
	write_file(root, "/sys/class/misc/hw_random/rng_current", "none\n");
	h = rt_host_json(root);
	REQUIRE(h);
	CHECK(!json_object_get(h, "hwrng_current"));
	json_decref(h);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

/* An arm64 and a riscv64 /proc/cpuinfo: cpu_rng, and no x86 flags. */
static void t_host_json_arm64_riscv64(void)
{
	static const struct { const char *cpuinfo; bool rng; } c[] = {
		{ cpuinfo_a57, false }, { cpuinfo_arm64_max, true },
		{ cpuinfo_rv64, false }, { cpuinfo_rv64_max, true },
	};
	char root[] = "/tmp/rt-host-XXXXXX", cmd[64];
	size_t i;

	REQUIRE(mkdtemp(root));
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		json_t *h;

		write_file(root, "/proc/cpuinfo", c[i].cpuinfo);
		h = rt_host_json(root);
		REQUIRE(h);
		CHECK(json_is_boolean(json_object_get(h, "cpu_rng")));
		CHECK(json_is_true(json_object_get(h, "cpu_rng")) == c[i].rng);
		CHECK(!json_object_get(h, "cpu_rdrand"));
		CHECK(!json_object_get(h, "cpu_rdseed"));
		CHECK(!json_object_get(h, "hypervisor"));
		CHECK(!json_object_get(h, "cpu_model"));
		json_decref(h);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

/* Nothing readable: only what uname() says. */
static void t_host_json_missing(void)
{
	json_t *h = rt_host_json("/nonexistent-rngtrace-root");

	REQUIRE(h);
	CHECK(!json_object_get(h, "cmdline"));
	CHECK(!json_object_get(h, "cpu_rdrand"));
	CHECK(!json_object_get(h, "cpu_rng"));
	CHECK(json_is_string(json_object_get(h, "arch")));
	CHECK(!json_object_get(h, "hwrng_available"));
	CHECK(json_is_string(json_object_get(h, "kernel_release")));
	json_decref(h);
}

static const struct rt_test host_tests[] = {
	{ "host: cpuinfo of -cpu max: model, rdrand, rdseed, hypervisor", t_cpuinfo_max },
	{ "host: cpuinfo of -cpu qemu64: no rdrand, no rdseed", t_cpuinfo_qemu64 },
	{ "host: cpuinfo flags are whole words", t_cpuinfo_lookalike },
	{ "host: cpuinfo of x86: rdrand or rdseed is the CPU's RNG", t_cpuinfo_x86_rng },
	{ "host: cpuinfo of arm64: rng in Features (FEAT_RNG)", t_cpuinfo_arm64 },
	{ "host: cpuinfo of riscv64: zkr in isa", t_cpuinfo_riscv64 },
	{ "host: cpuinfo without anything usable", t_cpuinfo_empty },
	{ "host: a /dev/kmsg record's time and text", t_kmsg_parse },
	{ "host: the kmsg lines kept", t_kmsg_wanted },
	{ "host: kmsg records read, kept, on the events' timeline", t_kmsg_read },
	{ "host: no crng init done line, no time", t_kmsg_no_ready },
	{ "host: rng_available's words", t_words },
	{ "host: the host object from /proc and /sys", t_host_json },
	{ "host: the host object of arm64 and riscv64 cpuinfo", t_host_json_arm64_riscv64 },
	{ "host: the host object with nothing to read", t_host_json_missing },
	{ NULL, NULL }
};

RT_SUITE(host_tests)
