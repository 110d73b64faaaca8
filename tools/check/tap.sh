# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by tools/check/run and tools/check/arch-lanes, which define
# result (ok|fail|skip NAME [LOG]).
#
# tap PREFIX FILE: one result per TAP/KTAP test line of FILE; a plan that
# promises more tests than ran counts the missing ones as failures.
tap() {
	local prefix=$1 file=$2 line st name seen=0 plan=
	if [ ! -s "$file" ]; then
		result fail "$prefix (no test output)"
		return
	fi
	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in
		1..*) plan=${line#1..} ;;
		"ok "*|"not ok "*)
			seen=$((seen + 1))
			st=ok
			[ "${line#not ok}" != "$line" ] && st=fail
			name=$(sed -E 's/^(not )?ok [0-9]+ (- )?//; s/ *# *(SKIP|skip).*//' <<<"$line")
			case $line in *"# SKIP"*|*"# skip"*) st=skip
				name="${name:-test $seen} (skipped: ${line##*SKIP })" ;; esac
			result "$st" "$prefix/${name:-test $seen}" "$file"
			;;
		esac
	done <"$file"
	if [ -z "$plan" ]; then
		result fail "$prefix (no TAP plan: the tests did not run)" "$file"
	elif [ "$plan" -gt "$seen" ] 2>/dev/null; then
		for ((; seen < plan; seen++)); do
			result fail "$prefix/test $((seen + 1)) (did not run)" "$file"
		done
	fi
}

# tap_no_skip PREFIX FILE: in a boot that exists for FILE's test, a skip
# is a failure (its reason in the result's name), unless the test proved
# the kernel lacks what it needs: a reason "kernel lacks ..." (ready_test
# on 7.x's fprobes) is a skip. (A controller built without the BPF
# backend fails there: every lane's has it.)
tap_no_skip() {
	local prefix=$1 file=$2 why
	why=$(grep -E '^ok [0-9]+ .*# (SKIP|skip)' "$file" 2>/dev/null | head -n 1 |
		sed 's/.*# *[Ss][Kk][Ii][Pp] *//')
	if [ "${why#kernel lacks }" != "$why" ]; then
		result skip "$prefix: $why"
	elif [ -n "$why" ]; then
		result fail "$prefix: skipped in the boot that exists for it ($why)" "$file"
	else
		result ok "$prefix: ran (the boot exists for it)"
	fi
}
