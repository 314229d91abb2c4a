#!/usr/bin/env bash
# Installs Kho tin HĐND in a virtual environment and runs the demo on the bundled sample sites:
# no network, no server. Usage: scripts/demo.sh [hdnd demo options, e.g. --port 8080]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/hdnd demo "$@"
