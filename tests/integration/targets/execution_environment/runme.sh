#!/usr/bin/env bash
# The execution environment definition: ansible-builder (no image build here, no container engine)
#  1. accepts the collection's meta/execution-environment.yml (its schema) and, through its
#     introspection, finds the collection's Python and system requirements in it;
#  2. creates a build context (Containerfile) from the EE files the AWX guide shows, one installing
#     zoho.vault from Galaxy and one from a collection tarball;
#  3. and the two build stages that matter are replayed offline from that context: the galaxy stage
#     installs the collection from the tarball, the builder stage's introspect.py collects
#     requests and jmespath from it.
set -eu
work=$(mktemp -d "${TMPDIR:-/tmp}/zv-ee.XXXXXX")
trap 'rm -rf "$work"' EXIT

collection=$(python -c 'import os; print(next(os.path.join(p, "ansible_collections", "zoho", "vault") for p in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep) if os.path.isdir(os.path.join(p, "ansible_collections", "zoho", "vault"))))')
# What the image must get: the collection's runtime requirements (requirements.txt at its root).
requirements=$(grep -vE '^\s*(#|$)' "$collection/requirements.txt")
echo "runtime requirements: $(echo "$requirements" | tr '\n' ' ')"

expect_line() {  # expect_line FILE PATTERN WHAT
  grep -qE -- "$2" "$1" || { echo "FAILED: $3 ($1 lacks /$2/)" >&2; cat "$1" >&2; exit 1; }
}

# 1. The collection's own definition: valid for ansible-builder, and introspection finds our requirements.
python - "$collection/meta/execution-environment.yml" <<'PY'
import sys, yaml
from ansible_builder.ee_schema import validate_schema
definition = yaml.safe_load(open(sys.argv[1]))
validate_schema(definition)
deps = definition["dependencies"]
assert set(deps) == {"python", "system"}, deps
assert all(not path.startswith("/") for path in deps.values()), "paths must be relative to the collection root"
print("meta/execution-environment.yml: valid version %s definition, python=%s system=%s" % (definition["version"], deps["python"], deps["system"]))
PY
mkdir -p "$work/installed/ansible_collections/zoho"
cp -r "$collection" "$work/installed/ansible_collections/zoho/vault"
ansible-builder introspect "$work/installed" --write-pip "$work/introspected.txt" --write-bindep "$work/introspected-bindep.txt" >"$work/introspect.log"
while read -r req; do
  expect_line "$work/introspected.txt" "^$(printf '%s' "$req" | sed 's/[.[\*^$]/\\&/g')( |$)" "introspection finds $req"
done <<<"$requirements"
echo "ansible-builder introspect: $(grep -c . "$work/introspected.txt") Python requirement(s) from zoho.vault"

# 2. Build contexts from the guide's EE files.
ansible-galaxy collection build "$collection" --output-path "$work/dist" >/dev/null
for flavour in execution-environment execution-environment-offline; do
  mkdir -p "$work/$flavour"
  cp files/"$flavour".yml files/requirements.yml "$work/$flavour/"
  cp "$work"/dist/zoho-vault-*.tar.gz "$work/$flavour/zoho-vault.tar.gz"
  ansible-builder create --file "$work/$flavour/$flavour.yml" --context "$work/$flavour/context" \
    --output-filename Containerfile -v1 >"$work/$flavour.log"
  containerfile=$work/$flavour/context/Containerfile
  expect_line "$containerfile" 'ansible-galaxy collection install .*-r requirements.yml' "the galaxy stage installs the collections"
  expect_line "$containerfile" 'introspect.py introspect' "the builder stage introspects the installed collections"
  expect_line "$containerfile" 'assemble' "the builder stage assembles the Python requirements"
  expect_line "$containerfile" '^LABEL ansible-execution-environment=true' "the image is an execution environment"
  expect_line "$work/$flavour/context/_build/requirements.yml" 'zoho[.-]vault' "the context installs zoho.vault"
  echo "ansible-builder create $flavour.yml: $(grep -c '^FROM' "$containerfile") build stages in the Containerfile"
done

# 3. Replay the galaxy and builder stages of the offline context.
build=$work/execution-environment-offline/context/_build
[ -f "$build/collections/zoho-vault.tar.gz" ] || { echo "FAILED: the tarball is not in the build context" >&2; exit 1; }
(cd "$build" && ANSIBLE_GALAXY_DISABLE_GPG_VERIFY=1 ansible-galaxy collection install --offline --force -r requirements.yml \
  --collections-path "$work/share/collections" >"$work/galaxy-stage.log" 2>&1)
[ -f "$work/share/collections/ansible_collections/zoho/vault/meta/execution-environment.yml" ] \
  || { echo "FAILED: the galaxy stage did not install zoho.vault with its meta/execution-environment.yml" >&2; cat "$work/galaxy-stage.log" >&2; exit 1; }
python "$build/scripts/introspect.py" introspect "$work/share/collections" \
  --write-pip "$work/stage-requirements.txt" --write-bindep "$work/stage-bindep.txt" >"$work/builder-stage.log"
while read -r req; do
  expect_line "$work/stage-requirements.txt" "^$(printf '%s' "$req" | sed 's/[.[\*^$]/\\&/g')( |$)" "the image would get $req"
done <<<"$requirements"
expect_line "$work/stage-requirements.txt" "# from collection zoho\.vault" "requirements attributed to zoho.vault"
echo "galaxy and builder stages replayed: the image would install $(grep -c . "$work/stage-requirements.txt") requirement(s):"
cat "$work/stage-requirements.txt"
