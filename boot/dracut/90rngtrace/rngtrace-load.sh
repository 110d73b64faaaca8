#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loaded at dracut's first hook, before udev: the trace starts here.
# The module reads no files: it is told the pool's count at load.
read -r avail < /proc/sys/kernel/random/entropy_avail || avail=-1
modprobe rngtrace entropy_avail="$avail" 2>/dev/null || :
