// SPDX-License-Identifier: GPL-2.0
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "callgraph.h"
#include "util.h"

/* endbr64 (4 bytes) and a call-depth thunk sit between a symbol and where a call may land */
#define EO_CALL_SLACK 16

static uint32_t eo_le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The function a call to @to lands in: its symbol's index, or -1. */
static long eo_call_target(const struct eo_ksyms *k, uint64_t to)
{
	const struct eo_ksym *s = eo_ksyms_at(k, to);
	size_t i;

	if (!s)
		return -1;
	i = s - k->syms;
	/* the padding before a function (6.2+ names it __pfx_NAME) belongs to NAME */
	if (!strncmp(s->name, "__pfx_", 6) && i + 1 < k->n)
		return i + 1;
	return to - s->addr <= EO_CALL_SLACK ? (long)i : -1;
}

int eo_callgraph_scan(struct eo_callgraph *g, const uint8_t *text, size_t len, uint64_t base)
{
	const struct eo_ksyms *k = g->k;
	const struct eo_ksym *cur = eo_ksyms_at(k, base);
	size_t i, at = cur ? (size_t)(cur - k->syms) : 0;

	for (i = 0; i + 6 <= len; i++) {
		uint64_t pc = base + i, to;
		long callee;

		if (text[i] == 0xe8 || text[i] == 0xe9)
			to = pc + 5 + (int32_t)eo_le32(text + i + 1);
		else if (text[i] == 0x0f && (text[i + 1] & 0xf0) == 0x80)
			to = pc + 6 + (int32_t)eo_le32(text + i + 2);
		else
			continue;
		/* most byte patterns that are no call point outside the text */
		if (to < base || to >= base + len)
			continue;
		while (at + 1 < k->n && k->syms[at + 1].addr <= pc)
			at++;
		if (!k->n || k->syms[at].addr > pc)
			continue;
		callee = eo_call_target(k, to);
		if (callee < 0 || (size_t)callee == at)
			continue;
		if (eo_grow(&g->calls, &g->cap, g->n, sizeof(*g->calls)))
			return -1;
		g->calls[g->n++] = (struct eo_call){ .caller = at, .callee = callee };
	}
	return 0;
}

static int eo_call_cmp(const void *a, const void *b)
{
	const struct eo_call *x = a, *y = b;

	if (x->callee != y->callee)
		return x->callee < y->callee ? -1 : 1;
	return (x->caller > y->caller) - (x->caller < y->caller);
}

int eo_callgraph_index(struct eo_callgraph *g)
{
	size_t i, c = 0, kept = 0;

	qsort(g->calls, g->n, sizeof(*g->calls), eo_call_cmp);
	for (i = 0; i < g->n; i++)	/* a function calling another twice: one edge */
		if (!kept || eo_call_cmp(&g->calls[kept - 1], &g->calls[i]))
			g->calls[kept++] = g->calls[i];
	g->n = kept;
	free(g->first);
	g->first = malloc((g->k->n + 1) * sizeof(*g->first));
	if (!g->first)
		return -1;
	for (i = 0; i <= g->k->n; i++) {
		while (c < g->n && g->calls[c].callee < i)
			c++;
		g->first[i] = c;
	}
	return 0;
}

/* vmlinux's text, [_stext, _etext), from the PT_LOAD of /proc/kcore that maps it */
static uint8_t *eo_kcore_text(const struct eo_ksyms *k, uint64_t *base, size_t *len)
{
	size_t s = eo_ksyms_find(k, "_stext", ""), e = eo_ksyms_find(k, "_etext", "");
	uint64_t from, to;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	uint8_t *buf = NULL;
	int fd, i, saved;

	if (s == k->n || e == k->n) {
		errno = ENOENT;
		return NULL;
	}
	from = k->by_name[s]->addr;
	to = k->by_name[e]->addr;
	fd = open("/proc/kcore", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_phentsize != sizeof(ph))
		goto bad;
	for (i = 0; i < eh.e_phnum; i++) {
		size_t done = 0;

		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + (uint64_t)i * sizeof(ph)) != sizeof(ph))
			goto bad;
		if (ph.p_type != PT_LOAD || from < ph.p_vaddr || to > ph.p_vaddr + ph.p_memsz ||
		    to <= from)
			continue;
		*len = to - from;
		buf = malloc(*len);
		if (!buf)
			goto out;
		while (done < *len) {
			ssize_t r = pread(fd, buf + done, *len - done,
					  ph.p_offset + (from - ph.p_vaddr) + done);

			if (r <= 0) {
				if (!r)
					errno = EIO;
				free(buf);
				buf = NULL;
				goto out;
			}
			done += r;
		}
		*base = from;
		goto out;
	}
bad:
	errno = ENOEXEC;
out:
	saved = errno;
	close(fd);
	errno = saved;
	return buf;
}

int eo_callgraph_load(struct eo_callgraph *g, const struct eo_ksyms *k)
{
	uint64_t base;
	size_t len;
	uint8_t *text;
	int ret;

	memset(g, 0, sizeof(*g));
	g->k = k;
	text = eo_kcore_text(k, &base, &len);
	if (!text)
		return -1;
	ret = eo_callgraph_scan(g, text, len, base);
	free(text);
	if (!ret)
		ret = eo_callgraph_index(g);
	if (ret)
		errno = ENOMEM;
	return ret;
}

void eo_callgraph_free(struct eo_callgraph *g)
{
	free(g->calls);
	free(g->first);
	memset(g, 0, sizeof(*g));
}

size_t eo_callgraph_paths(const struct eo_callgraph *g, size_t target, unsigned int depth,
			  bool (*is_root)(const char *name, void *arg), void *arg, bool *on)
{
	size_t n = g->k->n, head = 0, tail = 0, i, marked = 0, nsub = 0;
	unsigned int *up = malloc(n * sizeof(*up)), *down = malloc(n * sizeof(*down));
	size_t *queue = malloc(n * sizeof(*queue));
	struct eo_call *sub = NULL;
	size_t subcap = 0;
	bool changed = true;

	if (!up || !down || !queue)
		goto out;
	for (i = 0; i < n; i++)
		up[i] = down[i] = UINT32_MAX;
	/* upwards from the target: how many calls each caller is above it */
	up[target] = 0;
	queue[tail++] = target;
	while (head < tail) {
		size_t u = queue[head++], c;

		if (up[u] == depth || (u != target && is_root(g->k->syms[u].name, arg)))
			continue;
		for (c = g->first[u]; c < g->first[u + 1]; c++) {
			size_t caller = g->calls[c].caller;

			if (up[caller] != UINT32_MAX)
				continue;
			up[caller] = up[u] + 1;
			queue[tail++] = caller;
		}
	}
	/* the calls among those, and downwards from the roots: only what lies on a path */
	for (i = 0; i < tail; i++) {
		size_t u = queue[i], c;

		if (is_root(g->k->syms[u].name, arg))
			down[u] = 0;
		for (c = g->first[u]; c < g->first[u + 1]; c++)
			if (up[g->calls[c].caller] != UINT32_MAX) {
				if (eo_grow(&sub, &subcap, nsub, sizeof(*sub)))
					goto out;
				sub[nsub++] = g->calls[c];
			}
	}
	while (changed) {
		changed = false;
		for (i = 0; i < nsub; i++) {
			unsigned int d = down[sub[i].caller];

			/* paths end at the target, and start at a root */
			if (d != UINT32_MAX && d + 1 < down[sub[i].callee] &&
			    sub[i].caller != target &&
			    !is_root(g->k->syms[sub[i].callee].name, arg)) {
				down[sub[i].callee] = d + 1;
				changed = true;
			}
		}
	}
	for (i = 0; i < tail; i++) {
		size_t u = queue[i];

		if (down[u] != UINT32_MAX && down[u] + up[u] <= depth) {
			on[u] = true;
			marked++;
		}
	}
out:
	free(sub);
	free(queue);
	free(down);
	free(up);
	return marked;
}
