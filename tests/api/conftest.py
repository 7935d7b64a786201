"""Make the sample-database builder (``webdata.py``, next to this file) importable."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config):
    # starlette 1.x asks for the "httpx2" package for its TestClient; httpx works the same
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")
