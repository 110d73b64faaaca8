#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loaded at dracut's first hook, before udev: the trace starts here.
# The module reads no files: it is told the pool's count at load.
# One read(2): a sysctl file reads as empty past offset 0, so klibc's
# sh, whose read builtin takes a byte at a time, got "2" of "256" and
# failed (the module then said "entropy_avail= not given").
avail=$(cat /proc/sys/kernel/random/entropy_avail 2>/dev/null)
case $avail in '' | *[!0-9]*) avail=-1 ;; esac
modprobe rngtrace entropy_avail="$avail" 2>/dev/null || :
