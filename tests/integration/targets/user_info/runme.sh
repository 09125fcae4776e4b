#!/usr/bin/env bash
# zoho.vault.user_info: all, one, none; check mode; a read-only token; bad input, faults and bad credentials.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary INFO_SECRET
zv_reset
zv_playbook main.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
