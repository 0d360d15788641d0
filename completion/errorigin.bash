# bash completion for errorigin(8): subcommands, options, errno and syscall names.
_errorigin()
{
	local cur prev cmd
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "status start stop watch top dump explain list help --version" -- "$cur"))
		return
	fi
	case $prev in
	-e|--errno)
		COMPREPLY=($(compgen -W "$(errorigin list errnos 2>/dev/null)" -- "${cur##*,}"))
		return ;;
	-s|--syscall)
		COMPREPLY=($(compgen -W "$(errorigin list syscalls 2>/dev/null)" -- "${cur##*,}"))
		return ;;
	-F|--functions-file|--profile|--save-profile)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--cgroup)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	esac
	case $cmd in
	list)
		COMPREPLY=($(compgen -W "errnos syscalls" -- "$cur")) ;;
	explain)
		[ "$COMP_CWORD" -eq 3 ] && COMPREPLY=($(compgen -W "$(errorigin list errnos 2>/dev/null)" -- "$cur")) ;;
	status)
		COMPREPLY=($(compgen -W "--json --help" -- "$cur")) ;;
	start|watch|top|dump)
		COMPREPLY=($(compgen -W "-e --errno -s --syscall -p --pid -t --tid -c --comm --cgroup --no-args -f --functions -F --functions-file --profile --save-profile --learn --no-learn --no-kb --no-profiles -v --verbose --learn-timeout --learn-max --max-funcs --max-hits -j --json -n --count -T --timeout --prometheus --help" -- "$cur")) ;;
	esac
}
complete -F _errorigin errorigin
