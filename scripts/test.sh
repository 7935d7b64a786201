#!/usr/bin/env bash
# Set up (with test extras and, where possible, Chromium for the browser tests), then run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
if [ -x scripts/setup_browser.sh ]; then
  scripts/setup_browser.sh || echo "browser setup failed: browser tests will be skipped" >&2
fi
.venv/bin/python -m pytest "$@"
