// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

int rt_outfile_open(struct rt_outfile *o, const char *path,
		    char *err, size_t errlen)
{
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	{
		struct stat st;

		/* Not a regular file (/dev/null, a pipe): write it in place. */
		if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
			o->f = fopen(path, "w");
			if (!o->f) {
				snprintf(err, errlen, "cannot write %s: %s",
					 path, strerror(errno));
				return -1;
			}
			o->direct = 1;
			return 0;
		}
	}
	o->path = strdup(path);
	if (!o->path || asprintf(&o->tmp, "%s.tmp.XXXXXX", path) < 0) {
		o->tmp = NULL;
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	/* mkstemp() makes it 0600; an output file is an ordinary file. */
	{
		mode_t um = umask(0);

		umask(um);
		/* Not worth failing for. */
		(void)!fchmod(fd, 0666 & ~um);
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		snprintf(err, errlen, "cannot write %s: %s", path,
			 strerror(errno));
		close(fd);
		goto fail;
	}
	return 0;
fail:
	rt_outfile_abort(o);
	return -1;
}

int rt_outfile_commit(struct rt_outfile *o, char *err, size_t errlen)
{
	int bad;

	if (o->direct) {
		bad = fflush(o->f) == EOF || ferror(o->f);
		if (fclose(o->f) == EOF)
			bad = 1;
		o->f = NULL;
		if (bad) {
			snprintf(err, errlen, "cannot write the output: %s",
				 strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!o->path) {
		if (fflush(stdout) == EOF || ferror(stdout)) {
			snprintf(err, errlen, "cannot write the output: %s",
				 strerror(errno));
			return -1;
		}
		return 0;
	}
	bad = fflush(o->f) == EOF || ferror(o->f) || fsync(fileno(o->f));
	if (fclose(o->f) == EOF)
		bad = 1;
	o->f = NULL;
	if (bad || rename(o->tmp, o->path)) {
		snprintf(err, errlen, "cannot write %s: %s", o->path,
			 strerror(errno));
		rt_outfile_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
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
	o->tmp = o->path = NULL;
}
