"""Event merging across documents: the same happening reported by several articles becomes one.

Two events merge when they have

* the same PLOVER type and the same negation (an asserted and a negated version are never merged:
  they are a contradiction candidate, see :func:`negation_conflicts`);
* the same source and target, compared by :func:`actor_key` (the country code for states and state
  organs, the name for everyone else); for talks, agreements and clashes
  (:func:`sitrep.link.ontology.is_symmetric`) source and target may be swapped;
* compatible dates: equal, within ``window_days`` when both are days, one inside the other when
  one is a month or a year, or one unknown; a date that is only the publication date is weak
  evidence of when something happened, so it is allowed ``soft_window_days`` of slack;
* compatible places: the same, one unknown, or one a country that contains the other.

An event joins a group only when it is compatible with *every* event already in it (no chaining
of a week of daily strikes into one strike). Events with neither source nor target are never
merged across documents: there is nothing to tell them apart.

Each :class:`MergedEvent` keeps all member events' evidence, the documents that report it and its
``sources``: distinct documents with near-duplicates (syndicated copies, updated versions)
collapsed to one, so that ten copies of one wire story count as one source.
"""
from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

from sitrep.link.ontology import is_symmetric, quad_of
from sitrep.model import Actor, Event, Evidence, Extraction, to_dict

__all__ = [
    "STATE_SECTORS",
    "actor_key",
    "actor_label",
    "MergedEvent",
    "merge_events",
    "negation_conflicts",
    "dates_compatible",
    "places_compatible",
    "date_interval",
    "canon_for",
]

STATE_SECTORS = frozenset({"GOV", "MIL", "SPY"})


def actor_key(actor: Actor | None) -> str | None:
    """Identity of an actor across documents.

    States and state organs (a ministry, the army, a minister: sector GOV, MIL or SPY, or kind
    ``country``) are keyed by their ISO3 country code; everyone else by the case-folded name.
    """
    if actor is None:
        return None
    country = (actor.country or "").upper() or None
    if country and (actor.kind == "country" or (actor.sector or "").upper() in STATE_SECTORS):
        return country
    name = " ".join((actor.name or "").split()).casefold()
    if name:
        return name
    return country


def actor_label(actor: Actor | None) -> str:
    """A short display name: ``"Nikos Petrou (GRC)"``, ``"PAK"``, ``"?"``."""
    if actor is None:
        return "?"
    name = (actor.name or "").strip()
    if actor.country and name and name.upper() != actor.country:
        return f"{name} ({actor.country})"
    return name or actor.country or "?"


# -- dates --------------------------------------------------------------------------------------

def date_interval(value: str | None, end: str | None = None) -> tuple[date, date, str] | None:
    """``(first day, last day, granularity)`` of ``YYYY-MM-DD``/``YYYY-MM``/``YYYY``; None if unparsable."""
    if not value:
        return None
    parts = str(value).strip()[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            lo, hi, gran = date(y, 1, 1), date(y, 12, 31), "year"
        elif len(parts) == 2:
            m = int(parts[1])
            lo, hi, gran = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
        else:
            d = date(y, int(parts[1]), int(parts[2]))
            lo, hi, gran = d, d, "day"
    except (ValueError, IndexError):
        return None
    if end:
        e = date_interval(end)
        if e and e[1] >= lo:
            hi = e[1]
            gran = "interval" if gran == "day" else gran
    return lo, hi, gran


def _event_interval(event: Event) -> tuple[date, date, str, bool] | None:
    if event.date is None:
        return None
    iv = date_interval(event.date.value, event.date.end)
    if iv is None:
        return None
    return iv[0], iv[1], iv[2], (event.date.source or "text") == "publication"


def dates_compatible(a: tuple | None, b: tuple | None, window_days: int = 1, soft_window_days: int = 31) -> bool:
    """Whether two event intervals (from ``_event_interval``) may be the same happening."""
    if a is None or b is None:
        return True
    gap = (max(a[0], b[0]) - min(a[1], b[1])).days
    gap = max(gap, 0)
    tol = window_days if (a[2] == "day" and b[2] == "day") else 0
    if a[3] or b[3]:  # one is only the publication date
        tol = max(tol, soft_window_days)
    return gap <= tol


# -- places -------------------------------------------------------------------------------------

def _place_sig(event: Event) -> tuple[str, str | None, str | None, str | None] | None:
    p = event.place
    if p is None or not (p.name or p.id):
        return None
    return (" ".join((p.name or "").split()).casefold(), p.id, (p.country or "").upper() or None, p.feature)


def places_compatible(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return True
    if a[0] and a[0] == b[0]:
        return True
    if a[1] and a[1] == b[1]:
        return True
    # a country-level place contains any place in that country
    for x, y in ((a, b), (b, a)):
        if x[3] == "country" and x[2] and x[2] == y[2]:
            return True
    return False


# -- merged events ------------------------------------------------------------------------------

@dataclass
class MergedEvent:
    """One happening as reported by one or more documents."""

    id: str
    type: str
    source: Actor | None
    target: Actor | None
    source_key: str | None
    target_key: str | None
    negated: bool = False
    symmetric: bool = False
    quad: str | None = None
    date: str | None = None  # the most specific date any report gives
    date_source: str | None = None  # text or publication
    place: str | None = None
    place_country: str | None = None
    modalities: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # member event ids
    documents: list[str] = field(default_factory=list)  # every document that reports it
    sources: list[str] = field(default_factory=list)  # distinct documents, duplicates collapsed
    first_reported: str | None = None
    last_reported: str | None = None
    reported_by: list[str] = field(default_factory=list)  # claim ids
    uncertain: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    members: list[Event] = field(default_factory=list, repr=False)

    @property
    def n_sources(self) -> int:
        return len(self.sources)

    def to_dict(self, members: bool = False) -> dict:
        d = {k: to_dict(v) for k, v in self.__dict__.items() if k != "members"}
        d["n_sources"] = self.n_sources
        if members:
            d["members"] = to_dict(self.members)
        return d


def canon_for(extractions: list[Extraction], canon: Mapping[str, str] | None = None,
              duplicate_groups: Iterable[Iterable[str]] | None = None, detect_duplicates: bool = True,
              texts: Mapping[str, str] | None = None) -> dict[str, str]:
    """``doc_id -> canonical doc id`` from a given map, given groups, or detected near-duplicates."""
    from sitrep.link.duplicates import canonical_map, duplicate_groups_for

    ids = [ex.id for ex in extractions]
    if canon is not None:
        out = {d: d for d in ids}
        out.update(canon)
        return out
    if duplicate_groups is None:
        duplicate_groups = duplicate_groups_for(extractions, texts=texts) if detect_duplicates else []
    return canonical_map(duplicate_groups, ids)


@dataclass
class _Item:
    event: Event
    doc_id: str
    published: str | None
    interval: tuple | None
    place: tuple | None
    order: int


def _group_key(event: Event) -> tuple | None:
    s, t = actor_key(event.source), actor_key(event.target)
    sym = is_symmetric(event.type, event.trigger, event.mode)
    pair = tuple(sorted((s or "", t or ""))) if sym else (s or "", t or "")
    return ((event.type or "").upper(), bool(event.negated), sym, pair)


def _specificity(iv: tuple | None) -> tuple:
    if iv is None:
        return (0, 0, 0)
    gran_rank = {"day": 3, "interval": 2, "month": 2, "year": 1}.get(iv[2], 0)
    return (0 if iv[3] else 1, gran_rank, -(iv[1] - iv[0]).days)


def _stable_id(member_ids: list[str]) -> str:
    h = hashlib.sha1("\n".join(sorted(member_ids)).encode("utf-8")).hexdigest()[:12]
    return f"mev:{h}"


def merge_events(extractions: Iterable[Extraction], *, canon: Mapping[str, str] | None = None,
                 duplicate_groups: Iterable[Iterable[str]] | None = None, detect_duplicates: bool = True,
                 texts: Mapping[str, str] | None = None, window_days: int = 1, soft_window_days: int = 31,
                 ) -> list[MergedEvent]:
    """Merge the events of many extractions into :class:`MergedEvent` records.

    Near-duplicate documents are found from the extractions' sentences unless ``canon`` (doc id →
    canonical id) or ``duplicate_groups`` is given, or ``detect_duplicates`` is False. The result is
    sorted by date (unknown last), then by first document.
    """
    extractions = list(extractions)
    cmap = canon_for(extractions, canon, duplicate_groups, detect_duplicates, texts)

    groups: dict[tuple, list[_Item]] = {}
    order = 0
    for ex in extractions:
        for ev in ex.events:
            item = _Item(ev, ex.id, ex.published, _event_interval(ev), _place_sig(ev), order)
            order += 1
            key = _group_key(ev)
            if not key[3][0] and not key[3][1]:
                key = key + (f"solo:{item.order}",)  # no actors: never merged
            groups.setdefault(key, []).append(item)

    merged: list[MergedEvent] = []
    for key, items in groups.items():
        items.sort(key=lambda it: (it.interval[0] if it.interval else date.max, it.order))
        clusters: list[list[_Item]] = []
        for it in items:
            for cl in clusters:
                if all(dates_compatible(it.interval, o.interval, window_days, soft_window_days) for o in cl) and \
                        all(places_compatible(it.place, o.place) for o in cl):
                    cl.append(it)
                    break
            else:
                clusters.append([it])
        for cl in clusters:
            merged.append(_build(key, cl, cmap))

    merged.sort(key=lambda m: (m.date or "9999", m.first_reported or "9999", m.documents[0] if m.documents else "", m.id))
    return merged


def _build(key: tuple, cl: list[_Item], cmap: Mapping[str, str]) -> MergedEvent:
    etype, negated, sym = key[0], key[1], key[2]
    cl = sorted(cl, key=lambda it: it.order)
    first = cl[0].event
    # most informative actors: prefer ones with a country and a name
    def pick(attr: str) -> Actor | None:
        cands = [getattr(it.event, attr) for it in cl if getattr(it.event, attr) is not None]
        if not cands:
            return None
        best = max(cands, key=lambda a: (bool(a.country), bool(a.sector), len(a.name or "")))
        return best.brief()

    best_date = max(cl, key=lambda it: _specificity(it.interval))
    date_value = best_date.event.date.value if best_date.interval else None
    date_src = (best_date.event.date.source or "text") if best_date.interval else None
    placed = [it for it in cl if it.place is not None]
    best_place = max(placed, key=lambda it: (it.place[3] != "country", len(it.place[0]))) if placed else None

    ids: list[str] = []
    evidence: list[Evidence] = []
    seen_ev: set[tuple] = set()
    docs: list[str] = []
    modalities: list[str] = []
    reported_by: list[str] = []
    for n, it in enumerate(cl):
        ev = it.event
        ids.append(ev.id or f"{it.doc_id}:e?{it.order}")
        for e in ev.evidence:
            k = (e.doc_id, e.sentence, e.start, e.end)
            if k not in seen_ev:
                seen_ev.add(k)
                evidence.append(e)
        if it.doc_id not in docs:
            docs.append(it.doc_id)
        if ev.modality and ev.modality not in modalities:
            modalities.append(ev.modality)
        for c in ev.reported_by:
            if c not in reported_by:
                reported_by.append(c)
    sources: list[str] = []
    for d in docs:
        c = cmap.get(d, d)
        if c not in sources:
            sources.append(c)
    pubs = sorted(p for p in {it.published for it in cl} if p)
    return MergedEvent(
        id=_stable_id(ids),
        type=etype,
        source=pick("source"),
        target=pick("target"),
        source_key=actor_key(first.source),
        target_key=actor_key(first.target),
        negated=negated,
        symmetric=sym,
        quad=first.quad or quad_of(etype),
        date=date_value,
        date_source=date_src,
        place=best_place.event.place.name if best_place else None,
        place_country=best_place.event.place.country if best_place else None,
        modalities=modalities,
        events=ids,
        documents=docs,
        sources=sources,
        first_reported=pubs[0] if pubs else None,
        last_reported=pubs[-1] if pubs else None,
        reported_by=reported_by,
        uncertain=all(it.event.uncertain for it in cl),
        evidence=evidence,
        members=[it.event for it in cl],
    )


def negation_conflicts(merged: Iterable[MergedEvent], window_days: int = 1, soft_window_days: int = 31
                       ) -> list[tuple[MergedEvent, MergedEvent]]:
    """Pairs ``(asserted, negated)`` of merged events about the same happening."""
    merged = list(merged)
    by_key: dict[tuple, list[MergedEvent]] = {}
    for m in merged:
        pair = tuple(sorted((m.source_key or "", m.target_key or ""))) if m.symmetric else (m.source_key or "", m.target_key or "")
        if not pair[0] and not pair[1]:
            continue
        by_key.setdefault((m.type, m.symmetric, pair), []).append(m)
    out = []
    for ms in by_key.values():
        pos = [m for m in ms if not m.negated]
        neg = [m for m in ms if m.negated]
        for a in pos:
            for b in neg:
                if not dates_compatible(_merged_interval(a), _merged_interval(b), window_days, soft_window_days):
                    continue
                if not places_compatible(_merged_place(a), _merged_place(b)):
                    continue
                out.append((a, b))
    return out


def _merged_interval(m: MergedEvent) -> tuple | None:
    iv = date_interval(m.date)
    if iv is None:
        return None
    return iv[0], iv[1], iv[2], m.date_source == "publication"


def _merged_place(m: MergedEvent) -> tuple | None:
    if not m.place:
        return None
    return (" ".join(m.place.split()).casefold(), None, (m.place_country or "").upper() or None, None)
