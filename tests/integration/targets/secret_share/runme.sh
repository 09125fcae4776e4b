#!/usr/bin/env bash
# zoho.vault.secret_share: idempotency with --diff, purge, revoke, error cases, leak canaries;
# zoho.vault.secret_share_info: access directly and through groups, denied secrets.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary SHARE_PW
zv_reset
zv_playbook main.yml
zv_playbook info.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_playbook faults.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
