"""Arms transfers in SIPRI's terms: supplier, recipient, weapon system, quantity and deal status.

A weapon mention (a designation from ``weapons.yaml`` such as "Wing Loong", or an unnamed system
such as "Russian-made helicopters") is attached to the deal frame that governs it. The frame words,
their roles and the status words all live in the ``deals`` section of ``weapons.yaml``:

* acquisition verbs (buy, purchase, acquire, order, procure, import; "placed orders for", "a deal
  for"): the recipient is the subject, the supplier the "from"/"with" phrase, the seller, or the
  maker ("Russian-made", "French", the maker country of the designation);
* supply verbs (sell, supply, deliver, export, transfer, offer, gift, provide): the supplier is the
  subject, the recipient the "to"/"for" phrase or the indirect object;
* possession verbs (use, operate, field, deploy): delivered earlier, recipient = subject (or the
  country of the place, or the previous sentence's subject, for "X are being deployed in Y"),
  supplier = maker.

The parse is found first through dependencies; because news parses are noisy (and the model is
retrained under us), each step has a surface fallback: the nearest frame word to the left of the
weapon's noun phrase, "to <actor>"/"from <actor>" in the same clause, the maker modifier of the first
item of a coordinated list ("Russian-made helicopters, radars and missiles").

Status comes from the frame and its clause: ``offered`` (offer), ``planned`` (modal verbs, planning
verbs, "to acquire" under a plan, pacts, talks, letters of intent, headline infinitives),
``ordered`` (order, buy, procure, contract), ``delivered`` (deliver, supply, take delivery,
use/operate/deploy), and ``alleged`` when the only source is an accusation or a party denies it.
Refused, banned, cancelled and negated deals are no transfer. Mentions of one deal in a document
(same supplier, recipient and system family) are merged into one record that keeps every piece of
evidence and every claim that reports it (``reported_by``).

Precision guards, each for a reason: a transfer needs a state named in the text (a designation's
maker country from the lexicon may complete a side but never stands alone); designations that are
also common words ("Caesar", "Patriot") need a weapon noun or number next to them; a weapon noun
used as a modifier ("tank battalion") is no weapon; "deliver a warhead to a target" has a
destination that is no buyer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep import lexicons
from sitrep.extract.syntax import (base, before_time_phrase, case_of, children, is_negated, is_passive,
                                   prepositional, subjects)
from sitrep.model import Actor, Transfer

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

#: auxiliaries by form: the tagger calls a "has" split from its participle a verb
AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "will", "would"})
STATUS_RANK = {"unknown": 0, "alleged": 1, "offered": 2, "planned": 3, "ordered": 4, "delivered": 5}
YEAR_RE = re.compile(r"^(19[5-9]\d|20[0-4]\d)$")
VALUE_RE = re.compile(
    r"(?:(?:\bUS|\bA|\bC)?\$|€|£|\bUSD|\bEUR|\bRs\.?|\bINR|\bPKR)\s?\d[\d,.]*\s*(?:billion|million|bn|mn|crore|lakh|b|m)?\b"
    r"|\b\d[\d,.]*\s*(?:billion|million|crore)\s+(?:dollars|euros|pounds|rupees|yuan)",
)


# -- lexicon views ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DealWords:
    """The ``deals`` section of weapons.yaml as sets, loaded once."""

    acquire: frozenset
    supply: frozenset
    possess: frozenset
    acquire_nouns: frozenset
    supply_nouns: frozenset
    light_verbs: frozenset
    makers: frozenset
    modals: frozenset
    planning: frozenset
    planned_nouns: frozenset
    delivered_verbs: frozenset
    offered_verbs: frozenset
    allegation_acts: frozenset
    denial_verbs: frozenset
    refusal_verbs: frozenset
    refusal_nouns: frozenset
    launch_senses: frozenset
    receiving_verbs: frozenset
    arrival_verbs: frozenset
    numbers: dict
    quantity_units: frozenset
    np_words: frozenset
    after_weapon: frozenset
    describe_drop: frozenset
    ambiguous_forms: frozenset
    designation_context: frozenset

    @property
    def frames(self) -> frozenset:
        return self.acquire | self.supply | self.possess

    @property
    def deal_nouns(self) -> frozenset:
        return self.acquire_nouns | self.supply_nouns | self.planned_nouns

    def kind_of(self, lemma: str) -> str | None:
        """acquire, supply or possess for a frame word (verb or deal noun)."""
        if lemma in self.supply or lemma in self.supply_nouns:
            return "supply"
        if lemma in self.acquire or lemma in self.acquire_nouns or lemma in self.planned_nouns:
            return "acquire"
        if lemma in self.possess:
            return "possess"
        return None


@cache
def deal_words() -> DealWords:
    data = lexicons.weapons().get("deals") or {}

    def words(key: str) -> frozenset:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    return DealWords(
        acquire=words("acquire"), supply=words("supply"), possess=words("possess"),
        acquire_nouns=words("acquire_nouns"), supply_nouns=words("supply_nouns"),
        light_verbs=words("light_verbs"), makers=words("makers"), modals=words("modals"),
        planning=words("planning"), planned_nouns=words("planned_nouns"),
        delivered_verbs=words("delivered_verbs"), offered_verbs=words("offered_verbs"),
        allegation_acts=words("allegation_acts"), denial_verbs=words("denial_verbs"),
        refusal_verbs=words("refusal_verbs"), refusal_nouns=words("refusal_nouns"),
        launch_senses=words("launch_senses"),
        arrival_verbs=words("arrival_verbs"), receiving_verbs=words("receiving_verbs"),
        numbers={str(k).lower(): v for k, v in (data.get("numbers") or {}).items()},
        quantity_units=words("quantity_units"), np_words=words("np_words"), after_weapon=words("after_weapon"),
        describe_drop=words("describe_drop"), ambiguous_forms=words("ambiguous_forms"),
        designation_context=words("designation_context"),
    )


@cache
def _families() -> dict[str, str]:
    """Generic form (lower case) -> family."""
    table = {}
    for family, forms in (lexicons.weapons().get("families") or {}).items():
        for form in forms or []:
            table[str(form).lower()] = str(family)
    return table


@cache
def _system_table() -> dict[str, dict]:
    table: dict[str, dict] = {}
    for item in lexicons.weapons()["systems"]:
        for form in [item["name"], *(item.get("aliases") or [])]:
            form = str(form)
            variants = {form, form.replace("-", " "), form.replace(" ", "-")}
            if form[-1:].isalpha() and form[-1:].islower() and len(form) > 3:
                variants.add(form + "s")  # "three Rafales", "Apaches"
            for variant in variants:
                table[variant.lower()] = item
    return table


@dataclass
class WeaponMention:
    start: int
    end: int
    name: str
    maker: str | None
    category: str
    named: bool
    family: str | None = None


_MATCHERS: dict[int, PhraseMatcher] = {}


def weapon_matcher(doc: Doc) -> PhraseMatcher:
    key = id(doc.vocab)
    if key not in _MATCHERS:
        from spacy.lang.en import English

        tok = English().tokenizer
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        for form in _system_table():
            matcher.add("SYSTEM", [tok(form)])
        for form in lexicons.weapons()["generic"]:
            matcher.add("GENERIC", [tok(str(form))])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def find_weapons(doc: Doc) -> list[WeaponMention]:
    """Named systems and generic weapon nouns, longest match first.

    A generic noun used as a modifier ("tank battalion", "missile test") is no weapon being moved and
    is left out; so is a word that only looks like a generic noun (a verb "arms").
    """
    matcher = weapon_matcher(doc)
    spans = filter_spans([Span(doc, s, e, label=lbl) for lbl, s, e in matcher(doc)])
    table = _system_table()
    generic = {str(k).lower(): v for k, v in lexicons.weapons()["generic"].items()}
    families = _families()
    ambiguous = deal_words().ambiguous_forms
    out = []
    for span in spans:
        text = span.text.lower()
        if span.label_ == "SYSTEM" or text in table:
            item = table.get(text) or table.get(text.replace(" ", "-"))
            if item is None:
                continue
            if text in ambiguous and not _military_context(doc, span, generic):
                continue  # "Hail, Caesar!", "a patriot", "the Apache tribe": a word, not a weapon
            out.append(WeaponMention(span.start, span.end, item["name"], item.get("maker"), item["category"], True,
                                     item.get("family") or item["name"]))
            continue
        last = span[-1]
        if last.pos_ not in ("NOUN", "PROPN") and not (last.tag_ or "").startswith("NN"):
            continue
        if last.dep_ == "compound" or _modifies_next(doc, last, generic):
            continue  # "tank battalion", "missile test": a modifier, not the thing moved
        family = families.get(text) or families.get(last.lower_) or last.lemma_.lower()
        out.append(WeaponMention(span.start, span.end, span.text, None, generic.get(text, "other"), False, family))
    return out


def _military_context(doc: Doc, span: Span, generic: dict) -> bool:
    """A designation that is also a common word counts only next to a weapon noun, a number, a
    maker or a system word: "Patriot batteries", "12 Caesar", "French Caesar howitzers"."""
    words = deal_words()
    for t in doc[span.end:span.end + 4]:
        if t.lower_ in generic or t.lower_ in words.designation_context:
            return True
        if t.is_punct and t.text != "-":
            break
    before = doc[max(span.start - 2, 0):span.start]
    for t in before:
        if t.like_num and not YEAR_RE.match(t.text):
            return True
        if t.lower_ in words.designation_context or t.lower_ in generic:
            return True
    return False


def _modifies_next(doc: Doc, last: Token, generic: dict) -> bool:
    """A generic weapon noun directly followed by a lower-case noun modifies it ("the new tank
    regiment", "arms purchases"), whatever the parser made of the pair."""
    if last.i + 1 >= len(doc):
        return False
    nxt = doc[last.i + 1]
    if not nxt.is_alpha or not nxt.is_lower or nxt.lower_ in generic:
        return False
    if nxt.lower_ in deal_words().after_weapon:
        return False
    return nxt.tag_.startswith("NN") or nxt.pos_ == "NOUN" or (nxt.pos_ == "ADV" and not nxt.lower_.endswith("ly")
                                                               and nxt.dep_ in ("advmod",) and nxt.head.i != last.i)


# -- frames ---------------------------------------------------------------------------------
@dataclass
class Frame:
    """The word that makes a weapon mention a deal, and where its arguments hang."""

    trigger: Token  # the verb or deal noun that says buy/sell/use
    kind: str  # acquire, supply or possess
    governor: Token  # the verb whose subject is the frame's subject (the light verb of "placed orders")
    noun: Token | None = None  # the deal noun, when there is one
    reduced: bool = False  # a participle modifying the weapon: "rifles supplied by Belgium"


@dataclass
class _Found:
    transfer: Transfer
    mention: WeaponMention
    frame_i: int
    denied: bool = False  # inside a denial ("Pyongyang denied supplying weapons")
    attributed: bool = False  # inside someone's claim, not the article's own narration


class TransferExtractor:
    """Pipeline component: fills ``ctx.transfers``.

    Every weapon mention is tried on its own (frame, sides, quantity, status), then the mentions of
    one deal are merged. A mention becomes a transfer only when the text names at least one state
    party; lexicon knowledge (a designation's maker) may fill the other side but never stands alone,
    because an analyst must be able to find the deal in the evidence sentence.
    """

    name = "transfers"

    def __call__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        self.words = deal_words()
        self._maker_from_lexicon = False
        weapons = find_weapons(ctx.doc)
        self.weapon_tokens = {i for w in weapons for i in range(w.start, w.end)}
        self.weapons = weapons
        followers = {id(f) for f in (self._follower(w) for w in weapons if w.named) if f is not None}
        found: list[_Found] = []
        for w in weapons:
            # a generic noun right after a designation belongs to it ("Wing Loong UAVs")
            if not w.named and id(w) in followers:
                continue
            result = self._transfer(w)
            if result is not None:
                found.append(result)
        ctx.transfers.extend(_merge(found))
        for t in ctx.transfers:
            if t.id is None:
                t.id = ctx.new_id("t")

    # -- one weapon mention ----------------------------------------------------------------------
    def _transfer(self, w: WeaponMention) -> _Found | None:
        """The transfer one weapon mention states, or None when it states none (no deal frame, a
        refusal or negation, a domestic system, no state named)."""
        head = self._head(w)
        frame = self._frame(head, w)
        if frame is None:
            return None
        if self._refused(frame):
            return None  # "Germany refused to send missiles", "cancelled the order": no transfer
        if is_negated(frame.trigger) or (frame.governor != frame.trigger and is_negated(frame.governor)):
            if not self._denied(frame):
                return None
        self._maker_from_lexicon = False
        maker = self._maker(head, w)
        supplier, recipient, inferred = self._sides(frame, head, w, maker)
        if supplier is None and recipient is None:
            return None
        stated = [a for a in (supplier, recipient) if a is not None and a.country and not (
            a is maker and self._maker_from_lexicon)]
        if not stated:
            # only the lexicon's maker country ("Hail, Caesar!" -> France), or no state at all
            # ("a lobby group ... buying rifles"): the text names no state party to a deal
            return None
        if frame.kind == "supply" and recipient is None and any(
                self._actor_at(t) is None for t in prepositional(frame.trigger, ["to"])):
            return None  # "deliver a warhead to a target": a destination that is no buyer
        if frame.kind == "supply" and recipient is None and frame.noun is None and \
                frame_lemma(frame.trigger, self.words.launch_senses) in self.words.launch_senses:
            return None  # "Russia sent 412 drones" at Ukraine: an attack, not a delivery
        if supplier is not None and recipient is not None and _same_side(supplier, recipient):
            return None  # a domestic system, or a bad parse: no transfer between two states
        if frame.kind == "possess" and (supplier is None or recipient is None):
            return None  # "Chile operates submarines": says nothing about who supplied them
        if w.family == "umbrella" and (supplier is None or recipient is None):
            return None  # "buying weapons": too vague to record without both sides
        quantity, qtext = self._quantity(head, w)
        status = self._status(frame)
        if status != "alleged" and self._party_denies(frame, supplier, recipient):
            status = "alleged"  # "Iran delivered missiles, officials said, an allegation Tehran rejected"
        transfer = Transfer(
            supplier=supplier.brief() if supplier else None,
            recipient=recipient.brief() if recipient else None,
            system=w.name if w.named else self._describe(head, w),
            category=w.category,
            quantity=quantity,
            quantity_text=qtext,
            status=status,
            value=self._value(frame),
            year=self._year(frame, w),
            uncertain=supplier is None or recipient is None or inferred,
            evidence=[self.ctx.evidence(w.start, w.end), self.ctx.evidence(frame.trigger.i)],
        )
        transfer.reported_by = self._reporting_claims(frame, w)
        denied = self._denied(frame)
        return _Found(transfer, w, frame.trigger.i, denied=denied,
                      attributed=denied or any(cs.start <= frame.trigger.i < cs.end for cs in self.ctx.claim_index)
                      or any(c.lower_ in ("reportedly", "allegedly") for c in frame.trigger.children))

    def _head(self, w: WeaponMention) -> Token:
        """The noun that heads the mention; the last token when the parse splits a designation.

        A designation followed by a generic noun ("T-90 tanks", "Rafale jets") is headed by the noun.
        """
        if w.named:
            follower = self._follower(w)
            if follower is not None:
                return self._head(follower)
        span = self.ctx.doc[w.start:w.end]
        heads_outside = [t for t in span if not (w.start <= t.head.i < w.end) or t.head == t]
        head = heads_outside[0] if len(heads_outside) == 1 else span[-1]
        if w.named and head.dep_ in ("compound", "amod", "flat") and head.head.i == w.end and \
                head.head.lower_ in self.words.designation_context:
            return head.head  # "the Patriot systems sent by Germany": "systems" heads the phrase
        return head

    def _follower(self, w: WeaponMention) -> WeaponMention | None:
        """The generic noun a designation modifies: "Wing Loong UAVs", "K2 Black Panther main battle
        tanks", "K9 self-propelled howitzers" (only modifiers between)."""
        doc = self.ctx.doc
        for x in self.weapons:
            if x.named or not (w.end <= x.start <= w.end + 4):
                continue
            between = doc[w.end:x.start]
            if all((t.pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and t.tag_ != "VBD" and t.i not in self.ctx.mention_at)
                   or t.text == "-" for t in between):
                return x
        return None

    # -- the frame --------------------------------------------------------------------------------
    def _frame(self, head: Token, w: WeaponMention) -> Frame | None:
        frame = self._frame_by_tree(head) or self._frame_by_modifier(head, w) or self._frame_by_surface(w)
        if frame is not None and frame.noun is not None and frame.kind == "supply" and \
                frame_lemma(frame.governor, self.words.receiving_verbs) in self.words.receiving_verbs:
            frame.kind = "acquire"  # "Hungary took delivery of ...": the subject receives
        return frame

    def _frame_by_tree(self, head: Token) -> Frame | None:
        """Walk up from the weapon: coordination, "of"/"for" phrases and deal nouns, to a frame verb."""
        W = self.words
        node = head
        noun: Token | None = None
        via_modifier = False
        for _ in range(7):
            if base(node.dep_) in ("conj", "appos") and node.head != node:
                node = node.head
                continue
            parent = node.head
            if parent == node:
                return self._noun_only(noun)
            lemma = frame_lemma(parent, W.frames | W.light_verbs)
            if _hyphen_modifier(parent):
                node = parent  # "US-supplied HIMARS", "Chinese-made drones": a modifier, not the deal
                via_modifier = True  # its own relation to the verb above is unreliable
                continue
            if parent.lower_.endswith("ing") and lemma in W.frames and parent.i < node.i:
                # a gerund tagged as a noun ("accused Tehran of supplying drones"): a verb frame
                return Frame(parent, W.kind_of(lemma) or "acquire", parent, noun)
            if (parent.pos_ in ("NOUN", "PROPN") or base(parent.dep_) in ("nsubj", "obj", "obl", "nmod", "root")
                    or parent.dep_ == "ROOT") and parent.pos_ not in ("VERB", "AUX") and (
                    parent.lemma_.lower() in W.deal_nouns or parent.lower_ in W.deal_nouns):
                noun = parent
                node = parent
                continue
            if parent.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "DET", "ADP") or lemma in W.quantity_units:
                if parent.pos_ in ("NOUN", "PROPN") and noun is None and lemma not in W.quantity_units \
                        and parent.i not in self.weapon_tokens:
                    return None  # "the presence of drones", "drone warfare": the weapon is not the deal
                node = parent
                continue
            if parent.pos_ in ("VERB", "AUX") or (lemma in W.frames and lemma != parent.lower_):
                if lemma in W.frames and node.dep_ == "nsubj" and lemma not in W.arrival_verbs:
                    return None  # "one of the helicopters has gotten coverage": the weapon acts, no deal
                if lemma in W.frames and (via_modifier or base(node.dep_) not in ("advcl", "ccomp", "csubj")):
                    return Frame(parent, W.kind_of(lemma) or "acquire", parent, noun)
                if lemma in W.light_verbs and noun is not None:
                    return Frame(noun, W.kind_of(noun.lemma_.lower()) or "acquire", parent, noun)
                if noun is None and case_of(node) in ("for", "of"):
                    # "signed a contract with X for 180 tanks": the deal noun is the verb's object
                    deal = next((c for c in parent.children if base(c.dep_) == "obj"
                                 and c.lemma_.lower() in W.deal_nouns), None)
                    if deal is not None:
                        return Frame(deal, W.kind_of(deal.lemma_.lower()) or "acquire", parent, deal)
                if noun is not None:
                    return Frame(noun, W.kind_of(noun.lemma_.lower()) or "acquire", parent, noun)
                if base(node.dep_) == "nsubj":
                    # "these howitzers, built by South Korea, ... were fielded by Poland": shared subject
                    for conj in parent.conjuncts:
                        cl = conj.lemma_.lower()
                        if cl in W.frames and conj.i > parent.i and not any(base(c.dep_) == "nsubj" for c in conj.children):
                            return Frame(conj, W.kind_of(cl) or "possess", conj, None)
                return None
            node = parent
        return self._noun_only(noun)

    def _noun_only(self, noun: Token | None) -> Frame | None:
        """A deal noun at the top of a headline ("Purchase of K9 Howitzers from Korea")."""
        if noun is None:
            return None
        return Frame(noun, self.words.kind_of(noun.lemma_.lower()) or "acquire", noun, noun)

    def _frame_by_modifier(self, head: Token, w: WeaponMention) -> Frame | None:
        """A frame participle or relative clause on the weapon: "rifles supplied by Belgium"."""
        W = self.words
        for c in head.children:
            lemma = frame_lemma(c, W.frames)
            if lemma not in W.frames or (c.pos_ not in ("VERB", "AUX") and lemma == c.lower_) or _hyphen_modifier(c):
                continue
            if base(c.dep_) == "acl" and c.i > head.i:
                reduced = c.dep_ != "acl:relcl"
                return Frame(c, W.kind_of(lemma) or "acquire", c, None, reduced=reduced)
            if c.dep_ in ("amod", "compound") and c.i < w.start:  # "Greece uses French jets" mis-parsed
                return Frame(c, W.kind_of(lemma) or "acquire", c, None)
        return None

    def _frame_by_surface(self, w: WeaponMention) -> Frame | None:
        """Nearest frame word to the left of the weapon's noun phrase, in the same sentence.

        Only noun-phrase material may stand between (numbers, adjectives, makers, list commas,
        other weapons, "a batch of"), so the frame cannot be taken from another clause.
        """
        W = self.words
        doc = self.ctx.doc
        sent_start, _ = sentence_bounds(doc[w.start])
        i = w.start - 1
        steps = 0
        while i >= sent_start and steps < 14:
            tok = doc[i]
            lower, lemma = tok.lower_, tok.lemma_.lower()
            if lower in ("for", "of") and i - 1 >= sent_start:
                prev = doc[i - 1]
                if prev.lemma_.lower() in W.quantity_units or prev.lower_ in W.quantity_units or prev.lower_ in ("first", "last"):
                    i -= 1
                    steps += 1
                    continue
                noun = self._deal_noun_left(i - 1)
                if noun is not None:
                    gov = self._noun_governor(noun)
                    return Frame(noun, W.kind_of(noun.lemma_.lower()) or "acquire", gov, noun)
                return None
            if lower == "with":
                # "provided Ukraine with HIMARS": over the recipient to the supply verb
                j = i - 1
                while j >= sent_start and (j in self.ctx.mention_at or doc[j].pos_ in ("DET", "ADJ")
                                           or doc[j].dep_ in ("compound", "flat")):
                    j -= 1
                if j < i - 1 and j >= sent_start:
                    verb = doc[j]
                    vl = frame_lemma(verb, W.supply)
                    if vl in W.supply and (verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB")):
                        return Frame(verb, "supply", verb, None)
                return None
            lemma = frame_lemma(tok, W.frames)
            if lemma in W.frames and not tok.is_punct and not _hyphen_modifier(tok):
                if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or lemma != tok.lower_:
                    return Frame(tok, W.kind_of(lemma) or "acquire", tok, None)
            if self._np_material(tok):
                i -= 1
                steps += 1
                continue
            return None
        return None

    def _deal_noun_left(self, i: int) -> Token | None:
        """A deal noun at ``i``, or a little further left across "with <actor>" / "from <actor>"
        ("a contract with France for 42 jets")."""
        W = self.words
        doc = self.ctx.doc
        sent_start, _ = sentence_bounds(doc[i])
        j = i
        while j >= sent_start and j >= i - 7:
            tok = doc[j]
            if tok.lower_ in ("'s", "’s"):
                j -= 1
                continue
            if tok.lemma_.lower() in W.deal_nouns or tok.lower_ in W.deal_nouns:
                return tok if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN") else None
            if tok.i in self.ctx.mention_at or tok.lower_ in ("with", "from", "the", "a", "an", "of", "first") \
                    or tok.pos_ in ("DET", "ADJ", "NUM"):
                j -= 1
                continue
            if tok.pos_ == "PROPN":
                j -= 1
                continue
            return None
        return None

    def _np_material(self, tok: Token) -> bool:
        W = self.words
        if tok.i in self.weapon_tokens or _hyphen_modifier(tok):
            return True
        if tok.is_punct:
            return tok.text in (",", "-", "(", "“", '"', "‘")
        if tok.pos_ in ("DET", "NUM", "ADJ", "CCONJ") or tok.like_num:
            return True
        m = self.ctx.mention_at.get(tok.i)
        if m is not None and m.how in ("demonym",):
            return True
        if m is not None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-":
            return True  # "US-supplied", "China-made"
        if tok.lower_ in W.np_words or tok.lemma_.lower() in W.quantity_units or tok.lower_ in W.numbers:
            return True
        if tok.pos_ in ("NOUN", "PROPN") and m is None and tok.dep_ in ("compound", "amod", "flat", "nmod"):
            return True
        return tok.tag_ == "VBN" and tok.dep_ == "amod"

    def _noun_governor(self, noun: Token) -> Token:
        """The verb whose subject places or signs the deal: "Morocco has placed orders for ...";
        the verb right before the noun when the parse gives none ("has taken delivery of")."""
        doc = self.ctx.doc
        j = noun.i - 1
        while j >= 0 and j >= noun.i - 4 and (doc[j].pos_ in ("DET", "ADJ", "NUM") or doc[j].like_num):
            j -= 1
        if j >= 0 and j < noun.i and (doc[j].pos_ in ("VERB",) or doc[j].tag_.startswith("VB")) and doc[j].pos_ != "AUX":
            return doc[j]
        node = noun
        for _ in range(3):
            if base(node.dep_) in ("conj", "appos") or node.pos_ not in ("VERB", "AUX"):
                if node.head == node:
                    break
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    return node
                continue
        return noun

    # -- who supplies, who receives -------------------------------------------------------------
    def _sides(self, frame: Frame, head: Token, w: WeaponMention, maker: Actor | None
               ) -> tuple[Actor | None, Actor | None, bool]:
        """(supplier, recipient, inferred): inferred is True when a side comes from context only."""
        inferred = False
        agents = self._agents(frame)
        # the weapon, or the batch/number of it, is the subject: "the first batch of jets arrived"
        subject_np = head
        while subject_np.head.i != subject_np.i and base(subject_np.dep_) in ("nmod", "compound", "appos") \
                and subject_np.head.i != frame.trigger.i and subject_np.head.pos_ in ("NOUN", "NUM", "PROPN"):
            subject_np = subject_np.head
        weapon_is_subject = base(subject_np.dep_) == "nsubj" and subject_np.head.i == frame.trigger.i
        if frame.kind == "supply":
            supplier = self._first(agents) or self._left_actor(frame.governor)
            if supplier is None and self._title_case(frame.trigger):
                supplier = self._headline_subject(frame.trigger, None)
            supplier = supplier or maker
            recipient = self._recipient_of_supply(frame, head)
            if recipient is None and (is_passive(frame.trigger) or weapon_is_subject):
                recipient = self._possessor(head)  # "Serbia's new jets will be delivered from 2028"
            return supplier, recipient, inferred
        if frame.kind == "possess":
            recipient = self._first(agents)
            if recipient is None and (is_passive(frame.trigger) or frame.reduced or weapon_is_subject):
                recipient = self._possessor(head)  # "Serbia's new jets are deployed in the north"
            if recipient is None and (is_passive(frame.trigger) or frame.reduced or weapon_is_subject):
                recipient = self._place_country(frame.trigger)
                if recipient is None:
                    recipient = self._previous_subject(frame.trigger)
                    inferred = recipient is not None
            if recipient is None and not frame.reduced and not is_passive(frame.trigger):
                recipient = self._left_actor(frame.governor)
            return maker, recipient, inferred
        # acquire: buyer is the subject; seller a from/with phrase, else the maker
        subjects_found = [a for a in (self._actor_at(t) for t in agents) if a is not None]
        recipient = subjects_found[0] if subjects_found else None
        seller = self._source_phrase(frame, head)
        if recipient is None and frame.noun is not None:
            recipient = self._possessor(frame.noun)
        if recipient is None:
            recipient = self._left_actor(frame.governor)
        if len(subjects_found) > 1 and maker is not None:
            # "India and France signed a deal for Rafale jets": the maker's side supplies
            others = [a for a in subjects_found if not _same_side(a, maker)]
            if others and len(others) < len(subjects_found):
                recipient = others[0]
                seller = seller or next(a for a in subjects_found if _same_side(a, maker))
        if recipient is None and self._title_case(frame.trigger):
            recipient = self._headline_subject(frame.trigger, seller)
        beneficiary = self._beneficiary(head, frame)
        if recipient is not None and beneficiary is not None and not _same_side(recipient, beneficiary):
            # "Norway signed a contract with Kongsberg for a NASAMS battery for Ukraine": the
            # buyer pays, the state it buys for receives
            return recipient, beneficiary, inferred
        supplier = seller or maker
        if (frame.noun is not None and recipient is not None and maker is not None and seller is not None
                and _same_side(recipient, maker) and not _same_side(seller, maker)):
            # "Dassault signed a contract with India for Rafale jets": the subject is the seller
            supplier, recipient = recipient, seller
        return supplier, recipient, inferred

    def _beneficiary(self, head: Token, frame: Frame) -> Actor | None:
        """A state the weapon is bought for: "a NASAMS battery for Ukraine", "interceptors bought
        for Kyiv". Only a "for" phrase on the weapon's own noun phrase, or right after it."""
        doc = self.ctx.doc
        for c in head.children:
            if base(c.dep_) in ("nmod", "obl") and case_of(c) == "for" and c.i > head.i:
                actor = self._actor_at(c)
                if actor is not None and actor.country:
                    return actor
        k = head.i + 1
        if k + 1 < len(doc) and doc[k].lower_ == "for" and (k + 1) in self.ctx.mention_at:
            actor = self._actor_at(doc[k + 1])
            if actor is not None and actor.country and self.ctx.mention_at[k + 1].how in ("country", "demonym", "metonym"):
                return actor
        return None

    def _agents(self, frame: Frame) -> list[Token]:
        """The frame's logical subject: its nsubj, a passive agent, or the subject it shares.

        For a deal noun: its possessor or "by" phrase ("France's sale of ..."), else the subject of
        the verb it is the object of ("Morocco placed orders"), never the verb a deal noun is the
        subject of ("the sale was approved"). For "talks/a pact ... to buy": the subject of the noun's
        clause.
        """
        verb = frame.governor
        doc = self.ctx.doc
        if frame.noun is None and verb.lower_.endswith("ing") and verb.i >= 2 and doc[verb.i - 1].lower_ in ("of", "for"):
            # "accused Tehran of supplying", "thanked Ankara for delivering": the object acts
            if self._actor_at(doc[verb.i - 2]) is not None:
                return [doc[verb.i - 2]]
        if frame.noun is None and not frame.reduced and not is_passive(verb):
            adjacent = self._adjacent_subject(verb)
            if adjacent is not None:
                return [adjacent]
        if frame.noun is not None:
            own = [c for c in frame.noun.children if c.dep_ == "nmod:poss"
                   or (base(c.dep_) in ("nmod", "obl") and case_of(c) == "by")]
            if own:
                return own
            if frame.noun.head == verb and frame.noun.dep_ in ("nsubj:pass", "nsubjpass") and is_passive(verb):
                return subjects(verb)  # "the contract for 36 jets was signed by India and France"
            if verb == frame.noun or (frame.noun.head == verb and base(frame.noun.dep_) in ("nsubj", "csubj")):
                return [c for c in frame.noun.children if base(c.dep_) == "nsubj"]
        if (any(c.lower_ == "to" and c.i < verb.i for c in verb.children)
                or (verb.i > 0 and doc[verb.i - 1].lower_ == "to" and doc[verb.i - 1].pos_ == "PART")) and \
                not any(base(c.dep_) == "nsubj" for c in verb.children):
            return self._controller(verb)
        if frame.reduced or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return [c for c in verb.children if base(c.dep_) == "obl" and case_of(c) == "by"]
        if verb.dep_ == "acl:relcl" and not any(base(c.dep_) == "nsubj" for c in verb.children):
            return []
        found = [t for t in subjects(verb) if self._actor_at(t) is not None]  # "the programme" is no buyer
        if not found and verb.tag_ == "VBG" and base(verb.dep_) in ("advcl", "acl", "obl", "nmod") and verb.head != verb:
            # "Turkey, which was removed after buying S-400s": the main clause's subject, or the
            # antecedent of its relative pronoun
            main = verb.head
            for _ in range(3):
                if main.pos_ in ("VERB", "AUX") or main.head == main:
                    break
                main = main.head
            subj = [c for c in main.children if base(c.dep_) == "nsubj"]
            if subj and subj[0].lower_ in ("which", "who", "that") and main.dep_ == "acl:relcl":
                return [main.head]
            found = subj
        if not found and base(verb.dep_) in ("xcomp", "ccomp") and verb.head != verb:
            adjacent = self._adjacent_subject(verb.head)  # "Pyongyang denied supplying ..."
            if adjacent is not None:
                found = [adjacent]
        if not found and verb.pos_ in ("NOUN", "PROPN"):
            found = [c for c in verb.children if c.dep_ == "nmod:poss"]
        return [t for t in found if t.i not in self.weapon_tokens]

    def _title_case(self, tok: Token) -> bool:
        """A headline in Title Case ("Norway Moves To Speed Up Purchase Of ..."): its parse is
        unreliable, so its subject is read from word order."""
        b = _Bounds(tok)
        words = [t for t in self.ctx.doc[b.start:b.end] if t.is_alpha and len(t) > 3]
        return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) >= 0.8

    def _headline_subject(self, tok: Token, other: Actor | None) -> Actor | None:
        """The first actor of a headline that no preposition introduces."""
        b = _Bounds(tok)
        doc = self.ctx.doc
        for i in range(b.start, tok.i):
            m = self.ctx.mention_at.get(i)
            if m is None:
                continue
            prev = doc[i - 1] if i - 1 >= b.start else None
            if prev is not None and prev.lower_ in ("from", "to", "with", "by", "of", "for", "in"):
                continue
            actor = self._actor_at(doc[i])
            if actor is not None and (other is None or not _same_side(actor, other)):
                return actor
        return None

    def _adjacent_subject(self, verb: Token) -> Token | None:
        """An actor right before the verb, with only auxiliaries and adverbs between ("Chile
        operates", "Egypt has also bought"): the subject, whatever the parse says."""
        doc = self.ctx.doc
        sent = _Bounds(verb)
        i = verb.i - 1
        while i >= sent.start and i >= verb.i - 9:
            tok = doc[i]
            if tok.i in self.ctx.mention_at:
                mention = self.ctx.mention_at[tok.i]
                j = min(mention.start, tok.i) - 1
                while j >= sent.start and doc[j].pos_ in ("DET", "ADJ"):
                    j -= 1
                prev = doc[j] if j >= sent.start else None
                if prev is not None and (prev.pos_ == "ADP" or prev.lower_ in ("to", "from", "with", "by", "of")):
                    return None
                if i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s"):
                    return None
                return tok if self._actor_at(tok) is not None else None
            if tok.lower_ == "to":
                return None  # an infinitive: its subject is not the word before it
            if tok.pos_ in ("NOUN", "ADJ", "PROPN") and i - 2 >= sent.start and doc[i - 1].lower_ in ("'s", "’s") \
                    and (i - 2) in self.ctx.mention_at and self._actor_at(doc[i - 2]) is not None:
                return doc[i - 2]  # "Myanmar's military received ...": the possessor's state
            if tok.pos_ in ("AUX", "ADV", "PART") or tok.dep_ in ("aux", "aux:pass", "advmod") or tok.lower_ in AUXILIARIES:
                i -= 1
                continue
            before = before_time_phrase(tok, sent.start)
            if before < i:  # "Pakistan's army has in recent months inducted"
                i = before
                continue
            return None
        return None

    def _controller(self, verb: Token) -> list[Token]:
        """The subject of an infinitive: the nearest clause above with a subject ("Norway is
        hoping to extend a contract with a shipyard to build frigates", "X is in talks to buy")."""
        node = verb
        for _ in range(6):
            if node.head == node:
                break
            node = node.head
            subj = [c for c in node.children if base(c.dep_) == "nsubj" and c.i not in self.weapon_tokens]
            if subj:
                return subj
            if node.pos_ in ("NOUN", "PROPN"):  # "Nigeria plans to ...", "India's bid to ..."
                owner = [c for c in node.children if c.dep_ in ("compound", "nmod:poss") and c.i < node.i
                         and self._actor_at(c) is not None]
                if owner:
                    return owner
            if node.pos_ in ("VERB", "AUX") and is_passive(node):
                return [c for c in node.children if base(c.dep_) == "obl" and case_of(c) == "by"]
        return []

    def _recipient_of_supply(self, frame: Frame, head: Token) -> Actor | None:
        """"to Ukraine" on the verb or on any conjunct of its object, the indirect object, or
        the object itself when the weapon comes with "with" ("supplied Ukraine with tanks")."""
        verb = frame.trigger
        places: list[Token] = [verb]
        if frame.noun is not None:
            places.append(frame.noun)
        for obj in children(verb, "obj", "nsubj:pass") + [head]:
            places.extend(t for t in [obj, *obj.conjuncts])
        candidates: list[Token] = []
        for p in places:
            candidates += prepositional(p, ["to", "for"])
        candidates = _nearest_after(candidates, head.i) + children(verb, "iobj")
        found = self._first(candidates)
        if found is not None:
            return found
        objs = [c for c in verb.children if base(c.dep_) == "obj" and c.i not in self.weapon_tokens]
        found = self._first(objs)
        if found is not None:
            return found
        return self._surface_phrase(frame, ("to",))

    def _source_phrase(self, frame: Frame, head: Token) -> Actor | None:
        """The seller of an acquisition: a "from"/"with" phrase on the frame, the deal noun, the
        weapon or its conjuncts, or a verb the frame depends on ("extend a contract with a Korean shipyard
        to build frigates"); "by" on a deal noun ("the sale by France")."""
        places: list[Token] = [frame.trigger, frame.governor]
        if frame.noun is not None:
            places.append(frame.noun)
        places.extend([head, *head.conjuncts])
        node = frame.trigger
        for _ in range(4):
            if base(node.dep_) in ("xcomp", "advcl", "acl", "conj", "nmod", "obj", "obl") and node.head != node:
                if base(node.dep_) in ("nmod", "obj", "obl") and node.pos_ in ("VERB", "AUX"):
                    break
                node = node.head
                places.append(node)
                places.extend(c for c in node.children if c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() in self.words.deal_nouns)
                if any(base(c.dep_) == "nsubj" for c in node.children):
                    break  # the clause of the buyer: look no higher
            else:
                break
        candidates: list[Token] = []
        for p in places:
            candidates += prepositional(p, ["from", "with"])
        found = self._first(_nearest_after(candidates, head.i))
        if found is not None:
            return found
        return self._surface_phrase(frame, ("from",)) or self._deal_partner_left(frame)

    def _deal_partner_left(self, frame: Frame) -> Actor | None:
        """"a pact with a Turkish firm to acquire drones", "a deal with Lockheed to buy jets": the
        partner of a deal noun just left of the acquisition verb, read from the word order when the
        parse attaches the phrase elsewhere."""
        doc = self.ctx.doc
        trig = frame.trigger
        start = max(trig.sent.start, trig.i - 12)
        for i in range(trig.i - 1, start, -1):
            if doc[i].lower_ != "with":
                continue
            if not any(doc[k].lemma_.lower() in self.words.deal_nouns for k in range(max(start, i - 4), i)):
                return None
            for k in range(i + 1, min(trig.i, i + 5)):
                actor = self._actor_at(doc[k])
                if actor is not None and actor.country:
                    return actor
            return None
        return None

    def _surface_phrase(self, frame: Frame, preps: Iterable[str]) -> Actor | None:
        """"to|from <actor>" after the frame and before the next clause of the sentence."""
        doc = self.ctx.doc
        sent = _Bounds(frame.trigger)
        start = frame.trigger.i + 1
        for i in range(start, min(sent.end - 1, start + 25)):
            tok = doc[i]
            if i > start and tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "acl", "compound") and tok.i not in self.weapon_tokens:
                break
            if tok.lower_ in (";", "while", "whereas", "but", "which", "who"):
                break
            if tok.lower_ in preps:
                j = i + 1
                while j < sent.end and doc[j].pos_ in ("DET", "ADJ"):
                    j += 1
                if j < sent.end:
                    actor = self._actor_at(doc[j])
                    if actor is not None:
                        return actor
        return None

    def _left_actor(self, verb: Token) -> Actor | None:
        """The nearest actor left of a frame whose parse has no subject, within the same clause
        (no verb, preposition or clause mark between): headlines and broken parses."""
        doc = self.ctx.doc
        sent = _Bounds(verb)
        i = verb.i - 1
        if i - 1 >= sent.start and doc[i].lower_ in ("of", "for") and verb.lower_.endswith("ing"):
            # "accused Tehran of supplying", "thanked Ankara for delivering": the object acts
            actor = self._actor_at(doc[i - 1])
            if actor is not None:
                return actor
            return None
        while i >= sent.start and i >= verb.i - 6:
            tok = doc[i]
            m = self.ctx.mention_at.get(tok.i)
            if m is not None:
                prev = doc[i - 1] if i - 1 >= sent.start else None
                if prev is not None and prev.pos_ == "ADP":
                    return None
                if i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s"):
                    return None
                if m.actor.kind in ("anonymous", "document") or m.how in ("pronoun",) and not m.actor.country:
                    return None
                return m.actor
            if tok.pos_ in ("VERB", "ADP", "SCONJ", "PRON") and tok.dep_ not in ("aux", "aux:pass", "advmod"):
                return None
            if tok.lower_ == "to":
                return None  # an infinitive has no subject on its left
            if tok.is_punct and tok.text not in ("-",):
                return None
            i -= 1
        return None

    def _possessor(self, noun: Token) -> Actor | None:
        return self._first([c for c in noun.children if c.dep_ == "nmod:poss"] +
                           [c for c in noun.children if base(c.dep_) in ("nmod", "obl") and case_of(c) == "by"])

    def _actor_at(self, tok: Token) -> Actor | None:
        mention = self.ctx.mention_at.get(tok.i)
        if mention is not None and mention.actor.kind not in ("anonymous", "document"):
            if mention.how == "pronoun" and not mention.actor.country:
                return None
            return mention.actor
        for c in tok.children:  # "a Korean shipyard", "Chile's navy"
            if c.i in self.ctx.mention_at and c.dep_ in ("amod", "nmod:poss", "compound", "flat"):
                actor = self.ctx.mention_at[c.i].actor
                if actor.kind not in ("anonymous", "document"):
                    return actor
        return None

    def _first(self, tokens: list[Token]) -> Actor | None:
        for tok in tokens:
            actor = self._actor_at(tok)
            if actor is not None:
                return actor
        return None

    def _country_actor(self, iso3: str) -> Actor:
        for actor in self.ctx.actors.values():
            if actor.kind == "country" and actor.country == iso3:
                return actor
        name = lexicons.countries().name_of(iso3) or iso3
        return Actor(name=name, country=iso3, kind="country")

    def _maker(self, head: Token, w: WeaponMention) -> Actor | None:
        """Who made the system: a demonym or "X-made" in its noun phrase (or in the first item of
        the list it is coordinated in), "developed by X", else the designation's maker country."""
        own = self._maker_in_np(w.start, head)
        if own is not None:
            return own
        for c in head.children:  # "howitzers developed by South Korea"
            if base(c.dep_) == "acl" and c.lemma_.lower() in self.words.makers:
                found = self._first(prepositional(c, ["by"]))
                if found:
                    return found
        if base(head.dep_) == "nsubj" and head.head.lemma_.lower() in self.words.makers and is_passive(head.head):
            found = self._first(prepositional(head.head, ["by"]))  # "these howitzers, developed by South Korea, ..."
            if found:
                return found
        if w.maker:
            self._maker_from_lexicon = True
            return self._country_actor(w.maker)
        # the maker of the first item of a list distributes over the list: "Russian-made helicopters,
        # radars, and air-defence missiles"
        first = head
        while base(first.dep_) == "conj" and first.head != first and first.head.i < first.i:
            first = first.head
        if first != head:
            mention = next((x for x in self.weapons if x.start <= first.i < x.end), None)
            start = mention.start if mention else first.i
            found = self._maker_in_np(start, first)
            if found is not None:
                return found
        return self._maker_by_surface(w)

    def _maker_in_np(self, start: int, head: Token) -> Actor | None:
        doc = self.ctx.doc
        left = min(head.left_edge.i, start)
        left = max(left, start - 6)
        sent_start = _Bounds(doc[start]).start
        j = start - 1
        while j >= sent_start and j >= start - 6:  # the parse may leave the maker outside the subtree
            tok = doc[j]
            m = self.ctx.mention_at.get(j)
            if m is not None and m.how == "demonym":
                left = min(left, j)
                break
            if tok.pos_ in ("ADJ", "NUM") or tok.text == "-" or tok.lower_ in self.words.np_words or \
                    (tok.pos_ in ("NOUN", "PROPN") and m is None and tok.i not in self.weapon_tokens):
                j -= 1
                continue
            break
        for tok in doc[left:start]:
            m = self.ctx.mention_at.get(tok.i)
            if m is None or m.how not in ("demonym", "country", "name"):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ in ("'s", "’s"):
                continue  # "Chile's frigates": the owner, not the maker
            if m.actor.kind != "country" and m.how != "demonym":
                continue
            if base(tok.dep_) in ("nsubj", "obj", "iobj", "obl") and m.how != "demonym" and not (
                    nxt is not None and nxt.text == "-"):
                continue  # "Chile operates German submarines": the subject, not a maker
            return self._country_actor(m.actor.country) if m.actor.country else m.actor
        return None

    def _maker_by_surface(self, w: WeaponMention) -> Actor | None:
        """Scan left over a coordinated list of weapons to a maker modifier of its first item."""
        doc = self.ctx.doc
        sent = _Bounds(doc[w.start])
        i = w.start - 1
        crossed_list = False
        while i >= sent.start and i >= w.start - 14:
            tok = doc[i]
            if tok.text in (",",) or tok.pos_ == "CCONJ":
                crossed_list = True
                i -= 1
                continue
            m = self.ctx.mention_at.get(tok.i)
            if m is not None:
                if m.how == "demonym" and crossed_list:
                    return self._country_actor(m.actor.country) if m.actor.country else m.actor
                return None
            if tok.i in self.weapon_tokens or tok.pos_ in ("ADJ", "DET", "NUM") or tok.text == "-" or \
                    tok.lower_ in self.words.np_words or (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod")):
                i -= 1
                continue
            return None
        return None

    def _place_country(self, verb: Token) -> Actor | None:
        for c in verb.children:
            if base(c.dep_) in ("obl", "nmod") and case_of(c) in ("in", "across", "along", "near", "inside", "at", "on"):
                for t in [c, *c.conjuncts]:
                    place = self.ctx.place_by_token.get(t.i)
                    if place is not None and place.country:
                        return self._country_actor(place.country)
                    actor = self._actor_at(t)
                    if actor is not None and actor.kind == "country":
                        return actor
        return None

    def _previous_subject(self, verb: Token) -> Actor | None:
        """The country subject of the previous sentence: "Estonia is strengthening its air defence.
        German radars are being installed along the coast." """
        doc = self.ctx.doc
        sent = _Bounds(verb)
        if sent.start == 0:
            return None
        prev = _Bounds(doc[sent.start - 1])
        for tok in doc[prev.start:prev.end]:
            if base(tok.dep_) == "nsubj" and tok.head.dep_ in ("ROOT", "root"):
                actor = self._actor_at(tok)
                if actor is not None and actor.country:
                    return actor
        return None

    # -- quantity, status, value, year ----------------------------------------------------------
    def _quantity(self, head: Token, w: WeaponMention) -> tuple[int | None, str | None]:
        """"24 Leopard" -> 24; "a batch of", "two squadrons of" -> None with the phrase kept."""
        W = self.words
        doc = self.ctx.doc
        for c in head.children:
            if base(c.dep_) == "nummod" and c.i < w.start and c.i not in self.weapon_tokens:
                value = _number(c, W)
                if value is not None:
                    return value, c.text
        sent_start, _ = sentence_bounds(doc[w.start])
        i = w.start - 1
        while i >= sent_start and i >= w.start - 6:
            tok = doc[i]
            if (tok.like_num or tok.lower_ in W.numbers) and _number(tok, W) is not None:
                if YEAR_RE.match(tok.text) and not (i - 1 >= sent_start and doc[i - 1].lower_ in ("for", "of")):
                    return None, None
                return _number(tok, W), tok.text
            if tok.lower_ == "of" and i - 1 >= sent_start and (doc[i - 1].lemma_.lower() in W.quantity_units
                                                                or doc[i - 1].lower_ in W.quantity_units):
                unit = doc[i - 1]
                j = unit.i
                while j - 1 >= sent_start and (doc[j - 1].like_num or doc[j - 1].lower_ in W.numbers
                                               or doc[j - 1].pos_ in ("DET", "ADJ")) and j > unit.i - 3:
                    j -= 1
                if unit.lower_ in ("number", "lot"):
                    return None, doc[j:unit.i + 1].text
                return None, doc[j:unit.i + 1].text
            if tok.pos_ in ("ADJ", "DET") or tok.text == "-" or tok.i in self.weapon_tokens or tok.lower_ in W.np_words or \
                    (self.ctx.mention_at.get(tok.i) is not None and self.ctx.mention_at[tok.i].how == "demonym") or \
                    (tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("amod", "compound", "flat")):
                i -= 1
                continue
            break
        return None, None

    def _status(self, frame: Frame) -> str:
        W = self.words
        trigger, gov = frame.trigger, frame.governor
        lemma = trigger.lemma_.lower()
        if self._alleged(frame):
            return "alleged"
        if lemma in W.offered_verbs or (frame.noun is not None and frame.noun.lemma_.lower() in W.offered_verbs):
            return "offered"
        if self._planned(frame):
            return "planned"
        if frame.kind == "possess":
            return "delivered"
        if lemma in W.delivered_verbs:
            return "delivered"
        if frame.noun is not None and frame.noun.lemma_.lower() in ("delivery", "deliveries", "shipment", "consignment"):
            return "delivered" if gov.tag_ in ("VBD", "VBN") and gov != frame.noun else "ordered"
        if frame.kind in ("acquire", "supply"):
            return "ordered"
        return "unknown"

    def _planned(self, frame: Frame) -> bool:
        """Modal verbs, planning verbs above the frame, "to acquire" under a plan, pacts and talks."""
        W = self.words
        for verb in {frame.trigger, frame.governor}:
            aux = {c.lower_ for c in verb.children if base(c.dep_) in ("aux", "mark")}
            if aux & W.modals:
                return True
            if verb.lemma_.lower() in W.planning and verb == frame.governor and frame.noun is not None:
                return True
        if frame.noun is not None:
            if frame.governor != frame.noun and any(
                    base(c.dep_) == "obj" and (c.lemma_.lower() in W.planned_nouns or c.lower_ in W.planned_nouns)
                    for c in frame.governor.children):
                return True  # "signed an agreement for the purchase of ..."
            node = frame.noun
            for _ in range(3):  # "an agreement for the purchase of", "a pact on the supply of"
                if node.lemma_.lower() in W.planned_nouns or node.lower_ in W.planned_nouns:
                    return True
                if base(node.dep_) not in ("nmod", "obl", "acl") or node.head == node or node.head.pos_ not in ("NOUN", "PROPN"):
                    break
                node = node.head
        trig = frame.trigger
        if any(c.lower_ == "to" and c.i < trig.i for c in trig.children):
            if trig.head == trig or trig.head.i in self.ctx.mention_at:
                return True  # a headline's "Navy to acquire 26 jets": announced, not yet ordered
            if trig.head.i < trig.i and any(t.lemma_.lower() in W.planned_nouns or t.lower_ in W.planned_nouns
                                            for t in self.ctx.doc[trig.head.i:trig.i]):
                return True  # "signed a letter of intent to buy", "a pact with a firm to acquire"
        node = frame.governor if frame.governor != frame.noun else frame.trigger
        for _ in range(4):
            if node.head == node:
                break
            rel = base(node.dep_)
            if rel not in ("xcomp", "advcl", "acl", "ccomp", "obl", "obj", "nmod", "conj"):
                break
            parent = node.head
            pl = parent.lemma_.lower()
            if pl in W.planning or (parent.pos_ in ("NOUN", "PROPN") and pl in W.planned_nouns):
                if rel != "conj":
                    return True
            if any(c.lower_ in W.modals for c in parent.children if base(c.dep_) == "aux") and rel in ("xcomp",):
                return True
            node = parent
        return False

    def _alleged(self, frame: Frame) -> bool:
        """Inside the content of an accusation or allegation ("X alleged that Iran supplied ..."),
        or marked "allegedly"."""
        if any(c.lower_ in ("allegedly", "purportedly") for c in frame.trigger.children):
            return True
        if self._in_claim(frame.trigger.i, set(self.words.allegation_acts) | set(self.words.denial_verbs)):
            return True
        if self._denied(frame):
            return True  # "Pyongyang denied supplying missiles": someone must have said it did
        # "X shipped shells to Y, Z alleged" / "Z alleged X shipped": the reporting verb next to the frame
        acts = self.words.allegation_acts
        for verb in {frame.trigger, frame.governor}:
            if any(c.lemma_.lower() in acts and c.pos_ == "VERB" and base(c.dep_) in ("conj", "parataxis", "advcl")
                   and any(base(g.dep_) == "nsubj" for g in c.children) for c in verb.children):
                return True
            node = verb
            for _ in range(3):
                if base(node.dep_) not in ("ccomp", "xcomp", "conj", "advcl", "acl") or node.head == node:
                    break
                node = node.head
                if node.lemma_.lower() in acts and node.pos_ == "VERB" and base(node.dep_) != "conj":
                    return True
        return False

    def _refused(self, frame: Frame) -> bool:
        """A refusal, cancellation or block governs the frame or its deal noun."""
        refusals = self.words.refusal_verbs
        if frame.noun is not None:  # "the ban on sales of weapons", "an embargo on arms deliveries"
            node = frame.noun
            for _ in range(2):
                if base(node.dep_) not in ("nmod", "obl") or node.head == node:
                    break
                node = node.head
                if node.lemma_.lower() in self.words.refusal_nouns:
                    return True
            j = frame.noun.i - 1  # the same, read from word order: "ban on sales"
            while j >= 0 and j >= frame.noun.i - 3 and self.ctx.doc[j].pos_ in ("ADP", "DET", "ADJ"):
                j -= 1
            if j >= 0 and self.ctx.doc[j].lemma_.lower() in self.words.refusal_nouns:
                return True
        for start in {frame.trigger, frame.governor}:
            node = start
            if frame_lemma(node, refusals) in refusals:
                return True
            for _ in range(2):
                if base(node.dep_) not in ("xcomp", "ccomp", "obj", "advcl") or node.head == node:
                    break
                node = node.head
                if frame_lemma(node, refusals) in refusals:
                    return True
        return False

    def _party_denies(self, frame: Frame, supplier: Actor | None, recipient: Actor | None) -> bool:
        """A denial verb in the deal's sentence whose subject is the supplier or the recipient."""
        parties = [a for a in (supplier, recipient) if a is not None and a.country]
        if not parties:
            return False
        doc = self.ctx.doc
        b = _Bounds(frame.trigger)
        for tok in doc[b.start:b.end]:
            if tok.i == frame.trigger.i or frame_lemma(tok, self.words.denial_verbs) not in self.words.denial_verbs:
                continue
            subj = [c for c in tok.children if base(c.dep_) == "nsubj"]
            adjacent = self._adjacent_subject(tok)
            for t in subj + ([adjacent] if adjacent is not None else []):
                actor = self._actor_at(t)
                if actor is not None and any(_same_side(actor, p) for p in parties):
                    return True
        return False

    def _reporting_claims(self, frame: Frame, w: WeaponMention) -> list[str]:
        """Ids of the claims whose content holds this mention of the deal (its frame or the weapon):
        "Kowalski alleged that Iran supplied rockets" is reported by Kowalski's claim. Set here rather
        than only by the linker so that every mention of a merged deal keeps its source."""
        ids: list[str] = []
        for cs in self.ctx.claim_index:
            if cs.claim.id is None or cs.cue == frame.trigger.i:
                continue
            if cs.start <= frame.trigger.i < cs.end or cs.start <= w.start < cs.end:
                if cs.claim.id not in ids:
                    ids.append(cs.claim.id)
        return ids

    def _denied(self, frame: Frame) -> bool:
        """Inside a denial: a denying claim, or a denial verb governing the frame ("denied supplying")."""
        denials = self.words.denial_verbs
        if self._in_claim(frame.trigger.i, set(denials)):
            return True
        node = frame.trigger
        for _ in range(2):
            if base(node.dep_) not in ("xcomp", "ccomp", "advcl") or node.head == node:
                break
            node = node.head
            if node.lemma_.lower() in denials:
                return True
        doc = self.ctx.doc  # "denied supplying", "denies that it ever sold", read from word order
        j = frame.trigger.i - 1
        while j >= 0 and j >= frame.trigger.i - 5 and (doc[j].pos_ in ("SCONJ", "PRON", "AUX", "ADV", "PART")
                                                        or doc[j].lower_ in ("that", "having")):
            j -= 1
        return j >= 0 and j < frame.trigger.i and frame_lemma(doc[j], denials) in denials

    def _in_claim(self, i: int, acts: set[str]) -> bool:
        for cs in self.ctx.claim_index:
            if cs.start <= i < cs.end and cs.claim.act in acts:
                return True
        return False

    def _value(self, frame: Frame) -> str | None:
        """An amount in the deal's sentence, or in the next sentence when that one is about the deal
        ("The deal, reportedly worth about 4 billion euros, ...")."""
        doc = self.ctx.doc
        sent = _Bounds(frame.trigger)
        m = VALUE_RE.search(doc[sent.start:sent.end].text)
        if m is None and sent.end < len(doc):
            nxt = _Bounds(doc[sent.end])
            words = [t for t in doc[nxt.start:min(nxt.end, nxt.start + 4)] if t.is_alpha]
            if len(words) >= 2 and words[0].lower_ in ("the", "this", "that", "its") and \
                    words[1].lemma_.lower() in self.words.deal_nouns:
                m = VALUE_RE.search(doc[nxt.start:nxt.end].text)
        return m.group(0).strip() if m else None

    def _year(self, frame: Frame, w: WeaponMention) -> int | None:
        """A year written in the deal's clause: "a 2021 pact", "ordered in 2019"."""
        tokens: list[Token] = []
        for t in {frame.trigger, frame.governor, *( [frame.noun] if frame.noun is not None else [])}:
            tokens.extend(t.children)
            if frame.noun is not None and t == frame.noun:
                tokens.extend(g for c in t.children for g in c.children)
        for tok in sorted(tokens, key=lambda t: t.i):
            if tok.i in self.weapon_tokens:
                continue
            if YEAR_RE.match(tok.text):
                return int(tok.text)
        return None

    def _describe(self, head: Token, w: WeaponMention) -> str:
        """The generic system with its modifiers: "Russian-made helicopters", "other armoured vehicles"."""
        doc = self.ctx.doc
        start = w.start
        for c in head.children:
            if base(c.dep_) in ("amod", "compound") and c.i < w.start and c.lemma_.lower() not in self.words.frames:
                start = min(start, c.left_edge.i)
        start = max(start, w.start - 5)
        while start < w.start and (doc[start].pos_ in ("DET", "NUM", "VERB", "ADP", "CCONJ") and doc[start].tag_ != "VBN"
                                   or doc[start].is_punct or doc[start].lemma_.lower() in self.words.frames
                                   or doc[start].lemma_.lower() in self.words.quantity_units or doc[start].like_num
                                   or doc[start].lower_ in self.words.describe_drop):
            start += 1
        return doc[start:w.end].text


def frame_lemma(tok: Token, known: frozenset) -> str:
    """The token's lemma, or a lemma recovered from its inflection when the tagger missed it
    ("supplying" tagged as a noun with lemma "supplying")."""
    lemma = tok.lemma_.lower()
    if lemma in known:
        return lemma
    low = tok.lower_
    for suffix, repl in (("ying", "y"), ("ing", ""), ("ing", "e"), ("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            cand = low[: -len(suffix)] + repl
            if cand in known:
                return cand
    return lemma


def sentence_bounds(tok: Token) -> tuple[int, int]:
    """Token range of the sentence around ``tok`` by its punctuation: the parser's sentence, widened
    to the nearest full stop, question or exclamation mark, or line break on each side, because a
    weak model splits sentences inside noun phrases ("sell 40 | F-16 jets")."""
    doc = tok.doc
    start, end = tok.sent.start, tok.sent.end

    def closes(t: Token) -> bool:
        return t.text in (".", "!", "?") or "\n" in t.text or t.text.endswith((".", "!", "?")) and len(t.text) > 1

    while start > 0 and not closes(doc[start - 1]) and start > tok.i - 60:
        start = doc[start - 1].sent.start
    while end < len(doc) and not closes(doc[end - 1]) and end < tok.i + 60:
        end = doc[end].sent.end
    return start, end


class _Bounds:
    """Start and end token of the (punctuation-bounded) sentence around a token."""

    __slots__ = ("start", "end")

    def __init__(self, tok: Token) -> None:
        self.start, self.end = sentence_bounds(tok)


def _hyphen_modifier(tok: Token) -> bool:
    """A participle glued to a country by a hyphen: "US-supplied", "Chinese-made", "Turkish-built"."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-":
        return False
    participle = tok.tag_ == "VBN" or tok.lower_.endswith(("ed", "made", "built"))
    return participle and doc[tok.i - 2].is_alpha and doc[tok.i - 2].text[:1].isupper()


def _nearest_after(tokens: list[Token], i: int) -> list[Token]:
    """Phrases after position ``i`` nearest first, then those before it: in "bought jets from
    Russia and frigates from Italy" each item takes the "from" phrase that follows it."""
    unique = {t.i: t for t in tokens}
    after = sorted((t for t in unique.values() if t.i > i), key=lambda t: t.i)
    before = sorted((t for t in unique.values() if t.i <= i), key=lambda t: -t.i)
    return after + before


def _number(tok: Token, words: DealWords) -> int | None:
    text = tok.text.replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    return words.numbers.get(tok.lower_)


def _side_key(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.name.lower()


def _same_side(a: Actor, b: Actor) -> bool:
    if a.country and b.country:
        return a.country == b.country
    return a.name.lower() == b.name.lower()


def _merge(found: list[_Found]) -> list[Transfer]:
    """One record per deal: mentions with the same supplier, recipient and system family merge.

    A generic mention ("these battle tanks") folds into a named system of the same family between
    the same sides ("Leopard 2A7"), and an umbrella noun ("arms purchases from Germany") into any specific
    deal between the same sides. The named mention's quantity and status win; among generic
    mentions the furthest status along the deal's life wins ("buying radars" ... "radars are being
    deployed" is delivered), and a confirmed mention overrides an allegation.
    """
    groups: dict[tuple, list[_Found]] = {}
    order: list[tuple] = []
    for f in found:
        t = f.transfer
        key = (_side_key(t.supplier), _side_key(t.recipient), f.mention.family)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(f)
    # fold generic groups into the named group of the same family and sides; umbrellas into anything
    for key in list(order):
        members = groups.get(key)
        if not members or any(m.mention.named for m in members):
            continue
        target = None
        for other in order:
            if other == key or other not in groups or other[:2] != key[:2]:
                continue
            if key[2] == "umbrella" or (other[2] == key[2] and any(m.mention.named for m in groups[other])):
                target = other
                break
        if target is None and key[2] != "umbrella":
            # a generic mention whose supplier is unknown joins a deal of the same family and recipient
            if key[0] is None:
                target = next((o for o in order if o != key and o in groups and o[1] == key[1] and o[2] == key[2]), None)
            elif key[1] is None:  # "the drones, built by Baykar, were ordered last year": recipient unknown
                target = next((o for o in order if o != key and o in groups and o[0] == key[0] and o[2] == key[2]
                               and o[1] is not None), None)
        if target is not None:
            groups[target].extend(members)
            del groups[key]
    out: list[Transfer] = []
    for key in order:
        if key not in groups:
            continue
        members = sorted(groups[key], key=lambda f: (not f.mention.named, f.frame_i))
        kept = members[0].transfer
        named = [m for m in members if m.mention.named]
        for f in members[1:]:
            t = f.transfer
            kept.evidence.extend(e for e in t.evidence if e not in kept.evidence)
            kept.quantity = kept.quantity if kept.quantity is not None else t.quantity
            kept.quantity_text = kept.quantity_text or t.quantity_text
            kept.value = kept.value or t.value
            kept.year = kept.year or t.year
            kept.supplier = kept.supplier or t.supplier
            kept.uncertain = kept.uncertain and t.uncertain
            kept.reported_by.extend(c for c in t.reported_by if c not in kept.reported_by)
            if named and not f.mention.named:
                if kept.status in ("unknown",) or (kept.status == "alleged" and t.status != "alleged"):
                    kept.status = t.status
                continue
            if kept.status == "alleged" and t.status != "alleged" and t.status != "unknown":
                kept.status = t.status
            elif t.status != "alleged" and STATUS_RANK[t.status] > STATUS_RANK[kept.status]:
                kept.status = t.status
        if any(m.denied for m in members) and all(m.attributed for m in members) and kept.status != "offered":
            kept.status = "alleged"  # one side says so, the other denies it: not confirmed
        kept.evidence.sort(key=lambda e: (e.start, e.end))
        kept.evidence = _unique(kept.evidence)
        out.append(kept)
    return out


def _unique(items: list) -> list:
    seen: list = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen
