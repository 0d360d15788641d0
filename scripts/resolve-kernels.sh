#!/bin/sh
# Resolves each line of kernels.conf to what its Debian suite serves now: the newest ABI of the
# line (or the pinned one, while it is served), with its image, headers, headers-common, kbuild
# and -dbg packages, each at the newest Debian revision of the ABI's upstream version. Writes
# one line per tag to $EO_KERNELS_RESOLVED:
#   tag release toolchain suite image=ver headers=ver common=ver kbuild=ver dbg=ver|-
# prints what it chose, and prunes the cache of kernels no line chooses any more. This is the
# preflight of make check: it fails, naming the package and why, before any VM is booted.
# Pins: EO_KERNEL_PIN="TAG=ABI ..." or a file of such words, EO_KERNEL_PIN_FILE.
set -eu
. "$(dirname "$0")/common.sh"

# refresh the package lists when they are older than this (the archive moves every week,
# bookworm-security sometimes daily; a stale list names files the mirror has dropped)
max_age=${EO_APT_MAX_AGE:-3600}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# index_file SUITE: the local copy of SUITE's main amd64 package list (apt is slow to ask:
# once per run)
# EO_PACKAGE_LISTS=DIR (tests): DIR/SUITE are the package lists, plain text; apt is not asked
targets() {
	if [ -n "${EO_PACKAGE_LISTS:-}" ]; then
		for f in "$EO_PACKAGE_LISTS"/*; do echo "${f##*/} $f"; done >"$work/targets"
		return 0
	fi
	apt-get indextargets --format '$(CODENAME) $(FILENAME)' 'Created-By: Packages' \
		'Component: main' 'Architecture: amd64' >"$work/targets" 2>/dev/null || :
}
index_file() { awk -v s="$1" '$1 == s { print $2; exit }' "$work/targets"; }
targets

suites=$(awk '!/^#/ && NF { print $2 }' "$SCRIPTS/kernels.conf" | sort -u)
stale=
[ -z "${EO_PACKAGE_LISTS:-}" ] || suites=
for s in $suites; do
	f=$(index_file "$s")
	if [ -z "$f" ] || [ ! -f "$f" ] ||
	   [ $(( $(date +%s) - $(stat -c %Y "$f") )) -gt "$max_age" ]; then
		stale=1
	fi
done
if [ -n "$stale" ]; then
	[ "$(id -u)" = 0 ] && [ -x "$SCRIPTS/apt-sources.sh" ] && "$SCRIPTS/apt-sources.sh"
	log "kernels: refreshing the package lists"
	apt-get update -qq >/dev/null 2>&1 || apt-get update -qq ||
		die "kernels: apt-get update failed: cannot tell what Debian serves now"
	targets
fi

pins=${EO_KERNEL_PIN:-}
if [ -n "${EO_KERNEL_PIN_FILE:-}" ]; then
	[ -f "$EO_KERNEL_PIN_FILE" ] || die "kernels: no pin file $EO_KERNEL_PIN_FILE"
	pins="$pins $(sed 's/#.*//' "$EO_KERNEL_PIN_FILE")"
fi
for p in $pins; do
	case $p in
	*=*) grep -q "^${p%%=*}[[:space:]]" "$SCRIPTS/kernels.conf" ||
		die "kernels: pin '$p' names no tag of scripts/kernels.conf" ;;
	*) die "kernels: pin '$p' is not TAG=ABI (e.g. 6.1=6.1.0-56-amd64)" ;;
	esac
done
pin_of() {
	for p in $pins; do [ "${p%%=*}" = "$1" ] && echo "${p#*=}"; done | tail -n 1
}

cat_list() {
	if [ -n "${EO_PACKAGE_LISTS:-}" ]; then cat "$1"; else /usr/lib/apt/apt-helper cat-file "$1"; fi
}

# newest: the highest Debian version among the lines "VERSION REST..." on stdin; prints the line
newest() {
	best=
	while read -r v rest; do
		if [ -z "$best" ] || dpkg --compare-versions "$v" gt "${best%% *}"; then
			best="$v${rest:+ $rest}"
		fi
	done
	[ -n "$best" ] && echo "$best"
}
upstream() { echo "${1%-*}"; }

# resolve_abi RELEASE: sets img h c k dbg from $idx, or miss (what is not served) and fails
resolve_abi() {
	hdr="linux-headers-$1"
	hver=$(awk -v p="$hdr" '$1 == p { print $2 }' "$idx" | newest)
	up=$(upstream "$hver")
	deps=$(awk -v p="$hdr" -v v="$hver" '$1 == p && $2 == v { print $3 }' "$idx" | head -n 1)
	common=$(echo "$deps" | tr ',|' '\n\n' | sed -n 's/^\(linux-headers-[^(]*-common\)(.*/\1/p;
		s/^\(linux-headers-[^(]*-common\)$/\1/p' | head -n 1)
	kbuild=$(echo "$deps" | tr ',|' '\n\n' | sed -n 's/^\(linux-kbuild-[^(]*\).*/\1/p' | head -n 1)
	miss=
	img=$(pick "linux-image-$1-unsigned" "linux-binary-$1") ||
		miss="$miss linux-image-$1-unsigned (or linux-binary-$1)"
	h=$(pick "$hdr") || miss="$miss $hdr"
	c=
	[ -n "$common" ] && c=$(pick "$common") ||
		miss="$miss ${common:-the -common headers (not in $hdr's Depends)}"
	k=
	[ -n "$kbuild" ] && k=$(pick "$kbuild") ||
		miss="$miss ${kbuild:-linux-kbuild (not in $hdr's Depends)}"
	dbg=$(pick "linux-image-$1-dbg") || dbg=-
	[ -z "$miss" ]
}
# pick PACKAGE...: the first of them served at version $up, its newest Debian revision
pick() {
	for name in "$@"; do
		v=$(awk -v p="$name" -v u="$up" '$1 == p { s = $2; sub(/-[^-]*$/, "", s);
			if (s == u) print $2 }' "$idx" | newest || true)
		[ -n "$v" ] && { echo "$name=$v"; return 0; }
	done
	return 1
}

out="$work/resolved"
: >"$out"
failed=
while read -r tag suite line toolchain; do
	case $tag in ''|'#'*) continue ;; esac
	f=$(index_file "$suite")
	if [ -z "$f" ] || [ ! -f "$f" ]; then
		echo "errorigin: kernels: $tag: no package list for $suite (is it in the apt sources? scripts/apt-sources.sh adds it)" >&2
		failed=1
		continue
	fi
	idx="$work/$suite"
	# "package version depends" of the kernel packages, once per suite
	[ -f "$idx" ] || cat_list "$f" | awk '
		/^Package: / { p = $2; v = ""; d = "" }
		/^Version: / { v = $2 }
		/^Depends: / { d = $0; sub(/^Depends: /, "", d); gsub(/ /, "", d) }
		/^$/ && p ~ /^linux-(image|binary|headers|kbuild)-/ { print p, v, d; p = "" }
		END { if (p ~ /^linux-(image|binary|headers|kbuild)-/) print p, v, d }' >"$idx"
	re=$(echo "$line" | sed 's/\./\\./g')
	# the ABIs of the line: linux-headers-<release>-amd64, not -rt, -cloud or -common
	awk -v re="^linux-headers-$re\\\\.[0-9][0-9.]*(-[0-9]+)?(\\\\+deb[0-9.]+)?-amd64\$" \
		'$1 ~ re { r = $1; sub(/^linux-headers-/, "", r); print $2, r }' "$idx" >"$work/abis"
	if [ ! -s "$work/abis" ]; then
		echo "errorigin: kernels: $tag: $suite serves no linux-headers-$line.*-amd64: no ABI of the $line line" >&2
		failed=1
		continue
	fi
	# candidates, newest first: the pin if served, then every ABI of the line
	: >"$work/order"
	pin=$(pin_of "$tag")
	cp "$work/abis" "$work/left"
	while [ -s "$work/left" ]; do
		r=$(newest <"$work/left" | cut -d' ' -f2)
		echo "$r" >>"$work/order"
		awk -v r="$r" '$2 != r' "$work/left" >"$work/left2"
		mv "$work/left2" "$work/left"
	done
	if [ -n "$pin" ]; then
		if grep -qxF "$pin" "$work/order"; then
			{ echo "$pin"; grep -vxF "$pin" "$work/order"; } >"$work/order2"
			mv "$work/order2" "$work/order"
		else
			echo "errorigin: kernels: $tag: pinned $pin is not served by $suite any more; using the newest of the line, $(head -n 1 "$work/order")" >&2
		fi
	fi
	rel=
	for r in $(cat "$work/order"); do
		if resolve_abi "$r"; then
			rel=$r
			break
		fi
		echo "errorigin: kernels: $tag: $r is incomplete in $suite: no$miss at upstream version $up" >&2
	done
	if [ -z "$rel" ]; then
		echo "errorigin: kernels: $tag: no ABI of the $line line is complete in $suite" >&2
		failed=1
		continue
	fi
	[ "$rel" = "$(head -n 1 "$work/order")" ] ||
		echo "errorigin: kernels: $tag: using $rel, the newest complete ABI of the line" >&2
	echo "$tag $rel $toolchain $suite $img $h $c $k $dbg" >>"$out"
done <"$SCRIPTS/kernels.conf"
[ -z "$failed" ] || die "kernels: cannot resolve every kernel line (see above); nothing was booted"

# the same packages through apt itself: what apt-get download will be asked for
# shellcheck disable=SC2046
if [ -z "${EO_PACKAGE_LISTS:-}" ] && ! apt-get download --print-uris -qq $(awk '{ print $5, $6, $7, $8 }' "$out") >/dev/null 2>"$work/apt"; then
	cat "$work/apt" >&2
	die "kernels: apt cannot download what the package lists name (see above)"
fi

mkdir -p "$ERRORIGIN_CACHE"
mv "$out" "$EO_KERNELS_RESOLVED.tmp"
mv "$EO_KERNELS_RESOLVED.tmp" "$EO_KERNELS_RESOLVED"
awk '{ split($5, i, "="); split($8, k, "="); printf ">> kernel %s: %s from %s (image %s, kbuild %s%s)\n",
	$1, $2, $4, i[2], k[2], $9 == "-" ? ", no -dbg" : "" }' "$EO_KERNELS_RESOLVED" >&2

# prune what no line chooses now: unpacked kernels, debug info, downloaded packages, and the
# headers unpacked into the trixie chroot
keep_rel() { awk -v r="$1" '$2 == r { f = 1 } END { exit !f }' "$EO_KERNELS_RESOLVED"; }
for d in "$ERRORIGIN_CACHE"/kernels/* "$ERRORIGIN_CACHE"/debug/*; do
	[ -d "$d" ] || continue
	keep_rel "$(basename "$d")" && continue
	log "kernels: pruning $d (no line chooses it now)"
	rm -rf "$d"
done
debs=$(awk '{ for (i = 5; i <= 9; i++) if ($i != "-") { sub("=", "_", $i); print $i "_" } }' \
	"$EO_KERNELS_RESOLVED" | sed 's/:/%3a/g')
for f in "$ERRORIGIN_CACHE"/debs/*.deb; do
	[ -f "$f" ] || continue
	b=$(basename "$f") keep=
	for p in $debs; do
		case $b in "$p"*) keep=1; break ;; esac
	done
	[ -n "$keep" ] || { log "kernels: pruning $b"; rm -f "$f"; }
done
ch="$ERRORIGIN_CACHE/trixie"
for m in "$ch"/.headers-*; do
	[ -f "$m" ] || continue
	r=${m##*/.headers-}
	keep_rel "$r" && continue
	log "kernels: pruning $r's headers from the trixie chroot"
	rm -rf "$ch/usr/src/linux-headers-$r" "$ch/usr/src/linux-headers-${r%-amd64}-common" "$m"
done
for d in "$ch"/usr/lib/linux-kbuild-*; do
	[ -d "$d" ] || continue
	awk -v k="${d##*/}" '{ split($8, a, "="); if (a[1] == k) f = 1 } END { exit !f }' \
		"$EO_KERNELS_RESOLVED" || rm -rf "$d"
done
exit 0
