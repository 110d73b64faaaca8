// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF backend (bpfbackend.h), on libbpf: the programs of
 * ctl/bpf/rngtrace.bpf.c, built into this binary as a skeleton, attached
 * as kprobes to the functions the module probes (their names from
 * /proc/kallsyms: a clone where the compiler made one), their events read
 * from the ring buffer and turned into the module's.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <linux/rngtrace.h>

#include "bootevents.h"
#include "bpfbackend.h"
#include "bpfevent.h"
#include "host.h"
#include "bpfkretprobe.h"
#include "names.h"
#include "rngtrace.skel.h"
#include "status.h"
#include "tracefs.h"

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define RT_ERESTARTSYS	512
#define RT_ERESTART_RESTARTBLOCK 516
#define CRNG_READY	2

/* A text symbol of the running kernel, for a credit's caller. */
struct ksym {
	uint64_t addr;
	char *name;
};

/* The functions probed, by the module's names for them. */
enum { F_CREDIT, F_SET_READY, F_RESEED, F_GETRANDOM, F_RANDOM_READ, F_URANDOM_READ,
       F_KERNEL_WAIT, F_CALLS_END,
       F_HWRNG_REGISTER = F_CALLS_END, F_HWRNG_UNREGISTER, F_HWRNG_FEED, F_N };

static const struct {
	const char *name;
	bool required;
} funcs[F_N] = {
	[F_CREDIT] = { "_credit_init_bits", true },
	[F_SET_READY] = { "crng_set_ready", false },
	/* (READY's credit where crng_init has no address) */
	[F_RESEED] = { "crng_reseed", false },
	[F_GETRANDOM] = { NULL, true },		/* the arch's wrapper, or sys_getrandom */
	[F_RANDOM_READ] = { "random_read_iter", false },
	[F_URANDOM_READ] = { "urandom_read_iter", false },
	[F_KERNEL_WAIT] = { "wait_for_random_bytes", true },
	/* (the hw_random core's: absent where it is a module) */
	[F_HWRNG_REGISTER] = { "hwrng_register", false },
	[F_HWRNG_UNREGISTER] = { "hwrng_unregister", false },
	[F_HWRNG_FEED] = { "add_hwgenerator_randomness", false },
};

struct rt_bpf {
	struct rngtrace_bpf *skel;
	struct ring_buffer *rb;
	struct bpf_link *links[24];
	size_t nlinks;
	/* the calls' kretprobes' tracefs events (bpfkretprobe.h), by F_ */
	char kret[F_CALLS_END][64];
	int return_instances;		/* RT_WAIT_MAXACTIVE, or 0: the kernel's default */
	char return_note[320];		/* why the kernel's default, or "" */
	struct ksym *syms;
	size_t nsyms;
	char fname[F_N][256];		/* the kernel's name for each */
	bool wrapped;			/* getrandom() has a pt_regs wrapper */
	struct rt_event *ev;
	size_t nev, cap;
	bool ready, saw_set_ready, failed;
	uint64_t set_ready_ns;
	uint64_t flight[64];		/* the waits in flight: their pid_tgid */
	size_t nflight, flight_lost;	/* (more than 64: counted, not listed) */
	uint64_t ends_missed;		/* in flight long after READY: ends lost */
	/*
	 * The tasks already waiting when the programs were attached (their
	 * call's entry came before): found by their kernel stacks, watched
	 * until they leave wait_for_random_bytes().
	 */
	struct early {
		uint32_t pid, tgid, path;
		char comm[16], cgroup[200];
		bool done;
		uint64_t end_ns;
	} early[32];
	size_t nearly;
	uint64_t attached_ns, disarmed_ns;
	char attach_how[16];		/* "fentry" (the calls) or "kprobe" */
	char fallback[400];		/* why kprobes, or "" */
	char ready_by[256];		/* "crng_init" or crng_reseed's name */
	struct rt_event *open;
	size_t nopen;
	/*
	 * The hardware RNGs registered while recording, and a nameless one
	 * before them (registered before the attach: sysfs names it) for
	 * what is fed while none of ours is current: as the module keeps
	 * them (kmod/hwrng.c).
	 */
	struct rt_hwrng hwrngs[RT_STATUS_MAX_HWRNGS];
	size_t nhwrngs;
};

/* The getrandom() syscall's entry of this machine's architecture. */
static const char *syscall_name(void)
{
	struct utsname u;

	if (uname(&u))
		return NULL;
	if (!strcmp(u.machine, "x86_64"))
		return "__x64_sys_getrandom";
	if (!strcmp(u.machine, "aarch64"))
		return "__arm64_sys_getrandom";
	if (!strcmp(u.machine, "riscv64"))
		return "__riscv_sys_getrandom";
	return NULL;
}

static void find_early(struct rt_bpf *b);

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* A function's name: itself, else a clone (never a .cold part). */
static void note_name(char *dst, size_t len, const char *name, const char *fn)
{
	size_t n = strlen(fn);

	if (!strcmp(name, fn))
		snprintf(dst, len, "%s", name);
	else if (!dst[0] && !strncmp(name, fn, n) && name[n] == '.' &&
		 !strstr(name + n, ".cold"))
		snprintf(dst, len, "%s", name);
}

/*
 * /proc/kallsyms, root's (kptr_restrict): with @keep its text symbols
 * (the credits' callers, named once the recording is over), else only
 * the probed functions' names and crng_init's address (before the load:
 * quickly, as the boot goes on).
 */
static int read_kallsyms(struct rt_bpf *b, const char *syscall, bool keep,
			 uint64_t *crng_init, char *err, size_t errlen)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	char line[512];
	size_t cap = 0, i;
	bool bare = false, any = false;

	*crng_init = 0;
	if (!f) {
		snprintf(err, errlen, "cannot read /proc/kallsyms: %s", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p, *name, type;
		unsigned long long addr = strtoull(line, &p, 16);
		size_t len;

		if (p == line || p[0] != ' ' || !p[1] || p[2] != ' ')
			continue;
		type = p[1];
		name = p + 3;
		len = strcspn(name, " \t\n");
		/*
		 * A module's ("\t[module]"): only the hw_random core's
		 * functions, which 5.10 builds as a module (rng_core).
		 */
		if (name[len] != '\n' && name[len] != '\0') {
			name[len] = 0;
			if (!keep && (type == 't' || type == 'T'))
				for (i = F_HWRNG_REGISTER; i < F_HWRNG_FEED; i++)
					note_name(b->fname[i], sizeof(b->fname[i]), name,
						  funcs[i].name);
			continue;
		}
		name[len] = 0;
		any |= addr != 0;
		/* (a data symbol; 7.x's kallsyms types it 't', as input_pool) */
		if (!strcmp(name, "crng_init")) {
			*crng_init = addr;
			continue;
		}
		if (type != 't' && type != 'T')
			continue;
		if (keep) {
			if (b->nsyms == cap) {
				struct ksym *n = realloc(b->syms, (cap = cap ? cap * 2 : 65536) *
							 sizeof(*n));

				if (!n)
					goto nomem;
				b->syms = n;
			}
			b->syms[b->nsyms].addr = addr;
			b->syms[b->nsyms].name = strdup(name);
			if (!b->syms[b->nsyms].name)
				goto nomem;
			b->nsyms++;
			continue;
		}
		for (i = 0; i < F_N; i++)
			note_name(b->fname[i], sizeof(b->fname[i]), name,
				  funcs[i].name ? funcs[i].name : syscall);
		bare |= !strcmp(name, "sys_getrandom");
	}
	fclose(f);
	if (!any) {
		snprintf(err, errlen, "/proc/kallsyms shows no addresses (not root, or kptr_restrict)");
		return -1;
	}
	if (keep) {
		qsort(b->syms, b->nsyms, sizeof(*b->syms), by_addr);
		return 0;
	}
	/* (riscv64 before 6.6 has no syscall wrappers) */
	b->wrapped = b->fname[F_GETRANDOM][0] != 0;
	if (!b->wrapped && bare)
		snprintf(b->fname[F_GETRANDOM], sizeof(b->fname[F_GETRANDOM]), "sys_getrandom");
	return 0;
nomem:
	fclose(f);
	snprintf(err, errlen, "out of memory");
	return -1;
}

static const char *ksym_name(const struct rt_bpf *b, uint64_t addr)
{
	size_t lo = 0, hi = b->nsyms;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (b->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? b->syms[lo - 1].name : "";
}

static struct rt_event *ev_add(struct rt_bpf *b)
{
	if (b->nev == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		struct rt_event *n = realloc(b->ev, cap * sizeof(*n));

		if (!n) {
			b->failed = true;
			return NULL;
		}
		b->ev = n;
		b->cap = cap;
	}
	memset(&b->ev[b->nev], 0, sizeof(b->ev[0]));
	return &b->ev[b->nev++];
}

static void ev_task(struct rt_event *e, const struct rt_bpf_event *x)
{
	e->has_pid = e->has_tgid = true;
	e->pid = x->pid;
	e->tgid = x->tgid;
	snprintf(e->comm, sizeof(e->comm), "%.*s", (int)sizeof(x->comm), x->comm);
	/* the cgroup's id until rt_bpf_result() resolves it */
	snprintf(e->cgroup, sizeof(e->cgroup), "#%llu", (unsigned long long)x->cgroup);
}

static long user_result(long long ret)
{
	if (ret <= -RT_ERESTARTSYS && ret >= -RT_ERESTART_RESTARTBLOCK)
		return -EINTR;
	return (long)ret;
}

static void flight_end(struct rt_bpf *b, uint64_t id)
{
	size_t i;

	for (i = 0; i < b->nflight; i++)
		if (b->flight[i] == id) {
			b->flight[i] = b->flight[--b->nflight];
			return;
		}
	if (b->flight_lost)
		b->flight_lost--;
}

static struct rt_hwrng *hwrng_find(struct rt_bpf *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nhwrngs; i++)
		if (!strcmp(b->hwrngs[i].name, name))
			return &b->hwrngs[i];
	return NULL;
}

/* The core prefers the highest quality (kmod/hwrng.c, the same rule). */
static void hwrng_pick_current(struct rt_bpf *b)
{
	struct rt_hwrng *best = NULL;
	size_t i;

	for (i = 0; i < b->nhwrngs; i++) {
		if (b->hwrngs[i].name[0] &&
		    (!best || b->hwrngs[i].quality > best->quality))
			best = &b->hwrngs[i];
		b->hwrngs[i].current = false;
	}
	if (best)
		best->current = true;
}

static void hwrng_update(struct rt_bpf *b, const struct rt_event *e)
{
	struct rt_hwrng *h = hwrng_find(b, e->name);

	if (e->type == RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER) {
		if (h)
			*h = b->hwrngs[--b->nhwrngs];
	} else {
		if (!h && b->nhwrngs < N(b->hwrngs))
			h = &b->hwrngs[b->nhwrngs++];
		if (h) {
			memset(h, 0, sizeof(*h));
			snprintf(h->name, sizeof(h->name), "%s", e->name);
			h->quality = e->quality;
			h->has_registered = true;
			h->registered_ns = e->time_ns;
		}
	}
	hwrng_pick_current(b);
}

static void hwrng_feed(struct rt_bpf *b, uint64_t bytes, uint32_t bits)
{
	struct rt_hwrng *h = NULL;
	size_t i;

	for (i = 0; i < b->nhwrngs && !h; i++)
		if (b->hwrngs[i].current)
			h = &b->hwrngs[i];
	if (!h) {
		h = hwrng_find(b, "");
		if (!h && b->nhwrngs < N(b->hwrngs)) {
			h = &b->hwrngs[b->nhwrngs++];
			memset(h, 0, sizeof(*h));
			h->before_load = true;
		}
	}
	if (h) {
		h->feeds++;
		h->bytes += bytes;
		h->bits += bits;
	}
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct rt_bpf *b = ctx;
	const struct rt_bpf_event *x = data;
	struct rt_event *e;

	if (size < sizeof(*x))
		return 0;
	switch (x->type) {
	case RT_BPF_CREDIT:
		if (x->ready_before >= CRNG_READY)
			return 0;	/* after READY: the module's are off too */
		e = ev_add(b);
		if (!e)
			return -1;
		e->has_type = e->has_time = e->has_source = e->has_bits = true;
		e->type = RNGTRACE_EVENT_TYPE_CREDIT;
		e->time_ns = x->start_ns;
		e->bits = x->bits;
		/* the caller's address: named when the recording is over */
		snprintf(e->caller, sizeof(e->caller), "0x%llx",
			 (unsigned long long)x->caller);
		ev_task(e, x);	/* (kept for ioctl credits only, once named) */
		if (x->ready_after >= CRNG_READY && !b->ready) {
			struct rt_event *rd = ev_add(b);

			if (!rd)
				return -1;
			*rd = b->ev[b->nev - 2];
			rd->type = RNGTRACE_EVENT_TYPE_READY;
			rd->has_evidence = true;
			rd->evidence = RNGTRACE_READY_EVIDENCE_COMPLETER;
			rd->has_return = true;
			rd->return_ns = x->time_ns;
			b->ready = true;
		}
		return 0;
	case RT_BPF_SET_READY:
		if (!b->saw_set_ready) {
			b->saw_set_ready = true;
			b->set_ready_ns = x->time_ns;
		}
		return 0;
	case RT_BPF_CALL_BEGIN:
		if (b->nflight < N(b->flight))
			b->flight[b->nflight++] = (uint64_t)x->tgid << 32 | x->pid;
		else
			b->flight_lost++;
		return 0;
	case RT_BPF_HWRNG_REGISTER:
	case RT_BPF_HWRNG_UNREGISTER:
		e = ev_add(b);
		if (!e)
			return -1;
		e->has_type = e->has_time = e->has_quality = true;
		e->type = x->type == RT_BPF_HWRNG_REGISTER ?
			  RNGTRACE_EVENT_TYPE_HWRNG_REGISTER :
			  RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER;
		e->time_ns = x->time_ns;
		e->quality = x->quality;
		snprintf(e->name, sizeof(e->name), "%.*s", (int)sizeof(x->name), x->name);
		hwrng_update(b, e);
		return 0;
	case RT_BPF_HWRNG_FEED:
		hwrng_feed(b, x->bytes, x->bits);
		return 0;
	case RT_BPF_CALL:
		flight_end(b, (uint64_t)x->tgid << 32 | x->pid);
		e = ev_add(b);
		if (!e)
			return -1;
		e->has_type = e->has_time = e->has_path = e->has_flags = true;
		e->has_bytes = e->has_result = true;
		e->path = x->path;
		e->flags = x->flags;
		e->bytes = x->bytes;
		e->result = user_result(x->result);
		ev_task(e, x);
		if (x->kind == RT_BPF_KIND_WAIT ||
		    (x->kind == RT_BPF_KIND_URANDOM && x->ready_after >= CRNG_READY)) {
			e->type = RNGTRACE_EVENT_TYPE_WAIT;
			e->has_start = true;
			e->start_ns = x->start_ns;
			e->time_ns = x->time_ns;
		} else {
			e->type = RNGTRACE_EVENT_TYPE_UNSEEDED;
			e->time_ns = x->start_ns;
		}
		if (e->path == RNGTRACE_PATH_KERNEL)
			e->has_flags = e->has_bytes = false;
		return 0;
	}
	return 0;
}

static const char *lockdown_mode(void)
{
	static char buf[128];
	FILE *f = fopen("/sys/kernel/security/lockdown", "re");
	char *open, *close;

	if (!f)
		return NULL;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	open = strchr(buf, '[');
	close = open ? strchr(open, ']') : NULL;
	if (!close)
		return NULL;
	*close = 0;
	return open + 1;
}

/* RNGTRACE_BPF_DEBUG: how long each step of the load took, on stderr. */
static void stage(const char *what)
{
	static uint64_t t0;
	uint64_t now = rt_boottime_ns();

	if (getenv("RNGTRACE_BPF_DEBUG"))
		fprintf(stderr, "rngtrace: bpf: %s: %.3f s\n", what,
			t0 ? (now - t0) / 1e9 : 0.0);
	t0 = now;
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	const char *debug = getenv("RNGTRACE_BPF_DEBUG");

	/* RNGTRACE_BPF_DEBUG=1: libbpf's warnings; 2: all it says */
	if (!debug || (level != LIBBPF_WARN && strcmp(debug, "2")))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/*
 * The return of a call that may wait, with RT_WAIT_MAXACTIVE instances
 * (bpfkretprobe.h); else libbpf's, with the kernel's default number, and
 * return_note says why.
 */
static struct bpf_link *attach_call_return(struct rt_bpf *b, struct bpf_program *p, int fn)
{
	static const char * const names[F_CALLS_END] = {
		[F_GETRANDOM] = "getrandom_ret", [F_RANDOM_READ] = "random_read_ret",
		[F_URANDOM_READ] = "urandom_read_ret", [F_KERNEL_WAIT] = "kernel_wait_ret",
	};
	struct bpf_link *l;

	l = rt_kretprobe_attach(p, b->fname[fn], names[fn], RT_WAIT_MAXACTIVE,
				b->kret[fn], sizeof(b->kret[fn]));
	if (l)
		return l;
	if (!b->return_note[0])
		snprintf(b->return_note, sizeof(b->return_note),
			 "cannot make a tracefs kprobe event for %s's return (%s): its kretprobe has the kernel's default instances, max(10, 2 x CPUs); more calls waiting at once lose their ends",
			 b->fname[fn], errno == ENOENT ? "tracefs is not mounted" : strerror(errno));
	b->return_instances = 0;
	return bpf_program__attach_kprobe(p, true, b->fname[fn]);
}

static int attach(struct rt_bpf *b, struct bpf_program *p, bool ret, int fn,
		  char *err, size_t errlen)
{
	struct bpf_link *l;

	if (!b->fname[fn][0])
		return 0;	/* (an optional one the kernel lacks) */
	if (ret && fn >= F_GETRANDOM && fn < F_CALLS_END)
		l = attach_call_return(b, p, fn);
	else
		l = bpf_program__attach_kprobe(p, ret, b->fname[fn]);
	if (!l) {
		snprintf(err, errlen, "cannot attach a %s to %s: %s",
			 ret ? "kretprobe" : "kprobe", b->fname[fn], strerror(errno));
		return -1;
	}
	b->links[b->nlinks++] = l;
	return 0;
}

/* The calls' programs, each way. */
struct call_progs {
	struct bpf_program *entry, *ret, *fentry, *fexit;
	int fn;
};

static void call_progs(const struct rt_bpf *b, struct call_progs *c)
{
	struct rngtrace_bpf *k = b->skel;

	c[0] = (struct call_progs){ b->wrapped ? k->progs.getrandom_wrapped :
				    k->progs.getrandom_bare, k->progs.getrandom_exit,
				    k->progs.getrandom_fentry, k->progs.getrandom_fexit,
				    F_GETRANDOM };
	c[1] = (struct call_progs){ k->progs.random_read, k->progs.read_exit,
				    k->progs.random_read_fentry, k->progs.random_read_fexit,
				    F_RANDOM_READ };
	c[2] = (struct call_progs){ k->progs.urandom_read, k->progs.read_exit,
				    k->progs.urandom_read_fentry, k->progs.urandom_read_fexit,
				    F_URANDOM_READ };
	c[3] = (struct call_progs){ k->progs.kernel_wait, k->progs.kernel_wait_exit,
				    k->progs.kernel_wait_fentry, k->progs.kernel_wait_fexit,
				    F_KERNEL_WAIT };
}

/* Whether @btf has an enum with the value @name. */
static bool btf_has_enumerator(const struct btf *btf, const char *name)
{
	__u32 id, n = btf__type_cnt(btf);

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_enum *e;
		__u16 i;

		if (!btf_is_enum(t))
			continue;
		e = btf_enum(t);
		for (i = 0; i < btf_vlen(t); i++)
			if (!strcmp(btf__name_by_offset(btf, e[i].name_off), name))
				return true;
	}
	return false;
}

/*
 * Whether the kernel preempts tasks in kernel code: how that is known
 * (for record.bpf.fallback), else NULL. There a task preempted inside an
 * fentry or fexit program (each spinlock's unlock in a map update is a
 * preemption point) makes the next task to enter that program on that
 * CPU skip it, by the kernel's per-program recursion check (x86_64 7.3,
 * lazy: 2-3 of record_test's 3 children's getrandom() entries skipped);
 * kprobe programs run with preemption off. The mode: debugfs's where it
 * can be read (not under lockdown), else the kernel's version string,
 * else (PREEMPT_DYNAMIC: the mode chosen at boot) preempt= on its command
 * line, else lazy where the kernel knows lazy preemption (6.13 and
 * later): Debian's 7.x kernels boot in it.
 */
static const char *preempt_mode(const struct btf *btf)
{
	static char mode[16], said[64];
	char line[512], *p;
	FILE *f;
	struct utsname u;

	f = fopen("/sys/kernel/debug/sched/preempt", "re");
	if (f) {
		/* "none voluntary full (lazy)": the chosen one in () */
		bool got = fgets(line, sizeof(line), f) &&
			   (p = strchr(line, '(')) && sscanf(p, "(%15[a-z])", mode) == 1;

		fclose(f);
		if (got) {
			snprintf(said, sizeof(said), "%s, debugfs's sched/preempt", mode);
			return strcmp(mode, "none") && strcmp(mode, "voluntary") ? said : NULL;
		}
	}
	if (uname(&u))
		return NULL;
	if (strstr(u.version, "PREEMPT_RT"))
		return "PREEMPT_RT in its version";
	if (strstr(u.version, "PREEMPT_LAZY"))
		return "PREEMPT_LAZY in its version";
	if (!strstr(u.version, "PREEMPT_DYNAMIC"))
		return strstr(u.version, "PREEMPT ") ? "PREEMPT in its version" : NULL;
	f = fopen("/proc/cmdline", "re");
	if (f) {
		bool got = fgets(line, sizeof(line), f) &&
			   (p = strstr(line, "preempt=")) &&
			   (p == line || p[-1] == ' ') &&
			   sscanf(p, "preempt=%15[a-z]", mode) == 1;

		fclose(f);
		if (got) {
			snprintf(said, sizeof(said), "preempt=%s", mode);
			return strcmp(mode, "none") && strcmp(mode, "voluntary") ? said : NULL;
		}
	}
	return btf_has_enumerator(btf, "preempt_dynamic_lazy") ?
	       "PREEMPT_DYNAMIC, knowing lazy: Debian's 7.x boot in it" : NULL;
}

/* Why the calls cannot go through fentry/fexit here, or NULL. */
static const char *fentry_refused(struct rt_bpf *b)
{
	static char why[320];
	const char *mode;
	struct btf *btf;
	int i;

	if (!b->wrapped)
		return "getrandom() has no syscall wrapper";
	for (i = F_GETRANDOM; i < F_CALLS_END; i++)
		if (b->fname[i][0] && strchr(b->fname[i], '.')) {
			snprintf(why, sizeof(why), "%s is a clone, which takes no fentry",
				 b->fname[i]);
			return why;
		}
	btf = btf__load_vmlinux_btf();
	if (!btf)
		return "the kernel's BTF cannot be read";
	mode = preempt_mode(btf);
	if (mode) {
		snprintf(why, sizeof(why),
			 "the kernel preempts in kernel code (%s): a task preempted inside an fentry program makes the next to enter it skip it",
			 mode);
		btf__free(btf);
		return why;
	}
	for (i = F_GETRANDOM; i < F_CALLS_END; i++)
		if (b->fname[i][0] &&
		    btf__find_by_name_kind(btf, b->fname[i], BTF_KIND_FUNC) < 0) {
			snprintf(why, sizeof(why), "%s is not in the kernel's BTF", b->fname[i]);
			btf__free(btf);
			return why;
		}
	btf__free(btf);
	return NULL;
}

/* Detach every program, and remove the kretprobes' tracefs events. */
static void links_destroy(struct rt_bpf *b)
{
	size_t i;

	for (i = 0; i < b->nlinks; i++)
		bpf_link__destroy(b->links[i]);
	b->nlinks = 0;
	for (i = 0; i < F_CALLS_END; i++) {
		rt_kretprobe_remove(b->kret[i]);
		b->kret[i][0] = 0;
	}
}

static void rt_bpf_unload(struct rt_bpf *b)
{
	links_destroy(b);
	ring_buffer__free(b->rb);
	b->rb = NULL;
	rngtrace_bpf__destroy(b->skel);
	b->skel = NULL;
}

static int attach_trace(struct rt_bpf *b, struct bpf_program *p, int fn,
			char *err, size_t errlen)
{
	struct bpf_link *l;

	if (!b->fname[fn][0])
		return 0;
	l = bpf_program__attach_trace(p);
	if (!l) {
		snprintf(err, errlen, "cannot attach to %s: %s", b->fname[fn], strerror(errno));
		return -1;
	}
	b->links[b->nlinks++] = l;
	return 0;
}

/*
 * Whether the kernel's BPF JIT is off (net.core.bpf_jit_enable 0: the
 * default of Debian's riscv64 kernels, whose interpreter then refuses
 * programs the JIT would take).
 */
static bool jit_off(void)
{
	char v[8] = "";
	FILE *f = fopen("/proc/sys/net/core/bpf_jit_enable", "r");

	if (!f)
		return false;
	if (!fgets(v, sizeof(v), f))
		v[0] = 0;
	fclose(f);
	return v[0] == '0';
}

/*
 * Open, load and attach the programs, the calls' through fentry/fexit
 * (@fentry) or kprobes. 0, or -1 with @err (the programs unloaded).
 */
static int load(struct rt_bpf *b, bool fentry, uint64_t crng_init,
		char *err, size_t errlen)
{
	struct call_progs c[4];
	int i;

	b->skel = rngtrace_bpf__open();
	if (!b->skel) {
		snprintf(err, errlen, "cannot open the BPF programs: %s", strerror(errno));
		return -1;
	}
	b->skel->rodata->crng_init_addr = crng_init;
	b->return_instances = fentry ? 0 : RT_WAIT_MAXACTIVE;
	b->return_note[0] = 0;
	call_progs(b, c);
	bpf_program__set_autoload(b->wrapped ? b->skel->progs.getrandom_bare :
				  b->skel->progs.getrandom_wrapped, false);
	for (i = 0; i < 4; i++) {
		bool on = b->fname[c[i].fn][0];

		bpf_program__set_autoload(c[i].entry, !fentry && on);
		bpf_program__set_autoload(c[i].fentry, fentry && on);
		bpf_program__set_autoload(c[i].fexit, fentry && on);
		if (fentry && on) {
			bpf_program__set_attach_target(c[i].fentry, 0, b->fname[c[i].fn]);
			bpf_program__set_attach_target(c[i].fexit, 0, b->fname[c[i].fn]);
		}
	}
	/* (the returns' kprobe programs: read_exit serves two functions) */
	bpf_program__set_autoload(b->skel->progs.getrandom_exit, !fentry);
	bpf_program__set_autoload(b->skel->progs.read_exit, !fentry);
	bpf_program__set_autoload(b->skel->progs.kernel_wait_exit, !fentry);
	bpf_program__set_autoload(b->skel->progs.reseed_entry, !crng_init);
	if (rngtrace_bpf__load(b->skel)) {
		int e = errno;

		snprintf(err, errlen, "the kernel refused the BPF programs: %s%s",
			 strerror(e), e == EPERM ?
			 " (lockdown, or kernel.unprivileged_bpf_disabled without CAP_BPF)" :
			 jit_off() ? " (its BPF JIT is off; 'sysctl net.core.bpf_jit_enable=1' turns it on)" : "");
		goto fail;
	}
	b->rb = ring_buffer__new(bpf_map__fd(b->skel->maps.events), on_event, b, NULL);
	if (!b->rb) {
		snprintf(err, errlen, "cannot read the BPF ring buffer: %s", strerror(errno));
		goto fail;
	}
	stage("programs loaded");
	b->attached_ns = rt_boottime_ns();
	/*
	 * The returns first: the kernel runs the newest of a function's
	 * kprobes first, and a kretprobe's replaces the return address the
	 * credit's entry program reads as its caller (image-lockdown: every
	 * caller arch_rethook_trampoline). A credit in progress as they are
	 * attached returns without its entry: a miss only once the entry
	 * is attached (entries_attached, in the programs' .bss).
	 */
	/*
	 * Without crng_init: ready already, or crng_reseed() seen before the
	 * credits' programs, so that the credit it runs in is never missed.
	 */
	if (!crng_init && rt_crng_ready_now())
		b->skel->bss->ready_seen = 1;
	if ((!crng_init &&
	     attach(b, b->skel->progs.reseed_entry, false, F_RESEED, err, errlen)) ||
	    attach(b, b->skel->progs.credit_exit, true, F_CREDIT, err, errlen) ||
	    attach(b, b->skel->progs.credit_entry, false, F_CREDIT, err, errlen))
		goto fail;
	b->skel->bss->entries_attached = 1;
	if (attach(b, b->skel->progs.set_ready, false, F_SET_READY, err, errlen) ||
	    attach(b, b->skel->progs.hwrng_register_exit, true, F_HWRNG_REGISTER, err, errlen) ||
	    attach(b, b->skel->progs.hwrng_register_entry, false, F_HWRNG_REGISTER, err, errlen) ||
	    attach(b, b->skel->progs.hwrng_unregister, false, F_HWRNG_UNREGISTER, err, errlen) ||
	    attach(b, b->skel->progs.hwrng_feed, false, F_HWRNG_FEED, err, errlen))
		goto fail;
	for (i = 0; i < 4; i++)
		if (fentry ? attach_trace(b, c[i].fexit, c[i].fn, err, errlen) :
			     attach(b, c[i].ret, true, c[i].fn, err, errlen))
			goto fail;
	for (i = 0; i < 4; i++)
		if (fentry ? attach_trace(b, c[i].fentry, c[i].fn, err, errlen) :
			     attach(b, c[i].entry, false, c[i].fn, err, errlen))
			goto fail;
	stage("programs attached");
	return 0;
fail:
	rt_bpf_unload(b);
	return -1;
}

int rt_bpf_open(struct rt_bpf **out, char *err, size_t errlen)
{
	const char *mode, *syscall = syscall_name(), *why;
	struct rt_bpf *b;
	uint64_t crng_init;
	size_t i;

	*out = NULL;
	if (geteuid()) {
		snprintf(err, errlen, "the BPF backend needs root");
		return -1;
	}
	mode = lockdown_mode();
	if (mode && !strcmp(mode, "confidentiality")) {
		snprintf(err, errlen, "the kernel is locked down (confidentiality): it lets no BPF program read kernel memory");
		return -1;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		snprintf(err, errlen, "the kernel has no BTF (/sys/kernel/btf/vmlinux: CONFIG_DEBUG_INFO_BTF): the programs cannot be fitted to it");
		return -1;
	}
	if (!syscall) {
		snprintf(err, errlen, "no BPF backend for this architecture");
		return -1;
	}
	b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	stage("start");
	if (read_kallsyms(b, syscall, false, &crng_init, err, errlen))
		goto fail;
	stage("kallsyms read");
	for (i = 0; i < F_N; i++)
		if (funcs[i].required && !b->fname[i][0]) {
			snprintf(err, errlen, "the kernel has no %s%s",
				 funcs[i].name ? funcs[i].name : syscall,
				 i == F_CREDIT ? ": its random.c predates the 2022 rewrite" : "");
			goto fail;
		}
	/*
	 * A kernel without CONFIG_KALLSYMS_ALL (bookworm's arm64 6.1) names
	 * no data symbol: READY is then the credit crng_reseed() runs in.
	 */
	if (!crng_init && !b->fname[F_RESEED][0]) {
		snprintf(err, errlen, "no crng_init in /proc/kallsyms (a kernel without CONFIG_KALLSYMS_ALL) and no crng_reseed to see READY by");
		goto fail;
	}
	snprintf(b->ready_by, sizeof(b->ready_by), "%s",
		 crng_init ? "crng_init" : b->fname[F_RESEED]);
	libbpf_set_print(libbpf_quiet);
	rt_kretprobe_remove_stale();
	/*
	 * The calls through fentry/fexit where each function has its own
	 * name in the kernel's BTF; else, or when the kernel refuses them
	 * (no BPF trampolines), kprobes. The credits are kprobes always:
	 * their caller is the source, and an fentry program has none.
	 */
	why = fentry_refused(b);
	stage("BTF read");
	if (!why && !load(b, true, crng_init, err, errlen)) {
		snprintf(b->attach_how, sizeof(b->attach_how), "fentry");
	} else {
		if (!why) {
			snprintf(b->fallback, sizeof(b->fallback),
				 "the kernel refused fentry/fexit (%s): kprobes", err);
			rt_bpf_unload(b);
		} else {
			snprintf(b->fallback, sizeof(b->fallback), "%s: kprobes", why);
		}
		if (load(b, false, crng_init, err, errlen))
			goto fail;
		snprintf(b->attach_how, sizeof(b->attach_how), "kprobe");
	}
	find_early(b);
	stage("waiting tasks found");
	*out = b;
	return 0;
fail:
	rt_bpf_close(b);
	return -1;
}

int rt_bpf_poll(struct rt_bpf *b, int timeout_ms)
{
	if (!b->rb)
		return 0;
	/*
	 * (the programs wake no one: the poll is a sleep a signal ends, and
	 * what came meanwhile is read after it)
	 */
	if (ring_buffer__poll(b->rb, timeout_ms) < 0 && errno != EINTR)
		return -1;
	if (ring_buffer__consume(b->rb) < 0)
		return -1;
	return b->failed ? -1 : 0;
}

bool rt_bpf_ready(const struct rt_bpf *b)
{
	return b->ready;
}

/*
 * The waits in flight, from the programs' events: never from the calls
 * map while they run (a map read holds their kprobes off on its CPU).
 */
size_t rt_bpf_in_flight(const struct rt_bpf *b)
{
	size_t i, n = b->nflight + b->flight_lost;

	for (i = 0; i < b->nearly; i++)
		n += !b->early[i].done;
	return n;
}

/*
 * Whether task @tid of @tgid is in wait_for_random_bytes() now, by its
 * kernel stack (root): 1 and, in @caller, the function that called it;
 * 0 when not; -1 when the task is gone or its stack cannot be read.
 */
static int stack_waiting(uint32_t tgid, uint32_t tid, char *caller, size_t len)
{
	char path[96], line[256];
	bool next = false;
	int ret = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/task/%u/stack", tgid, tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *fn = strchr(line, ']');

		if (!fn)
			continue;
		fn += fn[1] == ' ' ? 2 : 1;
		fn[strcspn(fn, "+ \n")] = 0;
		if (next) {
			snprintf(caller, len, "%s", fn);
			break;
		}
		if (!strncmp(fn, "wait_for_random_bytes", 21)) {
			ret = 1;
			next = true;
			if (caller)
				caller[0] = 0;
		}
	}
	fclose(f);
	return ret;
}

/* A small file of /proc, its newline cut. */
static void proc_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");

	buf[0] = 0;
	if (f) {
		if (fgets(buf, (int)len, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
}

/* The tasks waiting for the CRNG as the programs were attached. */
static void find_early(struct rt_bpf *b)
{
	DIR *procs = opendir("/proc"), *tasks;
	struct dirent *p, *t;

	while (procs && (p = readdir(procs))) {
		uint32_t tgid = (uint32_t)strtoul(p->d_name, NULL, 10);
		char dir[64];

		if (!tgid)
			continue;
		snprintf(dir, sizeof(dir), "/proc/%u/task", tgid);
		tasks = opendir(dir);
		while (tasks && (t = readdir(tasks)) && b->nearly < N(b->early)) {
			struct early *e = &b->early[b->nearly];
			uint32_t tid = (uint32_t)strtoul(t->d_name, NULL, 10);
			char caller[128], path[96], cg[256];

			if (!tid || stack_waiting(tgid, tid, caller, sizeof(caller)) != 1)
				continue;
			memset(e, 0, sizeof(*e));
			e->pid = tid;
			e->tgid = tgid;
			e->path = rt_boot_path_of(caller);
			snprintf(path, sizeof(path), "/proc/%u/task/%u/comm", tgid, tid);
			proc_line(path, e->comm, sizeof(e->comm));
			snprintf(path, sizeof(path), "/proc/%u/cgroup", tgid);
			proc_line(path, cg, sizeof(cg));
			if (!strncmp(cg, "0::", 3))
				snprintf(e->cgroup, sizeof(e->cgroup), "%.*s",
					 (int)sizeof(e->cgroup) - 1, cg + 3);
			b->nearly++;
		}
		if (tasks)
			closedir(tasks);
	}
	if (procs)
		closedir(procs);
}

void rt_bpf_watch(struct rt_bpf *b)
{
	size_t i;

	for (i = 0; i < b->nearly; i++)
		if (!b->early[i].done &&
		    stack_waiting(b->early[i].tgid, b->early[i].pid, NULL, 0) != 1) {
			b->early[i].done = true;
			b->early[i].end_ns = rt_boottime_ns();
		}
}

size_t rt_bpf_forget_in_flight(struct rt_bpf *b)
{
	size_t n = b->nflight + b->flight_lost;

	b->ends_missed += n;
	b->nflight = b->flight_lost = 0;
	return n;
}

void rt_bpf_disarm(struct rt_bpf *b)
{
	links_destroy(b);
	if (!b->disarmed_ns)
		b->disarmed_ns = rt_boottime_ns();
	if (b->rb)
		ring_buffer__consume(b->rb);
}

/* The cgroup v2 directory whose inode is @id, under @dir (recursive). */
static bool cgroup_find(const char *root, const char *dir, uint64_t id,
			char *out, size_t len, int depth)
{
	char path[4096];
	struct dirent *d;
	struct stat st;
	DIR *dp;
	bool found = false;

	snprintf(path, sizeof(path), "%s%s", root, dir);
	if (stat(path, &st) == 0 && (uint64_t)st.st_ino == id) {
		snprintf(out, len, "%s", dir[0] ? dir : "/");
		return true;
	}
	if (depth > 16 || !(dp = opendir(path)))
		return false;
	while (!found && (d = readdir(dp))) {
		char sub[4096];

		if (d->d_type != DT_DIR || d->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, d->d_name);
		found = cgroup_find(root, sub, id, out, len, depth + 1);
	}
	closedir(dp);
	return found;
}

/* "#ID" to the cgroup's path, or "" where it is gone. */
static void cgroup_resolve(char *cg, size_t len)
{
	static uint64_t last_id;
	static char last[256];
	uint64_t id;

	if (cg[0] != '#')
		return;
	id = strtoull(cg + 1, NULL, 10);
	if (id != last_id) {
		last_id = id;
		if (!cgroup_find("/sys/fs/cgroup", "", id, last, sizeof(last), 0))
			last[0] = 0;
	}
	snprintf(cg, len, "%s", last);
}

static int by_time(const void *a, const void *b)
{
	const struct rt_event *x = a, *y = b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static uint64_t counter(const struct rt_bpf *b, uint32_t which)
{
	int ncpu = libbpf_num_possible_cpus();
	uint64_t *v, sum = 0;
	int i;

	if (ncpu <= 0 || !(v = calloc((size_t)ncpu, sizeof(*v))))
		return 0;
	if (!bpf_map_lookup_elem(bpf_map__fd(b->skel->maps.counters), &which, v))
		for (i = 0; i < ncpu; i++)
			sum += v[i];
	free(v);
	return sum;
}

static void misses(const struct rt_bpf *b, struct rt_bpf_misses *m)
{
	struct bpf_program *p;

	memset(m, 0, sizeof(*m));
	m->ringbuf_full = counter(b, RT_BPF_RINGBUF_FULL);
	m->credit_unpaired = counter(b, RT_BPF_CREDIT_UNPAIRED);
	m->credit_deep = counter(b, RT_BPF_CREDIT_DEEP);
	m->calls_full = counter(b, RT_BPF_CALLS_FULL);
	m->call_unpaired = counter(b, RT_BPF_CALL_UNPAIRED);
	m->hwrng_unread = counter(b, RT_BPF_HWRNG_UNREAD);
	m->ends_missed = b->ends_missed;
	bpf_object__for_each_program(p, b->skel->obj) {
		struct bpf_prog_info info;
		__u32 len = sizeof(info);

		if (bpf_program__fd(p) < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len))
			continue;
		/* (a kernel before 5.12 fills less: it does not count them) */
		if (len >= offsetof(struct bpf_prog_info, recursion_misses) +
			   sizeof(info.recursion_misses)) {
			m->recursion_known = true;
			m->recursion += info.recursion_misses;
			if (info.recursion_misses && getenv("RNGTRACE_BPF_DEBUG"))
				fprintf(stderr, "rngtrace: bpf: %s skipped %llu times\n",
					bpf_program__name(p),
					(unsigned long long)info.recursion_misses);
		}
	}
}

/* @x's wait from the attach: its end is the caller's to say. */
static void early_wait(const struct rt_bpf *b, const struct early *x,
		       struct rt_event *e)
{
	e->has_type = e->has_time = e->has_start = e->has_path = true;
	e->has_pid = e->has_tgid = true;
	e->type = RNGTRACE_EVENT_TYPE_WAIT;
	e->pid = x->pid;
	e->tgid = x->tgid;
	e->path = x->path;
	snprintf(e->comm, sizeof(e->comm), "%s", x->comm);
	snprintf(e->cgroup, sizeof(e->cgroup), "%s", x->cgroup);
	e->time_ns = e->start_ns = b->attached_ns;
}

/*
 * The waits already in flight at the attach, as waits from the attach
 * (their true start earlier: record.bpf.waits_before_attach) to when the
 * task left wait_for_random_bytes(): at READY's return when it came
 * before the task was seen gone (it wakes them), else when seen. Those
 * still waiting are open waits (below).
 */
static int add_early(struct rt_bpf *b)
{
	uint64_t ready_ret = 0;
	size_t i;

	for (i = 0; i < b->nev; i++)
		if (b->ev[i].type == RNGTRACE_EVENT_TYPE_READY)
			ready_ret = b->ev[i].has_return ? b->ev[i].return_ns : b->ev[i].time_ns;
	for (i = 0; i < b->nearly; i++) {
		const struct early *x = &b->early[i];
		struct rt_event *e;

		if (!x->done)
			continue;
		e = ev_add(b);
		if (!e)
			return -1;
		early_wait(b, x, e);
		e->time_ns = ready_ret && ready_ret <= x->end_ns && ready_ret > b->attached_ns ?
			     ready_ret : x->end_ns;
	}
	return 0;
}

/*
 * The credits' callers by name and so their source (the module's table),
 * from kallsyms read now, the recording over; the task only for ioctl
 * credits, as the module gives it.
 */
static int name_callers(struct rt_bpf *b)
{
	uint64_t unused;
	char err[256];
	size_t i;

	if (!b->nsyms && read_kallsyms(b, "", true, &unused, err, sizeof(err)))
		return -1;
	for (i = 0; i < b->nev; i++) {
		struct rt_event *e = &b->ev[i];

		if ((e->type != RNGTRACE_EVENT_TYPE_CREDIT &&
		     e->type != RNGTRACE_EVENT_TYPE_READY) || strncmp(e->caller, "0x", 2))
			continue;
		snprintf(e->caller, sizeof(e->caller), "%s",
			 ksym_name(b, strtoull(e->caller, NULL, 16)));
		e->source = rt_boot_source_of(e->caller);
		if (e->source != RNGTRACE_SOURCE_IOCTL) {
			e->has_pid = e->has_tgid = false;
			e->comm[0] = e->cgroup[0] = 0;
		}
	}
	return 0;
}

/* One more open wait, zeroed (@cap: the array's size), or NULL. */
static struct rt_event *open_add(struct rt_bpf *b, size_t *cap)
{
	if (b->nopen == *cap) {
		struct rt_event *n = realloc(b->open, (*cap ? *cap * 2 : 16) * sizeof(*n));

		if (!n)
			return NULL;
		b->open = n;
		*cap = *cap ? *cap * 2 : 16;
	}
	memset(&b->open[b->nopen], 0, sizeof(b->open[0]));
	return &b->open[b->nopen++];
}

int rt_bpf_result(struct rt_bpf *b, struct rt_bpf_result *r)
{
	int fd = bpf_map__fd(b->skel->maps.calls);
	uint64_t key, next, *prev = NULL;
	size_t i, cap = 0;

	memset(r, 0, sizeof(*r));
	if (b->rb)
		ring_buffer__consume(b->rb);
	if (b->failed)
		return -1;
	/* READY without a completer seen: the last credit before crng_set_ready() */
	if (!b->ready && b->saw_set_ready) {
		size_t last = (size_t)-1;

		for (i = 0; i < b->nev; i++)
			if (b->ev[i].type == RNGTRACE_EVENT_TYPE_CREDIT &&
			    b->ev[i].time_ns <= b->set_ready_ns &&
			    (last == (size_t)-1 || b->ev[i].time_ns >= b->ev[last].time_ns))
				last = i;
		if (last != (size_t)-1) {
			struct rt_event *rd = ev_add(b);

			if (!rd)
				return -1;
			*rd = b->ev[last];
			rd->type = RNGTRACE_EVENT_TYPE_READY;
			rd->has_evidence = true;
			rd->evidence = RT_READY_EVIDENCE_LAST_CREDIT;
			b->ready = true;
		}
	}
	if (name_callers(b) || add_early(b))
		return -1;
	for (i = 0; i < b->nev; i++) {
		b->ev[i].seq = i;	/* (as they came: ties keep that order) */
		cgroup_resolve(b->ev[i].cgroup, sizeof(b->ev[i].cgroup));
	}
	qsort(b->ev, b->nev, sizeof(*b->ev), by_time);
	for (i = 0; i < b->nev; i++) {
		b->ev[i].has_seq = true;
		b->ev[i].seq = i;
	}
	/* the waits still in flight: the open waits */
	free(b->open);
	b->open = NULL;
	b->nopen = 0;
	while (!bpf_map_get_next_key(fd, prev, &next)) {
		struct rt_bpf_call c;
		struct rt_bpf_event x = { 0 };
		struct rt_event *e;

		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &c) || c.kind == RT_BPF_KIND_UNSEEDED)
			continue;
		e = open_add(b, &cap);
		if (!e)
			return -1;
		x.pid = (uint32_t)key;
		x.tgid = (uint32_t)(key >> 32);
		x.cgroup = c.cgroup;
		memcpy(x.comm, c.comm, sizeof(x.comm));
		ev_task(e, &x);
		cgroup_resolve(e->cgroup, sizeof(e->cgroup));
		e->has_type = e->has_time = e->has_start = e->has_path = true;
		e->type = RNGTRACE_EVENT_TYPE_WAIT;
		e->time_ns = e->start_ns = c.start_ns;
		e->path = c.path;
		if (c.path != RNGTRACE_PATH_KERNEL) {
			e->has_flags = e->has_bytes = true;
			e->flags = c.flags;
			e->bytes = c.bytes;
		}
	}
	for (i = 0; i < b->nearly; i++) {
		const struct early *x = &b->early[i];
		struct rt_event *e;

		if (x->done)
			continue;
		e = open_add(b, &cap);
		if (!e)
			return -1;
		early_wait(b, x, e);
	}
	r->waits_before_attach = b->nearly;
	r->hwrngs = b->hwrngs;
	r->nhwrngs = b->nhwrngs;
	r->ev = b->ev;
	r->nev = b->nev;
	r->open = b->open;
	r->nopen = b->nopen;
	r->ready = b->ready;
	r->attached_ns = b->attached_ns;
	r->disarmed_ns = b->disarmed_ns;
	snprintf(r->programs, sizeof(r->programs), "%s", b->attach_how);
	snprintf(r->fallback, sizeof(r->fallback), "%s", b->fallback);
	snprintf(r->ready_by, sizeof(r->ready_by), "%s", b->ready_by);
	r->return_instances = b->return_instances;
	snprintf(r->return_note, sizeof(r->return_note), "%s", b->return_note);
	misses(b, &r->misses);
	return 0;
}

void rt_bpf_close(struct rt_bpf *b)
{
	size_t i;

	if (!b)
		return;
	rt_bpf_disarm(b);
	rt_bpf_unload(b);
	for (i = 0; i < b->nsyms; i++)
		free(b->syms[i].name);
	free(b->syms);
	free(b->ev);
	free(b->open);
	free(b);
}
