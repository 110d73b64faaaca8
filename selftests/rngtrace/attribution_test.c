// SPDX-License-Identifier: GPL-2.0
/*
 * READY names the credit that completed it, on a machine where credits
 * race on several CPUs (run with 2 vCPUs). Ground truth is the kernel's
 * own tracer, not the module: tracefs events on crng_reseed() (only the
 * completing credit calls it before ready), on its return, and on the
 * entry and return of _credit_init_bits, with CLOCK_BOOTTIME as the
 * trace clock. The first reseed is the completion; the first credit
 * return after it on the same CPU and task is the completer, and its
 * return address names the code that credited. READY must carry that
 * caller, and a time inside the reseed: after the completer's entry and
 * before crng_reseed() returned. Those are orders, not tolerances: with
 * two vCPUs on one TCG thread, two handlers on one probe site were once
 * 230 us apart on the guest's clock (the other vCPU ran between them).
 * Needs the CRNG not ready.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/random.h>

#include "harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define TRACEFS "/sys/kernel/tracing"
#define MAX_EVENTS 4096
#define MAX_CPUS 256

static struct rt_ev evs[MAX_EVENTS];

/* The credit function's name on this kernel (a .part clone, say). */
static int credit_symbol(char *sym, size_t size)
{
	char line[512], name[256];
	FILE *f = fopen("/proc/kallsyms", "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*c %255s", name) == 1 &&
		    (!strcmp(name, "_credit_init_bits") ||
		     !strncmp(name, "_credit_init_bits.part.", 23))) {
			snprintf(sym, size, "%s", name);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

struct traced {
	int cpu;
	int pid;
	double t;
	char caller[128];	/* for returns: the function returned to */
};

/* "  comm-PID  [CPU] flags  TIME: EVENT: (caller+0x1/0x2 <- fn) ..." */
static int parse_line(const char *line, const char *event, struct traced *t)
{
	const char *p = strstr(line, event), *lb, *paren;
	const char *dash;

	if (!p)
		return 0;
	lb = strchr(line, '[');
	if (!lb || lb > p)
		return 0;
	for (dash = lb; dash > line && dash[-1] != '-'; dash--)
		;
	t->pid = atoi(dash);
	t->cpu = atoi(lb + 1);
	/* "TIME: EVENT:": the time ends at the colon before the event. */
	for (dash = p - 2; dash > lb && dash[-1] != ' '; dash--)
		;
	t->t = atof(dash);
	t->caller[0] = '\0';
	paren = strchr(p, '(');
	if (paren)
		sscanf(paren + 1, "%127[^+ ]", t->caller);
	return 1;
}

/* A trace time (seconds, printed to the microsecond) in microseconds. */
static long long us_of(double t)
{
	return (long long)(t * 1e6 + 0.5);
}

TEST(ready_names_the_credit_the_kernel_traced_completing)
{
	char sym[256], def[512], line[1024];
	struct traced reseed = { .cpu = -1 }, ret, best = { .cpu = -1 };
	struct traced entry[MAX_CPUS], done = { .cpu = -1 };
	struct traced in, begun = { .cpu = -1 };
	static const char * const defs[] = {
		"p:rtgt/reseed crng_reseed",
		"r:rtgt/reseed_done crng_reseed",
		"p:rtgt/credit_in %s",
		"r:rtgt/credit %s",
	};
	const struct rt_ev *ready = NULL;
	struct rt_st st;
	char buf[16];
	FILE *f;
	int n, i, fd;

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready already");
	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) && errno != EBUSY)
		SKIP(return, "no tracefs");
	ASSERT_TRUE(credit_symbol(sym, sizeof(sym)));
	for (i = 0; i < MAX_CPUS; i++)
		entry[i].cpu = -1;	/* no credit entry seen on it yet */
	ASSERT_EQ(0, write_line(TRACEFS "/trace_clock", "boot"));
	ASSERT_EQ(0, write_line(TRACEFS "/buffer_size_kb", "4096"));
	ASSERT_EQ(0, write_line(TRACEFS "/kprobe_events", ""));
	fd = open(TRACEFS "/kprobe_events", O_WRONLY | O_APPEND);
	ASSERT_LE(0, fd);
	for (i = 0; i < (int)(sizeof(defs) / sizeof(defs[0])); i++) {
		snprintf(def, sizeof(def), defs[i], sym);
		strcat(def, "\n");
		ASSERT_EQ((ssize_t)strlen(def), write(fd, def, strlen(def)))
			TH_LOG("%s: %s", def, strerror(errno));
	}
	close(fd);
	ASSERT_EQ(0, write_line(TRACEFS "/events/rtgt/enable", "1"));
	ASSERT_EQ(0, write_line(TRACEFS "/tracing_on", "1"));

	ASSERT_EQ(16, getrandom(buf, sizeof(buf), 0));	/* until ready */
	ASSERT_EQ(0, write_line(TRACEFS "/tracing_on", "0"));

	f = fopen(TRACEFS "/trace", "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		if (reseed.cpu < 0) {
			if (parse_line(line, "credit_in:", &in) &&
			    in.cpu >= 0 && in.cpu < MAX_CPUS)
				entry[in.cpu] = in;
			else if (parse_line(line, "reseed:", &reseed) &&
				 reseed.cpu < MAX_CPUS &&
				 entry[reseed.cpu].cpu >= 0 &&
				 entry[reseed.cpu].pid == reseed.pid)
				begun = entry[reseed.cpu];
			continue;
		}
		if (done.cpu < 0 && parse_line(line, "reseed_done:", &ret) &&
		    ret.cpu == reseed.cpu && ret.pid == reseed.pid)
			done = ret;
		if (parse_line(line, "credit:", &ret) && ret.cpu == reseed.cpu &&
		    ret.pid == reseed.pid && ret.t >= reseed.t) {
			best = ret;
			break;
		}
	}
	fclose(f);
	write_line(TRACEFS "/events/rtgt/enable", "0");
	write_line(TRACEFS "/kprobe_events", "");
	ASSERT_LE(0, reseed.cpu) TH_LOG("no crng_reseed traced");
	ASSERT_LE(0, best.cpu) TH_LOG("no credit return after the reseed");
	ASSERT_LE(0, begun.cpu) TH_LOG("no credit entry before the reseed");
	ASSERT_LE(0, done.cpu) TH_LOG("no crng_reseed return before the credit's");

	ASSERT_EQ(0, rt_status(&st));
	ASSERT_EQ(0, rt_events(0, evs, MAX_EVENTS, &n));
	for (i = 0; i < n; i++)
		if (evs[i].type == RNGTRACE_EVENT_TYPE_READY)
			ready = &evs[i];
	ASSERT_NE(NULL, ready);
	TH_LOG("traced: credit in at %.6f, reseed on CPU %d pid %d at %.6f, done at %.6f, completer returned to %s at %.6f",
	       begun.t, reseed.cpu, reseed.pid, reseed.t, done.t, best.caller,
	       best.t);
	EXPECT_STREQ(best.caller, ready->caller);
	/*
	 * The reseed's time, not the return's (both probes see one hit).
	 * The trace prints microseconds: the bounds are whole ones.
	 */
	EXPECT_LE(us_of(begun.t), (long long)(ready->time_ns / 1000))
		TH_LOG("READY %llu ns before the completer's entry",
		       (unsigned long long)ready->time_ns);
	EXPECT_GE(us_of(done.t), (long long)(ready->time_ns / 1000))
		TH_LOG("READY %llu ns after crng_reseed() returned",
		       (unsigned long long)ready->time_ns);
}

TEST_HARNESS_MAIN
