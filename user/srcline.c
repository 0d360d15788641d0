// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include "event.h"
#include "srcline.h"

/* A module's functions by name, built at its first lookup. */
struct eo_symaddr {
	const char *name;	/* in libdwfl's copy of the module's string table */
	GElf_Addr addr;
	GElf_Xword size;
};

struct eo_symidx {
	Dwfl_Module *mod;
	struct eo_symaddr *syms;
	size_t n;
	struct eo_symidx *next;
};

struct eo_srcline {
	Dwfl *dwfl;
	bool told;
	time_t reported;	/* when the loaded modules were last listed */
	struct eo_symidx *idx;	/* valid until the modules are listed again */
};

static void eo_symidx_free(struct eo_srcline *s)
{
	struct eo_symidx *x;

	while ((x = s->idx)) {
		s->idx = x->next;
		free(x->syms);
		free(x);
	}
}

static int eo_symaddr_cmp(const void *a, const void *b)
{
	return strcmp(((const struct eo_symaddr *)a)->name, ((const struct eo_symaddr *)b)->name);
}

static struct eo_symidx *eo_symidx_get(struct eo_srcline *s, Dwfl_Module *m)
{
	struct eo_symidx *x;
	int i, n = dwfl_module_getsymtab(m);
	GElf_Addr addr;
	GElf_Sym sym;
	const char *name;

	for (x = s->idx; x; x = x->next)
		if (x->mod == m)
			return x;
	x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	x->mod = m;
	x->syms = n > 0 ? calloc(n, sizeof(*x->syms)) : NULL;
	for (i = 1; x->syms && i < n; i++) {
		name = dwfl_module_getsym_info(m, i, &sym, &addr, NULL, NULL, NULL);
		if (!name || GELF_ST_TYPE(sym.st_info) != STT_FUNC)
			continue;
		x->syms[x->n++] = (struct eo_symaddr){ name, addr, sym.st_size };
	}
	qsort(x->syms, x->n, sizeof(*x->syms), eo_symaddr_cmp);
	x->next = s->idx;
	s->idx = x;
	return x;
}

/*
 * @name's address. Static functions may share a name: kallsyms' size (to the next symbol,
 * alignment padding included) picks the one whose own size fits, else the first.
 */
static int eo_symidx_find(const struct eo_symidx *x, const char *name, uint64_t size,
			  GElf_Addr *addr)
{
	size_t lo = 0, hi = x->n, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(x->syms[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->n || strcmp(x->syms[lo].name, name))
		return -1;
	*addr = x->syms[lo].addr;
	for (i = lo; i < x->n && !strcmp(x->syms[i].name, name); i++)
		if (x->syms[i].size <= size && size - x->syms[i].size < 64) {
			*addr = x->syms[i].addr;
			break;
		}
	return 0;
}

/*
 * A module's ELF has allocated sections the kernel does not list under
 * /sys/module/NAME/sections (discarded after load); libdwfl's own callback gives up on the
 * whole module then. Treat those as not loaded: only .text matters for frames.
 */
static int eo_section_address(Dwfl_Module *mod, void **userdata, const char *modname,
			      Dwarf_Addr base, const char *secname, Elf32_Word shndx,
			      const GElf_Shdr *shdr, Dwarf_Addr *addr)
{
	if (dwfl_linux_kernel_module_section_address(mod, userdata, modname, base, secname,
						     shndx, shdr, addr) == DWARF_CB_OK)
		return DWARF_CB_OK;
	*addr = (Dwarf_Addr)-1;
	return DWARF_CB_OK;
}

/*
 * vmlinux where distributions install it. libdwfl's own kernel callback looks only by
 * build-id once one is known (and Debian's -dbg package has no build-id link for vmlinux);
 * libdwfl still rejects a file whose build-id is not the running kernel's.
 */
static int eo_find_vmlinux(char **file_name)
{
	static const char *const where[] = {
		"/usr/lib/debug/boot/vmlinux-%s", "/boot/vmlinux-%s",
		"/usr/lib/debug/lib/modules/%s/vmlinux", "/lib/modules/%s/vmlinux",
		"/lib/modules/%s/build/vmlinux",
	};
	char path[PATH_MAX];
	struct utsname u;
	size_t i;
	int fd;

	if (uname(&u))
		return -1;
	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++) {
		snprintf(path, sizeof(path), where[i], u.release);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			*file_name = strdup(path);
			return fd;
		}
	}
	errno = 0;
	return -1;
}

/*
 * vmlinux from the standard places, modules from /lib/modules; else by build-id from
 * /usr/lib/debug/.build-id, then debuginfod (DEBUGINFOD_URLS).
 */
static int eo_find_elf(Dwfl_Module *mod, void **userdata, const char *modname,
		       Dwarf_Addr base, char **file_name, Elf **elfp)
{
	int fd;

	if (!strcmp(modname, "kernel"))
		fd = eo_find_vmlinux(file_name);
	else
		fd = dwfl_linux_kernel_find_elf(mod, userdata, modname, base, file_name, elfp);
	if (fd < 0 && !*elfp)
		fd = dwfl_build_id_find_elf(mod, userdata, modname, base, file_name, elfp);
	return fd;
}

static char *eo_debuginfo_path;
static const Dwfl_Callbacks eo_dwfl_callbacks = {
	.find_elf = eo_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,	/* debuginfod too, when configured */
	.section_address = eo_section_address,
	.debuginfo_path = &eo_debuginfo_path,
};

struct eo_modfind {
	const char *name;
	Dwfl_Module *found;
};

static int eo_modfind(Dwfl_Module *m, void **userdata, const char *name, Dwarf_Addr base,
		      void *arg)
{
	struct eo_modfind *f = arg;

	if (strcmp(name, f->name))
		return DWARF_CB_OK;
	f->found = m;
	return DWARF_CB_ABORT;
}

/* A reported module by name ("kernel" for vmlinux). */
static Dwfl_Module *eo_dwfl_module(Dwfl *dwfl, const char *name)
{
	struct eo_modfind f = { name, NULL };

	dwfl_getmodules(dwfl, eo_modfind, &f, 0);
	return f.found;
}

/*
 * The running kernel's build-id, from the GNU note of /sys/kernel/notes: libdwfl misses it
 * where Xen notes come first (Debian's 6.1), and without it neither /usr/lib/debug/.build-id
 * nor debuginfod can be asked for vmlinux.
 */
static void eo_srcline_kernel_build_id(Dwfl *dwfl)
{
	Dwfl_Module *m = eo_dwfl_module(dwfl, "kernel");
	const unsigned char *bits;
	unsigned char buf[4096];
	size_t n, off = 0, name, desc;
	GElf_Addr vaddr;
	GElf_Nhdr h;
	FILE *f;

	if (!m || dwfl_module_build_id(m, &bits, &vaddr) > 0)
		return;
	f = fopen("/sys/kernel/notes", "r");
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	while (off + sizeof(h) <= n) {
		memcpy(&h, buf + off, sizeof(h));
		name = off + sizeof(h);
		desc = name + ((h.n_namesz + 3) & ~3UL);
		if (desc + h.n_descsz > n)
			break;
		if (h.n_type == NT_GNU_BUILD_ID && h.n_namesz == 4 && !memcmp(buf + name, "GNU", 4)) {
			dwfl_module_report_build_id(m, buf + desc, h.n_descsz, 0);
			return;
		}
		off = desc + ((h.n_descsz + 3) & ~3UL);
	}
}

static void eo_srcline_report(struct eo_srcline *s)
{
	eo_symidx_free(s);
	dwfl_report_begin(s->dwfl);
	/* each may find nothing: vmlinux debug info is a separate package */
	dwfl_linux_kernel_report_kernel(s->dwfl);
	dwfl_linux_kernel_report_modules(s->dwfl);
	dwfl_report_end(s->dwfl, NULL, NULL);
	eo_srcline_kernel_build_id(s->dwfl);
	s->reported = time(NULL);
}

struct eo_srcline *eo_srcline_open(void)
{
	struct eo_srcline *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->dwfl = dwfl_begin(&eo_dwfl_callbacks);
	if (!s->dwfl) {
		free(s);
		return NULL;
	}
	eo_srcline_report(s);
	return s;
}

void eo_srcline_close(struct eo_srcline *s)
{
	if (!s)
		return;
	eo_symidx_free(s);
	dwfl_end(s->dwfl);
	free(s);
}

/*
 * A file as the kernel's tree names it (fs/namespace.c): relative to the directory its unit
 * was compiled in. Files from elsewhere (an out-of-tree module's) by their base name.
 */
static const char *eo_srcline_path(Dwfl_Line *l, const char *file)
{
	Dwarf_Die *cu = dwfl_linecu(l);
	Dwarf_Attribute at;
	const char *dir = cu ? dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &at)) : NULL;
	size_t n = dir ? strlen(dir) : 0;
	const char *base = strrchr(file, '/');

	if (n && !strncmp(file, dir, n) && file[n] == '/')
		file += n + 1;
	else if (file[0] == '/')
		return base + 1;
	while (!strncmp(file, "./", 2))
		file += 2;
	return file;
}

/*
 * By name, not by address: on 7.3 modules' text shares pages (execmem), so the address
 * ranges libdwfl derives from their sections overlap and dwfl_addrmodule() can pick
 * another module.
 */
static Dwfl_Module *eo_srcline_module(struct eo_srcline *s, const char *module)
{
	return eo_dwfl_module(s->dwfl, module ? module : "kernel");
}

int eo_srcline_lookup(struct eo_srcline *s, const char *symbol, bool ret_addr, char *buf,
		      size_t len, FILE *notice)
{
	struct eo_symidx *x = NULL;
	Dwfl_Module *m = NULL;
	const char *file;
	Dwfl_Line *l = NULL;
	struct eo_sym sym;
	GElf_Addr addr;
	int line = 0;

	if (eo_sym_parse(symbol, &sym))
		return -1;
	if (s)
		m = eo_srcline_module(s, sym.module[0] ? sym.module : NULL);
	/* a module loaded since: list them again, at most once a second */
	if (s && !m && time(NULL) != s->reported) {
		eo_srcline_report(s);
		m = eo_srcline_module(s, sym.module[0] ? sym.module : NULL);
	}
	if (m)
		x = eo_symidx_get(s, m);
	if (x && !eo_symidx_find(x, sym.name, sym.size, &addr))
		/* a return address: its line is the call's, the byte before it */
		l = dwfl_module_getsrc(m, addr + sym.off - (ret_addr ? 1 : 0));
	file = l ? dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL) : NULL;
	if (!file || line <= 0) {
		if (notice && s && !s->told)
			fprintf(notice, "errorigin: no debug info for some frames (install the kernel's -dbg package, or set DEBUGINFOD_URLS): they are shown without file:line\n");
		if (s)
			s->told = true;
		return -1;
	}
	snprintf(buf, len, "%s:%d", eo_srcline_path(l, file), line);
	return 0;
}
