# SPDX-License-Identifier: GPL-2.0
#
# rngtrace: the kernel module (kmod/, via Kbuild), the controller (ctl/),
# the selftests (selftests/rngtrace/) and the test and demo drivers.
#
#   make                  module for KDIR + controller
#   make KDIR=DIR         module against another kernel tree
#   make modules-all      module for every installed Debian *-amd64 kernel
#   make check            every test lane; last line "N passed, N failed"
#   make check-arch       the arm64 and riscv64 boots (TAP)
#   make demo             boot a VM without RDRAND and show rngtrace status
#   make bench            what rngtrace costs: Documentation/benchmarks.md
#   make mutants          whether the selftests catch a broken BPF backend
#   make style            checkpatch on kmod/
#   make sparse           sparse (C=1) on kmod/ for KDIR
#   make deps             install the Debian packages the above need
#   make install          controller, unit, initramfs/dracut hooks, man page
#                         and completion (DESTDIR=, PREFIX=/usr/local)
#   make uninstall        remove what install put there
#   make dkms-install     register the module source with DKMS and build it
#                         for every installed kernel; dkms-remove undoes it
#   make deb              the Debian packages rngtrace and rngtrace-dkms
#                         (debian/) in build/deb/, checked by lintian

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(TOP)/build

# Where the module builds: the running kernel's tree if it has one (these
# machines' kernels do not), else the newest installed Debian headers of
# the plain amd64 flavour (not cloud, not rt).
KREL_HOST := $(shell uname -r)
ifneq ($(wildcard /lib/modules/$(KREL_HOST)/build/Makefile),)
KDIR ?= /lib/modules/$(KREL_HOST)/build
else
KDIR ?= $(shell ls -d /usr/src/linux-headers-*[0-9]-amd64 2>/dev/null | sort -V | tail -n 1)
endif
KREL = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
KOUT = $(BUILD)/kmod/$(KREL)

VERSION := $(shell cat $(TOP)/VERSION)$(shell git -C $(TOP) describe --always --dirty --exclude='*' 2>/dev/null | sed 's/^/+g/')
KMOD_SRCS := Kbuild VERSION $(shell cd $(TOP) && find kmod -type f)

all: module ctl

# kbuild writes its objects next to the sources, so each kernel gets a
# mirror of symlinks to build in: 6.1 and 6.12 never share an object.
kmod-tree:
	@test -n "$(KDIR)" && test -f "$(KDIR)/Makefile" || \
		{ echo "rngtrace: no kernel tree at KDIR='$(KDIR)'; install linux-headers-amd64 (make deps) or pass KDIR=" >&2; exit 2; }
	@mkdir -p $(KOUT)
	@cd $(KOUT) && for f in $(KMOD_SRCS); do \
		mkdir -p $$(dirname $$f) && ln -sfn $(TOP)/$$f $$f; done

module: kmod-tree
	$(MAKE) -C $(KDIR) M=$(KOUT) RNGTRACE_VERSION='$(VERSION)' RNGTRACE_WERROR=y modules

sparse: kmod-tree
	$(MAKE) -C $(KDIR) M=$(KOUT) RNGTRACE_VERSION='$(VERSION)' RNGTRACE_WERROR=y C=2 modules

modules-all:
	@set -e; for k in $$(ls -d /usr/src/linux-headers-*-amd64 | sort -V); do \
		$(MAKE) --no-print-directory module KDIR=$$k; done

ctl:
	$(MAKE) -C $(TOP)/ctl O=$(BUILD)/ctl RNGTRACE_VERSION='$(VERSION)'

ctl-asan:
	$(MAKE) -C $(TOP)/ctl O=$(BUILD)/ctl-asan SANITIZE=1 RNGTRACE_VERSION='$(VERSION)'

# The controller's host tests, built with the flags 'ctl' builds it with:
# a make in ctl/ alone takes VERSION without git's part, and every make of
# the other kind then relinks build/ctl/rngtrace, under a test running it
# (make check: a boot's tools/vm/run makes 'ctl').
ctl-tests:
	$(MAKE) -C $(TOP)/ctl O=$(BUILD)/ctl RNGTRACE_VERSION='$(VERSION)' \
		$(BUILD)/ctl/rngtrace $(BUILD)/ctl/rngtrace-tests
ctl-asan-tests:
	$(MAKE) -C $(TOP)/ctl O=$(BUILD)/ctl-asan SANITIZE=1 RNGTRACE_VERSION='$(VERSION)' \
		$(BUILD)/ctl-asan/rngtrace $(BUILD)/ctl-asan/rngtrace-tests

# The controller's benchmark (ctl/bench/): report, export and plot on
# 10k..1M-event traces against python3's json.load, with the targets of
# Documentation/benchmarks-ctl.md. Not a test: it takes about a minute.
bench-ctl: ctl
	python3 $(TOP)/ctl/bench/run.py $(BUILD)/ctl/rngtrace \
		$(TOP)/ctl/tests/fixtures/c-stall-1.json $(BUILD)/bench-ctl

# What the module costs (tools/bench/run): getrandom() disarmed, armed and
# against a tracefs probe, and the Debian image's boot with and without
# rngtrace, into Documentation/benchmarks.md; then the controller's. Not a
# test: it takes about half an hour under TCG.
bench: ctl
	$(TOP)/tools/bench/run
	$(MAKE) --no-print-directory bench-ctl

.PHONY: bench bench-ctl

# Broken BPF programs, one edit each, against the selftests that should
# catch them (tools/check/mutants): "N killed, N survived". Not part of
# check: two boots a mutant.
mutants: ctl
	$(TOP)/tools/check/mutants

.PHONY: mutants

selftests:
	$(MAKE) -C $(TOP)/selftests/rngtrace O=$(BUILD)/selftests

style:
	$(TOP)/tools/check/checkpatch kmod

deps:
	$(TOP)/tools/deps

# Installation: what a distro package wraps. The module itself comes from
# DKMS (dkms-install) or from 'make module' copied to /lib/modules.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_FILES = \
	$(PREFIX)/bin/rngtrace:0755:$(BUILD)/ctl/rngtrace \
	$(PREFIX)/share/man/man8/rngtrace.8:0644:$(TOP)/Documentation/rngtrace.8 \
	$(PREFIX)/share/bash-completion/completions/rngtrace:0644:$(TOP)/ctl/completion/rngtrace.bash \
	/usr/lib/rngtrace/rngtrace-record-boot:0755:$(TOP)/boot/systemd/rngtrace-record-boot \
	/lib/systemd/system/rngtrace-record.service:0644:$(TOP)/boot/systemd/rngtrace-record.service \
	/lib/systemd/system/rngtrace-record-bpf.service:0644:$(TOP)/boot/systemd/rngtrace-record-bpf.service \
	/usr/share/initramfs-tools/hooks/rngtrace:0755:$(TOP)/boot/initramfs-tools/hooks/rngtrace \
	/usr/share/initramfs-tools/scripts/init-top/rngtrace:0755:$(TOP)/boot/initramfs-tools/scripts/init-top/rngtrace \
	/usr/lib/dracut/modules.d/90rngtrace/module-setup.sh:0755:$(TOP)/boot/dracut/90rngtrace/module-setup.sh \
	/usr/lib/dracut/modules.d/90rngtrace/rngtrace-load.sh:0755:$(TOP)/boot/dracut/90rngtrace/rngtrace-load.sh \
	/usr/lib/modules-load.d/rngtrace.conf:0644:$(TOP)/boot/modules-load.d/rngtrace.conf \
	/etc/default/rngtrace:0644:$(TOP)/boot/default/rngtrace

install: ctl
	@set -e; for f in $(INSTALL_FILES); do \
		dst=$${f%%:*}; rest=$${f#*:}; mode=$${rest%%:*}; src=$${rest#*:}; \
		if [ ! -f "$$src" ]; then echo "install: $$src missing" >&2; exit 1; fi; \
		install -D -m $$mode "$$src" "$(DESTDIR)$$dst"; \
		echo "  INSTALL $(DESTDIR)$$dst"; done
	@# The unit runs 'rngtrace' from PATH; a /usr/local install needs it in /usr/bin too.
	@[ "$(PREFIX)" = /usr ] || ln -sf $(PREFIX)/bin/rngtrace $(DESTDIR)/usr/bin/rngtrace 2>/dev/null || \
		{ mkdir -p $(DESTDIR)/usr/bin && ln -sf $(PREFIX)/bin/rngtrace $(DESTDIR)/usr/bin/rngtrace; }

uninstall:
	@for f in $(INSTALL_FILES); do dst=$${f%%:*}; \
		rm -f "$(DESTDIR)$$dst" && echo "  REMOVE $(DESTDIR)$$dst"; done
	@[ "$(PREFIX)" = /usr ] || rm -f $(DESTDIR)/usr/bin/rngtrace
	@rmdir $(DESTDIR)/usr/lib/dracut/modules.d/90rngtrace $(DESTDIR)/usr/lib/rngtrace 2>/dev/null || true

DKMS_SRC = $(DESTDIR)/usr/src/rngtrace-$(shell cat $(TOP)/VERSION)

dkms-install:
	rm -rf $(DKMS_SRC) && mkdir -p $(DKMS_SRC)
	cp -a $(TOP)/Kbuild $(TOP)/VERSION $(TOP)/kmod $(DKMS_SRC)/
	sed 's/^PACKAGE_VERSION=.*/PACKAGE_VERSION="$(shell cat $(TOP)/VERSION)"/' \
		$(TOP)/dkms.conf > $(DKMS_SRC)/dkms.conf
	dkms add rngtrace/$(shell cat $(TOP)/VERSION)
	dkms autoinstall

dkms-remove:
	dkms remove rngtrace/$(shell cat $(TOP)/VERSION) --all
	rm -rf $(DKMS_SRC)

# Debian packages: dpkg-buildpackage in a copy of the tree (build/deb/src,
# what git tracks or would track), the version from VERSION; lintian must
# report no error and no warning without an override (debian/*lintian-overrides).
DEB_DIR = $(BUILD)/deb

deb:
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/src
	cd $(TOP) && git ls-files -co --exclude-standard | sort -u | \
		while read -r f; do [ -f "$$f" ] && echo "$$f"; done | \
		tar -cf - -T - | tar -C $(DEB_DIR)/src -xf -
	sed -i '1s/(.*)/($(shell cat $(TOP)/VERSION))/' $(DEB_DIR)/src/debian/changelog
	cd $(DEB_DIR)/src && dpkg-buildpackage -us -uc -b
	ls $(DEB_DIR)/rngtrace_$(shell cat $(TOP)/VERSION)_*.deb $(DEB_DIR)/rngtrace-dkms_$(shell cat $(TOP)/VERSION)_all.deb
	lintian --fail-on error,warning --info $(DEB_DIR)/rngtrace_$(shell cat $(TOP)/VERSION)_*.changes

check:
	$(TOP)/tools/check/run

# The arm64 and riscv64 lanes alone (Documentation/architectures.md), TAP
# for each of their kernels; ARCH=arm64 for one, BOOTS="stall seeded" for
# some of its boots.
check-arch:
	@set -e; for a in $(or $(ARCH),arm64 riscv64); do \
		for s in $$($(TOP)/tools/check/arch-lanes --suites $$a); do \
			$(TOP)/tools/check/arch-lanes $$a:$$s $(BOOTS); done; done

demo:
	$(TOP)/tools/demo

clean:
	rm -rf $(BUILD)

.PHONY: all kmod-tree module sparse modules-all ctl ctl-asan ctl-tests ctl-asan-tests selftests style deps check check-arch demo clean \
	install uninstall dkms-install dkms-remove deb
