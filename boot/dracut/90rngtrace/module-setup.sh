#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dracut module: put rngtrace.ko into the initramfs and load it at the
# first hook, before udev.

check() {
	return 0
}

depends() {
	return 0
}

installkernel() {
	instmods rngtrace
}

install() {
	inst_hook cmdline 00 "$moddir/rngtrace-load.sh"
}
