// SPDX-License-Identifier: GPL-2.0
/*
 * The man page (Documentation/rngtrace.8) and the bash completion
 * (ctl/completion/rngtrace.bash) against the built rngtrace: every
 * command 'rngtrace --help' lists, and every long option its own --help
 * names, is in both.
 */
#include <ctype.h>

#include "advice.h"
#include "ctlrun.h"
#include "fields.h"
#include "harness.h"

static char *source_file(const char *rel)
{
	const char *slash = strrchr(__FILE__, '/');
	char path[600];

	snprintf(path, sizeof(path), "%.*s/%s",
		 slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".", rel);
	return ctlrun_read(path);
}

/* The commands in 'rngtrace --help', NULL-ended; free() each and it. */
static char **commands(void)
{
	char **cmds = calloc(64, sizeof(*cmds));
	struct ctlrun r;
	const char *p;
	int n = 0;

	CTLRUN(&r, "--help");
	p = r.out ? strstr(r.out, "Commands:\n") : NULL;
	for (p = p ? strchr(p, '\n') + 1 : NULL; cmds && p && !strncmp(p, "  ", 2) && n < 63;
	     p = strchr(p, '\n') + 1) {
		size_t len = strcspn(p + 2, " \n");

		if (strcmp(p + 2 + len, "") && len && strncmp(p + 2, "help ", 5))
			cmds[n++] = strndup(p + 2, len);
		if (!strchr(p, '\n'))
			break;
	}
	ctlrun_done(&r);
	return cmds;
}

static void free_list(char **l)
{
	for (int i = 0; l && l[i]; i++)
		free(l[i]);
	free(l);
}

/* The long options a command's --help names. */
static char **long_options(const char *cmd)
{
	char **opts = calloc(64, sizeof(*opts));
	struct ctlrun r;
	const char *p;
	int n = 0, i;

	CTLRUN(&r, cmd, "--help");
	for (p = r.out; opts && p && (p = strstr(p, "--")) && n < 63; p += 2) {
		size_t len = 2;
		int dup = 0;

		if (p > r.out && (isalnum((unsigned char)p[-1]) || p[-1] == '-'))
			continue;
		while (isalnum((unsigned char)p[len]) || p[len] == '-')
			len++;
		if (len < 4)
			continue;
		for (i = 0; i < n; i++)
			dup |= strlen(opts[i]) == len && !strncmp(opts[i], p, len);
		if (!dup)
			opts[n++] = strndup(p, len);
	}
	ctlrun_done(&r);
	return opts;
}

/* "--max-wait" as roff writes it: "\-\-max\-wait". */
static void roff(char *buf, size_t len, const char *opt)
{
	size_t o = 0;

	for (; *opt && o + 3 < len; opt++) {
		if (*opt == '-')
			buf[o++] = '\\';
		buf[o++] = *opt;
	}
	buf[o] = 0;
}

static void t_docs_man_page(void)
{
	char *man = source_file("../../Documentation/rngtrace.8");
	char **cmds = commands();
	int i, j;

	REQUIRE(man);
	REQUIRE(cmds && cmds[0]);
	for (i = 0; cmds[i]; i++) {
		char want[128], **opts;

		snprintf(want, sizeof(want), "\n.SS %s\n", cmds[i]);
		if (!strstr(man, want))
			rt_test_fail(__FILE__, __LINE__, "man page lacks %s", want + 1);
		opts = long_options(cmds[i]);
		REQUIRE(opts);
		for (j = 0; opts[j]; j++) {
			roff(want, sizeof(want), opts[j]);
			if (strcmp(opts[j], "--help") && !strstr(man, want))
				rt_test_fail(__FILE__, __LINE__, "man page lacks %s %s",
					     cmds[i], opts[j]);
		}
		free_list(opts);
	}
	free_list(cmds);
	free(man);
}

/* What the completion offers after "rngtrace WORDS... CUR". */
static char *complete(const char *words)
{
	const char *slash = strrchr(__FILE__, '/');
	char script[1200];
	const char *argv[] = { "bash", "--norc", "--noprofile", "-c", script, NULL };
	struct ctlrun r;

	snprintf(script, sizeof(script),
		 "source '%.*s/../completion/rngtrace.bash' || exit 1; "
		 "COMP_WORDS=(rngtrace %s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
		 "_rngtrace; printf '%%s\\n' \"${COMPREPLY[@]}\"",
		 slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".", words);
	ctlrun_argv(&r, NULL, argv);
	CHECK_INT(r.status, 0);
	free(r.err);
	return r.out;
}

static int offered(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = list; p && (p = strstr(p, word)); p += len)
		if ((p == list || p[-1] == '\n') && p[len] == '\n')
			return 1;
	return 0;
}

static void t_docs_completion(void)
{
	char **cmds, *top, *c;
	int i, j;

	if (!need_tool("bash"))
		return;
	cmds = commands();
	REQUIRE(cmds && cmds[0]);
	top = complete("''");
	for (i = 0; cmds[i]; i++) {
		char words[96], **opts;

		if (!offered(top, cmds[i]))
			rt_test_fail(__FILE__, __LINE__, "completion lacks %s", cmds[i]);
		snprintf(words, sizeof(words), "%s --", cmds[i]);
		c = complete(words);
		opts = long_options(cmds[i]);
		REQUIRE(opts);
		for (j = 0; opts[j]; j++)
			if (!offered(c, opts[j]))
				rt_test_fail(__FILE__, __LINE__, "completion lacks %s %s",
					     cmds[i], opts[j]);
		free_list(opts);
		free(c);
	}
	free(top);
	free_list(cmds);

	c = complete("export --format ''");
	CHECK(offered(c, "perfetto") && offered(c, "prometheus") &&
	      offered(c, "junit") && offered(c, "ktap"));
	free(c);
	c = complete("compare --by ''");
	CHECK(offered(c, "kernel") && offered(c, "label"));
	free(c);
}

/*
 * The trace format's fields are named in one place (trace/fields.c), which
 * the loader checks against; Documentation/trace-format.md documents each
 * of them, in the section of its object.
 */
static void t_docs_trace_format(void)
{
	char *doc = source_file("../../Documentation/trace-format.md");
	const struct rt_field_table *t;
	const struct rt_field *f;

	REQUIRE(doc);
	for (t = rt_field_tables; t->object; t++) {
		char head[64], want[80];
		const char *sec, *next;

		/* "## `module`", "## `events[]`"; the top level is "## Top level" */
		if (!strcmp(t->object, "top level"))
			snprintf(head, sizeof(head), "## Top level");
		else
			snprintf(head, sizeof(head), "## `%s`", t->object);
		sec = strstr(doc, head);
		if (!sec) {
			rt_test_fail(__FILE__, __LINE__, "trace-format.md lacks \"%s\"", head);
			continue;
		}
		next = strstr(sec + 3, "\n## ");
		for (f = t->fields; f->key; f++) {
			const char *p;

			snprintf(want, sizeof(want), "`%s`", f->key);
			p = strstr(sec, want);
			if (!p || (next && p > next))
				rt_test_fail(__FILE__, __LINE__,
					     "trace-format.md: %s lacks %s",
					     t->object, want);
		}
	}
	free(doc);
}

/* 'rngtrace report --help' and the man page name every advice rule. */
static void t_docs_advice_ids(void)
{
	char *man = source_file("../../Documentation/rngtrace.8");
	struct ctlrun r;
	const char *help, *end;
	size_t i;

	REQUIRE(man);
	CTLRUN(&r, "report", "--help");
	help = r.out ? strstr(r.out, "Advice rules: ") : NULL;
	REQUIRE(help);
	end = strstr(help, "\n\n");	/* the list ends at a blank line */
	for (i = 0; rt_advice_ids[i]; i++) {
		char roffed[128];
		const char *p;
		size_t n = strlen(rt_advice_ids[i]);

		/* a whole word of the list */
		for (p = help; (p = strstr(p, rt_advice_ids[i])); p += n)
			if (isspace((unsigned char)p[-1]) &&
			    (p[n] == ',' || p[n] == '.'))
				break;
		if (!p || (end && p > end))
			rt_test_fail(__FILE__, __LINE__, "report --help lacks %s",
				     rt_advice_ids[i]);
		roff(roffed, sizeof(roffed), rt_advice_ids[i]);
		if (!strstr(man, roffed))
			rt_test_fail(__FILE__, __LINE__, "man page lacks %s", roffed);
	}
	ctlrun_done(&r);
	free(man);
}

static const struct rt_test docs_tests[] = {
	{ "docs: the man page has every command and long option", t_docs_man_page },
	{ "docs: bash completion has every command and long option", t_docs_completion },
	{ "docs: trace-format.md documents every field the loader checks", t_docs_trace_format },
	{ "docs: report --help and the man page name every advice rule", t_docs_advice_ids },
	{ NULL, NULL },
};

RT_SUITE(docs_tests)
