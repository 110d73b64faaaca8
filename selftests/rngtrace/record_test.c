// SPDX-License-Identifier: GPL-2.0
/*
 * "rngtrace record" against what the test measures itself.
 *
 * Run first in a VM whose CRNG is not ready yet (-cpu qemu64): start the
 * recorder (--until settled --settle 1), then twelve getrandom() children
 * that block and time themselves on CLOCK_BOOTTIME; the trace must have
 * exactly their twelve waits, within 2 ms of their own clocks, a ready
 * object, and credits before READY that reach the threshold. In a VM
 * whose CRNG was ready at load (-cpu max), a recording --until ready must
 * say ready before load and show no wait.
 *
 * The BPF backend (record --backend bpf) records the first case's boot
 * too, started before the module's recorder: its trace must have the
 * same twelve waits against the children's clocks, READY in the same
 * credit's call with the same source, the module's credits since it
 * attached, and its programs detached after READY. Where this rngtrace
 * was built without it (a cross build), that case is a skip.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <jansson.h>

#include "harness.h"
#include "groundtruth.h"
#include "recorder.h"
#include "rtnl.h"

#define TRACE "/tmp/t.json"
#define RECORD_ERR "/tmp/record.err"
/*
 * More than a kretprobe's default instances on one CPU, max(10, 2 x CPUs):
 * each child holds one until READY, and every return must be seen.
 */
#define NCHILD 12
#define BPF_TRACE "/tmp/b.json"
#define BPF_ERR "/tmp/bpf.err"
#define BPF_STATUS "/tmp/bpf.status"
#define CHILDREN "/tmp/children.bin"

/* Start rngtrace record with @until, its stderr to RECORD_ERR. */
static pid_t start_recorder(const char *until, const char *settle)
{
	char *argv[] = { "rngtrace", "record", "-o", TRACE, "--until", (char *)until,
			 "--timeout", "50", settle ? "--settle" : NULL, (char *)settle, NULL };

	unlink(TRACE);
	return rec_spawn(RECORD_ERR, argv);
}

/*
 * Start rngtrace record --backend bpf and wait until it says its programs
 * are attached (or it exited: then its status is in BPF_STATUS). Its pid,
 * or -1 when it is not running.
 */
static pid_t start_bpf_recorder(void)
{
	char *argv[] = { "rngtrace", "record", "--backend", "bpf", "-o", BPF_TRACE,
			 "--until", "settled", "--settle", "1", "--timeout", "50", NULL };
	int status;
	pid_t pid;

	unlink(BPF_TRACE);
	unlink(BPF_STATUS);
	pid = rec_start_bpf(BPF_ERR, argv, &status);
	if (pid < 0 && status >= 0) {
		FILE *st = fopen(BPF_STATUS, "w");

		if (st) {
			fprintf(st, "%d\n", status);
			fclose(st);
		}
	}
	return pid;
}

/*
 * Wait until the recorder has made its temporary file, which it does just
 * before it joins the events group and dumps; then a little longer. 0, or
 * -1 when it did not within 10 s.
 */
static int recorder_started(void)
{
	int64_t deadline = boottime_ns() + 10000000000LL;

	while (boottime_ns() < deadline) {
		glob_t g;
		int found = glob(TRACE ".tmp.*", 0, NULL, &g) == 0;

		globfree(&g);
		if (found) {
			usleep(300000);
			return 0;
		}
		usleep(10000);
	}
	return -1;
}

static void log_recorder_stderr(struct __test_metadata *_metadata)
{
	char line[512];
	FILE *f = fopen(RECORD_ERR, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		TH_LOG("recorder: %s", line);
	}
	fclose(f);
}

static void copy_out(void)
{
	char buf[65536];
	ssize_t n;
	int in, out;

	if (access("/out", W_OK))
		return;
	in = open(TRACE, O_RDONLY);
	out = open("/out/record.json", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
}

static long long jint(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

struct measured {
	int idx;
	pid_t pid;
	int64_t t0, t1;
	int64_t q0;	/* run_delay_ns() at t0 */
	int64_t queued;	/* run_delay_ns() across them */
	/*
	 * run_delay_ns() from t0 to when the parent saw it waiting (what
	 * may stand between its clock and its call's start; not the queue
	 * behind its siblings once READY woke them all); queued where it
	 * was not seen.
	 */
	int64_t qstart;
	ssize_t ret;
};

TEST(record_until_settled_has_the_waits_and_ready)
{
	struct measured m[NCHILD];
	pid_t pids[NCHILD], rec, bpf;
	int pipes[2], go[2], i, j, seen = 0, seen_by[NCHILD] = {}, rc;
	int64_t qseen[NCHILD];
	json_t *t, *events, *ev = NULL, *ready, *module, *record;
	json_error_t jerr;
	long long ready_seq = -1, sum = 0, nwait = 0, missed = 0, largest = 1;
	int window;
	int64_t deadline;
	size_t k;

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready already");
	unlink(CHILDREN);
	bpf = start_bpf_recorder();
	rec = start_recorder("settled", "1");
	ASSERT_LT(0, rec);
	/* Following live, not only from the ring's history. */
	EXPECT_EQ(0, recorder_started());
	if (crng_ready_now())
		SKIP(return, "the CRNG became ready while the recorder started");

	ASSERT_EQ(0, pipe(pipes));
	ASSERT_EQ(0, pipe(go));
	for (i = 0; i < NCHILD; i++)
		qseen[i] = -1;
	for (i = 0; i < NCHILD; i++) {
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		pids[i] = pid;
		if (pid == 0) {
			struct measured r = { .idx = i, .pid = getpid() };
			char buf[16], c;

			close(go[1]);
			if (read(go[0], &c, 1) != 0)	/* all start at once */
				_exit(2);
			r.q0 = run_delay_ns();
			r.t0 = boottime_ns();
			r.ret = getrandom(buf, sizeof(buf), 0);
			r.t1 = boottime_ns();
			r.queued = run_delay_ns() - r.q0;
			_exit(write(pipes[1], &r, sizeof(r)) == sizeof(r) ? 0 : 3);
		}
	}
	close(go[0]);
	close(go[1]);	/* EOF: go */

	/*
	 * The children stay as they are: a sibling that runs between a
	 * child's clock and its call is in the child's run delay, which the
	 * checks below allow. (Each child seen waiting used to become
	 * real-time: its jitter loop then starved a sibling not yet in the
	 * kernel until the CRNG was ready, and that one never waited: 6.1,
	 * 2 waits of 3.)
	 */
	deadline = boottime_ns() + 10000000000LL;
	do {	/* (one look at least, whatever the CRNG's state) */
		static struct rt_ev waiting[64];
		int nwaiting;

		if (rt_waiting(waiting, 64, &nwaiting))
			break;
		for (j = 0; j < nwaiting; j++) {
			for (i = 0; i < NCHILD; i++) {
				if (seen_by[i] || waiting[j].pid != (uint32_t)pids[i])
					continue;
				seen_by[i] = 1;
				seen++;
				qseen[i] = run_delay_of(pids[i]);
			}
		}
	} while (seen < NCHILD && boottime_ns() < deadline && !crng_ready_now());
	for (i = 0; i < NCHILD; i++) {
		struct measured r;

		ASSERT_EQ(sizeof(r), read(pipes[0], &r, sizeof(r)));
		ASSERT_LE(0, r.idx);
		ASSERT_GT(NCHILD, r.idx);
		ASSERT_EQ(16, r.ret);
		r.qstart = qseen[r.idx] >= r.q0 ? qseen[r.idx] - r.q0 : r.queued;
		m[r.idx] = r;
	}
	for (i = 0; i < NCHILD; i++)
		waitpid(pids[i], NULL, 0);
	EXPECT_LT(0, seen) TH_LOG("no child seen waiting in WAITING_GET");

	{
		FILE *f = fopen(CHILDREN, "w");

		if (f) {
			fwrite(m, sizeof(m), 1, f);
			fclose(f);
		}
	}
	rc = rec_wait(rec, 60);
	log_recorder_stderr(_metadata);
	if (bpf > 0) {
		FILE *f = fopen(BPF_STATUS, "w");
		int brc = rec_wait(bpf, 60);

		if (f) {
			fprintf(f, "%d\n", brc);
			fclose(f);
		}
	}
	ASSERT_EQ(0, rc) TH_LOG("rngtrace record: exit %d", rc);
	copy_out();

	t = json_load_file(TRACE, 0, &jerr);
	ASSERT_NE(NULL, t) TH_LOG("%s: %s", TRACE, jerr.text);
	EXPECT_STREQ("rngtrace-trace", jstr(t, "format"));
	EXPECT_STREQ("1.5", jstr(t, "version"));
	record = json_object_get(t, "record");
	EXPECT_STREQ("settled", jstr(record, "until"));
	EXPECT_STREQ("settled", jstr(record, "stopped_by"));
	EXPECT_TRUE(json_is_true(json_object_get(record, "complete")));
	EXPECT_EQ(0, jint(record, "events_dropped_before_start"));
	/* 1.1: the waits still in flight at the end (none listed is []) */
	EXPECT_TRUE(json_is_array(json_object_get(record, "open_waits")));
	EXPECT_TRUE(json_is_integer(json_object_get(record, "open_waits_total")));

	events = json_object_get(t, "events");
	ASSERT_TRUE(json_is_array(events));
	json_array_foreach(events, k, ev) {
		if (!strcmp(jstr(ev, "type"), "ready")) {
			EXPECT_EQ(-1, ready_seq) TH_LOG("a second READY");
			ready_seq = jint(ev, "seq");
		}
	}
	/* Every wait is one of the children's, and each has one. */
	json_array_foreach(events, k, ev) {
		int found = 0;

		if (strcmp(jstr(ev, "type"), "wait"))
			continue;
		nwait++;
		for (i = 0; i < NCHILD; i++) {
			if (jint(ev, "pid") != m[i].pid)
				continue;
			found = 1;
			EXPECT_STREQ("getrandom", jstr(ev, "path"));
			EXPECT_EQ(16, jint(ev, "bytes"));
			EXPECT_EQ(16, jint(ev, "result"));
			/*
			 * Inside its clocks, within 2 ms of each, and of however
			 * long a sibling held the CPU around its call (as in
			 * boot_test).
			 */
			EXPECT_LE(m[i].t0 - SKEW_NS, jint(ev, "start_ns"));
			EXPECT_GE(m[i].t1 + SKEW_NS, jint(ev, "time_ns"));
			EXPECT_GT(2000000 + m[i].qstart, jint(ev, "start_ns") - m[i].t0)
				TH_LOG("child %d: start %lld, its clock %lld, queued %lld ns before it waited",
				       i, jint(ev, "start_ns"), (long long)m[i].t0,
				       (long long)m[i].qstart);
			EXPECT_GT(2000000 + m[i].queued, m[i].t1 - jint(ev, "time_ns"))
				TH_LOG("child %d: end %lld, its clock %lld, queued %lld ns", i,
				       jint(ev, "time_ns"), (long long)m[i].t1,
				       (long long)m[i].queued);
		}
		EXPECT_EQ(1, found) TH_LOG("a wait by pid %lld (%s), not a child's",
					   jint(ev, "pid"), jstr(ev, "comm"));
	}
	EXPECT_EQ(NCHILD, nwait);
	for (i = 0; i < NCHILD; i++) {
		int n = 0;

		json_array_foreach(events, k, ev)
			n += !strcmp(jstr(ev, "type"), "wait") &&
			     jint(ev, "pid") == m[i].pid;
		EXPECT_EQ(1, n) TH_LOG("child %d (pid %d)", i, m[i].pid);
	}

	ready = json_object_get(t, "ready");
	ASSERT_TRUE(json_is_object(ready));
	EXPECT_TRUE(json_is_false(json_object_get(ready, "before_load")));
	EXPECT_TRUE(json_is_integer(json_object_get(ready, "time_ns")));
	/* It was recording when the CRNG became ready. */
	EXPECT_GT(jint(ready, "time_ns"), jint(record, "started_ns"));

	ASSERT_LE(0, ready_seq);
	json_array_foreach(events, k, ev) {
		if (strcmp(jstr(ev, "type"), "credit"))
			continue;
		if (jint(ev, "bits") > largest)
			largest = jint(ev, "bits");
		if (jint(ev, "seq") < ready_seq)
			sum += jint(ev, "bits");
	}
	module = json_object_get(t, "module");
	json_array_foreach(json_object_get(module, "probes"), k, ev)
		if (!strncmp(jstr(ev, "symbol"), "_credit_init_bits", 17))
			missed += jint(ev, "nmissed");
	/*
	 * The credits reach the threshold, unless the probe says it missed
	 * some (a credit from a softirq that interrupted another rngtrace
	 * handler): then the shortfall is what that many credits can explain,
	 * each at most the largest this boot made, and no more.
	 */
	/* Credited while loading, in neither count: /init measured it. */
	window = load_window_bits();
	if (window < 0)
		window = 0;
	if (!missed) {
		EXPECT_LE(RNGTRACE_READY_BITS,
			  sum + jint(module, "pool_bits_at_load") + window)
			TH_LOG("%lld bits at load + %lld credited before READY + %d while loading",
			       jint(module, "pool_bits_at_load"), sum, window);
	} else {
		EXPECT_GE(largest * missed,
			  RNGTRACE_READY_BITS - sum - jint(module, "pool_bits_at_load") -
			  window)
			TH_LOG("%lld bits at load + %lld credited, %lld credits missed",
			       jint(module, "pool_bits_at_load"), sum, missed);
	}
	json_decref(t);
}

/* The ready event of @events, or NULL. */
static json_t *ready_event(json_t *events)
{
	json_t *ev;
	size_t k;

	json_array_foreach(events, k, ev)
		if (!strcmp(jstr(ev, "type"), "ready"))
			return ev;
	return NULL;
}

/* The wait of @pid in @events, NULL if none. */
static json_t *wait_of(json_t *events, long long pid)
{
	json_t *ev;
	size_t k;

	json_array_foreach(events, k, ev)
		if (!strcmp(jstr(ev, "type"), "wait") && jint(ev, "pid") == pid)
			return ev;
	return NULL;
}

/*
 * The module's credits in @tev from @attached + 2 ms to @ready_ns, and
 * how many of them the BPF backend's @bev has (bits, source, within
 * STAMP_SKEW_NS), matched in time order; those of @bev get "matched".
 */
/*
 * How far apart the two may stamp one credit's entry, or one wait's start
 * or end. They run one after the other (on arm64 the BPF backend's kprobe
 * is a BRK at the function's first instruction, the module's fprobe at
 * ftrace's site after it), but the guest's clock is the host's: an
 * interrupt between them, or the host running something else instead of
 * the guest (make check's other boot), moves it. Seen: 2.4 ms (arm64
 * 6.12), 8.4 ms (x86_64 5.10 beside the other worker). The credits are
 * matched in order, so the window only has to be wider than that: 50 ms.
 */
#define STAMP_SKEW_NS	50000000LL

static void match_credits(json_t *tev, json_t *bev, long long attached,
			  long long ready_ns, long long *wanted, long long *matched)
{
	size_t nt = json_array_size(tev), nb = json_array_size(bev);
	size_t i = 0, j = 0;

	while (i < nt && j < nb) {
		json_t *x = json_array_get(tev, i), *y = json_array_get(bev, j);
		long long tx = jint(x, "time_ns"), ty = jint(y, "time_ns");

		if (strcmp(jstr(x, "type"), "credit") || tx < attached + 2000000 ||
		    tx >= ready_ns) {
			i++;
			continue;
		}
		if (strcmp(jstr(y, "type"), "credit")) {
			j++;
			continue;
		}
		if (llabs(ty - tx) <= STAMP_SKEW_NS && jint(x, "bits") == jint(y, "bits") &&
		    !strcmp(jstr(x, "source"), jstr(y, "source"))) {
			json_object_set_new(y, "matched", json_true());
			(*matched)++;
			(*wanted)++;
			i++;
			j++;
		} else if (ty < tx) {
			j++;
		} else {
			(*wanted)++;
			i++;
		}
	}
	for (; i < nt; i++) {
		json_t *x = json_array_get(tev, i);
		long long tx = jint(x, "time_ns");

		*wanted += !strcmp(jstr(x, "type"), "credit") &&
			   tx >= attached + 2000000 && tx < ready_ns;
	}
}

/* The backend's kretprobe events in tracefs (bpfkretprobe.h), or -1. */
static int bpf_kprobe_events(void)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/sys/kernel/tracing/kprobe_events", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += !!strstr(line, ":rngtrace_bpf/");
	fclose(f);
	return n;
}

/*
 * Whether @tev has @y's credit (bits, source, within STAMP_SKEW_NS) stamped
 * at or after @ready_ns, not yet claimed: claims it.
 */
static bool returned_after(json_t *tev, json_t *y, long long ready_ns)
{
	json_t *x;
	size_t i;

	json_array_foreach(tev, i, x) {
		long long tx = jint(x, "time_ns");

		if (!strcmp(jstr(x, "type"), "credit") && tx >= ready_ns &&
		    llabs(tx - jint(y, "time_ns")) <= STAMP_SKEW_NS &&
		    jint(x, "bits") == jint(y, "bits") &&
		    !strcmp(jstr(x, "source"), jstr(y, "source")) &&
		    !json_is_true(json_object_get(x, "claimed"))) {
			json_object_set_new(x, "claimed", json_true());
			return true;
		}
	}
	return false;
}

/*
 * The same boot through the BPF backend (started by the first case,
 * before the module's recorder): against the children's own clocks and
 * the module's trace.
 */
TEST(bpf_backend_agrees_with_the_module)
{
	struct measured m[NCHILD];
	json_t *b, *t, *bev, *tev, *ev, *brd, *trd, *bpf, *mw;
	json_error_t jerr;
	char line[512] = "";
	long long attached, ready_ns, matched = 0, wanted = 0, misses, lost = 0;
	size_t k;
	int i, st = -1;
	FILE *f;

	f = fopen(BPF_STATUS, "r");
	if (!f)
		SKIP(return, "the first case did not run (the CRNG was ready)");
	if (fscanf(f, "%d", &st) != 1)
		st = -1;
	fclose(f);
	f = fopen(BPF_ERR, "r");
	while (f && fgets(line, sizeof(line), f) && !strstr(line, "--backend bpf:"))
		;
	if (f)
		fclose(f);
	if (st && strstr(line, "built without the BPF backend"))
		SKIP(return, "%s", line);
	/* (bookworm's arm64 6.1 has no CONFIG_KALLSYMS_ALL) */
	if (st && strstr(line, "no crng_init in /proc/kallsyms"))
		SKIP(return, "kernel lacks crng_init in kallsyms: %s", line);
	ASSERT_EQ(0, st) TH_LOG("rngtrace record --backend bpf: exit %d: %s", st, line);
	f = fopen(CHILDREN, "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1, fread(m, sizeof(m), 1, f));
	fclose(f);
	if (!access("/out", W_OK))
		ASSERT_EQ(0, system("cp " BPF_TRACE " /out/record-bpf.json"));

	b = json_load_file(BPF_TRACE, 0, &jerr);
	ASSERT_NE(NULL, b) TH_LOG("%s: %s", BPF_TRACE, jerr.text);
	t = json_load_file(TRACE, 0, &jerr);
	ASSERT_NE(NULL, t) TH_LOG("%s: %s", TRACE, jerr.text);
	EXPECT_STREQ("bpf", jstr(json_object_get(b, "record"), "backend"));
	EXPECT_STREQ("settled", jstr(json_object_get(b, "record"), "stopped_by"));
	EXPECT_EQ(NULL, json_object_get(b, "module"));
	bpf = json_object_get(json_object_get(b, "record"), "bpf");
	ASSERT_TRUE(json_is_object(bpf));
	attached = jint(bpf, "attached_ns");
	/*
	 * What it missed, it counted: each miss may cost a child's wait or
	 * a credit, and no more than that. But no program skipped: a
	 * preemptible kernel (7.x) skips an fentry program a preempted task
	 * is inside of, which is why the backend takes kprobes there (x86_64
	 * 7.3 skipped 2-3 of the children's getrandom() entries before).
	 */
	EXPECT_EQ(0, jint(bpf, "recursion_misses")) TH_LOG("attached by %s%s%s",
		jstr(bpf, "attach"), *jstr(bpf, "fallback") ? ": " : "", jstr(bpf, "fallback"));
	/*
	 * Nor a return lost: the twelve children are more than a kretprobe's
	 * default instances on this vCPU (ten), which lost two of their
	 * ends on x86_64 7.3 before the calls' kretprobes took 128.
	 */
	EXPECT_EQ(0, jint(bpf, "ends_missed") + jint(bpf, "call_unpaired"));
	if (!strcmp(jstr(bpf, "attach"), "kprobe")) {
		EXPECT_EQ(128, jint(bpf, "return_instances"));
		/* (tracefs kprobe events, removed when they were detached) */
		EXPECT_EQ(0, bpf_kprobe_events());
	} else {
		EXPECT_EQ(NULL, json_object_get(bpf, "return_instances"));
	}
	misses = jint(bpf, "ringbuf_full") + jint(bpf, "credit_unpaired") +
		 jint(bpf, "credit_deep") + jint(bpf, "calls_full") +
		 jint(bpf, "call_unpaired") + jint(bpf, "ends_missed") +
		 jint(bpf, "recursion_misses");
	if (misses)
		TH_LOG("the BPF programs counted %lld misses", misses);
	/* READY by crng_init where kallsyms names it, else by crng_reseed() */
	if (kallsyms_has("crng_init") == 1) {
		EXPECT_STREQ("crng_init", jstr(bpf, "ready_by"));
	} else {
		EXPECT_EQ(0, strncmp(jstr(bpf, "ready_by"), "crng_reseed", 11))
			TH_LOG("ready_by %s", jstr(bpf, "ready_by"));
	}
	bev = json_object_get(b, "events");
	tev = json_object_get(t, "events");

	/*
	 * The children's waits, each once, against their own clocks. One
	 * whose getrandom() entry the kernel skipped (7.x: counted) is
	 * wait_for_random_bytes()'s own, path kernel: a miss, no more.
	 */
	for (i = 0; i < NCHILD; i++) {
		int n = 0;

		fprintf(TH_LOG_STREAM, "# child %d: run delay %lld ns before it waited, %lld ns across its call\n",
			i, (long long)m[i].qstart, (long long)m[i].queued);
		json_array_foreach(bev, k, ev) {
			if (strcmp(jstr(ev, "type"), "wait") || jint(ev, "pid") != m[i].pid)
				continue;
			n++;
			if (strcmp(jstr(ev, "path"), "getrandom") || jint(ev, "bytes") != 16 ||
			    jint(ev, "result") != 16) {
				TH_LOG("child %d: a wait of path %s, %lld bytes, result %lld",
				       i, jstr(ev, "path"), jint(ev, "bytes"),
				       jint(ev, "result"));
				lost++;
			}
			EXPECT_LE(m[i].t0 - SKEW_NS, jint(ev, "start_ns"));
			EXPECT_GE(m[i].t1 + SKEW_NS, jint(ev, "time_ns"));
			EXPECT_GT(2000000 + m[i].qstart, jint(ev, "start_ns") - m[i].t0)
				TH_LOG("child %d: start %lld, its clock %lld, queued %lld ns before it waited",
				       i, jint(ev, "start_ns"), (long long)m[i].t0,
				       (long long)m[i].qstart);
			EXPECT_GT(2000000 + m[i].queued, m[i].t1 - jint(ev, "time_ns"))
				TH_LOG("child %d: end %lld, its clock %lld", i,
				       jint(ev, "time_ns"), (long long)m[i].t1);
			/*
			 * And the module's stamps of the same wait: the child's
			 * run delay is tens of ms here (its siblings' jitter
			 * loops), the two backends' are one call's entry and
			 * return, apart by what the host took (STAMP_SKEW_NS).
			 */
			mw = wait_of(tev, m[i].pid);
			EXPECT_NE(NULL, mw) TH_LOG("child %d: no wait in the module's trace", i);
			if (mw) {
				EXPECT_GE(STAMP_SKEW_NS, llabs(jint(ev, "start_ns") - jint(mw, "start_ns")))
					TH_LOG("child %d: BPF start %lld, the module's %lld", i,
					       jint(ev, "start_ns"), jint(mw, "start_ns"));
				EXPECT_GE(STAMP_SKEW_NS, llabs(jint(ev, "time_ns") - jint(mw, "time_ns")))
					TH_LOG("child %d: BPF end %lld, the module's %lld", i,
					       jint(ev, "time_ns"), jint(mw, "time_ns"));
			}
		}
		EXPECT_GE(1, n) TH_LOG("child %d (pid %d): %d waits", i, m[i].pid, n);
		lost += !n;
	}
	EXPECT_GE(misses, lost) TH_LOG("%lld children's waits missing or not theirs, %lld misses counted",
				       lost, misses);

	/*
	 * READY: the same credit. The module stamps crng_reseed() inside
	 * the completing credit's call; the BPF backend that call's entry
	 * (time_ns) and return (return_ns).
	 */
	brd = ready_event(bev);
	trd = ready_event(tev);
	ASSERT_NE(NULL, brd);
	ASSERT_NE(NULL, trd);
	EXPECT_STREQ("completer", jstr(brd, "evidence"));
	EXPECT_STREQ(jstr(trd, "source"), jstr(brd, "source"));
	EXPECT_LE(jint(brd, "time_ns") - SKEW_NS, jint(trd, "time_ns"))
		TH_LOG("module READY %lld, BPF %lld..%lld", jint(trd, "time_ns"),
		       jint(brd, "time_ns"), jint(brd, "return_ns"));
	EXPECT_GE(jint(brd, "return_ns") + SKEW_NS, jint(trd, "time_ns"))
		TH_LOG("module READY %lld, BPF %lld..%lld", jint(trd, "time_ns"),
		       jint(brd, "time_ns"), jint(brd, "return_ns"));
	ready_ns = jint(trd, "time_ns");
	/* detached once ready and nobody waited */
	EXPECT_LE(ready_ns, jint(bpf, "disarmed_ns"));

	/*
	 * The module's credits from 2 ms after the programs were attached
	 * to READY: each one the BPF backend's too (bits, source, within
	 * STAMP_SKEW_NS of each other: the same call's entry), and no more
	 * of its own in that window. Both lists are in
	 * time order, and so is the kernel's: matched in that order (merged),
	 * never one credit to a neighbour's stamp.
	 */
	match_credits(tev, bev, attached, ready_ns, &wanted, &matched);
	EXPECT_LT(0, wanted);
	EXPECT_GE(misses, wanted - matched)
		TH_LOG("%lld of the module's %lld credits, %lld misses counted",
		       matched, wanted, misses);
	/*
	 * The other way round: each credit of the BPF backend's up to READY
	 * is one of the module's. The module stamps a credit at its return,
	 * the BPF backend at its entry: the completing credit (and any that
	 * returned after it) is the module's after READY, its entry before.
	 * From that entry to the module's READY took 3.5 ms on riscv64
	 * under TCG once: matched, not left out by a margin.
	 */
	lost = 0;
	json_array_foreach(bev, k, ev) {
		long long tm = jint(ev, "time_ns");

		if (!strcmp(jstr(ev, "type"), "credit") && tm >= attached + 4000000 &&
		    tm < ready_ns && !json_is_true(json_object_get(ev, "matched")) &&
		    !returned_after(tev, ev, ready_ns)) {
			TH_LOG("a credit only the BPF backend saw: %lld bits at %lld",
			       jint(ev, "bits"), tm);
			lost++;
		}
	}
	EXPECT_GE(misses, lost);
	json_decref(b);
	json_decref(t);
}

TEST(record_until_ready_when_ready_at_load)
{
	json_t *t, *ev = NULL, *ready, *record;
	json_error_t jerr;
	struct rt_st st;
	size_t k;
	pid_t rec;
	int rc;

	ASSERT_EQ(0, rt_status(&st));
	if (!st.ready_at_load)
		SKIP(return, "the CRNG was not ready at load");
	rec = start_recorder("ready", NULL);
	ASSERT_LT(0, rec);
	rc = rec_wait(rec, 60);
	log_recorder_stderr(_metadata);
	ASSERT_EQ(0, rc) TH_LOG("rngtrace record: exit %d", rc);
	copy_out();

	t = json_load_file(TRACE, 0, &jerr);
	ASSERT_NE(NULL, t) TH_LOG("%s: %s", TRACE, jerr.text);
	record = json_object_get(t, "record");
	EXPECT_STREQ("ready", jstr(record, "stopped_by"));
	EXPECT_TRUE(json_is_true(json_object_get(record, "complete")));
	ready = json_object_get(t, "ready");
	ASSERT_TRUE(json_is_object(ready));
	EXPECT_TRUE(json_is_true(json_object_get(ready, "before_load")));
	EXPECT_TRUE(json_is_true(json_object_get(json_object_get(t, "module"),
						 "ready_at_load")));
	json_array_foreach(json_object_get(t, "events"), k, ev)
		EXPECT_STRNE("wait", jstr(ev, "type"))
			TH_LOG("a wait by pid %lld", jint(ev, "pid"));
	json_decref(t);
}

/*
 * With the kernel's BPF JIT off (Debian's riscv64 default), the backend
 * either runs on the interpreter or its refusal names the switch that
 * turns the JIT on: never a bare "Invalid argument".
 */
TEST(bpf_backend_without_the_jit_runs_or_names_the_switch)
{
	char *argv[] = { "rngtrace", "record", "--backend", "bpf", "--until", "signal",
			 "-o", "/tmp/nojit.json", NULL };
	char line[512] = "";
	int was = rec_jit_get(), st;
	pid_t pid;

	if (was < 0)
		SKIP(return, "kernel lacks net.core.bpf_jit_enable");
	if (rec_jit_set(0))
		SKIP(return, "kernel lacks a BPF JIT that can be turned off (CONFIG_BPF_JIT_ALWAYS_ON)");
	pid = rec_attach_bpf(BPF_ERR, argv, &st);
	if (pid > 0) {
		kill(pid, SIGINT);
		st = rec_wait(pid, 60);
	}
	rec_jit_set(was);
	if (pid > 0) {
		fprintf(TH_LOG_STREAM, "# with the JIT off: attached on the interpreter\n");
		EXPECT_EQ(0, st) TH_LOG("attached on the interpreter, then exit %d", st);
		return;
	}
	rec_said(BPF_ERR, "--backend bpf:", line, sizeof(line));
	fprintf(TH_LOG_STREAM, "# with the JIT off: %s\n", line);
	ASSERT_EQ(2, st) TH_LOG("neither attached nor refused: exit %d: %s", st, line);
	if (strstr(line, "no crng_init in /proc/kallsyms"))
		SKIP(return, "kernel lacks crng_init in kallsyms: %s", line);
	EXPECT_NE(NULL, strstr(line, "sysctl net.core.bpf_jit_enable=1")) TH_LOG("%s", line);
}

/*
 * A recorder killed (SIGKILL: no chance to clean up) leaves its calls'
 * kretprobe events in tracefs; the next recorder removes them, and its
 * own when it detaches. Where the calls are fentry (fexit has no
 * instances to run out of) it makes none.
 */
TEST(bpf_backend_killed_leaves_nothing_the_next_keeps)
{
	char *mode[] = { "rngtrace", "record", "--backend", "bpf", "--until", "ready",
			 "--timeout", "60", "-o", "/tmp/mode.json", NULL };
	char *first[] = { "rngtrace", "record", "--backend", "bpf", "--keep-armed",
			  "--until", "signal", "-o", "/tmp/killed.json", NULL };
	char *next[] = { "rngtrace", "record", "--backend", "bpf", "--keep-armed",
			 "--until", "signal", "-o", "/tmp/next.json", NULL };
	char line[512] = "";
	const char *attach;
	json_t *t;
	int st, n;
	pid_t pid;

	/* how the calls attach here: a recording of its own */
	pid = rec_start_bpf(BPF_ERR, mode, &st);
	if (pid > 0)
		st = rec_wait(pid, 90);
	t = json_load_file("/tmp/mode.json", 0, NULL);
	if (!t) {
		rec_said(BPF_ERR, "--backend bpf:", line, sizeof(line));
		if (strstr(line, "no crng_init in /proc/kallsyms"))
			SKIP(return, "kernel lacks crng_init in kallsyms: %s", line);
	}
	ASSERT_NE(NULL, t) TH_LOG("rngtrace record --backend bpf: exit %d: %s", st, line);
	attach = jstr(json_object_get(json_object_get(t, "record"), "bpf"), "attach");
	fprintf(TH_LOG_STREAM, "# the calls attach by %s\n", attach);

	pid = rec_start_bpf(BPF_ERR, first, &st);
	if (pid < 0) {
		rec_said(BPF_ERR, "--backend bpf:", line, sizeof(line));
		if (strstr(line, "no crng_init in /proc/kallsyms"))
			SKIP(return, "kernel lacks crng_init in kallsyms: %s", line);
		ASSERT_LT(0, pid) TH_LOG("rngtrace record --backend bpf: exit %d: %s", st, line);
	}
	n = bpf_kprobe_events();
	kill(pid, SIGKILL);
	EXPECT_EQ(128 + SIGKILL, rec_wait(pid, 60));
	if (strcmp(attach, "kprobe")) {
		EXPECT_STREQ("fentry", attach);
		/* (none, or no tracefs mounted: nothing made one) */
		EXPECT_GE(0, n) TH_LOG("kretprobe events where the calls are fexit");
		json_decref(t);
		return;
	}
	json_decref(t);
	ASSERT_LT(0, n);
	EXPECT_EQ(n, bpf_kprobe_events()) TH_LOG("the killed recorder's events are gone already");
	pid = rec_start_bpf(BPF_ERR, next, &st);
	ASSERT_LT(0, pid) TH_LOG("the next recorder: exit %d", st);
	/* its own, in place of the killed one's */
	EXPECT_EQ(n, bpf_kprobe_events());
	kill(pid, SIGINT);
	EXPECT_EQ(0, rec_wait(pid, 60));
	EXPECT_EQ(0, bpf_kprobe_events());
}

TEST_HARNESS_MAIN
