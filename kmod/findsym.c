// SPDX-License-Identifier: GPL-2.0
/*
 * Where the probed functions are, without a kprobe each: the symbols
 * around get_random_bytes(), walked one function to the next.
 *
 * Modules cannot look a name up (kallsyms_lookup_name() is not exported),
 * so a kprobe registered disabled has been what finds a function; each
 * registration scans the kernel's whole jump table (check_kprobe_address_
 * safe(), ~6 ms under emulation), eleven times over at every boot. The
 * sites that go on an fprobe need only an address, and they live in
 * random.c (the built-in hw_random core is linked right after it):
 * sprint_symbol() of an address gives its function's name, offset and
 * size, so from one known function the next starts at start + size and
 * the previous one holds start - 1. A few hundred steps cover both files.
 *
 * Only an optimization: a name the walk did not meet is found the old
 * way, by its kprobe (probes.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rngtrace.h"

#define RT_WALK_STEPS	384	/* each way from the anchor */
#define RT_FOUND_MAX	32

struct rt_found {
	char name[KSYM_NAME_LEN];
	unsigned long start, size;
};

static struct rt_found *rt_found;
static unsigned int rt_nfound;

/*
 * The function addr is in: its name into @name, its start and size. False
 * past the kernel's text (no symbol) and in a module's ("[mod]").
 */
static bool rt_sym_at(unsigned long addr, char *name, unsigned long *start,
		      unsigned long *size)
{
	char buf[KSYM_SYMBOL_LEN];
	unsigned long off;
	char *plus;

	sprint_symbol(buf, addr);
	plus = strrchr(buf, '+');
	if (!plus || strchr(buf, '[') ||
	    sscanf(plus, "+%lx/%lx", &off, size) != 2 || !*size || off > addr)
		return false;
	*plus = '\0';
	strscpy(name, buf, KSYM_NAME_LEN);
	*start = addr - off;
	return true;
}

/* name is one of @names, or a clone of one (name.part.0). */
static bool rt_wanted(const char *name, const char * const *names,
		      unsigned int n)
{
	unsigned int i;
	size_t len;

	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (!strncmp(name, names[i], len) &&
		    (name[len] == '\0' || name[len] == '.'))
			return true;
	}
	return false;
}

static void rt_note(const char *name, unsigned long start, unsigned long size)
{
	if (rt_nfound == RT_FOUND_MAX)
		return;
	strscpy(rt_found[rt_nfound].name, name, KSYM_NAME_LEN);
	rt_found[rt_nfound].start = start;
	rt_found[rt_nfound++].size = size;
}

/* Walk from the anchor both ways; nothing found is not an error. */
void rt_findsym_init(const char * const *names, unsigned int n)
{
	unsigned long anchor = (unsigned long)get_random_bytes;
	unsigned long addr, start, size;
	char *name;
	int dir, i;

	rt_found = kcalloc(RT_FOUND_MAX, sizeof(*rt_found), GFP_KERNEL);
	name = kmalloc(KSYM_NAME_LEN, GFP_KERNEL);
	if (!rt_found || !name)
		goto out;
	for (dir = 1; dir >= -1; dir -= 2) {
		addr = anchor;
		for (i = 0; i < RT_WALK_STEPS; i++) {
			if (!rt_sym_at(addr, name, &start, &size))
				break;
			if ((dir > 0 || start != anchor) &&
			    rt_wanted(name, names, n))
				rt_note(name, start, size);
			addr = dir > 0 ? start + size : start - 1;
		}
	}
out:
	kfree(name);
}

bool rt_findsym(const char *name, unsigned long *start, unsigned long *size)
{
	unsigned int i;

	for (i = 0; rt_found && i < rt_nfound; i++) {
		if (!strcmp(rt_found[i].name, name)) {
			*start = rt_found[i].start;
			*size = rt_found[i].size;
			return true;
		}
	}
	return false;
}

/* Once the probes are registered: nothing looks again. */
void rt_findsym_exit(void)
{
	kfree(rt_found);
	rt_found = NULL;
	rt_nfound = 0;
}
