/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running the built rngtrace (and xmllint, promtool) from the tests of
 * compare, plot and export, on the fixtures next to this file.
 */
#ifndef RT_CTLRUN_H
#define RT_CTLRUN_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

struct ctlrun {
	int status;		/* exit status, or -1 */
	char *out, *err;
};

static inline char *ctlrun_slurp_file(FILE *f)
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

/* The contents of @path, or NULL; free() it. */
static inline char *ctlrun_read(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;

	if (!f)
		return NULL;
	text = ctlrun_slurp_file(f);
	fclose(f);
	return text;
}

/* A fixture's path (static buffer; one at a time per expression). */
static inline const char *fixture(const char *name)
{
	static char buf[16][512];
	static int n;
	const char *slash = strrchr(__FILE__, '/');
	char *b = buf[n++ % 16];

	snprintf(b, sizeof(buf[0]), "%.*s/fixtures/%s",
		 slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".",
		 name);
	return b;
}

/*
 * The one way the tests run a program (the built rngtrace above all):
 * @argv[0] (rt_test_ctl if NULL) with @argv, stdin from @in and stdout to
 * @out_path if set (r->out is then ""), a hang killed after 20 s. What it
 * said on stderr is repeated as TAP diagnostics.
 */
static inline void ctlrun_exec(struct ctlrun *r, const char *in,
			       const char *out_path, const char *const argv[])
{
	FILE *out = tmpfile(), *err = tmpfile();
	const char *p, *nl;
	int status;
	pid_t pid;

	r->status = -1;
	r->out = r->err = NULL;
	if (!out || !err)
		goto done;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int fd = out_path ? open(out_path, O_WRONLY) : fileno(out);

		if (in && !freopen(in, "r", stdin))
			_exit(127);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fileno(err), 2) < 0)
			_exit(127);
		alarm(20);	/* kept across exec: a hang is a failure */
		execvp(argv[0] ? argv[0] : rt_test_ctl, (char **)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		goto done;
	if (WIFEXITED(status))
		r->status = WEXITSTATUS(status);
	r->out = ctlrun_slurp_file(out);
	r->err = ctlrun_slurp_file(err);
	for (p = r->err; p && *p; p = nl + 1) {
		nl = p + strcspn(p, "\n");
		fprintf(stderr, "# stderr: %.*s\n", (int)(nl - p), p);
		if (!*nl)
			break;
	}
done:
	if (out)
		fclose(out);
	if (err)
		fclose(err);
}

/* ctlrun_exec() with stdout captured. */
static inline void ctlrun_argv(struct ctlrun *r, const char *in,
			       const char *const argv[])
{
	ctlrun_exec(r, in, NULL, argv);
}

/* rngtrace ARGS... (NULL-ended in the macro). */
#define CTLRUN(r, ...) CTLRUN_IN(r, NULL, __VA_ARGS__)

/* The same with standard input from the file @in. */
#define CTLRUN_IN(r, in, ...) do {					\
	const char *_a[] = { "rngtrace", __VA_ARGS__, NULL };		\
	_a[0] = rt_test_ctl;						\
	ctlrun_argv(r, in, _a);						\
} while (0)

static inline void ctlrun_done(struct ctlrun *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

/* How many lines @text has. */
static inline int lines(const char *text)
{
	int n = 0;

	for (; text && *text; text++)
		n += *text == '\n';
	return n;
}

/* A file with @text in it, for bad input; the caller unlink()s it. */
static inline const char *temp_with(const char *text, size_t len)
{
	static char path[4][64];
	static int n;
	char *p = path[n++ % 4];
	int fd;

	snprintf(p, sizeof(path[0]), "/tmp/rt-test-XXXXXX");
	fd = mkstemp(p);
	if (fd < 0)
		return NULL;
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		unlink(p);
		return NULL;
	}
	close(fd);
	return p;
}

/* A tool on PATH? (xmllint, promtool, rsvg-convert) */
static inline int have_tool(const char *name)
{
	const char *path = getenv("PATH");
	char buf[1024];

	while (path && *path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name);
		if (!access(buf, X_OK))
			return 1;
		path += len + (path[len] == ':');
	}
	return 0;
}

/*
 * have_tool(), and a SKIP for the test (rt_test_skip()) when @name is
 * missing: a check that could not run is never an ok.
 */
static inline int need_tool(const char *name)
{
	if (have_tool(name))
		return 1;
	rt_test_skip("%s not installed", name);
	return 0;
}

/*
 * The path of another project's validator, @rel under ../shared/vendor/
 * from the project's root (/work/shared/vendor/README.md), into @buf; 0
 * and a SKIP for the test (rt_test_skip()) when it is absent, as when
 * the project is cloned on its own.
 */
static inline int need_vendor(char *buf, size_t len, const char *rel)
{
	const char *slash = strrchr(__FILE__, '/');

	/* __FILE__ is ROOT/ctl/tests/ctlrun.h */
	snprintf(buf, len, "%.*s/../../../shared/vendor/%s",
		 slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".", rel);
	if (!access(buf, R_OK))
		return 1;
	rt_test_skip("../shared/vendor/%s absent", rel);
	return 0;
}

/* The number of lines of @text that are exactly one line long: 1 if so. */
static inline int one_line(const char *text)
{
	const char *nl = text ? strchr(text, '\n') : NULL;

	return nl && !nl[1];
}

/* A temporary directory for outputs; removed by ctlrun_rmdir(). */
static inline char *ctlrun_tmpdir(void)
{
	char tmpl[] = "/tmp/rngtrace-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	return d ? strdup(d) : NULL;
}

static inline void ctlrun_rmdir(char *dir)
{
	char cmd[600];

	if (!dir)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "# could not remove %s\n", dir);
	free(dir);
}

#endif /* RT_CTLRUN_H */
