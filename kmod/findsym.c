// SPDX-License-Identifier: GPL-2.0
/*
 * Where the probed functions are, without a kprobe each: the symbols
 * around get_random_bytes(), walked one function to the next.
 *
 * Modules cannot look a name up (kallsyms_lookup_name() is not exported),
 * so a kprobe registered by name has been what finds a function. That
 * costs: each registration scans the kernel's whole jump table
 * (check_kprobe_address_safe(), ~6 ms under emulation), and where
 * kallsyms_lookup_name() is a linear scan of every symbol (5.10), each
 * registration looks its name up three times, ~40 ms a name found and
 * ~140 ms a name that is not there. Most names tried are not there: the
 * clones (name.part.0, ...) a kernel's compiler did not make, and the
 * functions a kernel's random.c does not have. 5.10's load took 4.1 s.
 *
 * sprint_symbol() of an address gives its function's name, offset and
 * size, a binary search on every kernel: from one known function the next
 * starts at start + size and the previous one holds start - 1. A few
 * hundred steps cover random.c's text (the built-in hw_random core is
 * linked right after it). A function the walk met is registered by its
 * address (probes.c), and needs no name looked up.
 *
 * random.c's functions live in two places: .text, around
 * get_random_bytes(), and .text.unlikely, where __cold functions go
 * (_credit_init_bits on 5.10 and riscv64). Once a function of random.c
 * found by name lies outside what was walked, the walk goes around it too
 * (rt_findsym_around()); with both walked, a function of random.c (or a
 * clone of one) that no walk met does not exist in this kernel, and
 * rt_findsym_absent() says so without a lookup.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rngtrace.h"

#define RT_WALK_STEPS	384	/* each way from an anchor */
#define RT_FOUND_MAX	48

struct rt_found {
	char name[KSYM_NAME_LEN];
	unsigned long start, size;
};

static struct rt_found *rt_found;
static unsigned int rt_nfound;
static const char * const *rt_names;
static unsigned int rt_nnames;
/* The walk around get_random_bytes(), and a second one outside it. */
static bool rt_walked_hot, rt_walked_apart;
/* Something met was not kept: no name may be called absent. */
static bool rt_overflow;

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
	unsigned int i;

	for (i = 0; i < rt_nfound; i++)
		if (rt_found[i].start == start)
			return;
	if (rt_nfound == RT_FOUND_MAX) {
		rt_overflow = true;
		return;
	}
	strscpy(rt_found[rt_nfound].name, name, KSYM_NAME_LEN);
	rt_found[rt_nfound].start = start;
	rt_found[rt_nfound++].size = size;
}

/*
 * Walk from the anchor both ways, noting what is wanted; false when the
 * anchor is in no function of the kernel's text.
 */
static bool rt_walk(unsigned long anchor)
{
	unsigned long addr, start, size;
	bool met = false;
	char *name;
	int dir, i;

	name = kmalloc(KSYM_NAME_LEN, GFP_KERNEL);
	if (!name) {
		rt_overflow = true;
		return false;
	}
	for (dir = 1; dir >= -1; dir -= 2) {
		addr = anchor;
		for (i = 0; i < RT_WALK_STEPS; i++) {
			if (!rt_sym_at(addr, name, &start, &size))
				break;
			met = true;
			if ((dir > 0 || start != anchor) &&
			    rt_wanted(name, rt_names, rt_nnames))
				rt_note(name, start, size);
			addr = dir > 0 ? start + size : start - 1;
		}
	}
	kfree(name);
	return met;
}

/* Walk around get_random_bytes(); nothing found is not an error. */
void rt_findsym_init(const char * const *names, unsigned int n)
{
	rt_names = names;
	rt_nnames = n;
	rt_walked_hot = false;
	rt_walked_apart = false;
	rt_overflow = false;
	rt_found = kcalloc(RT_FOUND_MAX, sizeof(*rt_found), GFP_KERNEL);
	if (!rt_found)
		return;
	rt_walked_hot = rt_walk((unsigned long)get_random_bytes);
}

/*
 * addr, a function of random.c found by name: if no walk met it, it is in
 * the other part of random.c's text, and the walk goes around it too.
 */
void rt_findsym_around(unsigned long addr)
{
	unsigned int i;

	if (!rt_found || rt_walked_apart)
		return;
	for (i = 0; i < rt_nfound; i++)
		if (addr >= rt_found[i].start &&
		    addr < rt_found[i].start + rt_found[i].size)
			return;
	rt_walked_apart = rt_walk(addr);
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

/*
 * name, a function of random.c or a clone of one, is not in this kernel:
 * both parts of random.c's text were walked and neither met it.
 */
bool rt_findsym_absent(const char *name)
{
	unsigned long start, size;

	return rt_found && rt_walked_hot && rt_walked_apart && !rt_overflow &&
	       !rt_findsym(name, &start, &size);
}

/* Once the probes are registered: nothing looks again. */
void rt_findsym_exit(void)
{
	kfree(rt_found);
	rt_found = NULL;
	rt_nfound = 0;
	rt_names = NULL;
	rt_nnames = 0;
}
