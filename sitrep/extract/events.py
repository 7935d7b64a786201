"""Events: PLOVER type and CAMEO root from a trigger word, actors from the trigger's syntax.

Triggers live in ``data/lexicons/events.yaml``: verbs ("accused", "supplied"), verb-object pairs
("suspended trade ties", "held talks") and nominal triggers ("border clashes between A and B",
"India's accusations"). For each trigger the source is its subject (or possessor, for a noun), the
target the first slot of the trigger's ``target`` list that names an actor. Coordination gives one
event per actor pair. Negation and modality come from the trigger's clause; an event inside a
claim's content is linked to that claim later (``extract.linking``).

Why two readings of every slot. The dependency parse is the first reading, but news sentences are
long and a small parser attaches "to Ukraine" to the last noun of a list, tags "deny" as a noun
or hangs the object of "provided" off the complementiser. Every slot therefore has a second,
surface reading used only when the parse gives nothing: the actor right after the verb (object),
"to/with/against X" later in the same clause (prepositional slots), the actor right before the
verb (subject), "X's" or a demonym right before a noun (possessor). Clause boundaries come from a
word list in the lexicon, so the fallback never reaches into the next clause.

Precision rules: an event needs a lexicon trigger and at least one actor coded to a state (the
scorer and the analyst both read countries; a person nobody could place is no basis for a
state-level event); "anonymous" and "document" actors never fill a slot unless a possessor
places them ("its senior diplomats"); link lines ("Read- ...") are skipped; a noun is coded as its
own event only when a light verb did not already code it ("held talks", "carried out strikes");
vague verbs need their target ("provide", "meet", "visit"). Modality: planned ("would visit",
"is considering"), ordered ("ordered strikes"), threatened, requested, alleged, hypothetical.
Object control ("accused Y of attacking Z": Y attacks) and participle agents ("talks mediated by
Egypt") are read before the plain subject.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacy.tokens import Token

from sitrep import lexicons
from sitrep.extract.syntax import (base, case_of, children, expand_conjuncts, is_negated, is_passive, objects,
                                   prepositional, subjects)
from sitrep.model import Actor, Event

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext
    from sitrep.resolve.actors import Mention

POSSESSIVE = {"'s", "’s", "'", "’"}
COORDINATORS = {"and", ",", "&", "as well as"}
PASSIVE_AUX = {"be", "is", "are", "was", "were", "been", "being", "get", "gets", "got", "getting"}
NP_FILLER_POS = {"DET", "ADJ", "NUM", "ADV"}
DEFAULT_NOUN_SOURCES = ["poss", "by", "amod", "appos"]
# where the complement of "threatened to ...", "offered to ...", "refused to ..." names its target
COMPLEMENT_SLOTS = ["obj_when_actor", "prep:with", "prep:to", "prep:against", "prep:on", "prep:from", "obj_owner", "obj"]


class EventExtractor:
    """Pipeline component: fills ``ctx.events``."""

    name = "events"

    def __init__(self) -> None:
        data = lexicons.triggers()
        self.verbs: dict[str, dict] = data["verbs"]
        self.nouns: dict[str, dict] = data["nouns"]
        self.verb_objects: list[dict] = data["verb_objects"]
        self.modality: dict[str, list[str]] = data["modality"]
        self.light_verbs: set[str] = set(data.get("light_verbs", []))
        self.boundaries: set[str] = {w.lower() for w in data.get("clause_boundaries", [])}
        self.skippable: set[str] = {w.lower() for w in data.get("surface_skippable", [])}
        self.negation_words: set[str] = {w.lower() for w in data.get("negation_words", [])}
        self.negating_heads: set[str] = set(data.get("negating_heads", []))
        self.object_verbs = {v for r in self.verb_objects for v in r["verbs"]}
        self.counterpart_types: set[str] = set(data.get("counterpart_types", []))
        self.maker_words: set[str] = {w.lower() for w in data.get("maker_words", [])}
        self.object_control: set[str] = set(data.get("object_control_verbs", []))
        self.ontology = lexicons.ontology()

    def __call__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        for sent in ctx.doc.sents:
            if ctx.is_furniture(sent.text):
                continue  # a link line to another story reports that story's events
            plan: list[tuple[Token, dict, str]] = []
            consumed: set[int] = set()
            # a trigger word inside a name is no event ("ISIL's War Committee", "the Strike Corps")
            named = {tok.i for tok in sent if self._in_name(tok)}
            verbal = {tok.i for tok in sent if tok.i not in named and self._verbal(tok)}
            for tok in sent:
                if tok.i not in verbal:
                    continue
                hit = self._verb_object(tok)
                if hit is not None:
                    rule, noun = hit
                    consumed.add(noun.i)
                    if rule.get("type"):
                        plan.append((tok, rule, "verb"))
                    continue
                rule = self._verb_rule(tok)
                if rule is not None:
                    plan.append((tok, rule, "verb"))
            for tok in sent:
                if tok.i in consumed or tok.i in verbal or tok.i in named:
                    continue
                rule = self._noun_rule(tok)
                if rule is not None:
                    plan.append((tok, rule, "noun"))
            for tok, rule, side in sorted(plan, key=lambda p: p[0].i):
                self._code(tok, rule, side)

    # -- which rule fires ----------------------------------------------------------------------
    def _in_name(self, tok: Token) -> bool:
        """Part of a multi-word actor name (an institution, a group, an operation)."""
        m = self.ctx.mention_at.get(tok.i)
        return m is not None and m.end - m.start > 1 and m.how not in ("pronoun", "pair") and tok.is_title

    def _verbal(self, tok: Token) -> bool:
        """A verb, or a verb-only trigger word the tagger mistook for a noun ("the rebels deny ...")."""
        if tok.pos_ == "VERB":
            return True
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN") or lemma not in self.verbs:
            return False
        if lemma in self.nouns or tok.lower_ in self.nouns or not tok.is_lower:
            return False
        if tok.i == tok.sent.start or base(tok.dep_) in ("nsubj", "obj", "iobj", "obl", "nmod", "appos", "compound"):
            return False  # the parser sees a nominal argument: "the RT host", "Hanoi's demand"
        prev = tok.doc[tok.i - 1]
        if prev.pos_ in ("AUX", "PART") or prev.lower_ in ("not", "also"):
            return True  # "has denied", "did not deny"
        # right after an actor only in a form no noun takes: "the rebels deny", "Hanoi suspended";
        # "Indian exports" is a noun phrase
        return prev.i in self.ctx.mention_at and (tok.lower_ == lemma or tok.lower_.endswith("ed"))

    def _verb_rule(self, tok: Token) -> dict | None:
        lemma = tok.lemma_.lower()
        for prt in self._particles(tok):
            key = f"{lemma} {prt}"
            if key in self.verbs:
                return self.verbs[key]
        rule = self.verbs.get(lemma)
        if rule is None:
            return None
        if set(self._particles(tok)) & set(rule.get("not_with", [])):
            return None  # "seized upon a remark", "signed up with a network"
        wanted = rule.get("particle_or_prep")
        if wanted:
            nxt = [t.lower_ for t in self._right(tok, limit=8)]
            if not any(w in nxt for w in wanted) and not any(c.lower_ in wanted for c in tok.children):
                return None
        return rule

    @staticmethod
    def _particles(tok: Token) -> list[str]:
        out = [c.lower_ for c in tok.children if c.dep_ in ("compound:prt", "prt")]
        if tok.i + 1 < tok.sent.end and tok.doc[tok.i + 1].lower_ in ("down", "up", "out", "off", "back", "upon", "on"):
            out.append(tok.doc[tok.i + 1].lower_)
        return out

    def _noun_rule(self, tok: Token) -> dict | None:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return self.nouns.get(tok.lemma_.lower()) or self.nouns.get(tok.lower_)

    def _object_candidates(self, verb: Token) -> list[Token]:
        """Nouns that may be the verb's object: from the parse and from the next few words."""
        cands = [c for c in verb.children if base(c.dep_) in ("obj", "nsubj") and c.dep_ != "nsubj"]
        cands += [c for c in verb.children if c.dep_ in ("nsubj:pass", "nsubjpass")]
        cands += [c for c in verb.children if base(c.dep_) == "obl" and case_of(c) in ("with", "out", None)]
        for c in list(cands):
            cands += [g for g in c.children if g.dep_ == "compound"]
        if verb.dep_ in ("amod", "acl") and verb.head.i > verb.i:  # "suspended trade ties" parsed as a modifier
            cands.append(verb.head)
            cands += [g for g in verb.head.children if g.dep_ == "compound"]
        for t in self._right(verb, limit=7):
            if t.pos_ in ("NOUN", "PROPN"):
                cands.append(t)
        return cands

    def _verb_object(self, verb: Token) -> tuple[dict, Token] | None:
        lemma = verb.lemma_.lower()
        if lemma not in self.object_verbs:
            return None
        cands = self._object_candidates(verb)
        for rule in self.verb_objects:
            if lemma not in rule["verbs"]:
                continue
            for c in cands:
                if c.lower_ in rule["objects"] or c.lemma_.lower() in rule["objects"]:
                    return rule, c
        return None

    def _is_light_object(self, noun: Token) -> Token | None:
        """The light verb whose object ``noun`` is ("launched strikes", "placed orders"), if any."""
        head = noun.head
        if base(noun.dep_) in ("obj", "obl", "nsubj") and head.pos_ == "VERB" and head.lemma_.lower() in self.light_verbs:
            return head
        i, steps = noun.i - 1, 0
        while i >= noun.sent.start and steps < 5:
            t = noun.doc[i]
            if t.pos_ == "VERB" and t.lemma_.lower() in self.light_verbs:
                return t
            if t.pos_ in NP_FILLER_POS or t.lower_ in self.skippable \
                    or t.pos_ in ("NOUN", "ADP", "PUNCT") and t.lower_ not in self.boundaries:
                i -= 1
                steps += 1
                continue
            break
        return None

    # -- coding --------------------------------------------------------------------------------
    def _code(self, trigger: Token, rule: dict, side: str) -> None:
        ctx = self.ctx
        inverse = bool(rule.get("inverse"))
        if side == "verb":
            sources = self._verb_sources(trigger, rule)
        else:
            sources = self._noun_sources(trigger, rule)
        targets = self._targets(trigger, rule.get("target", []), sources)
        if inverse:
            sources, targets = targets, sources
        if rule.get("symmetric") and len(targets) == 0 and len(sources) >= 2 \
                and not (side == "noun" and trigger.tag_ == "NNS"):  # "the Syrian and Yemeni wars": two wars
            sources, targets = sources[:1], sources[1:2]
        if rule.get("symmetric") and not sources and len(targets) >= 2:
            sources, targets = targets[:1], targets[1:2]
        if not sources and not targets:
            return
        guessed = False  # a target inferred from the document rather than read from the sentence
        if not targets and rule.get("untargeted"):
            # "Russia held military exercises in Alaska": alone, an exercise is a show of force
            rule = {**rule, **rule["untargeted"], "needs_target": False}
        if rule.get("needs_target") and not targets:
            return
        if rule.get("needs_source") and not sources:
            return
        if not targets and sources and (rule.get("counterpart") or rule["type"] in self.counterpart_types
                                        and sources[0].country and not rule.get("symmetric")):
            # symmetric triggers ("civil war", "clashes") name both sides or are internal
            counterpart = self._counterpart(sources[0], dominant=not rule.get("counterpart"))
            targets = [counterpart] if counterpart else []
            guessed = bool(counterpart)
        if rule.get("source_country"):
            sources = [a for a in sources if a.country]
            if not sources:
                return
        if not any(a.country for a in sources + targets):
            return  # persons and groups nobody could place are no basis for a state-level event
        etype = rule["type"]
        info = self.ontology[etype]
        negated = self._negated(trigger)
        if negated and side == "noun" and info["quad"].startswith("verbal") and self._under_negating_verb(trigger):
            negated = False  # "denied the allegations": the allegation was made; its content is denied
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
                    cameo=cameo_for(etype, rule.get("mode")),
                    negated=negated,
                    modality=modality,
                    trigger=trigger.text,
                    uncertain=src is None or tgt is None or guessed,
                    evidence=[ctx.evidence(trigger.i)],
                )
                event.id = ctx.new_id("e")
                # for linking and merging; not serialised
                event._trigger_i = trigger.i  # type: ignore[attr-defined]
                event._symmetric = bool(rule.get("symmetric"))  # type: ignore[attr-defined]
                ctx.events.append(event)

    # -- actors at tokens ---------------------------------------------------------------------
    def _mention_actors(self, tok: Token) -> list[Actor]:
        """Coded actors of the mention at ``tok``; uncoded groups borrow a possessor's country."""
        mention = self.ctx.mention_at.get(tok.i)
        if mention is None:
            return []
        out: list[Actor] = []
        for a in mention.actors:
            if a.kind == "document":
                continue
            if not a.country:
                hint = state_hint(self.ctx, a) if a.kind == "person" else None
                if hint:
                    a = dataclasses.replace(a.brief(), country=hint)
                else:
                    # "its senior diplomats", "Chile's Operation Southern Shield": the possessor's country
                    owner = self._possessor_of(mention)
                    if owner:
                        a = dataclasses.replace(a.brief(), country=owner[0].country)
                    elif a.kind in ("anonymous", "group") or not _named(a):
                        continue
            if a not in out:
                out.append(a)
        return out

    def _possessor_of(self, mention: "Mention") -> list[Actor]:
        """"its senior diplomats": the state the possessive points to."""
        doc = self.ctx.doc
        head = doc[mention.head] if mention.head is not None else doc[mention.end - 1]
        cands = [c for c in head.children if c.dep_ == "nmod:poss"]
        for c in cands:
            m = self.ctx.mention_at.get(c.i)
            if m is not None and m is not mention:
                return [a for a in m.actors if a.country]
        # surface: "its officials", "Chile's March 3 Operation Southern Shield" (possessive within a few words)
        i, steps = mention.start - 1, 0
        while i >= head.sent.start and steps < 5:
            t = doc[i]
            m = self.ctx.mention_at.get(i)
            if m is not None and m is not mention:
                if t.lower_ in ("its", "their", "his", "her") or i + 1 < len(doc) and doc[i + 1].lower_ in POSSESSIVE:
                    return [a for a in m.actors if a.country]
                return []
            if t.lower_ in POSSESSIVE or t.pos_ in ("ADJ", "NUM", "DET") or t.pos_ == "PROPN" and t.ent_type_ == "DATE" \
                    or t.pos_ in ("NOUN", "PROPN") and i >= mention.start - 3:
                i -= 1
                steps += 1
                continue
            break
        return []

    def _actors_of(self, tokens: list[Token]) -> list[Actor]:
        out: list[Actor] = []
        for tok in tokens:
            for t in expand_conjuncts(tok):
                for actor in self._actors_at(t):
                    if actor not in out:
                        out.append(actor)
        return out

    def _actors_at(self, tok: Token) -> list[Actor]:
        if tok.i in self.ctx.mention_at:
            return self._mention_actors(tok)
        # "Turkish data", "Greek territory": a state modifier of a non-actor noun
        # "its foreign minister": a possessive pronoun that resolves to a state
        for c in tok.children:
            if c.dep_ in ("amod", "nmod:poss", "compound") and c.i in self.ctx.mention_at:
                m = self.ctx.mention_at[c.i]
                if m.how == "pronoun" and c.dep_ != "nmod:poss":
                    continue
                if m.how in ("country", "demonym", "metonym", "institution", "group", "pronoun") and not self._maker(m):
                    return [a for a in self._mention_actors(c) if a.country]
        return []

    def _maker(self, mention: "Mention") -> bool:
        """"Chinese-made drones": the demonym names who built the thing, not who owns or is hit."""
        doc = self.ctx.doc
        following = [t.lower_ for t in doc[mention.end: min(mention.end + 2, len(doc))]]
        return any(w in self.maker_words for w in following)

    # -- surface reading -----------------------------------------------------------------------
    def _ends_clause(self, t: Token) -> bool:
        if t.lower_ in self.boundaries or t.text in (".", "!", "?"):
            return True
        if t.text == "," and t.i + 1 < t.sent.end:
            nxt = t.doc[t.i + 1]
            return nxt.pos_ in ("SCONJ", "PRON") or (nxt.pos_ == "VERB" and nxt.dep_ not in ("amod", "compound"))
        return False

    def _right(self, tok: Token, limit: int = 25) -> list[Token]:
        """The words after ``tok`` up to the end of its clause."""
        out = []
        for t in tok.doc[tok.i + 1: tok.sent.end]:
            if self._ends_clause(t) or len(out) >= limit:
                break
            if t.pos_ == "VERB" and t.tag_.startswith("VB") and t.tag_ != "VBN" and t.dep_ not in ("amod", "compound") \
                    and out:
                break  # the next clause's verb (the tag must agree: taggers call "batteries" a VERB)
            out.append(t)
        return out

    def _is_possessor(self, t: Token) -> bool:
        m = self.ctx.mention_at.get(t.i)
        end = m.end if m is not None else t.i + 1
        return end < t.sent.end and t.doc[end].lower_ in POSSESSIVE

    def _coordinated_right(self, t: Token) -> list[Actor]:
        """The actors of the mention at ``t`` and of mentions coordinated after it ("Norway and Oman")."""
        doc = self.ctx.doc
        out = list(self._mention_actors(t))
        m = self.ctx.mention_at[t.i]
        i = m.end
        while i < t.sent.end:
            while i < t.sent.end and doc[i].lower_ in POSSESSIVE:
                i += 1
            if i >= t.sent.end or doc[i].lower_ not in COORDINATORS:
                break
            j = i + 1
            while j < t.sent.end and (doc[j].lower_ in COORDINATORS or doc[j].pos_ == "DET"):
                j += 1
            nxt = self.ctx.mention_at.get(j)
            if nxt is None or nxt is m:
                break
            out += [a for a in self._mention_actors(doc[j]) if a not in out]
            m, i = nxt, nxt.end
        return out

    def _coordinated_left(self, t: Token) -> list[Actor]:
        """The actors of the mention at ``t`` and of mentions coordinated before it."""
        doc = self.ctx.doc
        m = self.ctx.mention_at[t.i]
        out = list(self._mention_actors(t))
        i = m.start - 1
        while i > t.sent.start and doc[i].lower_ in COORDINATORS:
            j = i - 1
            while j > t.sent.start and doc[j].lower_ in COORDINATORS | POSSESSIVE:
                j -= 1
            prev = self.ctx.mention_at.get(j)
            if prev is None or prev is m:
                break
            out = [a for a in self._mention_actors(doc[j]) if a not in out] + out
            m, i = prev, prev.start - 1
        return out

    def _left_subject(self, tok: Token) -> list[Actor]:
        """The actor right before a verb, past auxiliaries and adverbs ("the rebels have not denied")."""
        doc = self.ctx.doc
        i = tok.i - 1
        while i >= tok.sent.start:
            t = doc[i]
            if t.i in self.ctx.mention_at:
                if self._is_possessor(t):
                    return []
                return self._coordinated_left(t)
            if t.lower_ == "to":
                break  # "sent fighters to Syria to support ...": Syria is the earlier verb's goal
            if t.lower_ in self.skippable or t.pos_ in ("AUX", "PART") \
                    or t.pos_ == "ADV" and t.lower_ not in self.boundaries:
                i -= 1
                continue
            if t.pos_ == "NOUN":  # "its foreign minister would visit", "Egypt's navy seized"
                for j in range(i - 1, max(i - 4, tok.sent.start - 1), -1):
                    u = doc[j]
                    m = self.ctx.mention_at.get(j)
                    if m is not None:
                        if u.lower_ in ("its", "their") or j + 1 < len(doc) and doc[j + 1].lower_ in POSSESSIVE:
                            return [a for a in self._mention_actors(u) if a.country]
                        break
                    if u.pos_ not in ("ADJ", "NOUN", "PROPN") and u.lower_ not in POSSESSIVE:
                        break
            break
        # "X played a role in supporting Y": the gerund's subject is the clause's subject
        if tok.tag_ == "VBG" and i >= tok.sent.start and doc[i].lower_ in ("in", "by", "for", "of"):
            j, steps = i - 1, 0
            while j >= tok.sent.start and steps < 6:
                t = doc[j]
                if t.pos_ == "VERB":
                    return self._dep_subjects(t) or self._left_subject(t)
                if t.pos_ in ("NOUN", "ADJ", "DET", "ADV", "NUM"):
                    j -= 1
                    steps += 1
                    continue
                break
        return []

    def _surface_slot(self, trigger: Token, slot: str) -> list[Actor]:
        doc = self.ctx.doc
        mention_at = self.ctx.mention_at
        win = self._right(trigger)
        if slot in ("obj", "iobj", "obj_when_actor"):
            if trigger.pos_ == "VERB" and self._passive(trigger):
                return self._left_subject(trigger)  # "Armenian villages were shelled": the patient stands first
            for t in win:
                if t.lower_ in self.skippable or t.pos_ == "DET":
                    continue
                if t.i in mention_at and not self._is_possessor(t):
                    if self._maker(mention_at[t.i]):
                        break  # "destroyed Iranian-made drones": the maker is not the one hit
                    return self._coordinated_right(t)
                break
            return []
        if slot.startswith("prep:") or slot == "obj_place":
            preps = {slot[5:]} if slot.startswith("prep:") else {"in", "inside", "into"}
            nominal = trigger.pos_ != "VERB" and not self._verbal(trigger)
            for k, t in enumerate(win):
                if nominal and k > 1:
                    break  # a noun's own phrase follows it: "strikes on X", not "... except for X"
                if t.lower_ not in preps:
                    continue
                for u in win[k + 1: k + 8]:
                    if u.i in mention_at:
                        return self._coordinated_right(u)
                    if u.pos_ in NP_FILLER_POS or u.pos_ in ("NOUN", "PROPN") or u.text in ("-", "–") \
                            or u.lower_ in self.skippable or u.lower_ in ("of", "in"):
                        continue
                    break
            return []
        if slot == "obj_owner":
            # "rejected Iraq's proposal", "rejected an Indian proposal", "rejected an offer from X"
            for k, t in enumerate(win[:7]):
                if t.i in mention_at:
                    m = mention_at[t.i]
                    if self._is_possessor(t):
                        return self._coordinated_right(t)
                    nxt = doc[m.end] if m.end < t.sent.end else None
                    if m.how in ("demonym", "country", "metonym") and nxt is not None and nxt.pos_ in ("NOUN", "ADJ") \
                            and not self._maker(m):
                        return self._mention_actors(t)
                    if k > 0 and win[k - 1].lower_ in ("from", "by"):
                        return self._coordinated_right(t)
                    return []
            return []
        if slot == "obj_maker":
            for t in win[:6]:
                m = mention_at.get(t.i)
                if m is not None and m.how == "demonym":
                    return self._mention_actors(t)
            return []
        if slot == "xcomp":
            # "threatened to cut off power to X", "offered to negotiate with X", "refused to meet X"
            nxt = doc[trigger.i + 1: min(trigger.i + 4, trigger.sent.end)]
            for k, t in enumerate(nxt):
                if t.lower_ == "to" and k + 1 < len(nxt) and nxt[k + 1].pos_ in ("VERB", "AUX"):
                    verb = nxt[k + 1]
                    for sub in COMPLEMENT_SLOTS:
                        found = self._surface_slot(verb, sub)
                        if found:
                            return found
                    break
            return []
        if slot in ("ccomp_subj", "that_subj"):
            raw = list(doc[trigger.i + 1: min(trigger.i + 6, trigger.sent.end)])
            for k, t in enumerate(raw):
                if t.lower_ != "that":
                    continue
                for u in doc[t.i + 1: min(t.i + 6, trigger.sent.end)]:
                    if u.i in mention_at:
                        return [] if self._is_possessor(u) else self._coordinated_right(u)
                    if u.pos_ in NP_FILLER_POS or u.lower_ in self.skippable:
                        continue
                    break
                break
            return []
        return []

    # -- sources ---------------------------------------------------------------------------------
    def _dep_subjects(self, verb: Token) -> list[Actor]:
        return self._actors_of(subjects(verb))

    def _passive(self, verb: Token) -> bool:
        """"was attacked", "being deported": the parse's passive marks, or a participle after a form of be."""
        if is_passive(verb):
            return True
        if verb.tag_ != "VBN":
            return False
        if verb.dep_ in ("acl", "advcl", "amod") and not any(c.dep_ in ("nsubj", "aux") for c in verb.children):
            # a reduced passive ("the talks mediated by Iraq", "devices destroyed in the raid"), unless an
            # actor or a perfect auxiliary stands right before it ("Peru had conducted", "Serbia blamed")
            i = verb.i - 1
            while i >= verb.sent.start and verb.doc[i].pos_ == "ADV":
                i -= 1
            prev = verb.doc[i] if i >= verb.sent.start else None
            return prev is None or (prev.i not in self.ctx.mention_at and prev.lower_ not in ("had", "has", "have", "'d"))
        before = [t.lower_ for t in verb.doc[max(verb.i - 3, verb.sent.start): verb.i]]
        return any(w in PASSIVE_AUX for w in before)

    def _controller(self, verb: Token) -> list[Actor]:
        """"accused Israel of carrying out strikes", "urged Hanoi to act": the governing verb's object acts."""
        doc = self.ctx.doc
        head = verb.head
        if head is not verb and base(verb.dep_) in ("advcl", "xcomp", "acl", "ccomp") \
                and head.lemma_.lower() in self.object_control:
            objs = [c for c in head.children if base(c.dep_) in ("obj", "iobj") and c.i < verb.i]
            found = self._actors_of(objs)
            if found:
                return found
        i = verb.i - 1
        if i - 1 > verb.sent.start and doc[i].lower_ in ("of", "for", "with", "to", "from", "against") \
                and (i - 1) in self.ctx.mention_at:
            m = self.ctx.mention_at[i - 1]
            k = m.start - 1
            while k >= verb.sent.start and (doc[k].pos_ == "DET" or doc[k].lower_ in ("on", "upon")):
                k -= 1
            if k >= verb.sent.start and doc[k].lemma_.lower() in self.object_control and doc[k].pos_ == "VERB":
                return self._coordinated_left(doc[i - 1])
        return []

    def _verb_sources(self, trigger: Token, rule: dict) -> list[Actor]:
        controlled = self._controller(trigger)
        if controlled:
            return controlled
        if trigger.tag_ == "VBN":  # "talks mediated by Iraq": a participle's agent is its by-phrase
            agents = [c for c in trigger.children if base(c.dep_) == "obl" and case_of(c) == "by"]
            if agents:
                return self._actors_of(agents)
        found = self._dep_subjects(trigger)
        if found or self._passive(trigger):
            return found  # the actor before a passive verb is its patient, not its agent
        return self._left_subject(trigger)

    def _noun_sources(self, noun: Token, rule: dict) -> list[Actor]:
        slots = list(rule.get("source") or DEFAULT_NOUN_SOURCES)
        if rule.get("appositive_source") and "appos" not in slots:
            slots.append("appos")
        for slot in slots:
            found = self._dep_noun_source(noun, slot)
            if found:
                return found
        for slot in slots:
            found = self._surface_noun_source(noun, slot)
            if found:
                return found
        light = self._is_light_object(noun)
        if light is not None:  # "Egypt ramps up arms purchases", "Israel launched strikes"
            return self._dep_subjects(light) or self._left_subject(light)
        return []

    def _dep_noun_source(self, noun: Token, slot: str) -> list[Actor]:
        if slot == "poss":
            return self._actors_of([c for c in noun.children if c.dep_ == "nmod:poss"])
        if slot == "by":
            return self._actors_of([c for c in noun.children if base(c.dep_) == "nmod" and case_of(c) == "by"])
        if slot == "amod":
            # "Indian strikes", "US sanctions"; a capital before the noun is the venue ("the Minsk agreements")
            mods = [c for c in noun.children if base(c.dep_) in ("amod", "compound") and c.i < noun.i
                    and not (c.i in self.ctx.mention_at and self.ctx.mention_at[c.i].how == "metonym")]
            return self._actors_of(mods)
        if slot == "appos":
            found = self._actors_of([c for c in noun.children
                                     if base(c.dep_) in ("appos", "flat", "compound") and c.i > noun.i])
            if not found and noun.dep_ == "appos" and noun.head.i in self.ctx.mention_at:
                found = self._actors_of([noun.head])
            return found
        if slot.startswith("prep:"):
            return self._actors_of(prepositional(noun, [slot[5:]]))
        return []

    def _surface_noun_source(self, noun: Token, slot: str) -> list[Actor]:
        doc = self.ctx.doc
        mention_at = self.ctx.mention_at
        if slot in ("poss", "amod"):
            i, steps = noun.i - 1, 0
            while i >= noun.sent.start and steps < 5:
                t = doc[i]
                if t.lower_ in POSSESSIVE and slot == "poss":
                    if i - 1 >= noun.sent.start and (i - 1) in mention_at:
                        return self._coordinated_left(doc[i - 1])
                    return []
                if t.i in mention_at:
                    m = mention_at[t.i]
                    if slot == "amod" and m.how in ("demonym", "country", "institution") and not self._is_possessor(t):
                        return self._mention_actors(t)
                    return []
                if t.pos_ in ("ADJ", "NUM", "ADV") or t.pos_ in ("NOUN", "PROPN") and t.is_lower or t.text in ("-",) \
                        or t.pos_ == "PROPN" and t.ent_type_ in ("DATE",):
                    i -= 1
                    steps += 1
                    continue
                if t.pos_ == "PROPN" and slot == "poss":  # "Chile's March 3 Operation ..."
                    i -= 1
                    steps += 1
                    continue
                break
            return []
        if slot == "by" or slot.startswith("prep:"):
            prep = "by" if slot == "by" else slot[5:]
            nxt = noun.i + 1
            if nxt < noun.sent.end and doc[nxt].lower_ == prep:
                for u in doc[nxt + 1: min(nxt + 5, noun.sent.end)]:
                    if u.i in mention_at:
                        return self._coordinated_right(u)
                    if u.pos_ in NP_FILLER_POS or u.lower_ in self.skippable:
                        continue
                    break
            return []
        if slot == "appos":
            nxt = noun.i + 1
            if nxt < noun.sent.end and nxt in mention_at:
                return self._coordinated_right(doc[nxt])
        return []

    # -- targets ---------------------------------------------------------------------------------
    def _targets(self, trigger: Token, slots: list[str], sources: list[Actor]) -> list[Actor]:
        for reading in ("dep", "surface"):
            for slot in slots:
                if reading == "dep":
                    found = self._dep_slot(trigger, slot)
                else:
                    found = self._surface_slot(trigger, slot)
                found = [a for a in found if not any(_same(a, s) or a is s for s in sources)]
                if found:
                    return found
        # anaphoric objects: "rejected these allegations" -> whose allegations?
        if any(s in ("obj_owner",) for s in slots):
            return [a for a in self._earlier_accuser_of(trigger) if not any(_same(a, s) for s in sources)]
        return []

    def _dep_slot(self, trigger: Token, slot: str) -> list[Actor]:
        if slot == "obj":
            return self._actors_of(objects(trigger))
        if slot == "iobj":
            return self._actors_of(children(trigger, "iobj"))
        if slot == "obj_when_actor":
            return self._actors_of(children(trigger, "obj"))
        if slot.startswith("prep:"):
            found = self._actors_of(prepositional(trigger, [slot[5:]]))
            if not found:  # "supplied tanks and training to Ukraine": the phrase hangs off the object
                for obj in objects(trigger) if trigger.pos_ == "VERB" else []:
                    for o in expand_conjuncts(obj):
                        found += [a for a in self._actors_of(prepositional(o, [slot[5:]])) if a not in found]
            return found
        if slot == "obj_owner":
            return self._owners(objects(trigger))
        if slot == "obj_maker":
            return self._owners(objects(trigger), makers=True)
        if slot == "obj_place":
            return self._owners(objects(trigger), places=True)
        if slot in ("ccomp_subj", "that_subj"):
            for c in children(trigger, "ccomp", "acl"):
                found = self._actors_of(subjects(c)) if c.pos_ in ("VERB", "AUX") else []
                if found:
                    return found
        if slot == "xcomp":
            for c in children(trigger, "xcomp"):
                if c.pos_ == "VERB":
                    for sub in COMPLEMENT_SLOTS:
                        found = self._dep_slot(c, sub)
                        if found:
                            return found
        return []

    def _owners(self, nouns: list[Token], makers: bool = False, places: bool = False) -> list[Actor]:
        """Whose thing it is: "Islamabad's allegations", "allegations by X", "Chinese-made drones"."""
        out: list[Actor] = []
        for noun in nouns:
            for c in noun.children:
                if c.dep_ == "nmod:poss" or (base(c.dep_) == "nmod" and case_of(c) in ("by", "from")):
                    out += self._actors_of([c])
                elif not makers and not places and base(c.dep_) in ("amod", "compound") and c.i < noun.i \
                        and c.i in self.ctx.mention_at:  # "an Indian proposal", "a U.S. request"
                    m = self.ctx.mention_at[c.i]
                    if m.how in ("demonym", "country", "metonym") and not self._maker(m):
                        out += self._mention_actors(c)
                if makers or places:
                    if base(c.dep_) in ("amod", "compound", "nmod") and (
                            case_of(c) in (("from", "by", None) if makers else ("in", "inside", "into", "of", None))):
                        m = self.ctx.mention_at.get(c.i)
                        if places and m is not None and self._maker(m):
                            continue  # "Iranian-made drones over Kyiv": who built them is not where they were
                        out += self._actors_of([c])
                    if base(c.dep_) == "acl":  # "howitzers developed by South Korea", "radars operating inside Estonia"
                        out += self._actors_of([g for g in c.children if base(g.dep_) == "obl"])
                    for g in c.subtree if makers else ():  # "Chinese-made": the demonym sits under the compound
                        if g.i in self.ctx.mention_at and self.ctx.mention_at[g.i].how == "demonym" and g.i < noun.i:
                            out += self._mention_actors(g)
        uniq: list[Actor] = []
        for a in out:
            if a not in uniq:
                uniq.append(a)
        return uniq

    def _earlier_accuser_of(self, trigger: Token) -> list[Actor]:
        """"rejected these allegations": whose? The speaker of the last earlier accusing claim."""
        nouns = objects(trigger) or [t for t in self._right(trigger, limit=4) if t.pos_ == "NOUN"][:1]
        for noun in nouns:
            if noun.lemma_.lower() in ("allegation", "accusation", "claim", "charge", "report", "it", "them") \
                    or any(c.lower_ in ("these", "those", "such") for c in noun.children) \
                    or noun.i > 0 and noun.doc[noun.i - 1].lower_ in ("these", "those", "such"):
                return self._earlier_accuser(noun)
        return []

    def _earlier_accuser(self, noun: Token) -> list[Actor]:
        accusers = [cs for cs in self.ctx.claim_index
                    if cs.cue < noun.i and cs.claim.act in ("accuse", "allege", "claim", "state", "insist")
                    and cs.claim.speaker is not None]
        for cs in reversed(accusers):
            country = state_hint(self.ctx, cs.claim.speaker)
            if not country:
                continue
            for actor in self.ctx.actors.values():
                if actor.kind == "country" and actor.country == country:
                    return [actor]
        return []

    def _counterpart(self, source: Actor, dominant: bool = False) -> Actor | None:
        """The state a document pairs with ``source`` most often (for "closed its border").

        With ``dominant`` the state must clearly lead (named at least twice and half again as often
        as the runner-up): a guess about an unnamed target is only worth making in a two-party story.
        """
        counts: dict[str, int] = {}
        for m in self.ctx.mentions:
            c = m.actor.country
            if c and c != source.country and m.how in ("country", "metonym", "pair", "demonym") and not self._maker(m):
                counts[c] = counts.get(c, 0) + 1
        if not counts:
            return None
        ranked = sorted(counts.values(), reverse=True)
        if dominant and (ranked[0] < 2 or len(ranked) > 1 and ranked[0] < 1.5 * ranked[1]):
            return None
        best = max(counts, key=counts.get)
        for actor in self.ctx.actors.values():
            if actor.kind == "country" and actor.country == best:
                return actor
        return None

    # -- polarity and modality ---------------------------------------------------------------------
    def _negated(self, trigger: Token) -> bool:
        if is_negated(trigger) or self._under_negating_verb(trigger):
            return True
        doc = trigger.doc
        # surface: "did not attack", "never met", "no strikes"
        i, steps = trigger.i - 1, 0
        while i >= trigger.sent.start and steps < 3:
            t = doc[i]
            if t.lower_ in self.negation_words and t.lower_ not in ("without", "nor", "neither"):
                return t.lower_ != "no" or trigger.pos_ != "VERB"
            if t.lower_ in self.skippable or t.pos_ in ("AUX", "ADV", "PART", "ADJ", "DET"):
                i -= 1
                steps += 1
                continue
            break
        return False

    def _under_negating_verb(self, trigger: Token) -> bool:
        head = trigger.head
        return base(trigger.dep_) in ("ccomp", "obj") and head.lemma_.lower() in self.negating_heads and head.i != trigger.i

    def _modality(self, trigger: Token) -> str | None:
        words = {c.lower_ for c in trigger.children if base(c.dep_) in ("aux", "advmod", "mark")}
        if base(trigger.dep_) in ("xcomp", "ccomp", "obj", "nsubj") or trigger.dep_ == "nsubj:pass":
            words.add(trigger.head.lemma_.lower())
        if trigger.pos_ != "VERB":  # "ordered strikes", "is considering sanctions"
            light = self._is_light_object(trigger)
            if light is not None:
                words.add(light.lemma_.lower())
        # surface: "would visit", "plans to buy", "is hoping to extend"
        doc = trigger.doc
        i, steps = trigger.i - 1, 0
        while i >= trigger.sent.start and steps < 4:
            t = doc[i]
            if t.pos_ in ("AUX", "PART", "ADV") or t.lower_ in self.skippable:
                words.add(t.lower_)
                if t.lower_ == "to" and i - 1 >= trigger.sent.start:
                    words.add(doc[i - 1].lemma_.lower())
                i -= 1
                steps += 1
                continue
            break
        for modality in ("hypothetical", "threatened", "requested", "ordered", "alleged", "planned"):
            if words & set(self.modality.get(modality, [])):
                return modality
        return None


def cameo_for(etype: str, mode: str | None) -> str:
    """The CAMEO root for a PLOVER type, refined by mode where CAMEO splits the type (appeal: 02)."""
    info = lexicons.ontology()[etype]
    by_mode = info.get("cameo_by_mode") or {}
    return str(by_mode.get(mode, info["cameo"]))


def state_hint(ctx: "DocContext", actor: Actor | None) -> str | None:
    """The country of an actor, or for an uncoded person the nationality in front of the title.

    "Polish Chief of the General Staff Gen. Marta J Kowalski": the actor resolver may leave the
    person without a country; the demonym at the head of the title run says whom she speaks for.
    """
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.kind != "person":
        return None
    doc = ctx.doc
    key = actor.key()
    for m in ctx.mentions:
        if m.how not in ("person", "ner") or not any(a.key() == key for a in m.actors):
            continue
        i, steps = m.start - 1, 0
        sent_start = doc[m.start].sent.start
        while i >= sent_start and steps < 10:
            t = doc[i]
            other = ctx.mention_at.get(i)
            if other is not None and other is not m:
                if other.how in ("demonym", "country") and other.actor.country:
                    return other.actor.country
                break
            if t.pos_ in ("PROPN", "NOUN", "ADP", "PUNCT", "DET") or t.is_title:
                i -= 1
                steps += 1
                continue
            break
    return None


def _named(actor: Actor) -> bool:
    return bool(actor.name) and actor.kind != "anonymous" and actor.name[:1].isupper()


def _same(a: Actor, b: Actor) -> bool:
    """The same party: one actor, or a state and one of its own organs ("Varga rejected Budapest's ...").

    Two groups of one country stay distinct ("Colombian troops attacked the FARC dissidents")."""
    if a is b or a.key() == b.key():
        return True
    return bool(a.country) and a.country == b.country and (a.kind == "country" or b.kind == "country")
