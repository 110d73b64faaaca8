// SPDX-License-Identifier: GPL-2.0
/*
 * exitwith STATUS [TEXT]: write TEXT to /out/exitwith.txt and exit with
 * STATUS. Built static on the host to prove that tools/vm/run runs a
 * host-built program, returns /out and passes the exit status through.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	FILE *f;

	if (argc < 2)
		return 100;
	if (argc > 2) {
		f = fopen("/out/exitwith.txt", "w");
		if (!f || fprintf(f, "%s\n", argv[2]) < 0 || fclose(f))
			return 101;
	}
	return atoi(argv[1]);
}
