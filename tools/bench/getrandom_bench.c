// SPDX-License-Identifier: GPL-2.0
/*
 * getrandom_bench [CALLS [ROUNDS]]: the cost of getrandom(16) in the
 * guest, in ns per call: ROUNDS rounds of CALLS calls each, one line per
 * round on stdout. The CRNG must be ready (calls that block would measure
 * the wait instead). Built static by tools/bench/run, run through
 * tools/vm/run --add.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/random.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 100000;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	char buf[16];
	long long t0;
	long i;
	int r;

	if (calls <= 0 || rounds <= 0) {
		fprintf(stderr, "usage: getrandom_bench [CALLS [ROUNDS]]\n");
		return 2;
	}
	if (getrandom(buf, sizeof(buf), GRND_NONBLOCK) != sizeof(buf)) {
		fprintf(stderr, "getrandom_bench: the CRNG is not ready\n");
		return 1;
	}
	for (r = 0; r < rounds; r++) {
		t0 = now_ns();
		for (i = 0; i < calls; i++)
			if (getrandom(buf, sizeof(buf), 0) != sizeof(buf))
				return 1;
		printf("%.1f\n", (double)(now_ns() - t0) / calls);
	}
	return 0;
}
