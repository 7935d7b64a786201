"""HTML pages (Jinja2, autoescaped) over the same data as the API; ``?format=json`` gives the data.

Pages embed their data as ``<script type="application/json">`` (serialised with Jinja2's
``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``), never as executable script; the small
scripts in ``sitrep/web/static/js`` read it and build the interactive parts with DOM methods and
``textContent`` only.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from . import params as P
from .routes import service
from .service import text_blocks

WEB_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent / "web"

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(WEB_DIR / "templates")),
    autoescape=True,  # every value is escaped unless marked safe (nothing from the data is)
    undefined=jinja2.ChainableUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=env)

router = APIRouter(include_in_schema=False)

NAV = [("/", "Overview"), ("/documents", "Documents"), ("/events", "Events"), ("/claims", "Claims"),
       ("/transfers", "Transfers"), ("/actors", "Actors"), ("/timeline", "Timeline"), ("/graph", "Graph"),
       ("/map", "Map"), ("/contested", "Contested"), ("/search", "Search")]


def qs(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one), as ``?a=b``."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "token"]
    items += [(k, v) for k, v in changes.items() if v is not None and v != ""]
    return "?" + urlencode(items) if items else "?"


def actor_text(actor: Any) -> str:
    if not actor:
        return ""
    if isinstance(actor, str):
        return actor
    name = actor.get("name") or ""
    country = actor.get("country")
    if country and name.upper() != country:
        return f"{name} ({country})"
    return name or country or ""


def sort_link(request: Request, key: str, current: str | None) -> str:
    new = f"-{key}" if current == key else key
    return qs(request, sort=new, offset=None)


def safe_url(url: Any) -> str | None:
    """Only http(s) URLs become links (no ``javascript:`` or ``data:`` from an article's metadata)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


env.globals.update(NAV=NAV, qs=qs, actor_text=actor_text, sort_link=sort_link, safe_url=safe_url)


def render(request: Request, template: str, payload: Any, **context: Any):
    """The page, or its data as JSON with ``?format=json``."""
    if request.query_params.get("format") == "json":
        return JSONResponse(payload)
    context.setdefault("active", request.url.path)
    return templates.TemplateResponse(request, template, {"data": payload, **context})


def render_error(request: Request, status: int, label: str, message: str):
    return templates.TemplateResponse(request, "error.html", {"status": status, "label": label,
                                                              "message": message, "active": ""},
                                      status_code=status)


def _pager(data: dict) -> dict[str, Any]:
    total, limit, offset = data.get("total", 0), data.get("limit", 50), data.get("offset", 0)
    return {"total": total, "limit": limit, "offset": offset, "first": offset + 1 if total else 0,
            "last": min(offset + limit, total),
            "prev": max(0, offset - limit) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None}


FORMAT = Query(None, description="json: the page's data instead of HTML")


@router.get("/", response_class=HTMLResponse)
def page_index(request: Request, format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = {"summary": svc.summary(s), "documents": svc.documents(s, limit=20, offset=0)}
    return render(request, "index.html", data, title="Overview")


@router.get("/documents", response_class=HTMLResponse)
def page_documents(request: Request, f: dict = Depends(P.document_filters), p: dict = Depends(P.paging),
                   format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.documents(s, **f, **p)
    return render(request, "documents.html", data, title="Documents", f=f, pager=_pager(data))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def page_document(request: Request, doc_id: str = Path(...), format: P.Format | None = FORMAT,
                  svc=Depends(service)):
    with svc.store() as s:
        doc = svc.document(s, doc_id)
    if request.query_params.get("format") == "json":
        return JSONResponse(doc)
    spans = []
    for kind in ("events", "claims", "transfers", "places", "actors"):
        for rec in doc[kind]:
            for ev in rec.get("evidence") or rec.get("mentions") or []:
                spans.append((ev.get("start"), ev.get("end")))
    blocks = text_blocks(doc["text"], doc["sentences"], spans)
    return render(request, "document.html", doc, title=doc.get("title") or doc["id"], blocks=blocks,
                  active="/documents")


def _records_page(request: Request, kind: str, data: dict, f: dict, title: str):
    return render(request, "records.html", data, title=title, kind=kind, f=f, pager=_pager(data),
                  active=f"/{kind}")


@router.get("/events", response_class=HTMLResponse)
def page_events(request: Request, f: dict = Depends(P.event_filters), p: dict = Depends(P.paging),
                format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.events(s, **f, **p)
    return _records_page(request, "events", data, f, "Events")


@router.get("/claims", response_class=HTMLResponse)
def page_claims(request: Request, f: dict = Depends(P.claim_filters), p: dict = Depends(P.paging),
                format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.claims(s, **f, **p)
    return _records_page(request, "claims", data, f, "Claims")


@router.get("/transfers", response_class=HTMLResponse)
def page_transfers(request: Request, f: dict = Depends(P.transfer_filters), p: dict = Depends(P.paging),
                   format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.transfers(s, **f, **p)
    return _records_page(request, "transfers", data, f, "Arms transfers")


@router.get("/actors", response_class=HTMLResponse)
def page_actors(request: Request, f: dict = Depends(P.actor_filters), p: dict = Depends(P.paging),
                format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.actors(s, **f, **p)
    return _records_page(request, "actors", data, f, "Actors")


@router.get("/places", response_class=HTMLResponse)
def page_places(request: Request, f: dict = Depends(P.place_filters), p: dict = Depends(P.paging),
                format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.places(s, **f, **p)
    return _records_page(request, "places", data, f, "Places")


@router.get("/timeline", response_class=HTMLResponse)
def page_timeline(request: Request, f: dict = Depends(P.timeline_filters),
                  limit: int = Query(200, ge=1, le=500), offset: int = Query(0, ge=0),
                  format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.timeline(s, **f, limit=limit, offset=offset)
    return render(request, "timeline.html", data, title="Timeline", f=f, pager=_pager(data))


@router.get("/graph", response_class=HTMLResponse)
def page_graph(request: Request, f: dict = Depends(P.graph_filters), format: P.Format | None = FORMAT,
               svc=Depends(service)):
    with svc.store() as s:
        data = svc.graph(s, **f)
    return render(request, "graph.html", data, title="Relation graph", f=f)


@router.get("/map", response_class=HTMLResponse)
def page_map(request: Request, f: dict = Depends(P.place_filters),
             limit: int = Query(500, ge=1, le=500), offset: int = Query(0, ge=0),
             format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.places(s, **f, limit=limit, offset=offset)
    return render(request, "map.html", data, title="Map", f=f)


@router.get("/contested", response_class=HTMLResponse)
def page_contested(request: Request, f: dict = Depends(P.contradiction_filters), p: dict = Depends(P.paging),
                   format: P.Format | None = FORMAT, svc=Depends(service)):
    with svc.store() as s:
        data = svc.contradictions(s, **f, **p)
    return render(request, "contested.html", data, title="Contested claims", f=f, pager=_pager(data))


@router.get("/search", response_class=HTMLResponse)
def page_search(request: Request, q: str | None = Query(None, max_length=P.MAX_TEXT),
                kind: str = Query("all", pattern="^(all|documents|claims|actors)$"),
                limit: int = Query(20, ge=1, le=500), format: P.Format | None = FORMAT, svc=Depends(service)):
    q = (q or "").strip()
    if q:
        with svc.store() as s:
            data = svc.search(s, q, kind=kind, limit=limit)
    else:
        data = {"query": "", "documents": [], "claims": [], "actors": []}
    return render(request, "search.html", data, title="Search", q=q, kind=kind)
