#!/usr/bin/env bash
# in_dir.sh DIR COMMAND [ARGS...]: run COMMAND inside DIR (for wrappers that take a plain command).
set -euo pipefail
cd "$1"
shift
exec "$@"
