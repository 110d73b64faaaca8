// SPDX-License-Identifier: GPL-2.0
/*
 * report --journal: the boot's entries to the journal (journal.h).
 */
#define _GNU_SOURCE
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "journal.h"
#include "report_line.h"

struct entry {
	FILE *f;
	char *buf;
	size_t len;
};

/* One field: KEY=VALUE, or the length-prefixed form for a value with \n. */
static void put_field(void *ctx, const char *key, const char *value)
{
	struct entry *e = ctx;
	uint64_t n;

	if (!value)
		value = "";
	if (!strchr(value, '\n')) {
		fprintf(e->f, "%s=%s\n", key, value);
		return;
	}
	n = htole64(strlen(value));
	fprintf(e->f, "%s\n", key);
	fwrite(&n, sizeof(n), 1, e->f);
	fprintf(e->f, "%s\n", value);
}

static int send_entry(int fd, const struct sockaddr_un *sa, socklen_t salen,
		      const struct entry *e, char *err, size_t errlen)
{
	if (sendto(fd, e->buf, e->len, MSG_NOSIGNAL,
		   (const struct sockaddr *)sa, salen) < 0) {
		snprintf(err, errlen, "cannot send to the journal (%s): %s",
			 sa->sun_path, strerror(errno));
		return -1;
	}
	return 0;
}

/* An entry is built in memory and sent as one datagram. */
static int begin(struct entry *e)
{
	e->buf = NULL;
	e->len = 0;
	e->f = open_memstream(&e->buf, &e->len);
	return e->f ? 0 : -1;
}

static int end(struct entry *e)
{
	int bad = ferror(e->f);

	if (fclose(e->f) == EOF)
		bad = 1;
	e->f = NULL;
	return bad ? -1 : 0;
}

int rt_journal_send(const char *socket_path, const struct rt_summary *s,
		    const struct rt_advice *adv, size_t nadv,
		    char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct entry e;
	int fd, sent = 0;
	size_t i;

	if (!socket_path)
		socket_path = RT_JOURNAL_SOCKET;
	if (strlen(socket_path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "journal socket path too long: %s",
			 socket_path);
		return -1;
	}
	strcpy(sa.sun_path, socket_path);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}

	if (begin(&e))
		goto oom;
	rt_journal_summary_fields(s, adv, nadv, put_field, &e);
	if (end(&e))
		goto oom_free;
	if (send_entry(fd, &sa, sizeof(sa), &e, err, errlen))
		goto fail;
	free(e.buf);
	sent++;

	for (i = 0; i < s->ntasks && i < RT_JOURNAL_MAX_TASKS; i++) {
		if (begin(&e))
			goto oom;
		rt_journal_task_fields(s, &s->tasks[i], put_field, &e);
		if (end(&e))
			goto oom_free;
		if (send_entry(fd, &sa, sizeof(sa), &e, err, errlen))
			goto fail;
		free(e.buf);
		sent++;
	}
	close(fd);
	return sent;
oom_free:
	free(e.buf);
oom:
	snprintf(err, errlen, "out of memory");
	close(fd);
	return -1;
fail:
	free(e.buf);
	close(fd);
	return -1;
}
