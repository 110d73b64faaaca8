// SPDX-License-Identifier: GPL-2.0
/*
 * rngtrace record as the tests run it (recorder.h).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "groundtruth.h"
#include "recorder.h"

#define JIT_SWITCH "/proc/sys/net/core/bpf_jit_enable"

int rec_jit_get(void)
{
	FILE *f = fopen(JIT_SWITCH, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

int rec_jit_set(int v)
{
	FILE *f = fopen(JIT_SWITCH, "w");
	int ok;

	if (!f)
		return -1;
	ok = fprintf(f, "%d\n", v) > 0;
	/* (the kernel says no at the write: a JIT always on takes only 1) */
	ok = !fclose(f) && ok;
	return ok && rec_jit_get() == v ? 0 : -1;
}

pid_t rec_spawn(const char *err, char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd >= 0)
			dup2(fd, 2);
		execv(RNGTRACE, argv);
		_exit(127);
	}
	return pid;
}

int rec_said(const char *err, const char *text, char *line, size_t len)
{
	FILE *f = fopen(err, "r");
	char buf[512];
	int found = 0;

	while (f && !found && fgets(buf, sizeof(buf), f))
		found = !!strstr(buf, text);
	if (f)
		fclose(f);
	if (found && line)
		snprintf(line, len, "%.*s", (int)strcspn(buf, "\n"), buf);
	return found;
}

pid_t rec_start_bpf(const char *err, char *const argv[], int *status)
{
	if (!rec_jit_get())
		rec_jit_set(1);
	return rec_attach_bpf(err, argv, status);
}

pid_t rec_attach_bpf(const char *err, char *const argv[], int *status)
{
	int64_t deadline;
	pid_t pid;
	int st;

	/* (not the last one's "attached", before this one truncates it) */
	unlink(err);
	pid = rec_spawn(err, argv);
	deadline = boottime_ns() + 60000000000LL;
	*status = -1;
	if (pid < 0)
		return -1;
	while (boottime_ns() < deadline) {
		if (rec_said(err, "programs are attached", NULL, 0))
			return pid;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
			return -1;
		}
		usleep(20000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

int rec_wait(pid_t pid, int secs)
{
	int64_t deadline = boottime_ns() + secs * 1000000000LL;
	int status;

	while (boottime_ns() < deadline) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) :
			       128 + WTERMSIG(status);
		usleep(20000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}
