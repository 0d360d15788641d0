// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include "srcline.h"

struct eo_srcline {
	Dwfl *dwfl;
	bool told;
	time_t reported;	/* when the loaded modules were last listed */
};

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

static char *eo_debuginfo_path;
static const Dwfl_Callbacks eo_dwfl_callbacks = {
	.find_elf = dwfl_linux_kernel_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,	/* debuginfod too, when configured */
	.section_address = eo_section_address,
	.debuginfo_path = &eo_debuginfo_path,
};

static void eo_srcline_report(struct eo_srcline *s)
{
	dwfl_report_begin(s->dwfl);
	/* each may find nothing: vmlinux debug info is a separate package */
	dwfl_linux_kernel_report_kernel(s->dwfl);
	dwfl_linux_kernel_report_modules(s->dwfl);
	dwfl_report_end(s->dwfl, NULL, NULL);
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
	dwfl_end(s->dwfl);
	free(s);
}

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

/*
 * By name, not by address: on 7.3 modules' text shares pages (execmem), so the address
 * ranges libdwfl derives from their sections overlap and dwfl_addrmodule() can pick
 * another module.
 */
static Dwfl_Module *eo_srcline_module(struct eo_srcline *s, const char *module)
{
	struct eo_modfind f = { module ? module : "kernel", NULL };

	dwfl_getmodules(s->dwfl, eo_modfind, &f, 0);
	return f.found;
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

int eo_srcline_lookup(struct eo_srcline *s, uint64_t addr, const char *module, char *buf,
		      size_t len, FILE *notice)
{
	Dwfl_Module *m = s ? eo_srcline_module(s, module) : NULL;
	const char *file;
	Dwfl_Line *l;
	int line = 0;

	/* a module loaded since: list them again, at most once a second */
	if (s && !m && time(NULL) != s->reported) {
		eo_srcline_report(s);
		m = eo_srcline_module(s, module);
	}
	l = m ? dwfl_module_getsrc(m, addr) : NULL;
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
