#!/bin/sh
# scripts/resolve-kernels.sh against made-up package lists (no apt, no network): the newest ABI
# of each line, kbuild at another Debian revision of the same upstream version, pins served and
# not, a missing package named, and the cache pruned of kernels no line chooses. TAP output.
NAME=resolve
. "$(dirname "$0")/tap.sh"
# pkg NAME VERSION [DEPENDS]: one paragraph of a package list
pkg() { printf 'Package: %s\nVersion: %s\n%s\n' "$1" "$2" "${3:+Depends: $3
}"; }
# abi61 N VERSION [KBUILD_VERSION]: the 6.1 packages of ABI 6.1.0-N
abi61() {
	pkg "linux-image-6.1.0-$1-amd64-unsigned" "$2"
	pkg "linux-image-6.1.0-$1-amd64-dbg" "$2"
	pkg "linux-headers-6.1.0-$1-amd64" "$2" "linux-headers-6.1.0-$1-common (= $2), linux-kbuild-6.1 (>= $2), linux-compiler-gcc-12-x86"
	pkg "linux-headers-6.1.0-$1-rt-amd64" "$2" "linux-headers-6.1.0-$1-common-rt (= $2), linux-kbuild-6.1 (>= $2)"
	pkg "linux-headers-6.1.0-$1-common" "$2"
}
lists() {
	mkdir -p "$tmp/lists"
	{
		abi61 56 6.1.192-2
		abi61 57 6.1.193-1
		pkg linux-kbuild-6.1 6.1.192-3
		pkg linux-kbuild-6.1 6.1.193-1
		pkg linux-headers-amd64 6.1.193-1 "linux-headers-6.1.0-57-amd64 (= 6.1.193-1)"
		# the 6.12 of bookworm-security is not the backports line
		pkg linux-headers-6.12.200+deb12-amd64 6.12.200-1~deb12u1 "linux-kbuild-6.12.200+deb12"
	} >"$tmp/lists/bookworm-security"
	for v in 95 117; do
		pkg "linux-image-6.12.$v+deb12-amd64-unsigned" "6.12.$v-1~bpo12+1"
		pkg "linux-headers-6.12.$v+deb12-amd64" "6.12.$v-1~bpo12+1" "linux-base (>= 4.12~), linux-headers-6.12.$v+deb12-common (= 6.12.$v-1~bpo12+1), linux-kbuild-6.12.$v+deb12, gcc-12"
		pkg "linux-headers-6.12.$v+deb12-common" "6.12.$v-1~bpo12+1"
		pkg "linux-kbuild-6.12.$v+deb12" "6.12.$v-1~bpo12+1"
	done >"$tmp/lists/bookworm-backports"
	for v in 7.2.12 7.10.1; do
		pkg "linux-binary-$v+deb13-amd64" "$v-1~bpo13+1"
		pkg "linux-headers-$v+deb13-amd64" "$v-1~bpo13+1" "gcc-14-for-host, linux-headers-$v+deb13-common (= $v-1~bpo13+1), linux-kbuild-$v+deb13"
		pkg "linux-headers-$v+deb13-common" "$v-1~bpo13+1"
		pkg "linux-kbuild-$v+deb13" "$v-1~bpo13+1"
	done >"$tmp/lists/trixie-backports"
	pkg linux-headers-8.0.1+deb13-amd64 8.0.1-1~bpo13+1 "linux-kbuild-8.0.1+deb13" >>"$tmp/lists/trixie-backports"
}
lists
export ERRORIGIN_CACHE="$tmp/cache" EO_PACKAGE_LISTS="$tmp/lists" EO_KERNELS_RESOLVED="$tmp/resolved"
mkdir -p "$ERRORIGIN_CACHE/kernels/6.1.0-50-amd64" "$ERRORIGIN_CACHE/kernels/6.1.0-57-amd64" \
	"$ERRORIGIN_CACHE/debs" "$ERRORIGIN_CACHE/debug/6.12.95+deb12-amd64"
touch "$ERRORIGIN_CACHE/debs/linux-kbuild-6.1_6.1.193-1_amd64.deb" \
	"$ERRORIGIN_CACHE/debs/linux-kbuild-6.1_6.1.190-1_amd64.deb"
field() { awk -v t="$1" -v n="$2" '$1 == t { print $n }' "$tmp/resolved"; }

"$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
tap $? "resolves every line"
[ "$(field 6.1 2)" = 6.1.0-57-amd64 ] && [ "$(field 6.1 8)" = linux-kbuild-6.1=6.1.193-1 ]
tap $? "6.1: the newest ABI and its kbuild ($(field 6.1 2) $(field 6.1 8))"
[ "$(field 6.12 2)" = 6.12.117+deb12-amd64 ] && [ "$(field 6.12 4)" = bookworm-backports ]
tap $? "6.12: the newest of its own suite ($(field 6.12 2))"
[ "$(field 7.x 2)" = 7.10.1+deb13-amd64 ] && [ "$(field 7.x 5)" = linux-binary-7.10.1+deb13-amd64=7.10.1-1~bpo13+1 ]
tap $? "7.x: versions compared as Debian does, not as text; no 8.x ($(field 7.x 2))"
[ "$(field 6.1 9)" = linux-image-6.1.0-57-amd64-dbg=6.1.193-1 ] && [ "$(field 6.12 9)" = - ]
tap $? "the -dbg package where the suite serves it, '-' where not"
grep -q "^>> kernel 6.12: 6.12.117+deb12-amd64 from bookworm-backports" "$tmp/out"
tap $? "prints what it resolved"
[ ! -d "$ERRORIGIN_CACHE/kernels/6.1.0-50-amd64" ] && [ -d "$ERRORIGIN_CACHE/kernels/6.1.0-57-amd64" ] &&
	[ ! -d "$ERRORIGIN_CACHE/debug/6.12.95+deb12-amd64" ]
tap $? "kernels no line chooses are pruned, the chosen one kept"
[ -f "$ERRORIGIN_CACHE/debs/linux-kbuild-6.1_6.1.193-1_amd64.deb" ] &&
	[ ! -f "$ERRORIGIN_CACHE/debs/linux-kbuild-6.1_6.1.190-1_amd64.deb" ]
tap $? "downloaded packages no line chooses are pruned"

EO_KERNEL_PIN="6.1=6.1.0-56-amd64" "$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
[ $? = 0 ] && [ "$(field 6.1 2)" = 6.1.0-56-amd64 ] && [ "$(field 6.1 6)" = linux-headers-6.1.0-56-amd64=6.1.192-2 ] &&
	[ "$(field 6.1 8)" = linux-kbuild-6.1=6.1.192-3 ]
tap $? "a served pin is used, with kbuild at another revision of its upstream version ($(field 6.1 8))"

echo "6.1=6.1.0-50-amd64 # gone" >"$tmp/pins"
EO_KERNEL_PIN_FILE="$tmp/pins" "$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
[ $? = 0 ] && [ "$(field 6.1 2)" = 6.1.0-57-amd64 ] &&
	[ "$(grep -c "pinned 6.1.0-50-amd64 is not served by bookworm-security any more; using the newest of the line, 6.1.0-57-amd64" "$tmp/out")" = 1 ]
tap $? "a pin no longer served: one line, then the newest of the line"

EO_KERNEL_PIN="6.1" "$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
[ $? != 0 ] && grep -q "pin '6.1' is not TAG=ABI" "$tmp/out"
tap $? "a malformed pin is refused"

# kbuild of the newest upstream version missing: named, and the newest complete ABI used
awk -v RS= -v ORS='\n\n' '!/Package: linux-kbuild-6.1\nVersion: 6.1.193-1/' "$tmp/lists/bookworm-security" >"$tmp/l"
cp "$tmp/l" "$tmp/lists/bookworm-security"
"$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
[ $? = 0 ] && grep -q "6.1: 6.1.0-57-amd64 is incomplete in bookworm-security: no linux-kbuild-6.1 at upstream version 6.1.193" "$tmp/out" &&
	grep -q "6.1: using 6.1.0-56-amd64, the newest complete ABI of the line" "$tmp/out" &&
	[ "$(field 6.1 2)" = 6.1.0-56-amd64 ] && [ "$(field 6.1 8)" = linux-kbuild-6.1=6.1.192-3 ]
tap $? "a missing kbuild is named, and the newest complete ABI is used"
awk -v RS= -v ORS='\n\n' '!/Package: linux-kbuild-6.1\n/' "$tmp/lists/bookworm-security" >"$tmp/l"
cp "$tmp/l" "$tmp/lists/bookworm-security"
"$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
[ $? != 0 ] && grep -q "6.1: no ABI of the 6.1 line is complete in bookworm-security" "$tmp/out" &&
	[ "$(field 6.1 2)" = 6.1.0-56-amd64 ]
tap $? "no complete ABI: the run stops, the last resolution left as it was"
[ $failed = 0 ] || sed "s/^/#   /" "$tmp/out"
rm "$tmp/lists/trixie-backports"
"$top/scripts/resolve-kernels.sh" >"$tmp/out" 2>&1
[ $? != 0 ] && grep -q "7.x: no package list for trixie-backports" "$tmp/out"
tap $? "a suite missing from the apt sources is named"
exit $failed
