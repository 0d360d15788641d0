# errorigin: top-level build.
#   make               the CLI, and the module for the running kernel when its headers exist
#   make KDIR=DIR      the module against another kernel build tree
#   make check         unit tests + the VM suite on every kernel of scripts/kernels.conf
#   make demo          the seed's story (mount fails with ENOSPC) in a Debian 6.12 VM
#   make stress        storms, arm/disarm and reload cycles, exact counts, per kernel
#   make bench         overhead ratios in a VM (not a test)
#   make install       the CLI, its knowledge base and stock profiles, man pages and bash completion
#                      (PREFIX=/usr/local, DESTDIR for staging); the module: DKMS
KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
V ?= 0
PREFIX ?= /usr/local

all: user kmod

user:
	$(MAKE) -C user

kmod:
	@if [ -f "$(KDIR)/Makefile" ]; then \
		$(MAKE) -C kmod KDIR=$(KDIR); \
	else \
		echo "errorigin: kmod: skipped: no kernel build tree at $(KDIR)"; \
		echo "  install the headers of the running kernel (Debian: linux-headers-$(KVER))"; \
		echo "  or build for another kernel with 'make kmod KDIR=/path/to/build';"; \
		echo "  'make check' builds it for the test VMs' kernels itself"; \
	fi

TEST_CFLAGS := -O2 -g -Wall -Wextra -Wno-unused-parameter -Iinclude/uapi -Iuser \
	       $(shell pkg-config --cflags libnl-3.0 libnl-genl-3.0 2>/dev/null)
TEST_LIBS := $(shell pkg-config --libs libnl-3.0 libnl-genl-3.0 libseccomp libbpf libdw 2>/dev/null)

test-helpers: user
	@mkdir -p build/tests
	$(MAKE) -C user liberrorigin.a
	$(CC) -static -O2 -Wall -pthread -o build/tests/eo-fail tests/vm/eo-fail.c
	$(CC) -m32 -static -O2 -Wall -pthread -o build/tests/eo-fail32 tests/vm/eo-fail.c
	$(CC) $(TEST_CFLAGS) -o build/tests/eo-nlbad tests/vm/eo-nlbad.c user/liberrorigin.a $(TEST_LIBS)
	$(CC) -static -O2 -Wall -pthread -o build/tests/eo-storm tests/stress/eo-storm.c
	$(CC) -m32 -static -O2 -Wall -pthread -o build/tests/eo-storm32 tests/stress/eo-storm.c
	$(CC) -static -O2 -g -Wall -Wextra -Wno-unused-parameter -Iinclude/uapi \
		-o build/tests/eo-fuzz tests/stress/eo-fuzz.c
	$(CC) $(TEST_CFLAGS) -o build/tests/eo-cycle tests/stress/eo-cycle.c user/liberrorigin.a $(TEST_LIBS)

unit: user
	$(MAKE) -C user liberrorigin.a
	@mkdir -p build/tests
	$(CC) $(TEST_CFLAGS) -Ikmod -o build/tests/unit tests/unit/*.c kmod/origin.c \
		user/liberrorigin.a $(TEST_LIBS)
	build/tests/unit

deps:
	scripts/deps.sh

check: deps
	scripts/check.sh

demo: deps
	scripts/vm-test.sh demo 6.12

# tests/vm/stress.sh at full size on the sanitizer kernel and every kernel, two at a time;
# the sanitizer kernel's run is the longest, so it starts first
# (EO_STRESS=ARMS,RELOADS,SECONDS,FUZZ_ROOT,FUZZ_USER for other sizes)
STRESS_KERNELS ?= $(if $(KERNELS),$(KERNELS),6.12-debug $(shell awk '!/^\#/ && NF { print $$1 }' scripts/kernels.conf))
stress: deps
	scripts/vm-lanes.sh stress $(STRESS_KERNELS)

bench:
	scripts/deps.sh bench
	scripts/vm-test.sh bench $(KERNELS)

clean:
	$(MAKE) -C user clean
	-[ -f "$(KDIR)/Makefile" ] && $(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -rf build

install: user
	install -D -m 0755 user/errorigin $(DESTDIR)$(PREFIX)/sbin/errorigin
	install -D -m 0644 hints/limits.hints $(DESTDIR)$(PREFIX)/share/errorigin/limits.hints
	install -d $(DESTDIR)$(PREFIX)/share/errorigin/profiles
	install -m 0644 profiles/*.profile $(DESTDIR)$(PREFIX)/share/errorigin/profiles/
	install -D -m 0644 man/errorigin.8 $(DESTDIR)$(PREFIX)/share/man/man8/errorigin.8
	install -D -m 0644 man/errorigin.ko.8 $(DESTDIR)$(PREFIX)/share/man/man8/errorigin.ko.8
	install -D -m 0644 completion/errorigin.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/errorigin

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/sbin/errorigin \
		$(DESTDIR)$(PREFIX)/share/errorigin/limits.hints \
		$(DESTDIR)$(PREFIX)/share/man/man8/errorigin.8 \
		$(DESTDIR)$(PREFIX)/share/man/man8/errorigin.ko.8 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/errorigin
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/share/errorigin/profiles/,$(notdir $(wildcard profiles/*.profile)))
	-rmdir $(DESTDIR)$(PREFIX)/share/errorigin/profiles
	-rmdir $(DESTDIR)$(PREFIX)/share/errorigin

.PHONY: all user kmod install uninstall test-helpers unit deps check demo stress bench clean
