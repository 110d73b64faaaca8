// SPDX-License-Identifier: GPL-2.0
/*
 * The harness itself (harness.h), on the host: a test whose EXPECT failed
 * and which then skipped must report a failure; a test that only skipped,
 * a skip. tools/check/run's 'selftests-harness' lane runs it and reads
 * its KTAP.
 */
#include "harness.h"

TEST(failed_then_skipped)
{
	EXPECT_EQ(1, 2);
	SKIP(return, "skipping the rest");
}

TEST(only_skipped)
{
	SKIP(return, "nothing to do here");
}

TEST_HARNESS_MAIN
