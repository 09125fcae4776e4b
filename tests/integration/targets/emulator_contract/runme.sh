#!/usr/bin/env bash
# The collection against the emulator's strictest corners: with a small page cap every paginated list it reads
# must be followed to its last page and come back complete, and a 429 (with or without Retry-After) is survived.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary CONTRACT_PW
zv_reset
zv_playbook main.yml
zv_assert_no_leaks
