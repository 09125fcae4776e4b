#!/usr/bin/env bash
# zoho.vault.secret: idempotency with --diff, error cases, a READ-only share, injected faults, sensitive custom fields,
# leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary PW1
zv_canary PW2
zv_canary PW3
zv_canary TOKEN1
zv_canary TOKEN2
zv_reset
for playbook in ${ZV_PLAYBOOKS:-idempotency errors read_only faults sensitive}; do
  zv_playbook "$playbook.yml"
done
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
