// SPDX-License-Identifier: GPL-2.0
/*
 * The one output writer (outfile.c) that record, export and plot use:
 * atomic for a regular file, in place for a device or a link into /dev
 * or /proc, "-" for standard output, a symlink to a file followed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "harness.h"
#include "ctlrun.h"

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void t_atomic(void)
{
	char *dir = ctlrun_tmpdir(), path[300], tmp[340], err[256];
	struct rt_outfile o;
	struct stat sb;
	char *text;

	REQUIRE(dir);
	snprintf(path, sizeof(path), "%s/boot.json", dir);
	REQUIRE(!rt_outfile_open(&o, path, err, sizeof(err)));
	/* Named by pid: mkstemp() would read getrandom() before ready. */
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	CHECK_STR(o.tmp, tmp);
	CHECK(access(path, F_OK) != 0);		/* not there until renamed */
	fputs("{}\n", o.f);
	CHECK_INT(rt_outfile_commit(&o, err, sizeof(err)), 0);
	CHECK(access(tmp, F_OK) != 0);
	CHECK_INT(entries(dir), 1);
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0044));
	text = ctlrun_read(path);
	CHECK_STR(text, "{}\n");
	free(text);

	/* A failed run leaves the old file. */
	REQUIRE(!rt_outfile_open(&o, path, err, sizeof(err)));
	fputs("half", o.f);
	rt_outfile_abort(&o);
	text = ctlrun_read(path);
	CHECK_STR(text, "{}\n");
	free(text);
	CHECK_INT(entries(dir), 1);
	ctlrun_rmdir(dir);
}

static void t_no_dir(void)
{
	struct rt_outfile o;
	char err[256] = "";

	CHECK_INT(rt_outfile_open(&o, "/nonexistent-rngtrace/t.json", err,
				  sizeof(err)), -1);
	CHECK_CONTAINS(err, "cannot create /nonexistent-rngtrace/t.json: No such file or directory");
}

/* A symlink to a regular file: the file is replaced, the link stays. */
static void t_symlink_to_file(void)
{
	char *dir = ctlrun_tmpdir(), link[300], target[300], *text;
	struct ctlrun r;
	struct stat sb;

	REQUIRE(dir);
	snprintf(link, sizeof(link), "%s/link.json", dir);
	snprintf(target, sizeof(target), "%s/target.json", dir);
	{
		FILE *f = fopen(target, "w");

		REQUIRE(f);
		fputs("old\n", f);
		fclose(f);
	}
	REQUIRE(!symlink("target.json", link));
	CTLRUN(&r, "export", "-f", "prometheus", "-o", link, fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	CHECK(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode));
	text = ctlrun_read(target);
	CHECK_CONTAINS(text, "rngtrace_crng_ready_seconds");
	free(text);
	CHECK_INT(entries(dir), 2);
	ctlrun_done(&r);
	ctlrun_rmdir(dir);
}

/*
 * A link into /proc (as /dev/stdout is) with standard output a regular
 * file: written in place, through the link. Renaming over it replaced the
 * link (and, for /dev/stdout as root, the system's /dev/stdout).
 */
static void t_link_to_proc(void)
{
	char *dir = ctlrun_tmpdir(), link[300];
	struct ctlrun r;
	struct stat sb;

	REQUIRE(dir);
	snprintf(link, sizeof(link), "%s/stdout", dir);
	REQUIRE(!symlink("/proc/self/fd/1", link));
	CTLRUN(&r, "export", "-f", "prometheus", "-o", link, fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "rngtrace_crng_ready_seconds");
	CHECK(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode));
	CHECK_INT(entries(dir), 1);
	ctlrun_done(&r);

	/* "-" is standard output for every writer */
	CTLRUN(&r, "plot", fixture("c-stall-1.json"), "-o", "-");
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "<svg");
	ctlrun_done(&r);
	CTLRUN(&r, "export", "-f", "ktap", "-o", "-", fixture("c-stall-1.json"));
	CHECK_INT(r.status, 0);
	CHECK_CONTAINS(r.out, "KTAP version 1");
	ctlrun_done(&r);
	ctlrun_rmdir(dir);
}

static const struct rt_test outfile_tests[] = {
	{ "outfile: atomic, by pid, a failed run keeps the old file", t_atomic },
	{ "outfile: a directory that does not exist", t_no_dir },
	{ "outfile: a symlink to a file is followed, the link stays", t_symlink_to_file },
	{ "outfile: a link into /proc is written in place; - is stdout", t_link_to_proc },
	{ NULL, NULL },
};

RT_SUITE(outfile_tests)
