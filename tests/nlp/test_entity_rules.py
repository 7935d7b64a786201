"""sitrep_entity_rules: type words, regnal numbers and one type per name in a document.

The docs are built by hand (words, tags, the NER's spans) so that each test shows one rule
acting on a known NER mistake, independent of what the trained model predicts.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from sitrep.nlp.entity_rules import EntityRules, type_word_label


def make_doc(words: list[str], ents: list[tuple[int, int, str]], propn: set[int] | None = None) -> Doc:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words)
    proper = propn if propn is not None else {i for i, w in enumerate(words) if w[:1].isupper() and i > 0}
    for i, tok in enumerate(doc):
        tok.pos_ = "PROPN" if i in proper else "NOUN"
        tok.tag_ = "NNP" if i in proper else "NN"
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def ents_of(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def run(doc: Doc) -> Doc:
    return EntityRules(doc.vocab)(doc)


def test_head_word_makes_an_organisation():
    doc = make_doc(["He", "left", "Harrow", "School", "early"], [(2, 4, "GPE")])
    assert ents_of(run(doc)) == [("Harrow School", "ORG")]


def test_head_word_before_of():
    doc = make_doc(["the", "Bay", "of", "Bengal", "storm"], [(1, 4, "ORG")], propn={1, 3})
    assert ents_of(run(doc)) == [("Bay of Bengal", "GPE")]
    doc = make_doc(["at", "the", "University", "of", "Punjab"], [(2, 5, "GPE")], propn={2, 4})
    assert ents_of(run(doc)) == [("University of Punjab", "ORG")]


def test_lead_word_makes_an_event_and_its_name_follows():
    words = ["Cyclone", "Phailin", "hit", "Odisha", ".", "Phailin", "weakened", "."]
    doc = make_doc(words, [(0, 2, "PERSON"), (3, 4, "GPE"), (5, 6, "PERSON")], propn={0, 1, 3, 5})
    assert ents_of(run(doc)) == [("Cyclone Phailin", "EVENT"), ("Odisha", "GPE"), ("Phailin", "EVENT")]


def test_single_words_are_left_alone():
    doc = make_doc(["the", "School", "said"], [(1, 2, "GPE")])
    assert ents_of(run(doc)) == [("School", "GPE")]
    assert type_word_label(doc.ents[0]) is None


def test_surname_takes_the_full_name_type():
    words = ["Joshua", "Norton", "arrived", ".", "Later", "Norton", "declared", "himself", "emperor", "."]
    doc = make_doc(words, [(0, 2, "PERSON"), (5, 6, "GPE")], propn={0, 1, 5})
    assert ents_of(run(doc)) == [("Joshua Norton", "PERSON"), ("Norton", "PERSON")]


def test_surname_the_ner_missed_is_added_when_a_proper_noun():
    words = ["Imran", "Khan", "spoke", ".", "Khan", "said", "no", "."]
    doc = make_doc(words, [(0, 2, "PERSON")], propn={0, 1, 4})
    assert ents_of(run(doc)) == [("Imran Khan", "PERSON"), ("Khan", "PERSON")]
    # not when the word is not tagged as a proper noun
    doc = make_doc(words, [(0, 2, "PERSON")], propn={0, 1})
    assert ents_of(run(doc)) == [("Imran Khan", "PERSON")]


def test_no_propagation_from_a_person_span_with_a_non_name_word():
    # "Putting America" is an NER error: "Putting" is no proper noun, so "America" keeps its type
    words = ["Putting", "America", "first", ",", "America", "won", "."]
    doc = make_doc(words, [(0, 2, "PERSON"), (4, 5, "GPE")], propn={1, 4})
    assert ents_of(run(doc))[1] == ("America", "GPE")


def test_a_name_part_of_two_types_is_not_propagated():
    words = ["Jordan", "Smith", "met", "Jordan", "River", "guides", "and", "Jordan", "."]
    doc = make_doc(words, [(0, 2, "PERSON"), (3, 5, "GPE"), (7, 8, "GPE")], propn={0, 1, 3, 4, 7})
    # "River" retypes the second name as GPE; "Jordan" stays as the NER had it
    assert ents_of(run(doc))[-1] == ("Jordan", "GPE")


def test_titles_do_not_propagate():
    words = ["President", "Joe", "Biden", "met", "the", "President", "of", "Kenya", "."]
    doc = make_doc(words, [(0, 3, "PERSON"), (7, 8, "GPE")], propn={0, 1, 2, 5, 7})
    out = ents_of(run(doc))
    assert ("President", "PERSON") not in out
    assert ("Kenya", "GPE") in out


def test_regnal_number_joins_the_name():
    words = ["Queen", "Elizabeth", "II", "visited", "."]
    doc = make_doc(words, [(0, 2, "PERSON")], propn={0, 1, 2})
    assert ents_of(run(doc)) == [("Queen Elizabeth II", "PERSON")]
    # a place name followed by a numeral is a ruler's name
    doc = make_doc(["Norton", "I", "ruled", "."], [(0, 1, "GPE")], propn={0, 1})
    assert ents_of(run(doc)) == [("Norton I", "PERSON")]
    # the pronoun "I" is not a numeral
    doc = make_doc(["Norton", "I", "think", "."], [(0, 1, "PERSON")], propn={0})
    assert ents_of(run(doc)) == [("Norton", "PERSON")]


def test_events_named_by_number_are_not_people():
    doc = make_doc(["World", "War", "II", "ended"], [(0, 3, "EVENT")], propn={0, 1, 2})
    assert ents_of(run(doc)) == [("World War II", "EVENT")]


def test_empty_doc_and_no_entities():
    nlp = spacy.blank("en")
    assert list(run(nlp("")).ents) == []
    assert list(run(nlp("nothing here")).ents) == []
