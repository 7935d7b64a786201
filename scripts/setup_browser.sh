#!/usr/bin/env bash
# Install what the browser tests (tests/web/test_browser.py) need on a fresh Debian machine:
# Debian's chromium (apt) and Playwright for Python (pip, into the project's virtualenv).
# Playwright's own browser download (`playwright install`) is NOT used: the tests launch
# /usr/bin/chromium. Also installs the web server's Python dependencies if they are missing.
#
#   scripts/setup_browser.sh                # uses .venv/bin/python if present, else python3
#   PYTHON=/path/to/python scripts/setup_browser.sh
#
# Then: SITREP_SCREENSHOTS=/tmp/shots .venv/bin/python -m pytest tests/web
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$root/.venv/bin/python" ]]; then PYTHON="$root/.venv/bin/python"; else PYTHON="python3"; fi
fi

if [[ "$(id -u)" -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi

if ! command -v chromium >/dev/null 2>&1 && [[ ! -x /usr/bin/chromium ]]; then
  echo "installing chromium (apt)"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
else
  echo "chromium already installed: $(command -v chromium || echo /usr/bin/chromium)"
fi

echo "installing Python packages with $PYTHON"
"$PYTHON" -m pip install --quiet "playwright>=1.45" "fastapi>=0.110" "uvicorn>=0.29" "jinja2>=3.1" "httpx>=0.27"

"$PYTHON" - <<'PY'
import shutil, subprocess
from playwright.sync_api import sync_playwright  # noqa: F401  (import check)
path = "/usr/bin/chromium" if shutil.os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
print("playwright ok; chromium:", subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip())
PY
