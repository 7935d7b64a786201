"""What the API and the web pages show: plain dicts computed from the store and :mod:`sitrep.link`.

Both the JSON routes (``/api/...``) and the HTML pages call these functions, so a page and its
JSON twin always hold the same data. Record queries go through :mod:`sitrep.store.queries`
(filters run in SQL there); the few filters and the sorting the library does not offer run here
in Python over the filtered rows (at most :data:`sitrep.store.queries.MAX_LIMIT` of them), and
only then is the page cut, so ``total`` and the order are right for every page.

Cross-article results (contradictions, relation graph, timeline) need every extraction; they are
computed once per state of the database (:func:`sitrep.api.queries_extra.fingerprint`) and cached.
``sitrep.link`` is imported lazily: when a function is missing the result is empty with a ``note``.
"""
from __future__ import annotations

import dataclasses
import importlib
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sitrep.store import queries as q
from sitrep.store.db import Store

from . import queries_extra as qx

MAX_PAGE = 500
FETCH_ALL = q.MAX_LIMIT
CACHE_SIZE = 64  # cross-article results kept per database state


class NotFound(Exception):
    """An unknown id (documents)."""


# -- small helpers --------------------------------------------------------------------------------

def date_in_range(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    """``value`` (YYYY[-MM[-DD]]) inside [from, to], compared at the precision both sides have;
    without a value only an open range matches."""
    if not date_from and not date_to:
        return True
    if not value:
        return False
    for bound, sign in ((date_from, 1), (date_to, -1)):
        if bound:
            n = min(len(value), len(bound))
            if sign * ((value[:n] > bound[:n]) - (value[:n] < bound[:n])) < 0:
                return False
    return True


def sort_rows(rows: list[dict], sort: str | None, keys: dict[str, Callable[[dict], Any]]) -> list[dict]:
    """Sort by ``keys[name]`` (``-name``: descending); rows without a value go last either way."""
    if not sort:
        return rows
    desc = sort.startswith("-")
    key = keys[sort.lstrip("-")]
    present = [r for r in rows if key(r) not in (None, "")]
    missing = [r for r in rows if key(r) in (None, "")]

    def k(r: dict) -> Any:
        v = key(r)
        return v.casefold() if isinstance(v, str) else v

    return sorted(present, key=k, reverse=desc) + missing


def page(rows: list[dict], limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {"total": len(rows), "limit": limit, "offset": offset,
            "items": rows[offset:offset + limit], **extra}


def actor_matches(actor: dict | None, value: str | None) -> bool:
    """An actor dict matches a user's text by name substring or by ISO3 country code."""
    if not value:
        return True
    if not actor:
        return False
    v = value.strip()
    return (bool(actor.get("country")) and actor["country"].upper() == v.upper()) or \
        v.casefold() in (actor.get("name") or "").casefold()


def actor_text(actor: dict | None) -> str:
    if not actor:
        return ""
    name = actor.get("name") or ""
    country = actor.get("country")
    if country and name.upper() != country:
        return f"{name} ({country})"
    return name or country or ""


def _first_date(rec: dict) -> str | None:
    d = rec.get("date") or {}
    return d.get("value") or rec.get("published")


def _link(name: str) -> Any:
    """``sitrep.link.<name>`` or None when that part of the linker is not there (yet)."""
    try:
        mod = importlib.import_module("sitrep.link")
    except ImportError:
        return None
    return getattr(mod, name, None)


def _missing(what: str, **extra: Any) -> dict[str, Any]:
    return {"total": 0, "items": [], "note": f"{what} is not available in this build of sitrep (sitrep.link)",
            **extra}


# -- the service ----------------------------------------------------------------------------------

class Service:
    """Opens the store per request and caches cross-article results per database state."""

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = str(db_path)
        self._lock = threading.RLock()
        self._cache: dict[tuple, Any] = {}
        self._cache_state: tuple | None = None

    @contextmanager
    def store(self) -> Iterator[Store]:
        s = Store(self.db_path, check_same_thread=False)
        try:
            yield s
        finally:
            s.close()

    # -- cache ---------------------------------------------------------------------------------
    def _cached(self, store: Store, key: tuple, compute: Callable[[], Any]) -> Any:
        state = qx.fingerprint(store)
        with self._lock:
            if state != self._cache_state:
                self._cache.clear()
                self._cache_state = state
            if key not in self._cache:
                value = compute()
                while len(self._cache) >= CACHE_SIZE:  # drop the oldest filtered variant
                    self._cache.pop(next(iter(self._cache)))
                self._cache[key] = value
            return self._cache[key]

    def _extractions(self, store: Store) -> tuple[list, dict[str, str]]:
        def compute():
            load = _link("load_all_with_texts")
            if load is not None:
                return load(store)
            load_all = _link("load_all")
            if load_all is not None:
                return load_all(store), {}
            out = []
            offset = 0
            while True:
                docs = q.list_documents(store, limit=FETCH_ALL, offset=offset)
                out.extend(x for x in (q.load_extraction(store, d["id"]) for d in docs) if x is not None)
                if len(docs) < FETCH_ALL:
                    break
                offset += len(docs)
            return out, {}

        return self._cached(store, ("extractions",), compute)

    def _duplicate_groups(self, store: Store) -> list[list[str]] | None:
        def compute():
            try:
                from sitrep.link.duplicates import duplicate_groups_for
            except ImportError:
                return None
            extractions, texts = self._extractions(store)
            return duplicate_groups_for(extractions, texts=texts or None)

        return self._cached(store, ("duplicates",), compute)

    def _docs_meta(self, store: Store) -> dict[str, dict]:
        return self._cached(store, ("docmeta",), lambda: qx.document_published(store))

    def _enrich(self, store: Store, rows: list[dict]) -> list[dict]:
        meta = self._docs_meta(store)
        for r in rows:
            m = meta.get(r.get("doc_id")) or {}
            r.setdefault("published", m.get("published"))
            r.setdefault("doc_title", m.get("title"))
        return rows

    # -- overview ------------------------------------------------------------------------------
    def summary(self, store: Store) -> dict[str, Any]:
        return q.summary(store)

    # -- documents -----------------------------------------------------------------------------
    DOCUMENT_SORTS = {
        "published": lambda r: r.get("published"), "title": lambda r: r.get("title"),
        "id": lambda r: r.get("id"), "events": lambda r: r.get("events"),
        "claims": lambda r: r.get("claims"), "transfers": lambda r: r.get("transfers"),
        "ingested": lambda r: r.get("ingested_at"),
    }

    def documents(self, store: Store, *, date_from: str | None = None, date_to: str | None = None,
                  title: str | None = None, sort: str | None = None, limit: int = 50, offset: int = 0
                  ) -> dict[str, Any]:
        rows = q.list_documents(store, limit=FETCH_ALL)
        rows = [r for r in rows if date_in_range(r.get("published"), date_from, date_to)]
        if title:
            rows = [r for r in rows if title.casefold() in (r.get("title") or "").casefold()]
        return page(sort_rows(rows, sort, self.DOCUMENT_SORTS), limit, offset)

    def document(self, store: Store, doc_id: str) -> dict[str, Any]:
        doc = q.get_document(store, doc_id)
        if doc is None:
            raise NotFound(f"unknown document: {doc_id}")
        ex = q.load_extraction(store, doc_id)
        from sitrep.model import to_dict

        out = dict(doc)
        for kind in ("events", "claims", "attitudes", "transfers", "actors", "places"):
            out[kind] = to_dict(getattr(ex, kind)) if ex is not None else []
        # record ids as the store gave them ("<doc>:e1" when the extractor had none)
        for kind, letter in (("events", "e"), ("claims", "c"), ("attitudes", "att"), ("transfers", "t")):
            for n, rec in enumerate(out[kind], start=1):
                if not rec.get("id"):
                    rec["id"] = f"{doc_id}:{letter}{n}"
        return out

    # -- records -------------------------------------------------------------------------------
    EVENT_SORTS = {
        "date": _first_date, "type": lambda r: r.get("type"), "doc_id": lambda r: r.get("doc_id"),
        "published": lambda r: r.get("published"), "source": lambda r: actor_text(r.get("source")),
        "target": lambda r: actor_text(r.get("target")),
    }

    def events(self, store: Store, *, actor: str | None = None, country: str | None = None,
               type: str | None = None, quad: str | None = None, negated: bool | None = None,
               doc_id: str | None = None, date_from: str | None = None, date_to: str | None = None,
               sort: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        rows = q.list_events(store, actor=actor, country=country, type=type, date_from=date_from,
                             date_to=date_to, doc_id=doc_id, limit=FETCH_ALL)
        if quad:
            rows = [r for r in rows if (r.get("quad") or "") == quad]
        if negated is not None:
            rows = [r for r in rows if bool(r.get("negated")) == negated]
        rows = self._enrich(store, rows)
        return page(sort_rows(rows, sort, self.EVENT_SORTS), limit, offset)

    CLAIM_SORTS = {
        "published": lambda r: r.get("published"), "speaker": lambda r: actor_text(r.get("speaker")),
        "stance": lambda r: r.get("stance"), "doc_id": lambda r: r.get("doc_id"),
        "factuality": lambda r: r.get("factuality"),
    }

    def claims(self, store: Store, *, actor: str | None = None, country: str | None = None,
               stance: str | None = None, cue: str | None = None, hedged: bool | None = None,
               text: str | None = None, doc_id: str | None = None, date_from: str | None = None,
               date_to: str | None = None, sort: str | None = None, limit: int = 50, offset: int = 0
               ) -> dict[str, Any]:
        rows = q.list_claims(store, speaker=actor, country=country, stance=stance, cue=cue, doc_id=doc_id,
                             limit=FETCH_ALL)
        if text:
            hits = {c.get("id") for c in q.search_claims(store, text, limit=FETCH_ALL)}
            rows = [r for r in rows if r.get("id") in hits]
        if hedged is not None:
            rows = [r for r in rows if bool(r.get("hedged")) == hedged]
        rows = self._enrich(store, rows)
        rows = [r for r in rows if date_in_range(r.get("published"), date_from, date_to)]
        return page(sort_rows(rows, sort, self.CLAIM_SORTS), limit, offset)

    def attitudes(self, store: Store, *, actor: str | None = None, country: str | None = None,
                  cue: str | None = None, doc_id: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        rows = q.list_attitudes(store, speaker=actor, country=country, cue=cue, doc_id=doc_id, limit=FETCH_ALL)
        rows = self._enrich(store, rows)
        rows = [r for r in rows if date_in_range(r.get("published"), date_from, date_to)]
        return page(rows, limit, offset)

    TRANSFER_SORTS = {
        "year": lambda r: r.get("year") or None, "published": lambda r: r.get("published"),
        "system": lambda r: r.get("system"), "status": lambda r: r.get("status"),
        "quantity": lambda r: r.get("quantity"), "supplier": lambda r: actor_text(r.get("supplier")),
        "recipient": lambda r: actor_text(r.get("recipient")), "doc_id": lambda r: r.get("doc_id"),
    }

    def transfers(self, store: Store, *, actor: str | None = None, supplier: str | None = None,
                  recipient: str | None = None, country: str | None = None, status: str | None = None,
                  system: str | None = None, doc_id: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, sort: str | None = None, limit: int = 50, offset: int = 0
                  ) -> dict[str, Any]:
        rows = q.list_transfers(store, supplier=supplier, recipient=recipient, status=status, system=system,
                                doc_id=doc_id, limit=FETCH_ALL)
        if actor:
            rows = [r for r in rows if actor_matches(r.get("supplier"), actor) or actor_matches(r.get("recipient"), actor)]
        if country:
            c = country.strip().upper()
            rows = [r for r in rows if ((r.get("supplier") or {}).get("country") or "").upper() == c
                    or ((r.get("recipient") or {}).get("country") or "").upper() == c]
        rows = self._enrich(store, rows)
        rows = [r for r in rows
                if date_in_range(str(r["year"]) if r.get("year") else r.get("published"), date_from, date_to)]
        return page(sort_rows(rows, sort, self.TRANSFER_SORTS), limit, offset)

    ACTOR_SORTS = {
        "mentions": lambda r: r.get("mentions"), "documents": lambda r: r.get("documents"),
        "name": lambda r: r.get("name"), "country": lambda r: r.get("country"),
        "kind": lambda r: r.get("kind"),
    }

    def actors(self, store: Store, *, name: str | None = None, country: str | None = None,
               kind: str | None = None, sector: str | None = None, sort: str | None = None,
               limit: int = 50, offset: int = 0) -> dict[str, Any]:
        rows = q.list_actors(store, country=country, name=name, kind=kind, sector=sector, limit=FETCH_ALL)
        return page(sort_rows(rows, sort, self.ACTOR_SORTS), limit, offset)

    # -- places --------------------------------------------------------------------------------
    PLACE_SORTS = {
        "mentions": lambda r: r.get("mentions"), "documents": lambda r: len(r.get("documents") or []),
        "name": lambda r: r.get("name"), "country": lambda r: r.get("country"),
        "events": lambda r: r.get("events"),
    }

    def places(self, store: Store, *, name: str | None = None, country: str | None = None,
               feature: str | None = None, doc_id: str | None = None, located: bool = False,
               sort: str | None = "-mentions", limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Places merged across documents (same name, country, coordinates and feature)."""
        rows = qx.list_places(store, name=name, country=country, feature=feature, doc_id=doc_id,
                              located=located, limit=FETCH_ALL)
        merged: dict[tuple, dict] = {}
        for r in rows:
            key = (r["name"], r["country"], r["lat"], r["lon"], r["feature"])
            m = merged.get(key)
            if m is None:
                m = merged[key] = {"name": r["name"], "country": r["country"], "lat": r["lat"], "lon": r["lon"],
                                   "feature": r["feature"], "mentions": 0, "events": 0, "documents": [],
                                   "evidence": []}
            m["mentions"] += max(1, len(r["evidence"]))
            m["events"] += int(r["events"] or 0)
            if all(d["id"] != r["doc_id"] for d in m["documents"]):
                m["documents"].append({"id": r["doc_id"], "title": r["doc_title"], "published": r["published"]})
            for ev in r["evidence"][:3]:
                if len(m["evidence"]) < 5:
                    m["evidence"].append(ev)
        out = list(merged.values())
        for m in out:
            m["id"] = f"{m['name']}|{m['country'] or ''}"
        out = sort_rows(sort_rows(out, "name", self.PLACE_SORTS), sort, self.PLACE_SORTS)
        return page(out, limit, offset, countries=self._country_table(out))

    @staticmethod
    def _country_table(places: list[dict]) -> list[dict]:
        """Per country code: places, mentions, documents, and its ISO numeric code (the map's key)."""
        table: dict[str, dict] = {}
        for p in places:
            c = (p.get("country") or "").upper()
            if not c:
                continue
            t = table.setdefault(c, {"country": c, "numeric": None, "name": c, "places": 0, "mentions": 0,
                                     "documents": set()})
            t["places"] += 1
            t["mentions"] += p["mentions"]
            t["documents"].update(d["id"] for d in p["documents"])
        try:
            import pycountry
        except ImportError:  # pragma: no cover
            pycountry = None
        for c, t in table.items():
            t["documents"] = len(t["documents"])
            if pycountry is not None:
                rec = pycountry.countries.get(alpha_3=c)
                if rec is not None:
                    t["numeric"] = rec.numeric
                    t["name"] = getattr(rec, "common_name", None) or rec.name
        return sorted(table.values(), key=lambda t: (-t["mentions"], t["country"]))

    # -- search --------------------------------------------------------------------------------
    def search(self, store: Store, query: str, *, kind: str = "all", limit: int = 20) -> dict[str, Any]:
        out: dict[str, Any] = {"query": query, "documents": [], "claims": [], "actors": []}
        if q.fts_query(query) is None:
            out["note"] = "the query has no searchable words"
            return out
        if kind in ("all", "documents"):
            docs = q.search(store, query, limit=limit)
            for d in docs:
                d["snippet_parts"] = snippet_parts(d.get("snippet") or "")
            out["documents"] = docs
        if kind in ("all", "claims"):
            out["claims"] = self._enrich(store, q.search_claims(store, query, limit=limit))
        if kind in ("all", "actors"):
            out["actors"] = q.list_actors(store, name=query.strip().rstrip("*"), limit=limit)
        return out

    # -- contradictions ------------------------------------------------------------------------
    CONTRA_SORTS = {
        "sources": lambda c: (c.get("assert_sources") or 0) + (c.get("deny_sources") or 0),
        "claims": lambda c: (c.get("assert_count") or 0) + (c.get("deny_count") or 0),
        "date": lambda c: c.get("last_reported") or c.get("first_reported"),
        "score": lambda c: c.get("score"),
    }

    def contradictions(self, store: Store, *, actor: str | None = None, country: str | None = None,
                       doc_id: str | None = None, kind: str | None = None, different_country: bool = False,
                       sort: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        find = _link("find_contradictions")
        if find is None:
            return _missing("find_contradictions", limit=limit, offset=offset)

        def compute():
            extractions, _ = self._extractions(store)
            groups = self._duplicate_groups(store)
            kwargs = {"require_different_country": different_country}
            if groups is not None:
                kwargs["duplicate_groups"] = groups
            try:
                found = find(extractions, **kwargs)
            except TypeError:  # an older signature
                found = find(extractions)
            return [c.to_dict() if hasattr(c, "to_dict") else dict(c) for c in found]

        rows = [dict(c) for c in self._cached(store, ("contradictions", different_country), compute)]
        meta = self._docs_meta(store)
        out = []
        for c in rows:
            claims = [dict(x, doc_title=(meta.get(x.get("doc_id")) or {}).get("title")) for x in c.get("claims") or []]
            if actor and not any(actor_matches(x.get("speaker"), actor) for x in claims):
                continue
            if country and country.strip().upper() not in [k.upper() for k in c.get("countries") or []]:
                continue
            if doc_id and doc_id not in (c.get("documents") or []):
                continue
            if kind and c.get("kind") != kind:
                continue
            c["claims"] = claims
            c["asserting"] = [x for x in claims if (x.get("polarity") or x.get("stance")) == "assert"]
            c["denying"] = [x for x in claims if (x.get("polarity") or x.get("stance")) != "assert"]
            out.append(c)
        return page(sort_rows(out, sort, self.CONTRA_SORTS), limit, offset)

    # -- graph ---------------------------------------------------------------------------------
    def graph(self, store: Store, *, actor: str | None = None, date_from: str | None = None,
              date_to: str | None = None, include_negated: bool = False, min_count: int = 1,
              max_nodes: int = 150) -> dict[str, Any]:
        build = _link("build_graph")
        if build is None:
            return {"nodes": [], "edges": [], "note": "build_graph is not available in this build of sitrep"}

        def compute():
            extractions, _ = self._extractions(store)
            if date_from or date_to:
                extractions = [_clip_dates(ex, date_from, date_to) for ex in extractions]
            groups = self._duplicate_groups(store)
            kwargs: dict[str, Any] = {"include_negated": include_negated}
            if groups is not None:
                kwargs["duplicate_groups"] = groups
            try:
                g = build(extractions, **kwargs)
            except TypeError:
                g = build(extractions)
            return graph_to_json(g)

        full = self._cached(store, ("graph", date_from, date_to, include_negated), compute)
        return filter_graph(full, actor=actor, min_count=min_count, max_nodes=max_nodes)

    # -- timeline ------------------------------------------------------------------------------
    TIMELINE_SORTS = {"date": lambda e: e.get("date"), "type": lambda e: e.get("type"),
                      "doc_id": lambda e: e.get("doc_id")}

    def timeline(self, store: Store, *, actor: str | None = None, actor2: str | None = None,
                 type: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 merged: bool = False, include_negated: bool = True, sort: str | None = None,
                 limit: int = 100, offset: int = 0) -> dict[str, Any]:
        def compute():
            extractions, _ = self._extractions(store)
            if actor:
                fn = _link("timeline")
                if fn is None:
                    return None
                entries = fn(extractions, actor, actor2, merged=merged, include_negated=include_negated)
                return [e.to_dict() if hasattr(e, "to_dict") else dict(e) for e in entries]
            return all_events_timeline(extractions, merged=merged, include_negated=include_negated)

        entries = self._cached(store, ("timeline", actor, actor2, merged, include_negated), compute)
        if entries is None:
            return _missing("timeline", limit=limit, offset=offset, by_month={})
        rows = [e for e in entries
                if (not type or e.get("type") == type.upper()) and date_in_range(e.get("date"), date_from, date_to)]
        by_month: dict[str, int] = {}
        for e in rows:
            m = (e.get("date") or "")[:7] or "unknown"
            by_month[m] = by_month.get(m, 0) + 1
        meta = self._docs_meta(store)
        rows = [dict(e, doc_title=(meta.get(e.get("doc_id")) or {}).get("title")) for e in rows]
        return page(sort_rows(rows, sort, self.TIMELINE_SORTS), limit, offset,
                    by_month=dict(sorted(by_month.items())))


# -- cross-article helpers ------------------------------------------------------------------------

def _clip_dates(ex: Any, date_from: str | None, date_to: str | None) -> Any:
    """A copy of an extraction with only the events (and transfers) dated inside the range
    (an event's own date, else its document's publication date)."""
    def ev_date(e: Any) -> str | None:
        return (e.date.value if e.date else None) or ex.published

    events = [e for e in ex.events if date_in_range(ev_date(e), date_from, date_to)]
    transfers = [t for t in ex.transfers
                 if date_in_range(str(t.year) if t.year else ex.published, date_from, date_to)]
    return dataclasses.replace(ex, events=events, transfers=transfers)


def graph_to_json(g: Any) -> dict[str, Any]:
    """Nodes and edges of a networkx DiGraph as JSON (types as a dict, by_month decoded)."""
    import json as _json

    nodes = []
    for key, attrs in g.nodes(data=True):
        n = {"id": key, **attrs}
        n["degree"] = g.degree(key)
        nodes.append(n)
    edges = []
    for s, t, attrs in g.edges(data=True):
        e = {k: v for k, v in attrs.items() if not k.startswith("n_")}
        e["source"], e["target"] = s, t
        types = {}
        for part in (attrs.get("types") or "").split(";"):
            if ":" in part:
                name, _, n = part.rpartition(":")
                types[name] = int(n)
        e["types"] = types
        try:
            e["by_month"] = _json.loads(attrs.get("by_month") or "{}")
        except ValueError:
            e["by_month"] = {}
        edges.append(e)
    return {"nodes": nodes, "edges": edges}


def filter_graph(full: dict[str, Any], *, actor: str | None, min_count: int, max_nodes: int) -> dict[str, Any]:
    def weight(e: dict) -> int:
        return int(e.get("count") or 0) + int(e.get("transfers") or 0)

    edges = [e for e in full["edges"] if weight(e) >= min_count]
    nodes = {n["id"]: n for n in full["nodes"]}
    if actor:
        a = actor.strip()

        def hit(key: str) -> bool:
            n = nodes.get(key) or {}
            return key.upper() == a.upper() or (n.get("country") or "").upper() == a.upper() \
                or a.casefold() in (n.get("label") or key).casefold()

        edges = [e for e in edges if hit(e["source"]) or hit(e["target"])]
    keep = {e["source"] for e in edges} | {e["target"] for e in edges}
    if not actor and min_count <= 1:
        keep |= {k for k, n in nodes.items() if n.get("degree")}
    strength: dict[str, int] = {k: 0 for k in keep}
    for e in edges:
        strength[e["source"]] += weight(e)
        strength[e["target"]] += weight(e)
    chosen = sorted(keep, key=lambda k: (-strength.get(k, 0), k))[:max_nodes]
    chosen_set = set(chosen)
    out_nodes = [dict(nodes[k], weight=strength.get(k, 0)) for k in chosen if k in nodes]
    out_edges = [e for e in edges if e["source"] in chosen_set and e["target"] in chosen_set]
    return {"nodes": out_nodes, "edges": out_edges, "total_nodes": len(keep), "total_edges": len(edges)}


def all_events_timeline(extractions: Iterable[Any], *, merged: bool = False, include_negated: bool = True
                        ) -> list[dict]:
    """Timeline entries for every event (no actor given), the same shape as ``sitrep.link.timeline``."""
    from sitrep.model import to_dict

    try:
        from sitrep.link.events import actor_key, actor_label
    except ImportError:  # pragma: no cover - the linker ships with sitrep
        def actor_label(a: Any) -> str:
            return actor_text(to_dict(a))

        def actor_key(a: Any) -> str | None:
            return (a.country or a.name) if a else None
    try:
        from sitrep.link.ontology import quad_of
    except ImportError:  # pragma: no cover
        def quad_of(t: str) -> str | None:
            return None

    extractions = list(extractions)
    out: list[dict] = []
    if merged:
        merge = _link("merge_events")
        if merge is not None:
            for m in merge(extractions):
                if m.negated and not include_negated:
                    continue
                out.append({
                    "date": m.date or m.first_reported,
                    "date_source": m.date_source if m.date else ("publication" if m.first_reported else None),
                    "type": m.type, "quad": m.quad, "source": actor_label(m.source), "target": actor_label(m.target),
                    "source_key": m.source_key, "target_key": m.target_key, "negated": m.negated,
                    "modality": m.modalities[0] if m.modalities else None,
                    "doc_id": m.documents[0] if m.documents else "", "published": m.first_reported,
                    "evidence": m.evidence[0].text if m.evidence else "", "event_id": m.id,
                    "documents": list(m.documents), "n_sources": m.n_sources,
                    "sentence": m.evidence[0].sentence if m.evidence else None,
                })
            out.sort(key=lambda e: (e["date"] or "9999", e["published"] or "9999", e["doc_id"], e["event_id"] or ""))
            return out
    for ex in extractions:
        for n, ev in enumerate(ex.events, start=1):
            if ev.negated and not include_negated:
                continue
            d = ev.date
            out.append({
                "date": (d.value if d else None) or ex.published,
                "date_source": (d.source or "text") if d and d.value else ("publication" if ex.published else None),
                "type": ev.type, "quad": ev.quad or quad_of(ev.type),
                "source": actor_label(ev.source), "target": actor_label(ev.target),
                "source_key": actor_key(ev.source), "target_key": actor_key(ev.target),
                "negated": ev.negated, "modality": ev.modality, "doc_id": ex.id, "published": ex.published,
                "evidence": ev.evidence[0].text if ev.evidence else "", "event_id": ev.id or f"{ex.id}:e{n}",
                "documents": [ex.id], "n_sources": 1,
                "sentence": ev.evidence[0].sentence if ev.evidence else None,
            })
    out.sort(key=lambda e: (e["date"] or "9999", e["published"] or "9999", e["doc_id"], e["event_id"] or ""))
    return out


# -- text for the document page -------------------------------------------------------------------

def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """An FTS5 snippet with ``[match]`` markers as parts ``{"text", "match"}`` (rendered escaped)."""
    parts: list[dict[str, Any]] = []
    buf = ""
    inside = False
    for ch in snippet:
        if ch == "[" and not inside:
            if buf:
                parts.append({"text": buf, "match": False})
            buf, inside = "", True
        elif ch == "]" and inside:
            parts.append({"text": buf, "match": True})
            buf, inside = "", False
        else:
            buf += ch
    if buf:
        parts.append({"text": buf, "match": inside})
    return parts


def text_blocks(text: str, sentences: list[dict], spans: Iterable[tuple[int, int]]) -> list[dict[str, Any]]:
    """The document text cut into blocks (one per sentence, and the gaps between sentences), each
    cut further into pieces at every evidence boundary, so that any evidence span is a run of
    whole pieces: ``[{"sentence": idx|None, "pieces": [{"start", "end", "text"}]}]``."""
    n = len(text)
    bounds = {0, n}
    sents = sorted(((int(s["start"]), int(s["end"]), int(s["idx"])) for s in sentences
                    if 0 <= int(s["start"]) < int(s["end"]) <= n), key=lambda x: x[0])
    for a, b, _ in sents:
        bounds.update((a, b))
    for a, b in spans:
        if a is None or b is None:
            continue
        a, b = max(0, min(int(a), n)), max(0, min(int(b), n))
        if a < b:
            bounds.update((a, b))
    cuts = sorted(bounds)
    blocks: list[dict[str, Any]] = []
    si = 0
    for a, b in zip(cuts, cuts[1:]):
        while si < len(sents) and sents[si][1] <= a:
            si += 1
        idx = sents[si][2] if si < len(sents) and sents[si][0] <= a < sents[si][1] else None
        piece = {"start": a, "end": b, "text": text[a:b]}
        if blocks and blocks[-1]["sentence"] == idx:
            blocks[-1]["pieces"].append(piece)
            continue
        blocks.append({"sentence": idx, "pieces": [piece]})
    return blocks
