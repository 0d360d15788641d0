#!/bin/sh
# Downloads Debian's kernel image, headers and kbuild for each tag in kernels.conf (all if none
# given) and unpacks them under $ERRORIGIN_CACHE/kernels/<release>; nothing is installed.
# A kernel already unpacked is skipped, so later runs are fast.
set -eu
. "$(dirname "$0")/common.sh"
tags=${*:-$(kernel_tags)}
for tag in $tags; do
	rel=$(kernel_release "$tag")
	[ -n "$rel" ] || die "fetch-kernels: unknown kernel tag '$tag' (see scripts/kernels.conf)"
	root=$(kernel_root "$tag")
	[ -f "$root/.complete" ] && continue
	ver=$(kernel_field "$tag" 3)
	debs="$ERRORIGIN_CACHE/debs"
	mkdir -p "$debs" "$root"
	for pkg in "$(kernel_field "$tag" 5)" "linux-headers-$rel" \
		   "linux-headers-${rel%-amd64}-common" "$(kernel_field "$tag" 6)"; do
		# kbuild versions track the image's upstream version, not always its Debian revision
		set -- "$debs/${pkg}"_*.deb
		if [ ! -f "$1" ]; then
			log "downloading $pkg"
			# apt's sandbox user cannot write into our cache: download as root
			(cd "$debs" && { apt-get download -qq -o APT::Sandbox::User=root "$pkg=$ver" ||
				{ apt-get update -qq && apt-get download -qq -o APT::Sandbox::User=root "$pkg=$ver"; }; }) ||
				die "fetch-kernels: cannot download $pkg=$ver (are the apt sources of scripts/apt-sources.sh there?)"
			set -- "$debs/${pkg}"_*.deb
		fi
		dpkg-deb -x "$1" "$root"
	done
	vmlinuz=$(ls "$root"/boot/vmlinuz-* "$root"/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n 1)
	[ -n "$vmlinuz" ] || die "fetch-kernels: no vmlinuz in the $tag image package"
	ln -sf "${vmlinuz#$root/}" "$root/vmlinuz"
	touch "$root/.complete"
	log "kernel $tag ready in $root"
done
