"""Syntax helpers that make extraction robust to common parser mistakes (hand-built parses)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitrep.extract.syntax import acts_as_subject, subjects


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_it_called_an_expletive_before_a_transitive_verb_is_the_subject():
    # "... that it supplied drones": a parser error labels "it" expl; the verb has an object
    doc = parsed(
        ["Venezuela", "denied", "that", "it", "supplied", "drones", "."],
        [1, 1, 4, 4, 1, 4, 1],
        ["nsubj", "ROOT", "mark", "expl", "ccomp", "obj", "punct"],
        ["PROPN", "VERB", "SCONJ", "PRON", "VERB", "NOUN", "PUNCT"],
    )
    assert [t.text for t in subjects(doc[4])] == ["it"]
    assert acts_as_subject(doc[3])


def test_a_real_expletive_is_no_subject():
    # "it surprised officials that ...": extraposed clause, "it" stands for nothing
    doc = parsed(
        ["It", "surprised", "officials", "that", "talks", "failed", "."],
        [1, 1, 1, 5, 5, 1, 1],
        ["expl", "ROOT", "obj", "mark", "nsubj", "ccomp", "punct"],
        ["PRON", "VERB", "NOUN", "SCONJ", "NOUN", "VERB", "PUNCT"],
    )
    assert subjects(doc[1]) == []
    assert not acts_as_subject(doc[0])
    # "it seems": no object, no subject
    doc = parsed(["It", "seems", "so"], [1, 1, 1], ["expl", "ROOT", "advmod"], ["PRON", "VERB", "ADV"])
    assert subjects(doc[1]) == [] and not acts_as_subject(doc[0])


def test_subject_after_a_mislabelled_as_is_kept():
    # "just as India uses jets": "as" opens the clause but came out as the subject's "case"
    doc = parsed(
        ["as", "India", "uses", "jets"],
        [1, 2, 2, 2],
        ["case", "nsubj", "ROOT", "obj"],
        ["ADP", "PROPN", "VERB", "NOUN"],
    )
    assert [t.text for t in subjects(doc[2])] == ["India"]


def test_subject_with_a_real_preposition_is_a_parser_error():
    # "a pact with a firm to acquire drones": "firm" is no subject of "acquire"
    doc = parsed(
        ["with", "firm", "acquire", "drones"],
        [1, 2, 2, 2],
        ["case", "nsubj", "ROOT", "obj"],
        ["ADP", "NOUN", "VERB", "NOUN"],
    )
    assert subjects(doc[2]) == []
