#!/usr/bin/env bash
# zoho.vault.chamber: 4-step idempotency with --diff (create, update, rename by id, delete), delete with and
# without force, bad input, API errors and faults, bad credentials, scope and role denials, leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary CHAMBER_SECRET
zv_reset
zv_playbook idempotency.yml
zv_playbook errors.yml
zv_control DELETE /_emulator/faults >/dev/null
zv_reset
zv_playbook denials.yml
zv_assert_no_leaks
