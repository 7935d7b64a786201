"""Contradictions between speakers, and corroboration of what many sources repeat.

A contradiction is a proposition that one speaker asserts and another denies:

* **claim level** — an asserting claim and a denying claim (stance ``deny``, an assertion of a
  negated event, or a negative content) about one proposition (linked as in
  :mod:`sitrep.link.claims`) from *different voices*: different speakers, where a state and its
  organs (its ministers, army, ministries) count as one voice. A speaker correcting themself, or
  a defence minister and his government, are not a dispute between sources.
* **event level** — an asserted event and a negated version of the same event (same type,
  actors, compatible date and place; :func:`sitrep.link.events.negation_conflicts`) reported by
  different speakers or independent documents, when no claim-level record already covers it.

Each :class:`Contradiction` carries the opposing claims with speaker, stance, content, document
and evidence, how many claims and independent sources are on each side, and the proposition as a
short text. The module also holds a headline–body stance classifier (:func:`headline_stance`)
built from the same pieces, used by ``benchmarks/bench_fnc1.py``.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from sitrep.link.claims import (
    ClaimCluster,
    ClaimLink,
    ClaimRef,
    ClaimSimilarity,
    Embedder,
    claim_refs,
    clusters_from_links,
    link_claims,
    stem,
    tokens,
)
from sitrep.link.events import canon_for, merge_events, negation_conflicts
from sitrep.model import Extraction, to_dict

__all__ = [
    "Contradiction",
    "find_contradictions",
    "analyse_claims",
    "headline_stance",
    "StanceFeatures",
    "stance_features",
    "stance_label",
]


@dataclass
class Contradiction:
    """A proposition asserted by some and denied by others."""

    id: str
    proposition: str
    claims: list[dict]  # {id, speaker{name,country,...}, stance, polarity, content, doc_id, evidence, ...}
    assert_count: int
    deny_count: int
    assert_sources: int = 0  # independent documents asserting (near-duplicates counted once)
    deny_sources: int = 0
    assert_speakers: list[str] = field(default_factory=list)
    deny_speakers: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # speakers' countries, both sides
    event: dict | None = None  # {type, source, target} when the proposition is a known event
    kind: str = "claim"  # claim or event
    score: float = 0.0  # strongest link between opposing claims
    documents: list[str] = field(default_factory=list)
    first_reported: str | None = None
    last_reported: str | None = None

    def to_dict(self) -> dict:
        return to_dict(self)


def _speaker_name(r: ClaimRef) -> str:
    sp = r.claim.speaker
    if sp is None:
        return f"(unattributed, {r.doc_id})"
    return sp.name or sp.country or "?"


def _opposed(a: ClaimRef, b: ClaimRef, require_different_country: bool) -> bool:
    if a.polarity == b.polarity or a.speaker == b.speaker or (a.voice or a.speaker) == (b.voice or b.speaker):
        return False
    if require_different_country and (not a.speaker_country or not b.speaker_country
                                      or a.speaker_country == b.speaker_country):
        return False
    return True


def _contradiction_from_component(refs: list[ClaimRef], members: set[int], links: list[ClaimLink],
                                  opposing: list[tuple[int, int, float]], corroboration_threshold: float
                                  ) -> Contradiction:
    """A record for one component of the assert–deny graph (indices into ``refs``)."""
    ends = set(members)
    keep = set(ends)
    side_speakers = {p: {refs[k].voice or refs[k].speaker for k in ends if refs[k].polarity == p} for p in (1, -1)}
    # corroborating claims: same polarity, strongly linked to a claim on that side (one hop, so no
    # chaining), and not said by a speaker who takes the other side (a denier's concession is not
    # a corroboration)
    for l in links:
        if l.score < corroboration_threshold:
            continue
        for x, y in ((l.a, l.b), (l.b, l.a)):
            rx, ry = refs[x], refs[y]
            if x in ends and y not in keep and rx.polarity == ry.polarity \
                    and (ry.voice or ry.speaker) not in side_speakers[-ry.polarity]:
                keep.add(y)
    cl_refs = refs
    chosen = sorted(keep, key=lambda k: (cl_refs[k].published or "", cl_refs[k].doc_id, cl_refs[k].position))
    refs = [cl_refs[k] for k in chosen]
    asserting = [r for r in refs if r.polarity > 0]
    denying = [r for r in refs if r.polarity < 0]

    def uniq(xs):
        out = []
        for x in xs:
            if x not in out:
                out.append(x)
        return out

    # proposition: the asserting claim with the most opposing links, or the shared event
    deg = Counter(i for i, _, _ in opposing)
    best = max((i for i, _, _ in opposing), key=lambda i: (deg[i], -cl_refs[i].position))
    text = " ".join((cl_refs[best].claim.content or "").split())
    if len(text) > 200:
        text = text[:197].rstrip() + "..."
    event = None
    sigs = cl_refs[best].event_sigs
    if sigs:
        etype, (s, t) = sorted(sigs)[0]
        event = {"type": etype, "source": s or None, "target": t or None}
    pubs = sorted(p for p in (r.published for r in refs) if p)
    ids = sorted(r.id for r in refs)
    return Contradiction(
        id="contra:" + hashlib.sha1("\n".join(ids).encode()).hexdigest()[:12],
        proposition=text,
        claims=[r.to_dict() for r in refs],
        assert_count=len(asserting),
        deny_count=len(denying),
        assert_sources=len(uniq(r.source_doc for r in asserting)),
        deny_sources=len(uniq(r.source_doc for r in denying)),
        assert_speakers=uniq(_speaker_name(r) for r in asserting),
        deny_speakers=uniq(_speaker_name(r) for r in denying),
        countries=uniq(r.speaker_country for r in refs if r.speaker_country),
        event=event,
        kind="claim",
        score=round(max(s for _, _, s in opposing), 3),
        documents=uniq(r.doc_id for r in refs),
        first_reported=pubs[0] if pubs else None,
        last_reported=pubs[-1] if pubs else None,
    )


def analyse_claims(extractions: Iterable[Extraction], *, threshold: float = 0.35, canon: Mapping[str, str] | None = None,
                   duplicate_groups: Iterable[Iterable[str]] | None = None, detect_duplicates: bool = True,
                   embedder: Embedder | None = None) -> tuple[list[ClaimRef], list[ClaimCluster], ClaimSimilarity]:
    """Claim refs, clusters and the similarity used, for callers that want all three."""
    extractions = list(extractions)
    cmap = canon_for(extractions, canon, duplicate_groups, detect_duplicates)
    refs = claim_refs(extractions, cmap)
    links = link_claims(refs, threshold=threshold, embedder=embedder)
    clusters = clusters_from_links(refs, links)
    return refs, clusters, ClaimSimilarity(refs, embedder=embedder)


def find_contradictions(extractions: Iterable[Extraction], *, threshold: float = 0.35,
                        oppose_threshold: float = 0.45, corroboration_threshold: float = 0.5, canon: Mapping[str, str] | None = None,
                        duplicate_groups: Iterable[Iterable[str]] | None = None, detect_duplicates: bool = True,
                        embedder: Embedder | None = None, require_different_country: bool = False,
                        events: bool = True) -> list[Contradiction]:
    """Contradictions among the claims (and negated events) of many extractions.

    Claims are linked as in :func:`sitrep.link.claims.link_claims` (``threshold``). The links
    between an asserting and a denying claim of different voices — through a shared event, a
    back-reference ("these allegations"), or a lexical similarity of at least ``oppose_threshold``
    — form an assert–deny graph; each connected component of it is one contradiction. Claims of the same polarity linked to a member
    with at least ``corroboration_threshold`` join it as corroboration (one hop only, so that a
    corpus about one conflict does not chain into one giant dispute). With
    ``require_different_country`` both speakers need a known, different country. Sorted by the
    number of independent sources involved, then by id.
    """
    extractions = list(extractions)
    cmap = canon_for(extractions, canon, duplicate_groups, detect_duplicates)
    refs = claim_refs(extractions, cmap)
    links = link_claims(refs, threshold=threshold, embedder=embedder)
    opposing = [(l.a, l.b, l.score) if refs[l.a].polarity > 0 else (l.b, l.a, l.score)
                for l in links if (l.reason != "similarity" or l.score >= oppose_threshold)
                and _opposed(refs[l.a], refs[l.b], require_different_country)]
    parent = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in opposing:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    components: dict[int, set[int]] = {}
    for a, b, _ in opposing:
        components.setdefault(find(a), set()).update((a, b))
    out: list[Contradiction] = []
    covered: set[str] = set()
    for root in sorted(components):
        members = components[root]
        opp = [o for o in opposing if o[0] in members]
        c = _contradiction_from_component(refs, members, links, opp, corroboration_threshold)
        out.append(c)
        covered |= {x["id"] for x in c.claims}
    if events:
        out.extend(_event_contradictions(extractions, cmap, refs, covered))
    out.sort(key=lambda c: (-(c.assert_sources + c.deny_sources), -(c.assert_count + c.deny_count), c.id))
    return out


def _event_contradictions(extractions: list[Extraction], cmap: Mapping[str, str], refs: list[ClaimRef],
                          covered: set[str]) -> list[Contradiction]:
    by_claim = {r.id: r for r in refs}
    merged = merge_events(extractions, canon=cmap)
    out = []
    for pos, neg in negation_conflicts(merged):
        sides = []
        for m, polarity in ((pos, 1), (neg, -1)):
            claims = []
            for cid in m.reported_by:
                r = by_claim.get(cid)
                if r is not None:
                    d = r.to_dict()
                    # an asserted claim of a negated event is a denial of the event
                    d["polarity"] = "assert" if polarity > 0 else "deny"
                    claims.append((r.speaker, r.source_doc, d))
            if not claims:  # the outlet's own report
                for ev in m.members:
                    doc = ev.evidence[0].doc_id if ev.evidence else (m.documents[0] if m.documents else "")
                    src = cmap.get(doc, doc)
                    claims.append((f"doc:{src}", src, {
                        "id": ev.id, "speaker": {"name": None, "country": None, "role": None, "kind": None},
                        "stance": "assert", "polarity": "assert" if polarity > 0 else "deny",
                        "content": ev.evidence[0].text if ev.evidence else "", "act": None, "cue": None,
                        "hedged": ev.uncertain, "doc_id": doc, "source_doc": src, "published": None,
                        "evidence": to_dict(ev.evidence),
                    }))
            sides.append(claims)
        a_side, d_side = sides
        if not any(sa != sd for sa, _, _ in a_side for sd, _, _ in d_side):
            continue
        ids = {d["id"] for _, _, d in a_side + d_side}
        if ids and ids <= covered:
            continue
        all_claims = [d for _, _, d in a_side + d_side]

        def uniq(xs):
            out_ = []
            for x in xs:
                if x not in out_:
                    out_.append(x)
            return out_

        s_lbl = pos.source_key or "?"
        t_lbl = pos.target_key or "?"
        prop = f"{pos.type} {s_lbl} -> {t_lbl}" + (f" ({pos.date})" if pos.date else "")
        pubs = sorted(p for p in [pos.first_reported, pos.last_reported, neg.first_reported, neg.last_reported] if p)
        out.append(Contradiction(
            id="contra:" + hashlib.sha1("\n".join(sorted(pos.events + neg.events)).encode()).hexdigest()[:12],
            proposition=prop,
            claims=all_claims,
            assert_count=len(a_side),
            deny_count=len(d_side),
            assert_sources=len(pos.sources),
            deny_sources=len(neg.sources),
            assert_speakers=uniq(d["speaker"]["name"] or f"(unattributed, {d['doc_id']})" for _, _, d in a_side),
            deny_speakers=uniq(d["speaker"]["name"] or f"(unattributed, {d['doc_id']})" for _, _, d in d_side),
            countries=uniq(d["speaker"]["country"] for d in all_claims if d["speaker"]["country"]),
            event={"type": pos.type, "source": pos.source_key, "target": pos.target_key},
            kind="event",
            score=1.0,
            documents=uniq(pos.documents + neg.documents),
            first_reported=pubs[0] if pubs else None,
            last_reported=pubs[-1] if pubs else None,
        ))
    return out


# -- headline/body stance (FNC-1 style) ----------------------------------------------------------

_REFUTE = frozenset(stem(w) for w in """
fake fraud hoax false falsely untrue deny denies denied denial debunk debunked debunks refute refuted refutes
rebut rebutted reject rejected rejects dismiss dismissed baseless unfounded fabricated fabrication bogus
misleading nonsense incorrect inaccurate wrong myth rumor rumour rumors rumours pranked prank satire satirical
doubt doubts doubtful dispute disputed disputes retract retracted retraction not-true despite
""".split())
_HEDGE = frozenset(stem(w) for w in """
reportedly allegedly alleged allegation claim claims claimed purportedly purported apparently appears appear
seem seems seemingly possibly possible perhaps might may could unconfirmed unverified rumor rumour speculation
speculate suggest suggests suggested believed thought suspected report reports reported according sources source
likely unclear uncertain investigating investigation
""".split())
_AGREE = frozenset(stem(w) for w in """
confirmed confirms confirm officially announced announces verified indeed revealed reveals shows showed
proved proven footage video photos statement admitted admits acknowledged
""".split())
_NEG = frozenset("not no never n't none nothing nobody neither nor without".split())
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘(])|\n+")


@dataclass
class StanceFeatures:
    overlap: float  # share of headline content words found in the body
    top_overlap: float  # best sentence overlap with the headline
    refute: float  # refuting cues in the sentences closest to the headline (and weakly, the whole body)
    hedge: float
    agree: float
    negation: float  # negation near the headline's words in the closest sentences
    headline_hedged: bool


def _stems(text: str) -> list[str]:
    return tokens(text, drop_countries=False, keep_denial=False)


def _raw_stems(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text.lower())]


@lru_cache(maxsize=4096)
def _body_profile(body: str) -> tuple:
    sents = [s for s in _SENT_SPLIT.split(body or "") if s.strip()]
    sent_toks = [frozenset(_stems(s)) for s in sents]
    body_toks = frozenset().union(*sent_toks) if sent_toks else frozenset()
    body_raw = _raw_stems(body or "")
    return sents, sent_toks, body_toks, body_raw


def _weighted(tokens_: Iterable[str], idf: Mapping[str, float] | None, default: float = 1.0) -> float:
    if idf is None:
        return float(sum(1 for _ in tokens_))
    return sum(idf.get(t, default) for t in tokens_)


_IDF_MAX: dict[int, float] = {}


def _max_idf(idf: Mapping[str, float] | None) -> float:
    """Weight of a word the IDF table has never seen (the rarest weight), cached per table."""
    if not idf:
        return 1.0
    key = id(idf)
    if key not in _IDF_MAX:
        _IDF_MAX.clear()
        _IDF_MAX[key] = max(idf.values())
    return _IDF_MAX[key]


def stance_features(headline: str, body: str, top_k: int = 3, idf: Mapping[str, float] | None = None) -> StanceFeatures:
    """Features of a body's stance towards a headline; ``idf`` (word stem -> weight, e.g. from a
    background corpus) weights the overlap, otherwise every word counts one."""
    h = frozenset(_stems(headline))
    sents, sent_toks, btoks, body_raw = _body_profile(body or "")
    dflt = _max_idf(idf)
    hw = _weighted(h, idf, dflt)
    overlap = _weighted(h & btoks, idf, dflt) / hw if hw else 0.0
    scored = []
    for n, (s, st) in enumerate(zip(sents, sent_toks)):
        ov = _weighted(h & st, idf, dflt) / hw if hw else 0.0
        scored.append((ov, -n, s))
    scored.sort(reverse=True)
    top = [s for ov, _, s in scored[:top_k] if ov > 0] or [s for _, _, s in scored[:1]]
    top_overlap = scored[0][0] if scored else 0.0
    refute = hedge = agree = neg = 0.0
    for rank, s in enumerate(top):
        w = 1.0 / (1 + rank)
        raw = _raw_stems(s)
        refute += w * sum(1 for t in raw if t in _REFUTE)
        hedge += w * sum(1 for t in raw if t in _HEDGE)
        agree += w * sum(1 for t in raw if t in _AGREE)
        neg += w * sum(1 for t in re.findall(r"[a-z']+", s.lower()) if t in _NEG or t.endswith("n't"))
    n = max(len(body_raw), 1)
    refute += 20.0 * sum(1 for t in body_raw if t in _REFUTE) / n
    hedge += 20.0 * sum(1 for t in body_raw if t in _HEDGE) / n
    hraw = set(_raw_stems(headline))
    return StanceFeatures(overlap, top_overlap, refute, hedge, agree, neg,
                          headline_hedged=bool(hraw & _HEDGE) or headline.strip().endswith("?"))


# Set by hand after looking at feature means on the FNC-1 dev slice declared in
# benchmarks/bench_fnc1.py (Body ID % 10 == 0); quote held-out figures only.
DEFAULT_STANCE_THRESHOLDS = {"related": 0.34, "refute": 1.0, "hedge_max": 1.0}


def headline_stance(headline: str, body: str, thresholds: Mapping[str, float] | None = None,
                    idf: Mapping[str, float] | None = None) -> str:
    """FNC-1 label of a body towards a headline: unrelated, agree, disagree or discuss.

    Related when enough of the headline's content words occur in the body; then disagree when the
    body sentences closest to the headline carry refuting cues (denials, "hoax", "false"); discuss
    when the headline itself is hedged or a question, or the body hedges ("reportedly", "claims");
    agree otherwise (the body restates the headline without distance).
    """
    th = dict(DEFAULT_STANCE_THRESHOLDS)
    th.update(thresholds or {})
    f = stance_features(headline, body, idf=idf)
    return stance_label(f, th)


def stance_label(f: StanceFeatures, thresholds: Mapping[str, float] | None = None) -> str:
    """The label :func:`headline_stance` gives for computed features (for threshold tuning)."""
    th = dict(DEFAULT_STANCE_THRESHOLDS)
    th.update(thresholds or {})
    if f.overlap < th["related"]:
        return "unrelated"
    if f.refute >= th["refute"]:
        return "disagree"
    if f.headline_hedged:  # "X may have...?", "reportedly": the body is likely to discuss, not endorse
        return "discuss"
    if f.hedge - 0.5 * f.agree <= th["hedge_max"]:
        return "agree"
    return "discuss"
