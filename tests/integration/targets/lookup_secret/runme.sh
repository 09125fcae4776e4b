#!/usr/bin/env bash
# zoho.vault.secret against the seeded data set: every option, the policies, unsafe values, no leaks.
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
zv_playbook secret.yml -e "@$ZV_SEED_FILE"

rm -f "$ZV_SEED_FILE"
zv_assert_no_leaks
