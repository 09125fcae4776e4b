#!/usr/bin/env bash
# Every EXAMPLES block of the collection's modules and lookups, run as it is against the emulator
# (seeded with seed.yml, connection from module_defaults and zoho_vault_* variables), so that no example
# in the documentation is broken, then the playbooks of the guides marked to run; canary passwords
# of the seed must not leak. Give plugin names (or "guides") as
# arguments to run only those (./runme.sh secret zoho.vault.password guides).
set -eu
source ../setup_emulator/files/checked.sh

collection=$(python -c 'import os; print(next(os.path.join(p, "ansible_collections", "zoho", "vault") for p in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep) if os.path.isdir(os.path.join(p, "ansible_collections", "zoho", "vault"))))')
for name in DB STAGING_KEY PRODUCTION_KEY WEB01 WEB_DB ROOT MAILBOX CURRENT NEW DEPLOY_TOKEN; do
  zv_canary "$name"
done

python run_examples.py "$collection" "$ZV_CONFIG" "$ZV_LOGS" "$@"
zv_assert_no_leaks
