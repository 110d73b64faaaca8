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

/* Generous for ASan; the slowest test takes milliseconds. */
#define TEST_TIMEOUT_S	30

#define N_SUITES n_suites

static bool run_one(const struct rt_test *t)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		perror("# fork");
		return false;
	}
	if (pid == 0) {
		/* A test that waits forever on the kernel fails instead. */
		alarm(TEST_TIMEOUT_S);
		t->fn();
		/* exit(), not _exit(): LeakSanitizer checks at exit. */
		exit(failed ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("# waitpid");
		return false;
	}
	if (WIFSIGNALED(status))
		fprintf(stderr, "# killed by signal %d%s\n", WTERMSIG(status),
			WTERMSIG(status) == SIGALRM ? " (timed out)" : "");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char *argv[])
{
	const struct rt_test *t;
	int n = 0, bad = 0;
	size_t s;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-TO-RNGTRACE\n", argv[0]);
		return 2;
	}
	rt_test_ctl = argv[1];

	for (s = 0; s < N_SUITES; s++)
		for (t = suites[s]; t->name; t++)
			n++;
	printf("1..%d\n", n);

	n = 0;
	for (s = 0; s < N_SUITES; s++) {
		for (t = suites[s]; t->name; t++) {
			bool ok = run_one(t);

			printf("%sok %d - %s\n", ok ? "" : "not ", ++n,
			       t->name);
			bad += !ok;
		}
	}
	fflush(stdout);
	if (bad)
		fprintf(stderr, "# %d of %d failed\n", bad, n);
	return bad ? 1 : 0;
}
