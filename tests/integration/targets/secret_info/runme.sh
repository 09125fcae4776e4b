#!/usr/bin/env bash
# zoho.vault.secret_info: lookups by id, name, chamber and filters; passwords only on request; errors; leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary INFO_PW
zv_reset
zv_playbook main.yml
zv_assert_no_leaks
