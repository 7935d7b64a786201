"""Across articles: near-duplicates, merged events, claim clusters, contradictions, relations, timelines.

Everything here works on lists of :class:`~sitrep.model.Extraction` (what ``sitrep extract``
writes, what the store gives back with :func:`load_all`), so the CLI, the HTTP API and notebooks
share the same functions::

    from sitrep.link import load_all, find_contradictions, build_graph, timeline
    with Store("sitrep.db") as store:
        extractions = load_all(store)
    for c in find_contradictions(extractions):
        print(c.proposition, c.assert_count, c.deny_count)

Near-duplicate documents are detected from the extractions' sentences (or, with
:func:`load_all_with_texts`, from the stored texts) and count once as a source everywhere.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from sitrep.link.claims import ClaimCluster, ClaimRef, cluster_claims, corroborations
from sitrep.link.contradictions import Contradiction, find_contradictions, headline_stance
from sitrep.link.duplicates import (
    DuplicateIndex,
    canonical_map,
    duplicate_groups_for,
    find_duplicate_groups,
    find_duplicate_pairs,
)
from sitrep.link.events import MergedEvent, actor_key, merge_events, negation_conflicts
from sitrep.link.graph import Relation, build_graph, relations
from sitrep.link.timeline import TimelineEntry, timeline

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.model import Extraction
    from sitrep.store.db import Store

__all__ = [
    "load_all", "load_all_with_texts", "iter_doc_ids",
    "find_duplicate_groups", "find_duplicate_pairs", "duplicate_groups_for", "canonical_map", "DuplicateIndex",
    "merge_events", "MergedEvent", "negation_conflicts", "actor_key",
    "cluster_claims", "ClaimCluster", "ClaimRef", "corroborations",
    "find_contradictions", "Contradiction", "headline_stance",
    "build_graph", "relations", "Relation",
    "timeline", "TimelineEntry",
]

_PAGE = 10_000


def iter_doc_ids(store: "Store") -> Iterator[str]:
    """Every document id in the store, newest publication first."""
    from sitrep.store.queries import list_documents

    offset = 0
    while True:
        page = list_documents(store, limit=_PAGE, offset=offset)
        for row in page:
            yield row["id"] if isinstance(row, dict) else getattr(row, "id", row)
        if len(page) < _PAGE:
            return
        offset += len(page)


def load_all(store: "Store") -> list["Extraction"]:
    """Every stored document's :class:`~sitrep.model.Extraction`, oldest publication first."""
    from sitrep.store.queries import load_extraction

    out = []
    for doc_id in iter_doc_ids(store):
        ex = load_extraction(store, doc_id)
        if ex is not None:
            out.append(ex)
    out.sort(key=lambda e: (e.published or "9999", e.id))
    return out


def load_all_with_texts(store: "Store") -> tuple[list["Extraction"], dict[str, str]]:
    """:func:`load_all` plus ``doc_id -> stored text`` (for duplicate detection on the full text)."""
    from sitrep.store.queries import get_document

    extractions = load_all(store)
    texts = {}
    for ex in extractions:
        doc = get_document(store, ex.id)
        if doc and doc.get("text") is not None:
            texts[ex.id] = doc["text"]
    return extractions, texts
