#!/usr/bin/env bash
# zoho.vault.secrets against the seeded data set: every option, the policies, unsafe values, no leaks.
source ../setup_emulator/files/checked.sh

zv_canary DB
zv_canary CUSTOM
zv_canary API_STAGING
zv_canary API_PROD
zv_canary SHARED
export ZV_TRAP="{{ lookup('pipe', 'id') }}"
ZV_SEED_FILE=$(mktemp "${TMPDIR:-/tmp}/zv-seed.XXXXXX")
export ZV_SEED_FILE

zv_reset
zv_playbook ../setup_lookup_data/files/seed.yml
zv_playbook secrets.yml -e "@$ZV_SEED_FILE"

# A user whose token lacks ZohoVault.secrets.READ: the search is denied (403).
denied=$(zv_control POST /_emulator/users '{"emailid": "no-secrets@example.com", "role": "User", "scopes": ["ZohoVault.chambers.READ"]}')
zv_playbook denied.yml -e "$denied"

rm -f "$ZV_SEED_FILE"
zv_assert_no_leaks
