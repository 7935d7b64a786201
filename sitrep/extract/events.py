"""Events: PLOVER type and CAMEO root from a trigger word, actors from the trigger's syntax.

Triggers live in ``data/lexicons/events.yaml``: verbs ("accused", "supplied"), verb-object pairs
("suspended trade ties", "held talks") and nominal triggers ("border clashes between A and B",
"India's accusations"). For each trigger the source is its subject (or possessor, for a noun), the
target the first slot of the trigger's ``target`` list that names an actor. Coordination gives one
event per actor pair. Negation and modality come from the trigger's clause; an event inside a
claim's content is linked to that claim later (``extract.linking``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from sitrep import lexicons
from sitrep.extract.syntax import base, case_of, children, expand_conjuncts, is_negated, objects, prepositional, subjects
from sitrep.model import Actor, Event

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext


class EventExtractor:
    """Pipeline component: fills ``ctx.events``."""

    name = "events"

    def __init__(self) -> None:
        data = lexicons.triggers()
        self.verbs: dict[str, dict] = data["verbs"]
        self.nouns: dict[str, dict] = data["nouns"]
        self.verb_objects: list[dict] = data["verb_objects"]
        self.modality: dict[str, list[str]] = data["modality"]
        self.ontology = lexicons.ontology()
        self.weapons_generic = set(lexicons.weapons()["generic"])

    def __call__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        for tok in ctx.doc:
            for rule, source_side, inverse in self._rules_for(tok):
                self._code(tok, rule, source_side, inverse)

    # -- which rule fires ----------------------------------------------------------------------
    def _rules_for(self, tok: Token) -> list[tuple[dict, str, bool]]:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB",):
            objs = [o.lemma_.lower() for o in children(tok, "obj", "nsubj:pass")]
            for rule in self.verb_objects:
                if lemma in rule["verbs"] and any(o in rule["objects"] for o in objs):
                    return [] if rule.get("type") is None else [(rule, "verb", bool(rule.get("inverse")))]
            if lemma in self.verbs:
                return [(self.verbs[lemma], "verb", False)]
        elif tok.pos_ in ("NOUN", "PROPN"):
            if lemma in self.nouns and not self._is_light_object(tok):
                return [(self.nouns[lemma], "noun", False)]
        return []

    def _is_light_object(self, noun: Token) -> bool:
        """"held talks", "carried out strikes": the verb-object rule already codes the event."""
        head = noun.head
        if base(noun.dep_) in ("obj", "nsubj") and head.pos_ == "VERB":
            lemma = head.lemma_.lower()
            return any(lemma in r["verbs"] and noun.lemma_.lower() in r["objects"] for r in self.verb_objects)
        return False

    # -- coding --------------------------------------------------------------------------------
    def _code(self, trigger: Token, rule: dict, side: str, inverse: bool) -> None:
        ctx = self.ctx
        if side == "verb":
            sources = self._actors_of(subjects(trigger))
        else:
            sources = self._noun_sources(trigger)
        targets = self._targets(trigger, rule.get("target", []), sources)
        if inverse:
            sources, targets = targets, sources
        if rule.get("symmetric") and len(targets) == 0 and len(sources) >= 2:
            sources, targets = sources[:1], sources[1:2]
        if rule.get("symmetric") and not sources and len(targets) >= 2:
            sources, targets = targets[:1], targets[1:2]
        if not sources and not targets:
            return
        if rule.get("needs_target") and not targets:
            return
        if rule.get("needs_source") and not sources:
            return
        if not targets and rule.get("counterpart") and sources:
            counterpart = self._counterpart(sources[0])
            targets = [counterpart] if counterpart else []
        etype = rule["type"]
        info = self.ontology[etype]
        negated = is_negated(trigger) or self._under_negating_verb(trigger)
        modality = self._modality(trigger)
        for src in sources or [None]:
            for tgt in targets or [None]:
                if src is not None and tgt is not None and _same(src, tgt):
                    continue
                if src is None and tgt is None:
                    continue
                event = Event(
                    type=etype,
                    source=src.brief() if src else None,
                    target=tgt.brief() if tgt else None,
                    mode=rule.get("mode"),
                    quad=info["quad"],
                    cameo=str(info["cameo"]),
                    negated=negated,
                    modality=modality,
                    trigger=trigger.text,
                    uncertain=src is None or tgt is None,
                    evidence=[ctx.evidence(trigger.i)],
                )
                event.id = ctx.new_id("e")
                event._trigger_i = trigger.i  # type: ignore[attr-defined]  # for linking, not serialised
                ctx.events.append(event)

    def _actors_of(self, tokens: list[Token]) -> list[Actor]:
        out: list[Actor] = []
        for tok in tokens:
            for t in expand_conjuncts(tok):
                for actor in self._actors_at(t):
                    if actor not in out:
                        out.append(actor)
        return out

    def _actors_at(self, tok: Token) -> list[Actor]:
        mention = self.ctx.mention_at.get(tok.i)
        if mention is not None:
            return [a for a in mention.actors if a.kind != "document"]
        # "Chinese inputs", "Pakistani territory": a state modifier of a non-actor noun
        for c in tok.children:
            if c.dep_ in ("amod", "nmod:poss", "compound") and c.i in self.ctx.mention_at:
                m = self.ctx.mention_at[c.i]
                if m.how in ("country", "demonym", "metonym", "institution", "group"):
                    return list(m.actors)
        return []

    def _noun_sources(self, noun: Token) -> list[Actor]:
        for c in noun.children:
            if c.dep_ in ("nmod:poss",) or (base(c.dep_) == "nmod" and case_of(c) == "by"):
                found = self._actors_of([c])
                if found:
                    return found
        for c in noun.children:
            if base(c.dep_) in ("amod", "compound") and c.i < noun.i:
                found = self._actors_of([c])
                if found:
                    return found
        # appositive mediators: "mediators Turkiye and Qatar"
        for c in noun.children:
            if base(c.dep_) in ("appos", "flat", "compound") and c.i > noun.i:
                found = self._actors_of([c])
                if found:
                    return found
        if noun.dep_ in ("appos",) and noun.head.i in self.ctx.mention_at:
            return self._actors_of([noun.head])
        # the subject of a light verb: "Pakistan steps up arms imports", "India launched strikes"
        if base(noun.dep_) in ("obj",) and noun.head.pos_ == "VERB":
            return self._actors_of(subjects(noun.head))
        return []

    def _targets(self, trigger: Token, slots: list[str], sources: list[Actor]) -> list[Actor]:
        for slot in slots:
            found: list[Actor] = []
            if slot == "obj":
                found = self._actors_of(objects(trigger))
            elif slot == "iobj":
                found = self._actors_of(children(trigger, "iobj"))
            elif slot == "obj_when_actor":
                found = [a for a in self._actors_of(children(trigger, "obj")) if a.kind != "anonymous"]
            elif slot.startswith("prep:"):
                found = self._actors_of(prepositional(trigger, [slot[5:]]))
            elif slot == "obj_owner":
                found = self._owners(objects(trigger))
            elif slot == "obj_maker":
                found = self._owners(objects(trigger), makers=True)
            elif slot == "obj_place":
                found = self._owners(objects(trigger), places=True)
            elif slot in ("ccomp_subj", "that_subj"):
                for c in children(trigger, "ccomp", "acl"):
                    found = self._actors_of(subjects(c)) if c.pos_ in ("VERB", "AUX") else []
                    if found:
                        break
            found = [a for a in found if not any(_same(a, s) for s in sources)]
            if found:
                return found
        return []

    def _owners(self, nouns: list[Token], makers: bool = False, places: bool = False) -> list[Actor]:
        """Whose thing it is: "Islamabad's allegations", "allegations by X", "Chinese-made drones"."""
        out: list[Actor] = []
        for noun in nouns:
            for c in noun.children:
                if c.dep_ == "nmod:poss" or (base(c.dep_) == "nmod" and case_of(c) in ("by", "of", "from")):
                    out += self._actors_of([c])
                if makers or places:
                    if base(c.dep_) in ("amod", "compound", "nmod"):
                        out += self._actors_of([c])
                    if base(c.dep_) == "acl":  # "drones developed by China", "devices operating inside Pakistan"
                        out += self._actors_of([g for g in c.children if base(g.dep_) == "obl"])
                    for g in c.subtree:  # "Chinese-made": the demonym sits under the compound
                        if g.i in self.ctx.mention_at and self.ctx.mention_at[g.i].how == "demonym" and g.i < noun.i:
                            out += list(self.ctx.mention_at[g.i].actors)
            if not out and not makers and not places:
                out += self._earlier_accuser(noun)
        uniq: list[Actor] = []
        for a in out:
            if a not in uniq:
                uniq.append(a)
        return uniq

    def _earlier_accuser(self, noun: Token) -> list[Actor]:
        """"rejected these allegations": whose allegations? The last earlier accusing claim's speaker."""
        if noun.lemma_.lower() not in ("allegation", "accusation", "claim", "charge", "comparison", "report", "it", "them"):
            if not any(c.lower_ in ("these", "those", "such", "the") for c in noun.children) or noun.pos_ != "NOUN":
                return []
        accusers = [cs for cs in self.ctx.claim_index
                    if cs.cue < noun.i and cs.claim.act in ("accuse", "allege", "claim", "state", "insist")
                    and cs.claim.speaker is not None and cs.claim.speaker.country]
        if not accusers:
            return []
        speaker = accusers[-1].claim.speaker
        for actor in self.ctx.actors.values():
            if actor.kind == "country" and actor.country == speaker.country:
                return [actor]
        return []

    def _counterpart(self, source: Actor) -> Actor | None:
        """The state a document pairs with ``source`` most often (for "closed its border")."""
        counts: dict[str, int] = {}
        for m in self.ctx.mentions:
            c = m.actor.country
            if c and c != source.country and m.how in ("country", "metonym", "pair"):
                counts[c] = counts.get(c, 0) + 1
        if not counts:
            return None
        best = max(counts, key=counts.get)
        for actor in self.ctx.actors.values():
            if actor.kind == "country" and actor.country == best:
                return actor
        return None

    def _under_negating_verb(self, trigger: Token) -> bool:
        head = trigger.head
        return base(trigger.dep_) in ("ccomp", "obj") and head.lemma_.lower() in (
            "deny", "refute", "reject", "dismiss") and head is not trigger

    def _modality(self, trigger: Token) -> str | None:
        words = {c.lower_ for c in trigger.children if base(c.dep_) in ("aux", "advmod", "mark")}
        words |= {trigger.head.lemma_.lower()} if base(trigger.dep_) in ("xcomp", "ccomp", "obj") else set()
        for modality in ("hypothetical", "threatened", "requested", "alleged", "planned"):
            if words & set(self.modality.get(modality, [])):
                return modality
        return None


def _same(a: Actor, b: Actor) -> bool:
    if a is b:
        return True
    return bool(a.country) and a.country == b.country and a.kind in ("country",) and b.kind in ("country",)
