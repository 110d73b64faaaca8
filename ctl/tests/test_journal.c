// SPDX-License-Identifier: GPL-2.0
/*
 * report --journal: the entries rngtrace-record.service sends to the
 * journal, caught by a fake journal (a datagram socket in a temporary
 * directory, named by RNGTRACE_JOURNAL_SOCKET) and decoded by the
 * native protocol's rules independently of the sender: every field of
 * every entry checked against the fixture's facts.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctlrun.h"
#include "harness.h"
#include "report_line.h"

#define MAX_ENTRIES	8
#define MAX_FIELDS	32

struct field {
	char key[64];
	char *value;		/* NUL-terminated copy */
	size_t len;
};

struct entry {
	struct field f[MAX_FIELDS];
	int n;
};

struct fake {
	char *dir;
	char path[512];
	int fd;
};

static int fake_open(struct fake *j)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	j->fd = -1;
	j->dir = ctlrun_tmpdir();
	if (!j->dir)
		return -1;
	snprintf(j->path, sizeof(j->path), "%s/socket", j->dir);
	if (strlen(j->path) >= sizeof(sa.sun_path))
		return -1;
	memcpy(sa.sun_path, j->path, strlen(j->path) + 1);
	j->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (j->fd < 0 || bind(j->fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	return 0;
}

static void fake_close(struct fake *j)
{
	if (j->fd >= 0)
		close(j->fd);
	ctlrun_rmdir(j->dir);
}

/*
 * One datagram by the protocol: KEY=VALUE\n, or KEY\n, a 64-bit
 * little-endian length, VALUE, \n. Keys of A-Z, 0-9 and _, not starting
 * with _. -1 on anything else.
 */
static int decode(const char *buf, size_t len, struct entry *e)
{
	const char *p = buf, *end = buf + len;

	e->n = 0;
	while (p < end) {
		struct field *f;
		size_t k = 0, vlen;
		const char *v;

		if (e->n == MAX_FIELDS)
			return -1;
		f = &e->f[e->n];
		while (p + k < end && ((p[k] >= 'A' && p[k] <= 'Z') ||
				       (p[k] >= '0' && p[k] <= '9') || p[k] == '_'))
			k++;
		if (!k || p[0] == '_' || k >= sizeof(f->key) || p + k >= end)
			return -1;
		memcpy(f->key, p, k);
		f->key[k] = 0;
		p += k;
		if (*p == '=') {
			v = ++p;
			p = memchr(p, '\n', end - p);
			if (!p)
				return -1;
			vlen = p - v;
		} else if (*p == '\n') {
			uint64_t n;

			if (end - p < 9)
				return -1;
			memcpy(&n, p + 1, 8);
			vlen = le64toh(n);
			v = p + 9;
			if (vlen > (size_t)(end - v) - 1 || v[vlen] != '\n')
				return -1;
			p = v + vlen;
		} else {
			return -1;
		}
		p++;	/* the newline */
		f->value = strndup(v, vlen);
		f->len = vlen;
		if (!f->value || strlen(f->value) != vlen)
			return -1;
		e->n++;
	}
	return 0;
}

/* The entries queued on the fake journal, in order. */
static int drain(struct fake *j, struct entry *e, int max)
{
	static char buf[65536];
	int n = 0;
	ssize_t len;

	while ((len = recv(j->fd, buf, sizeof(buf), MSG_DONTWAIT)) >= 0) {
		if (n == max) {
			rt_test_fail(__FILE__, __LINE__, "more than %d entries", max);
			break;
		}
		if (decode(buf, len, &e[n]))
			rt_test_fail(__FILE__, __LINE__, "entry %d does not decode", n);
		n++;
	}
	return n;
}

static void free_entries(struct entry *e, int n)
{
	int i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < e[i].n; k++)
			free(e[i].f[k].value);
}

/* The value of @key in @e, which must be there exactly once; NULL if not. */
static const char *get(const struct entry *e, const char *key)
{
	const char *v = NULL;
	int i, seen = 0;

	for (i = 0; i < e->n; i++)
		if (!strcmp(e->f[i].key, key)) {
			v = e->f[i].value;
			seen++;
		}
	if (seen != 1) {
		rt_test_fail(__FILE__, __LINE__, "%s %s", key,
			     seen ? "more than once" : "missing");
		return NULL;
	}
	return v;
}

#define CHECK_FIELD(e, key, want) do {					\
	const char *_v = get(e, key);					\
	if (!_v || strcmp(_v, want))					\
		rt_test_fail(__FILE__, __LINE__, "%s=%s, want %s", key,	\
			     _v ? _v : "(none)", want);			\
} while (0)

/* rngtrace report --journal @trace into a fake journal. */
static int send_to_fake(struct fake *j, const char *trace, struct ctlrun *r,
			struct entry *e, int max)
{
	if (fake_open(j)) {
		rt_test_fail(__FILE__, __LINE__, "cannot make a fake journal");
		return 0;
	}
	setenv("RNGTRACE_JOURNAL_SOCKET", j->path, 1);
	CTLRUN(r, "report", "--journal", trace);
	unsetenv("RNGTRACE_JOURNAL_SOCKET");
	return drain(j, e, max);
}

static void check_task(const struct entry *e, const char *comm,
		       const char *tgid, const char *cgroup, const char *unit,
		       const char *secs)
{
	CHECK_FIELD(e, "MESSAGE_ID", RT_JOURNAL_BLOCKED_ID);
	CHECK_FIELD(e, "PRIORITY", "5");
	CHECK_FIELD(e, "SYSLOG_IDENTIFIER", "rngtrace");
	CHECK_FIELD(e, "RNGTRACE_KERNEL", "6.1.0-56-amd64");
	CHECK_FIELD(e, "RNGTRACE_COMM", comm);
	CHECK_FIELD(e, "RNGTRACE_TGID", tgid);
	CHECK_FIELD(e, "RNGTRACE_CGROUP", cgroup);
	CHECK_FIELD(e, "RNGTRACE_UNIT", unit);
	CHECK_FIELD(e, "RNGTRACE_WAITS", "1");
	CHECK_FIELD(e, "RNGTRACE_OPEN_WAITS", "0");
	CHECK_FIELD(e, "RNGTRACE_WAIT_SECONDS", secs);
	CHECK_FIELD(e, "RNGTRACE_WORST_WAIT_SECONDS", secs);
}

/* READY with the boot's facts, then one BLOCKED per task, in wait order. */
static void t_journal_stall(void)
{
	struct entry e[MAX_ENTRIES];
	struct ctlrun r;
	struct fake j;
	int n;

	n = send_to_fake(&j, fixture("r-qemu64-stall.json"), &r, e, MAX_ENTRIES);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "");
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_FIELD(&e[0], "MESSAGE_ID", RT_JOURNAL_READY_ID);
		CHECK_FIELD(&e[0], "MESSAGE",
			    "6.1.0-56-amd64: CRNG ready at 1.500 s (jitter); 3 tasks "
			    "waited 1.891 s in all, the longest 0.860 s (systemd, init.scope); "
			    "advice: no-rdrand-in-vm, no-hwrng, seed-not-credited");
		CHECK_FIELD(&e[0], "PRIORITY", "6");
		CHECK_FIELD(&e[0], "RNGTRACE_READY_SECONDS", "1.500000");
		CHECK_FIELD(&e[0], "RNGTRACE_READY_SOURCE", "jitter");
		CHECK_FIELD(&e[0], "RNGTRACE_BLOCKED_TASKS", "3");
		CHECK_FIELD(&e[0], "RNGTRACE_WAIT_SECONDS_TOTAL", "1.890900");
		CHECK_FIELD(&e[0], "RNGTRACE_WORST_WAIT_SECONDS", "0.860200");
		CHECK_FIELD(&e[0], "RNGTRACE_COMPLETE", "1");
		check_task(&e[1], "systemd", "1", "/init.scope", "init.scope",
			   "0.860200");
		CHECK_FIELD(&e[1], "MESSAGE",
			    "systemd[1] in init.scope waited 0.860 s for the CRNG (1 wait)");
		check_task(&e[2], "systemd-timesyn", "380",
			   "/system.slice/systemd-timesyncd.service",
			   "systemd-timesyncd.service", "0.550300");
		check_task(&e[3], "sshd", "402", "/system.slice/ssh.service",
			   "ssh.service", "0.480400");
		CHECK_FIELD(&e[3], "RNGTRACE_FIRST_WAIT_SECONDS", "1.020000");
	}
	free_entries(e, n);
	ctlrun_done(&r);
	fake_close(&j);
}

/*
 * A process name with a newline is one field, sent length-prefixed and
 * received byte for byte; it adds no field (PRIORITY is ours), and the
 * MESSAGE a person reads has it escaped.
 */
static void t_journal_hostile(void)
{
	struct entry e[MAX_ENTRIES];
	struct ctlrun r;
	struct fake j;
	int n, i;

	n = send_to_fake(&j, fixture("r-hostile-strings.json"), &r, e, MAX_ENTRIES);
	CHECK_INT(r.status, 0);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_FIELD(&e[1], "RNGTRACE_COMM", "x\nPRIORITY=0");
		CHECK_FIELD(&e[1], "RNGTRACE_CGROUP", "/system.slice/evil\x1b[31m.service");
		CHECK_FIELD(&e[1], "PRIORITY", "5");
		CHECK_FIELD(&e[1], "MESSAGE",
			    "x\\nPRIORITY=0[1] in evil\\x1b[31m.service waited 0.860 s for the CRNG (1 wait)");
		for (i = 0; i < n; i++) {
			const char *m = get(&e[i], "MESSAGE");
			const char *p;

			for (p = m; p && *p; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f)
					rt_test_fail(__FILE__, __LINE__,
						     "control character in MESSAGE %d", i);
		}
	}
	free_entries(e, n);
	ctlrun_done(&r);
	fake_close(&j);
}

/* A recording that ended before READY says NOT_READY, as a warning. */
static void t_journal_not_ready(void)
{
	struct entry e[MAX_ENTRIES];
	struct ctlrun r;
	struct fake j;
	int n;

	n = send_to_fake(&j, fixture("r-timeout-open-waits.json"), &r, e, MAX_ENTRIES);
	CHECK_INT(r.status, 0);
	REQUIRE(n >= 2);
	CHECK_FIELD(&e[0], "MESSAGE_ID", RT_JOURNAL_NOT_READY_ID);
	CHECK_FIELD(&e[0], "PRIORITY", "4");
	CHECK_FIELD(&e[0], "RNGTRACE_COMPLETE", "0");
	CHECK_FIELD(&e[1], "MESSAGE_ID", RT_JOURNAL_BLOCKED_ID);
	free_entries(e, n);
	ctlrun_done(&r);
	fake_close(&j);
}

/* No journal: exit 2, one line saying so. */
static void t_journal_absent(void)
{
	struct ctlrun r;
	char *dir = ctlrun_tmpdir(), path[512];

	REQUIRE(dir);
	snprintf(path, sizeof(path), "%s/none", dir);
	setenv("RNGTRACE_JOURNAL_SOCKET", path, 1);
	CTLRUN(&r, "report", "--journal", fixture("r-qemu64-stall.json"));
	unsetenv("RNGTRACE_JOURNAL_SOCKET");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "rngtrace report: cannot send to the journal (");
	CHECK_INT(lines(r.err), 1);
	ctlrun_done(&r);
	ctlrun_rmdir(dir);
}

static const struct rt_test journal_tests[] = {
	{ "journal: READY and each BLOCKED task, field by field", t_journal_stall },
	{ "journal: a hostile comm is one field, escaped in MESSAGE", t_journal_hostile },
	{ "journal: no READY is NOT_READY", t_journal_not_ready },
	{ "journal: no journal is an error", t_journal_absent },
	{ NULL, NULL },
};

RT_SUITE(journal_tests)
