# SPDX-License-Identifier: GPL-2.0
#
# rngtrace: the kernel module (kmod/, via Kbuild), the controller (ctl/),
# the selftests (selftests/rngtrace/) and the test and demo drivers.
#
#   make                  module for KDIR + controller
#   make KDIR=DIR         module against another kernel tree
#   make modules-all      module for every installed Debian *-amd64 kernel
#   make check            every test lane; last line "N passed, N failed"
#   make demo             boot a VM without RDRAND and show rngtrace status
#   make style            checkpatch on kmod/
#   make sparse           sparse (C=1) on kmod/ for KDIR
#   make deps             install the Debian packages the above need

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(TOP)/build

# Where the module builds: the running kernel's tree if it has one (these
# machines' kernels do not), else the newest installed Debian headers.
KREL_HOST := $(shell uname -r)
ifneq ($(wildcard /lib/modules/$(KREL_HOST)/build/Makefile),)
KDIR ?= /lib/modules/$(KREL_HOST)/build
else
KDIR ?= $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
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
	$(MAKE) -C $(KDIR) M=$(KOUT) RNGTRACE_VERSION='$(VERSION)' modules

sparse: kmod-tree
	$(MAKE) -C $(KDIR) M=$(KOUT) RNGTRACE_VERSION='$(VERSION)' C=2 modules

modules-all:
	@set -e; for k in $$(ls -d /usr/src/linux-headers-*-amd64 | sort -V); do \
		$(MAKE) --no-print-directory module KDIR=$$k; done

ctl:
	$(MAKE) -C $(TOP)/ctl O=$(BUILD)/ctl RNGTRACE_VERSION='$(VERSION)'

ctl-asan:
	$(MAKE) -C $(TOP)/ctl O=$(BUILD)/ctl-asan SANITIZE=1 RNGTRACE_VERSION='$(VERSION)'

selftests:
	$(MAKE) -C $(TOP)/selftests/rngtrace O=$(BUILD)/selftests

style:
	$(TOP)/tools/check/checkpatch kmod

deps:
	$(TOP)/tools/deps

check:
	$(TOP)/tools/check/run

demo:
	$(TOP)/tools/demo

clean:
	rm -rf $(BUILD)

.PHONY: all kmod-tree module sparse modules-all ctl ctl-asan selftests style deps check demo clean
