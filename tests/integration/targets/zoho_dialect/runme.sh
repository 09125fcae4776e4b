#!/usr/bin/env bash
# The zoho dialect end to end: an account with its own master password, secrets the emulator encrypts as
# Zoho's apps do, the real Zoho ciphertexts of the vector accounts, every read module and lookup, the
# refusals, a wrong passphrase in one line, and no canary (passwords, master password) in any output.
set -eu
source ../setup_emulator/files/checked.sh

zv_canary MASTER
zv_canary APP_PW
zv_canary SHARED_PW
zv_canary NEW_PW
zv_canary APP_PIN
zv_reset

base=$(zv_var zoho_vault_emulator_url)
account=$(zv_control POST /_emulator/zoho/accounts "{\"emailid\": \"ansible@zoho.vault.example\", \"master_password\": \"$ZV_CANARY_MASTER\", \"iterations\": 1000, \"role\": \"Admin\"}")
zv_control POST /_emulator/zoho/secrets "{\"owner\": \"ansible@zoho.vault.example\", \"secretname\": \"App DB\", \"fields\": {\"username\": \"app\", \"password\": \"$ZV_CANARY_APP_PW\"}, \"notes\": \"primary\", \"urls\": [\"https://db.example\"], \"custom\": {\"env\": \"prod\", \"pin\": \"$ZV_CANARY_APP_PIN\"}, \"concealed\": [\"pin\"]}" >/dev/null
zv_control POST /_emulator/zoho/secrets "{\"owner\": \"ansible@zoho.vault.example\", \"secretname\": \"Team API\", \"shared\": true, \"classification\": \"E\", \"chamber\": \"Ops\", \"fields\": {\"username\": \"svc\", \"password\": \"$ZV_CANARY_SHARED_PW\"}}" >/dev/null
accounts=$(zv_control GET /_emulator/zoho/accounts)

# The connection of the new account, as variables; the master password only in the environment (never on disk),
# where modules and lookups read it (ZOHO_VAULT_MASTER_PASSWORD).
export ZOHO_VAULT_MASTER_PASSWORD="$ZV_CANARY_MASTER"
conn=$(mktemp "${TMPDIR:-/tmp}/zv-zoho.XXXXXX")
python - "$base" "$account" "$accounts" >"$conn" <<'PY'
import json, sys
base, account, accounts = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print(json.dumps({
    "zoho_vault_api_url": base + "/zoho", "zoho_vault_dialect": "zoho",
    "zoho_vault_client_id": account["client_id"], "zoho_vault_client_secret": account["client_secret"],
    "zoho_vault_refresh_token": account["refresh_token"],
    "vector_accounts": {label: {k: accounts[label][k] for k in ("client_id", "client_secret", "refresh_token", "master_password", "master_key")}
                        for label in ("v1", "v3", "unapproved")},
}))
PY

zv_playbook main.yml -e "@$conn"
zv_playbook vectors.yml -e "@$conn"
zv_playbook writes.yml -e "@$conn"

# A wrong master password: one line saying so, and the playbook fails.
ZOHO_VAULT_MASTER_PASSWORD="wrong-$ZV_CANARY_MASTER" zv_playbook_fails wrong.yml -e "@$conn"
grep -h 'master_password does not open this account' "$ZV_LOGS"/*wrong.yml.log >/dev/null
echo "wrong master password: one-line error: ok"

rm -f "$conn"
zv_assert_no_leaks
