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
		fprintf(f, "# ");
		ktap_puts(f, c[i].message);
		fprintf(f, "\n%sok %zu - ", c[i].result == RT_CASE_FAIL ? "not " : "",
			i + 1);
		ktap_puts(f, c[i].name);
		if (c[i].result == RT_CASE_SKIP) {
			fprintf(f, " # SKIP ");
			ktap_puts(f, c[i].message);
		}
		fputc('\n', f);
	}
	free(c);
	return 0;
}
