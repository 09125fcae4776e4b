#!/usr/bin/env bash
# zoho.vault.export: idempotent atomic exports with mode 0600, passwords only on request, error cases, leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary EXPORT_PW
zv_reset
zv_playbook main.yml
zv_assert_no_leaks
