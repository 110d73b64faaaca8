// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static int under_dev_or_proc(const char *p)
{
	return !strncmp(p, "/dev/", 5) || !strncmp(p, "/proc/", 6);
}

/*
 * Where to rename to: @path itself, or the file a symbolic link names.
 * NULL (and *direct) when the output is to be written in place.
 */
static char *rename_target(const char *path, int *direct)
{
	struct stat st;
	char link[PATH_MAX];
	ssize_t n;
	char *real;

	*direct = 0;
	if (under_dev_or_proc(path)) {
		*direct = 1;
		return NULL;
	}
	if (lstat(path, &st))
		return strdup(path);	/* a new file (or an error at open) */
	if (S_ISLNK(st.st_mode)) {
		n = readlink(path, link, sizeof(link) - 1);
		if (n >= 0) {
			link[n] = 0;
			if (under_dev_or_proc(link)) {
				*direct = 1;
				return NULL;
			}
		}
		real = realpath(path, NULL);
		if (!real || under_dev_or_proc(real) || stat(real, &st) ||
		    !S_ISREG(st.st_mode)) {
			free(real);
			*direct = 1;	/* dangling, or not to a regular file */
			return NULL;
		}
		return real;
	}
	if (!S_ISREG(st.st_mode)) {
		*direct = 1;
		return NULL;
	}
	return strdup(path);
}

int rt_outfile_open(struct rt_outfile *o, const char *path,
		    char *err, size_t errlen)
{
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	o->name = strdup(path);
	if (!o->name)
		goto oom;
	o->path = rename_target(path, &o->direct);
	if (o->direct) {
		o->f = fopen(path, "we");
		if (!o->f) {
			snprintf(err, errlen, "cannot write %s: %s", path,
				 strerror(errno));
			goto fail;
		}
		return 0;
	}
	if (!o->path || asprintf(&o->tmp, "%s.tmp.%ld", o->path,
				 (long)getpid()) < 0) {
		o->tmp = NULL;
		goto oom;
	}
	unlink(o->tmp);		/* a leftover of an earlier rngtrace, our pid */
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(errno));
		close(fd);
		goto fail;
	}
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
fail:
	rt_outfile_abort(o);
	return -1;
}

static int fsync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, ret = -1;

	if (!copy)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		ret = fsync(fd);
		close(fd);
	}
	free(copy);
	return ret;
}

int rt_outfile_commit(struct rt_outfile *o, char *err, size_t errlen)
{
	const char *name = o->name ? o->name : "the output";
	int bad;

	if (o->f == stdout) {
		if (fflush(stdout) == EOF || ferror(stdout)) {
			snprintf(err, errlen, "cannot write the output: %s",
				 strerror(errno));
			return -1;
		}
		return 0;
	}
	errno = 0;
	bad = fflush(o->f) == EOF || ferror(o->f) ||
	      (!o->direct && fsync(fileno(o->f)));
	if (fclose(o->f) == EOF)
		bad = 1;
	o->f = NULL;
	if (!bad && !o->direct && rename(o->tmp, o->path))
		bad = 1;
	if (bad) {
		snprintf(err, errlen, "cannot write %s: %s", name,
			 errno ? strerror(errno) : "write error");
		rt_outfile_abort(o);
		return -1;
	}
	if (!o->direct && fsync_dir(o->path)) {
		snprintf(err, errlen, "cannot write %s: fsync of its directory: %s",
			 name, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		rt_outfile_abort(o);
		return -1;
	}
	free(o->tmp);
	o->tmp = NULL;
	rt_outfile_abort(o);	/* frees the names */
	return 0;
}

void rt_outfile_abort(struct rt_outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o->name);
	o->tmp = o->path = o->name = NULL;
}

int rt_outfile_write(const char *cmd, const char *path,
		     int (*write)(FILE *f, const void *arg), const void *arg)
{
	struct rt_outfile o;
	char err[512];

	if (rt_outfile_open(&o, path, err, sizeof(err))) {
		fprintf(stderr, "rngtrace %s: %s\n", cmd, err);
		return -1;
	}
	if (write(o.f, arg)) {
		fprintf(stderr, "rngtrace %s: cannot write %s\n", cmd,
			path && strcmp(path, "-") ? path : "standard output");
		rt_outfile_abort(&o);
		return -1;
	}
	if (rt_outfile_commit(&o, err, sizeof(err))) {
		fprintf(stderr, "rngtrace %s: %s\n", cmd, err);
		return -1;
	}
	return 0;
}
