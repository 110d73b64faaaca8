/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The subcommands main.c dispatches to, each in its own file. Each gets
 * argv from its own name on and returns the process's exit status.
 */
#ifndef RT_SUBCOMMANDS_H
#define RT_SUBCOMMANDS_H

#define RT_EXIT_OK	0
#define RT_EXIT_ERROR	2	/* bad usage, or the command failed */

int status_main(int argc, char *argv[]);
int events_main(int argc, char *argv[]);
int record_main(int argc, char *argv[]);
int report_main(int argc, char *argv[]);
int check_main(int argc, char *argv[]);
int compare_main(int argc, char *argv[]);
int plot_main(int argc, char *argv[]);
int export_main(int argc, char *argv[]);
int config_main(int argc, char *argv[]);
int reset_main(int argc, char *argv[]);
int bootargs_main(int argc, char *argv[]);

/* record without the module (recordboot.c): the boot probes' events alone. */
#include <stdbool.h>
#include "evjson.h"
struct rt_outfile;
bool rt_record_module_loaded(void);
/* rt_record_exit(), and the line on stderr that says why it is not 0. */
int rt_record_finish_status(const char *stopped_by, enum rt_until until,
			    bool allow_timeout);
int rt_record_boot_only(struct rt_outfile *o, const char *path,
			enum rt_until until, long long settle_ns,
			long long timeout_ns, bool allow_timeout);
/* record --backend bpf (recordbpf.c): the BPF backend's events. */
int rt_record_bpf(struct rt_outfile *o, const char *path,
		  enum rt_until until, long long settle_ns,
		  long long timeout_ns, bool allow_timeout, bool keep_armed);
/*
 * The parts of a recording without the module (recordboot.c): the head
 * and @nev events to @w, the @nopen waits still in flight its open waits
 * (0, or -1 on a write error); the kernel log on the events' clock by a
 * clock mark of record's own, its window in @mark_ns (-1: none), or NULL
 * (said on stderr).
 */
struct rt_trace_writer;
int rt_record_write_events(struct rt_trace_writer *w, FILE *f,
			   const struct rt_event *ev, size_t nev,
			   const struct rt_event *open, size_t nopen);
json_t *rt_record_kmsg_marked(int64_t *mark_ns);

#endif /* RT_SUBCOMMANDS_H */
