// SPDX-License-Identifier: GPL-2.0
/* rt_stats(): median, minimum and maximum. */
#include "harness.h"
#include "stats.h"

#define CLOSE(a, b) ((a) - (b) < 1e-12 && (b) - (a) < 1e-12)

static void t_stats_odd(void)
{
	const double v[] = { 30.1, 14.2, 21.5 };
	struct rt_stats st;

	REQUIRE(!rt_stats(v, 3, &st));
	CHECK_INT(st.n, 3);
	CHECK(CLOSE(st.median, 21.5));
	CHECK(CLOSE(st.min, 14.2));
	CHECK(CLOSE(st.max, 30.1));
	/* The input is left as it was. */
	CHECK(CLOSE(v[0], 30.1) && CLOSE(v[1], 14.2) && CLOSE(v[2], 21.5));
}

static void t_stats_even(void)
{
	const double v[] = { 4, -1, 10, 2 };
	struct rt_stats st;

	REQUIRE(!rt_stats(v, 4, &st));
	CHECK_INT(st.n, 4);
	CHECK(CLOSE(st.median, 3));	/* (2 + 4) / 2 */
	CHECK(CLOSE(st.min, -1));
	CHECK(CLOSE(st.max, 10));
}

static void t_stats_one_and_none(void)
{
	const double v[] = { 0.655 };
	struct rt_stats st;

	REQUIRE(!rt_stats(v, 1, &st));
	CHECK_INT(st.n, 1);
	CHECK(CLOSE(st.median, 0.655) && CLOSE(st.min, 0.655) &&
	      CLOSE(st.max, 0.655));
	st.median = 7;
	REQUIRE(!rt_stats(v, 0, &st));
	CHECK_INT(st.n, 0);
	CHECK(CLOSE(st.median, 0));
}

static void t_stats_ties(void)
{
	const double v[] = { 1, 1, 5, 1, 5 };
	struct rt_stats st;

	REQUIRE(!rt_stats(v, 5, &st));
	CHECK(CLOSE(st.median, 1));
	CHECK(CLOSE(st.max, 5));
}

static const struct rt_test stats_tests[] = {
	{ "stats: median of an odd count, min, max", t_stats_odd },
	{ "stats: median of an even count is the mean of the middle two", t_stats_even },
	{ "stats: one number, and none", t_stats_one_and_none },
	{ "stats: ties", t_stats_ties },
	{ NULL, NULL },
};

RT_SUITE(stats_tests)
