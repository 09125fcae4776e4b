#!/usr/bin/env bash
# zoho.vault.rotate against the emulator, with real local accounts (zvrot1..3, removed at the end):
# rotate an inventory of three local hosts, re-run (skipped), force, interrupt every step (vault write,
# apply, verify, promote) and re-run; after every run check that the vault opens every account; check
# that no password (the canaries and every password the vault holds at the end) reached any output.
source ../setup_emulator/files/checked.sh

# The accounts are the machine's: two runs at once (two checkouts, or the ansible-core 2.16 step beside
# another run) would reset each other's passwords mid-test. Take turns (before the cleanup trap, which
# removes the accounts).
exec 9>/tmp/zoho-vault-role_rotate.lock
if ! flock -w 900 9; then
  echo "role_rotate: another run has held /tmp/zoho-vault-role_rotate.lock for 15 minutes" >&2
  exit 1
fi

USERS=(zvrot1 zvrot2 zvrot3)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zv-rotate.XXXXXX")

cleanup() {
  local user
  for user in "${USERS[@]}"; do
    userdel "$user" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
  # The emulator is shared by the following targets: leave no fault and no clock offset behind.
  zv_control DELETE /_emulator/faults >/dev/null 2>&1 || true
  zv_control PUT /_emulator/clock '{"offset_seconds": 0}' >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
  echo "role_rotate needs root (it creates local accounts)" >&2
  exit 1
fi


zv_reset
zv_canary WEB1
zv_canary WEB2
zv_canary WEB3

# The accounts, with the canaries as their current passwords (chpasswd hashes with the system's default
# scheme, often yescrypt: the role's verification must read it).
for i in 1 2 3; do
  userdel "zvrot$i" >/dev/null 2>&1 || true
  useradd --no-create-home --shell /usr/sbin/nologin "zvrot$i"
  var="ZV_CANARY_WEB$i"
  printf 'zvrot%s:%s\n' "$i" "${!var}" | chpasswd
done

cat >"$WORK/inventory.ini" <<INI
[rotation]
web1 rotate_user=zvrot1
web2 rotate_user=zvrot2
# web3 goes through the custom method, with hooks that a user would write.
web3 rotate_user=zvrot3 rotate_method=custom rotate_apply_tasks=$PWD/custom_apply.yml rotate_verify_tasks=$PWD/custom_verify.yml

[rotation:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python)
INI
export INVENTORY_PATH="$WORK/inventory.ini"
export ANSIBLE_PIPELINING=true

step() { echo; echo "=== [${SECONDS}s] $*"; }

vault_passwords() {
  # vault_passwords [NAME]: the passwords the vault holds (of the secret NAME only, if given), one a line,
  # straight from the API; for pipes and variables only, never for files or output.
  python - "$ZV_CONFIG" "${1:-}" <<'PY'
import json, sys, urllib.parse, urllib.request
cfg, only = json.load(open(sys.argv[1])), sys.argv[2]
form = urllib.parse.urlencode({"grant_type": "refresh_token", "client_id": cfg["zoho_vault_client_id"],
                               "client_secret": cfg["zoho_vault_client_secret"],
                               "refresh_token": cfg["zoho_vault_refresh_token"]}).encode()
token = json.load(urllib.request.urlopen(cfg["zoho_vault_accounts_url"] + "/oauth/v2/token", data=form))["access_token"]
def get(path):
    req = urllib.request.Request(cfg["zoho_vault_api_url"] + path, headers={"Authorization": "Zoho-oauthtoken " + token})
    return json.load(urllib.request.urlopen(req))["operation"]["details"]
for secret in get("/secrets")["secrets"]:
    if not only or secret["secretname"] == only:
        print(get("/secrets/%s/password" % secret["secretid"])["password"])
PY
}
all='["web1", "web2", "web3"]'

# The secrets of web1 and web2 are 100 days old: made with the emulator's clock set back.
zv_control PUT /_emulator/clock '{"offset_seconds": -8640000}' >/dev/null
zv_playbook setup.yml
zv_control PUT /_emulator/clock '{"offset_seconds": 0}' >/dev/null

# rotate.yml runs the role, compares its summary with "expect", then checks (check.yml) that the vault
# opens every account: strictly (main secret, nothing pending) unless strict=false.
step "check mode: every host is due, nothing changes"
zv_playbook rotate.yml --check -e "{\"expect\": {\"due\": $all, \"rotated\": []}, \"strict\": false, \"expect_initial\": true, \"missing_ok\": [\"web3\"]}"

step "first run: web1 and web2 are old, web3 has no secret yet (created)"
zv_playbook rotate.yml -e "{\"expect\": {\"rotated\": $all, \"failed\": []}, \"expect_initial\": false}"

step "second run: nothing is due (one host at a time calls the vault: throttle 1)"
zv_playbook rotate.yml -e rotate_throttle=1 -e "{\"expect\": {\"skipped\": $all, \"rotated\": []}}"

step "forced, two hosts at a time (serial: 2)"
zv_playbook rotate.yml -e rotate_force=true -e rotate_serial=2

step "vault write fails while staging (HTTP 500 on every create): the hosts fail, so does the playbook"
zv_control POST /_emulator/faults '{"kind": "status", "status": 500, "method": "POST", "path": "/secrets$"}' >/dev/null
zv_playbook_fails rotate.yml -e rotate_force=true -e zoho_vault_retries=0
zv_control DELETE /_emulator/faults >/dev/null
zv_playbook check.yml -e strict=false
zv_playbook rotate.yml -e rotate_force=true -e "{\"expect\": {\"rotated\": $all}}"

step "vault write fails while promoting (HTTP 500 on every update); the re-run finishes"
zv_control POST /_emulator/faults '{"kind": "status", "status": 500, "method": "PUT", "path": "/secrets/"}' >/dev/null
zv_playbook rotate.yml -e rotate_force=true -e zoho_vault_retries=0 -e rotate_fail_on_error=false \
  -e "{\"expect\": {\"failed\": $all}, \"strict\": false}"
zv_control DELETE /_emulator/faults >/dev/null
zv_playbook rotate.yml -e "{\"expect\": {\"rotated\": $all}}"

step "interrupted after stage (web1), apply (web2), verify (web3); check mode reports it; the re-run rolls back web1, finishes the others"
zv_playbook rotate.yml -e rotate_force=true -e rotate_fail_on_error=false \
  -e "{\"fail_after\": {\"web1\": \"stage\", \"web2\": \"apply\", \"web3\": \"verify\"}, \"expect\": {\"failed\": $all}, \"strict\": false}"
zv_playbook rotate.yml --check -e "{\"expect\": {\"pending\": $all}, \"strict\": false}"
zv_playbook rotate.yml -e "{\"expect\": {\"skipped\": [\"web1\"], \"rotated\": [\"web2\", \"web3\"]}}"

step "interrupted after promote_previous (web1) and promote_main (web2); web3's apply hook does nothing, so its verification fails; the re-run finishes web1 and web2 and rolls back web3"
zv_playbook rotate.yml -e rotate_force=true -e rotate_fail_on_error=false \
  -e "{\"fail_after\": {\"web1\": \"promote_previous\", \"web2\": \"promote_main\"}, \"noop_hosts\": [\"web3\"], \"expect\": {\"failed\": $all}, \"strict\": false}"
zv_playbook rotate.yml -e "{\"expect\": {\"rotated\": [\"web1\", \"web2\"], \"skipped\": [\"web3\"]}}"

step "web1's account is changed outside the vault while a rotation is pending: web1 fails, nothing changes"
zv_playbook rotate.yml --limit web1 -e rotate_force=true -e rotate_fail_on_error=false \
  -e '{"fail_after": {"web1": "stage"}, "expect": {"failed": ["web1"]}, "strict": false}'
zv_canary DRIFT
printf 'zvrot1:%s\n' "$ZV_CANARY_DRIFT" | chpasswd
zv_playbook rotate.yml --limit web1 -e rotate_fail_on_error=false -e '{"expect": {"failed": ["web1"]}, "run_check": false}'
zv_playbook_fails check.yml --limit web1 -e strict=false
# Someone puts the vault's password back on the account: the next run rolls the pending rotation back.
printf 'zvrot1:%s\n' "$(vault_passwords 'web1 zvrot1')" | chpasswd
zv_playbook check.yml --limit web1 -e strict=false -e '{"expect_pending": ["web1"]}'
zv_playbook rotate.yml --limit web1 -e '{"expect": {"skipped": ["web1"]}}'

step "leaks: neither the canaries nor any password the vault holds now appear in any output or on disk"
mapfile -t held < <(vault_passwords)
[ "${#held[@]}" -ge 6 ] || { echo "expected at least 6 passwords in the vault, got ${#held[@]}" >&2; exit 1; }
ZV_CANARIES+=("${held[@]}")
zv_assert_no_leaks
echo "role_rotate: ${SECONDS}s"
