"""Read-only queries over a :class:`~sitrep.store.db.Store`, returning plain dicts for the CLI/API.

Every function takes a Store (or a ``sqlite3.Connection`` opened on a sitrep database) and
returns lists of JSON-ready dicts. User input only ever reaches SQL as bound parameters; text
filters match case-insensitively as substrings (``LIKE`` with ``%``/``_`` escaped), and free-text
search quotes every term for FTS5 so that no query string can inject FTS5 or SQL syntax.

Actor filters (``actor``, ``speaker``, ``supplier``, ``recipient``) match an actor's name as a
substring *or* its ISO alpha-3 country code exactly: ``"China"``, ``"CHN"`` and ``"chn"`` all work.
Date filters on events compare at the precision both sides have, so an event dated ``2025-05``
is inside ``date_from="2025-05-10"``.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from sitrep.model import (
    Extraction,
    Sentence,
    actor_from_dict,
    claim_from_dict,
    event_from_dict,
    place_from_dict,
    transfer_from_dict,
)

from .db import COUNTED_TABLES, Store

__all__ = [
    "list_documents", "get_document", "list_events", "list_claims", "list_attitudes", "list_transfers",
    "list_actors", "search", "search_claims", "fts_query", "summary", "load_extraction",
]

MAX_LIMIT = 10_000


def _rows(store: Store | sqlite3.Connection, sql: str, params: Any = ()) -> list[sqlite3.Row]:
    """Run a query with bound parameters; rows as sqlite3.Row (the connection is not modified)."""
    conn = store.conn if isinstance(store, Store) else store
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params).fetchall()


class _Params(dict):
    """Named parameters: ``p(value)`` stores the value and returns its placeholder."""

    def __call__(self, value: Any) -> str:
        name = f"p{len(self)}"
        self[name] = value
        return f":{name}"


def _page(limit: int | None, offset: int | None) -> tuple[int, int]:
    lim = MAX_LIMIT if limit is None else max(0, min(int(limit), MAX_LIMIT))
    return lim, max(0, int(offset or 0))


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` as a substring, with wildcards escaped (ESCAPE '\\')."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _actor_match(column: str, value: str, p: _Params) -> str:
    """SQL matching the actor whose id is in ``column`` by name substring or country code."""
    return (f"{column} IN (SELECT id FROM actors WHERE name LIKE {p(_like(value.strip()))} "
            f"ESCAPE '\\' OR country = {p(value.strip().upper())})")


def _records(rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        record = json.loads(row["json"])
        record["doc_id"] = row["doc_id"]
        out.append(record)
    return out


# -- documents ------------------------------------------------------------------------------------

def list_documents(store: Store | sqlite3.Connection, limit: int = 50, offset: int = 0
                   ) -> list[dict[str, Any]]:
    """Documents, newest publication first, with how many records each produced."""
    lim, off = _page(limit, offset)
    rows = _rows(store,
                 """SELECT d.id, d.title, d.published, d.url, d.source, d.hash, d.ingested_at,
                           (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,
                           (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims,
                           (SELECT count(*) FROM transfers t WHERE t.doc_id = d.id) AS transfers
                    FROM documents d
                    ORDER BY d.published IS NULL, d.published DESC, d.id
                    LIMIT ? OFFSET ?""", (lim, off))
    return [dict(r) for r in rows]


def get_document(store: Store | sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """One document with its text, warnings and sentences; None when unknown."""
    rows = _rows(store, "SELECT id, url, title, published, source, hash, text, ingested_at, warnings "
                        "FROM documents WHERE id = ?", (doc_id,))
    if not rows:
        return None
    doc = dict(rows[0])
    doc["warnings"] = json.loads(doc["warnings"] or "[]")
    doc["sentences"] = [dict(r) for r in _rows(
        store, 'SELECT idx, start, "end", text FROM sentences WHERE doc_id = ? ORDER BY idx', (doc_id,))]
    return doc


# -- records --------------------------------------------------------------------------------------

def list_events(store: Store | sqlite3.Connection, actor: str | None = None, country: str | None = None,
                type: str | None = None, date_from: str | None = None, date_to: str | None = None,
                doc_id: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events as stored (the extractor's JSON records) plus ``doc_id``.

    ``actor``: source or target by name substring or country code; ``country``: source or target
    country (alpha-3); ``type``: PLOVER type (case-insensitive); ``date_from``/``date_to``:
    inclusive, compared at the precision both dates have (events without a date are excluded
    when a date filter is given).
    """
    where: list[str] = []
    p = _Params()
    if actor:
        where.append(f"({_actor_match('e.source_actor_id', actor, p)} "
                     f"OR {_actor_match('e.target_actor_id', actor, p)})")
    if country:
        c = p(country.strip().upper())
        where.append(f"(e.source_actor_id IN (SELECT id FROM actors WHERE country = {c}) "
                     f"OR e.target_actor_id IN (SELECT id FROM actors WHERE country = {c}))")
    if type:
        where.append(f"e.type = {p(type.strip().upper())}")
    for value, op in ((date_from, ">="), (date_to, "<=")):
        if value:
            d = p(value.strip())
            n = f"min(length(e.date), length({d}))"
            where.append(f"e.date IS NOT NULL AND substr(e.date, 1, {n}) {op} substr({d}, 1, {n})")
    if doc_id:
        where.append(f"e.doc_id = {p(doc_id)}")
    return _select(store, "events", where, p, limit, offset)


def list_claims(store: Store | sqlite3.Connection, speaker: str | None = None, country: str | None = None,
                stance: str | None = None, doc_id: str | None = None, cue: str | None = None,
                limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Claims as stored plus ``doc_id``; ``speaker`` by name substring or country code,
    ``country`` the speaker's country, ``stance`` assert/deny, ``cue`` the reporting lemma."""
    p = _Params()
    where = _said_filters(p, speaker, country, cue, doc_id)
    if stance:
        where.append(f"e.stance = {p(stance.strip().lower())}")
    return _select(store, "claims", where, p, limit, offset)


def _said_filters(p: _Params, speaker: str | None, country: str | None, cue: str | None,
                  doc_id: str | None) -> list[str]:
    """WHERE terms shared by claims and attitudes: who said it, their country, the cue, the document."""
    where: list[str] = []
    if speaker:
        where.append(_actor_match("e.speaker_actor_id", speaker, p))
    if country:
        where.append(f"e.speaker_actor_id IN (SELECT id FROM actors WHERE country = {p(country.strip().upper())})")
    if cue:
        where.append(f"e.cue = {p(cue.strip().lower())}")
    if doc_id:
        where.append(f"e.doc_id = {p(doc_id)}")
    return where


def list_transfers(store: Store | sqlite3.Connection, supplier: str | None = None,
                   recipient: str | None = None, status: str | None = None, system: str | None = None,
                   doc_id: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Transfers as stored plus ``doc_id``; ``system`` matches the designation as a substring."""
    where: list[str] = []
    p = _Params()
    if supplier:
        where.append(_actor_match("e.supplier_actor_id", supplier, p))
    if recipient:
        where.append(_actor_match("e.recipient_actor_id", recipient, p))
    if status:
        where.append(f"e.status = {p(status.strip().lower())}")
    if system:
        where.append(f"e.system LIKE {p(_like(system.strip()))} ESCAPE '\\'")
    if doc_id:
        where.append(f"e.doc_id = {p(doc_id)}")
    return _select(store, "transfers", where, p, limit, offset)


def list_attitudes(store: Store | sqlite3.Connection, speaker: str | None = None, country: str | None = None,
                   cue: str | None = None, doc_id: str | None = None, limit: int = 100, offset: int = 0
                   ) -> list[dict[str, Any]]:
    """Attitudes (wants, plans, calls: "X called for talks") as stored plus ``doc_id``; filters as
    for :func:`list_claims`."""
    p = _Params()
    return _select(store, "attitudes", _said_filters(p, speaker, country, cue, doc_id), p, limit, offset)


_RECORD_TABLES = ("events", "claims", "attitudes", "transfers")


def _select(store: Store | sqlite3.Connection, table: str, where: list[str], p: _Params,
            limit: int, offset: int) -> list[dict[str, Any]]:
    if table not in _RECORD_TABLES:  # table names are fixed, never user input
        raise ValueError(table)
    lim, off = _page(limit, offset)
    sql = f"SELECT e.doc_id, e.json FROM {table} e"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY e.doc_id, e.rowid LIMIT {p(lim)} OFFSET {p(off)}"
    return _records(_rows(store, sql, p))


def list_actors(store: Store | sqlite3.Connection, country: str | None = None, name: str | None = None,
                kind: str | None = None, sector: str | None = None, limit: int = 100, offset: int = 0
                ) -> list[dict[str, Any]]:
    """Shared actors with their number of mentions and of documents, most mentioned first."""
    where: list[str] = []
    p = _Params()
    if country:
        where.append(f"a.country = {p(country.strip().upper())}")
    if name:
        where.append(f"a.name LIKE {p(_like(name.strip()))} ESCAPE '\\'")
    if kind:
        where.append(f"a.kind = {p(kind.strip().lower())}")
    if sector:
        where.append(f"a.sector = {p(sector.strip().upper())}")
    sql = """SELECT a.id, a.name, a.country, a.sector, a.role, a.kind,
                    (SELECT count(*) FROM actor_mentions m WHERE m.actor_id = a.id) AS mentions,
                    (SELECT count(DISTINCT doc_id) FROM doc_actors d WHERE d.actor_id = a.id) AS documents
             FROM actors a"""
    if where:
        sql += " WHERE " + " AND ".join(where)
    lim, off = _page(limit, offset)
    sql += f" ORDER BY mentions DESC, documents DESC, a.name LIMIT {p(lim)} OFFSET {p(off)}"
    return [dict(r) for r in _rows(store, sql, p)]


# -- full-text search -----------------------------------------------------------------------------

def fts_query(query: str) -> str | None:
    """A safe FTS5 query from user text: each whitespace-separated term becomes a quoted phrase
    (double quotes doubled), all terms must match; a trailing ``*`` keeps prefix search.
    Terms without a letter or digit are dropped; None when nothing is left."""
    terms = []
    for raw in (query or "").split():
        prefix = raw.endswith("*")
        term = raw.rstrip("*")
        if not any(ch.isalnum() for ch in term):
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) if terms else None


def search(store: Store | sqlite3.Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching all terms of ``query`` (title or text), best first, with a snippet."""
    match = fts_query(query)
    if match is None:
        return []
    lim, _ = _page(limit, 0)
    rows = _rows(
        store, """SELECT f.doc_id, d.title, d.published, d.url,
                  snippet(documents_fts, 1, '[', ']', '…', 16) AS snippet,
                  bm25(documents_fts) AS score
           FROM documents_fts f JOIN documents d ON d.id = f.doc_id
           WHERE documents_fts MATCH ?
           ORDER BY score LIMIT ?""", (match, lim))
    return [dict(r) for r in rows]


def search_claims(store: Store | sqlite3.Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Claims whose content matches all terms of ``query``, best first (stored records + doc_id)."""
    match = fts_query(query)
    if match is None:
        return []
    lim, _ = _page(limit, 0)
    rows = _rows(
        store, """SELECT c.doc_id, c.json FROM claims_fts f JOIN claims c ON c.id = f.claim_id
           WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts) LIMIT ?""", (match, lim))
    return _records(rows)


# -- aggregates -----------------------------------------------------------------------------------

def summary(store: Store | sqlite3.Connection) -> dict[str, Any]:
    """Counts of rows, events by type, claims by stance, transfers by status."""
    def grouped(sql: str) -> dict[str, int]:
        return {str(k): int(n) for k, n in _rows(store, sql)}

    return {
        "counts": {t: int(_rows(store, f"SELECT count(*) FROM {t}")[0][0])  # fixed table names
                   for t in COUNTED_TABLES},
        "events_by_type": grouped("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type"),
        "claims_by_stance": grouped("SELECT stance, count(*) FROM claims GROUP BY stance ORDER BY stance"),
        "transfers_by_status": grouped(
            "SELECT status, count(*) FROM transfers GROUP BY status ORDER BY count(*) DESC, status"),
    }


def load_extraction(store: Store | sqlite3.Connection, doc_id: str) -> Extraction | None:
    """Rebuild a document's :class:`Extraction` from the stored JSON; None when unknown."""
    docs = _rows(store, "SELECT id, title, published, url, warnings FROM documents WHERE id = ?", (doc_id,))
    if not docs:
        return None
    doc = docs[0]

    def jsons(sql: str) -> list[dict]:
        return [json.loads(r[0]) for r in _rows(store, sql, (doc_id,))]

    return Extraction(
        id=doc["id"],
        title=doc["title"],
        published=doc["published"],
        url=doc["url"],
        events=[event_from_dict(d) for d in jsons("SELECT json FROM events WHERE doc_id = ? ORDER BY rowid")],
        claims=[claim_from_dict(d) for d in jsons("SELECT json FROM claims WHERE doc_id = ? ORDER BY rowid")],
        attitudes=[claim_from_dict(d) for d in jsons("SELECT json FROM attitudes WHERE doc_id = ? ORDER BY rowid")],
        transfers=[transfer_from_dict(d)
                   for d in jsons("SELECT json FROM transfers WHERE doc_id = ? ORDER BY rowid")],
        actors=[actor_from_dict(d) for d in jsons("SELECT json FROM doc_actors WHERE doc_id = ? ORDER BY rowid")],
        places=[place_from_dict(d) for d in jsons("SELECT json FROM places WHERE doc_id = ? ORDER BY id")],
        sentences=[Sentence(index=r["idx"], start=r["start"], end=r["end"], text=r["text"])
                   for r in _rows(store, 'SELECT idx, start, "end", text FROM sentences WHERE doc_id = ? '
                                         "ORDER BY idx", (doc_id,))],
        warnings=json.loads(doc["warnings"] or "[]"),
    )
