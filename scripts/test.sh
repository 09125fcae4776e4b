#!/usr/bin/env bash
# The project's whole test suite, from a fresh clone: `make test` runs this.
# Steps: emulator tests, functional tests of the client against the emulator, ansible-test
# sanity, units and integration (against the emulator), integration again on the oldest ansible-core the collection
# declares (step "oldest"), the Terraform provider's acceptance tests (step "terraform"), the AWX credential plugins
# (step "awx"), docs lint, ansible-lint, changelog lint. Every step runs even when an earlier one fails;
# the exit status is non-zero if any failed.
# ZOHO_VAULT_TEST_STEPS="units integration" picks steps; ZOHO_VAULT_TARGETS="secret chamber" picks integration targets;
# ZOHO_VAULT_OLDEST_TARGETS picks those of the step "oldest" (default: role_rotate lookup_password).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD
typecheck() {
  # mypy reads the staged copy, where the code sits under ansible_collections/zoho/vault as Ansible imports it.
  (cd "${stage%/ansible_collections/zoho/vault}" && MYPYPATH=$PWD mypy --config-file "$root/mypy.ini" --cache-dir /dev/null \
    -p ansible_collections.zoho.vault.plugins.module_utils -p ansible_collections.zoho.vault.plugins.plugin_utils)
}

only=${ZOHO_VAULT_TEST_STEPS:-emulator functional sanity units integration oldest terraform awx docs lint changelog}

# The ansible-core 2.16 venv only when a step needs it.
case " $only " in
  *" oldest "*) scripts/bootstrap.sh --oldest || exit 1 ;;
  *) scripts/bootstrap.sh || exit 1 ;;
esac

export PATH=$root/.venv/bin:$PATH
export ANSIBLE_FORCE_COLOR=0 PY_COLORS=0

stage=$(python scripts/stage_collection.py) || exit 1
# Collections the tests and ansible-lint need beside zoho.vault (community.postgresql, from PyPI's ansible package).
python scripts/test_collections.py "$stage" || exit 1
passed=0 failed=0 failures=()

step() {
  local name=$1; shift
  echo
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "<== $name: ok ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "<== $name: FAILED ($((SECONDS - started)) s)"
  fi
}

in_stage() { (cd "$stage" && "$@"); }

integration() {
  # integration VENV TARGETS: ansible-test (and so ansible-playbook) of VENV runs the targets (all when none given).
  local venv=$1 targets
  read -r -a targets <<<"$2"
  # The emulator lives for the whole run and keeps running from .venv; with_emulator.py writes the connection
  # for the targets. --allow-destructive: role_rotate (aliases destructive, needs/root) creates and removes
  # local accounts.
  python scripts/with_emulator.py --integration-config "$stage/tests/integration/integration_config.yml" -- \
    env PATH="$root/$venv/bin:$PATH" "$root/scripts/in_dir.sh" "$stage" \
    ansible-test integration --local --python 3.11 --color no --continue-on-error --allow-destructive "${targets[@]}"
}

awx_plugins() {
  # The AWX credential plugins as an AWX image gets them: a fresh venv, one `pip install ./awx-plugins` (the wheel
  # carries the collection), the test tools beside it; the tests load the plugins through their entry points and
  # run their own emulator with this venv's Flask.
  local venv=${ZOHO_VAULT_BUILD_DIR:-$root/.build}/awx-venv
  rm -rf "$venv" && python -m venv "$venv" &&
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check ./awx-plugins -r tests/awx/requirements.txt &&
    (cd tests/awx && ZOHO_VAULT_EMULATOR_PYTHON=$root/.venv/bin/python "$venv/bin/python" -m pytest -q -p no:cacheprovider .)
}

for what in $only; do
  case $what in
    emulator)    step "emulator tests" python -m pytest -q -p no:cacheprovider tests/emulator/tests ;;
    functional)  [ -d tests/functional ] && step "functional tests (client against the emulator)" \
                   python -m pytest -q -p no:cacheprovider tests/functional ;;
    sanity)      step "ansible-test sanity" in_stage ansible-test sanity --venv --python 3.11 --color no ;;
    units)       step "ansible-test units" in_stage ansible-test units --venv --python 3.11 --color no ;;
    integration) step "ansible-test integration (against the emulator)" integration .venv "${ZOHO_VAULT_TARGETS:-}" ;;
    # meta/runtime.yml promises ansible-core 2.16: the role and the lookups, whose templating changed most since,
    # run there too.
    oldest)      step "ansible-test integration on ansible-core 2.16 (against the emulator)" \
                   integration .venv-core2.16 "${ZOHO_VAULT_OLDEST_TARGETS:-role_rotate lookup_password}" ;;
    # The Terraform provider: real terraform commands (Terraform 1.0.3 from the bootstrap) against an emulator of its own.
    terraform)   step "Terraform provider acceptance tests (against the emulator)" \
                   python scripts/with_emulator.py -- python -m pytest -q -p no:cacheprovider tests/terraform ;;
    awx)         step "AWX credential plugins (fresh venv, against the emulator)" awx_plugins ;;
    docs)        step "antsibull-docs lint-collection-docs" in_stage antsibull-docs lint-collection-docs . --plugin-docs --check-extra-docs-refs ;;
    lint)        step "ansible-lint (production profile)" in_stage env ANSIBLE_COLLECTIONS_PATH="${stage%/ansible_collections/zoho/vault}" ansible-lint --offline --nocolor
                 step "ruff (module_utils, plugin_utils)" ruff check --no-cache
                 step "mypy (module_utils, plugin_utils)" typecheck ;;
    changelog)   step "antsibull-changelog lint" antsibull-changelog lint ;;
    *) echo "unknown step: $what"; exit 2 ;;
  esac
done

echo
[ ${#failures[@]} -eq 0 ] || printf 'failed step: %s\n' "${failures[@]}"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
