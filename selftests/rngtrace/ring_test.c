// SPDX-License-Identifier: GPL-2.0
/*
 * The event ring under overflow: with ring_size=64 and a thousand unseeded
 * reads before the CRNG is ready, the dump returns the newest 64 of them
 * in order and STATUS counts exactly the rest as dropped; the credits,
 * in a ring of their own, are all still there, even after an
 * unprivileged task's interrupted waits overflow the 64-event timeline.
 *
 * Run first in a VM booted with --modparams ring_size=64 -cpu qemu64.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "harness.h"
#include "rtnl.h"

#define PRODUCED 1000
/*
 * Twice the 64-event timeline: it overflows. Each wait runs the kernel's
 * jitter entropy until the timer fires, and together they may make the
 * CRNG ready: 300 did, once, on riscv64 under TCG, and 128 did too. The
 * waits until then are what the checks count; more than 64 overflow.
 */
#define INTERRUPTED 128
#define RING 64

static void on_alarm(int sig)
{
}

/*
 * As nobody, INTERRUPTED blocking getrandom() calls that a 100 us timer
 * interrupts: a wait event each in the timeline ring, which an
 * unprivileged user once used to push the credits out. Its exit status:
 * how many were interrupted (fewer when the CRNG became ready: that
 * call, a wait too, returned), or 255 when something else failed.
 */
static int wait_flood(void)
{
	struct itimerval it = { { 0, 100 }, { 0, 100 } };
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	char buf[16];
	int n = 0;

	if (sigaction(SIGALRM, &sa, NULL) || setgid(65534) || setuid(65534) ||
	    setitimer(ITIMER_REAL, &it, NULL))
		return 255;
	while (n < INTERRUPTED) {
		if (getrandom(buf, sizeof(buf), 0) == sizeof(buf))
			return n;	/* ready: no more waits */
		if (errno != EINTR)
			return 255;
		n++;
	}
	return n;
}

TEST(ring_keeps_the_newest_in_order)
{
	static struct rt_ev evs[1024];
	uint64_t credits = 0, count = 0;
	int u = 0, k;
	struct rt_st before, st, again;
	char buf[16];
	int i, n, eagain = 0, tries, wst, waits;
	pid_t pid;

	ASSERT_EQ(0, rt_status(&before));
	if (before.ring_size != 64)
		SKIP(return, "needs ring_size=64 (ring is %u)", before.ring_size);
	if (getrandom(buf, 1, GRND_NONBLOCK) == 1)
		SKIP(return, "the CRNG is ready already");
	/* After that check: it was an unseeded read of its own. */
	ASSERT_EQ(0, rt_status(&before));

	/* Each one is an unseeded read: one event each, counted by us. */
	for (i = 0; i < PRODUCED; i++)
		eagain += getrandom(buf, sizeof(buf), GRND_NONBLOCK) < 0 &&
			  errno == EAGAIN;
	if (eagain != PRODUCED)
		SKIP(return, "the CRNG became ready after %d reads", eagain);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(wait_flood());
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFEXITED(wst) && WEXITSTATUS(wst) <= INTERRUPTED)
		TH_LOG("the wait flood ended with status %#x", wst);
	waits = WEXITSTATUS(wst);
	if (waits <= RING)
		SKIP(return, "the CRNG became ready after %d waits of the flood", waits);
	if (waits < INTERRUPTED)
		TH_LOG("the CRNG became ready after %d waits of the flood", waits);

	/* Other events (credits) may land meanwhile: read a quiet moment. */
	for (tries = 0; tries < 10; tries++) {
		ASSERT_EQ(0, rt_status(&st));
		ASSERT_EQ(0, rt_events(0, evs, 1024, &n));
		ASSERT_EQ(0, rt_status(&again));
		if (st.written == again.written)
			break;
	}
	ASSERT_EQ(st.written, again.written);
	EXPECT_LE(before.written + PRODUCED, st.written);
	/* Each ring but the credits' overflowed: all but the newest 64. */
	EXPECT_LE(before.waits + waits, st.waits);
	EXPECT_EQ(st.unseeded - RING + (st.waits > RING ? st.waits - RING : 0),
		  st.dropped)
		TH_LOG("written %llu", (unsigned long long)st.written);
	EXPECT_EQ(before.unseeded + PRODUCED, st.unseeded);
	for (i = 0; i < n; i++) {
		if (i)
			EXPECT_LT(evs[i - 1].seq, evs[i].seq);
		if (evs[i].type == RNGTRACE_EVENT_TYPE_CREDIT)
			credits++;
		if (evs[i].type != RNGTRACE_EVENT_TYPE_UNSEEDED)
			continue;
		u++;
	}
	ASSERT_EQ(RING, u);
	for (k = 0; k < RT_MAX_SOURCES; k++)
		count += st.credit_count[k];
	EXPECT_EQ(count, credits) TH_LOG("credits lost to the overflow");
	TH_LOG("%llu events written, %llu dropped", (unsigned long long)st.written,
	       (unsigned long long)st.dropped);
}

TEST_HARNESS_MAIN
