"""``sitrep_entity_rules``: fix entity types the statistical NER gets wrong in a predictable way.

The NER is trained on ~110 documents, so it learns little about which words make a name
an organisation or a place; it calls "Harrow School" a place and "Cyclone Phailin" a
person.  Three cheap, general rules run right after it (and before the gazetteer):

1. **Type words.**  A name of two or more words whose head word or first word is in
   ``entity_rules.yaml`` takes that word's label ("... School" ORG, "Bay of ..." GPE,
   "Cyclone ..." EVENT).
2. **Regnal numbers.**  A person's or place's name followed by a Roman numeral
   ("Norton I", "Johann II") is a person's name, numeral included.
3. **One name, one type per document.**  A person is introduced with a full name and
   then called by part of it ("Joshua Norton" … "Norton"); a storm is "Cyclone Phailin",
   then "Phailin".  A bare part of such a name, tagged as a proper noun, gets the full
   name's type, whether the NER gave it another type or none.

The rules only relabel or extend spans the NER found, or label bare proper nouns that
repeat a name already in the document; they never invent a name from nothing.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.lexicons import entity_name_rules, title_words

ENTITY_RULES = "sitrep_entity_rules"

ROMAN_NUMERAL = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
# A name's head is its last word, or the last word before one of these ("Bay of Bengal").
HEAD_BREAKERS = {"of", "for", "on"}
NAME_PARTICLES = {"de", "da", "di", "van", "von", "bin", "ibn", "al", "el", "-", "."}


def _head_word(span: Span) -> str:
    words = [t.text for t in span]
    for i, w in enumerate(words):
        if i > 0 and w.lower() in HEAD_BREAKERS:
            return words[i - 1]
    return words[-1]


def type_word_label(span: Span) -> str | None:
    """The label a type word gives this name, or None (rule 1)."""
    if len(span) < 2:
        return None
    rules = entity_name_rules()
    return rules.head.get(_head_word(span)) or rules.lead.get(span[0].text)


def _is_proper(token) -> bool:
    return token.pos_ == "PROPN" or token.tag_ in ("NNP", "NNPS")


def _name_parts(span: Span) -> list[str]:
    """The words a full name may later be shortened to (rule 3)."""
    lead_rules = entity_name_rules().lead
    titles = title_words()
    parts = []
    for i, t in enumerate(span):
        if i == 0 and t.text in lead_rules:
            continue
        if t.lower_ in titles or ROMAN_NUMERAL.match(t.text) or not t.text[:1].isupper() or len(t.text) < 3:
            continue
        if t.is_punct or t.like_num or not t.text.isalpha():
            continue
        parts.append(t.text)
    return parts


class EntityRules:
    """The rules above, applied to ``doc.ents``; rule words come from the sitrep lexicons."""

    def __init__(self, vocab, name: str = ENTITY_RULES) -> None:
        self.vocab = vocab
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        ents = [self._retype(doc, e) for e in doc.ents]
        ents = self._extend_regnal(doc, ents)
        ents = self._propagate_names(doc, ents)
        doc.ents = ents
        return doc

    @staticmethod
    def _retype(doc: Doc, ent: Span) -> Span:
        label = type_word_label(ent)
        if label and label != ent.label_:
            return Span(doc, ent.start, ent.end, label=label)
        return ent

    @staticmethod
    def _extend_regnal(doc: Doc, ents: list[Span]) -> list[Span]:
        starts = {e.start for e in ents}
        out = []
        for e in ents:
            nxt = e.end
            if (
                e.label_ in ("PERSON", "GPE")
                and nxt < len(doc)
                and nxt not in starts
                and (ROMAN_NUMERAL.match(doc[nxt].text) or (doc[nxt].text == "I" and _is_proper(doc[nxt])))
            ):
                out.append(Span(doc, e.start, nxt + 1, label="PERSON"))
            else:
                out.append(e)
        return out

    @staticmethod
    def _propagate_names(doc: Doc, ents: list[Span]) -> list[Span]:
        part_label: dict[str, str] = {}
        conflicting: set[str] = set()
        lead_rules = entity_name_rules().lead
        for e in ents:
            if len(e) < 2:
                continue
            propagates = _propagates(e, lead_rules)
            for part in _name_parts(e):
                if part_label.get(part, e.label_) != e.label_ or not propagates:
                    # "Jordan Smith" and "Jordan River" in one story: "Jordan" alone is either
                    conflicting.add(part)
                if propagates:
                    part_label[part] = e.label_
        for part in conflicting:
            part_label.pop(part, None)
        if not part_label:
            return ents
        taken = [False] * len(doc)
        for e in ents:
            for i in range(e.start, e.end):
                taken[i] = True
        out = []
        for e in ents:
            label = part_label.get(e.text) if len(e) == 1 else None
            out.append(Span(doc, e.start, e.end, label=label) if label and label != e.label_ else e)
        for i, t in enumerate(doc):
            label = part_label.get(t.text)
            if label and not taken[i] and _is_proper(t) and not _inside_name(doc, i):
                out.append(Span(doc, i, i + 1, label=label))
        return sorted(out, key=lambda s: s.start)


def _propagates(ent: Span, lead_rules: dict[str, str]) -> bool:
    """Whether the parts of this name are names of the same thing: a person's name made of
    proper nouns only ("Joshua Abraham Norton", not "Putting America"), or an event named
    by its kind ("Cyclone Phailin", not "World War II")."""
    if ent.label_ == "PERSON":
        return all(t.pos_ == "PROPN" or t.text in NAME_PARTICLES for t in ent)
    if ent.label_ == "EVENT":
        return lead_rules.get(ent[0].text) == "EVENT"
    return False


def _inside_name(doc: Doc, i: int) -> bool:
    """A bare proper noun next to another proper noun is part of some other name."""
    return (i > 0 and _is_proper(doc[i - 1])) or (i + 1 < len(doc) and _is_proper(doc[i + 1]))


@Language.factory(ENTITY_RULES, requires=["doc.ents", "token.pos", "token.tag"], assigns=["doc.ents"])
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules(nlp.vocab, name=name)
