# Sourced by the host-side script tests after setting NAME: the tree's top, a scratch
# directory removed on exit, and tap CONDITION-EXIT-STATUS DESCRIPTION.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t=0 failed=0
tap() {
	t=$((t + 1))
	if [ "$1" = 0 ]; then echo "ok $t - $NAME: $2"; else echo "not ok $t - $NAME: $2"; failed=1; fi
}
