#!/usr/bin/env bash
# zoho.vault.user: 4-step idempotency with --diff (create, update role and names, delete), bad input, API
# refusals, faults, scope and role denials.
set -eu
source ../setup_emulator/files/checked.sh

zv_reset
zv_playbook idempotency.yml
zv_reset
zv_playbook errors.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
