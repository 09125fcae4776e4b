#!/usr/bin/env bash
# zoho.vault.api, module and lookup: reads with and without params, a write in check mode (nothing sent) and for
# real, redaction, the lookup reading a password, a 404 with on_missing, bad paths, the zoho dialect refused, and a
# canary password written through data that never shows in any output at -vvvv or on disk.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary RAW_PW
zv_reset
zv_playbook main.yml
zv_playbook errors.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
