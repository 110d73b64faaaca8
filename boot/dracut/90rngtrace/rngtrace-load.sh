#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loaded at dracut's first hook, before udev: the trace starts here.
modprobe rngtrace 2>/dev/null || :
