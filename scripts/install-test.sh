#!/bin/sh
# 'make check' part: 'make install' into a staging directory, then what was installed is
# used as installed: the CLI finds its knowledge base, the man pages are there, bash
# completion completes subcommands, errnos and syscalls. TAP output.
set -u
. "$(dirname "$0")/common.sh"
t=0
tap() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - install: $2"; else echo "not ok $t - install: $2"; fi; }
stage=$(mktemp -d)
make -s -C "$TOP" install DESTDIR="$stage" PREFIX=/usr >"$stage.log" 2>&1
tap $? "make install DESTDIR=... PREFIX=/usr"
for f in sbin/errorigin share/errorigin/limits.hints share/man/man8/errorigin.8 \
	 share/man/man8/errorigin.ko.8 share/bash-completion/completions/errorigin; do
	[ -f "$stage/usr/$f" ]
	tap $? "installs /usr/$f"
done
"$stage/usr/sbin/errorigin" explain count_mounts ENOSPC >"$stage/explain.out" 2>&1
grep -q "^\[fs.mount-max\]" "$stage/explain.out"
tap $? "the installed CLI finds its installed knowledge base"
# a stock profile per tested kernel line (profiles/, from make check's hints part)
for kt in $(kernel_tags); do
	line=$(echo "$kt" | sed 's/\.x$//')
	ls "$stage/usr/share/errorigin/profiles/$line".*.profile >/dev/null 2>&1 &&
		grep -q "^pair x86_64 mount ENOSPC" "$stage/usr/share/errorigin/profiles/$line".*.profile
	tap $? "installs a stock profile for the $kt line, with the seed's pair"
done
grep -q "^\.TH ERRORIGIN 8" "$stage/usr/share/man/man8/errorigin.8" &&
	grep -q "count_mounts" "$stage/usr/share/man/man8/errorigin.8"
tap $? "errorigin(8) has the seed's story"
grep -q "^\.BI queue_size=" "$stage/usr/share/man/man8/errorigin.ko.8"
tap $? "errorigin.ko(8) lists the module parameters"
comp() {	# comp WORDS...: what completing the last word offers
	PATH="$stage/usr/sbin:$PATH" bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _errorigin; echo "${COMPREPLY[*]}"' \
		"$stage/usr/share/bash-completion/completions/errorigin" "$@"
}
[ "$(comp errorigin wat)" = watch ]
tap $? "bash completion: subcommands"
[ "$(comp errorigin watch -e ENOSP)" = ENOSPC ]
tap $? "bash completion: errno names"
comp errorigin watch -s mou | grep -qw mount
tap $? "bash completion: syscall names"
make -s -C "$TOP" uninstall DESTDIR="$stage" PREFIX=/usr >>"$stage.log" 2>&1
[ -z "$(find "$stage/usr" -type f)" ]
tap $? "make uninstall removes what install put"
rm -rf "$stage" "$stage.log"
