"""Tie records together within a document: who reports each event and transfer, and merging.

* an event or transfer whose trigger lies inside a claim's content is ``reported_by`` that claim
  (and the claim lists the event): "Singh stated that China provided Pakistan with intelligence"
  is China -> Pakistan COOPERATE reported by Singh's claim, not a bare fact;
* inside a denial the event is ``negated``; inside an allegation or accusation its modality is
  ``alleged``;
* a claim whose act is an accusation or a denial is itself a verbal event (ACCUSE / REJECT) by its
  speaker, when the trigger words did not already code one;
* events of one document with the same type, source, target and polarity are merged, keeping all
  their evidence and reporting claims.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep import lexicons
from sitrep.model import Actor, Event

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

ACCUSING_ACTS = {"accuse", "allege"}
DENYING_ACTS = {"deny", "reject", "refute", "dismiss"}


class RecordLinker:
    name = "link"

    def __call__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        self._attribute_events()
        self._events_from_claims()
        self._attribute_transfers()
        self._events_from_transfers()
        ctx.events = _merge_events(ctx.events)
        for event in ctx.events:
            if event.date is None:
                event.date = _date_for(ctx, getattr(event, "_trigger_i", None))
            if event.place is None:
                event.place = _place_for(ctx, getattr(event, "_trigger_i", None))

    def _claims_covering(self, token_i: int):
        return [cs for cs in self.ctx.claim_index if cs.start <= token_i < cs.end]

    def _attribute_events(self) -> None:
        for event in self.ctx.events:
            i = getattr(event, "_trigger_i", None)
            if i is None:
                continue
            for cs in self._claims_covering(i):
                event.reported_by.append(cs.claim.id)
                cs.claim.events.append(event.id)
                if cs.claim.act in ACCUSING_ACTS or cs.claim.hedged:
                    event.modality = event.modality or "alleged"
                if cs.claim.stance == "deny" and cs.claim.act in DENYING_ACTS:
                    event.negated = True

    def _events_from_claims(self) -> None:
        ctx = self.ctx
        info = lexicons.ontology()
        doc = ctx.doc
        for cs in ctx.claim_index:
            claim = cs.claim
            if not cs.speakers or claim.act not in ACCUSING_ACTS | DENYING_ACTS:
                continue
            speaker = _state_of(ctx, cs.speakers[0])
            etype = "ACCUSE" if claim.act in ACCUSING_ACTS else "REJECT"
            targets: list[Actor] = []
            if etype == "ACCUSE":
                # the accused: the subject of the claimed clause ("alleged that Turkey supplied ...")
                for tok in doc[cs.start:cs.end]:
                    if tok.dep_.startswith("nsubj") and tok.i in ctx.mention_at:
                        targets = [a for a in ctx.mention_at[tok.i].actors]
                        break
            else:
                earlier = [o for o in ctx.claim_index if o.cue < cs.cue and o.claim.act in ACCUSING_ACTS | {"claim", "state", "insist"}
                           and o.speakers and _state_of(ctx, o.speakers[0]).country != speaker.country]
                if earlier:
                    targets = [_state_of(ctx, earlier[-1].speakers[0])]
            targets = [_state_of(ctx, t) for t in targets]
            targets = [t for t in targets if t.country != speaker.country] or [None]
            for target in targets:
                if any(e.type == etype and _key(e.source) == _key(speaker) and _key(e.target) == _key(target)
                       for e in ctx.events):
                    continue
                event = Event(type=etype, source=speaker.brief(), target=target.brief() if target else None,
                              mode=claim.act, quad=info[etype]["quad"], cameo=str(info[etype]["cameo"]),
                              trigger=claim.cue, reported_by=[claim.id], uncertain=target is None,
                              evidence=[ctx.evidence(cs.cue)])
                event.id = ctx.new_id("e")
                event._trigger_i = cs.cue  # type: ignore[attr-defined]
                claim.events.append(event.id)
                ctx.events.append(event)

    def _attribute_transfers(self) -> None:
        for transfer in self.ctx.transfers:
            if not transfer.evidence:
                continue
            start = transfer.evidence[0].start
            for cs in self.ctx.claim_index:
                if cs.claim.content_start is not None and cs.claim.content_start <= start < (cs.claim.content_end or 0):
                    transfer.reported_by.append(cs.claim.id)

    def _events_from_transfers(self) -> None:
        """An order or purchase is military cooperation between buyer and seller (AID when supplied)."""
        ctx = self.ctx
        info = lexicons.ontology()
        for t in ctx.transfers:
            if not (t.supplier and t.recipient and t.supplier.country and t.recipient.country):
                continue
            if t.status == "delivered" and not t.reported_by:
                continue  # systems in service: an old deal, not news of cooperation
            etype, src, tgt = ("AID", t.supplier, t.recipient) if t.status in ("alleged",) else ("COOPERATE", t.recipient, t.supplier)
            if any(e.type in ("COOPERATE", "AID") and {_key(e.source), _key(e.target)} == {_key(src), _key(tgt)}
                   for e in ctx.events):
                continue
            event = Event(type=etype, source=_state_of(ctx, src).brief(), target=_state_of(ctx, tgt).brief(),
                          mode="arms", quad=info[etype]["quad"], cameo=str(info[etype]["cameo"]),
                          trigger=t.system, reported_by=list(t.reported_by),
                          modality="planned" if t.status in ("planned", "offered") else None,
                          evidence=list(t.evidence[:1]))
            event.id = ctx.new_id("e")
            ctx.events.append(event)


def _state_of(ctx: "DocContext", actor: Actor) -> Actor:
    """The country actor behind a state official, for coding state-to-state verbal events."""
    if actor.kind == "country" or not actor.country:
        return actor
    for other in ctx.actors.values():
        if other.kind == "country" and other.country == actor.country:
            return other
    return actor


def _key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.name


def _merge_events(events: list[Event]) -> list[Event]:
    merged: dict[tuple, Event] = {}
    for e in events:
        key = (e.type, _key(e.source), _key(e.target), e.negated)
        if key in merged:
            kept = merged[key]
            kept.evidence.extend(x for x in e.evidence if x not in kept.evidence)
            kept.reported_by.extend(x for x in e.reported_by if x not in kept.reported_by)
            kept.uncertain = kept.uncertain and e.uncertain
        else:
            merged[key] = e
    return list(merged.values())


def _date_for(ctx: "DocContext", token_i: int | None):
    try:
        from sitrep.resolve.dates import date_for_token
    except ImportError:  # pragma: no cover
        return None
    if token_i is None:
        return date_for_token(ctx, None) if ctx.dates is not None else None
    return date_for_token(ctx, token_i)


def _place_for(ctx: "DocContext", token_i: int | None):
    if token_i is None:
        return None
    tok = ctx.doc[token_i]
    for c in tok.subtree:
        if c.i in ctx.place_by_token and c.i != token_i:
            return ctx.place_by_token[c.i]
    for c in tok.head.children if tok.head is not tok else []:
        if c.i in ctx.place_by_token:
            return ctx.place_by_token[c.i]
    return None
