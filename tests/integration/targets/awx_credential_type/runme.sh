#!/usr/bin/env bash
# The AWX / Automation Platform credential type of extensions/awx/: its definition is what AWX accepts,
# its injectors render as AWX renders them, and a job that only carries the injected environment (no
# connection variables, no module arguments) runs a lookup and a module against the emulator.
set -eu
source ../setup_emulator/files/checked.sh

collection=$(python -c 'import os, sys; print(next(os.path.join(p, "ansible_collections", "zoho", "vault") for p in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep) if os.path.isdir(os.path.join(p, "ansible_collections", "zoho", "vault"))))')
definition=$collection/extensions/awx/credential_type_zoho_vault.yml

python awx_credential_type.py check "$definition" "$collection/plugins/module_utils/_options.py"
python awx_credential_type.py render "$definition"

zv_canary AWX_PROBE
zv_reset
# The secret the job reads, created through the API with a token from the control plane.
python - "$ZV_CONFIG" <<'PY'
import json, os, sys, urllib.request
config = json.load(open(sys.argv[1]))
def call(url, body, headers=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    with urllib.request.urlopen(req, timeout=30) as reply:
        return json.load(reply)
token = call(config["zoho_vault_emulator_url"] + "/_emulator/access_tokens", {"emailid": config["zoho_vault_admin_email"]})["access_token"]
call(config["zoho_vault_api_url"] + "/secrets",
     {"operation": {"name": "ADD_SECRET"},
      "data": {"secretname": "AWX Probe", "username": "awx", "password": os.environ["ZV_CANARY_AWX_PROBE"]}},
     {"Authorization": "Zoho-oauthtoken " + token})
PY

# The job's own home for caches, as in an execution environment container.
job_home=$(mktemp -d "${TMPDIR:-/tmp}/zv-awx-job.XXXXXX")
for scenario in refresh_token access_token both; do
  echo "== job with a credential holding: $scenario"
  XDG_CACHE_HOME=$job_home/cache XDG_RUNTIME_DIR=$job_home \
    python awx_credential_type.py run "$definition" "$ZV_CONFIG" "$scenario" "$ZV_LOGS/awx-$scenario.log" -- \
    ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -vvvv job.yml
done
rm -rf "$job_home"
zv_assert_no_leaks
