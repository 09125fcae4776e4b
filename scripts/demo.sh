#!/usr/bin/env bash
# The demo, from a fresh clone: set up .venv, start the bundled emulator, run demo/site.yml
# against it, stop the emulator. To run it against a real vault instead, export the
# ZOHO_VAULT_* connection variables and set ZOHO_VAULT_DEMO_REAL=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export PATH=$PWD/.venv/bin:$PATH

# Make this checkout importable as the collection zoho.vault without installing it.
collections=$PWD/.build/collections
mkdir -p "$collections/ansible_collections/zoho"
ln -sfn "$PWD" "$collections/ansible_collections/zoho/vault"
export ANSIBLE_COLLECTIONS_PATH=$collections ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false

if [ "${ZOHO_VAULT_DEMO_REAL:-0}" = 1 ]; then
  exec ansible-playbook demo/site.yml "$@"
fi
exec python scripts/with_emulator.py -- ansible-playbook demo/site.yml "$@"
