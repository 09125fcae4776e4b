#!/usr/bin/env bash
# zoho.vault.emergency_access_info: filters, read-only behaviour, errors, leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary EAI_PW
zv_reset
zv_playbook main.yml
zv_assert_no_leaks
