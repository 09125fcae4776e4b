#!/usr/bin/env bash
# zoho.vault.emergency_access: idempotent grant and revoke with --diff, list, error cases, leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary EMERGENCY_PW
zv_reset
zv_playbook main.yml
zv_playbook faults.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
