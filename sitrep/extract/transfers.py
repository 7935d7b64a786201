"""Arms transfers in SIPRI's terms: supplier, recipient, weapon system, quantity and deal status.

A weapon mention (a designation from ``weapons.yaml`` such as "Wing Loong", or an unnamed system
such as "Chinese-made drones") is attached to the deal frame that governs it:

* acquisition verbs (buy, purchase, acquire, order, procure, import; "placed orders for"): the
  recipient is the subject, the supplier the "from" phrase, the maker ("Chinese-made", "French"),
  or the maker country of the designation;
* supply verbs (sell, supply, deliver, export, transfer, offer, gift, provide): the supplier is the
  subject, the recipient the "to" phrase or the indirect object;
* possession verbs (use, operate, field, deploy, induct): delivered earlier, recipient = subject.

Status comes from the frame and its clause: ``offered`` (offer), ``planned`` (plan, pact, talks,
"to acquire", will), ``ordered`` (order, buy, procure, sign a contract), ``delivered`` (deliver,
supply in the past, use/operate/deploy), and ``alleged`` when the only source is an accusation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep import lexicons
from sitrep.extract.syntax import base, case_of, children, prepositional, subjects
from sitrep.model import Actor, Transfer

if TYPE_CHECKING:  # pragma: no cover
    from sitrep.pipeline import DocContext

ACQUIRE = {"buy", "purchase", "acquire", "order", "procure", "import", "receive", "get", "seek", "induct", "obtain"}
SUPPLY = {"sell", "supply", "deliver", "export", "transfer", "offer", "gift", "provide", "send", "give", "ship", "develop"}
POSSESS = {"use", "operate", "field", "deploy", "fly", "employ", "station", "install"}
PLANNING = {"plan", "consider", "negotiate", "seek", "want", "intend", "aim", "propose", "work", "discuss", "explore", "renew"}
ORDER_NOUNS = {"order", "orders", "deal", "contract", "purchase", "procurement", "acquisition", "pact", "agreement"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "hundred": 100, "dozen": 12, "dozens": None}


@dataclass
class WeaponMention:
    start: int
    end: int
    name: str
    maker: str | None
    category: str
    named: bool


_MATCHERS: dict[int, PhraseMatcher] = {}


@cache
def _system_table() -> dict[str, dict]:
    table: dict[str, dict] = {}
    for item in lexicons.weapons()["systems"]:
        for form in [item["name"], *item.get("aliases", [])]:
            for variant in {form, form.replace("-", " "), form.replace(" ", "-")}:
                table[variant.lower()] = item
    return table


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
    """Named systems and generic weapon nouns, longest match first."""
    matcher = weapon_matcher(doc)
    spans = filter_spans([Span(doc, s, e, label=lbl) for lbl, s, e in matcher(doc)])
    table = _system_table()
    generic = {str(k).lower(): v for k, v in lexicons.weapons()["generic"].items()}
    out = []
    for span in spans:
        text = span.text.lower()
        if span.label_ == doc.vocab.strings["SYSTEM"] or text in table:
            item = table.get(text) or table.get(text.replace(" ", "-"))
            if item is None:
                continue
            # extend over a following generic noun: "Wing Loong unmanned aerial vehicles"
            out.append(WeaponMention(span.start, span.end, item["name"], item.get("maker"), item["category"], True))
        else:
            if span.root.pos_ not in ("NOUN", "PROPN"):
                continue
            if span.root.dep_ == "compound":  # "drone brigade", "missile test": not a weapon transfer
                continue
            out.append(WeaponMention(span.start, span.end, span.text, None, generic.get(text, "other"), False))
    return out


class TransferExtractor:
    """Pipeline component: fills ``ctx.transfers``."""

    name = "transfers"

    def __call__(self, ctx: "DocContext") -> None:
        self.ctx = ctx
        weapons = find_weapons(ctx.doc)
        named_spans = [(w.start, w.end) for w in weapons if w.named]
        for w in weapons:
            # a generic noun right after a designation belongs to it ("Wing Loong UAVs")
            if not w.named and any(s <= w.start <= e + 1 for s, e in named_spans):
                continue
            transfer = self._transfer(w)
            if transfer is not None:
                ctx.transfers.append(transfer)
        ctx.transfers = _merge(ctx.transfers)
        for t in ctx.transfers:
            t.id = ctx.new_id("t")

    def _transfer(self, w: WeaponMention) -> Transfer | None:
        doc = self.ctx.doc
        head = doc[w.start:w.end].root
        frame, noun_frame = self._frame(head)
        if frame is None:
            return None
        lemma = frame.lemma_.lower()
        supplier: Actor | None = None
        recipient: Actor | None = None
        maker = self._maker(head, w)
        if lemma in ACQUIRE or (noun_frame is not None and noun_frame.lower_ in ORDER_NOUNS):
            recipient = self._first(subjects(frame))
            supplier = self._first(prepositional(frame, ["from", "with"])) or \
                (self._first(prepositional(noun_frame, ["from", "with"])) if noun_frame is not None else None) or maker
        elif lemma in SUPPLY:
            supplier = self._first(subjects(frame)) or maker
            recipient = self._first(prepositional(frame, ["to", "for"]) + children(frame, "iobj"))
            if recipient is None:
                objs = [c for c in frame.children if base(c.dep_) == "obj" and c.i != head.i]
                recipient = self._first(objs)
        elif lemma in POSSESS:
            recipient = self._first(subjects(frame)) or self._place_country(frame)
            supplier = maker
        else:
            return None
        if supplier is None and recipient is None:
            return None
        if supplier is not None and recipient is not None and supplier.country and supplier.country == recipient.country:
            if lemma not in POSSESS:
                return None
            supplier = None  # a domestic system in use: no transfer to record
            return None
        quantity, qtext = self._quantity(head, w)
        status = self._status(frame, lemma, noun_frame)
        return Transfer(
            supplier=supplier.brief() if supplier else None,
            recipient=recipient.brief() if recipient else None,
            system=doc[w.start:w.end].text if w.named else self._describe(head, w),
            category=w.category,
            quantity=quantity,
            quantity_text=qtext,
            status=status,
            uncertain=supplier is None or recipient is None,
            evidence=[self.ctx.evidence(w.start, w.end), self.ctx.evidence(frame.i)],
        )

    def _frame(self, head: Token) -> tuple[Token | None, Token | None]:
        """The verb that governs the weapon (through coordination, "for", "of" and order nouns)."""
        node = head
        noun_frame = None
        for _ in range(6):
            if node.dep_ in ("conj",) or base(node.dep_) in ("appos",):
                node = node.head
                continue
            parent = node.head
            if parent is node:
                return None, None
            if parent.pos_ == "NOUN" and parent.lemma_.lower() in ORDER_NOUNS | {"batch", "fleet", "squadron", "number", "supply", "delivery", "sale", "import", "purchase"}:
                noun_frame = parent
                node = parent
                continue
            if parent.pos_ in ("VERB", "AUX") or parent.lemma_.lower() in ACQUIRE | SUPPLY | POSSESS:
                lemma = parent.lemma_.lower()
                if lemma in ACQUIRE | SUPPLY | POSSESS or lemma in ("place", "sign", "finalise", "finalize", "renew", "make"):
                    if lemma in ("place", "sign", "finalise", "finalize", "make", "renew") and noun_frame is None:
                        return None, None
                    return parent, noun_frame
                if base(node.dep_) in ("nsubj",) and lemma in ("be",):
                    return None, None
                return None, None
            node = parent
        return None, None

    def _first(self, tokens: list[Token]) -> Actor | None:
        for tok in tokens:
            mention = self.ctx.mention_at.get(tok.i)
            if mention is not None and mention.actor.kind not in ("anonymous", "document"):
                return mention.actor
            for c in tok.children:  # "a Turkish firm", "Pakistan's arsenal"
                if c.i in self.ctx.mention_at and c.dep_ in ("amod", "nmod:poss", "compound"):
                    return self.ctx.mention_at[c.i].actor
        return None

    def _maker(self, head: Token, w: WeaponMention) -> Actor | None:
        for tok in self.ctx.doc[head.left_edge.i:w.end]:
            m = self.ctx.mention_at.get(tok.i)
            if m is not None and m.how in ("demonym", "country") and tok.i < w.end:
                return m.actor
        for c in head.children:  # "drones developed by China"
            if base(c.dep_) == "acl":
                for g in c.children:
                    if base(g.dep_) == "obl" and case_of(g) == "by":
                        found = self._first([g])
                        if found:
                            return found
        if w.maker:
            for actor in self.ctx.actors.values():
                if actor.kind == "country" and actor.country == w.maker:
                    return actor
            from sitrep.resolve.actors import ActorResolver  # noqa: F401  (the actor table is per document)
            name = lexicons.countries().name_of(w.maker) or w.maker
            return Actor(name=name, country=w.maker, kind="country")
        return None

    def _place_country(self, verb: Token) -> Actor | None:
        for c in verb.children:
            if base(c.dep_) == "obl" and case_of(c) in ("in", "across", "along", "near", "inside"):
                place = self.ctx.place_by_token.get(c.i)
                if place is not None and place.country:
                    for actor in self.ctx.actors.values():
                        if actor.kind == "country" and actor.country == place.country:
                            return actor
                    return Actor(name=lexicons.countries().name_of(place.country) or place.country,
                                 country=place.country, kind="country")
        return None

    def _quantity(self, head: Token, w: WeaponMention) -> tuple[int | None, str | None]:
        for c in head.children:
            if base(c.dep_) == "nummod":
                text = c.text.replace(",", "")
                if re.fullmatch(r"\d+", text):
                    return int(text), c.text
                if c.lower_ in NUMBER_WORDS:
                    return NUMBER_WORDS[c.lower_], c.text
        for c in head.children:
            if c.lower_ in ("batch", "squadrons", "squadron", "fleet", "several", "dozens"):
                return None, c.text
        return None, None

    def _status(self, frame: Token, lemma: str, noun_frame: Token | None) -> str:
        aux = {c.lower_ for c in frame.children if base(c.dep_) in ("aux", "mark")}
        head_lemma = frame.head.lemma_.lower() if frame.head is not frame else ""
        if self._alleged(frame):
            return "alleged"
        if lemma == "offer":
            return "offered"
        if "to" in aux and (head_lemma in PLANNING or frame.dep_ in ("advcl", "acl", "xcomp")):
            return "planned"
        if aux & {"will", "would", "shall", "could", "may", "might"} or head_lemma in PLANNING:
            return "planned"
        if noun_frame is not None and noun_frame.lower_ in ("pact", "agreement") and lemma not in POSSESS:
            return "planned"
        if lemma in POSSESS:
            return "delivered"
        if lemma in ("deliver", "supply", "export", "ship", "transfer", "gift", "send", "give", "provide", "receive", "induct"):
            return "delivered" if frame.tag_ in ("VBD", "VBN") or frame.lemma_ == "induct" else "ordered"
        if lemma in ACQUIRE or (noun_frame is not None and noun_frame.lower_ in ORDER_NOUNS):
            return "ordered"
        return "unknown"

    def _alleged(self, frame: Token) -> bool:
        """Inside the content of an accusation or allegation and nowhere confirmed."""
        for cs in self.ctx.claim_index:
            if cs.start <= frame.i < cs.end and cs.claim.act in ("allege", "accuse", "claim"):
                return True
        return False

    def _describe(self, head: Token, w: WeaponMention) -> str:
        doc = self.ctx.doc
        start = w.start
        for c in head.children:
            if base(c.dep_) in ("amod", "compound") and c.i < w.start:
                start = min(start, c.left_edge.i)
        while start < w.start and (doc[start].pos_ in ("DET", "NUM") or doc[start].is_punct):
            start += 1
        return doc[start:w.end].text


def _merge(transfers: list[Transfer]) -> list[Transfer]:
    """Transfers of one document with the same supplier, recipient and system become one."""
    merged: dict[tuple, Transfer] = {}
    for t in transfers:
        key = (t.supplier.country if t.supplier else None, t.recipient.country if t.recipient else None, t.system.lower())
        if key in merged:
            kept = merged[key]
            kept.evidence.extend(t.evidence)
            kept.quantity = kept.quantity or t.quantity
            if kept.status == "unknown":
                kept.status = t.status
        else:
            merged[key] = t
    return list(merged.values())
