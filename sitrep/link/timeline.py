"""Timelines: the events of one actor, or between two actors, in date order.

The date of an event is the date the text gives (``event.date.value``) or, failing that, the
publication date of its document; entries carry which one it is (``date_source``). An actor is
named the way a user would: an ISO3 code ("PAK"), a country name or demonym ("Pakistan",
"Pakistani"), or part of an actor's name ("Petrou", "Hezbollah"). A state matches its organs (its
ministries, army, ministers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from sitrep.link.claims import countries_in
from sitrep.link.events import MergedEvent, actor_key, actor_label, merge_events
from sitrep.link.ontology import quad_of
from sitrep.model import Actor, Extraction, to_dict

__all__ = ["TimelineEntry", "ActorQuery", "timeline"]


@dataclass
class TimelineEntry:
    date: str | None
    date_source: str | None  # text, publication or None
    type: str
    quad: str | None
    source: str
    target: str
    source_key: str | None
    target_key: str | None
    negated: bool
    modality: str | None
    doc_id: str
    published: str | None
    evidence: str  # the sentence
    event_id: str | None
    documents: list[str] = field(default_factory=list)
    n_sources: int = 1

    def to_dict(self) -> dict:
        return to_dict(self)


class ActorQuery:
    """Matches actors against what a user typed."""

    def __init__(self, text: str) -> None:
        self.text = " ".join(text.split())
        q = self.text
        self.codes: set[str] = set()
        if len(q) == 3 and q.isalpha() and q.isupper():
            self.codes.add(q)
        elif len(q) == 3 and q.isalpha():
            try:
                import pycountry

                if pycountry.countries.get(alpha_3=q.upper()) is not None:
                    self.codes.add(q.upper())
            except Exception:  # pragma: no cover
                pass
        self.codes |= countries_in(q)
        self.name = q.casefold()

    def matches(self, actor: Actor | None) -> bool:
        if actor is None:
            return False
        key = actor_key(actor)
        if key and key in self.codes:
            return True
        if actor.country and actor.country.upper() in self.codes and actor.kind == "country":
            return True
        name = (actor.name or "").casefold()
        return bool(self.name) and (self.name == name or (len(self.name) >= 3 and self.name in name))


def _sort_key(e: TimelineEntry):
    return (e.date or e.published or "9999", e.published or "9999", e.doc_id, e.event_id or "")


def timeline(extractions: Iterable[Extraction], actor: str, actor2: str | None = None, *, merged: bool = False,
             include_negated: bool = True, **merge_kwargs) -> list[TimelineEntry]:
    """Events involving ``actor`` (as source or target), or between ``actor`` and ``actor2`` in either
    direction, sorted by date. With ``merged`` the same happening told by several documents is one
    entry (its ``documents`` and ``n_sources`` say by whom)."""
    extractions = list(extractions)
    qa = ActorQuery(actor)
    qb = ActorQuery(actor2) if actor2 else None

    def wanted(src: Actor | None, tgt: Actor | None) -> bool:
        if qb is None:
            return qa.matches(src) or qa.matches(tgt)
        return (qa.matches(src) and qb.matches(tgt)) or (qb.matches(src) and qa.matches(tgt))

    out: list[TimelineEntry] = []
    if merged:
        for m in merge_events(extractions, **merge_kwargs):
            if (m.negated and not include_negated) or not wanted(m.source, m.target):
                continue
            out.append(_from_merged(m))
    else:
        for ex in extractions:
            for ev in ex.events:
                if (ev.negated and not include_negated) or not wanted(ev.source, ev.target):
                    continue
                d = ev.date
                out.append(TimelineEntry(
                    date=(d.value if d else None) or ex.published,
                    date_source=(d.source or "text") if d and d.value else ("publication" if ex.published else None),
                    type=ev.type, quad=ev.quad or quad_of(ev.type),
                    source=actor_label(ev.source), target=actor_label(ev.target),
                    source_key=actor_key(ev.source), target_key=actor_key(ev.target),
                    negated=ev.negated, modality=ev.modality, doc_id=ex.id, published=ex.published,
                    evidence=ev.evidence[0].text if ev.evidence else "", event_id=ev.id,
                    documents=[ex.id], n_sources=1,
                ))
    out.sort(key=_sort_key)
    return out


def _from_merged(m: MergedEvent) -> TimelineEntry:
    return TimelineEntry(
        date=m.date or m.first_reported,
        date_source=m.date_source if m.date else ("publication" if m.first_reported else None),
        type=m.type, quad=m.quad, source=actor_label(m.source), target=actor_label(m.target),
        source_key=m.source_key, target_key=m.target_key, negated=m.negated,
        modality=m.modalities[0] if m.modalities else None, doc_id=m.documents[0] if m.documents else "",
        published=m.first_reported, evidence=m.evidence[0].text if m.evidence else "", event_id=m.id,
        documents=list(m.documents), n_sources=m.n_sources,
    )
