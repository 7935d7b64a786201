"""The SQLite store: documents and their extractions, queryable with any SQLite tool.

Design:

* Standard library ``sqlite3`` only. The database runs in WAL journal mode (readers do not block
  the writer), with ``foreign_keys=ON`` and a busy timeout so that a second process waits for a
  lock instead of failing at once.
* The schema version is ``PRAGMA user_version``. :data:`MIGRATIONS` is an ordered list of SQL
  scripts (files next to this module); opening a store applies the ones it has not seen yet,
  each in its own transaction. A database written by a newer sitrep is refused with
  :class:`StoreVersionError` rather than silently misread. To change the schema, add a file (e.g.
  ``migration_002_xyz.sql``; ``store/*.sql`` is packaged) and append it to :data:`MIGRATIONS`.
* :meth:`Store.add` writes a document and its whole extraction in one transaction: either all
  of it is stored or none of it.
* Idempotent ingest: a document whose content hash is already stored is skipped
  (``add`` returns False). A document with a stored id but *different* content is a new version
  of that article: the old version and everything extracted from it are deleted and the new one
  stored (``add`` returns True).
"""
from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from sitrep.model import Actor, Document, Evidence, Extraction, Place, to_dict

__all__ = ["Store", "StoreError", "StoreVersionError", "MIGRATIONS", "SCHEMA_VERSION"]

#: Ordered migrations: (version, file name in this package). Version n brings the schema to n.
MIGRATIONS: list[tuple[int, str]] = [
    (1, "schema.sql"),
    (2, "migration_002_attitudes.sql"),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

COUNTED_TABLES = ("documents", "sentences", "actors", "events", "claims", "attitudes", "transfers", "places",
                  "evidence")


class StoreError(Exception):
    """The store cannot be opened or used."""


class StoreVersionError(StoreError):
    """The database file was written by a newer version of sitrep."""


def _split_sql(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies with ';' stay whole)."""
    statements: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def _load_migration(name: str) -> str:
    return resources.files("sitrep.store").joinpath(name).read_text(encoding="utf-8")


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _b(value: Any) -> int:
    return 1 if value else 0


class Store:
    """A sitrep database. Use as a context manager, or call :meth:`close`.

    ``path`` may be ``":memory:"`` for a throwaway store (no WAL there). ``conn`` is the open
    :class:`sqlite3.Connection` (rows are :class:`sqlite3.Row`); it runs in autocommit mode and
    the store opens its own transactions.
    """

    def __init__(self, path: str | Path = "sitrep.db", *, timeout: float = 30.0,
                 check_same_thread: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not self.path.startswith("file:"):
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"cannot create database {self.path}: directory {parent} does not exist")
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                        check_same_thread=check_same_thread)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self._in_tx = False
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_version(self.user_version)  # before touching anything
            self._enable_wal(timeout)
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        except BaseException:
            self.conn.close()
            raise

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0])

    def _enable_wal(self, timeout: float) -> None:
        """Switch to write-ahead logging, waiting out other processes doing the same.

        SQLite answers "database is locked" at once, without calling the busy handler, when two
        processes switch a new database's journal mode together; so this retries until
        ``timeout``. A database already in WAL mode is left as it is.
        """
        if self.path == ":memory:" or self.journal_mode == "wal":
            return
        deadline = time.monotonic() + timeout
        delay = 0.01
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.25)

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"database {self.path} has schema version {version}, but this sitrep only knows "
                f"versions up to {SCHEMA_VERSION}: upgrade sitrep to use it")

    def _migrate(self) -> None:
        for version, name in MIGRATIONS:
            if self.user_version >= version:
                continue
            statements = _split_sql(_load_migration(name))
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                current = self.user_version  # another process may have migrated meanwhile
                self._check_version(current)
                if current < version:
                    for stmt in statements:
                        self.conn.execute(stmt)
                    self.conn.execute(f"PRAGMA user_version = {int(version)}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    # -- transactions --------------------------------------------------------------------------
    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True

    def _commit(self) -> None:
        self.conn.execute("COMMIT")
        self._in_tx = False

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._in_tx = False

    # -- writing -------------------------------------------------------------------------------
    def add(self, document: Document, extraction: Extraction) -> bool:
        """Store a document and its extraction in one transaction.

        Returns False, writing nothing, when a document with the same content hash is stored
        already. When the id is stored with a different hash, the old version is replaced.
        """
        if self._in_tx:
            return self._add_one(document, extraction)
        self._begin()
        try:
            added = self._add_one(document, extraction)
            self._commit()
            return added
        except BaseException:
            self._rollback()
            raise

    def add_many(self, pairs: Iterable[tuple[Document, Extraction]], batch_size: int = 50
                 ) -> tuple[int, int]:
        """Store many documents, committing every ``batch_size``; returns (added, skipped).

        Each document is still all-or-nothing. If one fails, the documents of the batch stored
        before it are committed and the error is raised.
        """
        added = skipped = 0
        in_batch = 0
        try:
            for document, extraction in pairs:
                if not self._in_tx:
                    self._begin()
                if self._add_one(document, extraction):
                    added += 1
                else:
                    skipped += 1
                in_batch += 1
                if in_batch >= max(1, batch_size):
                    self._commit()
                    in_batch = 0
            if self._in_tx:
                self._commit()
        except BaseException:
            if self._in_tx:
                self._commit()  # keep the documents completed before the failure
            raise
        return added, skipped

    def _add_one(self, document: Document, extraction: Extraction) -> bool:
        """Insert within the open transaction, under a savepoint (all of a document or none)."""
        c = self.conn
        if self.has_hash(document.hash):
            return False
        c.execute("SAVEPOINT add_document")
        try:
            old = c.execute("SELECT 1 FROM documents WHERE id = ?", (document.id,)).fetchone()
            if old:
                self._delete(document.id)
            self._insert(document, extraction)
            c.execute("RELEASE add_document")
        except BaseException:
            c.execute("ROLLBACK TO add_document")
            c.execute("RELEASE add_document")
            raise
        return True

    def delete_document(self, doc_id: str) -> bool:
        """Delete a document and everything extracted from it; prune actors no longer used."""
        if self._in_tx:
            return self._delete(doc_id)
        self._begin()
        try:
            deleted = self._delete(doc_id)
            self._commit()
            return deleted
        except BaseException:
            self._rollback()
            raise

    def _delete(self, doc_id: str) -> bool:
        cur = self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        if cur.rowcount:
            self._prune_actors()
        return cur.rowcount > 0

    def _prune_actors(self) -> None:
        self.conn.execute("""
            DELETE FROM actors WHERE
                id NOT IN (SELECT actor_id FROM doc_actors)
                AND id NOT IN (SELECT actor_id FROM actor_mentions)
                AND id NOT IN (SELECT source_actor_id FROM events WHERE source_actor_id IS NOT NULL)
                AND id NOT IN (SELECT target_actor_id FROM events WHERE target_actor_id IS NOT NULL)
                AND id NOT IN (SELECT speaker_actor_id FROM claims WHERE speaker_actor_id IS NOT NULL)
                AND id NOT IN (SELECT speaker_actor_id FROM attitudes WHERE speaker_actor_id IS NOT NULL)
                AND id NOT IN (SELECT supplier_actor_id FROM transfers WHERE supplier_actor_id IS NOT NULL)
                AND id NOT IN (SELECT recipient_actor_id FROM transfers WHERE recipient_actor_id IS NOT NULL)
        """)

    def _actor_id(self, actor: Actor | None) -> int | None:
        """Get-or-create the shared actor row for (name, country, sector, kind)."""
        if actor is None or not actor.name:
            return None
        c = self.conn
        key = (actor.name, actor.country, actor.sector, actor.kind or "organisation")
        row = c.execute(
            "SELECT id, role FROM actors WHERE name = ? AND country IS ? AND sector IS ? AND kind = ?",
            key).fetchone()
        if row:
            if row["role"] is None and actor.role:
                c.execute("UPDATE actors SET role = ? WHERE id = ?", (actor.role, row["id"]))
            return int(row["id"])
        cur = c.execute("INSERT INTO actors (name, country, sector, role, kind) VALUES (?, ?, ?, ?, ?)",
                        (key[0], key[1], key[2], actor.role, key[3]))
        return int(cur.lastrowid)

    def _evidence(self, doc_id: str, ev: Evidence, kind: str, record_id: str) -> int:
        cur = self.conn.execute(
            'INSERT INTO evidence (doc_id, sentence, start, "end", text, record_kind, record_id) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, ev.sentence, ev.start, ev.end, ev.text, kind, str(record_id)))
        return int(cur.lastrowid)

    def _insert(self, document: Document, extraction: Extraction) -> None:
        c = self.conn
        doc_id = document.id
        c.execute(
            "INSERT INTO documents (id, url, title, published, source, hash, text, ingested_at, warnings) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, document.url, document.title, document.published, document.source,
             document.hash, document.text, _now(), json.dumps(list(extraction.warnings), ensure_ascii=False)))
        c.executemany(
            'INSERT INTO sentences (doc_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(doc_id, s.index, s.start, s.end, s.text) for s in extraction.sentences])

        # actors of the document, with their mentions
        for actor in extraction.actors:
            actor_id = self._actor_id(actor)
            if actor_id is None:
                continue
            c.execute("INSERT OR IGNORE INTO doc_actors (doc_id, actor_id, local_id, json) VALUES (?, ?, ?, ?)",
                      (doc_id, actor_id, actor.id or "", _json(actor)))
            for ev in actor.mentions:
                ev_id = self._evidence(doc_id, ev, "actor", str(actor_id))
                c.execute("INSERT INTO actor_mentions (actor_id, doc_id, evidence_id) VALUES (?, ?, ?)",
                          (actor_id, doc_id, ev_id))

        # places; events refer to them by id, or by name when the extractor gave no id
        place_ids: dict[str, int] = {}

        def place_row(place: Place | None) -> int | None:
            if place is None:
                return None
            key = place.id or f"name:{place.name}|{place.country}|{place.feature}"
            if key in place_ids:
                return place_ids[key]
            cur = c.execute(
                "INSERT INTO places (doc_id, name, country, lat, lon, feature, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc_id, place.name, place.country, place.lat, place.lon, place.feature, _json(place)))
            pid = int(cur.lastrowid)
            first = None
            for ev in place.evidence:
                ev_id = self._evidence(doc_id, ev, "place", str(pid))
                first = first if first is not None else ev_id
            if first is not None:
                c.execute("UPDATE places SET evidence_id = ? WHERE id = ?", (first, pid))
            place_ids[key] = pid
            return pid

        for place in extraction.places:
            place_row(place)

        event_ids: list[str] = []
        for n, event in enumerate(extraction.events, start=1):
            data = to_dict(event)
            eid = event.id or f"{doc_id}:e{n}"
            data["id"] = eid
            date = event.date
            c.execute(
                "INSERT INTO events (id, doc_id, type, mode, quad, cameo, source_actor_id, target_actor_id, "
                "date, date_granularity, date_source, place_id, negated, modality, trigger, uncertain, json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (eid, doc_id, event.type, event.mode, event.quad, event.cameo,
                 self._actor_id(event.source), self._actor_id(event.target),
                 date.value if date else None, date.granularity if date else None,
                 date.source if date else None, place_row(event.place), _b(event.negated),
                 event.modality, event.trigger, _b(event.uncertain), _dumps(data)))
            for ev in event.evidence:
                self._evidence(doc_id, ev, "event", eid)
            event_ids.append(eid)

        claim_ids: list[str] = []
        for n, claim in enumerate(extraction.claims, start=1):
            data = to_dict(claim)
            cid = claim.id or f"{doc_id}:c{n}"
            data["id"] = cid
            c.execute(
                "INSERT INTO claims (id, doc_id, speaker_actor_id, stance, cue, act, hedged, factuality, "
                "source_type, quote_type, content, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, doc_id, self._actor_id(claim.speaker), claim.stance, claim.cue, claim.act,
                 _b(claim.hedged), claim.factuality, claim.source_type, claim.quote_type,
                 claim.content or "", _dumps(data)))
            for ev in claim.evidence:
                self._evidence(doc_id, ev, "claim", cid)
            claim_ids.append(cid)

        for n, attitude in enumerate(extraction.attitudes, start=1):
            data = to_dict(attitude)
            aid = attitude.id or f"{doc_id}:att{n}"
            data["id"] = aid
            c.execute(
                "INSERT INTO attitudes (id, doc_id, speaker_actor_id, cue, act, hedged, source_type, content, json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, doc_id, self._actor_id(attitude.speaker), attitude.cue, attitude.act, _b(attitude.hedged),
                 attitude.source_type, attitude.content or "", _dumps(data)))
            for ev in attitude.evidence:
                self._evidence(doc_id, ev, "claim", aid)  # see migration_002_attitudes.sql

        transfer_ids: list[str] = []
        for n, transfer in enumerate(extraction.transfers, start=1):
            data = to_dict(transfer)
            tid = transfer.id or f"{doc_id}:t{n}"
            data["id"] = tid
            c.execute(
                "INSERT INTO transfers (id, doc_id, supplier_actor_id, recipient_actor_id, system, category, "
                "quantity, quantity_text, status, value, year, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (tid, doc_id, self._actor_id(transfer.supplier), self._actor_id(transfer.recipient),
                 transfer.system or "", transfer.category, transfer.quantity, transfer.quantity_text,
                 transfer.status or "unknown", transfer.value, transfer.year, _dumps(data)))
            for ev in transfer.evidence:
                self._evidence(doc_id, ev, "transfer", tid)
            transfer_ids.append(tid)

        # links: from either side (event.reported_by, claim.events), only within this document
        known_claims = set(claim_ids)
        known_events = set(event_ids)
        links = set()
        for event, eid in zip(extraction.events, event_ids):
            links.update((eid, cid) for cid in event.reported_by if cid in known_claims)
        for claim, cid in zip(extraction.claims, claim_ids):
            links.update((eid, cid) for eid in claim.events if eid in known_events)
        c.executemany("INSERT OR IGNORE INTO event_claims (event_id, claim_id) VALUES (?, ?)", sorted(links))
        c.executemany(
            "INSERT OR IGNORE INTO transfer_claims (transfer_id, claim_id) VALUES (?, ?)",
            sorted({(tid, cid) for t, tid in zip(extraction.transfers, transfer_ids)
                    for cid in t.reported_by if cid in known_claims}))

    # -- reading -------------------------------------------------------------------------------
    def has_hash(self, h: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE hash = ?", (h,)).fetchone() is not None

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608 (fixed names)
                for t in COUNTED_TABLES}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _json(record: Any) -> str:
    return _dumps(to_dict(record))
