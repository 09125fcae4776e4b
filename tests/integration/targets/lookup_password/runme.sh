#!/usr/bin/env bash
# zoho.vault.password: values, fields, ids, chamber/name, policies, unsafe, option sources, no leaks.
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
zv_playbook password.yml -e "@$ZV_SEED_FILE"

# The EXAMPLES of the four lookups, as ansible-doc shows them, run against the same data set.
examples=$(mktemp "${TMPDIR:-/tmp}/zv-examples.XXXXXX.yml")
ansible-doc -t lookup --json zoho.vault.password zoho.vault.secret zoho.vault.secrets zoho.vault.generate_password | python -c '
import json, sys, yaml
tasks = []
for name, doc in sorted(json.load(sys.stdin).items()):
    tasks.extend(yaml.safe_load(doc["examples"]))
play = [{"name": "The EXAMPLES of the lookups", "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]
print(yaml.safe_dump(play, sort_keys=False))
' >"$examples"
zv_playbook "$examples"
rm -f "$examples"

# A user whose token lacks ZohoVault.secrets.READ: every read is denied (403, Zoho code 7003).
denied=$(zv_control POST /_emulator/users '{"emailid": "no-secrets@example.com", "role": "User", "scopes": ["ZohoVault.chambers.READ"]}')
zv_playbook denied.yml -e "$denied"

# The connection from the environment, then from ansible.cfg, instead of variables.
env_log="$ZV_LOGS/sources-env.log"
ZOHO_VAULT_API_URL=$(zv_var zoho_vault_api_url) ZOHO_VAULT_ACCOUNTS_URL=$(zv_var zoho_vault_accounts_url) \
ZOHO_VAULT_CLIENT_ID=$(zv_var zoho_vault_client_id) ZOHO_VAULT_CLIENT_SECRET=$(zv_var zoho_vault_client_secret) \
ZOHO_VAULT_REFRESH_TOKEN=$(zv_var zoho_vault_refresh_token) ZOHO_VAULT_TOKEN_CACHE_DIR=$(zv_var zoho_vault_token_cache_dir) \
  ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -vvvv sources.yml >"$env_log" 2>&1 || { tail -n 40 "$env_log"; exit 1; }
cfg_dir=$(mktemp -d "${TMPDIR:-/tmp}/zv-cfg.XXXXXX")
cat >"$cfg_dir/ansible.cfg" <<CFG
[zoho_vault]
api_url = $(zv_var zoho_vault_api_url)
accounts_url = $(zv_var zoho_vault_accounts_url)
client_id = $(zv_var zoho_vault_client_id)
client_secret = $(zv_var zoho_vault_client_secret)
refresh_token = $(zv_var zoho_vault_refresh_token)
token_cache_dir = $(zv_var zoho_vault_token_cache_dir)
cache = false
CFG
chmod 600 "$cfg_dir/ansible.cfg"
cfg_log="$ZV_LOGS/sources-ini.log"
ANSIBLE_CONFIG="$cfg_dir/ansible.cfg" ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -vvvv sources.yml >"$cfg_log" 2>&1 || { tail -n 40 "$cfg_log"; exit 1; }
rm -rf "$cfg_dir" "$ZV_SEED_FILE"
echo "connection options from the environment and from ansible.cfg: ok"

zv_assert_no_leaks
