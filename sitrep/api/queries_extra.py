"""Queries the web API needs that :mod:`sitrep.store.queries` does not have (yet).

Same conventions as the library: every value reaches SQL as a bound parameter; the SQL text is
constant (filters are written as ``(:x IS NULL OR column = :x)``), so nothing here builds SQL from
user input.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from sitrep.store.db import Store

__all__ = ["fingerprint", "list_places", "document_exists", "document_published"]


def _conn(store: Store | sqlite3.Connection) -> sqlite3.Connection:
    return store.conn if isinstance(store, Store) else store


def _rows(store: Store | sqlite3.Connection, sql: str, params: Any = ()) -> list[sqlite3.Row]:
    cur = _conn(store).cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params).fetchall()


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fingerprint(store: Store | sqlite3.Connection) -> tuple:
    """Changes whenever documents are added, replaced or deleted (for caching cross-article results)."""
    row = _rows(store, "SELECT count(*), max(ingested_at), total(rowid), "
                       "(SELECT count(*) FROM events), (SELECT count(*) FROM claims) FROM documents")[0]
    return tuple(row)


def document_exists(store: Store | sqlite3.Connection, doc_id: str) -> bool:
    return bool(_rows(store, "SELECT 1 FROM documents WHERE id = ?", (doc_id,)))


def document_published(store: Store | sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """``doc_id -> {title, published}`` for every document (small columns only, no text)."""
    return {r["id"]: {"title": r["title"], "published": r["published"]}
            for r in _rows(store, "SELECT id, title, published FROM documents")}


_PLACES_SQL = """
SELECT p.id, p.doc_id, p.name, p.country, p.lat, p.lon, p.feature, p.json,
       d.title AS doc_title, d.published AS published,
       (SELECT count(*) FROM events e WHERE e.place_id = p.id) AS events
FROM places p JOIN documents d ON d.id = p.doc_id
WHERE (:name IS NULL OR p.name LIKE :name ESCAPE '\\')
  AND (:country IS NULL OR p.country = :country)
  AND (:feature IS NULL OR p.feature = :feature)
  AND (:doc_id IS NULL OR p.doc_id = :doc_id)
  AND (:located = 0 OR (p.lat IS NOT NULL AND p.lon IS NOT NULL))
ORDER BY p.doc_id, p.id
LIMIT :limit OFFSET :offset
"""


def list_places(store: Store | sqlite3.Connection, name: str | None = None, country: str | None = None,
                feature: str | None = None, doc_id: str | None = None, located: bool = False,
                limit: int = 10_000, offset: int = 0) -> list[dict[str, Any]]:
    """Places as stored, one row per document and place, with the number of events placed there
    and the place's evidence (from its stored JSON)."""
    params = {
        "name": _like(name.strip()) if name and name.strip() else None,
        "country": country.strip().upper() if country and country.strip() else None,
        "feature": feature.strip().lower() if feature and feature.strip() else None,
        "doc_id": doc_id or None,
        "located": 1 if located else 0,
        "limit": max(0, int(limit)),
        "offset": max(0, int(offset)),
    }
    out = []
    for r in _rows(store, _PLACES_SQL, params):
        d = dict(r)
        data = json.loads(d.pop("json") or "{}")
        d["evidence"] = data.get("evidence") or []
        d["local_id"] = data.get("id")
        out.append(d)
    return out
