"""Relations between actors: event counts per pair and period, a cooperation–conflict score, a graph.

Actors are nodes keyed by :func:`sitrep.link.events.actor_key`: a state and its organs (ministries,
armed forces, ministers) collapse onto the country code; other actors keep their name. Events are
first merged across documents (:func:`sitrep.link.events.merge_events`) so that one happening told
by ten outlets counts once; negated events are left out of the counts (they did not happen,
according to the report).

For each directed pair (and, in :func:`relations`, each month) we count events per PLOVER type and
per quad class and give two scores:

* ``score`` = (cooperation − conflict) / total, in [-1, 1];
* ``goldstein`` = mean Goldstein-like weight of the events (:data:`sitrep.link.ontology.WEIGHTS`),
  in [-10, 10].

:func:`build_graph` returns a :class:`networkx.DiGraph` whose node and edge attributes are all
scalars (strings, numbers, booleans), so it can be written to GraphML or GEXF as it is.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from sitrep.link.events import MergedEvent, actor_key, merge_events
from sitrep.link.ontology import PLOVER_TYPES, QUADS, is_conflict, is_cooperation, quad_of, weight_of
from sitrep.model import Actor, Extraction

__all__ = ["Relation", "relations", "build_graph", "node_attributes", "event_period", "country_name"]


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code.upper())
        if c is not None:
            return getattr(c, "common_name", None) or c.name
    except Exception:  # pragma: no cover
        pass
    return code


def node_attributes(actor: Actor) -> dict:
    """Scalar attributes of an actor's node (state organs are shown as their country)."""
    key = actor_key(actor)
    is_state = bool(actor.country) and key == (actor.country or "").upper()
    return {
        "label": (country_name(actor.country) if is_state else actor.name) or key or "?",
        "name": (country_name(actor.country) if is_state else actor.name) or "",
        "country": (actor.country or "").upper(),
        "sector": "GOV" if is_state and actor.kind == "country" else (actor.sector or ""),
        "kind": "state" if is_state else (actor.kind or ""),
    }


def event_period(m: MergedEvent, granularity: str = "month") -> str:
    """The period of a merged event: its date, else its first publication date; ``unknown`` if none."""
    d = m.date or m.first_reported
    if not d:
        return "unknown"
    return d[:7] if granularity == "month" and len(d) >= 7 else d[:4] if granularity == "year" else d


@dataclass
class Relation:
    """Events between one (directed) pair of actors in one period."""

    source: str
    target: str
    period: str
    types: Counter = field(default_factory=Counter)
    quads: Counter = field(default_factory=Counter)
    total: int = 0
    cooperation: int = 0
    conflict: int = 0
    weight_sum: float = 0.0
    first: str | None = None
    last: str | None = None
    sources: set = field(default_factory=set)
    events: list[str] = field(default_factory=list)

    def add(self, m: MergedEvent) -> None:
        self.types[m.type] += 1
        q = m.quad or quad_of(m.type)
        if q:
            self.quads[q] += 1
        self.total += 1
        self.cooperation += is_cooperation(m.type)
        self.conflict += is_conflict(m.type)
        self.weight_sum += weight_of(m.type)
        d = m.date or m.first_reported
        if d:
            self.first = d if self.first is None or d < self.first else self.first
            self.last = d if self.last is None or d > self.last else self.last
        self.sources.update(m.sources)
        self.events.append(m.id)

    @property
    def score(self) -> float:
        return round((self.cooperation - self.conflict) / self.total, 4) if self.total else 0.0

    @property
    def goldstein(self) -> float:
        return round(self.weight_sum / self.total, 3) if self.total else 0.0

    def to_dict(self) -> dict:
        return {
            "source": self.source, "target": self.target, "period": self.period,
            "types": dict(sorted(self.types.items())), "quads": {q: self.quads.get(q, 0) for q in QUADS},
            "total": self.total, "score": self.score, "goldstein": self.goldstein,
            "first": self.first, "last": self.last, "sources": len(self.sources), "events": list(self.events),
        }


def _merged(extractions: Iterable[Extraction], merged: list[MergedEvent] | None, **kwargs) -> list[MergedEvent]:
    return merged if merged is not None else merge_events(list(extractions), **kwargs)


def relations(extractions: Iterable[Extraction] = (), *, merged: list[MergedEvent] | None = None,
              period: str | None = "month", include_negated: bool = False, **merge_kwargs) -> list[Relation]:
    """Event counts per (source, target, period); ``period=None`` aggregates over all time."""
    table: dict[tuple, Relation] = {}
    for m in _merged(extractions, merged, **merge_kwargs):
        if m.negated and not include_negated:
            continue
        if not m.source_key or not m.target_key:
            continue
        p = event_period(m, period) if period else "all"
        k = (m.source_key, m.target_key, p)
        if k not in table:
            table[k] = Relation(m.source_key, m.target_key, p)
        table[k].add(m)
    return sorted(table.values(), key=lambda r: (r.period, r.source, r.target))


def build_graph(extractions: Iterable[Extraction] = (), *, merged: list[MergedEvent] | None = None,
                include_negated: bool = False, transfers: bool = True, **merge_kwargs):
    """A :class:`networkx.DiGraph` of actors and their relations (all attributes scalar).

    Nodes: ``label``, ``name``, ``country``, ``sector``, ``kind``, ``events_out``, ``events_in``.
    Edges: ``count`` (events), ``n_<TYPE>`` per PLOVER type, one count per quad class, ``score``,
    ``goldstein``, ``first``, ``last``, ``sources`` (independent documents), ``types`` (compact
    "TYPE:n;..." string), ``by_month`` (JSON string of per-month counts) and, when ``transfers``,
    ``transfers`` (arms transfers supplier → recipient) and ``systems``.
    """
    import networkx as nx

    extractions = list(extractions)
    merged_events = _merged(extractions, merged, **merge_kwargs)
    g = nx.DiGraph()
    actors: dict[str, Actor] = {}

    def remember(a: Actor | None) -> str | None:
        k = actor_key(a)
        if k is None or a is None:
            return None
        old = actors.get(k)
        if old is None or (not old.country and a.country) or (not old.sector and a.sector):
            actors[k] = a
        return k

    for ex in extractions:
        for a in ex.actors:
            remember(a)
    for m in merged_events:
        remember(m.source)
        remember(m.target)

    def ensure_node(k: str) -> None:
        if k not in g:
            a = actors.get(k) or Actor(name=k)
            g.add_node(k, **node_attributes(a), events_out=0, events_in=0)

    overall = {(r.source, r.target): r for r in relations(merged=merged_events, period=None, include_negated=include_negated)}
    monthly: dict[tuple, dict] = defaultdict(dict)
    for r in relations(merged=merged_events, period="month", include_negated=include_negated):
        monthly[(r.source, r.target)][r.period] = r.total
    for (s, t), r in overall.items():
        ensure_node(s)
        ensure_node(t)
        attrs = {"count": r.total}
        attrs.update({f"n_{ty}": r.types.get(ty, 0) for ty in PLOVER_TYPES})
        attrs.update({q: r.quads.get(q, 0) for q in QUADS})
        attrs.update({
            "score": r.score, "goldstein": r.goldstein, "first": r.first or "", "last": r.last or "",
            "sources": len(r.sources), "types": ";".join(f"{k}:{v}" for k, v in sorted(r.types.items())),
            "by_month": json.dumps(dict(sorted(monthly[(s, t)].items()))), "transfers": 0, "systems": "",
        })
        g.add_edge(s, t, **attrs)
        g.nodes[s]["events_out"] += r.total
        g.nodes[t]["events_in"] += r.total

    if transfers:
        systems: dict[tuple, list[str]] = defaultdict(list)
        for ex in extractions:
            for tr in ex.transfers:
                s, t = remember(tr.supplier), remember(tr.recipient)
                if not s or not t:
                    continue
                ensure_node(s)
                ensure_node(t)
                if not g.has_edge(s, t):
                    attrs = {"count": 0, **{f"n_{ty}": 0 for ty in PLOVER_TYPES}, **{q: 0 for q in QUADS},
                             "score": 0.0, "goldstein": 0.0, "first": "", "last": "", "sources": 0, "types": "",
                             "by_month": "{}", "transfers": 0, "systems": ""}
                    g.add_edge(s, t, **attrs)
                g.edges[s, t]["transfers"] += 1
                if tr.system and tr.system not in systems[(s, t)]:
                    systems[(s, t)].append(tr.system)
        for (s, t), names in systems.items():
            g.edges[s, t]["systems"] = "; ".join(names)
    return g
