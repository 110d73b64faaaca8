// SPDX-License-Identifier: GPL-2.0
/*
 * The built rngtrace, run on this host: its kernel has generic netlink but
 * no rngtrace module.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

struct run {
	int status;		/* exit status, or -1 */
	char *out;
	char *err;
};

static char *slurp(FILE *f)
{
	char *text;
	long len;

	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		return NULL;
	text = calloc(1, len + 1);
	if (text && fread(text, 1, len, f) != (size_t)len) {
		free(text);
		return NULL;
	}
	return text;
}

/* What rngtrace said on stderr, as TAP diagnostics. */
static void diag(const char *text)
{
	const char *nl;

	for (; text && *text; text = nl + 1) {
		nl = text + strcspn(text, "\n");
		fprintf(stderr, "# stderr: %.*s\n", (int)(nl - text), text);
		if (!*nl)
			break;
	}
}

/* Run rngtrace with @args (NULL-ended); stdout to @out_path if set. */
static void run(struct run *r, const char *out_path, const char *const args[])
{
	FILE *out = tmpfile(), *err = tmpfile();
	char *argv[16] = { (char *)"rngtrace" };
	int i, status;
	pid_t pid;

	r->status = -1;
	r->out = r->err = NULL;
	for (i = 0; args[i] && i < 14; i++)
		argv[i + 1] = (char *)args[i];
	if (!out || !err)
		goto out;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int fd = out_path ? open(out_path, O_WRONLY) : fileno(out);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fileno(err), 2) < 0)
			_exit(127);
		alarm(20);	/* kept across execv(): a hang is a failure */
		execv(rt_test_ctl, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		goto out;
	if (WIFEXITED(status))
		r->status = WEXITSTATUS(status);
	r->out = slurp(out);
	r->err = slurp(err);
	diag(r->err);
out:
	if (out)
		fclose(out);
	if (err)
		fclose(err);
}

static void done(struct run *r)
{
	free(r->out);
	free(r->err);
}

static int lines(const char *text)
{
	int n = 0;

	for (; text && *text; text++)
		n += *text == '\n';
	return n;
}

#define RUN(r, ...) run(r, NULL, (const char *const[]){ __VA_ARGS__, NULL })

static void t_status_not_loaded(void)
{
	struct run r;

	RUN(&r, "status");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "not loaded");
	CHECK_CONTAINS(r.err, "modprobe rngtrace");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	done(&r);
}

static void t_status_json_not_loaded(void)
{
	struct run r;

	RUN(&r, "status", "--json");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "not loaded");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	done(&r);
}

static void t_unknown_command(void)
{
	struct run r;

	RUN(&r, "frobnicate", "--json");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "'frobnicate' is not a rngtrace command");
	CHECK_CONTAINS(r.err, "rngtrace --help");
	CHECK_INT(lines(r.err), 1);
	CHECK_STR(r.out, "");
	done(&r);
}

static void t_unknown_option(void)
{
	struct run r;

	RUN(&r, "--frobnicate");
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "unknown option '--frobnicate'");
	CHECK_INT(lines(r.err), 1);
	done(&r);
}

static void t_no_command(void)
{
	struct run r;

	RUN(&r, NULL);
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "usage: rngtrace");
	CHECK_STR(r.out, "");
	done(&r);
}

static void t_status_bad_args(void)
{
	static const char *const bad[][2] = {
		{ "--frobnicate", "unknown option '--frobnicate'" },
		{ "-x", "unknown option '-x'" },
		{ "extra", "unexpected argument 'extra'" },
	};
	struct run r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		RUN(&r, "status", bad[i][0]);
		CHECK_INT(r.status, 2);
		CHECK_CONTAINS(r.err, bad[i][1]);
		CHECK_CONTAINS(r.err, "'rngtrace status --help'");
		CHECK_INT(lines(r.err), 1);
		done(&r);
	}
}

static void t_version(void)
{
	struct run r;

	RUN(&r, "--version");
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "rngtrace " RNGTRACE_VERSION "\n");
	CHECK_STR(r.err, "");
	done(&r);
}

static void t_help(void)
{
	struct run r;

	RUN(&r, "help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace");
	CHECK_CONTAINS(r.out, "  status ");
	CHECK_STR(r.err, "");
	done(&r);
}

static void t_status_help(void)
{
	struct run r;

	RUN(&r, "status", "--help");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace status [--json]");
	CHECK_CONTAINS(r.out, "load_time_mono_ns");
	CHECK_STR(r.err, "");
	done(&r);
	RUN(&r, "help", "status");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "usage: rngtrace status [--json]");
	done(&r);
}

static void t_write_error(void)
{
	struct run r;

	run(&r, "/dev/full", (const char *const[]){ "--version", NULL });
	CHECK_INT(r.status, 2);
	CHECK_CONTAINS(r.err, "cannot write the output");
	done(&r);
}

static const struct rt_test cli_tests[] = {
	{ "rngtrace status without the module: exit 2, \"not loaded\"", t_status_not_loaded },
	{ "rngtrace status --json without the module: exit 2, no output", t_status_json_not_loaded },
	{ "rngtrace with an unknown command: exit 2, one line", t_unknown_command },
	{ "rngtrace with an unknown option: exit 2, one line", t_unknown_option },
	{ "rngtrace without a command: usage, exit 2", t_no_command },
	{ "rngtrace status with bad arguments: exit 2, one line", t_status_bad_args },
	{ "rngtrace --version prints the version", t_version },
	{ "rngtrace help lists status", t_help },
	{ "rngtrace status --help and help status", t_status_help },
	{ "a write error on stdout: exit 2", t_write_error },
	{ NULL, NULL }
};

RT_SUITE(cli_tests)
