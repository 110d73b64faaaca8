/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small TAP harness: each test case runs in its own process and is one
 * "ok N - name", "not ok N - name" or "ok N - name # SKIP reason" line;
 * diagnostics go to stderr.
 */
#ifndef RT_HARNESS_H
#define RT_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct rt_test {
	const char *name;
	void (*fn)(void);
};

/*
 * Each suite is an array ending with { NULL, NULL }, registered from its
 * own file with RT_SUITE(array).
 */
void rt_test_register(const struct rt_test *suite);
#define RT_SUITE(tests)							\
	static void __attribute__((constructor)) register_##tests(void)	\
	{								\
		rt_test_register(tests);				\
	}

/* The built rngtrace, from the command line. */
extern const char *rt_test_ctl;

/*
 * Before the first test (isolate.c): into a network namespace of their
 * own, where the rngtrace module's family (init_net only) cannot be
 * reached, whatever this machine has loaded. 0, or -1 with @why: then no
 * test runs.
 */
int rt_test_isolate(char *why, size_t len);

/* Whether generic netlink family @name resolves from here. */
bool rt_test_family_reachable(const char *name);

/* The init_net-only families the host had before (NULL-ended). */
extern const char *rt_test_host_families[];

void rt_test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The test could not check all it should (a tool it needs is missing):
 * it goes on, and unless it fails it is a SKIP with @fmt as the reason,
 * never an ok. The first reason is kept.
 */
void rt_test_skip(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#define CHECK(cond) do {						\
	if (!(cond))							\
		rt_test_fail(__FILE__, __LINE__, "%s", #cond);		\
} while (0)

/* As CHECK, but the test cannot go on without it. */
#define REQUIRE(cond) do {						\
	if (!(cond)) {							\
		rt_test_fail(__FILE__, __LINE__, "%s", #cond);		\
		return;							\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long _a = (a), _b = (b);					\
	if (_a != _b)							\
		rt_test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", \
			     #a, #b, _a, _b);				\
} while (0)

#define CHECK_U64(a, b) do {						\
	unsigned long long _a = (a), _b = (b);				\
	if (_a != _b)							\
		rt_test_fail(__FILE__, __LINE__, "%s == %s: %llu != %llu", \
			     #a, #b, _a, _b);				\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *_a = (a), *_b = (b);				\
	if (!_a || !_b || strcmp(_a, _b))				\
		rt_test_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", \
			     #a, #b, _a ? _a : "(null)", _b ? _b : "(null)"); \
} while (0)

#define CHECK_CONTAINS(hay, needle) do {				\
	const char *_h = (hay), *_n = (needle);				\
	if (!_h || !strstr(_h, _n))					\
		rt_test_fail(__FILE__, __LINE__, "%s contains \"%s\": \"%s\"", \
			     #hay, _n, _h ? _h : "(null)");		\
} while (0)

#define CHECK_LACKS(hay, needle) do {					\
	const char *_h = (hay), *_n = (needle);				\
	if (!_h || strstr(_h, _n))					\
		rt_test_fail(__FILE__, __LINE__, "%s lacks \"%s\": \"%s\"", \
			     #hay, _n, _h ? _h : "(null)");		\
} while (0)

#endif /* RT_HARNESS_H */
