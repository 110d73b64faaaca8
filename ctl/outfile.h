/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing an output file atomically: into a temporary file next to it,
 * renamed over it only once everything was written and flushed. A reader
 * never sees half a file, and a failed run leaves the old one.
 */
#ifndef RT_OUTFILE_H
#define RT_OUTFILE_H

#include <stdio.h>

struct rt_outfile {
	FILE *f;		/* write here */
	char *path;		/* NULL: standard output */
	char *tmp;
	int direct;		/* not a regular file: written in place */
};

/* @path NULL or "-" is standard output. 0, or -1 with one line in err. */
int rt_outfile_open(struct rt_outfile *o, const char *path,
		    char *err, size_t errlen);
/* Flush, sync and rename into place; 0, or -1 with err (and no file). */
int rt_outfile_commit(struct rt_outfile *o, char *err, size_t errlen);
/* Give up: remove the temporary file. Safe after commit. */
void rt_outfile_abort(struct rt_outfile *o);

#endif /* RT_OUTFILE_H */
