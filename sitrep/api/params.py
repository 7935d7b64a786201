"""Query parameters shared by the JSON API and the HTML pages (validated by FastAPI: bad values are
answered 422 with a message naming the parameter)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from fastapi import HTTPException, Query

from sitrep.model import CLAIM_STANCES, TRANSFER_STATUSES

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
COUNTRY_PATTERN = r"^[A-Za-z]{3}$"
MAX_TEXT = 200


def _sorts(*names: str) -> Any:
    values = tuple(v for n in names for v in (n, f"-{n}"))
    return Literal[values]  # type: ignore[valid-type]


DocumentSort = _sorts("published", "title", "id", "events", "claims", "transfers", "ingested")
EventSort = _sorts("date", "type", "doc_id", "published", "source", "target")
ClaimSort = _sorts("published", "speaker", "stance", "doc_id", "factuality")
TransferSort = _sorts("year", "published", "system", "status", "quantity", "supplier", "recipient", "doc_id")
ActorSort = _sorts("mentions", "documents", "name", "country", "kind")
PlaceSort = _sorts("mentions", "documents", "name", "country", "events")
ContraSort = _sorts("sources", "claims", "date", "score")
TimelineSort = _sorts("date", "type", "doc_id")

Stance = Literal[CLAIM_STANCES]  # type: ignore[valid-type]
Status = Literal[TRANSFER_STATUSES]  # type: ignore[valid-type]
Quad = Literal["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
Kind = Literal["country", "person", "organisation", "group", "anonymous"]
Format = Literal["json", "html"]


def _text(description: str) -> Any:
    return Query(None, max_length=MAX_TEXT, description=description)


def _date(description: str) -> Any:
    return Query(None, pattern=DATE_PATTERN, description=description + " (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)")


def _country(description: str = "ISO 3166-1 alpha-3 country code (PAK, IND, ...)") -> Any:
    return Query(None, pattern=COUNTRY_PATTERN, description=description)


def _blank(value: Optional[str]) -> Optional[str]:
    """Empty form fields count as absent."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def check_range(date_from: Optional[str], date_to: Optional[str]) -> None:
    if date_from and date_to:
        n = min(len(date_from), len(date_to))
        if date_from[:n] > date_to[:n]:
            raise HTTPException(422, f"date_from ({date_from}) is after date_to ({date_to})")


def paging(limit: int = Query(50, ge=1, le=500, description="Page size (1–500)."),
           offset: int = Query(0, ge=0, description="Number of items to skip.")) -> dict[str, int]:
    return {"limit": limit, "offset": offset}


def document_filters(
    date_from: Optional[str] = _date("Published on or after"),
    date_to: Optional[str] = _date("Published on or before"),
    title: Optional[str] = _text("Substring of the title"),
    sort: Optional[DocumentSort] = Query(None, description="Sort key; prefix '-' for descending."),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return {"date_from": date_from, "date_to": date_to, "title": _blank(title), "sort": sort}


def event_filters(
    actor: Optional[str] = _text("Source or target: name substring or ISO3 code"),
    country: Optional[str] = _country("Source or target country (ISO3)"),
    type: Optional[str] = Query(None, pattern=r"^[A-Za-z_]{2,40}$", description="PLOVER event type (ASSAULT, ACCUSE, ...)"),
    quad: Optional[Quad] = Query(None, description="Quad class"),
    negated: Optional[bool] = Query(None, description="Only negated (true) or only affirmed (false) events"),
    doc_id: Optional[str] = _text("Document id"),
    date_from: Optional[str] = _date("Event date on or after"),
    date_to: Optional[str] = _date("Event date on or before"),
    sort: Optional[EventSort] = Query(None, description="Sort key; prefix '-' for descending."),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return {"actor": _blank(actor), "country": country, "type": type, "quad": quad, "negated": negated,
            "doc_id": _blank(doc_id), "date_from": date_from, "date_to": date_to, "sort": sort}


def attitude_filters(
    actor: Optional[str] = _text("Speaker: name substring or ISO3 code"),
    country: Optional[str] = _country("Speaker's country (ISO3)"),
    cue: Optional[str] = _text("Attitude word lemma (want, call for, urge, ...)"),
    doc_id: Optional[str] = _text("Document id"),
    date_from: Optional[str] = _date("Document published on or after"),
    date_to: Optional[str] = _date("Document published on or before"),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return {"actor": _blank(actor), "country": country, "cue": _blank(cue), "doc_id": _blank(doc_id),
            "date_from": date_from, "date_to": date_to}


def claim_filters(
    actor: Optional[str] = _text("Speaker: name substring or ISO3 code"),
    country: Optional[str] = _country("Speaker's country (ISO3)"),
    stance: Optional[Stance] = Query(None, description="assert or deny"),
    cue: Optional[str] = _text("Reporting word lemma (say, deny, according to, ...)"),
    hedged: Optional[bool] = Query(None, description="Only hedged (true) or unhedged (false) claims"),
    text: Optional[str] = _text("Words of the claim's content (full-text search)"),
    doc_id: Optional[str] = _text("Document id"),
    date_from: Optional[str] = _date("Document published on or after"),
    date_to: Optional[str] = _date("Document published on or before"),
    sort: Optional[ClaimSort] = Query(None, description="Sort key; prefix '-' for descending."),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return {"actor": _blank(actor), "country": country, "stance": stance, "cue": _blank(cue), "hedged": hedged,
            "text": _blank(text), "doc_id": _blank(doc_id), "date_from": date_from, "date_to": date_to, "sort": sort}


def transfer_filters(
    actor: Optional[str] = _text("Supplier or recipient: name substring or ISO3 code"),
    supplier: Optional[str] = _text("Supplier: name substring or ISO3 code"),
    recipient: Optional[str] = _text("Recipient: name substring or ISO3 code"),
    country: Optional[str] = _country("Supplier or recipient country (ISO3)"),
    status: Optional[Status] = Query(None, description="Transfer status"),
    system: Optional[str] = _text("Substring of the weapon system"),
    doc_id: Optional[str] = _text("Document id"),
    date_from: Optional[str] = _date("Year of the deal (else publication) on or after"),
    date_to: Optional[str] = _date("Year of the deal (else publication) on or before"),
    sort: Optional[TransferSort] = Query(None, description="Sort key; prefix '-' for descending."),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return {"actor": _blank(actor), "supplier": _blank(supplier), "recipient": _blank(recipient),
            "country": country, "status": status, "system": _blank(system), "doc_id": _blank(doc_id),
            "date_from": date_from, "date_to": date_to, "sort": sort}


def actor_filters(
    name: Optional[str] = _text("Substring of the actor's name"),
    country: Optional[str] = _country(),
    kind: Optional[Kind] = Query(None, description="Kind of actor"),
    sector: Optional[str] = Query(None, pattern=r"^[A-Za-z]{3}$", description="Sector (GOV, MIL, REB, ...)"),
    sort: Optional[ActorSort] = Query(None, description="Sort key; prefix '-' for descending."),
) -> dict[str, Any]:
    return {"name": _blank(name), "country": country, "kind": kind, "sector": sector, "sort": sort}


def place_filters(
    name: Optional[str] = _text("Substring of the place name"),
    country: Optional[str] = _country(),
    feature: Optional[str] = Query(None, pattern=r"^[a-z_]{2,20}$", description="country, region, city, feature, disputed"),
    doc_id: Optional[str] = _text("Document id"),
    located: bool = Query(False, description="Only places with coordinates"),
    sort: Optional[PlaceSort] = Query("-mentions", description="Sort key; prefix '-' for descending."),
) -> dict[str, Any]:
    return {"name": _blank(name), "country": country, "feature": feature, "doc_id": _blank(doc_id),
            "located": located, "sort": sort}


def contradiction_filters(
    actor: Optional[str] = _text("A speaker on either side: name substring or ISO3 code"),
    country: Optional[str] = _country("A speaker's country (ISO3)"),
    doc_id: Optional[str] = _text("Document id"),
    kind: Optional[Literal["claim", "event"]] = Query(None, description="claim or event level"),
    different_country: bool = Query(False, description="Only disputes between speakers of different countries"),
    sort: Optional[ContraSort] = Query(None, description="Sort key; prefix '-' for descending (default: most sources)."),
) -> dict[str, Any]:
    return {"actor": _blank(actor), "country": country, "doc_id": _blank(doc_id), "kind": kind,
            "different_country": different_country, "sort": sort}


def graph_filters(
    actor: Optional[str] = _text("Only relations of this actor (ISO3 code or name substring)"),
    date_from: Optional[str] = _date("Events dated on or after"),
    date_to: Optional[str] = _date("Events dated on or before"),
    include_negated: bool = Query(False, description="Count negated events too"),
    min_count: int = Query(1, ge=1, le=10_000, description="Minimum events (+ transfers) on an edge"),
    max_nodes: int = Query(150, ge=1, le=500, description="Keep at most this many nodes (the most connected)"),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return {"actor": _blank(actor), "date_from": date_from, "date_to": date_to,
            "include_negated": include_negated, "min_count": min_count, "max_nodes": max_nodes}


def timeline_filters(
    actor: Optional[str] = _text("Actor: ISO3 code, country name or part of a name (empty: all events)"),
    actor2: Optional[str] = _text("Second actor: only events between the two"),
    type: Optional[str] = Query(None, pattern=r"^[A-Za-z_]{2,40}$", description="PLOVER event type"),
    date_from: Optional[str] = _date("On or after"),
    date_to: Optional[str] = _date("On or before"),
    merged: bool = Query(False, description="Merge the same happening across documents"),
    include_negated: bool = Query(True, description="Include negated events"),
    sort: Optional[TimelineSort] = Query(None, description="Sort key; default: date order"),
) -> dict[str, Any]:
    check_range(date_from, date_to)
    actor = _blank(actor)
    actor2 = _blank(actor2)
    if actor2 and not actor:
        raise HTTPException(422, "actor2 needs actor")
    return {"actor": actor, "actor2": actor2, "type": type, "date_from": date_from, "date_to": date_to,
            "merged": merged, "include_negated": include_negated, "sort": sort}
