"""The bundled spaCy model (sitrep/data/model/en_sitrep) loads offline and parses news sensibly."""

from __future__ import annotations

import socket

import pytest

from sitrep.nlp.model import DEFAULT_MODEL_PATH, ModelNotFoundError, load_model

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL_PATH / "config.cfg").is_file(),
    reason="bundled model not built (python training/build_model.py)",
)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_loads_without_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    from sitrep.nlp import model as model_mod

    model_mod.clear_cache()
    nlp = load_model(DEFAULT_MODEL_PATH)
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)
    nlp("Officials said nothing.")


def test_cached(nlp):
    assert load_model() is nlp


def test_env_var(monkeypatch, nlp):
    monkeypatch.setenv("SITREP_SPACY_MODEL", str(DEFAULT_MODEL_PATH))
    assert load_model() is load_model(str(DEFAULT_MODEL_PATH))


def test_missing_model_message(tmp_path):
    with pytest.raises(ModelNotFoundError):
        load_model(str(tmp_path / "nope"))
    with pytest.raises(ModelNotFoundError):
        load_model(str(tmp_path))  # a directory without config.cfg


def test_denied(nlp):
    doc = nlp("Pakistan denied the allegations.")
    root = [t for t in doc if t.dep_ == "ROOT"][0]
    assert root.text == "denied"
    assert root.lemma_ == "deny"
    pak = doc[0]
    assert pak.dep_ == "nsubj" and pak.head.i == root.i
    assert doc[3].dep_ == "obj" and doc[3].lemma_ == "allegation"


def test_supplied(nlp):
    doc = nlp("Turkey supplied drones to Pakistan.")
    drones = doc[2]
    assert drones.dep_ == "obj"
    assert drones.head.lemma_ == "supply"
    assert doc[0].dep_ == "nsubj"


@pytest.mark.parametrize(
    "text,word,lemma",
    [
        ("The ministry said the report was false.", "said", "say"),
        ("Rebels bought rifles last year.", "bought", "buy"),
        ("The army alleged that the rebels fired first.", "alleged", "allege"),
    ],
)
def test_news_verb_lemmas(nlp, text, word, lemma):
    doc = nlp(text)
    assert [t.lemma_ for t in doc if t.text == word] == [lemma]


def test_person(nlp):
    doc = nlp("Defence Minister Khawaja Asif said the strikes were unprovoked.")
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    assert persons, doc.ents
    assert any("Asif" in e.text for e in persons)


def test_paragraph_breaks(nlp):
    doc = nlp("Missile strike hits depot\n\nOfficials said on Monday that the depot was empty.\nNo one was hurt")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "Missile strike hits depot"
    assert sents[-1] == "No one was hurt"
    assert len(sents) == 3
