"""Browser tests: a real server on a free loopback port, driven by Debian's chromium via Playwright.

They skip cleanly when Playwright for Python or chromium is missing (``scripts/setup_browser.sh``
installs both). Screenshots go to ``$SITREP_SCREENSHOTS`` or ``tests/web/screenshots/``.
Chromium: ``$SITREP_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on the PATH.
"""
from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "api"))  # the sample database builder (tests/api/webdata.py)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("SITREP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                        "(scripts/setup_browser.sh)")
    for mod in ("fastapi", "uvicorn", "jinja2"):
        pytest.importorskip(mod)
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (scripts/setup_browser.sh)")
    return path


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(os.environ.get("SITREP_SCREENSHOTS") or HERE / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class LiveServer:
    """uvicorn serving an app in a thread, on a socket bound before it starts (no port race)."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture(scope="session")
def live_server_class(chromium_executable):
    return LiveServer


@pytest.fixture(scope="session")
def live_server(chromium_executable, tmp_path_factory):
    from webdata import build_db

    from sitrep.api import create_app

    db = build_db(tmp_path_factory.mktemp("web") / "sample.db")
    with LiveServer(create_app(db)) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A fresh page; fails the test on any JavaScript error, CSP violation or alert() dialog."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
          if msg.type == "error" else None)

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.problems = problems
    yield pg
    context.close()
    assert not problems, "the browser reported problems:\n" + "\n".join(problems)
