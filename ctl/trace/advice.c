// SPDX-License-Identifier: GPL-2.0
/*
 * The advice rules (advice.h). Each rule is a pure function of the
 * summary: whether it fires, and its text. Stall advice needs a stall:
 * when the CRNG was ready before the module loaded, or nobody waited,
 * there is nothing to fix (no-rdrand-in-vm also fires on a slow ready).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/random.h>
#include <linux/rngtrace.h>

#include "advice.h"
#include "arch.h"
#include "cmdline.h"
#include "utf8.h"


int rt_summary_stalled(const struct rt_summary *s)
{
	return !s->ready_before_load && s->nwaits > 0;
}

int rt_summary_slow(const struct rt_summary *s)
{
	if (s->ready_before_load)
		return 0;
	return !s->ready || s->ready_ns > RT_ADVICE_SLOW_READY_NS;
}

static int has_hwrng(const struct rt_summary *s)
{
	return s->nhwrng > 0 || *s->hwrng_current ||
	       s->hwrng_first_register_ns >= 0 || s->hwrng_bits > 0;
}

/* A group that had a GRND_NONBLOCK read refused with -EAGAIN before ready. */
static int polled_early(const struct rt_summary *s,
			const struct rt_unseeded_group *g)
{
	/* (flags not known: -EAGAIN before ready is GRND_NONBLOCK's) */
	if ((g->flags >= 0 && !(g->flags & GRND_NONBLOCK)) || !g->eagain)
		return 0;
	if (s->ready && !s->ready_before_load && s->ready_ns >= 0)
		return g->first_eagain_ns <= s->ready_ns;
	return 1;
}

static int no_rdrand_in_vm(const struct rt_summary *s)
{
	return s->hypervisor && !s->cpu_rdrand &&
	       (rt_summary_stalled(s) || rt_summary_slow(s));
}

/* Its fix is a virtio-rng device: only for a VM. */
static int no_hwrng(const struct rt_summary *s)
{
	return s->hypervisor && !has_hwrng(s) && rt_summary_stalled(s);
}

static int trust_cpu_off(const struct rt_summary *s)
{
	return s->trust_cpu_off && s->cpu_rng;
}

static int hwrng_late(const struct rt_summary *s)
{
	long long reg = s->hwrng_first_register_ns;

	if (reg < 0 || !rt_summary_stalled(s))
		return 0;
	if (s->first_wait_start_ns >= 0 && reg > s->first_wait_start_ns)
		return 1;
	/* reg - load_ns, without overflow on a hostile trace */
	return reg > s->load_ns &&
	       (__builtin_sub_overflow(reg, s->load_ns, &reg) ||
		reg > RT_ADVICE_LATE_HWRNG_NS);
}

static int seed_not_credited(const struct rt_summary *s)
{
	return s->credit_bits[RNGTRACE_SOURCE_IOCTL] <= 0 &&
	       s->credit_events_ioctl == 0 && rt_summary_stalled(s);
}

static int insecure_consumer(const struct rt_summary *s)
{
	size_t i;

	for (i = 0; i < s->nunseeded_groups; i++)
		if (polled_early(s, &s->unseeded[i]))
			return 1;
	return 0;
}

/*
 * A board's or a microVM's kernel: one whose boot seed comes from a device
 * tree or EFI rather than from a CPU instruction VMs hide. The summary's
 * architecture is the trace's host.arch, or in an older trace the one its
 * kernel release's flavour names (6.1.0-50-arm64).
 */
static int devicetree_kernel(const struct rt_summary *s)
{
	return rt_arch_boot_seeded(s->arch_id);
}

/* Whether the command line sets the boolean @param to false (cmdline.h). */
static int cmdline_false(const struct rt_summary *s, const char *param)
{
	return s->cmdline && !rt_cmdline_bool(s->cmdline, param, true);
}

static int trust_bootloader_off(const struct rt_summary *s)
{
	return cmdline_false(s, "random.trust_bootloader") &&
	       (rt_summary_stalled(s) || rt_summary_slow(s));
}

/* A board with no seed from its bootloader (and none refused by the cmdline). */
static int no_boot_seed(const struct rt_summary *s)
{
	return devicetree_kernel(s) &&
	       s->credit_bits[RNGTRACE_SOURCE_BOOTLOADER] <= 0 &&
	       !cmdline_false(s, "random.trust_bootloader") &&
	       (rt_summary_stalled(s) || rt_summary_slow(s));
}

/* The first hwrng that credited nothing, registered with quality 0. */
static const struct rt_hwrng_info *untrusted_hwrng(const struct rt_summary *s)
{
	size_t i;

	for (i = 0; i < s->nhwrng; i++)
		if (s->hwrngs[i].quality == 0 && s->hwrngs[i].bits <= 0)
			return &s->hwrngs[i];
	return NULL;
}

static int hwrng_untrusted(const struct rt_summary *s)
{
	return untrusted_hwrng(s) && s->hwrng_bits <= 0 &&
	       (rt_summary_stalled(s) || rt_summary_slow(s));
}

/* "...while the CPU has an RNG instruction (RDRAND)": the architecture's name. */
static void text_trust_cpu_off(const struct rt_summary *s, const char *fixed,
			       char *buf, size_t len)
{
	snprintf(buf, len, fixed, rt_arch_cpu_rng_name(s->arch_id));
}

static void text_fixed(const struct rt_summary *s, const char *fixed,
		       char *buf, size_t len)
{
	(void)s;
	snprintf(buf, len, "%s", fixed);
}

/* The comms that polled, each once, in the order they first did. */
static void text_insecure(const struct rt_summary *s, const char *fixed,
			  char *buf, size_t len)
{
	const char *named[3];
	char comms[160] = "";
	size_t i, j, n = 0;

	for (i = 0; i < s->nunseeded_groups; i++) {
		const struct rt_unseeded_group *g = &s->unseeded[i];
		const char *comm = *g->comm ? g->comm : "a task";
		size_t used = strlen(comms);

		if (!polled_early(s, g))
			continue;
		/* named already (strings are interned: one pointer each) */
		for (j = 0; j < n && strcmp(named[j], comm); j++)
			;
		if (j < n)
			continue;
		if (n == 3) {
			rt_snprintf_cut(comms + used, sizeof(comms) - used,
					" and others");
			break;
		}
		/* raw: the outputs escape the advice as any untrusted text */
		rt_snprintf_cut(comms + used, sizeof(comms) - used, "%s%s",
				n ? ", " : "", comm);
		named[n++] = comm;
	}
	rt_snprintf_cut(buf, len, "%s %s", comms, fixed);
}

static void text_hwrng_untrusted(const struct rt_summary *s, const char *fixed,
				 char *buf, size_t len)
{
	const struct rt_hwrng_info *h = untrusted_hwrng(s);

	rt_snprintf_cut(buf, len, "hwrng %s %s",
			h && *h->name ? h->name : "(unnamed)", fixed);
}

struct rule {
	const char *id;
	int (*fires)(const struct rt_summary *s);
	void (*text)(const struct rt_summary *s, const char *fixed,
		     char *buf, size_t len);
	const char *fixed;
};

static const struct rule rules[] = {
	{ "no-rdrand-in-vm", no_rdrand_in_vm, text_fixed,
	  "the VM's CPU model hides RDRAND: use `-cpu host` or a model with rdrand (QEMU), `<cpu mode='host-passthrough'/>` (libvirt)" },
	{ "no-hwrng", no_hwrng, text_fixed,
	  "add a virtio-rng device: QEMU `-device virtio-rng-pci` (with `-object rng-random,filename=/dev/urandom,id=rng0`), libvirt `<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>`" },
	{ "trust-cpu-off", trust_cpu_off, text_trust_cpu_off,
	  "random.trust_cpu=off is on the kernel command line while the CPU has an RNG instruction (%s); drop it (or set CONFIG_RANDOM_TRUST_CPU / random.trust_cpu=on)" },
	{ "hwrng-late", hwrng_late, text_fixed,
	  "virtio-rng registered late: build virtio_rng into the initramfs (add virtio_rng to /etc/initramfs-tools/modules) or the kernel" },
	{ "seed-not-credited", seed_not_credited, text_fixed,
	  "no userspace seed was credited: enable systemd-random-seed.service with SYSTEMD_RANDOM_SEED_CREDIT=1 (or credit the seed file) so the stored seed counts" },
	{ "insecure-consumer", insecure_consumer, text_insecure,
	  "polled getrandom(GRND_NONBLOCK) before the CRNG was ready; if it does not need cryptographic randomness, GRND_INSECURE serves it at once" },
	{ "no-boot-seed", no_boot_seed, text_fixed,
	  "the bootloader passed no seed: have it put an `rng-seed` property of at least 32 bytes into the device tree's /chosen node (QEMU's virt machine does unless `dtb-randomness=off`), or boot through EFI firmware with EFI_RNG_PROTOCOL; the kernel credits either while random.trust_bootloader is on (the default)" },
	{ "trust-bootloader-off", trust_bootloader_off, text_fixed,
	  "random.trust_bootloader=off is on the kernel command line: the device tree's rng-seed or the EFI seed is mixed in but not credited; drop it (or set random.trust_bootloader=on)" },
	{ "hwrng-untrusted", hwrng_untrusted, text_hwrng_untrusted,
	  "is registered with quality 0: the kernel reads it but credits nothing; if the device is trustworthy, give it a quality with rng_core.default_quality=1024 on the kernel command line" },
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

const char * const rt_advice_ids[] = {
	"no-rdrand-in-vm", "no-hwrng", "trust-cpu-off", "hwrng-late",
	"seed-not-credited", "insecure-consumer", "no-boot-seed",
	"trust-bootloader-off", "hwrng-untrusted", NULL,
};

_Static_assert(sizeof(rt_advice_ids) / sizeof(rt_advice_ids[0]) == NRULES + 1,
	       "rt_advice_ids and rules[] differ");

size_t rt_advise(const struct rt_summary *s, struct rt_advice *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < NRULES; i++) {
		if (!rules[i].fires(s))
			continue;
		if (n < max) {
			out[n].id = rules[i].id;
			rules[i].text(s, rules[i].fixed, out[n].text,
				      sizeof(out[n].text));
		}
		n++;
	}
	return n;
}

int rt_advice_fires(const char *id, const struct rt_summary *s)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (!strcmp(rules[i].id, id))
			return rules[i].fires(s);
	return -1;
}
