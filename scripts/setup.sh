#!/usr/bin/env bash
# Create .venv and install sitrep into it (editable). `scripts/setup.sh test` adds the test extras.
# Everything comes from PyPI; the language model ships inside the package (sitrep/data/model).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install --quiet -e '.[test]'
else
  .venv/bin/python -m pip install --quiet -e .
fi
