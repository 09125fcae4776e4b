#!/usr/bin/env bash
# Create (or refresh) the project's virtual environment in .venv with everything the demo and the tests need.
# Re-running is cheap: it reinstalls only when a requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
stamp=$VENV/.requirements.sha256
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV with $($PYTHON --version 2>&1)"
  "$PYTHON" -m venv "$VENV"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> installing development requirements into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$want" >"$stamp"
fi

# ansible-test sanity runs shellcheck on the script targets only when it is installed: install it
# where we can (as root with apt), so the gate is the same on every machine.
if ! command -v shellcheck >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing shellcheck"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck) >/dev/null 2>&1 \
    || echo "    (shellcheck could not be installed; sanity will skip it)"
fi

# ansible-test bootstraps pip in every venv it makes by downloading get-pip.py from a host this
# machine cannot reach. It first looks in its cache, so leave a stand-in there that uses ensurepip.
pip_version=$("$VENV/bin/python" - <<'PY'
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
