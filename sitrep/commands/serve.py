"""``sitrep serve``: the JSON API and the web UI over a database, with uvicorn.

::

    sitrep serve --db sitrep.db                       # http://127.0.0.1:8000/
    sitrep serve --db sitrep.db --host 0.0.0.0 --token "$(openssl rand -hex 16)"

Loopback by default. Binding to any other address needs a token (``--token`` or the environment
variable ``SITREP_TOKEN``); every request must then carry it (``Authorization: Bearer …`` or
``?token=…``). Without one the command refuses to start.
"""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

__all__ = ["register", "serve", "is_loopback"]

err = Console(stderr=True)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1); False for anything else,
    including ``0.0.0.0``/``::`` (every interface) and other host names."""
    h = host.strip().strip("[]").lower()
    if h in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def serve(
    db: Path = typer.Option(Path("sitrep.db"), "--db", help="SQLite database written by `sitrep ingest`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind. Anything but loopback needs --token."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    token: Optional[str] = typer.Option(None, "--token", envvar="SITREP_TOKEN", show_envvar=True,
                                        help="Require this token on every request (Authorization: Bearer "
                                             "<token> or ?token=<token>)."),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level (info shows every request)."),
) -> None:
    """Serve the JSON API (/api/..., OpenAPI at /openapi.json) and the web UI over a database."""
    token = (token or "").strip() or None
    if not is_loopback(host) and not token:
        _fail(f"refusing to serve on non-loopback address {host} without a token: "
              "pass --token or set SITREP_TOKEN")
    if not db.is_file():
        _fail(f"database not found: {db}")
    try:
        import uvicorn

        from sitrep.api import create_app
    except ImportError as exc:
        _fail(f"the web server needs FastAPI, uvicorn and Jinja2 ({exc.name} is missing): "
              "pip install fastapi uvicorn jinja2")
    from sitrep.store.db import StoreError

    try:
        app = create_app(db, token=token)
    except StoreError as exc:
        _fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    err.print(f"sitrep: serving {db} on http://{shown}:{port}/" + (" (token required)" if token else ""),
              highlight=False)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the main app."""
    app.command("serve")(serve)
