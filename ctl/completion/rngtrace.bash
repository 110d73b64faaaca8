# SPDX-License-Identifier: GPL-2.0
# bash completion for rngtrace(8). Install as
# /usr/share/bash-completion/completions/rngtrace.

_rngtrace()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion || return
	else
		COMPREPLY=()
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local commands="status events record report check compare plot export config reset bootargs help"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	# Options that take a value.
	case $cmd:$prev in
	record:-o|record:--output|plot:-o|plot:--output|export:-o|export:--output)
		COMPREPLY=($(compgen -f -- "$cur"))
		[[ $cmd == plot ]] && COMPREPLY=($(compgen -f -X '!*.svg' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	record:-u|record:--until)
		COMPREPLY=($(compgen -W 'ready settled signal' -- "$cur"))
		return ;;
	record:-b|record:--backend)
		COMPREPLY=($(compgen -W 'module bpf' -- "$cur"))
		return ;;
	record:-s|record:--settle|record:-t|record:--timeout|events:-s|events:--since)
		return ;;
	check:--max-ready|check:--max-wait|export:--max-ready|export:--max-wait)
		COMPREPLY=($(compgen -W '100ms 500ms 1s 2s 5s 10s 30s' -- "$cur"))
		return ;;
	check:--max-blocked|check:--max-unseeded)
		COMPREPLY=($(compgen -W '0 1 2 5 10' -- "$cur"))
		return ;;
	compare:-l|compare:--label)
		return ;;
	compare:-c|compare:--confidence|check:--confidence)
		COMPREPLY=($(compgen -W '80 90 95 98 99 99.5' -- "$cur"))
		return ;;
	check:--baseline)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	check:--max-worse)
		COMPREPLY=($(compgen -W 'ready= blocked-time= blocked-tasks=' -- "$cur"))
		return ;;
	compare:-b|compare:--by)
		COMPREPLY=($(compgen -W 'kernel label' -- "$cur"))
		return ;;
	bootargs:--kernel)
		COMPREPLY=($(compgen -W "$(ls /lib/modules 2>/dev/null)" -- "$cur"))
		return ;;
	bootargs:--symbols|bootargs:--config)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	bootargs:--arch)
		COMPREPLY=($(compgen -W 'x86_64 aarch64 riscv64' -- "$cur"))
		return ;;
	config:--keep-armed)
		COMPREPLY=($(compgen -W 'on off' -- "$cur"))
		return ;;
	export:-f|export:--format)
		COMPREPLY=($(compgen -W 'perfetto prometheus junit ktap kcidb lava squad' -- "$cur"))
		return ;;
	export:--origin|export:--build-id)
		return ;;
	esac

	local opts=""
	case $cmd in
	status)  opts="--json --help" ;;
	events)  opts="--follow --since --json --help" ;;
	record)  opts="--output --until --settle --timeout --allow-timeout --backend --keep-armed --help" ;;
	report)  opts="--json --summary --journal-fields --journal --help" ;;
	check)   opts="--max-ready --max-wait --max-blocked --max-unseeded --accept-incomplete --baseline --max-worse --confidence --json --help" ;;
	compare) opts="--label --by --confidence --json --help" ;;
	plot)    opts="--output --help" ;;
	export)  opts="--format --output --max-wait --max-ready --accept-incomplete --origin --build-id --help" ;;
	config)  opts="--keep-armed --json --help" ;;
	reset)   opts="--help" ;;
	bootargs) opts="--kernel --symbols --config --arch --json --grub --help" ;;
	help)
		COMPREPLY=($(compgen -W "${commands% help}" -- "$cur"))
		return ;;
	*) return ;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	report|check|compare|plot|export)
		# Traces: JSON files, and directories to walk into.
		COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
		;;
	esac
} &&
complete -F _rngtrace rngtrace
