"""The sitrep web app: a JSON API (``/api/...``, spec at ``/openapi.json``) and server-rendered pages.

::

    from sitrep.api import create_app
    app = create_app("sitrep.db")            # loopback use
    app = create_app("sitrep.db", token="s3cret")  # every request needs the token

With a token every request (pages, API, static files) must carry it: ``Authorization: Bearer
<token>``, ``?token=<token>``, or the ``sitrep_token`` cookie that the app sets (HttpOnly,
SameSite=Strict) after a request authenticated by ``?token=``, so that links and the pages'
static files work in a browser. Every response has a strict Content-Security-Policy (scripts
and styles only from the app's own static files; no inline script), ``nosniff`` and no framing.
"""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep.store.db import Store, StoreError

from .service import NotFound, Service

__all__ = ["create_app", "CSP", "WEB_DIR"]

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

TOKEN_COOKIE = "sitrep_token"


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json" \
        or request.query_params.get("format") == "json"


def _pattern_text() -> dict[str, str]:
    from . import params as P

    return {P.DATE_PATTERN: "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
            P.COUNTRY_PATTERN: "an ISO 3166-1 alpha-3 country code (e.g. PAK)"}


_PATTERN_TEXT = _pattern_text()


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        name = ".".join(loc) or "request"
        msg = e.get("msg", "invalid value")
        if e.get("type") == "string_pattern_mismatch":
            pattern = (e.get("ctx") or {}).get("pattern")
            msg = f"{e.get('input')!r} is not " + _PATTERN_TEXT.get(pattern, f"of the form {pattern}")
        elif e.get("type") == "literal_error":
            msg = f"{e.get('input')!r} is not allowed; {msg[0].lower() + msg[1:]}"
        parts.append(f"{name}: {msg}")
    return "invalid request: " + "; ".join(parts)


#: the API only reads: no request needs a body this large or a URL this long
MAX_BODY_BYTES = 64 * 1024
MAX_URL_CHARS = 8 * 1024


def _oversized(request: Request) -> JSONResponse | None:
    """413/414 for requests over the size limits, before any work is done on them."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return JSONResponse({"error": "payload too large", "message": f"request bodies are limited to {MAX_BODY_BYTES} bytes"},
                            status_code=413)
    if request.headers.get("transfer-encoding", "").lower() == "chunked" and request.method not in ("GET", "HEAD"):
        return JSONResponse({"error": "payload too large", "message": "chunked request bodies are not accepted"},
                            status_code=413)
    if len(str(request.url)) > MAX_URL_CHARS:
        return JSONResponse({"error": "URI too long", "message": f"URLs are limited to {MAX_URL_CHARS} characters"},
                            status_code=414)
    return None


def create_app(db_path: str | Path, token: str | None = None) -> FastAPI:
    """The FastAPI app serving the database at ``db_path`` (which must exist).

    ``token``: when given, every request must carry it (see the module docstring).
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise StoreError(f"database not found: {db_path}")
    with Store(db_path):  # fail now on a database this sitrep cannot read (and migrate it once)
        pass

    app = FastAPI(
        title="sitrep",
        version=_version(),
        description="Events (PLOVER), attributed claims and arms transfers extracted from news, each with "
                    "its evidence (document, sentence, character offsets). Lists take `limit` (≤ 500) and "
                    "`offset` and answer `{total, limit, offset, items}`; `sort` takes a key, prefixed "
                    "with '-' for descending order. Every HTML page is also JSON with `?format=json`.",
        docs_url=None, redoc_url=None,  # their HTML pulls scripts from a CDN
        openapi_url="/openapi.json",
    )
    app.state.service = Service(db_path)
    app.state.token = token or None

    @app.middleware("http")
    async def guard(request: Request, call_next):
        too_big = _oversized(request)
        if too_big is not None:
            _secure(too_big)
            return too_big
        _drop_blank_params(request)
        via_query = False
        if app.state.token:
            supplied = None
            auth = request.headers.get("authorization", "")
            if auth[:7].lower() == "bearer ":
                supplied = auth[7:].strip()
            elif "token" in request.query_params:
                supplied = request.query_params.get("token", "")
                via_query = True
            else:
                supplied = request.cookies.get(TOKEN_COOKIE)
            if not supplied or not hmac.compare_digest(supplied.encode("utf-8"), app.state.token.encode("utf-8")):
                response = JSONResponse({"error": "unauthorized",
                                         "message": "a valid token is required (Authorization: Bearer <token> "
                                                    "or ?token=<token>)"},
                                        status_code=401, headers={"WWW-Authenticate": "Bearer"})
                _secure(response)
                return response
        response = await call_next(request)
        if via_query:
            response.set_cookie(TOKEN_COOKIE, app.state.token, httponly=True, samesite="strict", path="/")
        _secure(response)
        return response

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError):
        message = _validation_message(list(exc.errors()))
        return _error(request, 422, "validation error", message, detail=_jsonable(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        label = {404: "not found", 401: "unauthorized", 405: "method not allowed",
                 422: "validation error"}.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else label
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return _error(request, exc.status_code, label, message)

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, exc: NotFound):
        return _error(request, 404, "not found", str(exc))

    @app.exception_handler(StoreError)
    async def on_store(request: Request, exc: StoreError):
        return _error(request, 503, "database unavailable", str(exc))

    from .routes import router as api_router
    from .web import router as web_router

    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    return app


def _drop_blank_params(request: Request) -> None:
    """Empty form fields (``?country=&type=``) count as absent rather than as invalid values."""
    raw = request.scope.get("query_string", b"")
    if not raw or b"=&" not in raw + b"&":
        return
    from urllib.parse import parse_qsl, urlencode

    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v.strip() != ""]
    if len(kept) != len(pairs):
        request.scope["query_string"] = urlencode(kept).encode("latin-1")


def _secure(response: Any) -> None:
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Referrer-Policy", "no-referrer")
    h.setdefault("Cross-Origin-Opener-Policy", "same-origin")


def _jsonable(errors: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    try:
        return jsonable_encoder(errors)
    except Exception:  # pragma: no cover - odd inputs in ctx
        return [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in errors]


def _error(request: Request, status: int, label: str, message: str, **extra: Any):
    if wants_json(request):
        return JSONResponse({"error": label, "status": status, "message": message, **extra}, status_code=status,
                            headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)
    from .web import render_error

    return render_error(request, status, label, message)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("sitrep")
    except Exception:  # pragma: no cover
        return "0"
