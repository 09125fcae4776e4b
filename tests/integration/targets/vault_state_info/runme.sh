#!/usr/bin/env bash
# zoho.vault.vault_state_info: export → apply is a no-op (round trip), drift of an exported
# document, limits (chambers, include, shares), errors; leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary RT
zv_reset
zv_playbook roundtrip.yml
zv_assert_no_leaks
