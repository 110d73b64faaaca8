// SPDX-License-Identifier: GPL-2.0
/*
 * The boot probes' events, read back (bootevents.h).
 *
 * A line of the trace file (trace_clock=boot, the default format):
 *
 *   "     kworker/0:1-17      [000] ..s..     2.263824: credit: (_credit_init_bits+0x0/0x11d) bits=2"
 *   " systemd-random--187     [000] .....     9.944241: kernel_wait_ret: (__x64_sys_getrandom+0xcc/0x100 <- wait_for_random_bytes) ret=0"
 *   "         udevadm-108     [000] .....     4.016244: getrandom_call: (__x64_sys_getrandom+0x5/0x100) count=16 flags=4"
 *
 * The task's name may hold spaces and dashes: its pid is what follows the
 * last dash before " [CPU]". A return's first name is its caller.
 */
#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <linux/rngtrace.h>

#include "bootevents.h"
#include "bootprobes.h"
#include "names.h"
#include "tracefs.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define RT_ERESTARTSYS	512	/* the kernel's, never seen by a task */

/*
 * The functions that credit, by source: kmod/names.c's rt_crediters, in
 * its order (test_bootevents checks that the two agree).
 */
static const struct {
	const char *name;
	uint32_t source;
} crediters[] = {
	{ "mix_interrupt_randomness", RNGTRACE_SOURCE_INTERRUPTS },
	{ "add_input_randomness", RNGTRACE_SOURCE_INPUT },
	{ "add_disk_randomness", RNGTRACE_SOURCE_DISK },
	{ "add_hwgenerator_randomness", RNGTRACE_SOURCE_HWRNG },
	{ "entropy_timer", RNGTRACE_SOURCE_JITTER },
	{ "try_to_generate_entropy", RNGTRACE_SOURCE_JITTER },
	{ "random_ioctl", RNGTRACE_SOURCE_IOCTL },
	{ "add_bootloader_randomness", RNGTRACE_SOURCE_BOOTLOADER },
	{ "random_init_early", RNGTRACE_SOURCE_CPU },
	{ "random_init", RNGTRACE_SOURCE_CPU },
	{ "add_timer_randomness", RNGTRACE_SOURCE_TIMER },
	{ "call_timer_fn", RNGTRACE_SOURCE_JITTER },
};

uint32_t rt_boot_source_of(const char *caller)
{
	size_t i, len;

	for (i = 0; caller && i < N(crediters); i++) {
		len = strlen(crediters[i].name);
		if (!strncmp(caller, crediters[i].name, len) &&
		    (caller[len] == '\0' || caller[len] == '.'))
			return crediters[i].source;
	}
	return RNGTRACE_SOURCE_UNKNOWN;
}

uint32_t rt_boot_path_of(const char *caller)
{
	if (caller && strstr(caller, "sys_getrandom"))
		return RNGTRACE_PATH_GETRANDOM;
	if (caller && !strncmp(caller, "random_read_iter", 16) &&
	    (caller[16] == '\0' || caller[16] == '.'))
		return RNGTRACE_PATH_DEV_RANDOM;
	return RNGTRACE_PATH_KERNEL;
}

static void copy_word(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = 0;
}

int rt_boot_line_parse(const char *s, struct rt_boot_line *l)
{
	const char *br, *p, *pid, *dash, *colon, *name;
	unsigned long long sec, usec;
	char *end;

	memset(l, 0, sizeof(*l));
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s || *s == '\n' || *s == '#')
		return 0;
	if (!strncmp(s, "CPU:", 4) && (p = strstr(s, " [LOST ")) &&
	    sscanf(p, " [LOST %lld EVENTS]", (long long *)&l->value) == 1) {
		l->has_value = true;
		return 2;
	}
	/* " [CPU] ": the first one after a "-PID" */
	for (br = strstr(s, " ["); br; br = strstr(br + 1, " [")) {
		unsigned long cpu = strtoul(br + 2, &end, 10);

		if (end == br + 2 || *end != ']')
			continue;
		for (pid = br; pid > s && pid[-1] == ' '; pid--)
			;
		for (dash = pid; dash > s && dash[-1] >= '0' && dash[-1] <= '9'; dash--)
			;
		if (dash == pid || dash == s || dash[-1] != '-')
			continue;
		l->cpu = (uint32_t)cpu;
		l->pid = (uint32_t)strtoul(dash, NULL, 10);
		copy_word(l->comm, sizeof(l->comm), s, (size_t)(dash - 1 - s));
		p = end + 1;
		break;
	}
	if (!br)
		return -1;
	/* the flags, then "SEC.USEC: " */
	while (*p == ' ')
		p++;
	while (*p && *p != ' ')
		p++;
	if (sscanf(p, " %llu.%6llu:", &sec, &usec) != 2 || !(colon = strchr(p, ':')))
		return -1;
	l->time_ns = sec * 1000000000ULL + usec * 1000ULL;
	/* "EVENT: (FUNC+0x0/0x11d[ <- PROBED]) [k=v]" */
	name = colon + 1;
	while (*name == ' ')
		name++;
	p = strchr(name, ':');
	if (!p)
		return -1;
	copy_word(l->event, sizeof(l->event), name, (size_t)(p - name));
	if (p[1] != ' ' || p[2] != '(')
		return 0;	/* not a kprobe event's line: another group's */
	name = p + 3;
	for (p = name; *p && *p != '+' && *p != ')' && *p != ' '; p++)
		;
	copy_word(l->func, sizeof(l->func), name, (size_t)(p - name));
	p = strchr(p, ')');
	if (!p)
		return -1;
	p++;
	while (*p == ' ')
		p++;
	if (*p && *p != '\n') {
		const char *eq = strchr(p, '=');

		if (!eq)
			return -1;
		l->value = strtoll(eq + 1, &end, 0);
		if (end == eq + 1)
			return -1;
		l->has_value = true;
		if (*end == ' ' && (eq = strchr(end, '='))) {
			l->value2 = strtoll(eq + 1, &end, 0);
			if (end == eq + 1)
				return -1;
			l->has_value2 = true;
		}
	}
	return 1;
}

/* The calls a task is in: a stack a pid. */
enum call { C_GETRANDOM, C_RANDOM_READ, C_URANDOM_READ, C_KERNEL_WAIT, C_NONE };

static const struct {
	const char *entry, *ret;
	enum call call;
} calls[] = {
	{ "getrandom", "getrandom_ret", C_GETRANDOM },
	{ "random_read", "random_read_ret", C_RANDOM_READ },
	{ "urandom_read", "urandom_read_ret", C_URANDOM_READ },
	{ "kernel_wait", "kernel_wait_ret", C_KERNEL_WAIT },
};

#define DEPTH	4

struct frame {
	enum call call;
	uint64_t start_ns;
	bool waited;		/* a wait_for_random_bytes() inside it */
	uint64_t wait_start_ns, wait_end_ns;
	int64_t wait_ret;
};

/* A getrandom() call's entry (getrandom_call): what it asked for. */
struct entry {
	bool set;
	uint64_t time_ns, count;
	uint32_t flags;
};

struct task {
	uint32_t pid;
	char comm[32];
	struct frame f[DEPTH];
	int depth;
	struct entry call;	/* its last getrandom() since its last wait */
};

/* A credit's entry on a CPU, waiting for its return. */
struct pending {
	uint32_t cpu, pid;
	uint64_t time_ns;
	int64_t bits;
};

/* What the lines said, before READY is known: kept small. */
struct raw {
	enum { R_CREDIT, R_CALL, R_GETRANDOM } kind;
	uint64_t time_ns, start_ns;
	uint32_t pid;
	char comm[32];
	/* credit: and when its call returned */
	int64_t bits;
	uint64_t end_ns;
	char caller[128];
	/* call: what it was, and what it did */
	enum call call;
	bool waited, open;
	uint64_t wait_start_ns, wait_end_ns;
	int64_t ret;
	bool has_ret;
	/* a wait_for_random_bytes() on its own: whose, by its caller */
	bool has_path;
	uint32_t path;
	/* getrandom()'s count and flags, from its entry */
	bool has_call;
	uint64_t count;
	uint32_t flags;
};

struct reader {
	struct raw *raw;
	size_t nraw, cap;
	struct task *tasks;
	size_t ntasks, tcap;
	struct pending pend[64];
	size_t npend;
	bool saw_set_ready;
	uint64_t set_ready_ns;
};

static struct raw *raw_add(struct reader *r)
{
	if (r->nraw == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct raw *n = realloc(r->raw, cap * sizeof(*n));

		if (!n)
			return NULL;
		r->raw = n;
		r->cap = cap;
	}
	memset(&r->raw[r->nraw], 0, sizeof(r->raw[0]));
	return &r->raw[r->nraw++];
}

static struct task *task_of(struct reader *r, uint32_t pid, const char *comm)
{
	size_t i;

	for (i = 0; i < r->ntasks; i++)
		if (r->tasks[i].pid == pid)
			goto found;
	if (r->ntasks == r->tcap) {
		size_t cap = r->tcap ? r->tcap * 2 : 64;
		struct task *n = realloc(r->tasks, cap * sizeof(*n));

		if (!n)
			return NULL;
		r->tasks = n;
		r->tcap = cap;
	}
	i = r->ntasks++;
	memset(&r->tasks[i], 0, sizeof(r->tasks[i]));
	r->tasks[i].pid = pid;
found:
	snprintf(r->tasks[i].comm, sizeof(r->tasks[i].comm), "%s", comm);
	return &r->tasks[i];
}

/*
 * A call of @t that ended (or, @open, had not): what it did, kept. A
 * wait_for_random_bytes() outside any call the probes saw is a wait of
 * its own: @caller (its return's) says whose, and the getrandom() entry
 * its task made just before, what it asked for.
 */
static int call_done(struct reader *r, struct task *t,
		     const struct frame *f, bool open, uint64_t end_ns,
		     bool has_ret, int64_t ret, const char *caller)
{
	struct raw *x = raw_add(r);

	if (!x)
		return -1;
	x->kind = R_CALL;
	x->call = f->call;
	x->pid = t->pid;
	snprintf(x->comm, sizeof(x->comm), "%s", t->comm);
	x->start_ns = f->start_ns;
	x->time_ns = end_ns;
	x->open = open;
	x->has_ret = has_ret;
	x->ret = ret;
	x->waited = f->waited;
	x->wait_start_ns = f->wait_start_ns;
	x->wait_end_ns = f->wait_end_ns;
	if (f->call == C_KERNEL_WAIT) {
		x->waited = true;
		x->wait_start_ns = f->start_ns;
		x->wait_end_ns = end_ns;
		x->has_path = caller || t->call.set;
		x->path = caller ? rt_boot_path_of(caller) : RNGTRACE_PATH_GETRANDOM;
		if (t->call.set && x->path == RNGTRACE_PATH_GETRANDOM &&
		    t->call.time_ns <= f->start_ns) {
			x->has_call = true;
			x->count = t->call.count;
			x->flags = t->call.flags;
		}
		t->call.set = false;
	}
	return 0;
}

/* getrandom()'s entry alone: what it asked for, kept for what follows. */
static int on_getrandom_call(struct reader *r, const struct rt_boot_line *l)
{
	struct task *t = task_of(r, l->pid, l->comm);
	struct raw *x;

	if (!t)
		return -1;
	t->call = (struct entry){ true, l->time_ns,
				  l->has_value ? (uint64_t)l->value : 0,
				  l->has_value2 ? (uint32_t)l->value2 : 0 };
	x = raw_add(r);
	if (!x)
		return -1;
	x->kind = R_GETRANDOM;
	x->pid = t->pid;
	snprintf(x->comm, sizeof(x->comm), "%s", t->comm);
	x->start_ns = x->time_ns = l->time_ns;
	x->has_call = l->has_value && l->has_value2;
	x->count = t->call.count;
	x->flags = t->call.flags;
	return 0;
}

static int on_call(struct reader *r, const struct rt_boot_line *l)
{
	struct task *t;
	size_t i;
	bool is_ret;

	for (i = 0; i < N(calls); i++)
		if (!strcmp(l->event, calls[i].entry) || !strcmp(l->event, calls[i].ret))
			break;
	if (i == N(calls))
		return 0;	/* an event this controller does not know */
	is_ret = !strcmp(l->event, calls[i].ret);
	t = task_of(r, l->pid, l->comm);
	if (!t)
		return -1;
	if (!is_ret) {
		if (t->depth == DEPTH)
			return 0;
		t->f[t->depth++] = (struct frame){ .call = calls[i].call,
						    .start_ns = l->time_ns };
		return 0;
	}
	/* a return without its entry (the buffer began later): dropped */
	if (!t->depth || t->f[t->depth - 1].call != calls[i].call)
		return 0;
	t->depth--;
	if (calls[i].call == C_KERNEL_WAIT && t->depth) {
		struct frame *outer = &t->f[t->depth - 1];

		/* inside getrandom() or a /dev/random read: its wait */
		outer->waited = true;
		outer->wait_start_ns = t->f[t->depth].start_ns;
		outer->wait_end_ns = l->time_ns;
		outer->wait_ret = l->value;
		return 0;
	}
	return call_done(r, t, &t->f[t->depth], false, l->time_ns,
			 l->has_value, l->value, l->func);
}

static int on_line(struct reader *r, const struct rt_boot_line *l)
{
	size_t i;

	if (!strcmp(l->event, "credit")) {
		if (r->npend == N(r->pend)) {
			memmove(r->pend, r->pend + 1, sizeof(r->pend) - sizeof(r->pend[0]));
			r->npend--;
		}
		r->pend[r->npend++] = (struct pending){ l->cpu, l->pid, l->time_ns,
							l->has_value ? l->value : 0 };
		return 0;
	}
	if (!strcmp(l->event, "credit_ret")) {
		struct raw *x;

		/* the latest entry on this CPU: credits nest only in interrupts */
		for (i = r->npend; i-- > 0;)
			if (r->pend[i].cpu == l->cpu)
				break;
		if (i == (size_t)-1)
			return 0;	/* its entry was before the buffer's start */
		x = raw_add(r);
		if (!x)
			return -1;
		x->kind = R_CREDIT;
		x->time_ns = r->pend[i].time_ns;
		x->end_ns = l->time_ns;
		x->bits = r->pend[i].bits;
		x->pid = r->pend[i].pid;
		snprintf(x->comm, sizeof(x->comm), "%s", l->comm);
		snprintf(x->caller, sizeof(x->caller), "%s", l->func);
		memmove(&r->pend[i], &r->pend[i + 1], (r->npend - i - 1) * sizeof(r->pend[0]));
		r->npend--;
		return 0;
	}
	if (!strcmp(l->event, "getrandom_call"))
		return on_getrandom_call(r, l);
	if (!strcmp(l->event, "set_ready")) {
		if (!r->saw_set_ready) {
			r->saw_set_ready = true;
			r->set_ready_ns = l->time_ns;
		}
		return 0;
	}
	return on_call(r, l);
}

static int by_time(const void *a, const void *b)
{
	const struct rt_event *x = a, *y = b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void event_task(struct rt_event *e, const struct raw *x)
{
	e->has_pid = true;
	e->pid = x->pid;
	snprintf(e->comm, sizeof(e->comm), "%s", x->comm);
}

int rt_boot_events_read(FILE *f, bool ready_now, struct rt_boot_events *be,
			char *err, size_t errlen)
{
	struct reader r = { 0 };
	struct rt_boot_line l;
	char line[1024];
	uint64_t ready_ns = 0;
	size_t i, completer = (size_t)-1, n = 0, nopen = 0;
	bool ready = false;
	int ret = -1;

	memset(be, 0, sizeof(*be));
	while (fgets(line, sizeof(line), f)) {
		switch (rt_boot_line_parse(line, &l)) {
		case 1:
			break;
		case 2:
			be->lost += (uint64_t)l.value;
			continue;
		case -1:
			be->bad_lines++;
			continue;
		default:
			continue;
		}
		if (!be->lines++)
			be->first_ns = l.time_ns;
		if (on_line(&r, &l))
			goto nomem;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "reading the boot probes' trace: %s", strerror(errno));
		goto out;
	}
	/*
	 * The calls still in progress: a wait_for_random_bytes() that has
	 * not returned is a wait that has not ended (its outer call's path).
	 */
	for (i = 0; i < r.ntasks; i++) {
		struct task *t = &r.tasks[i];
		struct frame fr;

		if (!t->depth || t->f[t->depth - 1].call != C_KERNEL_WAIT)
			continue;
		fr = t->f[t->depth - 1];
		if (t->depth > 1) {
			fr.call = t->f[t->depth - 2].call;
			fr.waited = true;
			fr.wait_start_ns = t->f[t->depth - 1].start_ns;
		}
		if (call_done(&r, t, &fr, true, 0, false, 0, NULL))
			goto nomem;
	}

	/* READY: the last credit before crng_set_ready(), or of a ready CRNG. */
	for (i = 0; i < r.nraw; i++) {
		if (r.raw[i].kind != R_CREDIT)
			continue;
		if (r.saw_set_ready && r.raw[i].time_ns > r.set_ready_ns)
			continue;
		if (completer == (size_t)-1 || r.raw[i].time_ns >= r.raw[completer].time_ns)
			completer = i;
	}
	if (completer != (size_t)-1 && (r.saw_set_ready || ready_now)) {
		ready = true;
		ready_ns = r.raw[completer].time_ns;
	}

	be->ev = calloc(r.nraw + 1, sizeof(*be->ev));
	be->open = calloc(r.nraw + 1, sizeof(*be->open));
	if (!be->ev || !be->open)
		goto nomem;
	for (i = 0; i < r.nraw; i++) {
		const struct raw *x = &r.raw[i];
		struct rt_event *e = &be->ev[n];

		memset(e, 0, sizeof(*e));
		e->has_seq = e->has_type = e->has_time = true;
		e->boot_probe = true;
		if (x->kind == R_CREDIT) {
			e->type = RNGTRACE_EVENT_TYPE_CREDIT;
			e->time_ns = x->time_ns;
			e->has_source = e->has_bits = true;
			e->source = rt_boot_source_of(x->caller);
			e->bits = (uint32_t)x->bits;
			snprintf(e->caller, sizeof(e->caller), "%s", x->caller);
			if (e->source == RNGTRACE_SOURCE_IOCTL)
				event_task(e, x);
			e->seq = 2 * i;
			n++;
			if (i == completer && ready) {
				struct rt_event *rd = &be->ev[n++];

				*rd = *e;
				rd->type = RNGTRACE_EVENT_TYPE_READY;
				rd->has_evidence = true;
				rd->evidence = RT_READY_EVIDENCE_LAST_CREDIT;
				/* "crng init done" is printed before it */
				rd->has_return = true;
				rd->return_ns = x->end_ns;
				rd->seq = 2 * i + 1;
			}
			continue;
		}
		if (x->kind == R_GETRANDOM) {
			/*
			 * getrandom()'s entry alone: before READY, with
			 * GRND_NONBLOCK or GRND_INSECURE (and flags it
			 * takes), an unseeded read (as the module counts it);
			 * its result is not known. Without them it waits:
			 * wait_for_random_bytes() says so.
			 */
			uint32_t fl = x->flags;

			if (!x->has_call || (ready && x->time_ns >= ready_ns) ||
			    fl & ~(uint32_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
			    (fl & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM) ||
			    !(fl & (GRND_NONBLOCK | GRND_INSECURE)))
				continue;
			e->type = RNGTRACE_EVENT_TYPE_UNSEEDED;
			e->time_ns = x->time_ns;
			e->has_path = e->has_flags = e->has_bytes = true;
			e->path = RNGTRACE_PATH_GETRANDOM;
			e->flags = fl;
			e->bytes = x->count;
			event_task(e, x);
			e->seq = 2 * i;
			n++;
			continue;
		}
		/* a call: a wait, an unseeded read, or neither */
		e->has_path = !(x->call == C_KERNEL_WAIT && !x->has_path);
		e->path = x->call == C_RANDOM_READ ? RNGTRACE_PATH_DEV_RANDOM :
			  x->call == C_URANDOM_READ ? RNGTRACE_PATH_DEV_URANDOM :
			  x->call == C_KERNEL_WAIT ? RNGTRACE_PATH_KERNEL :
			  RNGTRACE_PATH_GETRANDOM;
		if (x->has_path)
			e->path = x->path;
		if (x->has_call) {
			e->has_flags = e->has_bytes = true;
			e->flags = x->flags;
			e->bytes = x->count;
		}
		event_task(e, x);
		if (x->has_ret && x->call == C_KERNEL_WAIT && e->has_path &&
		    e->path != RNGTRACE_PATH_KERNEL) {
			/*
			 * A call's wait on its own: the call's result is not
			 * known, but for a signal (-ERESTARTSYS: -EINTR is
			 * what the task saw, as the module says it).
			 */
			if (x->ret < 0) {
				e->has_result = true;
				e->result = x->ret == -RT_ERESTARTSYS ? -EINTR : x->ret;
			}
		} else if (x->has_ret) {
			e->has_result = true;
			e->result = x->ret;
			if (x->ret > 0 && x->call != C_KERNEL_WAIT) {
				e->has_bytes = true;
				e->bytes = (uint64_t)x->ret;
			}
		}
		e->seq = 2 * i;
		if (x->waited && (!ready || x->wait_start_ns < ready_ns)) {
			e->type = RNGTRACE_EVENT_TYPE_WAIT;
			e->has_start = true;
			e->start_ns = x->wait_start_ns;
			e->time_ns = x->wait_end_ns;
			if (x->open) {
				e->has_seq = false;
				e->has_result = false;
				e->time_ns = e->start_ns;
				be->open[nopen++] = *e;
				continue;
			}
			n++;
		} else if (!x->waited && x->call != C_KERNEL_WAIT &&
			   (!ready || x->time_ns < ready_ns)) {
			/* it returned before READY without waiting */
			e->type = RNGTRACE_EVENT_TYPE_UNSEEDED;
			e->time_ns = x->start_ns;
			n++;
		}
	}
	qsort(be->ev, n, sizeof(*be->ev), by_time);
	for (i = 0; i < n; i++)
		be->ev[i].seq = i;
	be->nev = n;
	be->nopen = nopen;
	be->ready = ready;
	ret = 0;
	goto out;
nomem:
	snprintf(err, errlen, "reading the boot probes' trace: out of memory");
	rt_boot_events_free(be);
out:
	free(r.raw);
	free(r.tasks);
	return ret;
}

void rt_boot_events_free(struct rt_boot_events *be)
{
	free(be->ev);
	free(be->open);
	be->ev = be->open = NULL;
	be->nev = be->nopen = 0;
}

/* A small file of @proc/PID/NAME, its last newline cut; 0 or -1. */
static int proc_read(const char *proc, uint32_t pid, const char *name,
		     char *buf, size_t len)
{
	char path[256];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%u/%s", proc, pid, name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return 0;
}

/*
 * When PID started, in ns of CLOCK_BOOTTIME (stat's starttime, field 22,
 * in clock ticks; the name before it may hold spaces and parentheses):
 * rounded down to a tick, or -1.
 */
static long long proc_start_ns(const char *proc, uint32_t pid)
{
	long hz = sysconf(_SC_CLK_TCK);
	unsigned long long ticks;
	char buf[1024], *p;
	int field;

	if (hz <= 0 || proc_read(proc, pid, "stat", buf, sizeof(buf)))
		return -1;
	p = strrchr(buf, ')');
	for (field = 2; p && field < 22; field++) {
		p = strchr(p + 1, ' ');
		if (p)
			p++;
	}
	if (!p || sscanf(p, "%llu", &ticks) != 1)
		return -1;
	return (long long)(ticks * (1000000000ULL / (unsigned long long)hz));
}

static void event_cgroup(struct rt_event *e, const char *proc)
{
	char comm[64], cg[4096], *line;
	long long start, at = (long long)(e->has_start ? e->start_ns : e->time_ns);

	if (!e->has_pid || !e->pid || e->cgroup[0] ||
	    proc_read(proc, e->pid, "comm", comm, sizeof(comm)) ||
	    strcmp(comm, e->comm))
		return;
	start = proc_start_ns(proc, e->pid);
	if (start < 0 || start > at ||
	    proc_read(proc, e->pid, "cgroup", cg, sizeof(cg)))
		return;
	/* cgroup v2's line: "0::/system.slice/ssh.service" */
	line = strncmp(cg, "0::", 3) ? strstr(cg, "\n0::") : cg;
	if (line && *line == '\n')
		line++;
	if (line) {
		size_t n = strcspn(line + 3, "\n");

		if (n && n < sizeof(e->cgroup))
			snprintf(e->cgroup, sizeof(e->cgroup), "%.*s", (int)n,
				 line + 3);
	}
}

void rt_boot_events_cgroups(struct rt_boot_events *be, const char *proc)
{
	size_t i;

	for (i = 0; i < be->nev; i++)
		event_cgroup(&be->ev[i], proc);
	for (i = 0; i < be->nopen; i++)
		event_cgroup(&be->open[i], proc);
}

int rt_boot_events_collect(bool ready_now, struct rt_boot_events *be,
			   char *err, size_t errlen)
{
	const char *tracefs = rt_tracefs(false);
	char path[128];
	FILE *f;
	int ret;

	memset(be, 0, sizeof(*be));
	if (!tracefs)
		return 0;
	snprintf(path, sizeof(path), "%s/events/%s", tracefs, RT_BOOT_GROUP);
	if (access(path, F_OK))
		return 0;
	snprintf(path, sizeof(path), "%s/trace", tracefs);
	f = fopen(path, "re");
	if (!f) {
		snprintf(err, errlen, "cannot read the boot probes' events: %s: %s",
			 path, strerror(errno));
		return -1;
	}
	ret = rt_boot_events_read(f, ready_now, be, err, errlen);
	fclose(f);
	if (!ret)
		rt_boot_events_cgroups(be, "/proc");
	return ret ? -1 : 1;
}
