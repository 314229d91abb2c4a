#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine and runs them: a virtual environment with
# the project and its test extras, Debian's chromium for the browser tests, then ruff and pytest.
# Usage: scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# Browser tests drive Debian's chromium through Playwright (no browser download).
if ! command -v chromium >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""
        [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
    else
        echo "warning: chromium is not installed and apt-get is unavailable; browser tests will be skipped" >&2
    fi
fi

.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
