#!/usr/bin/env bash
# zoho.vault.audit_info: filters, read-only behaviour, error cases, leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary AUDIT_PW
zv_reset
zv_playbook main.yml
zv_assert_no_leaks
