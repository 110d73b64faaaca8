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
	# systemd's module (00systemd, installed before this one) copies the
	# modules-load.d entries in, and systemd-modules-load would load
	# rngtrace before this hook, without the pool's count at load
	# (entropy_avail): the hook loads it, the entry stays out.
	rm -f "$initdir/usr/lib/modules-load.d/rngtrace.conf" \
		"$initdir/lib/modules-load.d/rngtrace.conf" \
		"$initdir/etc/modules-load.d/rngtrace.conf"
}
