"""JSON API routes: ``/api/...``."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from . import params as P

router = APIRouter(prefix="/api")


def service(request: Request):
    return request.app.state.service


@router.get("", summary="Index of the API")
def api_index() -> dict[str, Any]:
    return {
        "openapi": "/openapi.json",
        "endpoints": ["/api/summary", "/api/documents", "/api/documents/{id}", "/api/events", "/api/claims",
                      "/api/attitudes", "/api/transfers", "/api/actors", "/api/places", "/api/contradictions", "/api/graph",
                      "/api/timeline", "/api/search"],
    }


@router.get("/summary", summary="Counts of documents and records")
def api_summary(svc=Depends(service)) -> dict[str, Any]:
    with svc.store() as s:
        return svc.summary(s)


@router.get("/documents", summary="Documents (newest first by default)")
def api_documents(f: dict = Depends(P.document_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.documents(s, **f, **p)


@router.get("/documents/{doc_id:path}", summary="One document: text, sentences and everything extracted from it",
            responses={404: {"description": "Unknown document id"}})
def api_document(doc_id: str = Path(..., description="Document id"), svc=Depends(service)):
    with svc.store() as s:
        return svc.document(s, doc_id)


@router.get("/events", summary="PLOVER events with their evidence")
def api_events(f: dict = Depends(P.event_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.events(s, **f, **p)


@router.get("/claims", summary="Attributed claims (speaker, stance, content) with their evidence")
def api_claims(f: dict = Depends(P.claim_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.claims(s, **f, **p)


@router.get("/attitudes", summary="Attributed wants, plans and calls (\"X called for talks\"): no statements of fact")
def api_attitudes(f: dict = Depends(P.attitude_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.attitudes(s, **f, **p)


@router.get("/transfers", summary="Arms transfers with their evidence")
def api_transfers(f: dict = Depends(P.transfer_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.transfers(s, **f, **p)


@router.get("/actors", summary="Actors across documents, most mentioned first")
def api_actors(f: dict = Depends(P.actor_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.actors(s, **f, **p)


@router.get("/places", summary="Places merged across documents, with coordinates and per-country totals")
def api_places(f: dict = Depends(P.place_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.places(s, **f, **p)


@router.get("/contradictions", summary="Propositions asserted by some speakers and denied by others")
def api_contradictions(f: dict = Depends(P.contradiction_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.contradictions(s, **f, **p)


@router.get("/graph", summary="Relation graph between actors (nodes and directed edges)")
def api_graph(f: dict = Depends(P.graph_filters), svc=Depends(service)):
    with svc.store() as s:
        return svc.graph(s, **f)


@router.get("/timeline", summary="Events in date order, of one actor, between two, or all")
def api_timeline(f: dict = Depends(P.timeline_filters), p: dict = Depends(P.paging), svc=Depends(service)):
    with svc.store() as s:
        return svc.timeline(s, **f, **p)


@router.get("/search", summary="Full-text search (FTS5) over documents and claims, and actor names")
def api_search(q: str = Query(..., min_length=1, max_length=P.MAX_TEXT, description="Words to find (all must match; "
                              "a trailing * searches a prefix)"),
               kind: Literal["all", "documents", "claims", "actors"] = Query("all"),
               limit: int = Query(20, ge=1, le=500), svc=Depends(service)):
    with svc.store() as s:
        return svc.search(s, q, kind=kind, limit=limit)
