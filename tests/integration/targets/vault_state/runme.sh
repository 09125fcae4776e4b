#!/usr/bin/env bash
# zoho.vault.vault_state: plan/apply idempotency with --diff, call counts of a no-change run, drift,
# prune scope, partial failure and re-run, bad documents, the reference's example scopes, sensitive custom fields;
# leak canaries.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary DB
zv_canary TOKEN1
zv_canary TOKEN2
zv_reset
for playbook in ${ZV_PLAYBOOKS:-plan_apply prune partial_failure errors scopes absent sensitive}; do
  zv_playbook "$playbook.yml"
done
zv_control DELETE /_emulator/faults >/dev/null
zv_assert_no_leaks
