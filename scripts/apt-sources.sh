#!/bin/sh
# Adds the Debian suites that carry the test kernels (bookworm-backports for 6.12,
# trixie-backports for 7.3), pinned low so that nothing on the host is upgraded from them.
set -eu
list=/etc/apt/sources.list.d/errorigin-kernels.list
pin=/etc/apt/preferences.d/errorigin-kernels
key=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -f "$list" ]; then
	: >"$list"
	for suite in bookworm-backports trixie trixie-backports; do
		grep -rqs "$suite" /etc/apt/sources.list /etc/apt/sources.list.d/ ||
			echo "deb [signed-by=$key] http://deb.debian.org/debian $suite main" >>"$list"
	done
	grep -rqs "bookworm-security" /etc/apt/sources.list /etc/apt/sources.list.d/ ||
		echo "deb [signed-by=$key] http://deb.debian.org/debian-security bookworm-security main" >>"$list"
fi
if [ ! -f "$pin" ]; then
	cat >"$pin" <<PIN
Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100

Package: *
Pin: release n=trixie
Pin-Priority: 50

Package: *
Pin: release n=trixie-backports
Pin-Priority: 50
PIN
fi
