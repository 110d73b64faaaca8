/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one way every subcommand writes an output file (record's trace,
 * export, plot): "-" is standard output; a regular file is written into
 * a temporary file next to it and renamed over it only once everything
 * was written and synced (a reader never sees half a file, a failed run
 * leaves the old one); anything else is written in place.
 *
 * "Anything else": a path that is not a regular file (/dev/null, a FIFO,
 * a tty), a path under /dev/ or /proc/, a symbolic link into /dev/ or
 * /proc/ (/dev/stdout, /dev/fd/1): renaming over those would replace the
 * device node or the link, as root too. A symbolic link to a regular
 * file is followed: the file it names is replaced, the link stays.
 *
 * The temporary file is named PATH.tmp.PID, opened O_EXCL, not made by
 * mkstemp(): glibc names those with getrandom(GRND_NONBLOCK), which before
 * the CRNG is ready is an unseeded read of rngtrace's own, in the very
 * trace that record writes.
 */
#ifndef RT_OUTFILE_H
#define RT_OUTFILE_H

#include <stdio.h>

struct rt_outfile {
	FILE *f;		/* write here */
	char *path;		/* the file renamed over; NULL: not renamed */
	char *tmp;
	char *name;		/* as the user gave it, for messages */
	int direct;		/* written in place (not stdout) */
};

/* @path NULL or "-" is standard output. 0, or -1 with one line in err. */
int rt_outfile_open(struct rt_outfile *o, const char *path,
		    char *err, size_t errlen);
/*
 * Flush, fsync, rename into place, fsync the directory; 0, or -1 with
 * err (and the temporary file removed).
 */
int rt_outfile_commit(struct rt_outfile *o, char *err, size_t errlen);
/* Give up: remove the temporary file. Safe after commit and twice. */
void rt_outfile_abort(struct rt_outfile *o);
/*
 * The whole of it for a command that writes one file: open @path, let
 * @write fill it (non-zero: failed), commit; errors go to standard error
 * as "rngtrace CMD: ...". 0 or -1.
 */
int rt_outfile_write(const char *cmd, const char *path,
		     int (*write)(FILE *f, const void *arg), const void *arg);

#endif /* RT_OUTFILE_H */
