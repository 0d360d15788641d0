# Shared helpers for errorigin's scripts; sourced, never run.
# ERRORIGIN_CACHE holds downloaded kernels and the trixie build chroot across runs.
: "${ERRORIGIN_CACHE:=/var/cache/errorigin}"
SCRIPTS=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$SCRIPTS/.." && pwd)

die() { echo "errorigin: $*" >&2; exit 1; }
log() { echo ">> $*" >&2; }

# kernel_field TAG N: field N of the line for TAG in kernels.conf
kernel_field() {
	awk -v t="$1" -v n="$2" '$1 == t { print $n }' "$SCRIPTS/kernels.conf"
}
kernel_tags() { awk '!/^#/ && NF { print $1 }' "$SCRIPTS/kernels.conf"; }
kernel_release() { kernel_field "$1" 2; }
kernel_root() { echo "$ERRORIGIN_CACHE/kernels/$(kernel_release "$1")"; }

need_root() { [ "$(id -u)" = 0 ] || die "$1: must run as root (apt, chroot, mounts)"; }
