/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The learning hook's x86-64 trampoline, which ftrace calls directly from the fentry site of
 * every followed function (register_ftrace_direct). Every task of the machine comes through
 * here while learning lasts, so the common case, no task inside a learned syscall, is a load,
 * a test and a return: no ftrace_regs frame, no callback. Otherwise the argument registers of
 * the traced function are kept and eo_learn_hit(site, where) decides, where is the stack
 * word that holds the traced function's return address.
 *
 * Entered by a call from the fentry site, or by ftrace_regs_caller's return when another
 * ftrace user shares the site: either way (%rsp) is the return into the traced function,
 * 5 bytes past its fentry site, and 8(%rsp) that function's return address.
 */
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include <asm/unwind_hints.h>

	.text
/*
 * Not SYM_FUNC_START: it has an ENDBR on some kernels and none on others (7.x). ftrace only
 * calls or returns here, never branches indirectly, but its ENDBR costs nothing and keeps an
 * IBT kernel safe whatever path ftrace takes.
 */
SYM_CODE_START(eo_learn_tramp)
	UNWIND_HINT_FUNC
	ENDBR
#ifdef CONFIG_CALL_DEPTH_TRACKING
	/* the site's call did not account for this frame; the RETs below will */
	CALL_DEPTH_ACCOUNT
#endif
	cmpl	$0, eo_learn_busy(%rip)
	jne	1f
	RET
1:	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%r8
	pushq	%r9
	pushq	%rax
	movq	8(%rbp), %rdi
	subq	$5, %rdi		/* the fentry site: what ftrace knows the function by */
	leaq	16(%rbp), %rsi		/* where its return address is */
	call	eo_learn_hit
	popq	%rax
	popq	%r9
	popq	%r8
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	popq	%rbp
	RET
SYM_CODE_END(eo_learn_tramp)

/*
 * Where a followed function of a learning task returns to instead of its caller
 * (learn_ret.c): %rax (and %rdx) hold what it returns. eo_learn_ret_exit() records it and
 * gives back the return address, which goes back into the very stack word it was taken
 * from, so that the final RET leaves the stack as the function's own return would have.
 * The unwinder stops here: the caller's address is in learn_ret.c's table, not on the stack.
 */
SYM_CODE_START(eo_learn_ret_tramp)
#ifdef EO_HAVE_UNWIND_HINT_UNDEFINED
	UNWIND_HINT_UNDEFINED
#else
	UNWIND_HINT_EMPTY
#endif
	ANNOTATE_NOENDBR
#ifdef CONFIG_CALL_DEPTH_TRACKING
	/* the function's RET to here accounted for a return; the one below will again */
	CALL_DEPTH_ACCOUNT
#endif
	pushq	$0			/* the word the return address was taken from */
	pushq	%rax
	pushq	%rdx
	movq	%rax, %rdi
	leaq	16(%rsp), %rsi
	call	eo_learn_ret_exit
	movq	%rax, 16(%rsp)
	popq	%rdx
	popq	%rax
	RET
SYM_CODE_END(eo_learn_ret_tramp)
