// SPDX-License-Identifier: GPL-2.0
/* KTAP version 1 (Documentation/dev-tools/ktap.rst in the kernel). */
#include <stdlib.h>

#include "export.h"

/* A description or a diagnostic on one line, without '#'. */
static void ktap_puts(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '#' ? '_' :
		      (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
}

/*
 * The kselftest runner's layout (run_kselftest.sh), which openQA's KTAP
 * parser reads and nothing else: each case is a test "program" of the
 * collection rngtrace, its output prefixed "# " as the runner does: the
 * group line "# selftests: rngtrace: ID", the message, the case's own
 * result "# ok 1 ID", then the runner's "ok N selftests: rngtrace: ID".
 * The top level is plain KTAP version 1 (the kernel's parser counts one
 * result per case; the "# " lines are diagnostics to it).
 */
int rt_export_ktap(FILE *f, const struct rt_export *x)
{
	struct rt_case *c;
	size_t n, i;

	if (rt_export_cases(x, &c, &n))
		return -1;
	fprintf(f, "KTAP version 1\n");
	fprintf(f, "# rngtrace: kernel ");
	ktap_puts(f, *x->s->kernel_release ? x->s->kernel_release : "unknown");
	fprintf(f, ", boot ");
	ktap_puts(f, *x->s->boot_id ? x->s->boot_id : "unknown");
	if (x->s->incomplete) {
		fprintf(f, "\n# rngtrace: ");
		ktap_puts(f, c[n - 1].message);
	}
	fprintf(f, "\n1..%zu\n", n);
	for (i = 0; i < n; i++) {
		const char *not = c[i].result == RT_CASE_FAIL ? "not " : "";

		/* the id needs no escaping: [A-Za-z0-9_.-] */
		fprintf(f, "# selftests: rngtrace: %s\n# # ", c[i].id);
		ktap_puts(f, c[i].message);
		fprintf(f, "\n# %sok 1 %s", not, c[i].id);
		if (c[i].result == RT_CASE_SKIP)
			fprintf(f, " # SKIP");
		fprintf(f, "\n%sok %zu selftests: rngtrace: %s", not, i + 1, c[i].id);
		if (c[i].result == RT_CASE_SKIP) {
			fprintf(f, " # SKIP ");
			ktap_puts(f, c[i].message);
		}
		fputc('\n', f);
	}
	free(c);
	return 0;
}
