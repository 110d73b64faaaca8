// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "cmdline.h"

int rt_kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -1;
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -1;
}

bool rt_cmdline_bool(const char *cmdline, const char *param, bool def)
{
	size_t plen = strlen(param);
	const char *p = cmdline;
	bool v = def;

	while (p && *p) {
		size_t len;

		p += strspn(p, " \t\n");
		len = strcspn(p, " \t\n");
		if (len > plen && !strncmp(p, param, plen) && p[plen] == '=') {
			char val[8];
			size_t vlen = len - plen - 1;
			bool b;

			/* two characters decide; the copy ends at the word */
			if (vlen >= sizeof(val))
				vlen = sizeof(val) - 1;
			memcpy(val, p + plen + 1, vlen);
			val[vlen] = '\0';
			if (!rt_kstrtobool(val, &b))
				v = b;
		}
		p += len;
	}
	return v;
}
