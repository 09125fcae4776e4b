# shellcheck shell=bash
# Shared helpers for script targets (runme.sh): run playbooks at -vvvv against the emulator and
# prove that no canary value leaked into the output or onto disk.
#
#   source ../setup_emulator/files/checked.sh
#   zv_canary DB_PASSWORD            # exports ZV_CANARY_DB_PASSWORD with a fresh random value
#   zv_reset                         # empty vault
#   zv_playbook main.yml [args...]   # ansible-playbook -vvvv with the connection variables
#   zv_playbook_fails bad.yml        # the same, but the playbook must fail
#   zv_assert_no_leaks               # every canary absent from every output and from disk
#
# Playbooks read canaries with lookup('ansible.builtin.env', 'ZV_CANARY_DB_PASSWORD').
set -euo pipefail

ZV_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ZV_CONFIG=$(cd "$ZV_HERE/../../.." && pwd)/integration_config.yml
# Under ansible-test the logs go to the per-target OUTPUT_DIR, which it removes afterwards.
ZV_LOGS=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/zv-logs.XXXXXX")
ZV_CANARIES=()
export ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1

zv_var() {
  # The value of one variable of the integration config (a JSON document).
  python -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$ZV_CONFIG" "$1"
}

zv_canary() {
  local value
  value="Cnry$(python -c 'import secrets; print(secrets.token_hex(10))')!Aa1"
  export "ZV_CANARY_$1=$value"
  ZV_CANARIES+=("$value")
}

zv_control() {
  # zv_control METHOD PATH [JSON]: call the emulator's control plane.
  python - "$(zv_var zoho_vault_emulator_url)" "$@" <<'PY'
import json, sys, urllib.request
base, method, path = sys.argv[1:4]
body = (sys.argv[4] if len(sys.argv) > 4 else "{}").encode()
req = urllib.request.Request(base + path, data=body if method != "GET" else None, method=method,
                             headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=30) as resp:
    print(resp.read().decode())
PY
}

zv_reset() { zv_control POST /_emulator/reset >/dev/null; }

zv_run() {
  # zv_run EXPECT PLAYBOOK [ARGS...]: EXPECT is ok or fail.
  local expect=$1 playbook=$2 log rc
  shift 2
  log="$ZV_LOGS/$(date +%s%N)-$(basename "$playbook").log"
  set +e
  ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -e "@$ZV_CONFIG" -vvvv "$playbook" "$@" >"$log" 2>&1
  rc=$?
  set -e
  if { [ "$expect" = ok ] && [ $rc -ne 0 ]; } || { [ "$expect" = fail ] && [ $rc -eq 0 ]; }; then
    tail -n 80 "$log"
    echo "ansible-playbook $playbook exited $rc, expected $expect" >&2
    zv_assert_no_leaks
    return 1
  fi
  # Show the task results (not the -vvvv noise) so a reader of the test log sees what happened.
  grep -E '^(TASK|PLAY RECAP|ok:|changed:|fatal:|skipping:|localhost|\s+"msg")' "$log" | head -n 400 || true
}

zv_playbook() { zv_run ok "$@"; }
zv_playbook_fails() { zv_run fail "$@"; }

zv_assert_no_leaks() {
  local canary places=("$HOME/.ansible" "$HOME/.cache" "${TMPDIR:-/tmp}" "$PWD")
  for canary in "${ZV_CANARIES[@]}"; do
    if grep -rlF -- "$canary" "$ZV_LOGS" >/dev/null 2>&1; then
      echo "LEAK: a canary password appears in ansible-playbook output:" >&2
      grep -rlF -- "$canary" "$ZV_LOGS" >&2
      return 1
    fi
    if grep -rlF --exclude-dir="$(basename "$ZV_LOGS")" -- "$canary" "${places[@]}" 2>/dev/null | grep -q .; then
      echo "LEAK: a canary password was written to disk:" >&2
      grep -rlF --exclude-dir="$(basename "$ZV_LOGS")" -- "$canary" "${places[@]}" 2>/dev/null >&2
      return 1
    fi
  done
  echo "no leaks: ${#ZV_CANARIES[@]} canaries absent from $(find "$ZV_LOGS" -type f | wc -l) logs and from disk"
}
