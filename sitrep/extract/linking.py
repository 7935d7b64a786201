"""Tie records together within a document: who reports each event and transfer, and merging.

* an event or transfer whose trigger lies inside a claim's content is ``reported_by`` that claim
  (and the claim lists the event): "Kowalski said that Iran gave Venezuela radar data"
  is Iran -> Venezuela COOPERATE reported by Kowalski's claim, not a bare fact;
* inside a denial the event is ``negated``; inside an allegation or accusation its modality is
  ``alleged``;
* a claim whose act is an accusation or a denial is itself a verbal event (ACCUSE / REJECT) by its
  speaker's state; a claim by one state that another state attacked or coerced is an accusation
  too ("the minister said the Russian incursion was unlawful" -> UKR ACCUSE RUS);
* an order or purchase found by the transfer extractor is COOPERATE between buyer and seller
  (AID when only alleged supply);
* events of one document with the same type, source and target are one event with all their
  evidence and reporting claims. The same proposition asserted by one side and denied by the
  other stays one event: ``negated`` only when every mention denies it, modality ``disputed`` when
  the mentions disagree. A partial event (source or target unknown) that a complete event of the
  document explains is folded into it, and two complementary partials of one sentence ("Israeli
  jets hit several sites, among them the depot at X") become one complete event: the scorer
  and the analyst both see one proposition, not three.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from sitrep import lexicons
from sitrep.extract.events import cameo_for, state_hint
from sitrep.model import Actor, Event

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

ACCUSING_ACTS = {"accuse", "allege"}
DENYING_ACTS = {"deny", "reject", "refute", "dismiss"}
EARLIER_CLAIM_ACTS = ACCUSING_ACTS | {"claim", "state", "insist"}
# a state saying another state did one of these is accusing it
ACCUSABLE_TYPES = {"ASSAULT", "COERCE"}
# complementary partial events are one proposition only when their triggers are this close
# ("hit several sites, among them the depot at X"); farther apart they are separate statements
PARTIAL_MERGE_WINDOW = 10


class RecordLinker:
    name = "link"

    def __call__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        self._attribute_events()
        self._events_from_claims()
        self._attribute_transfers()
        self._events_from_transfers()
        # date and place per mention first, so that merging can fill a gap from another mention
        for event in ctx.events:
            if event.date is None:
                event.date = _date_for(ctx, getattr(event, "_trigger_i", None))
            if event.place is None:
                event.place = _place_for(ctx, getattr(event, "_trigger_i", None),
                                         verbal=str(event.quad or "").startswith("verbal"))
        ctx.events = merge_events(ctx.events, sentence_of=self._sentence_of)
        # a denied deed with no known doer says nothing ("deny that attacks were carried out in X")
        ctx.events = [e for e in ctx.events if not (e.negated and e.source is None)]
        # claims list the ids of the events they report: point them at the merged records
        alias = {mid: e.id for e in ctx.events for mid in getattr(e, "_merged_ids", [])}
        live = {e.id for e in ctx.events}
        for claim in ctx.claims:
            ids: list[str] = []
            for x in claim.events:
                x = alias.get(x, x)
                if x in live and x not in ids:
                    ids.append(x)
            claim.events = ids

    def _sentence_of(self, event: Event) -> int | None:
        return event.evidence[0].sentence if event.evidence else None

    def _claims_covering(self, token_i: int):
        return [cs for cs in self.ctx.claim_index if cs.start <= token_i < cs.end]

    def _attribute_events(self) -> None:
        for event in self.ctx.events:
            i = getattr(event, "_trigger_i", None)
            if i is None:
                continue
            for cs in self._claims_covering(i):
                if cs.cue == i:
                    continue  # the claim's own cue ("alleged") is not reported by the claim
                if cs.claim.id not in event.reported_by:
                    event.reported_by.append(cs.claim.id)
                if event.id not in cs.claim.events:
                    cs.claim.events.append(event.id)
                if cs.claim.act in ACCUSING_ACTS or cs.claim.hedged:
                    event.modality = event.modality or "alleged"
                if cs.claim.stance == "deny" and cs.claim.act in DENYING_ACTS and self._denied(event, cs):
                    event.negated = True

    def _denied(self, event: Event, cs) -> bool:
        """Whether a denial negates this event: the claimed deed, not the allegation being denied.

        "X refuted allegations by Y that X struck Z": the strike is denied, the allegation (a noun
        inside the denial's content) was still made. "X dismissed the parallel drawn between A and B":
        a rejected comparison or proposal denies no event in it; only "deny"/"refute" or a
        that-clause ("rejected claims that ...") does.
        """
        doc = self.ctx.doc
        trig = doc[event._trigger_i]  # type: ignore[attr-defined]
        if str(event.quad or "").startswith("verbal") and trig.pos_ != "VERB":
            return False
        if cs.claim.act in ("deny", "refute"):
            return True
        return any(t.lower_ == "that" for t in doc[cs.start:trig.i])

    def _reported_events(self, cs) -> list[Event]:
        out = []
        for e in self.ctx.events:
            i = getattr(e, "_trigger_i", None)
            if i is not None and cs.start <= i < cs.end and i != cs.cue:
                out.append(e)
        return out

    def _events_from_claims(self) -> None:
        ctx = self.ctx
        doc = ctx.doc
        new: list[Event] = []
        for cs in ctx.claim_index:
            claim = cs.claim
            if not cs.speakers:
                continue
            speaker = _state_of(ctx, cs.speakers[0])
            if not speaker.country:
                continue
            reported = self._reported_events(cs)
            if claim.act in ACCUSING_ACTS | DENYING_ACTS:
                etype = "ACCUSE" if claim.act in ACCUSING_ACTS else "REJECT"
                targets: list[Actor] = []
                if etype == "ACCUSE":
                    # the accused: the doer of the claimed event, else the subject of the claimed clause
                    for e in reported:
                        if e.source is not None and state_hint(ctx, e.source) not in (None, speaker.country):
                            targets = [e.source]
                            break
                    if not targets:
                        for tok in doc[cs.start:cs.end]:
                            if tok.dep_.startswith("nsubj") and tok.i in ctx.mention_at:
                                targets = list(ctx.mention_at[tok.i].actors)
                                break
                else:
                    earlier = [o for o in ctx.claim_index if o.cue < cs.cue and o.claim.act in EARLIER_CLAIM_ACTS
                               and o.speakers and _state_of(ctx, o.speakers[0]).country not in (None, speaker.country)]
                    if earlier:
                        targets = [_state_of(ctx, earlier[-1].speakers[0])]
                targets = [_state_of(ctx, t) for t in targets]
                targets = [t for t in targets if t.country and t.country != speaker.country]
                for target in targets or [None]:
                    new.append(self._claim_event(etype, speaker, target, claim.act, cs))
            elif claim.stance == "assert":
                # "X said the Russian incursion was unlawful": a state saying another attacked it accuses it
                for e in reported:
                    if e.type not in ACCUSABLE_TYPES or e.negated or e.source is None \
                            or e.modality not in (None, "alleged"):
                        continue  # "warned that Tehran would retaliate" accuses nobody
                    accused = _state_of(ctx, e.source)
                    if accused.country and accused.country != speaker.country:
                        new.append(self._claim_event("ACCUSE", speaker, accused, "disapprove", cs))
                        break
        ctx.events.extend(new)

    def _claim_event(self, etype: str, speaker: Actor, target: Actor | None, mode: str | None, cs) -> Event:
        ctx = self.ctx
        info = lexicons.ontology()[etype]
        claim = cs.claim
        event = Event(type=etype, source=speaker.brief(), target=target.brief() if target else None,
                      mode=mode, quad=info["quad"], cameo=cameo_for(etype, mode),
                      trigger=claim.cue, reported_by=[claim.id], uncertain=target is None,
                      evidence=[ctx.evidence(cs.cue)])
        event.id = ctx.new_id("e")
        event._trigger_i = cs.cue  # type: ignore[attr-defined]
        claim.events.append(event.id)
        return event

    def _attribute_transfers(self) -> None:
        for transfer in self.ctx.transfers:
            if not transfer.evidence:
                continue
            start = transfer.evidence[0].start
            for cs in self.ctx.claim_index:
                if cs.claim.content_start is not None and cs.claim.content_start <= start < (cs.claim.content_end or 0):
                    if cs.claim.id not in transfer.reported_by:
                        transfer.reported_by.append(cs.claim.id)

    def _events_from_transfers(self) -> None:
        """An order or purchase is military cooperation between buyer and seller (AID when supplied)."""
        ctx = self.ctx
        info = lexicons.ontology()
        for t in ctx.transfers:
            if not (t.supplier and t.recipient and t.supplier.country and t.recipient.country):
                continue
            if t.supplier.country == t.recipient.country:
                continue
            if t.status == "delivered":
                continue  # systems in service ("Greece uses French jets"): an old deal, not news of cooperation
            if t.evidence and ctx.is_furniture(t.evidence[0].text):
                continue
            if t.status == "alleged":
                etype, src, tgt = "AID", t.supplier, t.recipient
            else:
                etype, src, tgt = "COOPERATE", t.recipient, t.supplier
            if any(e.type in ("COOPERATE", "AID") and {_key(e.source), _key(e.target)} == {_key(src), _key(tgt)}
                   for e in ctx.events):
                continue
            event = Event(type=etype, source=_state_of(ctx, src).brief(), target=_state_of(ctx, tgt).brief(),
                          mode="arms", quad=info[etype]["quad"], cameo=cameo_for(etype, "arms"),
                          trigger=t.system, reported_by=list(t.reported_by),
                          modality="planned" if t.status in ("planned", "offered") else None,
                          evidence=list(t.evidence[:1]))
            event.id = ctx.new_id("e")
            if t.evidence:
                span = ctx.doc.char_span(t.evidence[0].start, t.evidence[0].end, alignment_mode="expand")
                if span is not None and len(span):
                    event._trigger_i = span.root.i  # type: ignore[attr-defined]
            ctx.events.append(event)


def _state_of(ctx: "DocContext", actor: Actor) -> Actor:
    """The country actor behind a state official, for coding state-to-state verbal events."""
    if actor.kind == "country":
        return actor
    country = actor.country or state_hint(ctx, actor)
    if not country:
        return actor
    for other in ctx.actors.values():
        if other.kind == "country" and other.country == country:
            return other
    return dataclasses.replace(actor.brief(), country=country)


def _key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.name


def _absorb(kept: Event, other: Event) -> None:
    """Fold ``other`` into ``kept``: evidence, reporting claims, polarity and modality."""
    kept._merged_ids = [*getattr(kept, "_merged_ids", []), other.id,  # type: ignore[attr-defined]
                        *getattr(other, "_merged_ids", [])]
    kept.evidence.extend(x for x in other.evidence if x not in kept.evidence)
    kept.reported_by.extend(x for x in other.reported_by if x not in kept.reported_by)
    if kept.negated != other.negated:
        kept.modality = "disputed"
        kept.negated = False
    elif kept.modality != "disputed" and (kept.modality is None or other.modality is None):
        kept.modality = None  # a plain statement of the event outweighs a planned or alleged one
    kept.uncertain = kept.uncertain and other.uncertain
    if kept.date is None or kept.date.source == "publication" and other.date is not None and other.date.source == "text":
        kept.date = other.date
    elif other.date is not None and other.date.source == "text" and kept.date.source == "text" \
            and len(other.date.value) > len(kept.date.value) and _dates_compatible(kept.date, other.date):
        kept.date = other.date  # the more precise of two compatible dates ("October" -> "October 25")
    if kept.place is None:
        kept.place = other.place


def _dates_compatible(a, b) -> bool:
    """Two dates can denote one occurrence when one contains the other ("October" and
    "October 25"), or when either is missing or only the publication date."""
    if a is None or b is None or a.source != "text" or b.source != "text":
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def _pair_key(e: Event) -> tuple:
    s, t = _key(e.source), _key(e.target)
    if getattr(e, "_symmetric", False) and s is not None and t is not None:
        s, t = sorted((s, t))
    return (e.type, s, t)


def merge_events(events: list[Event], sentence_of=None) -> list[Event]:
    """One event per proposition in a document (see the module docstring for the rules)."""
    sentence_of = sentence_of or (lambda e: e.evidence[0].sentence if e.evidence else None)
    events = list(events)
    # 1. complementary partials of one sentence: (T, X, None) + (T, None, Y) -> (T, X, Y)
    used: set[int] = set()
    for a in events:
        if id(a) in used or a.source is None or a.target is not None:
            continue
        for b in events:
            if id(b) in used or b is a or b.type != a.type or b.source is not None or b.target is None:
                continue
            if sentence_of(a) != sentence_of(b) or sentence_of(a) is None or _key(b.target) == _key(a.source):
                continue
            ia, ib = getattr(a, "_trigger_i", None), getattr(b, "_trigger_i", None)
            if ia is None or ib is None or abs(ia - ib) > PARTIAL_MERGE_WINDOW:
                continue
            a.target = b.target
            a.uncertain = False
            _absorb(a, b)
            used.add(id(b))
            break
    events = [e for e in events if id(e) not in used]
    # 2. same type, source and target: one event with the evidence of every mention (the most
    #    precise compatible date wins: "talks in October" + "talks on October 25" -> 2025-10-25)
    merged: dict[tuple, Event] = {}
    for e in events:
        key = _pair_key(e)
        if key in merged:
            _absorb(merged[key], e)
        else:
            merged[key] = e
    out = list(merged.values())
    # 3. partial events explained by a complete one of the same type and known side
    complete = [e for e in out if e.source is not None and e.target is not None]
    result: list[Event] = []
    for e in out:
        if e.source is not None and e.target is not None:
            result.append(e)
            continue
        host = None
        for c in complete:
            if c.type != e.type or c.negated != e.negated:
                continue  # a denied deed by unknown hands is not the asserted one
            # sides are interchangeable only between two reciprocal mentions ("clashes" and "fighting");
            # "attacks in Pakistan" by unknown hands is not the Pakistan-Afghanistan border clash
            sym = getattr(c, "_symmetric", False) and getattr(e, "_symmetric", False)
            if e.source is not None and (_key(c.source) == _key(e.source) or sym and _key(c.target) == _key(e.source)):
                host = c
            elif e.target is not None and (_key(c.target) == _key(e.target) or sym and _key(c.source) == _key(e.target)):
                host = c
            if host is not None:
                if sentence_of(c) == sentence_of(e):
                    break  # prefer a host from the same sentence
        if host is None:
            result.append(e)
        else:
            _absorb(host, e)
    return result


def _date_for(ctx: "DocContext", token_i: int | None):
    try:
        from sitrep.resolve.dates import date_for_token
    except ImportError:  # pragma: no cover
        return None
    if token_i is None:
        return None
    return date_for_token(ctx, token_i)


CLAUSAL = {"ccomp", "advcl", "acl", "xcomp", "parataxis", "csubj", "conj"}
LOCATIVE = {"in", "at", "near", "inside", "across", "along", "into", "over", "on", "outside", "off", "around"}


def _place_for(ctx: "DocContext", token_i: int | None, verbal: bool = False):
    """Where the event happened: a place in the trigger's phrase, introduced by a locative word.

    "strikes on the depot in Tartus" -> Tartus. A place that is only an actor
    ("arms purchases from France", "blamed on Kosovo") is a party, not a location, and is skipped.
    """
    if token_i is None:
        return None
    from sitrep.extract.syntax import case_of

    tok = ctx.doc[token_i]
    phrase: list = []
    stack = [tok]
    while stack:  # the trigger's own phrase, not the clauses embedded in it ("refuted claims that X struck Y")
        node = stack.pop()
        phrase.append(node)
        stack.extend(c for c in node.children if c.dep_.split(":")[0] not in CLAUSAL)
    cands = sorted((c for c in phrase if c.i in ctx.place_by_token and c.i != token_i), key=lambda c: c.i)
    if tok.head.i != tok.i and not verbal:
        cands += [c for c in tok.head.children if c.i in ctx.place_by_token and c.i != token_i]
    if verbal:  # "blamed on Kosovo": for a statement, a named state is a party, not the venue
        cands = [c for c in cands if c.i not in ctx.mention_at]
    for c in cands:
        prev = ctx.doc[c.i - 1].lower_ if c.i > 0 else ""
        if case_of(c) in LOCATIVE or prev in LOCATIVE:
            return ctx.place_by_token[c.i]
    for c in cands:
        if c.i not in ctx.mention_at:
            return ctx.place_by_token[c.i]
    return None
