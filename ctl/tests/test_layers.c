// SPDX-License-Identifier: GPL-2.0
/*
 * ctl/'s layers point one way (ctl/Makefile): cmd/ over live/ over
 * render/ over trace/, and nl/ at the bottom. The Makefile gives each
 * folder an include path of its layer and those below; this reads the
 * sources, so that a wrong include is named even where a header of the
 * same name sits lower down.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctlrun.h"
#include "harness.h"

static const struct {
	const char *dir;
	const char *may_use[6];		/* itself first */
} layers[] = {
	{ "nl", { "nl" } },
	{ "bpf", { "bpf" } },
	{ "trace", { "trace" } },
	{ "render", { "render", "trace" } },
	{ "live", { "live", "render", "trace", "nl", "bpf" } },
	{ "cmd", { "cmd", "live", "render", "trace", "nl", "bpf" } },
};

#define N_LAYERS (sizeof(layers) / sizeof(layers[0]))

/* ROOT/ctl/@rel into @buf. */
static void ctl_path(char *buf, size_t len, const char *rel)
{
	const char *slash = strrchr(__FILE__, '/');

	/* __FILE__ is ROOT/ctl/tests/test_layers.c */
	snprintf(buf, len, "%.*s/../%s", slash ? (int)(slash - __FILE__) : 1,
		 slash ? __FILE__ : ".", rel);
}

static bool exists(const char *dir, const char *file)
{
	char rel[256], path[768];
	struct stat st;

	snprintf(rel, sizeof(rel), "%s/%s", dir, file);
	ctl_path(path, sizeof(path), rel);
	return !stat(path, &st);
}

/* Every #include "X" of @dir/@file is a header of a layer it may use. */
static void check_file(size_t l, const char *file)
{
	char rel[256], path[768];
	char *text, *p;

	snprintf(rel, sizeof(rel), "%s/%s", layers[l].dir, file);
	ctl_path(path, sizeof(path), rel);
	text = ctlrun_read(path);
	if (!text) {
		rt_test_fail(__FILE__, __LINE__, "cannot read %s", rel);
		return;
	}
	for (p = text; (p = strstr(p, "#include \"")); p++) {
		char hdr[128];
		size_t len = strcspn(p + 10, "\"\n"), i;
		bool found = false;

		snprintf(hdr, sizeof(hdr), "%.*s", (int)len, p + 10);
		/* bpftool's skeleton of bpf/rngtrace.bpf.c, made at build time */
		if (!strcmp(hdr, "rngtrace.skel.h"))
			found = exists("bpf", "rngtrace.bpf.c");
		for (i = 0; i < 6 && layers[l].may_use[i] && !found; i++)
			found = exists(layers[l].may_use[i], hdr);
		if (!found)
			rt_test_fail(__FILE__, __LINE__,
				     "%s includes \"%s\", which is not in %s/ or a layer below",
				     rel, hdr, layers[l].dir);
	}
	free(text);
}

static void t_includes(void)
{
	char path[768];
	struct dirent *d;
	size_t l;
	DIR *dir;

	for (l = 0; l < N_LAYERS; l++) {
		ctl_path(path, sizeof(path), layers[l].dir);
		dir = opendir(path);
		if (!dir) {
			rt_test_fail(__FILE__, __LINE__, "no ctl/%s/", layers[l].dir);
			continue;
		}
		while ((d = readdir(dir))) {
			size_t n = strlen(d->d_name);

			if (n > 2 && (!strcmp(d->d_name + n - 2, ".c") ||
				      !strcmp(d->d_name + n - 2, ".h")))
				check_file(l, d->d_name);
		}
		closedir(dir);
	}
	/* the renderers are render/, not out/ (a name read as build output) */
	ctl_path(path, sizeof(path), "out");
	CHECK(opendir(path) == NULL);
}

/* What sits where: the commands in cmd/, netlink exchanges in nl/ and live/. */
static void t_placement(void)
{
	static const char *const below_cmd[][2] = {
		/* a subcommand's main() is cmd/'s alone */
		{ "live", "_main(int argc" }, { "render", "_main(int argc" },
		{ "trace", "_main(int argc" }, { "nl", "_main(int argc" },
	};
	static const char *const not_in_cmd[] = {
		/* talking to the kernel is nl/'s and live/'s */
		"rt_nl_talk(", "rt_nl_dump(", "rt_nl_process(",
	};
	char path[768], rel[256];
	struct dirent *d;
	size_t i, j;
	DIR *dir;

	for (i = 0; i < sizeof(below_cmd) / sizeof(below_cmd[0]) + 1; i++) {
		const char *folder = i < 4 ? below_cmd[i][0] : "cmd";

		ctl_path(path, sizeof(path), folder);
		dir = opendir(path);
		if (!dir)
			continue;
		while ((d = readdir(dir))) {
			size_t n = strlen(d->d_name);
			char *text;

			if (n < 3 || strcmp(d->d_name + n - 2, ".c"))
				continue;
			snprintf(rel, sizeof(rel), "%s/%s", folder, d->d_name);
			ctl_path(path, sizeof(path), rel);
			text = ctlrun_read(path);
			if (i < 4 && text && strstr(text, below_cmd[i][1]))
				rt_test_fail(__FILE__, __LINE__,
					     "%s defines a subcommand's main()", rel);
			for (j = 0; i == 4 && text && j < sizeof(not_in_cmd) / sizeof(not_in_cmd[0]); j++)
				if (strstr(text, not_in_cmd[j]))
					rt_test_fail(__FILE__, __LINE__,
						     "%s calls %s itself: a netlink exchange belongs in nl/ or live/",
						     rel, not_in_cmd[j]);
			free(text);
		}
		closedir(dir);
	}
}

/*
 * Constants come from one place: the ready threshold and the sources'
 * names from the uapi (trace/names.c names the enum), EAGAIN from
 * <errno.h>, GRND_NONBLOCK from <linux/random.h>; no copy of them in the
 * controller's sources.
 */
static void t_constants(void)
{
	static const char *const folders[] = { "trace", "render", "live", "cmd", "nl" };
	static const char *const copies[] = {
		"(-11)", "case -11", "== -11", "#define EAGAIN", "#define GRND_",
		"0x0001", "\t256\t", "\"256 bits", "\"ioctl\"", "\"jitter\"",
		"\"interrupts\"", "\"bootloader\"",
	};
	char path[768], rel[256];
	struct dirent *d;
	size_t i, j;
	DIR *dir;

	for (i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
		ctl_path(path, sizeof(path), folders[i]);
		dir = opendir(path);
		if (!dir)
			continue;
		while ((d = readdir(dir))) {
			size_t n = strlen(d->d_name);
			char *text;

			if (n < 3 || (strcmp(d->d_name + n - 2, ".c") &&
				      strcmp(d->d_name + n - 2, ".h")))
				continue;
			snprintf(rel, sizeof(rel), "%s/%s", folders[i], d->d_name);
			if (!strcmp(rel, "trace/names.c"))
				continue;	/* the one table of names */
			ctl_path(path, sizeof(path), rel);
			text = ctlrun_read(path);
			for (j = 0; text && j < sizeof(copies) / sizeof(copies[0]); j++)
				if (strstr(text, copies[j]))
					rt_test_fail(__FILE__, __LINE__,
						     "%s has its own copy of a constant: %s",
						     rel, copies[j]);
			free(text);
		}
		closedir(dir);
	}
}

static const struct rt_test layers_tests[] = {
	{ "layers: every include points down (cmd, live, render, trace, nl)", t_includes },
	{ "layers: subcommands in cmd/, netlink exchanges below it", t_placement },
	{ "constants: threshold, sources, EAGAIN, GRND_NONBLOCK from one place", t_constants },
	{ NULL, NULL }
};

RT_SUITE(layers_tests)
