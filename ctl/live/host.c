// SPDX-License-Identifier: GPL-2.0
/*
 * Host facts and kernel log lines for a trace (see host.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>

#include "fields.h"
#include "host.h"
#include "jsonout.h"

bool rt_crng_ready_now(void)
{
	struct pollfd p = { .events = POLLIN };
	bool ready = false;

	p.fd = open("/dev/random", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (p.fd < 0)
		return false;
	if (poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		ready = true;
	close(p.fd);
	return ready;
}

/* Whether the space-separated @list has the word @w. */
static bool has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p = list;

	while ((p = strstr(p, w))) {
		bool start = p == list || p[-1] == ' ' || p[-1] == '\t';
		char end = p[n];

		if (start && (end == '\0' || end == ' ' || end == '\t' ||
			      end == '\n'))
			return true;
		p += n;
	}
	return false;
}

/*
 * Whether the RISC-V ISA string @isa ("rv64imafdch_zicsr_zkr_sstc") has
 * the multi-letter extension @ext: one of the words after the first '_'.
 */
static bool has_isa_ext(const char *isa, const char *ext)
{
	size_t n = strlen(ext);
	const char *p = strchr(isa, '_');

	while (p) {
		p++;
		if (!strncasecmp(p, ext, n) &&
		    (p[n] == '_' || p[n] == '\0' || p[n] == ' ' || p[n] == '\n'))
			return true;
		p = strchr(p, '_');
	}
	return false;
}

/* "key<tabs> : value": the value, or NULL when the line is not @key's. */
static const char *field(const char *line, const char *key)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n))
		return NULL;
	line += n;
	while (*line == ' ' || *line == '\t')
		line++;
	if (*line != ':')
		return NULL;
	line++;
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

int rt_cpuinfo_parse(FILE *f, struct rt_cpuinfo *ci)
{
	char *line = NULL;
	size_t cap = 0;
	const char *v;

	memset(ci, 0, sizeof(*ci));
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (!ci->model[0] && (v = field(line, "model name")))
			snprintf(ci->model, sizeof(ci->model), "%s", v);
		else if (!ci->has_rng && (v = field(line, "flags"))) {
			ci->has_flags = ci->has_rng = true;
			ci->rdrand = has_word(v, "rdrand");
			ci->rdseed = has_word(v, "rdseed");
			ci->hypervisor = has_word(v, "hypervisor");
			ci->rng = ci->rdrand || ci->rdseed;
		} else if (!ci->has_rng && (v = field(line, "Features"))) {
			ci->has_rng = true;
			ci->rng = has_word(v, "rng");
		} else if (!ci->has_rng && (v = field(line, "isa"))) {
			ci->has_rng = true;
			ci->rng = has_isa_ext(v, "zkr") || has_isa_ext(v, "zk");
		}
	}
	free(line);
	return ci->model[0] || ci->has_rng ? 0 : -1;
}

int rt_kmsg_parse(const char *rec, size_t len, uint64_t *usec, char *text,
		  size_t textlen)
{
	const char *semi = memchr(rec, ';', len), *p, *end;
	unsigned long long pri, seq, us;
	char head[96];
	size_t hlen, n;

	if (!semi || textlen == 0)
		return -1;
	hlen = semi - rec;
	if (hlen >= sizeof(head))
		return -1;
	memcpy(head, rec, hlen);
	head[hlen] = '\0';
	if (sscanf(head, "%llu,%llu,%llu", &pri, &seq, &us) != 3)
		return -1;
	*usec = us;
	p = semi + 1;
	end = memchr(p, '\n', len - (p - rec));
	if (!end)
		end = rec + len;
	n = end - p;
	if (n >= textlen)
		n = textlen - 1;
	memcpy(text, p, n);
	text[n] = '\0';
	return 0;
}

/*
 * EFI's version line ("efi: EFI v2.7 by EDK II") and its tables line when
 * it names a seed ("efi: ACPI=0x7fb7e000 ... RNG=0x7e6b0f98 "): whether
 * the firmware passed one (trace 1.3, trace/beforeload.c).
 */
static bool efi_wanted(const char *text)
{
	return !strncmp(text, "efi: ", 5) &&
	       (!strncmp(text + 5, "EFI v", 5) || strstr(text + 4, " RNG="));
}

bool rt_kmsg_wanted(const char *text)
{
	return strstr(text, "random:") || strstr(text, "rngtrace:") ||
	       efi_wanted(text);
}

json_t *rt_kmsg_read(int fd, int64_t offset_ns)
{
	json_t *a = json_array();
	char rec[8192], text[1024];
	uint64_t usec;
	ssize_t n;

	if (!a)
		return NULL;
	for (;;) {
		n = read(fd, rec, sizeof(rec));
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten under us: the next one */
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* EAGAIN: the end; or an error */
		if (rt_kmsg_parse(rec, n, &usec, text, sizeof(text)) ||
		    !rt_kmsg_wanted(text))
			continue;
		if (json_array_append_new(a, json_pack("{s:I, s:o}",
			RT_K_TIME_NS, (json_int_t)(usec * 1000 + offset_ns),
			RT_K_TEXT, rt_json_string_safe(text)))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *rt_kmsg_collect(int64_t offset_ns, char *err, size_t errlen)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	json_t *a;

	if (fd < 0) {
		snprintf(err, errlen, "cannot read /dev/kmsg: %s",
			 strerror(errno));
		return NULL;
	}
	a = rt_kmsg_read(fd, offset_ns);
	close(fd);
	if (!a)
		snprintf(err, errlen, "out of memory");
	return a;
}

/*
 * One clock mark: CLOCK_BOOTTIME read on both sides of a line's write to
 * /dev/kmsg, the line read back from @rfd with its printk time. 0 with the
 * offset (the window's middle less the printk time) and the window's
 * width, 1 when the line did not come back, -1 when it cannot be written.
 */
static int kmsg_mark(int rfd, int wfd, int i, int64_t *offset_ns,
		     int64_t *width_ns)
{
	char mark[64], line[68], rec[8192], text[1024];
	struct timespec a, b;
	int64_t an, bn;
	uint64_t usec;
	ssize_t n;

	snprintf(mark, sizeof(mark), "rngtrace: clock mark %d.%d", (int)getpid(), i);
	lseek(rfd, 0, SEEK_END);	/* only what comes next */
	/* (a line without its newline waits for more: a continuation) */
	snprintf(line, sizeof(line), "%s\n", mark);
	clock_gettime(CLOCK_BOOTTIME, &a);
	n = write(wfd, line, strlen(line));
	clock_gettime(CLOCK_BOOTTIME, &b);
	if (n != (ssize_t)strlen(line))
		return -1;
	an = (int64_t)a.tv_sec * 1000000000 + a.tv_nsec;
	bn = (int64_t)b.tv_sec * 1000000000 + b.tv_nsec;
	for (;;) {
		n = read(rfd, rec, sizeof(rec));
		if (n < 0 && (errno == EPIPE || errno == EINTR))
			continue;
		if (n <= 0)
			return 1;
		if (rt_kmsg_parse(rec, n, &usec, text, sizeof(text)) ||
		    strcmp(text, mark))
			continue;
		*offset_ns = an + (bn - an) / 2 - (int64_t)usec * 1000;
		*width_ns = bn - an;
		return 0;
	}
}

int rt_kmsg_offset_measure(int64_t *offset_ns, int64_t *width_ns, char *err,
			   size_t errlen)
{
	int64_t off, width;
	int rfd, wfd, i, r, ret = -1;

	*width_ns = -1;
	rfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	wfd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (rfd < 0 || wfd < 0) {
		snprintf(err, errlen, "cannot open /dev/kmsg: %s", strerror(errno));
		goto out;
	}
	/*
	 * A mark is as good as its window is narrow: a write preempted
	 * (a busy boot) widens it. The narrowest of a few.
	 */
	for (i = 0; i < RT_KMSG_MARKS; i++) {
		r = kmsg_mark(rfd, wfd, i, &off, &width);
		if (r < 0) {
			snprintf(err, errlen, "cannot write to /dev/kmsg: %s",
				 strerror(errno));
			goto out;
		}
		if (r == 0 && (*width_ns < 0 || width < *width_ns)) {
			*offset_ns = off;
			*width_ns = width;
		}
		if (*width_ns >= 0 && *width_ns <= RT_KMSG_MARK_GOOD_NS)
			break;
	}
	if (*width_ns >= 0)
		ret = 0;
	else
		snprintf(err, errlen, "the clock mark written to /dev/kmsg did not come back");
out:
	if (rfd >= 0)
		close(rfd);
	if (wfd >= 0)
		close(wfd);
	return ret;
}

json_t *rt_words_json(const char *line)
{
	json_t *a = json_array();
	const char *p = line;

	if (!a)
		return NULL;
	while (*p) {
		size_t n;

		p += strspn(p, " \t\n");
		n = strcspn(p, " \t\n");
		if (!n)
			break;
		if (json_array_append_new(a, json_stringn(p, n)) &&
		    json_array_append_new(a, json_string("?"))) {
			json_decref(a);
			return NULL;
		}
		p += n;
	}
	return a;
}

/* The first line of @root@path without its newline; NULL if unreadable. */
static char *read_first_line(const char *root, const char *path)
{
	char name[4096], *line = NULL;
	size_t cap = 0;
	FILE *f;

	snprintf(name, sizeof(name), "%s%s", root, path);
	f = fopen(name, "re");
	if (!f)
		return NULL;
	if (getline(&line, &cap, f) < 0) {
		free(line);
		line = NULL;
	} else {
		line[strcspn(line, "\n")] = '\0';
	}
	fclose(f);
	return line;
}

static void set_line(json_t *o, const char *key, const char *root,
		     const char *path, bool *bad)
{
	char *line = read_first_line(root, path);

	if (line && json_object_set_new(o, key, rt_json_string_safe(line)))
		*bad = true;
	free(line);
}

json_t *rt_host_json(const char *root)
{
	json_t *o = json_object();
	struct rt_cpuinfo ci;
	struct utsname u;
	char name[4096], *line;
	bool bad = !o;
	FILE *f;

	if (bad)
		return NULL;
	if (!uname(&u))
		bad |= json_object_set_new(o, RT_K_KERNEL_RELEASE,
					   rt_json_string_safe(u.release)) ||
		       json_object_set_new(o, RT_K_ARCH,
					   rt_json_string_safe(u.machine));
	set_line(o, RT_K_CMDLINE, root, "/proc/cmdline", &bad);
	set_line(o, RT_K_BOOT_ID, root, "/proc/sys/kernel/random/boot_id", &bad);
	snprintf(name, sizeof(name), "%s/proc/cpuinfo", root);
	f = fopen(name, "re");
	if (f) {
		if (!rt_cpuinfo_parse(f, &ci)) {
			if (ci.model[0])
				bad |= json_object_set_new(o, RT_K_CPU_MODEL,
						rt_json_string_safe(ci.model)) != 0;
			if (ci.has_rng)
				bad |= json_object_set_new(o, RT_K_CPU_RNG,
						json_boolean(ci.rng)) != 0;
			if (ci.has_flags)
				bad |= json_object_set_new(o, RT_K_CPU_RDRAND,
						json_boolean(ci.rdrand)) ||
				       json_object_set_new(o, RT_K_CPU_RDSEED,
						json_boolean(ci.rdseed)) ||
				       json_object_set_new(o, RT_K_HYPERVISOR,
						json_boolean(ci.hypervisor));
		}
		fclose(f);
	}
	line = read_first_line(root, "/sys/class/misc/hw_random/rng_available");
	if (line)
		bad |= json_object_set_new(o, RT_K_HWRNG_AVAILABLE,
					   rt_words_json(line)) != 0;
	free(line);
	line = read_first_line(root, "/sys/class/misc/hw_random/rng_current");
	if (line && line[0] && strcmp(line, "none"))
		bad |= json_object_set_new(o, RT_K_HWRNG_CURRENT,
					   rt_json_string_safe(line)) != 0;
	free(line);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
