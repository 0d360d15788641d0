# Shared helpers for errorigin's scripts; sourced, never run.
# ERRORIGIN_CACHE holds downloaded kernels and the trixie build chroot across runs.
: "${ERRORIGIN_CACHE:=/var/cache/errorigin}"
SCRIPTS=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$SCRIPTS/.." && pwd)

die() { echo "errorigin: $*" >&2; exit 1; }
log() { echo ">> $*" >&2; }

# The kernels of kernels.conf as resolved for this run by resolve-kernels.sh, one line a tag:
#   1 tag  2 release  3 toolchain  4 suite  5 image=ver  6 headers=ver  7 common=ver
#   8 kbuild=ver  9 dbg=ver (or -)
: "${EO_KERNELS_RESOLVED:=$ERRORIGIN_CACHE/kernels.resolved}"
export EO_KERNELS_RESOLVED

# kernels_resolve: resolve once per run; the first script of a run does it, the ones it calls
# inherit EO_KERNELS_RESOLVED_DONE
kernels_resolve() {
	[ -n "${EO_KERNELS_RESOLVED_DONE:-}" ] && [ -f "$EO_KERNELS_RESOLVED" ] && return 0
	"$SCRIPTS/resolve-kernels.sh" || exit 1
	EO_KERNELS_RESOLVED_DONE=1
	export EO_KERNELS_RESOLVED_DONE
}
# kernel_field TAG N: field N of TAG's resolved line
# A debug tag, TAG-debug (e.g. 6.12-debug), is TAG's line built from source with the
# sanitizers on (build-debug-kernel.sh): its release is TAG's upstream version with
# -eodebug, its toolchain "debug", and it has no -dbg package; other fields are TAG's.
kernel_field() {
	kernels_resolve
	case $1 in
	*-debug)
		case $2 in
		2)
			_kf=$(kernel_field "${1%-debug}" 5)
			[ -z "$_kf" ] || echo "${_kf#*=}" | sed 's/-[^-]*$/-eodebug/'
			;;
		3) echo debug ;;
		9) echo - ;;
		*) kernel_field "${1%-debug}" "$2" ;;
		esac
		;;
	*) awk -v t="$1" -v n="$2" '$1 == t { print $n }' "$EO_KERNELS_RESOLVED" ;;
	esac
}
# debug_base TAG: the Debian tag a debug tag is built from; nothing for other tags
debug_base() { case $1 in *-debug) echo "${1%-debug}" ;; esac; }
kernel_tags() { awk '!/^#/ && NF { print $1 }' "$SCRIPTS/kernels.conf"; }
kernel_release() { kernel_field "$1" 2; }
kernel_root() {
	case $1 in
	*-debug) echo "$ERRORIGIN_CACHE/debug-kernel/$(kernel_release "$1")" ;;
	*) echo "$ERRORIGIN_CACHE/kernels/$(kernel_release "$1")" ;;
	esac
}
# kernel_pkg TAG FIELD: "package=version" of field 5-9; kernel_deb: its file in the cache
kernel_pkg() { kernel_field "$1" "$2"; }
deb_file() {
	# _amd64 or _all (the -common headers)
	set -- "$ERRORIGIN_CACHE/debs/$(echo "$1" | sed 's/=/_/; s/:/%3a/g')"_*.deb
	echo "$1"
}
kernel_deb() { deb_file "$(kernel_pkg "$1" "$2")"; }
# apt_download DIR PACKAGE=VERSION: into DIR, as root (apt's sandbox user cannot write there)
apt_download() {
	(cd "$1" && apt-get download -qq -o APT::Sandbox::User=root "$2")
}

need_root() { [ "$(id -u)" = 0 ] || die "$1: must run as root (apt, chroot, mounts)"; }
