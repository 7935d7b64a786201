"""Claims: every attributed statement, with speaker, cue, stance, hedging and content.

Forms found (each from the dependency parse, none from fixed sentences):

* reporting verbs with a clause or a quote: "X said that ...", "... ," said X", "X denied that ...";
* reporting verbs with an object that is the content: "X denied any involvement", "X rejected the
  allegations as baseless", "X cited evidence ...", "X pointed to ...";
* participles and coordinated verbs that share their subject: "X denied it, asserting that ...",
  "X argued ... but maintained that ...", "X continues to assert that ...";
* nominal attributions: "India's accusations that ...", "allegations by X that ...",
  "a statement released by Ankara stating that ...";
* "according to X, ...", "as per X";
* source-less hedged statements: "Pakistan has reportedly placed orders ...".

Stance is ``deny`` when the cue is a denial (deny, reject, refute, dismiss …) or when the claimed
proposition is itself negated ("maintained that this did not amount to ..."); otherwise ``assert``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from sitrep import lexicons
from sitrep.extract.syntax import base, case_of, children, is_negated, subjects, subtree_span
from sitrep.model import Actor, Claim

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

OPEN_QUOTES = "“\"‘«"
CLOSE_QUOTES = "”\"’»“"
QUOTE_RE = re.compile(r"[“\"«]([^“”\"«»]{2,}?)[”\"»“]", re.S)
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
OBJECT_CUES_NEED_ACTORLESS = {"tell"}  # "told reporters that": the object is the audience


@dataclass
class ClaimSpan:
    """Where a claim sits in the parse, for the stages that link events to claims."""

    claim: Claim
    cue: int  # token index of the cue
    start: int  # token span of the content
    end: int
    speakers: list[Actor]


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of quoted passages (curly or straight quotes, odd counts tolerated)."""
    spans = []
    for m in QUOTE_RE.finditer(doc.text):
        inner = m.group(1)
        if len(inner.split()) >= 2 or inner[:1].isalpha():
            spans.append((m.start(1), m.end(1)))
    return spans


class ClaimExtractor:
    """Pipeline component: fills ``ctx.claims`` and ``ctx.claim_index``."""

    name = "claims"

    def __init__(self) -> None:
        data = lexicons.cues()
        self.verbs: dict[str, dict] = data["verbs"]
        self.nouns: dict[str, dict] = data["nouns"]
        self.clause_only = set(data.get("clause_only", []))
        self.hedge_adverbs = set(data.get("hedge_adverbs", []))
        self.hedge_words = set(data.get("hedge_words", []))
        self.boosters = set(data.get("boosters", []))

    def __call__(self, ctx: "DocContext") -> None:
        doc = ctx.doc
        self.ctx = ctx
        self.quotes = quote_spans(doc)
        spans: list[ClaimSpan] = []
        used_cues: set[int] = set()
        for tok in doc:
            found = None
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "root") and tok.tag_.startswith("VB")):
                found = self._verbal(tok)
            elif tok.pos_ in ("NOUN",) and tok.lemma_.lower() in self.nouns:
                found = self._nominal(tok)
            elif tok.lower_ in ("according", "per") or (tok.lower_ == "citing" and tok.dep_ != "ROOT"):
                found = self._according_to(tok)
            if found:
                used_cues.add(tok.i)
                spans.extend(found)
        spans.extend(self._hedged(doc, spans))
        spans = _dedupe(spans)
        for cs in spans:
            cs.claim.id = ctx.new_id("c")
            ctx.claims.append(cs.claim)
        ctx.claim_index = spans

    # -- forms ---------------------------------------------------------------------------------
    def _verbal(self, verb: Token) -> list[ClaimSpan] | None:
        lemma = verb.lemma_.lower()
        info = self.verbs.get(lemma)
        if info is None:
            return None
        particle = info.get("particle")
        content_tok = None
        content_span: Span | None = None
        clausal = children(verb, *CONTENT_DEPS)
        clausal = [c for c in clausal if not (c.dep_ == "xcomp" and c.pos_ == "ADJ" and lemma not in ("call", "describe"))]
        if lemma == "point":
            targets = [c for c in verb.children if base(c.dep_) == "obl" and case_of(c) == "to"]
            if targets:
                content_span = subtree_span(targets[0])
            elif not clausal:
                return None
        if content_span is None and clausal:
            content_tok = clausal[0]
            content_span = self._clause_span(content_tok)
        if content_span is None and lemma not in self.clause_only:
            objs = [c for c in verb.children if base(c.dep_) == "obj"]
            if objs and lemma not in OBJECT_CUES_NEED_ACTORLESS:
                obj = objs[0]
                extra = [c for c in verb.children if c.i > obj.i and (base(c.dep_) in ("xcomp", "obl", "advcl") and
                         (case_of(c) == "as" or c.dep_ == "xcomp"))]
                last = max([obj.right_edge.i] + [c.right_edge.i for c in extra])
                content_span = self.ctx.doc[obj.left_edge.i:last + 1]
                content_tok = obj
        if content_span is None:
            quote = self._quote_in_sentence(verb)
            if quote is None:
                return None
            content_span = quote
        if particle and not any(c.lower_ == particle for c in verb.children) and lemma == "point" and not content_span:
            return None
        speakers = self._speakers(verb)
        if not speakers:
            if verb.dep_ == "acl" or not any(base(c.dep_) == "nsubj" for c in verb.children):
                # "a statement released by X stating that": the noun the participle hangs on speaks
                speakers = self._resolve(verb.head) if verb.dep_ == "acl" else []
            if not speakers:
                return None
        stance = info.get("stance", "assert")
        if stance == "assert" and content_tok is not None and content_tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN") \
                and self._negated_clause(content_tok):
            stance = "deny"
        return [self._claim(speaker, verb, lemma, info.get("act"), stance, content_span,
                            hedge_cue=bool(info.get("hedge"))) for speaker in speakers]

    def _nominal(self, noun: Token) -> list[ClaimSpan] | None:
        info = self.nouns[noun.lemma_.lower()]
        content = None
        for c in noun.children:
            if base(c.dep_) in ("acl", "ccomp") and any(g.lower_ == "that" and base(g.dep_) == "mark" for g in c.children):
                content = c
                break
            if c.dep_ == "acl" and c.lemma_.lower() in self.verbs:  # "a statement ... stating that" (handled by the verb)
                return None
        if content is None:
            return None
        speakers: list[Actor] = []
        for c in noun.children:
            if c.dep_ == "nmod:poss" or (base(c.dep_) == "nmod" and case_of(c) in ("by", "from")):
                speakers = self._resolve(c)
                if speakers:
                    break
        if not speakers:
            for c in noun.children:
                if base(c.dep_) in ("amod", "compound"):
                    speakers = self._resolve(c)
                    if speakers:
                        break
        if not speakers:
            return None
        stance = info.get("stance", "assert")
        span = self._clause_span(content)
        return [self._claim(s, noun, noun.lemma_.lower(), info.get("act"), stance, span, quote_type="nominal")
                for s in speakers]

    def _according_to(self, tok: Token) -> list[ClaimSpan] | None:
        # "according to X, P": X is the nominal the preposition governs; P is its head clause
        source = tok.head if base(tok.dep_) in ("case", "fixed", "mark") else None
        if source is None and tok.lower_ == "according":
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                source = nxt.head if nxt.head.i > nxt.i else None
        if tok.lower_ == "per" and (tok.i == 0 or tok.nbor(-1).lower_ != "as"):
            return None
        if tok.lower_ == "citing":
            objs = [c for c in tok.children if base(c.dep_) == "obj"]
            source = objs[0] if objs else None
        if source is None:
            return None
        clause = source.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
            clause = clause.head
        speakers = self._resolve(source) or self._actors_in(source)
        if not speakers:
            speakers = [Actor(name=_clean(subtree_span(source).text), kind="anonymous")]
        skip = {source.left_edge.i - 1, source.left_edge.i - 2}
        span = subtree_span(clause, exclude=[source])
        start = span.start
        while start < span.end and (start in skip or self.ctx.doc[start].i <= source.right_edge.i and start >= tok.i):
            start += 1
        span = self.ctx.doc[start:span.end]
        return [self._claim(s, tok, "according to", "report", "assert", span, quote_type="according_to")
                for s in speakers]

    def _hedged(self, doc: Doc, found: list[ClaimSpan]) -> list[ClaimSpan]:
        """"X has reportedly done Y": a claim whose source the article does not name."""
        out = []
        covered = [(cs.start, cs.end) for cs in found]
        for tok in doc:
            if tok.lower_ not in self.hedge_adverbs or tok.lower_ in ("probably", "possibly", "perhaps", "likely", "arguably"):
                continue
            verb = tok.head
            if any(s <= verb.i < e for s, e in covered):
                continue
            span = subtree_span(verb)
            claim = self._claim(None, tok, tok.lower_, "report", "assert", span, quote_type="hedged")
            out.append(claim)
            covered.append((span.start, span.end))
        return out

    # -- helpers -------------------------------------------------------------------------------
    def _clause_span(self, head: Token) -> Span:
        span = subtree_span(head)
        doc = self.ctx.doc
        start = span.start
        while start < span.end - 1 and (doc[start].lower_ in ("that", "whether", ",") or doc[start].is_punct and doc[start].text not in OPEN_QUOTES):
            start += 1
        return doc[start:span.end]

    def _quote_in_sentence(self, verb: Token) -> Span | None:
        sent = verb.sent
        for qs, qe in self.quotes:
            if sent.start_char <= qs < sent.end_char or qs <= sent.start_char < qe:
                if not (qs <= verb.idx < qe):
                    span = self.ctx.doc.char_span(qs, qe, alignment_mode="expand")
                    if span is not None:
                        return span
        return None

    def _speakers(self, verb: Token) -> list[Actor]:
        out: list[Actor] = []
        for subj in subjects(verb):
            out.extend(a for a in self._resolve(subj) if a not in out)
        if not out:
            for subj in subjects(verb):
                if subj.pos_ in ("PROPN", "NOUN") and subj.lower_ not in ("it", "this", "that"):
                    span = subtree_span(subj)
                    if len(span) <= 8:
                        out.append(Actor(name=_clean(span.text), kind="organisation" if subj.pos_ == "PROPN" else "anonymous"))
        return out

    def _resolve(self, tok: Token) -> list[Actor]:
        mention = self.ctx.mention_at.get(tok.i)
        if mention is not None:
            return list(mention.actors)
        for c in tok.children:  # "the report issued by the United Nations": the report is the source
            if c.dep_ in ("flat", "compound", "appos") and c.i in self.ctx.mention_at:
                return list(self.ctx.mention_at[c.i].actors)
        return []

    def _actors_in(self, tok: Token) -> list[Actor]:
        for t in tok.subtree:
            m = self.ctx.mention_at.get(t.i)
            if m is not None:
                return list(m.actors)
        return []

    def _negated_clause(self, head: Token) -> bool:
        if is_negated(head):
            return True
        for c in head.children:  # "while A, there was no B": the main predicate decides
            if c.dep_ in ("conj",) and is_negated(c):
                return True
        return False

    def _claim(self, speaker: Actor | None, cue: Token, cue_lemma: str, act: str | None, stance: str,
               span: Span, quote_type: str | None = None, hedge_cue: bool = False) -> ClaimSpan:
        ctx = self.ctx
        content = _clean(span.text)
        hedges = sorted({t.lower_ for t in span if t.lower_ in self.hedge_words or t.lower_ in self.hedge_adverbs})
        cue_sent = cue.sent
        hedges += [t.lower_ for t in cue_sent if t.lower_ in self.hedge_adverbs and t.lower_ not in hedges
                   and not (span.start <= t.i < span.end)]
        if hedge_cue or act in ("allege", "claim", "believe", "suggest"):
            hedges.append(cue_lemma)
        boosted = any(t.lower_ in self.boosters for t in cue_sent)
        if quote_type is None:
            quote_type = self._quote_type(span)
        hedged = bool(hedges)
        factuality = (3.0 if boosted else 2.0) if not hedged else 1.0
        if stance == "deny":
            factuality = -factuality
        evidence = [ctx.evidence(cue.i), ctx.evidence(span.start, span.end)] if not (span.start <= cue.i < span.end) \
            else [ctx.evidence(span.start, span.end)]
        claim = Claim(
            speaker=speaker.brief() if speaker else None,
            stance=stance,
            content=content,
            cue=cue_lemma,
            act=act,
            hedged=hedged,
            hedges=hedges,
            factuality=factuality,
            source_type=_source_type(speaker),
            quote_type=quote_type,
            content_start=span.start_char,
            content_end=span.end_char,
            evidence=evidence,
        )
        return ClaimSpan(claim=claim, cue=cue.i, start=span.start, end=span.end, speakers=[speaker] if speaker else [])

    def _quote_type(self, span: Span) -> str:
        inside = 0
        for qs, qe in self.quotes:
            overlap = min(qe, span.end_char) - max(qs, span.start_char)
            if overlap > 0:
                inside += overlap
        if inside == 0:
            return "indirect"
        return "direct" if inside >= 0.8 * (span.end_char - span.start_char) else "mixed"


def _source_type(speaker: Actor | None) -> str:
    if speaker is None:
        return "unattributed"
    if speaker.kind == "person":
        return "named_person"
    if speaker.kind == "document":
        return "document"
    if speaker.kind == "anonymous":
        return "anonymous"
    if speaker.sector == "MED":
        return "media"
    return "institution"


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(" ,;:")


def _dedupe(spans: list[ClaimSpan]) -> list[ClaimSpan]:
    """One claim per (speaker, content span): the verbal and the nominal reading of a cue can meet."""
    seen: dict[tuple, ClaimSpan] = {}
    for cs in spans:
        key = (cs.claim.speaker.name if cs.claim.speaker else None, cs.start, cs.end)
        if key not in seen:
            seen[key] = cs
    return sorted(seen.values(), key=lambda c: (c.start, c.cue))
