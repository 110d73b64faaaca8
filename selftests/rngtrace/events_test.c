// SPDX-License-Identifier: GPL-2.0
/*
 * The controller against the real module: `rngtrace events --json`
 * decodes what the module holds (compared with this suite's own raw
 * netlink client), and `--follow` delivers events recorded after it
 * started, each once. Runs first in the qemu64 lanes, before anything
 * makes the CRNG ready: its unseeded reads are new events to follow.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <jansson.h>

#include "harness.h"
#include "groundtruth.h"
#include "rtnl.h"

#define MAX_EVENTS 4096
#define CTL "rngtrace"

static struct rt_ev evs[MAX_EVENTS];

static const char *const type_names[] = {
	[RNGTRACE_EVENT_TYPE_READY] = "ready",
	[RNGTRACE_EVENT_TYPE_CREDIT] = "credit",
	[RNGTRACE_EVENT_TYPE_WAIT] = "wait",
	[RNGTRACE_EVENT_TYPE_UNSEEDED] = "unseeded",
	[RNGTRACE_EVENT_TYPE_HWRNG_REGISTER] = "hwrng-register",
	[RNGTRACE_EVENT_TYPE_HWRNG_UNREGISTER] = "hwrng-unregister",
};

/*
 * jansson seeds its hash tables from /dev/urandom on first use, which
 * before ready runs the kernel's jitter generator until the CRNG is
 * ready: the very stall these tests need. A fixed seed reads nothing.
 */
static void __attribute__((constructor)) fixed_json_seed(void)
{
	json_object_seed(0x72617274);
}

static json_int_t jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The same facts in one controller line and one raw event; 0 if so. */
static int same_event(json_t *o, const struct rt_ev *e, char *why, size_t len)
{
	const char *type = json_string_value(json_object_get(o, "type"));

	if ((uint64_t)jint(o, "seq") != e->seq)
		return snprintf(why, len, "seq %lld != %llu", (long long)jint(o, "seq"),
				(unsigned long long)e->seq);
	if (!type || e->type >= sizeof(type_names) / sizeof(type_names[0]) ||
	    strcmp(type, type_names[e->type]))
		return snprintf(why, len, "seq %llu: type %s", (unsigned long long)e->seq,
				type ?: "(none)");
	if ((uint64_t)jint(o, "time_ns") != e->time_ns)
		return snprintf(why, len, "seq %llu: time_ns", (unsigned long long)e->seq);
	if (e->pid && (uint32_t)jint(o, "pid") != e->pid)
		return snprintf(why, len, "seq %llu: pid", (unsigned long long)e->seq);
	if ((e->type == RNGTRACE_EVENT_TYPE_CREDIT) &&
	    (uint32_t)jint(o, "bits") != e->bits)
		return snprintf(why, len, "seq %llu: bits", (unsigned long long)e->seq);
	if ((e->type == RNGTRACE_EVENT_TYPE_WAIT ||
	     e->type == RNGTRACE_EVENT_TYPE_UNSEEDED) &&
	    jint(o, "result") != e->result)
		return snprintf(why, len, "seq %llu: result", (unsigned long long)e->seq);
	return 0;
}

TEST(events_json_decodes_what_the_module_holds)
{
	char line[16384], why[128];
	FILE *p;
	int n, i = 0;

	ASSERT_EQ(0, rt_events(0, evs, MAX_EVENTS, &n));
	ASSERT_LT(0, n);
	p = popen(CTL " events --json", "r");
	ASSERT_NE(NULL, p);
	while (fgets(line, sizeof(line), p)) {
		json_t *o = json_loads(line, 0, NULL);

		ASSERT_NE(NULL, o) TH_LOG("not JSON: %s", line);
		/* Events recorded between the two dumps come after ours. */
		if (i < n)
			EXPECT_EQ(0, same_event(o, &evs[i], why, sizeof(why)))
				TH_LOG("%s", why);
		json_decref(o);
		i++;
	}
	EXPECT_EQ(0, pclose(p));
	EXPECT_LE(n, i);
}

/* Read lines from fd until an event with seq >= until or the deadline. */
static int follow_until(int fd, uint64_t until, uint64_t *seen, int max, int *nseen)
{
	static char buf[1 << 16];
	static size_t have;
	int64_t deadline = boottime_ns() + 10000000000LL;
	char *nl;

	while (boottime_ns() < deadline) {
		ssize_t r = read(fd, buf + have, sizeof(buf) - 1 - have);

		if (r > 0)
			have += r;
		else if (r < 0 && errno != EAGAIN)
			return -errno;
		buf[have] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			json_t *o;
			uint64_t seq;

			*nl = '\0';
			o = json_loads(buf, 0, NULL);
			if (!o)
				return -EINVAL;
			seq = jint(o, "seq");
			json_decref(o);
			if (*nseen < max)
				seen[(*nseen)++] = seq;
			have -= nl + 1 - buf;
			memmove(buf, nl + 1, have + 1);
			if (seq >= until)
				return 0;
		}
		if (r <= 0)
			usleep(10000);
	}
	return -ETIMEDOUT;
}

TEST(events_follow_gets_new_events_once)
{
	uint64_t seen[MAX_EVENTS], last;
	int pipes[2], n, nseen = 0, i, k, count;
	struct rt_st st;
	char buf[16];
	pid_t pid;

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready: no new events to follow");
	ASSERT_EQ(0, rt_status(&st));
	ASSERT_EQ(0, pipe(pipes));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		dup2(pipes[1], 1);
		close(pipes[0]);
		execlp(CTL, CTL, "events", "--follow", "--json", (char *)NULL);
		_exit(127);
	}
	close(pipes[1]);
	fcntl(pipes[0], F_SETFL, O_NONBLOCK);
	/* The history first, up to what was recorded when we asked. */
	ASSERT_EQ(0, follow_until(pipes[0], st.written - 1, seen, MAX_EVENTS, &nseen));

	/* New events: three unseeded reads, recorded after it started. */
	for (i = 0; i < 3; i++)
		getrandom(buf, sizeof(buf), GRND_NONBLOCK);
	if (crng_ready_now())
		SKIP(return, "the CRNG became ready meanwhile");
	ASSERT_EQ(0, rt_events(st.written, evs, MAX_EVENTS, &n));
	ASSERT_LE(3, n);
	last = evs[n - 1].seq;
	ASSERT_EQ(0, follow_until(pipes[0], last, seen, MAX_EVENTS, &nseen))
		TH_LOG("seq %llu never came", (unsigned long long)last);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);

	/* Every event the raw dump has since then, exactly once. */
	for (k = 0; k < n; k++) {
		for (count = 0, i = 0; i < nseen; i++)
			count += seen[i] == evs[k].seq;
		EXPECT_EQ(1, count) TH_LOG("seq %llu", (unsigned long long)evs[k].seq);
	}
}

/*
 * A burst of unseeded reads (a boot has thousands) reaches a follower in
 * a few notifications, not one each: every wake-up of a recorder is CPU
 * taken from the boot it records. Counted on a raw socket of our own.
 */
TEST(notifications_carry_bursts)
{
	static char rx[GENL_BUF_SIZE];
	int fd, i, msgs = 0, events = 0, done = 0;
	uint32_t grp;
	struct rt_st st;
	int64_t deadline;
	char buf[16];

	if (crng_ready_now())
		SKIP(return, "the CRNG is ready: no unseeded reads to send");
	fd = genl_open();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, genl_mcast_group(fd, RNGTRACE_FAMILY_NAME,
				      RNGTRACE_MCGRP_EVENTS, &grp));
	ASSERT_EQ(0, setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
				sizeof(grp)));
	ASSERT_EQ(0, rt_status(&st));
	for (i = 0; i < 200; i++)
		getrandom(buf, sizeof(buf), GRND_NONBLOCK);
	if (crng_ready_now())
		SKIP(return, "the CRNG became ready meanwhile");
	deadline = boottime_ns() + 5000000000LL;
	while (!done && boottime_ns() < deadline) {
		struct nlmsghdr *m;
		ssize_t len = recv(fd, rx, sizeof(rx), MSG_DONTWAIT);

		if (len <= 0) {
			usleep(10000);
			continue;
		}
		for (m = (void *)rx; NLMSG_OK(m, (size_t)len); m = NLMSG_NEXT(m, len)) {
			const struct nlattr *a, *attrs = (void *)((char *)NLMSG_DATA(m) + GENL_HDRLEN);
			int here = 0;

			genl_for_each_attr(a, attrs, m->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN) {
				struct rt_ev ev;

				if (genl_type(a) != RNGTRACE_A_EVENTS_EVENT)
					continue;
				rt_parse_event(genl_attr_payload(a), genl_attr_len(a), &ev);
				if (ev.seq < st.written)
					continue;	/* from before the burst */
				here++;
				if (ev.type == RNGTRACE_EVENT_TYPE_UNSEEDED &&
				    ev.pid == (uint32_t)getpid() && ++events >= 200)
					done = 1;
			}
			msgs += here > 0;
		}
	}
	close(fd);
	ASSERT_LE(200, events) TH_LOG("only %d of the burst's events came", events);
	/* One a message would be 200; a few a tick is far fewer. */
	EXPECT_GT(50, msgs) TH_LOG("%d notifications for 200 events", msgs);
}

TEST_HARNESS_MAIN
