// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace-tests PATH-TO-RNGTRACE: run every suite, print TAP, exit 1 if a
 * test failed. A test that crashes or leaks (under ASan) fails alone.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

const char *rt_test_ctl;

static bool failed;
static char skip_reason[256];
static int skip_fd = -1;	/* the child's end of the pipe to the parent */

void rt_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failed = true;
	fprintf(stderr, "# %s:%d: failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void rt_test_skip(const char *fmt, ...)
{
	va_list ap;

	if (skip_reason[0])
		return;
	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof(skip_reason), fmt, ap);
	va_end(ap);
	fprintf(stderr, "# skip: %s\n", skip_reason);
}

/* Suites register themselves (RT_SUITE): no list to edit for a new file. */
static const struct rt_test *suites[32];
static size_t n_suites;

void rt_test_register(const struct rt_test *suite)
{
	if (n_suites == sizeof(suites) / sizeof(suites[0])) {
		fprintf(stderr, "harness: more than %zu suites; raise the limit\n",
			n_suites);
		exit(2);
	}
	suites[n_suites++] = suite;
}

/*
 * A hang, not a slow test: the slowest (export's junit-10.xsd on every
 * fixture: 100 exports and xmllint) takes 2 s alone, and over 30 s niced
 * beside make check's two guests, where it failed by this alarm.
 */
#define TEST_TIMEOUT_S	120

#define N_SUITES n_suites

#define EXIT_SKIP	77

enum outcome { PASS, FAIL, SKIP };

/* Runs @t in a child; a SKIP's reason comes back through a pipe. */
static enum outcome run_one(const struct rt_test *t, char *why, size_t len)
{
	int status, fds[2];
	ssize_t n;
	pid_t pid;

	why[0] = 0;
	fflush(stdout);
	fflush(stderr);
	if (pipe(fds)) {
		perror("# pipe");
		return FAIL;
	}
	pid = fork();
	if (pid < 0) {
		perror("# fork");
		close(fds[0]);
		close(fds[1]);
		return FAIL;
	}
	if (pid == 0) {
		close(fds[0]);
		skip_fd = fds[1];
		/* A test that waits forever on the kernel fails instead. */
		alarm(TEST_TIMEOUT_S);
		t->fn();
		if (!failed && skip_reason[0] &&
		    write(skip_fd, skip_reason, strlen(skip_reason)) < 0)
			failed = true;
		/* exit(), not _exit(): LeakSanitizer checks at exit. */
		exit(failed ? 1 : skip_reason[0] ? EXIT_SKIP : 0);
	}
	close(fds[1]);
	n = read(fds[0], why, len - 1);
	why[n > 0 ? n : 0] = 0;
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0) {
		perror("# waitpid");
		return FAIL;
	}
	if (WIFSIGNALED(status))
		fprintf(stderr, "# killed by signal %d%s\n", WTERMSIG(status),
			WTERMSIG(status) == SIGALRM ? " (timed out)" : "");
	if (!WIFEXITED(status))
		return FAIL;
	if (WEXITSTATUS(status) == EXIT_SKIP && why[0])
		return SKIP;
	return WEXITSTATUS(status) == 0 ? PASS : FAIL;
}

/* RT_TEST_ONLY=TEXT: only the tests whose name has TEXT (while working). */
static int selected(const struct rt_test *t)
{
	const char *only = getenv("RT_TEST_ONLY");

	return !only || strstr(t->name, only);
}

int main(int argc, char *argv[])
{
	const struct rt_test *t;
	int n = 0, bad = 0, skipped = 0;
	char why[256];
	size_t s;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-TO-RNGTRACE\n", argv[0]);
		return 2;
	}
	rt_test_ctl = argv[1];
	if (rt_test_isolate(why, sizeof(why))) {
		/* TAP: nothing was tested; the reason is the plan's. */
		printf("Bail out! cannot keep the tests away from this machine's rngtrace module: %s\n",
		       why);
		return 2;
	}

	for (s = 0; s < N_SUITES; s++)
		for (t = suites[s]; t->name; t++)
			n += selected(t);
	printf("1..%d\n", n);

	n = 0;
	for (s = 0; s < N_SUITES; s++) {
		for (t = suites[s]; t->name; t++) {
			enum outcome o;

			if (!selected(t))
				continue;
			o = run_one(t, why, sizeof(why));

			if (o == SKIP)
				printf("ok %d - %s # SKIP %s\n", ++n, t->name, why);
			else
				printf("%sok %d - %s\n", o == PASS ? "" : "not ",
				       ++n, t->name);
			bad += o == FAIL;
			skipped += o == SKIP;
		}
	}
	fflush(stdout);
	if (bad)
		fprintf(stderr, "# %d of %d failed\n", bad, n);
	if (skipped)
		fprintf(stderr, "# %d of %d skipped\n", skipped, n);
	return bad ? 1 : 0;
}
