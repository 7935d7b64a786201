"""The HTTP API and web UI of sitrep: ``create_app(db_path, token=None) -> FastAPI``.

Run it with ``sitrep serve --db sitrep.db`` (loopback by default). FastAPI, uvicorn and Jinja2
are needed only here, so importing :mod:`sitrep` never requires them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app"]

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI


def create_app(db_path: Any, token: str | None = None) -> "FastAPI":
    from .app import create_app as _create

    return _create(db_path, token=token)
