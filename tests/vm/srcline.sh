# Where in the source (sourced by suite.sh): frames at function+offset with file:line from
# debug info found the ways the CLI documents: debuginfod (a stripped simfail whose DWARF is
# served by build-id over HTTP) and, on the kernels scripts/vm-test.sh shares it for, the
# kernel's own vmlinux debug info at /usr/lib/debug, checked against what binutils says of
# the same file on the host.
[ -n "${EO_T+x}" ] || . /tests/vm/lib.sh

insmod $KO && insmod /simfail.ko && errorigin start -c eo-fail -f 'simfail_*' 2>/dev/null
ok $? "srcline: insmod errorigin and simfail, simfail armed"
rel=$(uname -r)
line=$(grep -n "long simfail_plain_c(void)" /tests/simfail.c | cut -d: -f1)
sf_origin_src() { sed -n 's/.*"origin":{"func":"[^"]*","offset":null,"src":"\([^"]*\)".*/\1/p' "$1"; }
sf_plain() {	# sf_plain OUT: the plain case, watched
	watch_start "$1" -j -s write -n 1 --no-learn
	eo-fail write /proc/simfail plain >/dev/null
	watch_end
}

# --- debuginfod: the module's file has no DWARF; its build-id names the debug file -------
desc=$(od -An -tu4 -j4 -N4 /sys/module/simfail/notes/.note.gnu.build-id | tr -d ' ')
bid=$(od -An -tx1 -j16 -N"$desc" /sys/module/simfail/notes/.note.gnu.build-id | tr -d ' \n')
mkdir -p /tmp/dbgd/buildid/$bid
cp /simfail.debug /tmp/dbgd/buildid/$bid/debuginfo
cp /lib/modules/$rel/extra/simfail.ko /tmp/simfail-full.ko
cp /simfail-stripped.ko /lib/modules/$rel/extra/simfail.ko
sf_plain $W/sl-nodbg.json
expect_eq "srcline: a stripped module without debuginfod: no file:line, one notice" "|1" \
	"$(sf_origin_src $W/sl-nodbg.json)|$(grep -c 'no debug info' $W/sl-nodbg.json.err)"
httpd -f -p 127.0.0.1:8002 -h /tmp/dbgd &
httpd=$!
export DEBUGINFOD_URLS=http://127.0.0.1:8002 DEBUGINFOD_CACHE_PATH=/tmp/dbgd-cache
sf_plain $W/sl-dbgd.json
unset DEBUGINFOD_URLS DEBUGINFOD_CACHE_PATH
kill $httpd
expect_eq "srcline: debuginfod (DEBUGINFOD_URLS) gives the stripped module's lines" \
	"simfail.c:$line simfail.c:$((line + 1))" \
	"$(sf_origin_src $W/sl-dbgd.json) $(sed -n 's/.*"chain":\[{[^}]*},{"func":"[^"]*","offset":"0x[0-9a-f]*","src":"\([^"]*\)".*/\1/p' $W/sl-dbgd.json)"
check "srcline: fetched by build-id into the client's cache" \
	test -s /tmp/dbgd-cache/$bid/debuginfo
sed 's/^/#   /' $W/sl-dbgd.json.err
cp /tmp/simfail-full.ko /lib/modules/$rel/extra/simfail.ko
errorigin stop
rmmod simfail

# --- the seed's chain: every caller at its call, or said to have jumped (tail call) -------
# with the kernel's vmlinux debug info shared for this kernel, at its exact lines too
debug=false
if grep -q "eo_debug=1" /proc/cmdline; then
	mkdir -p /usr/lib/debug
	load_9p && mount -t 9p -o trans=virtio,version=9p2000.L,ro debug /usr/lib/debug
	ok $? "srcline: the kernel's -dbg vmlinux shared at /usr/lib/debug"
	debug=true
fi
mounts=$(wc -l </proc/self/mounts)
old=$(cat /proc/sys/fs/mount-max)
echo $mounts >/proc/sys/fs/mount-max
mkdir -p /mnt/srcline
funcs='count_mounts,attach_recursive_mnt*,graft_tree,do_add_mount,path_mount'
watch_start $W/sl-seed.json -j -n 1 --no-learn -s mount -e ENOSPC -f "$funcs"
mount -t tmpfs none /mnt/srcline 2>/dev/null
watch_end
watch_start $W/sl-seed.out -n 1 --no-learn -s mount -e ENOSPC -f "$funcs"
mount -t tmpfs none /mnt/srcline 2>/dev/null
watch_end
echo $old >/proc/sys/fs/mount-max
sed 's/^/#   /' $W/sl-seed.out
check "srcline: seed: path_mount at its call, entered from the mount syscall" \
	grep -Eq '^      path_mount\+0x[0-9a-f]+ .*-ENOSPC' $W/sl-seed.out
check "srcline: seed: the outermost frame's call site is the syscall's" \
	grep -Eq '^      from __(x64|se|do)_sys_mount\+0x[0-9a-f]+' $W/sl-seed.out
# the followed functions call each other directly or jump (a return hook's trampoline as a
# call site would show up as "via")
check "srcline: seed: no frame lost its caller (tail calls said as such)" \
	sh -c "! grep -q '^      via ' $W/sl-seed.out"
errorigin dump -s mount >$W/sl-dump.out 2>&1
check "srcline: dump shows the recorded chain the same way" \
	grep -Eq '^      path_mount\+0x[0-9a-f]+ .*-ENOSPC' $W/sl-dump.out
if $debug; then
	exp=/usr/lib/debug/errorigin-expect
	sed 's/^/#   binutils: /' $exp
	# file:line as binutils' addr2line names it, with the build directory in front
	src=$(sf_origin_src $W/sl-seed.json)
	want=$(sed -n 's/^origin_src //p' $exp)
	case "$want" in
	*/"$src") same=yes ;;
	*) same=no ;;
	esac
	expect_eq "srcline: count_mounts at its definition in fs/namespace.c, as binutils says" \
		"fs/namespace.c:${want##*:} yes" "$src $same"
	site=$(sed -n 's/.*"chain":\[{[^}]*},{"func":"attach_recursive_mnt[^"]*","offset":"\(0x[0-9a-f]*\)","src":"\([^"]*\)".*/\1 \2/p' $W/sl-seed.json)
	want=$(awk -v o="${site%% *}" '$1 == "site" && $2 == o { print $2, $3 }' $exp)
	[ -n "$site" ] || site="(no call site reported)"
	[ -n "$want" ] || echo "#   no call of count_mounts at offset '${site%% *}' in binutils' list"
	expect_eq "srcline: attach_recursive_mnt at its call of count_mounts, offset and line as binutils says" \
		"${want%% *} ${want##*/fs/}" "${site%% *} ${site#* fs/}"
	check "srcline: the text names the call site with its line" \
		grep -q "^      attach_recursive_mnt+${site%% *} .* ${site#* }\$" $W/sl-seed.out
	check "srcline: no notice when every frame has debug info" \
		sh -c "! grep -q 'no debug info' $W/sl-seed.json.err $W/sl-seed.out.err"
	# the same vmlinux from debuginfod instead, by the running kernel's build-id
	bid=$(sed -n 's/^build_id //p' $exp)
	mkdir -p /tmp/kdbgd/buildid/$bid /mnt/kdebug
	mount --move /usr/lib/debug /mnt/kdebug
	ln -s /mnt/kdebug/boot/vmlinux-$rel /tmp/kdbgd/buildid/$bid/executable
	ln -s /mnt/kdebug/boot/vmlinux-$rel /tmp/kdbgd/buildid/$bid/debuginfo
	httpd -f -v -p 127.0.0.1:8002 -h /tmp/kdbgd 2>$W/httpd.log &
	httpd=$!
	echo $mounts >/proc/sys/fs/mount-max
	export DEBUGINFOD_URLS=http://127.0.0.1:8002 DEBUGINFOD_CACHE_PATH=/tmp/kdbgd-cache
	watch_start $W/sl-kdbgd.json -j -n 1 --no-learn -s mount -e ENOSPC -f "$funcs"
	mount -t tmpfs none /mnt/srcline 2>/dev/null
	watch_end
	unset DEBUGINFOD_URLS DEBUGINFOD_CACHE_PATH
	echo $old >/proc/sys/fs/mount-max
	kill $httpd
	sed 's/^/#   httpd: /' $W/httpd.log
	expect_eq "srcline: vmlinux from debuginfod (DEBUGINFOD_URLS): the same lines" \
		"$(sf_origin_src $W/sl-seed.json) $site" \
		"$(sf_origin_src $W/sl-kdbgd.json) $(sed -n 's/.*"chain":\[{[^}]*},{"func":"attach_recursive_mnt[^"]*","offset":"\(0x[0-9a-f]*\)","src":"\([^"]*\)".*/\1 \2/p' $W/sl-kdbgd.json)"
	check "srcline: vmlinux fetched by the running kernel's build-id into the client's cache" \
		test -s /tmp/kdbgd-cache/$bid/executable
	rm -rf /tmp/kdbgd-cache
	umount /mnt/kdebug
fi
rmmod errorigin
check "srcline: dmesg clean" dmesg_clean
