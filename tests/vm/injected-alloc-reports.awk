# Copies a kernel log, less the allocation-failure reports (warn_alloc) of allocations that
# the stress lane's fault injection failed on purpose: between its markers, a report whose
# allocator was called by the kernel on errorigin's behalf (register_kretprobe's rethook
# pool, say) is the kernel's own expected message. A report whose allocator errorigin's code
# called directly stays: the module asks for no warning (its requests report failures).
function flush(i) {
	if (n && !(inject && caller != "" && caller !~ /\[errorigin\]/))
		for (i = 1; i <= n; i++)
			print block[i]
	n = 0
}
index($0, "errorigin-test: allocation faults begin") { inject = 1 }
index($0, "errorigin-test: allocation faults end") { inject = 0 }
/vmalloc error:|page allocation failure:/ {
	flush()
	n = 1
	block[1] = $0
	caller = ""
	next
}
n {
	block[++n] = $0
	f = $0
	sub(/^\[[^]]*\] */, "", f)
	# the first reliable frame that is not the allocator's own
	if (caller == "" && f !~ /^\? / && f ~ /\+0x/ &&
	    f !~ /^(dump_stack|warn_alloc|__vmalloc|vmalloc|vzalloc|__kvmalloc|kvmalloc|kvcalloc|kvzalloc|__alloc_pages|alloc_pages|__kmalloc|kmalloc|kcalloc|kzalloc|__get_vm_area|get_vm_area)/)
		caller = f
	if (f ~ /<\/TASK>/)
		flush()
	next
}
{ print }
END { flush() }
