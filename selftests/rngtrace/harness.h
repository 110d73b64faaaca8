/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kselftest_harness.h as the rngtrace selftests use it. Its SKIP() sets
 * the test's result to skip whatever came before, so a check that failed
 * and then skipped the rest read as a skip (abi_test's [OPTIMIZED]
 * check, record_test). Here a SKIP() after a failure leaves it a
 * failure, and says so; tools/check/run's 'selftests-harness' lane
 * builds skip_check.c to hold it to that.
 */
#ifndef RT_HARNESS_H
#define RT_HARNESS_H

#include "kselftest_harness.h"

#undef SKIP
#define SKIP(statement, fmt, ...) do {					\
	snprintf(_metadata->results->reason,				\
		 sizeof(_metadata->results->reason), fmt, ##__VA_ARGS__); \
	if (_metadata->exit_code == KSFT_FAIL) {			\
		fprintf(TH_LOG_STREAM,					\
			"#      SKIP after a failure, still failed: %s\n", \
			_metadata->results->reason);			\
	} else {							\
		if (TH_LOG_ENABLED)					\
			fprintf(TH_LOG_STREAM, "#      SKIP      %s\n",	\
				_metadata->results->reason);		\
		_metadata->exit_code = KSFT_SKIP;			\
	}								\
	_metadata->trigger = 0;						\
	statement;							\
} while (0)

#endif /* RT_HARNESS_H */
