// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF backend's programs: what rngtrace.ko's probes record, for
 * kernels where the module cannot load (Documentation/admin-guide/
 * bpf-backend.md). Loaded and attached by backend.c, each to the
 * function the module probes (by the kernel's own name for it: a clone
 * such as _credit_init_bits.part.0 where the compiler made one), as
 * kprobes: their return address and arguments are there on every kernel
 * that has kprobes, where an fentry program has no caller to give.
 *
 * Like the module's handlers they record and defer: no sleeping, a ring
 * buffer record an event, per-task state in preallocated hash maps.
 * Whether the CRNG is ready is crng_init itself (its address from
 * kallsyms, read as it is at the entry and return of each credit): the
 * credit whose return first finds it ready completed it, exactly.
 * The rules for what is a wait and what an unseeded read are the
 * module's (kmod/wait.c).
 */
#include "kernel_types.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include <linux/rngtrace.h>

#include "bpfevent.h"

char LICENSE[] SEC("license") = "GPL";

/* &crng_init, from /proc/kallsyms (the recorder's rodata) */
const volatile __u64 crng_init_addr;
/* set by the recorder once credit_entry is attached */
volatile __u32 entries_attached;
/*
 * Where crng_init has no address (no CONFIG_KALLSYMS_ALL): set once the
 * CRNG is ready (crng_reseed() before READY, crng_set_ready(), or the
 * recorder finding it ready at the attach), what crng_state() says then.
 */
volatile __u32 ready_seen;

#define CRNG_READY	2
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004
#define O_NONBLOCK	04000
#define CREDIT_DEPTH	4	/* a power of two */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, RT_BPF_NR_COUNTERS);
	__type(key, u32);
	__type(value, u64);
} counters SEC(".maps");

/* A task's (or an idle CPU's) credits in progress: interrupts nest them. */
struct credit_frame {
	u64 start_ns, caller;
	u32 bits, ready_before;
	u32 completed;	/* crng_reseed() ran inside it (no crng_init) */
	u32 pad;
};

struct credit_stack {
	struct credit_frame f[CREDIT_DEPTH];
	u32 depth;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u64);
	__type(value, struct credit_stack);
} credits SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, u64);
	__type(value, struct rt_bpf_call);
} calls SEC(".maps");

/* A task's hwrng_register() in progress: its struct hwrng. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u64);
	__type(value, u64);
} hwrng_calls SEC(".maps");

static __always_inline void count(u32 which)
{
	u64 *n = bpf_map_lookup_elem(&counters, &which);

	if (n)
		(*n)++;
}

static __always_inline u32 crng_state(void)
{
	int v = 0;

	if (!crng_init_addr)
		return ready_seen ? CRNG_READY : 0;
	bpf_probe_read_kernel(&v, sizeof(v), (const void *)crng_init_addr);
	return (u32)v;
}

/*
 * A new event of @type, zeroed and stamped now: NULL when the ring buffer
 * is full (counted).
 */
static __always_inline struct rt_bpf_event *event_new(u32 type)
{
	struct rt_bpf_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e) {
		count(RT_BPF_RINGBUF_FULL);
		return NULL;
	}
	__builtin_memset(e, 0, sizeof(*e));
	e->type = type;
	e->time_ns = bpf_ktime_get_boot_ns();
	return e;
}

/*
 * Submitted without waking the recorder, which reads the ring buffer
 * every 100 ms: a wakeup from inside a program lets a preemptible kernel
 * (7.x, PREEMPT_LAZY) switch tasks there, and the next task to enter that
 * program on that CPU is skipped (record.bpf.recursion_misses): x86_64
 * 7.3 lost 2-3 of record_test's 3 children's getrandom() entries so.
 */
static __always_inline void event_send(struct rt_bpf_event *e)
{
	bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
}

/* The idle tasks all have pid 0: theirs go by CPU. */
static __always_inline u64 task_key(void)
{
	u64 id = bpf_get_current_pid_tgid();

	return id ? id : (1ULL << 63) | bpf_get_smp_processor_id();
}

SEC("kprobe")
int BPF_KPROBE(credit_entry, size_t bits)
{
	static const struct credit_stack empty;
	u64 key = task_key(), ip = 0;
	struct credit_stack *s = bpf_map_lookup_elem(&credits, &key);
	u32 d;

	if (!s) {
		bpf_map_update_elem(&credits, &key, &empty, BPF_NOEXIST);
		s = bpf_map_lookup_elem(&credits, &key);
		if (!s) {
			count(RT_BPF_CALLS_FULL);
			return 0;
		}
	}
	d = s->depth;
	s->depth = d + 1;
	if (d >= CREDIT_DEPTH) {
		count(RT_BPF_CREDIT_DEEP);
		return 0;
	}
	RT_KPROBE_READ_RET_IP(ip, ctx);
	/* (the mask: the verifier's bound, which the compiler may drop) */
	d &= CREDIT_DEPTH - 1;
	s->f[d].start_ns = bpf_ktime_get_boot_ns();
	s->f[d].caller = ip;
	s->f[d].bits = (u32)bits;
	s->f[d].ready_before = crng_state();
	s->f[d].completed = 0;
	return 0;
}

SEC("kretprobe")
int BPF_KRETPROBE(credit_exit)
{
	u64 key = task_key();
	struct credit_stack *s = bpf_map_lookup_elem(&credits, &key);
	struct rt_bpf_event *e;
	u32 d;

	if (!s || !s->depth) {
		/* (before: a credit that began before its entry was attached) */
		if (entries_attached)
			count(RT_BPF_CREDIT_UNPAIRED);
		return 0;
	}
	d = --s->depth;
	if (d < CREDIT_DEPTH) {
		struct credit_frame f = s->f[d & (CREDIT_DEPTH - 1)];

		e = event_new(RT_BPF_CREDIT);
		if (e) {
			e->start_ns = f.start_ns;
			e->caller = f.caller;
			e->bits = f.bits;
			e->ready_before = f.ready_before;
			/* (without crng_init: only the credit crng_reseed() ran in) */
			e->ready_after = f.completed ? CRNG_READY :
					 crng_init_addr ? crng_state() : 0;
			e->pid = (u32)bpf_get_current_pid_tgid();
			e->tgid = bpf_get_current_pid_tgid() >> 32;
			bpf_get_current_comm(e->comm, sizeof(e->comm));
			e->cgroup = bpf_get_current_cgroup_id();
			event_send(e);
		}
	}
	if (!s->depth)
		bpf_map_delete_elem(&credits, &key);
	return 0;
}

/*
 * Where crng_init has no address: crng_reseed(), which before READY only
 * _credit_init_bits() calls, as the pool first holds enough, marks the
 * credit in progress on this task as the one that completed it.
 */
SEC("kprobe")
int BPF_KPROBE(reseed_entry)
{
	u64 key = task_key();
	struct credit_stack *s;
	u32 d;

	if (ready_seen)
		return 0;
	ready_seen = 1;
	s = bpf_map_lookup_elem(&credits, &key);
	if (!s || !s->depth || s->depth > CREDIT_DEPTH)
		return 0;
	d = (s->depth - 1) & (CREDIT_DEPTH - 1);
	s->f[d].completed = 1;
	return 0;
}

SEC("kprobe")
int BPF_KPROBE(set_ready)
{
	struct rt_bpf_event *e;

	ready_seen = 1;
	e = event_new(RT_BPF_SET_READY);
	if (e)
		event_send(e);
	return 0;
}

static __always_inline int call_begin(u32 kind, u32 path, u32 flags, u64 bytes,
				      u32 kernel_wait)
{
	u64 key = bpf_get_current_pid_tgid();
	struct rt_bpf_call c = {};

	if (crng_state() >= CRNG_READY)
		return 0;
	c.start_ns = bpf_ktime_get_boot_ns();
	c.kind = kind;
	c.path = path;
	c.flags = flags;
	c.bytes = bytes;
	c.kernel_wait = kernel_wait;
	c.cgroup = bpf_get_current_cgroup_id();
	bpf_get_current_comm(c.comm, sizeof(c.comm));
	/* one there already: its return was missed (no kretprobe instance) */
	if (bpf_map_lookup_elem(&calls, &key))
		count(RT_BPF_CALL_UNPAIRED);
	if (bpf_map_update_elem(&calls, &key, &c, BPF_ANY)) {
		count(RT_BPF_CALLS_FULL);
		return 0;
	}
	/*
	 * A wait, or a read that may be one, in flight: said to the
	 * recorder here, so that it never reads the map while recording
	 * (a map read from user space holds off every kprobe program on
	 * its CPU: bpf_prog_active).
	 */
	if (kind != RT_BPF_KIND_UNSEEDED) {
		struct rt_bpf_event *e = event_new(RT_BPF_CALL_BEGIN);

		if (!e)
			return 0;
		e->time_ns = c.start_ns;
		e->pid = (u32)key;
		e->tgid = key >> 32;
		event_send(e);
	}
	return 0;
}

static __always_inline int call_end(long ret, u32 kernel_wait)
{
	u64 key = bpf_get_current_pid_tgid();
	struct rt_bpf_call *c = bpf_map_lookup_elem(&calls, &key);
	struct rt_bpf_event *e;

	if (!c || c->kernel_wait != kernel_wait)
		return 0;
	e = event_new(RT_BPF_CALL);
	if (e) {
		e->start_ns = c->start_ns;
		e->kind = c->kind;
		e->path = c->path;
		e->flags = c->flags;
		e->bytes = c->bytes;
		e->waited = c->waited;
		e->result = ret;
		e->ready_after = crng_state();
		e->pid = (u32)key;
		e->tgid = key >> 32;
		e->cgroup = c->cgroup;
		__builtin_memcpy(e->comm, c->comm, sizeof(e->comm));
		event_send(e);
	}
	bpf_map_delete_elem(&calls, &key);
	return 0;
}

static __always_inline int getrandom_begin(u64 count_arg, u32 flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return 0;	/* -EINVAL, reads nothing */
	return call_begin(flags & (GRND_NONBLOCK | GRND_INSECURE) ?
			  RT_BPF_KIND_UNSEEDED : RT_BPF_KIND_WAIT,
			  RNGTRACE_PATH_GETRANDOM, flags, count_arg, 0);
}

/* The syscall's wrapper: its arguments in the struct pt_regs it takes. */
SEC("kprobe")
int BPF_KPROBE(getrandom_wrapped, struct pt_regs *regs)
{
	return getrandom_begin(PT_REGS_PARM2_CORE_SYSCALL(regs),
			       (u32)PT_REGS_PARM3_CORE_SYSCALL(regs));
}

/* A kernel without wrappers (riscv64 before 6.6): in registers. */
SEC("kprobe")
int BPF_KPROBE(getrandom_bare, void *buf, size_t count_arg, unsigned int flags)
{
	return getrandom_begin(count_arg, flags);
}

SEC("kretprobe")
int BPF_KRETPROBE(getrandom_exit, long ret)
{
	return call_end(ret, 0);
}

/*
 * A /dev/random or /dev/urandom read: non-blocking by its file's
 * O_NONBLOCK (IOCB_NOWAIT's value differs between kernels).
 */
static __always_inline int read_begin(struct kiocb *kiocb, struct iov_iter *iter,
				      bool urandom)
{
	u32 nonblock = BPF_CORE_READ(kiocb, ki_filp, f_flags) & O_NONBLOCK;

	return call_begin(urandom ? RT_BPF_KIND_URANDOM :
			  nonblock ? RT_BPF_KIND_UNSEEDED : RT_BPF_KIND_WAIT,
			  urandom ? RNGTRACE_PATH_DEV_URANDOM : RNGTRACE_PATH_DEV_RANDOM,
			  nonblock ? 1 : 0, BPF_CORE_READ(iter, count), 0);
}

/* wait_for_random_bytes(): a call's own wait, or the kernel's. */
static __always_inline int kernel_wait_begin(void)
{
	u64 key = bpf_get_current_pid_tgid();
	struct rt_bpf_call *c = bpf_map_lookup_elem(&calls, &key);

	if (c) {
		c->waited = 1;	/* getrandom()'s or a read's own wait */
		return 0;
	}
	return call_begin(RT_BPF_KIND_WAIT, RNGTRACE_PATH_KERNEL, 0, 0, 1);
}

SEC("kprobe")
int BPF_KPROBE(random_read, struct kiocb *kiocb, struct iov_iter *iter)
{
	return read_begin(kiocb, iter, false);
}

SEC("kprobe")
int BPF_KPROBE(urandom_read, struct kiocb *kiocb, struct iov_iter *iter)
{
	return read_begin(kiocb, iter, true);
}

SEC("kretprobe")
int BPF_KRETPROBE(read_exit, long ret)
{
	return call_end(ret, 0);
}

SEC("kprobe")
int BPF_KPROBE(kernel_wait)
{
	return kernel_wait_begin();
}

SEC("kretprobe")
int BPF_KRETPROBE(kernel_wait_exit, long ret)
{
	return call_end(ret, 1);
}

/*
 * The same calls through fentry and fexit, where the kernel has BPF
 * trampolines and the function by its own name in its BTF (a clone such
 * as .part.0 has none: kprobes then). fexit has the arguments and the
 * return value together, and no instances to run out of, as a kretprobe
 * does when more tasks block at once than it has.
 */
SEC("fentry")
int BPF_PROG(getrandom_fentry, struct pt_regs *regs)
{
	return getrandom_begin(PT_REGS_PARM2_CORE_SYSCALL(regs),
			       (u32)PT_REGS_PARM3_CORE_SYSCALL(regs));
}

SEC("fexit")
int BPF_PROG(getrandom_fexit, struct pt_regs *regs, long ret)
{
	return call_end(ret, 0);
}

SEC("fentry")
int BPF_PROG(random_read_fentry, struct kiocb *kiocb, struct iov_iter *iter)
{
	return read_begin(kiocb, iter, false);
}

SEC("fexit")
int BPF_PROG(random_read_fexit, struct kiocb *kiocb, struct iov_iter *iter, long ret)
{
	return call_end(ret, 0);
}

SEC("fentry")
int BPF_PROG(urandom_read_fentry, struct kiocb *kiocb, struct iov_iter *iter)
{
	return read_begin(kiocb, iter, true);
}

SEC("fexit")
int BPF_PROG(urandom_read_fexit, struct kiocb *kiocb, struct iov_iter *iter, long ret)
{
	return call_end(ret, 0);
}

SEC("fentry")
int BPF_PROG(kernel_wait_fentry)
{
	return kernel_wait_begin();
}

SEC("fexit")
int BPF_PROG(kernel_wait_fexit, int ret)
{
	return call_end(ret, 1);
}

/*
 * The hw_random core's sources: registered (once hwrng_register() has
 * returned 0), unregistered, and what add_hwgenerator_randomness() feeds
 * (the recorder adds it to the current source, as the module does).
 * Kprobes: these are called a few times a boot, or by one thread.
 */
static __always_inline int hwrng_event(u32 type, struct hwrng *rng)
{
	struct rt_bpf_event *e;

	/*
	 * (5.10 builds the core as a module, and has no BTF of modules: its
	 * struct hwrng cannot be read there, and each such call is counted)
	 */
	if (!bpf_core_type_exists(struct hwrng)) {
		count(RT_BPF_HWRNG_UNREAD);
		return 0;
	}
	e = event_new(type);
	if (!e)
		return 0;
	bpf_probe_read_kernel_str(e->name, sizeof(e->name), BPF_CORE_READ(rng, name));
	e->quality = BPF_CORE_READ(rng, quality);
	event_send(e);
	return 0;
}

SEC("kprobe")
int BPF_KPROBE(hwrng_register_entry, struct hwrng *rng)
{
	u64 key = bpf_get_current_pid_tgid(), v = (u64)rng;

	if (bpf_map_update_elem(&hwrng_calls, &key, &v, BPF_ANY))
		count(RT_BPF_CALLS_FULL);
	return 0;
}

SEC("kretprobe")
int BPF_KRETPROBE(hwrng_register_exit, int ret)
{
	u64 key = bpf_get_current_pid_tgid();
	u64 *v = bpf_map_lookup_elem(&hwrng_calls, &key);
	struct hwrng *rng;

	if (!v)
		return 0;	/* (began before the entry was attached) */
	rng = (struct hwrng *)*v;
	bpf_map_delete_elem(&hwrng_calls, &key);
	return ret ? 0 : hwrng_event(RT_BPF_HWRNG_REGISTER, rng);
}

SEC("kprobe")
int BPF_KPROBE(hwrng_unregister, struct hwrng *rng)
{
	return hwrng_event(RT_BPF_HWRNG_UNREGISTER, rng);
}

SEC("kprobe")
int BPF_KPROBE(hwrng_feed, const void *buf, size_t len, size_t entropy)
{
	struct rt_bpf_event *e = event_new(RT_BPF_HWRNG_FEED);

	if (!e)
		return 0;
	e->bytes = len;
	e->bits = (u32)entropy;
	event_send(e);
	return 0;
}
